// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * vfpool-cni: the CNI commands on top of libvfpool.
 *
 * ADD    one LEASE_NEW (the kernel leases, configures and moves the VF as
 *        one transaction), then delegated IPAM, then addresses and routes
 *        in the pod. Any failure after the lease undoes it all: IPAM DEL,
 *        LEASE_DEL of exactly that lease.
 * DEL    LEASE_DEL by owner (CNI_CONTAINERID + CNI_IFNAME), then IPAM DEL,
 *        always. Matching nothing is success: a late DEL cannot touch a
 *        VF that another pod holds now, and a dead netns was already
 *        reclaimed by the kernel.
 * CHECK  the lease, its VF config, the interface, its MAC and addresses.
 * GC     LEASE_DEL of the leases in the config's scope (its pool, or its
 *        deviceID) whose attachment is not in cni.dev/valid-attachments.
 * STATUS the module, the config's pool and its IPAM plugin are there.
 *
 * With a bond block, ADD leases one VF per link (named as in links),
 * creates the bond named CNI_IFNAME in the pod, has the module enslave
 * the links, then IPAM and addresses on the bond; DEL and CHECK walk
 * the links by name. See "Bonds" below.
 *
 * No state files: what a pod holds is asked of the kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cni.h"

#define STDIN_MAX	(4 << 20)

static void print_json(json_object *obj)
{
	puts(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
					    JSON_C_TO_STRING_SPACED |
					    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(obj);
}

static int fail(const char *version, const struct cni_error *e)
{
	cni_log(CNI_LOG_ERROR, "code %d: %s%s%s", e->code, e->msg,
		e->details[0] ? ": " : "", e->details);
	print_json(cni_error_json(version, e));
	return 1;
}

static char *read_stdin(size_t *len)
{
	size_t size = 4096;
	char *buf = malloc(size), *bigger;
	ssize_t n;

	*len = 0;
	while (buf) {
		if (*len + 1 >= size) {
			bigger = size < STDIN_MAX ? realloc(buf, size * 2) : NULL;
			if (!bigger)
				break;
			buf = bigger;
			size *= 2;
		}
		n = read(0, buf + *len, size - *len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (n == 0) {
			buf[*len] = '\0';
			return buf;
		}
		*len += n;
	}
	free(buf);
	return NULL;
}

/* The cniVersion of stdin when it is one we speak, for VERSION and errors. */
static const char *peek_version(const char *raw, char *buf, size_t size)
{
	json_object *obj = json_tokener_parse(raw), *v;
	const char *ret = NULL;

	if (obj && json_object_object_get_ex(obj, "cniVersion", &v) &&
	    json_object_is_type(v, json_type_string) &&
	    cni_version_parse(json_object_get_string(v))) {
		snprintf(buf, size, "%s", json_object_get_string(v));
		ret = buf;
	}
	json_object_put(obj);
	return ret;
}

/* A failed libvfpool call as a CNI error about @what. */
static int vfpool_error(struct vfpool *vp, int err, const char *what,
			struct cni_error *e)
{
	const char *ext = vp ? vfpool_ext_msg(vp) : "";
	const char *text = *ext ? ext : vfpool_strerror(err);

	switch (-err) {
	case VFPOOL_ENOMODULE:
		cni_err(e, CNI_ERR_NO_MODULE, "vfpool kernel module not loaded "
			"(modprobe vfpool)");
		return e->code;
	case EBUSY:
	case ENOSPC:
		cni_err(e, CNI_ERR_TRY_AGAIN, "%s: %s", what, text);
		cni_err_details(e, "%s; retry later, or set waitTimeout to wait "
				"for the holder's DEL", vfpool_strerror(err));
		return e->code;
	case ENOENT:
	case EINVAL:
	case EOPNOTSUPP:
	case ERANGE:
		cni_err(e, CNI_ERR_INVALID_CONFIG, "%s: %s", what, text);
		break;
	default:
		cni_err(e, CNI_ERR_KERNEL, "%s: %s", what, text);
		break;
	}
	cni_err_details(e, "%s", vfpool_strerror(err));
	return e->code;
}

/* CNI_NETNS as an fd; a netns that is gone is the spec's code 3. */
static int netns_open(const struct cni_env *env, struct cni_error *e)
{
	int fd = open(env->netns, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		cni_err(e, errno == ENOENT ? CNI_ERR_UNKNOWN_CONTAINER :
			CNI_ERR_IO, "CNI_NETNS %s: %m", env->netns);
	return fd;
}

static int open_vfpool(struct vfpool **vp, struct cni_error *e)
{
	int err = vfpool_open(vp);

	if (err)
		return vfpool_error(NULL, err, "vfpool", e);
	return 0;
}

static int keep_lease(const struct vfpool_lease *lease, void *arg)
{
	memcpy(arg, lease, sizeof(*lease));
	return 0;
}

/* End exactly @lease (its id and owner): the undo of a failed ADD. */
static void lease_undo(struct vfpool *vp, const struct vfpool_lease *lease)
{
	struct vfpool_lease req = { 0 };
	int err;

	vfpool_set(&req, VFPOOL_LEASE_A_ID, id, lease->id);
	vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id,
		       lease->owner_id);
	if (lease->ifname[0])
		vfpool_set_str(&req, VFPOOL_LEASE_A_IFNAME, ifname,
			       lease->ifname);
	err = vfpool_lease_del(vp, &req, NULL, NULL);
	if (err)
		cni_log(CNI_LOG_ERROR, "undo: cannot end lease %llu: %s",
			(unsigned long long)lease->id, vfpool_strerror(err));
	else
		cni_log(CNI_LOG_INFO, "undo: lease %llu ended",
			(unsigned long long)lease->id);
}

static void ipam_undo(const struct cni_config *cfg, const struct cni_env *env)
{
	struct cni_error e = { 0 };

	if (cni_ipam_exec(cfg, env, "DEL", NULL, &e))
		cni_log(CNI_LOG_ERROR, "undo: ipam DEL: %s", e.msg);
}

struct find_lease {
	const char *ifname;
	struct vfpool_lease *lease;
	bool found;
};

static int find_lease(const struct vfpool_lease *lease, void *arg)
{
	struct find_lease *f = arg;

	if (strcmp(lease->ifname, f->ifname))
		return 0;
	if (f->lease)
		memcpy(f->lease, lease, sizeof(*lease));
	f->found = true;
	return 1;
}

/* The lease of container @id's @ifname into *@lease (may be NULL): 1, 0, <0. */
static int lease_find(struct vfpool *vp, const char *id, const char *ifname,
		      struct vfpool_lease *lease)
{
	struct find_lease f = { .ifname = ifname, .lease = lease };
	struct vfpool_lease filter = { 0 };
	int err;

	vfpool_set_str(&filter, VFPOOL_LEASE_A_OWNER_ID, owner_id, id);
	err = vfpool_lease_dump(vp, &filter, find_lease, &f);
	return err < 0 ? err : f.found;
}

/* What every LEASE_NEW of the plugin carries from the config. */
static void lease_req_config(struct vfpool_lease *req, const struct cni_config *cfg)
{
	if (cfg->wait_ms)
		vfpool_set(req, VFPOOL_LEASE_A_WAIT_MS, wait_ms, cfg->wait_ms);
	vfpool_set_str(req, VFPOOL_LEASE_A_NETWORK, network, cfg->name);
	if (cfg->vf.present) {
		req->vf_config = cfg->vf;
		req->present |= VFPOOL_BIT(VFPOOL_LEASE_A_VF_CONFIG);
	}
}

/*
 * irq: the member's vectors by the config's policy. A member without a
 * PCI function or without vectors yet is only logged: vectors are
 * placed where they exist, they never fail a lease; a policy or CPU
 * list the kernel refuses is the config's error.
 */
/* The vectors pod_xps() collects: room for XPS_VECTORS_MAX. */
#define XPS_VECTORS_MAX	256
struct xps_walk {
	struct cni_vector *v;
	size_t n;
};

/* Each vector vfpool placed (status set), with its one CPU. */
static int xps_collect(const struct vfpool_irq *irq, void *arg)
{
	struct xps_walk *w = arg;
	size_t i;

	for (i = 0; i < irq->n_vectors && w->n < XPS_VECTORS_MAX; i++) {
		const struct vfpool_vector *v = &irq->vectors[i];
		char *end;
		long cpu;

		if (v->status != VFPOOL_VECTOR_STATUS_SET)
			continue;
		cpu = strtol(v->cpus, &end, 10);
		w->v[w->n].irq = v->irq;
		w->v[w->n++].cpu = *end || end == v->cpus ? -1 : (int)cpu;
	}
	return 0;
}

static int irq_set(struct vfpool *vp, const struct cni_config *cfg,
		   const struct vfpool_lease *lease, struct cni_error *e)
{
	struct vfpool_irq req = { 0 };
	int err;

	if (!lease->member.pci[0]) {
		cni_log(CNI_LOG_WARNING, "irq: %s has no PCI function, no "
			"vectors to place", lease->member.ifname);
		return 0;
	}
	vfpool_set_str(&req, VFPOOL_IRQ_A_MEMBER_PCI, member_pci,
		       lease->member.pci);
	vfpool_set(&req, VFPOOL_IRQ_A_POLICY, policy, cfg->irq_policy);
	if (cfg->irq_policy == VFPOOL_IRQ_POLICY_CPUS)
		vfpool_set_str(&req, VFPOOL_IRQ_A_CPUS, cpus, cfg->irq_cpus);
	err = vfpool_irq_set(vp, &req, NULL, NULL);
	if (err == -ENODATA || err == -EOPNOTSUPP) {
		cni_log(CNI_LOG_WARNING, "irq: %s: %s", lease->member.pci,
			*vfpool_ext_msg(vp) ? vfpool_ext_msg(vp) :
			vfpool_strerror(err));
		return 0;
	}
	if (err) {
		cni_err(e, CNI_ERR_INVALID_CONFIG, "irq: %s",
			*vfpool_ext_msg(vp) ? vfpool_ext_msg(vp) :
			vfpool_strerror(err));
		cni_err_details(e, "%s", vfpool_strerror(err));
		return e->code;
	}
	cni_log(CNI_LOG_INFO, "irq: %s: policy %s", lease->member.pci,
		vfpool_irq_policy_name(cfg->irq_policy));
	return 0;
}

/* Where the cgroup2 hierarchy is mounted (the pod policy reads it). */
#define CGROUP_ROOT	"/sys/fs/cgroup"

/*
 * The pod policy, before anything is leased: the pod's CPUs from its
 * cgroup (runtimeConfig.cgroupPath), else irq.cpus, become the cpus
 * policy (and rps "pod"); without either, the pool's policy stays.
 */
static int pod_irq_resolve(struct cni_config *cfg, struct cni_error *e)
{
	char cpus[VFPOOL_IRQ_CPUS_MAX + 1];

	if (!cfg->irq_pod)
		return 0;
	if (cfg->cgroup_path) {
		if (cni_pod_cpuset(CGROUP_ROOT, cfg->cgroup_path, cpus,
				   sizeof(cpus), e))
			return e->code;
		strcpy(cfg->irq_cpus, cpus);
		cni_log(CNI_LOG_INFO, "irq: pod policy: CPUs %s of cgroup %s",
			cpus, cfg->cgroup_path);
	} else if (cfg->irq_cpus[0]) {
		cni_log(CNI_LOG_INFO, "irq: pod policy: no runtimeConfig."
			"cgroupPath; the CPUs of irq.cpus, %s", cfg->irq_cpus);
	} else {
		cni_log(CNI_LOG_WARNING, "irq: pod policy: the pod's CPUs are "
			"unknown (no runtimeConfig.cgroupPath, no irq.cpus); "
			"the pool's policy stays");
		cfg->has_irq = false;
		cfg->has_rps = cfg->has_rps && !cfg->rps_pod;
		cfg->xps = false;
		return 0;
	}
	if (cfg->rps_pod)
		strcpy(cfg->rps, cfg->irq_cpus);
	return 0;
}

/*
 * XPS for @ifname of @lease in the pod: each tx queue to the CPU its
 * vector was placed on, as the kernel reports it now.
 */
static int pod_xps(struct vfpool *vp, struct cni_pod *pod,
		   const struct vfpool_lease *lease, const char *ifname,
		   struct cni_error *e)
{
	struct cni_vector vecs[XPS_VECTORS_MAX];
	struct xps_walk w = { vecs, 0 };
	struct vfpool_irq req = { 0 };
	int err;

	if (!lease->member.pci[0]) {
		cni_log(CNI_LOG_WARNING, "xps: %s has no PCI function, no "
			"vectors: XPS left alone", ifname);
		return 0;
	}
	vfpool_set_str(&req, VFPOOL_IRQ_A_MEMBER_PCI, member_pci, lease->member.pci);
	err = vfpool_irq_get(vp, &req, xps_collect, &w);
	if (err)
		return cni_err(e, CNI_ERR_IO, "xps: the vectors of %s: %s",
			       lease->member.pci, vfpool_strerror(err));
	return cni_pod_xps(pod, ifname, vecs, w.n, e);
}

static int pod_rps(struct cni_pod *pod, const struct cni_config *cfg,
		   const char *ifname, struct cni_error *e)
{
	char mask[VFPOOL_IRQ_CPUS_MAX + 1];
	int err;

	if (cni_cpulist_mask(cfg->rps, mask, sizeof(mask)))
		return cni_err(e, CNI_ERR_INVALID_CONFIG, "irq.rps: not a CPU "
			       "list");
	err = cni_pod_rps(pod, ifname, mask, e);
	if (err != -EINVAL)
		return err;
	/*
	 * The kernel steers no packets to CPUs isolcpus= or nohz_full=
	 * isolate, and refuses a mask of only those: a pod pinned there
	 * keeps its RPS as it was; a list in the config is its error.
	 */
	if (cfg->rps_pod) {
		cni_log(CNI_LOG_WARNING, "irq.rps: the pod's CPUs %s are all "
			"isolated, where the kernel does no RPS: %s's rx queues "
			"left as they were", cfg->rps, ifname);
		return 0;
	}
	return cni_err(e, CNI_ERR_INVALID_CONFIG, "irq.rps: the kernel refused "
		       "CPUs %s for %s's rx queues (it does no RPS on isolated "
		       "CPUs)", cfg->rps, ifname);
}

static int cmd_add(const struct cni_config *cfg, const struct cni_env *env)
{
	struct cni_attachment att = { .ifname = env->ifname };
	json_object *ipam = NULL, *result = NULL;
	struct vfpool_lease *req, *lease;
	struct cni_error e = { 0 };
	struct vfpool *vp = NULL;
	struct cni_pod *pod = NULL;
	struct cni_link link;
	bool leased = false, ipam_ran = false, again = false;
	char what[64], mac[18];
	int fd, err;

	req = calloc(1, sizeof(*req));
	lease = calloc(1, sizeof(*lease));
	if (!req || !lease) {
		cni_err(&e, CNI_ERR_IO, "out of memory");
		goto out;
	}
	fd = netns_open(env, &e);
	if (fd < 0)
		goto out;
	if (open_vfpool(&vp, &e))
		goto out_close;

	vfpool_set_str(req, VFPOOL_LEASE_A_OWNER_ID, owner_id,
		       env->container_id);
	vfpool_set_str(req, VFPOOL_LEASE_A_IFNAME, ifname, env->ifname);
	vfpool_set(req, VFPOOL_LEASE_A_NETNS_FD, netns_fd, fd);
	if (cfg->has_device) {
		snprintf(what, sizeof(what), "deviceID %s", cfg->device);
		strcpy(req->member_pci, cfg->device);
		req->present |= VFPOOL_BIT(VFPOOL_LEASE_A_MEMBER_PCI);
	} else {
		snprintf(what, sizeof(what), "pool %s", cfg->pool);
		vfpool_set_str(req, VFPOOL_LEASE_A_POOL_NAME, pool_name,
			       cfg->pool);
		if (cfg->has_numa)
			vfpool_set(req, VFPOOL_LEASE_A_NUMA_NODE, numa_node,
				   cfg->numa);
	}
	lease_req_config(req, cfg);
	/*
	 * A runtime must not ADD twice without a DEL between; one that does
	 * gets the attachment it has, or an error that leaves it alone.
	 */
	err = lease_find(vp, env->container_id, env->ifname, NULL);
	if (err < 0) {
		vfpool_error(vp, err, what, &e);
		goto out_close;
	}
	again = err;
	err = vfpool_lease_new(vp, req, keep_lease, lease);
	if (err) {
		vfpool_error(vp, err, what, &e);
		goto out_close;
	}
	leased = !again;
	cni_log(CNI_LOG_INFO, "%s %s: lease %llu of %s in pool %s",
		env->container_id, env->ifname, (unsigned long long)lease->id,
		lease->member.pci[0] ? lease->member.pci : lease->member.ifname,
		lease->pool_name);
	if (cfg->has_device && cfg->has_pool &&
	    strcmp(lease->pool_name, cfg->pool)) {
		cni_err(&e, CNI_ERR_INVALID_CONFIG, "deviceID %s is in pool "
			"%s, not in pool %s", cfg->device, lease->pool_name,
			cfg->pool);
		goto out_close;
	}

	if (cfg->has_irq && !again && irq_set(vp, cfg, lease, &e))
		goto out_close;

	if (cfg->ipam_type) {
		ipam_ran = !again;
		if (cni_ipam_exec(cfg, env, "ADD", &ipam, &e))
			goto out_close;
	}

	if (lease->member.pci[0])
		att.pci = lease->member.pci;
	if (!vfpool_has(lease, VFPOOL_LEASE_A_IFINDEX)) {
		/* No netdev (vfio-pci, DPDK): leased, nothing to configure. */
		result = cni_result_build(cfg->ver, cfg->version, &att, ipam,
					  &e);
		if (!result)
			goto out_close;
		goto done;
	}
	if (cni_pod_open(&pod, fd, &e))
		goto out_close;
	err = cni_pod_link(pod, env->ifname, &link);
	if (err) {
		cni_err(&e, CNI_ERR_POD_NETWORK, "%s is not in the pod "
			"netns after the lease: %s", env->ifname, strerror(-err));
		goto out_pod;
	}
	vfpool_mac_format(link.mac, mac);
	att.mac = mac;
	att.mtu = link.mtu;
	att.sandbox = env->netns;
	result = cni_result_build(cfg->ver, cfg->version, &att, ipam, &e);
	if (!result)
		goto out_pod;
	if (cni_pod_configure(pod, &link, env->ifname, result, &e) ||
	    (cfg->has_rps && pod_rps(pod, cfg, env->ifname, &e)) ||
	    (cfg->xps && pod_xps(vp, pod, lease, env->ifname, &e))) {
		json_object_put(result);
		result = NULL;
	}
out_pod:
	cni_pod_close(pod);
done:
	if (result) {
		print_json(result);
		e.code = 0;
	}
out_close:
	if (e.code && ipam_ran)
		ipam_undo(cfg, env);
	if (e.code && leased)
		lease_undo(vp, lease);
	if (vp)
		vfpool_close(vp);
	close(fd);
out:
	json_object_put(ipam);
	free(req);
	free(lease);
	return e.code ? fail(cfg->version, &e) : 0;
}

static int cmd_del(const struct cni_config *cfg, const struct cni_env *env)
{
	struct cni_error e = { 0 }, ipam_e = { 0 };
	struct vfpool_lease req = { 0 };
	struct vfpool *vp;
	int err;

	vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id,
		       env->container_id);
	vfpool_set_str(&req, VFPOOL_LEASE_A_IFNAME, ifname, env->ifname);
	err = vfpool_open(&vp);
	if (err == -VFPOOL_ENOMODULE) {
		/* Leases pin the module: none can exist. */
		cni_log(CNI_LOG_INFO, "%s %s: module not loaded, no lease",
			env->container_id, env->ifname);
	} else if (err) {
		vfpool_error(NULL, err, "vfpool", &e);
	} else {
		err = vfpool_lease_del(vp, &req, NULL, NULL);
		if (err)
			vfpool_error(vp, err, "release", &e);
		vfpool_close(vp);
	}
	/* Always: IPAM holds its own state, the lease may be long gone. */
	if (cfg->ipam_type && cni_ipam_exec(cfg, env, "DEL", NULL, &ipam_e) &&
	    !e.code)
		e = ipam_e;
	return e.code ? fail(cfg->version, &e) : 0;
}

/* Each VF field the config asks for was applied by the lease. */
static int check_vf(const struct cni_config *cfg, const struct vfpool_lease *l,
		    struct cni_error *e)
{
	static const char *const names[] = {
		[VFPOOL_VF_A_MAC] = "mac", [VFPOOL_VF_A_VLAN] = "vlan",
		[VFPOOL_VF_A_VLAN_QOS] = "vlanQoS",
		[VFPOOL_VF_A_VLAN_PROTO] = "vlanProto",
		[VFPOOL_VF_A_SPOOFCHK] = "spoofchk",
		[VFPOOL_VF_A_TRUST] = "trust",
		[VFPOOL_VF_A_LINK_STATE] = "link_state",
		[VFPOOL_VF_A_MIN_TX_RATE] = "min_tx_rate",
		[VFPOOL_VF_A_MAX_TX_RATE] = "max_tx_rate",
	};
	const struct vfpool_vf_config *want = &cfg->vf, *have = &l->vf_config;
	int a;
	bool same;

	for (a = VFPOOL_VF_A_MAC; a <= VFPOOL_VF_A_MAX_TX_RATE; a++) {
		if (!vfpool_has(want, a))
			continue;
		switch (a) {
		case VFPOOL_VF_A_MAC:
			same = !memcmp(want->mac, have->mac, 6);
			break;
		case VFPOOL_VF_A_VLAN: same = want->vlan == have->vlan; break;
		case VFPOOL_VF_A_VLAN_QOS:
			same = want->vlan_qos == have->vlan_qos;
			break;
		case VFPOOL_VF_A_VLAN_PROTO:
			same = want->vlan_proto == have->vlan_proto;
			break;
		case VFPOOL_VF_A_SPOOFCHK:
			same = want->spoofchk == have->spoofchk;
			break;
		case VFPOOL_VF_A_TRUST: same = want->trust == have->trust; break;
		case VFPOOL_VF_A_LINK_STATE:
			same = want->link_state == have->link_state;
			break;
		case VFPOOL_VF_A_MIN_TX_RATE:
			same = want->min_tx_rate == have->min_tx_rate;
			break;
		default:
			same = want->max_tx_rate == have->max_tx_rate;
			break;
		}
		if (!same || !vfpool_has(have, a))
			return cni_err(e, CNI_ERR_CHECK, "%s: the lease's VF "
				       "config differs from the network config",
				       names[a]);
	}
	return 0;
}

/* The MAC prevResult gave our interface, if it gave one. */
static const char *prev_mac(json_object *prev, const char *ifname)
{
	json_object *ifs, *i, *v;
	size_t n;

	if (!json_object_object_get_ex(prev, "interfaces", &ifs) ||
	    !json_object_is_type(ifs, json_type_array))
		return NULL;
	for (n = 0; n < json_object_array_length(ifs); n++) {
		i = json_object_array_get_idx(ifs, n);
		if (json_object_object_get_ex(i, "name", &v) &&
		    !strcmp(json_object_get_string(v), ifname) &&
		    json_object_object_get_ex(i, "mac", &v))
			return json_object_get_string(v);
	}
	return NULL;
}

/* CHECK: the interface's MAC is the one prevResult gave, if it gave one. */
static int check_prev_mac(const struct cni_config *cfg, const char *ifname,
			  const char *mac, struct cni_error *e)
{
	const char *want = prev_mac(cfg->prev_result, ifname);

	if (want && strcasecmp(want, mac))
		return cni_err(e, CNI_ERR_CHECK, "%s: MAC %s, prevResult says %s",
			       ifname, mac, want);
	return 0;
}

static int cmd_check(const struct cni_config *cfg, const struct cni_env *env)
{
	struct vfpool_lease *lease = calloc(1, sizeof(*lease));
	struct cni_error e = { 0 };
	struct cni_pod *pod = NULL;
	struct vfpool *vp = NULL;
	struct cni_link link;
	char mac[18];
	int err, fd = -1;

	if (!lease) {
		cni_err(&e, CNI_ERR_IO, "out of memory");
		goto out;
	}
	if (open_vfpool(&vp, &e))
		goto out;
	err = lease_find(vp, env->container_id, env->ifname, lease);
	if (err < 0) {
		vfpool_error(vp, err, "lease", &e);
		goto out;
	}
	if (!err) {
		cni_err(&e, CNI_ERR_CHECK, "no lease for container %s "
			"interface %s", env->container_id, env->ifname);
		goto out;
	}
	if (cfg->has_device && strcmp(lease->member.pci, cfg->device)) {
		cni_err(&e, CNI_ERR_CHECK, "deviceID: the lease holds %s, not "
			"%s", lease->member.pci[0] ? lease->member.pci :
			lease->member.ifname, cfg->device);
		goto out;
	}
	if (cfg->has_pool && strcmp(lease->pool_name, cfg->pool)) {
		cni_err(&e, CNI_ERR_CHECK, "pool: the lease is in pool %s, not "
			"%s", lease->pool_name, cfg->pool);
		goto out;
	}
	if (check_vf(cfg, lease, &e))
		goto out;
	if (cfg->ipam_type && cni_ipam_exec(cfg, env, "CHECK", NULL, &e))
		goto out;
	if (!vfpool_has(lease, VFPOOL_LEASE_A_IFINDEX))
		goto out;	/* no netdev: nothing in the pod to look at */

	fd = netns_open(env, &e);
	if (fd < 0)
		goto out;
	if (cni_pod_open(&pod, fd, &e))
		goto out;
	err = cni_pod_link(pod, env->ifname, &link);
	if (err) {
		cni_err(&e, CNI_ERR_CHECK, "%s: not in the pod netns: %s",
			env->ifname, strerror(-err));
		goto out_pod;
	}
	vfpool_mac_format(link.mac, mac);
	if (check_prev_mac(cfg, env->ifname, mac, &e))
		goto out_pod;
	if (vfpool_has(&cfg->vf, VFPOOL_VF_A_MAC) &&
	    memcmp(cfg->vf.mac, link.mac, 6)) {
		cni_err(&e, CNI_ERR_CHECK, "%s: MAC %s differs from %s",
			env->ifname, mac, cfg->mac_source);
		goto out_pod;
	}
	cni_pod_check_addrs(pod, &link, cfg->prev_result, &e);
out_pod:
	cni_pod_close(pod);
out:
	if (fd >= 0)
		close(fd);
	if (vp)
		vfpool_close(vp);
	free(lease);
	return e.code ? fail(cfg->version, &e) : 0;
}

/*
 * Bonds. Each link is one lease of owner CNI_CONTAINERID named as the
 * link, so a link keeps bond-cni's name and DEL and CHECK find it by
 * name. The links the owner does not hold yet are leased in one
 * LEASE_NEW naming them (VFPOOL_LEASE_A_LINK), all or none: the kernel
 * picks their members from the pool, spread over its PFs (least used PF
 * first, shared only when the pool has too few free members on others),
 * and the request waits, with waitTimeout, for a holder's DEL.
 */
struct bond_link {
	struct vfpool_lease lease;
	bool have;			/* the lease exists */
	bool ours;			/* made by this ADD: undone on failure */
	struct cni_link link;		/* in the pod */
	char mac[18];
};

struct bond_find {
	const struct cni_bond *bond;
	struct bond_link *links;
};

static int bond_find_cb(const struct vfpool_lease *lease, void *arg)
{
	struct bond_find *f = arg;
	size_t i;

	for (i = 0; i < f->bond->n_links; i++) {
		if (strcmp(lease->ifname, f->bond->links[i]))
			continue;
		f->links[i].lease = *lease;
		f->links[i].have = true;
	}
	return 0;
}

/* The leases container @id holds for @bond's links, by link name. */
static int bond_find(struct vfpool *vp, const char *id,
		     const struct cni_bond *bond, struct bond_link *links)
{
	struct bond_find f = { .bond = bond, .links = links };
	struct vfpool_lease filter = { 0 };

	vfpool_set_str(&filter, VFPOOL_LEASE_A_OWNER_ID, owner_id, id);
	return vfpool_lease_dump(vp, &filter, bond_find_cb, &f);
}

/* Which PF a member is on: members without one are each their own. */
static void pf_key(const struct vfpool_member *m, char *buf, size_t size)
{
	if (m->pf_pci[0])
		snprintf(buf, size, "pci %s", m->pf_pci);
	else if (vfpool_has(m, VFPOOL_MEMBER_A_PF_IFINDEX))
		snprintf(buf, size, "ifindex %u", m->pf_ifindex);
	else if (m->pci[0])
		snprintf(buf, size, "member %s", m->pci);
	else
		snprintf(buf, size, "member %u", m->ifindex);
}

/* How many of the held links are on @key's PF. */
static size_t pf_uses(const struct cni_bond *bond,
		      const struct bond_link *links, const char *key)
{
	char have[64];
	size_t i, n = 0;

	for (i = 0; i < bond->n_links; i++) {
		if (!links[i].have)
			continue;
		pf_key(&links[i].lease.member, have, sizeof(have));
		n += !strcmp(have, key);
	}
	return n;
}

/* A lease LEASE_NEW made for the bond: into its link, by name. */
static int bond_keep_lease(const struct vfpool_lease *lease, void *arg)
{
	struct bond_find *f = arg;
	size_t i;

	for (i = 0; i < f->bond->n_links; i++) {
		if (strcmp(lease->ifname, f->bond->links[i]))
			continue;
		f->links[i].lease = *lease;
		f->links[i].have = f->links[i].ours = true;
	}
	return 0;
}

/*
 * Lease every link the owner does not hold yet, in one request that
 * names them: the kernel picks, spread over the pool's PFs.
 */
static int bond_lease(struct vfpool *vp, const struct cni_config *cfg,
		      const struct cni_env *env, int fd,
		      struct bond_link *links, struct cni_error *e)
{
	const struct cni_bond *bond = &cfg->bond;
	struct bond_find f = { .bond = bond, .links = links };
	char (*names)[VFPOOL_IFNAME_MAX + 1] = NULL;
	struct vfpool_lease *req = NULL;
	char what[64], key[64];
	size_t i, n = 0;
	int err;

	req = calloc(1, sizeof(*req));
	names = calloc(bond->n_links, sizeof(*names));
	if (!req || !names) {
		cni_err(e, CNI_ERR_IO, "out of memory");
		goto out;
	}
	for (i = 0; i < bond->n_links; i++)
		if (!links[i].have)
			snprintf(names[n++], sizeof(*names), "%s", bond->links[i]);
	if (!n)
		goto out;	/* an ADD repeated: all held */
	vfpool_set_str(req, VFPOOL_LEASE_A_OWNER_ID, owner_id, env->container_id);
	vfpool_set_str(req, VFPOOL_LEASE_A_POOL_NAME, pool_name, cfg->pool);
	req->links = (const char (*)[VFPOOL_IFNAME_MAX + 1])names;
	req->n_links = n;
	req->present |= VFPOOL_BIT(VFPOOL_LEASE_A_LINK);
	if (n > 1)
		vfpool_set(req, VFPOOL_LEASE_A_FLAGS, flags, VFPOOL_LEASE_F_SPREAD_PF);
	vfpool_set(req, VFPOOL_LEASE_A_NETNS_FD, netns_fd, fd);
	if (cfg->has_numa)
		vfpool_set(req, VFPOOL_LEASE_A_NUMA_NODE, numa_node, cfg->numa);
	lease_req_config(req, cfg);
	err = vfpool_lease_new(vp, req, bond_keep_lease, &f);
	if (err) {
		snprintf(what, sizeof(what), "bond links, pool %s", cfg->pool);
		vfpool_error(vp, err, what, e);
		goto out;
	}
	for (i = 0; i < bond->n_links; i++) {
		if (!links[i].ours)
			continue;
		pf_key(&links[i].lease.member, key, sizeof(key));
		if (pf_uses(bond, links, key) > 1)
			cni_log(CNI_LOG_WARNING, "bond: link %s shares its PF "
				"(%s) with another link: the pool has no free "
				"member on another PF", bond->links[i], key);
		cni_log(CNI_LOG_INFO, "%s %s: lease %llu of %s in pool %s",
			env->container_id, bond->links[i],
			(unsigned long long)links[i].lease.id,
			links[i].lease.member.pci[0] ?
			links[i].lease.member.pci : links[i].lease.member.ifname,
			links[i].lease.pool_name);
	}
out:
	free(names);
	free(req);
	return e->code;
}

/* Delete the bond @ifname in the netns @fd, when it is one. */
static int bond_delete(int fd, const char *ifname)
{
	struct cni_error e = { 0 };
	struct cni_pod *pod;
	struct cni_link link;
	int err;

	if (cni_pod_open(&pod, fd, &e)) {
		cni_log(CNI_LOG_WARNING, "bond %s: %s", ifname, e.msg);
		return -EIO;
	}
	err = cni_pod_link(pod, ifname, &link);
	if (!err && strcmp(link.kind, "bond")) {
		cni_log(CNI_LOG_WARNING, "%s in the pod is a %s, not a bond: "
			"left alone", ifname, link.kind[0] ? link.kind : "link");
		err = -EEXIST;
	} else if (!err) {
		err = cni_pod_link_del(pod, ifname);
	}
	cni_pod_close(pod);
	if (err == -ENODEV || err == -ENOENT)
		return 0;
	if (err && err != -EEXIST)
		cni_log(CNI_LOG_ERROR, "cannot delete bond %s: %s", ifname,
			strerror(-err));
	return err;
}

/*
 * In the pod: every link there, the bond's MTU no bigger than theirs,
 * the bond created (or found again by an ADD repeated), the links
 * enslaved by the module, then the links and the bond read back.
 */
static int bond_build(struct vfpool *vp, const struct cni_config *cfg,
		      const struct cni_env *env, int fd,
		      struct bond_link *links, struct cni_link *master,
		      bool *made, struct cni_error *e)
{
	const struct cni_bond *bond = &cfg->bond;
	struct vfpool_bond *req = NULL;
	struct cni_pod *pod;
	bool again = true;
	size_t i;
	int err;

	if (cni_pod_open(&pod, fd, e))
		return e->code;
	for (i = 0; i < bond->n_links; i++) {
		again &= !links[i].ours;
		err = cni_pod_link(pod, bond->links[i], &links[i].link);
		if (err) {
			cni_err(e, CNI_ERR_POD_NETWORK, "bond link %s is not in "
				"the pod netns after the lease: %s",
				bond->links[i], strerror(-err));
			goto out;
		}
		if (bond->has_mtu && bond->mtu > links[i].link.mtu) {
			cni_err(e, CNI_ERR_INVALID_CONFIG, "bond.mtu: %u exceeds "
				"the MTU %u of link %s (%s)", bond->mtu,
				links[i].link.mtu, bond->links[i],
				links[i].lease.member.pci[0] ?
				links[i].lease.member.pci :
				links[i].lease.member.ifname);
			goto out;
		}
	}
	err = cni_pod_bond_add(pod, env->ifname, bond, e);
	if (err == -EEXIST) {
		err = cni_pod_link(pod, env->ifname, master);
		if (err || !again || strcmp(master->kind, "bond")) {
			cni_err(e, CNI_ERR_POD_NETWORK, "%s already exists in the "
				"pod netns%s", env->ifname, err || !again ?
				"" : ", and is not a bond");
			goto out;
		}
	} else if (err) {
		goto out;
	} else {
		*made = true;
	}

	req = calloc(1, sizeof(*req));
	if (!req) {
		cni_err(e, CNI_ERR_IO, "out of memory");
		goto out;
	}
	vfpool_set_str(req, VFPOOL_BOND_A_OWNER_ID, owner_id,
		       env->container_id);
	vfpool_set_str(req, VFPOOL_BOND_A_IFNAME, ifname, env->ifname);
	for (i = 0; i < bond->n_links; i++)
		strcpy(req->links[i], bond->links[i]);
	req->n_links = bond->n_links;
	err = vfpool_bond_enslave(vp, req, NULL, NULL);
	if (err) {
		vfpool_error(vp, err, "bond: enslaving the links", e);
		if (e->code == CNI_ERR_INVALID_CONFIG && err == -EINVAL)
			e->code = CNI_ERR_POD_NETWORK;
		goto out;
	}
	cni_log(CNI_LOG_INFO, "%s: bond %s of %zu links", env->container_id,
		env->ifname, bond->n_links);
	for (i = 0; i < bond->n_links; i++) {
		err = cni_pod_link(pod, bond->links[i], &links[i].link);
		if (err) {
			cni_err(e, CNI_ERR_POD_NETWORK, "bond link %s: %s",
				bond->links[i], strerror(-err));
			goto out;
		}
		vfpool_mac_format(links[i].link.mac, links[i].mac);
	}
	err = cni_pod_link(pod, env->ifname, master);
	if (err)
		cni_err(e, CNI_ERR_POD_NETWORK, "bond %s: %s", env->ifname,
			strerror(-err));
out:
	free(req);
	cni_pod_close(pod);
	return e->code;
}

static int cmd_add_bond(const struct cni_config *cfg,
			const struct cni_env *env)
{
	const struct cni_bond *bond = &cfg->bond;
	struct cni_attachment att = { .ifname = env->ifname }, *slaves = NULL;
	json_object *ipam = NULL, *result = NULL;
	struct bond_link *links = NULL;
	struct cni_error e = { 0 };
	struct vfpool *vp = NULL;
	struct cni_pod *pod = NULL;
	struct cni_link master;
	bool made = false, ipam_ran = false, again = true;
	char what[64], mac[18];
	size_t i;
	int fd, err;

	links = calloc(bond->n_links, sizeof(*links));
	slaves = calloc(bond->n_links, sizeof(*slaves));
	if (!links || !slaves) {
		cni_err(&e, CNI_ERR_IO, "out of memory");
		goto out;
	}
	fd = netns_open(env, &e);
	if (fd < 0)
		goto out;
	if (open_vfpool(&vp, &e))
		goto out_close;
	snprintf(what, sizeof(what), "pool %s", cfg->pool);
	/* ADD again without DEL: the links held already are kept. */
	err = bond_find(vp, env->container_id, bond, links);
	if (err) {
		vfpool_error(vp, err, what, &e);
		goto out_close;
	}
	if (bond_lease(vp, cfg, env, fd, links, &e))
		goto out_close;
	for (i = 0; i < bond->n_links; i++) {
		again &= !links[i].ours;
		if (strcmp(links[i].lease.pool_name, cfg->pool)) {
			cni_err(&e, CNI_ERR_INVALID_CONFIG, "bond link %s is "
				"held from pool %s, not pool %s",
				bond->links[i], links[i].lease.pool_name,
				cfg->pool);
			goto out_close;
		}
		if (!vfpool_has(&links[i].lease, VFPOOL_LEASE_A_IFINDEX)) {
			cni_err(&e, CNI_ERR_INVALID_CONFIG, "bond link %s: member "
				"%s has no netdev (vfio-pci, DPDK): it cannot be "
				"enslaved", bond->links[i],
				links[i].lease.member.pci);
			goto out_close;
		}
		if (cfg->has_irq && links[i].ours &&
		    irq_set(vp, cfg, &links[i].lease, &e))
			goto out_close;
	}

	if (bond_build(vp, cfg, env, fd, links, &master, &made, &e))
		goto out_close;

	if (cfg->ipam_type) {
		ipam_ran = !again;
		if (cni_ipam_exec(cfg, env, "ADD", &ipam, &e))
			goto out_close;
	}
	vfpool_mac_format(master.mac, mac);
	att.mac = mac;
	att.mtu = master.mtu;
	att.sandbox = env->netns;
	for (i = 0; i < bond->n_links; i++) {
		slaves[i].ifname = bond->links[i];
		slaves[i].mac = links[i].mac;
		slaves[i].mtu = links[i].link.mtu;
		slaves[i].sandbox = env->netns;
		if (links[i].lease.member.pci[0])
			slaves[i].pci = links[i].lease.member.pci;
	}
	att.links = slaves;
	att.n_links = bond->n_links;
	result = cni_result_build(cfg->ver, cfg->version, &att, ipam, &e);
	if (!result)
		goto out_close;
	if (cni_pod_open(&pod, fd, &e))
		goto out_result;
	if (cni_pod_configure(pod, &master, env->ifname, result, &e))
		goto out_pod;
	for (i = 0; cfg->has_rps && i < bond->n_links; i++)
		if (pod_rps(pod, cfg, bond->links[i], &e))
			goto out_pod;
	for (i = 0; cfg->xps && i < bond->n_links; i++)
		if (pod_xps(vp, pod, &links[i].lease, bond->links[i], &e))
			goto out_pod;
out_pod:
	cni_pod_close(pod);
out_result:
	if (e.code) {
		json_object_put(result);
		result = NULL;
	} else {
		print_json(result);
	}
out_close:
	/* Undo in reverse: IPAM, the bond, the leases this ADD made. */
	if (e.code && ipam_ran)
		ipam_undo(cfg, env);
	if (e.code && made)
		bond_delete(fd, env->ifname);
	for (i = bond->n_links; e.code && vp && i-- > 0;)
		if (links[i].ours)
			lease_undo(vp, &links[i].lease);
	if (vp)
		vfpool_close(vp);
	close(fd);
out:
	json_object_put(ipam);
	free(slaves);
	free(links);
	return e.code ? fail(cfg->version, &e) : 0;
}

/*
 * DEL of a bond: each link's lease by owner + link name (the kernel
 * takes it out of the bond first), then the bond if the netns is still
 * there, then IPAM, always. Gone links, a gone netns or a gone module
 * are success: the kernel already took the VFs back.
 */
static int cmd_del_bond(const struct cni_config *cfg,
			const struct cni_env *env)
{
	const struct cni_bond *bond = &cfg->bond;
	struct cni_error e = { 0 }, ipam_e = { 0 };
	struct vfpool_lease req = { 0 };
	struct vfpool *vp;
	char what[64];
	size_t i;
	int fd, err;

	err = vfpool_open(&vp);
	if (err == -VFPOOL_ENOMODULE) {
		cni_log(CNI_LOG_INFO, "%s %s: module not loaded, no lease",
			env->container_id, env->ifname);
	} else if (err) {
		vfpool_error(NULL, err, "vfpool", &e);
	} else {
		for (i = 0; i < bond->n_links; i++) {
			memset(&req, 0, sizeof(req));
			vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id,
				       env->container_id);
			vfpool_set_str(&req, VFPOOL_LEASE_A_IFNAME, ifname,
				       bond->links[i]);
			err = vfpool_lease_del(vp, &req, NULL, NULL);
			if (err && !e.code) {
				snprintf(what, sizeof(what), "release of bond "
					 "link %s", bond->links[i]);
				vfpool_error(vp, err, what, &e);
			}
		}
		vfpool_close(vp);
	}
	if (env->netns) {
		fd = open(env->netns, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			bond_delete(fd, env->ifname);
			close(fd);
		} else {
			cni_log(CNI_LOG_INFO, "CNI_NETNS %s: %m: no bond to "
				"delete", env->netns);
		}
	}
	if (cfg->ipam_type && cni_ipam_exec(cfg, env, "DEL", NULL, &ipam_e) &&
	    !e.code)
		e = ipam_e;
	return e.code ? fail(cfg->version, &e) : 0;
}

/*
 * CHECK of a bond: every link is a lease of this owner from the pool,
 * with the config's VF settings, in the bond (as the kernel and the pod
 * both see it); IPAM CHECK; the bond with prevResult's MAC and
 * addresses.
 */
static int cmd_check_bond(const struct cni_config *cfg,
			  const struct cni_env *env)
{
	const struct cni_bond *bond = &cfg->bond;
	struct bond_link *links = calloc(bond->n_links, sizeof(*links));
	struct cni_error e = { 0 };
	struct cni_pod *pod = NULL;
	struct vfpool *vp = NULL;
	struct cni_link master, link;
	char mac[18];
	int err, fd = -1;
	size_t i;

	if (!links) {
		cni_err(&e, CNI_ERR_IO, "out of memory");
		goto out;
	}
	if (open_vfpool(&vp, &e))
		goto out;
	err = bond_find(vp, env->container_id, bond, links);
	if (err) {
		vfpool_error(vp, err, "lease", &e);
		goto out;
	}
	for (i = 0; i < bond->n_links; i++) {
		if (!links[i].have) {
			cni_err(&e, CNI_ERR_CHECK, "no lease for container %s "
				"bond link %s", env->container_id,
				bond->links[i]);
			goto out;
		}
		if (cfg->has_pool && strcmp(links[i].lease.pool_name,
					    cfg->pool)) {
			cni_err(&e, CNI_ERR_CHECK, "bond link %s: the lease is "
				"in pool %s, not %s", bond->links[i],
				links[i].lease.pool_name, cfg->pool);
			goto out;
		}
		if (strcmp(links[i].lease.bond_ifname, env->ifname)) {
			cni_err(&e, CNI_ERR_CHECK, "bond link %s is %s%s, not in "
				"bond %s", bond->links[i],
				links[i].lease.bond_ifname[0] ? "in bond " :
				"in no bond", links[i].lease.bond_ifname,
				env->ifname);
			goto out;
		}
		if (check_vf(cfg, &links[i].lease, &e))
			goto out;
	}
	if (cfg->ipam_type && cni_ipam_exec(cfg, env, "CHECK", NULL, &e))
		goto out;

	fd = netns_open(env, &e);
	if (fd < 0)
		goto out;
	if (cni_pod_open(&pod, fd, &e))
		goto out;
	err = cni_pod_link(pod, env->ifname, &master);
	if (err || strcmp(master.kind, "bond")) {
		cni_err(&e, CNI_ERR_CHECK, "%s: %s", env->ifname, err ?
			"no such bond in the pod netns" : "not a bond");
		goto out_pod;
	}
	for (i = 0; i < bond->n_links; i++) {
		err = cni_pod_link(pod, bond->links[i], &link);
		if (err || link.master != master.ifindex ||
		    links[i].lease.bond_ifindex != (uint32_t)master.ifindex) {
			cni_err(&e, CNI_ERR_CHECK, "bond link %s: %s",
				bond->links[i], err ? "not in the pod netns" :
				"not a slave of the bond");
			goto out_pod;
		}
	}
	vfpool_mac_format(master.mac, mac);
	if (check_prev_mac(cfg, env->ifname, mac, &e))
		goto out_pod;
	cni_pod_check_addrs(pod, &master, cfg->prev_result, &e);
out_pod:
	cni_pod_close(pod);
out:
	if (fd >= 0)
		close(fd);
	if (vp)
		vfpool_close(vp);
	free(links);
	return e.code ? fail(cfg->version, &e) : 0;
}

struct gc {
	const struct cni_config *cfg;
	struct vfpool_lease *stale;
	size_t n, size;
};

/* Is container @id's @ifname (NULL: any of its ifnames) attached? */
static bool attachment_valid(json_object *va, const char *id,
			     const char *ifname)
{
	json_object *a, *v;
	size_t i;

	for (i = 0; i < json_object_array_length(va); i++) {
		a = json_object_array_get_idx(va, i);
		if (json_object_object_get_ex(a, "containerID", &v) &&
		    !strcmp(json_object_get_string(v), id) &&
		    (!ifname || (json_object_object_get_ex(a, "ifname", &v) &&
				 !strcmp(json_object_get_string(v), ifname))))
			return true;
	}
	return false;
}

/*
 * A bond's attachment is its bond name; its links' leases are named by
 * link. Such a lease is valid while its bond's attachment is, and a
 * link of this config's bond while its container has an attachment.
 */
static bool bond_link_valid(const struct cni_config *cfg,
			    const struct vfpool_lease *lease)
{
	size_t i;

	if (lease->bond_ifname[0] &&
	    attachment_valid(cfg->valid_attachments, lease->owner_id,
			     lease->bond_ifname))
		return true;
	for (i = 0; cfg->has_bond && i < cfg->bond.n_links; i++)
		if (!strcmp(lease->ifname, cfg->bond.links[i]))
			return attachment_valid(cfg->valid_attachments,
						lease->owner_id, NULL);
	return false;
}

static int gc_collect(const struct vfpool_lease *lease, void *arg)
{
	struct gc *gc = arg;
	struct vfpool_lease *bigger;

	if (gc->cfg->has_device && strcmp(lease->member.pci, gc->cfg->device))
		return 0;
	if (attachment_valid(gc->cfg->valid_attachments, lease->owner_id,
			     lease->ifname) || bond_link_valid(gc->cfg, lease))
		return 0;
	if (gc->n == gc->size) {
		gc->size = gc->size ? gc->size * 2 : 16;
		bigger = realloc(gc->stale, gc->size * sizeof(*bigger));
		if (!bigger)
			return -ENOMEM;
		gc->stale = bigger;
	}
	gc->stale[gc->n++] = *lease;
	return 0;
}

static int cmd_gc(const struct cni_config *cfg, const struct cni_env *env)
{
	struct vfpool_lease filter = { 0 };
	struct gc gc = { .cfg = cfg };
	struct cni_error e = { 0 }, ipam_e = { 0 };
	struct vfpool *vp;
	size_t i;
	int err;

	err = vfpool_open(&vp);
	if (err == -VFPOOL_ENOMODULE) {
		cni_log(CNI_LOG_INFO, "gc: module not loaded, no lease");
	} else if (err) {
		vfpool_error(NULL, err, "vfpool", &e);
	} else {
		/*
		 * Only this network's leases: others on the same pool belong
		 * to other networks' pods, and leases made without a network
		 * (the CLI, other tools) are never a CNI GC's to end.
		 */
		if (vfpool_set_str(&filter, VFPOOL_LEASE_A_NETWORK, network,
				   cfg->name)) {
			cni_log(CNI_LOG_INFO, "gc: name \"%.64s\" is no network "
				"a lease can carry, nothing to collect", cfg->name);
			goto out;
		}
		if (cfg->has_pool)
			vfpool_set_str(&filter, VFPOOL_LEASE_A_POOL_NAME,
				       pool_name, cfg->pool);
		err = vfpool_lease_dump(vp, &filter, gc_collect, &gc);
		if (err)
			vfpool_error(vp, err, "gc", &e);
		for (i = 0; !err && i < gc.n; i++) {
			cni_log(CNI_LOG_INFO, "gc: ending lease %llu of %s %s",
				(unsigned long long)gc.stale[i].id,
				gc.stale[i].owner_id, gc.stale[i].ifname);
			lease_undo(vp, &gc.stale[i]);
		}
out:
		vfpool_close(vp);
	}
	free(gc.stale);
	/* Delegates that predate GC refuse it: that is not our failure. */
	if (cfg->ipam_type && cni_ipam_exec(cfg, env, "GC", NULL, &ipam_e))
		cni_log(CNI_LOG_WARNING, "gc: %s", ipam_e.msg);
	return e.code ? fail(cfg->version, &e) : 0;
}

static int cmd_status(const struct cni_config *cfg, const struct cni_env *env)
{
	struct cni_error e = { 0 };
	struct vfpool_pool pool;
	struct vfpool *vp;
	char *path;
	int err;

	err = vfpool_open(&vp);
	if (err) {
		vfpool_error(NULL, err, "vfpool", &e);
		e.code = CNI_ERR_NOT_AVAILABLE;
		return fail(cfg->version, &e);
	}
	if (cfg->has_pool) {
		err = vfpool_pool_get(vp, cfg->pool, &pool);
		if (err) {
			vfpool_error(vp, err, "pool", &e);
			cni_err(&e, CNI_ERR_NOT_AVAILABLE, "pool %s: %s",
				cfg->pool, err == -ENOENT ? "no such pool" :
				vfpool_strerror(err));
		}
	}
	vfpool_close(vp);
	if (!e.code && cfg->ipam_type) {
		path = cni_ipam_find(cfg->ipam_type, env->path);
		if (!path)
			cni_err(&e, CNI_ERR_NOT_AVAILABLE, "ipam.type: no plugin "
				"\"%s\" in CNI_PATH %s", cfg->ipam_type,
				env->path);
		free(path);
	}
	return e.code ? fail(cfg->version, &e) : 0;
}

int main(void)
{
	struct cni_config cfg = { 0 };
	struct cni_error e = { 0 };
	const char *version;
	struct cni_env env;
	char vbuf[16];
	size_t len;
	char *raw;
	int ret;

	raw = read_stdin(&len);
	if (!raw) {
		cni_err(&e, CNI_ERR_IO, "cannot read the network config from "
			"stdin: %m");
		return fail(NULL, &e);
	}
	version = peek_version(raw, vbuf, sizeof(vbuf));
	if (cni_env_load(&env, &e)) {
		ret = fail(version, &e);
		goto out;
	}
	if (env.command == CNI_CMD_VERSION) {
		print_json(cni_version_json(version));
		ret = 0;
		goto out;
	}
	/* A config that does not parse opens no logFile: stderr only. */
	if (cni_config_parse(&cfg, raw, len, &env, &e)) {
		ret = fail(cfg.ver ? cfg.version : version, &e);
		goto out;
	}
	cni_log_setup(cfg.log_level, cfg.log_file);
	cni_log(CNI_LOG_DEBUG, "%s container %s ifname %s netns %s",
		env.command_name, env.container_id ? env.container_id : "-",
		env.ifname ? env.ifname : "-", env.netns ? env.netns : "-");
	switch (env.command) {
	case CNI_CMD_ADD:
		if (pod_irq_resolve(&cfg, &e)) {
			ret = fail(cfg.version, &e);
			break;
		}
		ret = cfg.has_bond ? cmd_add_bond(&cfg, &env) :
				     cmd_add(&cfg, &env);
		break;
	case CNI_CMD_DEL:
		ret = cfg.has_bond ? cmd_del_bond(&cfg, &env) :
				     cmd_del(&cfg, &env);
		break;
	case CNI_CMD_CHECK:
		ret = cfg.has_bond ? cmd_check_bond(&cfg, &env) :
				     cmd_check(&cfg, &env);
		break;
	case CNI_CMD_GC:
		ret = cmd_gc(&cfg, &env);
		break;
	default:
		ret = cmd_status(&cfg, &env);
		break;
	}
	cni_log(CNI_LOG_DEBUG, "%s %s", env.command_name,
		ret ? "failed" : "done");
out:
	cni_config_free(&cfg);
	free(raw);
	return ret;
}
