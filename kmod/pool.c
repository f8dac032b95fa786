// SPDX-License-Identifier: GPL-2.0
/*
 * Pools and their members.
 *
 * Locking (see vfpool.h): everything here runs under vfpool_lock unless
 * a function says otherwise; creating a pool from a PF also holds RTNL
 * (taken first) to walk the netdevs.
 */
#include <linux/hash.h>
#include <linux/slab.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>

#include "policy.h"
#include "vfpool.h"

LIST_HEAD(vfpool_pools);
DEFINE_XARRAY_ALLOC(vfpool_members);
static DEFINE_HASHTABLE(vfpool_by_dev, 10);
static DEFINE_HASHTABLE(vfpool_by_pdev, 10);
/* Members by PF: a netdev event costs a bucket, not every member. */
static DEFINE_HASHTABLE(vfpool_by_pf, 10);

struct vfpool_pool *vfpool_pool_find(const char *name)
{
	struct vfpool_pool *pool;

	lockdep_assert_held(&vfpool_lock);
	list_for_each_entry(pool, &vfpool_pools, list)
		if (!strcmp(pool->name, name))
			return pool;
	return NULL;
}

struct vfpool_member *vfpool_member_by_dev(const struct net_device *dev)
{
	struct vfpool_member *m;

	lockdep_assert_held(&vfpool_lock);
	hash_for_each_possible(vfpool_by_dev, m, dev_node, (unsigned long)dev)
		if (m->dev == dev)
			return m;
	return NULL;
}

struct vfpool_member *vfpool_member_by_pdev(const struct pci_dev *pdev)
{
	struct vfpool_member *m;

	lockdep_assert_held(&vfpool_lock);
	hash_for_each_possible(vfpool_by_pdev, m, pdev_node, (unsigned long)pdev)
		if (m->pdev == pdev)
			return m;
	return NULL;
}

/*
 * The bucket of vfpool_by_pf where @pf's members are, among others:
 * callers check m->pf == pf.
 */
struct hlist_head *vfpool_pf_members(const struct net_device *pf)
{
	lockdep_assert_held(&vfpool_lock);
	return &vfpool_by_pf[hash_min((unsigned long)pf, HASH_BITS(vfpool_by_pf))];
}

/* The member a (PF, VF index) pair already names, if any. */
static struct vfpool_member *vfpool_member_by_vf(const struct net_device *pf,
						 int vf)
{
	struct vfpool_pool *pool;
	struct vfpool_member *m;

	list_for_each_entry(pool, &vfpool_pools, list)
		list_for_each_entry(m, &pool->members, pool_node)
			if (m->pf == pf && m->vf == vf)
				return m;
	return NULL;
}

/* Move @m to @state, keeping the free list and the counters right. */
void vfpool_member_set_state(struct vfpool_member *m,
			     enum vfpool_member_state state)
{
	struct vfpool_pool *pool = m->pool;

	lockdep_assert_held(&vfpool_lock);
	if (m->state == state)
		return;
	switch (m->state) {
	case VFPOOL_MEMBER_FREE:
		list_del_init(&m->free_node);
		pool->nfree--;
		break;
	case VFPOOL_MEMBER_LEASED:
		pool->nleased--;
		break;
	case VFPOOL_MEMBER_GONE:
		pool->ngone--;
		break;
	case VFPOOL_MEMBER_BUSY:
		break;
	}
	m->state = state;
	switch (state) {
	case VFPOOL_MEMBER_FREE:
		list_add_tail(&m->free_node, &pool->free);
		pool->nfree++;
		break;
	case VFPOOL_MEMBER_LEASED:
		pool->nleased++;
		break;
	case VFPOOL_MEMBER_GONE:
		pool->ngone++;
		break;
	case VFPOOL_MEMBER_BUSY:
		break;
	}
}

void vfpool_member_attach_dev(struct vfpool_member *m, struct net_device *dev)
{
	netdev_hold(dev, &m->dev_tracker, GFP_KERNEL);
	m->dev = dev;
	m->ifindex = dev->ifindex;
	strscpy(m->ifname, dev->name, sizeof(m->ifname));
	hash_add(vfpool_by_dev, &m->dev_node, (unsigned long)dev);
}

void vfpool_member_detach_dev(struct vfpool_member *m)
{
	if (!m->dev)
		return;
	hash_del(&m->dev_node);
	netdev_put(m->dev, &m->dev_tracker);
	m->dev = NULL;
}

void vfpool_member_attach_pdev(struct vfpool_member *m, struct pci_dev *pdev)
{
	m->pdev = pci_dev_get(pdev);
	strscpy(m->pci, pci_name(pdev), sizeof(m->pci));
	hash_add(vfpool_by_pdev, &m->pdev_node, (unsigned long)pdev);
}

void vfpool_member_detach_pdev(struct vfpool_member *m)
{
	if (!m->pdev)
		return;
	/* Its vectors went with it; its IRQ policy waits for it. */
	vfpool_irq_member_forget(m);
	hash_del(&m->pdev_node);
	pci_dev_put(m->pdev);
	m->pdev = NULL;
}

void vfpool_member_detach_pf(struct vfpool_member *m)
{
	if (!m->pf)
		return;
	hash_del(&m->pf_node);
	netdev_put(m->pf, &m->pf_tracker);
	m->pf = NULL;
}

/* The PF netdev of a PCI PF, when its driver made exactly one. */
/* The driver of @m's function or netdev, or its link kind; NULL if none. */
static const char *vfpool_member_driver(const struct vfpool_member *m)
{
	if (m->pdev && m->pdev->dev.driver)
		return m->pdev->dev.driver->name;
	if (m->dev && m->dev->dev.parent && m->dev->dev.parent->driver)
		return m->dev->dev.parent->driver->name;
	if (m->dev && m->dev->rtnl_link_ops)
		return m->dev->rtnl_link_ops->kind;
	return NULL;
}

/* What replies and events say of @m, copied. Under vfpool_lock. */
void vfpool_member_info_get(const struct vfpool_member *m,
			    struct vfpool_member_info *info)
{
	const char *driver = vfpool_member_driver(m);

	lockdep_assert_held(&vfpool_lock);
	memset(info, 0, sizeof(*info));
	strscpy(info->pool, m->pool->name, sizeof(info->pool));
	info->state = m->state;
	info->numa_node = m->numa_node;
	info->ifindex = m->ifindex;
	strscpy(info->ifname, m->ifname, sizeof(info->ifname));
	strscpy(info->pci, m->pci, sizeof(info->pci));
	info->pf_ifindex = m->pf ? m->pf->ifindex : 0;
	strscpy(info->pf_ifname, m->pf_ifname, sizeof(info->pf_ifname));
	strscpy(info->pf_pci, m->pf_pci, sizeof(info->pf_pci));
	info->vf = m->vf;
	if (driver)
		strscpy(info->driver, driver, sizeof(info->driver));
	if (m->lease) {
		info->lease_id = m->lease->id;
		strscpy(info->owner, m->lease->owner, sizeof(info->owner));
	}
}

/*
 * The one netdev of @pdev in init_net, or NULL (none, or several). Its
 * parent is the function, or a device of a bus the function's driver
 * made (virtio-net: PCI function, then virtio device, then netdev).
 */
struct net_device *vfpool_pci_netdev(struct pci_dev *pdev)
{
	struct net_device *dev, *found = NULL;
	struct device *parent;

	ASSERT_RTNL();
	for_each_netdev(&init_net, dev) {
		parent = dev->dev.parent;
		if (parent && parent != &pdev->dev && !dev_is_pci(parent))
			parent = parent->parent;
		if (parent != &pdev->dev)
			continue;
		if (found)
			return NULL;
		found = dev;
	}
	return found;
}

/*
 * Add a member. @dev, @pdev and @pf may each be NULL, but not all; @vf
 * is the VF index on @pf, or on @pdev's PF. Caller holds RTNL when @dev
 * or @pf is set (their names and parents are read).
 */
int vfpool_member_add(struct vfpool_pool *pool, struct net_device *dev,
		      struct pci_dev *pdev, struct net_device *pf, int vf,
		      struct netlink_ext_ack *extack)
{
	struct vfpool_member *m;
	struct device *numa_dev;
	int err;

	lockdep_assert_held(&vfpool_lock);
	if (dev && vfpool_member_by_dev(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "member: netdev is already in a pool");
		return -EEXIST;
	}
	if (pdev && vfpool_member_by_pdev(pdev)) {
		NL_SET_ERR_MSG_MOD(extack, "member: PCI function is already in a pool");
		return -EEXIST;
	}
	if (pf && vf != VFPOOL_NO_VF && vfpool_member_by_vf(pf, vf)) {
		NL_SET_ERR_MSG_MOD(extack, "member: this VF of the PF is already in a pool");
		return -EEXIST;
	}

	m = vfpool_kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	vfpool_obj_new(VFPOOL_OBJ_MEMBER);
	err = xa_alloc(&vfpool_members, &m->id, m, xa_limit_32b, GFP_KERNEL);
	if (err)
		goto err_free;

	m->pool = pool;
	m->vf = vf;
	m->state = VFPOOL_MEMBER_BUSY;
	INIT_LIST_HEAD(&m->free_node);
	if (dev)
		vfpool_member_attach_dev(m, dev);
	if (pdev) {
		vfpool_member_attach_pdev(m, pdev);
		if (pdev->is_virtfn)
			strscpy(m->pf_pci, pci_name(pci_physfn(pdev)),
				sizeof(m->pf_pci));
	}
	if (pf) {
		netdev_hold(pf, &m->pf_tracker, GFP_KERNEL);
		m->pf = pf;
		hash_add(vfpool_by_pf, &m->pf_node, (unsigned long)pf);
		strscpy(m->pf_ifname, pf->name, sizeof(m->pf_ifname));
		if (!m->pf_pci[0] && pf->dev.parent && dev_is_pci(pf->dev.parent))
			strscpy(m->pf_pci, pci_name(to_pci_dev(pf->dev.parent)),
				sizeof(m->pf_pci));
	}
	numa_dev = pdev ? &pdev->dev : dev && dev->dev.parent ? dev->dev.parent :
		   pf && pf->dev.parent ? pf->dev.parent : NULL;
	m->numa_node = numa_dev ? dev_to_node(numa_dev) : NUMA_NO_NODE;

	list_add_tail(&m->pool_node, &pool->members);
	pool->total++;
	vfpool_member_set_state(m, VFPOOL_MEMBER_FREE);
	vfpool_notify_member(m, VFPOOL_EVENT_MEMBER_ADD);
	return 0;

err_free:
	vfpool_obj_free(VFPOOL_OBJ_MEMBER);
	kfree(m);
	return err;
}

static void vfpool_member_free(struct vfpool_member *m)
{
	vfpool_member_set_state(m, VFPOOL_MEMBER_BUSY);
	list_del(&m->pool_node);
	m->pool->total--;
	xa_erase(&vfpool_members, m->id);
	vfpool_member_detach_dev(m);
	vfpool_member_detach_pdev(m);
	vfpool_member_detach_pf(m);
	vfpool_irq_member_forget(m);
	vfpool_irq_setting_free(&m->irq);
	vfpool_obj_free(VFPOOL_OBJ_MEMBER);
	kfree(m);
}

int vfpool_member_del(struct vfpool_member *m, struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&vfpool_lock);
	if (m->state == VFPOOL_MEMBER_LEASED || m->state == VFPOOL_MEMBER_BUSY) {
		NL_SET_ERR_MSG_MOD(extack, "member is leased; end its lease first");
		return -EBUSY;
	}
	vfpool_notify_member(m, VFPOOL_EVENT_MEMBER_DEL);
	vfpool_member_free(m);
	return 0;
}

/* The member whose netdev is named @name (or has @ifindex) in init_net. */
struct vfpool_member *vfpool_member_by_netdev(const char *name, int ifindex)
{
	struct vfpool_member *m;
	unsigned long id;

	lockdep_assert_held(&vfpool_lock);
	xa_for_each(&vfpool_members, id, m)
		if (m->ifname[0] && (name ? !strcmp(m->ifname, name) :
					    m->ifindex == ifindex))
			return m;
	return NULL;
}

struct pci_dev *vfpool_pci_get(const char *addr)
{
	u32 domain, bus, devfn;

	if (vfpool_pci_parse(addr, &domain, &bus, &devfn))
		return NULL;
	return pci_get_domain_bus_and_slot(domain, bus, devfn);
}

/* Every VF PCI function of @pf_pdev, with its netdev when it has one. */
static int vfpool_pool_fill_pci(struct vfpool_pool *pool,
				struct pci_dev *pf_pdev, struct net_device *pf,
				struct netlink_ext_ack *extack)
{
	struct pci_dev *vf = NULL;
	int err;

	while ((vf = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, vf))) {
		if (!vf->is_virtfn || pci_physfn(vf) != pf_pdev)
			continue;
		err = vfpool_member_add(pool, vfpool_pci_netdev(vf), vf, pf,
					pci_iov_vf_id(vf), extack);
		if (err) {
			pci_dev_put(vf);
			return err;
		}
	}
	return 0;
}

/* VFs that have no PCI function of their own (netdevsim): PF + index. */
static int vfpool_pool_fill_indexes(struct vfpool_pool *pool,
				    struct net_device *pf,
				    struct netlink_ext_ack *extack)
{
	int i, n, err;

	n = pf->dev.parent ? dev_num_vf(pf->dev.parent) : 0;
	for (i = 0; i < n; i++) {
		err = vfpool_member_add(pool, NULL, NULL, pf, i, extack);
		if (err)
			return err;
	}
	return 0;
}

static void vfpool_pool_free(struct vfpool_pool *pool)
{
	struct vfpool_member *m, *tmp;

	list_for_each_entry_safe(m, tmp, &pool->members, pool_node)
		vfpool_member_free(m);
	list_del(&pool->list);
	vfpool_irq_setting_free(&pool->irq);
	kfree(pool->irq_load);
	vfpool_obj_free(VFPOOL_OBJ_POOL);
	kfree(pool);
}

/*
 * Create pool @name, filled from @pf (a PF netdev) and/or @pf_pdev (a PF
 * PCI function); both NULL makes an empty pool. @irq is the IRQ policy
 * its leases apply. Caller holds RTNL and vfpool_lock.
 */
int vfpool_pool_new(const char *name, struct net_device *pf,
		    struct pci_dev *pf_pdev, const struct vfpool_irq_setting *irq,
		    struct netlink_ext_ack *extack)
{
	struct vfpool_pool *pool;
	int err;

	ASSERT_RTNL();
	lockdep_assert_held(&vfpool_lock);
	if (vfpool_pool_find(name)) {
		NL_SET_ERR_MSG_MOD(extack, "pool name: a pool of that name exists");
		return -EEXIST;
	}
	if (pf && !pf_pdev && pf->dev.parent && dev_is_pci(pf->dev.parent))
		pf_pdev = to_pci_dev(pf->dev.parent);
	if (pf_pdev && !pf)
		pf = vfpool_pci_netdev(pf_pdev);
	if (pf_pdev && !pf_pdev->is_physfn) {
		NL_SET_ERR_MSG_MOD(extack, "pf: PCI function has no SR-IOV capability");
		return -EOPNOTSUPP;
	}
	if (pf && !pf_pdev && !(pf->dev.parent && dev_num_vf(pf->dev.parent)) &&
	    !pf->netdev_ops->ndo_set_vf_mac) {
		NL_SET_ERR_MSG_MOD(extack, "pf: netdev has no SR-IOV VFs");
		return -EOPNOTSUPP;
	}

	pool = vfpool_kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return -ENOMEM;
	vfpool_obj_new(VFPOOL_OBJ_POOL);
	pool->irq_load = vfpool_kcalloc(nr_cpu_ids, sizeof(*pool->irq_load), GFP_KERNEL);
	if (!pool->irq_load) {
		err = -ENOMEM;
		goto err_pool;
	}
	err = vfpool_irq_setting_copy(&pool->irq, irq);
	if (err)
		goto err_load;
	strscpy(pool->name, name, sizeof(pool->name));
	INIT_LIST_HEAD(&pool->members);
	INIT_LIST_HEAD(&pool->free);
	if (pf) {
		strscpy(pool->pf_ifname, pf->name, sizeof(pool->pf_ifname));
		pool->pf_ifindex = pf->ifindex;
	}
	if (pf_pdev)
		strscpy(pool->pf_pci, pci_name(pf_pdev), sizeof(pool->pf_pci));
	list_add_tail(&pool->list, &vfpool_pools);

	if (pf_pdev)
		err = vfpool_pool_fill_pci(pool, pf_pdev, pf, extack);
	else if (pf)
		err = vfpool_pool_fill_indexes(pool, pf, extack);
	else
		err = 0;
	if (err)
		goto err_free;

	vfpool_gen++;
	vfpool_notify_pool(pool, VFPOOL_EVENT_POOL_NEW);
	return 0;

err_free:
	vfpool_pool_free(pool);
	return err;

err_load:
	kfree(pool->irq_load);
err_pool:
	vfpool_obj_free(VFPOOL_OBJ_POOL);
	kfree(pool);
	return err;
}

/*
 * Delete @pool. With @force, its leases end first. Caller holds RTNL and
 * vfpool_lock; the latter is dropped while leases end, with the pool
 * marked dying so that nobody leases from it meanwhile.
 */
int vfpool_pool_del(struct vfpool_pool *pool, bool force,
		    struct netlink_ext_ack *extack)
{
	struct vfpool_member *m;
	LIST_HEAD(ending);

	ASSERT_RTNL();
	lockdep_assert_held(&vfpool_lock);
	if (pool->nleased && !force) {
		NL_SET_ERR_MSG_MOD(extack, "pool has leases; end them or delete with force");
		return -EBUSY;
	}
	list_for_each_entry(m, &pool->members, pool_node) {
		if (m->state == VFPOOL_MEMBER_BUSY) {
			NL_SET_ERR_MSG_MOD(extack, "pool has a lease in flight; try again");
			return -EAGAIN;
		}
	}
	list_for_each_entry(m, &pool->members, pool_node)
		if (m->state == VFPOOL_MEMBER_LEASED)
			vfpool_lease_unlink(m->lease, &ending);
	if (!list_empty(&ending)) {
		pool->dying = true;
		mutex_unlock(&vfpool_lock);
		vfpool_leases_end(&ending, VFPOOL_REASON_POOL_DELETED);
		mutex_lock(&vfpool_lock);
	}

	vfpool_notify_pool(pool, VFPOOL_EVENT_POOL_DEL);
	vfpool_pool_free(pool);
	vfpool_gen++;
	return 0;
}

/* Module exit: no lease can exist (each holds a module reference). */
void vfpool_pools_destroy(void)
{
	struct vfpool_pool *pool, *tmp;

	rtnl_lock();
	mutex_lock(&vfpool_lock);
	list_for_each_entry_safe(pool, tmp, &vfpool_pools, list)
		vfpool_pool_free(pool);
	mutex_unlock(&vfpool_lock);
	rtnl_unlock();
}
