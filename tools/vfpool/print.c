// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Output: aligned tables for people, JSON for programs.
 *
 * JSON keys are stable: every key of an object is always there, null
 * when the kernel did not say (a pool without a PF has "pf_ifname":
 * null). Keys are snake_case; enumerated values are the words of the
 * plain output ("leased", "netns-gone", "802.1ad").
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct table {
	size_t ncols;
	size_t ncells;
	size_t cap;
	char **cells;
};

static void out_of_memory(void)
{
	fprintf(stderr, "vfpool: out of memory\n");
	exit(EXIT_ERROR);
}

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		out_of_memory();
	return p;
}

static void table_add(struct table *t, char *cell)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->cells = xrealloc(t->cells, t->cap * sizeof(*t->cells));
	}
	t->cells[t->ncells++] = cell;
}

struct table *table_new(size_t ncols, ...)
{
	struct table *t = xrealloc(NULL, sizeof(*t));
	va_list ap;
	size_t i;

	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	va_start(ap, ncols);
	for (i = 0; i < ncols; i++)
		table_cell(t, "%s", va_arg(ap, const char *));
	va_end(ap);
	return t;
}

void table_cell(struct table *t, const char *fmt, ...)
{
	char *cell;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&cell, fmt, ap) < 0)
		cell = NULL;
	va_end(ap);
	if (!cell)
		out_of_memory();
	table_add(t, cell);
}

void table_print(struct table *t, FILE *f)
{
	/* Without rows there is no title either. */
	size_t shown = t->ncells > t->ncols ? t->ncells : 0;
	size_t *width = xrealloc(NULL, t->ncols * sizeof(*width));
	size_t i, col;

	memset(width, 0, t->ncols * sizeof(*width));
	for (i = 0; i < shown; i++) {
		size_t len = strlen(t->cells[i]);

		col = i % t->ncols;
		if (len > width[col])
			width[col] = len;
	}
	for (i = 0; f && i < shown; i++) {
		col = i % t->ncols;
		if (col == t->ncols - 1 || i == shown - 1)
			fprintf(f, "%s\n", t->cells[i]);
		else
			fprintf(f, "%-*s  ", (int)width[col], t->cells[i]);
	}
	for (i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	free(width);
	free(t);
}

int list_add(struct list *list, const void *item)
{
	if (list->count == list->cap) {
		list->cap = list->cap ? 2 * list->cap : 16;
		list->items = xrealloc(list->items, list->cap * list->size);
	}
	memcpy((char *)list->items + list->count++ * list->size, item,
	       list->size);
	return 0;
}

void list_free(struct list *list)
{
	free(list->items);
	list->items = NULL;
	list->count = list->cap = 0;
}

static bool list_streams(const struct list *list)
{
	return list->stream && json_output && !pretty_output;
}

static int list_add_or_write(struct list *list, const void *item,
			     void (*one)(FILE *, const void *))
{
	if (!list_streams(list))
		return list_add(list, item);
	putchar(list->count++ ? ',' : '[');
	one(stdout, item);
	return 0;
}

static void one_pool(FILE *f, const void *p)	{ text_pool(f, p); }
static void one_member(FILE *f, const void *m)	{ text_member(f, m); }
static void one_lease(FILE *f, const void *l)	{ text_lease(f, l); }

int list_pool(const struct vfpool_pool *pool, void *list)
{
	return list_add_or_write(list, pool, one_pool);
}

int list_member(const struct vfpool_member *member, void *list)
{
	return list_add_or_write(list, member, one_member);
}

int list_lease(const struct vfpool_lease *lease, void *list)
{
	return list_add_or_write(list, lease, one_lease);
}

/* JSON */

#define HAS(obj, attr)	vfpool_has(obj, attr)

static void jstr(struct jw *w, const char *key, bool has, const char *s)
{
	jw_str(w, key, has ? s : NULL);
}

static void ju32(struct jw *w, const char *key, bool has, uint32_t v)
{
	if (has)
		jw_int(w, key, v);
	else
		jw_null(w, key);
}

static void ju64(struct jw *w, const char *key, bool has, uint64_t v)
{
	if (has)
		jw_uint(w, key, v);
	else
		jw_null(w, key);
}

static void jname(struct jw *w, const char *key, bool has, const char *name,
		  uint32_t v)
{
	char buf[24];

	if (has && !name)	/* from a newer kernel */
		snprintf(buf, sizeof(buf), "%u", v);
	jstr(w, key, has, name ?: buf);
}

static void put_pool(struct jw *w, const char *key,
		     const struct vfpool_pool *p)
{
	jw_begin(w, key);
	jstr(w, "name", HAS(p, VFPOOL_POOL_A_NAME), p->name);
	jstr(w, "pf_ifname", HAS(p, VFPOOL_POOL_A_PF_IFNAME), p->pf_ifname);
	ju32(w, "pf_ifindex", HAS(p, VFPOOL_POOL_A_PF_IFINDEX), p->pf_ifindex);
	jstr(w, "pf_pci", HAS(p, VFPOOL_POOL_A_PF_PCI), p->pf_pci);
	ju32(w, "total", HAS(p, VFPOOL_POOL_A_TOTAL), p->total);
	ju32(w, "free", HAS(p, VFPOOL_POOL_A_FREE), p->free);
	ju32(w, "leased", HAS(p, VFPOOL_POOL_A_LEASED), p->leased);
	ju32(w, "gone", HAS(p, VFPOOL_POOL_A_GONE), p->gone);
	jname(w, "irq_policy", HAS(p, VFPOOL_POOL_A_IRQ_POLICY),
	      vfpool_irq_policy_name(p->irq_policy), p->irq_policy);
	jstr(w, "irq_cpus", HAS(p, VFPOOL_POOL_A_IRQ_CPUS), p->irq_cpus);
	jstr(w, "irq_banned_cpus", HAS(p, VFPOOL_POOL_A_IRQ_BANNED_CPUS),
	     p->irq_banned_cpus);
	jw_end(w);
}

static void put_member(struct jw *w, const char *key,
		       const struct vfpool_member *m)
{
	jw_begin(w, key);
	jstr(w, "pool", HAS(m, VFPOOL_MEMBER_A_POOL_NAME), m->pool_name);
	jstr(w, "pci", HAS(m, VFPOOL_MEMBER_A_PCI), m->pci);
	jstr(w, "ifname", HAS(m, VFPOOL_MEMBER_A_IFNAME), m->ifname);
	ju32(w, "ifindex", HAS(m, VFPOOL_MEMBER_A_IFINDEX), m->ifindex);
	jstr(w, "pf_ifname", HAS(m, VFPOOL_MEMBER_A_PF_IFNAME), m->pf_ifname);
	ju32(w, "pf_ifindex", HAS(m, VFPOOL_MEMBER_A_PF_IFINDEX),
	     m->pf_ifindex);
	jstr(w, "pf_pci", HAS(m, VFPOOL_MEMBER_A_PF_PCI), m->pf_pci);
	ju32(w, "vf_index", HAS(m, VFPOOL_MEMBER_A_VF_INDEX), m->vf_index);
	if (HAS(m, VFPOOL_MEMBER_A_NUMA_NODE) && m->numa_node >= 0)
		jw_int(w, "numa_node", m->numa_node);
	else
		jw_null(w, "numa_node");
	jstr(w, "driver", HAS(m, VFPOOL_MEMBER_A_DRIVER), m->driver);
	jname(w, "state", HAS(m, VFPOOL_MEMBER_A_STATE),
	      vfpool_member_state_name(m->state), m->state);
	ju64(w, "lease_id", HAS(m, VFPOOL_MEMBER_A_LEASE_ID), m->lease_id);
	jstr(w, "owner_id", HAS(m, VFPOOL_MEMBER_A_OWNER_ID), m->owner_id);
	jw_end(w);
}

static void jbool(struct jw *w, const char *key, bool has, bool v)
{
	if (has)
		jw_bool(w, key, v);
	else
		jw_null(w, key);
}

/* A VF config, or null when the lease has none. */
static void put_vf(struct jw *w, const char *key, bool has,
		   const struct vfpool_vf_config *vf)
{
	char mac[18], proto[8];
	const char *name;

	if (!has) {
		jw_null(w, key);
		return;
	}
	jw_begin(w, key);
	if (HAS(vf, VFPOOL_VF_A_MAC))
		vfpool_mac_format(vf->mac, mac);
	jstr(w, "mac", HAS(vf, VFPOOL_VF_A_MAC), mac);
	ju32(w, "vlan", HAS(vf, VFPOOL_VF_A_VLAN), vf->vlan);
	ju32(w, "vlan_qos", HAS(vf, VFPOOL_VF_A_VLAN_QOS), vf->vlan_qos);
	name = vfpool_vlan_proto_name(vf->vlan_proto);
	if (HAS(vf, VFPOOL_VF_A_VLAN_PROTO) && !name)
		snprintf(proto, sizeof(proto), "0x%04x", vf->vlan_proto);
	jstr(w, "vlan_proto", HAS(vf, VFPOOL_VF_A_VLAN_PROTO), name ?: proto);
	jbool(w, "spoofchk", HAS(vf, VFPOOL_VF_A_SPOOFCHK), vf->spoofchk);
	jbool(w, "trust", HAS(vf, VFPOOL_VF_A_TRUST), vf->trust);
	jname(w, "link_state", HAS(vf, VFPOOL_VF_A_LINK_STATE),
	      vfpool_link_state_name(vf->link_state), vf->link_state);
	ju32(w, "min_tx_rate", HAS(vf, VFPOOL_VF_A_MIN_TX_RATE),
	     vf->min_tx_rate);
	ju32(w, "max_tx_rate", HAS(vf, VFPOOL_VF_A_MAX_TX_RATE),
	     vf->max_tx_rate);
	ju32(w, "mtu", HAS(vf, VFPOOL_VF_A_MTU), vf->mtu);
	jw_end(w);
}

static void put_lease(struct jw *w, const char *key,
		      const struct vfpool_lease *l)
{
	char buf[32];

	jw_begin(w, key);
	ju64(w, "id", HAS(l, VFPOOL_LEASE_A_ID), l->id);
	jstr(w, "pool", HAS(l, VFPOOL_LEASE_A_POOL_NAME), l->pool_name);
	jstr(w, "owner_id", HAS(l, VFPOOL_LEASE_A_OWNER_ID), l->owner_id);
	jstr(w, "ifname", HAS(l, VFPOOL_LEASE_A_IFNAME), l->ifname);
	ju32(w, "ifindex", HAS(l, VFPOOL_LEASE_A_IFINDEX), l->ifindex);
	ju64(w, "netns_cookie", HAS(l, VFPOOL_LEASE_A_NETNS_COOKIE),
	     l->netns_cookie);
	jstr(w, "network", HAS(l, VFPOOL_LEASE_A_NETWORK), l->network);
	if (HAS(l, VFPOOL_LEASE_A_MEMBER))
		put_member(w, "member", &l->member);
	else
		jw_null(w, "member");
	put_vf(w, "vf_config", HAS(l, VFPOOL_LEASE_A_VF_CONFIG),
	       &l->vf_config);
	put_vf(w, "saved_config", HAS(l, VFPOOL_LEASE_A_SAVED_CONFIG),
	       &l->saved_config);
	jstr(w, "bond", HAS(l, VFPOOL_LEASE_A_BOND_IFNAME), l->bond_ifname);
	ju32(w, "bond_ifindex", HAS(l, VFPOOL_LEASE_A_BOND_IFINDEX),
	     l->bond_ifindex);
	jbool(w, "bond_external", lease_bond(l, buf, sizeof(buf)),
	      l->bond_external);
	jw_end(w);
}

struct json_object *json_pool(const struct vfpool_pool *p)
{
	struct jw w = { .f = NULL };

	put_pool(&w, NULL, p);
	return w.tree;
}

struct json_object *json_member(const struct vfpool_member *m)
{
	struct jw w = { .f = NULL };

	put_member(&w, NULL, m);
	return w.tree;
}

struct json_object *json_lease(const struct vfpool_lease *l)
{
	struct jw w = { .f = NULL };

	put_lease(&w, NULL, l);
	return w.tree;
}

void text_pool(FILE *f, const struct vfpool_pool *p)
{
	struct jw w = { .f = f };

	put_pool(&w, NULL, p);
}

void text_member(FILE *f, const struct vfpool_member *m)
{
	struct jw w = { .f = f };

	put_member(&w, NULL, m);
}

void text_lease(FILE *f, const struct vfpool_lease *l)
{
	struct jw w = { .f = f };

	put_lease(&w, NULL, l);
}

void json_print(struct json_object *obj)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE |
		    (pretty_output ? JSON_C_TO_STRING_PRETTY |
				     JSON_C_TO_STRING_SPACED :
				     JSON_C_TO_STRING_PLAIN);

	puts(json_object_to_json_string_ext(obj, flags));
	json_object_put(obj);
}

/*
 * A list as one JSON array. Plain output is text, written an element at
 * a time, so a list of thousands never exists as one json-c tree; pretty
 * output leaves the layout of the array to json-c. A streamed list has
 * its elements out already and only needs closing.
 */
static void json_print_list(const struct list *list,
			    struct json_object *(*tree)(const void *),
			    void (*text)(FILE *, const void *))
{
	struct json_object *o;
	size_t i;

	if (list_streams(list)) {
		puts(list->count ? "]" : "[]");
		return;
	}
	if (pretty_output) {
		o = json_object_new_array();
		for (i = 0; i < list->count; i++)
			json_object_array_add(o, tree((const char *)list->items +
						      i * list->size));
		json_print(o);
		return;
	}
	putchar('[');
	for (i = 0; i < list->count; i++) {
		if (i)
			putchar(',');
		text(stdout, (const char *)list->items + i * list->size);
	}
	puts("]");
}

static struct json_object *tree_pool(const void *p)	{ return json_pool(p); }
static struct json_object *tree_member(const void *m)	{ return json_member(m); }
static struct json_object *tree_lease(const void *l)	{ return json_lease(l); }

/* Tables */

#define OR_DASH(has, s)	((has) && *(s) ? (s) : "-")

const char *member_state(const struct vfpool_member *m)
{
	const char *name = vfpool_member_state_name(m->state);

	if (!HAS(m, VFPOOL_MEMBER_A_STATE))
		return "-";
	return name ? name : "unknown";
}

/* How a member is known: its PCI address, else its netdev. */
const char *member_where(const struct vfpool_member *m, char *buf,
			 size_t size)
{
	if (HAS(m, VFPOOL_MEMBER_A_PCI) && *m->pci)
		return m->pci;
	if (HAS(m, VFPOOL_MEMBER_A_IFNAME) && *m->ifname)
		return m->ifname;
	if (HAS(m, VFPOOL_MEMBER_A_PF_IFNAME) &&
	    HAS(m, VFPOOL_MEMBER_A_VF_INDEX)) {
		snprintf(buf, size, "%s/vf%u", m->pf_ifname, m->vf_index);
		return buf;
	}
	return "-";
}

const char *lease_bond(const struct vfpool_lease *l, char *buf, size_t size)
{
	if (HAS(l, VFPOOL_LEASE_A_BOND_IFNAME) && *l->bond_ifname)
		return l->bond_ifname;
	if (HAS(l, VFPOOL_LEASE_A_BOND_IFINDEX)) {
		snprintf(buf, size, "ifindex %u", l->bond_ifindex);
		return buf;
	}
	return NULL;
}

static const char *pf_of(const struct vfpool_member *m)
{
	if (HAS(m, VFPOOL_MEMBER_A_PF_IFNAME) && *m->pf_ifname)
		return m->pf_ifname;
	return OR_DASH(HAS(m, VFPOOL_MEMBER_A_PF_PCI), m->pf_pci);
}

void print_pools(const struct list *pools)
{
	struct table *t;
	size_t i;

	if (json_output) {
		json_print_list(pools, tree_pool, one_pool);
		return;
	}
	t = table_new(7, "NAME", "PF", "PCI", "TOTAL", "FREE", "LEASED",
		      "GONE");
	for (i = 0; i < pools->count; i++) {
		const struct vfpool_pool *p =
			(const struct vfpool_pool *)pools->items + i;

		table_cell(t, "%s", p->name);
		table_cell(t, "%s", OR_DASH(HAS(p, VFPOOL_POOL_A_PF_IFNAME),
					    p->pf_ifname));
		table_cell(t, "%s", OR_DASH(HAS(p, VFPOOL_POOL_A_PF_PCI),
					    p->pf_pci));
		table_cell(t, "%u", p->total);
		table_cell(t, "%u", p->free);
		table_cell(t, "%u", p->leased);
		table_cell(t, "%u", p->gone);
	}
	table_print(t, stdout);
}

void print_members(const struct list *members)
{
	struct table *t;
	size_t i;

	if (json_output) {
		json_print_list(members, tree_member, one_member);
		return;
	}
	t = table_new(10, "POOL", "PCI", "DEV", "PF", "VF", "NUMA", "DRIVER",
		      "STATE", "LEASE", "OWNER");
	for (i = 0; i < members->count; i++) {
		const struct vfpool_member *m =
			(const struct vfpool_member *)members->items + i;
		bool leased = HAS(m, VFPOOL_MEMBER_A_LEASE_ID);

		table_cell(t, "%s", m->pool_name);
		table_cell(t, "%s", OR_DASH(HAS(m, VFPOOL_MEMBER_A_PCI),
					    m->pci));
		table_cell(t, "%s", OR_DASH(HAS(m, VFPOOL_MEMBER_A_IFNAME),
					    m->ifname));
		table_cell(t, "%s", pf_of(m));
		if (HAS(m, VFPOOL_MEMBER_A_VF_INDEX))
			table_cell(t, "%u", m->vf_index);
		else
			table_cell(t, "-");
		if (m->numa_node >= 0)
			table_cell(t, "%d", m->numa_node);
		else
			table_cell(t, "-");
		table_cell(t, "%s", OR_DASH(HAS(m, VFPOOL_MEMBER_A_DRIVER),
					    m->driver));
		table_cell(t, "%s", member_state(m));
		if (leased)
			table_cell(t, "%llu", (unsigned long long)m->lease_id);
		else
			table_cell(t, "-");
		table_cell(t, "%s", OR_DASH(HAS(m, VFPOOL_MEMBER_A_OWNER_ID),
					    m->owner_id));
	}
	table_print(t, stdout);
}

void print_leases(const struct list *leases)
{
	struct table *t;
	size_t i;

	if (json_output) {
		json_print_list(leases, tree_lease, one_lease);
		return;
	}
	t = table_new(12, "ID", "POOL", "OWNER", "IFNAME", "NETWORK", "MEMBER",
		      "PF", "VF", "NETNS", "MAC", "VLAN", "BOND");
	for (i = 0; i < leases->count; i++) {
		const struct vfpool_lease *l =
			(const struct vfpool_lease *)leases->items + i;
		const struct vfpool_member *m = &l->member;
		const struct vfpool_vf_config *vf = &l->vf_config;
		const char *bond;
		char buf[32];

		table_cell(t, "%llu", (unsigned long long)l->id);
		table_cell(t, "%s", OR_DASH(HAS(l, VFPOOL_LEASE_A_POOL_NAME),
					    l->pool_name));
		table_cell(t, "%s", l->owner_id);
		table_cell(t, "%s", OR_DASH(HAS(l, VFPOOL_LEASE_A_IFNAME),
					    l->ifname));
		table_cell(t, "%s", OR_DASH(HAS(l, VFPOOL_LEASE_A_NETWORK),
					    l->network));
		table_cell(t, "%s", member_where(m, buf, sizeof(buf)));
		table_cell(t, "%s", pf_of(m));
		if (HAS(m, VFPOOL_MEMBER_A_VF_INDEX))
			table_cell(t, "%u", m->vf_index);
		else
			table_cell(t, "-");
		if (HAS(l, VFPOOL_LEASE_A_NETNS_COOKIE))
			table_cell(t, "%llu",
				   (unsigned long long)l->netns_cookie);
		else
			table_cell(t, "-");
		vfpool_mac_format(vf->mac, buf);
		table_cell(t, "%s", HAS(vf, VFPOOL_VF_A_MAC) ? buf : "-");
		if (HAS(vf, VFPOOL_VF_A_VLAN) && vf->vlan)
			table_cell(t, "%u", vf->vlan);
		else
			table_cell(t, "-");
		bond = lease_bond(l, buf, sizeof(buf));
		table_cell(t, "%s%s", bond ?: "-",
			   bond && l->bond_external ? " (external)" : "");
	}
	table_print(t, stdout);
}
