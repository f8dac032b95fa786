// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* vfpool lease: add, del, show */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include "cli.h"

#define LEASE_BIT(attr)	VFPOOL_BIT(VFPOOL_LEASE_A_##attr)
#define VF_BIT(attr)	VFPOOL_BIT(VFPOOL_VF_A_##attr)

enum {
	POOL, PCI, DEV, OWNER, IFNAME, NETNS, MAC, VLAN, QOS, PROTO, SPOOFCHK,
	TRUST, LINK_STATE, MIN_TX_RATE, MAX_TX_RATE, MTU, NUMA, COUNT,
	DISTINCT_PF, WAIT, NETWORK, LINK, SPREAD_PF,
};
static const char *const add_names[] = {
	[POOL] = "pool", [PCI] = "pci", [DEV] = "dev", [OWNER] = "owner",
	[IFNAME] = "ifname", [NETNS] = "netns", [MAC] = "mac",
	[VLAN] = "vlan", [QOS] = "qos", [PROTO] = "proto",
	[SPOOFCHK] = "spoofchk", [TRUST] = "trust",
	[LINK_STATE] = "link-state", [MIN_TX_RATE] = "min-tx-rate",
	[MAX_TX_RATE] = "max-tx-rate", [MTU] = "mtu", [NUMA] = "numa",
	[COUNT] = "count", [DISTINCT_PF] = "distinct-pf", [WAIT] = "wait",
	[NETWORK] = "network", [LINK] = "link", [SPREAD_PF] = "spread-pf",
};

/* The links of lease add: repeated, one lease each. */
struct lease_links {
	char names[VFPOOL_LEASE_COUNT_MAX][VFPOOL_IFNAME_MAX + 1];
	size_t n;
};

static int arg_link(const char *s, struct lease_links *links)
{
	size_t i;

	if (arg_ifname("link", s))
		return EXIT_ERROR;
	if (links->n == VFPOOL_LEASE_COUNT_MAX)
		return usage_error("link \"%s\": more than %d links", s,
				   VFPOOL_LEASE_COUNT_MAX);
	for (i = 0; i < links->n; i++)
		if (!strcmp(links->names[i], s))
			return usage_error("link \"%s\" given twice", s);
	snprintf(links->names[links->n++], sizeof(links->names[0]), "%s", s);
	return 0;
}

static int arg_network(const char *s, struct vfpool_lease *l)
{
	if (arg_str("network", s, VFPOOL_NETWORK_MAX))
		return EXIT_ERROR;
	vfpool_set_str(l, VFPOOL_LEASE_A_NETWORK, network, s);
	return 0;
}

static int arg_owner(const char *s, struct vfpool_lease *l)
{
	if (arg_str("owner", s, VFPOOL_OWNER_ID_MAX))
		return EXIT_ERROR;
	vfpool_set_str(l, VFPOOL_LEASE_A_OWNER_ID, owner_id, s);
	return 0;
}

static int arg_lease_ifname(const char *s, struct vfpool_lease *l)
{
	if (arg_ifname("ifname", s))
		return EXIT_ERROR;
	vfpool_set_str(l, VFPOOL_LEASE_A_IFNAME, ifname, s);
	return 0;
}

/* One keyword of lease add and its value; argv[0] is the value. */
static int lease_add_arg(int k, const char *arg, struct vfpool_lease *l,
			 const char **netns_path)
{
	struct vfpool_vf_config *vf = &l->vf_config;
	static const char *const link_states[] = {
		[IFLA_VF_LINK_STATE_AUTO] = "auto",
		[IFLA_VF_LINK_STATE_ENABLE] = "enable",
		[IFLA_VF_LINK_STATE_DISABLE] = "disable",
	};
	unsigned int ifindex;
	uint32_t v;
	bool on;
	int i;

	switch (k) {
	case POOL:
		if (arg_str("pool name", arg, VFPOOL_POOL_NAME_MAX))
			return EXIT_ERROR;
		vfpool_set_str(l, VFPOOL_LEASE_A_POOL_NAME, pool_name, arg);
		return 0;
	case PCI:
		if (arg_pci(arg, l->member_pci))
			return EXIT_ERROR;
		l->present |= LEASE_BIT(MEMBER_PCI);
		return 0;
	case DEV:
		/* A name that does not resolve here may be a member's. */
		if (arg_ifname("device name", arg))
			return EXIT_ERROR;
		ifindex = if_nametoindex(arg);
		if (ifindex)
			vfpool_set(l, VFPOOL_LEASE_A_MEMBER_IFINDEX,
				   member_ifindex, ifindex);
		else
			vfpool_set_str(l, VFPOOL_LEASE_A_MEMBER_IFNAME,
				       member_ifname, arg);
		return 0;
	case OWNER:
		return arg_owner(arg, l);
	case IFNAME:
		return arg_lease_ifname(arg, l);
	case NETNS:
		*netns_path = arg;
		return 0;
	case MAC:
		if (vfpool_mac_parse(arg, vf->mac))
			return usage_error("invalid MAC address \"%s\" "
					   "(expected xx:xx:xx:xx:xx:xx)", arg);
		vf->present |= VF_BIT(MAC);
		return 0;
	case VLAN:
		if (arg_u32("vlan", arg, 0, 4095, &v))
			return EXIT_ERROR;
		vfpool_set(vf, VFPOOL_VF_A_VLAN, vlan, v);
		return 0;
	case QOS:
		if (arg_u32("qos", arg, 0, 7, &v))
			return EXIT_ERROR;
		vfpool_set(vf, VFPOOL_VF_A_VLAN_QOS, vlan_qos, v);
		return 0;
	case PROTO:
		if (!strcasecmp(arg, "802.1Q"))
			vfpool_set(vf, VFPOOL_VF_A_VLAN_PROTO, vlan_proto,
				   ETH_P_8021Q);
		else if (!strcasecmp(arg, "802.1ad"))
			vfpool_set(vf, VFPOOL_VF_A_VLAN_PROTO, vlan_proto,
				   ETH_P_8021AD);
		else
			return usage_error("invalid proto \"%s\" (expected "
					   "802.1Q or 802.1ad)", arg);
		return 0;
	case SPOOFCHK:
	case TRUST:
		if (parse_on_off(arg, &on))
			return usage_error("%s \"%s\": expected on or off",
					   add_names[k], arg);
		if (k == SPOOFCHK)
			vfpool_set(vf, VFPOOL_VF_A_SPOOFCHK, spoofchk, on);
		else
			vfpool_set(vf, VFPOOL_VF_A_TRUST, trust, on);
		return 0;
	case LINK_STATE:
		i = KEYWORD(arg, link_states);
		if (i < 0)
			return EXIT_ERROR;
		vfpool_set(vf, VFPOOL_VF_A_LINK_STATE, link_state, i);
		return 0;
	case MIN_TX_RATE:
	case MAX_TX_RATE:
		if (arg_u32(add_names[k], arg, 0, UINT32_MAX, &v))
			return EXIT_ERROR;
		if (k == MIN_TX_RATE)
			vfpool_set(vf, VFPOOL_VF_A_MIN_TX_RATE, min_tx_rate, v);
		else
			vfpool_set(vf, VFPOOL_VF_A_MAX_TX_RATE, max_tx_rate, v);
		return 0;
	case MTU:
		if (arg_u32("mtu", arg, 68, 65535, &v))
			return EXIT_ERROR;
		vfpool_set(vf, VFPOOL_VF_A_MTU, mtu, v);
		return 0;
	case NUMA:
		if (arg_u32("numa", arg, 0, 1023, &v))
			return EXIT_ERROR;
		vfpool_set(l, VFPOOL_LEASE_A_NUMA_NODE, numa_node, v);
		return 0;
	case COUNT:
		if (arg_u32("count", arg, 1, VFPOOL_LEASE_COUNT_MAX, &v))
			return EXIT_ERROR;
		vfpool_set(l, VFPOOL_LEASE_A_COUNT, count, v);
		return 0;
	case WAIT:
		if (arg_u32("wait", arg, 0, VFPOOL_WAIT_MS_MAX / 1000, &v))
			return EXIT_ERROR;
		if (v)
			vfpool_set(l, VFPOOL_LEASE_A_WAIT_MS, wait_ms,
				   v * 1000);
		return 0;
	case NETWORK:
		return arg_network(arg, l);
	}
	return EXIT_ERROR;
}

/* What one keyword cannot say alone. */
static int lease_add_check(uint32_t seen, const struct vfpool_lease *l)
{
	const struct vfpool_vf_config *vf = &l->vf_config;
	int targets = !!(seen & 1U << POOL) + !!(seen & 1U << PCI) +
		      !!(seen & 1U << DEV);

	if (targets != 1)
		return usage_error("one of pool, pci or dev is needed");
	if (!(seen & 1U << OWNER))
		return usage_error("owner is needed");
	if ((seen & (1U << QOS | 1U << PROTO)) && !vf->vlan)
		return usage_error("qos and proto need a non-zero vlan");
	if ((seen & 1U << LINK) && (seen & (1U << IFNAME | 1U << COUNT)))
		return usage_error("link names each lease: not with ifname or count");
	if ((seen & 1U << LINK) && !(seen & 1U << POOL))
		return usage_error("link needs a pool");
	if ((seen & 1U << DISTINCT_PF) && (seen & 1U << SPREAD_PF))
		return usage_error("distinct-pf or spread-pf, not both");
	if ((seen & (1U << DISTINCT_PF | 1U << SPREAD_PF)) && l->count < 2 &&
	    l->n_links < 2)
		return usage_error("%s needs a count of 2 or more (or 2 links)",
				   seen & 1U << DISTINCT_PF ? "distinct-pf" : "spread-pf");
	if ((l->count > 1 || (seen & 1U << NETNS)) &&
	    !(seen & (1U << IFNAME | 1U << LINK)))
		return usage_error("count and netns need an ifname");
	if (vf->max_tx_rate && vf->min_tx_rate > vf->max_tx_rate)
		return usage_error("min-tx-rate exceeds max-tx-rate");
	if (l->count > 1 && (seen & 1U << IFNAME) && !strstr(l->ifname, "%d"))
		return usage_error("with a count, ifname needs a \"%%d\"");
	return 0;
}

static int lease_add(int argc, char **argv)
{
	struct list leases = { .size = sizeof(struct vfpool_lease) };
	const char *netns_path = NULL;
	struct lease_links *links;
	struct vfpool_lease *l;
	struct vfpool *vp;
	uint32_t seen = 0, pid;
	int k, err, fd = -1;

	l = calloc(1, sizeof(*l));
	links = calloc(1, sizeof(*links));
	if (!l || !links) {
		free(l);
		free(links);
		return fail("%s", vfpool_strerror(-ENOMEM));
	}
	for (err = 0; !err && argc > 0; argc--, argv++) {
		k = KEYWORD(*argv, add_names);
		/* Only link comes more than once. */
		if (k < 0 || (k != LINK && once(&seen, k, add_names[k]))) {
			err = EXIT_ERROR;
			break;
		}
		if (k == DISTINCT_PF || k == SPREAD_PF) {
			vfpool_set(l, VFPOOL_LEASE_A_FLAGS, flags, l->flags |
				   (k == DISTINCT_PF ? VFPOOL_LEASE_F_DISTINCT_PF :
						       VFPOOL_LEASE_F_SPREAD_PF));
			continue;
		}
		if (argc < 2) {
			err = usage_error("\"%s\" needs a value", *argv);
			break;
		}
		argc--, argv++;
		if (k == LINK) {
			seen |= 1U << LINK;
			err = arg_link(*argv, links);
			continue;
		}
		if (k == NETNS && !strcmp(*argv, "pid")) {
			if (argc < 2) {
				err = usage_error("\"pid\" needs a value");
				break;
			}
			argc--, argv++;
			err = arg_u32("pid", *argv, 1, INT32_MAX, &pid);
			if (!err)
				vfpool_set(l, VFPOOL_LEASE_A_NETNS_PID,
					   netns_pid, pid);
			continue;
		}
		err = lease_add_arg(k, *argv, l, &netns_path);
	}
	if (links->n) {
		l->links = links->names;
		l->n_links = links->n;
		l->present |= LEASE_BIT(LINK);
	}
	if (!err)
		err = lease_add_check(seen, l);
	if (l->vf_config.present)
		l->present |= LEASE_BIT(VF_CONFIG);
	if (!err && netns_path) {
		fd = open(netns_path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			err = fail("cannot open netns \"%s\": %m", netns_path);
		else
			vfpool_set(l, VFPOOL_LEASE_A_NETNS_FD, netns_fd, fd);
	}
	if (!err) {
		err = open_vfpool(&vp);
		if (!err) {
			err = vfpool_lease_new(vp, l, list_lease, &leases);
			if (!err)
				print_leases(&leases);
			err = finish(vp, err);
		}
	}
	if (fd >= 0)
		close(fd);
	list_free(&leases);
	free(links);
	free(l);
	return err;
}

static int lease_del(int argc, char **argv)
{
	enum { ID, OWNER_ID, IFNAME_ };
	static const char *const names[] = { "id", "owner", "ifname" };
	struct list leases = { .size = sizeof(struct vfpool_lease) };
	struct vfpool_lease req = { 0 };
	struct vfpool *vp;
	uint32_t seen = 0;
	int k, err;

	for (; argc > 0; argc--, argv++) {
		k = KEYWORD(*argv, names);
		if (k < 0 || once(&seen, k, names[k]))
			return EXIT_ERROR;
		NEXT_ARG();
		if (k == ID) {
			if (arg_u64("id", *argv, 1, &req.id))
				return EXIT_ERROR;
			req.present |= LEASE_BIT(ID);
		} else if (k == OWNER_ID) {
			if (arg_owner(*argv, &req))
				return EXIT_ERROR;
		} else if (arg_lease_ifname(*argv, &req)) {
			return EXIT_ERROR;
		}
	}
	if (!(seen & (1U << ID | 1U << OWNER_ID)))
		return usage_error("id or owner is needed");
	if ((seen & 1U << IFNAME_) && !(seen & 1U << OWNER_ID))
		return usage_error("ifname goes with owner");
	err = open_vfpool(&vp);
	if (err)
		return err;
	err = vfpool_lease_del(vp, &req, list_lease, &leases);
	if (!err)
		print_leases(&leases);
	list_free(&leases);
	return finish(vp, err);
}

static int lease_show(int argc, char **argv)
{
	enum { POOL_NAME, OWNER_ID, ID, NETWORK_ };
	static const char *const names[] = { "pool", "owner", "id", "network" };
	struct list leases = { .size = sizeof(struct vfpool_lease), .stream = true };
	struct vfpool_lease filter = { 0 }, *l;
	struct vfpool *vp;
	uint32_t seen = 0;
	int k, err;

	for (; argc > 0; argc--, argv++) {
		k = KEYWORD(*argv, names);
		if (k < 0 || once(&seen, k, names[k]))
			return EXIT_ERROR;
		NEXT_ARG();
		if (k == ID) {
			if (arg_u64("id", *argv, 1, &filter.id))
				return EXIT_ERROR;
			filter.present |= LEASE_BIT(ID);
		} else if (k == OWNER_ID) {
			if (arg_owner(*argv, &filter))
				return EXIT_ERROR;
		} else if (k == NETWORK_) {
			if (arg_network(*argv, &filter))
				return EXIT_ERROR;
		} else {
			if (arg_str("pool name", *argv, VFPOOL_POOL_NAME_MAX))
				return EXIT_ERROR;
			vfpool_set_str(&filter, VFPOOL_LEASE_A_POOL_NAME,
				       pool_name, *argv);
		}
	}
	err = open_vfpool(&vp);
	if (err)
		return err;
	if (seen & 1U << ID) {
		/* One lease by id; pool and owner must match it too. */
		l = malloc(sizeof(*l));
		err = l ? vfpool_lease_get(vp, filter.id, l) : -ENOMEM;
		if (!err &&
		    (!(seen & 1U << POOL_NAME) ||
		     !strcmp(l->pool_name, filter.pool_name)) &&
		    (!(seen & 1U << OWNER_ID) ||
		     !strcmp(l->owner_id, filter.owner_id)) &&
		    (!(seen & 1U << NETWORK_) ||
		     !strcmp(l->network, filter.network)))
			list_lease(l, &leases);
		free(l);
	} else {
		err = vfpool_lease_dump(vp, &filter, list_lease, &leases);
	}
	if (!err)
		print_leases(&leases);
	list_free(&leases);
	return finish(vp, err);
}

static const struct command commands[] = {
	{ "add", lease_add,
	  "add {pool NAME | pci BDF | dev DEV} owner ID\n"
	  "    [ifname IFNAME] [netns {PATH | pid PID}] [mac MAC]\n"
	  "    [vlan ID [qos N] [proto 802.1Q|802.1ad]]\n"
	  "    [spoofchk on|off] [trust on|off]\n"
	  "    [link-state auto|enable|disable]\n"
	  "    [min-tx-rate MBPS] [max-tx-rate MBPS] [mtu N]\n"
	  "    [numa NODE] [count N | link NAME...] [distinct-pf | spread-pf]\n"
	  "    [wait SECONDS] [network NAME]" },
	{ "del", lease_del, "del {id ID | owner ID [ifname IFNAME] [id ID]}" },
	{ "show", lease_show,
	  "show [pool NAME] [owner ID] [id ID] [network NAME]" },
	{ "help", NULL, NULL },
};

int lease_main(int argc, char **argv)
{
	return run_command("lease", commands, ARRAY_SIZE(commands), "show",
			   argc, argv);
}
