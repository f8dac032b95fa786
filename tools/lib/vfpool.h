/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * libvfpool: the one generic netlink client of the vfpool family, shared
 * by the vfpool CLI, the CNI plugin and the C selftests.
 *
 * Conventions
 * - Functions return 0 (or a count) on success and a negative errno on
 *   failure. -VFPOOL_ENOMODULE means the "vfpool" family is not
 *   registered: the kernel module is not loaded.
 * - After a failed request, vfpool_ext_msg() is the kernel's extack
 *   message ("" when it sent none).
 * - Objects are plain structs whose fields mirror the attributes of
 *   linux/vfpool.h. Bit n of ->present says attribute n of the object's
 *   attribute enum is set: parsers set the bits of what the kernel sent,
 *   request builders send only the fields whose bit is set (and only the
 *   attributes the command takes). Use vfpool_set()/vfpool_set_str().
 * - Callbacks return 0 to go on; any other value stops the walk and is
 *   returned by the function that called them. Objects passed to
 *   callbacks are valid only during the call: copy what you keep.
 * - Dumps are delivered only once the kernel has sent a consistent set:
 *   a dump marked NLM_F_DUMP_INTR is thrown away and retried from the
 *   start (-EAGAIN after VFPOOL_DUMP_RETRIES tries).
 * - A handle is not thread safe; use one per thread.
 */
#ifndef VFPOOL_H
#define VFPOOL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/vfpool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Outside the errno range: the "vfpool" genetlink family does not exist. */
#define VFPOOL_ENOMODULE	4096

#define VFPOOL_DUMP_RETRIES	16

#define VFPOOL_IFNAME_MAX	15	/* IFNAMSIZ - 1 */
#define VFPOOL_DRIVER_MAX	63
#define VFPOOL_EXT_MSG_MAX	511

#define VFPOOL_BIT(attr)	(UINT64_C(1) << (attr))
#define vfpool_has(obj, attr)	(((obj)->present & VFPOOL_BIT(attr)) != 0)
/* vfpool_set(&lease, VFPOOL_LEASE_A_COUNT, count, 4); */
#define vfpool_set(obj, attr, field, value) \
	((obj)->field = (value), (obj)->present |= VFPOOL_BIT(attr))
/* Copies a string field; -EINVAL if empty, -ENAMETOOLONG if too long. */
#define vfpool_set_str(obj, attr, field, str) \
	vfpool__set_str(&(obj)->present, (attr), (obj)->field, \
			sizeof((obj)->field), (str))

struct vfpool;

/* enum vfpool_vf_attr */
struct vfpool_vf_config {
	uint64_t present;
	uint8_t mac[6];
	uint16_t vlan;
	uint8_t vlan_qos;
	uint16_t vlan_proto;		/* ETH_P_8021Q or ETH_P_8021AD */
	uint8_t spoofchk;
	uint8_t trust;
	uint32_t link_state;		/* IFLA_VF_LINK_STATE_* */
	uint32_t min_tx_rate;		/* Mbps */
	uint32_t max_tx_rate;		/* Mbps, 0: unlimited */
	uint32_t mtu;
};

/* enum vfpool_pool_attr */
struct vfpool_pool {
	uint64_t present;
	char name[VFPOOL_POOL_NAME_MAX + 1];
	uint32_t pf_ifindex;
	char pf_ifname[VFPOOL_IFNAME_MAX + 1];
	char pf_pci[VFPOOL_PCI_ADDR_MAX + 1];
	uint32_t flags;			/* enum vfpool_pool_flags */
	uint32_t total;
	uint32_t free;
	uint32_t leased;
	uint32_t gone;
	uint32_t irq_policy;		/* enum vfpool_irq_policy */
	char irq_cpus[VFPOOL_IRQ_CPUS_MAX + 1];
	char irq_banned_cpus[VFPOOL_IRQ_CPUS_MAX + 1];
};

/* enum vfpool_member_attr */
struct vfpool_member {
	uint64_t present;
	char pool_name[VFPOOL_POOL_NAME_MAX + 1];
	uint32_t ifindex;
	char ifname[VFPOOL_IFNAME_MAX + 1];
	char pci[VFPOOL_PCI_ADDR_MAX + 1];
	uint32_t pf_ifindex;
	char pf_ifname[VFPOOL_IFNAME_MAX + 1];
	char pf_pci[VFPOOL_PCI_ADDR_MAX + 1];
	uint32_t vf_index;
	int32_t numa_node;
	char driver[VFPOOL_DRIVER_MAX + 1];
	uint32_t state;			/* enum vfpool_member_state */
	uint64_t lease_id;
	char owner_id[VFPOOL_OWNER_ID_MAX + 1];
};

/* enum vfpool_lease_attr: request fields and reply fields together */
struct vfpool_lease {
	uint64_t present;
	uint64_t id;
	char pool_name[VFPOOL_POOL_NAME_MAX + 1];
	char member_pci[VFPOOL_PCI_ADDR_MAX + 1];
	uint32_t member_ifindex;
	char member_ifname[VFPOOL_IFNAME_MAX + 1];
	char owner_id[VFPOOL_OWNER_ID_MAX + 1];
	char ifname[VFPOOL_IFNAME_MAX + 1];
	int32_t netns_fd;
	uint32_t netns_pid;
	uint64_t netns_cookie;
	uint32_t ifindex;
	struct vfpool_vf_config vf_config;
	struct vfpool_vf_config saved_config;
	struct vfpool_member member;
	uint32_t numa_node;
	uint32_t count;
	uint32_t flags;			/* enum vfpool_lease_flags */
	/*
	 * LEASE_NEW: how long vfpool_lease_new() waits, here in user space,
	 * for a busy member or a full pool; never sent to the kernel.
	 */
	uint32_t wait_ms;
	uint32_t bond_ifindex;
	char bond_ifname[VFPOOL_IFNAME_MAX + 1];
	bool bond_external;
	char network[VFPOOL_NETWORK_MAX + 1];	/* the CNI network that made it */
	/*
	 * LEASE_NEW (VFPOOL_LEASE_A_LINK): one lease per name, named as it,
	 * instead of count and an ifname pattern. Requests only.
	 */
	const char (*links)[VFPOOL_IFNAME_MAX + 1];
	size_t n_links;
};

/*
 * enum vfpool_bond_attr: a BOND_ENSLAVE or BOND_RELEASE request. The
 * kernel takes links first, then lease ids, in array order.
 */
struct vfpool_bond {
	uint64_t present;
	char owner_id[VFPOOL_OWNER_ID_MAX + 1];
	char ifname[VFPOOL_IFNAME_MAX + 1];
	uint32_t ifindex;
	char links[VFPOOL_BOND_LINKS_MAX][VFPOOL_IFNAME_MAX + 1];
	size_t n_links;
	uint64_t lease_ids[VFPOOL_BOND_LINKS_MAX];
	size_t n_lease_ids;
};

/* An affinity list in a reply; a longer one fails the parse (-EMSGSIZE). */
#define VFPOOL_CPULIST_MAX	VFPOOL_IRQ_CPUS_MAX

/* enum vfpool_vector_attr */
struct vfpool_vector {
	uint64_t present;
	uint32_t index;
	uint32_t irq;
	char cpus[VFPOOL_CPULIST_MAX + 1];
	int32_t effective_cpu;		/* -1: unknown */
	bool pending;
	uint32_t status;		/* enum vfpool_vector_status */
	int32_t error;			/* -errno of VFPOOL_VECTOR_STATUS_FAILED */
};

/* enum vfpool_cpu_load_attr */
struct vfpool_cpu_load {
	uint64_t present;
	uint32_t cpu;
	uint32_t vectors;
};

/*
 * enum vfpool_irq_attr. Requests name a pool or a member; replies carry
 * the member and its vectors, or the pool and its per-CPU load (arrays
 * the library allocates and frees after the callback).
 */
struct vfpool_irq {
	uint64_t present;
	char pool_name[VFPOOL_POOL_NAME_MAX + 1];
	char member_pci[VFPOOL_PCI_ADDR_MAX + 1];
	uint32_t member_ifindex;
	char member_ifname[VFPOOL_IFNAME_MAX + 1];
	uint32_t policy;		/* enum vfpool_irq_policy */
	char cpus[VFPOOL_IRQ_CPUS_MAX + 1];
	char banned_cpus[VFPOOL_IRQ_CPUS_MAX + 1];
	uint32_t placed;		/* vectors an irq-set placed (reply) */
	char cpus_isolated[VFPOOL_IRQ_CPUS_MAX + 1];
	char cpus_offline[VFPOOL_IRQ_CPUS_MAX + 1];
	struct vfpool_member member;
	struct vfpool_vector *vectors;
	size_t n_vectors;
	struct vfpool_cpu_load *cpu_load;
	size_t n_cpu_load;
};

/*
 * A notification (the name vfpool_event is the UAPI's enum); ->present
 * holds VFPOOL_BIT(VFPOOL_A_*).
 */
struct vfpool_notification {
	uint64_t present;
	uint8_t cmd;			/* VFPOOL_CMD_{POOL,MEMBER,LEASE}_NTF */
	uint32_t event;			/* enum vfpool_event */
	uint32_t reason;		/* enum vfpool_reason */
	struct vfpool_pool pool;	/* with VFPOOL_A_POOL */
	struct vfpool_member member;	/* with VFPOOL_A_MEMBER */
	struct vfpool_lease lease;	/* with VFPOOL_A_LEASE */
};

typedef int (*vfpool_pool_cb)(const struct vfpool_pool *pool, void *arg);
typedef int (*vfpool_member_cb)(const struct vfpool_member *member, void *arg);
typedef int (*vfpool_lease_cb)(const struct vfpool_lease *lease, void *arg);
typedef int (*vfpool_irq_cb)(const struct vfpool_irq *irq, void *arg);
typedef int (*vfpool_notification_cb)(const struct vfpool_notification *ntf,
				      void *arg);

/* Handle */
int vfpool_open(struct vfpool **vpp);
void vfpool_close(struct vfpool *vp);
const char *vfpool_ext_msg(const struct vfpool *vp);
const char *vfpool_strerror(int err);

/* Pools */
int vfpool_pool_new(struct vfpool *vp, const struct vfpool_pool *pool);
int vfpool_pool_del(struct vfpool *vp, const char *name, uint32_t flags);
int vfpool_pool_get(struct vfpool *vp, const char *name,
		    struct vfpool_pool *pool);
int vfpool_pool_dump(struct vfpool *vp, vfpool_pool_cb cb, void *arg);

/* Members */
int vfpool_member_add(struct vfpool *vp, const struct vfpool_member *member);
int vfpool_member_del(struct vfpool *vp, const struct vfpool_member *member);
int vfpool_member_dump(struct vfpool *vp, const char *pool_name,
		       vfpool_member_cb cb, void *arg);

/*
 * Leases. lease_new and lease_del call cb once per lease got or ended.
 * With wait_ms set, lease_new waits up to that long for a member another
 * owner holds, or for a full pool, and asks again each time a lease of
 * the pool ends (the kernel never waits; see linux/vfpool.h); it returns
 * the last answer, -EBUSY or -ENOSPC, when the time runs out, and -EINTR
 * when a signal interrupts the wait.
 */
int vfpool_lease_new(struct vfpool *vp, const struct vfpool_lease *req,
		     vfpool_lease_cb cb, void *arg);
int vfpool_lease_del(struct vfpool *vp, const struct vfpool_lease *req,
		     vfpool_lease_cb cb, void *arg);
int vfpool_lease_get(struct vfpool *vp, uint64_t id,
		     struct vfpool_lease *lease);
int vfpool_lease_dump(struct vfpool *vp, const struct vfpool_lease *filter,
		      vfpool_lease_cb cb, void *arg);

/*
 * Bonds: enslave leased members to a bond in their netns, or release
 * them. cb gets each lease named (enslave) or released (release).
 */
int vfpool_bond_enslave(struct vfpool *vp, const struct vfpool_bond *req,
			vfpool_lease_cb cb, void *arg);
int vfpool_bond_release(struct vfpool *vp, const struct vfpool_bond *req,
			vfpool_lease_cb cb, void *arg);

/*
 * IRQs. irq_set places a member's vectors (req names it, and the policy
 * unless the member's own is applied again) or sets a pool's default
 * policy; irq_get reads the same; irq_dump reads every member with a
 * PCI function (of pool_name, or all). cb gets each reply.
 */
int vfpool_irq_set(struct vfpool *vp, const struct vfpool_irq *req,
		   vfpool_irq_cb cb, void *arg);
int vfpool_irq_get(struct vfpool *vp, const struct vfpool_irq *req,
		   vfpool_irq_cb cb, void *arg);
int vfpool_irq_dump(struct vfpool *vp, const char *pool_name,
		    vfpool_irq_cb cb, void *arg);

/*
 * Events. Subscribe once, then either poll vfpool_events_fd() and call
 * vfpool_events_recv() when it is readable, or run vfpool_events_loop().
 * Both return -ENOBUFS when events were lost (the subscription stays
 * valid: call again) and -VFPOOL_ENOMODULE when the module is unloaded.
 */
int vfpool_events_subscribe(struct vfpool *vp);
int vfpool_events_fd(const struct vfpool *vp);
int vfpool_events_recv(struct vfpool *vp, vfpool_notification_cb cb,
		       void *arg);
/* Waits with ppoll(sigmask) and returns -EINTR when a signal arrives. */
int vfpool_events_loop(struct vfpool *vp, const sigset_t *sigmask,
		       vfpool_notification_cb cb, void *arg);

/* Text forms: NULL for values this library does not know. */
const char *vfpool_member_state_name(uint32_t state);
const char *vfpool_event_name(uint32_t event);
const char *vfpool_reason_name(uint32_t reason);
const char *vfpool_link_state_name(uint32_t link_state);
const char *vfpool_vlan_proto_name(uint16_t proto);
const char *vfpool_irq_policy_name(uint32_t policy);
const char *vfpool_vector_status_name(uint32_t status);
/* "spread", "numa-local", "cpus" or "none": the policy, or -EINVAL. */
int vfpool_irq_policy_parse(const char *s);
/* "aa:bb:cc:dd:ee:ff", six octets of two hex digits: 0 or -EINVAL. */
int vfpool_mac_parse(const char *s, uint8_t mac[6]);
void vfpool_mac_format(const uint8_t mac[6], char buf[18]);
/* [DOMAIN:]BB:DD.F to the kernel's lower-case "dddd:bb:dd.f". */
int vfpool_pci_parse(const char *s, char out[VFPOOL_PCI_ADDR_MAX + 1]);

int vfpool__set_str(uint64_t *present, int attr, char *dst, size_t size,
		    const char *src);

#ifdef __cplusplus
}
#endif

#endif /* VFPOOL_H */
