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
struct ictl_iommu_iova_range;

/* Ranges that ioas_ranges_read() takes in */
#define IOVA_RANGES_MAX	256

/*
 * IOMMU_IOAS_IOVA_RANGES of @ioas_id into @buf (IOVA_RANGES_MAX entries),
 * growing the request once after EMSGSIZE; *@n ranges, *@align the
 * alignment. 0 or -errno.
 */
int ioas_ranges_read(struct session *s, uint32_t ioas_id,
		     struct ictl_iommu_iova_range *buf, uint32_t *n,
		     uint64_t *align);

/* An array of {"start", "last"} */
struct json_object *iova_ranges_json(const struct ictl_iommu_iova_range *r,
				     uint32_t n);

/*
 * The IOVAs that sorted, disjoint ranges @r leave out, as at most @n + 1
 * ranges in @gaps. Returns how many.
 */
uint32_t iova_gaps(const struct ictl_iommu_iova_range *r, uint32_t n,
		   struct ictl_iommu_iova_range *gaps);
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
