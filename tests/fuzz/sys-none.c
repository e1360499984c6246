// SPDX-License-Identifier: GPL-2.0-only
/* The ioctl seam of a fuzz target that only parses: reaching it is a bug. */
#include <stdlib.h>

#include "lib/sys.h"

int ictl_sys_ioctl(int fd, unsigned long req, void *arg)
{
	(void)fd;
	(void)req;
	(void)arg;
	abort();
}
