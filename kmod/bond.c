// SPDX-License-Identifier: GPL-2.0
/*
 * Bonds: enslave leased members to a bonding master in their owner
 * netns, release them, and follow what others do to them.
 *
 * The bond driver does the work (its ndo_add_slave / ndo_del_slave, as
 * "ip link set master" does); vfpool checks ownership first, makes the
 * set all or nothing, and makes every lease leave its bond before the
 * member goes home (vfpool_bond_leave() from the lease undo).
 *
 * Locking (see vfpool.h): RTNL -> vfpool_lock. BOND_ENSLAVE and
 * BOND_RELEASE hold RTNL from lookup to reply. A lease whose netdev was
 * moved into a netns ends only under RTNL, so the leases they find stay
 * valid without vfpool_lock, which they take only to look leases up and
 * to put replies. It is never held across ndo_add_slave/ndo_del_slave:
 * those fire NETDEV_CHANGEUPPER, and vfpool_bond_upper_changed() takes
 * it. vfpool_bond_actor is only read and written under RTNL.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/netlink.h>

#include "vfpool.h"

/* The task inside BOND_ENSLAVE/BOND_RELEASE or a lease undo, or NULL. */
static struct task_struct *vfpool_bond_actor;

/* One lease named by a request, and the attribute that named it. */
struct vfpool_bond_link {
	struct vfpool_lease *lease;
	struct net_device *dev;
	const struct nlattr *attr;
	bool enslaved;			/* by this request */
	bool was_up;
};

struct vfpool_bond_op {
	const char *owner;
	struct net *net;
	struct net_device *bond;	/* NULL: the lease's own (release) */
	struct vfpool_bond_link links[VFPOOL_BOND_LINKS_MAX];
	u32 n;
	struct vfpool_lease *reported[VFPOOL_BOND_LINKS_MAX];
};

static int vfpool_bond_add_link(struct vfpool_bond_op *op,
				struct vfpool_lease *lease,
				const struct nlattr *attr,
				struct netlink_ext_ack *extack)
{
	struct vfpool_member *m;
	u32 i;

	if (!lease) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "bond: owner has no such lease");
		return -ENOENT;
	}
	if (strcmp(lease->owner, op->owner)) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "bond: lease held by another owner");
		return -EPERM;
	}
	m = lease->member;
	if (m->state != VFPOOL_MEMBER_LEASED || !m->dev ||
	    !test_bit(VFPOOL_DONE_MOVED, &lease->done)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "bond: lease has no netdev moved into a netns");
		return -EINVAL;
	}
	if (op->net && !net_eq(op->net, lease->net)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "bond: leases are in different network namespaces");
		return -EINVAL;
	}
	for (i = 0; i < op->n; i++) {
		if (op->links[i].lease == lease) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "bond: lease named twice");
			return -EINVAL;
		}
	}
	op->net = lease->net;
	op->links[op->n].lease = lease;
	op->links[op->n].dev = m->dev;
	op->links[op->n].attr = attr;
	op->n++;
	return 0;
}

static struct net_device *vfpool_bond_lookup(struct net *net,
					     struct nlattr **tb)
{
	if (tb[VFPOOL_BOND_A_IFNAME])
		return __dev_get_by_name(net, nla_data(tb[VFPOOL_BOND_A_IFNAME]));
	return __dev_get_by_index(net, nla_get_u32(tb[VFPOOL_BOND_A_IFINDEX]));
}

/*
 * Every lease of the owner enslaved to the bond @tb names in the lease's
 * netns (BOND_RELEASE without links). Caller holds vfpool_lock.
 */
static int vfpool_bond_collect_enslaved(struct vfpool_bond_op *op,
					const struct nlattr *nest,
					struct nlattr **tb,
					struct netlink_ext_ack *extack)
{
	struct vfpool_lease *found[VFPOOL_BOND_LINKS_MAX];
	struct net_device *master;
	struct vfpool_member *m;
	int i, n, err = 0;

	n = vfpool_leases_of_owner(op->owner, found, ARRAY_SIZE(found));
	for (i = 0; i < n && !err; i++) {
		m = found[i]->member;
		if (m->state != VFPOOL_MEMBER_LEASED || !m->dev ||
		    !test_bit(VFPOOL_DONE_MOVED, &found[i]->done))
			continue;
		master = netdev_master_upper_dev_get(m->dev);
		if (master && master == vfpool_bond_lookup(found[i]->net, tb))
			err = vfpool_bond_add_link(op, found[i], nest, extack);
	}
	return err;
}

/*
 * The leases @nest names, LINK then LEASE_ID attributes, in order; with
 * none named and @tb naming a bond, the owner's leases in that bond.
 */
static int vfpool_bond_collect(struct vfpool_bond_op *op,
			       const struct nlattr *nest, struct nlattr **tb,
			       struct netlink_ext_ack *extack)
{
	struct vfpool_lease *lease;
	const struct nlattr *attr;
	int rem, type, err = 0;

	ASSERT_RTNL();
	mutex_lock(&vfpool_lock);
	for (type = VFPOOL_BOND_A_LINK; type <= VFPOOL_BOND_A_LEASE_ID; type++) {
		nla_for_each_nested(attr, nest, rem) {
			if (nla_type(attr) != type)
				continue;
			if (op->n == VFPOOL_BOND_LINKS_MAX) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "bond: more links than VFPOOL_BOND_LINKS_MAX");
				err = -E2BIG;
				goto out;
			}
			if (type == VFPOOL_BOND_A_LINK)
				lease = vfpool_lease_by_owner(op->owner, nla_data(attr));
			else
				lease = xa_load(&vfpool_leases, nla_get_u64(attr));
			err = vfpool_bond_add_link(op, lease, attr, extack);
			if (err)
				goto out;
		}
	}
	if (!op->n && tb)
		err = vfpool_bond_collect_enslaved(op, nest, tb, extack);
out:
	mutex_unlock(&vfpool_lock);
	return err;
}

/* The bond @tb names in op->net; -ENODEV/-EINVAL with extack if none. */
static int vfpool_bond_find(struct vfpool_bond_op *op, struct nlattr **tb,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *attr = tb[VFPOOL_BOND_A_IFNAME] ?: tb[VFPOOL_BOND_A_IFINDEX];
	struct net_device *bond;

	if (!attr) {
		NL_SET_ERR_MSG(extack, "bond: give ifname or ifindex");
		return -EINVAL;
	}
	bond = vfpool_bond_lookup(op->net, tb);
	if (!bond) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "bond: no such device in the leases' netns");
		return -ENODEV;
	}
	if (!netif_is_bond_master(bond) || !bond->netdev_ops->ndo_add_slave ||
	    !bond->netdev_ops->ndo_del_slave) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "bond: device is not a bond");
		return -EINVAL;
	}
	op->bond = bond;
	return 0;
}

static void vfpool_bond_del_slave(struct net_device *bond,
				  struct net_device *dev)
{
	vfpool_bond_actor = current;
	bond->netdev_ops->ndo_del_slave(bond, dev);
	vfpool_bond_actor = NULL;
}

/* Undo of taking @link down: up again, as it was, or a warning. */
static void vfpool_bond_link_restore(struct vfpool_bond_link *link)
{
	if (link->was_up &&
	    dev_change_flags(link->dev, link->dev->flags | IFF_UP, NULL))
		netdev_warn(link->dev, "cannot bring it up again\n");
}

static int vfpool_bond_add_slave(struct vfpool_bond_link *link,
				 struct net_device *bond,
				 struct netlink_ext_ack *extack)
{
	struct net_device *dev = link->dev;
	int err;

	/* The bond driver refuses slaves that are up; it opens them itself. */
	link->was_up = dev->flags & IFF_UP;
	if (link->was_up) {
		err = vfpool_fault(extack) ?:
		      dev_change_flags(dev, dev->flags & ~IFF_UP, extack);
		if (err)
			return err;
	}
	err = vfpool_fault(extack);
	if (!err) {
		vfpool_bond_actor = current;
		err = bond->netdev_ops->ndo_add_slave(bond, dev, extack);
		vfpool_bond_actor = NULL;
	}
	if (err) {
		vfpool_bond_link_restore(link);
		if (extack && !extack->_msg)
			NL_SET_ERR_MSG_ATTR(extack, link->attr, "bond: the bond refused it");
		return err;
	}
	link->enslaved = true;
	return 0;
}

/* Report the leases of @op (those released only) in @r. */
static int vfpool_bond_report(struct vfpool_bond_op *op,
			      struct vfpool_lease_report *r, bool released_only)
{
	u32 i, n = 0;
	int err;

	mutex_lock(&vfpool_lock);
	for (i = 0; i < op->n; i++)
		if (!released_only || op->links[i].enslaved)
			op->reported[n++] = op->links[i].lease;
	err = vfpool_lease_report(r, op->reported, n);
	mutex_unlock(&vfpool_lock);
	return err;
}

/* BOND_ENSLAVE of @nest (parsed into @tb): all or nothing. */
int vfpool_bond_enslave(const struct nlattr *nest, struct nlattr **tb,
			struct vfpool_lease_report *r, struct netlink_ext_ack *extack)
{
	struct vfpool_bond_op *op;
	struct net_device *master;
	int err;
	u32 i;

	op = vfpool_kzalloc(sizeof(*op), GFP_KERNEL);
	if (!op)
		return -ENOMEM;
	op->owner = nla_data(tb[VFPOOL_BOND_A_OWNER_ID]);
	rtnl_lock();
	err = vfpool_bond_collect(op, nest, NULL, extack);
	if (err)
		goto out;
	if (!op->n) {
		NL_SET_ERR_MSG(extack, "bond: name at least one link or lease-id");
		err = -EINVAL;
		goto out;
	}
	err = vfpool_bond_find(op, tb, extack);
	if (err)
		goto out;
	for (i = 0; i < op->n; i++) {
		/* Where it is now: a pod may have moved it on since the lease. */
		if (!net_eq(dev_net(op->links[i].dev), dev_net(op->bond))) {
			NL_SET_ERR_MSG_ATTR(extack, op->links[i].attr,
					    "bond: link is no longer in the netns it was leased into");
			err = -EXDEV;
			goto out;
		}
		master = netdev_master_upper_dev_get(op->links[i].dev);
		if (master && master != op->bond) {
			NL_SET_ERR_MSG_ATTR(extack, op->links[i].attr,
					    "bond: link is enslaved to another master");
			err = -EBUSY;
			goto out;
		}
	}
	for (i = 0; i < op->n; i++) {
		if (netdev_master_upper_dev_get(op->links[i].dev))
			continue;	/* already in this bond */
		err = vfpool_bond_add_slave(&op->links[i], op->bond, extack);
		if (err)
			goto err_undo;
	}
	/* Their bond now set; no report to be had undoes it all. */
	err = vfpool_bond_report(op, r, false);
	if (err)
		goto err_undo;
	goto out;

err_undo:
	while (i--) {
		struct vfpool_bond_link *link = &op->links[i];

		if (!link->enslaved)
			continue;
		vfpool_bond_del_slave(op->bond, link->dev);
		vfpool_bond_link_restore(link);
	}
out:
	rtnl_unlock();
	kfree(op);
	return err;
}

/* BOND_RELEASE of @nest (parsed into @tb). */
int vfpool_bond_release(const struct nlattr *nest, struct nlattr **tb,
			struct vfpool_lease_report *r, struct netlink_ext_ack *extack)
{
	bool by_bond = tb[VFPOOL_BOND_A_IFNAME] || tb[VFPOOL_BOND_A_IFINDEX];
	bool by_link = nla_find_nested(nest, VFPOOL_BOND_A_LINK) ||
		       nla_find_nested(nest, VFPOOL_BOND_A_LEASE_ID);
	struct vfpool_bond_op *op;
	struct net_device *master;
	int err;
	u32 i;

	if (!by_bond && !by_link) {
		NL_SET_ERR_MSG(extack, "bond: name the bond, or links or lease-ids");
		return -EINVAL;
	}
	op = vfpool_kzalloc(sizeof(*op), GFP_KERNEL);
	if (!op)
		return -ENOMEM;
	op->owner = nla_data(tb[VFPOOL_BOND_A_OWNER_ID]);
	rtnl_lock();
	err = vfpool_bond_collect(op, nest, by_link ? NULL : tb, extack);
	if (err)
		goto out;
	/*
	 * Reported before any leaves, so the report cannot fail after; once
	 * they left, the released ones are copied again as they are now.
	 */
	err = vfpool_bond_report(op, r, false);
	if (err)
		goto out;
	for (i = 0; i < op->n; i++) {
		struct vfpool_bond_link *link = &op->links[i];

		master = netdev_master_upper_dev_get(link->dev);
		if (!master || !netif_is_bond_master(master))
			continue;	/* a late request: leave it */
		if (by_bond && master != vfpool_bond_lookup(dev_net(link->dev), tb))
			continue;	/* in another bond than the one named */
		vfpool_bond_del_slave(master, link->dev);
		link->enslaved = true;
	}
	mutex_lock(&vfpool_lock);
	r->n = 0;
	for (i = 0; i < op->n; i++)
		if (op->links[i].enslaved)
			vfpool_lease_info_get(op->links[i].lease, &r->infos[r->n++]);
	mutex_unlock(&vfpool_lock);
out:
	rtnl_unlock();
	kfree(op);
	return err;
}

/*
 * A lease is ending: its netdev @dev leaves whatever master it has (a bond
 * enslaved it here, someone enslaved it to a bridge by hand) before it
 * goes home, so that the master lets go of it the way it expects.
 */
void vfpool_bond_leave(struct net_device *dev)
{
	struct net_device *master;

	ASSERT_RTNL();
	master = netdev_master_upper_dev_get(dev);
	if (master && master->netdev_ops->ndo_del_slave)
		vfpool_bond_del_slave(master, dev);
}

/*
 * NETDEV_CHANGEUPPER of a leased netdev: record the bond it joined or
 * left and say so, whoever made the change. Leases that are ending
 * (their member BUSY) report their end instead.
 */
void vfpool_bond_upper_changed(struct net_device *dev,
			       struct netdev_notifier_changeupper_info *info)
{
	struct net_device *upper = info->upper_dev;
	struct vfpool_lease *lease;
	struct vfpool_member *m;

	ASSERT_RTNL();
	if (!netif_is_bond_master(upper))
		return;
	mutex_lock(&vfpool_lock);
	m = vfpool_member_by_dev(dev);
	if (!m || m->state != VFPOOL_MEMBER_LEASED)
		goto out;
	lease = m->lease;
	lease->bond_external = vfpool_bond_actor != current;
	if (info->linking) {
		lease->bond_ifindex = upper->ifindex;
		strscpy(lease->bond_name, upper->name, sizeof(lease->bond_name));
		vfpool_notify_lease(lease, VFPOOL_EVENT_LEASE_BOND_JOIN, 0);
	} else if (lease->bond_ifindex == upper->ifindex) {
		vfpool_notify_lease(lease, VFPOOL_EVENT_LEASE_BOND_LEAVE, 0);
		lease->bond_ifindex = 0;
		lease->bond_external = false;
	}
out:
	mutex_unlock(&vfpool_lock);
}
