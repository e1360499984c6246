// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/abi.h"
#include "decode/hwinfo.h"
#include "util/parse.h"
#include "util/rec.h"

static const struct {
	const char *name;
	uint32_t type;
} type_names[] = {
	{ "none", ICTL_IOMMU_HW_INFO_TYPE_NONE },
	{ "intel_vtd", ICTL_IOMMU_HW_INFO_TYPE_INTEL_VTD },
	{ "arm_smmuv3", ICTL_IOMMU_HW_INFO_TYPE_ARM_SMMUV3 },
	{ "tegra241_cmdqv", ICTL_IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV },
	{ "amd", ICTL_IOMMU_HW_INFO_TYPE_AMD },
	{ "selftest", ICTL_IOMMU_HW_INFO_TYPE_SELFTEST },
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

const char *hwinfo_type_name(uint32_t type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(type_names); i++)
		if (type_names[i].type == type)
			return type_names[i].name;
	return NULL;
}

int hwinfo_type_parse(const char *s, uint32_t *type)
{
	size_t i;

	/* the kernel's input alias of none: let the driver pick */
	if (!strcmp(s, "default")) {
		*type = ICTL_IOMMU_HW_INFO_TYPE_DEFAULT;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(type_names); i++) {
		if (!strcmp(s, type_names[i].name)) {
			*type = type_names[i].type;
			return 0;
		}
	}
	return parse_u32(s, type) ? -EINVAL : 0;
}

static const char *const cap_names[] = {
	"dirty_tracking", "pci_pasid_exec", "pci_pasid_priv",
	"pci_ats_not_supported",
};

void hwinfo_caps(struct rec *r, const char *key, uint64_t caps)
{
	struct rec *list = rec_list(r, key);
	unsigned int bit;

	for (bit = 0; list && bit < 64; bit++) {
		if (!(caps & (1ull << bit)))
			continue;
		if (bit < ARRAY_SIZE(cap_names))
			rec_lit(list, NULL, cap_names[bit]);
		else
			rec_lit(list, NULL, rec_printf(list, "bit%u", bit));
	}
}

/*
 * A register field. The value reported is what the kernel's accessor for
 * it yields: most are the bits as they stand, a few are counts stored minus
 * one or offsets stored in 16-byte units.
 */
enum field_kind { F_RAW, F_PLUS1, F_X16 };

struct reg_field {
	const char *name;
	uint8_t shift;
	uint8_t width;
	uint8_t kind;
};

/* VT-d capability register (drivers/iommu/intel/iommu.h cap_*) */
static const struct reg_field vtd_cap[] = {
	{ "nd", 0, 3, F_RAW },		/* domains: 2^(4 + 2 * nd) */
	{ "afl", 3, 1, F_RAW },
	{ "rwbf", 4, 1, F_RAW },
	{ "plmr", 5, 1, F_RAW },
	{ "phmr", 6, 1, F_RAW },
	{ "cm", 7, 1, F_RAW },		/* caching mode: QEMU sets it */
	{ "sagaw", 8, 5, F_RAW },	/* bitmap of page-table levels */
	{ "mgaw", 16, 6, F_PLUS1 },	/* address width in bits */
	{ "zlr", 22, 1, F_RAW },
	{ "isoch", 23, 1, F_RAW },
	{ "fro", 24, 10, F_X16 },	/* byte offset of the fault registers */
	{ "sllps", 34, 4, F_RAW },
	{ "psi", 39, 1, F_RAW },
	{ "nfr", 40, 8, F_PLUS1 },	/* number of fault recording registers */
	{ "mamv", 48, 6, F_RAW },
	{ "dwd", 54, 1, F_RAW },
	{ "drd", 55, 1, F_RAW },
	{ "fl1gp", 56, 1, F_RAW },
	{ "pi", 59, 1, F_RAW },
	{ "fl5lp", 60, 1, F_RAW },
	{ "ecmds", 61, 1, F_RAW },
	{ "esirtps", 62, 1, F_RAW },
	{ "esrtps", 63, 1, F_RAW },
	{ NULL, 0, 0, 0 }
};

/* VT-d extended capability register (ecap_*) */
static const struct reg_field vtd_ecap[] = {
	{ "c", 0, 1, F_RAW },
	{ "qi", 1, 1, F_RAW },
	{ "dt", 2, 1, F_RAW },
	{ "ir", 3, 1, F_RAW },
	{ "eim", 4, 1, F_RAW },
	{ "pt", 6, 1, F_RAW },
	{ "sc", 7, 1, F_RAW },
	{ "iro", 8, 10, F_X16 },	/* byte offset of the IOTLB registers */
	{ "mhmv", 20, 4, F_RAW },
	{ "mts", 25, 1, F_RAW },
	{ "nest", 26, 1, F_RAW },
	{ "dis", 27, 1, F_RAW },
	{ "prs", 29, 1, F_RAW },
	{ "ers", 30, 1, F_RAW },
	{ "srs", 31, 1, F_RAW },
	{ "nwfs", 33, 1, F_RAW },
	{ "eafs", 34, 1, F_RAW },
	{ "pss", 35, 5, F_RAW },	/* PASID bits minus one */
	{ "pasid", 40, 1, F_RAW },
	{ "dit", 41, 1, F_RAW },
	{ "pds", 42, 1, F_RAW },
	{ "smts", 43, 1, F_RAW },
	{ "slads", 45, 1, F_RAW },
	{ "slts", 46, 1, F_RAW },
	{ "flts", 47, 1, F_RAW },
	{ "smpwcs", 48, 1, F_RAW },
	{ "rps", 49, 1, F_RAW },
	{ "pms", 51, 1, F_RAW },
	{ NULL, 0, 0, 0 }
};

/* SMMUv3 ID registers (drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.h) */
static const struct reg_field smmu_idr0[] = {
	{ "s2p", 0, 1, F_RAW },
	{ "s1p", 1, 1, F_RAW },
	{ "ttf", 2, 2, F_RAW },		/* 2: AArch64 tables */
	{ "cohacc", 4, 1, F_RAW },
	{ "httu", 6, 2, F_RAW },	/* 1: access flag, 2: and dirty */
	{ "hyp", 9, 1, F_RAW },
	{ "ats", 10, 1, F_RAW },
	{ "asid16", 12, 1, F_RAW },
	{ "msi", 13, 1, F_RAW },
	{ "sev", 14, 1, F_RAW },
	{ "pri", 16, 1, F_RAW },
	{ "vmid16", 18, 1, F_RAW },
	{ "cd2l", 19, 1, F_RAW },
	{ "ttendian", 21, 2, F_RAW },
	{ "stall_model", 24, 2, F_RAW },
	{ "st_level", 27, 2, F_RAW },	/* 1: two-level stream table */
	{ NULL, 0, 0, 0 }
};

static const struct reg_field smmu_idr1[] = {
	{ "sidsize", 0, 6, F_RAW },
	{ "ssidsize", 6, 5, F_RAW },
	{ "priqs", 11, 5, F_RAW },
	{ "evtqs", 16, 5, F_RAW },
	{ "cmdqs", 21, 5, F_RAW },
	{ "attr_types_ovr", 27, 1, F_RAW },
	{ "rel", 28, 1, F_RAW },
	{ "queues_preset", 29, 1, F_RAW },
	{ "tables_preset", 30, 1, F_RAW },
	{ NULL, 0, 0, 0 }
};

static const struct reg_field smmu_idr3[] = {
	{ "fwb", 8, 1, F_RAW },
	{ "ril", 10, 1, F_RAW },
	{ "bbm", 11, 2, F_RAW },
	{ NULL, 0, 0, 0 }
};

static const struct reg_field smmu_idr5[] = {
	{ "oas", 0, 3, F_RAW },		/* 5: 48 bits, 6: 52 bits */
	{ "gran4k", 4, 1, F_RAW },
	{ "gran16k", 5, 1, F_RAW },
	{ "gran64k", 6, 1, F_RAW },
	{ "ds", 7, 1, F_RAW },
	{ "vax", 10, 2, F_RAW },
	{ "stall_max", 16, 16, F_RAW },
	{ NULL, 0, 0, 0 }
};

static const struct reg_field smmu_iidr[] = {
	{ "implementer", 0, 12, F_RAW },
	{ "revision", 12, 4, F_RAW },
	{ "variant", 16, 4, F_RAW },
	{ "productid", 20, 12, F_RAW },
	{ NULL, 0, 0, 0 }
};

/* AMD extended feature registers (drivers/iommu/amd/amd_iommu_types.h) */
static const struct reg_field amd_efr[] = {
	{ "prefetch", 0, 1, F_RAW },
	{ "ppr", 1, 1, F_RAW },
	{ "x2apic", 2, 1, F_RAW },
	{ "nx", 3, 1, F_RAW },
	{ "gt", 4, 1, F_RAW },
	{ "ia", 6, 1, F_RAW },
	{ "ga", 7, 1, F_RAW },
	{ "he", 8, 1, F_RAW },
	{ "pc", 9, 1, F_RAW },
	{ "hats", 10, 2, F_RAW },
	{ "gats", 12, 2, F_RAW },
	{ "glx", 14, 2, F_RAW },
	{ "gam_vapic", 21, 1, F_RAW },
	{ "pasmax", 32, 5, F_RAW },
	{ "giosup", 48, 1, F_RAW },
	{ "hasup", 49, 1, F_RAW },
	{ "ephsup", 50, 1, F_RAW },
	{ "hdsup", 52, 1, F_RAW },
	{ "snp", 63, 1, F_RAW },
	{ NULL, 0, 0, 0 }
};

static const struct reg_field amd_efr2[] = {
	{ "sevsnpio_sup", 1, 1, F_RAW },
	{ "gcr3trpmode", 3, 1, F_RAW },
	{ "snpavicsup", 5, 3, F_RAW },
	{ "num_int_remap_sup", 8, 2, F_RAW },
	{ "ht_range_ignore", 11, 1, F_RAW },
	{ "snp_page_mode0_sup", 13, 1, F_RAW },
	{ NULL, 0, 0, 0 }
};

static uint64_t field_value(uint64_t reg, const struct reg_field *f)
{
	uint64_t v = reg >> f->shift;

	if (f->width < 64)
		v &= (1ull << f->width) - 1;
	if (f->kind == F_PLUS1)
		v += 1;
	else if (f->kind == F_X16)
		v *= 16;
	return v;
}

/* One-bit fields read as booleans, wider ones as numbers. */
static void decode_reg(struct rec *d, const char *key, uint64_t reg,
		       const struct reg_field *f)
{
	struct rec *o = rec_obj(d, key);

	for (; o && f->name; f++) {
		uint64_t v = field_value(reg, f);

		if (f->width == 1)
			rec_bool(o, f->name, v != 0);
		else
			rec_u64(o, f->name, v);
	}
}

/* Registers are hex (rec_hex): 64-bit values exceed what JSON readers keep. */
static void decode_vtd(struct rec *o, const void *data)
{
	struct ictl_iommu_hw_info_vtd v;
	struct rec *d;

	memcpy(&v, data, sizeof(v));
	rec_u64(o, "flags", v.flags);
	rec_bool(o, "errata_772415_spr17",
		 v.flags & ICTL_IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17);
	rec_hex(o, "cap_reg", v.cap_reg);
	rec_hex(o, "ecap_reg", v.ecap_reg);
	d = rec_obj(o, "decoded");
	decode_reg(d, "cap", v.cap_reg, vtd_cap);
	decode_reg(d, "ecap", v.ecap_reg, vtd_ecap);
}

static void decode_smmuv3(struct rec *o, const void *data)
{
	struct ictl_iommu_hw_info_arm_smmuv3 v;
	struct rec *d, *idr;
	int i;

	memcpy(&v, data, sizeof(v));
	rec_u64(o, "flags", v.flags);
	rec_bool(o, "errata_repeat_tlbi_cfgi",
		 v.flags & ICTL_IOMMU_HW_INFO_ARM_SMMUV3_ERRATA_REPEAT_TLBI_CFGI);
	idr = rec_list(o, "idr");
	for (i = 0; i < 6; i++)
		rec_hex(idr, NULL, v.idr[i]);
	rec_hex(o, "iidr", v.iidr);
	rec_hex(o, "aidr", v.aidr);
	d = rec_obj(o, "decoded");
	decode_reg(d, "idr0", v.idr[0], smmu_idr0);
	decode_reg(d, "idr1", v.idr[1], smmu_idr1);
	decode_reg(d, "idr3", v.idr[3], smmu_idr3);
	decode_reg(d, "idr5", v.idr[5], smmu_idr5);
	decode_reg(d, "iidr", v.iidr, smmu_iidr);
}

static void decode_tegra(struct rec *o, const void *data)
{
	struct ictl_iommu_hw_info_tegra241_cmdqv v;

	memcpy(&v, data, sizeof(v));
	rec_u64(o, "flags", v.flags);
	rec_u64(o, "version", v.version);
	rec_u64(o, "log2vcmdqs", v.log2vcmdqs);
	rec_u64(o, "log2vsids", v.log2vsids);
}

static void decode_amd(struct rec *o, const void *data)
{
	struct ictl_iommu_hw_info_amd v;
	struct rec *d;

	memcpy(&v, data, sizeof(v));
	rec_hex(o, "efr", v.efr);
	rec_hex(o, "efr2", v.efr2);
	d = rec_obj(o, "decoded");
	decode_reg(d, "efr", v.efr, amd_efr);
	decode_reg(d, "efr2", v.efr2, amd_efr2);
}

static void decode_selftest(struct rec *o, const void *data)
{
	struct ictl_iommu_test_hw_info v;

	memcpy(&v, data, sizeof(v));
	rec_u64(o, "flags", v.flags);
	rec_hex(o, "test_reg", v.test_reg);
}

/* A payload this tool cannot name: show the bytes, capped to stay readable. */
static void decode_raw(struct rec *o, const uint8_t *data, size_t len)
{
	char buf[2 * 256 + 1];
	size_t i;

	if (len > 256)
		len = 256;
	for (i = 0; i < len; i++)
		snprintf(buf + 2 * i, 3, "%02x", data[i]);
	buf[2 * len] = '\0';
	rec_str(o, "raw", buf);
}

static const struct {
	uint32_t type;
	size_t size;
	void (*decode)(struct rec *o, const void *data);
} decoders[] = {
	{ ICTL_IOMMU_HW_INFO_TYPE_INTEL_VTD,
	  sizeof(struct ictl_iommu_hw_info_vtd), decode_vtd },
	{ ICTL_IOMMU_HW_INFO_TYPE_ARM_SMMUV3,
	  sizeof(struct ictl_iommu_hw_info_arm_smmuv3), decode_smmuv3 },
	{ ICTL_IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV,
	  sizeof(struct ictl_iommu_hw_info_tegra241_cmdqv), decode_tegra },
	{ ICTL_IOMMU_HW_INFO_TYPE_AMD,
	  sizeof(struct ictl_iommu_hw_info_amd), decode_amd },
	{ ICTL_IOMMU_HW_INFO_TYPE_SELFTEST,
	  sizeof(struct ictl_iommu_test_hw_info), decode_selftest },
};

struct rec *hwinfo_decode(struct rec *r, const char *key, uint32_t type,
			  const void *data, size_t len)
{
	struct rec *o;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(decoders); i++) {
		if (decoders[i].type != type)
			continue;
		/* decoding a zero-padded part would invent register values */
		if (len < decoders[i].size)
			break;
		o = rec_obj(r, key);
		if (o)
			decoders[i].decode(o, data);
		return o;
	}
	if (i < ARRAY_SIZE(decoders) || !len) {
		rec_null(r, key);
		return NULL;
	}
	o = rec_obj(r, key);
	if (o)
		decode_raw(o, data, len);
	return o;
}
