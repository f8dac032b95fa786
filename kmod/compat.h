/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels vfpool builds for (6.1 .. 6.12), in
 * one place instead of #ifs through the code.
 */
#ifndef _VFPOOL_COMPAT_H
#define _VFPOOL_COMPAT_H

#include <linux/netlink.h>
#include <net/genetlink.h>

/*
 * Name a lease's holder in the extack. The lease id always goes into the
 * ack cookie (8 bytes, host order), so tools can look the holder up;
 * kernels with formatted extack messages (6.2+) also spell it out.
 */
static inline void vfpool_set_err_holder(struct netlink_ext_ack *extack,
					 const char *owner, u64 id)
{
	if (!extack)
		return;
	memcpy(extack->cookie, &id, sizeof(id));
	extack->cookie_len = sizeof(id);
#ifdef NL_SET_ERR_MSG_FMT_MOD
	NL_SET_ERR_MSG_FMT_MOD(extack, "leased to owner %.32s (lease %llu)",
			       owner, id);
#else
	NL_SET_ERR_MSG_MOD(extack, "leased to another owner; its lease id is in the ack cookie");
#endif
}

/*
 * What pre_doit and post_doit are handed. Kbuild probes the headers for
 * the split ops of newer kernels and defines VFPOOL_HAVE_SPLIT_OPS.
 */
#ifdef VFPOOL_HAVE_SPLIT_OPS
#define vfpool_genl_op genl_split_ops
#else
#define vfpool_genl_op genl_ops
#endif

/* The attributes a dump request carried, parsed against the op's policy. */
static inline struct nlattr **vfpool_dump_attrs(struct netlink_callback *cb)
{
#ifdef VFPOOL_HAVE_DUMPIT_GENL_INFO
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* _VFPOOL_COMPAT_H */
