// SPDX-License-Identifier: GPL-2.0-only
/* ioas alloc | map | map-file | unmap | copy */
#include <errno.h>
#include <string.h>

#include "core/op.h"
#include "core/session.h"
#include "host/usermem.h"
#include "op/ops.h"
#include "util/rec.h"

#define IOAS_ONLY	OBJ_BIT(OBJ_IOAS)

static int map_flags(bool readonly, bool fixed)
{
	return ICTL_IOMMU_IOAS_MAP_READABLE |
	       (readonly ? 0 : ICTL_IOMMU_IOAS_MAP_WRITEABLE) |
	       (fixed ? ICTL_IOMMU_IOAS_MAP_FIXED_IOVA : 0);
}

/* ---- ioas alloc ---- */

static const struct arg alloc_args[] = {
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct ioas_alloc_args, name),
	  .meta = "NAME", .doc = "Name the new IOAS (default ioasN)" },
	{ 0 }
};

static int ioas_alloc(struct session *s, const void *args, struct result *r)
{
	struct ictl_iommu_ioas_alloc cmd = { 0 };

	(void)args;
	r->err = ictl_ioas_alloc(&s->ictl, &cmd);
	if (!r->err) {
		r->made.type = OBJ_IOAS;
		r->made.id = cmd.out_ioas_id;
		result_id(r, "ioas", cmd.out_ioas_id);
	}
	return 0;
}

static void alloc_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
}

const struct op op_ioas_alloc = {
	.object = "ioas", .verb = "alloc", .name = "ioas.alloc",
	.summary = "allocate an IOAS (I/O address space)",
	.doc = "Allocate an I/O address space.",
	.args = alloc_args, .args_size = sizeof(struct ioas_alloc_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_IOAS,
	.want = { WANT_ID, "the id of the new object" },
	.exec = ioas_alloc, .record = alloc_record,
};

/* ---- ioas map ---- */

static const struct arg map_args[] = {
	{ .kind = ARG_HANDLE, AT(struct ioas_map_args, ioas), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "IOAS" },
	{ .opt = "length", .kind = ARG_U64, AT(struct ioas_map_args, length),
	  HAS(struct ioas_map_args, has_length), .meta = "SIZE",
	  .doc = "Bytes to map (K/M/G suffixes); alone, allocates anonymous memory" },
	{ .opt = "mem", .kind = ARG_HANDLE, AT(struct ioas_map_args, mem),
	  HAS(struct ioas_map_args, has_mem), .types = OBJ_BIT(OBJ_MEM), .meta = "@MEM",
	  .doc = "Map this memory (from mem alloc or an earlier map)" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct ioas_map_args, iova),
	  HAS(struct ioas_map_args, has_iova), .meta = "IOVA",
	  .doc = "Map at this IOVA (fixed); default: the kernel picks" },
	{ .opt = "readonly", .kind = ARG_BOOL, AT(struct ioas_map_args, readonly),
	  .doc = "Map without write permission" },
	{ 0 }
};

static int map_check(const void *args, struct perr *e)
{
	const struct ioas_map_args *a = args;

	if (!a->has_mem && !a->has_length)
		return perr(e, "give --length or --mem");
	if (a->has_mem && a->mem.by_id && !a->mem.name[0])
		return perr(e, "--mem takes an @name");
	return 0;
}

static int ioas_map(struct session *s, const void *args, struct result *r)
{
	const struct ioas_map_args *a = args;
	struct ictl_iommu_ioas_map cmd = { 0 };
	struct reg_entry *ioas, *mem;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas, &cmd.ioas_id)) ||
	    (rc = mem_to_map(s, a->has_mem ? &a->mem : NULL, a->length, "ioas map", &mem)))
		return rc;
	cmd.user_va = (uintptr_t)mem->mem;
	cmd.length = a->has_length ? a->length : mem->len;
	cmd.iova = a->iova;
	cmd.flags = map_flags(a->readonly, a->has_iova);
	r->err = ictl_ioas_map(&s->ictl, &cmd);
	result_id(r, "ioas", cmd.ioas_id);
	r->s[0] = mem->name;
	r->v[IOAS_MAP_IOVA] = cmd.iova;
	r->v[IOAS_MAP_LENGTH] = cmd.length;
	return 0;
}

static void map_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_str(rec, "mem", r->s[0]);
	rec_hex(rec, "iova", r->v[IOAS_MAP_IOVA]);
	rec_hex(rec, "length", r->v[IOAS_MAP_LENGTH]);
}

const struct op op_ioas_map = {
	.object = "ioas", .verb = "map", .name = "ioas.map",
	.summary = "map user memory into an IOAS",
	.doc = "Map user memory into an IOAS.",
	.args = map_args, .args_size = sizeof(struct ioas_map_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = map_check, .exec = ioas_map, .record = map_record,
	.want = { IOAS_MAP_IOVA + 1, "the IOVA it mapped at" },
};

/* ---- ioas map-file ---- */

static const struct arg map_file_args[] = {
	{ .kind = ARG_HANDLE, AT(struct ioas_map_file_args, ioas), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "IOAS" },
	{ .opt = "mem", .kind = ARG_HANDLE, AT(struct ioas_map_file_args, mem),
	  .flags = ARG_REQUIRED, .types = OBJ_BIT(OBJ_MEM), .meta = "@MEM",
	  .doc = "A memfd or a dma-buf (mem alloc --kind memfd or dmabuf, device dma-buf)" },
	{ .opt = "start", .kind = ARG_U64, AT(struct ioas_map_file_args, start),
	  .meta = "OFFSET", .doc = "Offset in the file (default 0)" },
	{ .opt = "length", .kind = ARG_U64, AT(struct ioas_map_file_args, length),
	  HAS(struct ioas_map_file_args, has_length), .meta = "SIZE",
	  .doc = "Bytes to map (default: the whole memory)" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct ioas_map_file_args, iova),
	  HAS(struct ioas_map_file_args, has_iova), .meta = "IOVA",
	  .doc = "Map at this IOVA (fixed)" },
	{ .opt = "readonly", .kind = ARG_BOOL, AT(struct ioas_map_file_args, readonly),
	  .doc = "Map without write permission" },
	{ 0 }
};

static int ioas_map_file(struct session *s, const void *args, struct result *r)
{
	const struct ioas_map_file_args *a = args;
	struct ictl_iommu_ioas_map_file cmd = { 0 };
	struct reg_entry *ioas, *mem;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas, &cmd.ioas_id)) ||
	    (rc = mem_resolve(s, &a->mem, "ioas map-file", MEM_NEED_FD, &mem)))
		return rc;
	cmd.fd = mem->fd;
	cmd.start = a->start;
	cmd.length = a->has_length ? a->length : mem->len - a->start;
	cmd.iova = a->iova;
	cmd.flags = map_flags(a->readonly, a->has_iova);
	r->err = ictl_ioas_map_file(&s->ictl, &cmd);
	result_id(r, "ioas", cmd.ioas_id);
	r->s[0] = mem->name;
	r->v[IOAS_MAP_IOVA] = cmd.iova;
	r->v[IOAS_MAP_LENGTH] = cmd.length;
	r->v[IOAS_MAP_START] = cmd.start;
	return 0;
}

static void map_file_record(struct rec *rec, const void *args,
			    const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_str(rec, "mem", r->s[0]);
	rec_hex(rec, "start", r->v[IOAS_MAP_START]);
	rec_hex(rec, "iova", r->v[IOAS_MAP_IOVA]);
	rec_hex(rec, "length", r->v[IOAS_MAP_LENGTH]);
}

const struct op op_ioas_map_file = {
	.object = "ioas", .verb = "map-file", .name = "ioas.map-file",
	.summary = "map a memfd or a dma-buf into an IOAS by file descriptor",
	.doc = "Map a file into an IOAS by its file descriptor (since 6.13): a memfd, "
	       "or (since 6.19) a dma-buf, the mock driver's or a VFIO device's BAR.",
	.args = map_file_args, .args_size = sizeof(struct ioas_map_file_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = ioas_map_file, .record = map_file_record,
	.want = { IOAS_MAP_IOVA + 1, "the IOVA it mapped at" },
};

/* ---- ioas unmap ---- */

static const struct arg unmap_args[] = {
	{ .kind = ARG_HANDLE, AT(struct ioas_unmap_args, ioas), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "IOAS" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct ioas_unmap_args, iova),
	  HAS(struct ioas_unmap_args, has_iova), .meta = "IOVA", .doc = "Start of the range" },
	{ .opt = "length", .kind = ARG_U64, AT(struct ioas_unmap_args, length),
	  HAS(struct ioas_unmap_args, has_length), .meta = "SIZE",
	  .doc = "Length of the range" },
	{ .opt = "all", .kind = ARG_BOOL, AT(struct ioas_unmap_args, all),
	  .doc = "Unmap everything (iova 0, length 2^64-1)" },
	{ 0 }
};

static int unmap_check(const void *args, struct perr *e)
{
	const struct ioas_unmap_args *a = args;

	if (a->all ? a->has_iova || a->has_length : !(a->has_iova && a->has_length))
		return perr(e, "give --iova and --length, or --all");
	return 0;
}

static int ioas_unmap(struct session *s, const void *args, struct result *r)
{
	const struct ioas_unmap_args *a = args;
	struct ictl_iommu_ioas_unmap cmd = { 0 };
	struct reg_entry *ioas;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas, &cmd.ioas_id)))
		return rc;
	cmd.iova = a->all ? 0 : a->iova;
	cmd.length = a->all ? UINT64_MAX : a->length;
	r->v[IOAS_MAP_IOVA] = cmd.iova;
	r->v[IOAS_MAP_LENGTH] = cmd.length;
	r->err = ictl_ioas_unmap(&s->ictl, &cmd);
	result_id(r, "ioas", cmd.ioas_id);
	/* the kernel copies the unmapped byte count back only on success */
	r->v[IOAS_UNMAPPED] = r->err ? 0 : cmd.length;
	return 0;
}

static void unmap_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_hex(rec, "iova", r->v[IOAS_MAP_IOVA]);
	rec_hex(rec, "length", r->v[IOAS_MAP_LENGTH]);
	if (!r->err)
		rec_hex(rec, "unmapped", r->v[IOAS_UNMAPPED]);
}

const struct op op_ioas_unmap = {
	.object = "ioas", .verb = "unmap", .name = "ioas.unmap",
	.summary = "unmap a range (or everything) from an IOAS",
	.doc = "Unmap a range of an IOAS; the range must cover whole mappings.",
	.args = unmap_args, .args_size = sizeof(struct ioas_unmap_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = unmap_check, .exec = ioas_unmap, .record = unmap_record,
	.want = { IOAS_UNMAPPED + 1, "the number of bytes unmapped" },
};

/* ---- ioas copy ---- */

static const struct arg copy_args[] = {
	{ .kind = ARG_HANDLE, AT(struct ioas_copy_args, dst), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "DST" },
	{ .kind = ARG_HANDLE, AT(struct ioas_copy_args, src), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "SRC" },
	{ .opt = "src-iova", .kind = ARG_U64, AT(struct ioas_copy_args, src_iova),
	  .meta = "IOVA", .doc = "Start of the source mapping" },
	{ .opt = "length", .kind = ARG_U64, AT(struct ioas_copy_args, length),
	  .meta = "SIZE", .doc = "Length of the source range" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct ioas_copy_args, iova),
	  HAS(struct ioas_copy_args, has_iova), .meta = "IOVA",
	  .doc = "Destination IOVA (fixed); default: the kernel picks" },
	{ .opt = "readonly", .kind = ARG_BOOL, AT(struct ioas_copy_args, readonly),
	  .doc = "Map without write permission" },
	{ 0 }
};

static int ioas_copy(struct session *s, const void *args, struct result *r)
{
	const struct ioas_copy_args *a = args;
	struct ictl_iommu_ioas_copy cmd = { 0 };
	struct reg_entry *dst, *src;
	int rc;

	if ((rc = sess_resolve(s, &a->dst, IOAS_ONLY, &dst, &cmd.dst_ioas_id)) ||
	    (rc = sess_resolve(s, &a->src, IOAS_ONLY, &src, &cmd.src_ioas_id)))
		return rc;
	cmd.src_iova = a->src_iova;
	cmd.dst_iova = a->iova;
	cmd.length = a->length;
	cmd.flags = map_flags(a->readonly, a->has_iova);
	r->err = ictl_ioas_copy(&s->ictl, &cmd);
	result_id(r, "ioas", cmd.dst_ioas_id);
	result_id(r, "src_ioas", cmd.src_ioas_id);
	r->v[IOAS_COPY_SRC_IOVA] = cmd.src_iova;
	r->v[IOAS_MAP_IOVA] = cmd.dst_iova;
	r->v[IOAS_MAP_LENGTH] = cmd.length;
	return 0;
}

static void copy_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_hex(rec, "src_iova", r->v[IOAS_COPY_SRC_IOVA]);
	rec_hex(rec, "iova", r->v[IOAS_MAP_IOVA]);
	rec_hex(rec, "length", r->v[IOAS_MAP_LENGTH]);
}

const struct op op_ioas_copy = {
	.object = "ioas", .verb = "copy", .name = "ioas.copy",
	.summary = "copy a mapping from one IOAS to another",
	.doc = "Map the pages behind a mapping of SRC into DST as well, without user memory.",
	.args = copy_args, .args_size = sizeof(struct ioas_copy_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = ioas_copy, .record = copy_record,
	.want = { IOAS_MAP_IOVA + 1, "the IOVA it mapped at" },
};
