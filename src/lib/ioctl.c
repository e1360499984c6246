// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
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

/* A private page holding a copy of @arg, made read-only; NULL with errno set */
static void *readonly_copy(const void *arg, size_t size, size_t page)
{
	void *p;

	if (size > page) {
		errno = E2BIG;
		return NULL;
	}
	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	memcpy(p, arg, size);
	if (mprotect(p, page, PROT_READ)) {
		munmap(p, page);
		return NULL;
	}
	return p;
}

long ictl_fd_ioctl_ret(struct ictl *c, int fd, unsigned long req, void *arg)
{
	size_t size = *(const uint32_t *)arg, page = (size_t)sysconf(_SC_PAGESIZE);
	void *ro = NULL;
	uint64_t t0;
	long rc;

	if (c->readonly_arg && !(ro = readonly_copy(arg, size, page)))
		return -errno;
	if (c->around)
		c->around(c->around_arg, false);
	t0 = ictl_now_ns();
	rc = ictl_sys_ioctl(fd, req, ro ? ro : arg);
	c->last_ns = ictl_now_ns() - t0;
	if (rc < 0)
		rc = -errno;
	if (c->around)
		c->around(c->around_arg, true);
	if (ro) {
		memcpy(arg, ro, size);
		munmap(ro, page);
	}
	return rc;
}

int ictl_fd_ioctl(struct ictl *c, int fd, unsigned long req, void *arg)
{
	long rc = ictl_fd_ioctl_ret(c, fd, req, arg);

	return rc < 0 ? (int)rc : 0;
}

long ictl_fd_ioctl_val(struct ictl *c, int fd, unsigned long req,
		       unsigned long val)
{
	uint64_t t0;
	long rc;

	if (c->around)
		c->around(c->around_arg, false);
	t0 = ictl_now_ns();
	rc = ictl_sys_ioctl(fd, req, (void *)(uintptr_t)val);
	c->last_ns = ictl_now_ns() - t0;
	if (rc < 0)
		rc = -errno;
	if (c->around)
		c->around(c->around_arg, true);
	return rc;
}

int ictl_ioctl(struct ictl *c, unsigned long req, void *arg)
{
	return ictl_fd_ioctl(c, c->fd, req, arg);
}

bool ictl_has_ioctl(struct ictl *c, unsigned int nr)
{
	/* an undersized struct: a known ioctl refuses it, an unknown one is ENOTTY */
	uint32_t size = sizeof(size);

	return ictl_ioctl(c, _IO(ICTL_IOMMUFD_TYPE, nr), &size) != -ENOTTY;
}
