/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/* What the vfpool CLI's files share. */
#ifndef VFPOOL_CLI_H
#define VFPOOL_CLI_H

#include <stdio.h>
#include <json-c/json.h>

#include "args.h"
#include "vfpool.h"

/* Exit codes, see main.c */
#define EXIT_OK		0
#define EXIT_ERROR	1
#define EXIT_NOMODULE	2

struct command {
	const char *name;		/* first, for match_table() */
	int (*function)(int argc, char **argv);
	const char *help;		/* grammar after "vfpool OBJECT " */
};

/* main.c */
extern bool json_output;
extern bool pretty_output;

/* Runs the command argv[0] names; none: default (NULL: usage error). */
int run_command(const char *object, const struct command *commands,
		size_t n, const char *default_command, int argc, char **argv);
/* Print why, then the current object's usage on stderr; returns 1. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One keyword of names[] at *argv, or a usage error (returns < 0). */
int keyword(const char *word, const char *const *names, size_t n);
#define KEYWORD(word, names)	keyword(word, names, ARRAY_SIZE(names))
/* Number arguments: a usage error when out of range. */
int arg_u32(const char *key, const char *s, uint32_t min, uint32_t max,
	    uint32_t *out);
int arg_u64(const char *key, const char *s, uint64_t min, uint64_t *out);
/* A string of 1..max bytes, or a usage error. */
int arg_str(const char *what, const char *s, size_t max);
/* A device name for the kernel, or a usage error. */
int arg_ifname(const char *what, const char *s);
/* A PCI address, normalized into out, or a usage error. */
int arg_pci(const char *s, char out[VFPOOL_PCI_ADDR_MAX + 1]);
/* A keyword given twice is a usage error. */
int once(uint32_t *seen, int keyword, const char *name);
/* An error that is not a usage error ("cannot open ..."); returns 1. */
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A library or kernel error, with the extack when there is one. */
int report(struct vfpool *vp, int err);
/* Open the handle, or report why not (the exit code). */
int open_vfpool(struct vfpool **vpp);
/* The exit code of a command that got err, closing vp. */
int finish(struct vfpool *vp, int err);

#define NEXT_ARG() do {							\
	argc--, argv++;							\
	if (argc <= 0)							\
		return usage_error("\"%s\" needs a value", argv[-1]);	\
} while (0)

/* print.c */
struct table;
struct table *table_new(size_t ncols, ...);	/* the column titles */
void table_cell(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void table_print(struct table *t, FILE *f);	/* and frees it; f NULL: only that */

/* json.c: one description of an object's JSON, as a tree or as text. */
#define JW_DEPTH	4
struct jw {
	FILE *f;			/* text to f; NULL: a json-c tree */
	struct json_object *tree;	/* the tree's root, once begun */
	struct json_object *stack[JW_DEPTH];
	unsigned int members[JW_DEPTH];	/* text: values in each open object */
	int depth;
};
void jw_begin(struct jw *w, const char *key);	/* an object; key NULL: the root */
void jw_end(struct jw *w);
void jw_null(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *key, const char *s);	/* NULL: null */
void jw_int(struct jw *w, const char *key, int64_t v);
void jw_uint(struct jw *w, const char *key, uint64_t v);
void jw_bool(struct jw *w, const char *key, bool v);

struct json_object *json_pool(const struct vfpool_pool *pool);
struct json_object *json_member(const struct vfpool_member *member);
struct json_object *json_lease(const struct vfpool_lease *lease);
/* The same as json-c's plain text (JSON_C_TO_STRING_NOSLASHESCAPE). */
void text_pool(FILE *f, const struct vfpool_pool *pool);
void text_member(FILE *f, const struct vfpool_member *member);
void text_lease(FILE *f, const struct vfpool_lease *lease);
void json_print(struct json_object *obj);	/* one line or pretty; puts */

/*
 * Collected results, printed at the end as a table or a JSON array. A
 * list with .stream set (a show's dump) is written as it comes under -j
 * without -p, an element at a time, and nothing is kept: 16384 leases
 * are 16 MiB as structs. The library hands a dump over only once it is
 * complete, so an element written is never taken back.
 */
struct list {
	void *items;
	size_t count;		/* kept, or written when streamed */
	size_t cap;
	size_t size;
	bool stream;
};
int list_add(struct list *list, const void *item);
void list_free(struct list *list);
int list_pool(const struct vfpool_pool *pool, void *list);
int list_member(const struct vfpool_member *member, void *list);
int list_lease(const struct vfpool_lease *lease, void *list);
void print_pools(const struct list *pools);
void print_members(const struct list *members);
void print_leases(const struct list *leases);

/* Text of the parts of objects, shared by tables and monitor lines. */
const char *member_state(const struct vfpool_member *m);
const char *member_where(const struct vfpool_member *m, char *buf,
			 size_t size);
/* A lease's bond: its name, else "ifindex N"; NULL when in none. */
const char *lease_bond(const struct vfpool_lease *l, char *buf, size_t size);

/* The objects */
int pool_main(int argc, char **argv);
int member_main(int argc, char **argv);
int lease_main(int argc, char **argv);
int bond_main(int argc, char **argv);
int monitor_main(int argc, char **argv);
int irq_main(int argc, char **argv);

/* irq.c: POLICY [LIST] at argv, for irq set and pool add */
int irq_cpus_arg(const char *what, const char *arg, char *cpus, size_t size);
int irq_policy_arg(int argc, char **argv, uint32_t *policy, char *cpus,
		   size_t size);

#endif /* VFPOOL_CLI_H */
