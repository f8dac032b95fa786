/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure decision logic of vfpool, free of locks and devices so that KUnit
 * can test every edge of it: which members a lease request may take, how
 * interface names are formed, which leases a request matches, what
 * names and addresses are acceptable, which CPU an IRQ goes to and
 * which CPU lists are.
 */
#ifndef _VFPOOL_POLICY_H
#define _VFPOOL_POLICY_H

#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/vfpool.h>

/* How a multi-member pick uses PFs. */
enum vfpool_pick_pf {
	VFPOOL_PICK_PF_ANY,		/* members from any PF */
	VFPOOL_PICK_PF_DISTINCT,	/* each from another PF, or fail */
	VFPOOL_PICK_PF_SPREAD,		/* least used PF first, shared if need be */
};

/* A multi-member pick in progress. */
struct vfpool_pick {
	u32 want;
	u32 taken;
	int numa_node;			/* NUMA_NO_NODE: no preference */
	enum vfpool_pick_pf pf;
	unsigned long pf_keys[VFPOOL_LEASE_COUNT_MAX];
};

void vfpool_pick_init(struct vfpool_pick *p, u32 want, int numa_node,
		      enum vfpool_pick_pf pf);
bool vfpool_pick_fits(const struct vfpool_pick *p, unsigned long pf_key,
		      int node, bool numa_strict, u32 per_pf);
void vfpool_pick_take(struct vfpool_pick *p, unsigned long pf_key);

static inline bool vfpool_pick_done(const struct vfpool_pick *p)
{
	return p->taken == p->want;
}

/* What a pick reads of a candidate: the list node of it, as given. */
struct vfpool_pick_ops {
	unsigned long (*pf_key)(const struct list_head *node);
	int (*numa_node)(const struct list_head *node);
};

u32 vfpool_pick_from(struct vfpool_pick *p, const struct list_head *cands,
		     const struct vfpool_pick_ops *ops, struct list_head **out);

u64 vfpool_lease_id_next(u64 *last);
int vfpool_ifname_expand(const char *pattern, u32 count, u32 index,
			 char *out);
bool vfpool_name_valid(const char *name, size_t max);
int vfpool_pci_parse(const char *s, u32 *domain, u32 *bus, u32 *devfn);

int vfpool_irq_pick_cpu(const u32 *load, const struct cpumask *allowed,
			unsigned int nr_ids);
/* What can be wrong with a CPU list. */
enum vfpool_cpus_fault {
	VFPOOL_CPUS_OK,
	VFPOOL_CPUS_SYNTAX,
	VFPOOL_CPUS_NO_SUCH_CPU,
	VFPOOL_CPUS_EMPTY,
	VFPOOL_CPUS_OFFLINE,
};

enum vfpool_cpus_fault vfpool_irq_cpus_parse(const char *list, struct cpumask *out,
					     const struct cpumask *online,
					     unsigned int nr_ids);

struct vfpool_lease_view {
	u64 id;
	const char *owner;
	const char *ifname;
	const char *pool;
	u64 net_cookie;
	const char *network;			/* "" when none */
};

struct vfpool_lease_match;
bool vfpool_match(const struct vfpool_lease_view *lease,
		  const struct vfpool_lease_match *match);

#endif /* _VFPOOL_POLICY_H */
