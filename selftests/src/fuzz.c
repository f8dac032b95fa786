// SPDX-License-Identifier: GPL-2.0
/*
 * A seeded fuzzer for the vfpool genetlink family. Workers send random
 * and mutated requests to every command: random attribute types, lengths
 * and nesting, truncated and duplicated attributes, attributes of the
 * wrong nest, random header flags and versions, values near the limits,
 * names of objects that exist, netns fds and pids. Meanwhile a churn
 * process creates and deletes pools, members and leases with the client
 * library, so requests race with real state changes. At the end every
 * object the run made is removed and the module must still answer
 * correctly.
 *
 *   fuzz MESSAGES WORKERS POOL_PREFIX MEMBER_IFNAME... [-- NETNS_PATH]
 *
 * FUZZ_SEED=N reproduces a run (the seed is printed). Members are names
 * of netdevs the requests may use; pools are named POOL_PREFIX<0..3>.
 * TAP on stdout; exit 0 pass, 1 fail.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "vfpool.h"

#define MSG_MAX		4096
#define DEPTH_MAX	3
#define N_POOLS		4

static uint64_t rng_state;
static int family;
static const char *pool_prefix;
static char **members;
static int n_members;
static int netns_fd = -1;

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

/* Attribute spaces: top level and each nest, by their UAPI maxima. */
enum space { TOP, POOL, MEMBER, LEASE, VF, IRQ, N_SPACES };
static const int space_max[N_SPACES] = {
	[TOP] = VFPOOL_A_MAX, [POOL] = VFPOOL_POOL_A_MAX,
	[MEMBER] = VFPOOL_MEMBER_A_MAX, [LEASE] = VFPOOL_LEASE_A_MAX,
	[VF] = VFPOOL_VF_A_MAX, [IRQ] = VFPOOL_IRQ_A_MAX,
};

static const uint32_t interesting_u32[] = {
	0, 1, 2, 3, 4, 7, 15, 16, 63, 64, 65, 255, 256, 4094, 4095, 4096,
	65535, 65536, 600000, 600001, 0x7fffffff, 0x80000000, 0xffffffff,
};

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
	size_t pad = NLA_ALIGN(b->len) - b->len;

	put(b, NULL, pad);
}

/* A payload that is sometimes right for some attribute of some command. */
static size_t payload(unsigned char *out, size_t room)
{
	char s[300];
	size_t len;
	uint32_t v;

	switch (below(10)) {
	case 0:		/* a pool name that may exist */
		len = snprintf(s, sizeof(s), "%s%u", pool_prefix, below(N_POOLS + 1));
		break;
	case 1:		/* a member name that exists */
		len = snprintf(s, sizeof(s), "%s", members[below(n_members)]);
		break;
	case 2:		/* an owner id, an ifname, a PCI address */
		len = snprintf(s, sizeof(s), "%s",
			       (const char *[]){ "fz-owner", "net1", "0000:00:04.1",
						 "0000:00:04.0", "eth0", "" }[below(6)]);
		break;
	case 3:		/* a long string */
		len = below(sizeof(s));
		memset(s, 'a' + below(26), len);
		break;
	case 4:		/* u32 near a limit */
		v = interesting_u32[below(sizeof(interesting_u32) / sizeof(v))];
		memcpy(s, &v, 4);
		len = 4;
		break;
	case 5:		/* an ifindex or a netns fd or a pid */
		v = (const uint32_t[]){ below(32), (uint32_t)netns_fd, (uint32_t)getpid(),
					1, 0, (uint32_t)-1 }[below(6)];
		memcpy(s, &v, 4);
		len = 4;
		break;
	case 6:		/* u64 */
		v = below(64);
		memset(s, 0, 8);
		memcpy(s, &v, 4);
		len = 8;
		break;
	case 7:		/* a MAC */
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

static void attrs(struct buf *b, enum space sp, int depth);

static void attr(struct buf *b, enum space sp, int depth)
{
	struct nlattr *nla;
	size_t start = b->len;
	int type;

	if (b->cap - b->len < NLA_HDRLEN + 8)
		return;
	nla = put(b, NULL, NLA_HDRLEN);
	type = chance(90) ? (int)below(space_max[sp] + 1) : (int)below(64);
	nla->nla_type = type;
	/* Nests: the right space for the known ones, else a random one. */
	if (depth < DEPTH_MAX && (chance(30) ||
	    (sp == TOP && ((type >= VFPOOL_A_POOL && type <= VFPOOL_A_LEASE) ||
			   type == VFPOOL_A_IRQ)) ||
	    (sp == LEASE && (type == VFPOOL_LEASE_A_VF_CONFIG ||
			     type == VFPOOL_LEASE_A_SAVED_CONFIG ||
			     type == VFPOOL_LEASE_A_MEMBER)))) {
		enum space inner = below(N_SPACES - 1) + 1;

		if (sp == TOP && type == VFPOOL_A_POOL && chance(80))
			inner = POOL;
		else if (sp == TOP && type == VFPOOL_A_MEMBER && chance(80))
			inner = MEMBER;
		else if (sp == TOP && type == VFPOOL_A_LEASE && chance(80))
			inner = LEASE;
		else if (sp == TOP && type == VFPOOL_A_IRQ && chance(80))
			inner = IRQ;
		else if (sp == LEASE && chance(80))
			inner = type == VFPOOL_LEASE_A_MEMBER ? MEMBER : VF;
		if (chance(90))
			nla->nla_type |= NLA_F_NESTED;
		attrs(b, inner, depth + 1);
	} else {
		b->len += payload(b->p + b->len, b->cap - b->len);
	}
	nla = (struct nlattr *)(b->p + start);
	nla->nla_len = b->len - start;
	if (chance(2))		/* a length that lies */
		nla->nla_len = chance(50) ? below(NLA_HDRLEN) : nla->nla_len + below(64);
	put_pad(b);
}

static void attrs(struct buf *b, enum space sp, int depth)
{
	int n = chance(10) ? below(40) : below(8);

	while (n--) {
		size_t start = b->len;

		attr(b, sp, depth);
		/* a duplicate of the attribute just written */
		if (chance(5) && b->len - start <= b->cap - b->len)
			put(b, b->p + start, b->len - start);
	}
}

/*
 * Valid requests, each field replaced by a random payload now and then:
 * they get past the policies into the handlers, where the state is.
 */
static void t_attr(struct buf *b, int type, const void *data, size_t len)
{
	unsigned char rnd_payload[300];
	struct nlattr *nla;

	if (chance(3))			/* left out */
		return;
	if (chance(8)) {		/* something else in its place */
		len = payload(rnd_payload, sizeof(rnd_payload));
		data = rnd_payload;
	}
	if (b->cap - b->len < NLA_HDRLEN + NLA_ALIGN(len))
		return;
	nla = put(b, NULL, NLA_HDRLEN);
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	put(b, data, len);
	put_pad(b);
}

static void t_str(struct buf *b, int type, const char *str)
{
	t_attr(b, type, str, strlen(str) + 1);
}

static void t_u32(struct buf *b, int type, uint32_t v)
{
	t_attr(b, type, &v, sizeof(v));
}

static size_t t_nest_start(struct buf *b, int type)
{
	size_t start = b->len;
	struct nlattr *nla = put(b, NULL, NLA_HDRLEN);

	nla->nla_type = type | NLA_F_NESTED;
	return start;
}

static void t_nest_end(struct buf *b, size_t start)
{
	((struct nlattr *)(b->p + start))->nla_len = b->len - start;
}

static const char *a_pool(char *name, size_t size)
{
	snprintf(name, size, "%s%u", pool_prefix, below(N_POOLS));
	return name;
}

static void template(struct buf *b, struct genlmsghdr *gh, struct nlmsghdr *nlh)
{
	const char *member = members[below(n_members)];
	char pool[32], owner[16];
	size_t nest, vf;

	snprintf(owner, sizeof(owner), "fz-%u", below(8));
	gh->cmd = 1 + below(VFPOOL_CMD_MAX);
	switch (gh->cmd) {
	case VFPOOL_CMD_POOL_NEW:
	case VFPOOL_CMD_POOL_DEL:
	case VFPOOL_CMD_POOL_GET:
		nest = t_nest_start(b, VFPOOL_A_POOL);
		t_str(b, VFPOOL_POOL_A_NAME, a_pool(pool, sizeof(pool)));
		if (chance(20))
			t_str(b, VFPOOL_POOL_A_PF_IFNAME, member);
		if (chance(30))
			t_u32(b, VFPOOL_POOL_A_FLAGS, VFPOOL_POOL_F_FORCE);
		t_nest_end(b, nest);
		break;
	case VFPOOL_CMD_MEMBER_ADD:
	case VFPOOL_CMD_MEMBER_DEL:
	case VFPOOL_CMD_MEMBER_GET:
		nest = t_nest_start(b, VFPOOL_A_MEMBER);
		t_str(b, VFPOOL_MEMBER_A_POOL_NAME, a_pool(pool, sizeof(pool)));
		t_str(b, VFPOOL_MEMBER_A_IFNAME, member);
		if (chance(20)) {
			t_str(b, VFPOOL_MEMBER_A_PF_IFNAME, members[below(n_members)]);
			t_u32(b, VFPOOL_MEMBER_A_VF_INDEX, below(8));
		}
		t_nest_end(b, nest);
		break;
	case VFPOOL_CMD_LEASE_NEW:
	case VFPOOL_CMD_LEASE_DEL:
	case VFPOOL_CMD_LEASE_GET:
		nest = t_nest_start(b, VFPOOL_A_LEASE);
		if (gh->cmd == VFPOOL_CMD_LEASE_NEW || chance(30))
			t_str(b, VFPOOL_LEASE_A_POOL_NAME, a_pool(pool, sizeof(pool)));
		if (chance(20))
			t_str(b, VFPOOL_LEASE_A_MEMBER_IFNAME, member);
		t_str(b, VFPOOL_LEASE_A_OWNER_ID, owner);
		if (chance(20)) {
			uint64_t id = below(64);

			t_attr(b, VFPOOL_LEASE_A_ID, &id, sizeof(id));
		}
		if (netns_fd >= 0 && chance(40)) {
			t_str(b, VFPOOL_LEASE_A_IFNAME, chance(50) ? "fz1" : "fz%d");
			t_u32(b, VFPOOL_LEASE_A_NETNS_FD, netns_fd);
		}
		if (chance(30)) {
			t_u32(b, VFPOOL_LEASE_A_COUNT, 1 + below(3));
			if (chance(50))
				t_u32(b, VFPOOL_LEASE_A_FLAGS, VFPOOL_LEASE_F_DISTINCT_PF);
		}
		/* Rejected by the policy: the kernel never waits. */
		if (chance(2))
			t_u32(b, VFPOOL_LEASE_A_WAIT_MS, below(50));
		if (chance(20))
			t_str(b, VFPOOL_LEASE_A_NETWORK, chance(50) ? "netA" : "netB");
		if (chance(40)) {
			unsigned char mac[6] = { 2, 0, 0, 0, 0xfa, below(256) };

			vf = t_nest_start(b, VFPOOL_LEASE_A_VF_CONFIG);
			t_attr(b, VFPOOL_VF_A_MAC, mac, sizeof(mac));
			t_attr(b, VFPOOL_VF_A_VLAN, &(uint16_t){ below(4096) }, 2);
			if (chance(50))
				t_attr(b, VFPOOL_VF_A_TRUST, &(uint8_t){ below(2) }, 1);
			if (chance(50))
				t_u32(b, VFPOOL_VF_A_MTU, 1280 + below(8000));
			t_nest_end(b, vf);
		}
		t_nest_end(b, nest);
		break;
	default:	/* IRQ_SET, IRQ_GET, and whatever comes later */
		nest = t_nest_start(b, VFPOOL_A_IRQ);
		if (chance(50))
			t_str(b, VFPOOL_IRQ_A_POOL_NAME, a_pool(pool, sizeof(pool)));
		else
			t_str(b, VFPOOL_IRQ_A_MEMBER_IFNAME, member);
		t_u32(b, VFPOOL_IRQ_A_POLICY, below(VFPOOL_IRQ_POLICY_MAX + 2));
		if (chance(50))
			t_str(b, VFPOOL_IRQ_A_CPUS, (const char *[]){ "0", "0-3", "1,3", "7",
								   "", "3-1" }[below(6)]);
		t_nest_end(b, nest);
		break;
	}
	if (chance(30) && (gh->cmd == VFPOOL_CMD_POOL_GET || gh->cmd == VFPOOL_CMD_MEMBER_GET ||
			   gh->cmd == VFPOOL_CMD_LEASE_GET || gh->cmd == VFPOOL_CMD_IRQ_GET))
		nlh->nlmsg_flags |= NLM_F_DUMP;
}

/* One request: header, genl header, attributes, then maybe mutations. */
static size_t request(unsigned char *p, uint32_t seq)
{
	struct buf b = { .p = p, .cap = MSG_MAX };
	struct nlmsghdr *nlh = put(&b, NULL, NLMSG_HDRLEN);
	struct genlmsghdr *gh = put(&b, NULL, GENL_HDRLEN);

	if (chance(50)) {
		nlh->nlmsg_type = family;
		nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
		nlh->nlmsg_seq = seq;
		gh->version = VFPOOL_GENL_VERSION;
		template(&b, gh, nlh);
		nlh->nlmsg_len = b.len;
		return b.len;
	}

	nlh->nlmsg_type = chance(97) ? (uint32_t)family :
			  chance(50) ? (uint32_t)GENL_ID_CTRL : below(64);
	nlh->nlmsg_flags = NLM_F_REQUEST;
	if (chance(70))
		nlh->nlmsg_flags |= NLM_F_ACK;
	if (chance(25))
		nlh->nlmsg_flags |= NLM_F_DUMP;
	if (chance(5))
		nlh->nlmsg_flags |= below(0x1000);
	nlh->nlmsg_seq = seq;
	gh->cmd = chance(95) ? below(VFPOOL_CMD_MAX + 1) : below(256);
	gh->version = chance(90) ? VFPOOL_GENL_VERSION : below(256);
	attrs(&b, TOP, 0);
	nlh->nlmsg_len = b.len;
	/* Mutations: flip bytes, truncate, or lie about the length. */
	if (chance(10)) {
		int flips = 1 + below(4);

		while (flips--)
			p[NLMSG_HDRLEN + below(b.len - NLMSG_HDRLEN)] ^= 1 << below(8);
	}
	if (chance(5) && b.len > NLMSG_HDRLEN + GENL_HDRLEN)
		b.len = NLMSG_HDRLEN + below(b.len - NLMSG_HDRLEN);
	if (chance(2))
		nlh->nlmsg_len = below(b.len + 16);
	else
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
		int rc;

		/* Long runs take hours under KASAN: worker 0 shows progress. */
		if (id == 0 && n >= 20000 && i && i % (n / 10) == 0) {
			printf("# worker 0: %ld of %ld sent, %ld s\n", i, n,
			       (long)(time(NULL) - started));
			fflush(stdout);
		}

		/* A lease may wait for a release: a signal cuts it short. */
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

/* Real state changes underneath: pools, members and leases come and go. */
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
		switch (below(6)) {
		case 0:
			vfpool_set_str(&p, VFPOOL_POOL_A_NAME, name, name);
			vfpool_pool_new(vp, &p);
			break;
		case 1:
			vfpool_pool_del(vp, name, chance(50) ? VFPOOL_POOL_F_FORCE : 0);
			break;
		case 2:
		case 3:
			vfpool_set_str(&m, VFPOOL_MEMBER_A_POOL_NAME, pool_name, name);
			vfpool_set_str(&m, VFPOOL_MEMBER_A_IFNAME, ifname,
				       members[below(n_members)]);
			if (chance(50))
				vfpool_member_add(vp, &m);
			else
				vfpool_member_del(vp, &m);
			break;
		default:
			vfpool_set_str(&l, VFPOOL_LEASE_A_POOL_NAME, pool_name, name);
			vfpool_set_str(&l, VFPOOL_LEASE_A_OWNER_ID, owner_id, "fz-churn");
			if (netns_fd >= 0 && chance(50)) {
				vfpool_set_str(&l, VFPOOL_LEASE_A_IFNAME, ifname, "net1");
				vfpool_set(&l, VFPOOL_LEASE_A_NETNS_FD, netns_fd, netns_fd);
			}
			if (chance(50))
				vfpool_lease_new(vp, &l, NULL, NULL);
			else
				vfpool_lease_del(vp, &l, NULL, NULL);
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

int main(int argc, char **argv)
{
	uint64_t seed = getenv("FUZZ_SEED") ? strtoull(getenv("FUZZ_SEED"), NULL, 0) :
			(uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	int i, workers, status, bad = 0;
	pid_t churner, *pids;
	struct nl_sock *sk;
	long n;

	if (argc < 5) {
		fprintf(stderr, "usage: fuzz MESSAGES WORKERS POOL_PREFIX MEMBER... [-- NETNS]\n");
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
	if (!sk || genl_connect(sk) || (family = genl_ctrl_resolve(sk, VFPOOL_GENL_NAME)) < 0) {
		printf("1..0 # SKIP vfpool family not registered\n");
		return 4;
	}
	nl_socket_free(sk);
	{
		struct vfpool *vp;

		if (!vfpool_open(&vp)) {
			vfpool_pool_dump(vp, note_pool, &before);
			vfpool_close(vp);
		}
	}
	printf("# seed %llu (FUZZ_SEED=%llu reproduces it), %ld messages, %d workers\n",
	       (unsigned long long)seed, (unsigned long long)seed, n, workers);
	fflush(stdout);

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
	result(!bad, "every worker sent its messages", NULL);
	result(WIFEXITED(status) && !WEXITSTATUS(status), "the churn ran to its end", NULL);
	check_sane();
	free(pids);
	printf("1..%d\n", n_tests);
	return n_failed ? 1 : 0;
}
