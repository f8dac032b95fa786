// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/* vfpool irq: set, show */
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* What irq show prints: vectors of members, then the pools' CPU load. */
struct irq_out {
	struct table *vectors;
	struct table *load;
	struct json_object *jvectors;
	struct json_object *jload;
	size_t nvectors;
	bool has_placed;	/* an irq set's reply */
	uint32_t placed;
	long only_irq;		/* irq show irq N: that vector only; else -1 */
};

static const char *policy_word(uint32_t policy)
{
	return vfpool_irq_policy_name(policy) ?: "unknown";
}

static const char *member_of(const struct vfpool_irq *irq, char *buf,
			     size_t size)
{
	if (!vfpool_has(irq, VFPOOL_IRQ_A_MEMBER))
		return "-";
	return member_where(&irq->member, buf, size);
}

static struct json_object *jstring(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* The policy as the CLI takes it: "cpus 0-3" for the cpus policy. */
static void policy_text(const struct vfpool_irq *irq, char *buf, size_t size)
{
	if (irq->policy == VFPOOL_IRQ_POLICY_CPUS)
		snprintf(buf, size, "cpus %s", irq->cpus);
	else
		snprintf(buf, size, "%s", policy_word(irq->policy));
}

static int collect(const struct vfpool_irq *irq, void *arg)
{
	struct irq_out *out = arg;
	char buf[48], policy[VFPOOL_IRQ_CPUS_MAX + 8];
	const char *where = member_of(irq, buf, sizeof(buf));
	size_t i;

	policy_text(irq, policy, sizeof(policy));
	if (vfpool_has(irq, VFPOOL_IRQ_A_PLACED)) {
		out->has_placed = true;
		out->placed += irq->placed;
	}
	/* An explicit list may go where spread does not: say so. */
	if (vfpool_has(irq, VFPOOL_IRQ_A_CPUS_ISOLATED))
		fprintf(stderr, "note: CPUs %s are isolated by the kernel or banned by pool %s; "
			"the cpus policy names them, so vectors may go there\n",
			irq->cpus_isolated, irq->pool_name);
	if (vfpool_has(irq, VFPOOL_IRQ_A_CPUS_OFFLINE))
		fprintf(stderr, "note: CPUs %s are offline; vectors go to the list's "
			"online CPUs until they come back\n", irq->cpus_offline);
	/* A member without vectors still shows, with its policy. */
	for (i = 0; i < irq->n_vectors ||
		    (i == 0 && vfpool_has(irq, VFPOOL_IRQ_A_MEMBER)); i++) {
		static const struct vfpool_vector none = { .effective_cpu = -1 };
		const struct vfpool_vector *v = i < irq->n_vectors ?
						&irq->vectors[i] : &none;
		const char *status = vfpool_vector_status_name(v->status);
		bool real = v != &none;
		struct json_object *o;

		if (out->only_irq >= 0 && (!real || v->irq != out->only_irq))
			continue;
		out->nvectors++;
		if (!json_output && !real) {
			table_cell(out->vectors, "%s", irq->pool_name);
			table_cell(out->vectors, "%s", where);
			table_cell(out->vectors, "%s", policy);
			table_cell(out->vectors, "-");
			table_cell(out->vectors, "-");
			table_cell(out->vectors, "-");
			table_cell(out->vectors, "-");
			table_cell(out->vectors, "no vectors");
			continue;
		}
		if (!json_output) {
			table_cell(out->vectors, "%s", irq->pool_name);
			table_cell(out->vectors, "%s", where);
			table_cell(out->vectors, "%s", policy);
			table_cell(out->vectors, "%u", v->index);
			table_cell(out->vectors, "%u", v->irq);
			table_cell(out->vectors, "%s", *v->cpus ? v->cpus : "-");
			if (v->effective_cpu >= 0)
				table_cell(out->vectors, "%d%s", v->effective_cpu,
					   v->pending ? " (pending)" : "");
			else
				table_cell(out->vectors, "-");
			if (v->status == VFPOOL_VECTOR_STATUS_FAILED)
				table_cell(out->vectors, "failed: %s",
					   vfpool_strerror(v->error));
			else
				table_cell(out->vectors, "%s", status ?: "unknown");
			continue;
		}
		o = json_object_new_object();
		json_object_object_add(o, "pool", jstring(irq->pool_name));
		json_object_object_add(o, "member", where[0] == '-' ? NULL :
				       json_object_new_string(where));
		json_object_object_add(o, "pci", vfpool_has(&irq->member, VFPOOL_MEMBER_A_PCI) ?
				       json_object_new_string(irq->member.pci) : NULL);
		json_object_object_add(o, "policy", jstring(policy_word(irq->policy)));
		json_object_object_add(o, "policy_cpus",
				       irq->policy == VFPOOL_IRQ_POLICY_CPUS ?
				       json_object_new_string(irq->cpus) : NULL);
		json_object_object_add(o, "index", real ?
				       json_object_new_int64(v->index) : NULL);
		json_object_object_add(o, "irq", real ?
				       json_object_new_int64(v->irq) : NULL);
		json_object_object_add(o, "cpus", real ? jstring(v->cpus) : NULL);
		json_object_object_add(o, "effective_cpu", v->effective_cpu >= 0 ?
				       json_object_new_int(v->effective_cpu) : NULL);
		json_object_object_add(o, "pending", json_object_new_boolean(v->pending));
		json_object_object_add(o, "status", real ?
				       jstring(status ?: "unknown") : NULL);
		json_object_object_add(o, "error",
				       v->status == VFPOOL_VECTOR_STATUS_FAILED ?
				       json_object_new_string(vfpool_strerror(v->error)) :
				       NULL);
		json_object_array_add(out->jvectors, o);
	}
	for (i = 0; i < irq->n_cpu_load; i++) {
		const struct vfpool_cpu_load *l = &irq->cpu_load[i];
		struct json_object *o;

		if (!json_output) {
			table_cell(out->load, "%s", irq->pool_name);
			table_cell(out->load, "%s", policy);
			table_cell(out->load, "%s", vfpool_has(irq, VFPOOL_IRQ_A_BANNED_CPUS) ?
				   irq->banned_cpus : "-");
			table_cell(out->load, "%u", l->cpu);
			table_cell(out->load, "%u", l->vectors);
			continue;
		}
		o = json_object_new_object();
		json_object_object_add(o, "pool", jstring(irq->pool_name));
		json_object_object_add(o, "policy", jstring(policy_word(irq->policy)));
		json_object_object_add(o, "policy_cpus",
				       irq->policy == VFPOOL_IRQ_POLICY_CPUS ?
				       json_object_new_string(irq->cpus) : NULL);
		json_object_object_add(o, "banned_cpus",
				       vfpool_has(irq, VFPOOL_IRQ_A_BANNED_CPUS) ?
				       json_object_new_string(irq->banned_cpus) : NULL);
		json_object_object_add(o, "cpu", json_object_new_int64(l->cpu));
		json_object_object_add(o, "vectors", json_object_new_int64(l->vectors));
		json_object_array_add(out->jload, o);
	}
	return 0;
}

static void out_init(struct irq_out *out)
{
	memset(out, 0, sizeof(*out));
	out->only_irq = -1;
	out->vectors = table_new(8, "POOL", "MEMBER", "POLICY", "VECTOR", "IRQ",
				 "CPUS", "EFFECTIVE", "STATUS");
	out->load = table_new(5, "POOL", "POLICY", "BANNED", "CPU", "VECTORS");
	out->jvectors = json_object_new_array();
	out->jload = json_object_new_array();
}

/* Print what was collected (nothing on error), and free it. */
static void out_print(struct irq_out *out, bool print)
{
	struct json_object *o;

	if (print && json_output) {
		o = json_object_new_object();
		if (out->has_placed)
			json_object_object_add(o, "placed",
					       json_object_new_int64(out->placed));
		json_object_object_add(o, "vectors", out->jvectors);
		json_object_object_add(o, "load", out->jload);
		json_print(o);
		out->jvectors = out->jload = NULL;
	}
	print = print && !json_output;
	if (print && out->has_placed)
		printf("placed %u vector%s\n", out->placed, out->placed == 1 ? "" : "s");
	table_print(out->vectors, print ? stdout : NULL);
	if (print && out->nvectors)
		putchar('\n');
	table_print(out->load, print ? stdout : NULL);
	json_object_put(out->jvectors);
	json_object_put(out->jload);
}

/* {dev DEV | pci BDF | pool NAME}: the member or pool into req. */
enum { DEV, PCI, POOL, POLICY, BANNED };
static const char *const names[] = { "dev", "pci", "pool", "policy", "banned-cpus" };

static int parse_target(int k, const char *arg, struct vfpool_irq *req)
{
	unsigned int ifindex;

	switch (k) {
	case DEV:
		if (arg_ifname("device name", arg))
			return EXIT_ERROR;
		ifindex = if_nametoindex(arg);
		if (ifindex)
			vfpool_set(req, VFPOOL_IRQ_A_MEMBER_IFINDEX,
				   member_ifindex, ifindex);
		else
			vfpool_set_str(req, VFPOOL_IRQ_A_MEMBER_IFNAME,
				       member_ifname, arg);
		return 0;
	case PCI:
		if (arg_pci(arg, req->member_pci))
			return EXIT_ERROR;
		req->present |= VFPOOL_BIT(VFPOOL_IRQ_A_MEMBER_PCI);
		return 0;
	default:
		if (arg_str("pool name", arg, VFPOOL_POOL_NAME_MAX))
			return EXIT_ERROR;
		vfpool_set_str(req, VFPOOL_IRQ_A_POOL_NAME, pool_name, arg);
		return 0;
	}
}

/*
 * A CPU list argument into @cpus; "none" is the empty list. The kernel
 * checks which CPUs exist.
 */
int irq_cpus_arg(const char *what, const char *arg, char *cpus, size_t size)
{
	if (!strcmp(arg, "none"))
		arg = "";
	if (strlen(arg) >= size)
		return usage_error("%s \"%.20s...\" is longer than %zu bytes",
				   what, arg, size - 1);
	strcpy(cpus, arg);
	return 0;
}

/*
 * POLICY [LIST] at argv: spread, numa-local, none, or cpus LIST. Returns
 * the words used (1 or 2), or -1 after a usage error.
 */
int irq_policy_arg(int argc, char **argv, uint32_t *policy, char *cpus,
		   size_t size)
{
	static const char *const policies[] = {
		"none", "spread", "numa-local", "cpus"
	};
	int p = KEYWORD(argv[0], policies);

	if (p < 0)
		return -1;
	*policy = vfpool_irq_policy_parse(policies[p]);
	if (*policy != VFPOOL_IRQ_POLICY_CPUS)
		return 1;
	if (argc < 2) {
		usage_error("\"cpus\" needs a CPU list, like 0-3,8");
		return -1;
	}
	/* The kernel checks the list: which CPUs exist and are online. */
	if (strlen(argv[1]) >= size) {
		usage_error("CPU list \"%.20s...\" is longer than %zu bytes",
			    argv[1], size - 1);
		return -1;
	}
	strcpy(cpus, argv[1]);
	return 2;
}

static int irq_set(int argc, char **argv)
{
	struct vfpool_irq req = { 0 };
	struct irq_out out;
	uint32_t seen = 0;
	struct vfpool *vp;
	int k, used, err;

	for (; argc > 0; argc--, argv++) {
		k = KEYWORD(*argv, names);
		if (k < 0 || once(&seen, k, names[k]))
			return EXIT_ERROR;
		if ((seen & (1U << DEV | 1U << PCI | 1U << POOL)) &
		    ((seen & (1U << DEV | 1U << PCI | 1U << POOL)) - 1))
			return usage_error("dev, pci and pool exclude each other");
		NEXT_ARG();
		if (k == BANNED) {
			if (irq_cpus_arg("banned-cpus", *argv, req.banned_cpus,
					 sizeof(req.banned_cpus)))
				return EXIT_ERROR;
			req.present |= VFPOOL_BIT(VFPOOL_IRQ_A_BANNED_CPUS);
			continue;
		}
		if (k != POLICY) {
			if (parse_target(k, *argv, &req))
				return EXIT_ERROR;
			continue;
		}
		used = irq_policy_arg(argc, argv, &req.policy, req.cpus,
				      sizeof(req.cpus));
		if (used < 0)
			return EXIT_ERROR;
		req.present |= VFPOOL_BIT(VFPOOL_IRQ_A_POLICY);
		if (used == 2) {
			req.present |= VFPOOL_BIT(VFPOOL_IRQ_A_CPUS);
			argc--, argv++;
		}
	}
	if (!(seen & (1U << DEV | 1U << PCI | 1U << POOL)))
		return usage_error("dev, pci or pool is needed");
	if ((seen & 1U << POOL) && !(seen & (1U << POLICY | 1U << BANNED)))
		return usage_error("a pool needs a policy or banned-cpus");
	if ((seen & 1U << BANNED) && !(seen & 1U << POOL))
		return usage_error("banned-cpus is a pool's: give pool NAME");
	err = open_vfpool(&vp);
	if (err)
		return err;
	out_init(&out);
	err = vfpool_irq_set(vp, &req, collect, &out);
	out_print(&out, !err);
	return finish(vp, err);
}

static int add_pool_load(const struct vfpool_pool *pool, void *arg)
{
	struct vfpool_irq req = { 0 };
	void **ctx = arg;

	vfpool_set_str(&req, VFPOOL_IRQ_A_POOL_NAME, pool_name, pool->name);
	return vfpool_irq_get(ctx[0], &req, collect, ctx[1]);
}

static int irq_show(int argc, char **argv)
{
	static const char *const show_names[] = { "dev", "pci", "pool", "irq" };
	struct vfpool_irq req = { 0 };
	const char *pool = NULL;
	struct irq_out out;
	uint32_t seen = 0;
	long only_irq = -1;
	struct vfpool *vp;
	void *ctx[2];
	int k, err;

	for (; argc > 0; argc--, argv++) {
		k = KEYWORD(*argv, show_names);
		if (k < 0 || once(&seen, k, show_names[k]))
			return EXIT_ERROR;
		if ((seen & 7) & ((seen & 7) - 1))
			return usage_error("dev, pci and pool exclude each other");
		NEXT_ARG();
		if (k == 3) {
			uint32_t n;

			if (arg_u32("irq", *argv, 0, UINT32_MAX, &n))
				return EXIT_ERROR;
			only_irq = n;
			continue;
		}
		if (parse_target(k, *argv, &req))
			return EXIT_ERROR;
		if (k == POOL)
			pool = *argv;
	}
	err = open_vfpool(&vp);
	if (err)
		return err;
	out_init(&out);
	out.only_irq = only_irq;
	ctx[0] = vp;
	ctx[1] = &out;
	if (seen & (1U << DEV | 1U << PCI)) {
		err = vfpool_irq_get(vp, &req, collect, &out);
	} else {
		err = vfpool_irq_dump(vp, pool, collect, &out);
		/* The pools' load, unless one vector was asked for. */
		if (!err && pool && only_irq < 0)
			err = vfpool_irq_get(vp, &req, collect, &out);
		else if (!err && only_irq < 0)
			err = vfpool_pool_dump(vp, add_pool_load, ctx);
	}
	out_print(&out, !err);
	return finish(vp, err);
}

static const struct command commands[] = {
	{ "set", irq_set, "set {dev DEV | pci BDF} [policy POLICY]\n"
			  "set pool NAME [policy POLICY] [banned-cpus LIST|none]\n"
			  "    POLICY := spread | numa-local | cpus LIST | none" },
	{ "show", irq_show, "show [pool NAME | dev DEV | pci BDF] [irq N]" },
	{ "help", NULL, NULL },
};

int irq_main(int argc, char **argv)
{
	return run_command("irq", commands, ARRAY_SIZE(commands), "show",
			   argc, argv);
}
