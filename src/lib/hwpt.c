// SPDX-License-Identifier: GPL-2.0-only
#include "ictl.h"

int ictl_hwpt_alloc(struct ictl *c, struct ictl_iommu_hwpt_alloc *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_HWPT_ALLOC, cmd);
}

int ictl_hwpt_invalidate(struct ictl *c, struct ictl_iommu_hwpt_invalidate *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_HWPT_INVALIDATE, cmd);
}

int ictl_hwpt_set_dirty_tracking(struct ictl *c,
				 struct ictl_iommu_hwpt_set_dirty_tracking *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_HWPT_SET_DIRTY_TRACKING, cmd);
}

int ictl_hwpt_get_dirty_bitmap(struct ictl *c,
			       struct ictl_iommu_hwpt_get_dirty_bitmap *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_HWPT_GET_DIRTY_BITMAP, cmd);
}

int ictl_viommu_alloc(struct ictl *c, struct ictl_iommu_viommu_alloc *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_VIOMMU_ALLOC, cmd);
}

int ictl_vdevice_alloc(struct ictl *c, struct ictl_iommu_vdevice_alloc *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_VDEVICE_ALLOC, cmd);
}
