// SPDX-License-Identifier: GPL-2.0
/*
 * Failure injection: vfpool_should_fail() is asked before every
 * allocation and every netdev step a transaction takes, so the selftests
 * can make each one fail in turn and check that nothing is left behind.
 *
 * The module has its own fault_attr rather than relying on failslab:
 * failing the core's own allocations inside dev_change_net_namespace()
 * trips WARN_ONs there that are not ours to test. With
 * CONFIG_FAULT_INJECTION_DEBUG_FS the usual knobs are in debugfs
 * vfpool/fail, and the per-task fail-nth file
 * (/proc/<pid>/task/<tid>/fail-nth) fails exactly the n-th point the
 * task's next request reaches. Failures are not logged (verbose 0): a
 * stack dump in the console log is what the test harness counts as a
 * kernel splat.
 *
 * No locks: fault_attr is atomic where it needs to be.
 */
#include <linux/debugfs.h>
#include <linux/fault-inject.h>

#include "vfpool.h"

static DECLARE_FAULT_ATTR(vfpool_fail_attr);

bool vfpool_should_fail(void)
{
	return should_fail(&vfpool_fail_attr, 1);
}

void vfpool_fault_init(struct dentry *dir)
{
	vfpool_fail_attr.verbose = 0;
	if (dir)
		fault_create_debugfs_attr("fail", dir, &vfpool_fail_attr);
}
