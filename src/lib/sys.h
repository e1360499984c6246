/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The seam below the ioctl layer: src/sys.c calls ioctl(2). Keeping it apart
 * lets a narrow CLI test link a different implementation.
 */
#ifndef ICTL_SYS_H
#define ICTL_SYS_H

int ictl_sys_ioctl(int fd, unsigned long req, void *arg);

#endif
