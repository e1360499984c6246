// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/session.h"
#include "core/step.h"
#include "engine/cleanup.h"
#include "engine/reduce.h"
#include "engine/script.h"
#include "host/klog.h"
#include "util/stop.h"

int replay(const struct options *opt, const struct step *v, size_t n,
	   bool klog, struct outcome *out)
{
	struct klog k = { -1, true };
	struct session s;
	struct runner rn = { .s = &s };
	struct tally t = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	sess_init(&s, opt);
	s.loc.mute = true;
	rc = sess_open(&s);
	if (!rc) {
		if (klog && !klog_open(&k))
			rn.klog = &k;
		run_steps(&rn, v, 0, n, &t);
		klog_close(&k);
		out->step = t.failed ? t.fail_index : n;
		out->err = t.fail_errno;
		out->splat = t.fail_splat;
		out->verdict = t.failed ? (int)t.first : VERDICT_PASS;
		out->id = t.failed && t.fail_index < n && v[t.fail_index].has_want &&
			  v[t.fail_index].op->want.v == WANT_ID;
		out->got = out->id ? t.fail_got : 0;
		rn.klog = NULL;
		run_cleanup(&rn, &t, NULL);
	}
	ictl_close(&s.ictl);
	recycle_memory(&s);
	sess_fini(&s);
	return rc;
}

static bool same(const struct outcome *a, const struct outcome *b)
{
	/*
	 * An id means something only beside the objects made before it: a
	 * shorter history that skips another id is not the same finding
	 */
	return a->step == b->step && a->err == b->err && a->splat == b->splat &&
	       a->verdict == b->verdict && a->id == b->id && a->got == b->got;
}

/* Keep @v minus [@from, @to) if a replay still ends the same way */
static bool try_without(const struct options *opt, struct step *v, size_t *n,
			size_t from, size_t to, bool klog,
			const struct outcome *want)
{
	size_t m = *n - (to - from), i;
	struct step *cand = malloc(m * sizeof(*cand));
	struct outcome got, w = *want;
	bool keep;

	if (!cand)
		return false;
	/* shallow copies: a candidate shares its steps' arguments */
	memcpy(cand, v, from * sizeof(*v));
	memcpy(cand + from, v + to, (*n - to) * sizeof(*v));
	w.step = m - 1;
	keep = !replay(opt, cand, m, klog, &got) && same(&got, &w);
	if (keep) {
		for (i = from; i < to; i++)
			step_free(&v[i]);
		memmove(v + from, v + to, (*n - to) * sizeof(*v));
		*n = m;
	}
	free(cand);
	return keep;
}

/*
 * The ids the walk told its allocations hold only for that whole history:
 * but for the last step's, which may be the finding, a shorter history
 * would fail on them before it reaches the step that matters.
 */
static void relax_ids(struct step *v, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (v[i].op->want.v == WANT_ID)
			v[i].has_want = false;
}

unsigned int reduce(const struct options *opt, struct step *v, size_t *n,
		    bool klog, unsigned int max_replays, bool *reproduced)
{
	struct outcome want;
	unsigned int replays = 1, parts = 2;
	size_t body, chunk, from, to;
	bool cut;

	relax_ids(v, *n);
	*reproduced = *n && !replay(opt, v, *n, klog, &want);
	/*
	 * A splat in the kernel log is noticed some steps after the one that
	 * made it: the replay says which, and the history ends there.
	 */
	while (*reproduced && want.splat && want.step + 1 < *n)
		step_free(&v[--*n]);
	/* an answer of the kernel's, not a step the replay could not run */
	*reproduced = *reproduced && want.step == *n - 1 &&
		      (want.verdict == VERDICT_FAIL || want.verdict == VERDICT_UNSUPPORTED);
	if (!*reproduced)
		return replays;	/* a race that one thread does not replay */
	/* ddmin over the steps before the last; complements first */
	while ((body = *n - 1) >= 1 && replays < max_replays && !stop_signal) {
		if (parts > body)
			parts = (unsigned int)body;
		chunk = (body + parts - 1) / parts;
		cut = false;
		for (from = 0; from < *n - 1 && replays < max_replays && !stop_signal;) {
			to = from + chunk < *n - 1 ? from + chunk : *n - 1;
			replays++;
			if (try_without(opt, v, n, from, to, klog, &want)) {
				cut = true;
				continue;	/* the next chunk now starts here */
			}
			from = to;
		}
		if (cut)
			parts = parts > 2 ? parts - 1 : 2;
		else if (chunk == 1)
			break;
		else
			parts *= 2;
	}
	return replays;
}
