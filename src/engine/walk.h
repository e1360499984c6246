/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stress: a seeded random walk over iommufd operations, generated and
 * judged by the model (model.h) as typed steps: no text, no parsing and no
 * JSON between an operation and its verdict. Threads share the iommufds.
 * Each iommufd keeps its history as steps; a finding's history becomes a
 * script that `run` replays, shrunk.
 */
#ifndef ICTL_WALK_H
#define ICTL_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/model.h"

struct options;
struct out;

#define WALK_MEDDLE_MAX	4

struct walk_opts {
	uint64_t seed;
	uint64_t ops;			/* 0: until the duration ends */
	uint64_t duration_ns;		/* 0: until ops are done */
	unsigned int threads, fds;
	uint64_t epoch;			/* ops on an fd before it is torn down */
	unsigned int weights[MOP_NKINDS];
	bool per_op;
	bool ids;		/* predict new objects' ids */
	bool klog;
	const char *repro;		/* where a finding's script goes; NULL:
					 * a new private directory */
	bool force;			/* --repro may replace existing files */
	const char *device;		/* a VFIO device for the first iommufd */
	/*
	 * Steps to run once on the first iommufd without telling the model,
	 * as soon as the objects they name exist and nothing else runs: a
	 * change behind the model's back, which the walk must notice.
	 */
	const char *meddle[WALK_MEDDLE_MAX];
	unsigned int nmeddle;
	uint64_t meddle_after;		/* operations before the first try */
};

/* The largest --epoch: each iommufd keeps that many steps of history */
#define WALK_EPOCH_MAX	100000

/*
 * Run the walk and print its summary to @out. 0 (no finding), 1 (a
 * finding), or -errno after a message when it could not start.
 */
int walk(const struct options *opt, struct out *out, const struct walk_opts *o);

#endif
