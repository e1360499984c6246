// SPDX-License-Identifier: GPL-2.0-only
/*
 * vfio-compat api-version | check-extension | set-iommu | info | map |
 * unmap: the VFIO type1 container ioctls, which the iommufd answers on
 * the IOAS IOMMU_VFIO_IOAS chose (vfio-ioas set; ENODEV without one). They
 * see what iommufd calls did to that IOAS, and iommufd calls see theirs.
 */
#include <errno.h>
#include <string.h>

#include "core/op.h"
#include "core/session.h"
#include "host/usermem.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

const struct flag_name vfio_extensions[] = {
	{ "type1", ICTL_VFIO_TYPE1_IOMMU },
	{ "spapr-tce", ICTL_VFIO_SPAPR_TCE_IOMMU },
	{ "type1v2", ICTL_VFIO_TYPE1v2_IOMMU },
	{ "dma-cc", ICTL_VFIO_DMA_CC_IOMMU },
	{ "eeh", ICTL_VFIO_EEH },
	{ "type1-nesting", ICTL_VFIO_TYPE1_NESTING_IOMMU },
	{ "spapr-tce-v2", ICTL_VFIO_SPAPR_TCE_v2_IOMMU },
	{ "noiommu", ICTL_VFIO_NOIOMMU_IOMMU },
	{ "unmap-all", ICTL_VFIO_UNMAP_ALL },
	{ "update-vaddr", ICTL_VFIO_UPDATE_VADDR },
	{ NULL, 0 }
};

static const struct flag_name info_flags[] = {
	{ "pgsizes", ICTL_VFIO_IOMMU_INFO_PGSIZES },
	{ "caps", ICTL_VFIO_IOMMU_INFO_CAPS },
	{ NULL, 0 }
};

static const struct arg no_args[] = {
	{ 0 }
};

/* ---- api-version ---- */

static int api_version(struct session *s, const void *args, struct result *r)
{
	long v = ictl_vfio_api_version(&s->ictl);

	(void)args;
	r->err = v < 0 ? (int)v : 0;
	r->v[COMPAT_ANSWER] = v < 0 ? 0 : (uint64_t)v;
	return 0;
}

static void api_version_record(struct rec *rec, const void *args,
			       const struct result *r)
{
	(void)args;
	if (!r->err)
		rec_u64(rec, "version", r->v[COMPAT_ANSWER]);
}

const struct op op_vfio_compat_api_version = {
	.object = "vfio-compat", .verb = "api-version", .name = "vfio-compat.api-version",
	.summary = "VFIO_GET_API_VERSION on the iommufd",
	.doc = "VFIO_GET_API_VERSION on the iommufd: the VFIO API version it emulates "
	       "(VFIO_API_VERSION, 0).",
	.args = no_args, .args_size = 0,
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = api_version, .record = api_version_record,
};

/* ---- check-extension ---- */

static const struct arg ext_args[] = {
	{ .kind = ARG_ENUM, AT(struct vfio_compat_args, type),
	  HAS(struct vfio_compat_args, has_type), .names = vfio_extensions,
	  .meta = "EXT" },
	{ 0 }
};

/* The answers of every extension of the table, or of @a->type alone */
static int check_extension(struct session *s, const void *args, struct result *r)
{
	const struct vfio_compat_args *a = args;
	struct compat_answer *ans;
	size_t i, n = a->has_type ? 1 : ARRAY_SIZE(vfio_extensions) - 1, failed = 0;
	long v;

	ans = sess_scratch(s, n * sizeof(*ans));
	if (!ans) {
		sess_err(s, "vfio-compat check-extension: out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		ans[i].what = a->has_type ? a->type : (uint32_t)vfio_extensions[i].value;
		v = ictl_vfio_check_extension(&s->ictl, ans[i].what);
		ans[i].err = v < 0 ? (int)v : 0;
		ans[i].answer = v < 0 ? 0 : v;
		failed += v < 0;
		r->ns += s->ictl.last_ns;
	}
	/*
	 * One extension asked: its answer is the step's. The table fails only
	 * when no answer came (a kernel or file without the ioctl).
	 */
	r->err = failed == n ? ans[0].err : 0;
	r->data = ans;
	r->len = n;
	return 0;
}

static void answer_rec(struct rec *o, const struct compat_answer *ans)
{
	if (ans->err) {
		rec_int(o, "errno", -ans->err);
		rec_lit(o, "errno_name", errno_name(-ans->err));
		return;
	}
	rec_int(o, "answer", ans->answer);
}

static void ext_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct vfio_compat_args *a = args;
	const struct compat_answer *ans = r->data;
	struct rec *o;
	size_t i;

	if (a->has_type) {
		rec_name(rec, "extension", flag_value_name(vfio_extensions, a->type),
			 a->type);
		if (!r->err)
			rec_int(rec, "answer", ans[0].answer);
		return;
	}
	o = rec_obj(rec, "extensions");
	for (i = 0; i < r->len; i++)
		answer_rec(rec_obj(o, vfio_extensions[i].name), &ans[i]);
}

const struct op op_vfio_compat_check_extension = {
	.object = "vfio-compat", .verb = "check-extension",
	.name = "vfio-compat.check-extension",
	.summary = "VFIO_CHECK_EXTENSION on the iommufd (one, or every known one)",
	.doc = "VFIO_CHECK_EXTENSION on the iommufd: 1 for an extension it emulates, "
	       "0 for one it does not. EXT is type1, type1v2, unmap-all, dma-cc (asks "
	       "the compat IOAS: ENODEV without one), noiommu, spapr-tce, eeh, "
	       "type1-nesting, spapr-tce-v2, update-vaddr or a number; without EXT, "
	       "every one of them, each with its answer or errno (the step fails only "
	       "when none answered).",
	.args = ext_args, .args_size = sizeof(struct vfio_compat_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = check_extension, .record = ext_record,
};

/* ---- set-iommu ---- */

static const struct arg set_iommu_args[] = {
	{ .kind = ARG_ENUM, AT(struct vfio_compat_args, type),
	  HAS(struct vfio_compat_args, has_type), .flags = ARG_REQUIRED,
	  .names = vfio_extensions, .meta = "TYPE" },
	{ 0 }
};

static int set_iommu(struct session *s, const void *args, struct result *r)
{
	const struct vfio_compat_args *a = args;
	long v = ictl_vfio_set_iommu(&s->ictl, a->type);

	r->err = v < 0 ? (int)v : 0;
	return 0;
}

static void set_iommu_record(struct rec *rec, const void *args,
			     const struct result *r)
{
	const struct vfio_compat_args *a = args;

	(void)r;
	rec_name(rec, "type", flag_value_name(vfio_extensions, a->type), a->type);
}

const struct op op_vfio_compat_set_iommu = {
	.object = "vfio-compat", .verb = "set-iommu", .name = "vfio-compat.set-iommu",
	.summary = "VFIO_SET_IOMMU on the iommufd (type1, type1v2, noiommu)",
	.doc = "VFIO_SET_IOMMU on the iommufd. type1v2 changes nothing; type1 turns "
	       "off huge pages in the compat IOAS, so that any part of a mapping can "
	       "be unmapped; noiommu only after a no-IOMMU device's group was attached. "
	       "ENODEV without a compat IOAS, EINVAL for another type.",
	.args = set_iommu_args, .args_size = sizeof(struct vfio_compat_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = set_iommu, .record = set_iommu_record,
};

/* ---- info ---- */

static const struct arg info_args[] = {
	{ .opt = "argsz", .kind = ARG_U64, AT(struct vfio_compat_args, argsz),
	  HAS(struct vfio_compat_args, has_argsz), .max = COMPAT_INFO_MAX, .meta = "N",
	  .doc = "Bytes to offer the kernel (default 4096; 24, the struct alone, gets no "
		 "capabilities, and the answer says how many bytes they need)" },
	{ 0 }
};

static int info_check(const void *args, struct perr *e)
{
	const struct vfio_compat_args *a = args;

	if (a->has_argsz && a->argsz < sizeof(uint32_t))
		return perr(e, "--argsz takes at least 4 (the field itself)");
	return 0;
}

/* The capabilities of @buf, as far as they lie inside its @len bytes */
static void parse_caps(struct compat_info *k, const uint8_t *buf, size_t len)
{
	const struct ictl_vfio_info_cap_header *h;
	const struct ictl_vfio_iommu_type1_info_cap_iova_range *io;
	const struct ictl_vfio_iommu_type1_info_dma_avail *av;
	uint32_t off = k->info.cap_offset, i;
	unsigned int hops = 0;

	while (off && off + sizeof(*h) <= len && hops++ < 16) {
		h = (const void *)(buf + off);
		if (h->id == ICTL_VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE &&
		    off + sizeof(*io) <= len) {
			io = (const void *)h;
			for (i = 0; i < io->nr_iovas && k->nranges < IOVA_RANGES_MAX &&
			     off + sizeof(*io) + (i + 1) * sizeof(io->iova_ranges[0]) <= len; i++) {
				k->ranges[k->nranges].start = io->iova_ranges[i].start;
				k->ranges[k->nranges++].last = io->iova_ranges[i].end;
			}
		} else if (h->id == ICTL_VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL &&
			   off + sizeof(*av) <= len) {
			av = (const void *)h;
			k->dma_avail = av->avail;
			k->has_dma_avail = true;
		}
		/* a chain only goes forward: anything else would loop */
		off = h->next > off ? h->next : 0;
	}
}

static int compat_info(struct session *s, const void *args, struct result *r)
{
	const struct vfio_compat_args *a = args;
	size_t len = a->has_argsz ? a->argsz : 4096;
	struct compat_info *k;
	uint8_t *buf;

	k = sess_scratch(s, sizeof(*k) + len + sizeof(k->info));
	if (!k) {
		sess_err(s, "vfio-compat info: out of memory");
		return -ENOMEM;
	}
	buf = (uint8_t *)(k + 1);
	((struct ictl_vfio_iommu_type1_info *)buf)->argsz = (uint32_t)len;
	r->err = ictl_vfio_iommu_get_info(&s->ictl, (void *)buf);
	/* the kernel writes the struct back only as far as argsz reaches */
	memcpy(&k->info, buf, len < sizeof(k->info) ? len : sizeof(k->info));
	k->asked = len;
	if (!r->err && len >= sizeof(k->info))
		parse_caps(k, buf, len);
	r->data = k;
	return 0;
}

static void info_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct compat_info *k = r->data;

	(void)args;
	rec_u64(rec, "argsz_asked", k->asked);
	if (r->err)
		return;
	rec_u64(rec, "argsz", k->info.argsz);
	rec_flags(rec, "flags", info_flags, k->info.flags);
	rec_hex(rec, "iova_pgsizes", k->info.iova_pgsizes);
	rec_u64(rec, "cap_offset", k->info.cap_offset);
	if (k->info.cap_offset)
		iova_ranges_rec(rec, "iova_ranges", k->ranges, k->nranges);
	if (k->has_dma_avail)
		rec_u64(rec, "dma_avail", k->dma_avail);
}

const struct op op_vfio_compat_info = {
	.object = "vfio-compat", .verb = "info", .name = "vfio-compat.info",
	.summary = "VFIO_IOMMU_GET_INFO on the iommufd: page sizes, IOVA ranges",
	.doc = "VFIO_IOMMU_GET_INFO on the iommufd: the page sizes the compat IOAS's "
	       "domains share, and its capabilities (the IOVA ranges it may map, the "
	       "DMA mappings available) when --argsz leaves room for them; argsz "
	       "comes back as the size they need.",
	.args = info_args, .args_size = sizeof(struct vfio_compat_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = info_check, .exec = compat_info, .record = info_record,
};

/* ---- map, unmap ---- */

static const struct arg map_args[] = {
	{ .opt = "iova", .kind = ARG_U64, AT(struct vfio_compat_args, iova),
	  HAS(struct vfio_compat_args, has_iova), .flags = ARG_REQUIRED, .meta = "IOVA",
	  .doc = "Where to map (type1 has no \"pick one\")" },
	{ .opt = "length", .kind = ARG_U64, AT(struct vfio_compat_args, length),
	  HAS(struct vfio_compat_args, has_length), .meta = "SIZE",
	  .doc = "Bytes to map; alone, allocates anonymous memory" },
	{ .opt = "mem", .kind = ARG_HANDLE, AT(struct vfio_compat_args, mem),
	  HAS(struct vfio_compat_args, has_mem), .types = OBJ_BIT(OBJ_MEM), .meta = "@MEM",
	  .doc = "Map this memory" },
	{ .opt = "readonly", .kind = ARG_BOOL, AT(struct vfio_compat_args, readonly),
	  .doc = "Without VFIO_DMA_MAP_FLAG_WRITE" },
	{ .opt = "flags", .kind = ARG_U64, AT(struct vfio_compat_args, flags),
	  HAS(struct vfio_compat_args, has_flags), .max = UINT32_MAX, .meta = "N",
	  .doc = "The flags field as given (READ 1, WRITE 2, VADDR 4: refused)" },
	{ 0 }
};

static int map_check(const void *args, struct perr *e)
{
	const struct vfio_compat_args *a = args;

	if (!a->has_mem && !a->has_length)
		return perr(e, "give --length or --mem");
	if (a->has_mem && a->mem.by_id)
		return perr(e, "--mem takes an @name");
	return 0;
}

static int compat_map(struct session *s, const void *args, struct result *r)
{
	const struct vfio_compat_args *a = args;
	struct ictl_vfio_iommu_type1_dma_map map = { 0 };
	struct reg_entry *mem;
	int rc;

	if ((rc = mem_to_map(s, a->has_mem ? &a->mem : NULL, a->length,
			     "vfio-compat map", &mem)))
		return rc;
	map.flags = a->has_flags ? (uint32_t)a->flags : ICTL_VFIO_DMA_MAP_FLAG_READ |
		    (a->readonly ? 0 : ICTL_VFIO_DMA_MAP_FLAG_WRITE);
	map.vaddr = (uintptr_t)mem->mem;
	map.iova = a->iova;
	map.size = a->has_length ? a->length : mem->len;
	r->err = ictl_vfio_map_dma(&s->ictl, &map);
	r->s[0] = mem->name;
	r->v[COMPAT_IOVA] = map.iova;
	r->v[COMPAT_LENGTH] = map.size;
	r->v[COMPAT_FLAGS] = map.flags;
	return 0;
}

static void map_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_str(rec, "mem", r->s[0]);
	rec_hex(rec, "iova", r->v[COMPAT_IOVA]);
	rec_hex(rec, "length", r->v[COMPAT_LENGTH]);
	rec_hex(rec, "flags", r->v[COMPAT_FLAGS]);
}

const struct op op_vfio_compat_map = {
	.object = "vfio-compat", .verb = "map", .name = "vfio-compat.map",
	.summary = "VFIO_IOMMU_MAP_DMA on the iommufd, into the compat IOAS",
	.doc = "VFIO_IOMMU_MAP_DMA on the iommufd: map user memory at IOVA in the "
	       "compat IOAS, readable and (unless --readonly) writable, as ioas map "
	       "--iova would. Its pages count against RLIMIT_MEMLOCK as VFIO's do.",
	.args = map_args, .args_size = sizeof(struct vfio_compat_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = map_check, .exec = compat_map, .record = map_record,
};

static const struct arg unmap_args[] = {
	{ .opt = "iova", .kind = ARG_U64, AT(struct vfio_compat_args, iova),
	  HAS(struct vfio_compat_args, has_iova), .meta = "IOVA", .doc = "Start of the range" },
	{ .opt = "length", .kind = ARG_U64, AT(struct vfio_compat_args, length),
	  HAS(struct vfio_compat_args, has_length), .meta = "SIZE",
	  .doc = "Length of the range" },
	{ .opt = "all", .kind = ARG_BOOL, AT(struct vfio_compat_args, all),
	  .doc = "Unmap everything (VFIO_DMA_UNMAP_FLAG_ALL; iova and size 0)" },
	{ .opt = "flags", .kind = ARG_U64, AT(struct vfio_compat_args, flags),
	  HAS(struct vfio_compat_args, has_flags), .max = UINT32_MAX, .meta = "N",
	  .doc = "The flags field as given (GET_DIRTY_BITMAP 1, ALL 2, VADDR 4)" },
	{ 0 }
};

static int unmap_check(const void *args, struct perr *e)
{
	const struct vfio_compat_args *a = args;

	if (a->all ? a->has_iova || a->has_length :
	    !a->has_flags && !(a->has_iova && a->has_length))
		return perr(e, "give --iova and --length, or --all");
	return 0;
}

static int compat_unmap(struct session *s, const void *args, struct result *r)
{
	const struct vfio_compat_args *a = args;
	struct ictl_vfio_iommu_type1_dma_unmap un = { 0 };

	un.flags = a->has_flags ? (uint32_t)a->flags :
		   a->all ? ICTL_VFIO_DMA_UNMAP_FLAG_ALL : 0;
	un.iova = a->iova;
	un.size = a->length;
	r->v[COMPAT_IOVA] = un.iova;
	r->v[COMPAT_LENGTH] = un.size;
	r->v[COMPAT_FLAGS] = un.flags;
	r->err = ictl_vfio_unmap_dma(&s->ictl, &un);
	/* the kernel writes size back once it tried, also when that failed */
	r->v[COMPAT_UNMAPPED] = un.size;
	return 0;
}

static void unmap_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_hex(rec, "iova", r->v[COMPAT_IOVA]);
	rec_hex(rec, "length", r->v[COMPAT_LENGTH]);
	rec_hex(rec, "flags", r->v[COMPAT_FLAGS]);
	/* after a failure, only a size the kernel changed is known to be its */
	if (!r->err || r->v[COMPAT_UNMAPPED] != r->v[COMPAT_LENGTH])
		rec_hex(rec, "unmapped", r->v[COMPAT_UNMAPPED]);
}

const struct op op_vfio_compat_unmap = {
	.object = "vfio-compat", .verb = "unmap", .name = "vfio-compat.unmap",
	.summary = "VFIO_IOMMU_UNMAP_DMA on the iommufd, from the compat IOAS",
	.doc = "VFIO_IOMMU_UNMAP_DMA on the iommufd. With huge pages on, whole mappings "
	       "only (as ioas unmap); after set-iommu type1 (or the huge-pages option "
	       "0) any part of one whose pages are not pinned. The record's unmapped is "
	       "the size the kernel wrote back (after a failure: if it changed).",
	.args = unmap_args, .args_size = sizeof(struct vfio_compat_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = unmap_check, .exec = compat_unmap, .record = unmap_record,
	.want = { COMPAT_UNMAPPED + 1, "the number of bytes unmapped" },
};
