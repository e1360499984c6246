/* SPDX-License-Identifier: GPL-2.0-only */
/* User memory the tool maps into IOASes; it lives in the registry as OBJ_MEM. */
#ifndef ICTL_MEM_H
#define ICTL_MEM_H

#include <stddef.h>

struct ctx;
struct reg_entry;

/* Anonymous, zero-filled and faulted in, so the kernel pins real pages. */
struct reg_entry *mem_new(struct ctx *ctx, size_t len, const char *name);
void mem_release(struct reg_entry *e);

#endif
