/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stress: a seeded random walk over iommufd operations, driven and judged by
 * the model (model.h). Threads share the iommufds; every operation is a
 * command of the table run as a script step, so a finding's history is a
 * script that `run` replays and the shrinker reduces.
 */
#ifndef ICTL_STRESS_H
#define ICTL_STRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

struct ctx;

struct stress_opts {
	uint64_t seed;
	uint64_t ops;			/* 0: until the duration ends */
	uint64_t duration_ns;		/* 0: until ops are done */
	unsigned int threads, fds;
	uint64_t epoch;			/* ops on an fd before it is torn down */
	unsigned int weights[MOP_NKINDS];
	bool per_op;
	bool klog;
	const char *repro;		/* where a finding's script goes; NULL:
					 * a new private directory */
	bool force;			/* --repro may replace existing files */
	const char *device;		/* a VFIO device for the first iommufd */
};

/* Run the walk and print its summary; the exit code. */
int stress_run(struct ctx *ctx, const struct stress_opts *o);

#endif
