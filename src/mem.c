// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "cmd.h"
#include "mem.h"

struct reg_entry *mem_new(struct ctx *ctx, size_t len, const char *name)
{
	struct reg_entry *e;
	void *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED) {
		msg_err(ctx, "cannot allocate %zu bytes: %s", len, strerror(errno));
		return NULL;
	}
	memset(p, 0, len);
	e = reg_add(&ctx->reg, OBJ_MEM, 0, name);
	if (!e) {
		msg_err(ctx, "cannot name memory '%s': %s", name ? name : "",
			strerror(errno));
		munmap(p, len);
		return NULL;
	}
	e->mem = p;
	e->len = len;
	return e;
}

void mem_release(struct reg_entry *e)
{
	if (e->mem)
		munmap(e->mem, e->len);
	e->mem = NULL;
}
