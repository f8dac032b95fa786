// SPDX-License-Identifier: GPL-2.0
/*
 * vfpool: pools of SR-IOV virtual functions, leased to containers by a
 * kernel that knows who holds what.
 *
 * Locking: vfpool_lock is defined here; vfpool.h tells its story.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <net/genetlink.h>

#include "vfpool.h"

/* Protects all pools, members and leases; vfpool.h has the rules. */
DEFINE_MUTEX(vfpool_lock);
/* Bumped when a pool is added or removed (the pool dump resumes by
 * position); never 0, see the dump code.
 */
unsigned long vfpool_gen = 1;
/* Counted at allocation and free; debugfs.c shows them. */
atomic_t vfpool_objects[VFPOOL_OBJ_MAX];

static int __init vfpool_init(void)
{
	int ret;

	ret = vfpool_reclaim_init();
	if (ret < 0)
		goto err;
	ret = vfpool_irq_init();
	if (ret < 0)
		goto err_reclaim;
	ret = vfpool_genl_init();
	if (ret < 0)
		goto err_irq;
	vfpool_debugfs_init();
	pr_info("version %s loaded\n", VFPOOL_VERSION);
	return 0;

err_irq:
	vfpool_irq_exit();
err_reclaim:
	vfpool_reclaim_exit();
err:
	return ret;
}

static void __exit vfpool_exit(void)
{
	vfpool_debugfs_exit();
	vfpool_genl_exit();
	vfpool_irq_exit();
	vfpool_reclaim_exit();
	vfpool_pools_destroy();
	rcu_barrier();
}

module_init(vfpool_init);
module_exit(vfpool_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Pools of SR-IOV VFs leased to containers");
MODULE_AUTHOR("The vfpool developers");
MODULE_VERSION(VFPOOL_VERSION);
MODULE_ALIAS_GENL_FAMILY(VFPOOL_GENL_NAME);
