// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "ictl.h"
#include "sys.h"

uint64_t ictl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int ictl_open(struct ictl *c, const char *path)
{
	c->last_ns = 0;
	c->fd = open(path, O_RDWR | O_CLOEXEC);
	return c->fd < 0 ? -errno : 0;
}

void ictl_close(struct ictl *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

int ictl_fd_ioctl(struct ictl *c, int fd, unsigned long req, void *arg)
{
	uint64_t t0 = ictl_now_ns();
	int rc = ictl_sys_ioctl(fd, req, arg);

	c->last_ns = ictl_now_ns() - t0;
	return rc < 0 ? -errno : 0;
}

int ictl_ioctl(struct ictl *c, unsigned long req, void *arg)
{
	return ictl_fd_ioctl(c, c->fd, req, arg);
}
