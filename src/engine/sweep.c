// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "core/render.h"
#include "core/session.h"
#include "engine/cleanup.h"
#include "engine/script.h"
#include "engine/sweep.h"
#include "host/faultinject.h"
#include "host/klog.h"
#include "host/usermem.h"
#include "util/msg.h"
#include "util/parse.h"
#include "util/rec.h"
#include "util/stop.h"

struct sweeper {
	struct session s;
	struct runner rn;
	const struct script *sc;
	size_t from;
	struct fault_inject fi;
	struct klog klog;
	struct rec *found;	/* this iteration's findings */
	unsigned int findings;
};

static void finding(struct sweeper *w, const char *what)
{
	if (w->found)
		rec_str(w->found, NULL, what);
	w->findings++;
}

/* The iommufd, opened with the armed site counting when there is no setup */
static int open_fd(struct sweeper *w, bool swept)
{
	int rc;

	if (swept)
		fi_around(&w->fi, false);
	rc = sess_open(&w->s);
	if (swept)
		fi_around(&w->fi, true);
	return rc;
}

/* The selftest's leak oracle: a fresh fd, and no page of ours pinned */
static void check_pins(struct sweeper *w)
{
	struct ictl_iommu_test_cmd cmd;
	size_t i;

	ictl_close(&w->s.ictl);
	if (sess_open(&w->s))
		return;
	for (i = 0; i < w->s.reg.n; i++) {
		struct reg_entry *e = &w->s.reg.v[i];

		/* only this process's own pages can be pinned */
		if (e->type != OBJ_MEM || !e->mem || e->subtype == MEM_MMAP)
			continue;
		memset(&cmd, 0, sizeof(cmd));
		cmd.op = ICTL_IOMMU_TEST_OP_MD_CHECK_REFS;
		cmd.check_refs.length = e->len;
		cmd.check_refs.uptr = (uintptr_t)e->mem;
		if (ictl_test_cmd(&w->s.ictl, &cmd) == -EIO)
			finding(w, "pages still pinned after close");
	}
}

/* The steps, with the n-th site armed after the setup (n 0: none) */
static void inject(struct sweeper *w, unsigned int n, struct tally *t)
{
	struct tally setup = { 0 };

	if (!w->from) {
		ictl_close(&w->s.ictl);
		fi_arm(&w->fi, n);
		if (open_fd(w, true))
			return;	/* the open itself took the fault */
	} else {
		if (sess_open(&w->s))
			return;
		run_steps(&w->rn, w->sc->v, 0, w->from, &setup);
		if (setup.failed) {
			finding(w, "the setup steps failed without injection");
			return;
		}
		fi_arm(&w->fi, n);
	}
	run_steps(&w->rn, w->sc->v, w->from, w->sc->n, t);
}

/* One run with the n-th site armed, into @rec; whether the fault fired */
static bool iteration(struct sweeper *w, unsigned int n, struct rec *rec)
{
	struct tally t = { 0 }, clean = { 0 };
	char line[512];
	bool fired;

	w->found = rec_new(rec->a);
	inject(w, n, &t);
	fired = fi_fired(&w->fi);
	if (!n && t.failed)
		finding(w, "the script fails without injection");
	if (sess_open(&w->s) == 0) {
		run_cleanup(&w->rn, &clean, NULL);
		if (clean.failed)
			finding(w, "an object could not be destroyed after the run");
		check_pins(w);
	}
	ictl_close(&w->s.ictl);
	recycle_memory(&w->s);
	/* every run names its objects afresh: @ioas0 must mean this run's */
	reg_free(&w->s.reg);
	while (klog_next_splat(&w->klog, line, sizeof(line)))
		finding(w, line);
	rec_u64(rec, "n", n);
	rec_bool(rec, "fired", fired);
	if (t.failed) {
		rec_u64(rec, "failed_line", t.fail_line);
		rec_lit(rec, "errno_name", errno_name(t.fail_errno));
	}
	rec_bool(rec, "ok", !w->found->n);
	rec_put(rec, "findings", V_LIST, w->found);
	return fired;
}

static void summary(struct sweeper *w, struct out *out, struct sweep_report *rep)
{
	struct rec *rec = out_rec(out);

	rec_lit(rec, "op", "fail-nth.summary");
	rec_bool(rec, "ok", !rep->findings && !stop_signal);
	if (stop_signal)
		rec_bool(rec, "interrupted", true);
	rec_str(rec, "script", w->sc->name);
	rec_u64(rec, "iterations", rep->iterations);
	rec_u64(rec, "sites", rep->sites);
	rec_u64(rec, "findings", rep->findings);
	rec_bool(rec, "complete", rep->complete);
	out_summary(out, rec);
}

static void run_sweep(struct sweeper *w, unsigned int max, struct out *out,
		      struct sweep_report *rep)
{
	struct rec *rec;
	unsigned int n;
	bool fired = false;

	for (n = 0; n <= max && !stop_signal; n++) {
		rec = out_rec(out);
		rec_lit(rec, "op", "fail-nth");
		fired = iteration(w, n, rec);
		rep->sites += fired;
		rep->iterations++;
		out_summary(out, rec);
		/* no n-th site reached: swept; failing uninjected: nothing to sweep */
		if ((n && !fired) || (!n && w->findings) || out_broken(out))
			break;
	}
	rep->complete = !fired && !stop_signal;
	rep->findings = w->findings;
}

int sweep(const struct options *opt, const struct script *s, size_t from,
	  unsigned int max, struct out *out, struct sweep_report *rep)
{
	struct sweeper w = { .sc = s, .from = from, .klog = { -1, false } };
	int rc;

	memset(rep, 0, sizeof(*rep));
	sess_init(&w.s, opt);
	w.rn.s = &w.s;
	w.rn.src = s->name;
	rc = fi_setup(&w.fi);
	if (rc) {
		msg("fail-nth: /proc/thread-self/fail-nth: %s (needs CONFIG_FAULT_INJECTION)",
		    strerror(-rc));
		return rc;
	}
	rc = sess_open(&w.s);
	if (!rc) {
		klog_open(&w.klog);
		w.s.ictl.around = fi_around;
		w.s.ictl.around_arg = &w.fi;
		run_sweep(&w, max, out, rep);
		summary(&w, out, rep);
		klog_close(&w.klog);
	}
	fi_restore(&w.fi);
	sess_fini(&w.s);
	return rc;
}
