// SPDX-License-Identifier: GPL-2.0
/*
 * VF configuration through the PF's ndo_*_vf_* callbacks, the same ones
 * "ip link set PF vf N ..." reaches.
 *
 * Locking: callers hold RTNL (the ndo_*_vf_* contract) and not
 * vfpool_lock.
 */
#include <linux/if_link.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "vfpool.h"

/* Save what the PF reports for VF @vf: the config a release restores. */
int vfpool_vf_config_get(struct net_device *pf, int vf,
			 struct vfpool_vf_config *cfg)
{
	const struct net_device_ops *ops = pf->netdev_ops;
	struct ifla_vf_info ivi;
	int err;

	ASSERT_RTNL();
	memset(cfg, 0, sizeof(*cfg));
	if (!ops->ndo_get_vf_config)
		return -EOPNOTSUPP;

	memset(&ivi, 0, sizeof(ivi));
	ivi.spoofchk = -1;
	ivi.trusted = -1;
	ivi.rss_query_en = -1;
	err = ops->ndo_get_vf_config(pf, vf, &ivi);
	if (err)
		return err;

	ether_addr_copy(cfg->mac, ivi.mac);
	cfg->vlan = ivi.vlan;
	cfg->qos = ivi.qos;
	cfg->vlan_proto = ivi.vlan_proto ? be16_to_cpu(ivi.vlan_proto) : ETH_P_8021Q;
	cfg->link_state = ivi.linkstate;
	cfg->min_tx_rate = ivi.min_tx_rate;
	cfg->max_tx_rate = ivi.max_tx_rate;
	cfg->set = BIT(VFPOOL_VF_A_MAC) | BIT(VFPOOL_VF_A_VLAN) |
		   BIT(VFPOOL_VF_A_VLAN_QOS) | BIT(VFPOOL_VF_A_VLAN_PROTO) |
		   BIT(VFPOOL_VF_A_LINK_STATE) | BIT(VFPOOL_VF_A_MIN_TX_RATE) |
		   BIT(VFPOOL_VF_A_MAX_TX_RATE);
	/* -1 means the driver does not report it: do not restore it either. */
	if (ivi.spoofchk != (u32)-1) {
		cfg->spoofchk = !!ivi.spoofchk;
		cfg->set |= BIT(VFPOOL_VF_A_SPOOFCHK);
	}
	if (ivi.trusted != (u32)-1) {
		cfg->trust = !!ivi.trusted;
		cfg->set |= BIT(VFPOOL_VF_A_TRUST);
	}
	return 0;
}

/* Rules the policy cannot express; the extack names the attribute. */
int vfpool_vf_config_check(const struct vfpool_vf_config *cfg,
			   struct netlink_ext_ack *extack)
{
	if (VFPOOL_VF_HAS(cfg, MAC) && !is_valid_ether_addr(cfg->mac)) {
		NL_SET_ERR_MSG(extack, "vf-config mac: not a unicast address");
		return -EINVAL;
	}
	if (VFPOOL_VF_HAS(cfg, VLAN_PROTO) && cfg->vlan_proto != ETH_P_8021Q &&
	    cfg->vlan_proto != ETH_P_8021AD) {
		NL_SET_ERR_MSG(extack, "vf-config vlan-proto: not 802.1Q or 802.1ad");
		return -EPROTONOSUPPORT;
	}
	if ((VFPOOL_VF_HAS(cfg, VLAN_QOS) || VFPOOL_VF_HAS(cfg, VLAN_PROTO)) &&
	    !(VFPOOL_VF_HAS(cfg, VLAN) && cfg->vlan)) {
		NL_SET_ERR_MSG(extack, "vf-config vlan-qos and vlan-proto need a non-zero vlan");
		return -EINVAL;
	}
	if (VFPOOL_VF_HAS(cfg, MIN_TX_RATE) && VFPOOL_VF_HAS(cfg, MAX_TX_RATE) &&
	    cfg->max_tx_rate && cfg->min_tx_rate > cfg->max_tx_rate) {
		NL_SET_ERR_MSG(extack, "vf-config min-tx-rate is above max-tx-rate");
		return -EINVAL;
	}
	return 0;
}

#define VF_SET_MSG(extack, what) \
	NL_SET_ERR_MSG(extack, "PF driver cannot set VF " what)

/*
 * Apply the fields @cfg sets to VF @vf of @pf. Stops at the first error,
 * which the caller unwinds by restoring the saved config.
 */
int vfpool_vf_config_set(struct net_device *pf, int vf,
			 const struct vfpool_vf_config *cfg,
			 struct netlink_ext_ack *extack)
{
	const struct net_device_ops *ops = pf->netdev_ops;
	int err;

	ASSERT_RTNL();
	if (VFPOOL_VF_HAS(cfg, MAC)) {
		if (!ops->ndo_set_vf_mac) {
			VF_SET_MSG(extack, "mac");
			return -EOPNOTSUPP;
		}
		err = ops->ndo_set_vf_mac(pf, vf, (u8 *)cfg->mac);
		if (err) {
			VF_SET_MSG(extack, "mac");
			return err;
		}
	}
	if (VFPOOL_VF_HAS(cfg, VLAN) || VFPOOL_VF_HAS(cfg, VLAN_QOS) ||
	    VFPOOL_VF_HAS(cfg, VLAN_PROTO)) {
		u16 proto = VFPOOL_VF_HAS(cfg, VLAN_PROTO) ? cfg->vlan_proto :
							     ETH_P_8021Q;

		if (!ops->ndo_set_vf_vlan) {
			VF_SET_MSG(extack, "vlan");
			return -EOPNOTSUPP;
		}
		err = ops->ndo_set_vf_vlan(pf, vf, cfg->vlan, cfg->qos,
					   htons(proto));
		if (err) {
			VF_SET_MSG(extack, "vlan");
			return err;
		}
	}
	if (VFPOOL_VF_HAS(cfg, SPOOFCHK)) {
		if (!ops->ndo_set_vf_spoofchk) {
			VF_SET_MSG(extack, "spoofchk");
			return -EOPNOTSUPP;
		}
		err = ops->ndo_set_vf_spoofchk(pf, vf, cfg->spoofchk);
		if (err) {
			VF_SET_MSG(extack, "spoofchk");
			return err;
		}
	}
	if (VFPOOL_VF_HAS(cfg, TRUST)) {
		if (!ops->ndo_set_vf_trust) {
			VF_SET_MSG(extack, "trust");
			return -EOPNOTSUPP;
		}
		err = ops->ndo_set_vf_trust(pf, vf, cfg->trust);
		if (err) {
			VF_SET_MSG(extack, "trust");
			return err;
		}
	}
	if (VFPOOL_VF_HAS(cfg, LINK_STATE)) {
		if (!ops->ndo_set_vf_link_state) {
			VF_SET_MSG(extack, "link state");
			return -EOPNOTSUPP;
		}
		err = ops->ndo_set_vf_link_state(pf, vf, cfg->link_state);
		if (err) {
			VF_SET_MSG(extack, "link state");
			return err;
		}
	}
	if (VFPOOL_VF_HAS(cfg, MIN_TX_RATE) || VFPOOL_VF_HAS(cfg, MAX_TX_RATE)) {
		if (!ops->ndo_set_vf_rate) {
			VF_SET_MSG(extack, "tx rate");
			return -EOPNOTSUPP;
		}
		err = ops->ndo_set_vf_rate(pf, vf, cfg->min_tx_rate,
					   cfg->max_tx_rate);
		if (err) {
			VF_SET_MSG(extack, "tx rate");
			return err;
		}
	}
	return 0;
}
