// SPDX-License-Identifier: GPL-2.0
/*
 * The DEL/ADD race of Documentation/design.rst, as kubelet produces it: pod A
 * holds VF X; pod B's ADD for X and pod A's late DEL run concurrently,
 * in random order. After every iteration X must be leased exactly once,
 * to B, in B's netns, with B's MAC; A's DEL (and a second, later one)
 * must never have touched it.
 *
 *   race MEMBER_IFNAME NETNS_A NETNS_B ITERATIONS
 *
 * TAP on stdout; exit 0 pass, 1 fail.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vfpool.h"

static const char *member;
static int ns_a, ns_b;

struct attempt {
	pthread_barrier_t *start;
	unsigned int delay_us;
	int iteration;
	int err;
	char msg[VFPOOL_EXT_MSG_MAX + 1];
	struct vfpool_lease got;
};

static int keep_lease(const struct vfpool_lease *lease, void *arg)
{
	*(struct vfpool_lease *)arg = *lease;
	return 0;
}

static int count_lease(const struct vfpool_lease *lease, void *arg)
{
	struct vfpool_lease *seen = arg;

	if (!strcmp(lease->member.ifname, member)) {
		seen[0].count++;
		seen[1] = *lease;
	}
	return 0;
}

static void lease_req(struct vfpool_lease *req, const char *owner,
		      const char *ifname, int netns, uint8_t mac_last)
{
	memset(req, 0, sizeof(*req));
	vfpool_set_str(req, VFPOOL_LEASE_A_MEMBER_IFNAME, member_ifname, member);
	vfpool_set_str(req, VFPOOL_LEASE_A_OWNER_ID, owner_id, owner);
	vfpool_set_str(req, VFPOOL_LEASE_A_IFNAME, ifname, ifname);
	vfpool_set(req, VFPOOL_LEASE_A_NETNS_FD, netns_fd, netns);
	memcpy(req->vf_config.mac, (uint8_t[6]){ 2, 0, 0, 0, 0xaa, mac_last }, 6);
	req->vf_config.present |= VFPOOL_BIT(VFPOOL_VF_A_MAC);
	req->present |= VFPOOL_BIT(VFPOOL_LEASE_A_VF_CONFIG);
}

static int del_owner(struct vfpool *vp, const char *owner, const char *ifname)
{
	struct vfpool_lease req = {};

	vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, owner);
	vfpool_set_str(&req, VFPOOL_LEASE_A_IFNAME, ifname, ifname);
	return vfpool_lease_del(vp, &req, NULL, NULL);
}

static void *pod_b_add(void *arg)
{
	struct attempt *at = arg;
	struct vfpool_lease req;
	struct vfpool *vp;
	char owner[32];

	at->err = vfpool_open(&vp);
	if (at->err)
		return NULL;
	snprintf(owner, sizeof(owner), "podB-%d", at->iteration);
	lease_req(&req, owner, "eth0", ns_b, 0x0b);
	vfpool_set(&req, VFPOOL_LEASE_A_WAIT_MS, wait_ms, 20000);
	pthread_barrier_wait(at->start);
	usleep(at->delay_us);
	at->err = vfpool_lease_new(vp, &req, keep_lease, &at->got);
	snprintf(at->msg, sizeof(at->msg), "%s", vfpool_ext_msg(vp));
	vfpool_close(vp);
	return NULL;
}

static void *pod_a_del(void *arg)
{
	struct attempt *at = arg;
	struct vfpool *vp;
	char owner[32];

	at->err = vfpool_open(&vp);
	if (at->err)
		return NULL;
	snprintf(owner, sizeof(owner), "podA-%d", at->iteration);
	pthread_barrier_wait(at->start);
	usleep(at->delay_us);
	at->err = del_owner(vp, owner, "net1");
	snprintf(at->msg, sizeof(at->msg), "%s", vfpool_ext_msg(vp));
	vfpool_close(vp);
	return NULL;
}

static int iteration(struct vfpool *vp, int i, uint64_t *cookie_b)
{
	struct attempt add = { .iteration = i }, del = { .iteration = i };
	struct vfpool_lease req, held = {}, seen[2] = {};
	pthread_barrier_t start;
	pthread_t tb, ta;
	char owner[32];
	int err;

	snprintf(owner, sizeof(owner), "podA-%d", i);
	lease_req(&req, owner, "net1", ns_a, 0x0a);
	err = vfpool_lease_new(vp, &req, keep_lease, &held);
	if (err) {
		printf("# iteration %d: pod A's ADD: %s: %s\n", i,
		       vfpool_strerror(err), vfpool_ext_msg(vp));
		return -1;
	}

	/* Either may go first: jitter both by up to 2 ms. */
	pthread_barrier_init(&start, NULL, 2);
	add.start = del.start = &start;
	add.delay_us = rand() % 2000;
	del.delay_us = rand() % 2000;
	pthread_create(&tb, NULL, pod_b_add, &add);
	pthread_create(&ta, NULL, pod_a_del, &del);
	pthread_join(tb, NULL);
	pthread_join(ta, NULL);
	pthread_barrier_destroy(&start);

	if (add.err || del.err) {
		printf("# iteration %d: B's ADD: %s (%s); A's DEL: %s (%s)\n", i,
		       vfpool_strerror(add.err), add.msg,
		       vfpool_strerror(del.err), del.msg);
		return -1;
	}
	if (!*cookie_b)
		*cookie_b = add.got.netns_cookie;

	/* A DEL of A that arrives later still: harmless. */
	err = del_owner(vp, owner, "net1");
	if (err) {
		printf("# iteration %d: A's late DEL failed: %s\n", i, vfpool_strerror(err));
		return -1;
	}

	err = vfpool_lease_dump(vp, NULL, count_lease, seen);
	if (err) {
		printf("# iteration %d: dump: %s\n", i, vfpool_strerror(err));
		return -1;
	}
	snprintf(owner, sizeof(owner), "podB-%d", i);
	if (seen[0].count != 1 || strcmp(seen[1].owner_id, owner) ||
	    strcmp(seen[1].ifname, "eth0") ||
	    seen[1].netns_cookie != *cookie_b ||
	    seen[1].vf_config.mac[5] != 0x0b) {
		printf("# iteration %d: %u leases on %s, owner '%s' ifname '%s' mac ..:%02x\n",
		       i, seen[0].count, member, seen[1].owner_id, seen[1].ifname,
		       seen[1].vf_config.mac[5]);
		return -1;
	}
	err = del_owner(vp, owner, "eth0");
	if (err) {
		printf("# iteration %d: B's DEL: %s\n", i, vfpool_strerror(err));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t cookie_b = 0;
	int i, n, failed = 0;
	struct vfpool *vp;
	int err;

	if (argc != 5) {
		fprintf(stderr, "usage: race MEMBER_IFNAME NETNS_A NETNS_B ITERATIONS\n");
		return 2;
	}
	member = argv[1];
	ns_a = open(argv[2], O_RDONLY | O_CLOEXEC);
	ns_b = open(argv[3], O_RDONLY | O_CLOEXEC);
	n = atoi(argv[4]);
	if (ns_a < 0 || ns_b < 0) {
		perror("open netns");
		return 1;
	}
	err = vfpool_open(&vp);
	if (err) {
		printf("1..0 # SKIP %s\n", vfpool_strerror(err));
		return 4;
	}
	srand(getpid());
	for (i = 0; i < n; i++) {
		if (i && !(i % 100))
			fprintf(stderr, "# race: %d iterations done\n", i);
		if (iteration(vp, i, &cookie_b)) {
			failed++;
			if (failed > 5)
				break;
		}
	}
	printf("# %d iterations, %d failed\n", i, failed);
	printf("%s 1 - %d iterations: X leased exactly once, to B, after every one\n",
	       failed ? "not ok" : "ok", n);
	printf("1..1\n");
	vfpool_close(vp);
	return failed ? 1 : 0;
}
