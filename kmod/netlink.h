/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the netlink files share: the family, replies, the steps every
 * handler takes (parse its nest, look up the pool it names), and the fill
 * functions of the objects that appear inside other objects' messages.
 *
 * Only netlink*.c include this. The core (pool.c, lease.c, bond.c,
 * irq.c, reclaim.c) never sees a message: it hands out copies
 * (struct vfpool_*_info), and the netlink files size and fill replies
 * from them after the core's locks are dropped.
 */
#ifndef _VFPOOL_NETLINK_H
#define _VFPOOL_NETLINK_H

#include <net/genetlink.h>

#include "compat.h"
#include "netlink-gen.h"
#include "vfpool.h"

extern struct genl_family vfpool_nl_family;

/* A reply being built: started at its exact size, grown only by IRQ nests. */
struct vfpool_nl_reply {
	struct genl_info *info;
	struct sk_buff *skb;
	void *hdr;				/* where its attributes start */
};

int vfpool_nl_reply_start(struct vfpool_nl_reply *r, struct genl_info *info,
			  size_t size);
int vfpool_nl_reply_grow(struct vfpool_nl_reply *r, size_t size);
int vfpool_nl_reply_send(struct vfpool_nl_reply *r);
void vfpool_nl_reply_free(struct vfpool_nl_reply *r);

/*
 * A reply listing the leases a transaction reports: the report's ready()
 * starts the reply at its exact size, fill puts them all.
 */
struct vfpool_nl_lease_reply {
	struct vfpool_lease_report report;
	struct vfpool_nl_reply reply;
};

void vfpool_nl_lease_reply_init(struct vfpool_nl_lease_reply *lr,
				struct genl_info *info);
void vfpool_nl_lease_reply_fill(struct vfpool_nl_lease_reply *lr);

/*
 * Requests. pre_doit parses the command's object nest (VFPOOL_A_POOL,
 * _MEMBER, ...) once, against the policy of the command's input subset;
 * handlers find it here, indexed by the nest's attribute types.
 */
#define VFPOOL_NL_TB_SIZE	(VFPOOL_LEASE_A_MAX + 1)	/* the widest nest */

static inline struct nlattr **vfpool_nl_tb(struct genl_info *info)
{
	return info->user_ptr[0];
}

const char *vfpool_nl_name_attr(struct genl_info *info, int top,
				struct nlattr **tb, int type, size_t max);

/* A required name, or NULL with what is wrong in the extack (@what: why not valid). */
#define vfpool_nl_name(info, top, tb, type, max, what) ({			\
	struct genl_info *__info = (info);					\
	struct nlattr **__tb = (tb);						\
	int __type = (type);							\
	const char *__name;							\
										\
	__name = vfpool_nl_name_attr(__info, top, __tb, __type, max);		\
	if (IS_ERR(__name)) {							\
		NL_SET_ERR_MSG_ATTR(__info->extack, __tb[__type], what);	\
		__name = NULL;							\
	}									\
	__name;									\
})
struct vfpool_pool *vfpool_nl_pool(struct netlink_ext_ack *extack,
				   const struct nlattr *name);
struct vfpool_member *vfpool_nl_member(const struct nlattr *pci,
				       const struct nlattr *ifname,
				       const struct nlattr *ifindex);
struct net_device *vfpool_nl_netdev(struct genl_info *info, struct nlattr *idx,
				    struct nlattr *name, int *err);
int vfpool_nl_parse_irq(struct nlattr *nest, struct nlattr *policy,
			int cpus_type, struct nlattr *cpus, struct nlattr *banned,
			struct vfpool_irq_setting *set,
			struct netlink_ext_ack *extack);

/* Dumps */
void *vfpool_nl_dump_start_msg(struct sk_buff *skb, struct netlink_callback *cb,
			       u8 cmd);
int vfpool_nl_dump_nest(struct netlink_callback *cb, struct nlattr **tb);
int vfpool_nl_dump_pool_filter(struct netlink_callback *cb, int name_type,
			       const char **pool);

/* Objects inside other objects' messages */
size_t vfpool_nl_str_size(const char *s);
size_t vfpool_nl_member_size(const struct vfpool_member_info *m);
int vfpool_nl_put_member(struct sk_buff *skb, int type,
			 const struct vfpool_member_info *m);
size_t vfpool_nl_lease_size(const struct vfpool_lease_info *lease);
int vfpool_nl_put_lease(struct sk_buff *skb, const struct vfpool_lease_info *lease);
size_t vfpool_nl_pool_size(const struct vfpool_pool *pool);
int vfpool_nl_put_pool(struct sk_buff *skb, const struct vfpool_pool *pool);
int vfpool_nl_put_cpulist(struct sk_buff *skb, int type, const struct cpumask *mask);
size_t vfpool_nl_irq_size(const struct vfpool_irq_info *irq);
int vfpool_nl_put_irq(struct sk_buff *skb, const struct vfpool_irq_info *irq);

#endif /* _VFPOOL_NETLINK_H */
