// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/faultinject.h"

#define DEBUGFS "/sys/kernel/debug"

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

/* Set a knob, remembering its old value; a knob that is not there is skipped. */
static void set_knob(struct fault_inject *fi, const char *path, const char *val)
{
	ssize_t n;
	int fd;

	if (fi->nknobs == FI_MAX_KNOBS)
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, fi->knobs[fi->nknobs].old, sizeof(fi->knobs[0].old) - 1);
	close(fd);
	if (n <= 0 || write_file(path, val))
		return;
	fi->knobs[fi->nknobs].old[n] = '\0';
	snprintf(fi->knobs[fi->nknobs].path, sizeof(fi->knobs[0].path), "%s", path);
	fi->nknobs++;
}

/* Quiet every fail* attribute: thousands of injected faults would flood the log. */
static void quiet_attributes(struct fault_inject *fi)
{
	char path[128];
	struct dirent *d;
	DIR *dir = opendir(DEBUGFS);

	while (dir && (d = readdir(dir))) {
		if (strncmp(d->d_name, "fail", 4))
			continue;
		snprintf(path, sizeof(path), DEBUGFS "/%.64s/verbose", d->d_name);
		set_knob(fi, path, "0");
	}
	if (dir)
		closedir(dir);
}

int fi_setup(struct fault_inject *fi)
{
	fi->nknobs = 0;
	fi->remaining = 0;
	fi->fired = false;
	fi->nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (fi->nth_fd < 0)
		return -errno;
	/* by default only atomic allocations may fail; iommufd mostly sleeps */
	set_knob(fi, DEBUGFS "/failslab/ignore-gfp-wait", "N");
	set_knob(fi, DEBUGFS "/fail_page_alloc/ignore-gfp-wait", "N");
	set_knob(fi, DEBUGFS "/fail_page_alloc/ignore-gfp-highmem", "N");
	quiet_attributes(fi);
	return 0;
}

void fi_restore(struct fault_inject *fi)
{
	if (fi->nth_fd >= 0) {
		(void)!pwrite(fi->nth_fd, "0", 1, 0);
		close(fi->nth_fd);
	}
	fi->nth_fd = -1;
	while (fi->nknobs > 0) {
		fi->nknobs--;
		write_file(fi->knobs[fi->nknobs].path, fi->knobs[fi->nknobs].old);
	}
}

void fi_arm(struct fault_inject *fi, unsigned int n)
{
	fi->remaining = n;
	fi->fired = false;
}

static void nth_write(struct fault_inject *fi, unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	/* the copy of this write happens before the value is set: not counted */
	if (pwrite(fi->nth_fd, buf, (size_t)len, 0) != len)
		fi->remaining = 0;
}

/*
 * What is left after a call. Reading copies to user memory, an injection
 * site itself: the value read is the count before that copy, and a read
 * that fails with EFAULT was the site the count ran out on.
 */
static void nth_collect(struct fault_inject *fi)
{
	char buf[16] = "";
	ssize_t n = pread(fi->nth_fd, buf, sizeof(buf) - 1, 0);

	if (n < 0)
		fi->remaining = errno == EFAULT ? 1 : 0;
	else if (buf[0] == '0')
		fi->fired = true;
	else
		fi->remaining = (unsigned int)strtoul(buf, NULL, 10);
	if (pwrite(fi->nth_fd, "0", 1, 0) != 1)
		(void)!pwrite(fi->nth_fd, "0", 1, 0);
}

void fi_around(void *arg, bool after)
{
	struct fault_inject *fi = arg;

	if (!fi->remaining || fi->fired)
		return;
	if (after)
		nth_collect(fi);
	else
		nth_write(fi, fi->remaining);
}

bool fi_fired(struct fault_inject *fi)
{
	bool fired = fi->fired;

	fi->remaining = 0;
	fi->fired = false;
	return fired;
}
