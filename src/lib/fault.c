// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event queues: the fault queue behind I/O page faults, the vIOMMU event
 * queue, and the HW queue, whose allocation sits with them as the other
 * vIOMMU-side object. Reads and writes of the queues' file descriptors go
 * through the same hooks as the ioctls, so fail-nth reaches the kernel's
 * allocations in them too.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ictl.h"

int ictl_fault_alloc(struct ictl *c, struct ictl_iommu_fault_alloc *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_FAULT_QUEUE_ALLOC, cmd);
}

int ictl_veventq_alloc(struct ictl *c, struct ictl_iommu_veventq_alloc *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_VEVENTQ_ALLOC, cmd);
}

int ictl_hw_queue_alloc(struct ictl *c, struct ictl_iommu_hw_queue_alloc *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_HW_QUEUE_ALLOC, cmd);
}

/* read(2) or write(2) between the hooks, timed; bytes or -errno */
static ssize_t hooked(struct ictl *c, int fd, void *buf, size_t len, bool wr)
{
	uint64_t t0;
	ssize_t n;

	if (c->around)
		c->around(c->around_arg, false);
	t0 = ictl_now_ns();
	n = wr ? write(fd, buf, len) : read(fd, buf, len);
	c->last_ns = ictl_now_ns() - t0;
	n = n < 0 ? -errno : n;
	if (c->around)
		c->around(c->around_arg, true);
	return n;
}

ssize_t ictl_eventq_read(struct ictl *c, int fd, void *buf, size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), maplen;
	void *ro;
	ssize_t n;

	if (!c->readonly_arg)
		return hooked(c, fd, buf, len, false);
	/* a buffer the kernel cannot write: its copy-out fails with EFAULT */
	maplen = len ? (len + page - 1) / page * page : page;
	ro = mmap(NULL, maplen, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED)
		return -errno;
	n = hooked(c, fd, ro, len, false);
	if (n > 0)
		memcpy(buf, ro, (size_t)n);
	munmap(ro, maplen);
	return n;
}

ssize_t ictl_fault_respond(struct ictl *c, int fd,
			   const struct ictl_iommu_hwpt_page_response *resp,
			   size_t n)
{
	return hooked(c, fd, (void *)resp, n * sizeof(*resp), true);
}
