// SPDX-License-Identifier: GPL-2.0-only
/*
 * mem alloc | revoke: memory to map, kept under a name. Anonymous, hugetlb
 * and memfd memory is this process's own; a dma-buf is the kernel's (the
 * mock driver's, CONFIG_IOMMUFD_TEST) and is only a file descriptor here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/op.h"
#include "core/session.h"
#include "host/inventory.h"
#include "host/usermem.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

static const struct flag_name kinds[] = {
	{ "anon", MEM_ANON }, { "hugetlb", MEM_HUGETLB }, { "memfd", MEM_MEMFD },
	{ "dmabuf", MEM_DMABUF }, { NULL, 0 }
};

int mem_resolve(struct session *s, const struct handle *h, const char *who,
		enum mem_need need, struct reg_entry **e)
{
	uint32_t unused;
	int rc = sess_resolve(s, h, OBJ_BIT(OBJ_MEM), e, &unused);

	if (rc)
		return rc;
	if (!*e) {
		sess_err(s, "%s: memory takes an @name", who);
		return -EINVAL;
	}
	if (need == MEM_NEED_CPU && !(*e)->mem) {
		sess_err(s, "%s: @%s is a %s, which has no memory in this process%s", who,
			 (*e)->name, mem_kind_name((enum mem_kind)(*e)->subtype),
			 (*e)->fd >= 0 ? " (ioas map-file takes its fd)" : "");
		return -EINVAL;
	}
	if (need == MEM_NEED_FD && (*e)->fd < 0) {
		sess_err(s, "%s: @%s has no file descriptor (mem alloc --kind memfd or dmabuf)",
			 who, (*e)->name);
		return -EINVAL;
	}
	return 0;
}

int mem_to_map(struct session *s, const struct handle *h, uint64_t length,
	       const char *who, struct reg_entry **e)
{
	if (h)
		return mem_resolve(s, h, who, MEM_NEED_CPU, e);
	*e = reg_new_mem(&s->reg, length, MEM_ANON, NULL);
	if (*e)
		return 0;
	sess_err(s, "%s: cannot allocate %llu bytes: %s", who,
		 (unsigned long long)length, strerror(errno));
	return -ENOMEM;
}

/* ---- mem alloc ---- */

static const struct arg alloc_args[] = {
	{ .opt = "size", .kind = ARG_U64, AT(struct mem_alloc_args, size),
	  HAS(struct mem_alloc_args, has_size), .flags = ARG_REQUIRED, .meta = "SIZE",
	  .doc = "Bytes to allocate (K/M/G suffixes)" },
	{ .opt = "kind", .kind = ARG_ENUM, AT(struct mem_alloc_args, kind),
	  .names = kinds, .meta = "KIND",
	  .doc = "anon (default), hugetlb (needs reserved huge pages), memfd (for ioas "
		 "map-file) or dmabuf (the mock driver's, for ioas map-file)" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct mem_alloc_args, name),
	  .meta = "NAME", .doc = "Name the memory (default memN)" },
	{ 0 }
};

static int alloc_check(const void *args, struct perr *e)
{
	const struct mem_alloc_args *a = args;

	if (a->kind > MEM_DMABUF)
		return perr(e, "unknown kind %u (anon, hugetlb, memfd, dmabuf)", a->kind);
	if (!a->size)
		return perr(e, "--size 0: give at least one byte");
	return 0;
}

/* The lowest free descriptor number, which the kernel's next new fd takes */
static int lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	return fd;
}

/* Is @fd a dma-buf? Its fdinfo names the exporter. */
static bool is_dmabuf(int fd)
{
	char path[64], info[512];

	if (fd < 0 || inv_path(path, sizeof(path), "/proc/self/fdinfo/%d", fd) ||
	    inv_read_text(path, info, sizeof(info)))
		return false;
	return strstr(info, "\nexp_name:") != NULL;
}

/*
 * IOMMU_TEST_OP_DMABUF_GET (since 6.19): the new fd is the ioctl's return
 * value. A kernel that installs the fd but answers 0 (7.3.4) leaves it at
 * the lowest free number; it is taken from there if fdinfo shows a dma-buf.
 */
static int dmabuf_alloc(struct session *s, const struct mem_alloc_args *a,
			struct result *r)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_DMABUF_GET };
	int next, rc = sess_open(s);
	long fd;

	if (rc)
		return -ENODEV;
	if (a->size > UINT32_MAX) {
		sess_err(s, "mem alloc: a dma-buf's --size is a 32-bit field");
		return -EINVAL;
	}
	cmd.dmabuf_get.length = (uint32_t)a->size;
	cmd.dmabuf_get.open_flags = O_RDWR | O_CLOEXEC;
	next = lowest_free_fd();
	fd = ictl_test_cmd_ret(&s->ictl, &cmd);
	r->err = fd < 0 ? (int)fd : 0;
	r->v[MEM_RETURNED] = fd < 0 ? 0 : (uint64_t)fd;
	if (fd == 0 && next > 0 && is_dmabuf(next)) {
		fd = next;
		r->v[MEM_FD_FOUND] = 1;
	} else if (fd == 0) {
		sess_err(s, "mem alloc: DMABUF_GET answered 0 and no new dma-buf is at fd %d",
			 next);
		r->tool_err = -ENOENT;
		return 0;
	}
	if (fd < 0)
		return 0;
	r->made.fd = (int)fd;
	r->v[MEM_FD] = (uint64_t)fd;
	return 0;
}

static int mem_alloc(struct session *s, const void *args, struct result *r)
{
	const struct mem_alloc_args *a = args;
	struct usermem m;
	uint64_t t0 = ictl_now_ns();
	int rc;

	r->made.type = OBJ_MEM;
	r->made.subtype = a->kind;
	r->made.len = a->size;
	if (a->kind == MEM_DMABUF) {
		rc = dmabuf_alloc(s, a, r);
		if (rc || r->err || r->tool_err)
			r->made.type = OBJ_NTYPES;
		return rc;
	}
	r->err = usermem_alloc(a->size, (enum mem_kind)a->kind, &m);
	r->ns = ictl_now_ns() - t0;
	if (r->err) {
		r->made.type = OBJ_NTYPES;
		return 0;
	}
	r->made.mem = m.p;
	r->made.fd = m.fd;
	r->v[MEM_FD] = m.fd < 0 ? 0 : (uint64_t)m.fd;
	return 0;
}

static void alloc_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mem_alloc_args *a = args;

	if (r->made_name)
		rec_str(rec, "name", r->made_name);
	rec_lit(rec, "kind", mem_kind_name((enum mem_kind)a->kind));
	rec_hex(rec, "length", a->size);
	if (a->kind != MEM_DMABUF)
		return;
	/* what DMABUF_GET returned, and where the fd was found if not there */
	if (!r->err)
		rec_int(rec, "returned", (int64_t)r->v[MEM_RETURNED]);
	if (r->v[MEM_FD])
		rec_int(rec, "fd", (int64_t)r->v[MEM_FD]);
	if (r->v[MEM_FD_FOUND])
		rec_lit(rec, "fd_found", "fdinfo");
}

const struct op op_mem_alloc = {
	.object = "mem", .verb = "alloc", .name = "mem.alloc",
	.summary = "allocate memory to map (anonymous, hugetlb, memfd or a mock dma-buf)",
	.doc = "Allocate memory in this process, zeroed and faulted in, to map into "
	       "IOASes; or, with --kind dmabuf, ask the mock driver for a dma-buf "
	       "of SIZE bytes (IOMMU_TEST_OP_DMABUF_GET, since 6.19), kernel memory "
	       "that ioas map-file maps by its fd. destroy @NAME frees it.",
	.args = alloc_args, .args_size = sizeof(struct mem_alloc_args),
	.makes = OBJ_MEM,
	.check = alloc_check, .exec = mem_alloc, .record = alloc_record,
};

/* ---- mem revoke ---- */

static const struct arg revoke_args[] = {
	{ .kind = ARG_HANDLE, AT(struct mem_revoke_args, mem), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_MEM), .meta = "@MEM" },
	{ .opt = "restore", .kind = ARG_BOOL, AT(struct mem_revoke_args, restore),
	  .doc = "Give the memory back instead (revoked = false)" },
	{ 0 }
};

static int revoke_check(const void *args, struct perr *e)
{
	const struct mem_revoke_args *a = args;

	return a->mem.by_id ? perr(e, "MEM takes an @name") : 0;
}

static int mem_revoke(struct session *s, const void *args, struct result *r)
{
	const struct mem_revoke_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_DMABUF_REVOKE };
	struct reg_entry *mem;
	int rc;

	if ((rc = mem_resolve(s, &a->mem, "mem revoke", MEM_NEED_FD, &mem)))
		return rc;
	cmd.dmabuf_revoke.dmabuf_fd = mem->fd;
	cmd.dmabuf_revoke.revoked = !a->restore;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	r->s[0] = mem->name;
	r->v[MEM_FD] = (uint64_t)mem->fd;
	return 0;
}

static void revoke_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mem_revoke_args *a = args;

	rec_str(rec, "mem", r->s[0]);
	rec_int(rec, "fd", (int64_t)r->v[MEM_FD]);
	rec_bool(rec, "revoked", !a->restore);
}

const struct op op_mem_revoke = {
	.object = "mem", .verb = "revoke", .name = "mem.revoke",
	.summary = "revoke a mock dma-buf under its importers (DMABUF_REVOKE)",
	.doc = "Revoke a mock dma-buf as its exporter would (IOMMU_TEST_OP_DMABUF_REVOKE, "
	       "since 6.19): its importers, an IOAS that maps it included, are told to "
	       "let go of it. --restore makes it usable again.",
	.args = revoke_args, .args_size = sizeof(struct mem_revoke_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = revoke_check, .exec = mem_revoke, .record = revoke_record,
};
