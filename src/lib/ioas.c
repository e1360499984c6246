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
