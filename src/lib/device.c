// SPDX-License-Identifier: GPL-2.0-only
/* VFIO device cdevs and the iommufd calls that take a dev_id */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "ictl.h"

int ictl_vfio_open(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int ictl_vfio_close(struct ictl *c, int devfd)
{
	uint64_t t0 = ictl_now_ns();
	int rc = close(devfd);

	c->last_ns = ictl_now_ns() - t0;
	return rc ? -errno : 0;
}

int ictl_vfio_bind(struct ictl *c, int devfd,
		   struct ictl_vfio_device_bind_iommufd *cmd)
{
	cmd->argsz = sizeof(*cmd);
	cmd->iommufd = c->fd;
	return ictl_fd_ioctl(c, devfd, ICTL_VFIO_DEVICE_BIND_IOMMUFD, cmd);
}

int ictl_vfio_attach(struct ictl *c, int devfd,
		     struct ictl_vfio_device_attach_iommufd_pt *cmd)
{
	cmd->argsz = sizeof(*cmd);
	return ictl_fd_ioctl(c, devfd, ICTL_VFIO_DEVICE_ATTACH_IOMMUFD_PT, cmd);
}

int ictl_vfio_detach(struct ictl *c, int devfd,
		     struct ictl_vfio_device_detach_iommufd_pt *cmd)
{
	cmd->argsz = sizeof(*cmd);
	return ictl_fd_ioctl(c, devfd, ICTL_VFIO_DEVICE_DETACH_IOMMUFD_PT, cmd);
}

int ictl_get_hw_info(struct ictl *c, struct ictl_iommu_hw_info *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_GET_HW_INFO, cmd);
}

int ictl_vfio_region_info(struct ictl *c, int devfd,
			  struct ictl_vfio_region_info *info)
{
	info->argsz = sizeof(*info);
	return ictl_fd_ioctl(c, devfd, ICTL_VFIO_DEVICE_GET_REGION_INFO, info);
}

long ictl_vfio_device_feature(struct ictl *c, int devfd,
			      struct ictl_vfio_device_feature *feat)
{
	return ictl_fd_ioctl_ret(c, devfd, ICTL_VFIO_DEVICE_FEATURE, feat);
}
