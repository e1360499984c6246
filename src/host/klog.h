/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Watch the kernel log (/dev/kmsg) for the lines that mean the kernel is
 * unhappy: WARN, BUG, KASAN, UBSAN, refcount_t, lockdep, oopses.
 */
#ifndef ICTL_KLOG_H
#define ICTL_KLOG_H

#include <stdbool.h>
#include <stddef.h>

struct klog {
	int fd;		/* -1: not readable, watching is off */
	/*
	 * Also iommufd's own warnings and errors (level warning or worse):
	 * on for run and stress, off for fail-nth, whose injected failures
	 * make the drivers complain as they should.
	 */
	bool iommufd_lines;
};

/* Start at the end of the log: only what happens from now on counts. 0 or -errno. */
int klog_open(struct klog *k);
void klog_close(struct klog *k);

/*
 * Copy the message of the next new splat line into @buf. Returns true when
 * one was found, false when the log has nothing more (or watching is off).
 */
bool klog_next_splat(struct klog *k, char *buf, size_t len);

/* Is this log message a splat? */
bool klog_is_splat(const char *msg);

#endif
