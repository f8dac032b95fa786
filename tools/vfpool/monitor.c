// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * vfpool monitor [json]: one line per event, with a timestamp, until
 * SIGINT or SIGTERM; with json (or -j) one JSON object per line. Both signals stay blocked except inside ppoll(), so one that
 * arrives while a line is printed ends the loop at the next wait rather
 * than being lost.
 */
#include <errno.h>
#include <signal.h>
#include <time.h>

#include "cli.h"

static void timestamp(char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;
	size_t len;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	len = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	len += snprintf(buf + len, size - len, ".%06ld", ts.tv_nsec / 1000);
	strftime(buf + len, size - len, "%z", &tm);
}

static void print_pool(const struct vfpool_pool *p)
{
	printf(" pool %s", p->name);
	if (vfpool_has(p, VFPOOL_POOL_A_PF_IFNAME))
		printf(" pf %s", p->pf_ifname);
	if (vfpool_has(p, VFPOOL_POOL_A_PF_PCI))
		printf(" pci %s", p->pf_pci);
	if (vfpool_has(p, VFPOOL_POOL_A_TOTAL))
		printf(" total %u free %u leased %u gone %u", p->total,
		       p->free, p->leased, p->gone);
}

static void print_member(const struct vfpool_member *m)
{
	char buf[32];

	printf(" member %s", member_where(m, buf, sizeof(buf)));
	if (vfpool_has(m, VFPOOL_MEMBER_A_POOL_NAME))
		printf(" pool %s", m->pool_name);
	if (vfpool_has(m, VFPOOL_MEMBER_A_PCI) &&
	    vfpool_has(m, VFPOOL_MEMBER_A_IFNAME))
		printf(" dev %s", m->ifname);
	if (vfpool_has(m, VFPOOL_MEMBER_A_PF_IFNAME))
		printf(" pf %s", m->pf_ifname);
	if (vfpool_has(m, VFPOOL_MEMBER_A_VF_INDEX))
		printf(" vf %u", m->vf_index);
	if (vfpool_has(m, VFPOOL_MEMBER_A_STATE))
		printf(" state %s", member_state(m));
}

static void print_lease(const struct vfpool_lease *l)
{
	const char *bond;
	char buf[32];

	printf(" lease %llu", (unsigned long long)l->id);
	if (vfpool_has(l, VFPOOL_LEASE_A_POOL_NAME))
		printf(" pool %s", l->pool_name);
	printf(" owner %s", l->owner_id);
	if (vfpool_has(l, VFPOOL_LEASE_A_IFNAME))
		printf(" ifname %s", l->ifname);
	if (vfpool_has(l, VFPOOL_LEASE_A_MEMBER))
		printf(" member %s", member_where(&l->member, buf,
						   sizeof(buf)));
	if (vfpool_has(l, VFPOOL_LEASE_A_NETNS_COOKIE))
		printf(" netns %llu", (unsigned long long)l->netns_cookie);
	bond = lease_bond(l, buf, sizeof(buf));
	if (bond)
		printf(" bond %s%s", bond, l->bond_external ? " external" : "");
}

static struct json_object *json_name(const char *name, uint32_t value)
{
	char buf[16];

	if (name)
		return json_object_new_string(name);
	snprintf(buf, sizeof(buf), "%u", value);
	return json_object_new_string(buf);
}

static int print_event(const struct vfpool_notification *n, void *arg)
{
	const char *event = vfpool_event_name(n->event);
	const char *reason = vfpool_reason_name(n->reason);
	bool has_reason = vfpool_has(n, VFPOOL_A_REASON);
	char ts[64];

	(void)arg;
	timestamp(ts, sizeof(ts));
	if (json_output) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "timestamp",
				       json_object_new_string(ts));
		json_object_object_add(o, "event",
				       json_name(event, n->event));
		json_object_object_add(o, "reason", has_reason ?
				       json_name(reason, n->reason) : NULL);
		if (vfpool_has(n, VFPOOL_A_POOL))
			json_object_object_add(o, "pool", json_pool(&n->pool));
		if (vfpool_has(n, VFPOOL_A_MEMBER))
			json_object_object_add(o, "member",
					       json_member(&n->member));
		if (vfpool_has(n, VFPOOL_A_LEASE))
			json_object_object_add(o, "lease",
					       json_lease(&n->lease));
		json_print(o);
	} else {
		if (event)
			printf("%s %s", ts, event);
		else
			printf("%s event-%u", ts, n->event);
		/* A reason only says something when a lease ends. */
		if (has_reason && n->event != VFPOOL_EVENT_LEASE_GRANTED) {
			if (reason)
				printf(" reason %s", reason);
			else
				printf(" reason %u", n->reason);
		}
		if (vfpool_has(n, VFPOOL_A_POOL))
			print_pool(&n->pool);
		if (vfpool_has(n, VFPOOL_A_MEMBER))
			print_member(&n->member);
		if (vfpool_has(n, VFPOOL_A_LEASE))
			print_lease(&n->lease);
		putchar('\n');
	}
	fflush(stdout);
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;	/* ppoll() returns EINTR: that is all we need */
}

static int monitor(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, wait_mask;
	struct vfpool *vp;
	int err;

	if (argc > 0)
		return usage_error("unexpected \"%s\"", argv[0]);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	err = open_vfpool(&vp);
	if (err)
		return err;
	err = vfpool_events_subscribe(vp);
	while (!err) {
		err = vfpool_events_loop(vp, &wait_mask, print_event, NULL);
		if (err == -ENOBUFS) {
			/* Say so and go on: the next events still come. */
			fprintf(stderr, "vfpool: monitor: events lost: %s\n",
				vfpool_strerror(err));
			err = 0;
		}
	}
	if (err == -EINTR)
		err = 0;
	if (err == -VFPOOL_ENOMODULE) {
		fprintf(stderr, "vfpool: monitor: kernel module unloaded\n");
		vfpool_close(vp);
		return EXIT_NOMODULE;
	}
	return finish(vp, err);
}

/* "vfpool monitor json" is "vfpool -j monitor", as in the grammar. */
static int monitor_json(int argc, char **argv)
{
	json_output = true;
	return monitor(argc, argv);
}

/*
 * "monitor" has no commands: an empty name that only the default finds,
 * and the keyword "json".
 */
static const struct command commands[] = {
	{ "", monitor, "[json]" },
	{ "json", monitor_json, NULL },
	{ "help", NULL, NULL },
};

int monitor_main(int argc, char **argv)
{
	return run_command("monitor", commands, ARRAY_SIZE(commands), "",
			   argc, argv);
}
