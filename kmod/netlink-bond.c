// SPDX-License-Identifier: GPL-2.0
/*
 * BOND_ENSLAVE and BOND_RELEASE: the request checked here, the bond work
 * in bond.c, the reply listing the leases it reports.
 */
#include "netlink.h"

static int vfpool_nl_bond(struct genl_info *info, bool enslave)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **tb = vfpool_nl_tb(info);
	struct vfpool_nl_lease_reply lr;
	struct nlattr *nest, *attr;
	int err, rem, n = 0;

	nest = info->attrs[VFPOOL_A_BOND];
	if (!vfpool_nl_name(info, VFPOOL_A_BOND, tb, VFPOOL_BOND_A_OWNER_ID,
			    VFPOOL_OWNER_ID_MAX, "owner-id: empty or has spaces or '/'"))
		return -EINVAL;
	if (tb[VFPOOL_BOND_A_IFNAME] && tb[VFPOOL_BOND_A_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPOOL_BOND_A_IFINDEX],
				    "bond: give ifname or ifindex, not both");
		return -EINVAL;
	}
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != VFPOOL_BOND_A_LINK &&
		    nla_type(attr) != VFPOOL_BOND_A_LEASE_ID)
			continue;
		if (++n > VFPOOL_BOND_LINKS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "bond: more links than VFPOOL_BOND_LINKS_MAX");
			return -E2BIG;
		}
	}
	vfpool_nl_lease_reply_init(&lr, info);
	if (enslave)
		err = vfpool_bond_enslave(nest, tb, &lr.report, extack);
	else
		err = vfpool_bond_release(nest, tb, &lr.report, extack);
	if (err)
		return err;
	vfpool_nl_lease_reply_fill(&lr);
	return vfpool_nl_reply_send(&lr.reply);
}

int vfpool_nl_bond_enslave_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vfpool_nl_bond(info, true);
}

int vfpool_nl_bond_release_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vfpool_nl_bond(info, false);
}
