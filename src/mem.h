/* SPDX-License-Identifier: GPL-2.0-only */
/* User memory the tool maps into IOASes; it lives in the registry as OBJ_MEM. */
#ifndef ICTL_MEM_H
#define ICTL_MEM_H

#include <stddef.h>

struct ctx;
struct reg_entry;

enum mem_kind {
	MEM_ANON,	/* private anonymous pages */
	MEM_HUGETLB,	/* MAP_HUGETLB: needs reserved huge pages */
	MEM_MEMFD,	/* a memfd, mapped shared; its fd serves ioas map-file */
};

/*
 * Allocate, zero and fault in @len bytes, so the kernel pins real pages, and
 * register them as @name (or memN). NULL with errno set.
 */
struct reg_entry *mem_new(struct ctx *ctx, size_t len, enum mem_kind kind,
			  const char *name);
void mem_release(struct reg_entry *e);
const char *mem_kind_name(enum mem_kind kind);

#endif
