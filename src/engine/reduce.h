/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shrinker: delta debugging of steps that end in a finding. Steps are
 * dropped as long as a replay on a fresh iommufd still ends at the same last
 * step with the same result (the errno it returned, or a kernel log splat
 * right after it).
 */
#ifndef ICTL_REDUCE_H
#define ICTL_REDUCE_H

#include <stdbool.h>
#include <stddef.h>

struct options;
struct step;

/* How a replay ended */
struct outcome {
	size_t step;		/* index of the step it stopped at; n: ran to the end */
	int err;		/* that step's errno */
	bool splat;		/* the kernel log showed a splat right after it */
	int verdict;		/* enum verdict: a usage error is no answer */
	bool id;		/* it got another id than its --want */
	uint64_t got;		/* which */
};

/*
 * Replay @v[0..@n) on a fresh iommufd, quietly, and leave nothing behind.
 * @klog: watch the kernel log. 0, or -errno when no iommufd opens.
 */
int replay(const struct options *opt, const struct step *v, size_t n,
	   bool klog, struct outcome *out);

/*
 * Reduce @v[0..*@n) in place (the steps are moved, not copied: @v owns
 * them and frees the dropped ones); the last step is the finding and
 * stays, unless a replay shows a kernel log splat right after an earlier
 * one: that step is the finding then, and what came after it goes. Stops after @max_replays. Returns the replays made; *@reproduced
 * says whether a replay of the whole ends at the last step at all (a race
 * between threads may not).
 */
unsigned int reduce(const struct options *opt, struct step *v, size_t *n,
		    bool klog, unsigned int max_replays, bool *reproduced);

#endif
