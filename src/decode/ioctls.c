// SPDX-License-Identifier: GPL-2.0-only
#include <stddef.h>
#include <sys/ioctl.h>

#include "lib/abi.h"
#include "decode/ioctls.h"

const struct flag_name iommufd_ioctls[] = {
	{ "destroy", ICTL_IOMMUFD_CMD_DESTROY },
	{ "ioas-alloc", ICTL_IOMMUFD_CMD_IOAS_ALLOC },
	{ "ioas-allow-iovas", ICTL_IOMMUFD_CMD_IOAS_ALLOW_IOVAS },
	{ "ioas-copy", ICTL_IOMMUFD_CMD_IOAS_COPY },
	{ "ioas-iova-ranges", ICTL_IOMMUFD_CMD_IOAS_IOVA_RANGES },
	{ "ioas-map", ICTL_IOMMUFD_CMD_IOAS_MAP },
	{ "ioas-unmap", ICTL_IOMMUFD_CMD_IOAS_UNMAP },
	{ "option", ICTL_IOMMUFD_CMD_OPTION },
	{ "vfio-ioas", ICTL_IOMMUFD_CMD_VFIO_IOAS },
	{ "hwpt-alloc", ICTL_IOMMUFD_CMD_HWPT_ALLOC },
	{ "get-hw-info", ICTL_IOMMUFD_CMD_GET_HW_INFO },
	{ "hwpt-set-dirty-tracking", ICTL_IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING },
	{ "hwpt-get-dirty-bitmap", ICTL_IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP },
	{ "hwpt-invalidate", ICTL_IOMMUFD_CMD_HWPT_INVALIDATE },
	{ "fault-queue-alloc", ICTL_IOMMUFD_CMD_FAULT_QUEUE_ALLOC },
	{ "ioas-map-file", ICTL_IOMMUFD_CMD_IOAS_MAP_FILE },
	{ "viommu-alloc", ICTL_IOMMUFD_CMD_VIOMMU_ALLOC },
	{ "vdevice-alloc", ICTL_IOMMUFD_CMD_VDEVICE_ALLOC },
	{ "ioas-change-process", ICTL_IOMMUFD_CMD_IOAS_CHANGE_PROCESS },
	{ "veventq-alloc", ICTL_IOMMUFD_CMD_VEVENTQ_ALLOC },
	{ "hw-queue-alloc", ICTL_IOMMUFD_CMD_HW_QUEUE_ALLOC },
	{ "ioas-noiommu-get-pa", ICTL_IOMMUFD_CMD_IOAS_NOIOMMU_GET_PA },
	{ "test-cmd", _IOC_NR(ICTL_IOMMU_TEST_CMD) },
	{ NULL, 0 }
};
