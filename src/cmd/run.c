// SPDX-License-Identifier: GPL-2.0-only
/*
 * run: replay a script, one step per line, on one iommufd. The whole script
 * is read and checked before the first step runs, so a malformed script
 * prints no records at all. What the steps leave behind is destroyed,
 * holders before what they hold, as steps of their own.
 */
#include <errno.h>
#include <string.h>

#include "cmd/cmd.h"
#include "engine/cleanup.h"
#include "engine/script.h"
#include "host/klog.h"
#include "util/parse.h"
#include "util/rec.h"
#include "util/stop.h"

struct run_args {
	const char *file;
	bool no_cleanup, no_klog;
};

static const struct arg run_argv[] = {
	{ .kind = ARG_WORD, AT(struct run_args, file), .flags = ARG_REQUIRED,
	  .meta = "FILE|-" },
	{ .opt = "no-cleanup", .kind = ARG_BOOL, AT(struct run_args, no_cleanup),
	  .doc = "Leave what the script made to the closing of the iommufd" },
	{ .opt = "no-klog", .kind = ARG_BOOL, AT(struct run_args, no_klog),
	  .doc = "Do not watch /dev/kmsg (by default a splat right after a step "
		 "fails it, where the log is readable)" },
	{ 0 }
};

static void leaks_record(struct rec *rec, const struct leaks *lk)
{
	struct rec *l = rec_list(rec, "leaks"), *o;
	unsigned int i;

	for (i = 0; i < lk->n && i < CLEANUP_LEAKS_MAX; i++) {
		o = rec_obj(l, NULL);
		rec_id(o, obj_type_name(lk->v[i].type), lk->v[i].id);
		rec_str(o, "name", lk->v[i].name);
		rec_lit(o, "errno_name", errno_name(-lk->v[i].err));
		rec_lit(o, "why", "the kernel refuses to destroy it and no object "
			"the tool knows of holds it: a possible leak");
	}
	if (lk->n > CLEANUP_LEAKS_MAX)
		rec_u64(rec, "leaks_not_shown", lk->n - CLEANUP_LEAKS_MAX);
}

static void summary(struct env *env, const char *name, const struct tally *t,
		    const struct leaks *lk, bool klog)
{
	struct rec *rec = out_rec(env->out);

	rec_lit(rec, "op", "run");
	/* a run cut short proved nothing about the steps it did not reach */
	rec_bool(rec, "ok", !t->failed && !lk->n && !stop_signal);
	if (stop_signal)
		rec_bool(rec, "interrupted", true);
	rec_bool(rec, "klog", klog);
	rec_str(rec, "script", name);
	rec_u64(rec, "steps", t->steps);
	rec_u64(rec, "passed", t->passed);
	rec_u64(rec, "failed", t->steps - t->passed);
	if (lk->n)
		leaks_record(rec, lk);
	out_summary(env->out, rec);
}

static int run_script(struct env *env, const struct run_args *a, struct script *sc)
{
	struct klog klog = { -1, true };
	struct runner rn = { .s = env->s, .out = env->out, .src = sc->name,
			     .keep_going = env->opt->keep_going };
	struct tally t = { 0 };
	struct leaks lk = { 0 };

	if (!a->no_klog && !klog_open(&klog))
		rn.klog = &klog;
	run_steps(&rn, sc->v, 0, sc->n, &t);
	if (!a->no_cleanup && !t.broken_out) {
		run_cleanup(&rn, &t, &lk);
		free_memory(env->s);
	}
	summary(env, sc->name, &t, &lk, rn.klog != NULL);
	klog_close(&klog);
	if (t.failed)
		return verdict_exit(t.first);
	return lk.n || t.broken_out ? EXIT_OPFAIL : EXIT_OK;
}

static int run(struct env *env, const void *args)
{
	const struct run_args *a = args;
	struct script sc;
	struct tally t = { 0 };
	struct leaks lk = { 0 };
	int rc = script_load(&sc, a->file, &env->s->reg);

	if (rc == -EINTR) {
		/* stopped while reading: no step ran, the summary says so */
		summary(env, strcmp(a->file, "-") ? a->file : "<stdin>", &t, &lk,
			false);
		return EXIT_OK;
	}
	if (rc)
		return EXIT_USAGE;
	rc = run_script(env, a, &sc);
	script_free(&sc);
	return rc;
}

const struct cmd cmd_run = {
	.syntax = {
		.object = "run", .name = "run",
		.summary = "run a script of steps on one iommufd, then clean up",
		.doc = "Run a script: one step per line, '#' comments, --expect ERRNO per "
		       "step. Stops at the first step that does not pass unless -k.",
		.args = run_argv, .args_size = sizeof(struct run_args), .flags = OP_COMMAND,
	},
	.flags = CMD_NEEDS_IOMMUFD | CMD_TRACED, .run = run,
};
