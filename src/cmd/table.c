// SPDX-License-Identifier: GPL-2.0-only
/* The one ordered list of commands: the CLI, scripts and --list-commands use it. */
#include <stddef.h>

#include "cmds.h"

const struct cmd *const cmd_table[] = {
	&cmd_destroy,
	&cmd_ioas_alloc,
	&cmd_ioas_map,
	&cmd_ioas_unmap,
	&cmd_mock_create,
	&cmd_run,
	NULL
};
