// SPDX-License-Identifier: GPL-2.0
/*
 * A seeded fuzzer for the vfpool genetlink family, built from the YNL
 * spec. selftests/src/gen-fuzz-spec turns
 * Documentation/netlink/specs/vfpool.yaml into tables (fuzz-spec.h) of
 * every operation and every attribute set; the requests are made from
 * those tables only, so an operation or attribute added to the spec is
 * fuzzed without a change here.
 *
 * Each request is an operation's top-level nest with a random subset of
 * its set's attributes. At the start the kernel's per-op policies are
 * read (nlctrl CTRL_CMD_GETPOLICY): most requests carry only attributes
 * their op accepts, with values within the kernel's and the spec's
 * checks and names of objects that exist (pools POOL_PREFIX<0..3>, the
 * member netdevs, the PF, real PCI functions, the fuzz netns by fd, pid
 * and cookie, owners, the bond and the churn's leases in that netns);
 * some carry attributes their op refuses, values out of range, wrong
 * lengths or types, wrong nests; and a mutation stage flips bytes,
 * truncates, lies about lengths, duplicates attributes and changes
 * header flags, versions and commands. A few requests are random
 * attribute soup. Meanwhile a churn process creates and deletes pools,
 * members and leases (into the netns) and enslaves and releases them to
 * and from the bond there with the client library, so requests race
 * with real state changes. At the end every object the run made is
 * removed and the module must still answer correctly.
 *
 *   fuzz [-p PF] [-b BOND] [-o OPS] MESSAGES WORKERS POOL_PREFIX MEMBER...
 *        [-- NETNS_PATH]
 *
 * PF is a PF netdev, BOND a bond in the netns. OPS (default
 * /sys/kernel/debug/vfpool/ops) counts, per command, the requests that
 * passed the policy and reached the handler; it is read before and
 * after the run, and with MESSAGES >= 2000 every command of the spec
 * must have been reached, and every attribute of every set sent. The
 * churn's own requests are counted and taken off. FUZZ_SEED=N
 * reproduces a run (the seed is printed); FUZZ_VERBOSE=1 prints each
 * worker's most frequent refusals (command, errno, extack message).
 * TAP on stdout; exit 0 pass, 1 fail.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "vfpool.h"
#include "fuzz-spec.h"		/* generated from the spec: bin/gen/ */

#define MSG_MAX		4096
#define DEPTH_MAX	3
#define N_POOLS		4
#define N_IDS		16
#define N_PCI		32
#define KPOL_MAX	64
#define CHECK_MIN	2000	/* messages for the coverage checks */
#define TOP_SET		(fz_ops[0].set)

static uint64_t rng_state;
static int family;
static const char *pool_prefix, *pf, *bond = "bondfz";
static const char *ops_path = "/sys/kernel/debug/vfpool/ops";
static char **members;
static unsigned int *member_ifindex;
static int n_members;
static unsigned int pf_ifindex, bond_ifindex;
static int netns_fd = -1;
static pid_t netns_pid;		/* a process in the netns */
static uint64_t netns_cookie;
static char pci[N_PCI][16];	/* real PCI functions */
static bool pci_pf[N_PCI];	/* ... that can have VFs */
static int n_pci;

/* xorshift64*: small, fast, and the same sequence for the same seed */
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static bool chance(unsigned int percent)
{
	return below(100) < percent;
}

#define PICK(array) (array)[below(sizeof(array) / sizeof((array)[0]))]

/*
 * What every process of the run counts, in memory shared by all: the
 * requests the workers sent and the churn's, by command and do/dump, and
 * how many of each succeeded,
 * every attribute the workers sent, by set and id, and the ids of the
 * churn's latest leases, for requests that name them.
 */
struct stats {
	long sent[FZ_CMD_MAX + 1][2];
	long acked[FZ_CMD_MAX + 1];		/* do requests answered 0 */
	long churn[FZ_CMD_MAX + 1][2];
	long churn_ok[FZ_CMD_MAX + 1];
	long attrs[FZ_N_SETS][FZ_ATTR_ID_MAX + 1];
	uint64_t lease_ids[N_IDS];
};

static struct stats *st;
/* This worker's attribute counts: rare ones are picked first. */
static long my_attrs[FZ_N_SETS][FZ_ATTR_ID_MAX + 1];

#define COUNT(x) __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)

/*
 * The kernel's policies, from the policy dump: each policy by index,
 * each attribute it accepts with its type and limits; and each
 * command's policy for do and for dump (-1: unknown).
 */
struct kattr {
	bool present;
	uint32_t type;			/* NL_ATTR_TYPE_* */
	bool has_min, has_max, has_mask;
	long long min, max;
	uint64_t mask;
	int min_len, max_len;		/* -1: none */
	int policy;			/* of a nest; -1: none */
};

static struct kattr kpol[KPOL_MAX][FZ_ATTR_ID_MAX + 1];
static int op_policy[FZ_CMD_MAX + 1][2];

static const struct kattr *kattr_of(int pol, unsigned int id)
{
	if (pol < 0 || pol >= KPOL_MAX || id > FZ_ATTR_ID_MAX || !kpol[pol][id].present)
		return NULL;
	return &kpol[pol][id];
}

/* Attribute iteration over a buffer, for the policy dump and ops. */
struct nla_iter {
	const unsigned char *p;
	size_t left;
};

static const struct nlattr *nla_iter_next(struct nla_iter *it)
{
	const struct nlattr *a = (const void *)it->p;
	size_t step;

	if (it->left < NLA_HDRLEN || a->nla_len < NLA_HDRLEN || a->nla_len > it->left)
		return NULL;
	step = NLA_ALIGN(a->nla_len);
	if (step > it->left)
		step = it->left;
	it->p += step;
	it->left -= step;
	return a;
}

static struct nla_iter nla_inner(const struct nlattr *a)
{
	return (struct nla_iter){ (const unsigned char *)a + NLA_HDRLEN,
				  a->nla_len - NLA_HDRLEN };
}

static uint64_t nla_uint(const struct nlattr *a)
{
	uint64_t v64 = 0;
	uint32_t v32 = 0;

	if (a->nla_len >= NLA_HDRLEN + 8) {
		memcpy(&v64, (const char *)a + NLA_HDRLEN, 8);
		return v64;
	}
	if (a->nla_len >= NLA_HDRLEN + 4)
		memcpy(&v32, (const char *)a + NLA_HDRLEN, 4);
	return v32;
}

#define NLA_KIND(a) ((a)->nla_type & NLA_TYPE_MASK)

static void policy_attr(int pol, const struct nlattr *nest)
{
	unsigned int id = NLA_KIND(nest);
	struct nla_iter it = nla_inner(nest);
	const struct nlattr *a;
	struct kattr *k;
	uint64_t v;

	if (pol >= KPOL_MAX || id > FZ_ATTR_ID_MAX)
		return;
	k = &kpol[pol][id];
	*k = (struct kattr){ .present = true, .min_len = -1, .max_len = -1, .policy = -1 };
	while ((a = nla_iter_next(&it))) {
		v = nla_uint(a);
		switch (NLA_KIND(a)) {
		case NL_POLICY_TYPE_ATTR_TYPE:
			k->type = v;
			break;
		case NL_POLICY_TYPE_ATTR_MIN_VALUE_S:
		case NL_POLICY_TYPE_ATTR_MIN_VALUE_U:
			k->has_min = true;
			k->min = (long long)v;
			break;
		case NL_POLICY_TYPE_ATTR_MAX_VALUE_S:
			k->has_max = true;
			k->max = (long long)v;
			break;
		case NL_POLICY_TYPE_ATTR_MAX_VALUE_U:
			k->has_max = true;
			k->max = v > LLONG_MAX ? LLONG_MAX : (long long)v;
			break;
		case NL_POLICY_TYPE_ATTR_MIN_LENGTH:
			k->min_len = v;
			break;
		case NL_POLICY_TYPE_ATTR_MAX_LENGTH:
			k->max_len = v;
			break;
		case NL_POLICY_TYPE_ATTR_POLICY_IDX:
			k->policy = v;
			break;
		case NL_POLICY_TYPE_ATTR_MASK:
			k->has_mask = true;
			k->mask = v;
			break;
		}
	}
}

static void policy_msg(const struct nlmsghdr *nlh)
{
	struct nla_iter it = { (const unsigned char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
			       nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN };
	const struct nlattr *a, *b, *c, *d;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return;
	while ((a = nla_iter_next(&it))) {
		struct nla_iter i1 = nla_inner(a);

		if (NLA_KIND(a) == CTRL_ATTR_OP_POLICY) {
			while ((b = nla_iter_next(&i1))) {
				struct nla_iter i2 = nla_inner(b);
				unsigned int cmd = NLA_KIND(b);

				while (cmd <= FZ_CMD_MAX && (c = nla_iter_next(&i2))) {
					if (NLA_KIND(c) == CTRL_ATTR_POLICY_DO)
						op_policy[cmd][0] = nla_uint(c);
					else if (NLA_KIND(c) == CTRL_ATTR_POLICY_DUMP)
						op_policy[cmd][1] = nla_uint(c);
				}
			}
		} else if (NLA_KIND(a) == CTRL_ATTR_POLICY) {
			while ((b = nla_iter_next(&i1))) {
				struct nla_iter i2 = nla_inner(b);

				while ((d = nla_iter_next(&i2)))
					policy_attr(NLA_KIND(b), d);
			}
		}
	}
}

/* The family's policies, by hand: CTRL_CMD_GETPOLICY dump. 0 or -errno. */
static int load_policy(void)
{
	static unsigned char rx[1 << 16];
	struct {
		struct nlmsghdr nlh;
		struct genlmsghdr gh;
		struct nlattr a;
		uint16_t id;
		uint16_t pad;
	} req = {
		.nlh = { .nlmsg_len = sizeof(req), .nlmsg_type = GENL_ID_CTRL,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
		.gh = { .cmd = CTRL_CMD_GETPOLICY, .version = 2 },
		.a = { .nla_len = NLA_HDRLEN + 2, .nla_type = CTRL_ATTR_FAMILY_ID },
		.id = family,
	};
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	int err = -EPROTO, cmd;
	ssize_t n;

	for (cmd = 0; cmd <= FZ_CMD_MAX; cmd++)
		op_policy[cmd][0] = op_policy[cmd][1] = -1;
	if (fd < 0)
		return -errno;
	if (send(fd, &req, sizeof(req), 0) < 0) {
		err = -errno;
		goto out;
	}
	while ((n = recv(fd, rx, sizeof(rx), 0)) > 0) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)rx;

		for (; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == NLMSG_DONE) {
				err = 0;
				goto out;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				err = ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
				goto out;
			}
			policy_msg(nlh);
		}
	}
	if (n < 0)
		err = -errno;
out:
	close(fd);
	return err;
}

/*
 * What a value names, by the spec's attribute names: a set and attribute
 * name, or any set (NULL). Attributes not named here get values by their
 * type and checks alone.
 */
enum kind {
	K_NONE, K_POOL, K_POOL_ALT, K_MEMBER, K_MEMBER_IFINDEX, K_PF, K_PF_IFINDEX, K_PCI,
	K_PF_PCI, K_OWNER, K_NS_IFNAME, K_NETNS_FD, K_NETNS_PID, K_NETNS_COOKIE,
	K_LEASE_ID, K_NETWORK, K_NUMA, K_COUNT, K_BOND, K_BOND_IFINDEX, K_CPUS,
	K_MAC, K_VLAN_PROTO, K_MTU, K_VF_INDEX, K_NS_IFINDEX, K_DRIVER,
};

static const struct {
	const char *set, *attr;
	enum kind kind;
} kinds[] = {
	{ "pool", "name", K_POOL },
	{ "lease", "pool-name", K_POOL_ALT },	/* or a member */
	{ "irq", "pool-name", K_POOL_ALT },	/* or a member */
	{ NULL, "pool-name", K_POOL },
	{ "member", "ifname", K_MEMBER },
	{ NULL, "member-ifname", K_MEMBER },
	{ "member", "ifindex", K_MEMBER_IFINDEX },
	{ NULL, "member-ifindex", K_MEMBER_IFINDEX },
	{ NULL, "pf-ifname", K_PF },
	{ NULL, "pf-ifindex", K_PF_IFINDEX },
	{ NULL, "pf-pci", K_PF_PCI },
	{ NULL, "pci", K_PCI },
	{ NULL, "member-pci", K_PCI },
	{ NULL, "owner-id", K_OWNER },
	{ "lease", "ifname", K_NS_IFNAME },
	{ "bond", "link", K_NS_IFNAME },
	{ NULL, "netns-fd", K_NETNS_FD },
	{ NULL, "netns-pid", K_NETNS_PID },
	{ NULL, "netns-cookie", K_NETNS_COOKIE },
	{ "lease", "id", K_LEASE_ID },
	{ NULL, "lease-id", K_LEASE_ID },
	{ NULL, "network", K_NETWORK },
	{ NULL, "numa-node", K_NUMA },
	{ NULL, "count", K_COUNT },
	{ "bond", "ifname", K_BOND },
	{ NULL, "bond-ifname", K_BOND },
	{ "bond", "ifindex", K_BOND_IFINDEX },
	{ NULL, "bond-ifindex", K_BOND_IFINDEX },
	{ NULL, "cpus", K_CPUS },
	{ NULL, "irq-cpus", K_CPUS },
	{ NULL, "banned-cpus", K_CPUS },
	{ NULL, "irq-banned-cpus", K_CPUS },
	{ NULL, "mac", K_MAC },
	{ NULL, "vlan-proto", K_VLAN_PROTO },
	{ NULL, "mtu", K_MTU },
	{ NULL, "vf-index", K_VF_INDEX },
	{ "lease", "ifindex", K_NS_IFINDEX },
	{ NULL, "driver", K_DRIVER },
};

static enum kind kind_of[FZ_N_SETS][FZ_ATTR_ID_MAX + 1];

static void init_kinds(void)
{
	int s, i;
	size_t k;

	for (s = 0; s < FZ_N_SETS; s++)
		for (i = 0; i < (int)fz_sets[s].n_attrs; i++)
			for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
				if ((!kinds[k].set || !strcmp(kinds[k].set, fz_sets[s].name)) &&
				    !strcmp(kinds[k].attr, fz_sets[s].attrs[i].name)) {
					kind_of[s][fz_sets[s].attrs[i].id] = kinds[k].kind;
					break;
				}
}

static const char *const owners[] = { "fz-0", "fz-1", "fz-2", "fz-3" };
static const char *const ns_ifnames[] = { "net0", "net1", "net2", "fz%d", "fz1" };
static const char *const cpu_lists[] = { "0", "0-1", "1,3", "0-3,8", "1", "", "3-1",
					 "0-1023", "x" };

static const char *a_member(void)
{
	return members[below(n_members)];
}

static uint64_t a_lease_id(void)
{
	uint64_t id = __atomic_load_n(&st->lease_ids[below(N_IDS)], __ATOMIC_RELAXED);

	return id && chance(80) ? id : 1 + below(64);
}

/* A string that names something (NUL not included), or random text. */
static size_t str_value(enum kind kind, char *s, size_t size)
{
	size_t len, i;

	switch (kind) {
	case K_POOL:
	case K_POOL_ALT:
		return snprintf(s, size, "%s%u", pool_prefix, below(N_POOLS + chance(10)));
	case K_MEMBER:
		return snprintf(s, size, "%s", chance(95) ? a_member() : "lo");
	case K_PF:
		return snprintf(s, size, "%s", pf && chance(80) ? pf : a_member());
	case K_PCI:
	case K_PF_PCI:
		if (!n_pci || chance(5))
			return snprintf(s, size, "%s", chance(50) ? "0000:00:04.7" : "nope");
		for (i = 0; i < 4; i++) {	/* PFs for a PF, mostly */
			int at = below(n_pci);

			if ((kind == K_PF_PCI) == pci_pf[at] || i == 3)
				return snprintf(s, size, "%s", pci[at]);
		}
		break;
	case K_OWNER:		/* the churn's leases are in the netns, by the bond */
		return snprintf(s, size, "%s", chance(50) ? "fz-churn" : PICK(owners));
	case K_NS_IFNAME:
		return snprintf(s, size, "%s", PICK(ns_ifnames));
	case K_NETWORK:
		return snprintf(s, size, "%s", chance(50) ? "netA" : "netB");
	case K_BOND:
		return snprintf(s, size, "%s", chance(80) ? bond : a_member());
	case K_CPUS:
		return snprintf(s, size, "%s", PICK(cpu_lists));
	case K_DRIVER:
		return snprintf(s, size, "%s", chance(50) ? "dummy" : "netdevsim");
	default:
		break;
	}
	len = 1 + below(chance(90) ? 16 : size - 1);
	for (i = 0; i < len && i < size - 1; i++)
		s[i] = 'a' + below(26);
	s[i] = 0;
	return i;
}

static long long int_value(enum kind kind, const struct fz_attr *a)
{
	long long v;
	int i;

	switch (kind) {
	case K_MEMBER_IFINDEX:
		return chance(95) ? member_ifindex[below(n_members)] : 1;
	case K_PF_IFINDEX:
		return pf_ifindex && chance(80) ? pf_ifindex : member_ifindex[below(n_members)];
	case K_NETNS_FD:
		return netns_fd >= 0 && chance(90) ? netns_fd : (int)below(8);
	case K_NETNS_PID:
		return netns_pid && chance(85) ? netns_pid : getpid();
	case K_NETNS_COOKIE:
		return netns_cookie && chance(80) ? (long long)netns_cookie : 1 + below(8);
	case K_LEASE_ID:
		return a_lease_id();
	case K_NUMA:
		return chance(70) ? 0 : a->type == FZ_S32 ? -1 : 1;
	case K_COUNT:
		return chance(90) ? 1 + below(3) : 1 + below(64);
	case K_BOND_IFINDEX:
		return bond_ifindex && chance(80) ? bond_ifindex : 1 + below(16);
	case K_VLAN_PROTO:
		return chance(50) ? 0x8100 : chance(90) ? 0x88a8 : below(0x10000);
	case K_MTU:
		return chance(80) ? 1280 + below(8000) : chance(50) ? 68 : 65535;
	case K_VF_INDEX:
		return below(4);
	case K_NS_IFINDEX:
		return 1 + below(16);
	default:
		break;
	}
	if (a->n_enum) {
		if (!a->enum_flags)
			return a->enum_vals[below(a->n_enum)];
		for (v = 0, i = 0; i < a->n_enum; i++)
			if (chance(50))
				v |= a->enum_vals[i];
		return v;
	}
	if (a->has_min || a->has_max) {
		long long lo = a->has_min ? a->min : 0;
		long long hi = a->has_max ? a->max : lo + 1000;

		switch (below(4)) {
		case 0:
			return lo;
		case 1:
			return hi;
		default:
			return lo + below(hi - lo + 1);
		}
	}
	return chance(50) ? below(16) :
	       (long long)PICK(((const uint32_t[]){ 0, 1, 7, 64, 255, 4095, 65535,
						     600000, 0x7fffffff }));
}

static int int_size(enum fz_type t)
{
	switch (t) {
	case FZ_U8:
	case FZ_S8:
		return 1;
	case FZ_U16:
	case FZ_S16:
		return 2;
	case FZ_U32:
	case FZ_S32:
		return 4;
	case FZ_U64:
	case FZ_S64:
		return 8;
	default:
		return 0;
	}
}

static bool is_signed(enum fz_type t)
{
	return t == FZ_S8 || t == FZ_S16 || t == FZ_S32 || t == FZ_S64;
}

/* Little-endian hosts only, like the kernel's netlink in practice. */
static size_t put_int(unsigned char *out, long long v, int size)
{
	memcpy(out, &v, size);
	return size;
}

/* The old machinery's payload: sometimes right for something, somewhere. */
static size_t payload(unsigned char *out, size_t room)
{
	char s[300];
	size_t len;
	uint32_t v;

	switch (below(8)) {
	case 0:
		len = str_value(PICK(((const enum kind[]){ K_POOL, K_MEMBER, K_OWNER, K_PCI,
							  K_NS_IFNAME, K_BOND, K_CPUS })),
				s, sizeof(s));
		break;
	case 1:		/* a long string */
		len = below(sizeof(s));
		memset(s, 'a' + below(26), len);
		break;
	case 2:		/* u32 near a limit */
		v = PICK(((const uint32_t[]){ 0, 1, 2, 3, 4, 7, 15, 16, 63, 64, 65, 255, 256,
					      4094, 4095, 4096, 65535, 65536, 600000, 600001,
					      0x7fffffff, 0x80000000, 0xffffffff }));
		memcpy(s, &v, 4);
		len = 4;
		break;
	case 3:		/* an ifindex, a netns fd or a pid */
		v = PICK(((const uint32_t[]){ below(32), (uint32_t)netns_fd, (uint32_t)netns_pid,
					      (uint32_t)getpid(), 1, 0, (uint32_t)-1 }));
		memcpy(s, &v, 4);
		len = 4;
		break;
	case 4:		/* u64 */
		put_int((unsigned char *)s, a_lease_id(), 8);
		len = 8;
		break;
	case 5:		/* a MAC */
		memcpy(s, (const unsigned char[]){ 0x02, 0, 0, 0, 0xfe, below(256) }, 6);
		if (chance(20))
			s[0] = 1;	/* multicast */
		len = 6;
		break;
	default:	/* random bytes of a random length */
		len = below(chance(80) ? 16 : sizeof(s));
		for (size_t i = 0; i < len; i++)
			s[i] = rnd();
		break;
	}
	/* strings usually carry their NUL; sometimes they do not */
	if (len < sizeof(s) && chance(75))
		s[len++] = 0;
	if (len > room)
		len = room;
	memcpy(out, s, len);
	return len;
}

/*
 * The payload of a leaf attribute: valid for the spec and the kernel's
 * policy @k (NULL: unknown, the spec's checks alone) unless @bad.
 */
static size_t leaf_value(int set, const struct fz_attr *a, const struct kattr *k, bool bad,
			 unsigned char *out, size_t room)
{
	enum kind kind = kind_of[set][a->id];
	int size = int_size(a->type);
	char s[1100];
	size_t len;
	int max_len;
	long long v;

	if (bad) {
		switch (below(4)) {
		case 0:		/* something else entirely */
			return payload(out, room);
		case 1:		/* an integer of the wrong size */
			if (room < 8)
				return 0;
			return put_int(out, int_value(kind, a),
				       PICK(((const int[]){ 0, 1, 2, 3, 4, 8, 5 })));
		case 2:		/* out of range */
			if (size && k && (k->has_max || k->has_mask)) {
				v = k->has_mask ? (long long)(~k->mask & ((1ULL << (size * 8 - 1)) |
									 1ULL << below(size * 8)))
				    : k->max + 1 + below(4);
				return put_int(out, v, size);
			}
			if (size && k && k->has_min && k->min > LLONG_MIN)
				return put_int(out, k->min - 1, size);
			if (size && a->has_max)
				return put_int(out, a->max + 1, size);
			break;
		default:	/* a string that is too long or not terminated */
			if (a->type == FZ_STRING || a->type == FZ_BINARY) {
				max_len = k && k->max_len >= 0 ? k->max_len : a->max_len;
				len = max_len >= 0 && chance(70) ? max_len + 1 + below(8) :
				      1 + below(40);
				if (len > room)
					len = room;
				memset(out, 'a' + below(26), len);
				if (chance(30))	/* ends in NUL but too long */
					out[len - 1] = 0;
				return len;
			}
			break;
		}
		return payload(out, room);
	}

	switch (a->type) {
	case FZ_NEST:		/* a nest sent as a leaf */
		return payload(out, room);
	case FZ_STRING:
		len = str_value(kind, s, sizeof(s));
		max_len = k && k->max_len >= 0 ? k->max_len : a->max_len;
		if (max_len >= 0 && len > (size_t)max_len)
			len = max_len;
		s[len++] = 0;
		break;
	case FZ_BINARY:
		if (kind == K_MAC) {
			memcpy(s, (const unsigned char[]){ 0x02, 0, 0, 0, 0xfe, below(256) }, 6);
			if (chance(10))
				s[0] = 1;	/* multicast: the handler refuses it */
			len = 6;
		} else {
			int lo = k && k->min_len >= 0 ? k->min_len : a->min_len > 0 ? a->min_len : 0;
			int hi = k && k->max_len >= 0 ? k->max_len : a->max_len >= 0 ? a->max_len : 16;

			len = hi > lo ? lo + (int)below(hi - lo + 1) : lo;
			if (len > sizeof(s))
				len = sizeof(s);
			for (size_t i = 0; i < len && i < sizeof(s); i++)
				s[i] = rnd();
		}
		break;
	case FZ_FLAG:
		len = 0;
		break;
	case FZ_PAD:
		len = chance(50) ? 0 : 4;
		memset(s, 0, len);
		break;
	default:		/* integers */
		v = int_value(kind, a);
		if (k && k->has_mask)
			v &= k->mask;
		if (k && k->has_min && v < k->min)
			v = k->min;
		if (k && k->has_max && v > k->max)
			v = k->max;
		if (!is_signed(a->type) && v < 0 && !k)
			v = 0;
		len = put_int((unsigned char *)s, v, size);
		break;
	}
	if (len > room)
		len = room;
	memcpy(out, s, len);
	return len;
}

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static void *put(struct buf *b, const void *data, size_t len)
{
	void *at;

	if (b->len + len > b->cap)
		return NULL;
	at = b->p + b->len;
	if (data)
		memcpy(at, data, len);
	else
		memset(at, 0, len);
	b->len += len;
	return at;
}

static void put_pad(struct buf *b)
{
	put(b, NULL, NLA_ALIGN(b->len) - b->len);
}

static void nest_body(struct buf *b, int set, int pol, int depth);

/* One attribute of @set (policy @pol, -1 unknown), counted as sent. */
static void emit_attr(struct buf *b, int set, const struct fz_attr *a, int pol, int depth)
{
	const struct kattr *k = kattr_of(pol, a->id);
	size_t start = b->len;
	struct nlattr *nla;

	if (b->cap - b->len < NLA_HDRLEN + 16)
		return;
	nla = put(b, NULL, NLA_HDRLEN);
	nla->nla_type = a->id;
	if (a->type == FZ_NEST && !chance(2)) {
		int inner = a->nest, inner_pol = k ? k->policy : -1;

		if (chance(3)) {	/* the wrong nest */
			inner = below(FZ_N_SETS);
			inner_pol = -1;
		}
		if (chance(98))
			nla->nla_type |= NLA_F_NESTED;
		if (depth < DEPTH_MAX)
			nest_body(b, inner, inner_pol, depth + 1);
	} else {
		b->len += leaf_value(set, a, k, chance(4), b->p + b->len,
				     b->cap - b->len - 8);
	}
	nla = (struct nlattr *)(b->p + start);
	nla->nla_len = b->len - start;
	put_pad(b);
	COUNT(st->attrs[set][a->id]);
	my_attrs[set][a->id]++;
}

/*
 * One attribute of @set that @pol does not accept (any, when @pol is
 * unknown): half the time the one this worker sent least.
 */
static const struct fz_attr *off_policy(int set, int pol, const unsigned int *skip, int n_skip)
{
	const struct fz_set *s = &fz_sets[set];
	const struct fz_attr *best = NULL, *cand[FZ_ATTR_ID_MAX + 1];
	int n = 0, i, j;

	for (i = 0; i < (int)s->n_attrs; i++) {
		const struct fz_attr *a = &s->attrs[i];

		if (kattr_of(pol, a->id))
			continue;
		for (j = 0; j < n_skip && skip[j] != a->id; j++)
			;
		if (j < n_skip)
			continue;
		cand[n++] = a;
		if (!best || my_attrs[set][a->id] < my_attrs[set][best->id])
			best = a;
	}
	if (!n)
		return NULL;
	return chance(50) ? best : cand[below(n)];
}

/*
 * Attributes that name one thing in different ways (a member by name,
 * ifindex or PCI address, or a pool to pick one from; a PF; a netns; a
 * bond): a request that makes sense carries at most one of each group.
 */
#define N_GROUPS 5

static int group_of(enum kind kind)
{
	switch (kind) {
	case K_POOL_ALT:
	case K_MEMBER:
	case K_MEMBER_IFINDEX:
	case K_PCI:
		return 1;
	case K_PF:
	case K_PF_IFINDEX:
	case K_PF_PCI:
		return 2;
	case K_NETNS_FD:
	case K_NETNS_PID:
		return 3;
	case K_BOND:
	case K_BOND_IFINDEX:
		return 4;
	default:
		return 0;
	}
}

/*
 * A random subset of what @pol accepts of @set, and now and then more.
 * Half the requests are coherent: one attribute of each group at most,
 * and a pool name and an owner almost always.
 */
static void nest_body(struct buf *b, int set, int pol, int depth)
{
	const struct fz_set *s = &fz_sets[set];
	bool coherent = chance(50);
	unsigned int density = coherent ? 50 : chance(50) ? 30 : 70;
	const struct fz_attr *a, *pick[N_GROUPS] = {};
	int i, n, g, seen[N_GROUPS] = {};

	for (i = 0; coherent && i < (int)s->n_attrs; i++) {
		a = &s->attrs[i];
		g = group_of(kind_of[set][a->id]);
		if (g && (pol < 0 || kattr_of(pol, a->id)) && !below(++seen[g]))
			pick[g] = a;		/* one of the group, uniformly */
	}
	for (g = 1; g < N_GROUPS; g++)
		if (chance(40))
			pick[g] = NULL;
	for (i = 0; i < (int)s->n_attrs; i++) {
		a = &s->attrs[i];
		if (pol >= 0 && !kattr_of(pol, a->id))
			continue;
		g = group_of(kind_of[set][a->id]);
		if (coherent && g) {
			if (pick[g] != a)
				continue;
		} else if (!chance(coherent && (kind_of[set][a->id] == K_OWNER ||
						kind_of[set][a->id] == K_POOL) ? 90 : density)) {
			continue;
		}
		n = a->multi && chance(30) ? 1 + below(3) : 1;
		while (n--)
			emit_attr(b, set, a, pol, depth);
	}
	if (chance(pol >= 0 ? 12 : 5)) {
		n = 1 + below(2);
		while (n-- && (a = off_policy(set, pol, NULL, 0)))
			emit_attr(b, set, a, -1, depth);
	}
}

/* The old soup: random types and nests of the spec's sets, random payloads. */
static void soup(struct buf *b, int set, int depth)
{
	int n = chance(10) ? below(40) : below(8);

	while (n--) {
		const struct fz_set *s = &fz_sets[set];
		size_t start = b->len;
		struct nlattr *nla;
		unsigned int type;
		int i;

		if (b->cap - b->len < NLA_HDRLEN + 8)
			return;
		nla = put(b, NULL, NLA_HDRLEN);
		type = chance(90) ? below(s->max_id + 1) : below(64);
		nla->nla_type = type;
		for (i = 0; i < (int)s->n_attrs && s->attrs[i].id != type; i++)
			;
		if (depth < DEPTH_MAX &&
		    (chance(20) || (i < (int)s->n_attrs && s->attrs[i].type == FZ_NEST))) {
			int inner = i < (int)s->n_attrs && s->attrs[i].type == FZ_NEST &&
				    chance(80) ? s->attrs[i].nest : (int)below(FZ_N_SETS);

			if (chance(90))
				nla->nla_type |= NLA_F_NESTED;
			soup(b, inner, depth + 1);
		} else {
			b->len += payload(b->p + b->len, b->cap - b->len);
		}
		nla = (struct nlattr *)(b->p + start);
		nla->nla_len = b->len - start;
		if (chance(2))		/* a length that lies */
			nla->nla_len = chance(50) ? below(NLA_HDRLEN) : nla->nla_len + below(64);
		put_pad(b);
		/* a duplicate of the attribute just written */
		if (chance(5) && b->len - start <= b->cap - b->len)
			put(b, b->p + start, b->len - start);
	}
}

/* Ops with a handler (do or dump), weighted evenly; the others rarely. */
static const struct fz_op *pick_op(void)
{
	static const struct fz_op *with[FZ_N_OPS], *without[FZ_N_OPS];
	static int n_with, n_without;
	int i;

	if (!n_with && !n_without)
		for (i = 0; i < FZ_N_OPS; i++) {
			if (fz_ops[i].has_do || fz_ops[i].has_dump)
				with[n_with++] = &fz_ops[i];
			else
				without[n_without++] = &fz_ops[i];
		}
	if (n_without && (chance(4) || !n_with))
		return without[below(n_without)];
	return with[below(n_with)];
}

/* An op's request: its top-level nests, each a subset of its set. */
static void op_request(struct buf *b, struct nlmsghdr *nlh, struct genlmsghdr *gh)
{
	const struct fz_op *op = pick_op();
	bool dump = op->has_dump && (!op->has_do || chance(40));
	const unsigned int *ids = op->do_req;
	int n = op->n_do_req, pol, i, copies;

	gh->cmd = op->cmd;
	if (dump) {
		nlh->nlmsg_flags |= NLM_F_DUMP;
		if (op->n_dump_req || chance(50)) {
			ids = op->dump_req;
			n = op->n_dump_req;
		}
	} else if (!op->has_do && !op->has_dump) {
		ids = op->event;	/* a notification sent as a request */
		n = op->n_event;
	}
	pol = op->cmd <= FZ_CMD_MAX ? op_policy[op->cmd][dump] : -1;
	for (i = 0; i < n; i++) {
		const struct fz_attr *a = NULL;
		int j;

		for (j = 0; j < (int)fz_sets[op->set].n_attrs; j++)
			if (fz_sets[op->set].attrs[j].id == ids[i])
				a = &fz_sets[op->set].attrs[j];
		if (!a || chance(dump ? 30 : 3))
			continue;
		copies = a->multi && chance(10) ? 2 : 1;
		while (copies--)
			emit_attr(b, op->set, a, pol, 0);
	}
	if (chance(6)) {
		const struct fz_attr *a = off_policy(op->set, pol, ids, n);

		if (a)
			emit_attr(b, op->set, a, -1, 0);
	}
}

/* One request: header, genl header, attributes, then maybe mutations. */
static size_t request(unsigned char *p, uint32_t seq)
{
	struct buf b = { .p = p, .cap = MSG_MAX };
	struct nlmsghdr *nlh = put(&b, NULL, NLMSG_HDRLEN);
	struct genlmsghdr *gh = put(&b, NULL, GENL_HDRLEN);

	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	gh->version = VFPOOL_GENL_VERSION;
	if (chance(5)) {
		gh->cmd = chance(95) ? below(FZ_CMD_MAX + 1) : below(256);
		if (chance(25))
			nlh->nlmsg_flags |= NLM_F_DUMP;
		soup(&b, TOP_SET, 0);
	} else {
		op_request(&b, nlh, gh);
	}
	nlh->nlmsg_len = b.len;
	if (!chance(12))
		return b.len;

	/* Mutations. */
	switch (below(8)) {
	case 0: {		/* flip bits */
		int flips = 1 + below(4);

		while (flips--)
			p[NLMSG_HDRLEN + below(b.len - NLMSG_HDRLEN)] ^= 1 << below(8);
		break;
	}
	case 1:			/* truncate */
		if (b.len > NLMSG_HDRLEN + GENL_HDRLEN)
			b.len = NLMSG_HDRLEN + below(b.len - NLMSG_HDRLEN);
		break;
	case 2:			/* a message length that lies */
		nlh->nlmsg_len = below(b.len + 16);
		return b.len;
	case 3:			/* the first top-level attribute twice */
		if (b.len > NLMSG_HDRLEN + GENL_HDRLEN) {
			struct nlattr *first = (void *)(p + NLMSG_HDRLEN + GENL_HDRLEN);
			size_t len = NLA_ALIGN(first->nla_len);

			if (len && len <= b.len - NLMSG_HDRLEN - GENL_HDRLEN)
				put(&b, first, len);
		}
		break;
	case 4:			/* header flags */
		nlh->nlmsg_flags = NLM_F_REQUEST | (chance(70) ? NLM_F_ACK : 0) |
				   (chance(25) ? NLM_F_DUMP : 0) | below(0x1000);
		break;
	case 5:			/* version */
		gh->version = below(256);
		break;
	case 6:			/* another command, or one that does not exist */
		gh->cmd = chance(80) ? below(FZ_CMD_MAX + 1) : below(256);
		break;
	default:		/* another family */
		nlh->nlmsg_type = chance(50) ? GENL_ID_CTRL : below(64);
		break;
	}
	nlh->nlmsg_len = b.len;
	return b.len;
}

static int open_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	int one = 1, size = 1 << 20;

	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return fd;
}

/* What the kernel answered: acks by errno, and dump entries. */
static long answers[136], entries;
/* The command of each recent do request, by sequence number; 0: none. */
static uint8_t seq_cmd[1024];

/*
 * FUZZ_VERBOSE=1: each worker's most frequent refusals of do requests,
 * by command, errno and extack message: where requests stop.
 */
static bool verbose;
static struct refusal {
	uint8_t cmd;
	int code;
	char msg[96];
	long n;
} refusals[128];

static void note_refusal(const struct nlmsghdr *nlh, int cmd, int code)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t off = NLMSG_HDRLEN + sizeof(*e);
	struct nla_iter it;
	const struct nlattr *a;
	const char *msg = "";
	int i;

	if (nlh->nlmsg_len > off && (nlh->nlmsg_flags & NLM_F_ACK_TLVS)) {
		it = (struct nla_iter){ (const unsigned char *)nlh + off, nlh->nlmsg_len - off };
		while ((a = nla_iter_next(&it)))
			if (NLA_KIND(a) == NLMSGERR_ATTR_MSG)
				msg = (const char *)a + NLA_HDRLEN;
	}
	for (i = 0; i < 128 && refusals[i].n; i++)
		if (refusals[i].cmd == cmd && refusals[i].code == code &&
		    !strncmp(refusals[i].msg, msg, sizeof(refusals[i].msg) - 1))
			break;
	if (i == 128)
		return;
	if (!refusals[i].n) {
		refusals[i].cmd = cmd;
		refusals[i].code = code;
		snprintf(refusals[i].msg, sizeof(refusals[i].msg), "%s", msg);
	}
	refusals[i].n++;
}

static int by_count(const void *a, const void *b)
{
	long d = ((const struct refusal *)b)->n - ((const struct refusal *)a)->n;

	return d > 0 ? 1 : d < 0 ? -1 : 0;
}

static const char *op_name(int cmd)
{
	int i;

	for (i = 0; i < FZ_N_OPS; i++)
		if ((int)fz_ops[i].cmd == cmd)
			return fz_ops[i].name;
	return "?";
}

static void report_refusals(int id)
{
	int i;

	qsort(refusals, 128, sizeof(refusals[0]), by_count);
	for (i = 0; i < 40 && refusals[i].n; i++)
		printf("# worker %d refusal: %-13s %5ld %s %s\n", id, op_name(refusals[i].cmd),
		       refusals[i].n, strerrorname_np(refusals[i].code) ?: "?", refusals[i].msg);
}

/* Reads what the kernel answered, without waiting for more. */
static void drain(int fd)
{
	static unsigned char rx[1 << 16];
	ssize_t n;

	while ((n = recv(fd, rx, sizeof(rx), MSG_DONTWAIT)) > 0 || errno == ENOBUFS) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)rx;

		for (; n > 0 && NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);
				int code = -e->error;

				answers[code >= 0 && code < 135 ? code : 135]++;
				if (!code && seq_cmd[nlh->nlmsg_seq % 1024])
					COUNT(st->acked[seq_cmd[nlh->nlmsg_seq % 1024]]);
				else if (verbose && seq_cmd[nlh->nlmsg_seq % 1024])
					note_refusal(nlh, seq_cmd[nlh->nlmsg_seq % 1024], code);
			} else if (nlh->nlmsg_type != NLMSG_DONE) {
				entries++;
			}
		}
	}
}

static void report(int id)
{
	char line[512];
	int i, len;

	len = snprintf(line, sizeof(line), "# worker %d: %ld ok, %ld dump entries", id,
		       answers[0], entries);
	for (i = 1; i < 136 && len < (int)sizeof(line) - 32; i++)
		if (answers[i])
			len += snprintf(line + len, sizeof(line) - len, ", %ld %s", answers[i],
					i < 135 ? strerrorname_np(i) : "other");
	printf("%s\n", line);
	if (verbose)
		report_refusals(id);
	fflush(stdout);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static int worker(int id, long n, uint64_t seed)
{
	static unsigned char msg[MSG_MAX];
	time_t started = time(NULL);
	int fd = open_socket();
	long i;

	struct sigaction sa = { .sa_handler = on_alarm };

	if (fd < 0)
		return 1;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: send returns */
	rng_state = seed ? seed : 1;
	for (i = 0; i < n; i++) {
		size_t len = request(msg, i + 1);
		struct nlmsghdr *nlh = (struct nlmsghdr *)msg;
		struct genlmsghdr *gh = NLMSG_DATA(nlh);
		int rc;

		/* Long runs take hours under KASAN: worker 0 shows progress. */
		if (id == 0 && n >= 20000 && i && i % (n / 10) == 0) {
			printf("# worker 0: %ld of %ld sent, %ld s\n", i, n,
			       (long)(time(NULL) - started));
			fflush(stdout);
		}
		seq_cmd[(i + 1) % 1024] = 0;
		if (nlh->nlmsg_type == family && len >= NLMSG_HDRLEN + GENL_HDRLEN &&
		    gh->cmd <= FZ_CMD_MAX) {
			bool dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;

			COUNT(st->sent[gh->cmd][dump]);
			if (!dump)
				seq_cmd[(i + 1) % 1024] = gh->cmd;
		}

		/* Nothing should block; if something does, a signal cuts it short. */
		alarm(1);
		rc = send(fd, msg, len, 0);
		alarm(0);
		if (rc < 0 && errno != EINVAL && errno != ENOBUFS && errno != EINTR &&
		    errno != EMSGSIZE && errno != ENOENT && errno != EPERM &&
		    errno != ECONNREFUSED && errno != EOPNOTSUPP) {
			fprintf(stderr, "fuzz: send: %s\n", strerror(errno));
			return 1;
		}
		drain(fd);
		/* A fresh socket now and then: dumps left half-read, closed. */
		if (chance(1)) {
			close(fd);
			fd = open_socket();
			if (fd < 0)
				return 1;
		}
	}
	close(fd);
	report(id);
	return 0;
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int note_lease_id(const struct vfpool_lease *lease, void *arg)
{
	(void)arg;
	if (lease->id)
		__atomic_store_n(&st->lease_ids[below(N_IDS)], lease->id, __ATOMIC_RELAXED);
	return 0;
}

/* A request of the churn: counted, and counted again when it succeeded. */
static int churned(int cmd, int ret)
{
	if (cmd <= FZ_CMD_MAX) {
		COUNT(st->churn[cmd][0]);
		if (!ret)
			COUNT(st->churn_ok[cmd]);
	}
	return ret;
}

/*
 * Two members leased into the netns as netN by the owner fz-churn and
 * enslaved to the bond there; then released from it, or one lease
 * ended while enslaved, or both left as they are for the workers'
 * requests to find.
 */
static void bond_round(struct vfpool *vp, const char *pool)
{
	unsigned int first = below(3), m0 = below(n_members);
	struct vfpool_bond bd = {};
	struct vfpool_pool p = {};
	int i;

	vfpool_set_str(&p, VFPOOL_POOL_A_NAME, name, pool);
	churned(VFPOOL_CMD_POOL_NEW, vfpool_pool_new(vp, &p));
	vfpool_set_str(&bd, VFPOOL_BOND_A_OWNER_ID, owner_id, "fz-churn");
	vfpool_set_str(&bd, VFPOOL_BOND_A_IFNAME, ifname, bond);
	for (i = 0; i < 2; i++) {
		struct vfpool_member m = {};
		struct vfpool_lease l = {};
		const char *member = members[(m0 + i) % n_members];
		char ifname[IFNAMSIZ];

		vfpool_set_str(&m, VFPOOL_MEMBER_A_POOL_NAME, pool_name, pool);
		vfpool_set_str(&m, VFPOOL_MEMBER_A_IFNAME, ifname, member);
		churned(VFPOOL_CMD_MEMBER_ADD, vfpool_member_add(vp, &m));
		snprintf(ifname, sizeof(ifname), "net%u", (first + i) % 3);
		vfpool_set_str(&l, VFPOOL_LEASE_A_MEMBER_IFNAME, member_ifname, member);
		vfpool_set_str(&l, VFPOOL_LEASE_A_OWNER_ID, owner_id, "fz-churn");
		vfpool_set_str(&l, VFPOOL_LEASE_A_IFNAME, ifname, ifname);
		vfpool_set(&l, VFPOOL_LEASE_A_NETNS_FD, netns_fd, netns_fd);
		if (!churned(VFPOOL_CMD_LEASE_NEW, vfpool_lease_new(vp, &l, note_lease_id, NULL)))
			strcpy(bd.links[bd.n_links++], ifname);
	}
	if (!bd.n_links)
		return;
	churned(VFPOOL_CMD_BOND_ENSLAVE, vfpool_bond_enslave(vp, &bd, NULL, NULL));
	switch (below(3)) {
	case 0:
		if (chance(50))
			bd.n_links = 0;		/* every one in the bond */
		churned(VFPOOL_CMD_BOND_RELEASE, vfpool_bond_release(vp, &bd, NULL, NULL));
		break;
	case 1: {
		struct vfpool_lease l = {};

		vfpool_set_str(&l, VFPOOL_LEASE_A_OWNER_ID, owner_id, "fz-churn");
		vfpool_set_str(&l, VFPOOL_LEASE_A_IFNAME, ifname, bd.links[0]);
		churned(VFPOOL_CMD_LEASE_DEL, vfpool_lease_del(vp, &l, NULL, NULL));
		break;
	}
	default:
		break;
	}
}

/*
 * Real state changes underneath: pools, members and leases come and go,
 * leases into the netns are enslaved to the bond there and released. Its
 * requests are counted, to be taken off the kernel's counts.
 */
static int churn(uint64_t seed)
{
	struct sigaction sa = { .sa_handler = on_term };
	struct vfpool *vp;
	char name[32];

	sigaction(SIGTERM, &sa, NULL);
	if (vfpool_open(&vp))
		return 1;
	rng_state = seed ^ 0x9e3779b97f4a7c15ULL;
	while (!stop) {
		struct vfpool_member m = {};
		struct vfpool_lease l = {};
		struct vfpool_pool p = {};

		snprintf(name, sizeof(name), "%s%u", pool_prefix, below(N_POOLS));
		switch (below(9)) {
		case 0:
			vfpool_set_str(&p, VFPOOL_POOL_A_NAME, name, name);
			churned(VFPOOL_CMD_POOL_NEW, vfpool_pool_new(vp, &p));
			break;
		case 1:
			churned(VFPOOL_CMD_POOL_DEL,
				vfpool_pool_del(vp, name, chance(50) ? VFPOOL_POOL_F_FORCE : 0));
			break;
		case 2:
		case 3:
			vfpool_set_str(&m, VFPOOL_MEMBER_A_POOL_NAME, pool_name, name);
			vfpool_set_str(&m, VFPOOL_MEMBER_A_IFNAME, ifname, a_member());
			if (chance(50))
				churned(VFPOOL_CMD_MEMBER_ADD, vfpool_member_add(vp, &m));
			else
				churned(VFPOOL_CMD_MEMBER_DEL, vfpool_member_del(vp, &m));
			break;
		case 4:
		case 5:
			vfpool_set_str(&l, VFPOOL_LEASE_A_POOL_NAME, pool_name, name);
			vfpool_set_str(&l, VFPOOL_LEASE_A_OWNER_ID, owner_id, "fz-churn");
			if (netns_fd >= 0 && chance(70)) {
				vfpool_set_str(&l, VFPOOL_LEASE_A_IFNAME, ifname, PICK(ns_ifnames));
				vfpool_set(&l, VFPOOL_LEASE_A_NETNS_FD, netns_fd, netns_fd);
			}
			if (chance(60))
				churned(VFPOOL_CMD_LEASE_NEW,
					vfpool_lease_new(vp, &l, note_lease_id, NULL));
			else
				churned(VFPOOL_CMD_LEASE_DEL, vfpool_lease_del(vp, &l, NULL, NULL));
			break;
		default:
			if (netns_fd >= 0)
				bond_round(vp, name);
			break;
		}
	}
	vfpool_close(vp);
	return 0;
}

static int n_tests, n_failed;

static void result(bool ok, const char *fmt, const char *detail)
{
	n_tests++;
	n_failed += !ok;
	printf("%s %d - %s%s%s\n", ok ? "ok" : "not ok", n_tests, fmt,
	       detail ? ": " : "", detail ? detail : "");
}

static void skip(const char *what, const char *why)
{
	n_tests++;
	printf("ok %d - %s # SKIP %s\n", n_tests, what, why);
}

static int count_lease(const struct vfpool_lease *lease, void *arg)
{
	(void)lease;
	(*(int *)arg)++;
	return 0;
}

struct names {
	char name[64][VFPOOL_POOL_NAME_MAX + 1];
	int n;
};

static int note_pool(const struct vfpool_pool *pool, void *arg)
{
	struct names *names = arg;

	if (names->n < 64)
		strcpy(names->name[names->n++], pool->name);
	return 0;
}

static struct names before;

/* Removes every pool of this run; then the module must work as before. */
static void check_sane(void)
{
	struct vfpool_member m = {};
	struct vfpool_lease l = {};
	struct vfpool_pool p = {};
	struct vfpool *vp;
	char name[32];
	int i, err, n = 0;

	err = vfpool_open(&vp);
	result(!err, "the family still resolves", err ? vfpool_strerror(err) : NULL);
	if (err)
		return;
	{
		struct names after = {};
		int j, gone = 0;

		/* Every pool the run made, whoever made it, with its leases. */
		err = vfpool_pool_dump(vp, note_pool, &after);
		for (i = 0; i < after.n; i++) {
			for (j = 0; j < before.n; j++)
				if (!strcmp(after.name[i], before.name[j]))
					break;
			if (j == before.n)
				gone += !vfpool_pool_del(vp, after.name[i], VFPOOL_POOL_F_FORCE);
		}
		printf("# %d pools made by the run deleted\n", gone);
		result(!err, "the pool dump still works", err ? vfpool_strerror(err) : NULL);
	}
	vfpool_lease_dump(vp, NULL, count_lease, &n);
	result(n == 0, "no lease is left", NULL);
	for (i = 0; i < n_members; i++)
		if (!if_nametoindex(members[i]))
			break;
	result(i == n_members, "every member is back in this netns under its name",
	       i < n_members ? members[i] : NULL);
	n = 0;

	snprintf(name, sizeof(name), "%s0", pool_prefix);
	vfpool_set_str(&p, VFPOOL_POOL_A_NAME, name, name);
	err = vfpool_pool_new(vp, &p);
	result(!err, "a pool can be made", err ? vfpool_ext_msg(vp) : NULL);
	vfpool_set_str(&m, VFPOOL_MEMBER_A_POOL_NAME, pool_name, name);
	vfpool_set_str(&m, VFPOOL_MEMBER_A_IFNAME, ifname, members[0]);
	err = vfpool_member_add(vp, &m);
	result(!err, "a member can be added", err ? vfpool_ext_msg(vp) : NULL);
	memset(&l, 0, sizeof(l));
	vfpool_set_str(&l, VFPOOL_LEASE_A_POOL_NAME, pool_name, name);
	vfpool_set_str(&l, VFPOOL_LEASE_A_OWNER_ID, owner_id, "fz-after");
	err = vfpool_lease_new(vp, &l, NULL, NULL);
	result(!err, "a lease is granted", err ? vfpool_ext_msg(vp) : NULL);
	vfpool_lease_dump(vp, NULL, count_lease, &n);
	result(n == 1, "the lease dump shows it", NULL);
	err = vfpool_lease_del(vp, &l, NULL, NULL);
	result(!err, "the lease is released", err ? vfpool_ext_msg(vp) : NULL);
	err = vfpool_pool_del(vp, name, 0);
	result(!err, "the pool is deleted", err ? vfpool_ext_msg(vp) : NULL);
	vfpool_close(vp);
}

/* debugfs vfpool/ops: "CMD DOIT DUMP" lines. false when unreadable. */
static bool read_ops(long counts[FZ_CMD_MAX + 1][2])
{
	FILE *f = fopen(ops_path, "r");
	char line[128];
	unsigned int cmd;
	long d, u;

	memset(counts, 0, sizeof(long) * (FZ_CMD_MAX + 1) * 2);
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%u %ld %ld", &cmd, &d, &u) == 3 && cmd <= FZ_CMD_MAX) {
			counts[cmd][0] = d;
			counts[cmd][1] = u;
		}
	fclose(f);
	return true;
}

/*
 * Per command: requests the workers sent, those that reached the handler
 * (the kernel's count less the churn's requests), and the checks.
 */
static void check_coverage(long n, bool have_before, long ops_before[][2],
			   long ops_after[][2])
{
	char missing[1024] = "";
	size_t len = 0;
	int i, s;

	printf("# sent: the workers' requests (do, dump); reached: those that passed the\n"
	       "# policy, the kernel's count (vfpool/ops: doit, dump) less the churn's\n"
	       "# requests; ok: the workers' do requests that succeeded; churn: its\n"
	       "# requests through the library, and those that succeeded\n");
	printf("# %-13s %6s %6s %5s %7s %6s %5s %5s %6s %5s\n", "command", "sent", "do", "dump",
	       "reached", "doit", "dump", "ok", "churn", "ok");
	for (i = 0; i < FZ_N_OPS; i++) {
		const struct fz_op *op = &fz_ops[i];
		long sent_do = st->sent[op->cmd][0], sent_dump = st->sent[op->cmd][1];
		long churn_n = st->churn[op->cmd][0] + st->churn[op->cmd][1];
		long r_do = ops_after[op->cmd][0] - ops_before[op->cmd][0];
		long r_dump = ops_after[op->cmd][1] - ops_before[op->cmd][1];
		long reached = r_do + r_dump - churn_n;

		if (!have_before)
			r_do = r_dump = reached = -1;
		printf("# %-13s %6ld %6ld %5ld %7ld %6ld %5ld %5ld %6ld %5ld%s\n", op->name,
		       sent_do + sent_dump, sent_do, sent_dump, reached, r_do, r_dump,
		       st->acked[op->cmd], churn_n, st->churn_ok[op->cmd],
		       op->has_do || op->has_dump ? "" : "  (event: no handler)");
		if (have_before && (op->has_do || op->has_dump) && reached <= 0 &&
		    len < sizeof(missing) - 32)
			len += snprintf(missing + len, sizeof(missing) - len, "%s%s",
					len ? ", " : "", op->name);
	}
	if (!have_before)
		skip("every command of the spec reached its handler",
		     "no debugfs vfpool/ops (module without CONFIG_DEBUG_FS?)");
	else if (n < CHECK_MIN)
		skip("every command of the spec reached its handler", "fewer than 2000 messages");
	else
		result(!len, "every command of the spec reached its handler",
		       len ? missing : NULL);

	len = 0;
	missing[0] = 0;
	for (s = 0; s < FZ_N_SETS; s++) {
		char line[1024];
		int l = snprintf(line, sizeof(line), "# set %s:", fz_sets[s].name);

		for (i = 0; i < (int)fz_sets[s].n_attrs; i++) {
			const struct fz_attr *a = &fz_sets[s].attrs[i];
			long c = st->attrs[s][a->id];

			if (l < (int)sizeof(line) - 40)
				l += snprintf(line + l, sizeof(line) - l, " %s %ld", a->name, c);
			if (!c && len < sizeof(missing) - 64)
				len += snprintf(missing + len, sizeof(missing) - len, "%s%s.%s",
						len ? ", " : "", fz_sets[s].name, a->name);
		}
		printf("%s\n", line);
	}
	if (n < CHECK_MIN)
		skip("every attribute of the spec was sent", "fewer than 2000 messages");
	else
		result(!len, "every attribute of the spec was sent", len ? missing : NULL);
}

/* Where the kernel's policies and the spec disagree on a type. */
static bool type_agrees(enum fz_type t, uint32_t k)
{
	switch (t) {
	case FZ_U8: return k == NL_ATTR_TYPE_U8;
	case FZ_U16: return k == NL_ATTR_TYPE_U16;
	case FZ_U32: return k == NL_ATTR_TYPE_U32;
	case FZ_U64: return k == NL_ATTR_TYPE_U64;
	case FZ_S8: return k == NL_ATTR_TYPE_S8;
	case FZ_S16: return k == NL_ATTR_TYPE_S16;
	case FZ_S32: return k == NL_ATTR_TYPE_S32;
	case FZ_S64: return k == NL_ATTR_TYPE_S64;
	case FZ_STRING: return k == NL_ATTR_TYPE_STRING || k == NL_ATTR_TYPE_NUL_STRING;
	case FZ_BINARY: return k == NL_ATTR_TYPE_BINARY;
	case FZ_FLAG: return k == NL_ATTR_TYPE_FLAG;
	case FZ_NEST: return k == NL_ATTR_TYPE_NESTED;
	default: return false;
	}
}

static void check_types(int set, int pol, int depth, char *out, size_t size, size_t *len)
{
	const struct fz_set *s = &fz_sets[set];
	unsigned int id;
	int i;

	if (pol < 0 || depth > DEPTH_MAX)
		return;
	for (id = 0; id <= FZ_ATTR_ID_MAX; id++) {
		const struct kattr *k = kattr_of(pol, id);
		const struct fz_attr *a = NULL;

		if (!k)
			continue;
		for (i = 0; i < (int)s->n_attrs; i++)
			if (s->attrs[i].id == id)
				a = &s->attrs[i];
		if ((!a || !type_agrees(a->type, k->type)) && *len < size - 64)
			*len += snprintf(out + *len, size - *len, "%s%s.%s (%u)",
					 *len ? ", " : "", s->name, a ? a->name : "?", id);
		if (a && a->type == FZ_NEST)
			check_types(a->nest, k->policy, depth + 1, out, size, len);
	}
}

/*
 * A process in the netns (for NETNS_PID) that tells the bond's ifindex
 * and the netns cookie there; killed at the end.
 */
static pid_t netns_holder(void)
{
	int fds[2];
	pid_t pid;
	struct {
		unsigned int ifindex;
		uint64_t cookie;
	} info = {};

	if (netns_fd < 0 || pipe(fds))
		return 0;
	pid = fork();
	if (pid == 0) {
		int sk;
		socklen_t len = sizeof(info.cookie);

		close(fds[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (setns(netns_fd, CLONE_NEWNET))
			_exit(1);
		info.ifindex = if_nametoindex(bond);
		sk = socket(AF_INET, SOCK_DGRAM, 0);
		if (sk >= 0)
			getsockopt(sk, SOL_SOCKET, SO_NETNS_COOKIE, &info.cookie, &len);
		if (write(fds[1], &info, sizeof(info)) != sizeof(info))
			_exit(1);
		close(fds[1]);
		for (;;)
			pause();
	}
	close(fds[1]);
	if (pid > 0 && read(fds[0], &info, sizeof(info)) == sizeof(info)) {
		bond_ifindex = info.ifindex;
		netns_cookie = info.cookie;
	}
	close(fds[0]);
	return pid > 0 ? pid : 0;
}

/* Real PCI functions; those with sriov_totalvfs can be PFs. */
static void find_pci(void)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *e;
	char path[300];

	while (d && (e = readdir(d)) && n_pci < N_PCI) {
		if (e->d_name[0] == '.' || strlen(e->d_name) >= sizeof(pci[0]))
			continue;
		strcpy(pci[n_pci], e->d_name);
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/sriov_totalvfs", e->d_name);
		pci_pf[n_pci++] = !access(path, F_OK);
	}
	if (d)
		closedir(d);
}

int main(int argc, char **argv)
{
	uint64_t seed = getenv("FUZZ_SEED") ? strtoull(getenv("FUZZ_SEED"), NULL, 0) :
			(uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	static long ops_before[FZ_CMD_MAX + 1][2], ops_after[FZ_CMD_MAX + 1][2];
	int i, workers, status, bad = 0, opt, err;
	pid_t churner, *pids;
	bool have_ops;
	struct nl_sock *sk;
	long n;

	verbose = getenv("FUZZ_VERBOSE") && atoi(getenv("FUZZ_VERBOSE"));
	while ((opt = getopt(argc, argv, "+p:b:o:")) != -1) {
		switch (opt) {
		case 'p':
			pf = optarg;
			break;
		case 'b':
			bond = optarg;
			break;
		case 'o':
			ops_path = optarg;
			break;
		default:
			return 2;
		}
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc < 5) {
		fprintf(stderr, "usage: fuzz [-p PF] [-b BOND] [-o OPS] MESSAGES WORKERS "
			"POOL_PREFIX MEMBER... [-- NETNS]\n");
		return 2;
	}
	n = atol(argv[1]);
	workers = atoi(argv[2]);
	pool_prefix = argv[3];
	members = argv + 4;
	for (i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			if (i + 1 < argc)
				netns_fd = open(argv[i + 1], O_RDONLY | O_CLOEXEC);
			break;
		}
		n_members++;
	}
	if (workers < 1 || n < 1 || !n_members) {
		fprintf(stderr, "fuzz: need MESSAGES, WORKERS and a member\n");
		return 2;
	}
	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk) || (family = genl_ctrl_resolve(sk, FZ_FAMILY_NAME)) < 0) {
		printf("1..0 # SKIP vfpool family not registered\n");
		return 4;
	}
	nl_socket_free(sk);
	st = mmap(NULL, sizeof(*st), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (st == MAP_FAILED) {
		perror("fuzz: mmap");
		return 1;
	}
	member_ifindex = calloc(n_members, sizeof(*member_ifindex));
	for (i = 0; i < n_members; i++)
		member_ifindex[i] = if_nametoindex(members[i]);
	if (pf)
		pf_ifindex = if_nametoindex(pf);
	init_kinds();
	find_pci();
	netns_pid = netns_holder();
	{
		struct vfpool *vp;

		if (!vfpool_open(&vp)) {
			vfpool_pool_dump(vp, note_pool, &before);
			vfpool_close(vp);
		}
	}
	printf("# seed %llu (FUZZ_SEED=%llu reproduces it), %ld messages, %d workers\n",
	       (unsigned long long)seed, (unsigned long long)seed, n, workers);
	printf("# spec: %d operations, %d attribute sets; %d PCI functions; netns pid %d, "
	       "bond %s ifindex %u\n", FZ_N_OPS, FZ_N_SETS, n_pci, (int)netns_pid, bond,
	       bond_ifindex);

	err = load_policy();
	result(!err, "the kernel's policies are read (CTRL_CMD_GETPOLICY)",
	       err ? strerror(-err) : NULL);
	if (!err) {
		char diff[1024] = "";
		size_t len = 0;

		for (i = 0; i < FZ_N_OPS; i++) {
			const struct fz_op *op = &fz_ops[i];
			int d;

			for (d = 0; d < 2; d++)
				check_types(op->set, op_policy[op->cmd][d], 0, diff, sizeof(diff),
					    &len);
		}
		result(!len, "the kernel's policies take the spec's attributes, of its types",
		       len ? diff : NULL);
	}
	fflush(stdout);

	have_ops = read_ops(ops_before);
	churner = fork();
	if (churner == 0)
		_exit(churn(seed));
	pids = calloc(workers, sizeof(*pids));
	for (i = 0; i < workers; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(worker(i, n / workers + (i < n % workers), seed + i + 1));
	}
	for (i = 0; i < workers; i++)
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			bad++;
	kill(churner, SIGTERM);
	waitpid(churner, &status, 0);
	have_ops = read_ops(ops_after) && have_ops;
	result(!bad, "every worker sent its messages", NULL);
	result(WIFEXITED(status) && !WEXITSTATUS(status), "the churn ran to its end", NULL);
	check_coverage(n, have_ops, ops_before, ops_after);
	if (netns_pid) {
		kill(netns_pid, SIGKILL);
		waitpid(netns_pid, NULL, 0);
	}
	check_sane();
	free(pids);
	free(member_ifindex);
	printf("1..%d\n", n_tests);
	return n_failed ? 1 : 0;
}
