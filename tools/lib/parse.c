// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Replies and notifications to structs. Attributes past the highest type
 * this library knows are skipped (libnl's nla_parse does that), so a
 * newer kernel that adds attributes still works with older tools.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "internal.h"

/*
 * The type of each attribute comes from the YNL spec: spec-gen.h is
 * generated from it (tools/netlink-regen), as the kernel's policies are.
 */
#include "spec-gen.h"

static uint64_t present(struct nlattr **tb, int max)
{
	uint64_t bits = 0;
	int i;

	for (i = 1; i <= max && i < 64; i++)
		if (tb[i])
			bits |= VFPOOL_BIT(i);
	return bits;
}

/* A string that does not fit is an error: never a silently cut one. */
#define GET_STR(tb, attr, dst) \
	do { \
		if (tb[attr] && nla_strlcpy(dst, tb[attr], sizeof(dst)) >= \
				sizeof(dst)) \
			return -EMSGSIZE; \
	} while (0)
#define GET(tb, attr, dst, getter) \
	do { if (tb[attr]) (dst) = getter(tb[attr]); } while (0)

static int parse_vf(struct nlattr *nest, struct vfpool_vf_config *vf)
{
	struct nlattr *tb[VFPOOL_VF_A_MAX + 1];
	int err;

	memset(vf, 0, sizeof(*vf));
	err = nla_parse_nested(tb, VFPOOL_VF_A_MAX, nest,
			       vfpool_spec_vf_config_policy);
	if (err < 0)
		return vfp_nlerr(err);
	vf->present = present(tb, VFPOOL_VF_A_MAX);
	if (tb[VFPOOL_VF_A_MAC])
		memcpy(vf->mac, nla_data(tb[VFPOOL_VF_A_MAC]), 6);
	GET(tb, VFPOOL_VF_A_VLAN, vf->vlan, nla_get_u16);
	GET(tb, VFPOOL_VF_A_VLAN_QOS, vf->vlan_qos, nla_get_u8);
	GET(tb, VFPOOL_VF_A_VLAN_PROTO, vf->vlan_proto, nla_get_u16);
	GET(tb, VFPOOL_VF_A_SPOOFCHK, vf->spoofchk, nla_get_u8);
	GET(tb, VFPOOL_VF_A_TRUST, vf->trust, nla_get_u8);
	GET(tb, VFPOOL_VF_A_LINK_STATE, vf->link_state, nla_get_u32);
	GET(tb, VFPOOL_VF_A_MIN_TX_RATE, vf->min_tx_rate, nla_get_u32);
	GET(tb, VFPOOL_VF_A_MAX_TX_RATE, vf->max_tx_rate, nla_get_u32);
	GET(tb, VFPOOL_VF_A_MTU, vf->mtu, nla_get_u32);
	return 0;
}

int vfp_parse_pool(struct nlattr *nest, struct vfpool_pool *pool)
{
	struct nlattr *tb[VFPOOL_POOL_A_MAX + 1];
	int err;

	memset(pool, 0, sizeof(*pool));
	err = nla_parse_nested(tb, VFPOOL_POOL_A_MAX, nest,
			       vfpool_spec_pool_policy);
	if (err < 0)
		return vfp_nlerr(err);
	pool->present = present(tb, VFPOOL_POOL_A_MAX);
	GET_STR(tb, VFPOOL_POOL_A_NAME, pool->name);
	GET(tb, VFPOOL_POOL_A_PF_IFINDEX, pool->pf_ifindex, nla_get_u32);
	GET_STR(tb, VFPOOL_POOL_A_PF_IFNAME, pool->pf_ifname);
	GET_STR(tb, VFPOOL_POOL_A_PF_PCI, pool->pf_pci);
	GET(tb, VFPOOL_POOL_A_FLAGS, pool->flags, nla_get_u32);
	GET(tb, VFPOOL_POOL_A_TOTAL, pool->total, nla_get_u32);
	GET(tb, VFPOOL_POOL_A_FREE, pool->free, nla_get_u32);
	GET(tb, VFPOOL_POOL_A_LEASED, pool->leased, nla_get_u32);
	GET(tb, VFPOOL_POOL_A_GONE, pool->gone, nla_get_u32);
	GET(tb, VFPOOL_POOL_A_IRQ_POLICY, pool->irq_policy, nla_get_u32);
	GET_STR(tb, VFPOOL_POOL_A_IRQ_CPUS, pool->irq_cpus);
	GET_STR(tb, VFPOOL_POOL_A_IRQ_BANNED_CPUS, pool->irq_banned_cpus);
	return 0;
}

int vfp_parse_member(struct nlattr *nest, struct vfpool_member *m)
{
	struct nlattr *tb[VFPOOL_MEMBER_A_MAX + 1];
	int err;

	memset(m, 0, sizeof(*m));
	m->numa_node = -1;
	err = nla_parse_nested(tb, VFPOOL_MEMBER_A_MAX, nest,
			       vfpool_spec_member_policy);
	if (err < 0)
		return vfp_nlerr(err);
	m->present = present(tb, VFPOOL_MEMBER_A_MAX);
	GET_STR(tb, VFPOOL_MEMBER_A_POOL_NAME, m->pool_name);
	GET(tb, VFPOOL_MEMBER_A_IFINDEX, m->ifindex, nla_get_u32);
	GET_STR(tb, VFPOOL_MEMBER_A_IFNAME, m->ifname);
	GET_STR(tb, VFPOOL_MEMBER_A_PCI, m->pci);
	GET(tb, VFPOOL_MEMBER_A_PF_IFINDEX, m->pf_ifindex, nla_get_u32);
	GET_STR(tb, VFPOOL_MEMBER_A_PF_IFNAME, m->pf_ifname);
	GET_STR(tb, VFPOOL_MEMBER_A_PF_PCI, m->pf_pci);
	GET(tb, VFPOOL_MEMBER_A_VF_INDEX, m->vf_index, nla_get_u32);
	GET(tb, VFPOOL_MEMBER_A_NUMA_NODE, m->numa_node, nla_get_s32);
	GET_STR(tb, VFPOOL_MEMBER_A_DRIVER, m->driver);
	GET(tb, VFPOOL_MEMBER_A_STATE, m->state, nla_get_u32);
	GET(tb, VFPOOL_MEMBER_A_LEASE_ID, m->lease_id, nla_get_u64);
	GET_STR(tb, VFPOOL_MEMBER_A_OWNER_ID, m->owner_id);
	return 0;
}

int vfp_parse_lease(struct nlattr *nest, struct vfpool_lease *l)
{
	struct nlattr *tb[VFPOOL_LEASE_A_MAX + 1];
	int err;

	memset(l, 0, sizeof(*l));
	l->member.numa_node = -1;
	err = nla_parse_nested(tb, VFPOOL_LEASE_A_MAX, nest,
			       vfpool_spec_lease_policy);
	if (err < 0)
		return vfp_nlerr(err);
	l->present = present(tb, VFPOOL_LEASE_A_MAX);
	GET(tb, VFPOOL_LEASE_A_ID, l->id, nla_get_u64);
	GET_STR(tb, VFPOOL_LEASE_A_POOL_NAME, l->pool_name);
	GET_STR(tb, VFPOOL_LEASE_A_MEMBER_PCI, l->member_pci);
	GET(tb, VFPOOL_LEASE_A_MEMBER_IFINDEX, l->member_ifindex, nla_get_u32);
	GET_STR(tb, VFPOOL_LEASE_A_MEMBER_IFNAME, l->member_ifname);
	GET_STR(tb, VFPOOL_LEASE_A_OWNER_ID, l->owner_id);
	GET_STR(tb, VFPOOL_LEASE_A_IFNAME, l->ifname);
	GET(tb, VFPOOL_LEASE_A_NETNS_FD, l->netns_fd, nla_get_s32);
	GET(tb, VFPOOL_LEASE_A_NETNS_PID, l->netns_pid, nla_get_u32);
	GET(tb, VFPOOL_LEASE_A_NETNS_COOKIE, l->netns_cookie, nla_get_u64);
	GET(tb, VFPOOL_LEASE_A_IFINDEX, l->ifindex, nla_get_u32);
	GET(tb, VFPOOL_LEASE_A_NUMA_NODE, l->numa_node, nla_get_u32);
	GET(tb, VFPOOL_LEASE_A_COUNT, l->count, nla_get_u32);
	GET(tb, VFPOOL_LEASE_A_FLAGS, l->flags, nla_get_u32);
	GET(tb, VFPOOL_LEASE_A_BOND_IFINDEX, l->bond_ifindex, nla_get_u32);
	GET_STR(tb, VFPOOL_LEASE_A_BOND_IFNAME, l->bond_ifname);
	GET_STR(tb, VFPOOL_LEASE_A_NETWORK, l->network);
	l->bond_external = tb[VFPOOL_LEASE_A_BOND_EXTERNAL] != NULL;
	if (tb[VFPOOL_LEASE_A_VF_CONFIG]) {
		err = parse_vf(tb[VFPOOL_LEASE_A_VF_CONFIG], &l->vf_config);
		if (err)
			return err;
	}
	if (tb[VFPOOL_LEASE_A_SAVED_CONFIG]) {
		err = parse_vf(tb[VFPOOL_LEASE_A_SAVED_CONFIG],
			       &l->saved_config);
		if (err)
			return err;
	}
	if (tb[VFPOOL_LEASE_A_MEMBER]) {
		err = vfp_parse_member(tb[VFPOOL_LEASE_A_MEMBER], &l->member);
		if (err)
			return err;
	}
	return 0;
}

static int parse_vector(struct nlattr *nest, struct vfpool_vector *v)
{
	struct nlattr *tb[VFPOOL_VECTOR_A_MAX + 1];
	int err;

	memset(v, 0, sizeof(*v));
	v->effective_cpu = -1;
	err = nla_parse_nested(tb, VFPOOL_VECTOR_A_MAX, nest,
			       vfpool_spec_vector_policy);
	if (err < 0)
		return vfp_nlerr(err);
	v->present = present(tb, VFPOOL_VECTOR_A_MAX);
	GET(tb, VFPOOL_VECTOR_A_INDEX, v->index, nla_get_u32);
	GET(tb, VFPOOL_VECTOR_A_IRQ, v->irq, nla_get_u32);
	GET_STR(tb, VFPOOL_VECTOR_A_CPUS, v->cpus);
	GET(tb, VFPOOL_VECTOR_A_EFFECTIVE_CPU, v->effective_cpu, nla_get_s32);
	v->pending = tb[VFPOOL_VECTOR_A_PENDING] != NULL;
	GET(tb, VFPOOL_VECTOR_A_STATUS, v->status, nla_get_u32);
	GET(tb, VFPOOL_VECTOR_A_ERROR, v->error, nla_get_s32);
	return 0;
}

static int parse_cpu_load(struct nlattr *nest, struct vfpool_cpu_load *l)
{
	struct nlattr *tb[VFPOOL_CPU_LOAD_A_MAX + 1];
	int err;

	memset(l, 0, sizeof(*l));
	err = nla_parse_nested(tb, VFPOOL_CPU_LOAD_A_MAX, nest,
			       vfpool_spec_cpu_load_policy);
	if (err < 0)
		return vfp_nlerr(err);
	l->present = present(tb, VFPOOL_CPU_LOAD_A_MAX);
	GET(tb, VFPOOL_CPU_LOAD_A_CPU, l->cpu, nla_get_u32);
	GET(tb, VFPOOL_CPU_LOAD_A_VECTORS, l->vectors, nla_get_u32);
	return 0;
}

void vfp_irq_free(struct vfpool_irq *irq)
{
	free(irq->vectors);
	free(irq->cpu_load);
	irq->vectors = NULL;
	irq->cpu_load = NULL;
	irq->n_vectors = irq->n_cpu_load = 0;
}

int vfp_parse_irq(struct nlattr *nest, struct vfpool_irq *irq)
{
	struct nlattr *tb[VFPOOL_IRQ_A_MAX + 1], *attr;
	size_t nv = 0, nl = 0;
	int err, rem;

	memset(irq, 0, sizeof(*irq));
	irq->member.numa_node = -1;
	err = nla_parse_nested(tb, VFPOOL_IRQ_A_MAX, nest,
			       vfpool_spec_irq_policy);
	if (err < 0)
		return vfp_nlerr(err);
	irq->present = present(tb, VFPOOL_IRQ_A_MAX);
	GET_STR(tb, VFPOOL_IRQ_A_POOL_NAME, irq->pool_name);
	GET_STR(tb, VFPOOL_IRQ_A_MEMBER_PCI, irq->member_pci);
	GET(tb, VFPOOL_IRQ_A_MEMBER_IFINDEX, irq->member_ifindex, nla_get_u32);
	GET_STR(tb, VFPOOL_IRQ_A_MEMBER_IFNAME, irq->member_ifname);
	GET(tb, VFPOOL_IRQ_A_POLICY, irq->policy, nla_get_u32);
	GET_STR(tb, VFPOOL_IRQ_A_CPUS, irq->cpus);
	GET_STR(tb, VFPOOL_IRQ_A_BANNED_CPUS, irq->banned_cpus);
	GET(tb, VFPOOL_IRQ_A_PLACED, irq->placed, nla_get_u32);
	GET_STR(tb, VFPOOL_IRQ_A_CPUS_ISOLATED, irq->cpus_isolated);
	GET_STR(tb, VFPOOL_IRQ_A_CPUS_OFFLINE, irq->cpus_offline);
	if (tb[VFPOOL_IRQ_A_MEMBER]) {
		err = vfp_parse_member(tb[VFPOOL_IRQ_A_MEMBER], &irq->member);
		if (err)
			return err;
	}
	/* The repeated nests: count, then parse into arrays of that size. */
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) == VFPOOL_IRQ_A_VECTOR)
			nv++;
		else if (nla_type(attr) == VFPOOL_IRQ_A_CPU_LOAD)
			nl++;
	}
	if (nv && !(irq->vectors = calloc(nv, sizeof(*irq->vectors))))
		return -ENOMEM;
	if (nl && !(irq->cpu_load = calloc(nl, sizeof(*irq->cpu_load))))
		return -ENOMEM;
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) == VFPOOL_IRQ_A_VECTOR)
			err = parse_vector(attr, &irq->vectors[irq->n_vectors++]);
		else if (nla_type(attr) == VFPOOL_IRQ_A_CPU_LOAD)
			err = parse_cpu_load(attr, &irq->cpu_load[irq->n_cpu_load++]);
		if (err)
			return err;
	}
	return 0;
}

struct nlattr *vfp_attrs(struct nlmsghdr *nlh, int *len)
{
	struct genlmsghdr *gnlh = nlmsg_data(nlh);

	if (!genlmsg_valid_hdr(nlh, 0)) {
		*len = 0;
		return NULL;
	}
	*len = genlmsg_attrlen(gnlh, 0);
	return genlmsg_attrdata(gnlh, 0);
}

int vfp_parse_event(struct nlmsghdr *nlh, struct vfpool_notification *ev)
{
	struct nlattr *tb[VFPOOL_A_MAX + 1];
	int err;

	memset(ev, 0, sizeof(*ev));
	err = genlmsg_parse(nlh, 0, tb, VFPOOL_A_MAX, vfpool_spec_vfpool_policy);
	if (err < 0)
		return vfp_nlerr(err);
	ev->cmd = ((struct genlmsghdr *)nlmsg_data(nlh))->cmd;
	ev->present = present(tb, VFPOOL_A_MAX);
	GET(tb, VFPOOL_A_EVENT, ev->event, nla_get_u32);
	GET(tb, VFPOOL_A_REASON, ev->reason, nla_get_u32);
	if (tb[VFPOOL_A_POOL] && (err = vfp_parse_pool(tb[VFPOOL_A_POOL],
						       &ev->pool)))
		return err;
	if (tb[VFPOOL_A_MEMBER] && (err = vfp_parse_member(tb[VFPOOL_A_MEMBER],
							   &ev->member)))
		return err;
	if (tb[VFPOOL_A_LEASE] && (err = vfp_parse_lease(tb[VFPOOL_A_LEASE],
							 &ev->lease)))
		return err;
	return 0;
}
