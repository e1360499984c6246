// SPDX-License-Identifier: GPL-2.0-only
/*
 * fail-nth: replay a script once per fault site. Iteration n fails the n-th
 * fault-injection site the steps reach (after an optional setup prefix),
 * then checks that the kernel unwound cleanly: everything left can be
 * destroyed, no user page stays pinned (on the mock driver), and the kernel
 * log has no splat. The sweep ends with the first run that reaches no n-th
 * site.
 */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "host/faultinject.h"
#include "host/klog.h"
#include "util/parse.h"
#include "scenarios.h"
#include "script.h"

enum { OPT_FROM = 0x1000, OPT_MAX };

struct fnth_args {
	const char *file;
	uint64_t from;		/* script line where injection starts; 0: first step */
	uint64_t max;
};

struct sweep {
	struct script s;
	size_t from;		/* index of the first swept step */
	struct fault_inject fi;
	struct klog klog;
	unsigned int sites, findings;
};

static error_t fnth_opt(int key, char *arg, struct argp_state *st)
{
	struct fnth_args *a = st->input;

	switch (key) {
	case OPT_FROM:
		return arg_u64(st, arg, &a->from);
	case OPT_MAX:
		return arg_u64(st, arg, &a->max);
	case ARGP_KEY_ARG:
		return arg_take(st, &a->file, arg);
	case ARGP_KEY_END:
		return arg_need(st, a->file, "SCRIPT (or - for standard input)");
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option fnth_opts[] = {
	{ "from", OPT_FROM, "LINE", 0, "Inject only from this script line on; "
	  "the steps before it are setup (default: the first step)", 0 },
	{ "max", OPT_MAX, "N", 0, "Stop after N iterations (default 1000)", 0 },
	{ 0 }
};

static char *fnth_help(int key, const char *text, void *input)
{
	const struct scenario *sc;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)input;
	if (key != ARGP_KEY_HELP_POST_DOC || !(f = open_memstream(&buf, &len)))
		return (char *)text;
	fputs("Built-in scenarios (mock driver):\n", f);
	for (sc = scenarios; sc->name; sc++)
		fprintf(f, "  %-10s %s\n", sc->name, sc->summary);
	fclose(f);
	return buf;
}

static const struct argp fnth_argp = { fnth_opts, fnth_opt, "SCRIPT|SCENARIO",
	"Sweep fault injection over a script: run it once per fault site "
	"(fail-nth), and after every run check that the kernel unwound: "
	"what is left can be destroyed, no page stays pinned, the kernel log "
	"is clean. Needs root, CONFIG_FAULT_INJECTION and debugfs.\v",
	NULL, fnth_help, NULL };

static void finding(struct sweep *sw, struct json_object *list, const char *what)
{
	json_object_array_add(list, json_object_new_string(what));
	sw->findings++;
}

/* The selftest's leak oracle: a fresh fd, and no page of ours pinned. */
static void check_pins(struct ctx *ctx, struct sweep *sw, struct json_object *list)
{
	struct ictl_iommu_test_cmd cmd;
	size_t i;

	ictl_close(&ctx->s.ictl);
	if (ctx_open_iommufd(ctx))
		return;
	for (i = 0; i < ctx->s.reg.n; i++) {
		struct reg_entry *e = &ctx->s.reg.v[i];

		if (e->type != OBJ_MEM)
			continue;
		memset(&cmd, 0, sizeof(cmd));
		cmd.op = ICTL_IOMMU_TEST_OP_MD_CHECK_REFS;
		cmd.check_refs.length = e->len;
		cmd.check_refs.uptr = (uintptr_t)e->mem;
		cmd.check_refs.refs = 0;
		if (ictl_test_cmd(&ctx->s.ictl, &cmd) == -EIO)
			finding(sw, list, "pages still pinned after close");
	}
}

static void check_klog(struct sweep *sw, struct json_object *list)
{
	char line[512];

	while (klog_next_splat(&sw->klog, line, sizeof(line)))
		finding(sw, list, line);
}

/* One run with the n-th site armed (n 0: none); fills @rec. */
static void iteration(struct ctx *ctx, struct sweep *sw, unsigned int n,
		      struct json_object *rec, bool *fired)
{
	struct json_object *found = json_object_new_array();
	struct tally setup = { 0 }, t = { 0 }, clean = { 0 };

	script_run(ctx, &sw->s, 0, sw->from, &setup);
	if (setup.status)
		finding(sw, found, "the setup steps failed without injection");
	else {
		fi_arm(&sw->fi, n);
		script_run(ctx, &sw->s, sw->from, sw->s.n, &t);
	}
	*fired = fi_fired(&sw->fi);
	if (!n && t.status)
		finding(sw, found, "the script fails without injection");
	script_cleanup(ctx, &clean, true);
	if (clean.status)
		finding(sw, found, "an object could not be destroyed after the run");
	check_pins(ctx, sw, found);
	mem_free_all(ctx);
	/* every run names its objects afresh: @ioas0 must mean this run's */
	reg_free(&ctx->s.reg);
	check_klog(sw, found);
	op_u64(rec, "n", n);
	op_bool(rec, "fired", *fired);
	if (t.status) {
		op_u64(rec, "failed_line", t.fail_line);
		op_str(rec, "errno_name", errno_name(t.fail_errno));
	}
	op_bool(rec, "ok", !json_object_array_length(found));
	json_object_object_add(rec, "findings", found);
}

static void sweep(struct ctx *ctx, struct sweep *sw, unsigned int max)
{
	struct json_object *rec;
	unsigned int n;
	bool fired = false;

	for (n = 0; n <= max && !stop_signal; n++) {
		rec = op_begin("fail-nth");
		ctx->out.quiet = true;
		iteration(ctx, sw, n, rec, &fired);
		ctx->out.quiet = false;
		sw->sites += fired;
		emit_summary(ctx, rec);
		/* no n-th site reached: swept; failing uninjected: nothing to sweep */
		if ((n && !fired) || (!n && sw->findings))
			break;
	}
	rec = op_begin("fail-nth.summary");
	op_bool(rec, "ok", !sw->findings);
	op_str(rec, "script", sw->s.name);
	op_u64(rec, "iterations", n > max ? n : n + 1);
	op_u64(rec, "sites", sw->sites);
	op_u64(rec, "findings", sw->findings);
	op_bool(rec, "complete", !fired);
	emit_summary(ctx, rec);
}

static int first_swept(struct ctx *ctx, const struct script *s, uint64_t line,
		       size_t *from)
{
	for (*from = 0; *from < s->n && s->v[*from].line < line; (*from)++)
		;
	if (*from < s->n)
		return EXIT_OK;
	msg_err(ctx, "fail-nth: no step at or after line %llu", (unsigned long long)line);
	return EXIT_USAGE;
}

static int fail_nth(struct ctx *ctx, int argc, char **argv)
{
	struct fnth_args a = { .max = 1000 };
	struct sweep sw = { .klog = { -1 } };
	const struct scenario *sc;
	int rc;

	if (!cmd_parse(ctx, &cmd_fail_nth, &fnth_argp, argc, argv, &a))
		return ctx->parse_status;
	sc = scenario_find(a.file);
	rc = sc ? script_load_text(ctx, sc->name, sc->text, &sw.s) :
		  script_load(ctx, a.file, &sw.s);
	if (rc ||
	    (rc = first_swept(ctx, &sw.s, a.from, &sw.from)))
		goto out;
	rc = fi_setup(&sw.fi);
	if (rc) {
		msg_err(ctx, "fail-nth: /proc/thread-self/fail-nth: %s (needs CONFIG_FAULT_INJECTION)",
			strerror(-rc));
		rc = EXIT_ENV;
		goto out;
	}
	klog_open(&sw.klog);
	ctx->s.ictl.around = fi_around;
	ctx->s.ictl.around_arg = &sw.fi;
	sweep(ctx, &sw, (unsigned int)(a.max > 100000 ? 100000 : a.max));
	rc = sw.findings ? EXIT_OPFAIL : EXIT_OK;
	ctx->s.ictl.around = NULL;
	fi_restore(&sw.fi);
	klog_close(&sw.klog);
out:
	ctx->s.loc.src = NULL;
	script_free(&sw.s);
	return rc;
}

const struct cmd cmd_fail_nth = {
	.object = "fail-nth", .fn = fail_nth,
	.flags = CMD_NEEDS_IOMMUFD,
	.summary = "sweep fault injection over a script and check the unwind",
};
