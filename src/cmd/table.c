// SPDX-License-Identifier: GPL-2.0-only
/* The one ordered list of commands: the CLI, scripts and --list-commands use it. */
#include <stddef.h>

#include "cmds.h"

const struct cmd *const cmd_table[] = {
	&cmd_fail_nth,
	&cmd_list,
	&cmd_run,
	&cmd_shrink,
	&cmd_stress,
	&cmd_vfio_bind,
	&cmd_vfio_unbind,
	NULL
};
