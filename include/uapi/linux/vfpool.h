/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vfpool.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_VFPOOL_H
#define _UAPI_LINUX_VFPOOL_H

#define VFPOOL_GENL_NAME	"vfpool"
#define VFPOOL_GENL_VERSION	1

#define VFPOOL_POOL_NAME_MAX	15
#define VFPOOL_OWNER_ID_MAX	255
#define VFPOOL_PCI_ADDR_MAX	31
#define VFPOOL_LEASE_COUNT_MAX	64
#define VFPOOL_WAIT_MS_MAX	600000
#define VFPOOL_NETWORK_MAX	255
#define VFPOOL_IRQ_CPUS_MAX	1023
#define VFPOOL_BOND_LINKS_MAX	64

/**
 * enum vfpool_pool_flags - Flags of pool-del.
 * @VFPOOL_POOL_F_FORCE: End the pool's leases first instead of refusing.
 */
enum vfpool_pool_flags {
	VFPOOL_POOL_F_FORCE = 1,
};

enum {
	__VFPOOL_POOL_F_ALL = 1,
};

/**
 * enum vfpool_member_state
 * @VFPOOL_MEMBER_FREE: Ready to be leased.
 * @VFPOOL_MEMBER_LEASED: Held by a lease.
 * @VFPOOL_MEMBER_GONE: Its VF or netdev vanished; it waits to return.
 * @VFPOOL_MEMBER_BUSY: A lease transaction is in flight on it.
 */
enum vfpool_member_state {
	VFPOOL_MEMBER_FREE,
	VFPOOL_MEMBER_LEASED,
	VFPOOL_MEMBER_GONE,
	VFPOOL_MEMBER_BUSY,
};

/**
 * enum vfpool_lease_flags - Flags of lease-new.
 * @VFPOOL_LEASE_F_DISTINCT_PF: Pick each of the count members from a different
 *   PF.
 * @VFPOOL_LEASE_F_SPREAD_PF: Spread the members over PFs: from the PF the
 *   request took fewest from so far, so that they share a PF only when the
 *   pool has too few free members on others (a bond's links). Not with
 *   distinct-pf, which fails instead of sharing.
 */
enum vfpool_lease_flags {
	VFPOOL_LEASE_F_DISTINCT_PF = 1,
	VFPOOL_LEASE_F_SPREAD_PF = 2,
};

enum {
	__VFPOOL_LEASE_F_ALL = 3,
};

/**
 * enum vfpool_irq_policy - How irq-set places a member's vectors.
 * @VFPOOL_IRQ_POLICY_NONE: Leave them as the driver set them.
 * @VFPOOL_IRQ_POLICY_SPREAD: Each to the allowed CPU with the fewest vectors
 *   of the pool. Allowed: online, kept for housekeeping by the kernel (not
 *   isolated by isolcpus= or nohz_full=), and not banned by the pool.
 * @VFPOOL_IRQ_POLICY_NUMA_LOCAL: The same, within the allowed CPUs of the
 *   device's NUMA node.
 * @VFPOOL_IRQ_POLICY_CPUS: The same, within the online CPUs of the cpus
 *   attribute, isolated or banned ones included: the explicit way to place
 *   vectors there.
 */
enum vfpool_irq_policy {
	VFPOOL_IRQ_POLICY_NONE,
	VFPOOL_IRQ_POLICY_SPREAD,
	VFPOOL_IRQ_POLICY_NUMA_LOCAL,
	VFPOOL_IRQ_POLICY_CPUS,

	/* private: */
	__VFPOOL_IRQ_POLICY_MAX,
	VFPOOL_IRQ_POLICY_MAX = (__VFPOOL_IRQ_POLICY_MAX - 1)
};

/**
 * enum vfpool_vector_status - What vfpool did with a vector.
 * @VFPOOL_VECTOR_STATUS_UNTOUCHED: Not placed by vfpool.
 * @VFPOOL_VECTOR_STATUS_SET: Placed on the CPU of its cpus attribute.
 * @VFPOOL_VECTOR_STATUS_MANAGED: Kernel-managed; it refuses affinity changes
 *   and was left alone.
 * @VFPOOL_VECTOR_STATUS_FIXED: It cannot move (per-CPU, or balancing
 *   disabled).
 * @VFPOOL_VECTOR_STATUS_FAILED: The kernel refused the change; error says why.
 * @VFPOOL_VECTOR_STATUS_DRIFT: Placed by vfpool, but its affinity is no longer
 *   the CPU vfpool chose: changed by hand, by irqbalance, or by the kernel
 *   when that CPU went offline.
 */
enum vfpool_vector_status {
	VFPOOL_VECTOR_STATUS_UNTOUCHED,
	VFPOOL_VECTOR_STATUS_SET,
	VFPOOL_VECTOR_STATUS_MANAGED,
	VFPOOL_VECTOR_STATUS_FIXED,
	VFPOOL_VECTOR_STATUS_FAILED,
	VFPOOL_VECTOR_STATUS_DRIFT,
};

/**
 * enum vfpool_event
 * @VFPOOL_EVENT_MEMBER_GONE: The member's VF or netdev vanished.
 * @VFPOOL_EVENT_MEMBER_BACK: It came back.
 * @VFPOOL_EVENT_LEASE_RELEASED: Ended by lease-del.
 * @VFPOOL_EVENT_LEASE_RECLAIMED: Ended by the kernel; the reason says why.
 * @VFPOOL_EVENT_LEASE_BOND_JOIN: Its netdev was enslaved to a bond.
 * @VFPOOL_EVENT_LEASE_BOND_LEAVE: Its netdev was released from its bond. A
 *   lease that leaves its bond because it ends sends no lease-bond-leave, only
 *   its end.
 */
enum vfpool_event {
	VFPOOL_EVENT_POOL_NEW,
	VFPOOL_EVENT_POOL_DEL,
	VFPOOL_EVENT_MEMBER_ADD,
	VFPOOL_EVENT_MEMBER_DEL,
	VFPOOL_EVENT_MEMBER_GONE,
	VFPOOL_EVENT_MEMBER_BACK,
	VFPOOL_EVENT_LEASE_GRANTED,
	VFPOOL_EVENT_LEASE_RELEASED,
	VFPOOL_EVENT_LEASE_RECLAIMED,
	VFPOOL_EVENT_LEASE_BOND_JOIN,
	VFPOOL_EVENT_LEASE_BOND_LEAVE,
};

/**
 * enum vfpool_reason
 * @VFPOOL_REASON_REQUEST: lease-del.
 * @VFPOOL_REASON_NETNS_GONE: The owner netns was dismantled.
 * @VFPOOL_REASON_MEMBER_GONE: The VF or its netdev vanished.
 * @VFPOOL_REASON_POOL_DELETED: pool-del with force.
 */
enum vfpool_reason {
	VFPOOL_REASON_REQUEST,
	VFPOOL_REASON_NETNS_GONE,
	VFPOOL_REASON_MEMBER_GONE,
	VFPOOL_REASON_POOL_DELETED,
};

enum vfpool_attr {
	VFPOOL_A_UNSPEC,
	VFPOOL_A_POOL,
	VFPOOL_A_MEMBER,
	VFPOOL_A_LEASE,
	VFPOOL_A_EVENT,
	VFPOOL_A_REASON,
	VFPOOL_A_IRQ,
	VFPOOL_A_BOND,

	__VFPOOL_A_MAX,
	VFPOOL_A_MAX = (__VFPOOL_A_MAX - 1)
};

enum vfpool_pool_attr {
	VFPOOL_POOL_A_UNSPEC,
	VFPOOL_POOL_A_NAME,
	VFPOOL_POOL_A_PF_IFINDEX,
	VFPOOL_POOL_A_PF_IFNAME,
	VFPOOL_POOL_A_PF_PCI,
	VFPOOL_POOL_A_FLAGS,
	VFPOOL_POOL_A_TOTAL,
	VFPOOL_POOL_A_FREE,
	VFPOOL_POOL_A_LEASED,
	VFPOOL_POOL_A_GONE,
	VFPOOL_POOL_A_IRQ_POLICY,
	VFPOOL_POOL_A_IRQ_CPUS,
	VFPOOL_POOL_A_IRQ_BANNED_CPUS,

	__VFPOOL_POOL_A_MAX,
	VFPOOL_POOL_A_MAX = (__VFPOOL_POOL_A_MAX - 1)
};

enum vfpool_member_attr {
	VFPOOL_MEMBER_A_UNSPEC,
	VFPOOL_MEMBER_A_POOL_NAME,
	VFPOOL_MEMBER_A_IFINDEX,
	VFPOOL_MEMBER_A_IFNAME,
	VFPOOL_MEMBER_A_PCI,
	VFPOOL_MEMBER_A_PF_IFINDEX,
	VFPOOL_MEMBER_A_PF_IFNAME,
	VFPOOL_MEMBER_A_PF_PCI,
	VFPOOL_MEMBER_A_VF_INDEX,
	VFPOOL_MEMBER_A_NUMA_NODE,
	VFPOOL_MEMBER_A_DRIVER,
	VFPOOL_MEMBER_A_STATE,
	VFPOOL_MEMBER_A_LEASE_ID,
	VFPOOL_MEMBER_A_OWNER_ID,
	VFPOOL_MEMBER_A_PAD,

	__VFPOOL_MEMBER_A_MAX,
	VFPOOL_MEMBER_A_MAX = (__VFPOOL_MEMBER_A_MAX - 1)
};

enum vfpool_lease_attr {
	VFPOOL_LEASE_A_UNSPEC,
	VFPOOL_LEASE_A_ID,
	VFPOOL_LEASE_A_POOL_NAME,
	VFPOOL_LEASE_A_MEMBER_PCI,
	VFPOOL_LEASE_A_MEMBER_IFINDEX,
	VFPOOL_LEASE_A_MEMBER_IFNAME,
	VFPOOL_LEASE_A_OWNER_ID,
	VFPOOL_LEASE_A_IFNAME,
	VFPOOL_LEASE_A_NETNS_FD,
	VFPOOL_LEASE_A_NETNS_PID,
	VFPOOL_LEASE_A_NETNS_COOKIE,
	VFPOOL_LEASE_A_IFINDEX,
	VFPOOL_LEASE_A_VF_CONFIG,
	VFPOOL_LEASE_A_SAVED_CONFIG,
	VFPOOL_LEASE_A_MEMBER,
	VFPOOL_LEASE_A_NUMA_NODE,
	VFPOOL_LEASE_A_COUNT,
	VFPOOL_LEASE_A_FLAGS,
	VFPOOL_LEASE_A_WAIT_MS,
	VFPOOL_LEASE_A_PAD,
	VFPOOL_LEASE_A_BOND_IFINDEX,
	VFPOOL_LEASE_A_BOND_IFNAME,
	VFPOOL_LEASE_A_BOND_EXTERNAL,
	VFPOOL_LEASE_A_NETWORK,
	VFPOOL_LEASE_A_LINK,

	__VFPOOL_LEASE_A_MAX,
	VFPOOL_LEASE_A_MAX = (__VFPOOL_LEASE_A_MAX - 1)
};

enum vfpool_vf_attr {
	VFPOOL_VF_A_UNSPEC,
	VFPOOL_VF_A_MAC,
	VFPOOL_VF_A_VLAN,
	VFPOOL_VF_A_VLAN_QOS,
	VFPOOL_VF_A_VLAN_PROTO,
	VFPOOL_VF_A_SPOOFCHK,
	VFPOOL_VF_A_TRUST,
	VFPOOL_VF_A_LINK_STATE,
	VFPOOL_VF_A_MIN_TX_RATE,
	VFPOOL_VF_A_MAX_TX_RATE,
	VFPOOL_VF_A_MTU,

	__VFPOOL_VF_A_MAX,
	VFPOOL_VF_A_MAX = (__VFPOOL_VF_A_MAX - 1)
};

enum vfpool_irq_attr {
	VFPOOL_IRQ_A_UNSPEC,
	VFPOOL_IRQ_A_POOL_NAME,
	VFPOOL_IRQ_A_MEMBER_PCI,
	VFPOOL_IRQ_A_MEMBER_IFINDEX,
	VFPOOL_IRQ_A_MEMBER_IFNAME,
	VFPOOL_IRQ_A_POLICY,
	VFPOOL_IRQ_A_CPUS,
	VFPOOL_IRQ_A_MEMBER,
	VFPOOL_IRQ_A_VECTOR,
	VFPOOL_IRQ_A_CPU_LOAD,
	VFPOOL_IRQ_A_BANNED_CPUS,
	VFPOOL_IRQ_A_PLACED,
	VFPOOL_IRQ_A_CPUS_ISOLATED,
	VFPOOL_IRQ_A_CPUS_OFFLINE,

	__VFPOOL_IRQ_A_MAX,
	VFPOOL_IRQ_A_MAX = (__VFPOOL_IRQ_A_MAX - 1)
};

enum vfpool_vector_attr {
	VFPOOL_VECTOR_A_UNSPEC,
	VFPOOL_VECTOR_A_INDEX,
	VFPOOL_VECTOR_A_IRQ,
	VFPOOL_VECTOR_A_CPUS,
	VFPOOL_VECTOR_A_EFFECTIVE_CPU,
	VFPOOL_VECTOR_A_PENDING,
	VFPOOL_VECTOR_A_STATUS,
	VFPOOL_VECTOR_A_ERROR,

	__VFPOOL_VECTOR_A_MAX,
	VFPOOL_VECTOR_A_MAX = (__VFPOOL_VECTOR_A_MAX - 1)
};

enum vfpool_bond_attr {
	VFPOOL_BOND_A_UNSPEC,
	VFPOOL_BOND_A_OWNER_ID,
	VFPOOL_BOND_A_IFNAME,
	VFPOOL_BOND_A_IFINDEX,
	VFPOOL_BOND_A_LINK,
	VFPOOL_BOND_A_LEASE_ID,

	__VFPOOL_BOND_A_MAX,
	VFPOOL_BOND_A_MAX = (__VFPOOL_BOND_A_MAX - 1)
};

enum vfpool_cpu_load_attr {
	VFPOOL_CPU_LOAD_A_UNSPEC,
	VFPOOL_CPU_LOAD_A_CPU,
	VFPOOL_CPU_LOAD_A_VECTORS,

	__VFPOOL_CPU_LOAD_A_MAX,
	VFPOOL_CPU_LOAD_A_MAX = (__VFPOOL_CPU_LOAD_A_MAX - 1)
};

enum vfpool_cmd {
	VFPOOL_CMD_UNSPEC,
	VFPOOL_CMD_POOL_NEW,
	VFPOOL_CMD_POOL_DEL,
	VFPOOL_CMD_POOL_GET,
	VFPOOL_CMD_MEMBER_ADD,
	VFPOOL_CMD_MEMBER_DEL,
	VFPOOL_CMD_MEMBER_GET,
	VFPOOL_CMD_LEASE_NEW,
	VFPOOL_CMD_LEASE_DEL,
	VFPOOL_CMD_LEASE_GET,
	VFPOOL_CMD_POOL_NTF,
	VFPOOL_CMD_MEMBER_NTF,
	VFPOOL_CMD_LEASE_NTF,
	VFPOOL_CMD_IRQ_SET,
	VFPOOL_CMD_IRQ_GET,
	VFPOOL_CMD_BOND_ENSLAVE,
	VFPOOL_CMD_BOND_RELEASE,

	__VFPOOL_CMD_MAX,
	VFPOOL_CMD_MAX = (__VFPOOL_CMD_MAX - 1)
};

#define VFPOOL_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_VFPOOL_H */
