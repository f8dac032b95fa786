// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * The handle and the transport: one request at a time on one socket.
 *
 * libnl builds the messages, parses attributes and resolves the family;
 * receiving is done here, because the library needs what libnl's receive
 * loop hides: the kernel's errno as is (not a libnl code), the extack
 * TLVs after an error or after the end of a dump, and NLM_F_DUMP_INTR
 * without abandoning the rest of the dump in the socket.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "internal.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define VFP_BUF_MIN	32768

/* libnl's error codes for the few failures its calls can return. */
int vfp_nlerr(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case 0:			return 0;
	case NLE_NOMEM:		return -ENOMEM;
	case NLE_MSGSIZE:	return -EMSGSIZE;
	case NLE_PERM:		return -EPERM;
	case NLE_NOACCESS:	return -EACCES;
	case NLE_AGAIN:		return -EAGAIN;
	case NLE_INTR:		return -EINTR;
	case NLE_INVAL:		return -EINVAL;
	case NLE_RANGE:		return -ERANGE;
	case NLE_EXIST:		return -EEXIST;
	case NLE_BUSY:		return -EBUSY;
	case NLE_OBJ_NOTFOUND:	return -ENOENT;
	case NLE_OPNOTSUPP:	return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:	return -EAFNOSUPPORT;
	case NLE_PROTO_MISMATCH: return -EPROTONOSUPPORT;
	case NLE_BAD_SOCK:	return -EBADF;
	default:		return -EIO;
	}
}

int vfpool_open(struct vfpool **vpp)
{
	struct vfpool *vp;
	int one = 1;
	int fd, err;

	*vpp = NULL;
	vp = calloc(1, sizeof(*vp));
	if (!vp)
		return -ENOMEM;
	vp->events_group = -1;
	vp->ctrl_group = -1;
	vp->bufsize = VFP_BUF_MIN;
	vp->buf = malloc(vp->bufsize);
	vp->sk = nl_socket_alloc();
	if (!vp->buf || !vp->sk) {
		err = -ENOMEM;
		goto err;
	}
	err = genl_connect(vp->sk);
	if (err < 0) {
		err = vfp_nlerr(err);
		goto err;
	}
	fd = nl_socket_get_fd(vp->sk);
	/* Best effort: kernels before 4.12 have no extack. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	/* Errors need not echo the request: it can hold a 255-byte owner. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	vp->family = genl_ctrl_resolve(vp->sk, VFPOOL_GENL_NAME);
	if (vp->family < 0) {
		err = vp->family == -NLE_OBJ_NOTFOUND ? -VFPOOL_ENOMODULE :
							 vfp_nlerr(vp->family);
		goto err;
	}
	err = genl_ctrl_resolve_grp(vp->sk, VFPOOL_GENL_NAME,
				    VFPOOL_MCGRP_EVENTS);
	vp->events_group = err < 0 ? -1 : err;
	err = genl_ctrl_resolve_grp(vp->sk, "nlctrl", "notify");
	vp->ctrl_group = err < 0 ? -1 : err;

	/* From here on this file owns the socket's sequence numbers. */
	vp->seq = nl_socket_use_seq(vp->sk);
	*vpp = vp;
	return 0;
err:
	vfpool_close(vp);
	return err;
}

void vfpool_close(struct vfpool *vp)
{
	if (!vp)
		return;
	nl_socket_free(vp->events);
	nl_socket_free(vp->sk);
	free(vp->buf);
	free(vp);
}

const char *vfpool_ext_msg(const struct vfpool *vp)
{
	return vp ? vp->ext_msg : "";
}

const char *vfpool_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err == VFPOOL_ENOMODULE)
		return "kernel module not loaded";
	return strerror(err);
}

/*
 * Room for a request of @cmd. libnl neither grows a message nor skips
 * zeroing it, so each request gets what its largest form needs: a lease
 * or member request with every attribute at its longest is under 600
 * bytes; pools and IRQs carry a CPU list of up to 1023 bytes, bonds up
 * to 64 links and 64 lease ids.
 */
static size_t vfp_msg_size(uint8_t cmd)
{
	switch (cmd) {
	case VFPOOL_CMD_MEMBER_ADD:
	case VFPOOL_CMD_MEMBER_DEL:
	case VFPOOL_CMD_MEMBER_GET:
	case VFPOOL_CMD_LEASE_NEW:
	case VFPOOL_CMD_LEASE_DEL:
	case VFPOOL_CMD_LEASE_GET:
		return 1024;
	default:
		return 4096;
	}
}

struct nl_msg *vfp_msg(struct vfpool *vp, uint8_t cmd, enum vfp_kind kind)
{
	static const int kind_flags[] = {
		[VFP_ACK] = NLM_F_ACK,
		[VFP_REPLY] = 0,
		[VFP_DUMP] = NLM_F_DUMP,
	};
	struct nl_msg *msg = nlmsg_alloc_size(vfp_msg_size(cmd));
	int flags = NLM_F_REQUEST | kind_flags[kind];

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, vp->family, 0, flags,
			 cmd, VFPOOL_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/*
 * One datagram into vp->buf, which grows to fit it: peeking with
 * MSG_TRUNC and no buffer returns the datagram's full length.
 */
ssize_t vfp_recv(struct vfpool *vp, int fd)
{
	ssize_t n;

	for (;;) {
		n = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if ((size_t)n > vp->bufsize) {
			unsigned char *buf = realloc(vp->buf, n);

			if (!buf)
				return -ENOMEM;
			vp->buf = buf;
			vp->bufsize = n;
		}
		n = recv(fd, vp->buf, vp->bufsize, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		return n;
	}
}

/* Extack TLVs at offset off of an NLMSG_ERROR or NLMSG_DONE message. */
static void vfp_ext(struct vfpool *vp, struct nlmsghdr *nlh, size_t off)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= nlh->nlmsg_len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + off),
		      nlh->nlmsg_len - off, NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(vp->ext_msg, tb[NLMSGERR_ATTR_MSG],
			    sizeof(vp->ext_msg));
	else if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
		 nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= 4)
		snprintf(vp->ext_msg, sizeof(vp->ext_msg),
			 "missing attribute %u",
			 nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]));
}

static int vfp_ack(struct vfpool *vp, struct nlmsghdr *nlh)
{
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t payload = sizeof(*e);

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
		return -EBADMSG;
	/* Without NLM_F_CAPPED the request follows, then the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len >= NLMSG_HDRLEN)
		payload += e->msg.nlmsg_len - NLMSG_HDRLEN;
	vfp_ext(vp, nlh, NLMSG_HDRLEN + NLMSG_ALIGN(payload));
	return e->error > 0 ? -e->error : e->error;
}

static int vfp_done(struct vfpool *vp, struct nlmsghdr *nlh)
{
	int error = 0;

	if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(error)))
		memcpy(&error, NLMSG_DATA(nlh), sizeof(error));
	vfp_ext(vp, nlh, NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(error)));
	return error > 0 ? -error : error;
}

/*
 * Send msg and read its reply up to the ack (do), the reply itself (a do
 * sent without NLM_F_ACK) or NLMSG_DONE (dump).
 * A callback error stops the callbacks but not the reading, so the
 * socket is left clean for the next request.
 */
static int vfp_transact(struct vfpool *vp, struct nl_msg *msg, vfp_msg_cb cb,
			void *arg)
{
	struct nlmsghdr *req = nlmsg_hdr(msg);
	bool reply_ends = !(req->nlmsg_flags & (NLM_F_ACK | NLM_F_DUMP));
	int fd = nl_socket_get_fd(vp->sk);
	int cb_err = 0;
	ssize_t n;
	int err;

	vp->ext_msg[0] = '\0';
	vp->dump_intr = false;
	req->nlmsg_seq = ++vp->seq;
	req->nlmsg_pid = nl_socket_get_local_port(vp->sk);
	do
		n = send(fd, req, req->nlmsg_len, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;

	for (;;) {
		struct nlmsghdr *nlh;
		int len;

		n = vfp_recv(vp, fd);
		if (n < 0)
			return n;
		len = n;
		for (nlh = (struct nlmsghdr *)vp->buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != req->nlmsg_seq)
				continue;	/* left over from an old request */
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				vp->dump_intr = true;
			switch (nlh->nlmsg_type) {
			case NLMSG_NOOP:
				break;
			case NLMSG_ERROR:
				err = vfp_ack(vp, nlh);
				return err ? err : cb_err;
			case NLMSG_DONE:
				err = vfp_done(vp, nlh);
				return err ? err : cb_err;
			default:
				if (nlh->nlmsg_type != vp->family)
					break;
				if (cb && !cb_err)
					cb_err = cb(vp, nlh, arg);
				if (reply_ends)
					return cb_err;
			}
		}
	}
}

int vfp_do(struct vfpool *vp, struct nl_msg *msg, vfp_msg_cb cb, void *arg)
{
	int err = vfp_transact(vp, msg, cb, arg);

	nlmsg_free(msg);
	return err;
}

struct dump_copy {
	struct nlmsghdr **msgs;
	size_t count;
	size_t cap;
};

static int dump_keep(struct vfpool *vp, struct nlmsghdr *nlh, void *arg)
{
	struct dump_copy *d = arg;
	struct nlmsghdr *copy;

	(void)vp;
	if (d->count == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 64;
		struct nlmsghdr **msgs = realloc(d->msgs, cap * sizeof(*msgs));

		if (!msgs)
			return -ENOMEM;
		d->msgs = msgs;
		d->cap = cap;
	}
	copy = malloc(nlh->nlmsg_len);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, nlh, nlh->nlmsg_len);
	d->msgs[d->count++] = copy;
	return 0;
}

static void dump_free(struct dump_copy *d)
{
	while (d->count)
		free(d->msgs[--d->count]);
	free(d->msgs);
	d->msgs = NULL;
	d->cap = 0;
}

/*
 * A dump keeps the raw messages until NLMSG_DONE: if any of them carries
 * NLM_F_DUMP_INTR the objects changed under it, so it is dropped and
 * asked again, and callers only ever see a consistent set.
 */
int vfp_dump(struct vfpool *vp, struct nl_msg *msg, vfp_msg_cb cb, void *arg)
{
	struct dump_copy d = { 0 };
	int err = -EAGAIN;
	int tries;
	size_t i;

	for (tries = 0; tries < VFPOOL_DUMP_RETRIES; tries++) {
		err = vfp_transact(vp, msg, dump_keep, &d);
		if (!err && vp->dump_intr) {
			dump_free(&d);
			err = -EAGAIN;
			continue;
		}
		for (i = 0; !err && i < d.count; i++)
			err = cb(vp, d.msgs[i], arg);
		break;
	}
	if (err == -EAGAIN && vp->dump_intr)
		snprintf(vp->ext_msg, sizeof(vp->ext_msg),
			 "dump interrupted by changes %d times",
			 VFPOOL_DUMP_RETRIES);
	dump_free(&d);
	nlmsg_free(msg);
	return err;
}
