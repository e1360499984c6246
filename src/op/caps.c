// SPDX-License-Identifier: GPL-2.0-only
/*
 * caps: what this kernel has, probed, not assumed.
 *
 * Without a DEVICE, which iommufd ioctls exist: each is called with a
 * struct of 4 bytes, below every command's minimum, so a kernel that knows
 * the command answers EINVAL and one that does not, ENOTTY.
 *
 * With a DEVICE (as info takes it), a matrix of what the kernel and the
 * device's IOMMU driver accept, each cell the errno of a real call: HWPT
 * allocation flags, nested data types on a nest parent and on a vIOMMU,
 * invalidation data types, vIOMMU, vEVENTQ and HW queue types, the
 * IOMMU_OPTION options, and the struct size rules of the ioctls that can
 * succeed without side effects. Whatever a probe allocates it frees, and
 * the device is given back at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "core/op.h"
#include "core/render.h"
#include "core/session.h"
#include "decode/ioctls.h"
#include "decode/vendor.h"
#include "op/ops.h"

#include "util/parse.h"
#include "util/rec.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Room for the whole matrix: 36 probes and 21 size rules */
#define CAPS_CELLS	80

/* VFIO type1 extensions the features report */
static const uint32_t compat_exts[] = {
	ICTL_VFIO_TYPE1_IOMMU, ICTL_VFIO_TYPE1v2_IOMMU, ICTL_VFIO_UNMAP_ALL,
	ICTL_VFIO_NOIOMMU_IOMMU,
};
#define COMPAT_EXTS	(sizeof(compat_exts) / sizeof(compat_exts[0]))

/*
 * What the kernel has beyond its ioctl table, probed without a device and
 * without side effects: each an answer or an errno.
 */
struct features {
	int get_pa;		/* NOIOMMU_GET_PA of IOAS 0: ENOENT = it looked */
	long api_version;	/* VFIO_GET_API_VERSION, or -errno */
	long ext[COMPAT_EXTS];	/* VFIO_CHECK_EXTENSION, or -errno */
	int dmabuf;		/* the mock's DMABUF_GET of 0 bytes: EINVAL = known */
};

/* One cell of the matrix: what one call answered */
struct cell {
	const char *group;	/* "hwpt_alloc_flags" */
	const char *name;	/* "nest_parent"; struct_size: the ioctl */
	const char *size_case;	/* struct_size: "undersized" ...; else NULL */
	int rc;			/* 0 or -errno */
	const char *skipped;	/* why it was not probed; NULL: it was */
	const char *failed;	/* a call it needed that failed first */
	bool has_value;
	uint64_t value;		/* options: what IOMMU_OPTION read */
	uint32_t size;		/* struct_size: the size passed */
	bool rule_holds;	/* struct_size: the answer the rule wants */
};

/* What the probes found, kept in the session's scratch for the record */
struct caps_data {
	uint64_t have;		/* bit i: iommufd_ioctls[i] is no ENOTTY */
	struct features f;
	bool bind_tried;	/* the device answered: kind, cdev, pci */
	bool probed;		/* the matrix was made */
	struct probe_dev d;
	unsigned int n;
	struct cell cells[CAPS_CELLS];
};

struct probe {
	struct session *s;
	struct caps_data *k;
	uint32_t ioas;		/* everything hangs off this IOAS */
	uint32_t parent;	/* a nest-parent HWPT; 0: refused */
	uint32_t nested;	/* a nested HWPT on it; 0: none */
	uint32_t viommu;	/* 0: none */
	const char *group;	/* the group cells are added to */
	int cleanup_err;	/* the first failed destroy */
	uint64_t ns;
};

static int call(struct probe *p, unsigned int nr, void *arg)
{
	int rc = ictl_ioctl(&p->s->ictl, _IO(ICTL_IOMMUFD_TYPE, nr), arg);

	p->ns += p->s->ictl.last_ns;
	return rc;
}

/* Free an object a probe made; a failure fails the whole record. */
static void drop(struct probe *p, uint32_t id)
{
	struct ictl_iommu_destroy cmd = { .size = sizeof(cmd), .id = id };
	int rc;

	if (!id)
		return;
	rc = call(p, ICTL_IOMMUFD_CMD_DESTROY, &cmd);
	if (rc && !p->cleanup_err)
		p->cleanup_err = rc;
}

/* The next cell of the current group, answered @rc */
static struct cell *cell(struct probe *p, const char *name, int rc)
{
	/* where a cell past CAPS_CELLS would go: a matrix that grew past it */
	static struct cell spare;
	struct cell *c = p->k->n < CAPS_CELLS ? &p->k->cells[p->k->n++] : &spare;

	memset(c, 0, sizeof(*c));
	c->group = p->group;
	c->name = name;
	c->rc = rc;
	return c;
}

/* A probe that needs an object the device could not get. */
static void skipped(struct probe *p, const char *name, const char *why)
{
	cell(p, name, 0)->skipped = why;
}

/* ---- HWPT allocation ------------------------------------------------------------ */

static int hwpt_alloc(struct probe *p, uint32_t pt, uint32_t flags, uint32_t type,
		      const void *data, uint32_t len, uint32_t fault, uint32_t *out)
{
	struct ictl_iommu_hwpt_alloc cmd = {
		.size = sizeof(cmd), .flags = flags, .dev_id = p->k->d.dev_id,
		.pt_id = pt, .data_type = type, .data_len = len,
		.data_uptr = (uintptr_t)data, .fault_id = fault,
	};
	int rc = call(p, ICTL_IOMMUFD_CMD_HWPT_ALLOC, &cmd);

	*out = rc ? 0 : cmd.out_hwpt_id;
	return rc;
}

/* FAULT_ID_VALID needs a fault queue to name: made and freed around it. */
static void probe_fault_id(struct probe *p)
{
	struct ictl_iommu_fault_alloc fa = { .size = sizeof(fa) };
	uint32_t hwpt;
	int rc = call(p, ICTL_IOMMUFD_CMD_FAULT_QUEUE_ALLOC, &fa);

	if (rc) {
		cell(p, "fault_id", rc)->failed = "fault-queue-alloc";
		return;
	}
	rc = hwpt_alloc(p, p->ioas, ICTL_IOMMU_HWPT_FAULT_ID_VALID, 0, NULL, 0,
			fa.out_fault_id, &hwpt);
	drop(p, hwpt);
	/* the fd holds the queue: close it before the destroy */
	close((int)fa.out_fault_fd);
	drop(p, fa.out_fault_id);
	cell(p, "fault_id", rc);
}

static void probe_flags(struct probe *p)
{
	static const struct { const char *name; uint32_t flags; } flags[] = {
		{ "none", 0 },
		{ "nest_parent", ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT },
		{ "dirty_tracking", ICTL_IOMMU_HWPT_ALLOC_DIRTY_TRACKING },
		{ "pasid", ICTL_IOMMU_HWPT_ALLOC_PASID },
	};
	uint32_t hwpt;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		cell(p, flags[i].name, hwpt_alloc(p, p->ioas, flags[i].flags, 0, NULL, 0,
						  0, &hwpt));
		/* the nest parent stays for the probes that need one */
		if (flags[i].flags == ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT)
			p->parent = hwpt;
		else
			drop(p, hwpt);
	}
	probe_fault_id(p);
}

/* Nested data: each type with a payload its driver would take, in words. */
static const struct {
	const char *name;
	const char *data;
} nested_types[] = {
	{ "selftest", "selftest:iotlb=0xbadbeef" },
	/* a 4-level first stage; the table address is the guest's business */
	{ "vtd_s1", "vtd_s1:pgtbl=0x1000,addr-width=48" },
	{ "arm_smmuv3", "arm_smmuv3" },
	{ "amd_guest", "amd_guest" },
};

/* On @pt (a nest parent or a vIOMMU); the first accepted may be kept in *@keep. */
static void probe_nested(struct probe *p, uint32_t pt, const char *none,
			 uint32_t *keep)
{
	struct vendor_data data;
	const char *bad;
	uint32_t hwpt = 0;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(nested_types); i++) {
		if (!pt) {
			skipped(p, nested_types[i].name, none);
			continue;
		}
		rc = vendor_hwpt_data(nested_types[i].data, &data, &bad);
		if (!rc)
			rc = hwpt_alloc(p, pt, 0, data.type, data.bytes,
					(uint32_t)data.len, 0, &hwpt);
		cell(p, nested_types[i].name, rc);
		if (keep && !*keep)
			*keep = hwpt;
		else
			drop(p, hwpt);
	}
}

/* ---- invalidation ------------------------------------------------------------------ */

/* No entries: the driver checks the type and does nothing. */
static void probe_invalidate(struct probe *p, uint32_t target, const char *none)
{
	static const struct { const char *name; uint32_t type, len; } types[] = {
		{ "vtd_s1", ICTL_IOMMU_HWPT_INVALIDATE_DATA_VTD_S1,
		  sizeof(struct ictl_iommu_hwpt_vtd_s1_invalidate) },
		{ "arm_smmuv3", ICTL_IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3,
		  sizeof(struct ictl_iommu_viommu_arm_smmuv3_invalidate) },
		{ "selftest", ICTL_IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
		  sizeof(struct ictl_iommu_viommu_invalidate_selftest) },
	};
	uint64_t entry[8] = { 0 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct ictl_iommu_hwpt_invalidate cmd = {
			.size = sizeof(cmd), .hwpt_id = target,
			.data_uptr = (uintptr_t)entry, .data_type = types[i].type,
			.entry_len = types[i].len, .entry_num = 0,
		};

		if (target)
			cell(p, types[i].name, call(p, ICTL_IOMMUFD_CMD_HWPT_INVALIDATE, &cmd));
		else
			skipped(p, types[i].name, none);
	}
}

/* ---- vIOMMU and what hangs off it ------------------------------------------------------ */

static void probe_viommu(struct probe *p)
{
	static const struct { const char *name; uint32_t type; } types[] = {
		{ "default", ICTL_IOMMU_VIOMMU_TYPE_DEFAULT },
		{ "arm_smmuv3", ICTL_IOMMU_VIOMMU_TYPE_ARM_SMMUV3 },
		{ "tegra241_cmdqv", ICTL_IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV },
		{ "selftest", ICTL_IOMMU_VIOMMU_TYPE_SELFTEST },
	};
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct ictl_iommu_viommu_alloc cmd = {
			.size = sizeof(cmd), .type = types[i].type,
			.dev_id = p->k->d.dev_id, .hwpt_id = p->parent,
		};

		if (!p->parent) {
			skipped(p, types[i].name, "no nest-parent HWPT");
			continue;
		}
		rc = call(p, ICTL_IOMMUFD_CMD_VIOMMU_ALLOC, &cmd);
		cell(p, types[i].name, rc);
		if (!rc && !p->viommu)
			p->viommu = cmd.out_viommu_id;
		else if (!rc)
			drop(p, cmd.out_viommu_id);
	}
}

static void probe_veventq(struct probe *p)
{
	static const struct { const char *name; uint32_t type; } types[] = {
		{ "default", ICTL_IOMMU_VEVENTQ_TYPE_DEFAULT },
		{ "arm_smmuv3", ICTL_IOMMU_VEVENTQ_TYPE_ARM_SMMUV3 },
		{ "tegra241_cmdqv", ICTL_IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV },
		{ "selftest", ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST },
	};
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct ictl_iommu_veventq_alloc cmd = {
			.size = sizeof(cmd), .viommu_id = p->viommu,
			.type = types[i].type, .veventq_depth = 2,
		};

		if (!p->viommu) {
			skipped(p, types[i].name, "no vIOMMU");
			continue;
		}
		rc = call(p, ICTL_IOMMUFD_CMD_VEVENTQ_ALLOC, &cmd);
		cell(p, types[i].name, rc);
		if (!rc) {
			/* the fd holds the queue: close it before the destroy */
			close((int)cmd.out_veventq_fd);
			drop(p, cmd.out_veventq_id);
		}
	}
}

/* A HW queue reads guest memory: one page mapped in the nest parent's IOAS. */
static void probe_hw_queue(struct probe *p)
{
	static const struct { const char *name; uint32_t type; } types[] = {
		{ "default", ICTL_IOMMU_HW_QUEUE_TYPE_DEFAULT },
		{ "tegra241_cmdqv", ICTL_IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV },
		{ "selftest", ICTL_IOMMU_HW_QUEUE_TYPE_SELFTEST },
	};
	long page = sysconf(_SC_PAGESIZE);
	struct ictl_iommu_ioas_map map = { 0 };
	void *mem = MAP_FAILED;
	int rc = 0;
	size_t i;

	if (p->viommu) {
		mem = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		map.flags = ICTL_IOMMU_IOAS_MAP_READABLE | ICTL_IOMMU_IOAS_MAP_WRITEABLE;
		map.ioas_id = p->ioas;
		map.user_va = (uintptr_t)mem;
		map.length = (uint64_t)page;
		rc = mem == MAP_FAILED ? -ENOMEM : ictl_ioas_map(&p->s->ictl, &map);
	}
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct ictl_iommu_hw_queue_alloc cmd = {
			.size = sizeof(cmd), .viommu_id = p->viommu, .type = types[i].type,
			.nesting_parent_iova = map.iova, .length = (uint64_t)page,
		};

		if (!p->viommu || rc) {
			skipped(p, types[i].name, p->viommu ? "no memory mapped for the queue" :
							      "no vIOMMU");
			continue;
		}
		cmd.index = 0;
		cell(p, types[i].name, call(p, ICTL_IOMMUFD_CMD_HW_QUEUE_ALLOC, &cmd));
		if (cmd.out_hw_queue_id)
			drop(p, cmd.out_hw_queue_id);
	}
	if (p->viommu && !rc) {
		struct ictl_iommu_ioas_unmap un = {
			.ioas_id = p->ioas, .iova = map.iova, .length = map.length,
		};

		rc = ictl_ioas_unmap(&p->s->ictl, &un);
		if (rc && !p->cleanup_err)
			p->cleanup_err = rc;
	}
	if (mem != MAP_FAILED)
		munmap(mem, (size_t)page);
}

/* ---- vIOMMU driver data and its mmap page ------------------------------------------- */

/* The selftest type with data: the echo, then mmap() of the page it offers */
static void probe_viommu_data(struct probe *p)
{
	struct ictl_iommu_viommu_selftest data = { .in_data = 0xcafe };
	struct ictl_iommu_viommu_alloc cmd = {
		.size = sizeof(cmd), .type = ICTL_IOMMU_VIOMMU_TYPE_SELFTEST,
		.dev_id = p->k->d.dev_id, .hwpt_id = p->parent,
		.data_len = sizeof(data), .data_uptr = (uintptr_t)&data,
	};
	struct cell *c;
	void *page;
	int rc;

	if (!p->parent) {
		skipped(p, "selftest_data", "no nest-parent HWPT");
		skipped(p, "mmap", "no nest-parent HWPT");
		return;
	}
	rc = call(p, ICTL_IOMMUFD_CMD_VIOMMU_ALLOC, &cmd);
	c = cell(p, "selftest_data", rc);
	c->has_value = !rc;
	c->value = data.out_data;
	if (rc || !data.out_mmap_length) {
		skipped(p, "mmap", rc ? "the data was refused" : "no page offered");
		if (!rc)
			drop(p, cmd.out_viommu_id);
		return;
	}
	page = mmap(NULL, data.out_mmap_length, PROT_READ | PROT_WRITE, MAP_SHARED,
		    p->s->ictl.fd, (off_t)data.out_mmap_offset);
	c = cell(p, "mmap", page == MAP_FAILED ? -errno : 0);
	c->has_value = page != MAP_FAILED;
	c->value = data.out_mmap_length;
	if (page != MAP_FAILED)
		munmap(page, data.out_mmap_length);
	drop(p, cmd.out_viommu_id);
}

/* ---- a BAR as a dma-buf, and the no-IOMMU physical address ---------------------------- */

static void probe_dma_buf(struct probe *p)
{
	struct {
		struct ictl_vfio_device_feature hdr;
		struct ictl_vfio_device_feature_dma_buf get;
		struct ictl_vfio_region_dma_range range;
	} req = { 0 };
	long rc;

	if (p->k->d.mock) {
		skipped(p, "probe", "a mock device has no BARs");
		return;
	}
	req.hdr.argsz = sizeof(req);
	req.hdr.flags = ICTL_VFIO_DEVICE_FEATURE_PROBE | ICTL_VFIO_DEVICE_FEATURE_GET |
			ICTL_VFIO_DEVICE_FEATURE_DMA_BUF;
	req.get.nr_ranges = 1;
	rc = ictl_vfio_device_feature(&p->s->ictl, p->k->d.fd, &req.hdr);
	p->ns += p->s->ictl.last_ns;
	cell(p, "probe", rc < 0 ? (int)rc : 0);
}

/* A page mapped where the device is attached: only a no-IOMMU domain answers */
static void probe_get_pa(struct probe *p)
{
	struct ictl_iommu_ioas_noiommu_get_pa pa = { .size = sizeof(pa), .length = 1 };
	struct ictl_iommu_ioas_map map = { .size = sizeof(map) };
	long len = sysconf(_SC_PAGESIZE);
	uint32_t hwpt = 0;
	void *mem;
	int rc = 0;

	mem = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	if (mem == MAP_FAILED) {
		skipped(p, "mapped_page", "no memory");
		return;
	}
	memset(mem, 0, (size_t)len);
	if (!p->k->d.mock)
		rc = probe_dev_attach(p->s, &p->k->d, p->ioas, &hwpt);
	map.flags = ICTL_IOMMU_IOAS_MAP_READABLE | ICTL_IOMMU_IOAS_MAP_WRITEABLE;
	map.ioas_id = p->ioas;
	map.user_va = (uintptr_t)mem;
	map.length = (uint64_t)len;
	if (!rc)
		rc = call(p, ICTL_IOMMUFD_CMD_IOAS_MAP, &map);
	if (rc) {
		cell(p, "mapped_page", rc)->failed = hwpt || p->k->d.mock ? "ioas-map" : "attach";
	} else {
		pa.ioas_id = p->ioas;
		pa.iova = map.iova;
		cell(p, "mapped_page", call(p, ICTL_IOMMUFD_CMD_IOAS_NOIOMMU_GET_PA, &pa));
		ictl_ioas_unmap(&p->s->ictl, &(struct ictl_iommu_ioas_unmap){
			.ioas_id = p->ioas, .iova = map.iova, .length = map.length });
	}
	if (hwpt)
		probe_dev_detach(p->s, &p->k->d);
	munmap(mem, (size_t)len);
}

/* ---- options --------------------------------------------------------------------- */

static void probe_options(struct probe *p)
{
	static const struct { const char *name; uint32_t id; bool per_ioas; } opts[] = {
		{ "rlimit_mode", ICTL_IOMMU_OPTION_RLIMIT_MODE, false },
		{ "huge_pages", ICTL_IOMMU_OPTION_HUGE_PAGES, true },
	};
	struct cell *c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(opts); i++) {
		struct ictl_iommu_option cmd = {
			.size = sizeof(cmd), .option_id = opts[i].id,
			.op = ICTL_IOMMU_OPTION_OP_GET,
			.object_id = opts[i].per_ioas ? p->ioas : 0,
		};

		c = cell(p, opts[i].name, call(p, ICTL_IOMMUFD_CMD_OPTION, &cmd));
		c->has_value = !c->rc;
		c->value = cmd.val64;
	}
}

/* ---- struct size rules ------------------------------------------------------------------ */

/* Room for any request plus the oversized tail. */
#define SIZE_BUF	512
#define TAIL		64	/* past what a newer kernel might have added */

union req {
	uint64_t align;
	uint8_t b[SIZE_BUF];
	struct ictl_iommu_destroy destroy;
	struct ictl_iommu_ioas_alloc ioas_alloc;
	struct ictl_iommu_ioas_allow_iovas allow;
	struct ictl_iommu_ioas_iova_ranges ranges;
	struct ictl_iommu_option option;
	struct ictl_iommu_hw_info hw_info;
	struct ictl_iommu_hwpt_alloc hwpt;
};

static struct ictl_iommu_iova_range range_buf[IOVA_RANGES_MAX];

/* A valid request of each kind; the object a success made, to free. */
static void fill(struct probe *p, unsigned int nr, union req *r)
{
	struct ictl_iommu_ioas_alloc a = { .size = sizeof(a) };

	switch (nr) {
	case ICTL_IOMMUFD_CMD_DESTROY:
		/* a fresh IOAS to destroy; 0 (ENOENT) if even that fails */
		r->destroy.id = call(p, ICTL_IOMMUFD_CMD_IOAS_ALLOC, &a) ? 0 : a.out_ioas_id;
		break;
	case ICTL_IOMMUFD_CMD_IOAS_ALLOW_IOVAS:
		r->allow.ioas_id = p->ioas;	/* no ranges: no restriction */
		break;
	case ICTL_IOMMUFD_CMD_IOAS_IOVA_RANGES:
		r->ranges.ioas_id = p->ioas;
		r->ranges.num_iovas = IOVA_RANGES_MAX;
		r->ranges.allowed_iovas = (uintptr_t)range_buf;
		break;
	case ICTL_IOMMUFD_CMD_OPTION:
		r->option.option_id = ICTL_IOMMU_OPTION_RLIMIT_MODE;
		r->option.op = ICTL_IOMMU_OPTION_OP_GET;
		break;
	case ICTL_IOMMUFD_CMD_GET_HW_INFO:
		r->hw_info.dev_id = p->k->d.dev_id;	/* data_len 0: no payload */
		break;
	case ICTL_IOMMUFD_CMD_HWPT_ALLOC:
		r->hwpt.dev_id = p->k->d.dev_id;
		r->hwpt.pt_id = p->ioas;
		break;
	}
}

static void unfill(struct probe *p, unsigned int nr, const union req *r, int rc)
{
	if (nr == ICTL_IOMMUFD_CMD_DESTROY && rc)
		drop(p, r->destroy.id);
	else if (nr == ICTL_IOMMUFD_CMD_IOAS_ALLOC && !rc)
		drop(p, r->ioas_alloc.out_ioas_id);
	else if (nr == ICTL_IOMMUFD_CMD_HWPT_ALLOC && !rc)
		drop(p, r->hwpt.out_hwpt_id);
}

enum size_case { SIZE_UNDER, SIZE_OVER_NONZERO, SIZE_OVER_ZERO };

static int size_call(struct probe *p, unsigned int nr, uint32_t size,
		     enum size_case c)
{
	union req r;
	int rc;

	memset(&r, 0, sizeof(r));
	fill(p, nr, &r);
	if (c == SIZE_OVER_NONZERO)
		r.b[size - 1] = 1;
	memcpy(r.b, &size, sizeof(size));
	rc = call(p, nr, &r);
	unfill(p, nr, &r, rc);
	return rc;
}

static void probe_sizes(struct probe *p)
{
	/* min: the kernel's shortest accepted size (its IOCTL_OP table) */
	static const struct { unsigned int nr; uint32_t full, min; } ops[] = {
		{ ICTL_IOMMUFD_CMD_DESTROY, sizeof(struct ictl_iommu_destroy), 8 },
		{ ICTL_IOMMUFD_CMD_IOAS_ALLOC, sizeof(struct ictl_iommu_ioas_alloc), 12 },
		{ ICTL_IOMMUFD_CMD_IOAS_ALLOW_IOVAS, sizeof(struct ictl_iommu_ioas_allow_iovas), 24 },
		{ ICTL_IOMMUFD_CMD_IOAS_IOVA_RANGES, sizeof(struct ictl_iommu_ioas_iova_ranges), 32 },
		{ ICTL_IOMMUFD_CMD_OPTION, sizeof(struct ictl_iommu_option), 24 },
		{ ICTL_IOMMUFD_CMD_GET_HW_INFO, sizeof(struct ictl_iommu_hw_info), 32 },
		{ ICTL_IOMMUFD_CMD_HWPT_ALLOC, sizeof(struct ictl_iommu_hwpt_alloc), 24 },
	};
	static const struct { const char *name; enum size_case c; int want; } cases[] = {
		{ "undersized", SIZE_UNDER, -EINVAL },
		{ "oversized_nonzero", SIZE_OVER_NONZERO, -E2BIG },
		{ "oversized_zero", SIZE_OVER_ZERO, 0 },
	};
	const struct flag_name *io;
	struct cell *c;
	uint32_t size;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		for (io = iommufd_ioctls; io->name && io->value != ops[i].nr; io++)
			;
		for (j = 0; j < ARRAY_SIZE(cases); j++) {
			size = cases[j].c == SIZE_UNDER ? ops[i].min - 4 : ops[i].full + TAIL;
			c = cell(p, io->name ? io->name : "?",
				 size_call(p, ops[i].nr, size, cases[j].c));
			c->size_case = cases[j].name;
			c->size = size;
			c->rule_holds = c->rc == cases[j].want;
		}
	}
}

/* ---- the matrix -------------------------------------------------------------------------- */

static void matrix(struct probe *p)
{
	p->group = "hwpt_alloc_flags";
	probe_flags(p);
	p->group = "nested_data_types";
	probe_nested(p, p->parent, "no nest-parent HWPT", &p->nested);
	p->group = "invalidate_data_types";
	probe_invalidate(p, p->nested, "no nested HWPT");
	p->group = "viommu_types";
	probe_viommu(p);
	p->group = "viommu_nested_data_types";
	probe_nested(p, p->viommu, "no vIOMMU", NULL);
	p->group = "viommu_invalidate_data_types";
	probe_invalidate(p, p->viommu, "no vIOMMU");
	p->group = "veventq_types";
	probe_veventq(p);
	p->group = "hw_queue_types";
	probe_hw_queue(p);
	p->group = "viommu_data";
	probe_viommu_data(p);
	p->group = "dma_buf";
	probe_dma_buf(p);
	p->group = "noiommu_get_pa";
	probe_get_pa(p);
	p->group = "options";
	probe_options(p);
	p->group = "struct_size";
	probe_sizes(p);
	/* in reverse: each holds the one before it */
	drop(p, p->nested);
	drop(p, p->viommu);
	drop(p, p->parent);
	p->k->probed = true;
}

/* ---- the step ---------------------------------------------------------------------------- */

/*
 * Bind DEVICE, probe the matrix, give the device back. 0 with the first
 * failure the kernel answered in *@err, or -EINVAL or -ENODEV after a
 * message (no such device).
 */
static int device_caps(struct probe *p, const char *arg, int *err)
{
	struct ictl_iommu_ioas_alloc ioas = { .size = sizeof(ioas) };
	int rc = call(p, ICTL_IOMMUFD_CMD_IOAS_ALLOC, &ioas);

	if (rc) {
		*err = rc;
		return 0;
	}
	p->ioas = ioas.out_ioas_id;
	rc = probe_dev_bind(p->s, "caps", arg, p->ioas, &p->k->d);
	p->ns += p->s->ictl.last_ns;
	if (rc > 0) {
		drop(p, p->ioas);
		return rc == PROBE_USAGE ? -EINVAL : -ENODEV;
	}
	p->k->bind_tried = true;
	if (!rc) {
		matrix(p);
		rc = probe_dev_unbind(p->s, &p->k->d);
	}
	drop(p, p->ioas);
	*err = rc ? rc : p->cleanup_err;
	return 0;
}

/*
 * Which ioctls the kernel knows: 4 bytes is below every command's minimum,
 * so a known one answers EINVAL and an unknown one ENOTTY. A file that
 * answers ENOTTY to all of them is no iommufd.
 */
static int probe_ioctls(struct probe *p)
{
	const struct flag_name *io;
	uint32_t size;
	unsigned int i;

	for (io = iommufd_ioctls, i = 0; io->name && i < 64; io++, i++) {
		size = sizeof(size);
		if (call(p, io->value, &size) != -ENOTTY)
			p->k->have |= 1ull << i;
	}
	if (p->k->have)
		return 0;
	sess_err(p->s, "caps: %s is no iommufd: it answers every iommufd ioctl with ENOTTY",
		 p->s->opt->dev_path);
	return -ENODEV;
}

/*
 * Without a device or a side effect: NOIOMMU_GET_PA of IOAS 0 (a kernel
 * with CONFIG_IOMMUFD_NOIOMMU looks for it: ENOENT; else EOPNOTSUPP), the
 * VFIO type1 compatibility, and the mock's DMABUF_GET of 0 bytes (EINVAL
 * when the op exists, EOPNOTSUPP when not).
 */
static void probe_features(struct probe *p)
{
	struct ictl_iommu_ioas_noiommu_get_pa pa = { .size = sizeof(pa), .length = 1 };
	struct ictl_iommu_test_cmd dmabuf = {
		.size = sizeof(dmabuf), .op = ICTL_IOMMU_TEST_OP_DMABUF_GET,
	};
	struct features *f = &p->k->f;
	size_t i;

	f->get_pa = call(p, ICTL_IOMMUFD_CMD_IOAS_NOIOMMU_GET_PA, &pa);
	f->api_version = ictl_vfio_api_version(&p->s->ictl);
	for (i = 0; i < COMPAT_EXTS; i++)
		f->ext[i] = ictl_vfio_check_extension(&p->s->ictl, compat_exts[i]);
	f->dmabuf = call(p, _IOC_NR(ICTL_IOMMU_TEST_CMD), &dmabuf);
}

static int caps_exec(struct session *s, const void *args, struct result *r)
{
	const struct probe_args *a = args;
	struct probe p = { .s = s };
	int rc;

	p.k = sess_scratch(s, sizeof(*p.k));
	if (!p.k) {
		sess_err(s, "caps: out of memory");
		return -ENOMEM;
	}
	if ((rc = probe_ioctls(&p)))
		return rc;
	probe_features(&p);
	if (a->dev && (rc = device_caps(&p, a->dev, &r->err)))
		return rc;
	r->ns = p.ns;
	r->data = p.k;
	r->len = sizeof(*p.k);
	return 0;
}

/* ---- the record ---- */

static void cell_rec(struct rec *o, const struct cell *c)
{
	if (c->skipped) {
		rec_bool(o, "accepted", false);
		rec_null(o, "errno");
		rec_null(o, "errno_name");
		rec_lit(o, "skipped", c->skipped);
		return;
	}
	rec_bool(o, "accepted", !c->rc);
	rec_int(o, "errno", -c->rc);
	rec_lit(o, "errno_name", c->rc ? errno_name(-c->rc) : NULL);
	if (c->failed)
		rec_lit(o, "failed", c->failed);
	if (c->has_value)
		rec_u64(o, "value", c->value);
	if (c->size_case) {
		rec_u64(o, "size", c->size);
		rec_bool(o, "rule_holds", c->rule_holds);
	}
}

/* The cells in the order they were probed, grouped as they were */
static void matrix_rec(struct rec *m, const struct caps_data *k)
{
	const char *group = "", *name = "";
	struct rec *g = NULL, *sub = NULL;
	const struct cell *c;
	unsigned int i;

	for (i = 0; i < k->n; i++) {
		c = &k->cells[i];
		if (strcmp(group, c->group)) {
			g = rec_obj(m, c->group);
			group = c->group;
			name = "";
		}
		if (!c->size_case) {
			cell_rec(rec_obj(g, c->name), c);
			continue;
		}
		if (strcmp(name, c->name)) {
			sub = rec_obj(g, c->name);
			name = c->name;
		}
		cell_rec(rec_obj(sub, c->size_case), c);
	}
}

/* An answer: "errno"/"errno_name" when it is one, else under @key */
static void answer_rec(struct rec *o, const char *key, long v)
{
	if (v < 0) {
		rec_int(o, "errno", -v);
		rec_lit(o, "errno_name", errno_name((int)-v));
	} else {
		rec_int(o, key, v);
	}
}

static void features_rec(struct rec *o, const struct features *f)
{
	struct rec *g;
	size_t i;

	g = rec_obj(o, "noiommu_get_pa");
	/* EPERM: the kernel has it, this process lacks CAP_SYS_RAWIO */
	rec_bool(g, "available", f->get_pa == -ENOENT || f->get_pa == -EPERM);
	answer_rec(g, "answer", f->get_pa);
	g = rec_obj(o, "vfio_compat");
	answer_rec(g, "api_version", f->api_version);
	for (i = 0; i < COMPAT_EXTS; i++)
		answer_rec(rec_obj(g, flag_value_name(vfio_extensions, compat_exts[i])),
			   "answer", f->ext[i]);
	g = rec_obj(o, "mock_dmabuf");
	rec_bool(g, "available", f->dmabuf == -EINVAL);
	answer_rec(g, "answer", f->dmabuf);
}

static void caps_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct probe_args *a = args;
	const struct caps_data *k = r->data;
	const struct flag_name *io;
	struct rec *o;
	unsigned int i;

	o = rec_obj(rec, "ioctls");
	for (io = iommufd_ioctls, i = 0; io->name && i < 64; io++, i++)
		rec_bool(o, io->name, k->have >> i & 1);
	features_rec(rec_obj(rec, "features"), &k->f);
	if (!a->dev)
		return;
	o = rec_obj(rec, "device");
	rec_str(o, "arg", a->dev);
	if (k->bind_tried) {
		rec_lit(o, "kind", k->d.mock ? "mock" : "vfio");
		if (k->d.cdev[0])
			rec_str(o, "cdev", k->d.cdev);
		if (k->d.pci[0])
			rec_str(o, "pci", k->d.pci);
	}
	if (k->probed)
		matrix_rec(rec_obj(rec, "matrix"), k);
}

/* ---- the report ---- */

/* A row of the matrix table; the group is named on its first row only */
static void matrix_row(struct rec *list, const char **group, const char *name,
		       const struct val *cell)
{
	struct rec *row = rec_obj(list, NULL);

	rec_lit(row, "probe", *group);
	rec_str(row, "case", name);
	rec_set(row, "cell", cell);
	*group = "";
}

/* The matrix as rows: a cell, or a size rule of an ioctl, a row */
static void matrix_rows(const struct rec *r, struct rec *view)
{
	const struct val *m = rec_get(r, "matrix");
	const struct rec *g, *c;
	const char *group;
	struct rec *list;
	unsigned int i, j, k;

	if (!m || m->kind != V_REC)
		return;
	list = rec_list(view, "matrix");
	for (i = 0; i < m->r->n; i++) {
		group = m->r->f[i].key;
		g = m->r->f[i].v.r;
		for (j = 0; j < g->n; j++) {
			c = g->f[j].v.r;
			if (rec_get(c, "accepted")) {
				matrix_row(list, &group, g->f[j].key, &g->f[j].v);
				continue;
			}
			/* struct_size: one more level, the size cases */
			for (k = 0; k < c->n; k++)
				matrix_row(list, &group, rec_printf(list, "%s %s", g->f[j].key,
								    c->f[k].key), &c->f[k].v);
		}
	}
}

static const char *result_cell(const struct rec *row, char *buf, size_t len)
{
	const struct val *cv = rec_get(row, "cell");
	const struct rec *c = cv ? cv->r : NULL;
	const struct val *skipped = rec_get(c, "skipped"), *accepted = rec_get(c, "accepted");
	const struct val *value = rec_get(c, "value"), *rule = rec_get(c, "rule_holds");
	char b[64];

	if (skipped && skipped->kind == V_STR)
		snprintf(buf, len, "not probed: %s", skipped->s);
	else if (accepted && accepted->b)
		snprintf(buf, len, "accepted%s%s", value ? ", value " : "",
			 value ? out_cell(value, b, sizeof(b)) : "");
	else
		snprintf(buf, len, "refused: %s", out_cell(rec_get(c, "errno_name"), b, sizeof(b)));
	if (rule && !rule->b)
		strncat(buf, " (breaks the size rule)", len - strlen(buf) - 1);
	return buf;
}

/* A feature's answer in words: a member's value, or a nested answer or errno */
static const char *feature_cell(const struct val *v, char *buf, size_t len)
{
	const struct val *a;

	if (v->kind != V_REC)
		return out_cell(v, buf, len);
	a = rec_get(v->r, "answer");
	return out_cell(a ? a : rec_get(v->r, "errno_name"), buf, len);
}

/* The features as rows: the feature (on its first row), a member, its value */
static void feature_rows(const struct rec *r, struct rec *view)
{
	const struct val *f = rec_get(r, "features");
	const struct rec *g;
	struct rec *list, *row;
	char buf[64];
	unsigned int i, j;

	if (!f || f->kind != V_REC)
		return;
	list = rec_list(view, "features");
	for (i = 0; i < f->r->n; i++) {
		g = f->r->f[i].v.r;
		for (j = 0; j < g->n; j++) {
			row = rec_obj(list, NULL);
			rec_lit(row, "feature", j ? "" : f->r->f[i].key);
			rec_lit(row, "case", g->f[j].key);
			rec_str(row, "value", feature_cell(&g->f[j].v, buf, sizeof(buf)));
		}
	}
}

static const struct column feature_cols[] = {
	{ .heading = "FEATURE", .key = "feature" },
	{ .heading = "CASE", .key = "case" },
	{ .heading = "VALUE", .key = "value" },
	{ NULL },
};

static const struct column matrix_cols[] = {
	{ .heading = "PROBE", .key = "probe" },
	{ .heading = "CASE", .key = "case" },
	{ .heading = "RESULT", .cell = result_cell },
	{ NULL },
};

static const struct section caps_sections[] = {
	{ .key = "ioctls", .title = "Ioctls" },
	{ .key = "features", .title = "Features", .cols = feature_cols, .make = feature_rows },
	{ .key = "device", .title = "Device" },
	{ .key = "matrix", .title = "Probes", .cols = matrix_cols, .make = matrix_rows },
	{ NULL },
};

static const struct column caps_line[] = {
	{ .heading = "device", .cell = probe_dev_arg_cell },
	{ NULL },
};

static const struct report caps_report = {
	.sections = caps_sections, .line = caps_line,
};

static const struct arg caps_args[] = {
	{ .kind = ARG_WORD, AT(struct probe_args, dev), .meta = "DEVICE" },
	{ 0 }
};

const struct op op_caps = {
	.object = "caps", .name = "caps",
	.summary = "probe which iommufd ioctls the kernel has; with a device, what it accepts",
	.doc = "Probe which iommufd ioctls the running kernel has (test-cmd: the "
	       "CONFIG_IOMMUFD_TEST mock driver), and features beyond them: whether "
	       "NOIOMMU_GET_PA is built in (no-IOMMU mode), the VFIO type1 "
	       "compatibility, the mock's dma-bufs. With DEVICE (a PCI address, vfioN, "
	       "a cdev path, or mock), also bind it and probe what it accepts: HWPT "
	       "alloc flags, nested data types, invalidation data types, vIOMMU, "
	       "vEVENTQ and HW queue types, vIOMMU driver data and its mmap page, "
	       "a BAR as a dma-buf, NOIOMMU_GET_PA where it is attached, options and "
	       "struct size rules, each with the errno the kernel answered. Every "
	       "probe frees what it allocated.",
	.args = caps_args, .args_size = sizeof(struct probe_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = probe_args_check, .exec = caps_exec, .record = caps_record,
	.report = &caps_report,
};
