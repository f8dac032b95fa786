/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels vfpool builds for (6.1 .. 6.12), in
 * one place instead of #ifs through the code.
 */
#ifndef _VFPOOL_COMPAT_H
#define _VFPOOL_COMPAT_H

#include <linux/netlink.h>
#include <linux/numa.h>
#include <net/genetlink.h>

/*
 * Name a lease's holder in the extack. The lease id always goes into the
 * ack cookie (8 bytes, host order), so tools can look the holder up;
 * kernels with formatted extack messages (6.2+) also spell it out.
 */
static inline void vfpool_set_err_holder(struct netlink_ext_ack *extack,
					 const char *owner, u64 id)
{
	if (!extack)
		return;
	memcpy(extack->cookie, &id, sizeof(id));
	extack->cookie_len = sizeof(id);
#ifdef NL_SET_ERR_MSG_FMT_MOD
	NL_SET_ERR_MSG_FMT_MOD(extack, "leased to owner %.32s (lease %llu)",
			       owner, id);
#else
	NL_SET_ERR_MSG_MOD(extack, "leased to another owner; its lease id is in the ack cookie");
#endif
}

/*
 * The ops: kmod/netlink-gen.c, generated from the YNL spec, describes
 * each command's do and dump as a struct genl_split_ops (6.2+; Kbuild
 * probes the headers and defines VFPOOL_HAVE_SPLIT_OPS). 6.1 has no such
 * struct: here it is, with the members the generator fills, so that the
 * generated table compiles there as plain data (Kbuild makes netlink-gen.c
 * include this file first), and netlink.c folds it into the struct
 * genl_ops 6.1 registers. The table, the handlers and the policies are the
 * same on every kernel; only their registration differs.
 */
#ifndef VFPOOL_HAVE_SPLIT_OPS
struct genl_split_ops {
	int (*pre_doit)(const struct genl_split_ops *ops, struct sk_buff *skb,
			struct genl_info *info);
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	void (*post_doit)(const struct genl_split_ops *ops, struct sk_buff *skb,
			  struct genl_info *info);
	int (*start)(struct netlink_callback *cb);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	int (*done)(struct netlink_callback *cb);
	const struct nla_policy *policy;
	unsigned int maxattr;
	u8 cmd;
	u8 flags;	/* GENL_ADMIN_PERM, and GENL_CMD_CAP_DO or _DUMP */
	u8 validate;
};
#endif

/*
 * The spec's vfpool-numa-node-max: the largest node LEASE_NEW takes. The
 * spec states Debian's value (1023); the policy uses the kernel's own.
 */
#define VFPOOL_NUMA_NODE_MAX	(MAX_NUMNODES - 1)

/* The attributes a dump request carried, parsed against the op's policy. */
static inline struct nlattr **vfpool_dump_attrs(struct netlink_callback *cb)
{
#ifdef VFPOOL_HAVE_DUMPIT_GENL_INFO
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* _VFPOOL_COMPAT_H */
