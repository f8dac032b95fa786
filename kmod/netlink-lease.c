// SPDX-License-Identifier: GPL-2.0
/*
 * LEASE_NEW, LEASE_DEL, LEASE_GET: requests parsed into what lease.c
 * takes, replies sized and filled from the copies it reports.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>

#include "netlink.h"
#include "policy.h"

/* ---- what a lease message holds ---- */

static size_t vfpool_nl_vf_config_size(const struct vfpool_vf_config *cfg)
{
	if (!cfg->set)
		return 0;
	return nla_total_size(0) +
	       (VFPOOL_VF_HAS(cfg, MAC) ? nla_total_size(ETH_ALEN) : 0) +
	       (VFPOOL_VF_HAS(cfg, VLAN) ? nla_total_size(sizeof(u16)) : 0) +
	       (VFPOOL_VF_HAS(cfg, VLAN_QOS) ? nla_total_size(sizeof(u8)) : 0) +
	       (VFPOOL_VF_HAS(cfg, VLAN_PROTO) ? nla_total_size(sizeof(u16)) : 0) +
	       (VFPOOL_VF_HAS(cfg, SPOOFCHK) ? nla_total_size(sizeof(u8)) : 0) +
	       (VFPOOL_VF_HAS(cfg, TRUST) ? nla_total_size(sizeof(u8)) : 0) +
	       (VFPOOL_VF_HAS(cfg, LINK_STATE) ? nla_total_size(sizeof(u32)) : 0) +
	       (VFPOOL_VF_HAS(cfg, MIN_TX_RATE) ? nla_total_size(sizeof(u32)) : 0) +
	       (VFPOOL_VF_HAS(cfg, MAX_TX_RATE) ? nla_total_size(sizeof(u32)) : 0) +
	       (VFPOOL_VF_HAS(cfg, MTU) ? nla_total_size(sizeof(u32)) : 0);
}

static int vfpool_nl_put_vf_config(struct sk_buff *skb, int type,
				   const struct vfpool_vf_config *cfg)
{
	struct nlattr *nest;

	if (!cfg->set)
		return 0;
	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if ((VFPOOL_VF_HAS(cfg, MAC) &&
	     nla_put(skb, VFPOOL_VF_A_MAC, ETH_ALEN, cfg->mac)) ||
	    (VFPOOL_VF_HAS(cfg, VLAN) && nla_put_u16(skb, VFPOOL_VF_A_VLAN, cfg->vlan)) ||
	    (VFPOOL_VF_HAS(cfg, VLAN_QOS) &&
	     nla_put_u8(skb, VFPOOL_VF_A_VLAN_QOS, cfg->qos)) ||
	    (VFPOOL_VF_HAS(cfg, VLAN_PROTO) &&
	     nla_put_u16(skb, VFPOOL_VF_A_VLAN_PROTO, cfg->vlan_proto)) ||
	    (VFPOOL_VF_HAS(cfg, SPOOFCHK) &&
	     nla_put_u8(skb, VFPOOL_VF_A_SPOOFCHK, cfg->spoofchk)) ||
	    (VFPOOL_VF_HAS(cfg, TRUST) && nla_put_u8(skb, VFPOOL_VF_A_TRUST, cfg->trust)) ||
	    (VFPOOL_VF_HAS(cfg, LINK_STATE) &&
	     nla_put_u32(skb, VFPOOL_VF_A_LINK_STATE, cfg->link_state)) ||
	    (VFPOOL_VF_HAS(cfg, MIN_TX_RATE) &&
	     nla_put_u32(skb, VFPOOL_VF_A_MIN_TX_RATE, cfg->min_tx_rate)) ||
	    (VFPOOL_VF_HAS(cfg, MAX_TX_RATE) &&
	     nla_put_u32(skb, VFPOOL_VF_A_MAX_TX_RATE, cfg->max_tx_rate)) ||
	    (VFPOOL_VF_HAS(cfg, MTU) && nla_put_u32(skb, VFPOOL_VF_A_MTU, cfg->mtu))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Exactly what vfpool_nl_put_lease() writes for @l. */
size_t vfpool_nl_lease_size(const struct vfpool_lease_info *l)
{
	size_t size = nla_total_size(0) +
		      nla_total_size_64bit(sizeof(u64)) +	/* ID */
		      vfpool_nl_str_size(l->member.pool) +
		      vfpool_nl_str_size(l->owner) +
		      vfpool_nl_member_size(&l->member) +
		      vfpool_nl_vf_config_size(&l->applied) +
		      vfpool_nl_vf_config_size(&l->saved);

	if (l->ifname[0])
		size += vfpool_nl_str_size(l->ifname);
	if (l->network[0])
		size += vfpool_nl_str_size(l->network);
	if (l->net_cookie)
		size += nla_total_size_64bit(sizeof(u64));
	if (l->ifindex)
		size += nla_total_size(sizeof(u32));
	if (l->bond_ifindex)
		size += nla_total_size(sizeof(u32)) +
			vfpool_nl_str_size(l->bond_name) +
			(l->bond_external ? nla_total_size(0) : 0);
	return size;
}

int vfpool_nl_put_lease(struct sk_buff *skb, const struct vfpool_lease_info *l)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, VFPOOL_A_LEASE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VFPOOL_LEASE_A_ID, l->id, VFPOOL_LEASE_A_PAD) ||
	    nla_put_string(skb, VFPOOL_LEASE_A_POOL_NAME, l->member.pool) ||
	    nla_put_string(skb, VFPOOL_LEASE_A_OWNER_ID, l->owner) ||
	    (l->ifname[0] && nla_put_string(skb, VFPOOL_LEASE_A_IFNAME, l->ifname)) ||
	    (l->network[0] && nla_put_string(skb, VFPOOL_LEASE_A_NETWORK, l->network)) ||
	    (l->net_cookie &&
	     nla_put_u64_64bit(skb, VFPOOL_LEASE_A_NETNS_COOKIE, l->net_cookie,
			       VFPOOL_LEASE_A_PAD)) ||
	    (l->ifindex && nla_put_u32(skb, VFPOOL_LEASE_A_IFINDEX, l->ifindex)) ||
	    vfpool_nl_put_member(skb, VFPOOL_LEASE_A_MEMBER, &l->member) ||
	    vfpool_nl_put_vf_config(skb, VFPOOL_LEASE_A_VF_CONFIG, &l->applied) ||
	    vfpool_nl_put_vf_config(skb, VFPOOL_LEASE_A_SAVED_CONFIG, &l->saved) ||
	    (l->bond_ifindex &&
	     (nla_put_u32(skb, VFPOOL_LEASE_A_BOND_IFINDEX, l->bond_ifindex) ||
	      nla_put_string(skb, VFPOOL_LEASE_A_BOND_IFNAME, l->bond_name) ||
	      (l->bond_external &&
	       nla_put_flag(skb, VFPOOL_LEASE_A_BOND_EXTERNAL))))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* ---- replies listing leases ---- */

static int vfpool_nl_lease_ready(struct vfpool_lease_report *report)
{
	struct vfpool_nl_lease_reply *lr =
		container_of(report, struct vfpool_nl_lease_reply, report);
	size_t size = 0;
	u32 i;

	for (i = 0; i < report->n; i++)
		size += vfpool_nl_lease_size(&report->infos[i]);
	return vfpool_nl_reply_start(&lr->reply, lr->reply.info, size);
}

void vfpool_nl_lease_reply_init(struct vfpool_nl_lease_reply *lr,
				struct genl_info *info)
{
	memset(lr, 0, sizeof(*lr));
	lr->report.ready = vfpool_nl_lease_ready;
	lr->reply.info = info;
}

/* Fill the reply from the report, which sized it. */
void vfpool_nl_lease_reply_fill(struct vfpool_nl_lease_reply *lr)
{
	u32 i;

	for (i = 0; i < lr->report.n; i++)
		WARN_ON_ONCE(vfpool_nl_put_lease(lr->reply.skb, &lr->report.infos[i]));
	vfpool_lease_report_free(&lr->report);
}

/* ---- LEASE_NEW ---- */

static int vfpool_nl_parse_vf_config(struct nlattr *nest, struct vfpool_vf_config *cfg,
				     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VFPOOL_VF_A_MAX + 1];
	int err, i;

	memset(cfg, 0, sizeof(*cfg));
	if (!nest)
		return 0;
	err = nla_parse_nested(tb, VFPOOL_VF_A_MAX, nest, vfpool_vf_config_nl_policy,
			       extack);
	if (err)
		return err;
	for (i = 1; i <= VFPOOL_VF_A_MAX; i++)
		if (tb[i])
			cfg->set |= BIT(i);
	if (tb[VFPOOL_VF_A_MAC])
		ether_addr_copy(cfg->mac, nla_data(tb[VFPOOL_VF_A_MAC]));
	if (tb[VFPOOL_VF_A_VLAN])
		cfg->vlan = nla_get_u16(tb[VFPOOL_VF_A_VLAN]);
	if (tb[VFPOOL_VF_A_VLAN_QOS])
		cfg->qos = nla_get_u8(tb[VFPOOL_VF_A_VLAN_QOS]);
	cfg->vlan_proto = ETH_P_8021Q;
	if (tb[VFPOOL_VF_A_VLAN_PROTO])
		cfg->vlan_proto = nla_get_u16(tb[VFPOOL_VF_A_VLAN_PROTO]);
	if (tb[VFPOOL_VF_A_SPOOFCHK])
		cfg->spoofchk = nla_get_u8(tb[VFPOOL_VF_A_SPOOFCHK]);
	if (tb[VFPOOL_VF_A_TRUST])
		cfg->trust = nla_get_u8(tb[VFPOOL_VF_A_TRUST]);
	if (tb[VFPOOL_VF_A_LINK_STATE])
		cfg->link_state = nla_get_u32(tb[VFPOOL_VF_A_LINK_STATE]);
	if (tb[VFPOOL_VF_A_MIN_TX_RATE])
		cfg->min_tx_rate = nla_get_u32(tb[VFPOOL_VF_A_MIN_TX_RATE]);
	if (tb[VFPOOL_VF_A_MAX_TX_RATE])
		cfg->max_tx_rate = nla_get_u32(tb[VFPOOL_VF_A_MAX_TX_RATE]);
	if (tb[VFPOOL_VF_A_MTU])
		cfg->mtu = nla_get_u32(tb[VFPOOL_VF_A_MTU]);
	return vfpool_vf_config_check(cfg, extack);
}

/* The target netns of a LEASE_NEW, counted; NULL when none is given. */
static struct net *vfpool_nl_lease_net(struct nlattr **tb, struct netlink_ext_ack *extack)
{
	struct net *net;

	if (tb[VFPOOL_LEASE_A_NETNS_FD] && tb[VFPOOL_LEASE_A_NETNS_PID]) {
		NL_SET_ERR_MSG(extack, "netns: give one of netns-fd, netns-pid");
		return ERR_PTR(-EINVAL);
	}
	if (tb[VFPOOL_LEASE_A_NETNS_FD]) {
		net = get_net_ns_by_fd(nla_get_s32(tb[VFPOOL_LEASE_A_NETNS_FD]));
		if (IS_ERR(net))
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_NETNS_FD],
					    "netns-fd: not a network namespace");
		return net;
	}
	if (tb[VFPOOL_LEASE_A_NETNS_PID]) {
		net = get_net_ns_by_pid(nla_get_u32(tb[VFPOOL_LEASE_A_NETNS_PID]));
		if (IS_ERR(net))
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_NETNS_PID],
					    "netns-pid: no such process");
		return net;
	}
	return NULL;
}

/*
 * The links of a LEASE_NEW into req->links (allocated; the caller frees
 * it) and req->count: one lease per link, named as it, all different.
 */
static int vfpool_nl_lease_links(struct nlattr *nest, struct nlattr **tb,
				 struct vfpool_lease_req *req,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *attr;
	char name[IFNAMSIZ];
	int rem, n = 0, i;

	if (tb[VFPOOL_LEASE_A_IFNAME]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_IFNAME],
				    "ifname: not with links, which name each lease");
		return -EINVAL;
	}
	if (!tb[VFPOOL_LEASE_A_POOL_NAME]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_LINK],
				    "link: several leases need pool-name");
		return -EINVAL;
	}
	nla_for_each_nested(attr, nest, rem)
		n += nla_type(attr) == VFPOOL_LEASE_A_LINK;
	if (n > VFPOOL_LEASE_COUNT_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_LINK],
				    "link: more links than VFPOOL_LEASE_COUNT_MAX");
		return -E2BIG;
	}
	if (tb[VFPOOL_LEASE_A_COUNT] && req->count != n) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_COUNT],
				    "count: not the number of links");
		return -EINVAL;
	}
	req->links = vfpool_kcalloc(n, sizeof(*req->links), GFP_KERNEL);
	if (!req->links)
		return -ENOMEM;
	n = 0;
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != VFPOOL_LEASE_A_LINK)
			continue;
		if (vfpool_ifname_expand(nla_data(attr), 1, 0, name)) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "link: not a valid interface name");
			return -EINVAL;
		}
		for (i = 0; i < n; i++) {
			if (!strcmp(req->links[i], nla_data(attr))) {
				NL_SET_ERR_MSG_ATTR(extack, attr, "link: named twice");
				return -EINVAL;
			}
		}
		req->links[n++] = nla_data(attr);
	}
	req->count = n;
	return 0;
}

/* A LEASE_NEW nest into @req; req->net is counted when set. */
static int vfpool_nl_lease_req(struct genl_info *info, struct nlattr **tb,
			       struct vfpool_lease_req *req)
{
	struct nlattr *nest = info->attrs[VFPOOL_A_LEASE];
	struct netlink_ext_ack *extack = info->extack;
	char name[IFNAMSIZ];
	int err;

	/*
	 * The kernel never waits in a request: the client does (UAPI). A
	 * generated policy cannot reject with a message, so this does.
	 */
	if (tb[VFPOOL_LEASE_A_WAIT_MS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_WAIT_MS],
				    "wait-ms: the kernel never waits; wait in user space");
		return -EINVAL;
	}
	req->owner = vfpool_nl_name(info, VFPOOL_A_LEASE, tb, VFPOOL_LEASE_A_OWNER_ID,
				    VFPOOL_OWNER_ID_MAX,
				    "owner-id: empty or has spaces or '/'");
	if (!req->owner)
		return -EINVAL;
	if (!!tb[VFPOOL_LEASE_A_POOL_NAME] + !!tb[VFPOOL_LEASE_A_MEMBER_PCI] +
	    !!tb[VFPOOL_LEASE_A_MEMBER_IFINDEX] + !!tb[VFPOOL_LEASE_A_MEMBER_IFNAME] != 1) {
		NL_SET_ERR_MSG(extack, "lease: give one of pool-name, member-*");
		return -EINVAL;
	}
	req->pool = tb[VFPOOL_LEASE_A_POOL_NAME] ? nla_data(tb[VFPOOL_LEASE_A_POOL_NAME]) : NULL;
	req->member_pci = tb[VFPOOL_LEASE_A_MEMBER_PCI] ?
			  nla_data(tb[VFPOOL_LEASE_A_MEMBER_PCI]) : NULL;
	req->member_ifname = tb[VFPOOL_LEASE_A_MEMBER_IFNAME] ?
			     nla_data(tb[VFPOOL_LEASE_A_MEMBER_IFNAME]) : NULL;
	if (tb[VFPOOL_LEASE_A_MEMBER_IFINDEX])
		req->member_ifindex = nla_get_u32(tb[VFPOOL_LEASE_A_MEMBER_IFINDEX]);
	if (tb[VFPOOL_LEASE_A_NETWORK]) {
		req->network = vfpool_nl_name(info, VFPOOL_A_LEASE, tb,
					      VFPOOL_LEASE_A_NETWORK,
					      VFPOOL_NETWORK_MAX,
					      "network: empty, or has spaces, '/' or ':'");
		if (!req->network)
			return -EINVAL;
	}
	req->count = tb[VFPOOL_LEASE_A_COUNT] ? nla_get_u32(tb[VFPOOL_LEASE_A_COUNT]) : 1;
	req->flags = tb[VFPOOL_LEASE_A_FLAGS] ? nla_get_u32(tb[VFPOOL_LEASE_A_FLAGS]) : 0;
	req->numa_node = tb[VFPOOL_LEASE_A_NUMA_NODE] ?
			 nla_get_u32(tb[VFPOOL_LEASE_A_NUMA_NODE]) : NUMA_NO_NODE;
	if (tb[VFPOOL_LEASE_A_LINK]) {
		err = vfpool_nl_lease_links(nest, tb, req, extack);
		if (err)
			return err;
	}
	if ((req->flags & VFPOOL_LEASE_F_DISTINCT_PF) &&
	    (req->flags & VFPOOL_LEASE_F_SPREAD_PF)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_FLAGS],
				    "flags: distinct-pf or spread-pf, not both");
		return -EINVAL;
	}
	if ((req->flags & VFPOOL_LEASE_F_DISTINCT_PF) && req->count < 2) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_FLAGS],
				    "flags: distinct-pf needs a count of 2 or more");
		return -EINVAL;
	}
	if ((req->flags & VFPOOL_LEASE_F_SPREAD_PF) && req->count < 2) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_FLAGS],
				    "flags: spread-pf needs a count of 2 or more");
		return -EINVAL;
	}
	if (req->links) {
		/* Named one by one. */
	} else if (tb[VFPOOL_LEASE_A_IFNAME]) {
		req->ifname = nla_data(tb[VFPOOL_LEASE_A_IFNAME]);
		/* The longest expansion is the last one. */
		err = vfpool_ifname_expand(req->ifname, req->count, req->count - 1, name);
		if (err && req->count > 1) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_IFNAME],
					    "ifname: with a count it needs one %d, and must stay under 16 bytes");
			return -EINVAL;
		}
		if (err) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_LEASE_A_IFNAME],
					    "ifname: not a valid interface name");
			return -EINVAL;
		}
	} else if (req->count > 1) {
		NL_SET_ERR_ATTR_MISS(extack, nest, VFPOOL_LEASE_A_IFNAME);
		NL_SET_ERR_MSG(extack, "ifname: needed with a count");
		return -EINVAL;
	}
	err = vfpool_nl_parse_vf_config(tb[VFPOOL_LEASE_A_VF_CONFIG], &req->config, extack);
	if (err)
		return err;
	req->net = vfpool_nl_lease_net(tb, extack);
	if (IS_ERR(req->net)) {
		err = PTR_ERR(req->net);
		req->net = NULL;
		return err;
	}
	if (req->net && !req->ifname && !req->links) {
		NL_SET_ERR_ATTR_MISS(extack, nest, VFPOOL_LEASE_A_IFNAME);
		NL_SET_ERR_MSG(extack, "ifname: needed with a netns");
		return -EINVAL;
	}
	return 0;
}

/* The IRQ nests of the new leases, after their lease nests. */
static int vfpool_nl_lease_irqs(struct vfpool_nl_reply *reply,
				struct vfpool_irq_info **irqs, u32 n)
{
	size_t size = 0;
	int err;
	u32 i;

	for (i = 0; i < n; i++)
		size += vfpool_nl_irq_size(irqs[i]);
	err = vfpool_nl_reply_grow(reply, size);
	if (err)
		return err;
	for (i = 0; i < n; i++)
		WARN_ON_ONCE(vfpool_nl_put_irq(reply->skb, irqs[i]));
	return 0;
}

int vfpool_nl_lease_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_irq_info **irqs = NULL;
	struct vfpool_lease_req req = {};
	struct vfpool_nl_lease_reply lr;
	u32 i, nirqs = 0;
	int err;

	err = vfpool_nl_lease_req(info, tb, &req);
	if (err)
		goto out_net;

	req.irq_pdevs = vfpool_kcalloc(req.count, sizeof(*req.irq_pdevs), GFP_KERNEL);
	irqs = vfpool_kcalloc(req.count, sizeof(*irqs), GFP_KERNEL);
	if (!req.irq_pdevs || !irqs) {
		err = -ENOMEM;
		goto out_free;
	}
	vfpool_nl_lease_reply_init(&lr, info);
	err = vfpool_lease_new(&req, &lr.report, info->extack);
	if (!err)
		vfpool_nl_lease_reply_fill(&lr);
	/*
	 * New leases take their pool's IRQ policy, with no lock held. A
	 * reply that cannot hold their IRQ nests (-ENOMEM) fails the
	 * request: the leases stay, and asking again returns them.
	 */
	err = vfpool_irq_lease_apply(&req, err ? NULL : irqs, &nirqs) ?: err;
	err = err ?: vfpool_nl_lease_irqs(&lr.reply, irqs, nirqs);
	if (err)
		vfpool_nl_reply_free(&lr.reply);
	else
		err = vfpool_nl_reply_send(&lr.reply);
	for (i = 0; i < nirqs; i++)
		vfpool_irq_info_free(irqs[i]);
out_free:
	kfree(irqs);
	kfree(req.irq_pdevs);
out_net:
	if (req.net)
		put_net(req.net);
	kfree(req.links);
	return err;
}

/* ---- LEASE_DEL ---- */

int vfpool_nl_lease_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_lease_match match = {};
	struct vfpool_nl_lease_reply lr;
	int err;

	if (!tb[VFPOOL_LEASE_A_ID] && !tb[VFPOOL_LEASE_A_OWNER_ID]) {
		NL_SET_ERR_MSG(info->extack, "lease: give id or owner-id");
		return -EINVAL;
	}
	if (tb[VFPOOL_LEASE_A_IFNAME] && !tb[VFPOOL_LEASE_A_OWNER_ID]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VFPOOL_LEASE_A_IFNAME],
				    "ifname: only with owner-id");
		return -EINVAL;
	}
	if (tb[VFPOOL_LEASE_A_ID])
		match.id = nla_get_u64(tb[VFPOOL_LEASE_A_ID]);
	if (tb[VFPOOL_LEASE_A_OWNER_ID])
		match.owner = nla_data(tb[VFPOOL_LEASE_A_OWNER_ID]);
	if (tb[VFPOOL_LEASE_A_IFNAME])
		match.ifname = nla_data(tb[VFPOOL_LEASE_A_IFNAME]);

	vfpool_nl_lease_reply_init(&lr, info);
	err = vfpool_lease_del(&match, &lr.report, info->extack);
	if (err)
		return err;
	vfpool_nl_lease_reply_fill(&lr);
	return vfpool_nl_reply_send(&lr.reply);
}

/* ---- LEASE_GET ---- */

int vfpool_nl_lease_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_nl_reply reply;
	struct vfpool_lease_info *l;
	struct vfpool_lease *lease;
	int err;

	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[VFPOOL_A_LEASE], tb,
			      VFPOOL_LEASE_A_ID))
		return -EINVAL;
	l = kmalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	mutex_lock(&vfpool_lock);
	lease = xa_load(&vfpool_leases, nla_get_u64(tb[VFPOOL_LEASE_A_ID]));
	if (lease)
		vfpool_lease_info_get(lease, l);
	mutex_unlock(&vfpool_lock);
	if (!lease) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VFPOOL_LEASE_A_ID], "id: no such lease");
		err = -ENOENT;
		goto out;
	}
	err = vfpool_nl_reply_start(&reply, info, vfpool_nl_lease_size(l));
	if (err)
		goto out;
	WARN_ON_ONCE(vfpool_nl_put_lease(reply.skb, l));
	err = vfpool_nl_reply_send(&reply);
out:
	kfree(l);
	return err;
}

int vfpool_nl_lease_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *tb[VFPOOL_NL_TB_SIZE];
	struct vfpool_lease_match match = {};
	unsigned long id = cb->args[0];
	struct vfpool_lease_info *l;
	struct vfpool_lease *lease;
	bool filter;
	void *hdr;
	int err;

	err = vfpool_nl_dump_nest(cb, tb);
	if (err)
		return err;
	if (tb[VFPOOL_LEASE_A_POOL_NAME])
		match.pool = nla_data(tb[VFPOOL_LEASE_A_POOL_NAME]);
	if (tb[VFPOOL_LEASE_A_OWNER_ID])
		match.owner = nla_data(tb[VFPOOL_LEASE_A_OWNER_ID]);
	if (tb[VFPOOL_LEASE_A_NETNS_COOKIE])
		match.net_cookie = nla_get_u64(tb[VFPOOL_LEASE_A_NETNS_COOKIE]);
	if (tb[VFPOOL_LEASE_A_NETWORK])
		match.network = nla_data(tb[VFPOOL_LEASE_A_NETWORK]);
	filter = match.pool || match.owner || match.net_cookie || match.network;

	l = kmalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	mutex_lock(&vfpool_lock);
	xa_for_each_start(&vfpool_leases, id, lease, id) {
		if (filter && !vfpool_lease_matches(lease, &match))
			continue;
		hdr = vfpool_nl_dump_start_msg(skb, cb, VFPOOL_CMD_LEASE_GET);
		if (!hdr)
			break;
		vfpool_lease_info_get(lease, l);
		if (vfpool_nl_put_lease(skb, l)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = id + 1;
	}
	mutex_unlock(&vfpool_lock);
	kfree(l);
	return skb->len;
}
