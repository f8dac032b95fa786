// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The pod side of ADD and CHECK, over rtnetlink (libmnl) inside the pod
 * netns: what sriov-cni does after IPAM. arp_notify and ndisc_notify so
 * the kernel announces the link on later changes, optimistic DAD so IPv6
 * addresses are usable at once, addresses, link up (whereupon the
 * kernel sends a gratuitous ARP per IPv4 address if the link has its
 * carrier), routes, then, once the kernel has seen the carrier, one
 * unsolicited neighbour advertisement per IPv6 address and our own
 * gratuitous ARPs where the kernel's went nowhere (best effort: a failed
 * or impossible announcement is logged, not fatal).
 *
 * cni_pod_open() switches this process into the pod netns and
 * cni_pod_close() switches it back: sysctls under /proc/sys/net follow
 * the netns of the writer. Nothing that must run in the host netns
 * (IPAM, the vfpool handle is fine: its socket keeps its netns) may run
 * in between. A bond is created here; its slaves are enslaved by the
 * module (BOND_ENSLAVE), which knows they are leases.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/rtnetlink.h>
#include <netinet/icmp6.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "cni.h"

#define RTNL_BUF	32768
/* How long the announcements wait for a carrier after link up. */
#define CARRIER_WAIT_MS	2000

struct cni_pod {
	int host_ns;
	struct mnl_socket *nl;
	unsigned int seq;
	unsigned int portid;
};

int cni_pod_open(struct cni_pod **podp, int netns_fd, struct cni_error *e)
{
	struct cni_pod *pod = calloc(1, sizeof(*pod));

	*podp = NULL;
	if (!pod)
		return cni_err(e, CNI_ERR_IO, "out of memory");
	pod->host_ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (pod->host_ns < 0) {
		free(pod);
		return cni_err(e, CNI_ERR_IO, "cannot open /proc/self/ns/net: %m");
	}
	if (setns(netns_fd, CLONE_NEWNET)) {
		cni_err(e, CNI_ERR_POD_NETWORK, "cannot enter the pod netns: %m");
		close(pod->host_ns);
		free(pod);
		return e->code;
	}
	pod->nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!pod->nl || mnl_socket_bind(pod->nl, 0, MNL_SOCKET_AUTOPID)) {
		cni_err(e, CNI_ERR_POD_NETWORK, "rtnetlink in the pod netns: %m");
		cni_pod_close(pod);
		return e->code;
	}
	pod->portid = mnl_socket_get_portid(pod->nl);
	pod->seq = 1;
	*podp = pod;
	return 0;
}

void cni_pod_close(struct cni_pod *pod)
{
	if (!pod)
		return;
	if (pod->nl)
		mnl_socket_close(pod->nl);
	/* Not being able to go back would run IPAM in the pod: give up. */
	if (setns(pod->host_ns, CLONE_NEWNET)) {
		cni_log(CNI_LOG_PANIC, "cannot return to the host netns: %m");
		abort();
	}
	close(pod->host_ns);
	free(pod);
}

/* One request and its replies up to the ACK or NLMSG_DONE: 0 or -errno. */
static int talk(struct cni_pod *pod, struct nlmsghdr *nlh, mnl_cb_t cb,
		void *data)
{
	char *buf = malloc(RTNL_BUF);
	unsigned int seq = ++pod->seq;
	ssize_t n;
	int ret;

	if (!buf)
		return -ENOMEM;
	nlh->nlmsg_seq = seq;
	if (mnl_socket_sendto(pod->nl, nlh, nlh->nlmsg_len) < 0) {
		ret = -errno;
		goto out;
	}
	do {
		n = mnl_socket_recvfrom(pod->nl, buf, RTNL_BUF);
		if (n < 0) {
			ret = -errno;
			goto out;
		}
		ret = mnl_cb_run(buf, n, seq, pod->portid, cb, data);
	} while (ret == MNL_CB_OK);
	ret = ret < 0 ? -errno : 0;
out:
	free(buf);
	return ret;
}

static int link_info_attr(const struct nlattr *a, void *data)
{
	struct cni_link *link = data;

	if (mnl_attr_get_type(a) == IFLA_INFO_KIND &&
	    !mnl_attr_validate(a, MNL_TYPE_STRING))
		snprintf(link->kind, sizeof(link->kind), "%.*s",
			 (int)mnl_attr_get_payload_len(a),
			 mnl_attr_get_str(a));
	return MNL_CB_OK;
}

static int link_attr(const struct nlattr *a, void *data)
{
	struct cni_link *link = data;

	switch (mnl_attr_get_type(a)) {
	case IFLA_MASTER:
		if (!mnl_attr_validate(a, MNL_TYPE_U32))
			link->master = mnl_attr_get_u32(a);
		break;
	case IFLA_LINKINFO:
		mnl_attr_parse_nested(a, link_info_attr, link);
		break;
	case IFLA_ADDRESS:
		if (mnl_attr_get_payload_len(a) == 6)
			memcpy(link->mac, mnl_attr_get_payload(a), 6);
		break;
	case IFLA_MTU:
		if (!mnl_attr_validate(a, MNL_TYPE_U32))
			link->mtu = mnl_attr_get_u32(a);
		break;
	}
	return MNL_CB_OK;
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct cni_link *link = data;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return MNL_CB_OK;
	link->ifindex = ifi->ifi_index;
	link->flags = ifi->ifi_flags;
	return mnl_attr_parse(nlh, sizeof(*ifi), link_attr, link);
}

int cni_pod_link(struct cni_pod *pod, const char *ifname,
		 struct cni_link *link)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	memset(link, 0, sizeof(*link));
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	/* No VF info: that is what makes link dumps slow on real PFs. */
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, 0);
	return talk(pod, nlh, link_cb, link);
}

static int link_up(struct cni_pod *pod, int ifindex)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	return talk(pod, nlh, NULL, NULL);
}

/*
 * A bond, down, with the options the config gives: the slaves are the
 * leases, which BOND_ENSLAVE adds in the kernel. The bonding driver
 * applies IFLA_BOND_MODE before the options that depend on it.
 */
int cni_pod_bond_add(struct cni_pod *pod, const char *ifname,
		     const struct cni_bond *bond, struct cni_error *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nlattr *info, *data;
	struct ifinfomsg *ifi;
	int err;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE |
			   NLM_F_EXCL;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	if (bond->has_mtu)
		mnl_attr_put_u32(nlh, IFLA_MTU, bond->mtu);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "bond");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	if (bond->has_mode)
		mnl_attr_put_u8(nlh, IFLA_BOND_MODE, bond->mode);
	if (bond->has_miimon)
		mnl_attr_put_u32(nlh, IFLA_BOND_MIIMON, bond->miimon);
	if (bond->has_fail_over_mac)
		mnl_attr_put_u8(nlh, IFLA_BOND_FAIL_OVER_MAC,
				bond->fail_over_mac);
	if (bond->has_all_slaves_active)
		mnl_attr_put_u8(nlh, IFLA_BOND_ALL_SLAVES_ACTIVE,
				bond->all_slaves_active);
	if (bond->has_tlb_dynamic_lb)
		mnl_attr_put_u8(nlh, IFLA_BOND_TLB_DYNAMIC_LB,
				bond->tlb_dynamic_lb);
	if (bond->has_xmit_hash_policy)
		mnl_attr_put_u8(nlh, IFLA_BOND_XMIT_HASH_POLICY,
				bond->xmit_hash_policy);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	err = talk(pod, nlh, NULL, NULL);
	if (err == -EEXIST)
		return err;
	if (err == -EOPNOTSUPP)
		return cni_err(e, CNI_ERR_POD_NETWORK, "cannot create bond %s: "
			       "no bonding in this kernel (modprobe bonding)",
			       ifname);
	if (err)
		return cni_err(e, err == -EINVAL || err == -EACCES ?
			       CNI_ERR_INVALID_CONFIG : CNI_ERR_POD_NETWORK,
			       "cannot create bond %s with the bond options "
			       "of the config: %s", ifname, strerror(-err));
	return 0;
}

int cni_pod_link_del(struct cni_pod *pod, const char *ifname)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = RTM_DELLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	return talk(pod, nlh, NULL, NULL);
}

static int addr_add(struct cni_pod *pod, int ifindex, int family,
		    const uint8_t *addr, unsigned int plen)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	size_t alen = family == AF_INET ? 4 : 16;
	struct ifaddrmsg *ifa;
	int err;

	nlh->nlmsg_type = RTM_NEWADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE |
			   NLM_F_EXCL;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_index = ifindex;
	/* Honoured only where optimistic_dad is on; dropped otherwise. */
	if (family == AF_INET6)
		ifa->ifa_flags = IFA_F_OPTIMISTIC;
	mnl_attr_put(nlh, IFA_LOCAL, alen, addr);
	mnl_attr_put(nlh, IFA_ADDRESS, alen, addr);
	err = talk(pod, nlh, NULL, NULL);
	return err == -EEXIST ? 0 : err;	/* ADD again: already there */
}

static int route_add(struct cni_pod *pod, int ifindex, int family,
		     const uint8_t *dst, unsigned int plen, const uint8_t *gw)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	size_t alen = family == AF_INET ? 4 : 16;
	struct rtmsg *rtm;
	int err;

	nlh->nlmsg_type = RTM_NEWROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE |
			   NLM_F_EXCL;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = family;
	rtm->rtm_dst_len = plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	if (plen)
		mnl_attr_put(nlh, RTA_DST, alen, dst);
	if (gw)
		mnl_attr_put(nlh, RTA_GATEWAY, alen, gw);
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	err = talk(pod, nlh, NULL, NULL);
	return err == -EEXIST ? 0 : err;
}

/* Missing files are fine: no IPv6, or no optimistic DAD in this kernel. */
static void sysctl_on(const char *family, const char *ifname,
		      const char *name)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "/proc/sys/net/%s/conf/%s/%s", family,
		 ifname, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "1", 1) != 1)
		cni_log(errno == ENOENT ? CNI_LOG_DEBUG : CNI_LOG_WARNING,
			"cannot set %s: %m", path);
	if (fd >= 0)
		close(fd);
}

/* The ips of @result on interface 0 (ours), one by one. */
typedef int (*ip_cb)(int family, const uint8_t *addr, unsigned int plen,
		     const char *cidr, void *arg);

static int for_each_ip(json_object *result, ip_cb cb, void *arg)
{
	json_object *ips, *ip, *v;
	unsigned int plen;
	uint8_t addr[16];
	const char *cidr;
	int family, err;
	size_t i;

	if (!json_object_object_get_ex(result, "ips", &ips) ||
	    !json_object_is_type(ips, json_type_array))
		return 0;
	for (i = 0; i < json_object_array_length(ips); i++) {
		ip = json_object_array_get_idx(ips, i);
		if (json_object_object_get_ex(ip, "interface", &v) &&
		    json_object_get_int(v) != 0)
			continue;
		if (!json_object_object_get_ex(ip, "address", &v))
			continue;
		cidr = json_object_get_string(v);
		if (cni_parse_cidr(cidr, &family, addr, &plen))
			continue;
		err = cb(family, addr, plen, cidr, arg);
		if (err)
			return err;
	}
	return 0;
}

struct configure {
	struct cni_pod *pod;
	const struct cni_link *link;
	struct cni_error *e;
	bool has_gw4, has_gw6;
	uint8_t gw4[4], gw6[16];
	json_object *result;
	bool kernel_garp;	/* arp_notify's left: none of ours */
};

static int configure_addr(int family, const uint8_t *addr, unsigned int plen,
			  const char *cidr, void *arg)
{
	struct configure *c = arg;
	int err = addr_add(c->pod, c->link->ifindex, family, addr, plen);

	if (err)
		return cni_err(c->e, CNI_ERR_POD_NETWORK,
			       "cannot add address %s in the pod: %s", cidr,
			       strerror(-err));
	return 0;
}

/* The first gateway of each family: routes without "gw" go through it. */
static void find_gateways(struct configure *c)
{
	json_object *ips, *ip, *v;
	uint8_t addr[16];
	size_t i;
	int family;

	if (!json_object_object_get_ex(c->result, "ips", &ips))
		return;
	for (i = 0; i < json_object_array_length(ips); i++) {
		ip = json_object_array_get_idx(ips, i);
		if (!json_object_object_get_ex(ip, "gateway", &v) ||
		    cni_parse_ip(json_object_get_string(v), &family, addr))
			continue;
		if (family == AF_INET && !c->has_gw4) {
			memcpy(c->gw4, addr, 4);
			c->has_gw4 = true;
		} else if (family == AF_INET6 && !c->has_gw6) {
			memcpy(c->gw6, addr, 16);
			c->has_gw6 = true;
		}
	}
}

static int configure_routes(struct configure *c)
{
	uint8_t dst[16], gw[16];
	json_object *routes, *r, *v;
	int family, gw_family, err;
	const uint8_t *via;
	unsigned int plen;
	const char *s;
	size_t i;

	if (!json_object_object_get_ex(c->result, "routes", &routes))
		return 0;
	for (i = 0; i < json_object_array_length(routes); i++) {
		r = json_object_array_get_idx(routes, i);
		if (!json_object_object_get_ex(r, "dst", &v) ||
		    cni_parse_cidr(json_object_get_string(v), &family, dst,
				   &plen))
			return cni_err(c->e, CNI_ERR_IPAM, "ipam result: "
				       "routes[%zu]: expected a \"dst\" in "
				       "CIDR form", i);
		s = json_object_get_string(v);
		via = NULL;
		if (json_object_object_get_ex(r, "gw", &v)) {
			if (cni_parse_ip(json_object_get_string(v), &gw_family,
					 gw) || gw_family != family)
				return cni_err(c->e, CNI_ERR_IPAM, "ipam result: "
					       "routes[%zu]: gw is not an "
					       "address of the dst's family",
					       i);
			via = gw;
		} else if (family == AF_INET && c->has_gw4) {
			via = c->gw4;
		} else if (family == AF_INET6 && c->has_gw6) {
			via = c->gw6;
		}
		err = route_add(c->pod, c->link->ifindex, family, dst, plen,
				via);
		if (err)
			return cni_err(c->e, CNI_ERR_POD_NETWORK,
				       "cannot add route %s in the pod: %s", s,
				       strerror(-err));
	}
	return 0;
}

/*
 * Link events of the pod netns, subscribed to before link up. Until the
 * kernel has seen the carrier (linkwatch, asynchronous), the link's
 * qdisc is noop_qdisc, which drops what is sent without an error, and
 * IPv6 is not ready on it: no ff00::/8 route, so a packet to ff02::1
 * follows the default route to the gateway and dies in its neighbour
 * queue. Linkwatch sets the operstate, activates the qdisc and runs
 * addrconf's NETDEV_CHANGE in one RTNL hold, then reports the link with
 * IFF_RUNNING: from that event on, announcements leave.
 */
struct link_watch {
	struct mnl_socket *nl;
	int ifindex;
	bool up_seen;		/* the RTM_NEWLINK of our link up ... */
	bool carrier_at_up;	/* ... had the carrier: the kernel's GARP left */
	bool running;
	bool lost;		/* events overflowed the socket: ask */
};

static int link_watch_open(struct link_watch *w, int ifindex)
{
	memset(w, 0, sizeof(*w));
	w->ifindex = ifindex;
	w->nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (!w->nl)
		return -errno;
	if (mnl_socket_bind(w->nl, RTMGRP_LINK, MNL_SOCKET_AUTOPID)) {
		mnl_socket_close(w->nl);
		w->nl = NULL;
		return -errno;
	}
	return 0;
}

static void link_watch_close(struct link_watch *w)
{
	if (w->nl)
		mnl_socket_close(w->nl);
	w->nl = NULL;
}

static void link_watch_flags(struct link_watch *w, unsigned int flags)
{
	if (!(flags & IFF_UP))
		return;
	if (!w->up_seen) {
		w->up_seen = true;
		w->carrier_at_up = flags & IFF_LOWER_UP;
	}
	w->running = (flags & (IFF_RUNNING | IFF_LOWER_UP)) ==
		     (IFF_RUNNING | IFF_LOWER_UP);
}

static int link_watch_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct link_watch *w = data;

	if (nlh->nlmsg_type == RTM_NEWLINK &&
	    nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(*ifi)) &&
	    ifi->ifi_index == w->ifindex)
		link_watch_flags(w, ifi->ifi_flags);
	return MNL_CB_OK;
}

/* Every event queued on the watch socket: 0, or -errno. */
static int link_watch_drain(struct link_watch *w)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	ssize_t n;

	for (;;) {
		n = mnl_socket_recvfrom(w->nl, buf, sizeof(buf));
		if (n < 0 && errno == ENOBUFS) {
			w->lost = true;
			continue;
		}
		if (n < 0)
			return errno == EAGAIN ? 0 : -errno;
		if (mnl_cb_run(buf, n, 0, 0, link_watch_cb, w) < 0)
			return -errno;
	}
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* The link's flags as of now, for what no event told. */
static void link_watch_ask(struct link_watch *w, struct cni_pod *pod,
			   const char *ifname)
{
	struct cni_link now;

	w->lost = false;
	if (!cni_pod_link(pod, ifname, &now))
		link_watch_flags(w, now.flags);
}

/*
 * After link up: 0 once the link runs, -ETIMEDOUT after @timeout_ms
 * without a carrier, or -errno. A link that was up already sends no
 * event of its own; the first GETLINK covers it.
 */
static int link_watch_wait(struct link_watch *w, struct cni_pod *pod,
			   const char *ifname, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	struct pollfd pfd = { .fd = mnl_socket_get_fd(w->nl), .events = POLLIN };
	int err, left;

	err = link_watch_drain(w);
	if (err)
		return err;
	if (!w->running)
		link_watch_ask(w, pod, ifname);
	while (!w->running) {
		left = end - now_ms();
		if (left <= 0)
			return -ETIMEDOUT;
		err = poll(&pfd, 1, left);
		if (err < 0 && errno != EINTR)
			return -errno;
		err = link_watch_drain(w);
		if (err)
			return err;
		if (w->lost && !w->running)
			link_watch_ask(w, pod, ifname);
	}
	return 0;
}

struct arp_packet {
	struct arphdr hdr;
	uint8_t sha[6], spa[4], tha[6], tpa[4];
} __attribute__((packed));

/*
 * Gratuitous ARP, a broadcast request for our own address: only where
 * the kernel's (arp_notify, at NETDEV_UP) met a link without carrier.
 * Closing an AF_PACKET socket waits for an RCU grace period.
 */
static int announce4(const struct cni_link *link, const uint8_t *addr)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ARP),
		.sll_ifindex = link->ifindex,
		.sll_halen = 6,
		.sll_addr = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};
	struct arp_packet p = {
		.hdr = {
			.ar_hrd = htons(ARPHRD_ETHER),
			.ar_pro = htons(ETH_P_IP),
			.ar_hln = 6,
			.ar_pln = 4,
			.ar_op = htons(ARPOP_REQUEST),
		},
	};
	int fd, err = 0;

	memcpy(p.sha, link->mac, 6);
	memcpy(p.spa, addr, 4);
	memcpy(p.tpa, addr, 4);
	fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(ETH_P_ARP));
	if (fd < 0)
		return -errno;
	if (sendto(fd, &p, sizeof(p), 0, (struct sockaddr *)&sll,
		   sizeof(sll)) < 0)
		err = -errno;
	close(fd);
	return err;
}

/*
 * Unsolicited neighbour advertisement to all nodes, override set, from
 * the address itself: at this point it is optimistic (RFC 4429), which
 * a bind accepts, while the kernel's own choice of source may find no
 * address usable yet. The kernel's NA for an optimistic address has
 * neither the override flag nor our MAC, so neighbours would keep a
 * stale entry of the address's last owner. RFC 4429 keeps the override
 * flag from optimistic addresses lest a duplicate steal the address;
 * here IPAM has just given the address to this pod alone, and the stale
 * entries of its previous pod are the problem.
 */
static int announce6(const struct cni_link *link, const uint8_t *addr)
{
	struct {
		struct nd_neighbor_advert na;
		struct nd_opt_hdr opt;
		uint8_t mac[6];
	} __attribute__((packed)) p = {
		.na.nd_na_type = ND_NEIGHBOR_ADVERT,
		.na.nd_na_flags_reserved = ND_NA_FLAG_OVERRIDE,
		.opt.nd_opt_type = ND_OPT_TARGET_LINKADDR,
		.opt.nd_opt_len = 1,
	};
	struct sockaddr_in6 src = {
		.sin6_family = AF_INET6,
		.sin6_scope_id = link->ifindex,
	};
	struct sockaddr_in6 dst = {
		.sin6_family = AF_INET6,
		.sin6_addr = { { { 0xff, 0x02, [15] = 0x01 } } },	/* ff02::1 */
		.sin6_scope_id = link->ifindex,
	};
	int fd, hops = 255, err = 0;

	memcpy(&p.na.nd_na_target, addr, 16);
	memcpy(&src.sin6_addr, addr, 16);
	memcpy(p.mac, link->mac, 6);
	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (fd < 0)
		return -errno;
	/* The kernel fills in the ICMPv6 checksum of raw ICMPv6 sockets. */
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)) ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
		       sizeof(hops)) ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &link->ifindex,
		       sizeof(link->ifindex)) ||
	    sendto(fd, &p, sizeof(p), 0, (struct sockaddr *)&dst,
		   sizeof(dst)) < 0)
		err = -errno;
	close(fd);
	return err;
}

static int announce(int family, const uint8_t *addr, unsigned int plen,
		    const char *cidr, void *arg)
{
	struct configure *c = arg;
	int err;

	(void)plen;
	if (family == AF_INET && c->kernel_garp)
		return 0;
	err = family == AF_INET ? announce4(c->link, addr) :
				  announce6(c->link, addr);
	if (err)
		cni_log(CNI_LOG_WARNING, "cannot announce %s: %s", cidr,
			strerror(-err));
	return 0;
}

/* Best effort: what cannot be announced is logged. */
static void announce_all(struct configure *c, struct link_watch *w,
			 const char *ifname, bool was_up)
{
	int err;

	if (!w->nl)
		return;
	err = link_watch_wait(w, c->pod, ifname, CARRIER_WAIT_MS);
	if (err == -ETIMEDOUT) {
		cni_log(CNI_LOG_WARNING, "%s: no carrier %d ms after link up: "
			"addresses not announced", ifname, CARRIER_WAIT_MS);
		return;
	}
	if (err) {
		cni_log(CNI_LOG_WARNING, "cannot watch %s: %s; addresses not "
			"announced", ifname, strerror(-err));
		return;
	}
	/* Addresses added to a link that was up got no GARP at all. */
	c->kernel_garp = !was_up && w->carrier_at_up;
	if (!c->kernel_garp)
		cni_log(CNI_LOG_DEBUG, "%s: no carrier at link up: our own "
			"gratuitous ARPs", ifname);
	for_each_ip(c->result, announce, c);
}

int cni_pod_configure(struct cni_pod *pod, const struct cni_link *link,
		      const char *ifname, json_object *result,
		      struct cni_error *e)
{
	struct configure c = {
		.pod = pod, .link = link, .e = e, .result = result,
	};
	struct link_watch w = { .nl = NULL };
	int err;

	/*
	 * With arp_notify the kernel sends a gratuitous ARP for every IPv4
	 * address when the link comes up, so the addresses go on while the
	 * link is down: a leased VF arrives down from its netns move, a
	 * bond is made down. Ours are needed only where that link had no
	 * carrier yet. The watch opens before link up to see its event.
	 */
	sysctl_on("ipv4", ifname, "arp_notify");
	sysctl_on("ipv6", ifname, "ndisc_notify");
	sysctl_on("ipv6", ifname, "optimistic_dad");
	if (result) {
		err = for_each_ip(result, configure_addr, &c);
		if (err)
			return err;
		err = link_watch_open(&w, link->ifindex);
		if (err)
			cni_log(CNI_LOG_WARNING, "cannot watch %s: %s; addresses "
				"not announced", ifname, strerror(-err));
	}
	err = link_up(pod, link->ifindex);
	if (err) {
		err = cni_err(e, CNI_ERR_POD_NETWORK,
			      "cannot set %s up in the pod: %s", ifname,
			      strerror(-err));
		goto out;
	}
	if (!result)
		goto out;
	find_gateways(&c);
	err = configure_routes(&c);
	if (err)
		goto out;
	announce_all(&c, &w, ifname, link->flags & IFF_UP);
out:
	link_watch_close(&w);
	return err;
}

struct addr_list {
	int ifindex;
	size_t n;
	struct {
		int family;
		unsigned int plen;
		uint8_t addr[16];
	} a[64];
};

static int addr_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	struct addr_list *l = data;
	struct nlattr *a;
	size_t alen = ifa->ifa_family == AF_INET ? 4 : 16;

	if (nlh->nlmsg_type != RTM_NEWADDR || (int)ifa->ifa_index != l->ifindex ||
	    l->n == sizeof(l->a) / sizeof(l->a[0]))
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(*ifa)) {
		if (mnl_attr_get_type(a) != IFA_ADDRESS ||
		    mnl_attr_get_payload_len(a) != alen)
			continue;
		l->a[l->n].family = ifa->ifa_family;
		l->a[l->n].plen = ifa->ifa_prefixlen;
		memcpy(l->a[l->n].addr, mnl_attr_get_payload(a), alen);
		l->n++;
		break;
	}
	return MNL_CB_OK;
}

struct check {
	struct addr_list *have;
	struct cni_error *e;
};

static int check_addr(int family, const uint8_t *addr, unsigned int plen,
		      const char *cidr, void *arg)
{
	struct check *c = arg;
	size_t i;

	for (i = 0; i < c->have->n; i++)
		if (c->have->a[i].family == family &&
		    c->have->a[i].plen == plen &&
		    !memcmp(c->have->a[i].addr, addr,
			    family == AF_INET ? 4 : 16))
			return 0;
	return cni_err(c->e, CNI_ERR_CHECK,
		       "address %s of prevResult is not on the interface", cidr);
}

/*
 * The child of cni_pod_rps(), in the pod netns: a sysfs of its own (the
 * host's /sys shows the host's netdevs) in a mount namespace of its own,
 * then the mask into each rx queue. Exits with 0 or an errno.
 */
static int rps_write(const char *ifname, const char *mask)
{
	char pattern[128];
	glob_t g;
	size_t i;
	int fd, err = 0;

	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL))
		return errno;
	snprintf(pattern, sizeof(pattern),
		 "/sys/class/net/%s/queues/rx-*/rps_cpus", ifname);
	if (glob(pattern, 0, NULL, &g))
		return ENOENT;
	for (i = 0; i < g.gl_pathc && !err; i++) {
		fd = open(g.gl_pathv[i], O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, mask, strlen(mask)) < 0)
			err = errno;
		if (fd >= 0)
			close(fd);
	}
	globfree(&g);
	return err;
}

/*
 * Run @fn(@arg) in a child, which enters a mount namespace of its own
 * (the pod's /sys); this process is in the pod netns, so is the child.
 * Returns the child's exit code (0, an errno, or one of @fn's own), or
 * -1 with the error in @e.
 */
static int pod_child(int (*fn)(const void *arg), const void *arg,
		     struct cni_error *e)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return cni_err(e, CNI_ERR_IO, "cannot fork: %m"), -1;
	if (pid == 0)
		_exit(fn(arg));
	if (waitpid(pid, &status, 0) < 0)
		return cni_err(e, CNI_ERR_IO, "waitpid: %m"), -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EPIPE;
}

struct rps_args {
	const char *ifname, *mask;
};

static int rps_child(const void *arg)
{
	const struct rps_args *a = arg;

	return rps_write(a->ifname, a->mask);
}

int cni_pod_rps(struct cni_pod *pod, const char *ifname, const char *mask,
		struct cni_error *e)
{
	struct rps_args a = { ifname, mask };
	int rc;

	(void)pod;
	rc = pod_child(rps_child, &a, e);
	if (rc == EINVAL)
		return -EINVAL;
	if (rc > 0)
		return cni_err(e, CNI_ERR_POD_NETWORK, "irq.rps: cannot set "
			       "rps_cpus of %s's rx queues: %s", ifname,
			       rc == EPIPE ? "the helper died" : strerror(rc));
	return rc < 0 ? e->code : 0;
}

/* Does an IRQ action named @name serve tx queue @q (drivers' names)? */
static bool irq_serves_txq(const char *name, int q)
{
	static const char *const suffixes[] = {
		"-TxRx-%d", "-txrx-%d", "-tx-%d", "-output.%d", "-fp-%d",
	};
	char want[32];
	size_t i, len = strlen(name), n;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		n = snprintf(want, sizeof(want), suffixes[i], q);
		if (len > n && !strcmp(name + len - n, want))
			return true;
	}
	/* mlx5: one completion vector per channel, "mlx5_compN@pci:BDF". */
	n = snprintf(want, sizeof(want), "mlx5_comp%d@", q);
	return !strncmp(name, want, n);
}

/* The vector of @vecs whose IRQ serves tx queue @q, or NULL. */
static const struct cni_vector *txq_vector(const struct cni_vector *vecs,
					   size_t n, int q)
{
	char dir[64];
	struct dirent *d;
	size_t i;
	DIR *dp;

	for (i = 0; i < n; i++) {
		snprintf(dir, sizeof(dir), "/proc/irq/%u", vecs[i].irq);
		dp = opendir(dir);
		if (!dp)
			continue;
		/* Each action of the IRQ is a directory named after it. */
		while ((d = readdir(dp)))
			if (d->d_type == DT_DIR && irq_serves_txq(d->d_name, q))
				break;
		closedir(dp);
		if (d)
			return &vecs[i];
	}
	return NULL;
}

/*
 * The child of cni_pod_xps(): the pod's /sys as in rps_write(), then the
 * vector of each tx queue, then each xps_cpus. Exits with 0, 254 when a
 * queue has no vector (XPS left alone, logged), or an errno.
 */
static int xps_write(const char *ifname, const struct cni_vector *vecs,
		     size_t n)
{
	char pattern[128], list[16], mask[VFPOOL_IRQ_CPUS_MAX + 1];
	const struct cni_vector **of;
	int fd, q, nq, err = 0;
	glob_t g;

	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL))
		return errno;
	snprintf(pattern, sizeof(pattern), "/sys/class/net/%s/queues/tx-*", ifname);
	if (glob(pattern, 0, NULL, &g))
		return ENOENT;
	nq = g.gl_pathc;
	globfree(&g);
	/* The kernel keeps XPS to multiqueue devices (ENOENT otherwise). */
	if (nq == 1) {
		cni_log(CNI_LOG_INFO, "xps: %s has one tx queue: nothing to steer",
			ifname);
		return 254;
	}
	of = calloc(nq, sizeof(*of));
	if (!of)
		return ENOMEM;
	for (q = 0; q < nq; q++) {
		of[q] = txq_vector(vecs, n, q);
		if (!of[q] || of[q]->cpu < 0) {
			cni_log(CNI_LOG_WARNING, "xps: no placed vector of %s is "
				"named for tx queue %d (like *-TxRx-%d, *-tx-%d, "
				"*-output.%d): XPS left alone", ifname, q, q, q, q);
			free(of);
			return 254;
		}
	}
	for (q = 0; q < nq && !err; q++) {
		snprintf(list, sizeof(list), "%d", of[q]->cpu);
		snprintf(pattern, sizeof(pattern),
			 "/sys/class/net/%s/queues/tx-%d/xps_cpus", ifname, q);
		if (cni_cpulist_mask(list, mask, sizeof(mask))) {
			err = EINVAL;
			break;
		}
		fd = open(pattern, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, mask, strlen(mask)) < 0)
			err = errno;
		if (fd >= 0)
			close(fd);
		if (!err)
			cni_log(CNI_LOG_INFO, "xps: %s tx-%d: CPU %d (IRQ %u)",
				ifname, q, of[q]->cpu, of[q]->irq);
	}
	free(of);
	return err;
}

struct xps_args {
	const char *ifname;
	const struct cni_vector *vecs;
	size_t n;
};

static int xps_child(const void *arg)
{
	const struct xps_args *a = arg;

	return xps_write(a->ifname, a->vecs, a->n);
}

int cni_pod_xps(struct cni_pod *pod, const char *ifname,
		const struct cni_vector *vecs, size_t n, struct cni_error *e)
{
	struct xps_args a = { ifname, vecs, n };
	int rc;

	(void)pod;
	rc = pod_child(xps_child, &a, e);
	if (rc > 0 && rc != 254)	/* 254: left alone, logged */
		return cni_err(e, CNI_ERR_POD_NETWORK, "irq.xps: cannot set "
			       "xps_cpus of %s's tx queues: %s", ifname,
			       rc == EPIPE ? "the helper died" : strerror(rc));
	return rc < 0 ? e->code : 0;
}

int cni_pod_check_addrs(struct cni_pod *pod, const struct cni_link *link,
			json_object *result, struct cni_error *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct addr_list *have = calloc(1, sizeof(*have));
	struct check c = { .have = have, .e = e };
	struct ifaddrmsg *ifa;
	int err;

	if (!have)
		return cni_err(e, CNI_ERR_IO, "out of memory");
	have->ifindex = link->ifindex;
	nlh->nlmsg_type = RTM_GETADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_UNSPEC;
	err = talk(pod, nlh, addr_cb, have);
	if (err)
		err = cni_err(e, CNI_ERR_POD_NETWORK,
			      "cannot list the pod's addresses: %s",
			      strerror(-err));
	else
		err = for_each_ip(result, check_addr, &c);
	free(have);
	return err;
}
