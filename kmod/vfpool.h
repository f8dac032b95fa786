/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfpool internals: pools, members and leases.
 *
 * Lock story (the whole module has one):
 *
 *   RTNL -> vfpool_lock
 *
 * vfpool_lock (a mutex) protects the pool list, every member and lease
 * field, the lookup tables and the counters. RTNL is always taken first.
 *
 * vfpool_lock is never held across a call into the netdev core (netns
 * move, rename, ndo_set_vf_*, dev_set_mtu, ...): those fire netdevice
 * notifiers, and ours takes vfpool_lock. A transaction that needs the
 * netdev core therefore holds RTNL from start to end and takes
 * vfpool_lock only around its bookkeeping: it marks its members BUSY,
 * drops vfpool_lock, does the netdev work, and takes vfpool_lock again
 * to finish. Because it holds RTNL throughout, no other RTNL holder (the
 * notifier, pernet exit, another transaction) can see those members
 * BUSY; only lockless-of-RTNL paths (dumps, leases that need no netdev
 * work) can, and they treat BUSY as "not available".
 *
 * Leases that need no netdev work (no move, no VF config) are granted
 * and ended entirely under vfpool_lock, without RTNL.
 *
 * IRQ placement (irq.c) reads a PCI function's MSI descriptors, which
 * the driver core frees when a driver unbinds. It holds the function's
 * device_lock (so no driver binds or unbinds) and the MSI descriptor
 * lock (so the driver frees no vector), then takes vfpool_lock for the
 * pool's per-CPU load:
 *
 *   device_lock -> msi_lock_descs -> vfpool_lock
 *
 * Drivers take RTNL inside device_lock (probe registers netdevs), so
 * device_lock is never taken with RTNL or vfpool_lock held: a lease
 * places its vectors after its transaction, with no lock held.
 */
#ifndef _VFPOOL_H
#define _VFPOOL_H

#include <linux/etherdevice.h>
#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>
#include <linux/vfpool.h>

#define VFPOOL_NO_VF	(-1)

/* A VF configuration: which fields are set, and their values. */
struct vfpool_vf_config {
	u32 set;		/* BIT(VFPOOL_VF_A_*) */
	u8 mac[ETH_ALEN];
	u16 vlan;
	u8 qos;
	u16 vlan_proto;		/* host order: ETH_P_8021Q or ETH_P_8021AD */
	u8 spoofchk;
	u8 trust;
	u32 link_state;
	u32 min_tx_rate;
	u32 max_tx_rate;
	u32 mtu;
};

#define VFPOOL_VF_HAS(cfg, attr)	((cfg)->set & BIT(VFPOOL_VF_A_##attr))

/*
 * An IRQ policy; cpus is only allocated for VFPOOL_IRQ_POLICY_CPUS, and
 * banned (CPUs spread and numa-local keep off) only in a pool's, if any.
 */
struct vfpool_irq_setting {
	u32 policy;				/* enum vfpool_irq_policy */
	struct cpumask *cpus;
	struct cpumask *banned;
};

struct vfpool_pool {
	struct list_head list;			/* vfpool_pools */
	char name[VFPOOL_POOL_NAME_MAX + 1];
	struct list_head members;		/* every member, in add order */
	struct list_head free;			/* free members: O(1) pick */
	u32 total;
	u32 nfree;
	u32 nleased;
	u32 ngone;
	bool dying;				/* POOL_DEL is ending its leases */
	/* The PF it was made from, for replies; empty for explicit pools. */
	char pf_ifname[IFNAMSIZ];
	int pf_ifindex;
	char pf_pci[VFPOOL_PCI_ADDR_MAX + 1];
	/* The IRQ policy leases apply, and where the pool placed vectors. */
	struct vfpool_irq_setting irq;
	u32 *irq_load;				/* vectors per CPU, nr_cpu_ids */
};

/* One vector vfpool handled, counted in its pool's irq_load when cpu >= 0. */
struct vfpool_irq_vec {
	unsigned int irq;
	int cpu;				/* where it was placed, or -1 */
	u8 status;				/* enum vfpool_vector_status */
	int err;				/* of VFPOOL_VECTOR_STATUS_FAILED */
};

struct vfpool_member {
	u32 id;					/* key in vfpool_members */
	struct vfpool_pool *pool;
	struct list_head pool_node;
	struct list_head free_node;		/* on pool->free while FREE */
	struct hlist_node dev_node;		/* vfpool_by_dev while dev */
	struct hlist_node pdev_node;		/* vfpool_by_pdev while pdev */
	struct hlist_node pf_node;		/* vfpool_by_pf while pf */
	enum vfpool_member_state state;
	bool vanished;				/* went away while BUSY */

	struct net_device *dev;			/* the VF netdev, or NULL */
	char ifname[IFNAMSIZ];			/* its name in init_net */
	int ifindex;

	struct pci_dev *pdev;			/* the VF PCI function, or NULL */
	char pci[VFPOOL_PCI_ADDR_MAX + 1];

	struct net_device *pf;			/* VF config goes through it */
	int vf;					/* index on the PF, or VFPOOL_NO_VF */
	char pf_pci[VFPOOL_PCI_ADDR_MAX + 1];
	char pf_ifname[IFNAMSIZ];

	int numa_node;
	struct vfpool_lease *lease;		/* while LEASED */

	/* Applied again when a driver binds to pdev. */
	struct vfpool_irq_setting irq;
	struct vfpool_irq_vec *irq_vecs;	/* the last placement */
	u32 irq_nvecs;
	/*
	 * Last: without CONFIG_NET_DEV_REFCNT_TRACKER these are empty, and
	 * gcc 12's fortify then misjudges the size of a following array.
	 */
	netdevice_tracker dev_tracker;
	netdevice_tracker pf_tracker;
};

/* Steps of a lease transaction, undone in reverse on failure or release. */
enum {
	VFPOOL_DONE_VF_SAVED,
	VFPOOL_DONE_VF_SET,
	VFPOOL_DONE_MAC_SET,
	VFPOOL_DONE_MTU_SET,
	VFPOOL_DONE_MOVED,
};

struct vfpool_lease {
	u64 id;					/* key in vfpool_leases */
	struct vfpool_member *member;
	struct hlist_node owner_node;		/* vfpool_by_owner */
	struct list_head net_node;		/* owner netns' lease list */
	char owner[VFPOOL_OWNER_ID_MAX + 1];
	char ifname[IFNAMSIZ];
	char network[VFPOOL_NETWORK_MAX + 1];	/* what made it; "" if unsaid */
	/*
	 * The owner netns. Not a counted reference while the lease is on
	 * the netns' list: that would keep the netns alive forever, and
	 * pernet pre_exit ends the lease from that list before the netns
	 * is freed. Once unlinked (ending, on whatever list), nothing else
	 * keeps the netns: vfpool_lease_unlink() pins it (net_pinned), or
	 * clears the pointer when the netns is already dying.
	 */
	struct net *net;
	bool net_pinned;
	u64 net_cookie;
	struct vfpool_vf_config applied;
	struct vfpool_vf_config saved;
	u8 saved_mac[ETH_ALEN];
	u32 saved_mtu;
	unsigned long done;			/* BIT(VFPOOL_DONE_*) */
	/* The bond its netdev is enslaved to in net (NETDEV_CHANGEUPPER). */
	int bond_ifindex;
	char bond_name[IFNAMSIZ];		/* when it joined */
	bool bond_external;			/* not by BOND_ENSLAVE */
};

/*
 * What a reply or an event says of a member or a lease: a copy taken
 * under vfpool_lock, so netlink code can size and fill its message
 * after the lock is gone, from nothing but the copy.
 */
struct vfpool_member_info {
	char pool[VFPOOL_POOL_NAME_MAX + 1];
	u32 state;				/* enum vfpool_member_state */
	int numa_node;
	int ifindex;
	char ifname[IFNAMSIZ];			/* "": no netdev */
	char pci[VFPOOL_PCI_ADDR_MAX + 1];
	int pf_ifindex;				/* 0: no PF netdev */
	char pf_ifname[IFNAMSIZ];
	char pf_pci[VFPOOL_PCI_ADDR_MAX + 1];
	int vf;					/* or VFPOOL_NO_VF */
	char driver[64];			/* "": none bound */
	u64 lease_id;				/* 0: not leased */
	char owner[VFPOOL_OWNER_ID_MAX + 1];
};

struct vfpool_lease_info {
	u64 id;
	char owner[VFPOOL_OWNER_ID_MAX + 1];
	char ifname[IFNAMSIZ];
	char network[VFPOOL_NETWORK_MAX + 1];
	u64 net_cookie;
	int ifindex;				/* in the owner netns; 0: not moved */
	struct vfpool_member_info member;
	struct vfpool_vf_config applied;
	struct vfpool_vf_config saved;		/* set == 0: none saved */
	int bond_ifindex;			/* 0: in no bond */
	char bond_name[IFNAMSIZ];
	bool bond_external;
};

/*
 * The leases a transaction reports. The transaction copies them while it
 * can still be undone and calls @ready, the caller's: netlink code sizes
 * its reply from the copies there and allocates it, so a reply that
 * cannot be had fails the request before anything changes for good.
 * @ready runs under vfpool_lock (and RTNL, if the transaction holds it).
 */
struct vfpool_lease_report {
	struct vfpool_lease_info *infos;
	u32 n;
	int (*ready)(struct vfpool_lease_report *r);
};

/* One vector as /proc/irq/N shows it, and what vfpool did with it. */
struct vfpool_vector_info {
	u32 index;
	u32 irq;
	char *cpus;				/* its affinity, as a CPU list */
	int effective_cpu;			/* -1: none */
	bool pending;
	u8 status;				/* enum vfpool_vector_status */
	int err;				/* of VFPOOL_VECTOR_STATUS_FAILED */
};

/* A member's IRQ policy and vectors, copied. */
struct vfpool_irq_info {
	struct vfpool_member_info member;
	u32 policy;				/* enum vfpool_irq_policy */
	char *cpus;				/* of the cpus policy, or NULL */
	char *cpus_isolated;			/* of those, isolated or banned */
	char *cpus_offline;			/* of those, offline */
	bool has_placed;			/* an IRQ_SET's reply: placed */
	u32 placed;
	u32 nvec;
	struct vfpool_vector_info *vec;
};

/* A pool's IRQ policy and its per-CPU load, copied. */
struct vfpool_irq_pool_info {
	char pool[VFPOOL_POOL_NAME_MAX + 1];
	u32 policy;
	char *cpus;
	char *banned;				/* NULL: none */
	bool has_placed;			/* an IRQ_SET's reply: placed */
	u32 placed;
	u32 nload;
	struct vfpool_cpu_load {
		u32 cpu;
		u32 vectors;
	} *load;
};

/* PCI functions to place by their pool's policy, counted. */
struct vfpool_irq_pdevs {
	struct pci_dev **pdev;
	u32 n;
};

/* A LEASE_NEW request, parsed. */
struct vfpool_lease_req {
	const char *owner;
	const char *ifname;			/* pattern; NULL: links or none */
	const char **links;			/* count names, or NULL */
	const char *network;			/* NULL: none */
	const char *pool;
	const char *member_pci;
	int member_ifindex;
	const char *member_ifname;
	struct net *net;			/* counted while the request runs */
	struct vfpool_vf_config config;
	int numa_node;				/* NUMA_NO_NODE: any */
	u32 count;
	u32 flags;
	/* Out: PCI functions of new leases to place by the pool's policy. */
	struct pci_dev **irq_pdevs;		/* count entries */
	u32 irq_npdevs;
};

/* A LEASE_DEL request or a LEASE_GET dump filter. */
struct vfpool_lease_match {
	const char *owner;
	const char *ifname;
	const char *pool;
	u64 id;					/* 0: any */
	u64 net_cookie;				/* 0: any */
	const char *network;			/* NULL: any */
};

extern struct mutex vfpool_lock;
extern struct list_head vfpool_pools;
extern struct xarray vfpool_members;
extern struct xarray vfpool_leases;
extern unsigned long vfpool_gen;
extern unsigned int vfpool_net_id;

/* pool.c */
struct vfpool_pool *vfpool_pool_find(const char *name);
int vfpool_pool_new(const char *name, struct net_device *pf,
		    struct pci_dev *pf_pdev, const struct vfpool_irq_setting *irq,
		    struct netlink_ext_ack *extack);
int vfpool_pool_del(struct vfpool_pool *pool, bool force,
		    struct netlink_ext_ack *extack);
int vfpool_member_add(struct vfpool_pool *pool, struct net_device *dev,
		      struct pci_dev *pdev, struct net_device *pf, int vf,
		      struct netlink_ext_ack *extack);
int vfpool_member_del(struct vfpool_member *m, struct netlink_ext_ack *extack);
struct vfpool_member *vfpool_member_by_dev(const struct net_device *dev);
struct vfpool_member *vfpool_member_by_pdev(const struct pci_dev *pdev);
struct hlist_head *vfpool_pf_members(const struct net_device *pf);
void vfpool_member_set_state(struct vfpool_member *m,
			     enum vfpool_member_state state);
void vfpool_member_attach_dev(struct vfpool_member *m, struct net_device *dev);
void vfpool_member_detach_dev(struct vfpool_member *m);
void vfpool_member_detach_pdev(struct vfpool_member *m);
void vfpool_member_detach_pf(struct vfpool_member *m);
struct vfpool_member *vfpool_member_by_netdev(const char *name, int ifindex);
void vfpool_member_attach_pdev(struct vfpool_member *m, struct pci_dev *pdev);
struct net_device *vfpool_pci_netdev(struct pci_dev *pdev);
void vfpool_member_info_get(const struct vfpool_member *m,
			    struct vfpool_member_info *info);
struct pci_dev *vfpool_pci_get(const char *addr);
void vfpool_pools_destroy(void);

/* lease.c */
struct vfpool_lease *vfpool_lease_by_owner(const char *owner,
					   const char *ifname);
int vfpool_leases_of_owner(const char *owner, struct vfpool_lease **out,
			   int max);
int vfpool_lease_new(struct vfpool_lease_req *req, struct vfpool_lease_report *r,
		     struct netlink_ext_ack *extack);
int vfpool_lease_del(const struct vfpool_lease_match *match,
		     struct vfpool_lease_report *r, struct netlink_ext_ack *extack);
void vfpool_lease_info_get(const struct vfpool_lease *lease,
			   struct vfpool_lease_info *info);
int vfpool_lease_report(struct vfpool_lease_report *r,
			struct vfpool_lease **leases, u32 n);
void vfpool_lease_report_free(struct vfpool_lease_report *r);
bool vfpool_lease_matches(const struct vfpool_lease *lease,
			  const struct vfpool_lease_match *match);
void vfpool_lease_unlink(struct vfpool_lease *lease, struct list_head *ending);
void vfpool_leases_end(struct list_head *ending, enum vfpool_reason reason);
void vfpool_leases_end_net(struct net *net);
void vfpool_lease_end_member(struct vfpool_member *m, enum vfpool_reason reason);

/* vfconfig.c */
int vfpool_vf_config_get(struct net_device *pf, int vf,
			 struct vfpool_vf_config *cfg);
int vfpool_vf_config_set(struct net_device *pf, int vf,
			 const struct vfpool_vf_config *cfg,
			 struct netlink_ext_ack *extack);
int vfpool_vf_config_check(const struct vfpool_vf_config *cfg,
			   struct netlink_ext_ack *extack);

/* debugfs.c: objects allocated now, whether or not in any list */
enum vfpool_obj { VFPOOL_OBJ_POOL, VFPOOL_OBJ_MEMBER, VFPOOL_OBJ_LEASE, VFPOOL_OBJ_MAX };
extern atomic_t vfpool_objects[VFPOOL_OBJ_MAX];
#define vfpool_obj_new(obj)	atomic_inc(&vfpool_objects[obj])
#define vfpool_obj_free(obj)	atomic_dec(&vfpool_objects[obj])
#ifdef CONFIG_DEBUG_FS
void vfpool_debugfs_init(void);
void vfpool_debugfs_exit(void);
/* A request of @cmd passed its policy: counted in vfpool/ops. */
void vfpool_op_reached(u8 cmd, bool dump);
#else
static inline void vfpool_debugfs_init(void) {}
static inline void vfpool_debugfs_exit(void) {}
static inline void vfpool_op_reached(u8 cmd, bool dump) {}
#endif

/*
 * fault.c: failure injection at every allocation and netdev step, for
 * the selftests (CONFIG_FAULT_INJECTION_DEBUG_FS: debugfs
 * vfpool/fail and per-task /proc/<pid>/task/<tid>/fail-nth).
 */
#ifdef CONFIG_FAULT_INJECTION
bool vfpool_should_fail(void);
void vfpool_fault_init(struct dentry *dir);
#else
static inline bool vfpool_should_fail(void) { return false; }
static inline void vfpool_fault_init(struct dentry *dir) {}
#endif
/* 0, or -EIO with "injected fault" in @extack when a fault fires. */
static inline int vfpool_fault(struct netlink_ext_ack *extack)
{
	if (!vfpool_should_fail())
		return 0;
	NL_SET_ERR_MSG_MOD(extack, "injected fault");
	return -EIO;
}

static inline void *vfpool_kzalloc(size_t size, gfp_t gfp)
{
	return vfpool_should_fail() ? NULL : kzalloc(size, gfp);
}

static inline void *vfpool_kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return vfpool_should_fail() ? NULL : kcalloc(n, size, gfp);
}

/* bond.c */
int vfpool_bond_enslave(const struct nlattr *nest, struct nlattr **tb,
			struct vfpool_lease_report *r, struct netlink_ext_ack *extack);
int vfpool_bond_release(const struct nlattr *nest, struct nlattr **tb,
			struct vfpool_lease_report *r, struct netlink_ext_ack *extack);
void vfpool_bond_leave(struct net_device *dev);
void vfpool_bond_upper_changed(struct net_device *dev,
			       struct netdev_notifier_changeupper_info *info);

/* netns_move.c */
int vfpool_netns_move(struct net_device *dev, struct net *net,
		      const char *name, struct netlink_ext_ack *extack);

/* reclaim.c */
int vfpool_reclaim_init(void);
void vfpool_reclaim_exit(void);
struct list_head *vfpool_net_leases(struct net *net);

/* irq.c */
int vfpool_irq_init(void);
void vfpool_irq_exit(void);
int vfpool_irq_setting_copy(struct vfpool_irq_setting *dst,
			    const struct vfpool_irq_setting *src);
void vfpool_irq_setting_free(struct vfpool_irq_setting *p);
void vfpool_irq_member_forget(struct vfpool_member *m);
struct vfpool_irq_info *vfpool_irq_set_member(struct pci_dev *pdev,
					      const struct vfpool_irq_setting *want,
					      struct netlink_ext_ack *extack);
struct vfpool_irq_info *vfpool_irq_member_info(struct pci_dev *pdev);
void vfpool_irq_info_free(struct vfpool_irq_info *info);
struct vfpool_irq_pool_info *
vfpool_irq_pool_info(const struct vfpool_pool *pool,
		     const struct vfpool_irq_setting *setting);
void vfpool_irq_pool_info_free(struct vfpool_irq_pool_info *info);
void vfpool_irq_pool_info_refresh(const struct vfpool_pool *pool,
				  struct vfpool_irq_pool_info *info);
int vfpool_irq_setting_check(const struct vfpool_irq_setting *setting,
			     struct netlink_ext_ack *extack);
int vfpool_irq_pool_pdevs(const struct vfpool_pool *pool,
			  struct vfpool_irq_pdevs *out);
int vfpool_irq_pool_set(struct vfpool_pool *pool,
			struct vfpool_irq_setting *setting,
			struct vfpool_irq_pdevs *out);
u32 vfpool_irq_place_by_pool(struct pci_dev *pdev);
u32 vfpool_irq_pool_place(struct vfpool_irq_pdevs *pdevs);
int vfpool_irq_lease_apply(struct vfpool_lease_req *req,
			   struct vfpool_irq_info **infos, u32 *n);

/* netlink.c: the family, and events (what the core calls of it) */
int vfpool_genl_init(void);
void vfpool_genl_exit(void);
void vfpool_notify_pool(const struct vfpool_pool *pool, enum vfpool_event ev);
void vfpool_notify_member(const struct vfpool_member *m, enum vfpool_event ev);
void vfpool_notify_lease(const struct vfpool_lease *lease,
			 enum vfpool_event ev, enum vfpool_reason reason);

#endif /* _VFPOOL_H */
