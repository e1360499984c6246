// SPDX-License-Identifier: GPL-2.0-only
/* The VFIO type1 container ioctls, as the iommufd answers them */
#include "ictl.h"

long ictl_vfio_api_version(struct ictl *c)
{
	return ictl_fd_ioctl_val(c, c->fd, ICTL_VFIO_GET_API_VERSION, 0);
}

long ictl_vfio_check_extension(struct ictl *c, unsigned long ext)
{
	return ictl_fd_ioctl_val(c, c->fd, ICTL_VFIO_CHECK_EXTENSION, ext);
}

long ictl_vfio_set_iommu(struct ictl *c, unsigned long type)
{
	return ictl_fd_ioctl_val(c, c->fd, ICTL_VFIO_SET_IOMMU, type);
}

int ictl_vfio_iommu_get_info(struct ictl *c, struct ictl_vfio_iommu_type1_info *info)
{
	return ictl_ioctl(c, ICTL_VFIO_IOMMU_GET_INFO, info);
}

int ictl_vfio_map_dma(struct ictl *c, struct ictl_vfio_iommu_type1_dma_map *map)
{
	map->argsz = sizeof(*map);
	return ictl_ioctl(c, ICTL_VFIO_IOMMU_MAP_DMA, map);
}

int ictl_vfio_unmap_dma(struct ictl *c, struct ictl_vfio_iommu_type1_dma_unmap *unmap)
{
	unmap->argsz = sizeof(*unmap);
	return ictl_ioctl(c, ICTL_VFIO_IOMMU_UNMAP_DMA, unmap);
}
