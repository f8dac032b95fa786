// SPDX-License-Identifier: GPL-2.0
/*
 * The "vfpool" generic netlink family: policies, handlers, dumps and
 * events. include/uapi/linux/vfpool.h documents the protocol.
 *
 * Locking (see vfpool.h): handlers take RTNL (when they touch netdevs)
 * before vfpool_lock. Dumps take vfpool_lock for one message batch and
 * resume from a cursor in cb->args[0]. Member and lease dumps walk their
 * xarray by id: an object that lives through the whole dump is sent
 * exactly once whatever changes around it, so they never set
 * NLM_F_DUMP_INTR (under steady churn a marked dump would never finish).
 * The pool dump resumes by position in a list, so its cb->seq follows
 * vfpool_gen, which moves when a pool is added or removed. The IRQ
 * handlers hold neither RTNL nor vfpool_lock when they call into irq.c,
 * which takes a member's device_lock first; the IRQ dump finds each
 * member under vfpool_lock, drops it, and lets irq.c look the member up
 * again.
 */
#include <linux/if_link.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>

#include "compat.h"
#include "netlink-gen.h"
#include "policy.h"
#include "vfpool.h"

static struct genl_family vfpool_family;

/* The pool's nest (a CPU list is at most VFPOOL_IRQ_CPUS_MAX) and its load. */
#define VFPOOL_IRQ_POOL_MSG_SIZE	(NLMSG_GOODSIZE + nr_cpu_ids * 32)

/*
 * The policies, one per command and nest (what a request may carry, no
 * more), and the ops are generated from the YNL spec into netlink-gen.c;
 * the core validates each request against its op's policy, nests
 * included, before pre_doit.
 */

/*
 * Parse the object nest @top of a request into @tb. The nest was already
 * validated against @policy with the request; a missing one is an error
 * that names it.
 */
static int vfpool_parse(struct genl_info *info, int top, struct nlattr **tb,
			int maxtype, const struct nla_policy *policy)
{
	if (GENL_REQ_ATTR_CHECK(info, top))
		return -EINVAL;
	return nla_parse_nested(tb, maxtype, info->attrs[top], policy,
				info->extack);
}

/* A required string of the nest: present, and a valid name; @what is a literal. */
static const char *vfpool_name_attr(struct genl_info *info, int top,
				    struct nlattr **tb, int type, size_t max,
				    const char *what)
{
	const char *name;

	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[top], tb, type))
		return NULL;
	name = nla_data(tb[type]);
	if (!vfpool_name_valid(name, max)) {
		NL_SET_BAD_ATTR(info->extack, tb[type]);
		if (info->extack)
			info->extack->_msg = what;
		return NULL;
	}
	return name;
}

/* ---- replies ---- */

/* A reply of @size bytes to @info, its header put; NULL on -ENOMEM. */
static struct sk_buff *vfpool_reply_new(struct genl_info *info, size_t size,
					void **hdr)
{
	struct sk_buff *msg;

	msg = vfpool_should_fail() ? NULL : genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &vfpool_family, 0,
				 info->genlhdr->cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Start @r, a reply to @info with room for @size bytes; false on ENOMEM. */
static bool vfpool_reply_start(struct vfpool_reply *r, struct genl_info *info,
			       size_t size)
{
	r->info = info;
	r->skb = vfpool_reply_new(info, size, &r->hdr);
	return r->skb;
}

static int vfpool_reply_send(struct vfpool_reply *r)
{
	genlmsg_end(r->skb, r->hdr);
	return genlmsg_reply(r->skb, r->info);
}

int vfpool_reply_reserve(struct vfpool_reply *r, size_t size)
{
	size_t len = skb_tail_pointer(r->skb) - (unsigned char *)r->hdr;
	struct sk_buff *skb;
	void *hdr;

	if (skb_tailroom(r->skb) >= size)
		return 0;
	skb = vfpool_reply_new(r->info, len + size, &hdr);
	if (!skb)
		return -ENOMEM;
	skb_put_data(skb, r->hdr, len);
	nlmsg_free(r->skb);
	r->skb = skb;
	r->hdr = hdr;
	return 0;
}

/*
 * @pdev's IRQ nest into @r. Its vectors are read under irq.c's locks, so
 * the nest is sized by trying: grown until it fits.
 */
int vfpool_reply_irq_member(struct vfpool_reply *r, struct pci_dev *pdev)
{
	size_t more = vfpool_irq_member_size(pdev);
	int err;

	for (;;) {
		err = vfpool_reply_reserve(r, more);
		if (err)
			return err;
		err = vfpool_irq_put_member(r->skb, pdev);
		if (err != -EMSGSIZE)
			return err;
		more = 2 * skb_tailroom(r->skb);
	}
}

/* A CPU list as "%*pbl" writes it, however long: never cut short. */
int vfpool_put_cpulist(struct sk_buff *skb, int type, const struct cpumask *mask)
{
	int len = snprintf(NULL, 0, "%*pbl", cpumask_pr_args(mask)) + 1;
	struct nlattr *attr;

	attr = nla_reserve(skb, type, len);
	if (!attr)
		return -EMSGSIZE;
	snprintf(nla_data(attr), len, "%*pbl", cpumask_pr_args(mask));
	return 0;
}

static size_t vfpool_str_size(const char *s)
{
	return nla_total_size(strlen(s) + 1);
}

/* A VF config nest with every attribute: what any config may hold. */
static size_t vfpool_vf_config_size(void)
{
	return nla_total_size(0) +
	       nla_total_size(ETH_ALEN) +		/* MAC */
	       2 * nla_total_size(sizeof(u16)) +	/* VLAN, VLAN_PROTO */
	       3 * nla_total_size(sizeof(u8)) +		/* QOS, SPOOFCHK, TRUST */
	       4 * nla_total_size(sizeof(u32));		/* LINK_STATE, rates, MTU */
}

static const char *vfpool_member_driver(const struct vfpool_member *m);

/* The most vfpool_put_member() writes for @m, held by @lease or none. */
static size_t vfpool_member_size(const struct vfpool_member *m,
				 const struct vfpool_lease *lease)
{
	const char *driver = vfpool_member_driver(m);

	return nla_total_size(0) + vfpool_str_size(m->pool->name) +
	       /* STATE, NUMA_NODE, IFINDEX, PF_IFINDEX, VF_INDEX */
	       5 * nla_total_size(sizeof(u32)) +
	       vfpool_str_size(m->ifname) + vfpool_str_size(m->pci) +
	       vfpool_str_size(m->pf_ifname) + vfpool_str_size(m->pf_pci) +
	       (driver ? vfpool_str_size(driver) : 0) +
	       (lease ? nla_total_size_64bit(sizeof(u64)) +
			vfpool_str_size(lease->owner) : 0);
}

/* The most vfpool_put_lease() writes for @lease, in whatever state. */
size_t vfpool_lease_size(const struct vfpool_lease *lease)
{
	return nla_total_size(0) +
	       2 * nla_total_size_64bit(sizeof(u64)) +	/* ID, NETNS_COOKIE */
	       vfpool_str_size(lease->member->pool->name) +
	       vfpool_str_size(lease->owner) + vfpool_str_size(lease->ifname) +
	       vfpool_str_size(lease->network) +
	       nla_total_size(sizeof(u32)) +		/* IFINDEX */
	       vfpool_member_size(lease->member, lease) +
	       2 * vfpool_vf_config_size() +		/* VF_CONFIG, SAVED */
	       nla_total_size(sizeof(u32)) + nla_total_size(IFNAMSIZ) +
	       nla_total_size(0);			/* BOND_* */
}

static int vfpool_put_vf_config(struct sk_buff *skb, int type,
				const struct vfpool_vf_config *cfg)
{
	struct nlattr *nest;

	if (!cfg->set)
		return 0;
	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if ((VFPOOL_VF_HAS(cfg, MAC) &&
	     nla_put(skb, VFPOOL_VF_A_MAC, ETH_ALEN, cfg->mac)) ||
	    (VFPOOL_VF_HAS(cfg, VLAN) && nla_put_u16(skb, VFPOOL_VF_A_VLAN, cfg->vlan)) ||
	    (VFPOOL_VF_HAS(cfg, VLAN_QOS) &&
	     nla_put_u8(skb, VFPOOL_VF_A_VLAN_QOS, cfg->qos)) ||
	    (VFPOOL_VF_HAS(cfg, VLAN_PROTO) &&
	     nla_put_u16(skb, VFPOOL_VF_A_VLAN_PROTO, cfg->vlan_proto)) ||
	    (VFPOOL_VF_HAS(cfg, SPOOFCHK) &&
	     nla_put_u8(skb, VFPOOL_VF_A_SPOOFCHK, cfg->spoofchk)) ||
	    (VFPOOL_VF_HAS(cfg, TRUST) && nla_put_u8(skb, VFPOOL_VF_A_TRUST, cfg->trust)) ||
	    (VFPOOL_VF_HAS(cfg, LINK_STATE) &&
	     nla_put_u32(skb, VFPOOL_VF_A_LINK_STATE, cfg->link_state)) ||
	    (VFPOOL_VF_HAS(cfg, MIN_TX_RATE) &&
	     nla_put_u32(skb, VFPOOL_VF_A_MIN_TX_RATE, cfg->min_tx_rate)) ||
	    (VFPOOL_VF_HAS(cfg, MAX_TX_RATE) &&
	     nla_put_u32(skb, VFPOOL_VF_A_MAX_TX_RATE, cfg->max_tx_rate)) ||
	    (VFPOOL_VF_HAS(cfg, MTU) && nla_put_u32(skb, VFPOOL_VF_A_MTU, cfg->mtu))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static const char *vfpool_member_driver(const struct vfpool_member *m)
{
	if (m->pdev && m->pdev->dev.driver)
		return m->pdev->dev.driver->name;
	if (m->dev && m->dev->dev.parent && m->dev->dev.parent->driver)
		return m->dev->dev.parent->driver->name;
	if (m->dev && m->dev->rtnl_link_ops)
		return m->dev->rtnl_link_ops->kind;
	return NULL;
}

int vfpool_put_member(struct sk_buff *skb, int type,
		      const struct vfpool_member *m)
{
	const char *driver = vfpool_member_driver(m);
	struct nlattr *nest;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPOOL_MEMBER_A_POOL_NAME, m->pool->name) ||
	    nla_put_u32(skb, VFPOOL_MEMBER_A_STATE, m->state) ||
	    nla_put_s32(skb, VFPOOL_MEMBER_A_NUMA_NODE, m->numa_node) ||
	    (m->ifname[0] &&
	     (nla_put_u32(skb, VFPOOL_MEMBER_A_IFINDEX, m->ifindex) ||
	      nla_put_string(skb, VFPOOL_MEMBER_A_IFNAME, m->ifname))) ||
	    (m->pci[0] && nla_put_string(skb, VFPOOL_MEMBER_A_PCI, m->pci)) ||
	    (m->pf && nla_put_u32(skb, VFPOOL_MEMBER_A_PF_IFINDEX, m->pf->ifindex)) ||
	    (m->pf_ifname[0] &&
	     nla_put_string(skb, VFPOOL_MEMBER_A_PF_IFNAME, m->pf_ifname)) ||
	    (m->pf_pci[0] && nla_put_string(skb, VFPOOL_MEMBER_A_PF_PCI, m->pf_pci)) ||
	    (m->vf != VFPOOL_NO_VF && nla_put_u32(skb, VFPOOL_MEMBER_A_VF_INDEX, m->vf)) ||
	    (driver && nla_put_string(skb, VFPOOL_MEMBER_A_DRIVER, driver)) ||
	    (m->lease &&
	     (nla_put_u64_64bit(skb, VFPOOL_MEMBER_A_LEASE_ID, m->lease->id,
				VFPOOL_MEMBER_A_PAD) ||
	      nla_put_string(skb, VFPOOL_MEMBER_A_OWNER_ID, m->lease->owner)))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vfpool_put_pool(struct sk_buff *skb, const struct vfpool_pool *pool)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, VFPOOL_A_POOL);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPOOL_POOL_A_NAME, pool->name) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_TOTAL, pool->total) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_FREE, pool->nfree) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_LEASED, pool->nleased) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_GONE, pool->ngone) ||
	    (pool->pf_ifname[0] &&
	     (nla_put_u32(skb, VFPOOL_POOL_A_PF_IFINDEX, pool->pf_ifindex) ||
	      nla_put_string(skb, VFPOOL_POOL_A_PF_IFNAME, pool->pf_ifname))) ||
	    (pool->pf_pci[0] && nla_put_string(skb, VFPOOL_POOL_A_PF_PCI, pool->pf_pci)) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_IRQ_POLICY, pool->irq.policy) ||
	    (pool->irq.cpus &&
	     vfpool_put_cpulist(skb, VFPOOL_POOL_A_IRQ_CPUS, pool->irq.cpus))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The bond of @lease, by its name now or, if it is gone, when joined. */
static int vfpool_put_lease_bond(struct sk_buff *skb,
				 const struct vfpool_lease *lease)
{
	char name[IFNAMSIZ];
	struct net_device *bond;

	strscpy(name, lease->bond_name, sizeof(name));
	/* No netns: it was dying when the lease ended; keep the old name. */
	if (lease->net) {
		rcu_read_lock();
		bond = dev_get_by_index_rcu(lease->net, lease->bond_ifindex);
		if (bond)
			strscpy(name, bond->name, sizeof(name));
		rcu_read_unlock();
	}
	if (nla_put_u32(skb, VFPOOL_LEASE_A_BOND_IFINDEX, lease->bond_ifindex) ||
	    nla_put_string(skb, VFPOOL_LEASE_A_BOND_IFNAME, name) ||
	    (lease->bond_external &&
	     nla_put_flag(skb, VFPOOL_LEASE_A_BOND_EXTERNAL)))
		return -EMSGSIZE;
	return 0;
}

int vfpool_put_lease(struct sk_buff *skb, const struct vfpool_lease *lease)
{
	const struct vfpool_member *m = lease->member;
	struct nlattr *nest;

	nest = nla_nest_start(skb, VFPOOL_A_LEASE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VFPOOL_LEASE_A_ID, lease->id, VFPOOL_LEASE_A_PAD) ||
	    nla_put_string(skb, VFPOOL_LEASE_A_POOL_NAME, m->pool->name) ||
	    nla_put_string(skb, VFPOOL_LEASE_A_OWNER_ID, lease->owner) ||
	    (lease->ifname[0] &&
	     nla_put_string(skb, VFPOOL_LEASE_A_IFNAME, lease->ifname)) ||
	    (lease->network[0] &&
	     nla_put_string(skb, VFPOOL_LEASE_A_NETWORK, lease->network)) ||
	    (lease->net_cookie &&
	     nla_put_u64_64bit(skb, VFPOOL_LEASE_A_NETNS_COOKIE, lease->net_cookie,
			       VFPOOL_LEASE_A_PAD)) ||
	    (test_bit(VFPOOL_DONE_MOVED, &lease->done) && m->dev &&
	     nla_put_u32(skb, VFPOOL_LEASE_A_IFINDEX, m->dev->ifindex)) ||
	    vfpool_put_member(skb, VFPOOL_LEASE_A_MEMBER, m) ||
	    vfpool_put_vf_config(skb, VFPOOL_LEASE_A_VF_CONFIG, &lease->applied) ||
	    (test_bit(VFPOOL_DONE_VF_SAVED, &lease->done) &&
	     vfpool_put_vf_config(skb, VFPOOL_LEASE_A_SAVED_CONFIG, &lease->saved)) ||
	    (lease->bond_ifindex && vfpool_put_lease_bond(skb, lease))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* ---- events ---- */

static void vfpool_notify(u8 cmd, enum vfpool_event ev, enum vfpool_reason reason,
			  const void *obj)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	if (!genl_has_listeners(&vfpool_family, &init_net, 0))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		goto err;
	hdr = genlmsg_put(skb, 0, 0, &vfpool_family, 0, cmd);
	if (!hdr)
		goto err_free;
	err = nla_put_u32(skb, VFPOOL_A_EVENT, ev);
	if (!err) {
		switch (cmd) {
		case VFPOOL_CMD_POOL_NTF:
			err = vfpool_put_pool(skb, obj);
			break;
		case VFPOOL_CMD_MEMBER_NTF:
			err = vfpool_put_member(skb, VFPOOL_A_MEMBER, obj);
			break;
		default:
			if (ev == VFPOOL_EVENT_LEASE_RELEASED ||
			    ev == VFPOOL_EVENT_LEASE_RECLAIMED)
				err = nla_put_u32(skb, VFPOOL_A_REASON, reason);
			err = err ?: vfpool_put_lease(skb, obj);
			break;
		}
	}
	if (err)
		goto err_free;
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&vfpool_family, &init_net, skb, 0, 0, GFP_KERNEL);
	return;

err_free:
	nlmsg_free(skb);
err:
	pr_warn_ratelimited("event %u lost\n", ev);
}

void vfpool_notify_pool(const struct vfpool_pool *pool, enum vfpool_event ev)
{
	vfpool_notify(VFPOOL_CMD_POOL_NTF, ev, 0, pool);
}

void vfpool_notify_member(const struct vfpool_member *m, enum vfpool_event ev)
{
	vfpool_notify(VFPOOL_CMD_MEMBER_NTF, ev, 0, m);
}

void vfpool_notify_lease(const struct vfpool_lease *lease, enum vfpool_event ev,
			 enum vfpool_reason reason)
{
	vfpool_notify(VFPOOL_CMD_LEASE_NTF, ev, reason, lease);
}

/* ---- pools ---- */

/* The PF named by one of @tb's attributes, or NULL with @err set. */
static struct net_device *vfpool_pf_dev(struct genl_info *info, struct nlattr *idx,
					struct nlattr *name, int *err)
{
	struct net_device *dev = NULL;

	*err = 0;
	if (idx)
		dev = __dev_get_by_index(genl_info_net(info), nla_get_u32(idx));
	else if (name)
		dev = __dev_get_by_name(genl_info_net(info), nla_data(name));
	else
		return NULL;
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, idx ?: name, "pf: no such netdev");
		*err = -ENODEV;
	} else if (!net_eq(dev_net(dev), &init_net)) {
		NL_SET_ERR_MSG_ATTR(info->extack, idx ?: name,
				    "pf: must be in the initial netns");
		*err = -EINVAL;
		dev = NULL;
	}
	return dev;
}

/*
 * An IRQ policy and its CPU list, from @policy and @cpus (either may be
 * NULL), into @set; set->cpus is allocated for VFPOOL_IRQ_POLICY_CPUS.
 */
static int vfpool_parse_irq(struct nlattr *nest, struct nlattr *policy,
			    int cpus_type, struct nlattr *cpus,
			    struct vfpool_irq_setting *set,
			    struct netlink_ext_ack *extack)
{
	const char *why;
	int err;

	set->policy = policy ? nla_get_u32(policy) : VFPOOL_IRQ_POLICY_NONE;
	set->cpus = NULL;
	if (cpus && set->policy != VFPOOL_IRQ_POLICY_CPUS) {
		NL_SET_ERR_MSG_ATTR(extack, cpus, "cpus: only with the cpus policy");
		return -EINVAL;
	}
	if (set->policy != VFPOOL_IRQ_POLICY_CPUS)
		return 0;
	if (!cpus) {
		NL_SET_ERR_ATTR_MISS(extack, nest, cpus_type);
		NL_SET_ERR_MSG(extack, "cpus: the cpus policy needs a CPU list");
		return -EINVAL;
	}
	set->cpus = vfpool_kzalloc(cpumask_size(), GFP_KERNEL);
	if (!set->cpus)
		return -ENOMEM;
	err = vfpool_irq_cpus_parse(nla_data(cpus), set->cpus, cpu_online_mask,
				    nr_cpu_ids, &why);
	/* Replies write it as ranges: they must fit where it came from. */
	if (!err && snprintf(NULL, 0, "%*pbl", cpumask_pr_args(set->cpus)) >
		    VFPOOL_IRQ_CPUS_MAX) {
		why = "cpus: longer than 1023 bytes once written as ranges";
		err = -EINVAL;
	}
	if (err) {
		NL_SET_BAD_ATTR(extack, cpus);
		if (extack)
			extack->_msg = why;
		vfpool_irq_setting_free(set);
	}
	return err;
}

int vfpool_nl_pool_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_POOL_A_MAX + 1];
	struct vfpool_irq_setting irq;
	struct pci_dev *pdev = NULL;
	struct net_device *pf;
	const char *name;
	int err;

	err = vfpool_parse(info, VFPOOL_A_POOL, tb, VFPOOL_POOL_A_MAX,
			   vfpool_pool_new_input_nl_policy);
	if (err)
		return err;
	name = vfpool_name_attr(info, VFPOOL_A_POOL, tb, VFPOOL_POOL_A_NAME,
				VFPOOL_POOL_NAME_MAX, "pool name: empty or not a valid name");
	if (!name)
		return -EINVAL;
	if (!!tb[VFPOOL_POOL_A_PF_IFINDEX] + !!tb[VFPOOL_POOL_A_PF_IFNAME] +
	    !!tb[VFPOOL_POOL_A_PF_PCI] > 1) {
		NL_SET_ERR_MSG(info->extack, "pf: give one of pf-ifindex, pf-ifname, pf-pci");
		return -EINVAL;
	}
	err = vfpool_parse_irq(info->attrs[VFPOOL_A_POOL], tb[VFPOOL_POOL_A_IRQ_POLICY],
			       VFPOOL_POOL_A_IRQ_CPUS, tb[VFPOOL_POOL_A_IRQ_CPUS],
			       &irq, info->extack);
	if (err)
		return err;
	if (tb[VFPOOL_POOL_A_PF_PCI]) {
		pdev = vfpool_pci_get(nla_data(tb[VFPOOL_POOL_A_PF_PCI]));
		if (!pdev) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[VFPOOL_POOL_A_PF_PCI],
					    "pf-pci: no such PCI device");
			err = -ENODEV;
			goto out_irq;
		}
	}

	rtnl_lock();
	pf = vfpool_pf_dev(info, tb[VFPOOL_POOL_A_PF_IFINDEX],
			   tb[VFPOOL_POOL_A_PF_IFNAME], &err);
	if (!err) {
		mutex_lock(&vfpool_lock);
		err = vfpool_pool_new(name, pf, pdev, &irq, info->extack);
		mutex_unlock(&vfpool_lock);
	}
	rtnl_unlock();
	pci_dev_put(pdev);
out_irq:
	vfpool_irq_setting_free(&irq);
	return err;
}

int vfpool_nl_pool_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_POOL_A_MAX + 1];
	struct vfpool_pool *pool;
	u32 flags = 0;
	int err;

	err = vfpool_parse(info, VFPOOL_A_POOL, tb, VFPOOL_POOL_A_MAX,
			   vfpool_pool_del_input_nl_policy);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VFPOOL_A_POOL], tb,
			      VFPOOL_POOL_A_NAME))
		return -EINVAL;
	if (tb[VFPOOL_POOL_A_FLAGS])
		flags = nla_get_u32(tb[VFPOOL_POOL_A_FLAGS]);

	rtnl_lock();
	mutex_lock(&vfpool_lock);
	pool = vfpool_pool_find(nla_data(tb[VFPOOL_POOL_A_NAME]));
	if (!pool) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VFPOOL_POOL_A_NAME],
				    "pool name: no such pool");
		err = -ENOENT;
	} else {
		err = vfpool_pool_del(pool, flags & VFPOOL_POOL_F_FORCE,
				      info->extack);
	}
	mutex_unlock(&vfpool_lock);
	rtnl_unlock();
	return err;
}

int vfpool_nl_pool_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_POOL_A_MAX + 1];
	struct vfpool_pool *pool;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = vfpool_parse(info, VFPOOL_A_POOL, tb, VFPOOL_POOL_A_MAX,
			   vfpool_pool_get_input_nl_policy);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VFPOOL_A_POOL], tb,
			      VFPOOL_POOL_A_NAME))
		return -EINVAL;
	msg = vfpool_reply_new(info, NLMSG_GOODSIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&vfpool_lock);
	pool = vfpool_pool_find(nla_data(tb[VFPOOL_POOL_A_NAME]));
	if (pool)
		err = vfpool_put_pool(msg, pool);
	mutex_unlock(&vfpool_lock);
	if (!pool) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VFPOOL_POOL_A_NAME],
				    "pool name: no such pool");
		err = -ENOENT;
	}
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

/* Start a dump message; NULL when @skb is full. */
static void *vfpool_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			     u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &vfpool_family, NLM_F_MULTI, cmd);
	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

int vfpool_nl_pool_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vfpool_pool *pool;
	long i = 0;
	void *hdr;

	mutex_lock(&vfpool_lock);
	cb->seq = vfpool_gen;
	list_for_each_entry(pool, &vfpool_pools, list) {
		if (i++ < cb->args[0])
			continue;
		hdr = vfpool_dump_put(skb, cb, VFPOOL_CMD_POOL_GET);
		if (!hdr)
			break;
		if (vfpool_put_pool(skb, pool)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	mutex_unlock(&vfpool_lock);
	return skb->len;
}

/* ---- members ---- */

int vfpool_nl_member_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_MEMBER_A_MAX + 1];
	struct net_device *dev = NULL, *pf;
	struct nlattr *nest = info->attrs[VFPOOL_A_MEMBER];
	struct netlink_ext_ack *extack = info->extack;
	struct pci_dev *pdev = NULL;
	struct vfpool_pool *pool;
	int vf = VFPOOL_NO_VF;
	int err;

	err = vfpool_parse(info, VFPOOL_A_MEMBER, tb, VFPOOL_MEMBER_A_MAX,
			   vfpool_member_add_input_nl_policy);
	if (err)
		return err;
	nest = info->attrs[VFPOOL_A_MEMBER];
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, VFPOOL_MEMBER_A_POOL_NAME))
		return -EINVAL;
	if (!!tb[VFPOOL_MEMBER_A_IFINDEX] + !!tb[VFPOOL_MEMBER_A_IFNAME] +
	    !!tb[VFPOOL_MEMBER_A_PCI] != 1) {
		NL_SET_ERR_MSG(extack, "member: give one of ifindex, ifname, pci");
		return -EINVAL;
	}
	if (!!tb[VFPOOL_MEMBER_A_PF_IFINDEX] + !!tb[VFPOOL_MEMBER_A_PF_IFNAME] > 1) {
		NL_SET_ERR_MSG(extack, "member pf: give one of pf-ifindex, pf-ifname");
		return -EINVAL;
	}
	if ((tb[VFPOOL_MEMBER_A_PF_IFINDEX] || tb[VFPOOL_MEMBER_A_PF_IFNAME]) !=
	    !!tb[VFPOOL_MEMBER_A_VF_INDEX]) {
		NL_SET_ERR_MSG(extack, "member vf-index: needed with a pf, and only with one");
		return -EINVAL;
	}
	if (tb[VFPOOL_MEMBER_A_PCI] && tb[VFPOOL_MEMBER_A_VF_INDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_MEMBER_A_VF_INDEX],
				    "member vf-index: a PCI VF knows its PF and index");
		return -EINVAL;
	}
	if (tb[VFPOOL_MEMBER_A_PCI]) {
		pdev = vfpool_pci_get(nla_data(tb[VFPOOL_MEMBER_A_PCI]));
		if (!pdev) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_MEMBER_A_PCI],
					    "member pci: no such PCI device");
			return -ENODEV;
		}
	}

	rtnl_lock();
	pf = vfpool_pf_dev(info, tb[VFPOOL_MEMBER_A_PF_IFINDEX],
			   tb[VFPOOL_MEMBER_A_PF_IFNAME], &err);
	if (err)
		goto out_rtnl;
	if (pf) {
		int n = pf->dev.parent ? dev_num_vf(pf->dev.parent) : 0;

		vf = nla_get_u32(tb[VFPOOL_MEMBER_A_VF_INDEX]);
		if (vf >= n) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_MEMBER_A_VF_INDEX],
					    "member vf-index: out of range for the PF's VFs");
			err = -ERANGE;
			goto out_rtnl;
		}
	}
	if (pdev && pdev->is_virtfn) {
		pf = vfpool_pci_netdev(pci_physfn(pdev));
		vf = pci_iov_vf_id(pdev);
		dev = vfpool_pci_netdev(pdev);
	} else if (pdev) {
		/* Any other PCI function: a member without a PF. */
		dev = vfpool_pci_netdev(pdev);
	} else {
		struct nlattr *a = tb[VFPOOL_MEMBER_A_IFINDEX] ?: tb[VFPOOL_MEMBER_A_IFNAME];

		dev = vfpool_pf_dev(info, tb[VFPOOL_MEMBER_A_IFINDEX],
				    tb[VFPOOL_MEMBER_A_IFNAME], &err);
		if (err) {
			NL_SET_ERR_MSG_ATTR(extack, a, "member: no such netdev in init_net");
			goto out_rtnl;
		}
		if (dev == pf) {
			NL_SET_ERR_MSG_ATTR(extack, a, "member: a PF cannot be its own VF");
			err = -EINVAL;
			goto out_rtnl;
		}
		/* A real VF netdev: its PCI function tells PF and index. */
		if (!pf && dev->dev.parent && dev_is_pci(dev->dev.parent) &&
		    to_pci_dev(dev->dev.parent)->is_virtfn) {
			pdev = pci_dev_get(to_pci_dev(dev->dev.parent));
			pf = vfpool_pci_netdev(pci_physfn(pdev));
			vf = pci_iov_vf_id(pdev);
		}
	}

	mutex_lock(&vfpool_lock);
	pool = vfpool_pool_find(nla_data(tb[VFPOOL_MEMBER_A_POOL_NAME]));
	if (!pool || pool->dying) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_MEMBER_A_POOL_NAME],
				    "member pool-name: no such pool");
		err = -ENOENT;
	} else {
		err = vfpool_member_add(pool, dev, pdev, pf, vf, extack);
	}
	mutex_unlock(&vfpool_lock);
out_rtnl:
	rtnl_unlock();
	pci_dev_put(pdev);
	return err;
}

int vfpool_nl_member_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_MEMBER_A_MAX + 1];
	struct vfpool_member *m = NULL;
	struct pci_dev *pdev;
	int err;

	err = vfpool_parse(info, VFPOOL_A_MEMBER, tb, VFPOOL_MEMBER_A_MAX,
			   vfpool_member_del_input_nl_policy);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VFPOOL_A_MEMBER], tb,
			      VFPOOL_MEMBER_A_POOL_NAME))
		return -EINVAL;
	if (!!tb[VFPOOL_MEMBER_A_IFINDEX] + !!tb[VFPOOL_MEMBER_A_IFNAME] +
	    !!tb[VFPOOL_MEMBER_A_PCI] != 1) {
		NL_SET_ERR_MSG(info->extack, "member: give one of ifindex, ifname, pci");
		return -EINVAL;
	}

	rtnl_lock();
	mutex_lock(&vfpool_lock);
	if (tb[VFPOOL_MEMBER_A_PCI]) {
		pdev = vfpool_pci_get(nla_data(tb[VFPOOL_MEMBER_A_PCI]));
		if (pdev)
			m = vfpool_member_by_pdev(pdev);
		pci_dev_put(pdev);
	} else {
		m = vfpool_member_by_netdev(tb[VFPOOL_MEMBER_A_IFNAME] ?
					    nla_data(tb[VFPOOL_MEMBER_A_IFNAME]) : NULL,
					    tb[VFPOOL_MEMBER_A_IFINDEX] ?
					    nla_get_u32(tb[VFPOOL_MEMBER_A_IFINDEX]) : 0);
	}
	if (!m || strcmp(m->pool->name, nla_data(tb[VFPOOL_MEMBER_A_POOL_NAME]))) {
		NL_SET_ERR_MSG(info->extack, "member: not in this pool");
		err = -ENOENT;
	} else {
		err = vfpool_member_del(m, info->extack);
	}
	mutex_unlock(&vfpool_lock);
	rtnl_unlock();
	return err;
}

/*
 * The pool filter of a member or IRQ dump: POOL_NAME (attribute
 * @name_type) of the optional object nest @top. NULL in *@pool: every
 * pool.
 */
static int vfpool_dump_pool_filter(struct netlink_callback *cb, int top,
				   int maxtype, const struct nla_policy *policy,
				   int name_type, const char **pool)
{
	struct nlattr *nest = vfpool_dump_attrs(cb)[top];
	struct nlattr *tb[VFPOOL_MEMBER_A_MAX + 1];
	int err;

	BUILD_BUG_ON((int)VFPOOL_IRQ_A_MAX > (int)VFPOOL_MEMBER_A_MAX);
	*pool = NULL;
	if (!nest)
		return 0;
	err = nla_parse_nested(tb, maxtype, nest, policy, cb->extack);
	if (err)
		return err;
	if (tb[name_type])
		*pool = nla_data(tb[name_type]);
	return 0;
}

int vfpool_nl_member_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[0];
	struct vfpool_member *m;
	const char *pool;
	void *hdr;
	int err;

	err = vfpool_dump_pool_filter(cb, VFPOOL_A_MEMBER, VFPOOL_MEMBER_A_MAX,
				      vfpool_member_get_input_nl_policy,
				      VFPOOL_MEMBER_A_POOL_NAME, &pool);
	if (err)
		return err;

	mutex_lock(&vfpool_lock);
	xa_for_each_start(&vfpool_members, id, m, id) {
		if (pool && strcmp(m->pool->name, pool))
			continue;
		hdr = vfpool_dump_put(skb, cb, VFPOOL_CMD_MEMBER_GET);
		if (!hdr)
			break;
		if (vfpool_put_member(skb, VFPOOL_A_MEMBER, m)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = id + 1;
	}
	mutex_unlock(&vfpool_lock);
	return skb->len;
}

/* ---- leases ---- */

static int vfpool_parse_vf_config(struct nlattr *nest, struct vfpool_vf_config *cfg,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VFPOOL_VF_A_MAX + 1];
	int err, i;

	memset(cfg, 0, sizeof(*cfg));
	if (!nest)
		return 0;
	err = nla_parse_nested(tb, VFPOOL_VF_A_MAX, nest, vfpool_vf_config_nl_policy, extack);
	if (err)
		return err;
	for (i = 1; i <= VFPOOL_VF_A_MAX; i++)
		if (tb[i])
			cfg->set |= BIT(i);
	if (tb[VFPOOL_VF_A_MAC])
		ether_addr_copy(cfg->mac, nla_data(tb[VFPOOL_VF_A_MAC]));
	if (tb[VFPOOL_VF_A_VLAN])
		cfg->vlan = nla_get_u16(tb[VFPOOL_VF_A_VLAN]);
	if (tb[VFPOOL_VF_A_VLAN_QOS])
		cfg->qos = nla_get_u8(tb[VFPOOL_VF_A_VLAN_QOS]);
	cfg->vlan_proto = ETH_P_8021Q;
	if (tb[VFPOOL_VF_A_VLAN_PROTO])
		cfg->vlan_proto = nla_get_u16(tb[VFPOOL_VF_A_VLAN_PROTO]);
	if (tb[VFPOOL_VF_A_SPOOFCHK])
		cfg->spoofchk = nla_get_u8(tb[VFPOOL_VF_A_SPOOFCHK]);
	if (tb[VFPOOL_VF_A_TRUST])
		cfg->trust = nla_get_u8(tb[VFPOOL_VF_A_TRUST]);
	if (tb[VFPOOL_VF_A_LINK_STATE])
		cfg->link_state = nla_get_u32(tb[VFPOOL_VF_A_LINK_STATE]);
	if (tb[VFPOOL_VF_A_MIN_TX_RATE])
		cfg->min_tx_rate = nla_get_u32(tb[VFPOOL_VF_A_MIN_TX_RATE]);
	if (tb[VFPOOL_VF_A_MAX_TX_RATE])
		cfg->max_tx_rate = nla_get_u32(tb[VFPOOL_VF_A_MAX_TX_RATE]);
	if (tb[VFPOOL_VF_A_MTU])
		cfg->mtu = nla_get_u32(tb[VFPOOL_VF_A_MTU]);
	return vfpool_vf_config_check(cfg, extack);
}

/* The target netns of a LEASE_NEW, counted; NULL when none is given. */
static struct net *vfpool_lease_net(struct nlattr **tb, struct netlink_ext_ack *extack)
{
	struct net *net;

	if (tb[VFPOOL_LEASE_A_NETNS_FD] && tb[VFPOOL_LEASE_A_NETNS_PID]) {
		NL_SET_ERR_MSG(extack, "netns: give one of netns-fd, netns-pid");
		return ERR_PTR(-EINVAL);
	}
	if (tb[VFPOOL_LEASE_A_NETNS_FD]) {
		net = get_net_ns_by_fd(nla_get_s32(tb[VFPOOL_LEASE_A_NETNS_FD]));
		if (IS_ERR(net))
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_NETNS_FD],
					    "netns-fd: not a network namespace");
		return net;
	}
	if (tb[VFPOOL_LEASE_A_NETNS_PID]) {
		net = get_net_ns_by_pid(nla_get_u32(tb[VFPOOL_LEASE_A_NETNS_PID]));
		if (IS_ERR(net))
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_NETNS_PID],
					    "netns-pid: no such process");
		return net;
	}
	return NULL;
}

int vfpool_nl_lease_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_LEASE_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	struct vfpool_lease_req req = {};
	struct vfpool_reply reply;
	char name[IFNAMSIZ];
	struct nlattr *nest;
	int err;

	err = vfpool_parse(info, VFPOOL_A_LEASE, tb, VFPOOL_LEASE_A_MAX,
			   vfpool_lease_new_input_nl_policy);
	if (err)
		return err;
	/*
	 * The kernel never waits in a request: the client does (UAPI). A
	 * generated policy cannot reject with a message, so this does.
	 */
	if (tb[VFPOOL_LEASE_A_WAIT_MS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_WAIT_MS],
				    "wait-ms: the kernel never waits; wait in user space");
		return -EINVAL;
	}
	nest = info->attrs[VFPOOL_A_LEASE];
	req.owner = vfpool_name_attr(info, VFPOOL_A_LEASE, tb, VFPOOL_LEASE_A_OWNER_ID,
				     VFPOOL_OWNER_ID_MAX,
				     "owner-id: empty or has spaces or '/'");
	if (!req.owner)
		return -EINVAL;
	if (!!tb[VFPOOL_LEASE_A_POOL_NAME] + !!tb[VFPOOL_LEASE_A_MEMBER_PCI] +
	    !!tb[VFPOOL_LEASE_A_MEMBER_IFINDEX] + !!tb[VFPOOL_LEASE_A_MEMBER_IFNAME] != 1) {
		NL_SET_ERR_MSG(extack, "lease: give one of pool-name, member-*");
		return -EINVAL;
	}
	req.pool = tb[VFPOOL_LEASE_A_POOL_NAME] ? nla_data(tb[VFPOOL_LEASE_A_POOL_NAME]) : NULL;
	req.member_pci = tb[VFPOOL_LEASE_A_MEMBER_PCI] ?
			 nla_data(tb[VFPOOL_LEASE_A_MEMBER_PCI]) : NULL;
	req.member_ifname = tb[VFPOOL_LEASE_A_MEMBER_IFNAME] ?
			    nla_data(tb[VFPOOL_LEASE_A_MEMBER_IFNAME]) : NULL;
	if (tb[VFPOOL_LEASE_A_MEMBER_IFINDEX])
		req.member_ifindex = nla_get_u32(tb[VFPOOL_LEASE_A_MEMBER_IFINDEX]);
	if (tb[VFPOOL_LEASE_A_NETWORK]) {
		req.network = vfpool_name_attr(info, VFPOOL_A_LEASE, tb,
					       VFPOOL_LEASE_A_NETWORK,
					       VFPOOL_NETWORK_MAX,
					       "network: empty, or has spaces, '/' or ':'");
		if (!req.network)
			return -EINVAL;
	}
	req.count = tb[VFPOOL_LEASE_A_COUNT] ? nla_get_u32(tb[VFPOOL_LEASE_A_COUNT]) : 1;
	req.flags = tb[VFPOOL_LEASE_A_FLAGS] ? nla_get_u32(tb[VFPOOL_LEASE_A_FLAGS]) : 0;
	req.numa_node = tb[VFPOOL_LEASE_A_NUMA_NODE] ?
			nla_get_u32(tb[VFPOOL_LEASE_A_NUMA_NODE]) : NUMA_NO_NODE;
	if ((req.flags & VFPOOL_LEASE_F_DISTINCT_PF) && req.count < 2) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_FLAGS],
				    "flags: distinct-pf needs a count of 2 or more");
		return -EINVAL;
	}
	if (tb[VFPOOL_LEASE_A_IFNAME]) {
		req.ifname = nla_data(tb[VFPOOL_LEASE_A_IFNAME]);
		/* The longest expansion is the last one. */
		err = vfpool_ifname_expand(req.ifname, req.count, req.count - 1, name);
		if (err && req.count > 1) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_IFNAME],
					    "ifname: with a count it needs one %d, and must stay under 16 bytes");
			return -EINVAL;
		}
		if (err) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_IFNAME],
					    "ifname: not a valid interface name");
			return -EINVAL;
		}
	} else if (req.count > 1) {
		NL_SET_ERR_ATTR_MISS(extack, nest, VFPOOL_LEASE_A_IFNAME);
		NL_SET_ERR_MSG(extack, "ifname: needed with a count");
		return -EINVAL;
	}
	err = vfpool_parse_vf_config(tb[VFPOOL_LEASE_A_VF_CONFIG], &req.config, extack);
	if (err)
		return err;
	req.net = vfpool_lease_net(tb, extack);
	if (IS_ERR(req.net))
		return PTR_ERR(req.net);
	if (req.net && !req.ifname) {
		NL_SET_ERR_ATTR_MISS(extack, nest, VFPOOL_LEASE_A_IFNAME);
		NL_SET_ERR_MSG(extack, "ifname: needed with a netns");
		err = -EINVAL;
		goto out_net;
	}

	req.irq_pdevs = vfpool_kcalloc(req.count, sizeof(*req.irq_pdevs), GFP_KERNEL);
	if (!req.irq_pdevs) {
		err = -ENOMEM;
		goto out_net;
	}
	if (!vfpool_reply_start(&reply, info, NLMSG_GOODSIZE)) {
		err = -ENOMEM;
		goto out_pdevs;
	}
	err = vfpool_lease_new(&req, &reply, extack);
	/*
	 * New leases take their pool's IRQ policy, with no lock held. A
	 * reply that cannot hold their IRQ nests (-ENOMEM) fails the
	 * request: the leases stay, and asking again returns them.
	 */
	err = vfpool_irq_lease_apply(&req, err ? NULL : &reply) ?: err;
	if (err)
		goto err_free;
	err = vfpool_reply_send(&reply);
	goto out_pdevs;

err_free:
	nlmsg_free(reply.skb);
out_pdevs:
	kfree(req.irq_pdevs);
out_net:
	if (req.net)
		put_net(req.net);
	return err;
}

int vfpool_nl_lease_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_LEASE_A_MAX + 1];
	struct vfpool_lease_match match = {};
	struct vfpool_reply reply;
	int err;

	err = vfpool_parse(info, VFPOOL_A_LEASE, tb, VFPOOL_LEASE_A_MAX,
			   vfpool_lease_del_input_nl_policy);
	if (err)
		return err;
	if (!tb[VFPOOL_LEASE_A_ID] && !tb[VFPOOL_LEASE_A_OWNER_ID]) {
		NL_SET_ERR_MSG(info->extack, "lease: give id or owner-id");
		return -EINVAL;
	}
	if (tb[VFPOOL_LEASE_A_IFNAME] && !tb[VFPOOL_LEASE_A_OWNER_ID]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VFPOOL_LEASE_A_IFNAME],
				    "ifname: only with owner-id");
		return -EINVAL;
	}
	if (tb[VFPOOL_LEASE_A_ID])
		match.id = nla_get_u64(tb[VFPOOL_LEASE_A_ID]);
	if (tb[VFPOOL_LEASE_A_OWNER_ID])
		match.owner = nla_data(tb[VFPOOL_LEASE_A_OWNER_ID]);
	if (tb[VFPOOL_LEASE_A_IFNAME])
		match.ifname = nla_data(tb[VFPOOL_LEASE_A_IFNAME]);

	if (!vfpool_reply_start(&reply, info, NLMSG_GOODSIZE))
		return -ENOMEM;
	err = vfpool_lease_del(&match, &reply, info->extack);
	if (err) {
		nlmsg_free(reply.skb);
		return err;
	}
	return vfpool_reply_send(&reply);
}

int vfpool_nl_lease_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_LEASE_A_MAX + 1];
	struct vfpool_lease *lease;
	struct vfpool_reply reply;
	int err;

	err = vfpool_parse(info, VFPOOL_A_LEASE, tb, VFPOOL_LEASE_A_MAX,
			   vfpool_lease_get_input_nl_policy);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VFPOOL_A_LEASE], tb,
			      VFPOOL_LEASE_A_ID))
		return -EINVAL;
	if (!vfpool_reply_start(&reply, info, NLMSG_GOODSIZE))
		return -ENOMEM;
	mutex_lock(&vfpool_lock);
	lease = xa_load(&vfpool_leases, nla_get_u64(tb[VFPOOL_LEASE_A_ID]));
	err = lease ? vfpool_reply_reserve(&reply, vfpool_lease_size(lease)) : -ENOENT;
	if (!err)
		err = vfpool_put_lease(reply.skb, lease);
	mutex_unlock(&vfpool_lock);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VFPOOL_LEASE_A_ID], "id: no such lease");
	if (err)
		goto err_free;
	return vfpool_reply_send(&reply);

err_free:
	nlmsg_free(reply.skb);
	return err;
}

int vfpool_nl_lease_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = vfpool_dump_attrs(cb);
	struct nlattr *tb[VFPOOL_LEASE_A_MAX + 1] = {};
	struct vfpool_lease_match match = {};
	unsigned long id = cb->args[0];
	struct vfpool_lease *lease;
	bool filter;
	void *hdr;
	int err;

	if (attrs[VFPOOL_A_LEASE]) {
		err = nla_parse_nested(tb, VFPOOL_LEASE_A_MAX, attrs[VFPOOL_A_LEASE],
				       vfpool_lease_get_input_nl_policy, cb->extack);
		if (err)
			return err;
	}
	if (tb[VFPOOL_LEASE_A_POOL_NAME])
		match.pool = nla_data(tb[VFPOOL_LEASE_A_POOL_NAME]);
	if (tb[VFPOOL_LEASE_A_OWNER_ID])
		match.owner = nla_data(tb[VFPOOL_LEASE_A_OWNER_ID]);
	if (tb[VFPOOL_LEASE_A_NETNS_COOKIE])
		match.net_cookie = nla_get_u64(tb[VFPOOL_LEASE_A_NETNS_COOKIE]);
	if (tb[VFPOOL_LEASE_A_NETWORK])
		match.network = nla_data(tb[VFPOOL_LEASE_A_NETWORK]);
	filter = match.pool || match.owner || match.net_cookie || match.network;

	mutex_lock(&vfpool_lock);
	xa_for_each_start(&vfpool_leases, id, lease, id) {
		if (filter && !vfpool_lease_matches(lease, &match))
			continue;
		hdr = vfpool_dump_put(skb, cb, VFPOOL_CMD_LEASE_GET);
		if (!hdr)
			break;
		if (vfpool_put_lease(skb, lease)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = id + 1;
	}
	mutex_unlock(&vfpool_lock);
	return skb->len;
}

/* ---- IRQs ---- */

/*
 * The PCI function of the member @tb names (by PCI address or netdev),
 * counted; NULL with @err set when there is none.
 */
static struct pci_dev *vfpool_irq_member_pdev(struct nlattr **tb,
					      struct netlink_ext_ack *extack,
					      int *err)
{
	struct vfpool_member *m = NULL;
	struct pci_dev *pdev = NULL;
	struct nlattr *a;

	a = tb[VFPOOL_IRQ_A_MEMBER_PCI] ?: tb[VFPOOL_IRQ_A_MEMBER_IFNAME] ?:
	    tb[VFPOOL_IRQ_A_MEMBER_IFINDEX];
	mutex_lock(&vfpool_lock);
	if (tb[VFPOOL_IRQ_A_MEMBER_PCI]) {
		pdev = vfpool_pci_get(nla_data(tb[VFPOOL_IRQ_A_MEMBER_PCI]));
		if (pdev)
			m = vfpool_member_by_pdev(pdev);
		pci_dev_put(pdev);
	} else {
		m = vfpool_member_by_netdev(tb[VFPOOL_IRQ_A_MEMBER_IFNAME] ?
					    nla_data(tb[VFPOOL_IRQ_A_MEMBER_IFNAME]) : NULL,
					    tb[VFPOOL_IRQ_A_MEMBER_IFINDEX] ?
					    nla_get_u32(tb[VFPOOL_IRQ_A_MEMBER_IFINDEX]) : 0);
	}
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
static int vfpool_irq_target(struct genl_info *info, struct nlattr **tb)
{
	if (!!tb[VFPOOL_IRQ_A_POOL_NAME] + !!tb[VFPOOL_IRQ_A_MEMBER_PCI] +
	    !!tb[VFPOOL_IRQ_A_MEMBER_IFINDEX] + !!tb[VFPOOL_IRQ_A_MEMBER_IFNAME] != 1) {
		NL_SET_ERR_MSG(info->extack, "irq: give one of pool-name, member-*");
		return -EINVAL;
	}
	return 0;
}

/* The pool's IRQ nest in a reply of its own. */
static int vfpool_irq_pool_reply(struct genl_info *info, struct nlattr *name)
{
	struct vfpool_pool *pool;
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = vfpool_reply_new(info, VFPOOL_IRQ_POOL_MSG_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&vfpool_lock);
	pool = vfpool_pool_find(nla_data(name));
	err = pool ? vfpool_irq_put_pool(msg, pool) : -ENOENT;
	mutex_unlock(&vfpool_lock);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, name, "pool-name: no such pool");
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

int vfpool_nl_irq_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_IRQ_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	struct vfpool_irq_setting irq;
	struct vfpool_reply reply;
	struct vfpool_pool *pool;
	struct pci_dev *pdev;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = vfpool_parse(info, VFPOOL_A_IRQ, tb, VFPOOL_IRQ_A_MAX,
			   vfpool_irq_set_input_nl_policy);
	if (err)
		return err;
	err = vfpool_irq_target(info, tb);
	if (err)
		return err;
	err = vfpool_parse_irq(info->attrs[VFPOOL_A_IRQ], tb[VFPOOL_IRQ_A_POLICY],
			       VFPOOL_IRQ_A_CPUS, tb[VFPOOL_IRQ_A_CPUS], &irq, extack);
	if (err)
		return err;

	if (tb[VFPOOL_IRQ_A_POOL_NAME]) {
		if (NL_REQ_ATTR_CHECK(extack, info->attrs[VFPOOL_A_IRQ], tb,
				      VFPOOL_IRQ_A_POLICY)) {
			NL_SET_ERR_MSG(extack, "policy: needed to set a pool's default");
			err = -EINVAL;
			goto out_irq;
		}
		/* The reply first: once the policy is set, nothing may fail. */
		msg = vfpool_reply_new(info, VFPOOL_IRQ_POOL_MSG_SIZE, &hdr);
		if (!msg) {
			err = -ENOMEM;
			goto out_irq;
		}
		mutex_lock(&vfpool_lock);
		pool = vfpool_pool_find(nla_data(tb[VFPOOL_IRQ_A_POOL_NAME]));
		if (pool) {
			swap(pool->irq, irq);
			err = vfpool_irq_put_pool(msg, pool);
			if (err)
				swap(pool->irq, irq);
			else
				vfpool_gen++;
		}
		mutex_unlock(&vfpool_lock);
		if (!pool) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_IRQ_A_POOL_NAME],
					    "pool-name: no such pool");
			err = -ENOENT;
		}
		if (err) {
			nlmsg_free(msg);
			goto out_irq;
		}
		genlmsg_end(msg, hdr);
		err = genlmsg_reply(msg, info);
		goto out_irq;
	}

	pdev = vfpool_irq_member_pdev(tb, extack, &err);
	if (!pdev)
		goto out_irq;
	if (!vfpool_reply_start(&reply, info, vfpool_irq_member_size(pdev))) {
		err = -ENOMEM;
		goto out_pdev;
	}
	err = vfpool_irq_set_member(pdev, tb[VFPOOL_IRQ_A_POLICY] ? &irq : NULL,
				    &reply, extack);
	if (err) {
		nlmsg_free(reply.skb);
		goto out_pdev;
	}
	err = vfpool_reply_send(&reply);
out_pdev:
	pci_dev_put(pdev);
out_irq:
	vfpool_irq_setting_free(&irq);
	return err;
}

int vfpool_nl_irq_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_IRQ_A_MAX + 1];
	struct vfpool_reply reply;
	struct pci_dev *pdev;
	int err;

	err = vfpool_parse(info, VFPOOL_A_IRQ, tb, VFPOOL_IRQ_A_MAX,
			   vfpool_irq_get_input_nl_policy);
	if (err)
		return err;
	err = vfpool_irq_target(info, tb);
	if (err)
		return err;
	if (tb[VFPOOL_IRQ_A_POOL_NAME])
		return vfpool_irq_pool_reply(info, tb[VFPOOL_IRQ_A_POOL_NAME]);

	pdev = vfpool_irq_member_pdev(tb, info->extack, &err);
	if (!pdev)
		return err;
	if (!vfpool_reply_start(&reply, info, vfpool_irq_member_size(pdev))) {
		err = -ENOMEM;
		goto out_pdev;
	}
	err = vfpool_reply_irq_member(&reply, pdev);
	if (err) {
		nlmsg_free(reply.skb);
		goto out_pdev;
	}
	err = vfpool_reply_send(&reply);
out_pdev:
	pci_dev_put(pdev);
	return err;
}

/*
 * One message per member with a PCI function. The member's vectors are
 * read under its device_lock, which is taken before vfpool_lock: the
 * member is found under vfpool_lock, and looked up again after.
 */
int vfpool_nl_irq_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[0];
	struct vfpool_member *m;
	struct pci_dev *pdev;
	const char *pool;
	void *hdr;
	int err;

	err = vfpool_dump_pool_filter(cb, VFPOOL_A_IRQ, VFPOOL_IRQ_A_MAX,
				      vfpool_irq_get_input_nl_policy, VFPOOL_IRQ_A_POOL_NAME,
				      &pool);
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
		hdr = vfpool_dump_put(skb, cb, VFPOOL_CMD_IRQ_GET);
		err = hdr ? vfpool_irq_put_member(skb, pdev) : -EMSGSIZE;
		pci_dev_put(pdev);
		if (err == -ENODEV) {	/* left its pool meanwhile */
			genlmsg_cancel(skb, hdr);
			id++;
			continue;
		}
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

/* ---- bonds ---- */

static int vfpool_nl_bond(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VFPOOL_BOND_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nest, *attr;
	struct vfpool_reply reply;
	int err, rem, n = 0;

	err = vfpool_parse(info, VFPOOL_A_BOND, tb, VFPOOL_BOND_A_MAX,
			   vfpool_bond_input_nl_policy);
	if (err)
		return err;
	nest = info->attrs[VFPOOL_A_BOND];
	if (!vfpool_name_attr(info, VFPOOL_A_BOND, tb, VFPOOL_BOND_A_OWNER_ID,
			      VFPOOL_OWNER_ID_MAX,
			      "owner-id: empty or has spaces or '/'"))
		return -EINVAL;
	if (tb[VFPOOL_BOND_A_IFNAME] && tb[VFPOOL_BOND_A_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_BOND_A_IFINDEX],
				    "bond: give ifname or ifindex, not both");
		return -EINVAL;
	}
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != VFPOOL_BOND_A_LINK &&
		    nla_type(attr) != VFPOOL_BOND_A_LEASE_ID)
			continue;
		if (++n > VFPOOL_BOND_LINKS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "bond: more links than VFPOOL_BOND_LINKS_MAX");
			return -E2BIG;
		}
	}
	if (!vfpool_reply_start(&reply, info, NLMSG_GOODSIZE))
		return -ENOMEM;
	if (info->genlhdr->cmd == VFPOOL_CMD_BOND_ENSLAVE)
		err = vfpool_bond_enslave(nest, tb, &reply, extack);
	else
		err = vfpool_bond_release(nest, tb, &reply, extack);
	if (err) {
		nlmsg_free(reply.skb);
		return err;
	}
	return vfpool_reply_send(&reply);
}

int vfpool_nl_bond_enslave_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vfpool_nl_bond(skb, info);
}

int vfpool_nl_bond_release_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vfpool_nl_bond(skb, info);
}

/*
 * Every request pins the module, so an unload cannot pull the code from
 * under a handler; a request that races with the unload gets -ENODEV.
 */
int vfpool_nl_pre_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
		       struct genl_info *info)
{
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	vfpool_op_reached(info->genlhdr->cmd, false);	/* passed its policy */
	return 0;
}

void vfpool_nl_post_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
			 struct genl_info *info)
{
	module_put(THIS_MODULE);
}

/* Once per dump whose request passed its policy, before its first part. */
int vfpool_nl_dump_start(struct netlink_callback *cb)
{
	vfpool_op_reached(genl_dumpit_info(cb)->op.cmd, true);
	return 0;
}

#ifndef VFPOOL_HAVE_SPLIT_OPS
/*
 * 6.1 registers struct genl_ops, one per command with its doit and its
 * dumpit, and calls the family's pre_doit and post_doit. They are made
 * at init from the generated split ops (compat.h), so 6.1 runs the very
 * table, handlers and policies newer kernels register. A command's do
 * and dump take the same request (the spec says so), so one policy.
 */
static struct genl_ops vfpool_ops[VFPOOL_CMD_MAX];

static int __init vfpool_ops_fold(void)
{
	int i, j, n = 0;

	for (i = 0; i < ARRAY_SIZE(vfpool_nl_ops); i++) {
		const struct genl_split_ops *sop = &vfpool_nl_ops[i];
		struct genl_ops *op = NULL;

		for (j = 0; j < n; j++)
			if (vfpool_ops[j].cmd == sop->cmd)
				op = &vfpool_ops[j];
		if (!op) {
			if (WARN_ON(n == ARRAY_SIZE(vfpool_ops)))
				return -EINVAL;
			op = &vfpool_ops[n++];
			op->cmd = sop->cmd;
			op->policy = sop->policy;
			op->maxattr = sop->maxattr;
			op->flags = sop->flags & (GENL_ADMIN_PERM | GENL_UNS_ADMIN_PERM);
		}
		if (WARN_ON(op->maxattr != sop->maxattr))
			return -EINVAL;
		if (sop->flags & GENL_CMD_CAP_DO) {
			op->doit = sop->doit;
		} else {
			op->start = sop->start;
			op->dumpit = sop->dumpit;
		}
	}
	return n;
}

static int vfpool_pre_doit_61(const struct genl_ops *ops, struct sk_buff *skb,
			      struct genl_info *info)
{
	return vfpool_nl_pre_doit(NULL, skb, info);
}

static void vfpool_post_doit_61(const struct genl_ops *ops, struct sk_buff *skb,
				struct genl_info *info)
{
	vfpool_nl_post_doit(NULL, skb, info);
}
#endif

/*
 * Every op, reads included, needs CAP_NET_ADMIN in the initial user
 * namespace (GENL_ADMIN_PERM), and so does joining the events group:
 * pools, members and leases are objects of the host, and what they say
 * (owners' container ids, netns cookies, ifnames, MACs, VLANs, bonds in
 * other netns) belongs to other tenants. Unlike "ip link" there is no
 * netns of the caller's own to filter by: every pool lives in init_net.
 * The group's flag is written here: the generator (6.12) writes groups
 * without flags, and a genetlink-c family's struct by hand.
 */
static const struct genl_multicast_group vfpool_mcgrps[] = {
	[VFPOOL_NLGRP_EVENTS] = {
		.name = VFPOOL_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

static struct genl_family vfpool_family __ro_after_init = {
	.name = VFPOOL_GENL_NAME,
	.version = VFPOOL_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
#ifdef VFPOOL_HAVE_SPLIT_OPS
	.split_ops = vfpool_nl_ops,
	.n_split_ops = ARRAY_SIZE(vfpool_nl_ops),
#else
	.pre_doit = vfpool_pre_doit_61,
	.post_doit = vfpool_post_doit_61,
	.ops = vfpool_ops,
#endif
	.mcgrps = vfpool_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vfpool_mcgrps),
};

int __init vfpool_genl_init(void)
{
#ifndef VFPOOL_HAVE_SPLIT_OPS
	int n = vfpool_ops_fold();

	if (n < 0)
		return n;
	vfpool_family.n_ops = n;
#endif
	return genl_register_family(&vfpool_family);
}

void vfpool_genl_exit(void)
{
	genl_unregister_family(&vfpool_family);
}
