/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vfpool.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_VFPOOL_GEN_H
#define _LINUX_VFPOOL_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/vfpool.h>
#include <linux/numa.h>

/* Common nested types */
extern const struct nla_policy vfpool_bond_input_nl_policy[VFPOOL_BOND_A_LEASE_ID + 1];
extern const struct nla_policy vfpool_irq_get_input_nl_policy[VFPOOL_IRQ_A_CPUS_OFFLINE + 1];
extern const struct nla_policy vfpool_irq_set_input_nl_policy[VFPOOL_IRQ_A_CPUS_OFFLINE + 1];
extern const struct nla_policy vfpool_lease_del_input_nl_policy[VFPOOL_LEASE_A_LINK + 1];
extern const struct nla_policy vfpool_lease_get_input_nl_policy[VFPOOL_LEASE_A_LINK + 1];
extern const struct nla_policy vfpool_lease_new_input_nl_policy[VFPOOL_LEASE_A_LINK + 1];
extern const struct nla_policy vfpool_member_add_input_nl_policy[VFPOOL_MEMBER_A_PAD + 1];
extern const struct nla_policy vfpool_member_del_input_nl_policy[VFPOOL_MEMBER_A_PAD + 1];
extern const struct nla_policy vfpool_member_get_input_nl_policy[VFPOOL_MEMBER_A_PAD + 1];
extern const struct nla_policy vfpool_pool_del_input_nl_policy[VFPOOL_POOL_A_IRQ_BANNED_CPUS + 1];
extern const struct nla_policy vfpool_pool_get_input_nl_policy[VFPOOL_POOL_A_IRQ_BANNED_CPUS + 1];
extern const struct nla_policy vfpool_pool_new_input_nl_policy[VFPOOL_POOL_A_IRQ_BANNED_CPUS + 1];
extern const struct nla_policy vfpool_vf_config_nl_policy[VFPOOL_VF_A_MTU + 1];

/* Ops table for vfpool */
extern const struct genl_split_ops vfpool_nl_ops[16];

int vfpool_nl_pre_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
		       struct genl_info *info);
void
vfpool_nl_post_doit(const struct genl_split_ops *ops, struct sk_buff *skb,
		    struct genl_info *info);
int vfpool_nl_dump_start(struct netlink_callback *cb);

int vfpool_nl_pool_new_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_pool_del_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_pool_get_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_pool_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vfpool_nl_member_add_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_member_del_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_member_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);
int vfpool_nl_lease_new_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_lease_del_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_lease_get_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_lease_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int vfpool_nl_irq_set_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_irq_get_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_irq_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vfpool_nl_bond_enslave_doit(struct sk_buff *skb, struct genl_info *info);
int vfpool_nl_bond_release_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	VFPOOL_NLGRP_EVENTS,
};

#endif /* _LINUX_VFPOOL_GEN_H */
