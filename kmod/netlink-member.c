// SPDX-License-Identifier: GPL-2.0
/*
 * MEMBER_ADD, MEMBER_DEL, MEMBER_GET (dump), and the member nest that
 * lease, IRQ and event messages carry too.
 */
#include <linux/pci.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "netlink.h"

/* Exactly what vfpool_nl_put_member() writes for @m. */
size_t vfpool_nl_member_size(const struct vfpool_member_info *m)
{
	size_t size = nla_total_size(0) + vfpool_nl_str_size(m->pool) +
		      2 * nla_total_size(sizeof(u32));	/* STATE, NUMA_NODE */

	if (m->ifname[0])
		size += nla_total_size(sizeof(u32)) + vfpool_nl_str_size(m->ifname);
	if (m->pci[0])
		size += vfpool_nl_str_size(m->pci);
	if (m->pf_ifindex)
		size += nla_total_size(sizeof(u32));
	if (m->pf_ifname[0])
		size += vfpool_nl_str_size(m->pf_ifname);
	if (m->pf_pci[0])
		size += vfpool_nl_str_size(m->pf_pci);
	if (m->vf != VFPOOL_NO_VF)
		size += nla_total_size(sizeof(u32));
	if (m->driver[0])
		size += vfpool_nl_str_size(m->driver);
	if (m->lease_id)
		size += nla_total_size_64bit(sizeof(u64)) + vfpool_nl_str_size(m->owner);
	return size;
}

int vfpool_nl_put_member(struct sk_buff *skb, int type,
			 const struct vfpool_member_info *m)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPOOL_MEMBER_A_POOL_NAME, m->pool) ||
	    nla_put_u32(skb, VFPOOL_MEMBER_A_STATE, m->state) ||
	    nla_put_s32(skb, VFPOOL_MEMBER_A_NUMA_NODE, m->numa_node) ||
	    (m->ifname[0] &&
	     (nla_put_u32(skb, VFPOOL_MEMBER_A_IFINDEX, m->ifindex) ||
	      nla_put_string(skb, VFPOOL_MEMBER_A_IFNAME, m->ifname))) ||
	    (m->pci[0] && nla_put_string(skb, VFPOOL_MEMBER_A_PCI, m->pci)) ||
	    (m->pf_ifindex && nla_put_u32(skb, VFPOOL_MEMBER_A_PF_IFINDEX, m->pf_ifindex)) ||
	    (m->pf_ifname[0] &&
	     nla_put_string(skb, VFPOOL_MEMBER_A_PF_IFNAME, m->pf_ifname)) ||
	    (m->pf_pci[0] && nla_put_string(skb, VFPOOL_MEMBER_A_PF_PCI, m->pf_pci)) ||
	    (m->vf != VFPOOL_NO_VF && nla_put_u32(skb, VFPOOL_MEMBER_A_VF_INDEX, m->vf)) ||
	    (m->driver[0] && nla_put_string(skb, VFPOOL_MEMBER_A_DRIVER, m->driver)) ||
	    (m->lease_id &&
	     (nla_put_u64_64bit(skb, VFPOOL_MEMBER_A_LEASE_ID, m->lease_id,
				VFPOOL_MEMBER_A_PAD) ||
	      nla_put_string(skb, VFPOOL_MEMBER_A_OWNER_ID, m->owner)))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int vfpool_nl_member_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct net_device *dev = NULL, *pf;
	struct nlattr *nest = info->attrs[VFPOOL_A_MEMBER];
	struct netlink_ext_ack *extack = info->extack;
	struct pci_dev *pdev = NULL, *place = NULL;
	struct vfpool_pool *pool;
	int vf = VFPOOL_NO_VF;
	int err;

	nest = info->attrs[VFPOOL_A_MEMBER];
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, VFPOOL_MEMBER_A_POOL_NAME))
		return -EINVAL;
	if (!!tb[VFPOOL_MEMBER_A_IFINDEX] + !!tb[VFPOOL_MEMBER_A_IFNAME] +
	    !!tb[VFPOOL_MEMBER_A_PCI] != 1) {
		NL_SET_ERR_MSG(extack, "member: give one of ifindex, ifname, pci");
		return -EINVAL;
	}
	if (!!tb[VFPOOL_MEMBER_A_PF_IFINDEX] + !!tb[VFPOOL_MEMBER_A_PF_IFNAME] > 1) {
		NL_SET_ERR_MSG(extack, "member pf: give one of pf-ifindex, pf-ifname");
		return -EINVAL;
	}
	if ((tb[VFPOOL_MEMBER_A_PF_IFINDEX] || tb[VFPOOL_MEMBER_A_PF_IFNAME]) !=
	    !!tb[VFPOOL_MEMBER_A_VF_INDEX]) {
		NL_SET_ERR_MSG(extack, "member vf-index: needed with a pf, and only with one");
		return -EINVAL;
	}
	if (tb[VFPOOL_MEMBER_A_PCI] && tb[VFPOOL_MEMBER_A_VF_INDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_MEMBER_A_VF_INDEX],
				    "member vf-index: a PCI VF knows its PF and index");
		return -EINVAL;
	}
	if (tb[VFPOOL_MEMBER_A_PCI]) {
		pdev = vfpool_pci_get(nla_data(tb[VFPOOL_MEMBER_A_PCI]));
		if (!pdev) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_MEMBER_A_PCI],
					    "member pci: no such PCI device");
			return -ENODEV;
		}
	}

	rtnl_lock();
	pf = vfpool_nl_netdev(info, tb[VFPOOL_MEMBER_A_PF_IFINDEX],
			      tb[VFPOOL_MEMBER_A_PF_IFNAME], &err);
	if (err)
		goto out_rtnl;
	if (pf) {
		int n = pf->dev.parent ? dev_num_vf(pf->dev.parent) : 0;

		vf = nla_get_u32(tb[VFPOOL_MEMBER_A_VF_INDEX]);
		if (vf >= n) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_MEMBER_A_VF_INDEX],
					    "member vf-index: out of range for the PF's VFs");
			err = -ERANGE;
			goto out_rtnl;
		}
	}
	if (pdev && pdev->is_virtfn) {
		pf = vfpool_pci_netdev(pci_physfn(pdev));
		vf = pci_iov_vf_id(pdev);
		dev = vfpool_pci_netdev(pdev);
	} else if (pdev) {
		/* Any other PCI function: a member without a PF. */
		dev = vfpool_pci_netdev(pdev);
	} else {
		struct nlattr *a = tb[VFPOOL_MEMBER_A_IFINDEX] ?: tb[VFPOOL_MEMBER_A_IFNAME];

		dev = vfpool_nl_netdev(info, tb[VFPOOL_MEMBER_A_IFINDEX],
				       tb[VFPOOL_MEMBER_A_IFNAME], &err);
		if (err) {
			NL_SET_ERR_MSG_ATTR(extack, a, "member: no such netdev in init_net");
			goto out_rtnl;
		}
		if (dev == pf) {
			NL_SET_ERR_MSG_ATTR(extack, a, "member: a PF cannot be its own VF");
			err = -EINVAL;
			goto out_rtnl;
		}
		/* A real VF netdev: its PCI function tells PF and index. */
		if (!pf && dev->dev.parent && dev_is_pci(dev->dev.parent) &&
		    to_pci_dev(dev->dev.parent)->is_virtfn) {
			pdev = pci_dev_get(to_pci_dev(dev->dev.parent));
			pf = vfpool_pci_netdev(pci_physfn(pdev));
			vf = pci_iov_vf_id(pdev);
		}
	}

	mutex_lock(&vfpool_lock);
	pool = vfpool_nl_pool(extack, tb[VFPOOL_MEMBER_A_POOL_NAME]);
	err = pool ? vfpool_member_add(pool, dev, pdev, pf, vf, extack) : -ENOENT;
	/* A pool's IRQ policy places a member as it joins (see irq.c). */
	if (!err && pdev && pool->irq.policy != VFPOOL_IRQ_POLICY_NONE)
		place = pci_dev_get(pdev);
	mutex_unlock(&vfpool_lock);
out_rtnl:
	rtnl_unlock();
	if (place)
		vfpool_irq_place_by_pool(place);
	pci_dev_put(pdev);
	return err;
}

int vfpool_nl_member_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_member *m;
	int err;

	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VFPOOL_A_MEMBER], tb,
			      VFPOOL_MEMBER_A_POOL_NAME))
		return -EINVAL;
	if (!!tb[VFPOOL_MEMBER_A_IFINDEX] + !!tb[VFPOOL_MEMBER_A_IFNAME] +
	    !!tb[VFPOOL_MEMBER_A_PCI] != 1) {
		NL_SET_ERR_MSG(info->extack, "member: give one of ifindex, ifname, pci");
		return -EINVAL;
	}

	rtnl_lock();
	mutex_lock(&vfpool_lock);
	m = vfpool_nl_member(tb[VFPOOL_MEMBER_A_PCI], tb[VFPOOL_MEMBER_A_IFNAME],
			     tb[VFPOOL_MEMBER_A_IFINDEX]);
	if (!m || strcmp(m->pool->name, nla_data(tb[VFPOOL_MEMBER_A_POOL_NAME]))) {
		NL_SET_ERR_MSG(info->extack, "member: not in this pool");
		err = -ENOENT;
	} else {
		err = vfpool_member_del(m, info->extack);
	}
	mutex_unlock(&vfpool_lock);
	rtnl_unlock();
	return err;
}

int vfpool_nl_member_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long id = cb->args[0];
	struct vfpool_member_info *info;
	struct vfpool_member *m;
	const char *pool;
	void *hdr;
	int err;

	err = vfpool_nl_dump_pool_filter(cb, VFPOOL_MEMBER_A_POOL_NAME, &pool);
	if (err)
		return err;

	info = kmalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	mutex_lock(&vfpool_lock);
	xa_for_each_start(&vfpool_members, id, m, id) {
		if (pool && strcmp(m->pool->name, pool))
			continue;
		hdr = vfpool_nl_dump_start_msg(skb, cb, VFPOOL_CMD_MEMBER_GET);
		if (!hdr)
			break;
		vfpool_member_info_get(m, info);
		if (vfpool_nl_put_member(skb, VFPOOL_A_MEMBER, info)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = id + 1;
	}
	mutex_unlock(&vfpool_lock);
	kfree(info);
	return skb->len;
}
