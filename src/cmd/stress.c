// SPDX-License-Identifier: GPL-2.0-only
/* stress: the command line of the model-driven random walk (src/stress.c) */
#include <argp.h>
#include <limits.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmds.h"
#include "util/parse.h"
#include "stress.h"
#include "util/file.h"

enum {
	OPT_SEED = 0x1000, OPT_OPS, OPT_DURATION, OPT_THREADS, OPT_FDS,
	OPT_EPOCH, OPT_WEIGHTS, OPT_PER_OP, OPT_NO_KLOG, OPT_REPRO, OPT_DEVICE,
	OPT_FORCE,
};

struct stress_args {
	struct stress_opts o;
	bool has_seed, has_ops;
};

/* "ioas.map=5,ioas.unmap=1": only these run */
static int parse_weights(struct argp_state *st, char *arg, unsigned int *w)
{
	char *tok, *save = NULL, *eq;
	uint32_t v;
	int k;

	memset(w, 0, MOP_NKINDS * sizeof(*w));
	for (tok = strtok_r(arg, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		eq = strchr(tok, '=');
		if (!eq || parse_u32(eq + 1, &v) || v > 1000) {
			argp_error(st, "--weights: '%s' is not OP=N (N up to 1000)", tok);
			return EINVAL;
		}
		*eq = '\0';
		for (k = 0; k < MOP_NKINDS && strcmp(mop_names[k], tok); k++)
			;
		if (k == MOP_NKINDS) {
			argp_error(st, "--weights: unknown operation '%s' (see --help)", tok);
			return EINVAL;
		}
		w[k] = v;
	}
	return 0;
}

static int arg_count(struct argp_state *st, const char *arg, unsigned int *v,
		     unsigned int max)
{
	uint64_t n;
	int rc = arg_u64(st, arg, &n);

	if (!rc && (n < 1 || n > max)) {
		argp_error(st, "'%s' is out of range: 1 to %u", arg, max);
		return EINVAL;
	}
	*v = (unsigned int)n;
	return rc;
}

static error_t stress_opt(int key, char *arg, struct argp_state *st)
{
	struct stress_args *a = st->input;

	switch (key) {
	case OPT_SEED:
		a->has_seed = true;
		return arg_u64(st, arg, &a->o.seed);
	case OPT_OPS:
		a->has_ops = true;
		return arg_u64(st, arg, &a->o.ops);
	case OPT_DURATION:
		if (!parse_duration(arg, &a->o.duration_ns) && a->o.duration_ns)
			return 0;
		argp_error(st, "bad duration '%s' (e.g. 90, 30s, 15m, 2h)", arg);
		return EINVAL;
	case OPT_THREADS:
		return arg_count(st, arg, &a->o.threads, 64);
	case OPT_FDS:
		return arg_count(st, arg, &a->o.fds, 64);
	case OPT_EPOCH:
		return arg_u64(st, arg, &a->o.epoch);
	case OPT_WEIGHTS:
		return parse_weights(st, arg, a->o.weights);
	case OPT_PER_OP:
		a->o.per_op = true;
		return 0;
	case OPT_NO_KLOG:
		a->o.klog = false;
		return 0;
	case OPT_FORCE:
		a->o.force = true;
		return 0;
	case OPT_REPRO:
		a->o.repro = arg;
		return 0;
	case OPT_DEVICE:
		a->o.device = arg;
		return 0;
	case ARGP_KEY_ARG:
		argp_error(st, "stress takes no positional argument ('%s')", arg);
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option stress_opts[] = {
	{ "seed", OPT_SEED, "N", 0, "Seed of the walk (default: from the clock; "
	  "the summary shows it)", 0 },
	{ "ops", OPT_OPS, "N", 0, "Stop after N operations (default 1000 "
	  "without --duration)", 0 },
	{ "duration", OPT_DURATION, "TIME", 0, "Stop after TIME (90, 30s, 15m, 2h)", 0 },
	{ "threads", OPT_THREADS, "N", 0, "Threads sharing the iommufds (default 1)", 0 },
	{ "fds", OPT_FDS, "N", 0, "Independent iommufds (default 1)", 0 },
	{ "epoch", OPT_EPOCH, "N", 0, "Tear everything down, close and reopen "
	  "the iommufds every N operations (default 1000)", 0 },
	{ "weights", OPT_WEIGHTS, "OP=N,...", 0, "Run only these operations, "
	  "with these relative weights (an IOAS is made when none exists)", 0 },
	{ "per-op", OPT_PER_OP, NULL, 0, "A record for every operation, not only "
	  "the summary", 0 },
	{ "no-klog", OPT_NO_KLOG, NULL, 0, "Do not watch /dev/kmsg", 0 },
	{ "device", OPT_DEVICE, "DEV", 0, "Also walk a VFIO device (PCI address, "
	  "vfioN or cdev path, bound to vfio-pci), bound to the first iommufd "
	  "as @r0", 0 },
	{ "repro", OPT_REPRO, "FILE", 0, "Where a finding's shrunk script goes "
	  "(default: stress-SEED.ictl in a new private directory under $TMPDIR "
	  "or /tmp; FILE.full: the whole history); the summary names the files", 0 },
	{ "force", OPT_FORCE, NULL, 0, "Let --repro replace existing files (a "
	  "symlink there is replaced, never followed)", 0 },
	{ 0 }
};

static char *stress_help(int key, const char *text, void *input)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int k;

	(void)input;
	if (key != ARGP_KEY_HELP_POST_DOC || !(f = open_memstream(&buf, &len)))
		return (char *)text;
	fputs("Operations and their default weights:\n", f);
	for (k = 0; k < MOP_NKINDS; k++)
		fprintf(f, "  %-16s %u\n", mop_names[k], mop_default_weights[k]);
	fclose(f);
	return buf;
}

static const struct argp stress_argp = { stress_opts, stress_opt, NULL,
	"Random walk over iommufd operations on mock devices (and a VFIO device "
	"with --device), driven by a model "
	"of the object graph that predicts every answer: a different errno, a "
	"success that should fail, or an object that cannot be destroyed once "
	"its users are gone is a finding, as is a kernel log splat. A finding "
	"stops the walk and leaves a script that `run` replays, shrunk.\v",
	NULL, stress_help, NULL };

/* Refuse a --repro that could not be written before the walk, not after */
static int repro_ok(struct ctx *ctx, const char *repro, bool force)
{
	char full[PATH_MAX];
	struct stat st;

	if (path_suffix(full, sizeof(full), repro, ".full")) {
		msg_err(ctx, "stress: --repro %s: %s", repro, strerror(ENAMETOOLONG));
		return EXIT_USAGE;
	}
	if (force || (lstat(repro, &st) && lstat(full, &st)))
		return EXIT_OK;
	msg_err(ctx, "stress: --repro %s: %s exists (--force replaces it)", repro,
		lstat(repro, &st) ? full : repro);
	return EXIT_USAGE;
}

static int stress(struct ctx *ctx, int argc, char **argv)
{
	struct stress_args a = { .o = { .threads = 1, .fds = 1, .epoch = 1000,
					.klog = true } };
	unsigned int k, sum = 0;
	int rc;

	memcpy(a.o.weights, mop_default_weights, sizeof(a.o.weights));
	if (!cmd_parse(ctx, &cmd_stress, &stress_argp, argc, argv, &a))
		return ctx->parse_status;
	for (k = 0; k < MOP_NKINDS; k++)
		sum += a.o.weights[k];
	if (!sum || !a.o.epoch) {
		msg_err(ctx, "stress: %s", sum ? "--epoch must be at least 1" :
			"every operation has weight 0");
		return EXIT_USAGE;
	}
	if (!a.has_seed)
		a.o.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	if (!a.has_ops && !a.o.duration_ns)
		a.o.ops = 1000;
	if (a.o.repro && (rc = repro_ok(ctx, a.o.repro, a.o.force)))
		return rc;
	return stress_run(ctx, &a.o);
}

const struct cmd cmd_stress = {
	.object = "stress", .fn = stress,
	.flags = CMD_NEEDS_IOMMUFD,
	.summary = "model-driven random walk over iommufd operations (mock devices)",
};
