/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Operations that more than one command runs: a script's cleanup destroys
 * what is left, and stress drives the same functions without parsing text.
 * Each emits its record and returns the step's exit code.
 */
#ifndef ICTL_OPS_H
#define ICTL_OPS_H

#include <stdint.h>

struct ctx;
struct reg_entry;

/* @e may be NULL for a raw id */
int do_destroy(struct ctx *ctx, struct reg_entry *e, uint32_t id);

struct json_object;
/*
 * Close a bound VFIO device's cdev, which unbinds it (IOMMU_DESTROY cannot
 * free a dev_id); notes it in @op. 0 or -errno.
 */
int device_unbind(struct ctx *ctx, struct json_object *op, struct reg_entry *e);

#endif
