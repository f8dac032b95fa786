// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * Text forms shared by the CLI and the CNI plugin: names of enum values
 * (the words users see in output and JSON), and strict MAC and PCI
 * address parsing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include "vfpool.h"

#define NAME(table, value) \
	((value) < sizeof(table) / sizeof(table[0]) ? table[value] : NULL)

const char *vfpool_member_state_name(uint32_t state)
{
	static const char *const names[] = {
		[VFPOOL_MEMBER_FREE]	= "free",
		[VFPOOL_MEMBER_LEASED]	= "leased",
		[VFPOOL_MEMBER_GONE]	= "gone",
		[VFPOOL_MEMBER_BUSY]	= "busy",
	};

	return NAME(names, state);
}

const char *vfpool_event_name(uint32_t event)
{
	static const char *const names[] = {
		[VFPOOL_EVENT_POOL_NEW]		= "pool-new",
		[VFPOOL_EVENT_POOL_DEL]		= "pool-del",
		[VFPOOL_EVENT_MEMBER_ADD]	= "member-add",
		[VFPOOL_EVENT_MEMBER_DEL]	= "member-del",
		[VFPOOL_EVENT_MEMBER_GONE]	= "member-gone",
		[VFPOOL_EVENT_MEMBER_BACK]	= "member-back",
		[VFPOOL_EVENT_LEASE_GRANTED]	= "lease-granted",
		[VFPOOL_EVENT_LEASE_RELEASED]	= "lease-released",
		[VFPOOL_EVENT_LEASE_RECLAIMED]	= "lease-reclaimed",
		[VFPOOL_EVENT_LEASE_BOND_JOIN]	= "lease-bond-join",
		[VFPOOL_EVENT_LEASE_BOND_LEAVE]	= "lease-bond-leave",
	};

	return NAME(names, event);
}

const char *vfpool_reason_name(uint32_t reason)
{
	static const char *const names[] = {
		[VFPOOL_REASON_REQUEST]		= "request",
		[VFPOOL_REASON_NETNS_GONE]	= "netns-gone",
		[VFPOOL_REASON_MEMBER_GONE]	= "member-gone",
		[VFPOOL_REASON_POOL_DELETED]	= "pool-deleted",
	};

	return NAME(names, reason);
}

const char *vfpool_link_state_name(uint32_t link_state)
{
	static const char *const names[] = {
		[IFLA_VF_LINK_STATE_AUTO]	= "auto",
		[IFLA_VF_LINK_STATE_ENABLE]	= "enable",
		[IFLA_VF_LINK_STATE_DISABLE]	= "disable",
	};

	return NAME(names, link_state);
}

const char *vfpool_vlan_proto_name(uint16_t proto)
{
	switch (proto) {
	case ETH_P_8021Q:	return "802.1Q";
	case ETH_P_8021AD:	return "802.1ad";
	default:		return NULL;
	}
}

const char *vfpool_irq_policy_name(uint32_t policy)
{
	static const char *const names[] = {
		[VFPOOL_IRQ_POLICY_NONE]	= "none",
		[VFPOOL_IRQ_POLICY_SPREAD]	= "spread",
		[VFPOOL_IRQ_POLICY_NUMA_LOCAL]	= "numa-local",
		[VFPOOL_IRQ_POLICY_CPUS]	= "cpus",
	};

	return NAME(names, policy);
}

int vfpool_irq_policy_parse(const char *s)
{
	uint32_t i;

	for (i = 0; i <= VFPOOL_IRQ_POLICY_MAX; i++)
		if (!strcmp(s, vfpool_irq_policy_name(i)))
			return i;
	return -EINVAL;
}

const char *vfpool_vector_status_name(uint32_t status)
{
	static const char *const names[] = {
		[VFPOOL_VECTOR_STATUS_UNTOUCHED]	= "untouched",
		[VFPOOL_VECTOR_STATUS_SET]		= "set",
		[VFPOOL_VECTOR_STATUS_MANAGED]		= "managed",
		[VFPOOL_VECTOR_STATUS_FIXED]		= "fixed",
		[VFPOOL_VECTOR_STATUS_FAILED]		= "failed",
		[VFPOOL_VECTOR_STATUS_DRIFT]		= "drift",
	};

	return NAME(names, status);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int vfpool_mac_parse(const char *s, uint8_t mac[6])
{
	uint8_t out[6];
	int i, hi, lo;

	for (i = 0; i < 6; i++, s += 3) {
		hi = hex_digit(s[0]);
		lo = hi < 0 ? -1 : hex_digit(s[1]);
		if (lo < 0 || s[2] != (i == 5 ? '\0' : ':'))
			return -EINVAL;
		out[i] = hi << 4 | lo;
	}
	memcpy(mac, out, sizeof(out));
	return 0;
}

void vfpool_mac_format(const uint8_t mac[6], char buf[18])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	/* Two per lease in every JSON list: no printf. */
	for (i = 0; i < 6; i++) {
		buf[3 * i] = hex[mac[i] >> 4];
		buf[3 * i + 1] = hex[mac[i] & 0xf];
		buf[3 * i + 2] = i < 5 ? ':' : 0;
	}
}

/* Between min and max hex digits at *s, ending at the character end. */
static int hex_field(const char **s, int min, int max, char end,
		     unsigned int *value)
{
	const char *p = *s;
	unsigned int v = 0;
	int d, n = 0;

	while ((d = hex_digit(*p)) >= 0 && n < max) {
		v = v << 4 | d;
		p++;
		n++;
	}
	if (n < min || *p != end)
		return -EINVAL;
	*s = p + (end != '\0');
	*value = v;
	return 0;
}

int vfpool_pci_parse(const char *s, char out[VFPOOL_PCI_ADDR_MAX + 1])
{
	unsigned int domain = 0, bus, dev, fn;
	const char *colon = strchr(s, ':');

	if (colon && strchr(colon + 1, ':') &&
	    hex_field(&s, 1, 8, ':', &domain))
		return -EINVAL;
	if (hex_field(&s, 2, 2, ':', &bus) || hex_field(&s, 2, 2, '.', &dev) ||
	    hex_field(&s, 1, 1, '\0', &fn) || dev > 0x1f || fn > 7)
		return -EINVAL;
	snprintf(out, VFPOOL_PCI_ADDR_MAX + 1, "%04x:%02x:%02x.%x",
		 domain, bus, dev, fn);
	return 0;
}

int vfpool__set_str(uint64_t *present, int attr, char *dst, size_t size,
		    const char *src)
{
	size_t len = src ? strlen(src) : 0;

	if (!len)
		return -EINVAL;
	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(dst, src, len + 1);
	*present |= VFPOOL_BIT(attr);
	return 0;
}
