// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* vfpool pool: add, del, show */
#include <net/if.h>

#include "cli.h"

static int pool_add(int argc, char **argv)
{
	enum { PF, PCI, IRQ_POLICY, IRQ_BANNED };
	static const char *const names[] = {
		"pf", "pci", "irq-policy", "irq-banned-cpus"
	};
	struct vfpool_pool pool = { 0 };
	struct vfpool *vp;
	uint32_t seen = 0;
	int k, err;

	if (argc < 1)
		return usage_error("a pool name is needed");
	if (arg_str("pool name", argv[0], VFPOOL_POOL_NAME_MAX))
		return EXIT_ERROR;
	vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, argv[0]);
	for (argc--, argv++; argc > 0; argc--, argv++) {
		k = KEYWORD(*argv, names);
		if (k < 0 || once(&seen, k, names[k]))
			return EXIT_ERROR;
		if ((seen & (1U << PF | 1U << PCI)) == (1U << PF | 1U << PCI))
			return usage_error("pf and pci exclude each other");
		NEXT_ARG();
		if (k == IRQ_BANNED) {
			if (irq_cpus_arg("irq-banned-cpus", *argv, pool.irq_banned_cpus,
					 sizeof(pool.irq_banned_cpus)))
				return EXIT_ERROR;
			pool.present |= VFPOOL_BIT(VFPOOL_POOL_A_IRQ_BANNED_CPUS);
		} else if (k == IRQ_POLICY) {
			int used = irq_policy_arg(argc, argv, &pool.irq_policy,
						  pool.irq_cpus,
						  sizeof(pool.irq_cpus));

			if (used < 0)
				return EXIT_ERROR;
			pool.present |= VFPOOL_BIT(VFPOOL_POOL_A_IRQ_POLICY);
			if (used == 2) {
				pool.present |= VFPOOL_BIT(VFPOOL_POOL_A_IRQ_CPUS);
				argc--, argv++;
			}
		} else if (k == PF) {
			unsigned int ifindex = if_nametoindex(*argv);

			if (!ifindex)
				return fail("cannot find device \"%s\"", *argv);
			vfpool_set(&pool, VFPOOL_POOL_A_PF_IFINDEX, pf_ifindex,
				   ifindex);
		} else {
			if (arg_pci(*argv, pool.pf_pci))
				return EXIT_ERROR;
			pool.present |= VFPOOL_BIT(VFPOOL_POOL_A_PF_PCI);
		}
	}
	err = open_vfpool(&vp);
	if (err)
		return err;
	return finish(vp, vfpool_pool_new(vp, &pool));
}

static int pool_del(int argc, char **argv)
{
	static const char *const names[] = { "force" };
	uint32_t flags = 0;
	struct vfpool *vp;
	int err;

	if (argc < 1)
		return usage_error("a pool name is needed");
	if (arg_str("pool name", argv[0], VFPOOL_POOL_NAME_MAX))
		return EXIT_ERROR;
	if (argc > 2)
		return usage_error("unexpected \"%s\"", argv[2]);
	if (argc == 2) {
		if (KEYWORD(argv[1], names) < 0)
			return EXIT_ERROR;
		flags |= VFPOOL_POOL_F_FORCE;
	}
	err = open_vfpool(&vp);
	if (err)
		return err;
	return finish(vp, vfpool_pool_del(vp, argv[0], flags));
}

static int pool_show(int argc, char **argv)
{
	struct list pools = { .size = sizeof(struct vfpool_pool), .stream = true };
	struct vfpool_pool pool;
	struct vfpool *vp;
	int err;

	if (argc > 1)
		return usage_error("unexpected \"%s\"", argv[1]);
	if (argc == 1 && arg_str("pool name", argv[0], VFPOOL_POOL_NAME_MAX))
		return EXIT_ERROR;
	err = open_vfpool(&vp);
	if (err)
		return err;
	if (argc == 1) {
		err = vfpool_pool_get(vp, argv[0], &pool);
		if (!err)
			list_pool(&pool, &pools);
	} else {
		err = vfpool_pool_dump(vp, list_pool, &pools);
	}
	if (!err)
		print_pools(&pools);
	list_free(&pools);
	return finish(vp, err);
}

static const struct command commands[] = {
	{ "add", pool_add, "add NAME [pf DEV | pci BDF]\n"
			   "    [irq-policy spread|numa-local|cpus LIST|none]\n"
			   "    [irq-banned-cpus LIST]" },
	{ "del", pool_del, "del NAME [force]" },
	{ "show", pool_show, "show [NAME]" },
	{ "help", NULL, NULL },
};

int pool_main(int argc, char **argv)
{
	return run_command("pool", commands, ARRAY_SIZE(commands), "show",
			   argc, argv);
}
