/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ICTL_HELP_H
#define ICTL_HELP_H

#include "core/step.h"

/* An operation's --help or --usage, on stdout. 0, or -1 without memory */
int op_help(const struct op *op, enum step_help what);

#endif
