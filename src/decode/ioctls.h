/* SPDX-License-Identifier: GPL-2.0-only */
/* The iommufd ioctls by name, for raw and caps. */
#ifndef ICTL_IOCTLS_H
#define ICTL_IOCTLS_H

#include "util/parse.h"

/* name -> command number (0x80...), NULL-name terminated */
extern const struct flag_name iommufd_ioctls[];

#endif
