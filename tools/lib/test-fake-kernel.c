// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * libvfpool against a fake kernel: the handle's netlink socket is
 * replaced (dup2) by one end of a socketpair, and a child process on the
 * other end answers the way the module does, byte for byte: acks with
 * extack TLVs, capped and uncapped errors, dumps over many datagrams with
 * NLM_F_DUMP_INTR, an error at the end of a dump, repeated lease nests,
 * u64 pads and attributes this library does not know, the bond of a
 * lease. The child checks
 * each request and answers -EPROTO with the reason when one is wrong.
 * Events are written straight into the events socket.
 *
 * No kernel module needed. TAP output; exit status 1 when a test failed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/if_ether.h>
#include <netlink/genl/genl.h>

#include "internal.h"
#include "spec-gen.h"

#define FAMILY		0x2a
#define DUMP_POOLS	3000
#define UNKNOWN_ATTR	60	/* beyond every enum: must be skipped */
#define TESTS		21

static int tests, failures;

static void ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!pass)
		failures++;
}

/* The fake kernel */

static unsigned char out[1 << 20];
static size_t out_len;

/* Queue a message into the datagram being built. */
static void queue(struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	memcpy(out + out_len, nlh, nlh->nlmsg_len);
	out_len += NLMSG_ALIGN(nlh->nlmsg_len);
	nlmsg_free(msg);
}

static void flush(int fd)
{
	if (out_len && send(fd, out, out_len, 0) < 0)
		exit(3);
	out_len = 0;
}

static struct nl_msg *reply(const struct nlmsghdr *req, int cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(65536);

	genlmsg_put(msg, 0, req->nlmsg_seq, FAMILY, 0, flags, cmd, 1);
	return msg;
}

/* As the kernel's nla_put_u64_64bit(): a pad when the value is unaligned. */
static void put_u64(struct nl_msg *msg, int type, uint64_t v, int pad)
{
	unsigned long tail = (unsigned long)nlmsg_tail(nlmsg_hdr(msg));

	if ((tail + NLA_HDRLEN) % 8)
		nla_put(msg, pad, 0, NULL);
	nla_put_u64(msg, type, v);
}

/*
 * An ack or error; TLVs as the kernel puts them after the payload. As in
 * netlink_rcv_skb(), a success is acked only when the request asked.
 */
static void ack(int fd, const struct nlmsghdr *req, int error,
		const char *ext, int miss_type, bool capped)
{
	size_t payload = sizeof(struct nlmsgerr);
	struct nl_msg *msg;
	int flags = 0;
	struct nlmsghdr *nlh;
	struct nlmsgerr *e;

	if (!error && !(req->nlmsg_flags & NLM_F_ACK)) {
		flush(fd);
		return;
	}
	msg = nlmsg_alloc_size(65536);

	if (!capped)
		payload += req->nlmsg_len - NLMSG_HDRLEN;
	if (capped)
		flags |= NLM_F_CAPPED;
	if (ext || miss_type)
		flags |= NLM_F_ACK_TLVS;
	nlh = nlmsg_put(msg, 0, req->nlmsg_seq, NLMSG_ERROR, payload, flags);
	e = nlmsg_data(nlh);
	e->error = error;
	memcpy(&e->msg, req, capped ? sizeof(*req) : req->nlmsg_len);
	if (ext)
		nla_put_string(msg, NLMSGERR_ATTR_MSG, ext);
	if (miss_type)
		nla_put_u32(msg, NLMSGERR_ATTR_MISS_TYPE, miss_type);
	queue(msg);
	flush(fd);
}

static void put_pool(struct nl_msg *msg, int i)
{
	struct nlattr *nest = nla_nest_start(msg, VFPOOL_A_POOL);
	char name[16];

	snprintf(name, sizeof(name), "pool-%d", i);
	nla_put_string(msg, VFPOOL_POOL_A_NAME, name);
	nla_put_u32(msg, VFPOOL_POOL_A_TOTAL, i);
	nla_put_u32(msg, UNKNOWN_ATTR, 1);
	nla_nest_end(msg, nest);
}

static void dump_pools(int fd, const struct nlmsghdr *req, bool interrupted)
{
	int i;

	for (i = 0; i < DUMP_POOLS; i++) {
		struct nl_msg *msg = reply(req, VFPOOL_CMD_POOL_GET,
					   NLM_F_MULTI);

		if (interrupted && i == 1234)
			nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_DUMP_INTR;
		put_pool(msg, i);
		queue(msg);
		if (out_len > 16000)
			flush(fd);
	}
	flush(fd);
	/* NLMSG_DONE: an int, 0 */
	{
		struct nl_msg *msg = nlmsg_alloc();
		struct nlmsghdr *nlh = nlmsg_put(msg, 0, req->nlmsg_seq,
						 NLMSG_DONE, sizeof(int),
						 NLM_F_MULTI);

		memset(nlmsg_data(nlh), 0, sizeof(int));
		queue(msg);
		flush(fd);
	}
}

/* A lease; in bond (its ifindex 9) unless NULL, as the kernel puts it. */
static void put_lease_bond(struct nl_msg *msg, uint64_t id,
			   const char *owner, const char *bond, bool external)
{
	struct nlattr *lease = nla_nest_start(msg, VFPOOL_A_LEASE);
	struct nlattr *nest;
	static const uint8_t mac[6] = { 0x02, 0xaa, 0, 0, 0, 0x01 };

	put_u64(msg, VFPOOL_LEASE_A_ID, id, VFPOOL_LEASE_A_PAD);
	nla_put_string(msg, VFPOOL_LEASE_A_POOL_NAME, "p0");
	nla_put_string(msg, VFPOOL_LEASE_A_OWNER_ID, owner);
	nla_put_string(msg, VFPOOL_LEASE_A_IFNAME, "net0");
	nla_put_u32(msg, UNKNOWN_ATTR, 7);
	put_u64(msg, VFPOOL_LEASE_A_NETNS_COOKIE, 4096 + id,
		VFPOOL_LEASE_A_PAD);
	nest = nla_nest_start(msg, VFPOOL_LEASE_A_MEMBER);
	nla_put_string(msg, VFPOOL_MEMBER_A_PCI, "0000:00:04.1");
	nla_put_u32(msg, VFPOOL_MEMBER_A_STATE, VFPOOL_MEMBER_LEASED);
	nla_put_s32(msg, VFPOOL_MEMBER_A_NUMA_NODE, -1);
	put_u64(msg, VFPOOL_MEMBER_A_LEASE_ID, id, VFPOOL_MEMBER_A_PAD);
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, VFPOOL_LEASE_A_VF_CONFIG);
	nla_put(msg, VFPOOL_VF_A_MAC, 6, mac);
	nla_put_u16(msg, VFPOOL_VF_A_VLAN, 10);
	nla_put_u16(msg, VFPOOL_VF_A_VLAN_PROTO, ETH_P_8021AD);
	nla_put_u8(msg, VFPOOL_VF_A_SPOOFCHK, 0);
	nla_nest_end(msg, nest);
	if (bond) {
		nla_put_u32(msg, VFPOOL_LEASE_A_BOND_IFINDEX, 9);
		nla_put_string(msg, VFPOOL_LEASE_A_BOND_IFNAME, bond);
		if (external)
			nla_put_flag(msg, VFPOOL_LEASE_A_BOND_EXTERNAL);
	}
	nla_nest_end(msg, lease);
}

static void put_lease(struct nl_msg *msg, uint64_t id, const char *owner)
{
	put_lease_bond(msg, id, owner, NULL, false);
}

/*
 * The object nest of a request, or NULL; checks NLA_F_NESTED, and what
 * the kernel's generated policy checks of the nest: that it carries only
 * the attributes of the command's input in the spec (@input, a mask), of
 * their types and lengths (@policy), both from spec-gen.h.
 */
static struct nlattr *request_nest(struct nlmsghdr *req, int type,
				   struct nlattr **tb, int max,
				   struct nla_policy *policy, uint64_t input,
				   const char **why)
{
	struct nlattr *top[VFPOOL_A_MAX + 1];
	struct nlattr *attr;
	int rem;

	if (genlmsg_parse(req, 0, top, VFPOOL_A_MAX, NULL) < 0 || !top[type]) {
		*why = "no object nest";
		return NULL;
	}
	if (!(top[type]->nla_type & NLA_F_NESTED)) {
		*why = "nest without NLA_F_NESTED";
		return NULL;
	}
	nla_for_each_nested(attr, top[type], rem) {
		if (nla_type(attr) >= 64 ||
		    !(input & (UINT64_C(1) << nla_type(attr)))) {
			*why = "an attribute the command does not take (spec)";
			return NULL;
		}
	}
	if (nla_parse_nested(tb, max, top[type], policy) < 0) {
		*why = "bad nest (types and lengths of the spec)";
		return NULL;
	}
	return top[type];
}

static int count_attrs(struct nlattr **tb, int max)
{
	int i, n = 0;

	for (i = 1; i <= max; i++)
		n += !!tb[i];
	return n;
}

static const char *check_pool_new(struct nlmsghdr *req, const char **name)
{
	struct nlattr *tb[VFPOOL_POOL_A_MAX + 1];
	const char *why = NULL;

	if (!request_nest(req, VFPOOL_A_POOL, tb, VFPOOL_POOL_A_MAX,
			  vfpool_spec_pool_new_input_policy,
			  VFPOOL_SPEC_POOL_NEW_INPUT, &why))
		return why;
	if (!(req->nlmsg_flags & NLM_F_ACK))
		return "no NLM_F_ACK";
	if (!tb[VFPOOL_POOL_A_NAME])
		return "no NAME";
	*name = nla_get_string(tb[VFPOOL_POOL_A_NAME]);
	if (!strcmp(*name, "p0") &&
	    (!tb[VFPOOL_POOL_A_PF_IFINDEX] ||
	     nla_get_u32(tb[VFPOOL_POOL_A_PF_IFINDEX]) != 3 ||
	     count_attrs(tb, VFPOOL_POOL_A_MAX) != 2))
		return "want exactly NAME and PF_IFINDEX 3";
	return NULL;
}

static const char *check_lease_new(struct nlmsghdr *req)
{
	struct nlattr *tb[VFPOOL_LEASE_A_MAX + 1];
	struct nlattr *vf[VFPOOL_VF_A_MAX + 1];
	const char *why = NULL;
	const uint8_t *mac;

	if (!request_nest(req, VFPOOL_A_LEASE, tb, VFPOOL_LEASE_A_MAX,
			  vfpool_spec_lease_new_input_policy,
			  VFPOOL_SPEC_LEASE_NEW_INPUT, &why))
		return why;
	if (req->nlmsg_flags & (NLM_F_ACK | NLM_F_DUMP))
		return "want a do without NLM_F_ACK (its reply ends it)";
	if (!tb[VFPOOL_LEASE_A_OWNER_ID] ||
	    strcmp(nla_get_string(tb[VFPOOL_LEASE_A_OWNER_ID]), "abc"))
		return "want OWNER_ID abc";
	if (!tb[VFPOOL_LEASE_A_COUNT] ||
	    nla_get_u32(tb[VFPOOL_LEASE_A_COUNT]) != 2)
		return "want COUNT 2";
	if (tb[VFPOOL_LEASE_A_ID] || tb[VFPOOL_LEASE_A_SAVED_CONFIG])
		return "reply-only attributes sent";
	if (!tb[VFPOOL_LEASE_A_VF_CONFIG] ||
	    !(tb[VFPOOL_LEASE_A_VF_CONFIG]->nla_type & NLA_F_NESTED))
		return "want a VF_CONFIG nest with NLA_F_NESTED";
	if (nla_parse_nested(vf, VFPOOL_VF_A_MAX, tb[VFPOOL_LEASE_A_VF_CONFIG],
			     vfpool_spec_vf_config_policy) < 0)
		return "bad VF_CONFIG nest (types of the spec)";
	if (!vf[VFPOOL_VF_A_MAC] || nla_len(vf[VFPOOL_VF_A_MAC]) != 6)
		return "want a 6-byte MAC";
	mac = nla_data(vf[VFPOOL_VF_A_MAC]);
	if (mac[0] != 0x02 || mac[5] != 0x01)
		return "wrong MAC";
	if (!vf[VFPOOL_VF_A_VLAN] || nla_get_u16(vf[VFPOOL_VF_A_VLAN]) != 10 ||
	    !vf[VFPOOL_VF_A_SPOOFCHK] || nla_get_u8(vf[VFPOOL_VF_A_SPOOFCHK]) ||
	    count_attrs(vf, VFPOOL_VF_A_MAX) != 3)
		return "want exactly MAC, VLAN 10 and SPOOFCHK 0";
	return NULL;
}

/*
 * BOND_ENSLAVE of the test: exactly OWNER_ID pod5, IFNAME bond0, LINK
 * net0, LINK net1, LEASE_ID 7, LEASE_ID 2^40 + 1, in that order.
 */
static const char *check_bond_enslave(struct nlmsghdr *req)
{
	static const struct {
		int type;
		const char *s;
		uint64_t v;
	} want[] = {
		{ VFPOOL_BOND_A_OWNER_ID, "pod5", 0 },
		{ VFPOOL_BOND_A_IFNAME, "bond0", 0 },
		{ VFPOOL_BOND_A_LINK, "net0", 0 },
		{ VFPOOL_BOND_A_LINK, "net1", 0 },
		{ VFPOOL_BOND_A_LEASE_ID, NULL, 7 },
		{ VFPOOL_BOND_A_LEASE_ID, NULL, (1ULL << 40) + 1 },
	};
	struct nlattr *tb[VFPOOL_BOND_A_MAX + 1], *nest, *a;
	size_t i = 0, n = sizeof(want) / sizeof(want[0]);
	const char *why = NULL;
	int rem;

	nest = request_nest(req, VFPOOL_A_BOND, tb, VFPOOL_BOND_A_MAX,
			    vfpool_spec_bond_input_policy,
			    VFPOOL_SPEC_BOND_INPUT, &why);
	if (!nest)
		return why;
	if (req->nlmsg_flags & (NLM_F_ACK | NLM_F_DUMP))
		return "want a do without NLM_F_ACK (its reply ends it)";
	nla_for_each_nested(a, nest, rem) {
		if (i == n)
			return "more attributes than asked for";
		if (nla_type(a) != want[i].type)
			return "attributes out of order";
		if (want[i].s && (nla_len(a) != (int)strlen(want[i].s) + 1 ||
				  strcmp(nla_data(a), want[i].s)))
			return "wrong string";
		if (!want[i].s &&
		    (nla_len(a) != 8 || nla_get_u64(a) != want[i].v))
			return "wrong lease id";
		i++;
	}
	return i == n ? NULL : "attributes missing";
}

/* BOND_RELEASE of the test: OWNER_ID pod5 and IFINDEX 9, nothing else. */
static const char *check_bond_release(struct nlmsghdr *req)
{
	struct nlattr *tb[VFPOOL_BOND_A_MAX + 1];
	const char *why = NULL;

	if (!request_nest(req, VFPOOL_A_BOND, tb, VFPOOL_BOND_A_MAX,
			  vfpool_spec_bond_input_policy,
			  VFPOOL_SPEC_BOND_INPUT, &why))
		return why;
	if (!tb[VFPOOL_BOND_A_OWNER_ID] ||
	    strcmp(nla_get_string(tb[VFPOOL_BOND_A_OWNER_ID]), "pod5") ||
	    !tb[VFPOOL_BOND_A_IFINDEX] ||
	    nla_get_u32(tb[VFPOOL_BOND_A_IFINDEX]) != 9 ||
	    count_attrs(tb, VFPOOL_BOND_A_MAX) != 2)
		return "want exactly OWNER_ID pod5 and IFINDEX 9";
	return NULL;
}

static void kernel(int fd)
{
	static unsigned char buf[65536];
	int pool_dumps = 0;

	for (;;) {
		struct nlmsghdr *req = (struct nlmsghdr *)buf;
		struct genlmsghdr *g = NLMSG_DATA(req);
		const char *why = NULL, *name = "";
		struct nl_msg *msg;
		ssize_t n;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0)
			exit(0);
		if (req->nlmsg_type != FAMILY || !(req->nlmsg_flags & NLM_F_REQUEST)) {
			ack(fd, req, -EPROTO, "fake kernel: not a request", 0, true);
			continue;
		}
		/* Something old, to be skipped, before every answer. */
		msg = nlmsg_alloc();
		nlmsg_put(msg, 0, req->nlmsg_seq - 1, NLMSG_ERROR,
			  sizeof(struct nlmsgerr), 0);
		queue(msg);
		flush(fd);

		switch (g->cmd) {
		case VFPOOL_CMD_POOL_NEW:
			why = check_pool_new(req, &name);
			if (why)
				ack(fd, req, -EPROTO, why, 0, true);
			else if (!strcmp(name, "busy"))
				ack(fd, req, -EEXIST, "pool busy exists", 0,
				    true);
			else if (!strcmp(name, "uncapped"))
				ack(fd, req, -ENODEV, "no such PF", 0, false);
			else if (!strcmp(name, "miss"))
				ack(fd, req, -EINVAL, NULL, VFPOOL_POOL_A_NAME,
				    true);
			else
				ack(fd, req, 0, NULL, 0, true);
			break;
		case VFPOOL_CMD_POOL_GET:
			if (!(req->nlmsg_flags & NLM_F_DUMP)) {
				ack(fd, req, -EPROTO, "want a dump", 0, true);
				break;
			}
			dump_pools(fd, req, pool_dumps++ == 0);
			break;
		case VFPOOL_CMD_MEMBER_GET: {
			/* One entry, then the dump fails. */
			struct nlattr *nest;
			struct nlmsghdr *nlh;
			int *error;

			msg = reply(req, VFPOOL_CMD_MEMBER_GET, NLM_F_MULTI);
			nest = nla_nest_start(msg, VFPOOL_A_MEMBER);
			nla_put_string(msg, VFPOOL_MEMBER_A_POOL_NAME, "p0");
			nla_nest_end(msg, nest);
			queue(msg);
			msg = nlmsg_alloc();
			nlh = nlmsg_put(msg, 0, req->nlmsg_seq, NLMSG_DONE,
					sizeof(int), NLM_F_MULTI | NLM_F_ACK_TLVS);
			error = nlmsg_data(nlh);
			*error = -ENOBUFS;
			nla_put_string(msg, NLMSGERR_ATTR_MSG, "dump went wrong");
			queue(msg);
			flush(fd);
			break;
		}
		case VFPOOL_CMD_LEASE_NEW:
			why = check_lease_new(req);
			if (why) {
				ack(fd, req, -EPROTO, why, 0, true);
				break;
			}
			msg = reply(req, VFPOOL_CMD_LEASE_NEW, 0);
			nla_put_u32(msg, UNKNOWN_ATTR, 1);
			put_lease(msg, (1ULL << 40) + 1, "abc");
			put_lease(msg, (1ULL << 40) + 2, "abc");
			queue(msg);
			flush(fd);
			ack(fd, req, 0, NULL, 0, true);
			break;
		case VFPOOL_CMD_LEASE_DEL:
			/* Nothing matched: a reply without leases. */
			queue(reply(req, VFPOOL_CMD_LEASE_DEL, 0));
			flush(fd);
			ack(fd, req, 0, NULL, 0, true);
			break;
		case VFPOOL_CMD_BOND_ENSLAVE:
		case VFPOOL_CMD_BOND_RELEASE:
			why = g->cmd == VFPOOL_CMD_BOND_ENSLAVE ?
			      check_bond_enslave(req) : check_bond_release(req);
			if (why) {
				ack(fd, req, -EPROTO, why, 0, true);
				break;
			}
			msg = reply(req, g->cmd, 0);
			if (g->cmd == VFPOOL_CMD_BOND_ENSLAVE) {
				put_lease_bond(msg, 7, "pod5", "bond0", false);
				put_lease_bond(msg, 8, "pod5", "bond0", true);
			} else {
				put_lease(msg, 7, "pod5");
			}
			queue(msg);
			flush(fd);
			ack(fd, req, 0, NULL, 0, true);
			break;
		case VFPOOL_CMD_LEASE_GET:
			msg = reply(req, VFPOOL_CMD_LEASE_GET, 0);
			put_lease(msg, 7, "owner-7");
			queue(msg);
			ack(fd, req, 0, NULL, 0, true);	/* same datagram */
			break;
		default:
			ack(fd, req, -EOPNOTSUPP, "fake kernel: command", 0,
			    true);
		}
	}
}

/* The tests */

static int count_pools(const struct vfpool_pool *pool, void *arg)
{
	int *count = arg;
	char name[16];

	snprintf(name, sizeof(name), "pool-%d", *count);
	if (strcmp(pool->name, name) || pool->total != (uint32_t)*count ||
	    pool->present != (VFPOOL_BIT(VFPOOL_POOL_A_NAME) |
			      VFPOOL_BIT(VFPOOL_POOL_A_TOTAL)))
		return -EBADMSG;
	(*count)++;
	return 0;
}

static int keep_lease(const struct vfpool_lease *lease, void *arg)
{
	struct vfpool_lease *leases = arg;
	int i;

	for (i = 0; leases[i].present; i++)
		;
	if (i >= 4)
		return -E2BIG;
	leases[i] = *lease;
	return 0;
}

static bool lease_is(const struct vfpool_lease *l, uint64_t id,
		     const char *owner)
{
	const uint8_t mac[6] = { 0x02, 0xaa, 0, 0, 0, 0x01 };

	return l->id == id && !strcmp(l->owner_id, owner) &&
	       !strcmp(l->pool_name, "p0") && !strcmp(l->ifname, "net0") &&
	       l->netns_cookie == 4096 + id &&
	       vfpool_has(l, VFPOOL_LEASE_A_MEMBER) &&
	       !strcmp(l->member.pci, "0000:00:04.1") &&
	       l->member.state == VFPOOL_MEMBER_LEASED &&
	       l->member.numa_node == -1 && l->member.lease_id == id &&
	       vfpool_has(&l->vf_config, VFPOOL_VF_A_MAC) &&
	       !memcmp(l->vf_config.mac, mac, 6) && l->vf_config.vlan == 10 &&
	       l->vf_config.vlan_proto == ETH_P_8021AD &&
	       vfpool_has(&l->vf_config, VFPOOL_VF_A_SPOOFCHK) &&
	       !vfpool_has(&l->vf_config, VFPOOL_VF_A_TRUST) &&
	       !vfpool_has(l, VFPOOL_LEASE_A_SAVED_CONFIG);
}

static bool in_bond(const struct vfpool_lease *l, uint64_t id,
		    bool external)
{
	return lease_is(l, id, "pod5") &&
	       vfpool_has(l, VFPOOL_LEASE_A_BOND_IFINDEX) &&
	       l->bond_ifindex == 9 &&
	       vfpool_has(l, VFPOOL_LEASE_A_BOND_IFNAME) &&
	       !strcmp(l->bond_ifname, "bond0") &&
	       l->bond_external == external;
}

static void test_bond(struct vfpool *vp)
{
	struct vfpool_lease got[5];
	struct vfpool_bond *req = calloc(1, sizeof(*req));
	int err;

	if (!req)
		exit(4);
	vfpool_set_str(req, VFPOOL_BOND_A_OWNER_ID, owner_id, "pod5");
	vfpool_set_str(req, VFPOOL_BOND_A_IFNAME, ifname, "bond0");
	/* Lease ids first here: links still go first. */
	req->lease_ids[req->n_lease_ids++] = 7;
	req->lease_ids[req->n_lease_ids++] = (1ULL << 40) + 1;
	strcpy(req->links[req->n_links++], "net0");
	strcpy(req->links[req->n_links++], "net1");
	memset(got, 0, sizeof(got));
	err = vfpool_bond_enslave(vp, req, keep_lease, got);
	ok(!err, "bond enslave sends OWNER_ID, IFNAME, the LINKs then the "
	   "LEASE_IDs, in order, in a flagged nest (%d %s)", err,
	   vfpool_ext_msg(vp));
	ok(in_bond(&got[0], 7, false) && in_bond(&got[1], 8, true) &&
	   !got[2].present, "bond enslave calls back per lease, with "
	   "BOND_IFINDEX, BOND_IFNAME and BOND_EXTERNAL parsed");

	memset(req, 0, sizeof(*req));
	vfpool_set_str(req, VFPOOL_BOND_A_OWNER_ID, owner_id, "pod5");
	vfpool_set(req, VFPOOL_BOND_A_IFINDEX, ifindex, 9);
	memset(got, 0, sizeof(got));
	err = vfpool_bond_release(vp, req, keep_lease, got);
	ok(!err && lease_is(&got[0], 7, "pod5") && !got[1].present &&
	   !vfpool_has(&got[0], VFPOOL_LEASE_A_BOND_IFINDEX) &&
	   !vfpool_has(&got[0], VFPOOL_LEASE_A_BOND_IFNAME) &&
	   !got[0].bond_external,
	   "bond release sends OWNER_ID and IFINDEX only; a lease out of "
	   "its bond has no BOND_* (%d %s)", err, vfpool_ext_msg(vp));

	req->n_links = VFPOOL_BOND_LINKS_MAX;
	req->n_lease_ids = 1;
	err = vfpool_bond_enslave(vp, req, keep_lease, got);
	ok(err == -E2BIG, "more than %d links and leases is -E2BIG, not "
	   "sent (%d)", VFPOOL_BOND_LINKS_MAX, err);
	free(req);
}

static void test_requests(struct vfpool *vp)
{
	struct vfpool_pool pool = { 0 };
	struct vfpool_lease req = { 0 }, got[5];
	int err, count = 0;

	vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, "p0");
	vfpool_set(&pool, VFPOOL_POOL_A_PF_IFINDEX, pf_ifindex, 3);
	vfpool_set(&pool, VFPOOL_POOL_A_TOTAL, total, 9);	/* not sent */
	err = vfpool_pool_new(vp, &pool);
	ok(!err, "pool new sends NAME and PF_IFINDEX only, in a flagged nest "
	   "(%d %s)", err, vfpool_ext_msg(vp));

	memset(&pool, 0, sizeof(pool));
	vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, "busy");
	err = vfpool_pool_new(vp, &pool);
	ok(err == -EEXIST && !strcmp(vfpool_ext_msg(vp), "pool busy exists"),
	   "a capped error gives its errno and extack (%d \"%s\")", err,
	   vfpool_ext_msg(vp));

	vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, "uncapped");
	err = vfpool_pool_new(vp, &pool);
	ok(err == -ENODEV && !strcmp(vfpool_ext_msg(vp), "no such PF"),
	   "an error that echoes the request still gives its extack "
	   "(%d \"%s\")", err, vfpool_ext_msg(vp));

	vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, "miss");
	err = vfpool_pool_new(vp, &pool);
	ok(err == -EINVAL && !strcmp(vfpool_ext_msg(vp), "missing attribute 1"),
	   "a missing-attribute extack without a message is named (\"%s\")",
	   vfpool_ext_msg(vp));

	err = vfpool_pool_dump(vp, count_pools, &count);
	ok(!err && count == DUMP_POOLS && !*vfpool_ext_msg(vp),
	   "an interrupted dump of %d pools is retried and delivered once "
	   "(err %d, %d delivered)", DUMP_POOLS, err, count);

	count = 0;
	err = vfpool_member_dump(vp, "p0", NULL, &count);
	ok(err == -ENOBUFS && !strcmp(vfpool_ext_msg(vp), "dump went wrong"),
	   "an error in NLMSG_DONE gives its errno and extack (%d \"%s\")",
	   err, vfpool_ext_msg(vp));

	vfpool_set_str(&req, VFPOOL_LEASE_A_OWNER_ID, owner_id, "abc");
	vfpool_set_str(&req, VFPOOL_LEASE_A_POOL_NAME, pool_name, "p0");
	vfpool_set(&req, VFPOOL_LEASE_A_COUNT, count, 2);
	vfpool_set(&req, VFPOOL_LEASE_A_ID, id, 99);		/* not sent */
	vfpool_mac_parse("02:aa:00:00:00:01", req.vf_config.mac);
	req.vf_config.present |= VFPOOL_BIT(VFPOOL_VF_A_MAC);
	vfpool_set(&req.vf_config, VFPOOL_VF_A_VLAN, vlan, 10);
	vfpool_set(&req.vf_config, VFPOOL_VF_A_SPOOFCHK, spoofchk, 0);
	req.present |= VFPOOL_BIT(VFPOOL_LEASE_A_VF_CONFIG);
	memset(got, 0, sizeof(got));
	err = vfpool_lease_new(vp, &req, keep_lease, got);
	ok(!err, "lease new is accepted (%d %s)", err, vfpool_ext_msg(vp));
	ok(lease_is(&got[0], (1ULL << 40) + 1, "abc") &&
	   lease_is(&got[1], (1ULL << 40) + 2, "abc") && !got[2].present,
	   "lease new calls back once per lease nest, skipping unknown "
	   "attributes and pads");

	memset(got, 0, sizeof(got));
	err = vfpool_lease_del(vp, &req, keep_lease, got);
	ok(!err && !got[0].present, "a lease del that matched nothing is a "
	   "success without leases (%d)", err);

	err = vfpool_lease_get(vp, 7, &got[0]);
	ok(!err && lease_is(&got[0], 7, "owner-7"),
	   "lease get with the reply and the ack in one datagram (%d)", err);

	test_bond(vp);
}

static int keep_event(const struct vfpool_notification *ntf, void *arg)
{
	memcpy(arg, ntf, sizeof(*ntf));
	return 0;
}

static void send_msg(int fd, struct nl_msg *msg)
{
	queue(msg);
	flush(fd);
}

static void test_events(struct vfpool *vp, int fd)
{
	struct vfpool_notification ntf;
	struct nlmsghdr req = { .nlmsg_seq = 0 };
	struct nl_msg *msg;
	int err;

	msg = reply(&req, VFPOOL_CMD_LEASE_NTF, 0);
	nla_put_u32(msg, VFPOOL_A_EVENT, VFPOOL_EVENT_LEASE_RECLAIMED);
	nla_put_u32(msg, VFPOOL_A_REASON, VFPOOL_REASON_NETNS_GONE);
	put_lease(msg, 12, "gone");
	send_msg(fd, msg);
	memset(&ntf, 0, sizeof(ntf));
	err = vfpool_events_recv(vp, keep_event, &ntf);
	ok(!err && ntf.cmd == VFPOOL_CMD_LEASE_NTF &&
	   ntf.event == VFPOOL_EVENT_LEASE_RECLAIMED &&
	   vfpool_has(&ntf, VFPOOL_A_REASON) &&
	   ntf.reason == VFPOOL_REASON_NETNS_GONE &&
	   vfpool_has(&ntf, VFPOOL_A_LEASE) &&
	   !vfpool_has(&ntf, VFPOOL_A_POOL) && lease_is(&ntf.lease, 12, "gone"),
	   "a lease notification is parsed (%d)", err);

	msg = reply(&req, VFPOOL_CMD_LEASE_NTF, 0);
	nla_put_u32(msg, VFPOOL_A_EVENT, VFPOOL_EVENT_LEASE_BOND_JOIN);
	put_lease_bond(msg, 8, "pod5", "bond0", true);
	send_msg(fd, msg);
	memset(&ntf, 0, sizeof(ntf));
	err = vfpool_events_recv(vp, keep_event, &ntf);
	ok(!err && ntf.event == VFPOOL_EVENT_LEASE_BOND_JOIN &&
	   !vfpool_has(&ntf, VFPOOL_A_REASON) && in_bond(&ntf.lease, 8, true) &&
	   !strcmp(vfpool_event_name(ntf.event), "lease-bond-join"),
	   "a lease-bond-join notification carries the bond (%d)", err);

	/* Another family going away is not ours. */
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, GENL_ID_CTRL, 0, 0, CTRL_CMD_DELFAMILY, 1);
	nla_put_u16(msg, CTRL_ATTR_FAMILY_ID, FAMILY + 1);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "other");
	send_msg(fd, msg);
	msg = reply(&req, VFPOOL_CMD_POOL_NTF, 0);
	nla_put_u32(msg, VFPOOL_A_EVENT, VFPOOL_EVENT_POOL_NEW);
	put_pool(msg, 5);
	send_msg(fd, msg);
	memset(&ntf, 0, sizeof(ntf));
	err = vfpool_events_recv(vp, keep_event, &ntf);
	ok(!err && !ntf.present, "another family's removal is ignored (%d)",
	   err);
	err = vfpool_events_recv(vp, keep_event, &ntf);
	ok(!err && ntf.event == VFPOOL_EVENT_POOL_NEW &&
	   !vfpool_has(&ntf, VFPOOL_A_REASON) &&
	   !strcmp(ntf.pool.name, "pool-5"), "a pool notification is parsed");

	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, GENL_ID_CTRL, 0, 0, CTRL_CMD_DELFAMILY, 1);
	nla_put_u16(msg, CTRL_ATTR_FAMILY_ID, FAMILY);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, VFPOOL_GENL_NAME);
	send_msg(fd, msg);
	err = vfpool_events_recv(vp, keep_event, &ntf);
	ok(err == -VFPOOL_ENOMODULE, "the family's removal ends the events "
	   "(%d)", err);
}

/* A handle as vfpool_open() makes it, on fds this test controls. */
static struct nl_sock *fake_socket(int fd)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk || nl_connect(sk, NETLINK_GENERIC) < 0 ||
	    dup2(fd, nl_socket_get_fd(sk)) < 0) {
		fprintf(stderr, "test-fake-kernel: no netlink socket\n");
		exit(4);
	}
	close(fd);
	return sk;
}

/* A string field filled to its limit. */
#define FILL(field)	do {						\
	memset(field, 'x', sizeof(field) - 1);				\
	field[sizeof(field) - 1] = '\0';				\
} while (0)

/*
 * Each request, with every attribute the library can put at its longest,
 * fits the message vfp_msg() sizes for its command.
 */
static void test_request_sizes(struct vfpool *vp)
{
	static struct vfpool_lease l;
	static struct vfpool_member m;
	static struct vfpool_pool p;
	static struct vfpool_irq irq;
	static struct vfpool_bond b;
	static const uint8_t cmds[] = {
		VFPOOL_CMD_LEASE_NEW, VFPOOL_CMD_LEASE_DEL, VFPOOL_CMD_MEMBER_ADD,
		VFPOOL_CMD_POOL_NEW, VFPOOL_CMD_IRQ_SET, VFPOOL_CMD_BOND_ENSLAVE,
	};
	int fails = 0;
	size_t i;

	FILL(l.pool_name); FILL(l.member_pci); FILL(l.member_ifname);
	FILL(l.owner_id); FILL(l.ifname);
	l.present = l.vf_config.present = ~0ULL;
	FILL(m.pool_name); FILL(m.ifname); FILL(m.pci); FILL(m.pf_ifname);
	FILL(m.pf_pci); FILL(m.driver); FILL(m.owner_id);
	m.present = ~0ULL;
	FILL(p.name); FILL(p.pf_ifname); FILL(p.pf_pci); FILL(p.irq_cpus);
	p.present = ~0ULL;
	FILL(irq.pool_name); FILL(irq.member_pci); FILL(irq.member_ifname);
	FILL(irq.cpus);
	irq.present = ~0ULL;
	FILL(b.owner_id); FILL(b.ifname);
	for (i = 0; i < VFPOOL_BOND_LINKS_MAX; i++)
		FILL(b.links[i]);
	b.n_links = VFPOOL_BOND_LINKS_MAX;
	b.present = ~0ULL;

	for (i = 0; i < sizeof(cmds); i++) {
		struct nl_msg *msg = vfp_msg(vp, cmds[i], VFP_ACK);
		int err = -ENOMEM;

		if (msg) {
			switch (cmds[i]) {
			case VFPOOL_CMD_LEASE_NEW:
			case VFPOOL_CMD_LEASE_DEL:
				err = vfp_put_lease(msg, &l, ~0ULL);
				break;
			case VFPOOL_CMD_MEMBER_ADD:
				err = vfp_put_member(msg, &m, ~0ULL);
				break;
			case VFPOOL_CMD_POOL_NEW:
				err = vfp_put_pool(msg, &p, ~0ULL);
				break;
			case VFPOOL_CMD_IRQ_SET:
				err = vfp_put_irq(msg, &irq, ~0ULL);
				break;
			default:
				err = vfp_put_bond(msg, &b, ~0ULL);
			}
			nlmsg_free(msg);
		}
		if (err) {
			printf("# command %u: %s\n", cmds[i], strerror(-err));
			fails++;
		}
	}
	ok(!fails, "the longest request of each command fits its message");
}

int main(void)
{
	int req_fds[2], ev_fds[2], status;
	struct vfpool *vp;
	pid_t child;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, req_fds) ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, ev_fds))
		return 4;
	child = fork();
	if (child < 0)
		return 4;
	if (!child) {
		close(req_fds[0]);
		kernel(req_fds[1]);
	}
	close(req_fds[1]);

	vp = calloc(1, sizeof(*vp));
	if (!vp)
		return 4;
	vp->family = FAMILY;
	vp->events_group = vp->ctrl_group = -1;
	vp->bufsize = 64;	/* so that it has to grow */
	vp->buf = malloc(vp->bufsize);
	vp->sk = fake_socket(req_fds[0]);
	vp->events = fake_socket(ev_fds[0]);

	printf("1..%d\n", TESTS);
	test_request_sizes(vp);
	test_requests(vp);
	test_events(vp, ev_fds[1]);

	vfpool_close(vp);
	waitpid(child, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "the fake kernel exited cleanly");
	if (failures)
		printf("# %d of %d failed\n", failures, tests);
	return failures || tests != TESTS ? 1 : 0;
}
