// SPDX-License-Identifier: GPL-2.0
/*
 * Scale: N explicit members (netdevs PREFIX0..PREFIX<N-1>) in one pool,
 * each leased by its own owner without a netns move, then every dump
 * checked to return all N across many messages, then all released.
 *
 *   scale POOL PREFIX N grant     pool, members, leases, dumps checked
 *   scale POOL PREFIX N release   leases ended, pool deleted
 *   scale POOL PREFIX N churn     members PREFIX0..N-1 added to POOL, then
 *                                 leased and released in a loop until
 *                                 SIGTERM, so dumps run against a moving
 *                                 lease table; then removed again
 *
 * TAP on stdout; exit 0 pass, 1 fail.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vfpool.h"

static int n_tests, n_failed;

static void result(int ok, const char *what, long got, long want)
{
	n_tests++;
	if (!ok)
		n_failed++;
	printf("%s %d - %s (%ld of %ld)\n", ok ? "ok" : "not ok", n_tests, what, got, want);
}

static int count_lease(const struct vfpool_lease *lease, void *arg)
{
	if (!strncmp(lease->owner_id, "scale-", 6))
		(*(long *)arg)++;
	return 0;
}

static int count_member(const struct vfpool_member *m, void *arg)
{
	(void)m;
	(*(long *)arg)++;
	return 0;
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int member_add(struct vfpool *vp, const char *pool_name, const char *ifname)
{
	struct vfpool_member m = {};
	int err;

	vfpool_set_str(&m, VFPOOL_MEMBER_A_POOL_NAME, pool_name, pool_name);
	vfpool_set_str(&m, VFPOOL_MEMBER_A_IFNAME, ifname, ifname);
	err = vfpool_member_add(vp, &m);
	if (err)
		printf("# member add %s: %s: %s\n", ifname, vfpool_strerror(err),
		       vfpool_ext_msg(vp));
	return err;
}

/* Leases and releases members of POOL (owners churn-*) until SIGTERM. */
static int churn(struct vfpool *vp, const char *pool_name, const char *prefix, long n)
{
	long i, cycles = 0, errors = 0;
	struct sigaction sa = { .sa_handler = on_term };
	char name[32];

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s%ld", prefix, i);
		if (member_add(vp, pool_name, name))
			return 1;
	}
	printf("# churning %ld members of %s\n", n, pool_name);
	fflush(stdout);
	while (!stop) {
		struct vfpool_lease req = {};
		int err;

		snprintf(name, sizeof(name), "churn-%ld", cycles % n);
		vfpool_set_str(&req, VFPOOL_LEASE_A_POOL_NAME, pool_name, pool_name);
		vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, name);
		err = vfpool_lease_new(vp, &req, NULL, NULL);
		if (!err)
			err = vfpool_lease_del(vp, &req, NULL, NULL);
		if (err && err != -EINTR) {
			printf("# churn cycle %ld: %s: %s\n", cycles, vfpool_strerror(err),
			       vfpool_ext_msg(vp));
			errors++;
		}
		cycles++;
	}
	for (i = 0; i < n; i++) {
		struct vfpool_member m = {};

		snprintf(name, sizeof(name), "%s%ld", prefix, i);
		vfpool_set_str(&m, VFPOOL_MEMBER_A_POOL_NAME, pool_name, pool_name);
		vfpool_set_str(&m, VFPOOL_MEMBER_A_IFNAME, ifname, name);
		if (vfpool_member_del(vp, &m))
			errors++;
	}
	result(cycles > 0 && !errors, "churn: leases granted and released, no error",
	       cycles - errors, cycles);
	printf("1..%d\n", n_tests);
	return n_failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct vfpool_pool pool = {};
	long i, n, added = 0, leased = 0, got = 0, ended = 0;
	struct vfpool *vp;
	char name[32];
	int err;

	if (argc != 5 || (strcmp(argv[4], "grant") && strcmp(argv[4], "release") &&
			  strcmp(argv[4], "churn"))) {
		fprintf(stderr, "usage: scale POOL PREFIX N grant|release|churn\n");
		return 2;
	}
	n = atol(argv[3]);
	err = vfpool_open(&vp);
	if (err) {
		printf("1..0 # SKIP %s\n", vfpool_strerror(err));
		return 4;
	}
	if (!strcmp(argv[4], "release"))
		goto release;
	if (!strcmp(argv[4], "churn")) {
		err = churn(vp, argv[1], argv[2], n);
		vfpool_close(vp);
		return err;
	}
	vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, argv[1]);
	err = vfpool_pool_new(vp, &pool);
	if (err) {
		printf("# pool new: %s: %s\n", vfpool_strerror(err), vfpool_ext_msg(vp));
		return 1;
	}

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s%ld", argv[2], i);
		if (member_add(vp, argv[1], name))
			break;
		added++;
	}
	result(added == n, "members added", added, n);

	for (i = 0; i < added; i++) {
		struct vfpool_lease req = {};

		snprintf(name, sizeof(name), "scale-%ld", i);
		vfpool_set_str(&req, VFPOOL_LEASE_A_POOL_NAME, pool_name, argv[1]);
		vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, name);
		err = vfpool_lease_new(vp, &req, NULL, NULL);
		if (err) {
			printf("# lease %s: %s: %s\n", name, vfpool_strerror(err),
			       vfpool_ext_msg(vp));
			break;
		}
		leased++;
	}
	result(leased == n, "leases granted", leased, n);

	err = vfpool_lease_dump(vp, NULL, count_lease, &got);
	result(!err && got == n, "lease dump returns every lease", got, n);
	got = 0;
	err = vfpool_member_dump(vp, argv[1], count_member, &got);
	result(!err && got == n, "member dump returns every member", got, n);
	goto out;

release:
	leased = n;
	for (i = 0; i < leased; i++) {
		struct vfpool_lease req = {};

		snprintf(name, sizeof(name), "scale-%ld", i);
		vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, name);
		if (!vfpool_lease_del(vp, &req, NULL, NULL))
			ended++;
	}
	result(ended == leased, "leases released", ended, leased);
	got = 0;
	vfpool_lease_dump(vp, NULL, count_lease, &got);
	result(got == 0, "no lease left", got, 0);
	err = vfpool_pool_del(vp, argv[1], 0);
	result(!err, "pool deleted", 0, 0);
out:
	printf("1..%d\n", n_tests);
	vfpool_close(vp);
	return n_failed ? 1 : 0;
}
