// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Requests: structs to attributes, and one function per command. Each
 * command sends only the attributes it takes (the kernel validates
 * strictly), so a struct that came from a reply can be passed back.
 */
#include <errno.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "internal.h"
#include "spec-gen.h"

#define B(attr)	VFPOOL_BIT(attr)

static struct nlattr *nest_start(struct nl_msg *msg, int type)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	/* The kernel's strict validation wants the flag. */
	if (nest)
		nest->nla_type |= NLA_F_NESTED;
	return nest;
}

#define WANT(obj, attr)	((obj)->present & attrs & B(attr))
#define PUT_STR(obj, attr, field) \
	do { if (WANT(obj, attr) && nla_put_string(msg, attr, (obj)->field)) \
		goto full; } while (0)
/* The put function of the attribute's type in the spec (spec-gen.h). */
#define PUT_INT(obj, attr, field) \
	do { if (WANT(obj, attr) && \
		 VFPOOL_SPEC_PUT_##attr(msg, attr, (obj)->field)) \
		goto full; } while (0)

static int put_vf(struct nl_msg *msg, int type,
		  const struct vfpool_vf_config *vf)
{
	uint64_t attrs = ~UINT64_C(0);
	struct nlattr *nest = nest_start(msg, type);

	if (!nest)
		goto full;
	if (WANT(vf, VFPOOL_VF_A_MAC) &&
	    nla_put(msg, VFPOOL_VF_A_MAC, sizeof(vf->mac), vf->mac))
		goto full;
	PUT_INT(vf, VFPOOL_VF_A_VLAN, vlan);
	PUT_INT(vf, VFPOOL_VF_A_VLAN_QOS, vlan_qos);
	PUT_INT(vf, VFPOOL_VF_A_VLAN_PROTO, vlan_proto);
	PUT_INT(vf, VFPOOL_VF_A_SPOOFCHK, spoofchk);
	PUT_INT(vf, VFPOOL_VF_A_TRUST, trust);
	PUT_INT(vf, VFPOOL_VF_A_LINK_STATE, link_state);
	PUT_INT(vf, VFPOOL_VF_A_MIN_TX_RATE, min_tx_rate);
	PUT_INT(vf, VFPOOL_VF_A_MAX_TX_RATE, max_tx_rate);
	PUT_INT(vf, VFPOOL_VF_A_MTU, mtu);
	nla_nest_end(msg, nest);
	return 0;
full:
	return -EMSGSIZE;
}

int vfp_put_pool(struct nl_msg *msg, const struct vfpool_pool *p,
		 uint64_t attrs)
{
	struct nlattr *nest = nest_start(msg, VFPOOL_A_POOL);

	if (!nest)
		goto full;
	PUT_STR(p, VFPOOL_POOL_A_NAME, name);
	PUT_INT(p, VFPOOL_POOL_A_PF_IFINDEX, pf_ifindex);
	PUT_STR(p, VFPOOL_POOL_A_PF_IFNAME, pf_ifname);
	PUT_STR(p, VFPOOL_POOL_A_PF_PCI, pf_pci);
	PUT_INT(p, VFPOOL_POOL_A_FLAGS, flags);
	PUT_INT(p, VFPOOL_POOL_A_IRQ_POLICY, irq_policy);
	PUT_STR(p, VFPOOL_POOL_A_IRQ_CPUS, irq_cpus);
	PUT_STR(p, VFPOOL_POOL_A_IRQ_BANNED_CPUS, irq_banned_cpus);
	nla_nest_end(msg, nest);
	return 0;
full:
	return -EMSGSIZE;
}

int vfp_put_member(struct nl_msg *msg, const struct vfpool_member *m,
		   uint64_t attrs)
{
	struct nlattr *nest = nest_start(msg, VFPOOL_A_MEMBER);

	if (!nest)
		goto full;
	PUT_STR(m, VFPOOL_MEMBER_A_POOL_NAME, pool_name);
	PUT_INT(m, VFPOOL_MEMBER_A_IFINDEX, ifindex);
	PUT_STR(m, VFPOOL_MEMBER_A_IFNAME, ifname);
	PUT_STR(m, VFPOOL_MEMBER_A_PCI, pci);
	PUT_INT(m, VFPOOL_MEMBER_A_PF_IFINDEX, pf_ifindex);
	PUT_STR(m, VFPOOL_MEMBER_A_PF_IFNAME, pf_ifname);
	PUT_INT(m, VFPOOL_MEMBER_A_VF_INDEX, vf_index);
	nla_nest_end(msg, nest);
	return 0;
full:
	return -EMSGSIZE;
}

int vfp_put_lease(struct nl_msg *msg, const struct vfpool_lease *l,
		  uint64_t attrs)
{
	struct nlattr *nest = nest_start(msg, VFPOOL_A_LEASE);
	size_t i;

	if (!nest)
		goto full;
	/* u64 without a pad attribute: the kernel reads it unaligned. */
	PUT_INT(l, VFPOOL_LEASE_A_ID, id);
	PUT_STR(l, VFPOOL_LEASE_A_POOL_NAME, pool_name);
	PUT_STR(l, VFPOOL_LEASE_A_MEMBER_PCI, member_pci);
	PUT_INT(l, VFPOOL_LEASE_A_MEMBER_IFINDEX, member_ifindex);
	PUT_STR(l, VFPOOL_LEASE_A_MEMBER_IFNAME, member_ifname);
	PUT_STR(l, VFPOOL_LEASE_A_OWNER_ID, owner_id);
	PUT_STR(l, VFPOOL_LEASE_A_IFNAME, ifname);
	PUT_INT(l, VFPOOL_LEASE_A_NETNS_FD, netns_fd);
	PUT_INT(l, VFPOOL_LEASE_A_NETNS_PID, netns_pid);
	PUT_INT(l, VFPOOL_LEASE_A_NETNS_COOKIE, netns_cookie);
	if (WANT(l, VFPOOL_LEASE_A_VF_CONFIG) &&
	    put_vf(msg, VFPOOL_LEASE_A_VF_CONFIG, &l->vf_config))
		goto full;
	PUT_INT(l, VFPOOL_LEASE_A_NUMA_NODE, numa_node);
	PUT_INT(l, VFPOOL_LEASE_A_COUNT, count);
	PUT_INT(l, VFPOOL_LEASE_A_FLAGS, flags);
	PUT_STR(l, VFPOOL_LEASE_A_NETWORK, network);
	for (i = 0; WANT(l, VFPOOL_LEASE_A_LINK) && i < l->n_links; i++)
		if (nla_put_string(msg, VFPOOL_LEASE_A_LINK, l->links[i]))
			goto full;
	nla_nest_end(msg, nest);
	return 0;
full:
	return -EMSGSIZE;
}

int vfp_put_irq(struct nl_msg *msg, const struct vfpool_irq *irq,
		uint64_t attrs)
{
	struct nlattr *nest = nest_start(msg, VFPOOL_A_IRQ);

	if (!nest)
		goto full;
	PUT_STR(irq, VFPOOL_IRQ_A_POOL_NAME, pool_name);
	PUT_STR(irq, VFPOOL_IRQ_A_MEMBER_PCI, member_pci);
	PUT_INT(irq, VFPOOL_IRQ_A_MEMBER_IFINDEX, member_ifindex);
	PUT_STR(irq, VFPOOL_IRQ_A_MEMBER_IFNAME, member_ifname);
	PUT_INT(irq, VFPOOL_IRQ_A_POLICY, policy);
	PUT_STR(irq, VFPOOL_IRQ_A_CPUS, cpus);
	PUT_STR(irq, VFPOOL_IRQ_A_BANNED_CPUS, banned_cpus);
	nla_nest_end(msg, nest);
	return 0;
full:
	return -EMSGSIZE;
}

int vfp_put_bond(struct nl_msg *msg, const struct vfpool_bond *b,
		 uint64_t attrs)
{
	struct nlattr *nest = nest_start(msg, VFPOOL_A_BOND);
	size_t i;

	if (!nest)
		goto full;
	PUT_STR(b, VFPOOL_BOND_A_OWNER_ID, owner_id);
	PUT_STR(b, VFPOOL_BOND_A_IFNAME, ifname);
	PUT_INT(b, VFPOOL_BOND_A_IFINDEX, ifindex);
	if (b->n_links > VFPOOL_BOND_LINKS_MAX ||
	    b->n_lease_ids > VFPOOL_BOND_LINKS_MAX - b->n_links)
		return -E2BIG;
	for (i = 0; i < b->n_links; i++)
		if (nla_put_string(msg, VFPOOL_BOND_A_LINK, b->links[i]))
			goto full;
	for (i = 0; i < b->n_lease_ids; i++)
		if (VFPOOL_SPEC_PUT_VFPOOL_BOND_A_LEASE_ID(msg, VFPOOL_BOND_A_LEASE_ID,
							  b->lease_ids[i]))
			goto full;
	nla_nest_end(msg, nest);
	return 0;
full:
	return -EMSGSIZE;
}

/* Reply walking: every object nest of one type in a message. */
struct walk {
	int type;
	union {
		vfpool_pool_cb pool;
		vfpool_member_cb member;
		vfpool_lease_cb lease;
		vfpool_irq_cb irq;
	} cb;
	void *arg;
};

static int walk(struct vfpool *vp, struct nlmsghdr *nlh, void *arg)
{
	struct walk *w = arg;
	union {
		struct vfpool_pool pool;
		struct vfpool_member member;
		struct vfpool_lease lease;
		struct vfpool_irq irq;
	} obj;
	struct nlattr *attr, *head;
	int len, rem, err;

	(void)vp;
	head = vfp_attrs(nlh, &len);
	nla_for_each_attr(attr, head, len, rem) {
		if (nla_type(attr) != w->type)
			continue;
		switch (w->type) {
		case VFPOOL_A_POOL:
			err = vfp_parse_pool(attr, &obj.pool);
			if (!err && w->cb.pool)
				err = w->cb.pool(&obj.pool, w->arg);
			break;
		case VFPOOL_A_MEMBER:
			err = vfp_parse_member(attr, &obj.member);
			if (!err && w->cb.member)
				err = w->cb.member(&obj.member, w->arg);
			break;
		case VFPOOL_A_IRQ:
			err = vfp_parse_irq(attr, &obj.irq);
			if (!err && w->cb.irq)
				err = w->cb.irq(&obj.irq, w->arg);
			vfp_irq_free(&obj.irq);
			break;
		default:
			err = vfp_parse_lease(attr, &obj.lease);
			if (!err && w->cb.lease)
				err = w->cb.lease(&obj.lease, w->arg);
			break;
		}
		if (err)
			return err;
	}
	return 0;
}

/* Build a request with one object nest; NULL (and *err) on failure. */
#define REQUEST(vp, cmd, kind, put, obj, attrs, errp) ({		\
	struct nl_msg *__msg = vfp_msg(vp, cmd, kind);			\
	*(errp) = __msg ? put(__msg, obj, attrs) : -ENOMEM;		\
	if (__msg && *(errp)) {						\
		nlmsg_free(__msg);					\
		__msg = NULL;						\
	}								\
	__msg;								\
})

int vfpool_pool_new(struct vfpool *vp, const struct vfpool_pool *pool)
{
	uint64_t attrs = VFPOOL_SPEC_POOL_NEW_INPUT;
	struct nl_msg *msg;
	int err;

	msg = REQUEST(vp, VFPOOL_CMD_POOL_NEW, VFP_ACK, vfp_put_pool, pool,
		      attrs, &err);
	return msg ? vfp_do(vp, msg, NULL, NULL) : err;
}

int vfpool_pool_del(struct vfpool *vp, const char *name, uint32_t flags)
{
	struct vfpool_pool pool = { 0 };
	struct nl_msg *msg;
	int err;

	err = vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, name);
	if (err)
		return err;
	if (flags)
		vfpool_set(&pool, VFPOOL_POOL_A_FLAGS, flags, flags);
	msg = REQUEST(vp, VFPOOL_CMD_POOL_DEL, VFP_ACK, vfp_put_pool, &pool,
		      pool.present, &err);
	return msg ? vfp_do(vp, msg, NULL, NULL) : err;
}

static int copy_pool(const struct vfpool_pool *pool, void *arg)
{
	memcpy(arg, pool, sizeof(*pool));
	return 0;
}

int vfpool_pool_get(struct vfpool *vp, const char *name,
		    struct vfpool_pool *out)
{
	struct walk w = { VFPOOL_A_POOL, { .pool = copy_pool }, out };
	struct vfpool_pool pool = { 0 };
	struct nl_msg *msg;
	int err;

	err = vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, name);
	if (err)
		return err;
	msg = REQUEST(vp, VFPOOL_CMD_POOL_GET, VFP_REPLY, vfp_put_pool, &pool,
		      pool.present, &err);
	if (!msg)
		return err;
	memset(out, 0, sizeof(*out));
	err = vfp_do(vp, msg, walk, &w);
	if (!err && !out->present)
		err = -ENOENT;
	return err;
}

int vfpool_pool_dump(struct vfpool *vp, vfpool_pool_cb cb, void *arg)
{
	struct walk w = { VFPOOL_A_POOL, { .pool = cb }, arg };
	struct nl_msg *msg = vfp_msg(vp, VFPOOL_CMD_POOL_GET, VFP_DUMP);

	return msg ? vfp_dump(vp, msg, walk, &w) : -ENOMEM;
}

int vfpool_member_add(struct vfpool *vp, const struct vfpool_member *member)
{
	uint64_t attrs = VFPOOL_SPEC_MEMBER_ADD_INPUT;
	struct nl_msg *msg;
	int err;

	msg = REQUEST(vp, VFPOOL_CMD_MEMBER_ADD, VFP_ACK, vfp_put_member, member,
		      attrs, &err);
	return msg ? vfp_do(vp, msg, NULL, NULL) : err;
}

int vfpool_member_del(struct vfpool *vp, const struct vfpool_member *member)
{
	uint64_t attrs = VFPOOL_SPEC_MEMBER_DEL_INPUT;
	struct nl_msg *msg;
	int err;

	msg = REQUEST(vp, VFPOOL_CMD_MEMBER_DEL, VFP_ACK, vfp_put_member, member,
		      attrs, &err);
	return msg ? vfp_do(vp, msg, NULL, NULL) : err;
}

int vfpool_member_dump(struct vfpool *vp, const char *pool_name,
		       vfpool_member_cb cb, void *arg)
{
	struct walk w = { VFPOOL_A_MEMBER, { .member = cb }, arg };
	struct vfpool_member filter = { 0 };
	struct nl_msg *msg;
	int err;

	if (pool_name) {
		err = vfpool_set_str(&filter, VFPOOL_MEMBER_A_POOL_NAME,
				     pool_name, pool_name);
		if (err)
			return err;
		msg = REQUEST(vp, VFPOOL_CMD_MEMBER_GET, VFP_DUMP, vfp_put_member,
			      &filter, filter.present, &err);
	} else {
		msg = vfp_msg(vp, VFPOOL_CMD_MEMBER_GET, VFP_DUMP);
		err = -ENOMEM;
	}
	return msg ? vfp_dump(vp, msg, walk, &w) : err;
}

int vfp_lease_new_once(struct vfpool *vp, const struct vfpool_lease *req,
		       vfpool_lease_cb cb, void *arg)
{
	struct walk w = { VFPOOL_A_LEASE, { .lease = cb }, arg };
	/* wait-ms is in the input only to be refused: the client waits. */
	uint64_t attrs = VFPOOL_SPEC_LEASE_NEW_INPUT & ~B(VFPOOL_LEASE_A_WAIT_MS);
	struct nl_msg *msg;
	int err;

	msg = REQUEST(vp, VFPOOL_CMD_LEASE_NEW, VFP_REPLY, vfp_put_lease, req,
		      attrs, &err);
	return msg ? vfp_do(vp, msg, walk, &w) : err;
}

int vfpool_lease_del(struct vfpool *vp, const struct vfpool_lease *req,
		     vfpool_lease_cb cb, void *arg)
{
	struct walk w = { VFPOOL_A_LEASE, { .lease = cb }, arg };
	uint64_t attrs = VFPOOL_SPEC_LEASE_DEL_INPUT;
	struct nl_msg *msg;
	int err;

	msg = REQUEST(vp, VFPOOL_CMD_LEASE_DEL, VFP_REPLY, vfp_put_lease, req,
		      attrs, &err);
	return msg ? vfp_do(vp, msg, walk, &w) : err;
}

static int bond_request(struct vfpool *vp, uint8_t cmd,
			const struct vfpool_bond *req, vfpool_lease_cb cb,
			void *arg)
{
	struct walk w = { VFPOOL_A_LEASE, { .lease = cb }, arg };
	uint64_t attrs = B(VFPOOL_BOND_A_OWNER_ID) | B(VFPOOL_BOND_A_IFNAME) |
			 B(VFPOOL_BOND_A_IFINDEX);
	struct nl_msg *msg;
	int err;

	msg = REQUEST(vp, cmd, VFP_REPLY, vfp_put_bond, req, attrs, &err);
	return msg ? vfp_do(vp, msg, walk, &w) : err;
}

int vfpool_bond_enslave(struct vfpool *vp, const struct vfpool_bond *req,
			vfpool_lease_cb cb, void *arg)
{
	return bond_request(vp, VFPOOL_CMD_BOND_ENSLAVE, req, cb, arg);
}

int vfpool_bond_release(struct vfpool *vp, const struct vfpool_bond *req,
			vfpool_lease_cb cb, void *arg)
{
	return bond_request(vp, VFPOOL_CMD_BOND_RELEASE, req, cb, arg);
}

static int copy_lease(const struct vfpool_lease *lease, void *arg)
{
	memcpy(arg, lease, sizeof(*lease));
	return 0;
}

int vfpool_lease_get(struct vfpool *vp, uint64_t id,
		     struct vfpool_lease *out)
{
	struct walk w = { VFPOOL_A_LEASE, { .lease = copy_lease }, out };
	struct vfpool_lease req = { 0 };
	struct nl_msg *msg;
	int err;

	vfpool_set(&req, VFPOOL_LEASE_A_ID, id, id);
	msg = REQUEST(vp, VFPOOL_CMD_LEASE_GET, VFP_REPLY, vfp_put_lease, &req,
		      req.present, &err);
	if (!msg)
		return err;
	memset(out, 0, sizeof(*out));
	err = vfp_do(vp, msg, walk, &w);
	if (!err && !out->present)
		err = -ENOENT;
	return err;
}

int vfpool_lease_dump(struct vfpool *vp, const struct vfpool_lease *filter,
		      vfpool_lease_cb cb, void *arg)
{
	struct walk w = { VFPOOL_A_LEASE, { .lease = cb }, arg };
	uint64_t attrs = B(VFPOOL_LEASE_A_POOL_NAME) |
			 B(VFPOOL_LEASE_A_OWNER_ID) |
			 B(VFPOOL_LEASE_A_NETNS_COOKIE) |
			 B(VFPOOL_LEASE_A_NETWORK);
	struct nl_msg *msg;
	int err;

	if (filter && (filter->present & attrs))
		msg = REQUEST(vp, VFPOOL_CMD_LEASE_GET, VFP_DUMP, vfp_put_lease,
			      filter, attrs, &err);
	else
		msg = vfp_msg(vp, VFPOOL_CMD_LEASE_GET, VFP_DUMP), err = -ENOMEM;
	return msg ? vfp_dump(vp, msg, walk, &w) : err;
}

#define IRQ_TARGET (B(VFPOOL_IRQ_A_POOL_NAME) | B(VFPOOL_IRQ_A_MEMBER_PCI) | \
		    B(VFPOOL_IRQ_A_MEMBER_IFINDEX) | \
		    B(VFPOOL_IRQ_A_MEMBER_IFNAME))

int vfpool_irq_set(struct vfpool *vp, const struct vfpool_irq *req,
		   vfpool_irq_cb cb, void *arg)
{
	struct walk w = { VFPOOL_A_IRQ, { .irq = cb }, arg };
	uint64_t attrs = VFPOOL_SPEC_IRQ_SET_INPUT;
	struct nl_msg *msg;
	int err;

	msg = REQUEST(vp, VFPOOL_CMD_IRQ_SET, VFP_REPLY, vfp_put_irq, req, attrs,
		      &err);
	return msg ? vfp_do(vp, msg, walk, &w) : err;
}

int vfpool_irq_get(struct vfpool *vp, const struct vfpool_irq *req,
		   vfpool_irq_cb cb, void *arg)
{
	struct walk w = { VFPOOL_A_IRQ, { .irq = cb }, arg };
	struct nl_msg *msg;
	int err;

	msg = REQUEST(vp, VFPOOL_CMD_IRQ_GET, VFP_REPLY, vfp_put_irq, req,
		      IRQ_TARGET, &err);
	return msg ? vfp_do(vp, msg, walk, &w) : err;
}

int vfpool_irq_dump(struct vfpool *vp, const char *pool_name,
		    vfpool_irq_cb cb, void *arg)
{
	struct walk w = { VFPOOL_A_IRQ, { .irq = cb }, arg };
	struct vfpool_irq filter = { 0 };
	struct nl_msg *msg;
	int err;

	if (pool_name) {
		err = vfpool_set_str(&filter, VFPOOL_IRQ_A_POOL_NAME,
				     pool_name, pool_name);
		if (err)
			return err;
		msg = REQUEST(vp, VFPOOL_CMD_IRQ_GET, VFP_DUMP, vfp_put_irq,
			      &filter, filter.present, &err);
	} else {
		msg = vfp_msg(vp, VFPOOL_CMD_IRQ_GET, VFP_DUMP);
		err = -ENOMEM;
	}
	return msg ? vfp_dump(vp, msg, walk, &w) : err;
}
