// SPDX-License-Identifier: GPL-2.0-only
/* fail-nth: a fault-injection sweep over a script or a built-in scenario */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "engine/scenarios.h"
#include "engine/script.h"
#include "engine/sweep.h"
#include "util/msg.h"

struct fnth_args {
	const char *file, *device;
	uint64_t from, max;
	bool has_max;
};

static const struct arg fnth_argv[] = {
	{ .kind = ARG_WORD, AT(struct fnth_args, file), .flags = ARG_REQUIRED,
	  .meta = "SCRIPT|SCENARIO" },
	{ .opt = "from", .kind = ARG_U64, AT(struct fnth_args, from), .meta = "LINE",
	  .doc = "Inject only from this script line on; the steps before it are "
		 "setup (default: the first step)" },
	{ .opt = "max", .kind = ARG_U64, AT(struct fnth_args, max),
	  HAS(struct fnth_args, has_max), .meta = "N",
	  .doc = "Stop after N iterations (default 1000)" },
	{ .opt = "device", .kind = ARG_WORD, AT(struct fnth_args, device), .meta = "DEV",
	  .doc = "The VFIO device of a scenario that needs one (PCI address, vfioN "
		 "or cdev path, bound to vfio-pci); it is bound first, as @dev" },
	{ 0 }
};

static void fnth_more(FILE *f)
{
	const struct scenario *sc;

	fputs("Built-in scenarios (mock driver; vfio: the device of --device):\n", f);
	for (sc = scenarios; sc->name; sc++)
		fprintf(f, "  %-13s %s\n", sc->name, sc->summary);
}

/* The index of the first step at or after script line @line */
static int first_swept(const struct script *s, uint64_t line, size_t *from)
{
	for (*from = 0; *from < s->n && s->v[*from].line < line; (*from)++)
		;
	if (*from < s->n)
		return EXIT_OK;
	msg("fail-nth: %s has no step at or after line %llu", s->name,
	    (unsigned long long)line);
	return EXIT_USAGE;
}

/* A scenario of a VFIO device needs --device; nothing else takes it */
static int device_ok(const struct scenario *sc, const char *what, const char *device)
{
	if (sc && sc->device && !device) {
		msg("fail-nth: scenario %s binds a VFIO device: name it with --device DEV",
		    what);
		return EXIT_USAGE;
	}
	if (device && !(sc && sc->device)) {
		msg("fail-nth: --device goes only with a scenario of a VFIO device (see "
		    "--help), not with %s", what);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int load(const char *what, const char *device, struct script *s)
{
	const struct scenario *sc = scenario_find(what);

	if (device_ok(sc, what, device))
		return EXIT_USAGE;
	if (sc)
		return scenario_load(s, sc, device);
	return script_load(s, what, NULL);
}

static int fail_nth(struct env *env, const void *args)
{
	const struct fnth_args *a = args;
	struct sweep_report rep;
	struct script s;
	size_t from;
	uint64_t max = a->has_max ? a->max : 1000;
	int rc;

	if (load(a->file, a->device, &s))
		return EXIT_USAGE;
	rc = first_swept(&s, a->from, &from);
	if (!rc)
		rc = sweep(env->opt, &s, from, (unsigned int)(max > 100000 ? 100000 : max),
			   env->out, &rep) ? EXIT_ENV :
		     rep.findings ? EXIT_OPFAIL : EXIT_OK;
	script_free(&s);
	return rc;
}

const struct cmd cmd_fail_nth = {
	.syntax = {
		.object = "fail-nth", .name = "fail-nth",
		.summary = "sweep fault injection over a script and check the unwind",
		.doc = "Sweep fault injection over a script: run it once per fault site "
		       "(fail-nth), and after every run check that the kernel unwound: "
		       "what is left can be destroyed, no page stays pinned, the kernel log "
		       "is clean. Needs root, CONFIG_FAULT_INJECTION and debugfs.",
		.args = fnth_argv, .args_size = sizeof(struct fnth_args), .flags = OP_COMMAND,
	},
	.run = fail_nth, .more_help = fnth_more,
};
