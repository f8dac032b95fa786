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

/* Ranges wider than NLA_POLICY_RANGE's s16 bounds. */
static struct netlink_range_validation vfpool_mtu_range = {
	.min = ETH_MIN_MTU, .max = 65535,
};

static struct netlink_range_validation vfpool_vf_index_range = {
	.max = 65535,
};

const struct nla_policy vfpool_vf_policy[VFPOOL_VF_A_MAX + 1] = {
	[VFPOOL_VF_A_MAC] = NLA_POLICY_ETH_ADDR,
	[VFPOOL_VF_A_VLAN] = NLA_POLICY_MAX(NLA_U16, 4095),
	[VFPOOL_VF_A_VLAN_QOS] = NLA_POLICY_MAX(NLA_U8, 7),
	[VFPOOL_VF_A_VLAN_PROTO] = { .type = NLA_U16 },
	[VFPOOL_VF_A_SPOOFCHK] = NLA_POLICY_MAX(NLA_U8, 1),
	[VFPOOL_VF_A_TRUST] = NLA_POLICY_MAX(NLA_U8, 1),
	[VFPOOL_VF_A_LINK_STATE] = NLA_POLICY_MAX(NLA_U32, IFLA_VF_LINK_STATE_DISABLE),
	[VFPOOL_VF_A_MIN_TX_RATE] = { .type = NLA_U32 },
	[VFPOOL_VF_A_MAX_TX_RATE] = { .type = NLA_U32 },
	[VFPOOL_VF_A_MTU] = NLA_POLICY_FULL_RANGE(NLA_U32, &vfpool_mtu_range),
};

#define POOL_NAME_POLICY { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX }
#define IFNAME_POLICY { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 }
#define PCI_POLICY { .type = NLA_NUL_STRING, .len = VFPOOL_PCI_ADDR_MAX }
#define OWNER_POLICY { .type = NLA_NUL_STRING, .len = VFPOOL_OWNER_ID_MAX }
#define NETWORK_POLICY { .type = NLA_NUL_STRING, .len = VFPOOL_NETWORK_MAX }
#define IRQ_POLICY_POLICY NLA_POLICY_MAX(NLA_U32, VFPOOL_IRQ_POLICY_MAX)
#define CPUS_POLICY { .type = NLA_NUL_STRING, .len = VFPOOL_IRQ_CPUS_MAX }

/* One policy per command and nest: what a request may carry, no more. */
const struct nla_policy vfpool_pool_new_policy[VFPOOL_POOL_A_MAX + 1] = {
	[VFPOOL_POOL_A_NAME] = POOL_NAME_POLICY,
	[VFPOOL_POOL_A_PF_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_POOL_A_PF_IFNAME] = IFNAME_POLICY,
	[VFPOOL_POOL_A_PF_PCI] = PCI_POLICY,
	[VFPOOL_POOL_A_IRQ_POLICY] = IRQ_POLICY_POLICY,
	[VFPOOL_POOL_A_IRQ_CPUS] = CPUS_POLICY,
};

const struct nla_policy vfpool_pool_del_policy[VFPOOL_POOL_A_MAX + 1] = {
	[VFPOOL_POOL_A_NAME] = POOL_NAME_POLICY,
	[VFPOOL_POOL_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, __VFPOOL_POOL_F_ALL),
};

const struct nla_policy vfpool_pool_get_policy[VFPOOL_POOL_A_MAX + 1] = {
	[VFPOOL_POOL_A_NAME] = POOL_NAME_POLICY,
};

const struct nla_policy vfpool_member_add_policy[VFPOOL_MEMBER_A_MAX + 1] = {
	[VFPOOL_MEMBER_A_POOL_NAME] = POOL_NAME_POLICY,
	[VFPOOL_MEMBER_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_MEMBER_A_IFNAME] = IFNAME_POLICY,
	[VFPOOL_MEMBER_A_PCI] = PCI_POLICY,
	[VFPOOL_MEMBER_A_PF_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_MEMBER_A_PF_IFNAME] = IFNAME_POLICY,
	[VFPOOL_MEMBER_A_VF_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &vfpool_vf_index_range),
};

const struct nla_policy vfpool_member_del_policy[VFPOOL_MEMBER_A_MAX + 1] = {
	[VFPOOL_MEMBER_A_POOL_NAME] = POOL_NAME_POLICY,
	[VFPOOL_MEMBER_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_MEMBER_A_IFNAME] = IFNAME_POLICY,
	[VFPOOL_MEMBER_A_PCI] = PCI_POLICY,
};

const struct nla_policy vfpool_member_get_policy[VFPOOL_MEMBER_A_MAX + 1] = {
	[VFPOOL_MEMBER_A_POOL_NAME] = POOL_NAME_POLICY,
};

const struct nla_policy vfpool_lease_new_policy[VFPOOL_LEASE_A_MAX + 1] = {
	[VFPOOL_LEASE_A_POOL_NAME] = POOL_NAME_POLICY,
	[VFPOOL_LEASE_A_MEMBER_PCI] = PCI_POLICY,
	[VFPOOL_LEASE_A_MEMBER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_LEASE_A_MEMBER_IFNAME] = IFNAME_POLICY,
	[VFPOOL_LEASE_A_OWNER_ID] = OWNER_POLICY,
	[VFPOOL_LEASE_A_IFNAME] = IFNAME_POLICY,
	[VFPOOL_LEASE_A_NETNS_FD] = NLA_POLICY_MIN(NLA_S32, 0),
	[VFPOOL_LEASE_A_NETNS_PID] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_LEASE_A_VF_CONFIG] = NLA_POLICY_NESTED(vfpool_vf_policy),
	[VFPOOL_LEASE_A_NUMA_NODE] = NLA_POLICY_MAX(NLA_U32, MAX_NUMNODES - 1),
	[VFPOOL_LEASE_A_COUNT] = NLA_POLICY_RANGE(NLA_U32, 1, VFPOOL_LEASE_COUNT_MAX),
	[VFPOOL_LEASE_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, __VFPOOL_LEASE_F_ALL),
	/* The kernel never waits in a request: the client does (UAPI). */
	[VFPOOL_LEASE_A_NETWORK] = NETWORK_POLICY,
	[VFPOOL_LEASE_A_WAIT_MS] = {
		.type = NLA_REJECT,
		.reject_message = "wait-ms: the kernel never waits; wait in user space",
	},
};

const struct nla_policy vfpool_lease_del_policy[VFPOOL_LEASE_A_MAX + 1] = {
	[VFPOOL_LEASE_A_ID] = NLA_POLICY_MIN(NLA_U64, 1),
	[VFPOOL_LEASE_A_OWNER_ID] = OWNER_POLICY,
	[VFPOOL_LEASE_A_IFNAME] = IFNAME_POLICY,
};

const struct nla_policy vfpool_lease_get_policy[VFPOOL_LEASE_A_MAX + 1] = {
	[VFPOOL_LEASE_A_ID] = NLA_POLICY_MIN(NLA_U64, 1),
	[VFPOOL_LEASE_A_POOL_NAME] = POOL_NAME_POLICY,
	[VFPOOL_LEASE_A_OWNER_ID] = OWNER_POLICY,
	[VFPOOL_LEASE_A_NETNS_COOKIE] = { .type = NLA_U64 },
	[VFPOOL_LEASE_A_NETWORK] = NETWORK_POLICY,
};

const struct nla_policy vfpool_bond_policy[VFPOOL_BOND_A_MAX + 1] = {
	[VFPOOL_BOND_A_OWNER_ID] = OWNER_POLICY,
	[VFPOOL_BOND_A_IFNAME] = IFNAME_POLICY,
	[VFPOOL_BOND_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_BOND_A_LINK] = IFNAME_POLICY,
	[VFPOOL_BOND_A_LEASE_ID] = NLA_POLICY_MIN(NLA_U64, 1),
};

const struct nla_policy vfpool_irq_set_policy[VFPOOL_IRQ_A_MAX + 1] = {
	[VFPOOL_IRQ_A_POOL_NAME] = POOL_NAME_POLICY,
	[VFPOOL_IRQ_A_MEMBER_PCI] = PCI_POLICY,
	[VFPOOL_IRQ_A_MEMBER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_IRQ_A_MEMBER_IFNAME] = IFNAME_POLICY,
	[VFPOOL_IRQ_A_POLICY] = IRQ_POLICY_POLICY,
	[VFPOOL_IRQ_A_CPUS] = CPUS_POLICY,
};

const struct nla_policy vfpool_irq_get_policy[VFPOOL_IRQ_A_MAX + 1] = {
	[VFPOOL_IRQ_A_POOL_NAME] = POOL_NAME_POLICY,
	[VFPOOL_IRQ_A_MEMBER_PCI] = PCI_POLICY,
	[VFPOOL_IRQ_A_MEMBER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_IRQ_A_MEMBER_IFNAME] = IFNAME_POLICY,
};

#define VFPOOL_REQUEST_POLICY(cmd, top, nest)				\
	static const struct nla_policy vfpool_##cmd##_req[VFPOOL_A_MAX + 1] = { \
		[top] = NLA_POLICY_NESTED(vfpool_##nest##_policy),	\
	}

VFPOOL_REQUEST_POLICY(pool_new, VFPOOL_A_POOL, pool_new);
VFPOOL_REQUEST_POLICY(pool_del, VFPOOL_A_POOL, pool_del);
VFPOOL_REQUEST_POLICY(pool_get, VFPOOL_A_POOL, pool_get);
VFPOOL_REQUEST_POLICY(member_add, VFPOOL_A_MEMBER, member_add);
VFPOOL_REQUEST_POLICY(member_del, VFPOOL_A_MEMBER, member_del);
VFPOOL_REQUEST_POLICY(member_get, VFPOOL_A_MEMBER, member_get);
VFPOOL_REQUEST_POLICY(lease_new, VFPOOL_A_LEASE, lease_new);
VFPOOL_REQUEST_POLICY(lease_del, VFPOOL_A_LEASE, lease_del);
VFPOOL_REQUEST_POLICY(lease_get, VFPOOL_A_LEASE, lease_get);
VFPOOL_REQUEST_POLICY(irq_set, VFPOOL_A_IRQ, irq_set);
VFPOOL_REQUEST_POLICY(irq_get, VFPOOL_A_IRQ, irq_get);
VFPOOL_REQUEST_POLICY(bond, VFPOOL_A_BOND, bond);

/* ---- requests ---- */

/*
 * Parse the object nest @top of a request into @tb. The nest was already
 * validated against @policy with the request; a missing one is an error
 * that names it.
 */
int vfpool_nl_nest(struct genl_info *info, int top, struct nlattr **tb,
		   int maxtype, const struct nla_policy *policy)
{
	if (GENL_REQ_ATTR_CHECK(info, top))
		return -EINVAL;
	return nla_parse_nested(tb, maxtype, info->attrs[top], policy,
				info->extack);
}

/*
 * A required string of the nest: present, and a valid name. @what is the
 * message when it is not, so each caller names its attribute.
 */
const char *vfpool_nl_name(struct genl_info *info, int top, struct nlattr **tb,
			   int type, size_t max, const char *what)
{
	const char *name;

	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[top], tb, type))
		return NULL;
	name = nla_data(tb[type]);
	if (!vfpool_name_valid(name, max)) {
		NL_SET_BAD_ATTR(info->extack, tb[type]);
		/* NL_SET_ERR_MSG takes literals; @what is one, the caller's. */
		if (info->extack)
			info->extack->_msg = what;
		return NULL;
	}
	return name;
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

/*
 * The pool filter of a member or IRQ dump: POOL_NAME (attribute
 * @name_type) of the optional object nest @top. NULL in *@pool: every
 * pool.
 */
int vfpool_nl_dump_pool_filter(struct netlink_callback *cb, int top,
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

/*
 * Every request pins the module, so an unload cannot pull the code from
 * under a handler; a request that races with the unload gets -ENODEV.
 */
static int vfpool_pre_doit(const struct vfpool_genl_op *ops, struct sk_buff *skb,
			   struct genl_info *info)
{
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	vfpool_op_reached(info->genlhdr->cmd, false);	/* passed its policy */
	return 0;
}

static void vfpool_post_doit(const struct vfpool_genl_op *ops, struct sk_buff *skb,
			     struct genl_info *info)
{
	module_put(THIS_MODULE);
}

/* Once per dump whose request passed its policy, before its first part. */
static int vfpool_dump_start(struct netlink_callback *cb)
{
	vfpool_op_reached(genl_dumpit_info(cb)->op.cmd, true);
	return 0;
}

#define VFPOOL_OP(_cmd, _doit, _dumpit, _policy, _flags) {	\
	.cmd = _cmd,						\
	.doit = _doit,						\
	.start = vfpool_dump_start,				\
	.dumpit = _dumpit,					\
	.policy = vfpool_##_policy##_req,			\
	.maxattr = VFPOOL_A_MAX,				\
	.flags = _flags,					\
}

static const struct genl_ops vfpool_ops[] = {
	VFPOOL_OP(VFPOOL_CMD_POOL_NEW, vfpool_nl_pool_new_doit, NULL, pool_new, GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_POOL_DEL, vfpool_nl_pool_del_doit, NULL, pool_del, GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_POOL_GET, vfpool_nl_pool_get_doit, vfpool_nl_pool_get_dumpit,
		  pool_get, GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_MEMBER_ADD, vfpool_nl_member_add_doit, NULL, member_add,
		  GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_MEMBER_DEL, vfpool_nl_member_del_doit, NULL, member_del,
		  GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_MEMBER_GET, NULL, vfpool_nl_member_get_dumpit, member_get,
		  GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_LEASE_NEW, vfpool_nl_lease_new_doit, NULL, lease_new,
		  GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_LEASE_DEL, vfpool_nl_lease_del_doit, NULL, lease_del,
		  GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_LEASE_GET, vfpool_nl_lease_get_doit, vfpool_nl_lease_get_dumpit,
		  lease_get, GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_IRQ_SET, vfpool_nl_irq_set_doit, NULL, irq_set, GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_IRQ_GET, vfpool_nl_irq_get_doit, vfpool_nl_irq_get_dumpit, irq_get,
		  GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_BOND_ENSLAVE, vfpool_nl_bond_enslave_doit, NULL, bond,
		  GENL_ADMIN_PERM),
	VFPOOL_OP(VFPOOL_CMD_BOND_RELEASE, vfpool_nl_bond_release_doit, NULL, bond,
		  GENL_ADMIN_PERM),
};

/*
 * Every op, reads included, needs CAP_NET_ADMIN in the initial user
 * namespace (GENL_ADMIN_PERM), and so does joining the events group:
 * pools, members and leases are objects of the host, and what they say
 * (owners' container ids, netns cookies, ifnames, MACs, VLANs, bonds in
 * other netns) belongs to other tenants. Unlike "ip link" there is no
 * netns of the caller's own to filter by: every pool lives in init_net.
 */
static const struct genl_multicast_group vfpool_mcgrps[] = {
	{ .name = VFPOOL_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

struct genl_family vfpool_nl_family __ro_after_init = {
	.name = VFPOOL_GENL_NAME,
	.version = VFPOOL_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.pre_doit = vfpool_pre_doit,
	.post_doit = vfpool_post_doit,
	.module = THIS_MODULE,
	.ops = vfpool_ops,
	.n_ops = ARRAY_SIZE(vfpool_ops),
	.mcgrps = vfpool_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vfpool_mcgrps),
};

int __init vfpool_genl_init(void)
{
	return genl_register_family(&vfpool_nl_family);
}

void vfpool_genl_exit(void)
{
	genl_unregister_family(&vfpool_nl_family);
}
