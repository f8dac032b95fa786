// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Notifications: a second socket joined to the "events" group, so that
 * requests on the first socket never see multicast traffic. It also
 * joins nlctrl's "notify" group to learn when the family goes away: a
 * reloaded module gets a new family id, and a monitor that kept waiting
 * on the old one would wait forever.
 */
#include <errno.h>
#include <poll.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>

#include "internal.h"

/* Room for bursts: a pool deleted with FORCE ends every lease at once. */
#define VFP_EVENTS_RCVBUF	(4 << 20)

int vfp_events_socket(struct vfpool *vp, struct nl_sock **skp)
{
	int size = VFP_EVENTS_RCVBUF;
	struct nl_sock *sk;
	int fd, err;

	if (vp->events_group < 0)
		return -ENOENT;
	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	err = nl_connect(sk, NETLINK_GENERIC);
	if (err < 0)
		goto err;
	fd = nl_socket_get_fd(sk);
	/* FORCE needs CAP_NET_ADMIN; the plain one is capped by rmem_max. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	err = nl_socket_add_membership(sk, vp->events_group);
	if (err < 0)
		goto err;
	if (vp->ctrl_group >= 0)
		nl_socket_add_membership(sk, vp->ctrl_group);
	*skp = sk;
	return 0;
err:
	nl_socket_free(sk);
	return vfp_nlerr(err);
}

int vfpool_events_subscribe(struct vfpool *vp)
{
	if (vp->events)
		return 0;
	return vfp_events_socket(vp, &vp->events);
}

int vfpool_events_fd(const struct vfpool *vp)
{
	return vp->events ? nl_socket_get_fd(vp->events) : -EBADF;
}

static bool family_removed(struct vfpool *vp, struct nlmsghdr *nlh)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct genlmsghdr *gnlh = nlmsg_data(nlh);

	if (!genlmsg_valid_hdr(nlh, 0) || gnlh->cmd != CTRL_CMD_DELFAMILY)
		return false;
	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_ID] || nla_len(tb[CTRL_ATTR_FAMILY_ID]) < 2)
		return false;
	return nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]) == vp->family;
}

int vfpool_events_recv(struct vfpool *vp, vfpool_notification_cb cb, void *arg)
{
	if (!vp->events)
		return -EBADF;
	return vfp_events_read(vp, nl_socket_get_fd(vp->events), cb, arg);
}

int vfp_events_read(struct vfpool *vp, int fd, vfpool_notification_cb cb,
		    void *arg)
{
	struct vfpool_notification ev;
	struct nlmsghdr *nlh;
	ssize_t n;
	int len, err;

	n = vfp_recv(vp, fd);
	if (n < 0)
		return n;
	len = n;
	for (nlh = (struct nlmsghdr *)vp->buf; NLMSG_OK(nlh, len);
	     nlh = NLMSG_NEXT(nlh, len)) {
		if (nlh->nlmsg_type == GENL_ID_CTRL) {
			if (family_removed(vp, nlh))
				return -VFPOOL_ENOMODULE;
			continue;
		}
		if (nlh->nlmsg_type != vp->family)
			continue;
		err = vfp_parse_event(nlh, &ev);
		if (err)
			return err;
		err = cb(&ev, arg);
		if (err)
			return err;
	}
	return 0;
}

int vfpool_events_loop(struct vfpool *vp, const sigset_t *sigmask,
		       vfpool_notification_cb cb, void *arg)
{
	struct pollfd pfd = { .fd = vfpool_events_fd(vp), .events = POLLIN };
	int err;

	if (pfd.fd < 0)
		return pfd.fd;
	for (;;) {
		if (ppoll(&pfd, 1, NULL, sigmask) < 0)
			return -errno;
		err = vfpool_events_recv(vp, cb, arg);
		if (err)
			return err;
	}
}
