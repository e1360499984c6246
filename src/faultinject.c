// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "faultinject.h"

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
		fi_fired(fi);
		close(fi->nth_fd);
	}
	fi->nth_fd = -1;
	while (fi->nknobs > 0) {
		fi->nknobs--;
		write_file(fi->knobs[fi->nknobs].path, fi->knobs[fi->nknobs].old);
	}
}

int fi_arm(struct fault_inject *fi, unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	return pwrite(fi->nth_fd, buf, (size_t)len, 0) == len ? 0 : -errno;
}

bool fi_fired(struct fault_inject *fi)
{
	char buf[16] = "";
	bool fired;

	/*
	 * The read back is "0" once the N-th site failed. The read and the
	 * disarm copy to or from user memory, so an armed usercopy fault can
	 * fail them: then nothing before them consumed it.
	 */
	fired = pread(fi->nth_fd, buf, sizeof(buf) - 1, 0) > 0 && buf[0] == '0';
	if (pwrite(fi->nth_fd, "0", 1, 0) != 1)
		(void)!pwrite(fi->nth_fd, "0", 1, 0);
	return fired;
}
