/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ioctl layer: one small function per kernel call. It never prints and
 * never exits; every function returns 0 or -errno, and output fields stay in
 * the caller's struct also on failure (the kernel writes some of them back on
 * error, e.g. the entry count of an invalidation).
 */
#ifndef ICTL_H
#define ICTL_H

#include <stdint.h>

#include "abi.h"

struct ictl {
	int fd;			/* the /dev/iommu file descriptor */
	uint64_t last_ns;	/* duration of the last call through this handle */
};

/**
 * ictl_open() - open an iommufd character device
 * @c: handle to fill
 * @path: usually /dev/iommu
 *
 * Return: 0 or -errno of open(2).
 */
int ictl_open(struct ictl *c, const char *path);

/** ictl_close() - close the iommufd; the kernel destroys every object on it */
void ictl_close(struct ictl *c);

/**
 * ictl_fd_ioctl() - the single choke point for every ioctl the tool issues
 * @c: handle whose @last_ns receives the call's duration
 * @fd: the iommufd, a VFIO cdev or another object fd
 * @req: ioctl number
 * @arg: argument struct, passed through untouched
 *
 * Return: 0 or -errno.
 */
int ictl_fd_ioctl(struct ictl *c, int fd, unsigned long req, void *arg);

/** ictl_ioctl() - ictl_fd_ioctl() on the iommufd itself */
int ictl_ioctl(struct ictl *c, unsigned long req, void *arg);

/* IOMMU_DESTROY of any object id */
int ictl_destroy(struct ictl *c, uint32_t id);

/* IOAS: each sets @cmd->size and issues the call */
int ictl_ioas_alloc(struct ictl *c, struct ictl_iommu_ioas_alloc *cmd);
int ictl_ioas_map(struct ictl *c, struct ictl_iommu_ioas_map *cmd);
int ictl_ioas_unmap(struct ictl *c, struct ictl_iommu_ioas_unmap *cmd);

/* CONFIG_IOMMUFD_TEST: @cmd->op selects the mock operation */
int ictl_test_cmd(struct ictl *c, struct ictl_iommu_test_cmd *cmd);

/* the calling thread's clock, in ns, for timing outside the choke point */
uint64_t ictl_now_ns(void);

#endif
