// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* vfpool member: add, del, show */
#include <net/if.h>

#include "cli.h"

enum { DEV, PCI, PF, VF };
static const char *const names[] = { "dev", "pci", "pf", "vf" };

/*
 * POOL {dev DEV [pf DEV vf N] | pci BDF}. Devices are sent by ifindex;
 * with by_name a device that does not resolve is sent by name, so a
 * member whose netdev has vanished can still be named.
 */
static int parse_member(int argc, char **argv, struct vfpool_member *m,
			bool add)
{
	uint32_t seen = 0;
	unsigned int ifindex;
	int k;

	if (argc < 1)
		return usage_error("a pool name is needed");
	if (arg_str("pool name", argv[0], VFPOOL_POOL_NAME_MAX))
		return EXIT_ERROR;
	vfpool_set_str(m, VFPOOL_MEMBER_A_POOL_NAME, pool_name, argv[0]);
	for (argc--, argv++; argc > 0; argc--, argv++) {
		k = keyword(*argv, names, add ? ARRAY_SIZE(names) : 2);
		if (k < 0 || once(&seen, k, names[k]))
			return EXIT_ERROR;
		NEXT_ARG();
		switch (k) {
		case DEV:
		case PF:
			if (arg_ifname("device name", *argv))
				return EXIT_ERROR;
			ifindex = if_nametoindex(*argv);
			if (!ifindex && (add || k == PF))
				return fail("cannot find device \"%s\"", *argv);
			if (k == PF)
				vfpool_set(m, VFPOOL_MEMBER_A_PF_IFINDEX,
					   pf_ifindex, ifindex);
			else if (ifindex)
				vfpool_set(m, VFPOOL_MEMBER_A_IFINDEX, ifindex,
					   ifindex);
			else
				vfpool_set_str(m, VFPOOL_MEMBER_A_IFNAME,
					       ifname, *argv);
			break;
		case PCI:
			if (arg_pci(*argv, m->pci))
				return EXIT_ERROR;
			m->present |= VFPOOL_BIT(VFPOOL_MEMBER_A_PCI);
			break;
		case VF:
			if (arg_u32("vf", *argv, 0, UINT16_MAX, &m->vf_index))
				return EXIT_ERROR;
			m->present |= VFPOOL_BIT(VFPOOL_MEMBER_A_VF_INDEX);
			break;
		}
	}
	if (!(seen & (1U << DEV | 1U << PCI)))
		return usage_error("dev or pci is needed");
	if ((seen & 1U << DEV) && (seen & 1U << PCI))
		return usage_error("dev and pci exclude each other");
	if (!(seen & 1U << PF) != !(seen & 1U << VF))
		return usage_error("pf and vf go together");
	if ((seen & 1U << PF) && !(seen & 1U << DEV))
		return usage_error("pf and vf are for a dev: a PCI VF knows "
				   "its PF");
	return 0;
}

static int member_add(int argc, char **argv)
{
	struct vfpool_member member = { 0 };
	struct vfpool *vp;
	int err;

	if (parse_member(argc, argv, &member, true))
		return EXIT_ERROR;
	err = open_vfpool(&vp);
	if (err)
		return err;
	return finish(vp, vfpool_member_add(vp, &member));
}

static int member_del(int argc, char **argv)
{
	struct vfpool_member member = { 0 };
	struct vfpool *vp;
	int err;

	if (parse_member(argc, argv, &member, false))
		return EXIT_ERROR;
	err = open_vfpool(&vp);
	if (err)
		return err;
	return finish(vp, vfpool_member_del(vp, &member));
}

static int member_show(int argc, char **argv)
{
	static const char *const show_names[] = { "pool" };
	struct list members = { .size = sizeof(struct vfpool_member), .stream = true };
	const char *pool = NULL;
	struct vfpool *vp;
	int err;

	for (; argc > 0; argc--, argv++) {
		if (KEYWORD(*argv, show_names) < 0)
			return EXIT_ERROR;
		if (pool)
			return usage_error("\"pool\" given twice");
		NEXT_ARG();
		if (arg_str("pool name", *argv, VFPOOL_POOL_NAME_MAX))
			return EXIT_ERROR;
		pool = *argv;
	}
	err = open_vfpool(&vp);
	if (err)
		return err;
	err = vfpool_member_dump(vp, pool, list_member, &members);
	if (!err)
		print_members(&members);
	list_free(&members);
	return finish(vp, err);
}

static const struct command commands[] = {
	{ "add", member_add, "add POOL dev DEV [pf DEV vf N]\n"
			     "add POOL pci BDF" },
	{ "del", member_del, "del POOL {dev DEV | pci BDF}" },
	{ "show", member_show, "show [pool NAME]" },
	{ "help", NULL, NULL },
};

int member_main(int argc, char **argv)
{
	return run_command("member", commands, ARRAY_SIZE(commands), "show",
			   argc, argv);
}
