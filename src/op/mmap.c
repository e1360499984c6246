// SPDX-License-Identifier: GPL-2.0-only
/*
 * viommu mmap, mem read | write. A driver may offer a vIOMMU's page (MMIO
 * on real hardware, a kernel page on the mock) for mmap() on the iommufd
 * at an offset it answers with (since 6.17); the mapping holds the vIOMMU,
 * which cannot be destroyed until it is unmapped. mem read and write then
 * touch it, or any memory of this process, one access of the given width.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "core/op.h"
#include "core/session.h"
#include "host/usermem.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

/* ---- viommu mmap ---- */

static const struct arg mmap_args[] = {
	{ .kind = ARG_HANDLE, AT(struct viommu_mmap_args, viommu), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_VIOMMU), .meta = "VIOMMU" },
	{ .opt = "offset", .kind = ARG_U64, AT(struct viommu_mmap_args, offset),
	  HAS(struct viommu_mmap_args, has_offset), .meta = "OFFSET",
	  .doc = "The mmap offset (default: what viommu alloc --data answered)" },
	{ .opt = "length", .kind = ARG_U64, AT(struct viommu_mmap_args, length),
	  HAS(struct viommu_mmap_args, has_length), .meta = "SIZE",
	  .doc = "Bytes to map (default: what viommu alloc --data answered)" },
	{ .opt = "private", .kind = ARG_BOOL, AT(struct viommu_mmap_args, private_map),
	  .doc = "MAP_PRIVATE instead of MAP_SHARED (the kernel refuses it)" },
	{ .opt = "exec", .kind = ARG_BOOL, AT(struct viommu_mmap_args, exec),
	  .doc = "Ask for PROT_EXEC too (the kernel refuses it)" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct viommu_mmap_args, name),
	  .meta = "NAME", .doc = "Name the mapping, as memory (default memN)" },
	{ 0 }
};

/* Where and how much: given, or as the vIOMMU's allocation answered */
static int mmap_place(struct session *s, const struct viommu_mmap_args *a,
		      const struct reg_entry *v, uint64_t *off, uint64_t *len)
{
	*off = a->has_offset ? a->offset : v ? v->offset : 0;
	*len = a->has_length ? a->length : v ? v->len : 0;
	if (*len)
		return 0;
	sess_err(s, "viommu mmap: no page known for this vIOMMU (viommu alloc --data "
		 "answers one), give --offset and --length");
	return -EINVAL;
}

static int viommu_mmap(struct session *s, const void *args, struct result *r)
{
	const struct viommu_mmap_args *a = args;
	int prot = PROT_READ | PROT_WRITE | (a->exec ? PROT_EXEC : 0);
	struct reg_entry *v;
	uint64_t off, len, t0;
	uint32_t id;
	void *p;
	int rc;

	if ((rc = sess_resolve(s, &a->viommu, OBJ_BIT(OBJ_VIOMMU), &v, &id)) ||
	    (rc = mmap_place(s, a, v, &off, &len)))
		return rc;
	result_id(r, "viommu", id);
	r->v[MMAP_OFFSET] = off;
	r->v[MMAP_LENGTH] = len;
	t0 = ictl_now_ns();
	p = mmap(NULL, len, prot, a->private_map ? MAP_PRIVATE : MAP_SHARED,
		 s->ictl.fd, (off_t)off);
	r->ns = ictl_now_ns() - t0;
	if (p == MAP_FAILED) {
		r->err = -errno;
		return 0;
	}
	r->made.type = OBJ_MEM;
	r->made.subtype = MEM_MMAP;
	r->made.mem = p;
	r->made.len = len;
	/* the mapping holds the vIOMMU until munmap */
	result_hold(r, id);
	return 0;
}

static void mmap_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_hex(rec, "offset", r->v[MMAP_OFFSET]);
	rec_hex(rec, "length", r->v[MMAP_LENGTH]);
}

const struct op op_viommu_mmap = {
	.object = "viommu", .verb = "mmap", .name = "viommu.mmap",
	.summary = "mmap() the page a vIOMMU offers on the iommufd",
	.doc = "mmap() the iommufd at the page a vIOMMU's driver offers (since 6.17): "
	       "the offset and length viommu alloc --data answered, or those given. The "
	       "mapping is named as memory (kind mmap) for mem read and mem write; it "
	       "holds the vIOMMU (destroy of it is EBUSY) until destroy unmaps it. The "
	       "kernel refuses anything but exactly that page (ENXIO), a private "
	       "mapping (EINVAL) and PROT_EXEC (EPERM).",
	.args = mmap_args, .args_size = sizeof(struct viommu_mmap_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_MEM,
	.exec = viommu_mmap, .record = mmap_record,
};

/* ---- mem read, mem write ---- */

#define MEM_ARGS(T) \
	{ .kind = ARG_HANDLE, AT(T, mem), .flags = ARG_REQUIRED, \
	  .types = OBJ_BIT(OBJ_MEM), .meta = "@MEM" }, \
	{ .opt = "offset", .kind = ARG_U64, AT(T, offset), .meta = "OFFSET", \
	  .doc = "Where in the memory (default 0)" }

static const struct arg read_args[] = {
	MEM_ARGS(struct mem_rw_args),
	{ .opt = "length", .kind = ARG_U64, AT(struct mem_rw_args, length),
	  HAS(struct mem_rw_args, has_length), .max = MEM_RW_MAX, .meta = "SIZE",
	  .doc = "Bytes to read (default 4; 1, 2, 4 or 8 is one access of that width)" },
	{ 0 }
};

static const char *const hex_samples[] = { "00", "efbeadde", "0102030405060708", NULL };

static const struct arg write_args[] = {
	MEM_ARGS(struct mem_rw_args),
	{ .opt = "hex", .kind = ARG_WORD, AT(struct mem_rw_args, hex),
	  .meta = "BYTES", .samples = hex_samples,
	  .doc = "The bytes to write, in memory order (efbeadde: the u32 0xdeadbeef "
		 "on a little-endian CPU); 1, 2, 4 or 8 of them are one access" },
	{ 0 }
};

static int rw_check(const void *args, struct perr *e)
{
	const struct mem_rw_args *a = args;

	if (a->mem.by_id)
		return perr(e, "MEM takes an @name");
	if (a->has_length && !a->length)
		return perr(e, "--length 0: nothing to read");
	return 0;
}

/* Pairs of hex digits into @b; the count, or -1 for a bad or empty word */
static int hex_bytes(const char *s, uint8_t *b, size_t max)
{
	const char *bad;
	size_t n;

	if (parse_hex(s, b, max, &n, &bad) || !n)
		return -1;
	return (int)n;
}

static int write_check(const void *args, struct perr *e)
{
	const struct mem_rw_args *a = args;
	uint8_t b[MEM_RW_MAX];

	if (rw_check(args, e))
		return -EINVAL;
	if (!a->hex)
		return perr(e, "give --hex BYTES");
	if (hex_bytes(a->hex, b, sizeof(b)) < 0)
		return perr(e, "--hex takes 1 to %u bytes as pairs of hex digits", MEM_RW_MAX);
	return 0;
}

/*
 * One access of 1, 2, 4 or 8 bytes where that is the length (a device
 * register is read or written whole), else byte by byte; volatile, so the
 * compiler neither merges nor drops them.
 */
static void copy_io(volatile uint8_t *dst, const volatile uint8_t *src, size_t n)
{
	size_t i;

	if (n == 8 && !((uintptr_t)dst % 8) && !((uintptr_t)src % 8))
		*(volatile uint64_t *)dst = *(const volatile uint64_t *)src;
	else if (n == 4 && !((uintptr_t)dst % 4) && !((uintptr_t)src % 4))
		*(volatile uint32_t *)dst = *(const volatile uint32_t *)src;
	else if (n == 2 && !((uintptr_t)dst % 2) && !((uintptr_t)src % 2))
		*(volatile uint16_t *)dst = *(const volatile uint16_t *)src;
	else
		for (i = 0; i < n; i++)
			dst[i] = src[i];
}

/* The memory and the range of it; 0 or -EINVAL after a message */
static int rw_range(struct session *s, const struct mem_rw_args *a, uint64_t len,
		    const char *who, struct reg_entry **e)
{
	int rc = mem_resolve(s, &a->mem, who, MEM_NEED_CPU, e);

	if (rc)
		return rc;
	if (a->offset > (*e)->len || len > (*e)->len - a->offset) {
		sess_err(s, "%s: %llu bytes at %llu are past the end of @%s (%zu bytes)",
			 who, (unsigned long long)len, (unsigned long long)a->offset,
			 (*e)->name, (*e)->len);
		return -EINVAL;
	}
	return 0;
}

static int mem_read(struct session *s, const void *args, struct result *r)
{
	const struct mem_rw_args *a = args;
	uint64_t len = a->has_length ? a->length : 4;
	struct reg_entry *e;
	uint8_t *buf;
	int rc;

	if ((rc = rw_range(s, a, len, "mem read", &e)))
		return rc;
	buf = sess_scratch(s, len + 8);
	if (!buf) {
		sess_err(s, "mem read: out of memory");
		return -ENOMEM;
	}
	/* aligned like the source, so a one-access read stays one access */
	buf += ((uintptr_t)e->mem + a->offset) % 8;
	copy_io(buf, (uint8_t *)e->mem + a->offset, len);
	r->s[0] = e->name;
	r->data = buf;
	r->len = len;
	return 0;
}

static int mem_write(struct session *s, const void *args, struct result *r)
{
	const struct mem_rw_args *a = args;
	uint8_t b[MEM_RW_MAX + 8], *src;
	struct reg_entry *e;
	int n, rc;

	src = b + 8 - (size_t)((uintptr_t)b % 8);
	n = hex_bytes(a->hex, src, MEM_RW_MAX);
	if ((rc = rw_range(s, a, (uint64_t)n, "mem write", &e)))
		return rc;
	copy_io((uint8_t *)e->mem + a->offset, src, (size_t)n);
	r->s[0] = e->name;
	r->len = (size_t)n;
	return 0;
}

/* The bytes in memory order, and as a number when they were one access */
static void bytes_record(struct rec *rec, const uint8_t *b, size_t n)
{
	char hex[2 * MEM_RW_MAX + 1];
	uint64_t v = 0;

	if (hex_format(b, n, hex, sizeof(hex)))
		rec_str(rec, "hex", hex);
	if (n != 1 && n != 2 && n != 4 && n != 8)
		return;
	memcpy((uint8_t *)&v + (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 8 - n : 0), b, n);
	rec_hex(rec, "value", v);
}

static void read_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mem_rw_args *a = args;

	rec_str(rec, "mem", r->s[0]);
	rec_hex(rec, "offset", a->offset);
	rec_hex(rec, "length", r->len);
	bytes_record(rec, r->data, r->len);
}

static void write_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mem_rw_args *a = args;
	uint8_t b[MEM_RW_MAX];

	rec_str(rec, "mem", r->s[0]);
	rec_hex(rec, "offset", a->offset);
	rec_hex(rec, "length", r->len);
	hex_bytes(a->hex, b, sizeof(b));
	bytes_record(rec, b, r->len);
}

const struct op op_mem_read = {
	.object = "mem", .verb = "read", .name = "mem.read",
	.summary = "read bytes of memory (a mapped vIOMMU page, any memory of the tool)",
	.doc = "Read bytes of named memory in this process: a page viommu mmap "
	       "mapped, or memory that is mapped into an IOAS. The record has them as "
	       "hex in memory order and, for 1, 2, 4 or 8 bytes (one access), as the "
	       "number the CPU reads.",
	.args = read_args, .args_size = sizeof(struct mem_rw_args),
	.makes = OBJ_NTYPES,
	.check = rw_check, .exec = mem_read, .record = read_record,
};

const struct op op_mem_write = {
	.object = "mem", .verb = "write", .name = "mem.write",
	.summary = "write bytes to memory (a mapped vIOMMU page, any memory of the tool)",
	.doc = "Write bytes to named memory in this process (see mem read); 1, 2, 4 "
	       "or 8 bytes at an aligned offset are one access, as a device register "
	       "wants.",
	.args = write_args, .args_size = sizeof(struct mem_rw_args),
	.makes = OBJ_NTYPES,
	.check = write_check, .exec = mem_write, .record = write_record,
};
