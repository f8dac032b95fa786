// SPDX-License-Identifier: GPL-2.0
/*
 * IRQ_SET and IRQ_GET of a pool or a member: requests parsed into what
 * irq.c takes, replies sized and filled from the copies it hands out.
 */
#include <linux/pci.h>
#include <linux/slab.h>

#include "netlink.h"
#include "policy.h"

/* A CPU list written out, however long: never cut short. */
int vfpool_nl_put_cpulist(struct sk_buff *skb, int type, const struct cpumask *mask)
{
	int len = snprintf(NULL, 0, "%*pbl", cpumask_pr_args(mask)) + 1;
	struct nlattr *attr;

	attr = nla_reserve(skb, type, len);
	if (!attr)
		return -EMSGSIZE;
	snprintf(nla_data(attr), len, "%*pbl", cpumask_pr_args(mask));
	return 0;
}

static size_t vfpool_nl_vector_size(const struct vfpool_vector_info *v)
{
	return nla_total_size(0) +
	       4 * nla_total_size(sizeof(u32)) +	/* INDEX, IRQ, CPU, STATUS */
	       vfpool_nl_str_size(v->cpus) +
	       (v->pending ? nla_total_size(0) : 0) +
	       (v->status == VFPOOL_VECTOR_STATUS_FAILED ? nla_total_size(sizeof(s32)) : 0);
}

static int vfpool_nl_put_vector(struct sk_buff *skb, const struct vfpool_vector_info *v)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, VFPOOL_IRQ_A_VECTOR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VFPOOL_VECTOR_A_INDEX, v->index) ||
	    nla_put_u32(skb, VFPOOL_VECTOR_A_IRQ, v->irq) ||
	    nla_put_string(skb, VFPOOL_VECTOR_A_CPUS, v->cpus) ||
	    nla_put_s32(skb, VFPOOL_VECTOR_A_EFFECTIVE_CPU, v->effective_cpu) ||
	    (v->pending && nla_put_flag(skb, VFPOOL_VECTOR_A_PENDING)) ||
	    nla_put_u32(skb, VFPOOL_VECTOR_A_STATUS, v->status) ||
	    (v->status == VFPOOL_VECTOR_STATUS_FAILED &&
	     nla_put_s32(skb, VFPOOL_VECTOR_A_ERROR, v->err))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Exactly what vfpool_nl_put_irq() writes for @irq. */
size_t vfpool_nl_irq_size(const struct vfpool_irq_info *irq)
{
	size_t size = nla_total_size(0) + vfpool_nl_str_size(irq->member.pool) +
		      vfpool_nl_member_size(&irq->member) +
		      nla_total_size(sizeof(u32));		/* POLICY */
	u32 i;

	if (irq->cpus)
		size += vfpool_nl_str_size(irq->cpus);
	if (irq->cpus_isolated)
		size += vfpool_nl_str_size(irq->cpus_isolated);
	if (irq->cpus_offline)
		size += vfpool_nl_str_size(irq->cpus_offline);
	if (irq->has_placed)
		size += nla_total_size(sizeof(u32));
	for (i = 0; i < irq->nvec; i++)
		size += vfpool_nl_vector_size(&irq->vec[i]);
	return size;
}

/* A member's IRQ nest: its policy and every vector. */
int vfpool_nl_put_irq(struct sk_buff *skb, const struct vfpool_irq_info *irq)
{
	struct nlattr *nest;
	u32 i;

	nest = nla_nest_start(skb, VFPOOL_A_IRQ);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPOOL_IRQ_A_POOL_NAME, irq->member.pool) ||
	    vfpool_nl_put_member(skb, VFPOOL_IRQ_A_MEMBER, &irq->member) ||
	    nla_put_u32(skb, VFPOOL_IRQ_A_POLICY, irq->policy) ||
	    (irq->cpus && nla_put_string(skb, VFPOOL_IRQ_A_CPUS, irq->cpus)) ||
	    (irq->cpus_isolated &&
	     nla_put_string(skb, VFPOOL_IRQ_A_CPUS_ISOLATED, irq->cpus_isolated)) ||
	    (irq->cpus_offline &&
	     nla_put_string(skb, VFPOOL_IRQ_A_CPUS_OFFLINE, irq->cpus_offline)) ||
	    (irq->has_placed && nla_put_u32(skb, VFPOOL_IRQ_A_PLACED, irq->placed)))
		goto err_cancel;
	for (i = 0; i < irq->nvec; i++)
		if (vfpool_nl_put_vector(skb, &irq->vec[i]))
			goto err_cancel;
	nla_nest_end(skb, nest);
	return 0;

err_cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Exactly what vfpool_nl_put_irq_pool() writes for @p. */
static size_t vfpool_nl_irq_pool_size(const struct vfpool_irq_pool_info *p)
{
	return nla_total_size(0) + vfpool_nl_str_size(p->pool) +
	       nla_total_size(sizeof(u32)) +		/* POLICY */
	       (p->cpus ? vfpool_nl_str_size(p->cpus) : 0) +
	       (p->banned ? vfpool_nl_str_size(p->banned) : 0) +
	       (p->has_placed ? nla_total_size(sizeof(u32)) : 0) +
	       p->nload * (nla_total_size(0) + 2 * nla_total_size(sizeof(u32)));
}

/* A pool's IRQ nest: its default policy and its per-CPU load. */
static int vfpool_nl_put_irq_pool(struct sk_buff *skb,
				  const struct vfpool_irq_pool_info *p)
{
	struct nlattr *nest, *load;
	u32 i;

	nest = nla_nest_start(skb, VFPOOL_A_IRQ);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPOOL_IRQ_A_POOL_NAME, p->pool) ||
	    nla_put_u32(skb, VFPOOL_IRQ_A_POLICY, p->policy) ||
	    (p->cpus && nla_put_string(skb, VFPOOL_IRQ_A_CPUS, p->cpus)) ||
	    (p->banned && nla_put_string(skb, VFPOOL_IRQ_A_BANNED_CPUS, p->banned)) ||
	    (p->has_placed && nla_put_u32(skb, VFPOOL_IRQ_A_PLACED, p->placed)))
		goto err_cancel;
	for (i = 0; i < p->nload; i++) {
		load = nla_nest_start(skb, VFPOOL_IRQ_A_CPU_LOAD);
		if (!load ||
		    nla_put_u32(skb, VFPOOL_CPU_LOAD_A_CPU, p->load[i].cpu) ||
		    nla_put_u32(skb, VFPOOL_CPU_LOAD_A_VECTORS, p->load[i].vectors))
			goto err_cancel;
		nla_nest_end(skb, load);
	}
	nla_nest_end(skb, nest);
	return 0;

err_cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/*
 * The CPU list in @attr (the pool's banned CPUs when @banned, which names
 * it in errors), into a new *@out. CPUs that exist but are
 * offline are taken: placements use the online ones.
 */
static int vfpool_nl_parse_cpus(struct nlattr *attr, bool banned,
				struct cpumask **out, struct netlink_ext_ack *extack)
{
	int err = -EINVAL;

/* The attribute's own name leads the message: a literal for each. */
#define VFPOOL_CPUS_ERR(banned_msg, cpus_msg)				\
	do {								\
		if (banned)						\
			NL_SET_ERR_MSG_ATTR(extack, attr, banned_msg);	\
		else							\
			NL_SET_ERR_MSG_ATTR(extack, attr, cpus_msg);	\
	} while (0)

	*out = vfpool_kzalloc(cpumask_size(), GFP_KERNEL);
	if (!*out)
		return -ENOMEM;
	switch (vfpool_irq_cpus_parse(nla_data(attr), *out, cpu_possible_mask,
				      nr_cpu_ids)) {
	case VFPOOL_CPUS_OK:
		/* Replies write it as ranges: they must fit where it came from. */
		if (snprintf(NULL, 0, "%*pbl", cpumask_pr_args(*out)) <=
		    VFPOOL_IRQ_CPUS_MAX)
			return 0;
		VFPOOL_CPUS_ERR("banned-cpus: longer than 1023 bytes once written as ranges",
				"cpus: longer than 1023 bytes once written as ranges");
		break;
	case VFPOOL_CPUS_SYNTAX:
		VFPOOL_CPUS_ERR("banned-cpus: not a CPU list (like 0-3,8)",
				"cpus: not a CPU list (like 0-3,8)");
		break;
	case VFPOOL_CPUS_NO_SUCH_CPU:
	case VFPOOL_CPUS_OFFLINE:	/* not possible: it cannot come online */
		VFPOOL_CPUS_ERR("banned-cpus: a CPU that does not exist",
				"cpus: a CPU that does not exist");
		err = -ERANGE;
		break;
	case VFPOOL_CPUS_EMPTY:
		VFPOOL_CPUS_ERR("banned-cpus: empty CPU list", "cpus: empty CPU list");
		break;
	}
#undef VFPOOL_CPUS_ERR
	kfree(*out);
	*out = NULL;
	return err;
}

/*
 * An IRQ policy and its CPU list, from @policy and @cpus (either may be
 * NULL), and the pool's banned CPUs from @banned (may be NULL; "" bans
 * none), into @set; set->cpus is allocated for VFPOOL_IRQ_POLICY_CPUS.
 */
int vfpool_nl_parse_irq(struct nlattr *nest, struct nlattr *policy,
			int cpus_type, struct nlattr *cpus, struct nlattr *banned,
			struct vfpool_irq_setting *set,
			struct netlink_ext_ack *extack)
{
	int err;

	set->policy = policy ? nla_get_u32(policy) : VFPOOL_IRQ_POLICY_NONE;
	set->cpus = NULL;
	set->banned = NULL;
	if (cpus && set->policy != VFPOOL_IRQ_POLICY_CPUS) {
		NL_SET_ERR_MSG_ATTR(extack, cpus, "cpus: only with the cpus policy");
		return -EINVAL;
	}
	if (set->policy == VFPOOL_IRQ_POLICY_CPUS && !cpus) {
		NL_SET_ERR_ATTR_MISS(extack, nest, cpus_type);
		NL_SET_ERR_MSG(extack, "cpus: the cpus policy needs a CPU list");
		return -EINVAL;
	}
	if (cpus) {
		err = vfpool_nl_parse_cpus(cpus, false, &set->cpus, extack);
		if (err)
			return err;
	}
	if (banned && *(char *)nla_data(banned)) {
		err = vfpool_nl_parse_cpus(banned, true, &set->banned, extack);
		if (err) {
			vfpool_irq_setting_free(set);
			return err;
		}
	}
	return 0;
}

/*
 * The PCI function of the member @tb names (by PCI address or netdev),
 * counted; NULL with @err set when there is none.
 */
static struct pci_dev *vfpool_nl_irq_pdev(struct nlattr **tb,
					  struct netlink_ext_ack *extack,
					  int *err)
{
	struct vfpool_member *m;
	struct pci_dev *pdev;
	struct nlattr *a;

	a = tb[VFPOOL_IRQ_A_MEMBER_PCI] ?: tb[VFPOOL_IRQ_A_MEMBER_IFNAME] ?:
	    tb[VFPOOL_IRQ_A_MEMBER_IFINDEX];
	mutex_lock(&vfpool_lock);
	m = vfpool_nl_member(tb[VFPOOL_IRQ_A_MEMBER_PCI], tb[VFPOOL_IRQ_A_MEMBER_IFNAME],
			     tb[VFPOOL_IRQ_A_MEMBER_IFINDEX]);
	pdev = m ? pci_dev_get(m->pdev) : NULL;
	mutex_unlock(&vfpool_lock);
	if (!m) {
		NL_SET_ERR_MSG_ATTR(extack, a, "member: no pool has it");
		*err = -ENOENT;
	} else if (!pdev) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "member: no PCI function, so no MSI vectors to place");
		*err = -EOPNOTSUPP;
	}
	return pdev;
}

/* IRQ requests name a pool or a member: exactly one of them. */
static int vfpool_nl_irq_target(struct genl_info *info, struct nlattr **tb)
{
	if (!!tb[VFPOOL_IRQ_A_POOL_NAME] + !!tb[VFPOOL_IRQ_A_MEMBER_PCI] +
	    !!tb[VFPOOL_IRQ_A_MEMBER_IFINDEX] + !!tb[VFPOOL_IRQ_A_MEMBER_IFNAME] != 1) {
		NL_SET_ERR_MSG(info->extack, "irq: give one of pool-name, member-*");
		return -EINVAL;
	}
	return 0;
}

/* A reply holding @irq alone. */
static int vfpool_nl_irq_reply(struct genl_info *info, struct vfpool_irq_info *irq)
{
	struct vfpool_nl_reply reply;
	int err;

	err = vfpool_nl_reply_start(&reply, info, vfpool_nl_irq_size(irq));
	if (!err) {
		WARN_ON_ONCE(vfpool_nl_put_irq(reply.skb, irq));
		err = vfpool_nl_reply_send(&reply);
	}
	vfpool_irq_info_free(irq);
	return err;
}

/* The IRQ nest of the pool @name: its policy and per-CPU load. */
static int vfpool_nl_irq_pool_get(struct genl_info *info, struct nlattr *name)
{
	struct vfpool_irq_pool_info *p = NULL;
	struct vfpool_nl_reply reply;
	struct vfpool_pool *pool;
	int err;

	mutex_lock(&vfpool_lock);
	pool = vfpool_nl_pool(info->extack, name);
	p = pool ? vfpool_irq_pool_info(pool, NULL) : ERR_PTR(-ENOENT);
	mutex_unlock(&vfpool_lock);
	if (IS_ERR(p))
		return PTR_ERR(p);
	err = vfpool_nl_reply_start(&reply, info, vfpool_nl_irq_pool_size(p));
	if (!err) {
		WARN_ON_ONCE(vfpool_nl_put_irq_pool(reply.skb, p));
		err = vfpool_nl_reply_send(&reply);
	}
	vfpool_irq_pool_info_free(p);
	return err;
}

/*
 * IRQ_SET of the pool @tb names: @want's policy (when the request has
 * one) and the banned CPUs (when it has them) become the pool's, and its
 * members are placed by them at once. The reply is sized and allocated
 * before anything changes; its load is read again after the placement.
 */
static int vfpool_nl_irq_pool_set(struct genl_info *info, struct nlattr **tb,
				  struct vfpool_irq_setting *want)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vfpool_irq_pool_info *p = NULL;
	struct vfpool_irq_setting next = {};
	struct vfpool_irq_pdevs pdevs = {};
	struct vfpool_nl_reply reply;
	struct vfpool_pool *pool;
	u32 placed;
	int err;

	if (!tb[VFPOOL_IRQ_A_POLICY] && !tb[VFPOOL_IRQ_A_BANNED_CPUS]) {
		NL_SET_ERR_ATTR_MISS(extack, info->attrs[VFPOOL_A_IRQ], VFPOOL_IRQ_A_POLICY);
		NL_SET_ERR_MSG(extack, "policy: needed to set a pool's default (or banned-cpus)");
		return -EINVAL;
	}
	mutex_lock(&vfpool_lock);
	pool = vfpool_nl_pool(extack, tb[VFPOOL_IRQ_A_POOL_NAME]);
	if (!pool) {
		err = -ENOENT;
		goto out_unlock;
	}
	/* The pool's setting as it is, with what the request changes. */
	err = vfpool_irq_setting_copy(&next, &pool->irq);
	if (err)
		goto out_unlock;
	if (tb[VFPOOL_IRQ_A_POLICY]) {
		next.policy = want->policy;
		swap(next.cpus, want->cpus);
	}
	if (tb[VFPOOL_IRQ_A_BANNED_CPUS])
		swap(next.banned, want->banned);
	err = vfpool_irq_setting_check(&next, extack);
	if (err)
		goto out_unlock;
	p = vfpool_irq_pool_info(pool, &next);
	if (IS_ERR(p)) {
		err = PTR_ERR(p);
		goto out_unlock;
	}
	p->has_placed = true;
	err = vfpool_nl_reply_start(&reply, info, vfpool_nl_irq_pool_size(p));
	if (err)
		goto out_unlock;
	err = vfpool_irq_pool_set(pool, &next, &pdevs);
	if (err) {
		vfpool_nl_reply_free(&reply);
		goto out_unlock;
	}
	mutex_unlock(&vfpool_lock);

	placed = vfpool_irq_pool_place(&pdevs);
	mutex_lock(&vfpool_lock);
	pool = vfpool_pool_find(p->pool);
	if (pool)
		vfpool_irq_pool_info_refresh(pool, p);
	mutex_unlock(&vfpool_lock);
	p->placed = placed;
	WARN_ON_ONCE(vfpool_nl_put_irq_pool(reply.skb, p));
	vfpool_irq_pool_info_free(p);
	vfpool_irq_setting_free(&next);
	return vfpool_nl_reply_send(&reply);

out_unlock:
	mutex_unlock(&vfpool_lock);
	vfpool_irq_pool_info_free(p);
	vfpool_irq_setting_free(&next);
	return err;
}

int vfpool_nl_irq_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct netlink_ext_ack *extack = info->extack;
	struct vfpool_irq_setting irq;
	struct vfpool_irq_info *placed;
	struct pci_dev *pdev;
	int err;

	err = vfpool_nl_irq_target(info, tb);
	if (err)
		return err;
	if (tb[VFPOOL_IRQ_A_BANNED_CPUS] && !tb[VFPOOL_IRQ_A_POOL_NAME]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_IRQ_A_BANNED_CPUS],
				    "banned-cpus: a pool's, set with pool-name");
		return -EINVAL;
	}
	err = vfpool_nl_parse_irq(info->attrs[VFPOOL_A_IRQ], tb[VFPOOL_IRQ_A_POLICY],
				  VFPOOL_IRQ_A_CPUS, tb[VFPOOL_IRQ_A_CPUS],
				  tb[VFPOOL_IRQ_A_BANNED_CPUS], &irq, extack);
	if (err)
		return err;

	if (tb[VFPOOL_IRQ_A_POOL_NAME]) {
		err = vfpool_nl_irq_pool_set(info, tb, &irq);
		goto out_irq;
	}

	pdev = vfpool_nl_irq_pdev(tb, extack, &err);
	if (!pdev)
		goto out_irq;
	placed = vfpool_irq_set_member(pdev, tb[VFPOOL_IRQ_A_POLICY] ? &irq : NULL,
				       extack);
	pci_dev_put(pdev);
	err = IS_ERR(placed) ? PTR_ERR(placed) : vfpool_nl_irq_reply(info, placed);
out_irq:
	vfpool_irq_setting_free(&irq);
	return err;
}

int vfpool_nl_irq_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_irq_info *irq;
	struct pci_dev *pdev;
	int err;

	err = vfpool_nl_irq_target(info, tb);
	if (err)
		return err;
	if (tb[VFPOOL_IRQ_A_POOL_NAME])
		return vfpool_nl_irq_pool_get(info, tb[VFPOOL_IRQ_A_POOL_NAME]);

	pdev = vfpool_nl_irq_pdev(tb, info->extack, &err);
	if (!pdev)
		return err;
	irq = vfpool_irq_member_info(pdev);
	pci_dev_put(pdev);
	return IS_ERR(irq) ? PTR_ERR(irq) : vfpool_nl_irq_reply(info, irq);
}

/*
 * One message per member with a PCI function. The member's vectors are
 * read under its device_lock, which is taken before vfpool_lock: the
 * member is found under vfpool_lock, and looked up again after.
 */
int vfpool_nl_irq_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[0];
	struct vfpool_irq_info *irq;
	struct vfpool_member *m;
	struct pci_dev *pdev;
	const char *pool;
	void *hdr;
	int err;

	err = vfpool_nl_dump_pool_filter(cb, VFPOOL_IRQ_A_POOL_NAME, &pool);
	if (err)
		return err;

	for (;;) {
		mutex_lock(&vfpool_lock);
		cb->seq = vfpool_gen;
		pdev = NULL;
		xa_for_each_start(&vfpool_members, id, m, id) {
			if (!m->pdev || (pool && strcmp(m->pool->name, pool)))
				continue;
			pdev = pci_dev_get(m->pdev);
			break;
		}
		mutex_unlock(&vfpool_lock);
		if (!pdev)
			break;
		irq = vfpool_irq_member_info(pdev);
		pci_dev_put(pdev);
		if (PTR_ERR_OR_ZERO(irq) == -ENODEV) {	/* left its pool meanwhile */
			id++;
			continue;
		}
		if (IS_ERR(irq))
			return skb->len ?: PTR_ERR(irq);
		hdr = vfpool_nl_dump_start_msg(skb, cb, VFPOOL_CMD_IRQ_GET);
		err = hdr ? vfpool_nl_put_irq(skb, irq) : -EMSGSIZE;
		vfpool_irq_info_free(irq);
		if (err) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			/* A member too big for an empty message is an error. */
			return skb->len ?: err;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = ++id;
	}
	return skb->len;
}
