// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* vfpool bond: enslave, release */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The bond, first: its name in the leases' netns, or ifindex N. */
enum { OWNER, LINK, LEASE, IFINDEX };
static const char *const names[] = {
	[OWNER] = "owner", [LINK] = "link", [LEASE] = "lease",
	[IFINDEX] = "ifindex",
};

/*
 * [BOND] owner ID {link IFNAME | lease ID}... into req. A first word that
 * is no keyword names the bond, so a bond that a keyword starts with
 * ("l", "owner") is named by its ifindex.
 */
static int bond_args(int argc, char **argv, struct vfpool_bond *req)
{
	uint32_t seen = 0, index;
	int k;

	if (argc > 0) {
		k = match_names(*argv, names);
		if (k == IFINDEX) {
			NEXT_ARG();
			if (arg_u32("ifindex", *argv, 1, INT32_MAX, &index))
				return EXIT_ERROR;
			vfpool_set(req, VFPOOL_BOND_A_IFINDEX, ifindex, index);
			argc--, argv++;
		} else if (k == MATCH_UNKNOWN) {
			if (arg_ifname("bond name", *argv))
				return EXIT_ERROR;
			vfpool_set_str(req, VFPOOL_BOND_A_IFNAME, ifname,
				       *argv);
			argc--, argv++;
		}
	}
	for (; argc > 0; argc--, argv++) {
		k = keyword(*argv, names, IFINDEX);
		if (k < 0)
			return EXIT_ERROR;
		if (k == OWNER && once(&seen, k, names[k]))
			return EXIT_ERROR;
		NEXT_ARG();
		if (k == OWNER) {
			if (arg_str("owner", *argv, VFPOOL_OWNER_ID_MAX))
				return EXIT_ERROR;
			vfpool_set_str(req, VFPOOL_BOND_A_OWNER_ID, owner_id,
				       *argv);
			continue;
		}
		if (req->n_links + req->n_lease_ids >= VFPOOL_BOND_LINKS_MAX)
			return usage_error("more than %d links and leases",
					   VFPOOL_BOND_LINKS_MAX);
		if (k == LINK) {
			if (arg_ifname("link", *argv))
				return EXIT_ERROR;
			strcpy(req->links[req->n_links++], *argv);
		} else if (arg_u64("lease", *argv, 1,
				   &req->lease_ids[req->n_lease_ids++])) {
			return EXIT_ERROR;
		}
	}
	if (!(seen & 1U << OWNER))
		return usage_error("owner is needed");
	return 0;
}

static bool has_bond(const struct vfpool_bond *req)
{
	return vfpool_has(req, VFPOOL_BOND_A_IFNAME) ||
	       vfpool_has(req, VFPOOL_BOND_A_IFINDEX);
}

/* Send req with fn, print the leases it names as lease show does. */
static int bond_request(int (*fn)(struct vfpool *, const struct vfpool_bond *,
				  vfpool_lease_cb, void *),
			const struct vfpool_bond *req)
{
	struct list leases = { .size = sizeof(struct vfpool_lease) };
	struct vfpool *vp;
	int err;

	err = open_vfpool(&vp);
	if (err)
		return err;
	err = fn(vp, req, list_lease, &leases);
	if (!err)
		print_leases(&leases);
	list_free(&leases);
	return finish(vp, err);
}

static int bond_enslave(int argc, char **argv)
{
	struct vfpool_bond *req = calloc(1, sizeof(*req));
	int err;

	if (!req)
		return fail("%s", vfpool_strerror(-ENOMEM));
	err = bond_args(argc, argv, req);
	if (!err && !has_bond(req))
		err = usage_error("a bond is needed (NAME or ifindex N)");
	if (!err && !req->n_links && !req->n_lease_ids)
		err = usage_error("a link or lease is needed");
	if (!err)
		err = bond_request(vfpool_bond_enslave, req);
	free(req);
	return err;
}

static int bond_release(int argc, char **argv)
{
	struct vfpool_bond *req = calloc(1, sizeof(*req));
	int err;

	if (!req)
		return fail("%s", vfpool_strerror(-ENOMEM));
	err = bond_args(argc, argv, req);
	/* Without links or leases, every member of the bond leaves it. */
	if (!err && !has_bond(req) && !req->n_links && !req->n_lease_ids)
		err = usage_error("a bond, or a link or lease, is needed");
	if (!err)
		err = bond_request(vfpool_bond_release, req);
	free(req);
	return err;
}

static const struct command commands[] = {
	{ "enslave", bond_enslave,
	  "enslave BOND owner ID {link IFNAME | lease ID}...\n"
	  "    BOND := NAME | ifindex N" },
	{ "release", bond_release,
	  "release [BOND] owner ID [{link IFNAME | lease ID}...]" },
	{ "help", NULL, NULL },
};

int bond_main(int argc, char **argv)
{
	return run_command("bond", commands, ARRAY_SIZE(commands), NULL,
			   argc, argv);
}
