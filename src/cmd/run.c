// SPDX-License-Identifier: GPL-2.0-only
/*
 * run: replay a script, one step per line, on one iommufd. The whole script
 * is read and checked before the first step runs, so a malformed script
 * prints no records at all. What the steps leave behind is destroyed in
 * reverse creation order, as steps of their own, which exercises the
 * kernel's busy-object rules.
 */
#include <argp.h>
#include <errno.h>

#include "cmds.h"
#include "emit.h"
#include "host/klog.h"
#include "script.h"

struct run_args {
	const char *file;
	bool no_cleanup, no_klog;
};

enum { OPT_NO_CLEANUP = 0x1000, OPT_NO_KLOG };

static error_t run_opt(int key, char *arg, struct argp_state *st)
{
	struct run_args *a = st->input;

	switch (key) {
	case OPT_NO_CLEANUP:
		a->no_cleanup = true;
		return 0;
	case OPT_NO_KLOG:
		a->no_klog = true;
		return 0;
	case ARGP_KEY_ARG:
		return arg_take(st, &a->file, arg);
	case ARGP_KEY_END:
		return arg_need(st, a->file, "FILE (or - for standard input)");
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option run_opts[] = {
	{ "no-cleanup", OPT_NO_CLEANUP, NULL, 0,
	  "Leave what the script made to the closing of the iommufd", 0 },
	{ "no-klog", OPT_NO_KLOG, NULL, 0, "Do not watch /dev/kmsg (by default "
	  "a splat right after a step fails it, where the log is readable)", 0 },
	{ 0 }
};

static const struct argp run_argp = { run_opts, run_opt, "FILE|-",
	"Run a script: one step per line, '#' comments, --expect ERRNO per "
	"step. Stops at the first step that does not pass unless -k.",
	NULL, NULL, NULL };

static void summary(struct ctx *ctx, const struct script *s, const struct tally *t)
{
	struct json_object *o = op_begin("run");

	/* a run cut short proved nothing about the steps it did not reach */
	op_bool(o, "ok", !t->status && !stop_signal);
	if (stop_signal)
		op_bool(o, "interrupted", 1);
	op_bool(o, "klog", ctx->klog != NULL);
	op_str(o, "script", s->name);
	op_u64(o, "steps", t->steps);
	op_u64(o, "passed", t->passed);
	op_u64(o, "failed", t->steps - t->passed);
	emit_summary(ctx, o);
}

static int run(struct ctx *ctx, int argc, char **argv)
{
	struct script s = { 0 };
	struct run_args a = { 0 };
	struct tally t = { 0 };
	struct klog klog = { -1, true };
	int rc;

	if (!cmd_parse(ctx, &cmd_run, &run_argp, argc, argv, &a))
		return ctx->parse_status;
	rc = script_load(ctx, a.file, &s);
	if (!rc) {
		if (!a.no_klog && !klog_open(&klog))
			ctx->klog = &klog;
		script_run(ctx, &s, 0, s.n, &t);
		if (!a.no_cleanup) {
			script_cleanup(ctx, &t, false);
			mem_free_all(ctx);
		}
		summary(ctx, &s, &t);
		rc = t.status;
		klog_close(&klog);
		ctx->klog = NULL;
	}
	ctx->s.loc.src = NULL;
	script_free(&s);
	return rc;
}

const struct cmd cmd_run = {
	.object = "run", .fn = run,
	.flags = CMD_NEEDS_IOMMUFD,
	.summary = "run a script of steps on one iommufd, then clean up",
};
