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
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->ro_alias) {
		munmap(c->ro_alias, page);
		munmap(c->rw_alias, page);
	}
	c->ro_alias = c->rw_alias = NULL;
}

/* The two views of readonly_arg's page; 0 or -errno */
static int alias_pages(struct ictl *c, size_t page)
{
	void *rw, *ro = MAP_FAILED;
	int fd = memfd_create("iommufd-ctl-readonly", MFD_CLOEXEC), rc = 0;

	if (fd < 0)
		return -errno;
	rw = ftruncate(fd, (off_t)page) ? MAP_FAILED :
	     mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (rw != MAP_FAILED)
		ro = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
	if (ro == MAP_FAILED) {
		rc = -errno;
		if (rw != MAP_FAILED)
			munmap(rw, page);
	} else {
		c->rw_alias = rw;
		c->ro_alias = ro;
	}
	close(fd);
	return rc;
}

/* @arg copied into the page the kernel cannot write; NULL with errno set */
static void *readonly_copy(struct ictl *c, const void *arg, size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int rc;

	if (size > page) {
		errno = E2BIG;
		return NULL;
	}
	if (!c->ro_alias && (rc = alias_pages(c, page))) {
		errno = -rc;
		return NULL;
	}
	memcpy(c->rw_alias, arg, size);
	return c->ro_alias;
}

long ictl_fd_ioctl_ret(struct ictl *c, int fd, unsigned long req, void *arg)
{
	size_t size = *(const uint32_t *)arg;
	void *ro = NULL;
	uint64_t t0;
	long rc;

	if (c->readonly_arg && !(ro = readonly_copy(c, arg, size)))
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
	if (ro)
		memcpy(arg, ro, size);
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
