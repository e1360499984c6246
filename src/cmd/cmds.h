/* SPDX-License-Identifier: GPL-2.0-only */
/* Every command of the table; each is defined at the end of its object's file. */
#ifndef ICTL_CMDS_H
#define ICTL_CMDS_H

#include "cmd.h"

extern const struct cmd cmd_destroy;
extern const struct cmd cmd_ioas_alloc;
extern const struct cmd cmd_ioas_map;
extern const struct cmd cmd_ioas_unmap;
extern const struct cmd cmd_mock_create;
extern const struct cmd cmd_run;

#endif
