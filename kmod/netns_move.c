// SPDX-License-Identifier: GPL-2.0
/*
 * Move a netdev into a network namespace under a chosen name.
 *
 * dev_change_name() is not exported to modules. The netns move itself
 * renames, but only when the device's current name is taken in the
 * destination: then it uses the name pattern it is given. So when the
 * name must change, a placeholder netdev holding the current name is
 * registered in the destination for the length of the move, and the
 * kernel's own rename path gives the device the name we want. All of it
 * happens under one RTNL hold, so nobody else ever sees the placeholder
 * for longer than the move.
 *
 * Locking: callers hold RTNL and not vfpool_lock.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "vfpool.h"

static const struct net_device_ops vfpool_placeholder_ops = {};

static void vfpool_placeholder_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &vfpool_placeholder_ops;
	dev->needs_free_netdev = true;
	dev->flags |= IFF_NOARP;
	eth_hw_addr_random(dev);
}

static struct net_device *vfpool_placeholder_new(struct net *net,
						 const char *name)
{
	struct net_device *ph;
	int err;

	ph = alloc_netdev(0, name, NET_NAME_USER, vfpool_placeholder_setup);
	if (!ph)
		return ERR_PTR(-ENOMEM);
	dev_net_set(ph, net);
	err = register_netdevice(ph);
	if (err) {
		free_netdev(ph);
		return ERR_PTR(err);
	}
	return ph;
}

/*
 * Move @dev into @net named @name. On error @dev is where it was, under
 * the name it had, and the extack says why.
 */
int vfpool_netns_move(struct net_device *dev, struct net *net,
		      const char *name, struct netlink_ext_ack *extack)
{
	struct net_device *ph = NULL;
	int err;

	ASSERT_RTNL();
	if (net_eq(dev_net(dev), net) && !strcmp(dev->name, name))
		return 0;
	if (__dev_get_by_name(net, name)) {
		NL_SET_ERR_MSG_MOD(extack, "ifname: taken in the target netns");
		return -EEXIST;
	}
	if (net_eq(dev_net(dev), net)) {
		/*
		 * A rename within one netns: the same trick needs a hop. Not
		 * a case vfpool meets: it always changes netns.
		 */
		NL_SET_ERR_MSG_MOD(extack, "cannot rename without a netns change");
		return -EOPNOTSUPP;
	}
	/* Keep the name only when the device already has the one wanted. */
	if (strcmp(dev->name, name) && !__dev_get_by_name(net, dev->name)) {
		ph = vfpool_placeholder_new(net, dev->name);
		if (IS_ERR(ph)) {
			NL_SET_ERR_MSG_MOD(extack, "ifname: cannot be set in the target netns");
			return PTR_ERR(ph);
		}
	}
	err = dev_change_net_namespace(dev, net, name);
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "member netdev cannot be moved into the target netns");
	if (ph)
		unregister_netdevice(ph);
	return err;
}
