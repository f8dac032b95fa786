// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Waiting for a lease, in user space. The kernel answers LEASE_NEW at
 * once (-EBUSY: the member is held; -ENOSPC: the pool is short): a doit
 * that slept would hold generic netlink's cb_lock for the whole wait,
 * and every genetlink user of the host would stall behind the next
 * family (un)registration. So the waiting is done here.
 *
 * It is race-free because the socket joins the "events" group before
 * the request that follows it is asked: a lease that ends after that
 * answer is an event on the socket. Each event that could free what was
 * asked for (a lease of the pool ended, a member added or back) makes
 * it ask again; so does ENOBUFS (events were lost). A lease transaction
 * that fails frees its members without any event, and listeners outside
 * the initial netns get no events at all, so it also asks again after
 * at most VFP_WAIT_POLL_MS. Between two answers it sleeps in poll(),
 * costing the kernel nothing.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <netlink/genl/genl.h>

#include "internal.h"

#define VFP_WAIT_POLL_MS	1000

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Could @ev have freed something @req asks for? */
static bool wait_relevant(const struct vfpool_lease *req,
			  const struct vfpool_notification *ev)
{
	const char *pool = NULL;

	switch (ev->event) {
	case VFPOOL_EVENT_LEASE_RELEASED:
	case VFPOOL_EVENT_LEASE_RECLAIMED:
		pool = ev->lease.pool_name;
		break;
	case VFPOOL_EVENT_MEMBER_ADD:
	case VFPOOL_EVENT_MEMBER_BACK:
		pool = ev->member.pool_name;
		break;
	default:
		return false;
	}
	/* A request for one member does not know its pool: any will do. */
	if (!vfpool_has(req, VFPOOL_LEASE_A_POOL_NAME) || !pool[0])
		return true;
	return !strcmp(pool, req->pool_name);
}

struct wait_ctx {
	const struct vfpool_lease *req;
	bool again;
};

static int wait_event(const struct vfpool_notification *ev, void *arg)
{
	struct wait_ctx *ctx = arg;

	ctx->again |= wait_relevant(ctx->req, ev);
	return 0;
}

/*
 * Read what is queued on @sk without blocking: 1 when something in it
 * is worth asking again for, 0 when not, or -VFPOOL_ENOMODULE.
 */
static int wait_drain(struct vfpool *vp, struct nl_sock *sk,
		      const struct vfpool_lease *req)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
	struct wait_ctx ctx = { .req = req };
	int err;

	while (poll(&pfd, 1, 0) > 0) {
		err = vfp_events_read(vp, pfd.fd, wait_event, &ctx);
		if (err == -VFPOOL_ENOMODULE)
			return err;
		/* Lost events, or one it could not read: they may have said so. */
		if (err)
			ctx.again = true;
	}
	return ctx.again;
}

static bool wait_busy(int err)
{
	return err == -EBUSY || err == -ENOSPC;
}

int vfpool_lease_new(struct vfpool *vp, const struct vfpool_lease *req,
		     vfpool_lease_cb cb, void *arg)
{
	int64_t deadline, left;
	struct nl_sock *sk = NULL;
	struct pollfd pfd;
	int err, ret;

	err = vfp_lease_new_once(vp, req, cb, arg);
	if (!wait_busy(err) || !vfpool_has(req, VFPOOL_LEASE_A_WAIT_MS) ||
	    !req->wait_ms)
		return err;

	deadline = now_ms() + req->wait_ms;
	/* Without the events (not permitted, no group) it polls alone. */
	if (vfp_events_socket(vp, &sk))
		sk = NULL;
	for (;;) {
		/* Asked after joining: no release can fall between. */
		err = vfp_lease_new_once(vp, req, cb, arg);
		if (!wait_busy(err))
			break;
		for (;;) {
			left = deadline - now_ms();
			if (left <= 0)
				goto out;
			if (left > VFP_WAIT_POLL_MS)
				left = VFP_WAIT_POLL_MS;
			pfd.fd = sk ? nl_socket_get_fd(sk) : -1;
			pfd.events = POLLIN;
			pfd.revents = 0;
			ret = poll(&pfd, 1, (int)left);
			if (ret < 0 && errno == EINTR) {
				err = -EINTR;
				goto out;
			}
			if (ret <= 0)
				break;		/* the periodic try */
			ret = wait_drain(vp, sk, req);
			if (ret < 0) {
				err = ret;
				goto out;
			}
			if (ret)
				break;
		}
	}
out:
	nl_socket_free(sk);
	return err;
}
