/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* Argument parsing that prints nothing, so test-args.c can test it. */
#ifndef VFPOOL_ARGS_H
#define VFPOOL_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define MATCH_UNKNOWN	(-1)
#define MATCH_AMBIGUOUS	(-2)

/*
 * iproute2-style matching: the index of the entry word names exactly, or
 * else of the one entry word is a prefix of (the empty word is only an
 * exact match). Entries are structs of stride bytes that start with their
 * const char *name.
 */
int match_table(const char *word, const void *table, size_t n,
		size_t stride);
#define match_names(word, names) \
	match_table(word, names, ARRAY_SIZE(names), sizeof((names)[0]))

/* Decimal only: no sign, no blanks, no base prefix. 0 or -EINVAL/-ERANGE. */
int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);
/* "on" or "off" (or a unique prefix of one): 0 or -EINVAL. */
int parse_on_off(const char *s, bool *out);
/* The kernel's dev_valid_name(): 1..15 bytes, not . or .., no / : space. */
bool valid_ifname(const char *s);

#endif /* VFPOOL_ARGS_H */
