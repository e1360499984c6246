/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Operations that more than one command runs: a script's cleanup destroys
 * what is left, and stress drives the same functions without parsing text.
 * Each emits its record and returns the step's exit code.
 */
#ifndef ICTL_OPS_H
#define ICTL_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"

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

/* src/cmd/fault.c: what fault queues and vEVENTQs share */
/* I/O page fault permissions: read, write, exec, priv (r, w, x also parse) */
extern const struct flag_name pgfault_perm_names[];

/*
 * The @name of a queue of type @t: reading needs the fd, which only the
 * handle has. EXIT_OK, or EXIT_USAGE after a message.
 */
int eventq_resolve(struct ctx *ctx, const char *arg, int t,
		   struct reg_entry **e);

/*
 * Read up to @len bytes of records from @e's fd, first waiting up to
 * @wait_ms for one to arrive. Bytes read (0: the queue is empty) or -errno.
 */
long eventq_read(struct ctx *ctx, const struct reg_entry *e, void *buf,
		 size_t len, unsigned int wait_ms);

#endif
