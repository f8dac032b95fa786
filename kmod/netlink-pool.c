// SPDX-License-Identifier: GPL-2.0
/* POOL_NEW, POOL_DEL, POOL_GET, and the pool nest of replies and events. */
#include <linux/pci.h>
#include <linux/rtnetlink.h>

#include "netlink.h"

static size_t vfpool_nl_cpulist_size(const struct cpumask *mask)
{
	return nla_total_size(snprintf(NULL, 0, "%*pbl", cpumask_pr_args(mask)) + 1);
}

/* Exactly what vfpool_nl_put_pool() writes for @pool. Under vfpool_lock. */
size_t vfpool_nl_pool_size(const struct vfpool_pool *pool)
{
	size_t size = nla_total_size(0) + vfpool_nl_str_size(pool->name) +
		      5 * nla_total_size(sizeof(u32));	/* counts, IRQ_POLICY */

	if (pool->pf_ifname[0])
		size += nla_total_size(sizeof(u32)) + vfpool_nl_str_size(pool->pf_ifname);
	if (pool->pf_pci[0])
		size += vfpool_nl_str_size(pool->pf_pci);
	if (pool->irq.cpus)
		size += vfpool_nl_cpulist_size(pool->irq.cpus);
	if (pool->irq.banned)
		size += vfpool_nl_cpulist_size(pool->irq.banned);
	return size;
}

/* The pool nest, read from @pool itself. Under vfpool_lock. */
int vfpool_nl_put_pool(struct sk_buff *skb, const struct vfpool_pool *pool)
{
	struct nlattr *nest;

	lockdep_assert_held(&vfpool_lock);
	nest = nla_nest_start(skb, VFPOOL_A_POOL);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPOOL_POOL_A_NAME, pool->name) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_TOTAL, pool->total) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_FREE, pool->nfree) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_LEASED, pool->nleased) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_GONE, pool->ngone) ||
	    (pool->pf_ifname[0] &&
	     (nla_put_u32(skb, VFPOOL_POOL_A_PF_IFINDEX, pool->pf_ifindex) ||
	      nla_put_string(skb, VFPOOL_POOL_A_PF_IFNAME, pool->pf_ifname))) ||
	    (pool->pf_pci[0] && nla_put_string(skb, VFPOOL_POOL_A_PF_PCI, pool->pf_pci)) ||
	    nla_put_u32(skb, VFPOOL_POOL_A_IRQ_POLICY, pool->irq.policy) ||
	    (pool->irq.cpus &&
	     vfpool_nl_put_cpulist(skb, VFPOOL_POOL_A_IRQ_CPUS, pool->irq.cpus)) ||
	    (pool->irq.banned &&
	     vfpool_nl_put_cpulist(skb, VFPOOL_POOL_A_IRQ_BANNED_CPUS, pool->irq.banned))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int vfpool_nl_pool_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_irq_pdevs place = {};
	struct vfpool_irq_setting irq;
	struct pci_dev *pdev = NULL;
	struct net_device *pf;
	const char *name;
	int err;

	name = vfpool_nl_name(info, VFPOOL_A_POOL, tb, VFPOOL_POOL_A_NAME,
			      VFPOOL_POOL_NAME_MAX, "pool name: empty or not a valid name");
	if (!name)
		return -EINVAL;
	if (!!tb[VFPOOL_POOL_A_PF_IFINDEX] + !!tb[VFPOOL_POOL_A_PF_IFNAME] +
	    !!tb[VFPOOL_POOL_A_PF_PCI] > 1) {
		NL_SET_ERR_MSG(info->extack, "pf: give one of pf-ifindex, pf-ifname, pf-pci");
		return -EINVAL;
	}
	err = vfpool_nl_parse_irq(info->attrs[VFPOOL_A_POOL], tb[VFPOOL_POOL_A_IRQ_POLICY],
				  VFPOOL_POOL_A_IRQ_CPUS, tb[VFPOOL_POOL_A_IRQ_CPUS],
				  tb[VFPOOL_POOL_A_IRQ_BANNED_CPUS], &irq, info->extack);
	if (err)
		return err;
	err = vfpool_irq_setting_check(&irq, info->extack);
	if (err)
		goto out_irq;
	if (tb[VFPOOL_POOL_A_PF_PCI]) {
		pdev = vfpool_pci_get(nla_data(tb[VFPOOL_POOL_A_PF_PCI]));
		if (!pdev) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[VFPOOL_POOL_A_PF_PCI],
					    "pf-pci: no such PCI device");
			err = -ENODEV;
			goto out_irq;
		}
	}

	rtnl_lock();
	pf = vfpool_nl_netdev(info, tb[VFPOOL_POOL_A_PF_IFINDEX],
			      tb[VFPOOL_POOL_A_PF_IFNAME], &err);
	if (!err) {
		mutex_lock(&vfpool_lock);
		err = vfpool_pool_new(name, pf, pdev, &irq, info->extack);
		/* The policy places its members' vectors now (see irq.c). */
		if (!err && vfpool_irq_pool_pdevs(vfpool_pool_find(name), &place))
			pr_warn_ratelimited("pool %s: IRQ policy not applied: %d\n",
					    name, -ENOMEM);
		mutex_unlock(&vfpool_lock);
	}
	rtnl_unlock();
	vfpool_irq_pool_place(&place);
	pci_dev_put(pdev);
out_irq:
	vfpool_irq_setting_free(&irq);
	return err;
}

int vfpool_nl_pool_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_pool *pool;
	u32 flags = 0;
	int err;

	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VFPOOL_A_POOL], tb,
			      VFPOOL_POOL_A_NAME))
		return -EINVAL;
	if (tb[VFPOOL_POOL_A_FLAGS])
		flags = nla_get_u32(tb[VFPOOL_POOL_A_FLAGS]);

	rtnl_lock();
	mutex_lock(&vfpool_lock);
	pool = vfpool_nl_pool(info->extack, tb[VFPOOL_POOL_A_NAME]);
	err = pool ? vfpool_pool_del(pool, flags & VFPOOL_POOL_F_FORCE, info->extack) :
		     -ENOENT;
	mutex_unlock(&vfpool_lock);
	rtnl_unlock();
	return err;
}

int vfpool_nl_pool_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_nl_reply reply;
	struct vfpool_pool *pool;
	int err;

	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VFPOOL_A_POOL], tb,
			      VFPOOL_POOL_A_NAME))
		return -EINVAL;
	mutex_lock(&vfpool_lock);
	pool = vfpool_nl_pool(info->extack, tb[VFPOOL_POOL_A_NAME]);
	err = pool ? vfpool_nl_reply_start(&reply, info, vfpool_nl_pool_size(pool)) :
		     -ENOENT;
	if (!err)
		WARN_ON_ONCE(vfpool_nl_put_pool(reply.skb, pool));
	mutex_unlock(&vfpool_lock);
	return err ?: vfpool_nl_reply_send(&reply);
}

int vfpool_nl_pool_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vfpool_pool *pool;
	long i = 0;
	void *hdr;

	mutex_lock(&vfpool_lock);
	cb->seq = vfpool_gen;
	list_for_each_entry(pool, &vfpool_pools, list) {
		if (i++ < cb->args[0])
			continue;
		hdr = vfpool_nl_dump_start_msg(skb, cb, VFPOOL_CMD_POOL_GET);
		if (!hdr)
			break;
		if (vfpool_nl_put_pool(skb, pool)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	mutex_unlock(&vfpool_lock);
	return skb->len;
}
