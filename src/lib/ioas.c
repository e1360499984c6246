// SPDX-License-Identifier: GPL-2.0-only
#include "ictl.h"

int ictl_destroy(struct ictl *c, uint32_t id)
{
	struct ictl_iommu_destroy cmd = { .size = sizeof(cmd), .id = id };

	return ictl_ioctl(c, ICTL_IOMMU_DESTROY, &cmd);
}

int ictl_ioas_alloc(struct ictl *c, struct ictl_iommu_ioas_alloc *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_IOAS_ALLOC, cmd);
}

int ictl_ioas_map(struct ictl *c, struct ictl_iommu_ioas_map *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_IOAS_MAP, cmd);
}

int ictl_ioas_unmap(struct ictl *c, struct ictl_iommu_ioas_unmap *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_IOAS_UNMAP, cmd);
}

int ictl_ioas_iova_ranges(struct ictl *c, struct ictl_iommu_ioas_iova_ranges *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_IOAS_IOVA_RANGES, cmd);
}

int ictl_ioas_allow_iovas(struct ictl *c, struct ictl_iommu_ioas_allow_iovas *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_IOAS_ALLOW_IOVAS, cmd);
}

int ictl_ioas_copy(struct ictl *c, struct ictl_iommu_ioas_copy *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_IOAS_COPY, cmd);
}

int ictl_ioas_map_file(struct ictl *c, struct ictl_iommu_ioas_map_file *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_IOAS_MAP_FILE, cmd);
}

int ictl_ioas_change_process(struct ictl *c)
{
	struct ictl_iommu_ioas_change_process cmd = { .size = sizeof(cmd) };

	return ictl_ioctl(c, ICTL_IOMMU_IOAS_CHANGE_PROCESS, &cmd);
}

int ictl_ioas_noiommu_get_pa(struct ictl *c,
			     struct ictl_iommu_ioas_noiommu_get_pa *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_IOAS_NOIOMMU_GET_PA, cmd);
}

int ictl_option(struct ictl *c, struct ictl_iommu_option *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_OPTION, cmd);
}

int ictl_vfio_ioas(struct ictl *c, struct ictl_iommu_vfio_ioas *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_VFIO_IOAS, cmd);
}
