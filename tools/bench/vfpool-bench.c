// SPDX-License-Identifier: GPL-2.0
/*
 * vfpool-bench: the timed parts of tools/bench, run inside the VM by
 * tools/bench/guest. Each measurement prints one line
 *
 *   bench {"name": ..., "runs": N, "median_us": ..., "p99_us": ..., ...}
 *
 * that tools/bench/run collects into bench/results.json.
 *
 *   vfpool-bench pool POOL                 a pool, empty
 *   vfpool-bench members POOL PREFIX A B   members PREFIX<A>..PREFIX<B-1>
 *   vfpool-bench grant POOL OWNER A B      leases from POOL, owners OWNER<A>..
 *   vfpool-bench release OWNER A B         the leases of OWNER<A>..<B-1> end
 *   vfpool-bench teardown POOL             the pool deleted
 *   vfpool-bench rtt NAME N MEMBER        N x (lease MEMBER + release), and
 *                                         N x CTRL_CMD_GETFAMILY as anchor
 *   vfpool-bench lease NAME POOL [NAME POOL]... N
 *                                         N x LEASE_NEW from each POOL, the
 *                                         pools in turn, timed, each released
 *                                         untimed; one line per NAME
 *   vfpool-bench churn NAME POOL CLIENTS SECONDS
 *                                         CLIENTS processes lease and release
 *                                         from POOL; aggregate ops/s, errors
 *   vfpool-bench move NAME N MEMBER NETNS N x (lease MEMBER into NETNS as
 *                                         net1 + release), and in turn N x
 *                                         the same two moves and renames by
 *                                         bare RTM_NEWLINK (IFLA_NET_NS_FD,
 *                                         IFLA_IFNAME): the kernel's part
 *                                         of P3
 *   vfpool-bench rss NAME CMD [ARG...]    CMD's peak RSS (wait4) in KiB
 *
 * Exit 0, or 1 with a message on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vfpool.h"

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted samples. */
static double percentile(const double *s, size_t n, double p)
{
	size_t rank = (size_t)(p / 100.0 * n + 0.999999);

	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return s[rank - 1];
}

static void report(const char *name, double *s, size_t n)
{
	qsort(s, n, sizeof(*s), cmp_double);
	printf("bench {\"name\": \"%s\", \"runs\": %zu, \"median_us\": %.1f, "
	       "\"p99_us\": %.1f, \"min_us\": %.1f, \"max_us\": %.1f}\n",
	       name, n, percentile(s, n, 50), percentile(s, n, 99), s[0], s[n - 1]);
	fflush(stdout);
}

static void die_vp(struct vfpool *vp, const char *what, int err)
{
	fprintf(stderr, "vfpool-bench: %s: %s%s%s\n", what, vfpool_strerror(err),
		vp && *vfpool_ext_msg(vp) ? ": " : "", vp ? vfpool_ext_msg(vp) : "");
	exit(1);
}

static struct vfpool *open_or_die(void)
{
	struct vfpool *vp;
	int err = vfpool_open(&vp);

	if (err)
		die_vp(NULL, "open", err);
	return vp;
}

/* A whole number of at least @min, else exit with a message. */
static long num_arg(const char *s, long min)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (!*s || *end || n < min) {
		fprintf(stderr, "vfpool-bench: \"%s\" is not a number >= %ld\n", s, min);
		exit(1);
	}
	return n;
}

static double *samples_or_die(long n)
{
	double *s = calloc(n, sizeof(*s));

	if (!s) {
		perror("vfpool-bench");
		exit(1);
	}
	return s;
}

static int lease_owner(struct vfpool *vp, const char *pool, const char *member,
		       const char *owner)
{
	struct vfpool_lease req = {};

	if (pool)
		vfpool_set_str(&req, VFPOOL_LEASE_A_POOL_NAME, pool_name, pool);
	if (member)
		vfpool_set_str(&req, VFPOOL_LEASE_A_MEMBER_IFNAME, member_ifname, member);
	vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, owner);
	return vfpool_lease_new(vp, &req, NULL, NULL);
}

static int release_owner(struct vfpool *vp, const char *owner)
{
	struct vfpool_lease req = {};

	vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, owner);
	return vfpool_lease_del(vp, &req, NULL, NULL);
}

static int cmd_pool(const char *pool_name)
{
	struct vfpool *vp = open_or_die();
	struct vfpool_pool pool = {};
	int err;

	vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, pool_name);
	err = vfpool_pool_new(vp, &pool);
	if (err)
		die_vp(vp, "pool new", err);
	vfpool_close(vp);
	return 0;
}

static int cmd_members(const char *pool_name, const char *prefix, long a, long b)
{
	struct vfpool *vp = open_or_die();
	char name[32];
	long i;
	int err;

	for (i = a; i < b; i++) {
		struct vfpool_member m = {};

		snprintf(name, sizeof(name), "%s%ld", prefix, i);
		vfpool_set_str(&m, VFPOOL_MEMBER_A_POOL_NAME, pool_name, pool_name);
		vfpool_set_str(&m, VFPOOL_MEMBER_A_IFNAME, ifname, name);
		err = vfpool_member_add(vp, &m);
		if (err)
			die_vp(vp, name, err);
	}
	vfpool_close(vp);
	return 0;
}

/* Leases of owners PREFIX<a>..PREFIX<b-1>, from @pool or ended. */
static int cmd_owners(const char *pool, const char *prefix, long a, long b)
{
	struct vfpool *vp = open_or_die();
	char owner[64];
	long i;
	int err;

	for (i = a; i < b; i++) {
		snprintf(owner, sizeof(owner), "%s%ld", prefix, i);
		err = pool ? lease_owner(vp, pool, NULL, owner) : release_owner(vp, owner);
		if (err)
			die_vp(vp, owner, err);
	}
	vfpool_close(vp);
	return 0;
}

static int cmd_teardown(const char *pool)
{
	struct vfpool *vp = open_or_die();
	int err = vfpool_pool_del(vp, pool, 0);

	if (err)
		die_vp(vp, "pool del", err);
	vfpool_close(vp);
	return 0;
}

/* P1: the library's lease round trip against a bare genetlink one. */
static int cmd_rtt(const char *name, long n, const char *member)
{
	struct vfpool *vp = open_or_die();
	double *s = samples_or_die(n);
	struct nl_sock *sk;
	char label[96];
	long i;
	int err;

	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk)) {
		fprintf(stderr, "vfpool-bench: cannot open a generic netlink socket\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		double t = now_us();

		if (genl_ctrl_resolve(sk, "vfpool") < 0) {
			fprintf(stderr, "vfpool-bench: CTRL_CMD_GETFAMILY failed\n");
			return 1;
		}
		s[i] = now_us() - t;
	}
	snprintf(label, sizeof(label), "%s.getfamily", name);
	report(label, s, n);

	for (i = 0; i < n; i++) {
		double t = now_us();

		err = lease_owner(vp, NULL, member, "bench-rtt");
		if (!err)
			err = release_owner(vp, "bench-rtt");
		if (err)
			die_vp(vp, "lease round trip", err);
		s[i] = now_us() - t;
	}
	snprintf(label, sizeof(label), "%s.lease", name);
	report(label, s, n);
	nl_socket_free(sk);
	vfpool_close(vp);
	free(s);
	return 0;
}

/*
 * P2: LEASE_NEW alone, from each of @n_pools pools in turn, sample by
 * sample. Latency under TCG has modes that last for a while: taking the
 * pools in turn puts each mode on all of them alike.
 */
static int cmd_lease(char **pairs, int n_pools, long n)
{
	struct vfpool *vp = open_or_die();
	double *s = samples_or_die(n * n_pools);
	long i;
	int k, err;

	for (i = 0; i < n; i++) {
		for (k = 0; k < n_pools; k++) {
			double t = now_us();

			err = lease_owner(vp, pairs[2 * k + 1], NULL, "bench-lease");
			s[k * n + i] = now_us() - t;
			if (err)
				die_vp(vp, "lease new", err);
			err = release_owner(vp, "bench-lease");
			if (err)
				die_vp(vp, "lease del", err);
		}
	}
	for (k = 0; k < n_pools; k++)
		report(pairs[2 * k], s + k * n, n);
	vfpool_close(vp);
	free(s);
	return 0;
}

static volatile sig_atomic_t stop;

static void on_alarm(int sig)
{
	(void)sig;
	stop = 1;
}

/* One churning client: counts to @fd as "ops errors". */
static void churn_client(const char *pool, int k, int seconds, int go, int fd)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	long ops = 0, errors = 0;
	struct vfpool *vp;
	char owner[32], line[64], c;
	int err;

	snprintf(owner, sizeof(owner), "bench-churn-%d", k);
	err = vfpool_open(&vp);
	if (err)
		_exit(1);
	sigaction(SIGALRM, &sa, NULL);
	if (read(go, &c, 1) != 1)	/* all start at once */
		_exit(1);
	alarm(seconds);
	while (!stop) {
		err = lease_owner(vp, pool, NULL, owner);
		if (!err)
			err = release_owner(vp, owner);
		if (err && err != -EINTR)
			errors++;
		else if (!err)
			ops++;
	}
	snprintf(line, sizeof(line), "%ld %ld\n", ops, errors);
	if (write(fd, line, strlen(line)) < 0)
		_exit(1);
	vfpool_close(vp);
	_exit(0);
}

/* P4: aggregate lease+release throughput of @clients processes. */
static int cmd_churn(const char *name, const char *pool, int clients, int seconds)
{
	int go[2], res[2], k, status, bad = 0;
	long ops = 0, errors = 0, o, e;
	char buf[4096];
	double t;
	FILE *f;

	if (pipe(go) || pipe(res)) {
		perror("vfpool-bench: pipe");
		return 1;
	}
	for (k = 0; k < clients; k++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("vfpool-bench: fork");
			return 1;
		}
		if (!pid) {
			close(go[1]);
			close(res[0]);
			churn_client(pool, k, seconds, go[0], res[1]);
		}
	}
	close(go[0]);
	close(res[1]);
	sleep(1);	/* let every client open its socket */
	t = now_us();
	memset(buf, 'g', clients);
	if (write(go[1], buf, clients) != clients) {
		perror("vfpool-bench: write");
		return 1;
	}
	close(go[1]);
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	t = now_us() - t;
	f = fdopen(res[0], "r");
	while (f && fscanf(f, "%ld %ld", &o, &e) == 2) {
		ops += o;
		errors += e;
	}
	printf("bench {\"name\": \"%s\", \"clients\": %d, \"seconds\": %.2f, \"ops\": %ld, "
	       "\"ops_per_s\": %.1f, \"errors\": %ld, \"clients_failed\": %d}\n",
	       name, clients, t / 1e6, ops, ops / (t / 1e6), errors, bad);
	return bad ? 1 : 0;
}

/* Peak RSS of a command, as the kernel counted it. */
static int cmd_rss(const char *name, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		perror("vfpool-bench: fork");
		return 1;
	}
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("vfpool-bench: wait4");
		return 1;
	}
	printf("bench {\"name\": \"%s\", \"max_rss_kib\": %ld, \"exit\": %d}\n", name,
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: vfpool-bench pool POOL | members POOL PREFIX A B |\n"
		"       grant POOL OWNER A B | release OWNER A B | teardown POOL |\n"
		"       rtt NAME N MEMBER |\n"
		"       lease NAME POOL [NAME POOL]... N | churn NAME POOL CLIENTS SECONDS |\n"
		"       move NAME N MEMBER NETNS | rss NAME CMD [ARG...]\n");
	return 2;
}

/*
 * Move ifindex into the netns of ns_fd under the name ifname, in one
 * RTM_NEWLINK as the kernel allows: 0 or -errno.
 */
static int rtnl_move(int fd, int ifindex, int ns_fd, const char *ifname)
{
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
		struct rtattr ns_rta;
		int32_t ns_fd;
		struct rtattr name_rta;
		char name[IFNAMSIZ];
	} req = {
		.nh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = RTM_NEWLINK,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		},
		.ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex },
		.ns_rta = { .rta_len = RTA_LENGTH(4), .rta_type = IFLA_NET_NS_FD },
		.ns_fd = ns_fd,
		.name_rta = { .rta_len = RTA_LENGTH(IFNAMSIZ), .rta_type = IFLA_IFNAME },
	};
	char buf[1024];
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	ssize_t n;

	snprintf(req.name, sizeof(req.name), "%s", ifname);
	if (send(fd, &req, sizeof(req), 0) < 0)
		return -errno;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0)
		return -errno;
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) ||
	    nh->nlmsg_type != NLMSG_ERROR)
		return -EPROTO;
	return ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
}

/* An rtnetlink socket in the netns of ns_fd; the caller stays in its own. */
static int rtnl_socket_in(int ns_fd, int home_fd)
{
	int fd;

	if (setns(ns_fd, CLONE_NEWNET))
		return -1;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (setns(home_fd, CLONE_NEWNET)) {
		perror("vfpool-bench: back to the host netns");
		exit(1);
	}
	return fd;
}

static int cmd_move(const char *name, long n, const char *member,
		    const char *netns)
{
	double *sv = samples_or_die(n), *sr = samples_or_die(n);
	struct vfpool *vp = open_or_die();
	int host_fd, pod_fd, host_rt, pod_rt, ifindex, err = 0;
	struct vfpool_lease req = {};
	char path[256], label[96];
	long i;

	snprintf(path, sizeof(path), "/run/netns/%s", netns);
	host_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	pod_fd = open(path, O_RDONLY | O_CLOEXEC);
	ifindex = if_nametoindex(member);
	host_rt = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	pod_rt = pod_fd < 0 ? -1 : rtnl_socket_in(pod_fd, host_fd);
	if (host_fd < 0 || pod_fd < 0 || !ifindex || host_rt < 0 || pod_rt < 0) {
		fprintf(stderr, "vfpool-bench: move: %s, %s: %m\n", member, path);
		return 1;
	}
	vfpool_set_str(&req, VFPOOL_LEASE_A_MEMBER_IFNAME, member_ifname, member);
	vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, "bench-move");
	vfpool_set_str(&req, VFPOOL_LEASE_A_IFNAME, ifname, "net1");
	vfpool_set(&req, VFPOOL_LEASE_A_NETNS_FD, netns_fd, pod_fd);
	/* In turn, so that the VM's slow spells fall on both alike. */
	for (i = 0; i < n; i++) {
		double t = now_us();

		err = vfpool_lease_new(vp, &req, NULL, NULL);
		if (!err)
			err = release_owner(vp, "bench-move");
		if (err)
			die_vp(vp, "lease with a move", err);
		sv[i] = now_us() - t;
		t = now_us();
		err = rtnl_move(host_rt, ifindex, pod_fd, "net1");
		if (!err)
			err = rtnl_move(pod_rt, ifindex, host_fd, member);
		if (err) {
			fprintf(stderr, "vfpool-bench: RTM_NEWLINK move: %s\n",
				strerror(-err));
			return 1;
		}
		sr[i] = now_us() - t;
	}
	snprintf(label, sizeof(label), "%s.vfpool", name);
	report(label, sv, n);
	snprintf(label, sizeof(label), "%s.rtnl", name);
	report(label, sr, n);
	close(pod_rt);
	close(host_rt);
	close(pod_fd);
	close(host_fd);
	vfpool_close(vp);
	free(sr);
	free(sv);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (!strcmp(cmd, "pool") && argc == 3)
		return cmd_pool(argv[2]);
	if (!strcmp(cmd, "members") && argc == 6)
		return cmd_members(argv[2], argv[3], num_arg(argv[4], 0), num_arg(argv[5], 0));
	if (!strcmp(cmd, "grant") && argc == 6)
		return cmd_owners(argv[2], argv[3], num_arg(argv[4], 0), num_arg(argv[5], 0));
	if (!strcmp(cmd, "release") && argc == 5)
		return cmd_owners(NULL, argv[2], num_arg(argv[3], 0), num_arg(argv[4], 0));
	if (!strcmp(cmd, "teardown") && argc == 3)
		return cmd_teardown(argv[2]);
	if (!strcmp(cmd, "rtt") && argc == 5)
		return cmd_rtt(argv[2], num_arg(argv[3], 1), argv[4]);
	if (!strcmp(cmd, "lease") && argc >= 5 && argc % 2)
		return cmd_lease(argv + 2, (argc - 3) / 2, num_arg(argv[argc - 1], 1));
	if (!strcmp(cmd, "churn") && argc == 6)
		return cmd_churn(argv[2], argv[3], num_arg(argv[4], 1), num_arg(argv[5], 1));
	if (!strcmp(cmd, "move") && argc == 6)
		return cmd_move(argv[2], num_arg(argv[3], 1), argv[4], argv[5]);
	if (!strcmp(cmd, "rss") && argc >= 4)
		return cmd_rss(argv[2], argv + 3);
	return usage();
}
