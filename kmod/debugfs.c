// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/vfpool/objects: how many pools, members and leases
 * are allocated right now. They are counted where they are allocated and
 * freed, not found by walking the lists, so an object that fell out of
 * every list without being freed still shows: the soak test compares
 * these figures before and after.
 *
 * /sys/kernel/debug/vfpool/ops: for each command, how many requests
 * passed its policy and reached its handler, as a doit and as a dump
 * (counted in pre_doit and at a dump's start): one line "CMD DOIT DUMP"
 * per command number, after a header line. The fuzzer compares them
 * before and after its run.
 *
 * No locks: the counters are atomic and read without a snapshot.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "vfpool.h"

static struct dentry *vfpool_debugfs;

/* [cmd][0] doit, [cmd][1] dump */
static atomic_t vfpool_ops_reached[VFPOOL_CMD_MAX + 1][2];

void vfpool_op_reached(u8 cmd, bool dump)
{
	if (cmd <= VFPOOL_CMD_MAX)
		atomic_inc(&vfpool_ops_reached[cmd][dump]);
}

static int vfpool_objects_show(struct seq_file *m, void *v)
{
	seq_printf(m, "pools %d\n", atomic_read(&vfpool_objects[VFPOOL_OBJ_POOL]));
	seq_printf(m, "members %d\n", atomic_read(&vfpool_objects[VFPOOL_OBJ_MEMBER]));
	seq_printf(m, "leases %d\n", atomic_read(&vfpool_objects[VFPOOL_OBJ_LEASE]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vfpool_objects);

static int vfpool_ops_show(struct seq_file *m, void *v)
{
	int cmd;

	seq_puts(m, "cmd doit dump\n");
	for (cmd = 1; cmd <= VFPOOL_CMD_MAX; cmd++)
		seq_printf(m, "%d %d %d\n", cmd,
			   atomic_read(&vfpool_ops_reached[cmd][0]),
			   atomic_read(&vfpool_ops_reached[cmd][1]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vfpool_ops);

void vfpool_debugfs_init(void)
{
	vfpool_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("objects", 0444, vfpool_debugfs, NULL, &vfpool_objects_fops);
	debugfs_create_file("ops", 0444, vfpool_debugfs, NULL, &vfpool_ops_fops);
	vfpool_fault_init(vfpool_debugfs);
}

void vfpool_debugfs_exit(void)
{
	debugfs_remove_recursive(vfpool_debugfs);
}
