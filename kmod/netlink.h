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

/* Requests */
int vfpool_nl_nest(struct genl_info *info, int top, struct nlattr **tb,
		   int maxtype, const struct nla_policy *policy);
const char *vfpool_nl_name(struct genl_info *info, int top, struct nlattr **tb,
			   int type, size_t max, const char *what);
struct vfpool_pool *vfpool_nl_pool(struct netlink_ext_ack *extack,
				   const struct nlattr *name);
struct net_device *vfpool_nl_netdev(struct genl_info *info, struct nlattr *idx,
				    struct nlattr *name, int *err);
int vfpool_nl_parse_irq(struct nlattr *nest, struct nlattr *policy,
			int cpus_type, struct nlattr *cpus,
			struct vfpool_irq_setting *set,
			struct netlink_ext_ack *extack);

/* Dumps */
void *vfpool_nl_dump_start_msg(struct sk_buff *skb, struct netlink_callback *cb,
			       u8 cmd);
int vfpool_nl_dump_pool_filter(struct netlink_callback *cb, int top,
			       int maxtype, const struct nla_policy *policy,
			       int name_type, const char **pool);

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

/* The policies of the object nests, per command (netlink.c) */
extern const struct nla_policy vfpool_vf_policy[VFPOOL_VF_A_MAX + 1];
extern const struct nla_policy vfpool_member_get_policy[VFPOOL_MEMBER_A_MAX + 1];
extern const struct nla_policy vfpool_pool_new_policy[VFPOOL_POOL_A_MAX + 1];
extern const struct nla_policy vfpool_pool_del_policy[VFPOOL_POOL_A_MAX + 1];
extern const struct nla_policy vfpool_pool_get_policy[VFPOOL_POOL_A_MAX + 1];
extern const struct nla_policy vfpool_member_add_policy[VFPOOL_MEMBER_A_MAX + 1];
extern const struct nla_policy vfpool_member_del_policy[VFPOOL_MEMBER_A_MAX + 1];
extern const struct nla_policy vfpool_lease_new_policy[VFPOOL_LEASE_A_MAX + 1];
extern const struct nla_policy vfpool_lease_del_policy[VFPOOL_LEASE_A_MAX + 1];
extern const struct nla_policy vfpool_lease_get_policy[VFPOOL_LEASE_A_MAX + 1];
extern const struct nla_policy vfpool_bond_policy[VFPOOL_BOND_A_MAX + 1];
extern const struct nla_policy vfpool_irq_set_policy[VFPOOL_IRQ_A_MAX + 1];
extern const struct nla_policy vfpool_irq_get_policy[VFPOOL_IRQ_A_MAX + 1];

/* Handlers, by object file */
int vfpool_nl_pool_new_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_pool_del_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_pool_get_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_pool_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vfpool_nl_member_add_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_member_del_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_member_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vfpool_nl_lease_new_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_lease_del_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_lease_get_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_lease_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vfpool_nl_irq_set_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_irq_get_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_irq_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vfpool_nl_bond_enslave_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_bond_release_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* _VFPOOL_NETLINK_H */
