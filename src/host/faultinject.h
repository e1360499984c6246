/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's fail-nth: fail the N-th fault-injection site this thread
 * reaches (slab, page allocator, usercopy, iommufd's own), after setting the
 * debugfs knobs so that sleeping allocations can fail too.
 */
#ifndef ICTL_FAULTINJECT_H
#define ICTL_FAULTINJECT_H

#include <stdbool.h>

#define FI_MAX_KNOBS 16

struct fault_inject {
	int nth_fd;			/* /proc/thread-self/fail-nth */
	unsigned int remaining;		/* sites to go until the armed one */
	bool fired;
	int nknobs;
	struct {
		char path[128];
		char old[32];
	} knobs[FI_MAX_KNOBS];		/* debugfs values to put back */
};

/* 0, or -errno with nothing changed (no fail-nth: CONFIG_FAULT_INJECTION) */
int fi_setup(struct fault_inject *fi);
/* Put the debugfs knobs back and close; safe to call twice. */
void fi_restore(struct fault_inject *fi);
/*
 * Arm the n-th site from now on, counted only inside the calls that
 * fi_around() brackets: it is struct ictl's around hook.
 */
void fi_arm(struct fault_inject *fi, unsigned int n);
void fi_around(void *fi, bool after);
/* Disarm; true if the armed fault fired since fi_arm(). */
bool fi_fired(struct fault_inject *fi);

#endif
