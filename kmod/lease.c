// SPDX-License-Identifier: GPL-2.0
/*
 * Leases: the transaction that hands members to an owner, and the one
 * that takes them back.
 *
 * Locking (see vfpool.h): RTNL -> vfpool_lock. A transaction that moves
 * a netdev or configures a VF holds RTNL from its pick to its end and
 * drops vfpool_lock around the netdev work, with its members BUSY. One
 * that does neither runs under vfpool_lock alone. Ending a lease is
 * split the same way: vfpool_lease_unlink() under vfpool_lock takes it
 * out of every table (so nobody else can find it again), the undo runs
 * under RTNL alone, and vfpool_leases_end() finishes under vfpool_lock.
 */
#include <linux/jhash.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/stringhash.h>

#include "compat.h"
#include "policy.h"
#include "vfpool.h"

DEFINE_XARRAY(vfpool_leases);
static DEFINE_HASHTABLE(vfpool_by_owner, 10);
static u64 vfpool_next_lease_id;

/* VF fields that only the PF can set. */
#define VFPOOL_VF_PF_FIELDS						\
	(BIT(VFPOOL_VF_A_VLAN) | BIT(VFPOOL_VF_A_VLAN_QOS) |		\
	 BIT(VFPOOL_VF_A_VLAN_PROTO) | BIT(VFPOOL_VF_A_SPOOFCHK) |	\
	 BIT(VFPOOL_VF_A_TRUST) | BIT(VFPOOL_VF_A_LINK_STATE) |		\
	 BIT(VFPOOL_VF_A_MIN_TX_RATE) | BIT(VFPOOL_VF_A_MAX_TX_RATE))

static void vfpool_lease_kfree(struct vfpool_lease *lease)
{
	if (lease->net_pinned)
		put_net(lease->net);
	vfpool_obj_free(VFPOOL_OBJ_LEASE);
	kfree(lease);
}

static u32 vfpool_owner_hash(const char *owner)
{
	return full_name_hash(NULL, owner, strlen(owner));
}

static bool vfpool_lease_needs_rtnl(const struct vfpool_lease *lease)
{
	return lease->done;
}

/* Would leasing @m for @req need RTNL (netdev move or VF config)? */
static bool vfpool_req_needs_rtnl(const struct vfpool_lease_req *req,
				  const struct vfpool_member *m)
{
	if (m->dev && req->net)
		return true;
	return m->pf && (req->config.set & ~BIT(VFPOOL_VF_A_MTU));
}

struct vfpool_lease *vfpool_lease_by_owner(const char *owner,
					   const char *ifname)
{
	struct vfpool_lease *lease;

	hash_for_each_possible(vfpool_by_owner, lease, owner_node,
			       vfpool_owner_hash(owner))
		if (!strcmp(lease->owner, owner) && !strcmp(lease->ifname, ifname))
			return lease;
	return NULL;
}

/* Up to @max leases of @owner into @out; returns how many. */
int vfpool_leases_of_owner(const char *owner, struct vfpool_lease **out,
			   int max)
{
	struct vfpool_lease *lease;
	int n = 0;

	lockdep_assert_held(&vfpool_lock);
	hash_for_each_possible(vfpool_by_owner, lease, owner_node,
			       vfpool_owner_hash(owner))
		if (n < max && !strcmp(lease->owner, owner))
			out[n++] = lease;
	return n;
}

bool vfpool_lease_matches(const struct vfpool_lease *lease,
			  const struct vfpool_lease_match *match)
{
	const struct vfpool_lease_view view = {
		.id = lease->id,
		.owner = lease->owner,
		.ifname = lease->ifname,
		.pool = lease->member->pool->name,
		.net_cookie = lease->net_cookie,
		.network = lease->network,
	};

	return vfpool_match(&view, match);
}

/* Take @lease out of every table; vfpool_leases_end() ends it. */
void vfpool_lease_unlink(struct vfpool_lease *lease,
			 struct list_head *ending)
{
	lockdep_assert_held(&vfpool_lock);
	xa_erase(&vfpool_leases, lease->id);
	hash_del(&lease->owner_node);
	list_del_init(&lease->net_node);
	/* Off the netns' list, its pre_exit no longer waits for us. */
	if (lease->net && !lease->net_pinned) {
		lease->net = maybe_get_net(lease->net);
		lease->net_pinned = !!lease->net;
	}
	vfpool_member_set_state(lease->member, VFPOOL_MEMBER_BUSY);
	list_add_tail(&lease->net_node, ending);
}

/* Put @lease into every table: it exists from now on. */
static void vfpool_lease_link(struct vfpool_lease *lease)
{
	struct vfpool_member *m = lease->member;

	lockdep_assert_held(&vfpool_lock);
	list_del_init(&lease->net_node);
	hash_add(vfpool_by_owner, &lease->owner_node,
		 vfpool_owner_hash(lease->owner));
	if (lease->net && !net_eq(lease->net, &init_net))
		list_add_tail(&lease->net_node, vfpool_net_leases(lease->net));
	m->lease = lease;
	vfpool_member_set_state(m, VFPOOL_MEMBER_LEASED);
	/* A lease holds the module: unloading would yank VFs from pods. */
	__module_get(THIS_MODULE);
	vfpool_notify_lease(lease, VFPOOL_EVENT_LEASE_GRANTED,
			    VFPOOL_REASON_REQUEST);
}

/*
 * Apply @req to @lease's member: save the VF config, set the requested
 * one, set MAC and MTU on the netdev, move it into the owner netns under
 * its name. Each step is recorded in lease->done before it is tried, so
 * vfpool_lease_undo() reverts exactly what may have changed.
 */
static int vfpool_lease_apply(struct vfpool_lease *lease,
			      const struct vfpool_lease_req *req,
			      struct netlink_ext_ack *extack)
{
	struct vfpool_member *m = lease->member;
	const struct vfpool_vf_config *want = &req->config;
	struct net_device *dev = m->dev;
	int err;

	ASSERT_RTNL();
	if (m->pf && m->vf != VFPOOL_NO_VF) {
		err = vfpool_vf_config_get(m->pf, m->vf, &lease->saved);
		if (err && (want->set & ~BIT(VFPOOL_VF_A_MTU))) {
			NL_SET_ERR_MSG_MOD(extack, "vf-config: PF cannot report the VF config");
			return err;
		}
		if (!err)
			__set_bit(VFPOOL_DONE_VF_SAVED, &lease->done);
	}
	if (want->set & VFPOOL_VF_PF_FIELDS || (VFPOOL_VF_HAS(want, MAC) && m->pf)) {
		struct vfpool_vf_config eff = *want;

		if (!m->pf || m->vf == VFPOOL_NO_VF) {
			NL_SET_ERR_MSG_MOD(extack, "vf-config: member has no PF");
			return -EOPNOTSUPP;
		}
		/* Setting one rate keeps the other. */
		if (!VFPOOL_VF_HAS(want, MIN_TX_RATE))
			eff.min_tx_rate = lease->saved.min_tx_rate;
		if (!VFPOOL_VF_HAS(want, MAX_TX_RATE))
			eff.max_tx_rate = lease->saved.max_tx_rate;
		eff.set &= ~BIT(VFPOOL_VF_A_MTU);
		__set_bit(VFPOOL_DONE_VF_SET, &lease->done);
		err = vfpool_fault(extack) ?:
		      vfpool_vf_config_set(m->pf, m->vf, &eff, extack);
		if (err)
			return err;
	}
	lease->applied = *want;

	if (!dev) {
		if (VFPOOL_VF_HAS(want, MTU)) {
			NL_SET_ERR_MSG_MOD(extack, "vf-config mtu: member has no netdev");
			return -EOPNOTSUPP;
		}
		return 0;
	}
	if (m->vanished || dev->reg_state != NETREG_REGISTERED) {
		NL_SET_ERR_MSG_MOD(extack, "member netdev vanished");
		return -ENODEV;
	}
	lease->saved_mtu = dev->mtu;
	ether_addr_copy(lease->saved_mac, dev->dev_addr);
	if (VFPOOL_VF_HAS(want, MAC)) {
		struct sockaddr sa = { .sa_family = dev->type };

		ether_addr_copy(sa.sa_data, want->mac);
		__set_bit(VFPOOL_DONE_MAC_SET, &lease->done);
		err = vfpool_fault(extack) ?: dev_set_mac_address(dev, &sa, extack);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "vf-config mac: member netdev refused it");
			return err;
		}
	}
	if (VFPOOL_VF_HAS(want, MTU)) {
		__set_bit(VFPOOL_DONE_MTU_SET, &lease->done);
		err = vfpool_fault(extack) ?: dev_set_mtu(dev, want->mtu);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "vf-config mtu: member netdev refused it");
			return err;
		}
	}
	if (req->net) {
		err = vfpool_fault(extack) ?:
		      vfpool_netns_move(dev, req->net, lease->ifname, extack);
		if (err)
			return err;
		__set_bit(VFPOOL_DONE_MOVED, &lease->done);
	}
	return 0;
}

/*
 * Revert what vfpool_lease_apply() did, in reverse: netdev back to
 * init_net under its original name, MTU, MAC, VF config. Best effort:
 * a step that fails is logged and the rest still runs. Parts whose
 * device is going away are skipped.
 */
static void vfpool_lease_undo(struct vfpool_lease *lease)
{
	struct vfpool_member *m = lease->member;
	struct net_device *dev = m->dev;
	int err;

	if (!lease->done)
		return;
	ASSERT_RTNL();
	if (dev && dev->reg_state == NETREG_REGISTERED) {
		if (test_bit(VFPOOL_DONE_MOVED, &lease->done)) {
			vfpool_bond_leave(dev);
			err = vfpool_netns_move(dev, &init_net, m->ifname, NULL);
			/* Someone took its name meanwhile: any free one. */
			if (err == -EEXIST)
				err = vfpool_netns_move(dev, &init_net, "vf%d", NULL);
			if (err)
				pr_warn("lease %llu: cannot move %s back to init_net: %d\n",
					lease->id, dev->name, err);
			else if (strcmp(dev->name, m->ifname))
				strscpy(m->ifname, dev->name, sizeof(m->ifname));
			m->ifindex = dev->ifindex;
		}
		if (test_bit(VFPOOL_DONE_MTU_SET, &lease->done) &&
		    dev_set_mtu(dev, lease->saved_mtu))
			pr_warn("lease %llu: cannot restore the MTU of %s\n",
				lease->id, dev->name);
		if (test_bit(VFPOOL_DONE_MAC_SET, &lease->done)) {
			struct sockaddr sa = { .sa_family = dev->type };

			ether_addr_copy(sa.sa_data, lease->saved_mac);
			if (dev_set_mac_address(dev, &sa, NULL))
				pr_warn("lease %llu: cannot restore the MAC of %s\n",
					lease->id, dev->name);
		}
	}
	if (test_bit(VFPOOL_DONE_VF_SET, &lease->done) &&
	    test_bit(VFPOOL_DONE_VF_SAVED, &lease->done) &&
	    m->pf && m->pf->reg_state == NETREG_REGISTERED &&
	    vfpool_vf_config_set(m->pf, m->vf, &lease->saved, NULL))
		pr_warn("lease %llu: cannot restore VF %d of %s\n",
			lease->id, m->vf, m->pf->name);
	lease->done = 0;
}

/* A member that lost what identifies it is gone, else free again. */
static void vfpool_member_settle(struct vfpool_member *m)
{
	bool gone = m->vanished;

	m->vanished = false;
	m->lease = NULL;
	vfpool_member_set_state(m, gone ? VFPOOL_MEMBER_GONE : VFPOOL_MEMBER_FREE);
	if (gone)
		vfpool_notify_member(m, VFPOOL_EVENT_MEMBER_GONE);
}

/*
 * End the unlinked leases on @ending. Caller holds RTNL when any of them
 * needs it, and not vfpool_lock.
 */
void vfpool_leases_end(struct list_head *ending, enum vfpool_reason reason)
{
	enum vfpool_event ev = reason == VFPOOL_REASON_REQUEST ?
			       VFPOOL_EVENT_LEASE_RELEASED :
			       VFPOOL_EVENT_LEASE_RECLAIMED;
	struct vfpool_lease *lease, *tmp;

	list_for_each_entry(lease, ending, net_node)
		vfpool_lease_undo(lease);

	mutex_lock(&vfpool_lock);
	list_for_each_entry_safe(lease, tmp, ending, net_node) {
		list_del(&lease->net_node);
		vfpool_notify_lease(lease, ev, reason);
		vfpool_member_settle(lease->member);
		vfpool_lease_kfree(lease);
		module_put(THIS_MODULE);
	}
	mutex_unlock(&vfpool_lock);
}

/*
 * End @m's lease because @m vanished, without undoing anything: the VF
 * is gone, so is what was configured on it. Caller holds vfpool_lock.
 */
void vfpool_lease_end_member(struct vfpool_member *m, enum vfpool_reason reason)
{
	struct vfpool_lease *lease = m->lease;
	LIST_HEAD(ending);

	lockdep_assert_held(&vfpool_lock);
	vfpool_lease_unlink(lease, &ending);
	list_del(&lease->net_node);
	lease->done = 0;
	m->vanished = true;
	vfpool_notify_lease(lease, VFPOOL_EVENT_LEASE_RECLAIMED, reason);
	vfpool_member_settle(m);
	vfpool_lease_kfree(lease);
	module_put(THIS_MODULE);
}

/* Owner netns @net is being dismantled: end its leases (pernet pre_exit). */
void vfpool_leases_end_net(struct net *net)
{
	struct vfpool_lease *lease, *tmp;
	struct list_head *leases;
	LIST_HEAD(ending);

	rtnl_lock();
	mutex_lock(&vfpool_lock);
	leases = vfpool_net_leases(net);
	list_for_each_entry_safe(lease, tmp, leases, net_node)
		vfpool_lease_unlink(lease, &ending);
	mutex_unlock(&vfpool_lock);
	vfpool_leases_end(&ending, VFPOOL_REASON_NETNS_GONE);
	rtnl_unlock();
}

static bool vfpool_lease_owner_dying(const struct vfpool_lease *lease)
{
	return lease->net && !check_net(lease->net);
}

/* Result of one try at picking. */
struct vfpool_pick_result {
	struct vfpool_member *members[VFPOOL_LEASE_COUNT_MAX];
	struct vfpool_lease *leases[VFPOOL_LEASE_COUNT_MAX];
	struct list_head *picked[VFPOOL_LEASE_COUNT_MAX];	/* free_node */
	u32 n;
	struct vfpool_lease *reclaim;	/* a dead owner's lease to end first */
};

static int vfpool_member_busy(struct vfpool_member *m,
			      struct vfpool_pick_result *res,
			      struct netlink_ext_ack *extack)
{
	struct vfpool_lease *holder = m->lease;

	switch (m->state) {
	case VFPOOL_MEMBER_FREE:
		return 0;
	case VFPOOL_MEMBER_GONE:
		NL_SET_ERR_MSG_MOD(extack, "member is gone (its VF or netdev vanished)");
		return -ENODEV;
	case VFPOOL_MEMBER_BUSY:
		NL_SET_ERR_MSG_MOD(extack, "member has a lease transaction in flight");
		return -EBUSY;
	case VFPOOL_MEMBER_LEASED:
		break;
	}
	if (vfpool_lease_owner_dying(holder)) {
		res->reclaim = holder;
		return -EAGAIN;
	}
	vfpool_set_err_holder(extack, holder->owner, holder->id);
	return -EBUSY;
}

static int vfpool_pick_exact(const struct vfpool_lease_req *req,
			     struct vfpool_pick_result *res,
			     struct netlink_ext_ack *extack)
{
	struct vfpool_member *m = NULL;
	struct pci_dev *pdev;
	int err;

	if (req->count > 1) {
		NL_SET_ERR_MSG_MOD(extack, "count: more than one needs pool-name");
		return -EINVAL;
	}
	if (req->member_pci) {
		pdev = vfpool_pci_get(req->member_pci);
		if (pdev) {
			m = vfpool_member_by_pdev(pdev);
			pci_dev_put(pdev);
		}
	} else {
		m = vfpool_member_by_netdev(req->member_ifname,
					    req->member_ifindex);
	}
	if (!m) {
		NL_SET_ERR_MSG_MOD(extack, "member: no pool has it");
		return -ENOENT;
	}
	err = vfpool_member_busy(m, res, extack);
	if (err)
		return err;
	if (m->pool->dying) {
		NL_SET_ERR_MSG_MOD(extack, "member's pool is being deleted");
		return -ENOENT;
	}
	res->members[res->n++] = m;
	return 0;
}

static unsigned long vfpool_member_pf_key(const struct vfpool_member *m)
{
	if (m->pf)
		return (unsigned long)m->pf;
	if (m->pf_pci[0])
		return full_name_hash(NULL, m->pf_pci, strlen(m->pf_pci));
	return (unsigned long)m;	/* no PF: it is its own */
}

static unsigned long vfpool_free_pf_key(const struct list_head *node)
{
	return vfpool_member_pf_key(list_entry(node, struct vfpool_member,
					       free_node));
}

static int vfpool_free_numa_node(const struct list_head *node)
{
	return list_entry(node, struct vfpool_member, free_node)->numa_node;
}

/* A pool's free list, as vfpool_pick_from() reads it. */
static const struct vfpool_pick_ops vfpool_member_pick_ops = {
	.pf_key = vfpool_free_pf_key,
	.numa_node = vfpool_free_numa_node,
};

static int vfpool_pick_pool(const struct vfpool_lease_req *req,
			    struct vfpool_pick_result *res,
			    struct netlink_ext_ack *extack)
{
	struct vfpool_pool *pool = vfpool_pool_find(req->pool);
	struct vfpool_member *m;
	struct vfpool_pick pick;
	u32 i;

	if (!pool || pool->dying) {
		NL_SET_ERR_MSG_MOD(extack, "pool-name: no such pool");
		return -ENOENT;
	}
	vfpool_pick_init(&pick, req->count, req->numa_node,
			 req->flags & VFPOOL_LEASE_F_DISTINCT_PF ? VFPOOL_PICK_PF_DISTINCT :
			 req->flags & VFPOOL_LEASE_F_SPREAD_PF ? VFPOOL_PICK_PF_SPREAD :
			 VFPOOL_PICK_PF_ANY);
	/* Preferred NUMA node first, then any; the common case is O(1). */
	res->n = vfpool_pick_from(&pick, &pool->free, &vfpool_member_pick_ops,
				  res->picked);
	for (i = 0; i < res->n; i++)
		res->members[i] = list_entry(res->picked[i], struct vfpool_member,
					     free_node);
	if (vfpool_pick_done(&pick))
		return 0;
	res->n = 0;

	/* Short: a lease whose owner netns died can be taken back first. */
	list_for_each_entry(m, &pool->members, pool_node) {
		if (m->state == VFPOOL_MEMBER_LEASED &&
		    vfpool_lease_owner_dying(m->lease)) {
			res->reclaim = m->lease;
			return -EAGAIN;
		}
	}
	if (req->flags & VFPOOL_LEASE_F_DISTINCT_PF)
		NL_SET_ERR_MSG_MOD(extack, "pool-name: not enough free members on distinct PFs");
	else
		NL_SET_ERR_MSG_MOD(extack, "pool-name: not enough free members");
	return -ENOSPC;
}

/* The ifname of lease @i of @req: its link, its pattern expanded, or "". */
static void vfpool_req_ifname(const struct vfpool_lease_req *req, u32 i,
			      char name[IFNAMSIZ])
{
	if (req->links)
		strscpy(name, req->links[i], IFNAMSIZ);
	else if (req->ifname)
		vfpool_ifname_expand(req->ifname, req->count, i, name);
	else
		name[0] = '\0';
}

/* The leases @req's owner already has: all of them, none, or an error. */
static int vfpool_lease_existing(const struct vfpool_lease_req *req,
				 struct vfpool_lease **found,
				 struct netlink_ext_ack *extack)
{
	char name[IFNAMSIZ];
	u32 i, n = 0;

	for (i = 0; i < req->count; i++) {
		vfpool_req_ifname(req, i, name);
		found[i] = vfpool_lease_by_owner(req->owner, name);
		n += !!found[i];
	}
	if (n && n != req->count) {
		NL_SET_ERR_MSG_MOD(extack, "owner-id holds some of these ifnames already");
		return -EEXIST;
	}
	return n;
}

static struct vfpool_lease *vfpool_lease_alloc(const struct vfpool_lease_req *req,
					       struct vfpool_member *m, u32 index)
{
	struct vfpool_lease *lease;

	lease = vfpool_kzalloc(sizeof(*lease), GFP_KERNEL);
	if (lease)
		vfpool_obj_new(VFPOOL_OBJ_LEASE);
	if (!lease)
		return NULL;
	lease->member = m;
	INIT_LIST_HEAD(&lease->net_node);
	strscpy(lease->owner, req->owner, sizeof(lease->owner));
	if (req->network)
		strscpy(lease->network, req->network, sizeof(lease->network));
	vfpool_req_ifname(req, index, lease->ifname);
	lease->net = req->net;
	lease->net_cookie = req->net ? req->net->net_cookie : 0;
	/* Ids are never reused: a stale id can never name a new lease. */
	lease->id = vfpool_lease_id_next(&vfpool_next_lease_id);
	if (xa_insert(&vfpool_leases, lease->id, lease, GFP_KERNEL)) {
		vfpool_lease_kfree(lease);
		return NULL;
	}
	return lease;
}

static void vfpool_lease_abort(struct vfpool_lease *lease)
{
	struct vfpool_member *m = lease->member;

	xa_erase(&vfpool_leases, lease->id);
	vfpool_member_settle(m);
	vfpool_lease_kfree(lease);
}

/* What replies and events say of @lease, copied. Under vfpool_lock. */
void vfpool_lease_info_get(const struct vfpool_lease *lease,
			   struct vfpool_lease_info *info)
{
	const struct vfpool_member *m = lease->member;
	struct net_device *bond;

	lockdep_assert_held(&vfpool_lock);
	memset(info, 0, sizeof(*info));
	info->id = lease->id;
	strscpy(info->owner, lease->owner, sizeof(info->owner));
	strscpy(info->ifname, lease->ifname, sizeof(info->ifname));
	strscpy(info->network, lease->network, sizeof(info->network));
	info->net_cookie = lease->net_cookie;
	if (test_bit(VFPOOL_DONE_MOVED, &lease->done) && m->dev)
		info->ifindex = m->dev->ifindex;
	vfpool_member_info_get(m, &info->member);
	info->applied = lease->applied;
	if (test_bit(VFPOOL_DONE_VF_SAVED, &lease->done))
		info->saved = lease->saved;
	if (!lease->bond_ifindex)
		return;
	info->bond_ifindex = lease->bond_ifindex;
	info->bond_external = lease->bond_external;
	/* Its name now or, if it is gone (or the netns was dying), when joined. */
	strscpy(info->bond_name, lease->bond_name, sizeof(info->bond_name));
	if (lease->net) {
		rcu_read_lock();
		bond = dev_get_by_index_rcu(lease->net, lease->bond_ifindex);
		if (bond)
			strscpy(info->bond_name, bond->name, sizeof(info->bond_name));
		rcu_read_unlock();
	}
}

/*
 * Copy @n leases into @r and call its ready(). The caller can still undo
 * what it did when this fails; on success the caller owns r->infos
 * (vfpool_lease_report_free()).
 */
int vfpool_lease_report(struct vfpool_lease_report *r,
			struct vfpool_lease **leases, u32 n)
{
	int err;
	u32 i;

	lockdep_assert_held(&vfpool_lock);
	r->n = 0;
	r->infos = NULL;
	if (n) {
		r->infos = vfpool_should_fail() ? NULL :
			   kvcalloc(n, sizeof(*r->infos), GFP_KERNEL);
		if (!r->infos)
			return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		vfpool_lease_info_get(leases[i], &r->infos[i]);
	r->n = n;
	err = r->ready(r);
	if (err)
		vfpool_lease_report_free(r);
	return err;
}

void vfpool_lease_report_free(struct vfpool_lease_report *r)
{
	kvfree(r->infos);
	r->infos = NULL;
	r->n = 0;
}

/*
 * One try at @req. Returns -EAGAIN with *@need_rtnl set when it must be
 * tried again holding RTNL.
 */
static int vfpool_lease_try(struct vfpool_lease_req *req,
			    struct vfpool_lease_report *r, bool rtnl,
			    bool *need_rtnl, struct netlink_ext_ack *extack)
{
	struct vfpool_pick_result *res;
	struct vfpool_lease **leases;
	bool slow = false;
	u32 i, done;
	int err;

	res = vfpool_kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	leases = res->leases;

	mutex_lock(&vfpool_lock);
	err = vfpool_lease_existing(req, leases, extack);
	if (err > 0) {
		err = vfpool_lease_report(r, leases, req->count);
		goto out_unlock;
	}
	if (err < 0)
		goto out_unlock;

	err = req->pool ? vfpool_pick_pool(req, res, extack) :
			  vfpool_pick_exact(req, res, extack);
	if (err == -EAGAIN) {
		/* A dead owner's lease is in the way: end it, then retry. */
		struct vfpool_lease *stale = res->reclaim;
		LIST_HEAD(ending);

		if (vfpool_lease_needs_rtnl(stale) && !rtnl) {
			*need_rtnl = true;
			goto out_unlock;
		}
		vfpool_lease_unlink(stale, &ending);
		mutex_unlock(&vfpool_lock);
		vfpool_leases_end(&ending, VFPOOL_REASON_NETNS_GONE);
		err = -EAGAIN;
		goto out_free;
	}
	if (err)
		goto out_unlock;

	for (i = 0; i < res->n; i++)
		slow |= vfpool_req_needs_rtnl(req, res->members[i]);
	if (slow && !rtnl) {
		*need_rtnl = true;
		err = -EAGAIN;
		goto out_unlock;
	}

	for (i = 0; i < res->n; i++) {
		leases[i] = vfpool_lease_alloc(req, res->members[i], i);
		if (!leases[i]) {
			while (i--)
				vfpool_lease_abort(leases[i]);
			err = -ENOMEM;
			goto out_unlock;
		}
		vfpool_member_set_state(res->members[i], VFPOOL_MEMBER_BUSY);
	}

	if (slow) {
		mutex_unlock(&vfpool_lock);
		for (done = 0; done < res->n; done++) {
			err = vfpool_lease_apply(leases[done], req, extack);
			if (err)
				break;
		}
		if (err) {
			/* All or nothing: the failed one was partly applied. */
			for (i = min(done + 1, res->n); i--;)
				vfpool_lease_undo(leases[i]);
		}
		mutex_lock(&vfpool_lock);
		if (err) {
			for (i = 0; i < res->n; i++)
				vfpool_lease_abort(leases[i]);
			goto out_unlock;
		}
	} else {
		for (i = 0; i < res->n; i++)
			leases[i]->applied = req->config;
	}

	for (i = 0; i < res->n; i++)
		vfpool_lease_link(leases[i]);
	/* No reply to be had: the new leases end again, as if never made. */
	err = vfpool_lease_report(r, leases, res->n);
	if (err) {
		LIST_HEAD(ending);

		for (i = 0; i < res->n; i++)
			vfpool_lease_unlink(leases[i], &ending);
		mutex_unlock(&vfpool_lock);
		vfpool_leases_end(&ending, VFPOOL_REASON_REQUEST);
		goto out_free;
	}
	for (i = 0; i < res->n; i++) {
		struct vfpool_member *m = leases[i]->member;

		/* Placed by the caller, once no lock is held (see irq.c). */
		if (req->irq_pdevs && m->pdev &&
		    m->pool->irq.policy != VFPOOL_IRQ_POLICY_NONE)
			req->irq_pdevs[req->irq_npdevs++] = pci_dev_get(m->pdev);
	}

out_unlock:
	mutex_unlock(&vfpool_lock);
out_free:
	kfree(res);
	return err;
}

/*
 * LEASE_NEW: lease what @req asks for. On success @r holds one lease per
 * member.
 *
 * It never sleeps for a member another owner holds: it answers -EBUSY
 * (a member) or -ENOSPC (a pool) at once, and a client that wants to
 * wait does so in user space, subscribed to the events group, until a
 * lease of the pool ends (see the UAPI header). A doit runs under
 * genetlink's cb_lock held for reading; a doit that slept would let a
 * queued genl_register_family() stall every genetlink user of the host.
 * The retries below are bounded: one to take RTNL, one per dead owner's
 * lease reclaimed on the way.
 */
int vfpool_lease_new(struct vfpool_lease_req *req, struct vfpool_lease_report *r,
		     struct netlink_ext_ack *extack)
{
	bool rtnl = false, need_rtnl;
	int err;

	for (;;) {
		need_rtnl = false;
		if (rtnl)
			rtnl_lock();
		err = vfpool_lease_try(req, r, rtnl, &need_rtnl, extack);
		if (rtnl)
			rtnl_unlock();
		if (err != -EAGAIN)
			return err;
		rtnl |= need_rtnl;
	}
}

/* The leases @match names, at most @max into @out (NULL: none); how many. */
static u32 vfpool_lease_del_find(const struct vfpool_lease_match *match,
				 struct vfpool_lease **out, u32 max)
{
	struct vfpool_lease *lease;
	u32 n = 0;

	if (match->id && !match->owner) {
		lease = xa_load(&vfpool_leases, match->id);
		if (!lease || !vfpool_lease_matches(lease, match))
			return 0;
		if (out && max)
			out[0] = lease;
		return 1;
	}
	hash_for_each_possible(vfpool_by_owner, lease, owner_node,
			       vfpool_owner_hash(match->owner)) {
		if (!vfpool_lease_matches(lease, match))
			continue;
		if (out && n < max)
			out[n] = lease;
		n++;
	}
	return n;
}

/*
 * LEASE_DEL: end the leases @match names; @r reports each. A match that
 * names nothing succeeds and changes nothing. The report is made before
 * any lease ends: it lists every lease ended, or the request fails
 * having ended none.
 */
int vfpool_lease_del(const struct vfpool_lease_match *match,
		     struct vfpool_lease_report *r, struct netlink_ext_ack *extack)
{
	struct vfpool_lease **found = NULL;
	bool rtnl = false;
	LIST_HEAD(ending);
	u32 i, n;
	int err;

again:
	if (rtnl)
		rtnl_lock();
	mutex_lock(&vfpool_lock);
	n = vfpool_lease_del_find(match, NULL, 0);
	if (n) {
		found = vfpool_kcalloc(n, sizeof(*found), GFP_KERNEL);
		if (!found) {
			err = -ENOMEM;
			goto out_unlock;
		}
		vfpool_lease_del_find(match, found, n);
	}
	for (i = 0; i < n && !rtnl; i++) {
		if (vfpool_lease_needs_rtnl(found[i])) {
			/* Its undo moves or configures a netdev. */
			mutex_unlock(&vfpool_lock);
			kfree(found);
			found = NULL;
			rtnl = true;
			goto again;
		}
	}
	err = vfpool_lease_report(r, found, n);
	if (err)
		goto out_unlock;
	for (i = 0; i < n; i++)
		vfpool_lease_unlink(found[i], &ending);
	mutex_unlock(&vfpool_lock);
	vfpool_leases_end(&ending, VFPOOL_REASON_REQUEST);
	goto out;

out_unlock:
	mutex_unlock(&vfpool_lock);
out:
	if (rtnl)
		rtnl_unlock();
	kfree(found);
	return err;
}
