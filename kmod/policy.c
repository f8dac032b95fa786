// SPDX-License-Identifier: GPL-2.0
/*
 * Pure decision logic (see policy.h). No locks are taken here: callers
 * hold whatever protects the objects they pass in.
 */
#include <linux/bitmap.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/if.h>
#include <linux/numa.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/vfpool.h>

#include "policy.h"
#include "vfpool.h"

void vfpool_pick_init(struct vfpool_pick *p, u32 want, int numa_node,
		      enum vfpool_pick_pf pf)
{
	memset(p, 0, sizeof(*p));
	p->want = min_t(u32, want, VFPOOL_LEASE_COUNT_MAX);
	p->numa_node = numa_node;
	p->pf = pf;
}

/* How many members the pick took on PF @pf_key so far. */
static u32 vfpool_pick_pf_uses(const struct vfpool_pick *p, unsigned long pf_key)
{
	u32 i, n = 0;

	for (i = 0; i < p->taken; i++)
		n += p->pf_keys[i] == pf_key;
	return n;
}

/*
 * May a member on PF @pf_key and NUMA node @node join the pick? With
 * @numa_strict only members of the preferred node fit; callers make a
 * strict pass first and a relaxed one when it did not find enough. A PF
 * may give at most @per_pf members (0: any number).
 */
bool vfpool_pick_fits(const struct vfpool_pick *p, unsigned long pf_key,
		      int node, bool numa_strict, u32 per_pf)
{
	if (vfpool_pick_done(p))
		return false;
	if (numa_strict && p->numa_node != NUMA_NO_NODE && node != p->numa_node)
		return false;
	return !per_pf || vfpool_pick_pf_uses(p, pf_key) < per_pf;
}

void vfpool_pick_take(struct vfpool_pick *p, unsigned long pf_key)
{
	if (!WARN_ON_ONCE(vfpool_pick_done(p)))
		p->pf_keys[p->taken++] = pf_key;
}

/* One walk of @cands taking what fits; @got and @out as vfpool_pick_from(). */
static u32 vfpool_pick_walk(struct vfpool_pick *p, const struct list_head *cands,
			    const struct vfpool_pick_ops *ops, struct list_head **out,
			    u32 got, bool numa_strict, u32 per_pf)
{
	struct list_head *node;
	u32 i;

	list_for_each(node, cands) {
		unsigned long key = ops->pf_key(node);

		/* Taken in an earlier walk already. */
		for (i = 0; i < got; i++)
			if (out[i] == node)
				break;
		if (i < got ||
		    !vfpool_pick_fits(p, key, ops->numa_node(node), numa_strict, per_pf))
			continue;
		vfpool_pick_take(p, key);
		out[got++] = node;
		if (vfpool_pick_done(p))
			break;
	}
	return got;
}

/*
 * Pick p->want candidates of the list @cands into @out: members of the
 * preferred NUMA node first, then any. By p->pf: from any PF; each from
 * another PF; or spread, the least used PF first (one member per PF,
 * then two, ...), so that a bond's links share a PF only when the pool
 * has too few. Returns how many it took; the pick is whole only when
 * vfpool_pick_done(). Without preferences it takes the first p->want
 * candidates and stops: O(want), however long the list.
 */
u32 vfpool_pick_from(struct vfpool_pick *p, const struct list_head *cands,
		     const struct vfpool_pick_ops *ops, struct list_head **out)
{
	u32 got = 0, per_pf, max_per_pf;
	int pass;

	per_pf = p->pf == VFPOOL_PICK_PF_ANY ? 0 : 1;
	max_per_pf = p->pf == VFPOOL_PICK_PF_SPREAD ? p->want : per_pf;
	do {
		for (pass = 0; pass < 2 && !vfpool_pick_done(p); pass++) {
			if (pass == 1 && p->numa_node == NUMA_NO_NODE)
				break;
			got = vfpool_pick_walk(p, cands, ops, out, got, pass == 0,
					       per_pf);
		}
	} while (!vfpool_pick_done(p) && ++per_pf <= max_per_pf);
	return got;
}

/* The next lease id: increasing, never 0 (0 means "none" on the wire). */
u64 vfpool_lease_id_next(u64 *last)
{
	if (++*last == 0)
		++*last;
	return *last;
}

/*
 * Interface name @index of a lease of @count members. One member takes
 * @pattern as it is; several need exactly one "%d" in it, replaced by
 * the index, so that every lease of the owner has its own name.
 */
int vfpool_ifname_expand(const char *pattern, u32 count, u32 index, char *out)
{
	const char *pct = strchr(pattern, '%');
	int len;

	if (count > 1) {
		if (!pct || pct[1] != 'd' || strchr(pct + 2, '%'))
			return -EINVAL;
		len = snprintf(out, IFNAMSIZ, "%.*s%u%s", (int)(pct - pattern),
			       pattern, index, pct + 2);
	} else {
		if (pct)
			return -EINVAL;
		len = snprintf(out, IFNAMSIZ, "%s", pattern);
	}
	if (len >= IFNAMSIZ)
		return -ENAMETOOLONG;
	return vfpool_name_valid(out, IFNAMSIZ - 1) ? 0 : -EINVAL;
}

/* A pool or interface name: 1..@max bytes, printable, no '/', ':' or space. */
bool vfpool_name_valid(const char *name, size_t max)
{
	size_t len = strnlen(name, max + 1);
	size_t i;

	if (len == 0 || len > max || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (i = 0; i < len; i++)
		if (!isgraph(name[i]) || name[i] == '/' || name[i] == ':')
			return false;
	return true;
}

/* "dddd:bb:dd.f" or "bb:dd.f", hexadecimal like lspci prints them. */
int vfpool_pci_parse(const char *s, u32 *domain, u32 *bus, u32 *devfn)
{
	unsigned int d = 0, b, sl, f;
	char end;

	if (sscanf(s, "%x:%x:%x.%x%c", &d, &b, &sl, &f, &end) != 4) {
		d = 0;
		if (sscanf(s, "%x:%x.%x%c", &b, &sl, &f, &end) != 3)
			return -EINVAL;
	}
	if (d > 0xffff || b > 0xff || sl > 0x1f || f > 7)
		return -EINVAL;
	*domain = d;
	*bus = b;
	*devfn = PCI_DEVFN(sl, f);
	return 0;
}

/*
 * Does @lease match @match? Every field the match sets must be equal;
 * an empty match matches nothing, so a request without an owner or an
 * id can never end someone else's lease.
 */
bool vfpool_match(const struct vfpool_lease_view *lease,
		  const struct vfpool_lease_match *match)
{
	if (!match->id && !match->owner && !match->pool && !match->net_cookie &&
	    !match->network)
		return false;
	if (match->id && match->id != lease->id)
		return false;
	if (match->owner && strcmp(match->owner, lease->owner))
		return false;
	if (match->ifname && strcmp(match->ifname, lease->ifname))
		return false;
	if (match->pool && strcmp(match->pool, lease->pool))
		return false;
	if (match->net_cookie && match->net_cookie != lease->net_cookie)
		return false;
	/* A lease made without a network never matches one. */
	if (match->network && strcmp(match->network, lease->network))
		return false;
	return true;
}

/*
 * The CPU of @allowed with the fewest vectors in @load (indexed by CPU),
 * the lowest such CPU on a tie, so that consecutive picks over the same
 * CPUs go round them in order; -1 when @allowed is empty.
 *
 * The CPU masks here are read up to @nr_ids bits, not nr_cpu_ids: the
 * module passes nr_cpu_ids, KUnit CPU ids of its own, so that its cases
 * do not depend on how many CPUs the test machine has.
 */
int vfpool_irq_pick_cpu(const u32 *load, const struct cpumask *allowed,
			unsigned int nr_ids)
{
	unsigned int cpu;
	int best = -1;

	for_each_set_bit(cpu, cpumask_bits(allowed), nr_ids)
		if (best < 0 || load[cpu] < load[best])
			best = cpu;
	return best;
}

/*
 * Parse CPU list @list ("0-3,8") into @out and check it: not empty, every
 * CPU below @nr_ids and in @online. Returns what is wrong with it, if
 * anything. @nr_ids as for vfpool_irq_pick_cpu(); with nr_cpu_ids this is
 * cpulist_parse() and cpumask_subset().
 */
enum vfpool_cpus_fault vfpool_irq_cpus_parse(const char *list, struct cpumask *out,
					     const struct cpumask *online,
					     unsigned int nr_ids)
{
	unsigned long *bits = cpumask_bits(out);
	int err;

	err = bitmap_parselist(list, bits, nr_ids);
	if (err == -ERANGE)
		return VFPOOL_CPUS_NO_SUCH_CPU;
	if (err)
		return VFPOOL_CPUS_SYNTAX;
	if (bitmap_empty(bits, nr_ids))
		return VFPOOL_CPUS_EMPTY;
	if (!bitmap_subset(bits, cpumask_bits(online), nr_ids))
		return VFPOOL_CPUS_OFFLINE;
	return VFPOOL_CPUS_OK;
}
