/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shrinker: delta debugging of a script that ends in a finding. Steps
 * are dropped as long as a replay on a fresh iommufd still ends at the
 * same last step with the same result (the errno it returned, or a kernel
 * log splat right after it).
 */
#ifndef ICTL_SHRINK_H
#define ICTL_SHRINK_H

#include <stdbool.h>
#include <stddef.h>

struct ctx;

/* How a replay ended */
struct outcome {
	size_t step;		/* index of the step it stopped at; n: ran to the end */
	int err;		/* that step's errno */
	bool splat;		/* the kernel log showed a splat right after it */
};

/*
 * Replay @lines (script lines) on a fresh iommufd, quietly, and leave
 * nothing behind. @klog: watch the kernel log. EXIT_OK, or EXIT_USAGE /
 * EXIT_ENV when the lines do not form a script or nothing can be opened.
 */
int shrink_replay(struct ctx *ctx, char **lines, size_t n, bool klog,
		  struct outcome *out);

/*
 * Reduce @lines[0..*n) in place; the last line is the finding and stays.
 * Stops after @max_replays. Returns the replays made; *reproduced says
 * whether a replay of the whole ends at the last line at all (a race
 * between threads may not).
 */
unsigned int shrink_lines(struct ctx *ctx, char **lines, size_t *n, bool klog,
			  unsigned int max_replays, bool *reproduced);

/*
 * Write @lines as a script to @path, after a "# " @comment line if given;
 * an existing @path (or a symlink there) only with @replace, and then
 * replaced, never written through. 0 or -errno.
 */
int shrink_write(const char *path, char **lines, size_t n, const char *comment,
		 bool replace);

#endif
