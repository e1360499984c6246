// SPDX-License-Identifier: GPL-2.0-only
#include "ictl.h"

int ictl_test_cmd(struct ictl *c, struct ictl_iommu_test_cmd *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_ioctl(c, ICTL_IOMMU_TEST_CMD, cmd);
}

long ictl_test_cmd_ret(struct ictl *c, struct ictl_iommu_test_cmd *cmd)
{
	cmd->size = sizeof(*cmd);
	return ictl_fd_ioctl_ret(c, c->fd, ICTL_IOMMU_TEST_CMD, cmd);
}
