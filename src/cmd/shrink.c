// SPDX-License-Identifier: GPL-2.0-only
/*
 * shrink: reduce a script that ends in a finding (a step that does not pass,
 * or a kernel log splat) to the fewest steps that still end that way.
 */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "util/parse.h"
#include "shrink.h"
#include "util/file.h"

enum { OPT_OUT = 'o', OPT_MAX = 0x1000, OPT_NO_KLOG, OPT_FORCE };

struct shrink_args {
	const char *file, *out;
	uint64_t max;
	bool no_klog, force;
};

static error_t shrink_opt(int key, char *arg, struct argp_state *st)
{
	struct shrink_args *a = st->input;

	switch (key) {
	case OPT_OUT:
		a->out = arg;
		return 0;
	case OPT_MAX:
		return arg_u64(st, arg, &a->max);
	case OPT_NO_KLOG:
		a->no_klog = true;
		return 0;
	case OPT_FORCE:
		a->force = true;
		return 0;
	case ARGP_KEY_ARG:
		return arg_take(st, &a->file, arg);
	case ARGP_KEY_END:
		return arg_need(st, a->file, "SCRIPT");
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option shrink_opts[] = {
	{ "output", OPT_OUT, "FILE", 0, "Where the shrunk script goes "
	  "(default SCRIPT.min)", 0 },
	{ "max-replays", OPT_MAX, "N", 0, "Give up after N replays (default 2000)", 0 },
	{ "no-klog", OPT_NO_KLOG, NULL, 0, "Do not watch /dev/kmsg", 0 },
	{ "force", OPT_FORCE, NULL, 0, "Replace the output file if it exists "
	  "(a symlink there is replaced, never followed)", 0 },
	{ 0 }
};

static const struct argp shrink_argp = { shrink_opts, shrink_opt, "SCRIPT",
	"Shrink a script to the fewest steps that still end at its first "
	"failing step with the same errno (or the same kernel log splat), "
	"replaying candidates on fresh iommufds (delta debugging). Steps after "
	"the failing one go first.", NULL, NULL, NULL };

/* The script's steps as lines; comments and blank lines go */
static char **read_lines(struct ctx *ctx, const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL, **v = NULL, **nv, *p;
	size_t cap = 0, vcap = 0;

	*n = 0;
	if (!f) {
		msg_err(ctx, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	while (getline(&buf, &cap, f) >= 0) {
		buf[strcspn(buf, "\n")] = '\0';
		for (p = buf; *p == ' ' || *p == '\t'; p++)
			;
		if (!*p || *p == '#')
			continue;
		if (*n == vcap && (nv = reallocarray(v, vcap = vcap * 2 + 16, sizeof(*v))))
			v = nv;
		if (*n < vcap && (v[*n] = strdup(p)))
			(*n)++;
	}
	free(buf);
	fclose(f);
	return v;
}

static void free_lines(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

static int write_out(struct ctx *ctx, const char *path, char **v, size_t n,
		     bool force)
{
	int rc = shrink_write(path, v, n, NULL, force);

	if (!rc)
		return EXIT_OK;
	msg_err(ctx, "cannot write %s: %s%s", path, strerror(-rc),
		rc == -EEXIST ? " (--force replaces it)" : "");
	return EXIT_OPFAIL;
}

static int shrink(struct ctx *ctx, int argc, char **argv)
{
	struct shrink_args a = { .max = 2000 };
	struct outcome first;
	struct json_object *op;
	char out[4096];
	char **v;
	size_t n, before;
	unsigned int replays;
	bool again;
	int rc;

	if (!cmd_parse(ctx, &cmd_shrink, &shrink_argp, argc, argv, &a))
		return ctx->parse_status;
	if (!a.out && path_suffix(out, sizeof(out), a.file, ".min")) {
		msg_err(ctx, "shrink: %s.min would be too long a path: give --output",
			a.file);
		return EXIT_USAGE;
	}
	v = read_lines(ctx, a.file, &n);
	if (!v)
		return EXIT_USAGE;
	rc = shrink_replay(ctx, v, n, !a.no_klog, &first);
	if (!rc && first.step == n) {
		msg_err(ctx, "%s: every step passes: nothing to shrink to", a.file);
		rc = EXIT_USAGE;
	}
	if (rc) {
		free_lines(v, n);
		return rc;
	}
	while (n > first.step + 1)	/* what follows the finding plays no part */
		free(v[--n]);
	before = n;
	replays = shrink_lines(ctx, v, &n, !a.no_klog, (unsigned int)a.max, &again);
	rc = write_out(ctx, a.out ? a.out : out, v, n, a.force);
	op = op_begin("shrink");
	op_bool(op, "ok", !rc);
	op_str(op, "script", a.file);
	op_str(op, "output", a.out ? a.out : out);
	op_u64(op, "steps_before", before);
	op_u64(op, "steps_after", n);
	op_u64(op, "replays", replays);
	op_str(op, "finding", first.splat ? "kernel log splat" : "step did not pass");
	op_str(op, "errno_name", first.err ? errno_name(first.err) : NULL);
	emit_summary(ctx, op);
	free_lines(v, n);
	return rc;
}

const struct cmd cmd_shrink = {
	.object = "shrink", .fn = shrink,
	.flags = CMD_NEEDS_IOMMUFD,
	.summary = "reduce a failing script to the fewest steps that still fail",
};
