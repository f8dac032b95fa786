// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * One description of each object's JSON, two outputs: a json-c tree
 * (for -p, monitor and single objects) or plain text written straight
 * to a stream (for -j lists). A list of 16384 leases as json-c objects
 * is some 600,000 allocations only to be serialised and freed; as text
 * it is a few writes per key, like iproute2's json_writer.
 *
 * The text is byte for byte what json-c writes with
 * JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE: the same
 * escapes and no spaces. test-args compares the two.
 */
#include <string.h>

#include "cli.h"

/*
 * Keys are string literals, each added once to its object: json-c need
 * neither copy them nor look for an old value.
 */
static void tree_add(struct jw *w, const char *key, struct json_object *v)
{
	json_object_object_add_ex(w->stack[w->depth - 1], key, v,
				  JSON_C_OBJECT_ADD_KEY_IS_NEW |
				  JSON_C_OBJECT_ADD_CONSTANT_KEY);
}

/* A string's text, escaped as json-c escapes it. */
static void text_string(FILE *f, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;
	unsigned char c;

	putc_unlocked('"', f);
	for (; (c = *s); s++) {
		const char *esc;

		switch (c) {
		case '\b': esc = "\\b"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\f': esc = "\\f"; break;
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		default:
			if (c >= ' ')
				continue;
			esc = NULL;
		}
		fwrite_unlocked(run, 1, s - run, f);
		run = s + 1;
		if (esc) {
			fputs_unlocked(esc, f);
		} else {
			fputs_unlocked("\\u00", f);
			putc_unlocked(hex[c >> 4], f);
			putc_unlocked(hex[c & 0xf], f);
		}
	}
	fwrite_unlocked(run, 1, s - run, f);
	putc_unlocked('"', f);
}

/* Text: the separator and key in front of a value of the open object. */
static void text_key(struct jw *w, const char *key)
{
	if (!w->depth)
		return;
	if (w->members[w->depth - 1]++)
		putc_unlocked(',', w->f);
	text_string(w->f, key);
	putc_unlocked(':', w->f);
}

void jw_begin(struct jw *w, const char *key)
{
	struct json_object *o;

	if (w->depth == JW_DEPTH)
		abort();	/* a bug of ours: the objects are fixed */
	if (w->f) {
		text_key(w, key);
		putc_unlocked('{', w->f);
		w->members[w->depth++] = 0;
		return;
	}
	o = json_object_new_object();
	if (w->depth)
		tree_add(w, key, o);
	else
		w->tree = o;
	w->stack[w->depth++] = o;
}

void jw_end(struct jw *w)
{
	w->depth--;
	if (w->f)
		putc_unlocked('}', w->f);
}

void jw_null(struct jw *w, const char *key)
{
	if (!w->f) {
		tree_add(w, key, NULL);
		return;
	}
	text_key(w, key);
	fputs_unlocked("null", w->f);
}

void jw_str(struct jw *w, const char *key, const char *s)
{
	if (!s) {
		jw_null(w, key);
	} else if (!w->f) {
		tree_add(w, key, json_object_new_string(s));
	} else {
		text_key(w, key);
		text_string(w->f, s);
	}
}

/* Decimal digits, without printf's parsing of a format per number. */
static void text_uint(FILE *f, uint64_t v)
{
	char buf[20], *p = buf + sizeof(buf);

	do {
		*--p = '0' + v % 10;
		v /= 10;
	} while (v);
	fwrite_unlocked(p, 1, buf + sizeof(buf) - p, f);
}

void jw_int(struct jw *w, const char *key, int64_t v)
{
	if (!w->f) {
		tree_add(w, key, json_object_new_int64(v));
		return;
	}
	text_key(w, key);
	if (v < 0)
		putc_unlocked('-', w->f);
	text_uint(w->f, v < 0 ? -(uint64_t)v : (uint64_t)v);
}

void jw_uint(struct jw *w, const char *key, uint64_t v)
{
	if (!w->f) {
		tree_add(w, key, json_object_new_uint64(v));
		return;
	}
	text_key(w, key);
	text_uint(w->f, v);
}

void jw_bool(struct jw *w, const char *key, bool v)
{
	if (!w->f) {
		tree_add(w, key, json_object_new_boolean(v));
		return;
	}
	text_key(w, key);
	fputs_unlocked(v ? "true" : "false", w->f);
}
