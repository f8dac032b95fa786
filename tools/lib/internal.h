/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* What the library's files share and its users do not see. */
#ifndef VFPOOL_INTERNAL_H
#define VFPOOL_INTERNAL_H

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "vfpool.h"

struct vfpool {
	struct nl_sock *sk;		/* requests and their replies */
	struct nl_sock *events;		/* multicast, NULL until subscribed */
	int family;
	int events_group;
	int ctrl_group;			/* nlctrl "notify": family removal */
	uint32_t seq;
	bool dump_intr;			/* NLM_F_DUMP_INTR seen in this reply */
	unsigned char *buf;		/* receive buffer, grown to fit */
	size_t bufsize;
	char ext_msg[VFPOOL_EXT_MSG_MAX + 1];
};

/* Called for each message of the family in a reply. */
typedef int (*vfp_msg_cb)(struct vfpool *vp, struct nlmsghdr *nlh,
			  void *arg);

/*
 * What ends a request's answer. A do whose handler always replies on
 * success goes without NLM_F_ACK: its one reply ends it (an error still
 * comes as NLMSG_ERROR), which saves receiving an ack per request.
 */
enum vfp_kind {
	VFP_ACK,	/* do, no reply: the ack ends it */
	VFP_REPLY,	/* do, one reply message ends it */
	VFP_DUMP,	/* dump: NLMSG_DONE ends it */
};

/* vfpool.c: transport */
struct nl_msg *vfp_msg(struct vfpool *vp, uint8_t cmd, enum vfp_kind kind);
int vfp_do(struct vfpool *vp, struct nl_msg *msg, vfp_msg_cb cb, void *arg);
int vfp_dump(struct vfpool *vp, struct nl_msg *msg, vfp_msg_cb cb, void *arg);
ssize_t vfp_recv(struct vfpool *vp, int fd);
int vfp_nlerr(int nlerr);

/* request.c: request builders */
int vfp_put_pool(struct nl_msg *msg, const struct vfpool_pool *pool,
		 uint64_t attrs);
int vfp_put_member(struct nl_msg *msg, const struct vfpool_member *member,
		   uint64_t attrs);
int vfp_put_lease(struct nl_msg *msg, const struct vfpool_lease *lease,
		  uint64_t attrs);
int vfp_put_bond(struct nl_msg *msg, const struct vfpool_bond *bond,
		 uint64_t attrs);
int vfp_put_irq(struct nl_msg *msg, const struct vfpool_irq *irq,
		uint64_t attrs);
int vfp_lease_new_once(struct vfpool *vp, const struct vfpool_lease *req,
		       vfpool_lease_cb cb, void *arg);

/* events.c: a socket joined to the "events" group, and nlctrl's notify */
int vfp_events_socket(struct vfpool *vp, struct nl_sock **skp);
/*
 * One read of the events socket @fd: cb for each event, -ENOBUFS when
 * events were lost, -VFPOOL_ENOMODULE when the family went away.
 */
int vfp_events_read(struct vfpool *vp, int fd, vfpool_notification_cb cb,
		    void *arg);

/* parse.c: reply parsers; they ignore attributes they do not know */
int vfp_parse_pool(struct nlattr *nest, struct vfpool_pool *pool);
int vfp_parse_member(struct nlattr *nest, struct vfpool_member *member);
int vfp_parse_lease(struct nlattr *nest, struct vfpool_lease *lease);
/* Allocates irq's arrays, also on failure: vfp_irq_free() frees them. */
int vfp_parse_irq(struct nlattr *nest, struct vfpool_irq *irq);
void vfp_irq_free(struct vfpool_irq *irq);
int vfp_parse_event(struct nlmsghdr *nlh, struct vfpool_notification *ntf);
/* The top-level attributes of a genetlink message of the family. */
struct nlattr *vfp_attrs(struct nlmsghdr *nlh, int *len);

#endif /* VFPOOL_INTERNAL_H */
