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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "mem.h"
#include "ops.h"
#include "parse.h"

struct step {
	unsigned int line;
	int argc;
	char **argv;
};

struct script {
	const char *name;
	struct step *v;
	size_t n, cap;
};

struct run_args {
	const char *file;
	bool no_cleanup;
};

struct tally {
	unsigned int steps, passed;
	int status;		/* of the first step that did not pass */
};

enum { OPT_NO_CLEANUP = 0x1000 };

static error_t run_opt(int key, char *arg, struct argp_state *st)
{
	struct run_args *a = st->input;

	switch (key) {
	case OPT_NO_CLEANUP:
		a->no_cleanup = true;
		return 0;
	case ARGP_KEY_ARG:
		if (a->file) {
			argp_error(st, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		a->file = arg;
		return 0;
	case ARGP_KEY_END:
		if (!a->file) {
			argp_error(st, "missing FILE (or - for standard input)");
			return EINVAL;
		}
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option run_opts[] = {
	{ "no-cleanup", OPT_NO_CLEANUP, NULL, 0,
	  "Leave what the script made to the closing of the iommufd", 0 },
	{ 0 }
};

static const struct argp run_argp = { run_opts, run_opt, "FILE|-",
	"Run a script: one step per line, '#' comments, --expect ERRNO per "
	"step. Stops at the first step that does not pass unless -k.",
	NULL, NULL, NULL };

static void script_free(struct script *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].argv);
	free(s->v);
}

static int script_add(struct ctx *ctx, struct script *s, const char *text)
{
	const char *why = NULL;
	struct step st = { .line = ctx->line };

	if (parse_words(text, &st.argc, &st.argv, &why)) {
		msg_err(ctx, "%s", why ? why : strerror(ENOMEM));
		return EXIT_USAGE;
	}
	if (!st.argc) {
		free(st.argv);
		return EXIT_OK;
	}
	if (cmd_check_step(ctx, st.argc, st.argv) ||
	    (s->n == s->cap &&
	     !(s->v = reallocarray(s->v, s->cap = s->cap * 2 + 16, sizeof(st))))) {
		free(st.argv);
		return EXIT_USAGE;
	}
	s->v[s->n++] = st;
	return EXIT_OK;
}

static int script_load(struct ctx *ctx, const char *path, struct script *s)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t cap = 0;
	char *buf = NULL;
	int rc = EXIT_OK;
	ssize_t len;

	s->name = strcmp(path, "-") ? path : "<stdin>";
	if (!f) {
		msg_err(ctx, "cannot open script %s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	ctx->src = s->name;
	for (ctx->line = 1; !rc && (len = getline(&buf, &cap, f)) >= 0; ctx->line++) {
		if (strlen(buf) != (size_t)len) {
			msg_err(ctx, "NUL byte in line: not a script");
			rc = EXIT_USAGE;
		} else {
			rc = script_add(ctx, s, buf);
		}
	}
	free(buf);
	if (f != stdin)
		fclose(f);
	return rc;
}

static void count(struct tally *t, int rc)
{
	t->steps++;
	if (!rc)
		t->passed++;
	else if (!t->status)
		t->status = rc;
}

static void run_script(struct ctx *ctx, struct script *s, struct tally *t)
{
	size_t i;
	int rc;

	for (i = 0; i < s->n; i++) {
		ctx->line = s->v[i].line;
		rc = cmd_run_step(ctx, s->v[i].argc, s->v[i].argv, true);
		count(t, rc);
		if (rc && !ctx->keep_going)
			break;
	}
}

/* Memory is the process's, not the kernel's: it goes without a record. */
static void cleanup(struct ctx *ctx, struct tally *t)
{
	struct reg_entry *e;
	size_t n;

	ctx->cleanup = true;
	ctx->src = NULL;
	while ((n = ctx->reg.n)) {
		e = &ctx->reg.v[n - 1];
		if (e->type == OBJ_MEM) {
			mem_release(e);
			reg_del(&ctx->reg, e);
			continue;
		}
		ctx->expect = 0;
		count(t, do_destroy(ctx, e, e->id));
		if (ctx->reg.n == n)
			reg_del(&ctx->reg, e);	/* failed: closing the fd tries again */
	}
	ctx->cleanup = false;
}

static void summary(struct ctx *ctx, const struct script *s, const struct tally *t)
{
	struct json_object *o = op_begin("run");

	op_bool(o, "ok", !t->status);
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
	int rc;

	if (!cmd_parse(ctx, &cmd_run, &run_argp, argc, argv, &a))
		return ctx->parse_status;
	rc = script_load(ctx, a.file, &s);
	if (!rc) {
		run_script(ctx, &s, &t);
		if (!a.no_cleanup)
			cleanup(ctx, &t);
		summary(ctx, &s, &t);
		rc = t.status;
	}
	ctx->src = NULL;
	script_free(&s);
	return rc;
}

const struct cmd cmd_run = {
	.object = "run", .fn = run,
	.flags = CMD_NEEDS_IOMMUFD,
	.summary = "run a script of steps on one iommufd, then clean up",
};
