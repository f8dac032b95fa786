// SPDX-License-Identifier: GPL-2.0
/*
 * Soak: CYCLES lease + release cycles on POOL through the client library,
 * every MOVE_EVERY-th one (default 64) into NETNS with an ifname and a
 * VF config, while soak.sh adds and deletes netns, members and VFs
 * around it. A cycle may find no free member (soak.sh took one away) or
 * find its lease already reclaimed (its member vanished): both are
 * counted, neither is an error. Anything else is.
 *
 *   soak CYCLES POOL NETNS_PATH [MOVE_EVERY]
 *
 * TAP on stdout; exit 0 pass, 1 fail.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vfpool.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long i, cycles, every, moved = 0, no_member = 0, reclaimed = 0, errors = 0;
	double start = now();
	struct vfpool *vp;
	int err, netns;

	if (argc < 4) {
		fprintf(stderr, "usage: soak CYCLES POOL NETNS_PATH [MOVE_EVERY]\n");
		return 2;
	}
	cycles = atol(argv[1]);
	every = argc > 4 ? atol(argv[4]) : 64;
	netns = open(argv[3], O_RDONLY | O_CLOEXEC);
	if (netns < 0 || every < 1) {
		perror(argv[3]);
		return 2;
	}
	err = vfpool_open(&vp);
	if (err) {
		printf("1..0 # SKIP %s\n", vfpool_strerror(err));
		return 4;
	}
	for (i = 0; i < cycles; i++) {
		struct vfpool_lease req = {};
		char owner[32];

		snprintf(owner, sizeof(owner), "soak-%ld", i % 16);
		vfpool_set_str(&req, VFPOOL_LEASE_A_POOL_NAME, pool_name, argv[2]);
		vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, owner);
		if (i % every == 0) {
			struct vfpool_vf_config *vf = &req.vf_config;

			vfpool_set_str(&req, VFPOOL_LEASE_A_IFNAME, ifname, "soak1");
			vfpool_set(&req, VFPOOL_LEASE_A_NETNS_FD, netns_fd, netns);
			vfpool_set(vf, VFPOOL_VF_A_VLAN, vlan, 1 + i % 4000);
			memcpy(vf->mac, (unsigned char[]){ 2, 0, 0, 5, i >> 8, i }, 6);
			vf->present |= VFPOOL_BIT(VFPOOL_VF_A_MAC);
			req.present |= VFPOOL_BIT(VFPOOL_LEASE_A_VF_CONFIG);
		}
		err = vfpool_lease_new(vp, &req, NULL, NULL);
		if (err == -EBUSY || err == -ENOSPC || err == -ENODEV) {
			if (no_member++ < 3)
				printf("# cycle %ld: no member: %s: %s\n", i, vfpool_strerror(err),
				       vfpool_ext_msg(vp));
			continue;
		}
		if (err) {
			if (errors++ < 10)
				printf("# cycle %ld: lease: %s: %s\n", i, vfpool_strerror(err),
				       vfpool_ext_msg(vp));
			continue;
		}
		moved += i % every == 0;
		req.present &= VFPOOL_BIT(VFPOOL_LEASE_A_OWNER_ID) | VFPOOL_BIT(VFPOOL_LEASE_A_IFNAME);
		err = vfpool_lease_del(vp, &req, NULL, NULL);
		if (err == -ENOENT) {
			reclaimed++;
		} else if (err) {
			if (errors++ < 10)
				printf("# cycle %ld: release: %s: %s\n", i, vfpool_strerror(err),
				       vfpool_ext_msg(vp));
		}
	}
	printf("# %ld cycles in %.1f s: %ld moved into the netns, %ld found no free member, %ld reclaimed under us, %ld errors\n",
	       cycles, now() - start, moved, no_member, reclaimed, errors);
	printf("%s 1 - %ld lease/release cycles without an error\n",
	       errors ? "not ok" : "ok", cycles);
	/* soak.sh takes at most two members away: most cycles must lease */
	printf("%s 2 - most cycles found a free member\n",
	       no_member * 2 < cycles ? "ok" : "not ok");
	printf("1..2\n");
	vfpool_close(vp);
	return errors || no_member * 2 >= cycles ? 1 : 0;
}
