// SPDX-License-Identifier: (GPL-2.0 OR MIT)
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

int match_table(const char *word, const void *table, size_t n, size_t stride)
{
	size_t len = strlen(word), i;
	int found = MATCH_UNKNOWN;

	for (i = 0; i < n; i++) {
		const char *name = *(const char *const *)
				   ((const char *)table + i * stride);

		if (!strcmp(word, name))
			return i;
		if (len && !strncmp(word, name, len))
			found = found == MATCH_UNKNOWN ? (int)i : MATCH_AMBIGUOUS;
	}
	return found;
}

int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	const char *p;
	char *end;

	if (!*s)
		return -EINVAL;
	for (p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	uint64_t v;
	int err = parse_u64(s, min, max, &v);

	if (!err)
		*out = v;
	return err;
}

int parse_on_off(const char *s, bool *out)
{
	static const char *const words[] = { "on", "off" };
	int i = match_names(s, words);

	if (i < 0)
		return -EINVAL;
	*out = i == 0;
	return 0;
}

bool valid_ifname(const char *s)
{
	size_t len = strlen(s);

	if (!len || len > 15 || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s))
			return false;
	return true;
}
