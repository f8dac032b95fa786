// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/vfpool/objects: how many pools, members and leases
 * are allocated right now. They are counted where they are allocated and
 * freed, not found by walking the lists, so an object that fell out of
 * every list without being freed still shows: the soak test compares
 * these figures before and after.
 *
 * No locks: the counters are atomic and read without a snapshot.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "vfpool.h"

static struct dentry *vfpool_debugfs;

static int vfpool_objects_show(struct seq_file *m, void *v)
{
	seq_printf(m, "pools %d\n", atomic_read(&vfpool_objects[VFPOOL_OBJ_POOL]));
	seq_printf(m, "members %d\n", atomic_read(&vfpool_objects[VFPOOL_OBJ_MEMBER]));
	seq_printf(m, "leases %d\n", atomic_read(&vfpool_objects[VFPOOL_OBJ_LEASE]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vfpool_objects);

void vfpool_debugfs_init(void)
{
	vfpool_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("objects", 0444, vfpool_debugfs, NULL, &vfpool_objects_fops);
	vfpool_fault_init(vfpool_debugfs);
}

void vfpool_debugfs_exit(void)
{
	debugfs_remove_recursive(vfpool_debugfs);
}
