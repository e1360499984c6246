// SPDX-License-Identifier: GPL-2.0-only
/*
 * iommufd-ctl: global options, then one or more steps separated by ",".
 * All steps share one iommufd and one set of named handles.
 */
#include <argp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "emit.h"

const char *argp_program_version = PACKAGE_STRING;

enum { OPT_FORMAT = 0x1000, OPT_NO_TIMING, OPT_LIST };

static const struct argp_option global_opts[] = {
	{ "json", 'j', NULL, 0, "One JSON object per operation (JSON Lines)", 0 },
	{ "pretty", 'p', NULL, 0, "Indent JSON output", 0 },
	{ "format", OPT_FORMAT, "FMT", 0, "Output format: text, json or ktap", 0 },
	{ "dev", 'd', "PATH", 0, "iommufd device (default /dev/iommu)", 0 },
	{ "keep-going", 'k', NULL, 0, "Run every step even after a failure", 0 },
	{ "no-timing", OPT_NO_TIMING, NULL, 0, "Leave duration_ns out (stable output)", 0 },
	{ "list-commands", OPT_LIST, NULL, 0, "Print the command table and exit", 0 },
	{ 0 }
};

struct global {
	struct ctx *ctx;
	int first;		/* argv index of the first command word */
	bool list;
};

static int set_format(struct ctx *ctx, const char *s)
{
	static const char *const names[] = {
		[FMT_TEXT] = "text", [FMT_JSON] = "json", [FMT_KTAP] = "ktap",
	};
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i])) {
			ctx->format = (enum out_format)i;
			return 0;
		}
	}
	return -1;
}

static error_t global_opt(int key, char *arg, struct argp_state *st)
{
	struct global *g = st->input;

	switch (key) {
	case 'j':
		g->ctx->format = FMT_JSON;
		return 0;
	case 'p':
		g->ctx->pretty = true;
		return 0;
	case OPT_FORMAT:
		if (set_format(g->ctx, arg))
			argp_error(st, "unknown format '%s' (text, json, ktap)", arg);
		return 0;
	case 'd':
		g->ctx->dev_path = arg;
		return 0;
	case 'k':
		g->ctx->keep_going = true;
		return 0;
	case OPT_NO_TIMING:
		g->ctx->no_timing = true;
		return 0;
	case OPT_LIST:
		g->list = true;
		return 0;
	case ARGP_KEY_ARG:
		/* the first word is the command: the rest is the steps' business */
		g->first = st->next - 1;
		st->next = st->argc;
		return 0;
	case ARGP_KEY_END:
		if (!g->first && !g->list)
			argp_error(st, "missing COMMAND (see --list-commands)");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static char *global_help(int key, const char *text, void *input)
{
	const struct cmd *const *c;
	char *buf = NULL, name[64];
	size_t len = 0;
	FILE *f;

	(void)input;
	if (key != ARGP_KEY_HELP_POST_DOC || !(f = open_memstream(&buf, &len)))
		return (char *)text;
	fputs("Commands:\n", f);
	for (c = cmd_table; *c; c++) {
		cmd_name(*c, name, sizeof(name));
		fprintf(f, "  %-24s %s\n", name, (*c)->summary);
	}
	fputs("\nSeparate steps with ',' to run them on one iommufd: "
	      "objects live as long as the file descriptor.\n"
	      "Exit status: 0 ok, 1 an operation failed, 2 usage, 3 environment.",
	      f);
	fclose(f);
	return buf;
}

static const struct argp global_argp = {
	global_opts, global_opt, "COMMAND [ARGS...] [, COMMAND [ARGS...]]...",
	"Drive the Linux iommufd interface (/dev/iommu) and report every "
	"operation.\v", NULL, global_help, NULL
};

static void list_commands(void)
{
	const struct cmd *const *c;
	char name[64];

	for (c = cmd_table; *c; c++) {
		cmd_name(*c, name, sizeof(name));
		puts(name);
	}
}

/* Steps are separated by a lone ","; each runs in turn until one fails. */
static int run_steps(struct ctx *ctx, int argc, char **argv)
{
	int status = EXIT_OK, i = 0, rc;

	while (i < argc && !ctx->stop) {
		int n = 0;

		while (i + n < argc && strcmp(argv[i + n], ","))
			n++;
		rc = cmd_run_step(ctx, n, argv + i, false);
		if (rc && !status)
			status = rc;
		if (rc && !ctx->keep_going)
			break;
		i += n + 1;
	}
	return status;
}

int main(int argc, char **argv)
{
	struct ctx ctx = { .dev_path = "/dev/iommu", .ictl = { .fd = -1 } };
	struct global g = { .ctx = &ctx };
	int status, out;

	/* a closed pipe is the reader's choice, not an error worth a signal */
	signal(SIGPIPE, SIG_IGN);
	argp_err_exit_status = EXIT_USAGE;
	argp_parse(&global_argp, argc, argv, ARGP_IN_ORDER, NULL, &g);
	if (g.list) {
		list_commands();
		return emit_flush();
	}
	status = run_steps(&ctx, argc - g.first, argv + g.first);
	emit_finish(&ctx);
	ictl_close(&ctx.ictl);
	reg_free(&ctx.reg);
	out = emit_flush();
	return status ? status : out;
}
