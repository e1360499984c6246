/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The end of a script: destroy what its steps left, holders before what
 * they hold (as the steps' results said who holds whom), again and again
 * while that makes progress. What the kernel still refuses once nothing the
 * tool knows of holds it is a possible leak in the kernel, reported as
 * such, not as a failed step.
 */
#ifndef ICTL_CLEANUP_H
#define ICTL_CLEANUP_H

#include <stdint.h>

#include "core/registry.h"
#include "engine/script.h"

#define CLEANUP_LEAKS_MAX 16

struct leak {
	char name[REG_NAME_MAX];
	enum obj_type type;
	uint32_t id;
	int err;		/* what the last destroy answered */
};

struct leaks {
	struct leak v[CLEANUP_LEAKS_MAX];
	unsigned int n;		/* may exceed CLEANUP_LEAKS_MAX: counted, not kept */
};

/*
 * Destroy every object of @rn's session (memory stays: see free_memory),
 * each a step of @t with a cleanup record. The refusals that remain go to
 * @lk (NULL: counted as failed steps instead, for runs that want no
 * distinction).
 */
void run_cleanup(struct runner *rn, struct tally *t, struct leaks *lk);

/* Unmap the memory the steps allocated and forget it */
void free_memory(struct session *s);
/* free_memory(), keeping the pages for the next run once @s's iommufd is closed */
void recycle_memory(struct session *s);

#endif
