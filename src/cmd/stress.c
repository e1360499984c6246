// SPDX-License-Identifier: GPL-2.0-only
/* stress: the command line of the model-driven random walk (engine/walk.c) */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "engine/walk.h"
#include "util/file.h"
#include "util/msg.h"
#include "util/parse.h"

struct stress_args {
	uint64_t seed, ops, duration_ns, epoch, threads, fds, meddle_after;
	struct weights {
		unsigned int w[MOP_NKINDS];
		bool set;
	} weights;
	const char *repro, *device;
	struct meddles {
		const char *v[WALK_MEDDLE_MAX];
		unsigned int n;
	} meddle;
	bool has_seed, has_ops, has_epoch, has_threads, has_fds;
	bool per_op, no_klog, no_ids, force;
};

/* "ioas.map=5,ioas.unmap=1": only these run */
static int weights_parse(const char *word, void *f, struct perr *e)
{
	struct weights *w = f;
	char buf[512], *tok, *save = NULL, *eq;
	uint32_t v;
	int k;

	if (strlen(word) >= sizeof(buf))
		return perr(e, "--weights: too long a list");
	strcpy(buf, word);
	memset(w, 0, sizeof(*w));
	w->set = true;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		eq = strchr(tok, '=');
		if (!eq || parse_u32(eq + 1, &v) || v > 1000)
			return perr(e, "--weights: '%s' is not OP=N (N up to 1000)", tok);
		*eq = '\0';
		for (k = 0; k < MOP_NKINDS && strcmp(mop_names[k], tok); k++)
			;
		if (k == MOP_NKINDS)
			return perr(e, "--weights: unknown operation '%s' (see --help)", tok);
		w->w[k] = v;
	}
	return 0;
}

static bool weights_format(const void *f, unsigned int i, char *buf, size_t len)
{
	const struct weights *w = f;
	size_t used = 0;
	int k;

	if (i || !w->set)
		return false;
	buf[0] = '\0';
	for (k = 0; k < MOP_NKINDS && used < len; k++)
		if (w->w[k])
			used += (size_t)snprintf(buf + used, len - used, "%s%s=%u",
						 used ? "," : "", mop_names[k], w->w[k]);
	return true;
}

static bool weights_equal(const void *a, const void *b)
{
	return !memcmp(a, b, sizeof(struct weights));
}

static const struct arg_custom weights_kind = {
	.parse = weights_parse, .format = weights_format, .equal = weights_equal,
};

/* --meddle STEP, up to WALK_MEDDLE_MAX times: each must parse as a step */
static int meddle_parse(const char *word, void *f, struct perr *e)
{
	struct meddles *m = f;
	const char *why = NULL;
	struct step st;
	char **argv;
	int argc, rc;

	if (m->n == WALK_MEDDLE_MAX)
		return perr(e, "--meddle: at most %d steps", WALK_MEDDLE_MAX);
	if (parse_words(word, &argc, &argv, &why))
		return perr(e, "--meddle '%s': %s", word, why ? why : "out of memory");
	rc = step_parse(&st, argc, argv, e);
	if (!rc)
		step_free(&st);
	free(argv);
	if (rc)
		return rc == -EINVAL ? perr(e, "--meddle '%s': %s", word, e->msg) : rc;
	m->v[m->n++] = word;
	return 0;
}

static bool meddle_format(const void *f, unsigned int i, char *buf, size_t len)
{
	const struct meddles *m = f;

	if (i >= m->n)
		return false;
	snprintf(buf, len, "%s", m->v[i]);
	return true;
}

static bool meddle_equal(const void *a, const void *b)
{
	const struct meddles *x = a, *y = b;
	unsigned int i;

	for (i = 0; x->n == y->n && i < x->n; i++)
		if (strcmp(x->v[i], y->v[i]))
			return false;
	return x->n == y->n;
}

static const struct arg_custom meddle_kind = {
	.parse = meddle_parse, .format = meddle_format, .equal = meddle_equal,
};

static int duration_parse(const char *word, void *f, struct perr *e)
{
	if (!parse_duration(word, f) && *(uint64_t *)f)
		return 0;
	return perr(e, "bad duration '%s' (e.g. 90, 30s, 15m, 2h)", word);
}

static bool duration_format(const void *f, unsigned int i, char *buf, size_t len)
{
	uint64_t ns = *(const uint64_t *)f;

	if (i || !ns)
		return false;
	/* whole seconds are all a duration can say */
	snprintf(buf, len, "%llus", (unsigned long long)(ns / 1000000000u));
	return true;
}

static bool duration_equal(const void *a, const void *b)
{
	return *(const uint64_t *)a == *(const uint64_t *)b;
}

static const struct arg_custom duration_kind = {
	.parse = duration_parse, .format = duration_format, .equal = duration_equal,
};

#define SA struct stress_args

static const struct arg stress_argv[] = {
	{ .opt = "seed", .kind = ARG_U64, AT(SA, seed), HAS(SA, has_seed), .meta = "N",
	  .doc = "Seed of the walk (default: from the clock; the summary shows it)" },
	{ .opt = "ops", .kind = ARG_U64, AT(SA, ops), HAS(SA, has_ops), .meta = "N",
	  .doc = "Stop after N operations (default 1000 without --duration)" },
	{ .opt = "duration", .kind = ARG_CUSTOM, AT(SA, duration_ns), .meta = "TIME",
	  .custom = &duration_kind, .doc = "Stop after TIME (90, 30s, 15m, 2h)" },
	{ .opt = "threads", .kind = ARG_U64, AT(SA, threads), HAS(SA, has_threads),
	  .meta = "N", .doc = "Threads sharing the iommufds (default 1)" },
	{ .opt = "fds", .kind = ARG_U64, AT(SA, fds), HAS(SA, has_fds), .meta = "N",
	  .doc = "Independent iommufds (default 1)" },
	{ .opt = "epoch", .kind = ARG_U64, AT(SA, epoch), HAS(SA, has_epoch), .meta = "N",
	  .doc = "Tear everything down, close and reopen the iommufds every N "
		 "operations (default 1000, at most 100000)" },
	{ .opt = "weights", .kind = ARG_CUSTOM, AT(SA, weights), .meta = "OP=N,...",
	  .custom = &weights_kind, .doc = "Run only these operations, with these "
	  "relative weights (an IOAS is made when none exists)" },
	{ .opt = "per-op", .kind = ARG_BOOL, AT(SA, per_op),
	  .doc = "A record for every operation, not only the summary" },
	{ .opt = "no-klog", .kind = ARG_BOOL, AT(SA, no_klog),
	  .doc = "Do not watch /dev/kmsg" },
	{ .opt = "no-ids", .kind = ARG_BOOL, AT(SA, no_ids),
	  .doc = "Do not predict the ids of new objects (an allocation then never "
		 "runs alone, and an id the kernel keeps goes unnoticed)" },
	{ .opt = "device", .kind = ARG_WORD, AT(SA, device), .meta = "DEV",
	  .doc = "Also walk a VFIO device (PCI address, vfioN or cdev path, bound "
		 "to vfio-pci), bound to the first iommufd as @r0" },
	{ .opt = "meddle", .kind = ARG_CUSTOM, AT(SA, meddle), .flags = ARG_MANY,
	  .meta = "STEP", .custom = &meddle_kind,
	  .doc = "Run STEP (a script line, e.g. 'destroy @e0') once on the first "
		 "iommufd, without telling the model, as soon as the objects it "
		 "names exist: the walk's names (i0, d0, p0, ...), or a letter "
		 "alone for the newest of its kind (@v: the newest vIOMMU); repeat "
		 "for a sequence, which runs again until every step passed. A check "
		 "that the walk notices a change behind its back" },
	{ .opt = "meddle-after", .kind = ARG_U64, AT(SA, meddle_after), .meta = "N",
	  .doc = "Try --meddle only after N operations (default 0)" },
	{ .opt = "repro", .kind = ARG_WORD, AT(SA, repro), .meta = "FILE",
	  .doc = "Where a finding's shrunk script goes (default: stress-SEED.ictl "
		 "in a new private directory under $TMPDIR or /tmp; FILE.full: the "
		 "whole history); the summary names the files" },
	{ .opt = "force", .kind = ARG_BOOL, AT(SA, force),
	  .doc = "Let --repro replace existing files (a symlink there is replaced, "
		 "never followed)" },
	{ 0 }
};

static int check_count(const char *what, bool has, uint64_t v, uint64_t max,
		       struct perr *e)
{
	if (!has || (v >= 1 && v <= max))
		return 0;
	return perr(e, "--%s %llu is out of range: 1 to %llu", what,
		    (unsigned long long)v, (unsigned long long)max);
}

static int stress_check(const void *args, struct perr *e)
{
	const struct stress_args *a = args;
	unsigned int k, sum = 0;

	for (k = 0; a->weights.set && k < MOP_NKINDS; k++)
		sum += a->weights.w[k];
	if (a->weights.set && !sum)
		return perr(e, "every operation has weight 0");
	return check_count("threads", a->has_threads, a->threads, 64, e) ?:
	       check_count("fds", a->has_fds, a->fds, 64, e) ?:
	       check_count("epoch", a->has_epoch, a->epoch, WALK_EPOCH_MAX, e);
}

static void stress_more(FILE *f)
{
	int k;

	fputs("Operations, their default weights, and what they do; allocations "
	      "also go\nwith a read-only reply struct now and then (EFAULT, "
	      "nothing left):\n", f);
	for (k = 0; k < MOP_NKINDS; k++)
		fprintf(f, "  %-21s %2u  %s\n", mop_names[k], mop_default_weights[k],
			mop_help[k]);
}

/* Refuse a --repro that could not be written before the walk, not after */
static int repro_ok(const char *repro, bool force)
{
	char full[PATH_MAX];
	struct stat st;

	if (path_suffix(full, sizeof(full), repro, ".full")) {
		msg("stress: --repro %s: %s", repro, strerror(ENAMETOOLONG));
		return EXIT_USAGE;
	}
	if (force || (lstat(repro, &st) && lstat(full, &st)))
		return EXIT_OK;
	msg("stress: --repro %s: %s exists (--force replaces it)", repro,
	    lstat(repro, &st) ? full : repro);
	return EXIT_USAGE;
}

static void walk_opts(const struct stress_args *a, struct walk_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = a->has_seed ? a->seed :
		  (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	o->ops = a->has_ops ? a->ops : a->duration_ns ? 0 : 1000;
	o->duration_ns = a->duration_ns;
	o->threads = a->has_threads ? (unsigned int)a->threads : 1;
	o->fds = a->has_fds ? (unsigned int)a->fds : 1;
	o->epoch = a->has_epoch ? a->epoch : 1000;
	memcpy(o->weights, a->weights.set ? a->weights.w : mop_default_weights,
	       sizeof(o->weights));
	o->per_op = a->per_op;
	o->klog = !a->no_klog;
	o->ids = !a->no_ids;
	o->repro = a->repro;
	o->force = a->force;
	o->device = a->device;
	memcpy(o->meddle, a->meddle.v, sizeof(o->meddle));
	o->nmeddle = a->meddle.n;
	o->meddle_after = a->meddle_after;
}

static int stress(struct env *env, const void *args)
{
	const struct stress_args *a = args;
	struct walk_opts o;
	int rc;

	if (a->repro && (rc = repro_ok(a->repro, a->force)))
		return rc;
	walk_opts(a, &o);
	rc = walk(env->opt, env->out, &o);
	if (rc < 0)
		return rc == -ENODEV ? EXIT_ENV : rc == -EINVAL ? EXIT_USAGE : EXIT_OPFAIL;
	return rc ? EXIT_OPFAIL : EXIT_OK;
}

const struct cmd cmd_stress = {
	.syntax = {
		.object = "stress", .name = "stress",
		.summary = "model-driven random walk over iommufd operations (mock devices)",
		.doc = "Random walk over iommufd operations on mock devices (and a VFIO "
		       "device with --device), driven by a model of the object graph that "
		       "predicts every answer: a different errno, a success that should "
		       "fail, or an object that cannot be destroyed once its users are gone "
		       "is a finding, as is a kernel log splat. A finding stops the walk "
		       "and leaves a script that `run` replays, shrunk.",
		.args = stress_argv, .args_size = sizeof(struct stress_args), .flags = OP_COMMAND,
		.check = stress_check,
	},
	.flags = CMD_NEEDS_IOMMUFD, .run = stress, .more_help = stress_more,
};
