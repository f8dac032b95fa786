// SPDX-License-Identifier: GPL-2.0
/*
 * The "vfpool" generic netlink family: its policies and ops, what every
 * handler shares (parsing its nest, finding the pool it names, replies,
 * dumps), and events. The handlers live with their objects in
 * netlink-{pool,member,lease,irq,bond}.c; netlink.h says what they share.
 * include/uapi/linux/vfpool.h documents the protocol.
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

#include "netlink.h"
#include "policy.h"

/* ---- requests ---- */

/* A command's object nest, and the policy of its input subset. */
struct vfpool_nl_nest {
	u16 top;
	u16 maxtype;
	const struct nla_policy *policy;
};

#define VFPOOL_NL_NEST(_top, _set) {					\
	.top = _top,							\
	.maxtype = ARRAY_SIZE(vfpool_##_set##_input_nl_policy) - 1,	\
	.policy = vfpool_##_set##_input_nl_policy,			\
}

static const struct vfpool_nl_nest vfpool_nl_nests[VFPOOL_CMD_MAX + 1] = {
	[VFPOOL_CMD_POOL_NEW] = VFPOOL_NL_NEST(VFPOOL_A_POOL, pool_new),
	[VFPOOL_CMD_POOL_DEL] = VFPOOL_NL_NEST(VFPOOL_A_POOL, pool_del),
	[VFPOOL_CMD_POOL_GET] = VFPOOL_NL_NEST(VFPOOL_A_POOL, pool_get),
	[VFPOOL_CMD_MEMBER_ADD] = VFPOOL_NL_NEST(VFPOOL_A_MEMBER, member_add),
	[VFPOOL_CMD_MEMBER_DEL] = VFPOOL_NL_NEST(VFPOOL_A_MEMBER, member_del),
	[VFPOOL_CMD_MEMBER_GET] = VFPOOL_NL_NEST(VFPOOL_A_MEMBER, member_get),
	[VFPOOL_CMD_LEASE_NEW] = VFPOOL_NL_NEST(VFPOOL_A_LEASE, lease_new),
	[VFPOOL_CMD_LEASE_DEL] = VFPOOL_NL_NEST(VFPOOL_A_LEASE, lease_del),
	[VFPOOL_CMD_LEASE_GET] = VFPOOL_NL_NEST(VFPOOL_A_LEASE, lease_get),
	[VFPOOL_CMD_IRQ_SET] = VFPOOL_NL_NEST(VFPOOL_A_IRQ, irq_set),
	[VFPOOL_CMD_IRQ_GET] = VFPOOL_NL_NEST(VFPOOL_A_IRQ, irq_get),
	[VFPOOL_CMD_BOND_ENSLAVE] = VFPOOL_NL_NEST(VFPOOL_A_BOND, bond),
	[VFPOOL_CMD_BOND_RELEASE] = VFPOOL_NL_NEST(VFPOOL_A_BOND, bond),
};

/* The nest @attrs of a @cmd request into @tb (all NULL when it is absent). */
static int vfpool_nl_parse_nest(u8 cmd, struct nlattr **attrs, struct nlattr **tb,
				struct netlink_ext_ack *extack)
{
	const struct vfpool_nl_nest *n = &vfpool_nl_nests[cmd];

	/* The lease nest is the widest. */
	BUILD_BUG_ON(max3(VFPOOL_POOL_A_MAX, VFPOOL_MEMBER_A_MAX,
			  max(VFPOOL_IRQ_A_MAX, VFPOOL_BOND_A_MAX)) > VFPOOL_LEASE_A_MAX);
	memset(tb, 0, VFPOOL_NL_TB_SIZE * sizeof(*tb));
	if (WARN_ON_ONCE(!n->policy))
		return -EOPNOTSUPP;
	if (!attrs[n->top])
		return 0;
	/* Validated with the request already: this only indexes it. */
	return nla_parse_nested(tb, n->maxtype, attrs[n->top], n->policy, extack);
}

/*
 * Before every doit: the command's object nest, required, is parsed into
 * info->user_ptr[0] (vfpool_nl_tb()), so handlers start from it. The
 * objects it names are looked up by the handlers, under the locks their
 * transaction takes: vfpool_lock cannot be held from here to post_doit,
 * as RTNL comes before it and a transaction drops it around netdev work.
 *
 * No module reference is taken: genetlink runs every doit under cb_lock
 * held for reading, and genl_unregister_family(), the first step of
 * vfpool_exit(), takes it for writing, so the module cannot go while a
 * doit runs; a dump pins the module through netlink_dump_start().
 */
int vfpool_nl_pre_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
		       struct genl_info *info)
{
	u8 cmd = info->genlhdr->cmd;
	struct nlattr **tb;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, vfpool_nl_nests[cmd].top))
		return -EINVAL;
	tb = kmalloc_array(VFPOOL_NL_TB_SIZE, sizeof(*tb), GFP_KERNEL);
	if (!tb)
		return -ENOMEM;
	err = vfpool_nl_parse_nest(cmd, info->attrs, tb, info->extack);
	if (err) {
		kfree(tb);
		return err;
	}
	info->user_ptr[0] = tb;
	vfpool_op_reached(cmd, false);	/* passed its policy */
	return 0;
}

void vfpool_nl_post_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
			 struct genl_info *info)
{
	kfree(info->user_ptr[0]);
}

/*
 * The required name @type of the nest @top: NULL when it is missing (the
 * extack says so), ERR_PTR(-EINVAL) when it is not a valid name of at
 * most @max bytes (vfpool_nl_name() says why).
 */
const char *vfpool_nl_name_attr(struct genl_info *info, int top,
				struct nlattr **tb, int type, size_t max)
{
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[top], tb, type))
		return NULL;
	if (!vfpool_name_valid(nla_data(tb[type]), max))
		return ERR_PTR(-EINVAL);
	return nla_data(tb[type]);
}

/*
 * The pool @name names, or NULL with the one message for a pool that is
 * not there (or is being deleted). Under vfpool_lock.
 */
struct vfpool_pool *vfpool_nl_pool(struct netlink_ext_ack *extack,
				   const struct nlattr *name)
{
	struct vfpool_pool *pool;

	lockdep_assert_held(&vfpool_lock);
	pool = vfpool_pool_find(nla_data(name));
	if (pool && !pool->dying)
		return pool;
	NL_SET_ERR_MSG_ATTR(extack, name, "pool-name: no such pool");
	return NULL;
}

/*
 * The member one of @pci, @ifname, @ifindex names (the others NULL), or
 * NULL when no pool has it. Under vfpool_lock.
 */
struct vfpool_member *vfpool_nl_member(const struct nlattr *pci,
				       const struct nlattr *ifname,
				       const struct nlattr *ifindex)
{
	struct vfpool_member *m = NULL;
	struct pci_dev *pdev;

	lockdep_assert_held(&vfpool_lock);
	if (pci) {
		pdev = vfpool_pci_get(nla_data(pci));
		if (pdev)
			m = vfpool_member_by_pdev(pdev);
		pci_dev_put(pdev);
		return m;
	}
	return vfpool_member_by_netdev(ifname ? nla_data(ifname) : NULL,
				       ifindex ? nla_get_u32(ifindex) : 0);
}

/* The netdev in init_net one of @idx, @name names; NULL with @err set. */
struct net_device *vfpool_nl_netdev(struct genl_info *info, struct nlattr *idx,
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

/* ---- replies ---- */

/* @r, a reply to @r->info... started with room for @size bytes. */
int vfpool_nl_reply_start(struct vfpool_nl_reply *r, struct genl_info *info,
			  size_t size)
{
	r->info = info;
	r->skb = vfpool_should_fail() ? NULL : genlmsg_new(size, GFP_KERNEL);
	if (!r->skb)
		return -ENOMEM;
	r->hdr = genlmsg_put_reply(r->skb, info, &vfpool_nl_family, 0,
				   info->genlhdr->cmd);
	if (!r->hdr) {
		nlmsg_free(r->skb);
		r->skb = NULL;
		return -EMSGSIZE;
	}
	return 0;
}

/*
 * Room for @size more bytes in @r, by copying it into a bigger message
 * if need be: for what is only known after the message was started.
 */
int vfpool_nl_reply_grow(struct vfpool_nl_reply *r, size_t size)
{
	size_t len = skb_tail_pointer(r->skb) - (unsigned char *)r->hdr;
	struct vfpool_nl_reply bigger;
	int err;

	if (skb_tailroom(r->skb) >= size)
		return 0;
	err = vfpool_nl_reply_start(&bigger, r->info, len + size);
	if (err)
		return err;
	skb_put_data(bigger.skb, r->hdr, len);
	nlmsg_free(r->skb);
	*r = bigger;
	return 0;
}

int vfpool_nl_reply_send(struct vfpool_nl_reply *r)
{
	genlmsg_end(r->skb, r->hdr);
	return genlmsg_reply(r->skb, r->info);
}

void vfpool_nl_reply_free(struct vfpool_nl_reply *r)
{
	nlmsg_free(r->skb);
	r->skb = NULL;
}

size_t vfpool_nl_str_size(const char *s)
{
	return nla_total_size(strlen(s) + 1);
}

/* ---- dumps ---- */

/* Start a dump message; NULL when @skb is full. */
void *vfpool_nl_dump_start_msg(struct sk_buff *skb, struct netlink_callback *cb,
			       u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &vfpool_nl_family, NLM_F_MULTI, cmd);
	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

/* The object nest of a dump request, if any, into @tb. */
int vfpool_nl_dump_nest(struct netlink_callback *cb, struct nlattr **tb)
{
	return vfpool_nl_parse_nest(genl_dumpit_info(cb)->op.cmd,
				    vfpool_dump_attrs(cb), tb, cb->extack);
}

/*
 * The pool filter of a member or IRQ dump: the pool name (attribute
 * @name_type) of the request's nest. NULL in *@pool: every pool.
 */
int vfpool_nl_dump_pool_filter(struct netlink_callback *cb, int name_type,
			       const char **pool)
{
	struct nlattr *tb[VFPOOL_NL_TB_SIZE];
	int err;

	err = vfpool_nl_dump_nest(cb, tb);
	*pool = !err && tb[name_type] ? nla_data(tb[name_type]) : NULL;
	return err;
}

/* ---- events ---- */

/*
 * An event to the group, in init_net. The object is copied first, as for
 * replies; events run under vfpool_lock (and maybe RTNL), in process
 * context.
 */
static void vfpool_notify(u8 cmd, enum vfpool_event ev, enum vfpool_reason reason,
			  const void *obj)
{
	union {
		struct vfpool_member_info member;
		struct vfpool_lease_info lease;
	} *info = NULL;
	struct sk_buff *skb;
	size_t size;
	void *hdr;
	int err;

	if (!genl_has_listeners(&vfpool_nl_family, &init_net, 0))
		return;
	size = nla_total_size(sizeof(u32));			/* EVENT */
	if (cmd == VFPOOL_CMD_POOL_NTF) {
		size += vfpool_nl_pool_size(obj);
	} else {
		info = kmalloc(sizeof(*info), GFP_KERNEL);
		if (!info)
			goto err;
		if (cmd == VFPOOL_CMD_MEMBER_NTF) {
			vfpool_member_info_get(obj, &info->member);
			size += vfpool_nl_member_size(&info->member);
		} else {
			vfpool_lease_info_get(obj, &info->lease);
			size += nla_total_size(sizeof(u32)) +	/* REASON */
				vfpool_nl_lease_size(&info->lease);
		}
	}
	skb = genlmsg_new(size, GFP_KERNEL);
	if (!skb)
		goto err;
	hdr = genlmsg_put(skb, 0, 0, &vfpool_nl_family, 0, cmd);
	if (!hdr)
		goto err_free;
	err = nla_put_u32(skb, VFPOOL_A_EVENT, ev);
	if (!err) {
		switch (cmd) {
		case VFPOOL_CMD_POOL_NTF:
			err = vfpool_nl_put_pool(skb, obj);
			break;
		case VFPOOL_CMD_MEMBER_NTF:
			err = vfpool_nl_put_member(skb, VFPOOL_A_MEMBER, &info->member);
			break;
		default:
			if (ev == VFPOOL_EVENT_LEASE_RELEASED ||
			    ev == VFPOOL_EVENT_LEASE_RECLAIMED)
				err = nla_put_u32(skb, VFPOOL_A_REASON, reason);
			err = err ?: vfpool_nl_put_lease(skb, &info->lease);
			break;
		}
	}
	if (WARN_ON_ONCE(err))
		goto err_free;
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&vfpool_nl_family, &init_net, skb, 0, 0, GFP_KERNEL);
	kfree(info);
	return;

err_free:
	nlmsg_free(skb);
err:
	kfree(info);
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

struct genl_family vfpool_nl_family __ro_after_init = {
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
	vfpool_nl_family.n_ops = n;
#endif
	return genl_register_family(&vfpool_nl_family);
}

void vfpool_genl_exit(void)
{
	genl_unregister_family(&vfpool_nl_family);
}
