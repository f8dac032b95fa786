// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vfpool.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/vfpool.h>
#include <linux/numa.h>

/* Integer value ranges */
static const struct netlink_range_validation vfpool_member_a_vf_index_range = {
	.max	= 65535ULL,
};

static const struct netlink_range_validation vfpool_vf_a_mtu_range = {
	.min	= 68ULL,
	.max	= 65535ULL,
};

/* Common nested types */
const struct nla_policy vfpool_bond_input_nl_policy[VFPOOL_BOND_A_LEASE_ID + 1] = {
	[VFPOOL_BOND_A_OWNER_ID] = { .type = NLA_NUL_STRING, .len = VFPOOL_OWNER_ID_MAX, },
	[VFPOOL_BOND_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_BOND_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_BOND_A_LINK] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_BOND_A_LEASE_ID] = NLA_POLICY_MIN(NLA_U64, 1),
};

const struct nla_policy vfpool_irq_get_input_nl_policy[VFPOOL_IRQ_A_CPUS_OFFLINE + 1] = {
	[VFPOOL_IRQ_A_POOL_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
	[VFPOOL_IRQ_A_MEMBER_PCI] = { .type = NLA_NUL_STRING, .len = VFPOOL_PCI_ADDR_MAX, },
	[VFPOOL_IRQ_A_MEMBER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_IRQ_A_MEMBER_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

const struct nla_policy vfpool_irq_set_input_nl_policy[VFPOOL_IRQ_A_CPUS_OFFLINE + 1] = {
	[VFPOOL_IRQ_A_POOL_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
	[VFPOOL_IRQ_A_MEMBER_PCI] = { .type = NLA_NUL_STRING, .len = VFPOOL_PCI_ADDR_MAX, },
	[VFPOOL_IRQ_A_MEMBER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_IRQ_A_MEMBER_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_IRQ_A_POLICY] = NLA_POLICY_MAX(NLA_U32, 3),
	[VFPOOL_IRQ_A_CPUS] = { .type = NLA_NUL_STRING, .len = VFPOOL_IRQ_CPUS_MAX, },
	[VFPOOL_IRQ_A_BANNED_CPUS] = { .type = NLA_NUL_STRING, .len = VFPOOL_IRQ_CPUS_MAX, },
};

const struct nla_policy vfpool_lease_del_input_nl_policy[VFPOOL_LEASE_A_LINK + 1] = {
	[VFPOOL_LEASE_A_ID] = NLA_POLICY_MIN(NLA_U64, 1),
	[VFPOOL_LEASE_A_OWNER_ID] = { .type = NLA_NUL_STRING, .len = VFPOOL_OWNER_ID_MAX, },
	[VFPOOL_LEASE_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

const struct nla_policy vfpool_lease_get_input_nl_policy[VFPOOL_LEASE_A_LINK + 1] = {
	[VFPOOL_LEASE_A_ID] = NLA_POLICY_MIN(NLA_U64, 1),
	[VFPOOL_LEASE_A_POOL_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
	[VFPOOL_LEASE_A_OWNER_ID] = { .type = NLA_NUL_STRING, .len = VFPOOL_OWNER_ID_MAX, },
	[VFPOOL_LEASE_A_NETNS_COOKIE] = { .type = NLA_U64, },
	[VFPOOL_LEASE_A_NETWORK] = { .type = NLA_NUL_STRING, .len = VFPOOL_NETWORK_MAX, },
};

const struct nla_policy vfpool_lease_new_input_nl_policy[VFPOOL_LEASE_A_LINK + 1] = {
	[VFPOOL_LEASE_A_POOL_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
	[VFPOOL_LEASE_A_MEMBER_PCI] = { .type = NLA_NUL_STRING, .len = VFPOOL_PCI_ADDR_MAX, },
	[VFPOOL_LEASE_A_MEMBER_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_LEASE_A_MEMBER_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_LEASE_A_OWNER_ID] = { .type = NLA_NUL_STRING, .len = VFPOOL_OWNER_ID_MAX, },
	[VFPOOL_LEASE_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_LEASE_A_NETNS_FD] = NLA_POLICY_MIN(NLA_S32, 0),
	[VFPOOL_LEASE_A_NETNS_PID] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_LEASE_A_VF_CONFIG] = NLA_POLICY_NESTED(vfpool_vf_config_nl_policy),
	[VFPOOL_LEASE_A_NUMA_NODE] = NLA_POLICY_MAX(NLA_U32, VFPOOL_NUMA_NODE_MAX),
	[VFPOOL_LEASE_A_COUNT] = NLA_POLICY_RANGE(NLA_U32, 1, VFPOOL_LEASE_COUNT_MAX),
	[VFPOOL_LEASE_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x3),
	[VFPOOL_LEASE_A_WAIT_MS] = { .type = NLA_U32, },
	[VFPOOL_LEASE_A_NETWORK] = { .type = NLA_NUL_STRING, .len = VFPOOL_NETWORK_MAX, },
	[VFPOOL_LEASE_A_LINK] = { .type = NLA_NUL_STRING, .len = 15, },
};

const struct nla_policy vfpool_member_add_input_nl_policy[VFPOOL_MEMBER_A_PAD + 1] = {
	[VFPOOL_MEMBER_A_POOL_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
	[VFPOOL_MEMBER_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_MEMBER_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_MEMBER_A_PCI] = { .type = NLA_NUL_STRING, .len = VFPOOL_PCI_ADDR_MAX, },
	[VFPOOL_MEMBER_A_PF_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_MEMBER_A_PF_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_MEMBER_A_VF_INDEX] = NLA_POLICY_FULL_RANGE(NLA_U32, &vfpool_member_a_vf_index_range),
};

const struct nla_policy vfpool_member_del_input_nl_policy[VFPOOL_MEMBER_A_PAD + 1] = {
	[VFPOOL_MEMBER_A_POOL_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
	[VFPOOL_MEMBER_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_MEMBER_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_MEMBER_A_PCI] = { .type = NLA_NUL_STRING, .len = VFPOOL_PCI_ADDR_MAX, },
};

const struct nla_policy vfpool_member_get_input_nl_policy[VFPOOL_MEMBER_A_PAD + 1] = {
	[VFPOOL_MEMBER_A_POOL_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
};

const struct nla_policy vfpool_pool_del_input_nl_policy[VFPOOL_POOL_A_IRQ_BANNED_CPUS + 1] = {
	[VFPOOL_POOL_A_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
	[VFPOOL_POOL_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x1),
};

const struct nla_policy vfpool_pool_get_input_nl_policy[VFPOOL_POOL_A_IRQ_BANNED_CPUS + 1] = {
	[VFPOOL_POOL_A_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
};

const struct nla_policy vfpool_pool_new_input_nl_policy[VFPOOL_POOL_A_IRQ_BANNED_CPUS + 1] = {
	[VFPOOL_POOL_A_NAME] = { .type = NLA_NUL_STRING, .len = VFPOOL_POOL_NAME_MAX, },
	[VFPOOL_POOL_A_PF_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VFPOOL_POOL_A_PF_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VFPOOL_POOL_A_PF_PCI] = { .type = NLA_NUL_STRING, .len = VFPOOL_PCI_ADDR_MAX, },
	[VFPOOL_POOL_A_IRQ_POLICY] = NLA_POLICY_MAX(NLA_U32, 3),
	[VFPOOL_POOL_A_IRQ_CPUS] = { .type = NLA_NUL_STRING, .len = VFPOOL_IRQ_CPUS_MAX, },
	[VFPOOL_POOL_A_IRQ_BANNED_CPUS] = { .type = NLA_NUL_STRING, .len = VFPOOL_IRQ_CPUS_MAX, },
};

const struct nla_policy vfpool_vf_config_nl_policy[VFPOOL_VF_A_MTU + 1] = {
	[VFPOOL_VF_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[VFPOOL_VF_A_VLAN] = NLA_POLICY_MAX(NLA_U16, 4095),
	[VFPOOL_VF_A_VLAN_QOS] = NLA_POLICY_MAX(NLA_U8, 7),
	[VFPOOL_VF_A_VLAN_PROTO] = { .type = NLA_U16, },
	[VFPOOL_VF_A_SPOOFCHK] = NLA_POLICY_MAX(NLA_U8, 1),
	[VFPOOL_VF_A_TRUST] = NLA_POLICY_MAX(NLA_U8, 1),
	[VFPOOL_VF_A_LINK_STATE] = NLA_POLICY_MAX(NLA_U32, 2),
	[VFPOOL_VF_A_MIN_TX_RATE] = { .type = NLA_U32, },
	[VFPOOL_VF_A_MAX_TX_RATE] = { .type = NLA_U32, },
	[VFPOOL_VF_A_MTU] = NLA_POLICY_FULL_RANGE(NLA_U32, &vfpool_vf_a_mtu_range),
};

/* VFPOOL_CMD_POOL_NEW - do */
static const struct nla_policy vfpool_pool_new_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_POOL] = NLA_POLICY_NESTED(vfpool_pool_new_input_nl_policy),
};

/* VFPOOL_CMD_POOL_DEL - do */
static const struct nla_policy vfpool_pool_del_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_POOL] = NLA_POLICY_NESTED(vfpool_pool_del_input_nl_policy),
};

/* VFPOOL_CMD_POOL_GET - do */
static const struct nla_policy vfpool_pool_get_do_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_POOL] = NLA_POLICY_NESTED(vfpool_pool_get_input_nl_policy),
};

/* VFPOOL_CMD_POOL_GET - dump */
static const struct nla_policy vfpool_pool_get_dump_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_POOL] = NLA_POLICY_NESTED(vfpool_pool_get_input_nl_policy),
};

/* VFPOOL_CMD_MEMBER_ADD - do */
static const struct nla_policy vfpool_member_add_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_MEMBER] = NLA_POLICY_NESTED(vfpool_member_add_input_nl_policy),
};

/* VFPOOL_CMD_MEMBER_DEL - do */
static const struct nla_policy vfpool_member_del_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_MEMBER] = NLA_POLICY_NESTED(vfpool_member_del_input_nl_policy),
};

/* VFPOOL_CMD_MEMBER_GET - dump */
static const struct nla_policy vfpool_member_get_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_MEMBER] = NLA_POLICY_NESTED(vfpool_member_get_input_nl_policy),
};

/* VFPOOL_CMD_LEASE_NEW - do */
static const struct nla_policy vfpool_lease_new_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_LEASE] = NLA_POLICY_NESTED(vfpool_lease_new_input_nl_policy),
};

/* VFPOOL_CMD_LEASE_DEL - do */
static const struct nla_policy vfpool_lease_del_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_LEASE] = NLA_POLICY_NESTED(vfpool_lease_del_input_nl_policy),
};

/* VFPOOL_CMD_LEASE_GET - do */
static const struct nla_policy vfpool_lease_get_do_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_LEASE] = NLA_POLICY_NESTED(vfpool_lease_get_input_nl_policy),
};

/* VFPOOL_CMD_LEASE_GET - dump */
static const struct nla_policy vfpool_lease_get_dump_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_LEASE] = NLA_POLICY_NESTED(vfpool_lease_get_input_nl_policy),
};

/* VFPOOL_CMD_IRQ_SET - do */
static const struct nla_policy vfpool_irq_set_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_IRQ] = NLA_POLICY_NESTED(vfpool_irq_set_input_nl_policy),
};

/* VFPOOL_CMD_IRQ_GET - do */
static const struct nla_policy vfpool_irq_get_do_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_IRQ] = NLA_POLICY_NESTED(vfpool_irq_get_input_nl_policy),
};

/* VFPOOL_CMD_IRQ_GET - dump */
static const struct nla_policy vfpool_irq_get_dump_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_IRQ] = NLA_POLICY_NESTED(vfpool_irq_get_input_nl_policy),
};

/* VFPOOL_CMD_BOND_ENSLAVE - do */
static const struct nla_policy vfpool_bond_enslave_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_BOND] = NLA_POLICY_NESTED(vfpool_bond_input_nl_policy),
};

/* VFPOOL_CMD_BOND_RELEASE - do */
static const struct nla_policy vfpool_bond_release_nl_policy[VFPOOL_A_BOND + 1] = {
	[VFPOOL_A_BOND] = NLA_POLICY_NESTED(vfpool_bond_input_nl_policy),
};

/* Ops table for vfpool */
const struct genl_split_ops vfpool_nl_ops[16] = {
	{
		.cmd		= VFPOOL_CMD_POOL_NEW,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_pool_new_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_pool_new_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_POOL_DEL,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_pool_del_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_pool_del_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_POOL_GET,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_pool_get_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_pool_get_do_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_POOL_GET,
		.start		= vfpool_nl_dump_start,
		.dumpit		= vfpool_nl_pool_get_dumpit,
		.policy		= vfpool_pool_get_dump_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= VFPOOL_CMD_MEMBER_ADD,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_member_add_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_member_add_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_MEMBER_DEL,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_member_del_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_member_del_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_MEMBER_GET,
		.start		= vfpool_nl_dump_start,
		.dumpit		= vfpool_nl_member_get_dumpit,
		.policy		= vfpool_member_get_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= VFPOOL_CMD_LEASE_NEW,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_lease_new_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_lease_new_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_LEASE_DEL,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_lease_del_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_lease_del_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_LEASE_GET,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_lease_get_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_lease_get_do_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_LEASE_GET,
		.start		= vfpool_nl_dump_start,
		.dumpit		= vfpool_nl_lease_get_dumpit,
		.policy		= vfpool_lease_get_dump_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= VFPOOL_CMD_IRQ_SET,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_irq_set_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_irq_set_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_IRQ_GET,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_irq_get_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_irq_get_do_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_IRQ_GET,
		.start		= vfpool_nl_dump_start,
		.dumpit		= vfpool_nl_irq_get_dumpit,
		.policy		= vfpool_irq_get_dump_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= VFPOOL_CMD_BOND_ENSLAVE,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_bond_enslave_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_bond_enslave_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VFPOOL_CMD_BOND_RELEASE,
		.pre_doit	= vfpool_nl_pre_doit,
		.doit		= vfpool_nl_bond_release_doit,
		.post_doit	= vfpool_nl_post_doit,
		.policy		= vfpool_bond_release_nl_policy,
		.maxattr	= VFPOOL_A_BOND,
		.flags		= GENL_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
};

static const struct genl_multicast_group vfpool_nl_mcgrps[] = {
	[VFPOOL_NLGRP_EVENTS] = { "events", },
};
