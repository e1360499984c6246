// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tool's own commands, which are no steps of a sequence; the steps,
 * the operations, are listed in src/core/optable.c. Sorted by words.
 */
#include <stddef.h>

#include "cmd/cmd.h"

extern const struct cmd cmd_fail_nth, cmd_list, cmd_run, cmd_shrink, cmd_stress,
	cmd_vfio_bind, cmd_vfio_unbind;

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
