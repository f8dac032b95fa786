// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Unit tests of vfpool-cni's pure parts: CNI_* environment, network
 * config (sriov-cni's fields and rules), CNI_ARGS, results and error
 * objects in each cniVersion, and the log (in a temporary directory in
 * place of CNI_LOG_DIR). No kernel needed. TAP, plan first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/if_ether.h>
#include <json-c/json_pointer.h>

#include "cni.h"

static int tests, failures;
static FILE *results;

__attribute__((format(printf, 2, 3)))
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

static void set_env(const char *cmd, const char *id, const char *netns,
		    const char *ifname, const char *path, const char *args)
{
	static const char *const names[] = {
		"CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME",
		"CNI_PATH", "CNI_ARGS",
	};
	const char *v[] = { cmd, id, netns, ifname, path, args };
	int i;

	for (i = 0; i < 6; i++) {
		if (v[i])
			setenv(names[i], v[i], 1);
		else
			unsetenv(names[i]);
	}
}

#define ADD_ENV(args) set_env("ADD", "c0ffee", "/run/netns/p", "net1", \
			      "/usr/lib/cni", (args))

static void env_ok(const char *what)
{
	struct cni_env env;
	struct cni_error e = { 0 };

	ok(!cni_env_load(&env, &e), "env: %s is accepted (%s)", what, e.msg);
}

static void env_bad(const char *what, const char *want)
{
	struct cni_env env;
	struct cni_error e = { 0 };
	int code = cni_env_load(&env, &e);

	ok(code == CNI_ERR_INVALID_ENV && strstr(e.msg, want),
	   "env: %s is code 4 naming %s (got %d \"%s\")", what, want, code,
	   e.msg);
}

static void test_env(void)
{
	struct cni_env env;
	struct cni_error e = { 0 };

	ADD_ENV(NULL);
	env_ok("ADD with every variable");
	ok(!cni_env_load(&env, &e) && env.command == CNI_CMD_ADD &&
	   !strcmp(env.ifname, "net1"), "env: ADD is parsed");
	set_env("DEL", "c0ffee", NULL, "net1", "/usr/lib/cni", NULL);
	env_ok("DEL without CNI_NETNS (the netns may be gone)");
	set_env("VERSION", NULL, NULL, NULL, NULL, NULL);
	env_ok("VERSION without anything");
	set_env("GC", NULL, NULL, NULL, "/usr/lib/cni", NULL);
	env_ok("GC with CNI_PATH only");
	set_env("STATUS", NULL, NULL, NULL, "/usr/lib/cni", NULL);
	env_ok("STATUS with CNI_PATH only");
	set_env(NULL, NULL, NULL, NULL, NULL, NULL);
	env_bad("no CNI_COMMAND", "CNI_COMMAND");
	set_env("FROB", NULL, NULL, NULL, NULL, NULL);
	env_bad("unknown CNI_COMMAND", "FROB");
	set_env("ADD", "c0ffee", NULL, "net1", "/usr/lib/cni", NULL);
	env_bad("ADD without CNI_NETNS", "CNI_NETNS");
	set_env("CHECK", "c0ffee", "", "", "/usr/lib/cni", NULL);
	env_bad("CHECK with empty CNI_NETNS and CNI_IFNAME",
		"CNI_NETNS CNI_IFNAME");
	set_env("DEL", NULL, NULL, "net1", NULL, NULL);
	env_bad("DEL without CNI_CONTAINERID and CNI_PATH",
		"CNI_CONTAINERID CNI_PATH");
	set_env("ADD", "-abc", "/run/netns/p", "net1", "/x", NULL);
	env_bad("a container id starting with '-'", "CNI_CONTAINERID");
	set_env("ADD", "ab/c", "/run/netns/p", "net1", "/x", NULL);
	env_bad("a container id with '/'", "CNI_CONTAINERID");
	set_env("ADD", "abc", "/run/netns/p", "net1:0", "/x", NULL);
	env_bad("an ifname with ':'", "CNI_IFNAME");
	set_env("ADD", "abc", "/run/netns/p", "eth0123456789012", "/x", NULL);
	env_bad("an ifname of 16 characters", "CNI_IFNAME");
	set_env("ADD", "abc", "/run/netns/p", "..", "/x", NULL);
	env_bad("ifname \"..\"", "CNI_IFNAME");
}

/* Parse @json for the command in the environment. */
static int parse(struct cni_config *cfg, const char *json,
		 struct cni_error *e)
{
	struct cni_env env;
	int code;

	memset(e, 0, sizeof(*e));
	code = cni_env_load(&env, e);
	if (code)
		return code;
	return cni_config_parse(cfg, json, strlen(json), &env, e);
}

static void config_bad(const char *what, int want_code, const char *want,
		       const char *json)
{
	struct cni_config cfg;
	struct cni_error e;
	int code = parse(&cfg, json, &e);

	ok(code == want_code && e.code == code && strstr(e.msg, want),
	   "config: %s is code %d naming \"%s\" (got %d \"%s\")", what,
	   want_code, want, code, e.msg);
	cni_config_free(&cfg);
}

#define HEAD "{\"cniVersion\":\"1.0.0\",\"name\":\"sriov\",\"type\":\"vfpool-cni\","
#define HEAD11 "{\"cniVersion\":\"1.1.0\",\"name\":\"sriov\",\"type\":\"vfpool-cni\","

/* sriov-cni's own README example, type changed. */
static const char sriov_example[] =
	"{\n"
	"  \"cniVersion\": \"0.3.1\",\n"
	"  \"name\": \"sriov-advanced\",\n"
	"  \"type\": \"vfpool-cni\",\n"
	"  \"vlan\": 1000,\n"
	"  \"vlanQoS\": 4,\n"
	"  \"vlanProto\": \"802.1ad\",\n"
	"  \"deviceID\": \"0000:03:02.0\",\n"
	"  \"spoofchk\": \"off\",\n"
	"  \"trust\": \"on\",\n"
	"  \"mac\": \"CA:FE:C0:FF:EE:00\",\n"
	"  \"min_tx_rate\": 100,\n"
	"  \"max_tx_rate\": 200,\n"
	"  \"link_state\": \"enable\",\n"
	"  \"ipam\": {\n"
	"    \"type\": \"host-local\",\n"
	"    \"subnet\": \"10.56.217.0/24\",\n"
	"    \"routes\": [{ \"dst\": \"0.0.0.0/0\" }],\n"
	"    \"gateway\": \"10.56.217.1\"\n"
	"  }\n"
	"}\n";

static void test_config_good(void)
{
	const struct vfpool_vf_config *vf;
	struct cni_config cfg;
	struct cni_error e;
	char mac[18];
	int code;

	ADD_ENV("IgnoreUnknown=1;K8S_POD_NAMESPACE=default");
	code = parse(&cfg, sriov_example, &e);
	vf = &cfg.vf;
	vfpool_mac_format(vf->mac, mac);
	ok(!code, "config: sriov-cni's example parses (%s)", e.msg);
	ok(cfg.ver == CNI_V(0, 3, 1) && !strcmp(cfg.name, "sriov-advanced"),
	   "config: cniVersion and name");
	ok(cfg.has_device && !strcmp(cfg.device, "0000:03:02.0") &&
	   !cfg.has_pool, "config: deviceID");
	ok(vfpool_has(vf, VFPOOL_VF_A_VLAN) && vf->vlan == 1000 &&
	   vf->vlan_qos == 4 && vf->vlan_proto == ETH_P_8021AD,
	   "config: vlan, vlanQoS, vlanProto");
	ok(vfpool_has(vf, VFPOOL_VF_A_SPOOFCHK) && !vf->spoofchk &&
	   vfpool_has(vf, VFPOOL_VF_A_TRUST) && vf->trust,
	   "config: spoofchk off, trust on");
	ok(!strcmp(mac, "ca:fe:c0:ff:ee:00") && !strcmp(cfg.mac_source, "mac"),
	   "config: mac, lower-cased (%s)", mac);
	ok(vf->min_tx_rate == 100 && vf->max_tx_rate == 200 &&
	   vf->link_state == 1, "config: rates and link_state");
	ok(cfg.ipam_type && !strcmp(cfg.ipam_type, "host-local"),
	   "config: ipam.type");
	ok(cfg.raw == sriov_example, "config: stdin kept for IPAM");
	cni_config_free(&cfg);

	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"numa\":1,\"waitTimeout\":10}",
		     &e);
	ok(!code && cfg.has_pool && !strcmp(cfg.pool, "p0") && cfg.has_numa &&
	   cfg.numa == 1 && cfg.wait_ms == 10000 && !cfg.vf.present &&
	   !cfg.ipam_type, "config: pool, numa, waitTimeout; no VF config, "
	   "no IPAM (%s)", e.msg);
	cni_config_free(&cfg);

	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"vlan\":100,\"ipam\":{}}", &e);
	ok(!code && cfg.vf.vlan == 100 && cfg.vf.vlan_qos == 0 &&
	   cfg.vf.vlan_proto == ETH_P_8021Q &&
	   vfpool_has(&cfg.vf, VFPOOL_VF_A_VLAN_QOS) &&
	   vfpool_has(&cfg.vf, VFPOOL_VF_A_VLAN_PROTO) && !cfg.ipam_type,
	   "config: vlan alone sets QoS 0 and 802.1Q too; \"ipam\": {} is "
	   "no IPAM");
	cni_config_free(&cfg);

	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"vlan\":0}", &e);
	ok(!code && vfpool_has(&cfg.vf, VFPOOL_VF_A_VLAN) &&
	   !vfpool_has(&cfg.vf, VFPOOL_VF_A_VLAN_QOS),
	   "config: vlan 0 clears the VLAN, sends no QoS");
	cni_config_free(&cfg);

	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"unknownField\":[1,2],"
		     "\"capabilities\":{\"mac\":true}}", &e);
	ok(!code, "config: unknown fields are ignored (%s)", e.msg);
	cni_config_free(&cfg);

	set_env("DEL", "c0ffee", NULL, "net1", "/usr/lib/cni", NULL);
	code = parse(&cfg, HEAD "\"ipam\":{\"type\":\"static\"}}", &e);
	ok(!code, "config: DEL needs neither deviceID nor pool (%s)", e.msg);
	cni_config_free(&cfg);

	set_env("GC", NULL, NULL, NULL, "/usr/lib/cni", NULL);
	code = parse(&cfg, HEAD11 "\"pool\":\"p0\",\"cni.dev/valid-attachments\":"
		     "[{\"containerID\":\"a\",\"ifname\":\"net1\"}]}", &e);
	ok(!code && cfg.valid_attachments, "config: GC with valid-attachments "
	   "(%s)", e.msg);
	cni_config_free(&cfg);

	set_env("CHECK", "c0ffee", "/run/netns/p", "net1", "/usr/lib/cni", NULL);
	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"prevResult\":{}}", &e);
	ok(!code && cfg.prev_result, "config: CHECK with prevResult");
	cni_config_free(&cfg);
}

static void wait_ok(const char *value, uint32_t want)
{
	char json[256];
	struct cni_config cfg;
	struct cni_error e;
	int code;

	snprintf(json, sizeof(json), HEAD "\"pool\":\"p\",\"waitTimeout\":%s}",
		 value);
	code = parse(&cfg, json, &e);
	ok(!code && cfg.wait_ms == want, "config: waitTimeout %s is %u ms "
	   "(got %u, %s)", value, want, cfg.wait_ms, e.msg);
	cni_config_free(&cfg);
}

static void test_wait(void)
{
	ADD_ENV(NULL);
	wait_ok("0", 0);
	wait_ok("10", 10000);
	wait_ok("1.5", 1500);
	wait_ok("\"500ms\"", 500);
	wait_ok("\"30s\"", 30000);
	wait_ok("\"1m30s\"", 90000);
	wait_ok("\"10\"", 10000);
	wait_ok("600", 600000);
	config_bad("waitTimeout 601", 7, "waitTimeout",
		   HEAD "\"pool\":\"p\",\"waitTimeout\":601}");
	config_bad("waitTimeout -1", 7, "waitTimeout",
		   HEAD "\"pool\":\"p\",\"waitTimeout\":-1}");
	config_bad("waitTimeout \"soon\"", 7, "waitTimeout",
		   HEAD "\"pool\":\"p\",\"waitTimeout\":\"soon\"}");
	config_bad("waitTimeout \"5x\"", 7, "waitTimeout",
		   HEAD "\"pool\":\"p\",\"waitTimeout\":\"5x\"}");
	config_bad("waitTimeout true", 7, "waitTimeout",
		   HEAD "\"pool\":\"p\",\"waitTimeout\":true}");
}

static void mac_from(const char *what, const char *json, const char *args,
		     const char *want, const char *source)
{
	struct cni_config cfg;
	struct cni_error e;
	char mac[18] = "";
	int code;

	ADD_ENV(args);
	code = parse(&cfg, json, &e);
	if (!code)
		vfpool_mac_format(cfg.vf.mac, mac);
	ok(!code && !strcmp(mac, want) && !strcmp(cfg.mac_source, source),
	   "mac: %s gives %s from %s (got %s, %s)", what, want, source, mac,
	   code ? e.msg : cfg.mac_source);
	cni_config_free(&cfg);
}

static void test_mac(void)
{
	mac_from("config only", HEAD "\"pool\":\"p\",\"mac\":\"02:00:00:00:00:01\"}",
		 NULL, "02:00:00:00:00:01", "mac");
	mac_from("CNI_ARGS over config",
		 HEAD "\"pool\":\"p\",\"mac\":\"02:00:00:00:00:01\"}",
		 "IgnoreUnknown=1;MAC=02:00:00:00:00:0A;K8S_POD_NAME=x",
		 "02:00:00:00:00:0a", "CNI_ARGS MAC");
	mac_from("args.cni over CNI_ARGS",
		 HEAD "\"pool\":\"p\",\"args\":{\"cni\":{\"mac\":\"02:00:00:00:00:0b\"}}}",
		 "MAC=02:00:00:00:00:0a", "02:00:00:00:00:0b", "args.cni.mac");
	mac_from("runtimeConfig over everything",
		 HEAD "\"pool\":\"p\",\"mac\":\"02:00:00:00:00:01\","
		 "\"args\":{\"cni\":{\"mac\":\"02:00:00:00:00:0b\"}},"
		 "\"runtimeConfig\":{\"mac\":\"02:00:00:00:00:0C\"}}",
		 "MAC=02:00:00:00:00:0a", "02:00:00:00:00:0c",
		 "runtimeConfig.mac");
	ADD_ENV("MAC=zz");
	config_bad("a bad CNI_ARGS MAC", 7, "CNI_ARGS MAC",
		   HEAD "\"pool\":\"p\"}");
	ADD_ENV("IgnoreUnknown");
	config_bad("CNI_ARGS without '='", 4, "CNI_ARGS",
		   HEAD "\"pool\":\"p\"}");
	ADD_ENV(NULL);
	config_bad("a bad runtimeConfig.mac", 7, "runtimeConfig.mac",
		   HEAD "\"pool\":\"p\",\"runtimeConfig\":{\"mac\":\"02:00\"}}");
	config_bad("a multicast mac", 7, "unicast",
		   HEAD "\"pool\":\"p\",\"mac\":\"01:00:5e:00:00:01\"}");
	config_bad("an all-zero mac", 7, "unicast",
		   HEAD "\"pool\":\"p\",\"mac\":\"00:00:00:00:00:00\"}");
	config_bad("mac as a number", 7, "mac",
		   HEAD "\"pool\":\"p\",\"mac\":12}");
}

static void test_config_bad(void)
{
	ADD_ENV(NULL);
	config_bad("malformed JSON", 6, "network config", HEAD "\"pool\":");
	config_bad("empty stdin", 6, "network config", "");
	config_bad("trailing data", 6, "trailing",
		   HEAD "\"pool\":\"p\"} {}");
	config_bad("a JSON array", 6, "object", "[1]");
	config_bad("no cniVersion", 1, "cniVersion",
		   "{\"name\":\"n\",\"type\":\"t\",\"pool\":\"p\"}");
	config_bad("cniVersion 0.2.0", 1, "0.2.0",
		   "{\"cniVersion\":\"0.2.0\",\"name\":\"n\",\"type\":\"t\"}");
	config_bad("cniVersion 1.2.0", 1, "1.2.0",
		   "{\"cniVersion\":\"1.2.0\",\"name\":\"n\",\"type\":\"t\"}");
	config_bad("cniVersion as a number", 7, "cniVersion",
		   "{\"cniVersion\":1,\"name\":\"n\",\"type\":\"t\"}");
	config_bad("no name", 7, "name",
		   "{\"cniVersion\":\"1.0.0\",\"type\":\"t\",\"pool\":\"p\"}");
	config_bad("no deviceID or pool", 7, "deviceID or pool", HEAD "\"x\":1}");
	config_bad("a bad deviceID", 7, "deviceID",
		   HEAD "\"deviceID\":\"0000:03:02\"}");
	config_bad("a pool name of 16 characters", 7, "pool",
		   HEAD "\"pool\":\"abcdefghijklmnop\"}");
	config_bad("a pool name with '/'", 7, "pool", HEAD "\"pool\":\"a/b\"}");
	config_bad("numa without pool", 7, "numa",
		   HEAD "\"deviceID\":\"03:02.0\",\"numa\":0}");
	config_bad("numa -1", 7, "numa", HEAD "\"pool\":\"p\",\"numa\":-1}");
	config_bad("vlan 4095", 7, "vlan", HEAD "\"pool\":\"p\",\"vlan\":4095}");
	config_bad("vlan -1", 7, "vlan", HEAD "\"pool\":\"p\",\"vlan\":-1}");
	config_bad("vlan as a string", 7, "vlan",
		   HEAD "\"pool\":\"p\",\"vlan\":\"10\"}");
	config_bad("vlan 1.5", 7, "vlan", HEAD "\"pool\":\"p\",\"vlan\":1.5}");
	config_bad("vlanQoS 8", 7, "vlanQoS",
		   HEAD "\"pool\":\"p\",\"vlan\":10,\"vlanQoS\":8}");
	config_bad("vlanQoS without vlan", 7, "vlanQoS",
		   HEAD "\"pool\":\"p\",\"vlanQoS\":3}");
	config_bad("802.1ad without vlan", 7, "vlanProto",
		   HEAD "\"pool\":\"p\",\"vlanProto\":\"802.1ad\"}");
	config_bad("vlanProto 802.1x", 7, "vlanProto",
		   HEAD "\"pool\":\"p\",\"vlan\":1,\"vlanProto\":\"802.1x\"}");
	config_bad("spoofchk \"yes\"", 7, "spoofchk",
		   HEAD "\"pool\":\"p\",\"spoofchk\":\"yes\"}");
	config_bad("trust true", 7, "trust", HEAD "\"pool\":\"p\",\"trust\":true}");
	config_bad("link_state \"up\"", 7, "link_state",
		   HEAD "\"pool\":\"p\",\"link_state\":\"up\"}");
	config_bad("min_tx_rate over max_tx_rate", 7, "min_tx_rate",
		   HEAD "\"pool\":\"p\",\"min_tx_rate\":300,\"max_tx_rate\":200}");
	config_bad("max_tx_rate -5", 7, "max_tx_rate",
		   HEAD "\"pool\":\"p\",\"max_tx_rate\":-5}");
	config_bad("ipam as a string", 7, "ipam",
		   HEAD "\"pool\":\"p\",\"ipam\":\"host-local\"}");
	config_bad("ipam.type with a path", 7, "ipam.type",
		   HEAD "\"pool\":\"p\",\"ipam\":{\"type\":\"../../bin/sh\"}}");
	config_bad("logLevel \"verbose\"", 7, "logLevel",
		   HEAD "\"pool\":\"p\",\"logLevel\":\"verbose\"}");
	config_bad("runtimeConfig as an array", 7, "runtimeConfig",
		   HEAD "\"pool\":\"p\",\"runtimeConfig\":[]}");
	set_env("CHECK", "c0ffee", "/run/netns/p", "net1", "/usr/lib/cni", NULL);
	config_bad("CHECK without prevResult", 7, "prevResult",
		   HEAD "\"pool\":\"p\"}");
	config_bad("CHECK in 0.3.1", 1, "CHECK",
		   "{\"cniVersion\":\"0.3.1\",\"name\":\"n\",\"type\":\"t\","
		   "\"prevResult\":{}}");
	set_env("GC", NULL, NULL, NULL, "/usr/lib/cni", NULL);
	config_bad("GC in 1.0.0", 1, "GC", HEAD "\"pool\":\"p\"}");
	config_bad("GC without valid-attachments", 7, "valid-attachments",
		   HEAD11 "\"pool\":\"p\"}");
	config_bad("GC with a bad attachment", 7, "valid-attachments[1]",
		   HEAD11 "\"pool\":\"p\",\"cni.dev/valid-attachments\":"
		   "[{\"containerID\":\"a\",\"ifname\":\"b\"},{\"containerID\":\"a\"}]}");
	set_env("STATUS", NULL, NULL, NULL, "/usr/lib/cni", NULL);
	config_bad("STATUS in 0.4.0", 1, "STATUS",
		   "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"t\"}");
}

static void test_args(void)
{
	char v[32];

	ok(cni_args_get("IgnoreUnknown=1;MAC=aa;X=", "MAC", v, sizeof(v)) == 1 &&
	   !strcmp(v, "aa"), "CNI_ARGS: a key in the middle");
	ok(cni_args_get("IgnoreUnknown=1;X=", "X", v, sizeof(v)) == 1 && !*v,
	   "CNI_ARGS: an empty value");
	ok(cni_args_get("IgnoreUnknown=1", "MAC", v, sizeof(v)) == 0,
	   "CNI_ARGS: a missing key");
	ok(cni_args_get(NULL, "MAC", v, sizeof(v)) == 0, "CNI_ARGS: unset");
	ok(cni_args_get("MACX=1;MA=2", "MAC", v, sizeof(v)) == 0,
	   "CNI_ARGS: no prefix matches");
	ok(cni_args_get("a=1;;b=2", "b", v, sizeof(v)) == -EINVAL,
	   "CNI_ARGS: an empty pair is malformed");
	ok(cni_args_get("MAC=0123456789012345678901234567890123", "MAC", v,
			sizeof(v)) == -ENAMETOOLONG, "CNI_ARGS: a value too long");
}

static void test_versions(void)
{
	ok(cni_version_parse("1.0.0") == CNI_V(1, 0, 0) &&
	   cni_version_parse("1.1.0") == CNI_V(1, 1, 0) &&
	   cni_version_parse("0.3.0") == CNI_V(0, 3, 0) &&
	   cni_version_parse("0.4.0") == CNI_V(0, 4, 0),
	   "versions: the supported ones");
	ok(!cni_version_parse("1.0") && !cni_version_parse("0.2.0") &&
	   !cni_version_parse("1.0.0 ") && !cni_version_parse(NULL) &&
	   !cni_version_parse(""), "versions: others are not");
}

static const char *jstr(json_object *obj, const char *ptr)
{
	json_object *v;

	if (json_pointer_get(obj, ptr, &v))
		return NULL;
	return json_object_get_string(v);
}

static bool jhas(json_object *obj, const char *ptr)
{
	json_object *v;

	return !json_pointer_get(obj, ptr, &v);
}

static bool streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static const char host_local_result[] =
	"{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.1.0.5/24\","
	"\"gateway\":\"10.1.0.1\"},{\"address\":\"fd00::5/64\","
	"\"gateway\":\"fd00::1\"}],\"routes\":[{\"dst\":\"0.0.0.0/0\"}],"
	"\"dns\":{\"nameservers\":[\"10.1.0.1\"]}}";

static void test_result(void)
{
	struct cni_attachment att = {
		.ifname = "net1", .sandbox = "/run/netns/p",
		.mac = "02:00:00:00:00:01", .mtu = 1400, .pci = "0000:03:02.0",
	};
	json_object *ipam = json_tokener_parse(host_local_result), *r, *bad;
	struct cni_error e = { 0 };

	r = cni_result_build(CNI_V(1, 0, 0), "1.0.0", &att, ipam, &e);
	ok(r && streq(jstr(r, "/cniVersion"), "1.0.0") &&
	   streq(jstr(r, "/interfaces/0/name"), "net1") &&
	   streq(jstr(r, "/interfaces/0/mac"), "02:00:00:00:00:01") &&
	   streq(jstr(r, "/interfaces/0/sandbox"), "/run/netns/p") &&
	   !jhas(r, "/interfaces/0/mtu") && !jhas(r, "/interfaces/0/pciID") &&
	   !jhas(r, "/interfaces/1"), "result 1.0.0: one interface, "
	   "name, mac, sandbox, no 1.1 fields");
	ok(r && streq(jstr(r, "/ips/0/address"), "10.1.0.5/24") &&
	   streq(jstr(r, "/ips/0/gateway"), "10.1.0.1") &&
	   streq(jstr(r, "/ips/0/interface"), "0") &&
	   streq(jstr(r, "/ips/1/address"), "fd00::5/64") &&
	   streq(jstr(r, "/ips/1/interface"), "0") &&
	   !jhas(r, "/ips/0/version") && !jhas(r, "/ips/1/version"),
	   "result 1.0.0: ips on interface 0, no version");
	ok(r && streq(jstr(r, "/routes/0/dst"), "0.0.0.0/0") &&
	   streq(jstr(r, "/dns/nameservers/0"), "10.1.0.1"),
	   "result 1.0.0: routes and dns from IPAM");
	json_object_put(r);

	r = cni_result_build(CNI_V(0, 4, 0), "0.4.0", &att, ipam, &e);
	ok(r && streq(jstr(r, "/cniVersion"), "0.4.0") &&
	   streq(jstr(r, "/ips/0/version"), "4") &&
	   streq(jstr(r, "/ips/1/version"), "6"),
	   "result 0.4.0: ips carry version 4 and 6");
	json_object_put(r);

	r = cni_result_build(CNI_V(1, 1, 0), "1.1.0", &att, ipam, &e);
	ok(r && streq(jstr(r, "/interfaces/0/mtu"), "1400") &&
	   streq(jstr(r, "/interfaces/0/pciID"), "0000:03:02.0"),
	   "result 1.1.0: mtu and pciID");
	json_object_put(r);

	att.sandbox = NULL;
	att.mac = NULL;
	r = cni_result_build(CNI_V(1, 1, 0), "1.1.0", &att, NULL, &e);
	ok(r && !jhas(r, "/interfaces/0/sandbox") &&
	   !jhas(r, "/interfaces/0/mac") && !jhas(r, "/ips") &&
	   !jhas(r, "/routes") &&
	   streq(jstr(r, "/interfaces/0/pciID"), "0000:03:02.0"),
	   "result: a VF without netdev has no sandbox, no mac; no IPAM, "
	   "no ips");
	json_object_put(r);

	bad = json_tokener_parse("{\"ips\":[{\"address\":\"10.1.0.5\"}]}");
	memset(&e, 0, sizeof(e));
	r = cni_result_build(CNI_V(1, 0, 0), "1.0.0", &att, bad, &e);
	ok(!r && e.code == CNI_ERR_IPAM && strstr(e.msg, "ips[0]"),
	   "result: an IPAM address without prefix is refused (%s)", e.msg);
	json_object_put(bad);
	bad = json_tokener_parse("{\"ips\":[{\"address\":\"10.1.0.5/24\","
				 "\"gateway\":\"fd00::1\"}]}");
	memset(&e, 0, sizeof(e));
	r = cni_result_build(CNI_V(1, 0, 0), "1.0.0", &att, bad, &e);
	ok(!r && e.code == CNI_ERR_IPAM && strstr(e.msg, "gateway"),
	   "result: a gateway of the other family is refused");
	json_object_put(bad);
	bad = json_tokener_parse("{\"ips\":{}}");
	memset(&e, 0, sizeof(e));
	r = cni_result_build(CNI_V(1, 0, 0), "1.0.0", &att, bad, &e);
	ok(!r && e.code == CNI_ERR_IPAM, "result: ips not an array");
	json_object_put(bad);
	json_object_put(ipam);
}

static void test_error_json(void)
{
	struct cni_error e = { 0 };
	json_object *o;

	cni_err(&e, CNI_ERR_INVALID_CONFIG, "vlan: %d out of range", 5000);
	o = cni_error_json("1.0.0", &e);
	ok(streq(jstr(o, "/cniVersion"), "1.0.0") &&
	   streq(jstr(o, "/code"), "7") &&
	   streq(jstr(o, "/msg"), "vlan: 5000 out of range") &&
	   !jhas(o, "/details"), "error: code and msg, no empty details");
	json_object_put(o);
	cni_err_details(&e, "more");
	o = cni_error_json(NULL, &e);
	ok(streq(jstr(o, "/cniVersion"), CNI_VERSION_LATEST) &&
	   streq(jstr(o, "/details"), "more"),
	   "error: details; unknown version answers in the latest");
	json_object_put(o);

	o = cni_version_json("1.0.0");
	ok(streq(jstr(o, "/cniVersion"), "1.0.0") &&
	   streq(jstr(o, "/supportedVersions/3"), "1.0.0") &&
	   streq(jstr(o, "/supportedVersions/4"), "1.1.0") &&
	   !jhas(o, "/supportedVersions/5"),
	   "VERSION: answers in the asked version, lists all five");
	json_object_put(o);
	o = cni_version_json("9.9.9");
	ok(streq(jstr(o, "/cniVersion"), CNI_VERSION_LATEST),
	   "VERSION: an unknown version gets the latest");
	json_object_put(o);
}

static void test_cidr(void)
{
	uint8_t a[16];
	unsigned int plen;
	int family;

	ok(!cni_parse_cidr("10.1.0.5/24", &family, a, &plen) &&
	   family == AF_INET && plen == 24 && a[3] == 5, "cidr: IPv4");
	ok(!cni_parse_cidr("fd00::5/128", &family, a, &plen) &&
	   family == AF_INET6 && plen == 128 && a[15] == 5, "cidr: IPv6");
	ok(cni_parse_cidr("10.1.0.5/33", &family, a, &plen) &&
	   cni_parse_cidr("10.1.0.5", &family, a, &plen) &&
	   cni_parse_cidr("10.1.0.5/", &family, a, &plen) &&
	   cni_parse_cidr("10.1.0.5/-1", &family, a, &plen) &&
	   cni_parse_cidr("fd00::/129", &family, a, &plen) &&
	   cni_parse_cidr("x/8", &family, a, &plen), "cidr: bad ones");
}

static void test_irq(void)
{
	struct cni_config cfg;
	struct cni_error e;
	char mask[64];
	int code;

	set_env("ADD", "c0ffee", "/run/netns/p", "net1", "/usr/lib/cni", NULL);
	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"irq\":\"spread\"}", &e);
	ok(!code && cfg.has_irq && cfg.irq_policy == VFPOOL_IRQ_POLICY_SPREAD &&
	   !cfg.has_rps, "config: irq as a policy word (%s)", e.msg);
	cni_config_free(&cfg);
	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"irq\":{\"policy\":\"cpus\","
		     "\"cpus\":\"0-3,8\",\"rps\":\"2-3\"}}", &e);
	ok(!code && cfg.has_irq && cfg.irq_policy == VFPOOL_IRQ_POLICY_CPUS &&
	   !strcmp(cfg.irq_cpus, "0-3,8") && cfg.has_rps &&
	   !strcmp(cfg.rps, "2-3"), "config: irq with cpus and rps (%s)", e.msg);
	cni_config_free(&cfg);
	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"irq\":{\"rps\":\"1\"}}", &e);
	ok(!code && !cfg.has_irq && cfg.has_rps,
	   "config: irq with rps alone places no vectors (%s)", e.msg);
	cni_config_free(&cfg);
	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"irq\":{\"policy\":"
		     "\"numa-local\"}}", &e);
	ok(!code && cfg.irq_policy == VFPOOL_IRQ_POLICY_NUMA_LOCAL,
	   "config: irq numa-local (%s)", e.msg);
	cni_config_free(&cfg);

	config_bad("irq \"sometimes\"", 7, "irq.policy",
		   HEAD "\"pool\":\"p\",\"irq\":\"sometimes\"}");
	config_bad("irq as a number", 7, "irq",
		   HEAD "\"pool\":\"p\",\"irq\":1}");
	config_bad("irq without a policy", 7, "irq.policy",
		   HEAD "\"pool\":\"p\",\"irq\":{}}");
	config_bad("irq cpus without a list", 7, "irq.cpus",
		   HEAD "\"pool\":\"p\",\"irq\":{\"policy\":\"cpus\"}}");
	config_bad("irq cpus with spread", 7, "irq.cpus",
		   HEAD "\"pool\":\"p\",\"irq\":{\"policy\":\"spread\","
		   "\"cpus\":\"1\"}}");
	config_bad("irq cpus not a list", 7, "irq.cpus",
		   HEAD "\"pool\":\"p\",\"irq\":{\"policy\":\"cpus\","
		   "\"cpus\":\"1-x\"}}");
	config_bad("irq cpus empty", 7, "irq.cpus",
		   HEAD "\"pool\":\"p\",\"irq\":{\"policy\":\"cpus\","
		   "\"cpus\":\"\"}}");
	config_bad("irq rps not a list", 7, "irq.rps",
		   HEAD "\"pool\":\"p\",\"irq\":{\"rps\":\"3-1\"}}");

	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"irq\":{\"policy\":\"pod\","
		     "\"rps\":\"pod\",\"xps\":true},\"runtimeConfig\":"
		     "{\"cgroupPath\":\"/kubepods/pod1\"}}", &e);
	ok(!code && cfg.has_irq && cfg.irq_pod && cfg.rps_pod && cfg.has_rps &&
	   cfg.xps && cfg.irq_policy == VFPOOL_IRQ_POLICY_CPUS &&
	   cfg.cgroup_path && !strcmp(cfg.cgroup_path, "/kubepods/pod1"),
	   "config: the pod policy, rps pod, xps, runtimeConfig.cgroupPath (%s)",
	   e.msg);
	cni_config_free(&cfg);
	code = parse(&cfg, HEAD "\"pool\":\"p0\",\"irq\":{\"policy\":\"pod\","
		     "\"cpus\":\"2-3\"}}", &e);
	ok(!code && cfg.irq_pod && !strcmp(cfg.irq_cpus, "2-3") && !cfg.xps,
	   "config: the pod policy with irq.cpus for pods without a cgroup (%s)",
	   e.msg);
	cni_config_free(&cfg);
	config_bad("irq rps pod with spread", 7, "irq.rps: \"pod\" only with the pod policy",
		   HEAD "\"pool\":\"p\",\"irq\":{\"policy\":\"spread\","
		   "\"rps\":\"pod\"}}");
	config_bad("irq xps not a boolean", 7, "irq.xps: expected true or false",
		   HEAD "\"pool\":\"p\",\"irq\":{\"policy\":\"spread\","
		   "\"xps\":\"yes\"}}");
	config_bad("irq xps without a policy", 7, "irq.xps: needs a policy",
		   HEAD "\"pool\":\"p\",\"irq\":{\"rps\":\"1\",\"xps\":true}}");
	config_bad("runtimeConfig.cgroupPath not a string", 7,
		   "runtimeConfig.cgroupPath: expected a string",
		   HEAD "\"pool\":\"p\",\"runtimeConfig\":{\"cgroupPath\":1}}");

	ok(!cni_cpulist_mask("0-3", mask, sizeof(mask)) && !strcmp(mask, "f"),
	   "cpulist 0-3 is mask f (%s)", mask);
	ok(!cni_cpulist_mask("0,2,33", mask, sizeof(mask)) &&
	   !strcmp(mask, "2,00000005"), "cpulist 0,2,33 is 2,00000005 (%s)",
	   mask);
	ok(!cni_cpulist_mask("31", mask, sizeof(mask)) &&
	   !strcmp(mask, "80000000"), "cpulist 31 is 80000000 (%s)", mask);
	ok(cni_cpulist_mask("", mask, sizeof(mask)) == -EINVAL &&
	   cni_cpulist_mask("1,", mask, sizeof(mask)) == -EINVAL &&
	   cni_cpulist_mask("-1", mask, sizeof(mask)) == -EINVAL &&
	   cni_cpulist_mask("9999", mask, sizeof(mask)) == -EINVAL &&
	   cni_cpulist_mask("0-8191", mask, 8) == -EINVAL,
	   "bad cpulists and too small a buffer are refused");
}

#define LINKS2 "\"links\":[{\"name\":\"net1\"},{\"name\":\"net2\"}]"
#define BOND(body) HEAD "\"pool\":\"p0\",\"bond\":{" body "}}"
#define BOND_ENV() set_env("ADD", "c0ffee", "/run/netns/p", "bond0", \
			   "/usr/lib/cni", NULL)

static void bond_mode_ok(const char *mode, int want)
{
	char json[256];
	struct cni_config cfg;
	struct cni_error e;
	int code;

	snprintf(json, sizeof(json), BOND("\"mode\":%s," LINKS2), mode);
	code = parse(&cfg, json, &e);
	ok(!code && cfg.has_bond && cfg.bond.has_mode && cfg.bond.mode == want,
	   "bond: mode %s is %d (%s)", mode, want, e.msg);
	cni_config_free(&cfg);
}

static void bond_miimon_ok(const char *miimon, uint32_t want)
{
	char json[256];
	struct cni_config cfg;
	struct cni_error e;
	int code;

	snprintf(json, sizeof(json), BOND("\"miimon\":%s," LINKS2), miimon);
	code = parse(&cfg, json, &e);
	ok(!code && cfg.bond.has_miimon && cfg.bond.miimon == want,
	   "bond: miimon %s is %u (%s)", miimon, want, e.msg);
	cni_config_free(&cfg);
}

/* bond-cni's fields, its checks, and what a bond block means here. */
static void test_bond(void)
{
	static const char *const names[] = {
		"balance-rr", "active-backup", "balance-xor", "broadcast",
		"802.3ad", "balance-tlb", "balance-alb",
	};
	const struct cni_bond *b;
	struct cni_config cfg;
	struct cni_error e;
	char quoted[32], num[8];
	int code, i;

	BOND_ENV();
	/* OpenShift's bond-cni example, with pool for the links. */
	code = parse(&cfg, "{\"type\":\"vfpool-cni\",\"cniVersion\":\"0.3.1\","
		     "\"name\":\"bond-net1\",\"pool\":\"p0\",\"vlan\":10,"
		     "\"bond\":{\"mode\":\"active-backup\",\"failOverMac\":1,"
		     "\"linksInContainer\":true,\"miimon\":\"100\",\"mtu\":1500,"
		     "\"links\":[{\"name\":\"net1\"},{\"name\":\"net2\"}]},"
		     "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.1.0.0/24\"}}",
		     &e);
	b = &cfg.bond;
	ok(!code && cfg.has_bond && b->has_mode && b->mode == 1 &&
	   b->has_fail_over_mac && b->fail_over_mac == 1 &&
	   b->links_in_container && b->has_miimon && b->miimon == 100 &&
	   b->has_mtu && b->mtu == 1500 && b->n_links == 2 &&
	   !strcmp(b->links[0], "net1") && !strcmp(b->links[1], "net2") &&
	   !b->has_all_slaves_active && !b->has_tlb_dynamic_lb &&
	   !b->has_xmit_hash_policy && vfpool_has(&cfg.vf, VFPOOL_VF_A_VLAN),
	   "bond: bond-cni's example parses, VF config for every link (%s)",
	   e.msg);
	cni_config_free(&cfg);

	code = parse(&cfg, BOND("\"mode\":\"802.3ad\",\"xmitHashPolicy\":"
				"\"layer3+4\",\"allSlavesActive\":1,"
				"\"linksInContainer\":false,"
				"\"links\":[{\"name\":\"a\"},{\"name\":\"b\"},"
				"{\"name\":\"c\"},{\"name\":\"d\"}]"), &e);
	b = &cfg.bond;
	ok(!code && b->mode == 4 && b->has_xmit_hash_policy &&
	   b->xmit_hash_policy == 1 && b->has_all_slaves_active &&
	   b->all_slaves_active == 1 && !b->links_in_container &&
	   b->n_links == 4 && !strcmp(b->links[3], "d") && !b->has_miimon &&
	   !b->has_mtu && !b->has_fail_over_mac,
	   "bond: 802.3ad of 4 links, xmitHashPolicy, allSlavesActive (%s)",
	   e.msg);
	cni_config_free(&cfg);

	code = parse(&cfg, BOND("\"mode\":\"balance-alb\",\"tlbDynamicLb\":"
				"false,\"allSlavesActive\":true," LINKS2), &e);
	ok(!code && cfg.bond.has_tlb_dynamic_lb && !cfg.bond.tlb_dynamic_lb &&
	   cfg.bond.all_slaves_active == 1, "bond: tlbDynamicLb and "
	   "allSlavesActive as booleans (%s)", e.msg);
	cni_config_free(&cfg);

	code = parse(&cfg, BOND(LINKS2), &e);
	ok(!code && cfg.has_bond && !cfg.bond.has_mode && !cfg.bond.has_miimon,
	   "bond: only links: the driver's defaults (%s)", e.msg);
	cni_config_free(&cfg);

	code = parse(&cfg, HEAD "\"pool\":\"p0\"}", &e);
	ok(!code && !cfg.has_bond, "bond: none without a bond block");
	cni_config_free(&cfg);

	for (i = 0; i < 7; i++) {
		snprintf(quoted, sizeof(quoted), "\"%s\"", names[i]);
		bond_mode_ok(quoted, i);
		snprintf(num, sizeof(num), "%d", i);
		bond_mode_ok(num, i);
		snprintf(num, sizeof(num), "\"%d\"", i);
		bond_mode_ok(num, i);
		ok(cni_bond_mode_parse(names[i]) == i &&
		   !strcmp(cni_bond_mode_name(i), names[i]),
		   "bond: mode name %s both ways", names[i]);
	}
	ok(!cni_bond_mode_name(7), "bond: no name for mode 7");
	bond_miimon_ok("\"100\"", 100);
	bond_miimon_ok("100", 100);
	bond_miimon_ok("\"0\"", 0);
	bond_miimon_ok("0", 0);

	set_env("DEL", "c0ffee", NULL, "bond0", "/usr/lib/cni", NULL);
	code = parse(&cfg, BOND(LINKS2), &e);
	ok(!code && cfg.has_bond && cfg.bond.n_links == 2,
	   "bond: DEL parses the links (%s)", e.msg);
	cni_config_free(&cfg);
	set_env("DEL", "c0ffee", "/run/netns/p", "bond0", "/usr/lib/cni", NULL);
	{
		struct cni_env env;

		memset(&e, 0, sizeof(e));
		ok(!cni_env_load(&env, &e) && env.netns &&
		   !strcmp(env.netns, "/run/netns/p"),
		   "env: DEL keeps CNI_NETNS when given (the bond is there)");
	}

	BOND_ENV();
	config_bad("bond with one link", 7, "bond.links",
		   BOND("\"mode\":1,\"links\":[{\"name\":\"net1\"}]"));
	config_bad("bond with no links", 7, "bond.links",
		   BOND("\"mode\":1"));
	config_bad("bond with links not an array", 7, "bond.links",
		   BOND("\"links\":{\"name\":\"net1\"}"));
	config_bad("bond with 65 links", 7, "bond.links",
		   BOND("\"links\":["
			"{\"name\":\"l0\"},{\"name\":\"l1\"},{\"name\":\"l2\"},"
			"{\"name\":\"l3\"},{\"name\":\"l4\"},{\"name\":\"l5\"},"
			"{\"name\":\"l6\"},{\"name\":\"l7\"},{\"name\":\"l8\"},"
			"{\"name\":\"l9\"},{\"name\":\"l10\"},{\"name\":\"l11\"},"
			"{\"name\":\"l12\"},{\"name\":\"l13\"},{\"name\":\"l14\"},"
			"{\"name\":\"l15\"},{\"name\":\"l16\"},{\"name\":\"l17\"},"
			"{\"name\":\"l18\"},{\"name\":\"l19\"},{\"name\":\"l20\"},"
			"{\"name\":\"l21\"},{\"name\":\"l22\"},{\"name\":\"l23\"},"
			"{\"name\":\"l24\"},{\"name\":\"l25\"},{\"name\":\"l26\"},"
			"{\"name\":\"l27\"},{\"name\":\"l28\"},{\"name\":\"l29\"},"
			"{\"name\":\"l30\"},{\"name\":\"l31\"},{\"name\":\"l32\"},"
			"{\"name\":\"l33\"},{\"name\":\"l34\"},{\"name\":\"l35\"},"
			"{\"name\":\"l36\"},{\"name\":\"l37\"},{\"name\":\"l38\"},"
			"{\"name\":\"l39\"},{\"name\":\"l40\"},{\"name\":\"l41\"},"
			"{\"name\":\"l42\"},{\"name\":\"l43\"},{\"name\":\"l44\"},"
			"{\"name\":\"l45\"},{\"name\":\"l46\"},{\"name\":\"l47\"},"
			"{\"name\":\"l48\"},{\"name\":\"l49\"},{\"name\":\"l50\"},"
			"{\"name\":\"l51\"},{\"name\":\"l52\"},{\"name\":\"l53\"},"
			"{\"name\":\"l54\"},{\"name\":\"l55\"},{\"name\":\"l56\"},"
			"{\"name\":\"l57\"},{\"name\":\"l58\"},{\"name\":\"l59\"},"
			"{\"name\":\"l60\"},{\"name\":\"l61\"},{\"name\":\"l62\"},"
			"{\"name\":\"l63\"},{\"name\":\"l64\"}]"));
	config_bad("bond with a link without name", 7, "bond.links[1]",
		   BOND("\"links\":[{\"name\":\"net1\"},{\"ifname\":\"x\"}]"));
	config_bad("bond with a link name of 16 characters", 7,
		   "bond.links[0]", BOND("\"links\":[{\"name\":"
					 "\"eth0123456789012\"},{\"name\":\"b\"}]"));
	config_bad("bond with a link name with '/'", 7, "bond.links[1]",
		   BOND("\"links\":[{\"name\":\"a\"},{\"name\":\"a/b\"}]"));
	config_bad("bond with duplicate link names", 7, "duplicate",
		   BOND("\"links\":[{\"name\":\"net1\"},{\"name\":\"net2\"},"
			"{\"name\":\"net1\"}]"));
	ADD_ENV(NULL);	/* CNI_IFNAME net1 */
	config_bad("bond with a link named as the bond", 7, "CNI_IFNAME",
		   BOND("\"mode\":1," LINKS2));
	BOND_ENV();
	config_bad("bond mode \"fast\"", 7, "bond.mode",
		   BOND("\"mode\":\"fast\"," LINKS2));
	config_bad("bond mode 7", 7, "bond.mode", BOND("\"mode\":7," LINKS2));
	config_bad("bond mode -1", 7, "bond.mode", BOND("\"mode\":-1," LINKS2));
	config_bad("bond mode \"7\"", 7, "bond.mode",
		   BOND("\"mode\":\"7\"," LINKS2));
	config_bad("bond mode true", 7, "bond.mode", BOND("\"mode\":true," LINKS2));
	config_bad("bond failOverMac 3", 7, "bond.failOverMac",
		   BOND("\"failOverMac\":3," LINKS2));
	config_bad("bond failOverMac -1", 7, "bond.failOverMac",
		   BOND("\"failOverMac\":-1," LINKS2));
	config_bad("bond failOverMac \"1\"", 7, "bond.failOverMac",
		   BOND("\"failOverMac\":\"1\"," LINKS2));
	config_bad("bond miimon \"x\"", 7, "bond.miimon",
		   BOND("\"miimon\":\"x\"," LINKS2));
	config_bad("bond miimon -1", 7, "bond.miimon",
		   BOND("\"miimon\":-1," LINKS2));
	config_bad("bond miimon \"-1\"", 7, "bond.miimon",
		   BOND("\"miimon\":\"-1\"," LINKS2));
	config_bad("bond miimon \"100ms\"", 7, "bond.miimon",
		   BOND("\"miimon\":\"100ms\"," LINKS2));
	config_bad("bond miimon \"\"", 7, "bond.miimon",
		   BOND("\"miimon\":\"\"," LINKS2));
	config_bad("bond miimon 1.5", 7, "bond.miimon",
		   BOND("\"miimon\":1.5," LINKS2));
	config_bad("bond mtu 67", 7, "bond.mtu", BOND("\"mtu\":67," LINKS2));
	config_bad("bond mtu 9001", 7, "bond.mtu", BOND("\"mtu\":9001," LINKS2));
	config_bad("bond mtu \"1500\"", 7, "bond.mtu",
		   BOND("\"mtu\":\"1500\"," LINKS2));
	config_bad("bond allSlavesActive 2", 7, "bond.allSlavesActive",
		   BOND("\"allSlavesActive\":2," LINKS2));
	config_bad("bond tlbDynamicLb in active-backup", 7, "bond.tlbDynamicLb",
		   BOND("\"mode\":1,\"tlbDynamicLb\":1," LINKS2));
	config_bad("bond xmitHashPolicy \"layer5\"", 7, "bond.xmitHashPolicy",
		   BOND("\"xmitHashPolicy\":\"layer5\"," LINKS2));
	config_bad("bond linksInContainer \"yes\"", 7, "bond.linksInContainer",
		   BOND("\"linksInContainer\":\"yes\"," LINKS2));
	config_bad("bond as an array", 7, "bond",
		   HEAD "\"pool\":\"p0\",\"bond\":[]}");
	config_bad("bond with deviceID", 7, "deviceID",
		   HEAD "\"deviceID\":\"0000:03:02.0\",\"bond\":{" LINKS2 "}}");
	config_bad("bond without pool", 7, "pool",
		   HEAD "\"bond\":{" LINKS2 "}}");
}

static void test_bond_result(void)
{
	struct cni_attachment links[2] = {
		{ .ifname = "net1", .sandbox = "/run/netns/p",
		  .mac = "02:00:00:00:00:01", .mtu = 1500,
		  .pci = "0000:03:02.0" },
		{ .ifname = "net2", .sandbox = "/run/netns/p",
		  .mac = "02:00:00:00:00:01", .mtu = 1500 },
	};
	struct cni_attachment att = {
		.ifname = "bond0", .sandbox = "/run/netns/p",
		.mac = "02:00:00:00:00:01", .mtu = 1500,
		.links = links, .n_links = 2,
	};
	json_object *ipam = json_tokener_parse(host_local_result), *r;
	struct cni_error e = { 0 };

	r = cni_result_build(CNI_V(1, 1, 0), "1.1.0", &att, ipam, &e);
	ok(r && streq(jstr(r, "/interfaces/0/name"), "bond0") &&
	   streq(jstr(r, "/interfaces/0/sandbox"), "/run/netns/p") &&
	   !jhas(r, "/interfaces/0/pciID") &&
	   streq(jstr(r, "/interfaces/1/name"), "net1") &&
	   streq(jstr(r, "/interfaces/1/sandbox"), "/run/netns/p") &&
	   streq(jstr(r, "/interfaces/1/mac"), "02:00:00:00:00:01") &&
	   streq(jstr(r, "/interfaces/1/pciID"), "0000:03:02.0") &&
	   streq(jstr(r, "/interfaces/2/name"), "net2") &&
	   !jhas(r, "/interfaces/2/pciID") && !jhas(r, "/interfaces/3"),
	   "result: a bond, then its links with sandbox, mac, pciID");
	ok(r && streq(jstr(r, "/ips/0/interface"), "0") &&
	   streq(jstr(r, "/ips/1/interface"), "0"),
	   "result: a bond's ips are on the bond (interface 0)");
	json_object_put(r);
	json_object_put(ipam);
}

/* A logFile outside CNI_LOG_DIR: code 7 naming logFile and the directory. */
static void log_file_bad(const char *path)
{
	struct cni_config cfg;
	struct cni_error e;
	char json[512];
	int code;

	snprintf(json, sizeof(json), HEAD "\"pool\":\"p\",\"logFile\":\"%s\"}",
		 path);
	code = parse(&cfg, json, &e);
	ok(code == CNI_ERR_INVALID_CONFIG && strstr(e.msg, "logFile") &&
	   strstr(e.msg, CNI_LOG_DIR "/"), "log: logFile %s is code 7 naming "
	   "logFile and " CNI_LOG_DIR "/ (got %d \"%s\")", path, code, e.msg);
	cni_config_free(&cfg);
}

#define PATH_SIZE 128

/* @dir/@name into @out (PATH_SIZE bytes). */
static char *join(char *out, const char *dir, const char *name)
{
	if (snprintf(out, PATH_SIZE, "%s/%s", dir, name) >= PATH_SIZE)
		abort();
	return out;
}

/* @path's contents (NUL-terminated) into @buf; -1 when it cannot be read. */
static ssize_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_log(void)
{
	static const char forged[] = "p\n2026-01-01T00:00:00.000Z vfpool-cni[1] "
				     "info: forged\x01\r\t\x7f";
	static const char escaped[] = "p\\n2026-01-01T00:00:00.000Z "
				      "vfpool-cni[1] info: forged\\x01\\r\\t\\x7f\n";
	char tmp[] = "/tmp/test-cni.XXXXXX", dir[PATH_SIZE], file[PATH_SIZE],
	     errs[PATH_SIZE], target[PATH_SIZE], link[PATH_SIZE],
	     dangling[PATH_SIZE], made[PATH_SIZE], real[PATH_SIZE],
	     linkdir[PATH_SIZE], p[PATH_SIZE], buf[4096];
	int saved_err, err_fd, code, mode;
	struct cni_config cfg;
	struct cni_error e;
	struct stat st;
	mode_t mask;
	bool pass;

	ADD_ENV(NULL);
	log_file_bad("/etc/cron.d/x");
	log_file_bad(CNI_LOG_DIR "/../x");
	log_file_bad(CNI_LOG_DIR "/..");
	log_file_bad(CNI_LOG_DIR "/.");
	log_file_bad(CNI_LOG_DIR "/");
	log_file_bad(CNI_LOG_DIR);
	log_file_bad(CNI_LOG_DIR "x/cni.log");
	log_file_bad(CNI_LOG_DIR "/sub/cni.log");
	log_file_bad(CNI_LOG_DIR "//cni.log");
	log_file_bad("cni.log");
	log_file_bad("vfpool-cni/cni.log");
	code = parse(&cfg, HEAD "\"pool\":\"p\",\"logFile\":\"" CNI_LOG_DIR
		     "/sriov.log\"}", &e);
	ok(!code && !strcmp(cfg.log_file, CNI_LOG_DIR "/sriov.log"),
	   "log: logFile " CNI_LOG_DIR "/sriov.log is accepted (%s)", e.msg);
	cni_config_free(&cfg);

	if (!mkdtemp(tmp)) {
		ok(false, "log: mkdtemp: %m");
		return;
	}
	join(dir, tmp, "log");
	join(file, dir, "cni.log");
	join(errs, tmp, "stderr");
	join(target, tmp, "target");
	join(link, dir, "link.log");
	join(dangling, dir, "dangling.log");
	join(made, tmp, "made");
	join(real, tmp, "real");
	join(linkdir, tmp, "linkdir");
	/* What goes to stderr (a refused file) is read back from a file. */
	fflush(stderr);
	saved_err = dup(STDERR_FILENO);
	err_fd = open(errs, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	dup2(err_fd, STDERR_FILENO);
	close(err_fd);
	/* No umask to hide behind: the modes are the plugin's own. */
	mask = umask(0);

	cni_log_test_dir(dir);
	ok(!cni_log_setup(CNI_LOG_DEBUG, file), "log: a file in the log "
	   "directory is opened, the directory made");
	mode = lstat(dir, &st) || !S_ISDIR(st.st_mode) ? -1 :
	       (int)(st.st_mode & 07777);
	ok(mode == 0700, "log: the directory is made 0700 (%o)", mode);
	mode = lstat(file, &st) || !S_ISREG(st.st_mode) ? -1 :
	       (int)(st.st_mode & 07777);
	ok(mode == 0600, "log: the file is made 0600 (%o)", mode);
	cni_log(CNI_LOG_INFO, "pool %s", forged);
	pass = slurp(file, buf, sizeof(buf)) > 0 && lines(buf) == 1 &&
	       strstr(buf, " info: pool ") &&
	       !strcmp(strstr(buf, " info: pool ") + 12, escaped);
	ok(pass, "log: \\n, \\r, \\t, \\x01, \\x7f of a string are escaped, "
	   "one line");
	cni_log(CNI_LOG_DEBUG, "second %s", "line");
	ok(slurp(file, buf, sizeof(buf)) > 0 && lines(buf) == 2 &&
	   strstr(buf, escaped) && strstr(buf, "debug: second line\n"),
	   "log: lines are appended");

	/* A link at the file's name: refused, the file it names untouched. */
	close(open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
	pass = !symlink(target, link);
	code = cni_log_setup(CNI_LOG_DEBUG, link);
	cni_log(CNI_LOG_ERROR, "through the link");
	ok(pass && code == -ELOOP, "log: a link at logFile is not followed "
	   "(%d)", code);
	ok(!lstat(target, &st) && !st.st_size,
	   "log: the file behind the link stays empty");
	ok(slurp(errs, buf, sizeof(buf)) > 0 &&
	   strstr(buf, "link.log: Too many levels of symbolic links; logging "
		  "to stderr\n") && strstr(buf, "error: through the link\n"),
	   "log: the refusal and the log go to stderr");

	/* A dangling link: nothing made where it points. */
	pass = !symlink(made, dangling);
	code = cni_log_setup(CNI_LOG_DEBUG, dangling);
	cni_log(CNI_LOG_ERROR, "through the dangling link");
	ok(pass && code == -ELOOP && lstat(made, &st) && errno == ENOENT,
	   "log: a dangling link at logFile makes nothing (%d)", code);

	/* The log directory a link: refused, nothing made behind it. */
	pass = !mkdir(real, 0700) && !symlink(real, linkdir);
	cni_log_test_dir(linkdir);
	code = cni_log_setup(CNI_LOG_DEBUG, join(p, linkdir, "cni.log"));
	/* O_DIRECTORY | O_NOFOLLOW on a link: Linux says ENOTDIR. */
	ok(pass && (code == -ENOTDIR || code == -ELOOP) &&
	   lstat(join(p, real, "cni.log"), &st) && errno == ENOENT,
	   "log: a link as the log directory is refused (%d)", code);

	/* Not a directory, or a directory others may write: refused. */
	cni_log_test_dir(errs);
	code = cni_log_setup(CNI_LOG_DEBUG, join(p, errs, "cni.log"));
	ok(code == -ENOTDIR, "log: a file as the log directory is refused "
	   "(%d)", code);
	pass = !chmod(real, 0777);
	cni_log_test_dir(real);
	code = cni_log_setup(CNI_LOG_DEBUG, join(p, real, "cni.log"));
	ok(pass && code == -EPERM && lstat(p, &st) && errno == ENOENT,
	   "log: a log directory others may write is refused (%d)", code);

	/* A file name outside the directory, past config checks: refused. */
	cni_log_test_dir(dir);
	code = cni_log_setup(CNI_LOG_DEBUG, join(p, dir, "../escape.log"));
	ok(code == -EINVAL && lstat(join(p, tmp, "escape.log"), &st) &&
	   errno == ENOENT, "log: opening re-checks the name (%d)", code);

	/* On stderr, the same escaping. */
	cni_log(CNI_LOG_ERROR, "pool %s", forged);
	ok(slurp(errs, buf, sizeof(buf)) > 0 && strstr(buf, escaped) &&
	   !strstr(buf, "\n2026-01-01") && !strchr(buf, '\x01'),
	   "log: stderr's lines are escaped too");

	cni_log_setup(-1, NULL);
	cni_log_test_dir(NULL);
	umask(mask);
	dup2(saved_err, STDERR_FILENO);
	close(saved_err);
	unlink(file);
	unlink(link);
	unlink(dangling);
	rmdir(dir);
	unlink(target);
	unlink(linkdir);
	rmdir(real);
	unlink(errs);
	if (rmdir(tmp))
		ok(false, "log: %s left behind: %m", tmp);
}

/* cni_pod_cpuset() against a cgroup tree made of plain files. */
static void test_pod_cpuset(void)
{
	char root[] = "/tmp/test-cni-cg.XXXXXX", path[256], cpus[64];
	struct cni_error e;
	int fd;

	if (!mkdtemp(root)) {
		ok(false, "pod cpuset: mkdtemp: %s", strerror(errno));
		return;
	}
#define MK(rel) (snprintf(path, sizeof(path), "%s/%s", root, rel), mkdir(path, 0755))
#define PUT(rel, text) (snprintf(path, sizeof(path), "%s/%s", root, rel), \
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), \
		(fd >= 0 && write(fd, text, strlen(text)) >= 0), close(fd))
	MK("kubepods");
	MK("kubepods/pod1");
	PUT("kubepods/pod1/cgroup.controllers", "cpuset cpu\n");
	PUT("kubepods/pod1/cpuset.cpus.effective", "2-3,6\n");
	MK("kubepods/nocpuset");
	PUT("kubepods/nocpuset/cgroup.controllers", "cpu\n");
	MK("kubepods/plain");
	MK("kubepods/empty");
	PUT("kubepods/empty/cgroup.controllers", "cpuset\n");
	PUT("kubepods/empty/cpuset.cpus.effective", "\n");
	snprintf(path, sizeof(path), "%s/kubepods/link", root);
	if (symlink("pod1", path))
		ok(false, "pod cpuset: symlink: %s", strerror(errno));

	memset(&e, 0, sizeof(e));
	ok(!cni_pod_cpuset(root, "/kubepods/pod1", cpus, sizeof(cpus), &e) &&
	   !strcmp(cpus, "2-3,6"), "pod cpuset: cpuset.cpus.effective of the "
	   "cgroup, newline cut (%s)", e.msg);
#define BAD(p, want) do {						\
		memset(&e, 0, sizeof(e));				\
		ok(cni_pod_cpuset(root, p, cpus, sizeof(cpus), &e) == 7 &&	\
		   strstr(e.msg, want), "pod cpuset: %s: %s (%s)", p, want, e.msg); \
	} while (0)
	BAD("/kubepods/nosuch", "no such cgroup");
	BAD("/kubepods/../kubepods/pod1", "without \".\" or \"..\"");
	BAD("kubepods/pod1", "not an absolute cgroup path");
	BAD("/kubepods//pod1", "not an absolute cgroup path");
	BAD("/kubepods/./pod1", "not an absolute cgroup path");
	BAD("/kubepods/link", "symlinks are not followed");
	BAD("/kubepods/plain", "not a cgroup");
	BAD("/kubepods/nocpuset", "no cpuset.cpus.effective");
	BAD("/kubepods/empty", "is empty");
#undef BAD
#undef PUT
#undef MK
	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	if (system(path))
		ok(false, "pod cpuset: cleanup");
}

int main(void)
{
	char *buf;
	size_t len;

	results = open_memstream(&buf, &len);
	if (!results)
		return 1;
	test_env();
	test_config_good();
	test_wait();
	test_mac();
	test_config_bad();
	test_args();
	test_versions();
	test_result();
	test_error_json();
	test_cidr();
	test_irq();
	test_pod_cpuset();
	test_bond();
	test_bond_result();
	test_log();
	fclose(results);
	printf("TAP version 13\n1..%d\n%s", tests, buf);
	free(buf);
	if (failures)
		printf("# %d of %d failed\n", failures, tests);
	return failures ? 1 : 0;
}
