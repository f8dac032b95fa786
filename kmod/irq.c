// SPDX-License-Identifier: GPL-2.0
/*
 * IRQ placement: a member's MSI/MSI-X vectors spread over CPUs by policy
 * (spread, numa-local, an explicit CPU list), each vector to the CPU on
 * which its pool has placed the fewest vectors so far. spread and
 * numa-local keep off the CPUs the kernel isolates (isolcpus=, nohz_full=:
 * its housekeeping masks) and those the pool bans; only an explicit list
 * goes there. A CPU going offline or coming online places every member
 * with a policy again, from a workqueue (hotplug callbacks hold the CPU
 * hotplug lock, which drivers take inside the device_lock).
 *
 * The vectors are read from the kernel's MSI descriptors of the member's
 * PCI function, and placed with irq_set_affinity(). Kernel-managed
 * vectors refuse changes; they are reported, never forced.
 *
 * Locking (see vfpool.h):
 *
 *   device_lock -> msi_lock_descs -> vfpool_lock
 *
 * The driver core frees a function's MSI descriptor store (dev->msi.data)
 * when its driver unbinds, so the store is only looked at with the
 * function's device_lock held; a driver frees and allocates vectors under
 * msi_lock_descs(), so the vectors are walked and placed under it. The
 * pool's per-CPU load and the member's placement are vfpool_lock's, taken
 * last. Drivers take RTNL inside device_lock, so nothing here runs with
 * RTNL or vfpool_lock held: leases place their vectors after their
 * transaction, and the netdevice notifier hands its work to a workqueue.
 * The PCI bus notifier is called with the device_lock already held.
 */
#include <linux/async.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/msi.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/sched/isolation.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "policy.h"
#include "vfpool.h"

/* Which policy a placement applies. */
enum vfpool_irq_want {
	VFPOOL_IRQ_WANT_GIVEN,		/* the request's */
	VFPOOL_IRQ_WANT_MEMBER,		/* the member's own (re-apply) */
	VFPOOL_IRQ_WANT_POOL,		/* the pool's default (lease time) */
	VFPOOL_IRQ_WANT_HOTPLUG,	/* the member's; none online: unplace */
};

static struct workqueue_struct *vfpool_irq_wq;
static struct work_struct vfpool_irq_hotplug_work;
static int vfpool_irq_cpuhp_online = -1, vfpool_irq_cpuhp_dead = -1;

struct vfpool_irq_work {
	struct work_struct work;
	struct pci_dev *pdev;
	bool sync;			/* wait for async probes first */
};

/* A copy of @src, NULL stays NULL; ERR_PTR(-ENOMEM). */
static struct cpumask *vfpool_cpumask_dup(const struct cpumask *src)
{
	struct cpumask *dst;

	if (!src)
		return NULL;
	dst = vfpool_kzalloc(cpumask_size(), GFP_KERNEL);
	if (!dst)
		return ERR_PTR(-ENOMEM);
	cpumask_copy(dst, src);
	return dst;
}

int vfpool_irq_setting_copy(struct vfpool_irq_setting *dst,
			    const struct vfpool_irq_setting *src)
{
	struct cpumask *cpus, *banned;

	cpus = vfpool_cpumask_dup(src->cpus);
	if (IS_ERR(cpus))
		return PTR_ERR(cpus);
	banned = vfpool_cpumask_dup(src->banned);
	if (IS_ERR(banned)) {
		kfree(cpus);
		return PTR_ERR(banned);
	}
	vfpool_irq_setting_free(dst);
	dst->policy = src->policy;
	dst->cpus = cpus;
	dst->banned = banned;
	return 0;
}

void vfpool_irq_setting_free(struct vfpool_irq_setting *p)
{
	kfree(p->cpus);
	kfree(p->banned);
	p->cpus = NULL;
	p->banned = NULL;
	p->policy = VFPOOL_IRQ_POLICY_NONE;
}

/* Take @m's placed vectors out of its pool's load. Under vfpool_lock. */
static void vfpool_irq_unplace(struct vfpool_member *m)
{
	u32 *load = m->pool->irq_load;
	u32 i;

	lockdep_assert_held(&vfpool_lock);
	for (i = 0; i < m->irq_nvecs; i++)
		if (m->irq_vecs[i].cpu >= 0 && !WARN_ON_ONCE(!load[m->irq_vecs[i].cpu]))
			load[m->irq_vecs[i].cpu]--;
	kfree(m->irq_vecs);
	m->irq_vecs = NULL;
	m->irq_nvecs = 0;
}

/* @m's vectors are gone, or @m is: forget where they were placed. */
void vfpool_irq_member_forget(struct vfpool_member *m)
{
	vfpool_irq_unplace(m);
}

/*
 * Lock @pdev's MSI descriptors when it has any. Caller holds the
 * device_lock, so dev->msi.data stays (or stays NULL).
 */
static bool vfpool_msi_lock(struct pci_dev *pdev)
{
	device_lock_assert(&pdev->dev);
	if (!pdev->dev.msi.data)
		return false;
	msi_lock_descs(&pdev->dev);
	return true;
}

static void vfpool_msi_unlock(struct pci_dev *pdev, bool locked)
{
	if (locked)
		msi_unlock_descs(&pdev->dev);
}

/* The number of vectors @pdev has. Under vfpool_msi_lock(). */
static u32 vfpool_msi_count(struct pci_dev *pdev, bool locked)
{
	struct msi_desc *desc;
	u32 n = 0;

	if (!locked)
		return 0;
	msi_for_each_desc(desc, &pdev->dev, MSI_DESC_ASSOCIATED)
		n += desc->nvec_used;
	return n;
}

/* What can be done with @irq: SET when it can be placed. */
static u8 vfpool_irq_movable(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);
	struct irq_chip *chip = d ? irq_data_get_irq_chip(d) : NULL;

	if (!d)
		return VFPOOL_VECTOR_STATUS_FIXED;
	if (irqd_affinity_is_managed(d))
		return VFPOOL_VECTOR_STATUS_MANAGED;
	if (!irqd_can_balance(d) || !chip || !chip->irq_set_affinity)
		return VFPOOL_VECTOR_STATUS_FIXED;
	return VFPOOL_VECTOR_STATUS_SET;
}

/*
 * The online CPUs the kernel keeps for housekeeping: those isolcpus=
 * (managed_irq, domain) and nohz_full= leave alone are not among them.
 */
static void vfpool_irq_housekeeping(struct cpumask *dst)
{
	cpumask_and(dst, cpu_online_mask, housekeeping_cpumask(HK_TYPE_MANAGED_IRQ));
	cpumask_and(dst, dst, housekeeping_cpumask(HK_TYPE_DOMAIN));
	cpumask_and(dst, dst, housekeeping_cpumask(HK_TYPE_TICK));
}

/*
 * The CPUs @want allows, into @allowed; an error when none. @banned
 * (the pool's, or NULL) and the kernel's isolated CPUs are off limits to
 * every policy but an explicit list. @node: the function's NUMA node for
 * numa-local, NUMA_NO_NODE when unknown.
 */
static int vfpool_irq_allowed(const struct vfpool_irq_setting *want,
			      const struct cpumask *banned, int node,
			      struct cpumask *allowed,
			      struct netlink_ext_ack *extack)
{
	if (want->policy == VFPOOL_IRQ_POLICY_CPUS) {
		cpumask_and(allowed, want->cpus, cpu_online_mask);
		if (cpumask_empty(allowed)) {
			NL_SET_ERR_MSG_MOD(extack, "irq: none of the policy's CPUs is online");
			return -EINVAL;
		}
		return 0;
	}
	vfpool_irq_housekeeping(allowed);
	if (banned)
		cpumask_andnot(allowed, allowed, banned);
	if (cpumask_empty(allowed)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "irq: no CPU allowed: every online CPU is isolated by the kernel or banned by the pool");
		return -EINVAL;
	}
	if (want->policy != VFPOOL_IRQ_POLICY_NUMA_LOCAL || node == NUMA_NO_NODE)
		return 0;
	cpumask_and(allowed, allowed, cpumask_of_node(node));
	if (cpumask_empty(allowed)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "irq: no CPU allowed on the function's NUMA node: all isolated, banned or offline");
		return -EINVAL;
	}
	return 0;
}

/*
 * Place @pdev's vectors by the policy @how says (@given for
 * VFPOOL_IRQ_WANT_GIVEN), and keep that policy as the member's. With
 * @keep_empty a function without vectors is not an error: its policy
 * waits for a driver to bind. Caller holds @pdev's device_lock.
 * Returns the number of vectors placed, or an error and nothing changed.
 */
static int vfpool_irq_apply(struct pci_dev *pdev, enum vfpool_irq_want how,
			    const struct vfpool_irq_setting *given,
			    bool keep_empty, struct netlink_ext_ack *extack)
{
	struct vfpool_irq_setting want = {};
	struct vfpool_irq_vec *vecs = NULL;
	struct vfpool_member *m;
	cpumask_var_t allowed;
	struct msi_desc *desc;
	u32 n, i = 0, placed = 0;
	bool locked;
	int err;

	if (vfpool_should_fail() || !zalloc_cpumask_var(&allowed, GFP_KERNEL))
		return -ENOMEM;
	locked = vfpool_msi_lock(pdev);
	n = vfpool_msi_count(pdev, locked);
	if (n) {
		vecs = vfpool_kcalloc(n, sizeof(*vecs), GFP_KERNEL);
		if (!vecs) {
			err = -ENOMEM;
			goto out_msi;
		}
		msi_for_each_desc(desc, &pdev->dev, MSI_DESC_ASSOCIATED) {
			u32 k;

			for (k = 0; k < desc->nvec_used && i < n; k++, i++) {
				vecs[i].irq = desc->irq + k;
				vecs[i].cpu = -1;
			}
		}
	}

	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_pdev(pdev);
	if (!m) {
		NL_SET_ERR_MSG_MOD(extack, "member: no pool has this PCI function");
		err = -ENODEV;
		goto out_unlock;
	}
	if (how == VFPOOL_IRQ_WANT_POOL)
		given = &m->pool->irq;
	else if (how != VFPOOL_IRQ_WANT_GIVEN)
		given = &m->irq;
	if (how != VFPOOL_IRQ_WANT_GIVEN && how != VFPOOL_IRQ_WANT_POOL &&
	    given->policy == VFPOOL_IRQ_POLICY_NONE) {
		NL_SET_ERR_MSG_MOD(extack, "policy: needed, the member has none to apply again");
		err = -EINVAL;
		goto out_unlock;
	}
	/* A copy: the member's own policy is replaced below. */
	err = vfpool_irq_setting_copy(&want, given);
	if (err)
		goto out_unlock;
	/* The banned CPUs stay the pool's: they change with it. */
	kfree(want.banned);
	want.banned = NULL;
	if (want.policy == VFPOOL_IRQ_POLICY_NONE) {
		vfpool_irq_unplace(m);
		vfpool_irq_setting_free(&m->irq);
		goto out_unlock;
	}
	if (!n && !keep_empty) {
		NL_SET_ERR_MSG_MOD(extack,
				   "member: its PCI function has no MSI/MSI-X vectors (is a driver bound?)");
		err = -ENODATA;
		goto out_unlock;
	}
	err = vfpool_irq_allowed(&want, m->pool->irq.banned, dev_to_node(&pdev->dev),
				 allowed, extack);
	if (err && how == VFPOOL_IRQ_WANT_HOTPLUG) {
		/*
		 * Its CPUs went offline: the kernel moved its vectors. They
		 * count nowhere until a CPU it allows comes back.
		 */
		vfpool_irq_unplace(m);
		err = 0;
		goto out_unlock;
	}
	if (err)
		goto out_unlock;

	/* Nothing can fail from here on: the old placement goes. */
	vfpool_irq_unplace(m);
	for (i = 0; i < n; i++) {
		struct vfpool_irq_vec *v = &vecs[i];
		int cpu;

		v->status = vfpool_irq_movable(v->irq);
		if (v->status != VFPOOL_VECTOR_STATUS_SET)
			continue;
		cpu = vfpool_irq_pick_cpu(m->pool->irq_load, allowed,
					  nr_cpu_ids);
		v->err = cpu < 0 ? -EINVAL : irq_set_affinity(v->irq, cpumask_of(cpu));
		if (v->err) {
			v->status = VFPOOL_VECTOR_STATUS_FAILED;
			continue;
		}
		v->cpu = cpu;
		m->pool->irq_load[cpu]++;
		placed++;
	}
	m->irq_vecs = vecs;
	m->irq_nvecs = n;
	vecs = NULL;
	swap(m->irq, want);
	err = placed;

out_unlock:
	mutex_unlock(&vfpool_lock);
	vfpool_irq_setting_free(&want);
	kfree(vecs);
out_msi:
	vfpool_msi_unlock(pdev, locked);
	free_cpumask_var(allowed);
	return err;
}

/* ---- what replies say ---- */

/* @mask as a CPU list, "%*pbl", allocated; NULL on -ENOMEM. */
static char *vfpool_cpulist(const struct cpumask *mask)
{
	return kasprintf(GFP_KERNEL, "%*pbl", cpumask_pr_args(mask));
}

/* The CPU list of a cpus policy: NULL (none) for the other policies. */
static int vfpool_irq_setting_cpus(const struct vfpool_irq_setting *p, char **out)
{
	*out = NULL;
	if (p->policy != VFPOOL_IRQ_POLICY_CPUS || !p->cpus)
		return 0;
	*out = vfpool_cpulist(p->cpus);
	return *out ? 0 : -ENOMEM;
}

/* One vector, as /proc/irq/N shows it, plus what vfpool did with it. */
static int vfpool_vector_info_get(const struct vfpool_member *m, unsigned int irq,
				  u32 index, struct vfpool_vector_info *v)
{
	struct irq_data *d = irq_get_irq_data(irq);
	const struct cpumask *aff = cpu_none_mask, *eff = NULL;
	u32 i;

	v->index = index;
	v->irq = irq;
	v->status = VFPOOL_VECTOR_STATUS_UNTOUCHED;
	v->effective_cpu = -1;
	if (d) {
		v->pending = irqd_is_setaffinity_pending(d);
		aff = irq_data_get_affinity_mask(d);
#ifdef CONFIG_GENERIC_PENDING_IRQ
		/* What /proc/irq/N/smp_affinity_list shows, too. */
		if (v->pending)
			aff = irq_data_to_desc(d)->pending_mask;
#endif
		eff = irq_data_get_effective_affinity_mask(d);
		if (irqd_affinity_is_managed(d))
			v->status = VFPOOL_VECTOR_STATUS_MANAGED;
	}
	if (eff && cpumask_first(eff) < nr_cpu_ids)
		v->effective_cpu = cpumask_first(eff);
	for (i = 0; i < m->irq_nvecs; i++) {
		const struct vfpool_irq_vec *p = &m->irq_vecs[i];

		if (p->irq != irq)
			continue;
		v->status = p->status;
		v->err = p->err;
		/* Moved since: by hand, by irqbalance, by a CPU going offline. */
		if (p->status == VFPOOL_VECTOR_STATUS_SET && p->cpu >= 0 &&
		    !cpumask_equal(aff, cpumask_of(p->cpu)))
			v->status = VFPOOL_VECTOR_STATUS_DRIFT;
	}
	v->cpus = vfpool_cpulist(aff);
	return v->cpus ? 0 : -ENOMEM;
}

void vfpool_irq_info_free(struct vfpool_irq_info *info)
{
	u32 i;

	if (IS_ERR_OR_NULL(info))
		return;
	for (i = 0; i < info->nvec; i++)
		kfree(info->vec[i].cpus);
	kfree(info->vec);
	kfree(info->cpus);
	kfree(info->cpus_isolated);
	kfree(info->cpus_offline);
	kfree(info);
}

/*
 * What a cpus policy names beyond where spread would go: its CPUs that
 * are isolated or banned (@banned may be NULL), and those offline.
 */
static int vfpool_irq_cpus_notes(const struct cpumask *cpus,
				 const struct cpumask *banned,
				 char **isolated, char **offline)
{
	cpumask_var_t mask;
	int err = -ENOMEM;

	*isolated = NULL;
	*offline = NULL;
	if (!cpus)
		return 0;
	if (!zalloc_cpumask_var(&mask, GFP_KERNEL))
		return -ENOMEM;
	vfpool_irq_housekeeping(mask);
	if (banned)
		cpumask_andnot(mask, mask, banned);
	cpumask_andnot(mask, cpu_online_mask, mask);
	cpumask_and(mask, mask, cpus);
	if (!cpumask_empty(mask)) {
		*isolated = vfpool_cpulist(mask);
		if (!*isolated)
			goto out;
	}
	cpumask_andnot(mask, cpus, cpu_online_mask);
	if (!cpumask_empty(mask)) {
		*offline = vfpool_cpulist(mask);
		if (!*offline)
			goto out;
	}
	err = 0;
out:
	free_cpumask_var(mask);
	return err;
}

/* @m's policy and vectors. Under the MSI lock when @locked, and vfpool_lock. */
static int vfpool_irq_info_fill(struct vfpool_irq_info *info, struct pci_dev *pdev,
				const struct vfpool_member *m, bool locked)
{
	struct msi_desc *desc;
	u32 n, k;
	int err;

	vfpool_member_info_get(m, &info->member);
	info->policy = m->irq.policy;
	err = vfpool_irq_setting_cpus(&m->irq, &info->cpus);
	if (err)
		return err;
	if (m->irq.policy == VFPOOL_IRQ_POLICY_CPUS) {
		err = vfpool_irq_cpus_notes(m->irq.cpus, m->pool->irq.banned,
					    &info->cpus_isolated, &info->cpus_offline);
		if (err)
			return err;
	}
	n = vfpool_msi_count(pdev, locked);
	if (!n)
		return 0;
	info->vec = kcalloc(n, sizeof(*info->vec), GFP_KERNEL);
	if (!info->vec)
		return -ENOMEM;
	msi_for_each_desc(desc, &pdev->dev, MSI_DESC_ASSOCIATED) {
		for (k = 0; k < desc->nvec_used && info->nvec < n; k++) {
			err = vfpool_vector_info_get(m, desc->irq + k,
						     desc->msi_index + k,
						     &info->vec[info->nvec++]);
			if (err)
				return err;
		}
	}
	return 0;
}

/*
 * What @pdev's member has of IRQs now: its policy and every vector as
 * the kernel has it. ERR_PTR(-ENODEV) when no pool has it any more.
 */
struct vfpool_irq_info *vfpool_irq_member_info(struct pci_dev *pdev)
{
	struct vfpool_irq_info *info;
	struct vfpool_member *m;
	bool locked;
	int err;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return ERR_PTR(-ENOMEM);
	device_lock(&pdev->dev);
	locked = vfpool_msi_lock(pdev);
	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_pdev(pdev);
	err = m ? vfpool_irq_info_fill(info, pdev, m, locked) : -ENODEV;
	mutex_unlock(&vfpool_lock);
	vfpool_msi_unlock(pdev, locked);
	device_unlock(&pdev->dev);
	if (err) {
		vfpool_irq_info_free(info);
		return ERR_PTR(err);
	}
	return info;
}

void vfpool_irq_pool_info_free(struct vfpool_irq_pool_info *info)
{
	if (IS_ERR_OR_NULL(info))
		return;
	kfree(info->load);
	kfree(info->cpus);
	kfree(info->banned);
	kfree(info);
}

/*
 * @pool's IRQ policy (@setting, when given: what it is about to be) and
 * its per-CPU load. Under vfpool_lock.
 */
struct vfpool_irq_pool_info *
vfpool_irq_pool_info(const struct vfpool_pool *pool,
		     const struct vfpool_irq_setting *setting)
{
	struct vfpool_irq_pool_info *info;
	unsigned int cpu;
	int err;

	lockdep_assert_held(&vfpool_lock);
	if (!setting)
		setting = &pool->irq;
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return ERR_PTR(-ENOMEM);
	strscpy(info->pool, pool->name, sizeof(info->pool));
	info->policy = setting->policy;
	err = vfpool_irq_setting_cpus(setting, &info->cpus);
	if (err)
		goto err_free;
	if (setting->banned) {
		info->banned = vfpool_cpulist(setting->banned);
		if (!info->banned) {
			err = -ENOMEM;
			goto err_free;
		}
	}
	info->load = kcalloc(nr_cpu_ids, sizeof(*info->load), GFP_KERNEL);
	if (!info->load) {
		err = -ENOMEM;
		goto err_free;
	}
	for_each_possible_cpu(cpu) {
		if (!cpu_online(cpu) && !pool->irq_load[cpu])
			continue;
		info->load[info->nload].cpu = cpu;
		info->load[info->nload++].vectors = pool->irq_load[cpu];
	}
	return info;

err_free:
	vfpool_irq_pool_info_free(info);
	return ERR_PTR(err);
}

/*
 * @info's per-CPU load as @pool has it now, for the CPUs it lists (its
 * size is fixed: the reply was sized from it). Under vfpool_lock.
 */
void vfpool_irq_pool_info_refresh(const struct vfpool_pool *pool,
				  struct vfpool_irq_pool_info *info)
{
	u32 i;

	lockdep_assert_held(&vfpool_lock);
	for (i = 0; i < info->nload; i++)
		info->load[i].vectors = pool->irq_load[info->load[i].cpu];
}

/*
 * Can @setting place vectors at all? An error, with nothing changed, when
 * it allows no CPU anywhere. Per-device limits (a NUMA node without
 * allowed CPUs) show when each member is placed.
 */
int vfpool_irq_setting_check(const struct vfpool_irq_setting *setting,
			     struct netlink_ext_ack *extack)
{
	cpumask_var_t allowed;
	int err;

	if (setting->policy == VFPOOL_IRQ_POLICY_NONE)
		return 0;
	if (!zalloc_cpumask_var(&allowed, GFP_KERNEL))
		return -ENOMEM;
	err = vfpool_irq_allowed(setting, setting->banned, NUMA_NO_NODE, allowed,
				 extack);
	free_cpumask_var(allowed);
	return err;
}

/*
 * The PCI functions of @pool's members, counted, into *@pdevs (NULL when
 * none or when the pool has no policy to place). Under vfpool_lock.
 */
int vfpool_irq_pool_pdevs(const struct vfpool_pool *pool,
			  struct vfpool_irq_pdevs *out)
{
	struct vfpool_member *m;
	u32 n = 0;

	lockdep_assert_held(&vfpool_lock);
	out->pdev = NULL;
	out->n = 0;
	if (pool->irq.policy == VFPOOL_IRQ_POLICY_NONE)
		return 0;
	list_for_each_entry(m, &pool->members, pool_node)
		n += !!m->pdev;
	if (!n)
		return 0;
	out->pdev = vfpool_kcalloc(n, sizeof(*out->pdev), GFP_KERNEL);
	if (!out->pdev)
		return -ENOMEM;
	list_for_each_entry(m, &pool->members, pool_node)
		if (m->pdev)
			out->pdev[out->n++] = pci_dev_get(m->pdev);
	return 0;
}

/*
 * IRQ_SET of a pool: @setting becomes its default (swapped with the old),
 * and @out gets the members to place by it. Nothing changes on error.
 * Under vfpool_lock.
 */
int vfpool_irq_pool_set(struct vfpool_pool *pool,
			struct vfpool_irq_setting *setting,
			struct vfpool_irq_pdevs *out)
{
	int err;

	lockdep_assert_held(&vfpool_lock);
	swap(pool->irq, *setting);
	err = vfpool_irq_pool_pdevs(pool, out);
	if (err) {
		swap(pool->irq, *setting);
		return err;
	}
	vfpool_gen++;
	return 0;
}

/*
 * Place @pdev by its pool's policy, and put it. Returns the vectors
 * placed. No lock held. A member that cannot be placed keeps the policy
 * for its driver, logged.
 */
u32 vfpool_irq_place_by_pool(struct pci_dev *pdev)
{
	int err;

	device_lock(&pdev->dev);
	err = vfpool_irq_apply(pdev, VFPOOL_IRQ_WANT_POOL, NULL, true, NULL);
	device_unlock(&pdev->dev);
	if (err < 0 && err != -ENODEV)
		pr_warn_ratelimited("%s: IRQ policy not applied: %d\n",
				    pci_name(pdev), err);
	pci_dev_put(pdev);
	return max(err, 0);
}

/* Each function of @pdevs by its pool's policy; the vectors placed. */
u32 vfpool_irq_pool_place(struct vfpool_irq_pdevs *pdevs)
{
	u32 i, placed = 0;

	for (i = 0; i < pdevs->n; i++)
		placed += vfpool_irq_place_by_pool(pdevs->pdev[i]);
	kfree(pdevs->pdev);
	pdevs->pdev = NULL;
	pdevs->n = 0;
	return placed;
}

/*
 * IRQ_SET of a member: place @pdev's vectors by @want (NULL: the
 * member's own policy again), and say where they are now.
 */
struct vfpool_irq_info *vfpool_irq_set_member(struct pci_dev *pdev,
					      const struct vfpool_irq_setting *want,
					      struct netlink_ext_ack *extack)
{
	struct vfpool_irq_info *info;
	int placed;

	device_lock(&pdev->dev);
	placed = vfpool_irq_apply(pdev, want ? VFPOOL_IRQ_WANT_GIVEN :
					VFPOOL_IRQ_WANT_MEMBER, want, false, extack);
	device_unlock(&pdev->dev);
	if (placed < 0)
		return ERR_PTR(placed);
	info = vfpool_irq_member_info(pdev);
	if (!IS_ERR(info)) {
		info->has_placed = true;
		info->placed = placed;
	}
	return info;
}

/*
 * New leases: give each member in req->irq_pdevs its pool's policy, and
 * say where its vectors are in @infos (NULL: the request failed; else
 * room for req->irq_npdevs, *@n of them used). A placement that fails is
 * logged, never the lease's: the member holds the policy for its next
 * driver. Returns 0, or the error of an account that could not be had.
 */
int vfpool_irq_lease_apply(struct vfpool_lease_req *req,
			   struct vfpool_irq_info **infos, u32 *n)
{
	struct vfpool_irq_info *info;
	struct pci_dev *pdev;
	int err, ret = 0;
	u32 i;

	for (i = 0; i < req->irq_npdevs; i++) {
		pdev = req->irq_pdevs[i];
		device_lock(&pdev->dev);
		err = vfpool_irq_apply(pdev, VFPOOL_IRQ_WANT_POOL, NULL, true, NULL);
		device_unlock(&pdev->dev);
		if (err < 0) {
			pr_warn_ratelimited("%s: IRQ policy not applied: %d\n",
					    pci_name(pdev), err);
		} else if (infos && !ret) {
			info = vfpool_irq_member_info(pdev);
			if (IS_ERR(info))
				ret = PTR_ERR(info);
			else
				infos[(*n)++] = info;
		}
		pci_dev_put(pdev);
		req->irq_pdevs[i] = NULL;
	}
	req->irq_npdevs = 0;
	return ret;
}

/* ---- vectors that come later ---- */

static void vfpool_irq_work_fn(struct work_struct *work)
{
	struct vfpool_irq_work *w = container_of(work, struct vfpool_irq_work, work);
	struct pci_dev *pdev = w->pdev;

	/* Drivers that probe asynchronously allocate vectors after binding. */
	if (w->sync)
		async_synchronize_full();
	device_lock(&pdev->dev);
	if (pdev->dev.driver)
		vfpool_irq_apply(pdev, VFPOOL_IRQ_WANT_MEMBER, NULL, true, NULL);
	device_unlock(&pdev->dev);
	pci_dev_put(pdev);
	kfree(w);
}

static void vfpool_irq_queue(struct pci_dev *pdev, bool sync)
{
	struct vfpool_irq_work *w;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return;
	INIT_WORK(&w->work, vfpool_irq_work_fn);
	w->pdev = pci_dev_get(pdev);
	w->sync = sync;
	queue_work(vfpool_irq_wq, &w->work);
}

/* Does @pdev belong to a member with an IRQ policy? */
static bool vfpool_irq_wanted(struct pci_dev *pdev)
{
	struct vfpool_member *m;
	bool wanted;

	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_pdev(pdev);
	wanted = m && m->irq.policy != VFPOOL_IRQ_POLICY_NONE;
	mutex_unlock(&vfpool_lock);
	return wanted;
}

/*
 * A driver bound to a member's function: place what vectors it has, and
 * once more when its asynchronous probe is done. A driver unbinds: its
 * vectors go, and with them their share of the pool's load. The driver
 * core holds the device_lock around both.
 */
static int vfpool_irq_pci_event(struct notifier_block *nb, unsigned long event,
				void *data)
{
	struct pci_dev *pdev = to_pci_dev(data);
	struct vfpool_member *m;

	switch (event) {
	case BUS_NOTIFY_BOUND_DRIVER:
		if (!vfpool_irq_wanted(pdev))
			break;
		vfpool_irq_apply(pdev, VFPOOL_IRQ_WANT_MEMBER, NULL, true, NULL);
		vfpool_irq_queue(pdev, true);
		break;
	case BUS_NOTIFY_UNBIND_DRIVER:
		mutex_lock(&vfpool_lock);
		m = vfpool_member_by_pdev(pdev);
		if (m)
			vfpool_irq_unplace(m);
		mutex_unlock(&vfpool_lock);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vfpool_irq_pci_nb = {
	.notifier_call = vfpool_irq_pci_event,
};

/*
 * A member's netdev registered: its driver is far enough to have its
 * vectors. RTNL is held here, so the placement runs from the workqueue.
 */
static int vfpool_irq_netdev_event(struct notifier_block *nb,
				   unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct pci_dev *pdev;

	if (event != NETDEV_REGISTER || !dev->dev.parent ||
	    !dev_is_pci(dev->dev.parent))
		return NOTIFY_DONE;
	pdev = to_pci_dev(dev->dev.parent);
	if (vfpool_irq_wanted(pdev))
		vfpool_irq_queue(pdev, false);
	return NOTIFY_DONE;
}

static struct notifier_block vfpool_irq_netdev_nb = {
	.notifier_call = vfpool_irq_netdev_event,
};

/* ---- CPU hotplug ---- */

/*
 * A CPU went offline (the kernel moved its vectors elsewhere, breaking
 * their affinity) or came online (spread may use it now): every member
 * with a policy is placed again, so that vectors sit where the policy
 * wants them and each pool's load counts what /proc/irq shows.
 */
static void vfpool_irq_hotplug_fn(struct work_struct *work)
{
	struct vfpool_irq_pdevs all = {};
	struct vfpool_member *m;
	unsigned long id;
	u32 n = 0;

	mutex_lock(&vfpool_lock);
	xa_for_each(&vfpool_members, id, m)
		n += m->pdev && m->irq.policy != VFPOOL_IRQ_POLICY_NONE;
	all.pdev = n ? kcalloc(n, sizeof(*all.pdev), GFP_KERNEL) : NULL;
	xa_for_each(&vfpool_members, id, m)
		if (all.pdev && all.n < n && m->pdev &&
		    m->irq.policy != VFPOOL_IRQ_POLICY_NONE)
			all.pdev[all.n++] = pci_dev_get(m->pdev);
	mutex_unlock(&vfpool_lock);
	if (n && !all.pdev)
		pr_warn_ratelimited("CPU hotplug: vectors not placed again: %d\n", -ENOMEM);

	for (; all.n; all.n--) {
		struct pci_dev *pdev = all.pdev[all.n - 1];

		device_lock(&pdev->dev);
		if (pdev->dev.driver)
			vfpool_irq_apply(pdev, VFPOOL_IRQ_WANT_HOTPLUG, NULL, true, NULL);
		device_unlock(&pdev->dev);
		pci_dev_put(pdev);
	}
	kfree(all.pdev);
}

/* Called with the CPU hotplug lock held: the work runs later. */
static int vfpool_irq_cpu_changed(unsigned int cpu)
{
	queue_work(vfpool_irq_wq, &vfpool_irq_hotplug_work);
	return 0;
}

int vfpool_irq_init(void)
{
	int ret;

	INIT_WORK(&vfpool_irq_hotplug_work, vfpool_irq_hotplug_fn);
	vfpool_irq_wq = alloc_ordered_workqueue("vfpool_irq", 0);
	if (!vfpool_irq_wq)
		return -ENOMEM;
	ret = bus_register_notifier(&pci_bus_type, &vfpool_irq_pci_nb);
	if (ret < 0)
		goto err_wq;
	ret = register_netdevice_notifier(&vfpool_irq_netdev_nb);
	if (ret < 0)
		goto err_pci;
	/* Online: once the CPU runs. Dead: once its vectors have moved off. */
	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "net/vfpool:online",
					vfpool_irq_cpu_changed, NULL);
	if (ret < 0)
		goto err_netdev;
	vfpool_irq_cpuhp_online = ret;
	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "net/vfpool:dead",
					NULL, vfpool_irq_cpu_changed);
	if (ret < 0)
		goto err_online;
	vfpool_irq_cpuhp_dead = ret;
	return 0;

err_online:
	cpuhp_remove_state_nocalls(vfpool_irq_cpuhp_online);
err_netdev:
	unregister_netdevice_notifier(&vfpool_irq_netdev_nb);
err_pci:
	bus_unregister_notifier(&pci_bus_type, &vfpool_irq_pci_nb);
err_wq:
	destroy_workqueue(vfpool_irq_wq);
	return ret;
}

void vfpool_irq_exit(void)
{
	cpuhp_remove_state_nocalls(vfpool_irq_cpuhp_dead);
	cpuhp_remove_state_nocalls(vfpool_irq_cpuhp_online);
	unregister_netdevice_notifier(&vfpool_irq_netdev_nb);
	bus_unregister_notifier(&pci_bus_type, &vfpool_irq_pci_nb);
	/* Runs what is queued, the hotplug work included, and ends. */
	destroy_workqueue(vfpool_irq_wq);
}
