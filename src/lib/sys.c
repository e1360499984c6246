// SPDX-License-Identifier: GPL-2.0-only
#include <sys/ioctl.h>

#include "lib/sys.h"

int ictl_sys_ioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg);
}
