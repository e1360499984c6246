// SPDX-License-Identifier: GPL-2.0-only
/* mem alloc: user memory for ioas map and map-file, kept under a name */
#include <errno.h>

#include "core/op.h"
#include "core/session.h"
#include "host/usermem.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

static const struct flag_name kinds[] = {
	{ "anon", MEM_ANON }, { "hugetlb", MEM_HUGETLB }, { "memfd", MEM_MEMFD },
	{ NULL, 0 }
};

static const struct arg alloc_args[] = {
	{ .opt = "size", .kind = ARG_U64, AT(struct mem_alloc_args, size),
	  HAS(struct mem_alloc_args, has_size), .flags = ARG_REQUIRED, .meta = "SIZE",
	  .doc = "Bytes to allocate (K/M/G suffixes)" },
	{ .opt = "kind", .kind = ARG_ENUM, AT(struct mem_alloc_args, kind),
	  .names = kinds, .meta = "KIND",
	  .doc = "anon (default), hugetlb (needs reserved huge pages) or memfd (for ioas map-file)" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct mem_alloc_args, name),
	  .meta = "NAME", .doc = "Name the memory (default memN)" },
	{ 0 }
};

static int alloc_check(const void *args, struct perr *e)
{
	const struct mem_alloc_args *a = args;

	if (a->kind >= MEM_NKINDS)
		return perr(e, "unknown kind %u (anon, hugetlb, memfd)", a->kind);
	if (!a->size)
		return perr(e, "--size 0: give at least one byte");
	return 0;
}

static int mem_alloc(struct session *s, const void *args, struct result *r)
{
	const struct mem_alloc_args *a = args;
	struct usermem m;
	uint64_t t0 = ictl_now_ns();

	r->err = usermem_alloc(a->size, (enum mem_kind)a->kind, &m);
	r->ns = ictl_now_ns() - t0;
	(void)s;
	if (r->err)
		return 0;
	r->made.type = OBJ_MEM;
	r->made.mem = m.p;
	r->made.len = m.len;
	r->made.fd = m.fd;
	return 0;
}

static void alloc_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mem_alloc_args *a = args;

	if (r->made_name)
		rec_str(rec, "name", r->made_name);
	rec_lit(rec, "kind", mem_kind_name((enum mem_kind)a->kind));
	rec_hex(rec, "length", a->size);
}

const struct op op_mem_alloc = {
	.object = "mem", .verb = "alloc", .name = "mem.alloc",
	.summary = "allocate memory to map (anonymous, hugetlb or memfd)",
	.doc = "Allocate memory in this process, zeroed and faulted in, to map into "
	       "IOASes. destroy @NAME frees it.",
	.args = alloc_args, .args_size = sizeof(struct mem_alloc_args),
	.makes = OBJ_MEM,
	.check = alloc_check, .exec = mem_alloc, .record = alloc_record,
};
