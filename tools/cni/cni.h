/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * vfpool-cni: a CNI plugin (spec 0.3.x to 1.1.0) that leases VFs from the
 * vfpool kernel module. The kernel is the only state: no cache files.
 *
 * config.c  network config, CNI_* environment and CNI_ARGS (pure), and
 *           the log
 * result.c  results, error JSON, version conversions (pure)
 * ipam.c    delegated IPAM: exec the plugin named in ipam.type
 * rtnl.c    addresses, routes, link, sysctls, announcements in the pod
 *           netns (libmnl)
 * main.c    the commands
 */
#ifndef VFPOOL_CNI_H
#define VFPOOL_CNI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <json-c/json.h>

#include "vfpool.h"

/* Error codes of the CNI spec ... */
#define CNI_ERR_INCOMPATIBLE_VERSION	1
#define CNI_ERR_UNSUPPORTED_FIELD	2
#define CNI_ERR_UNKNOWN_CONTAINER	3
#define CNI_ERR_INVALID_ENV		4
#define CNI_ERR_IO			5
#define CNI_ERR_DECODE			6
#define CNI_ERR_INVALID_CONFIG		7
#define CNI_ERR_TRY_AGAIN		11
#define CNI_ERR_NOT_AVAILABLE		50	/* STATUS */
/* ... and this plugin's own (100 and up). */
#define CNI_ERR_KERNEL			100	/* the module refused */
#define CNI_ERR_NO_MODULE		101	/* the module is not loaded */
#define CNI_ERR_IPAM			102	/* IPAM failed without a CNI error */
#define CNI_ERR_POD_NETWORK		103	/* configuring the pod netns failed */
#define CNI_ERR_CHECK			104	/* CHECK found a difference */

#define CNI_MSG_MAX	512

struct cni_error {
	int code;			/* 0: no error */
	char msg[CNI_MSG_MAX];
	char details[CNI_MSG_MAX];
};

__attribute__((format(printf, 3, 4)))
int cni_err(struct cni_error *e, int code, const char *fmt, ...);
__attribute__((format(printf, 2, 3)))
void cni_err_details(struct cni_error *e, const char *fmt, ...);

/* Versions as major * 10000 + minor * 100 + patch. */
#define CNI_V(a, b, c)		((a) * 10000 + (b) * 100 + (c))
#define CNI_VERSION_LATEST	"1.1.0"
/* 0 when @s is not a version this plugin speaks. */
int cni_version_parse(const char *s);
extern const char *const cni_supported_versions[];

enum cni_command {
	CNI_CMD_NONE,
	CNI_CMD_ADD,
	CNI_CMD_DEL,
	CNI_CMD_CHECK,
	CNI_CMD_VERSION,
	CNI_CMD_STATUS,
	CNI_CMD_GC,
};

struct cni_env {
	enum cni_command command;
	const char *command_name;
	const char *container_id;
	const char *netns;
	const char *ifname;
	const char *args;
	const char *path;
};

/* CNI_* variables the command needs, validated as libcni's skel does. */
int cni_env_load(struct cni_env *env, struct cni_error *e);

enum cni_log_level {
	CNI_LOG_PANIC,
	CNI_LOG_ERROR,
	CNI_LOG_WARNING,
	CNI_LOG_INFO,
	CNI_LOG_DEBUG,
};

/*
 * The bond block. Each has_* says the config set the option: an option
 * the config leaves out is the bonding driver's default.
 */
struct cni_bond {
	bool has_mode;
	uint8_t mode;			/* BOND_MODE_* (0-6) */
	bool has_miimon;
	uint32_t miimon;		/* ms */
	bool has_mtu;
	uint32_t mtu;
	bool has_fail_over_mac;
	uint8_t fail_over_mac;		/* 0 none, 1 active, 2 follow */
	bool has_all_slaves_active;
	uint8_t all_slaves_active;
	bool has_tlb_dynamic_lb;
	uint8_t tlb_dynamic_lb;
	bool has_xmit_hash_policy;
	uint8_t xmit_hash_policy;	/* BOND_XMIT_POLICY_* */
	bool links_in_container;	/* accepted; leased by us either way */
	size_t n_links;
	char links[VFPOOL_BOND_LINKS_MAX][VFPOOL_IFNAME_MAX + 1];
};

/* "802.3ad" or "4" into BOND_MODE_*, and back: -EINVAL or NULL if unknown. */
int cni_bond_mode_parse(const char *s);
const char *cni_bond_mode_name(unsigned int mode);

struct cni_config {
	json_object *root;		/* owns every json_object below */
	const char *raw;		/* stdin as read, handed to IPAM */
	size_t raw_len;
	const char *version;		/* cniVersion */
	int ver;
	const char *name;
	const char *type;

	/* What to lease: deviceID (PCI, exact VF) and/or pool. */
	bool has_device;
	char device[VFPOOL_PCI_ADDR_MAX + 1];
	bool has_pool;
	char pool[VFPOOL_POOL_NAME_MAX + 1];
	bool has_numa;
	uint32_t numa;
	uint32_t wait_ms;		/* waitTimeout; 0: fail at once */

	/* VF config to request; vf.present says which. */
	struct vfpool_vf_config vf;
	const char *mac_source;		/* which field the MAC came from */

	/*
	 * irq: the IRQ policy for the VF's vectors, RPS for its rx queues,
	 * XPS for its tx queues. The pod policy is the cpus policy over the
	 * pod's CPUs (irq_pod; rps_pod for RPS), found at ADD from
	 * cgroup_path, else irq_cpus.
	 */
	bool has_irq;
	uint32_t irq_policy;		/* enum vfpool_irq_policy */
	char irq_cpus[VFPOOL_IRQ_CPUS_MAX + 1];
	bool irq_pod;
	bool has_rps;
	bool rps_pod;
	char rps[VFPOOL_IRQ_CPUS_MAX + 1];	/* a CPU list, like irq_cpus */
	bool xps;
	const char *cgroup_path;	/* runtimeConfig.cgroupPath, or NULL */

	/*
	 * bond (bond-cni's block): the links are leased from pool, named
	 * as in links, and enslaved to a bond named CNI_IFNAME.
	 */
	bool has_bond;
	struct cni_bond bond;

	const char *ipam_type;		/* NULL: no IPAM */
	json_object *prev_result;	/* NULL when absent */
	json_object *valid_attachments;	/* GC: cni.dev/valid-attachments */

	int log_level;
	const char *log_file;
};

/*
 * Parse the network config @raw (not NUL-terminated necessarily) for
 * @env->command; CNI_ARGS in @env->args. On failure fills @e and
 * returns its code; cfg->version is valid as soon as it was read.
 */
int cni_config_parse(struct cni_config *cfg, const char *raw, size_t len,
		     const struct cni_env *env, struct cni_error *e);
void cni_config_free(struct cni_config *cfg);

/* What ADD learned, to format into a result. */
struct cni_attachment {
	const char *ifname;
	const char *sandbox;		/* NULL: the VF has no netdev (DPDK) */
	const char *mac;		/* "aa:bb:.."; NULL when unknown */
	uint32_t mtu;			/* 0: unknown */
	const char *pci;		/* NULL when the member has none */
	/* A bond: its links, listed after it as interfaces 1..n_links. */
	const struct cni_attachment *links;
	size_t n_links;
};

/*
 * The result of ADD in config version @ver: our interface (and a bond's
 * links after it), then the IPAM result's ips (each pointed at interface
 * 0), routes and dns. NULL and @e filled when the IPAM result is
 * unusable.
 */
json_object *cni_result_build(int ver, const char *version,
			      const struct cni_attachment *att,
			      json_object *ipam_result, struct cni_error *e);
/* The spec's error object for @e in @version. */
json_object *cni_error_json(const char *version, const struct cni_error *e);
/* VERSION's answer to a request for @version (NULL: unknown). */
json_object *cni_version_json(const char *version);

/* "10.1.0.5/24" into family, 16 address bytes and prefix: 0 or -EINVAL. */
int cni_parse_cidr(const char *s, int *family, uint8_t addr[16],
		   unsigned int *plen);
int cni_parse_ip(const char *s, int *family, uint8_t addr[16]);

/*
 * CPU list @list ("0-3,8") as the hexadecimal mask sysfs takes
 * ("10f", comma-separated groups of 32 bits): 0, or -EINVAL.
 */
int cni_cpulist_mask(const char *list, char *out, size_t size);

/*
 * podcpus.c: the CPUs of the pod's cgroup @path (runtimeConfig.cgroupPath,
 * under the cgroup2 mount @root): its cpuset.cpus.effective, a CPU list,
 * into @out. 0, or the error in @e.
 */
int cni_pod_cpuset(const char *root, const char *path, char *out, size_t size,
		   struct cni_error *e);

/* CNI_ARGS "K=V;K=V": the value of @key into @out, 1 found, 0 not, <0. */
int cni_args_get(const char *args, const char *key, char *out, size_t size);

/*
 * logFile is a file directly in CNI_LOG_DIR, nowhere else: the config
 * may be a tenant's and the plugin runs as root. Set at build time only.
 */
#ifndef CNI_LOG_DIR
#define CNI_LOG_DIR	"/var/log/vfpool-cni"
#endif

/*
 * Logging per logLevel/logFile: 0, or -errno when @file could not be
 * opened and the log goes to stderr (said there).
 */
int cni_log_setup(int level, const char *file);
/* Unit tests only: @dir in place of CNI_LOG_DIR (NULL: back to it). */
void cni_log_test_dir(const char *dir);
__attribute__((format(printf, 2, 3)))
void cni_log(int level, const char *fmt, ...);

/* ipam.c: run @cfg's IPAM plugin for @command; its result in *@result. */
int cni_ipam_exec(const struct cni_config *cfg, const struct cni_env *env,
		  const char *command, json_object **result,
		  struct cni_error *e);
/* The IPAM plugin's path in CNI_PATH, or NULL. Caller frees. */
char *cni_ipam_find(const char *type, const char *cni_path);

/* rtnl.c: the pod side. */
struct cni_link {
	int ifindex;
	uint8_t mac[6];
	uint32_t mtu;
	unsigned int flags;
	int master;			/* 0: none */
	char kind[16];			/* IFLA_INFO_KIND; "" for none */
};

struct cni_pod;

/* Enter the netns at @path long enough to open what we need there. */
int cni_pod_open(struct cni_pod **podp, int netns_fd, struct cni_error *e);
void cni_pod_close(struct cni_pod *pod);
int cni_pod_link(struct cni_pod *pod, const char *ifname,
		 struct cni_link *link);
/*
 * Configure @ifname in the pod: arp_notify, ndisc_notify, optimistic
 * DAD, link up, every ip and route of @result that is on interface 0,
 * then announce the addresses (gratuitous ARP, unsolicited NA).
 */
int cni_pod_configure(struct cni_pod *pod, const struct cni_link *link,
		      const char *ifname, json_object *result,
		      struct cni_error *e);
/*
 * A bond named @ifname with @bond's options in the pod: 0, -EEXIST when
 * a link of that name exists, or the error in @e.
 */
int cni_pod_bond_add(struct cni_pod *pod, const char *ifname,
		     const struct cni_bond *bond, struct cni_error *e);
/* Delete @ifname in the pod: 0, -ENODEV when it is not there, -errno. */
int cni_pod_link_del(struct cni_pod *pod, const char *ifname);
/*
 * RPS: @mask (sysfs hex) into every rx queue of @ifname in the pod. 0,
 * -EINVAL when the kernel refuses the mask (only isolated CPUs in it;
 * @e untouched), or the error in @e.
 */
int cni_pod_rps(struct cni_pod *pod, const char *ifname, const char *mask,
		struct cni_error *e);
/* One of the member's vectors: its IRQ number and the CPU it was placed on. */
struct cni_vector {
	unsigned int irq;
	int cpu;
};
/*
 * XPS: each tx queue of @ifname in the pod gets the CPU of the vector
 * that serves it (found by the IRQ's name: *-TxRx-N, *-tx-N,
 * *-output.N, mlx5_compN@...). When a queue has no such vector, XPS is
 * left alone and the log says why: 0 either way, or the error in @e.
 */
int cni_pod_xps(struct cni_pod *pod, const char *ifname,
		const struct cni_vector *vecs, size_t n, struct cni_error *e);
/* CHECK: every address of @result on interface 0 is on the link. */
int cni_pod_check_addrs(struct cni_pod *pod, const struct cni_link *link,
			json_object *result, struct cni_error *e);

#endif /* VFPOOL_CNI_H */
