// SPDX-License-Identifier: (GPL-2.0 OR MIT)
/*
 * vfpool: manage the pools of SR-IOV VFs of the vfpool kernel module.
 *
 *   vfpool [-j|--json] [-p|--pretty] [-V|--version] [-h|--help]
 *          OBJECT COMMAND ...
 *
 * Objects and commands match by unique prefix, as in iproute2 ("vfpool l s"
 * is "vfpool lease show"); "vfpool OBJECT help" prints an object's usage,
 * and an object without a command shows its objects.
 *
 * Exit codes
 *   0  success (a lease del that matched nothing is a success)
 *   1  usage error (the object's usage goes to stderr), or an error from
 *      the kernel or the system (its message and the kernel's extack go
 *      to stderr)
 *   2  the kernel module is not loaded (the "vfpool" genetlink family
 *      does not exist), or it was unloaded under "vfpool monitor"
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

bool json_output;
bool pretty_output;

static const struct {
	const char *name;		/* first, for match_table() */
	int (*function)(int argc, char **argv);
	const char *help;
} objects[] = {
	{ "pool", pool_main, "pools of VFs, created from a PF or empty" },
	{ "member", member_main, "the VFs of a pool" },
	{ "lease", lease_main, "VFs handed to containers" },
	{ "bond", bond_main, "leased VFs enslaved to a bond in their netns" },
	{ "irq", irq_main, "interrupts of members, placed on CPUs by policy" },
	{ "monitor", monitor_main, "print every event until interrupted" },
	{ "help", NULL, "this text" },
};

/* What usage_error() and report() name: set by run_command(). */
static const char *cur_object;
static const char *cur_command;
static const struct command *cur_commands;
static size_t cur_ncommands;

/*
 * Each help line is a command after "vfpool OBJECT "; a line that starts
 * with a blank continues the one before it.
 */
static void print_commands(FILE *f, const char *object,
			   const struct command *commands, size_t n,
			   const char *first)
{
	int indent = strlen("Usage: vfpool ") + strlen(object) + 1;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *line = commands[i].help;

		while (line && *line) {
			size_t len = strcspn(line, "\n");

			if (*line == ' ')
				fprintf(f, "%*s", indent, "");
			else
				fprintf(f, "%-6s vfpool %s ", first, object);
			fprintf(f, "%.*s\n", (int)len, line);
			first = "";
			line += len + (line[len] == '\n');
		}
	}
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: vfpool [-j|--json] [-p|--pretty] [-V|--version] "
		   "[-h|--help] OBJECT COMMAND ...\n\nObjects:\n");
	for (i = 0; i < ARRAY_SIZE(objects); i++)
		fprintf(f, "  %-9s%s\n", objects[i].name, objects[i].help);
	fprintf(f, "\nRun \"vfpool OBJECT help\" for the commands of an "
		   "object.\nExit codes: 0 success, 1 error, 2 kernel module "
		   "not loaded.\n");
}

static void object_usage(FILE *f)
{
	size_t i;

	for (i = 0; i < cur_ncommands; i++)
		if (cur_commands[i].help)
			break;
	if (i == cur_ncommands)	/* an object without commands */
		fprintf(f, "Usage: vfpool %s\n", cur_object);
	else
		print_commands(f, cur_object, cur_commands, cur_ncommands,
			       "Usage:");
}

/* "vfpool: lease add: ", "vfpool: monitor: " or "vfpool: " */
static void print_prefix(void)
{
	fprintf(stderr, "vfpool: ");
	if (cur_object)
		fprintf(stderr, "%s%s%s: ", cur_object, cur_command ? " " : "",
			cur_command ? cur_command : "");
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	print_prefix();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cur_commands)
		object_usage(stderr);
	else
		usage(stderr);
	return EXIT_ERROR;
}

int fail(const char *fmt, ...)
{
	va_list ap;

	print_prefix();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_ERROR;
}

int report(struct vfpool *vp, int err)
{
	const char *ext = vfpool_ext_msg(vp);

	if (err == -VFPOOL_ENOMODULE) {
		fprintf(stderr, "vfpool: kernel module not loaded (modprobe vfpool)\n");
		return EXIT_NOMODULE;
	}
	if (*ext)
		return fail("%s: %s", vfpool_strerror(err), ext);
	/* What the kernel says without an extack, and what to do. */
	if (err == -EPERM)
		return fail("%s (vfpool needs CAP_NET_ADMIN: run as root)",
			    vfpool_strerror(err));
	return fail("%s", vfpool_strerror(err));
}

int open_vfpool(struct vfpool **vpp)
{
	int err = vfpool_open(vpp);

	return err ? report(NULL, err) : 0;
}

static int no_match(const char *what, const char *word, int match,
		    const void *table, size_t n, size_t stride)
{
	size_t len = strlen(word), i, used = 0;
	char names[256] = "";

	if (match != MATCH_AMBIGUOUS)
		return usage_error("unknown %s \"%s\"", what, word);
	for (i = 0; i < n && used < sizeof(names); i++) {
		const char *name = *(const char *const *)
				   ((const char *)table + i * stride);

		if (!strncmp(word, name, len))
			used += snprintf(names + used, sizeof(names) - used,
					 "%s%s", used ? ", " : "", name);
	}
	return usage_error("ambiguous %s \"%s\": %s", what, word, names);
}

int keyword(const char *word, const char *const *names, size_t n)
{
	int i = match_table(word, names, n, sizeof(*names));

	if (i < 0) {
		no_match("keyword", word, i, names, n, sizeof(*names));
		return -1;
	}
	return i;
}

int arg_u32(const char *key, const char *s, uint32_t min, uint32_t max,
	    uint32_t *out)
{
	if (parse_u32(s, min, max, out))
		return usage_error("%s \"%s\": expected a number from %u to %u",
				   key, s, min, max);
	return 0;
}

int arg_u64(const char *key, const char *s, uint64_t min, uint64_t *out)
{
	if (parse_u64(s, min, UINT64_MAX, out))
		return usage_error("%s \"%s\": expected a number from %llu",
				   key, s, (unsigned long long)min);
	return 0;
}

int arg_str(const char *what, const char *s, size_t max)
{
	if (!*s)
		return usage_error("%s must not be empty", what);
	if (strlen(s) > max)
		return usage_error("%s \"%s\" is longer than %zu bytes", what, s,
				   max);
	return 0;
}

int arg_ifname(const char *what, const char *s)
{
	if (!valid_ifname(s))
		return usage_error("invalid %s \"%s\"", what, s);
	return 0;
}

int arg_pci(const char *s, char out[VFPOOL_PCI_ADDR_MAX + 1])
{
	if (vfpool_pci_parse(s, out))
		return usage_error("invalid PCI address \"%s\" (expected "
				   "[DOMAIN:]BUS:DEVICE.FUNCTION)", s);
	return 0;
}

int once(uint32_t *seen, int keyword, const char *name)
{
	if (*seen & (1U << keyword))
		return usage_error("\"%s\" given twice", name);
	*seen |= 1U << keyword;
	return 0;
}

int finish(struct vfpool *vp, int err)
{
	int ret = err ? report(vp, err) : EXIT_OK;

	vfpool_close(vp);
	return ret;
}

int run_command(const char *object, const struct command *commands,
		size_t n, const char *default_command, int argc, char **argv)
{
	const char *word = argc > 0 ? argv[0] : default_command;
	int i;

	cur_object = object;
	cur_commands = commands;
	cur_ncommands = n;
	if (!word)
		return usage_error("a command is needed");
	i = match_table(word, commands, n, sizeof(*commands));
	if (i < 0)
		return no_match("command", word, i, commands, n,
				sizeof(*commands));
	cur_command = *commands[i].name ? commands[i].name : NULL;
	if (!commands[i].function) {	/* "help" */
		cur_command = NULL;
		object_usage(stdout);
		return EXIT_OK;
	}
	return commands[i].function(argc > 0 ? argc - 1 : 0, argv + 1);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int opt, i;

	while ((opt = getopt_long(argc, argv, "+jpVh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json_output = true;
			break;
		case 'p':	/* pretty is for JSON: it implies -j */
			json_output = pretty_output = true;
			break;
		case 'V':
			printf("vfpool %s\n", VFPOOL_VERSION);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_ERROR;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(stderr);
		return EXIT_ERROR;
	}
	i = match_names(argv[0], objects);
	if (i < 0)
		return no_match("object", argv[0], i, objects,
				ARRAY_SIZE(objects), sizeof(*objects));
	if (!objects[i].function) {
		usage(stdout);
		return EXIT_OK;
	}
	cur_object = objects[i].name;
	return objects[i].function(argc - 1, argv + 1);
}
