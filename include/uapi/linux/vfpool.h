/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * vfpool: pools of SR-IOV virtual functions leased to containers.
 *
 * Generic netlink family "vfpool", version 1. Every command, reads and
 * dumps included, and joining the "events" group need CAP_NET_ADMIN in
 * the initial user namespace; anyone else gets -EPERM. Pools, members
 * and leases are objects of the host, and what they carry (container
 * ids, netns cookies, interface names, MACs, VLANs) belongs to every
 * tenant of it; there is no per-netns view to give a container instead,
 * as every pool lives in the initial netns. Every attribute is
 * validated strictly: unknown attributes, wrong lengths, values out of
 * range and unknown flag bits are rejected with an extack message that
 * names the attribute.
 *
 * Objects
 * -------
 *
 * pool:   a named set of members (name up to 15 bytes, like an ifname).
 * member: one VF. It has a netdev, a PCI function, a PF + VF index, or a
 *         combination of those. VF configuration goes through the PF.
 *         A member belongs to one pool at most.
 * lease:  one member handed to one owner. The owner is a container id
 *         (up to 255 bytes) plus the interface name inside the container.
 *         The lease also remembers the network namespace the member's
 *         netdev was moved into. Lease ids are 64 bits and never reused
 *         while the module is loaded.
 *
 * Commands
 * --------
 *
 * Requests carry one object nest (VFPOOL_A_POOL, VFPOOL_A_MEMBER,
 * VFPOOL_A_LEASE, VFPOOL_A_IRQ or VFPOOL_A_BOND); replies and dump
 * entries carry the same nests (BOND requests get VFPOOL_A_LEASE).
 * Member and lease dumps go in id order: an object that exists for the
 * whole dump is in it exactly once, however much changes meanwhile;
 * objects added or removed during it may or may not be. The pool dump
 * sets NLM_F_DUMP_INTR when a pool was added or removed during it.
 *
 * VFPOOL_CMD_POOL_NEW (admin)
 *   VFPOOL_A_POOL { NAME, [PF_IFINDEX | PF_IFNAME | PF_PCI],
 *                   [IRQ_POLICY, [IRQ_CPUS]] }
 *   Create a pool. With a PF, every VF of the PF becomes a member: its
 *   PCI function and its netdev when a driver created one, or the bare
 *   PF + VF index for devices without per-VF PCI functions. Without a
 *   PF the pool starts empty; fill it with MEMBER_ADD. IRQ_POLICY is
 *   the pool's default IRQ policy, applied to a member's vectors each
 *   time it is leased (see IRQ_SET); IRQ_CPUS goes with POLICY_CPUS.
 *
 * VFPOOL_CMD_POOL_DEL (admin)
 *   VFPOOL_A_POOL { NAME, [FLAGS: VFPOOL_POOL_F_FORCE] }
 *   Delete a pool. Refused with -EBUSY while it has leases, unless
 *   FORCE: then every lease is ended first (event reason POOL_DELETED).
 *
 * VFPOOL_CMD_POOL_GET
 *   do:   VFPOOL_A_POOL { NAME }
 *   dump: every pool.
 *   Reply: VFPOOL_A_POOL { NAME, PF_*, TOTAL, FREE, LEASED, GONE,
 *          IRQ_POLICY, [IRQ_CPUS] }
 *
 * VFPOOL_CMD_MEMBER_ADD (admin)
 *   VFPOOL_A_MEMBER { POOL_NAME, IFINDEX | IFNAME | PCI,
 *                     [PF_IFINDEX | PF_IFNAME, VF_INDEX] }
 *   Add one member. A PCI address names a VF, whose PF and VF index are
 *   found from PCI, or any other PCI function (a PF, a virtio device),
 *   which is then a member without a PF: it can be leased and its IRQs
 *   placed, but it takes no VF config. A netdev may be bound to a PF's
 *   VF index so that VF config goes through that PF.
 *
 * VFPOOL_CMD_MEMBER_DEL (admin)
 *   VFPOOL_A_MEMBER { POOL_NAME, IFINDEX | IFNAME | PCI }
 *   Remove a member. Refused with -EBUSY while it is leased.
 *
 * VFPOOL_CMD_MEMBER_GET
 *   dump: every member, or those of VFPOOL_A_MEMBER { POOL_NAME }.
 *   Reply: VFPOOL_A_MEMBER { POOL_NAME, IFINDEX, IFNAME, PCI, PF_IFINDEX,
 *          PF_IFNAME, PF_PCI, VF_INDEX, NUMA_NODE, DRIVER, STATE,
 *          [LEASE_ID, OWNER_ID] }
 *
 * VFPOOL_CMD_LEASE_NEW (admin)
 *   VFPOOL_A_LEASE { OWNER_ID, [IFNAME], POOL_NAME | MEMBER_PCI |
 *                    MEMBER_IFINDEX | MEMBER_IFNAME,
 *                    [NETNS_FD | NETNS_PID], [VF_CONFIG { ... }],
 *                    [NUMA_NODE], [COUNT], [FLAGS], [NETWORK] }
 *   Lease members as one transaction: pick, save the VF config, apply
 *   VF_CONFIG, move the netdev into the target netns under IFNAME. Any
 *   failure undoes all of it. With COUNT > 1, IFNAME must contain one
 *   "%d", replaced by 0..COUNT-1; either every member is leased or none.
 *   FLAGS VFPOOL_LEASE_F_DISTINCT_PF picks each member from another PF.
 *   A member without a netdev is leased without a move (no IFNAME or
 *   netns needed).
 *   A member held by another owner whose netns is alive: -EBUSY and an
 *   extack naming the holder; a pool without enough free members:
 *   -ENOSPC. A holder whose netns is dying is reclaimed first. The same
 *   OWNER_ID + IFNAME asked again returns the lease it already has.
 *   NETWORK names what made the lease (a CNI network's name); CNI GC
 *   of that network ends only leases that carry it.
 *   The kernel never waits in this request (see "Waiting" below).
 *   WAIT_MS is rejected: it asked for a wait in the kernel before.
 *   Reply: one VFPOOL_A_LEASE per leased member. When the pool has an
 *   IRQ policy, each newly leased member with a PCI function gets it,
 *   and the reply carries one VFPOOL_A_IRQ per such member, as IRQ_SET
 *   replies (a vector that cannot be placed is reported there; it never
 *   fails the lease). A member whose driver is not bound yet keeps the
 *   policy, and it is applied when the driver binds.
 *
 * VFPOOL_CMD_LEASE_DEL (admin)
 *   VFPOOL_A_LEASE { ID | OWNER_ID, [IFNAME], [ID] }
 *   End leases: the one with ID, or those of OWNER_ID (only IFNAME's
 *   when given, only ID's when given too). The member's netdev goes
 *   back to the initial netns under its original name and its saved VF
 *   config is restored. A request that matches no lease succeeds and
 *   changes nothing: a late DEL can never touch a member that has since
 *   been leased to someone else.
 *   Reply: one VFPOOL_A_LEASE per lease ended (none when nothing
 *   matched).
 *
 * VFPOOL_CMD_LEASE_GET
 *   do:   VFPOOL_A_LEASE { ID }
 *   dump: every lease, or those matching VFPOOL_A_LEASE { POOL_NAME,
 *         OWNER_ID, NETNS_COOKIE, NETWORK } (each optional, all must
 *         match).
 *   Reply: VFPOOL_A_LEASE { ID, POOL_NAME, OWNER_ID, IFNAME, IFINDEX,
 *          NETNS_COOKIE, [NETWORK], MEMBER { ... }, VF_CONFIG { applied },
 *          SAVED_CONFIG { restored on release },
 *          [BOND_IFINDEX, BOND_IFNAME, [BOND_EXTERNAL]] }
 *   BOND_* name the bond the member's netdev is enslaved to in the owner
 *   netns, whoever enslaved it; BOND_EXTERNAL says it was not
 *   BOND_ENSLAVE (ip link set master, say).
 * VFPOOL_CMD_BOND_ENSLAVE (admin)
 *   VFPOOL_A_BOND { OWNER_ID, IFNAME | IFINDEX, (LINK | LEASE_ID)+ }
 *   Enslave leased members to a bonding master, as one transaction
 *   under RTNL, through the bond driver's own ndo_add_slave. The leases
 *   are named by their IFNAME (LINK) or ID, up to VFPOOL_BOND_LINKS_MAX,
 *   and enslaved in that order; the bond is IFNAME or IFINDEX in their
 *   netns. Every lease must belong to OWNER_ID, have a netdev moved into
 *   a netns (all the same one) and be in no bond but this one. Either
 *   all are enslaved or none: on failure the ones enslaved so far are
 *   released again. Enslaving a member already in this bond changes
 *   nothing. A member that is up is taken down first (the bond driver
 *   refuses up slaves) and the bond brings it up. Refused: a master that
 *   is not a bond (-EINVAL), a lease of another owner (-EPERM) or in
 *   another netns (-EINVAL), a member in another bond (-EBUSY).
 *   Reply: one VFPOOL_A_LEASE per lease named, as in LEASE_GET.
 * VFPOOL_CMD_BOND_RELEASE (admin)
 *   VFPOOL_A_BOND { OWNER_ID, [IFNAME | IFINDEX], (LINK | LEASE_ID)* }
 *   Release leased members of OWNER_ID from their bond: the ones named,
 *   or without names every one in the bond (IFNAME | IFINDEX then
 *   needed). A named lease that is in no bond, or in another bond than
 *   the one given, is left as it is: like LEASE_DEL, a late request
 *   changes nothing. The bond driver restores the member's MAC and MTU.
 *   Every lease leaves its bond by itself before it ends, whatever ends
 *   it (LEASE_DEL, netns reclaim, POOL_DEL).
 *   Reply: one VFPOOL_A_LEASE per lease released.
 *
 * VFPOOL_CMD_IRQ_SET (admin)
 *   VFPOOL_A_IRQ { MEMBER_PCI | MEMBER_IFINDEX | MEMBER_IFNAME,
 *                  [POLICY, [CPUS]] }
 *   Place the MSI/MSI-X vectors of a member's PCI function (free or
 *   leased) by POLICY, and keep POLICY as the member's: it is applied
 *   again when a driver binds to the function. Without POLICY, the
 *   member's own policy is applied again (for vectors a driver
 *   allocated after the last placement). Each vector goes to the least
 *   loaded CPU the policy allows, counting every vector the pool has
 *   placed (its per-CPU load), lowest CPU first on a tie:
 *     POLICY_SPREAD      every online CPU;
 *     POLICY_NUMA_LOCAL  the online CPUs of the function's NUMA node
 *                        (every online CPU when the node is unknown);
 *     POLICY_CPUS        the CPUs of CPUS, a list like "0-3,8" whose
 *                        CPUs must exist and be online;
 *     POLICY_NONE        forget the member's policy and its placements
 *                        (affinities are left as they are).
 *   Kernel-managed vectors (drivers that let the kernel spread their
 *   queues) refuse changes: they are reported with VECTOR_STATUS_MANAGED
 *   and left alone, and so are vectors that cannot move at all. A
 *   member without a PCI function or without vectors, an empty or bad
 *   CPU list, offline or missing CPUs: an error, and nothing changes.
 *   Reply: VFPOOL_A_IRQ as in IRQ_GET.
 *   VFPOOL_A_IRQ { POOL_NAME, POLICY, [CPUS] }
 *   Set the pool's default policy, applied at lease time. Placements
 *   already made stay. Reply: VFPOOL_A_IRQ as in IRQ_GET of the pool.
 *
 * VFPOOL_CMD_IRQ_GET
 *   do:   VFPOOL_A_IRQ { MEMBER_PCI | MEMBER_IFINDEX | MEMBER_IFNAME }:
 *         VFPOOL_A_IRQ { POOL_NAME, MEMBER { ... }, POLICY, [CPUS],
 *                        VECTOR { ... }* }, one VECTOR per vector, read
 *         from the kernel's MSI descriptors and IRQ state at that moment.
 *   do:   VFPOOL_A_IRQ { POOL_NAME }: VFPOOL_A_IRQ { POOL_NAME, POLICY,
 *         [CPUS], CPU_LOAD { CPU, VECTORS }* }, one CPU_LOAD per online
 *         CPU: the vectors the pool placed there.
 *   dump: every member with a PCI function, or those of
 *         VFPOOL_A_IRQ { POOL_NAME }, one message each, as the first do.
 *
 * While any lease exists the module holds a reference on itself, so an
 * unload is refused ("in use") rather than yanking VFs out of running
 * containers; end the leases (or POOL_DEL with FORCE) first.
 *
 * Waiting for a member
 * --------------------
 *
 * No request sleeps in the kernel for a time its caller chose: a doit
 * runs under generic netlink's cb_lock, and a genl_register_family()
 * queued behind a sleeping doit would stall every generic netlink user
 * of the host (nl80211, ethtool, devlink, ...) until it returned. A
 * client that wants to wait for a busy member or a full pool does it in
 * user space, race-free, as libvfpool does: it joins the "events" group
 * (a second socket) and then asks again, so that any lease ending after
 * that answer is an event it will see; on -EBUSY or -ENOSPC it waits for
 * LEASE_RELEASED, LEASE_RECLAIMED, MEMBER_ADD or MEMBER_BACK of the pool
 * (or for lost events, ENOBUFS on the socket) and asks again, until its
 * deadline. A transaction that fails frees its members without an event,
 * so the wait also asks again at least once a second. The kernel decides
 * who gets a member in one lock hold, as before: of several waiters,
 * the first to ask after the release gets it.
 *
 * Notifications (multicast group "events")
 * ----------------------------------------
 *
 * VFPOOL_CMD_POOL_NTF, VFPOOL_CMD_MEMBER_NTF, VFPOOL_CMD_LEASE_NTF carry
 * VFPOOL_A_EVENT (enum vfpool_event), VFPOOL_A_REASON (enum
 * vfpool_reason, only when a lease ends) and the object's nest as in
 * GET. LEASE_BOND_JOIN and LEASE_BOND_LEAVE carry the lease with the
 * bond it joined or left in BOND_*, with BOND_EXTERNAL when BOND_ENSLAVE
 * or BOND_RELEASE did not make the change; a lease that leaves its bond
 * because it ends sends no LEASE_BOND_LEAVE, only its end. Pools live
 * in the initial netns, and so do their events: they are multicast to
 * listeners in the initial netns only.
 *
 * Conventions
 * -----------
 *
 * Names (pool, owner id, ifname, network) are NUL-terminated strings of printable
 * characters without spaces, '/' or ':'. A target netns needs an IFNAME.
 * u64 attributes carry a *_PAD attribute for alignment in replies only;
 * requests send them unpadded and never send *_PAD. VLAN_PROTO is in host
 * byte order. NUMA nodes are s32 in replies (-1: unknown) and a u32 node
 * number in LEASE_NEW (absent: no preference).
 */
#ifndef _UAPI_LINUX_VFPOOL_H
#define _UAPI_LINUX_VFPOOL_H

#define VFPOOL_GENL_NAME		"vfpool"
#define VFPOOL_GENL_VERSION		1
#define VFPOOL_MCGRP_EVENTS		"events"

/* Limits, so userspace can validate before it asks. */
#define VFPOOL_POOL_NAME_MAX		15	/* bytes, without NUL */
#define VFPOOL_OWNER_ID_MAX		255	/* bytes, without NUL */
#define VFPOOL_PCI_ADDR_MAX		31	/* "dddd:bb:dd.f", without NUL */
#define VFPOOL_LEASE_COUNT_MAX		64
#define VFPOOL_WAIT_MS_MAX		600000	/* of a client's wait */
#define VFPOOL_NETWORK_MAX		255	/* bytes, without NUL */
#define VFPOOL_IRQ_CPUS_MAX		1023	/* CPU list, without NUL */
#define VFPOOL_BOND_LINKS_MAX		64	/* LINK + LEASE_ID per request */

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
	VFPOOL_CMD_MAX = __VFPOOL_CMD_MAX - 1
};

/* Top-level attributes: one object nest per message, plus event info. */
enum vfpool_attr {
	VFPOOL_A_UNSPEC,
	VFPOOL_A_POOL,		/* nest, enum vfpool_pool_attr */
	VFPOOL_A_MEMBER,	/* nest, enum vfpool_member_attr */
	VFPOOL_A_LEASE,		/* nest, enum vfpool_lease_attr; repeated in
				 * LEASE_NEW and LEASE_DEL replies
				 */
	VFPOOL_A_EVENT,		/* u32, enum vfpool_event (notifications) */
	VFPOOL_A_REASON,	/* u32, enum vfpool_reason (notifications) */
	VFPOOL_A_IRQ,		/* nest, enum vfpool_irq_attr; repeated in
				 * LEASE_NEW replies
				 */
	VFPOOL_A_BOND,		/* nest, enum vfpool_bond_attr */

	__VFPOOL_A_MAX,
	VFPOOL_A_MAX = __VFPOOL_A_MAX - 1
};

/* Flags of VFPOOL_POOL_A_FLAGS. */
enum vfpool_pool_flags {
	VFPOOL_POOL_F_FORCE = 1U << 0,	/* POOL_DEL: end leases first */

	__VFPOOL_POOL_F_ALL = VFPOOL_POOL_F_FORCE
};

enum vfpool_pool_attr {
	VFPOOL_POOL_A_UNSPEC,
	VFPOOL_POOL_A_NAME,		/* string, 1..VFPOOL_POOL_NAME_MAX */
	VFPOOL_POOL_A_PF_IFINDEX,	/* u32, PF netdev in the caller's netns */
	VFPOOL_POOL_A_PF_IFNAME,	/* string, PF netdev name */
	VFPOOL_POOL_A_PF_PCI,		/* string, PF PCI address */
	VFPOOL_POOL_A_FLAGS,		/* u32, enum vfpool_pool_flags */
	VFPOOL_POOL_A_TOTAL,		/* u32, members (reply) */
	VFPOOL_POOL_A_FREE,		/* u32, members free (reply) */
	VFPOOL_POOL_A_LEASED,		/* u32, members leased (reply) */
	VFPOOL_POOL_A_GONE,		/* u32, members whose VF vanished (reply) */
	VFPOOL_POOL_A_IRQ_POLICY,	/* u32, enum vfpool_irq_policy: default */
	VFPOOL_POOL_A_IRQ_CPUS,		/* string, CPU list of POLICY_CPUS */

	__VFPOOL_POOL_A_MAX,
	VFPOOL_POOL_A_MAX = __VFPOOL_POOL_A_MAX - 1
};

enum vfpool_member_state {
	VFPOOL_MEMBER_FREE,	/* ready to be leased */
	VFPOOL_MEMBER_LEASED,	/* held by a lease */
	VFPOOL_MEMBER_GONE,	/* its VF or netdev vanished; waits to return */
	VFPOOL_MEMBER_BUSY,	/* a lease transaction is in flight on it */
};

enum vfpool_member_attr {
	VFPOOL_MEMBER_A_UNSPEC,
	VFPOOL_MEMBER_A_POOL_NAME,	/* string */
	VFPOOL_MEMBER_A_IFINDEX,	/* u32, member netdev (init_net index) */
	VFPOOL_MEMBER_A_IFNAME,		/* string, member netdev original name */
	VFPOOL_MEMBER_A_PCI,		/* string, VF PCI address */
	VFPOOL_MEMBER_A_PF_IFINDEX,	/* u32 */
	VFPOOL_MEMBER_A_PF_IFNAME,	/* string */
	VFPOOL_MEMBER_A_PF_PCI,		/* string (reply) */
	VFPOOL_MEMBER_A_VF_INDEX,	/* u32, VF index on the PF */
	VFPOOL_MEMBER_A_NUMA_NODE,	/* s32, -1 when unknown (reply) */
	VFPOOL_MEMBER_A_DRIVER,		/* string, bound driver (reply) */
	VFPOOL_MEMBER_A_STATE,		/* u32, enum vfpool_member_state (reply) */
	VFPOOL_MEMBER_A_LEASE_ID,	/* u64, when leased (reply) */
	VFPOOL_MEMBER_A_OWNER_ID,	/* string, when leased (reply) */
	VFPOOL_MEMBER_A_PAD,

	__VFPOOL_MEMBER_A_MAX,
	VFPOOL_MEMBER_A_MAX = __VFPOOL_MEMBER_A_MAX - 1
};

/* Flags of VFPOOL_LEASE_A_FLAGS. */
enum vfpool_lease_flags {
	VFPOOL_LEASE_F_DISTINCT_PF = 1U << 0,	/* COUNT members, each of another PF */

	__VFPOOL_LEASE_F_ALL = VFPOOL_LEASE_F_DISTINCT_PF
};

enum vfpool_lease_attr {
	VFPOOL_LEASE_A_UNSPEC,
	VFPOOL_LEASE_A_ID,		/* u64 */
	VFPOOL_LEASE_A_POOL_NAME,	/* string: lease any free member */
	VFPOOL_LEASE_A_MEMBER_PCI,	/* string: lease this VF */
	VFPOOL_LEASE_A_MEMBER_IFINDEX,	/* u32: lease the member with this netdev */
	VFPOOL_LEASE_A_MEMBER_IFNAME,	/* string: same, by name */
	VFPOOL_LEASE_A_OWNER_ID,	/* string, 1..VFPOOL_OWNER_ID_MAX */
	VFPOOL_LEASE_A_IFNAME,		/* string, name inside the owner netns */
	VFPOOL_LEASE_A_NETNS_FD,	/* s32, target netns by fd */
	VFPOOL_LEASE_A_NETNS_PID,	/* u32, target netns of this process */
	VFPOOL_LEASE_A_NETNS_COOKIE,	/* u64, owner netns (reply, dump filter) */
	VFPOOL_LEASE_A_IFINDEX,		/* u32, ifindex in the owner netns (reply) */
	VFPOOL_LEASE_A_VF_CONFIG,	/* nest, enum vfpool_vf_attr: applied */
	VFPOOL_LEASE_A_SAVED_CONFIG,	/* nest, enum vfpool_vf_attr (reply) */
	VFPOOL_LEASE_A_MEMBER,		/* nest, enum vfpool_member_attr (reply) */
	VFPOOL_LEASE_A_NUMA_NODE,	/* u32, prefer members of this node */
	VFPOOL_LEASE_A_COUNT,		/* u32, 1..VFPOOL_LEASE_COUNT_MAX */
	VFPOOL_LEASE_A_FLAGS,		/* u32, enum vfpool_lease_flags */
	VFPOOL_LEASE_A_WAIT_MS,		/* u32, rejected: the kernel never waits */
	VFPOOL_LEASE_A_PAD,
	VFPOOL_LEASE_A_BOND_IFINDEX,	/* u32, its bond in the owner netns (reply) */
	VFPOOL_LEASE_A_BOND_IFNAME,	/* string, the bond's name (reply) */
	VFPOOL_LEASE_A_BOND_EXTERNAL,	/* flag: enslaved by others (reply) */
	VFPOOL_LEASE_A_NETWORK,		/* string, 1..VFPOOL_NETWORK_MAX: made by */

	__VFPOOL_LEASE_A_MAX,
	VFPOOL_LEASE_A_MAX = __VFPOOL_LEASE_A_MAX - 1
};

/*
 * VF configuration, applied through the PF (ndo_set_vf_*) and, for MAC
 * and MTU, on the member netdev too. VLAN_QOS and VLAN_PROTO need a
 * non-zero VLAN. Rates are in Mbps; MIN_TX_RATE must not exceed a
 * non-zero MAX_TX_RATE.
 */
enum vfpool_vf_attr {
	VFPOOL_VF_A_UNSPEC,
	VFPOOL_VF_A_MAC,		/* binary, 6 bytes, unicast */
	VFPOOL_VF_A_VLAN,		/* u16, 0..4095 (0: no VLAN) */
	VFPOOL_VF_A_VLAN_QOS,		/* u8, 0..7 */
	VFPOOL_VF_A_VLAN_PROTO,		/* u16, ETH_P_8021Q or ETH_P_8021AD */
	VFPOOL_VF_A_SPOOFCHK,		/* u8, 0 or 1 */
	VFPOOL_VF_A_TRUST,		/* u8, 0 or 1 */
	VFPOOL_VF_A_LINK_STATE,		/* u32, IFLA_VF_LINK_STATE_* (0..2) */
	VFPOOL_VF_A_MIN_TX_RATE,	/* u32, Mbps */
	VFPOOL_VF_A_MAX_TX_RATE,	/* u32, Mbps (0: unlimited) */
	VFPOOL_VF_A_MTU,		/* u32, member netdev MTU */

	__VFPOOL_VF_A_MAX,
	VFPOOL_VF_A_MAX = __VFPOOL_VF_A_MAX - 1
};

/* How IRQ_SET places a member's vectors. */
enum vfpool_irq_policy {
	VFPOOL_IRQ_POLICY_NONE,		/* leave them as the driver set them */
	VFPOOL_IRQ_POLICY_SPREAD,	/* least-loaded online CPU */
	VFPOOL_IRQ_POLICY_NUMA_LOCAL,	/* same, within the device's node */
	VFPOOL_IRQ_POLICY_CPUS,		/* same, within VFPOOL_IRQ_A_CPUS */

	__VFPOOL_IRQ_POLICY_MAX,
	VFPOOL_IRQ_POLICY_MAX = __VFPOOL_IRQ_POLICY_MAX - 1
};

enum vfpool_irq_attr {
	VFPOOL_IRQ_A_UNSPEC,
	VFPOOL_IRQ_A_POOL_NAME,		/* string: the pool (its default, load) */
	VFPOOL_IRQ_A_MEMBER_PCI,	/* string: the member with this PCI function */
	VFPOOL_IRQ_A_MEMBER_IFINDEX,	/* u32: the member with this netdev */
	VFPOOL_IRQ_A_MEMBER_IFNAME,	/* string: same, by name */
	VFPOOL_IRQ_A_POLICY,		/* u32, enum vfpool_irq_policy */
	VFPOOL_IRQ_A_CPUS,		/* string, CPU list ("0-3,8") of POLICY_CPUS */
	VFPOOL_IRQ_A_MEMBER,		/* nest, enum vfpool_member_attr (reply) */
	VFPOOL_IRQ_A_VECTOR,		/* nest, enum vfpool_vector_attr (reply),
					 * one per vector
					 */
	VFPOOL_IRQ_A_CPU_LOAD,		/* nest, enum vfpool_cpu_load_attr (reply),
					 * one per online CPU
					 */

	__VFPOOL_IRQ_A_MAX,
	VFPOOL_IRQ_A_MAX = __VFPOOL_IRQ_A_MAX - 1
};

/* What vfpool did with one vector (VFPOOL_VECTOR_A_STATUS). */
enum vfpool_vector_status {
	VFPOOL_VECTOR_STATUS_UNTOUCHED,	/* not placed by vfpool */
	VFPOOL_VECTOR_STATUS_SET,	/* placed on VFPOOL_VECTOR_A_CPUS */
	VFPOOL_VECTOR_STATUS_MANAGED,	/* kernel-managed: refuses changes */
	VFPOOL_VECTOR_STATUS_FIXED,	/* cannot move (per-CPU, no balancing) */
	VFPOOL_VECTOR_STATUS_FAILED,	/* the kernel refused: see ERROR */
};

enum vfpool_vector_attr {
	VFPOOL_VECTOR_A_UNSPEC,
	VFPOOL_VECTOR_A_INDEX,		/* u32, MSI/MSI-X index on the function */
	VFPOOL_VECTOR_A_IRQ,		/* u32, Linux IRQ number (/proc/irq/N) */
	VFPOOL_VECTOR_A_CPUS,		/* string, affinity CPU list, as in
					 * /proc/irq/N/smp_affinity_list
					 */
	VFPOOL_VECTOR_A_EFFECTIVE_CPU,	/* s32, the CPU it is delivered to, -1
					 * when unknown
					 */
	VFPOOL_VECTOR_A_PENDING,	/* flag: the new affinity takes effect
					 * at the vector's next interrupt
					 */
	VFPOOL_VECTOR_A_STATUS,		/* u32, enum vfpool_vector_status */
	VFPOOL_VECTOR_A_ERROR,		/* s32, -errno of STATUS_FAILED */

	__VFPOOL_VECTOR_A_MAX,
	VFPOOL_VECTOR_A_MAX = __VFPOOL_VECTOR_A_MAX - 1
};

enum vfpool_cpu_load_attr {
	VFPOOL_CPU_LOAD_A_UNSPEC,
	VFPOOL_CPU_LOAD_A_CPU,		/* u32 */
	VFPOOL_CPU_LOAD_A_VECTORS,	/* u32, vectors the pool placed there */

	__VFPOOL_CPU_LOAD_A_MAX,
	VFPOOL_CPU_LOAD_A_MAX = __VFPOOL_CPU_LOAD_A_MAX - 1
};

/* BOND_ENSLAVE and BOND_RELEASE: which bond, whose leases. */
enum vfpool_bond_attr {
	VFPOOL_BOND_A_UNSPEC,
	VFPOOL_BOND_A_OWNER_ID,		/* string: the owner of every lease */
	VFPOOL_BOND_A_IFNAME,		/* string: the bond, in the leases' netns */
	VFPOOL_BOND_A_IFINDEX,		/* u32: the bond, by index there */
	VFPOOL_BOND_A_LINK,		/* string, repeated: a lease by IFNAME */
	VFPOOL_BOND_A_LEASE_ID,		/* u64, repeated: a lease by ID */

	__VFPOOL_BOND_A_MAX,
	VFPOOL_BOND_A_MAX = __VFPOOL_BOND_A_MAX - 1
};

enum vfpool_event {
	VFPOOL_EVENT_POOL_NEW,
	VFPOOL_EVENT_POOL_DEL,
	VFPOOL_EVENT_MEMBER_ADD,
	VFPOOL_EVENT_MEMBER_DEL,
	VFPOOL_EVENT_MEMBER_GONE,	/* its VF or netdev vanished */
	VFPOOL_EVENT_MEMBER_BACK,	/* it came back */
	VFPOOL_EVENT_LEASE_GRANTED,
	VFPOOL_EVENT_LEASE_RELEASED,	/* ended by LEASE_DEL */
	VFPOOL_EVENT_LEASE_RECLAIMED,	/* ended by the module, see reason */
	VFPOOL_EVENT_LEASE_BOND_JOIN,	/* its netdev was enslaved to a bond */
	VFPOOL_EVENT_LEASE_BOND_LEAVE,	/* ... and released from it */
};

enum vfpool_reason {
	VFPOOL_REASON_REQUEST,		/* LEASE_DEL */
	VFPOOL_REASON_NETNS_GONE,	/* the owner netns was dismantled */
	VFPOOL_REASON_MEMBER_GONE,	/* the VF or its netdev vanished */
	VFPOOL_REASON_POOL_DELETED,	/* POOL_DEL with FORCE */
};

#endif /* _UAPI_LINUX_VFPOOL_H */
