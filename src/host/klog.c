// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/klog.h"

static const char *const splats[] = {
	"WARNING:", "BUG:", "KASAN", "UBSAN", "refcount_t", "Oops",
	"Call Trace", "Kernel panic", "general protection fault",
	"possible circular locking", "lockdep",
};

/*
 * Plain error lines do not count: an injected ENOMEM makes the driver core
 * log "failed ... -12", which is the unwind working, not a bug.
 */
bool klog_is_splat(const char *msg)
{
	size_t i;

	for (i = 0; i < sizeof(splats) / sizeof(splats[0]); i++)
		if (strstr(msg, splats[i]))
			return true;
	return false;
}

int klog_open(struct klog *k)
{
	k->fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (k->fd < 0)
		return -errno;
	lseek(k->fd, 0, SEEK_END);
	return 0;
}

void klog_close(struct klog *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
}

/* One read is one record: "prio,seq,usec,flags;message\n" and continuations. */
bool klog_next_splat(struct klog *k, char *buf, size_t len)
{
	char rec[8192], *msg;
	ssize_t n;

	while (k->fd >= 0) {
		n = read(k->fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* records were overwritten: go on */
		if (n <= 0)
			return false;
		rec[n] = '\0';
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		msg[strcspn(msg, "\n")] = '\0';
		/* the record starts with its priority: facility * 8 + level */
		if (klog_is_splat(msg) ||
		    (k->iommufd_lines && atoi(rec) % 8 <= 4 && strstr(msg, "iommufd"))) {
			snprintf(buf, len, "%s", msg);
			return true;
		}
	}
	return false;
}
