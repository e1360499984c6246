// SPDX-License-Identifier: GPL-2.0-only
#include "ictl.h"

int ictl_test_cmd(struct ictl *c, struct ictl_iommu_test_cmd *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_TEST_CMD, cmd);
}
