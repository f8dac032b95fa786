// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * What the plugin prints: ADD results, error objects and VERSION answers,
 * each in the form of the cniVersion the runtime asked for. 0.3.x and
 * 0.4.0 results carry "version" on each IP; 1.0.0 dropped it; 1.1.0 adds
 * "mtu" and "pciID" to interfaces. A bond is interface 0, its links
 * follow it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cni.h"

int cni_parse_ip(const char *s, int *family, uint8_t addr[16])
{
	if (inet_pton(AF_INET, s, addr) == 1) {
		*family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, addr) == 1) {
		*family = AF_INET6;
		return 0;
	}
	return -EINVAL;
}

int cni_parse_cidr(const char *s, int *family, uint8_t addr[16],
		   unsigned int *plen)
{
	const char *slash = strchr(s, '/');
	char ip[INET6_ADDRSTRLEN];
	unsigned long n;
	char *end;

	if (!slash || (size_t)(slash - s) >= sizeof(ip) || !slash[1])
		return -EINVAL;
	memcpy(ip, s, slash - s);
	ip[slash - s] = '\0';
	if (cni_parse_ip(ip, family, addr))
		return -EINVAL;
	if (slash[1] < '0' || slash[1] > '9')
		return -EINVAL;
	n = strtoul(slash + 1, &end, 10);
	if (*end || n > (*family == AF_INET ? 32U : 128U))
		return -EINVAL;
	*plen = n;
	return 0;
}

static void put_str(json_object *obj, const char *key, const char *value)
{
	json_object_object_add(obj, key, json_object_new_string(value));
}

/* One IPAM ip entry, checked and put in the form of @ver. */
static json_object *result_ip(int ver, json_object *in, size_t i,
			      struct cni_error *e)
{
	json_object *out = NULL, *v;
	uint8_t addr[16];
	unsigned int plen;
	int family, gw_family;

	if (!json_object_is_type(in, json_type_object) ||
	    !json_object_object_get_ex(in, "address", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    cni_parse_cidr(json_object_get_string(v), &family, addr, &plen)) {
		cni_err(e, CNI_ERR_IPAM, "ipam result: ips[%zu]: expected "
			"an \"address\" in CIDR form", i);
		return NULL;
	}
	if (json_object_object_get_ex(in, "gateway", &v) &&
	    (!json_object_is_type(v, json_type_string) ||
	     cni_parse_ip(json_object_get_string(v), &gw_family, addr) ||
	     gw_family != family)) {
		cni_err(e, CNI_ERR_IPAM, "ipam result: ips[%zu]: gateway is "
			"not an address of the same family", i);
		return NULL;
	}
	if (json_object_deep_copy(in, &out, NULL))
		return NULL;
	json_object_object_del(out, "version");
	json_object_object_del(out, "interface");
	if (ver < CNI_V(1, 0, 0))
		put_str(out, "version", family == AF_INET ? "4" : "6");
	json_object_object_add(out, "interface", json_object_new_int(0));
	return out;
}

static json_object *copy(json_object *obj, const char *key)
{
	json_object *v, *out = NULL;

	if (!obj || !json_object_object_get_ex(obj, key, &v) ||
	    json_object_deep_copy(v, &out, NULL))
		return NULL;
	return out;
}

static json_object *result_iface(int ver, const struct cni_attachment *att)
{
	json_object *iface = json_object_new_object();

	put_str(iface, "name", att->ifname);
	if (att->mac)
		put_str(iface, "mac", att->mac);
	if (ver >= CNI_V(1, 1, 0) && att->mtu)
		json_object_object_add(iface, "mtu",
				       json_object_new_int64(att->mtu));
	if (att->sandbox)
		put_str(iface, "sandbox", att->sandbox);
	if (ver >= CNI_V(1, 1, 0) && att->pci)
		put_str(iface, "pciID", att->pci);
	return iface;
}

json_object *cni_result_build(int ver, const char *version,
			      const struct cni_attachment *att,
			      json_object *ipam_result, struct cni_error *e)
{
	json_object *res = json_object_new_object();
	json_object *ifs = json_object_new_array();
	json_object *ips = json_object_new_array(), *in, *ip, *v;
	size_t i, n = 0;

	put_str(res, "cniVersion", version);
	/* Ours first: ips point at interface 0. A bond's links follow. */
	json_object_array_add(ifs, result_iface(ver, att));
	for (i = 0; i < att->n_links; i++)
		json_object_array_add(ifs, result_iface(ver, &att->links[i]));
	json_object_object_add(res, "interfaces", ifs);

	in = NULL;
	if (ipam_result && json_object_object_get_ex(ipam_result, "ips", &in) &&
	    !json_object_is_type(in, json_type_array)) {
		cni_err(e, CNI_ERR_IPAM, "ipam result: ips: expected an array");
		goto err;
	}
	if (in)
		n = json_object_array_length(in);
	for (i = 0; i < n; i++) {
		ip = result_ip(ver, json_object_array_get_idx(in, i), i, e);
		if (!ip)
			goto err;
		json_object_array_add(ips, ip);
	}
	if (n)
		json_object_object_add(res, "ips", ips);
	else
		json_object_put(ips);
	ips = NULL;
	v = copy(ipam_result, "routes");
	if (v && !json_object_is_type(v, json_type_array)) {
		json_object_put(v);
		cni_err(e, CNI_ERR_IPAM, "ipam result: routes: expected an array");
		goto err;
	}
	if (v)
		json_object_object_add(res, "routes", v);
	v = copy(ipam_result, "dns");
	if (v)
		json_object_object_add(res, "dns", v);
	return res;
err:
	if (!e->code)
		cni_err(e, CNI_ERR_IO, "out of memory");
	json_object_put(ips);
	json_object_put(res);
	return NULL;
}

json_object *cni_error_json(const char *version, const struct cni_error *e)
{
	json_object *obj = json_object_new_object();

	put_str(obj, "cniVersion", version ? version : CNI_VERSION_LATEST);
	json_object_object_add(obj, "code", json_object_new_int(e->code));
	put_str(obj, "msg", e->msg);
	if (e->details[0])
		put_str(obj, "details", e->details);
	return obj;
}

json_object *cni_version_json(const char *version)
{
	json_object *obj = json_object_new_object();
	json_object *list = json_object_new_array();
	int i;

	put_str(obj, "cniVersion", cni_version_parse(version) ?
		version : CNI_VERSION_LATEST);
	for (i = 0; cni_supported_versions[i]; i++)
		json_object_array_add(list, json_object_new_string(
						cni_supported_versions[i]));
	json_object_object_add(obj, "supportedVersions", list);
	return obj;
}
