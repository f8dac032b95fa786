// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of vfpool's pure decision logic. policy.c is compiled into
 * this module as it is, so these tests exercise the module's own code.
 */
#include <kunit/test.h>
#include <linux/numa.h>

#include "policy.c"

struct cand {
	unsigned long pf;
	int node;
	struct list_head node_list;	/* on the candidates' list */
};

static unsigned long cand_pf_key(const struct list_head *node)
{
	return list_entry(node, struct cand, node_list)->pf;
}

static int cand_numa_node(const struct list_head *node)
{
	return list_entry(node, struct cand, node_list)->node;
}

static const struct vfpool_pick_ops cand_ops = {
	.pf_key = cand_pf_key,
	.numa_node = cand_numa_node,
};

/*
 * vfpool_pick_from(), the loop lease.c runs over a pool's free list,
 * over @c[0..n) in order; @out gets the indexes of the candidates taken.
 */
static u32 run_pick(struct kunit *test, struct vfpool_pick *p,
		    const struct cand *c, u32 n, u32 *out)
{
	struct list_head **picked;
	struct cand *cands;
	LIST_HEAD(list);
	u32 got, i;

	picked = kunit_kcalloc(test, VFPOOL_LEASE_COUNT_MAX, sizeof(*picked), GFP_KERNEL);
	cands = kunit_kcalloc(test, n, sizeof(*cands), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, picked);
	KUNIT_ASSERT_NOT_NULL(test, cands);
	for (i = 0; i < n; i++) {
		cands[i] = c[i];
		list_add_tail(&cands[i].node_list, &list);
	}
	got = vfpool_pick_from(p, &list, &cand_ops, picked);
	for (i = 0; i < got; i++)
		out[i] = list_entry(picked[i], struct cand, node_list) - cands;
	return got;
}

static void pick_first_free(struct kunit *test)
{
	const struct cand c[] = { { 1, 0 }, { 1, 0 } };
	struct vfpool_pick p;
	u32 out[2];

	vfpool_pick_init(&p, 1, NUMA_NO_NODE, VFPOOL_PICK_PF_ANY);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 2, out), 1U);
	KUNIT_EXPECT_EQ(test, out[0], 0U);
	KUNIT_EXPECT_TRUE(test, vfpool_pick_done(&p));
	KUNIT_EXPECT_FALSE(test, vfpool_pick_fits(&p, 1, 0, false, 0));
}

static void pick_numa_preferred_then_any(struct kunit *test)
{
	const struct cand c[] = { { 1, 0 }, { 1, 1 }, { 1, 0 } };
	struct vfpool_pick p;
	u32 out[3];

	vfpool_pick_init(&p, 1, 1, VFPOOL_PICK_PF_ANY);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 3, out), 1U);
	KUNIT_EXPECT_EQ(test, out[0], 1U);

	/* Two wanted, one on the node: the second comes from anywhere. */
	vfpool_pick_init(&p, 2, 1, VFPOOL_PICK_PF_ANY);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 3, out), 2U);
	KUNIT_EXPECT_EQ(test, out[0], 1U);
	KUNIT_EXPECT_EQ(test, out[1], 0U);

	KUNIT_EXPECT_FALSE(test, vfpool_pick_fits(&p, 1, 0, true, 0));
}

static void pick_distinct_pf(struct kunit *test)
{
	const struct cand c[] = { { 10, 0 }, { 10, 0 }, { 20, 0 }, { 30, 0 } };
	struct vfpool_pick p;
	u32 out[4];

	vfpool_pick_init(&p, 3, NUMA_NO_NODE, VFPOOL_PICK_PF_DISTINCT);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 4, out), 3U);
	KUNIT_EXPECT_EQ(test, out[0], 0U);
	KUNIT_EXPECT_EQ(test, out[1], 2U);
	KUNIT_EXPECT_EQ(test, out[2], 3U);
}

static void pick_spread_pf(struct kunit *test)
{
	/* Three PFs, three members on the first: least used PF first. */
	static const struct cand c[] = { { 10, 0 }, { 10, 0 }, { 10, 0 },
					 { 20, 0 }, { 20, 0 }, { 30, 0 } };
	struct vfpool_pick p;
	u32 out[6];

	vfpool_pick_init(&p, 4, NUMA_NO_NODE, VFPOOL_PICK_PF_SPREAD);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 6, out), 4U);
	KUNIT_EXPECT_EQ(test, out[0], 0U);
	KUNIT_EXPECT_EQ(test, out[1], 3U);
	KUNIT_EXPECT_EQ(test, out[2], 5U);
	KUNIT_EXPECT_EQ(test, out[3], 1U);

	/* Six from three PFs: two each, whatever the order in the list. */
	vfpool_pick_init(&p, 6, NUMA_NO_NODE, VFPOOL_PICK_PF_SPREAD);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 6, out), 6U);
	KUNIT_EXPECT_TRUE(test, vfpool_pick_done(&p));

	/* One PF only: spread shares it, distinct cannot. */
	vfpool_pick_init(&p, 3, NUMA_NO_NODE, VFPOOL_PICK_PF_SPREAD);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 3, out), 3U);
	vfpool_pick_init(&p, 3, NUMA_NO_NODE, VFPOOL_PICK_PF_DISTINCT);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 3, out), 1U);
}

static void pick_spread_pf_numa(struct kunit *test)
{
	/* Two PFs, two nodes: node 1 preferred, but PFs even first. */
	static const struct cand d[] = { { 10, 0 }, { 10, 1 }, { 20, 0 }, { 10, 1 } };
	struct vfpool_pick p;
	u32 out[4];

	vfpool_pick_init(&p, 3, 1, VFPOOL_PICK_PF_SPREAD);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, d, 4, out), 3U);
	KUNIT_EXPECT_EQ(test, out[0], 1U);	/* PF 10 on node 1 */
	KUNIT_EXPECT_EQ(test, out[1], 2U);	/* PF 20: off node, unused PF */
	KUNIT_EXPECT_EQ(test, out[2], 3U);	/* then PF 10 again, node 1 */
}

static void pick_all_or_nothing(struct kunit *test)
{
	const struct cand c[] = { { 10, 0 }, { 10, 0 }, { 20, 0 } };
	struct vfpool_pick p;
	u32 out[3];

	/* Not enough members: the pick is not done, the caller takes none. */
	vfpool_pick_init(&p, 4, NUMA_NO_NODE, VFPOOL_PICK_PF_ANY);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 3, out), 3U);
	KUNIT_EXPECT_FALSE(test, vfpool_pick_done(&p));

	/* Enough members but only two PFs for three distinct. */
	vfpool_pick_init(&p, 3, NUMA_NO_NODE, VFPOOL_PICK_PF_DISTINCT);
	KUNIT_EXPECT_EQ(test, run_pick(test, &p, c, 3, out), 2U);
	KUNIT_EXPECT_FALSE(test, vfpool_pick_done(&p));

	vfpool_pick_init(&p, VFPOOL_LEASE_COUNT_MAX + 5, NUMA_NO_NODE, VFPOOL_PICK_PF_ANY);
	KUNIT_EXPECT_EQ(test, p.want, (u32)VFPOOL_LEASE_COUNT_MAX);
}

static void ifname_expand(struct kunit *test)
{
	char out[IFNAMSIZ];

	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("net1", 1, 0, out), 0);
	KUNIT_EXPECT_STREQ(test, out, "net1");
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("net%d", 1, 0, out), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("net%d", 3, 2, out), 0);
	KUNIT_EXPECT_STREQ(test, out, "net2");
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("v%dx", 12, 11, out), 0);
	KUNIT_EXPECT_STREQ(test, out, "v11x");
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("net", 2, 0, out), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("a%db%d", 2, 0, out), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("a%s", 2, 0, out), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("abcdefghijklmn%d", 20, 10, out),
			-ENAMETOOLONG);
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("abcdefghijklmn%d", 20, 9, out), 0);
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("a/b", 1, 0, out), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_ifname_expand("", 1, 0, out), -EINVAL);
}

static void names(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, vfpool_name_valid("pool0", 15));
	KUNIT_EXPECT_TRUE(test, vfpool_name_valid("abcdefghijklmno", 15));
	KUNIT_EXPECT_FALSE(test, vfpool_name_valid("abcdefghijklmnop", 15));
	KUNIT_EXPECT_FALSE(test, vfpool_name_valid("", 15));
	KUNIT_EXPECT_FALSE(test, vfpool_name_valid(".", 15));
	KUNIT_EXPECT_FALSE(test, vfpool_name_valid("..", 15));
	KUNIT_EXPECT_FALSE(test, vfpool_name_valid("a b", 15));
	KUNIT_EXPECT_FALSE(test, vfpool_name_valid("a:b", 15));
	KUNIT_EXPECT_FALSE(test, vfpool_name_valid("a\tb", 15));
}

static void pci_addresses(struct kunit *test)
{
	u32 d, b, df;

	KUNIT_EXPECT_EQ(test, vfpool_pci_parse("0000:00:04.1", &d, &b, &df), 0);
	KUNIT_EXPECT_EQ(test, d, 0U);
	KUNIT_EXPECT_EQ(test, b, 0U);
	KUNIT_EXPECT_EQ(test, df, (u32)PCI_DEVFN(4, 1));
	KUNIT_EXPECT_EQ(test, vfpool_pci_parse("10:1f.7", &d, &b, &df), 0);
	KUNIT_EXPECT_EQ(test, b, 0x10U);
	KUNIT_EXPECT_EQ(test, df, (u32)PCI_DEVFN(0x1f, 7));
	KUNIT_EXPECT_EQ(test, vfpool_pci_parse("0000:00:20.0", &d, &b, &df), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_pci_parse("0000:00:04.8", &d, &b, &df), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_pci_parse("0000:00:04.1x", &d, &b, &df), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_pci_parse("eth0", &d, &b, &df), -EINVAL);
	KUNIT_EXPECT_EQ(test, vfpool_pci_parse("", &d, &b, &df), -EINVAL);
}

static void owner_matching(struct kunit *test)
{
	const struct vfpool_lease_view l = {
		.id = 7, .owner = "podA", .ifname = "net1", .pool = "p0",
		.net_cookie = 42, .network = "netA",
	};
	const struct vfpool_lease_view cli = {
		.id = 9, .owner = "podA", .ifname = "net2", .pool = "p0",
		.network = "",
	};
	struct vfpool_lease_match m = {};

	/* An empty match must never match: a DEL always names something. */
	KUNIT_EXPECT_FALSE(test, vfpool_match(&l, &m));
	m.owner = "podA";
	KUNIT_EXPECT_TRUE(test, vfpool_match(&l, &m));
	m.ifname = "net2";
	KUNIT_EXPECT_FALSE(test, vfpool_match(&l, &m));
	m.ifname = "net1";
	KUNIT_EXPECT_TRUE(test, vfpool_match(&l, &m));
	m.id = 8;	/* a stale id of the same owner */
	KUNIT_EXPECT_FALSE(test, vfpool_match(&l, &m));
	m.id = 7;
	KUNIT_EXPECT_TRUE(test, vfpool_match(&l, &m));
	m.owner = "podB";	/* a late DEL of another pod */
	KUNIT_EXPECT_FALSE(test, vfpool_match(&l, &m));

	memset(&m, 0, sizeof(m));
	m.pool = "p0";
	m.net_cookie = 42;
	KUNIT_EXPECT_TRUE(test, vfpool_match(&l, &m));
	m.net_cookie = 43;
	KUNIT_EXPECT_FALSE(test, vfpool_match(&l, &m));

	/* CNI GC of a network: its own leases, never another's or the CLI's. */
	memset(&m, 0, sizeof(m));
	m.pool = "p0";
	m.network = "netA";
	KUNIT_EXPECT_TRUE(test, vfpool_match(&l, &m));
	KUNIT_EXPECT_FALSE(test, vfpool_match(&cli, &m));
	m.network = "netB";
	KUNIT_EXPECT_FALSE(test, vfpool_match(&l, &m));
	m.pool = NULL;
	m.network = "netA";
	KUNIT_EXPECT_TRUE(test, vfpool_match(&l, &m));
}

static void lease_ids_unique(struct kunit *test)
{
	u64 last = 0, prev = 0, id;
	int i;

	for (i = 0; i < 1000; i++) {
		id = vfpool_lease_id_next(&last);
		KUNIT_ASSERT_GT(test, id, prev);
		prev = id;
	}
	last = U64_MAX - 1;
	KUNIT_EXPECT_EQ(test, vfpool_lease_id_next(&last), U64_MAX);
	/* The wrap skips 0, which means "no lease" on the wire. */
	KUNIT_EXPECT_EQ(test, vfpool_lease_id_next(&last), 1ULL);
}

/*
 * The IRQ cases use CPU ids of their own, not the machine's: policy.c
 * reads a mask only up to the nr_ids it is given, so they run the same
 * on CI's 2 vCPUs as on 64. A mask is one long of ids.
 */
#define TEST_CPU_IDS	4

/* A CPU mask holding the ids set in @bits, allocated for the test. */
static struct cpumask *mask_of(struct kunit *test, unsigned long bits)
{
	unsigned long *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	*m = bits;
	return to_cpumask(m);
}

/* Place @n vectors on @allowed, as irq.c does, counting into @load. */
static void place(const struct cpumask *allowed, u32 *load, u32 n)
{
	int cpu;

	while (n--) {
		cpu = vfpool_irq_pick_cpu(load, allowed, TEST_CPU_IDS);
		if (cpu >= 0)
			load[cpu]++;
	}
}

static void irq_spread_counts_every_vector(struct kunit *test)
{
	u32 load[TEST_CPU_IDS] = {};
	struct cpumask *all = mask_of(test, 0xf);
	int i;

	/* Ten VFs of four vectors: every CPU gets ten, not CPU 0 forty. */
	for (i = 0; i < 10; i++)
		place(all, load, 4);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, load[i], 10U);

	/* Seven vectors over four CPUs: 2 2 2 1, lowest CPUs first. */
	memset(load, 0, sizeof(load));
	place(all, load, 7);
	KUNIT_EXPECT_EQ(test, load[0], 2U);
	KUNIT_EXPECT_EQ(test, load[1], 2U);
	KUNIT_EXPECT_EQ(test, load[2], 2U);
	KUNIT_EXPECT_EQ(test, load[3], 1U);

	/* What the pool placed before counts: the emptiest CPU is next. */
	load[0] = 5;
	load[1] = 0;
	load[2] = 3;
	load[3] = 1;
	KUNIT_EXPECT_EQ(test, vfpool_irq_pick_cpu(load, all, TEST_CPU_IDS), 1);
	load[1] = 1;
	KUNIT_EXPECT_EQ(test, vfpool_irq_pick_cpu(load, all, TEST_CPU_IDS), 1);
	load[1] = 2;
	KUNIT_EXPECT_EQ(test, vfpool_irq_pick_cpu(load, all, TEST_CPU_IDS), 3);
}

static void irq_spread_within_allowed(struct kunit *test)
{
	u32 load[TEST_CPU_IDS] = {};
	struct cpumask *two = mask_of(test, BIT(1) | BIT(3));

	place(two, load, 5);
	KUNIT_EXPECT_EQ(test, load[0], 0U);
	KUNIT_EXPECT_EQ(test, load[1], 3U);
	KUNIT_EXPECT_EQ(test, load[2], 0U);
	KUNIT_EXPECT_EQ(test, load[3], 2U);
	/* Nothing allowed, nothing picked. */
	KUNIT_EXPECT_EQ(test, vfpool_irq_pick_cpu(load, mask_of(test, 0),
						  TEST_CPU_IDS), -1);
	/* Nor an id at or past nr_ids: load[] ends there (nr_cpu_ids). */
	KUNIT_EXPECT_EQ(test, vfpool_irq_pick_cpu(load, mask_of(test, BIT(5)),
						  TEST_CPU_IDS), -1);
	KUNIT_EXPECT_EQ(test, vfpool_irq_pick_cpu(load, mask_of(test, BIT(2) | BIT(5)),
						  TEST_CPU_IDS), 2);
}

static void irq_cpu_lists(struct kunit *test)
{
	struct cpumask *out = mask_of(test, 0);
	/* CPUs 0-2 online, 3 offline */
	const struct cpumask *online = mask_of(test, 0x7);
	const unsigned int ids = TEST_CPU_IDS;

	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("0-2", out, online, ids), VFPOOL_CPUS_OK);
	KUNIT_EXPECT_EQ(test, *cpumask_bits(out), 0x7UL);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("0,2", out, online, ids), VFPOOL_CPUS_OK);
	KUNIT_EXPECT_EQ(test, *cpumask_bits(out), 0x5UL);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("1", out, online, ids), VFPOOL_CPUS_OK);
	KUNIT_EXPECT_EQ(test, *cpumask_bits(out), 0x2UL);

	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("3", out, online, ids), VFPOOL_CPUS_OFFLINE);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("0-3", out, online, ids), VFPOOL_CPUS_OFFLINE);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("4", out, online, ids),
			VFPOOL_CPUS_NO_SUCH_CPU);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("2", out, online, 2), VFPOOL_CPUS_NO_SUCH_CPU);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("99999999", out, online, ids),
			VFPOOL_CPUS_NO_SUCH_CPU);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("", out, online, ids), VFPOOL_CPUS_EMPTY);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("a", out, online, ids), VFPOOL_CPUS_SYNTAX);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("1-", out, online, ids), VFPOOL_CPUS_SYNTAX);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("2-1", out, online, ids), VFPOOL_CPUS_SYNTAX);
	KUNIT_EXPECT_EQ(test, vfpool_irq_cpus_parse("-1", out, online, ids), VFPOOL_CPUS_SYNTAX);
}

static struct kunit_case vfpool_policy_cases[] = {
	KUNIT_CASE(pick_first_free),
	KUNIT_CASE(pick_numa_preferred_then_any),
	KUNIT_CASE(pick_distinct_pf),
	KUNIT_CASE(pick_spread_pf),
	KUNIT_CASE(pick_spread_pf_numa),
	KUNIT_CASE(pick_all_or_nothing),
	KUNIT_CASE(ifname_expand),
	KUNIT_CASE(names),
	KUNIT_CASE(pci_addresses),
	KUNIT_CASE(owner_matching),
	KUNIT_CASE(lease_ids_unique),
	KUNIT_CASE(irq_spread_counts_every_vector),
	KUNIT_CASE(irq_spread_within_allowed),
	KUNIT_CASE(irq_cpu_lists),
	{}
};

static struct kunit_suite vfpool_policy_suite = {
	.name = "vfpool-policy",
	.test_cases = vfpool_policy_cases,
};

kunit_test_suite(vfpool_policy_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of vfpool's decision logic");
