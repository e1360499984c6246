// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cmd.h"
#include "registry.h"
#include "mem.h"

const char *mem_kind_name(enum mem_kind kind)
{
	static const char *const names[] = {
		[MEM_ANON] = "anon", [MEM_HUGETLB] = "hugetlb", [MEM_MEMFD] = "memfd",
	};

	return names[kind];
}

static void *map_kind(size_t len, enum mem_kind kind, int *fd)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;

	*fd = -1;
	if (kind == MEM_HUGETLB)
		flags |= MAP_HUGETLB;
	if (kind == MEM_MEMFD) {
		*fd = memfd_create("iommufd-ctl", MFD_CLOEXEC);
		if (*fd < 0 || ftruncate(*fd, (off_t)len))
			return MAP_FAILED;
		flags = MAP_SHARED;
	}
	return mmap(NULL, len, PROT_READ | PROT_WRITE, flags, *fd, 0);
}

struct reg_entry *mem_new(struct ctx *ctx, size_t len, enum mem_kind kind,
			  const char *name)
{
	struct reg_entry *e;
	void *p;
	int fd;

	p = map_kind(len, kind, &fd);
	e = p == MAP_FAILED ? NULL : reg_add(&ctx->reg, OBJ_MEM, 0, name);
	if (!e) {
		int err = errno;

		if (p != MAP_FAILED)
			munmap(p, len);
		if (fd >= 0)
			close(fd);
		errno = err;
		return NULL;
	}
	memset(p, 0, len);
	e->mem = p;
	e->len = len;
	e->fd = fd;
	return e;
}

void mem_release(struct reg_entry *e)
{
	if (e->mem)
		munmap(e->mem, e->len);
	if (e->fd >= 0)
		close(e->fd);
	e->mem = NULL;
	e->fd = -1;
}
