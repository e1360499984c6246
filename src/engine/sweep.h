/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fail-nth: replay steps once per fault site. Iteration n fails the n-th
 * fault-injection site the steps reach (after an optional setup prefix;
 * without one, the open of the iommufd is swept too), then checks that
 * the kernel unwound cleanly: everything left can be destroyed, no user
 * page stays pinned (on the mock driver), and the kernel log has no splat.
 * The sweep ends with the first run that reaches no n-th site.
 */
#ifndef ICTL_SWEEP_H
#define ICTL_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

struct options;
struct out;
struct script;

struct sweep_report {
	unsigned int iterations, sites, findings;
	bool complete;		/* it reached an n with no site left */
};

/*
 * Sweep @s from step @from on, at most @max iterations, each iteration's
 * record (and the summary) to @out. 0, or -errno after a message when
 * fault injection is not there (CONFIG_FAULT_INJECTION) or no iommufd opens.
 */
int sweep(const struct options *opt, const struct script *s, size_t from,
	  unsigned int max, struct out *out, struct sweep_report *rep);

#endif
