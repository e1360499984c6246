/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Operations that more than one command runs: a script's cleanup destroys
 * what is left, and stress drives the same functions without parsing text.
 * Each emits its record and returns the step's exit code.
 */
#ifndef ICTL_OPS_H
#define ICTL_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/parse.h"
#include "host/sysfs.h"

struct ctx;
struct reg_entry;
struct session;

/* @e may be NULL for a raw id */
int do_destroy(struct ctx *ctx, struct reg_entry *e, uint32_t id);

struct json_object;

/*
 * src/op/fault.c: I/O page fault permissions: read, write, exec, priv (r, w,
 * x also parse). Declared in op/ops.h as well; here for src/cmd/mock.c.
 */
extern const struct flag_name pgfault_perm_names[];


#endif
