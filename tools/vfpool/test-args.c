// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Unit tests of the CLI's argument parsing, the library's MAC and PCI
 * parsers, and the CLI's JSON and text of a lease's bond. No kernel
 * needed. TAP output, the plan first (results are kept until the count
 * is known); exit status 1 when any test failed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* main.c's, for print.c */
bool json_output;
bool pretty_output;

static int tests, failures;
static FILE *results;

static void ok(bool pass, const char *fmt, ...)
{
	va_list ap;

	fprintf(results, "%sok %d - ", pass ? "" : "not ", ++tests);
	va_start(ap, fmt);
	vfprintf(results, fmt, ap);
	va_end(ap);
	fputc('\n', results);
	if (!pass)
		failures++;
}

static void mac_ok(const char *in, const char *want)
{
	uint8_t mac[6];
	char out[18] = "";
	int err = vfpool_mac_parse(in, mac);

	if (!err)
		vfpool_mac_format(mac, out);
	ok(!err && !strcmp(out, want), "mac \"%s\" is %s (got %s)", in, want,
	   out);
}

static void mac_bad(const char *in)
{
	uint8_t mac[6] = { 1, 2, 3, 4, 5, 6 };

	ok(vfpool_mac_parse(in, mac) == -EINVAL && mac[0] == 1,
	   "mac \"%s\" is rejected, output untouched", in);
}

static void test_mac(void)
{
	mac_ok("02:00:00:00:00:11", "02:00:00:00:00:11");
	mac_ok("AA:BB:CC:DD:EE:FF", "aa:bb:cc:dd:ee:ff");
	mac_ok("0a:Bc:dE:F0:12:34", "0a:bc:de:f0:12:34");
	mac_ok("00:00:00:00:00:00", "00:00:00:00:00:00");
	mac_bad("");
	mac_bad("02:00:00:00:00");
	mac_bad("02:00:00:00:00:");
	mac_bad("02:00:00:00:00:11:22");
	mac_bad("02:00:00:00:00:11:");
	mac_bad("02:00:00:00:00:1");
	mac_bad("2:0:0:0:0:11");
	mac_bad("02-00-00-00-00-11");
	mac_bad("0200.0000.0011");
	mac_bad("020000000011");
	mac_bad("02:00:00:00:00:1g");
	mac_bad("02:00:00:00:00:11 ");
	mac_bad(" 02:00:00:00:00:11");
	mac_bad("02:00:00:00:00:+1");
}

static void pci_ok(const char *in, const char *want)
{
	char out[VFPOOL_PCI_ADDR_MAX + 1] = "";
	int err = vfpool_pci_parse(in, out);

	ok(!err && !strcmp(out, want), "pci \"%s\" is %s (got %s)", in, want,
	   out);
}

static void pci_bad(const char *in)
{
	char out[VFPOOL_PCI_ADDR_MAX + 1];

	ok(vfpool_pci_parse(in, out) == -EINVAL, "pci \"%s\" is rejected", in);
}

static void test_pci(void)
{
	pci_ok("0000:00:04.1", "0000:00:04.1");
	pci_ok("00:04.1", "0000:00:04.1");
	pci_ok("0000:3B:1F.7", "0000:3b:1f.7");
	pci_ok("10000:e1:00.0", "10000:e1:00.0");
	pci_ok("1:02:03.4", "0001:02:03.4");
	pci_bad("");
	pci_bad("0000:00:04");
	pci_bad("0000:00:20.0");
	pci_bad("0000:00:04.8");
	pci_bad("0000:0:04.1");
	pci_bad("0000:00:4.1");
	pci_bad("0000:000:04.1");
	pci_bad("123456789:00:04.1");
	pci_bad("0000:00:04.1 ");
	pci_bad("0000:00:04.10");
	pci_bad("x:00:04.1");
	pci_bad(":00:04.1");
	pci_bad("0000:00:04:1");
}

static void test_match(void)
{
	static const char *const objects[] = {
		"pool", "member", "lease", "bond", "irq", "monitor", "help"
	};
	static const char *const bond_keywords[] = {
		"owner", "link", "lease", "ifindex"
	};
	static const char *const keywords[] = {
		"pool", "pci", "dev", "owner", "ifname", "netns", "mac", "vlan",
		"qos", "proto", "spoofchk", "trust", "link-state",
		"min-tx-rate", "max-tx-rate", "mtu", "numa", "count",
		"distinct-pf", "wait",
	};
	static const char *const overlap[] = { "del", "delete", "de" };
	static const struct {
		const char *name;
		int value;
	} table[] = { { "add", 1 }, { "del", 2 }, { "show", 3 } };
	static const char *const with_empty[] = { "", "help" };

	ok(match_names("lease", objects) == 2, "exact object name");
	ok(match_names("l", objects) == 2, "\"l\" is lease");
	ok(match_names("p", objects) == 0, "\"p\" is pool");
	ok(match_names("m", objects) == MATCH_AMBIGUOUS,
	   "\"m\" is ambiguous: member, monitor");
	ok(match_names("mo", objects) == 5, "\"mo\" is monitor");
	ok(match_names("me", objects) == 1, "\"me\" is member");
	ok(match_names("x", objects) == MATCH_UNKNOWN, "\"x\" is unknown");
	ok(match_names("leases", objects) == MATCH_UNKNOWN,
	   "a word longer than the name does not match");
	ok(match_names("", objects) == MATCH_UNKNOWN,
	   "the empty word matches nothing");
	ok(match_names("", with_empty) == 0,
	   "the empty word matches an empty name exactly");
	ok(match_names("h", with_empty) == 1, "\"h\" is help next to \"\"");
	ok(match_names("Pool", objects) == MATCH_UNKNOWN,
	   "matching is case-sensitive");
	ok(match_names("de", overlap) == 2, "an exact match beats prefixes");
	ok(match_names("del", overlap) == 0, "an exact match beats a longer name");
	ok(match_names("dele", overlap) == 1, "\"dele\" is delete");
	ok(match_table("s", table, ARRAY_SIZE(table), sizeof(table[0])) == 2,
	   "tables of structs: \"s\" is show");
	ok(match_table("a", table, ARRAY_SIZE(table), sizeof(table[0])) == 0,
	   "tables of structs: \"a\" is add");
	ok(match_names("p", keywords) == MATCH_AMBIGUOUS,
	   "\"p\" is ambiguous among lease add keywords");
	ok(match_names("m", keywords) == MATCH_AMBIGUOUS,
	   "\"m\" is ambiguous: mac, min-tx-rate, max-tx-rate, mtu");
	ok(match_names("mi", keywords) == 13, "\"mi\" is min-tx-rate");
	ok(match_names("ma", keywords) == MATCH_AMBIGUOUS,
	   "\"ma\" is ambiguous: mac, max-tx-rate");
	ok(match_names("max", keywords) == 14, "\"max\" is max-tx-rate");
	ok(match_names("d", keywords) == MATCH_AMBIGUOUS,
	   "\"d\" is ambiguous: dev, distinct-pf");
	ok(match_names("l", keywords) == 12, "\"l\" is link-state");
	ok(match_names("o", keywords) == 3, "\"o\" is owner");
	ok(match_names("b", objects) == 3, "\"b\" is bond");
	ok(match_names("l", bond_keywords) == MATCH_AMBIGUOUS,
	   "\"l\" is ambiguous among bond keywords: link, lease");
	ok(match_names("li", bond_keywords) == 1, "\"li\" is link");
	ok(match_names("le", bond_keywords) == 2, "\"le\" is lease");
	ok(match_names("i", bond_keywords) == 3, "\"i\" is ifindex");
	ok(match_names("bond0", bond_keywords) == MATCH_UNKNOWN,
	   "a bond name is no bond keyword");
}

static void u32_ok(const char *in, uint32_t min, uint32_t max, uint32_t want)
{
	uint32_t v = ~want;
	int err = parse_u32(in, min, max, &v);

	ok(!err && v == want, "u32 \"%s\" in %u..%u is %u", in, min, max,
	   want);
}

static void u32_bad(const char *in, uint32_t min, uint32_t max, int want)
{
	uint32_t v = 12345;
	int err = parse_u32(in, min, max, &v);

	ok(err == want && v == 12345, "u32 \"%s\" in %u..%u is %s", in, min,
	   max, want == -ERANGE ? "out of range" : "invalid");
}

static void test_numbers(void)
{
	uint64_t v64;
	bool on;

	u32_ok("0", 0, 4095, 0);
	u32_ok("4095", 0, 4095, 4095);
	u32_ok("007", 0, 7, 7);
	u32_ok("4294967295", 0, UINT32_MAX, UINT32_MAX);
	u32_ok("64", 1, 64, 64);
	u32_bad("4096", 0, 4095, -ERANGE);
	u32_bad("0", 1, 64, -ERANGE);
	u32_bad("65", 1, 64, -ERANGE);
	u32_bad("4294967296", 0, UINT32_MAX, -ERANGE);
	u32_bad("99999999999999999999999", 0, UINT32_MAX, -ERANGE);
	u32_bad("", 0, 10, -EINVAL);
	u32_bad("-1", 0, 10, -EINVAL);
	u32_bad("+1", 0, 10, -EINVAL);
	u32_bad(" 1", 0, 10, -EINVAL);
	u32_bad("1 ", 0, 10, -EINVAL);
	u32_bad("1x", 0, 10, -EINVAL);
	u32_bad("0x10", 0, 100, -EINVAL);
	u32_bad("1.5", 0, 10, -EINVAL);

	ok(!parse_u64("18446744073709551615", 0, UINT64_MAX, &v64) &&
	   v64 == UINT64_MAX, "u64 maximum");
	ok(parse_u64("18446744073709551616", 0, UINT64_MAX, &v64) == -ERANGE,
	   "u64 overflow is out of range");

	ok(!parse_on_off("on", &on) && on, "\"on\" is true");
	ok(!parse_on_off("off", &on) && !on, "\"off\" is false");
	ok(!parse_on_off("of", &on) && !on, "\"of\" is off");
	ok(parse_on_off("o", &on) == -EINVAL, "\"o\" is ambiguous");
	ok(parse_on_off("yes", &on) == -EINVAL, "\"yes\" is not on/off");
}

static void test_ifname(void)
{
	ok(valid_ifname("eth0"), "eth0 is a valid ifname");
	ok(valid_ifname("net%d"), "net%%d is a valid ifname");
	ok(valid_ifname("abcdefghijklmno"), "15 bytes is a valid ifname");
	ok(!valid_ifname("abcdefghijklmnop"), "16 bytes is too long");
	ok(!valid_ifname(""), "empty ifname is invalid");
	ok(!valid_ifname("."), "\".\" is invalid");
	ok(!valid_ifname(".."), "\"..\" is invalid");
	ok(!valid_ifname("a/b"), "\"/\" is invalid");
	ok(!valid_ifname("a:b"), "\":\" is invalid");
	ok(!valid_ifname("a b"), "a blank is invalid");
}

static void test_set_str(void)
{
	struct vfpool_pool pool = { 0 };

	ok(vfpool_set_str(&pool, VFPOOL_POOL_A_NAME, name, "p0") == 0 &&
	   !strcmp(pool.name, "p0") && vfpool_has(&pool, VFPOOL_POOL_A_NAME),
	   "vfpool_set_str copies and sets the bit");
	ok(vfpool_set_str(&pool, VFPOOL_POOL_A_PF_IFNAME, pf_ifname,
			  "0123456789abcdef") == -ENAMETOOLONG &&
	   !vfpool_has(&pool, VFPOOL_POOL_A_PF_IFNAME),
	   "vfpool_set_str refuses 16 bytes in a 15-byte field");
	ok(vfpool_set_str(&pool, VFPOOL_POOL_A_PF_PCI, pf_pci, "") == -EINVAL,
	   "vfpool_set_str refuses an empty string");
}

/* The keys of o in order, blank-separated. */
static void json_keys(struct json_object *o, char *buf, size_t size)
{
	size_t len = 0;

	*buf = 0;
	json_object_object_foreach(o, key, value) {
		(void)value;
		len += snprintf(buf + len, size - len, "%s%s", len ? " " : "",
				key);
		if (len >= size)
			return;
	}
}

static void test_bond_output(void)
{
	struct vfpool_lease l = { 0 };
	struct json_object *o, *v;
	char buf[32], keys[256];
	const char *s;

	vfpool_set(&l, VFPOOL_LEASE_A_ID, id, 7);
	vfpool_set_str(&l, VFPOOL_LEASE_A_OWNER_ID, owner_id, "pod5");
	o = json_lease(&l);
	json_keys(o, keys, sizeof(keys));
	ok(!strcmp(keys, "id pool owner_id ifname ifindex netns_cookie network member "
			 "vf_config saved_config bond bond_ifindex "
			 "bond_external"),
	   "lease JSON keys, the bond's last (%s)", keys);
	ok(json_object_object_get_ex(o, "bond", &v) && !v &&
	   json_object_object_get_ex(o, "bond_ifindex", &v) && !v &&
	   json_object_object_get_ex(o, "bond_external", &v) && !v,
	   "a lease in no bond: bond, bond_ifindex, bond_external null");
	json_object_put(o);
	ok(!lease_bond(&l, buf, sizeof(buf)), "a lease in no bond has no "
	   "bond text");

	vfpool_set_str(&l, VFPOOL_LEASE_A_BOND_IFNAME, bond_ifname, "bond0");
	vfpool_set(&l, VFPOOL_LEASE_A_BOND_IFINDEX, bond_ifindex, 9);
	o = json_lease(&l);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	ok(strstr(s, "\"bond\":\"bond0\",\"bond_ifindex\":9,"
		     "\"bond_external\":false") != NULL,
	   "a lease enslaved by vfpool: bond, bond_ifindex, "
	   "bond_external false (%s)", s);
	json_object_put(o);
	s = lease_bond(&l, buf, sizeof(buf));
	ok(s && !strcmp(s, "bond0"), "its bond text is the name");

	l.bond_external = true;
	o = json_lease(&l);
	ok(json_object_object_get_ex(o, "bond_external", &v) &&
	   json_object_get_type(v) == json_type_boolean &&
	   json_object_get_boolean(v), "an external bond: bond_external true");
	json_object_put(o);

	l.present &= ~VFPOOL_BIT(VFPOOL_LEASE_A_BOND_IFNAME);
	s = lease_bond(&l, buf, sizeof(buf));
	ok(s && !strcmp(s, "ifindex 9"),
	   "a bond without a name is its ifindex (%s)", s ?: "NULL");
	o = json_lease(&l);
	ok(json_object_object_get_ex(o, "bond", &v) && !v &&
	   json_object_object_get_ex(o, "bond_ifindex", &v) &&
	   json_object_get_int64(v) == 9 &&
	   json_object_object_get_ex(o, "bond_external", &v) && v,
	   "JSON of a bond without a name: bond null, bond_ifindex 9");
	json_object_put(o);
}

/* text_X(): byte for byte what json-c writes of json_X(). */
#define SAME_TEXT(kind, obj, what) do {					\
	struct json_object *o_ = json_##kind(obj);			\
	const char *want_ = json_object_to_json_string_ext(o_,		\
		JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE); \
	char *got_ = NULL;						\
	size_t n_ = 0;							\
	FILE *f_ = open_memstream(&got_, &n_);				\
									\
	text_##kind(f_, obj);						\
	fclose(f_);							\
	ok(!strcmp(got_, want_), "%s: text as json-c's (%s)", what,	\
	   strcmp(got_, want_) ? got_ : "same");			\
	free(got_);							\
	json_object_put(o_);						\
} while (0)

static void test_json_text(void)
{
	struct vfpool_member m = { 0 };
	struct vfpool_pool p = { 0 };
	struct vfpool_lease l = { 0 };
	char odd[128];
	int i;

	SAME_TEXT(pool, &p, "a pool with nothing: every key null");
	SAME_TEXT(member, &m, "a member with nothing");
	SAME_TEXT(lease, &l, "a lease with nothing");

	/* Every ASCII byte but NUL, the escaped ones among them. */
	for (i = 1; i < 128; i++)
		odd[i - 1] = i;
	odd[127] = 0;
	vfpool_set_str(&p, VFPOOL_POOL_A_NAME, name, "p/1 \"x\" \\y");
	vfpool_set(&p, VFPOOL_POOL_A_PF_IFINDEX, pf_ifindex, UINT32_MAX);
	vfpool_set(&p, VFPOOL_POOL_A_TOTAL, total, 0);
	vfpool_set(&p, VFPOOL_POOL_A_FREE, free, 16384);
	vfpool_set(&p, VFPOOL_POOL_A_IRQ_POLICY, irq_policy, 99);
	vfpool_set_str(&p, VFPOOL_POOL_A_IRQ_CPUS, irq_cpus, "0-3,8");
	SAME_TEXT(pool, &p, "a pool: escapes, u32 max, an unknown policy");

	vfpool_set_str(&m, VFPOOL_MEMBER_A_OWNER_ID, owner_id, odd);
	vfpool_set_str(&m, VFPOOL_MEMBER_A_IFNAME, ifname, "vf\xc3\xa9");
	vfpool_set(&m, VFPOOL_MEMBER_A_NUMA_NODE, numa_node, -1);
	vfpool_set(&m, VFPOOL_MEMBER_A_STATE, state, VFPOOL_MEMBER_LEASED);
	vfpool_set(&m, VFPOOL_MEMBER_A_LEASE_ID, lease_id, UINT64_MAX);
	SAME_TEXT(member, &m, "a member: bytes 1-127, UTF-8, numa -1, u64 max");
	vfpool_set(&m, VFPOOL_MEMBER_A_NUMA_NODE, numa_node, 1);
	SAME_TEXT(member, &m, "a member on node 1");

	vfpool_set(&l, VFPOOL_LEASE_A_ID, id, 12345678901ULL);
	vfpool_set_str(&l, VFPOOL_LEASE_A_OWNER_ID, owner_id, odd);
	vfpool_set(&l, VFPOOL_LEASE_A_NETNS_COOKIE, netns_cookie, 4097);
	l.member = m;
	l.present |= VFPOOL_BIT(VFPOOL_LEASE_A_MEMBER);
	l.present |= VFPOOL_BIT(VFPOOL_LEASE_A_VF_CONFIG);
	vfpool_set(&l.vf_config, VFPOOL_VF_A_VLAN, vlan, 100);
	vfpool_set(&l.vf_config, VFPOOL_VF_A_VLAN_PROTO, vlan_proto, 0x1234);
	vfpool_set(&l.vf_config, VFPOOL_VF_A_SPOOFCHK, spoofchk, true);
	vfpool_set(&l.vf_config, VFPOOL_VF_A_TRUST, trust, false);
	vfpool_set(&l.vf_config, VFPOOL_VF_A_LINK_STATE, link_state, 7);
	l.present |= VFPOOL_BIT(VFPOOL_LEASE_A_SAVED_CONFIG);
	vfpool_set(&l.saved_config, VFPOOL_VF_A_MAC, mac[5], 0xab);
	vfpool_set(&l.saved_config, VFPOOL_VF_A_VLAN_PROTO, vlan_proto, 0x88a8);
	vfpool_set_str(&l, VFPOOL_LEASE_A_BOND_IFNAME, bond_ifname, "bond0");
	l.bond_external = true;
	SAME_TEXT(lease, &l, "a lease: member, both VF configs, a bond");
}

int main(void)
{
	char *text = NULL;
	size_t size = 0;

	results = open_memstream(&text, &size);
	if (!results)
		return 1;
	test_mac();
	test_pci();
	test_match();
	test_numbers();
	test_ifname();
	test_set_str();
	test_bond_output();
	test_json_text();
	fclose(results);
	printf("1..%d\n%s", tests, text);
	if (failures)
		printf("# %d of %d failed\n", failures, tests);
	free(text);
	return failures ? 1 : 0;
}
