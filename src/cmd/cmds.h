/* SPDX-License-Identifier: GPL-2.0-only */
/* Every command of the table; each is defined at the end of its object's file. */
#ifndef ICTL_CMDS_H
#define ICTL_CMDS_H

#include "cmd.h"

extern const struct cmd cmd_fail_nth;
extern const struct cmd cmd_list;
extern const struct cmd cmd_run;
extern const struct cmd cmd_shrink;
extern const struct cmd cmd_stress;
extern const struct cmd cmd_vfio_bind;
extern const struct cmd cmd_vfio_unbind;

#endif
