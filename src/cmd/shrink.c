// SPDX-License-Identifier: GPL-2.0-only
/*
 * shrink: reduce a script that ends in a finding (a step that does not pass,
 * or a kernel log splat) to the fewest steps that still end that way.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "cmd/cmd.h"
#include "engine/reduce.h"
#include "engine/script.h"
#include "util/file.h"
#include "util/msg.h"
#include "util/parse.h"
#include "util/rec.h"

struct shrink_args {
	const char *file, *output;
	uint64_t max;
	bool has_max, no_klog, force;
};

static const struct arg shrink_argv[] = {
	{ .kind = ARG_WORD, AT(struct shrink_args, file), .flags = ARG_REQUIRED,
	  .meta = "SCRIPT" },
	{ .opt = "output", .key = 'o', .kind = ARG_WORD, AT(struct shrink_args, output),
	  .meta = "FILE", .doc = "Where the shrunk script goes (default SCRIPT.min)" },
	{ .opt = "max-replays", .kind = ARG_U64, AT(struct shrink_args, max),
	  HAS(struct shrink_args, has_max), .meta = "N",
	  .doc = "Give up after N replays (default 2000)" },
	{ .opt = "no-klog", .kind = ARG_BOOL, AT(struct shrink_args, no_klog),
	  .doc = "Do not watch /dev/kmsg" },
	{ .opt = "force", .kind = ARG_BOOL, AT(struct shrink_args, force),
	  .doc = "Replace the output file if it exists (a symlink there is "
		 "replaced, never followed)" },
	{ 0 }
};

static void summary(struct env *env, const struct shrink_args *a, const char *out,
		    size_t before, size_t after, unsigned int replays,
		    const struct outcome *first, bool ok)
{
	struct rec *rec = out_rec(env->out);

	rec_lit(rec, "op", "shrink");
	rec_bool(rec, "ok", ok);
	rec_str(rec, "script", a->file);
	rec_str(rec, "output", out);
	rec_u64(rec, "steps_before", before);
	rec_u64(rec, "steps_after", after);
	rec_u64(rec, "replays", replays);
	rec_lit(rec, "finding", first->splat ? "kernel log splat" : "step did not pass");
	rec_lit(rec, "errno_name", first->err ? errno_name(first->err) : NULL);
	out_summary(env->out, rec);
}

/* The first replay: where the script fails, if it does. 0 or an exit status */
static int first_failure(struct env *env, const struct shrink_args *a,
			 const struct script *sc, struct outcome *first)
{
	if (!sc->n) {
		msg("shrink: %s has no steps", a->file);
		return EXIT_USAGE;
	}
	if (replay(env->opt, sc->v, sc->n, !a->no_klog, first))
		return EXIT_ENV;
	if (first->step == sc->n) {
		msg("shrink: %s: every step passes: nothing to shrink to", a->file);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int shrink(struct env *env, const void *args)
{
	const struct shrink_args *a = args;
	char out[PATH_MAX];
	struct outcome first;
	struct script sc;
	size_t before;
	unsigned int replays;
	bool again;
	int rc;

	if (!a->output && path_suffix(out, sizeof(out), a->file, ".min")) {
		msg("shrink: %s.min would be too long a path: give --output", a->file);
		return EXIT_USAGE;
	}
	if (script_load(&sc, a->file, NULL))
		return EXIT_USAGE;
	rc = first_failure(env, a, &sc, &first);
	if (rc) {
		script_free(&sc);
		return rc;
	}
	while (sc.n > first.step + 1)	/* what follows the finding plays no part */
		step_free(&sc.v[--sc.n]);
	before = sc.n;
	replays = reduce(env->opt, sc.v, &sc.n, !a->no_klog,
			 a->has_max ? (unsigned int)a->max : 2000, &again);
	rc = script_write(a->output ? a->output : out, &sc, NULL, a->force);
	summary(env, a, a->output ? a->output : out, before, sc.n, replays, &first, !rc);
	script_free(&sc);
	return rc ? EXIT_OPFAIL : EXIT_OK;
}

const struct cmd cmd_shrink = {
	.syntax = {
		.object = "shrink", .name = "shrink",
		.summary = "reduce a failing script to the fewest steps that still fail",
		.doc = "Shrink a script to the fewest steps that still end at its first "
		       "failing step with the same errno (or the same kernel log splat), "
		       "replaying candidates on fresh iommufds (delta debugging). Steps after "
		       "the failing one go first.",
		.args = shrink_argv, .args_size = sizeof(struct shrink_args), .flags = OP_COMMAND,
	},
	.run = shrink,
};
