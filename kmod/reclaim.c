// SPDX-License-Identifier: GPL-2.0
/*
 * Reclaim: leases end, and members come and go, when the world changes
 * under them. An owner netns is dismantled (pernet pre_exit); a member's
 * netdev or PF is unregistered (netdevice notifier); a VF PCI function
 * is removed or added back, as sriov_numvfs goes down and up (PCI bus
 * notifier).
 *
 * Locking (see vfpool.h): the netdevice notifier runs under RTNL and
 * takes vfpool_lock, which is why nothing holds vfpool_lock across calls
 * into the netdev core. It ignores netns moves (they keep reg_state at
 * NETREG_REGISTERED), so our own moves never re-enter it usefully. The
 * PCI bus notifier runs without RTNL and only takes vfpool_lock.
 *
 * Leases whose PF is unregistered are ended by vfpool_pf_gone_work, not
 * in the notifier: their netdevs still live in pods and go home, and the
 * dying PF's sysfs entries (its name) exist until the unregistration's
 * RTNL section ends, so a move home that needs that name would collide.
 * The notifier unlinks them (member BUSY, on vfpool_pf_gone under
 * vfpool_lock) and drops its PF references, which the unregistration
 * waits for; the work takes RTNL, then vfpool_lock for the list.
 */
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "vfpool.h"

unsigned int vfpool_net_id;

struct vfpool_net {
	struct list_head leases;	/* leases owned by this netns */
};

static LIST_HEAD(vfpool_pf_gone);	/* unlinked leases, by net_node */

static void vfpool_pf_gone_fn(struct work_struct *work)
{
	LIST_HEAD(ending);

	rtnl_lock();
	mutex_lock(&vfpool_lock);
	list_splice_init(&vfpool_pf_gone, &ending);
	mutex_unlock(&vfpool_lock);
	vfpool_leases_end(&ending, VFPOOL_REASON_MEMBER_GONE);
	rtnl_unlock();
}

static DECLARE_WORK(vfpool_pf_gone_work, vfpool_pf_gone_fn);

struct list_head *vfpool_net_leases(struct net *net)
{
	struct vfpool_net *vn = net_generic(net, vfpool_net_id);

	return &vn->leases;
}

static int __net_init vfpool_net_init(struct net *net)
{
	INIT_LIST_HEAD(vfpool_net_leases(net));
	return 0;
}

/*
 * Runs before any pernet exit, while the netns' devices still exist:
 * bring leased netdevs home and restore them before the netns deletes
 * the virtual ones or strands the physical ones.
 */
static void __net_exit vfpool_net_pre_exit(struct net *net)
{
	bool any;

	mutex_lock(&vfpool_lock);
	any = !list_empty(vfpool_net_leases(net));
	mutex_unlock(&vfpool_lock);
	if (any)
		vfpool_leases_end_net(net);
}

static void __net_exit vfpool_net_exit(struct net *net)
{
	WARN_ON_ONCE(!list_empty(vfpool_net_leases(net)));
}

static struct pernet_operations vfpool_net_ops = {
	.init = vfpool_net_init,
	.pre_exit = vfpool_net_pre_exit,
	.exit = vfpool_net_exit,
	.id = &vfpool_net_id,
	.size = sizeof(struct vfpool_net),
};

/* A netdev is really going away (not moving): its member is gone. */
static void vfpool_netdev_unregister(struct net_device *dev)
{
	struct vfpool_member *m, *tmp;
	struct vfpool_lease *lease;
	struct hlist_node *next;
	LIST_HEAD(ending);
	bool pf_gone = false;

	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_dev(dev);
	if (m && m->state == VFPOOL_MEMBER_LEASED)
		vfpool_lease_unlink(m->lease, &ending);
	else if (m && m->state == VFPOOL_MEMBER_BUSY)
		m->vanished = true;	/* its transaction settles it */
	/*
	 * Leases of members whose PF this is: their VF config is moot, and
	 * their live netdevs go home from vfpool_pf_gone_work.
	 */
	hlist_for_each_entry(tmp, vfpool_pf_members(dev), pf_node)
		if (tmp->pf == dev && tmp->state == VFPOOL_MEMBER_LEASED) {
			tmp->vanished = true;
			vfpool_lease_unlink(tmp->lease, &vfpool_pf_gone);
			pf_gone = true;
		}
	mutex_unlock(&vfpool_lock);
	if (pf_gone)
		queue_work(system_unbound_wq, &vfpool_pf_gone_work);

	/* The undo skips what belongs to the dying device. */
	list_for_each_entry(lease, &ending, net_node)
		lease->member->vanished = true;
	vfpool_leases_end(&ending, VFPOOL_REASON_MEMBER_GONE);

	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_dev(dev);
	if (m) {
		vfpool_member_detach_dev(m);
		if (m->state == VFPOOL_MEMBER_FREE) {
			vfpool_member_set_state(m, VFPOOL_MEMBER_GONE);
			vfpool_notify_member(m, VFPOOL_EVENT_MEMBER_GONE);
		}
	}
	hlist_for_each_entry_safe(tmp, next, vfpool_pf_members(dev), pf_node) {
		if (tmp->pf != dev)
			continue;
		vfpool_member_detach_pf(tmp);
		if (tmp->state == VFPOOL_MEMBER_FREE) {
			vfpool_member_set_state(tmp, VFPOOL_MEMBER_GONE);
			vfpool_notify_member(tmp, VFPOOL_EVENT_MEMBER_GONE);
		}
	}
	mutex_unlock(&vfpool_lock);
}

/* A netdev appeared on a member's VF PCI function: attach it. */
static void vfpool_netdev_register(struct net_device *dev)
{
	struct vfpool_member *m;

	if (!net_eq(dev_net(dev), &init_net) || !dev->dev.parent ||
	    !dev_is_pci(dev->dev.parent))
		return;
	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_pdev(to_pci_dev(dev->dev.parent));
	if (m && !m->dev && m->state != VFPOOL_MEMBER_BUSY) {
		vfpool_member_attach_dev(m, dev);
		if (m->state == VFPOOL_MEMBER_GONE) {
			vfpool_member_set_state(m, VFPOOL_MEMBER_FREE);
			vfpool_notify_member(m, VFPOOL_EVENT_MEMBER_BACK);
		}
	}
	mutex_unlock(&vfpool_lock);
}

/* An admin renamed a free member: that is the name to restore. */
static void vfpool_netdev_rename(struct net_device *dev)
{
	struct vfpool_member *m;

	if (!net_eq(dev_net(dev), &init_net))
		return;
	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_dev(dev);
	if (m && m->state == VFPOOL_MEMBER_FREE)
		strscpy(m->ifname, dev->name, sizeof(m->ifname));
	mutex_unlock(&vfpool_lock);
}

static int vfpool_netdev_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	switch (event) {
	case NETDEV_UNREGISTER:
		/* A netns move keeps NETREG_REGISTERED: not our business. */
		if (dev->reg_state == NETREG_UNREGISTERING)
			vfpool_netdev_unregister(dev);
		break;
	case NETDEV_REGISTER:
		vfpool_netdev_register(dev);
		break;
	case NETDEV_CHANGENAME:
		vfpool_netdev_rename(dev);
		break;
	case NETDEV_CHANGEUPPER:
		vfpool_bond_upper_changed(dev, ptr);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vfpool_netdev_nb = {
	.notifier_call = vfpool_netdev_event,
};

/*
 * A VF PCI function was removed: its member is gone, its lease ends.
 * What the lease set through the PF is not restored: a VF function goes
 * away when SR-IOV is disabled (or the PF goes), and PF drivers drop
 * their per-VF config then (ixgbe_disable_sriov(), igb, i40e_free_vfs(),
 * ice_free_vfs(), mlx5_eswitch_clear_vf_vports_info()); VFs that come
 * back (only by enabling SR-IOV again: a rescan does not find VFs) start
 * from the driver's defaults.
 */
static void vfpool_pci_removed(struct pci_dev *pdev)
{
	struct vfpool_member *m;

	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_pdev(pdev);
	if (m) {
		vfpool_member_detach_pdev(m);
		switch (m->state) {
		case VFPOOL_MEMBER_LEASED:
			vfpool_lease_end_member(m, VFPOOL_REASON_MEMBER_GONE);
			break;
		case VFPOOL_MEMBER_FREE:
			vfpool_member_set_state(m, VFPOOL_MEMBER_GONE);
			vfpool_notify_member(m, VFPOOL_EVENT_MEMBER_GONE);
			break;
		case VFPOOL_MEMBER_BUSY:
			m->vanished = true;	/* its transaction settles it */
			break;
		case VFPOOL_MEMBER_GONE:
			break;
		}
	}
	mutex_unlock(&vfpool_lock);
}

/* A VF PCI function came (back): a gone member of that PF + VF returns. */
static void vfpool_pci_added(struct pci_dev *pdev)
{
	struct vfpool_member *m;
	struct vfpool_pool *pool;
	const char *pf_pci;
	int vf;

	if (!pdev->is_virtfn)
		return;
	pf_pci = pci_name(pci_physfn(pdev));
	vf = pci_iov_vf_id(pdev);
	mutex_lock(&vfpool_lock);
	list_for_each_entry(pool, &vfpool_pools, list)
		list_for_each_entry(m, &pool->members, pool_node) {
			if (m->state != VFPOOL_MEMBER_GONE || m->pdev ||
			    m->vf != vf || strcmp(m->pf_pci, pf_pci) ||
			    !m->pci[0])
				continue;
			vfpool_member_attach_pdev(m, pdev);
			/* One that had a netdev waits for it to register. */
			if (!m->ifname[0]) {
				vfpool_member_set_state(m, VFPOOL_MEMBER_FREE);
				vfpool_notify_member(m, VFPOOL_EVENT_MEMBER_BACK);
			}
			goto out;
		}
out:
	mutex_unlock(&vfpool_lock);
}

static int vfpool_pci_event(struct notifier_block *nb, unsigned long event,
			    void *data)
{
	struct pci_dev *pdev = to_pci_dev(data);

	switch (event) {
	case BUS_NOTIFY_ADD_DEVICE:
		vfpool_pci_added(pdev);
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		vfpool_pci_removed(pdev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vfpool_pci_nb = {
	.notifier_call = vfpool_pci_event,
};

int vfpool_reclaim_init(void)
{
	int ret;

	ret = register_pernet_device(&vfpool_net_ops);
	if (ret < 0)
		goto err;
	ret = register_netdevice_notifier(&vfpool_netdev_nb);
	if (ret < 0)
		goto err_pernet;
	ret = bus_register_notifier(&pci_bus_type, &vfpool_pci_nb);
	if (ret < 0)
		goto err_netdev;
	return 0;

err_netdev:
	unregister_netdevice_notifier(&vfpool_netdev_nb);
err_pernet:
	unregister_pernet_device(&vfpool_net_ops);
err:
	return ret;
}

void vfpool_reclaim_exit(void)
{
	bus_unregister_notifier(&pci_bus_type, &vfpool_pci_nb);
	unregister_netdevice_notifier(&vfpool_netdev_nb);
	unregister_pernet_device(&vfpool_net_ops);
	/* Its leases held the module; this waits for the work's last lines. */
	flush_work(&vfpool_pf_gone_work);
}
