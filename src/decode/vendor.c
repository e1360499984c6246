// SPDX-License-Identifier: GPL-2.0-only
#include <endian.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "lib/abi.h"
#include "util/parse.h"
#include "decode/vendor.h"

enum field_kind {
	F_NUM,		/* field=number */
	F_FLAGS,	/* field=name|name|number, names from the field's table */
	F_BIT,		/* a bare word that adds bits to the field */
};

struct field {
	const char *name;
	uint16_t off;
	uint8_t size;			/* 4 or 8 bytes */
	uint8_t kind;
	bool le;			/* SMMUv3 words are little endian on any CPU */
	const struct flag_name *names;	/* F_FLAGS */
	uint64_t bit;			/* F_BIT */
};

struct vendor_layout {
	const char *name;
	uint32_t type;
	uint16_t min_len;		/* sent even when no word reaches that far */
	const struct field *fields;	/* ends with a NULL name */
};

#define FIELD(n, s, m, k)						\
	{ .name = (n), .off = offsetof(s, m), .size = sizeof(((s *)0)->m),	\
	  .kind = (k) }
#define NUM(n, s, m)		FIELD(n, s, m, F_NUM)
#define LE64(n, s, m)		{ .name = (n), .off = offsetof(s, m), .size = 8, \
				  .kind = F_NUM, .le = true }
#define FLAGS(n, s, m, t)	{ .name = (n), .off = offsetof(s, m),	\
				  .size = sizeof(((s *)0)->m), .kind = F_FLAGS, \
				  .names = (t) }
#define BIT(n, s, m, b)		{ .name = (n), .off = offsetof(s, m),	\
				  .size = sizeof(((s *)0)->m), .kind = F_BIT, \
				  .bit = (b) }
#define END_OF(s, m)		(offsetof(s, m) + sizeof(((s *)0)->m))

/* ---- IOMMU_HWPT_ALLOC payloads ---- */

static const struct flag_name pagetable_types[] = {
	{ "default", ICTL_MOCK_IOMMUPT_DEFAULT },
	{ "huge", ICTL_MOCK_IOMMUPT_HUGE },
	{ NULL, 0 }
};

static const struct flag_name vtd_s1_flags[] = {
	{ "sre", ICTL_IOMMU_VTD_S1_SRE },
	{ "eafe", ICTL_IOMMU_VTD_S1_EAFE },
	{ "wpe", ICTL_IOMMU_VTD_S1_WPE },
	{ NULL, 0 }
};

static const struct field selftest_fields[] = {
	NUM("iotlb", struct ictl_iommu_hwpt_selftest, iotlb),
	FLAGS("pagetable_type", struct ictl_iommu_hwpt_selftest, pagetable_type,
	      pagetable_types),
	{ NULL }
};

static const struct field vtd_s1_fields[] = {
	FLAGS("flags", struct ictl_iommu_hwpt_vtd_s1, flags, vtd_s1_flags),
	NUM("pgtbl", struct ictl_iommu_hwpt_vtd_s1, pgtbl_addr),
	NUM("addr-width", struct ictl_iommu_hwpt_vtd_s1, addr_width),
	{ NULL }
};

static const struct field smmuv3_ste_fields[] = {
	LE64("ste0", struct ictl_iommu_hwpt_arm_smmuv3, ste[0]),
	LE64("ste1", struct ictl_iommu_hwpt_arm_smmuv3, ste[1]),
	{ NULL }
};

static const struct field amd_guest_fields[] = {
	NUM("dte0", struct ictl_iommu_hwpt_amd_guest, dte[0]),
	NUM("dte1", struct ictl_iommu_hwpt_amd_guest, dte[1]),
	NUM("dte2", struct ictl_iommu_hwpt_amd_guest, dte[2]),
	NUM("dte3", struct ictl_iommu_hwpt_amd_guest, dte[3]),
	{ NULL }
};

/*
 * The selftest payload grew pagetable_type after 6.19: send only iotlb
 * unless the words ask for more, so older kernels take it too.
 */
static const struct vendor_layout hwpt_layouts[] = {
	{ "selftest", ICTL_IOMMU_HWPT_DATA_SELFTEST,
	  END_OF(struct ictl_iommu_hwpt_selftest, iotlb), selftest_fields },
	{ "vtd_s1", ICTL_IOMMU_HWPT_DATA_VTD_S1,
	  sizeof(struct ictl_iommu_hwpt_vtd_s1), vtd_s1_fields },
	{ "arm_smmuv3", ICTL_IOMMU_HWPT_DATA_ARM_SMMUV3,
	  sizeof(struct ictl_iommu_hwpt_arm_smmuv3), smmuv3_ste_fields },
	{ "amd_guest", ICTL_IOMMU_HWPT_DATA_AMD_GUEST,
	  sizeof(struct ictl_iommu_hwpt_amd_guest), amd_guest_fields },
	{ NULL }
};

/* ---- IOMMU_HWPT_INVALIDATE entries ---- */

static const struct flag_name test_inv_flags[] = {
	{ "all", ICTL_IOMMU_TEST_INVALIDATE_FLAG_ALL },
	{ NULL, 0 }
};

static const struct flag_name vtd_inv_flags[] = {
	{ "leaf", ICTL_IOMMU_VTD_INV_FLAGS_LEAF },
	{ NULL, 0 }
};

static const struct field test_inv_fields[] = {
	FLAGS("flags", struct ictl_iommu_hwpt_invalidate_selftest, flags,
	      test_inv_flags),
	BIT("all", struct ictl_iommu_hwpt_invalidate_selftest, flags,
	    ICTL_IOMMU_TEST_INVALIDATE_FLAG_ALL),
	NUM("iotlb", struct ictl_iommu_hwpt_invalidate_selftest, iotlb_id),
	{ NULL }
};

static const struct field test_viommu_inv_fields[] = {
	FLAGS("flags", struct ictl_iommu_viommu_invalidate_selftest, flags,
	      test_inv_flags),
	BIT("all", struct ictl_iommu_viommu_invalidate_selftest, flags,
	    ICTL_IOMMU_TEST_INVALIDATE_FLAG_ALL),
	NUM("vdev", struct ictl_iommu_viommu_invalidate_selftest, vdev_id),
	NUM("cache", struct ictl_iommu_viommu_invalidate_selftest, cache_id),
	{ NULL }
};

static const struct field vtd_inv_fields[] = {
	NUM("addr", struct ictl_iommu_hwpt_vtd_s1_invalidate, addr),
	NUM("npages", struct ictl_iommu_hwpt_vtd_s1_invalidate, npages),
	FLAGS("flags", struct ictl_iommu_hwpt_vtd_s1_invalidate, flags,
	      vtd_inv_flags),
	BIT("leaf", struct ictl_iommu_hwpt_vtd_s1_invalidate, flags,
	    ICTL_IOMMU_VTD_INV_FLAGS_LEAF),
	{ NULL }
};

static const struct field smmuv3_cmd_fields[] = {
	LE64("cmd0", struct ictl_iommu_viommu_arm_smmuv3_invalidate, cmd[0]),
	LE64("cmd1", struct ictl_iommu_viommu_arm_smmuv3_invalidate, cmd[1]),
	{ NULL }
};

/* The two selftest formats share one type number; the target tells them apart. */
static const struct vendor_layout inv_layouts[] = {
	{ "selftest", ICTL_IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
	  sizeof(struct ictl_iommu_hwpt_invalidate_selftest), test_inv_fields },
	{ "selftest_viommu", ICTL_IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST,
	  sizeof(struct ictl_iommu_viommu_invalidate_selftest),
	  test_viommu_inv_fields },
	{ "vtd_s1", ICTL_IOMMU_HWPT_INVALIDATE_DATA_VTD_S1,
	  sizeof(struct ictl_iommu_hwpt_vtd_s1_invalidate), vtd_inv_fields },
	{ "arm_smmuv3", ICTL_IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3,
	  sizeof(struct ictl_iommu_viommu_arm_smmuv3_invalidate),
	  smmuv3_cmd_fields },
	{ NULL }
};

/* ---- parsing ---- */

static const struct vendor_layout *find_layout(const struct vendor_layout *l,
					       const char *name, size_t len)
{
	for (; l->name; l++)
		if (strlen(l->name) == len && !strncmp(l->name, name, len))
			return l;
	return NULL;
}

static const struct field *find_field(const struct field *f, const char *name,
				      size_t len)
{
	for (; f->name; f++)
		if (strlen(f->name) == len && !strncmp(f->name, name, len))
			return f;
	return NULL;
}

static uint64_t get_field(const struct field *f, const uint8_t *buf)
{
	uint32_t v32;
	uint64_t v64;

	if (f->size == 4) {
		memcpy(&v32, buf + f->off, 4);
		return v32;
	}
	memcpy(&v64, buf + f->off, 8);
	return f->le ? le64toh(v64) : v64;
}

static int set_field(const struct field *f, uint64_t v, uint8_t *buf)
{
	uint32_t v32 = (uint32_t)v;

	if (f->size == 4) {
		if (v > UINT32_MAX)
			return -ERANGE;
		memcpy(buf + f->off, &v32, 4);
		return 0;
	}
	if (f->le)
		v = htole64(v);
	memcpy(buf + f->off, &v, 8);
	return 0;
}

/* A value of @len bytes: a number, or for F_FLAGS names joined by '|'. */
static int word_value(const struct field *f, const char *val, size_t len,
		      uint64_t *v)
{
	const char *bad;
	char buf[128];
	size_t i;

	if (len >= sizeof(buf))
		return -EINVAL;
	/* ',' already separates words, so flags are joined by '|' instead */
	for (i = 0; i < len; i++)
		buf[i] = f->kind == F_FLAGS && val[i] == '|' ? ',' : val[i];
	buf[len] = '\0';
	if (f->kind == F_FLAGS)
		return parse_flags(buf, f->names, v, &bad) ? -EINVAL : 0;
	return parse_u64(buf, v);
}

/* One "field=value" or bare "field" word of @len bytes */
static int parse_word(const struct vendor_layout *l, const char *w, size_t len,
		      struct vendor_data *out)
{
	const char *eq = memchr(w, '=', len);
	size_t nlen = eq ? (size_t)(eq - w) : len;
	const struct field *f = find_field(l->fields, w, nlen);
	uint64_t v;
	int rc;

	if (!f || (f->kind == F_BIT) == !!eq)
		return -EINVAL;
	if (f->kind == F_BIT)
		v = get_field(f, out->bytes) | f->bit;
	else if ((rc = word_value(f, eq + 1, len - nlen - 1, &v)))
		return rc;
	if ((rc = set_field(f, v, out->bytes)))
		return rc;
	if (f->off + f->size > out->len)
		out->len = f->off + f->size;
	return 0;
}

static int layout_words(const struct vendor_layout *l, const char *s,
			struct vendor_data *out, const char **bad)
{
	memset(out, 0, sizeof(*out));
	out->type = l->type;
	out->len = l->min_len;
	while (*s) {
		size_t len = strcspn(s, ",");
		int rc = len ? parse_word(l, s, len, out) : -EINVAL;

		if (rc) {
			*bad = s;
			return rc;
		}
		s += len;
		if (*s == ',')
			s++;
	}
	return 0;
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int parse_hex(const char *s, struct vendor_data *out, const char **bad)
{
	size_t i, n = strlen(s);

	if (n / 2 > VENDOR_DATA_MAX) {
		*bad = s;
		return -ERANGE;
	}
	for (i = 0; i < n; i += 2) {
		int hi = nibble(s[i]), lo = i + 1 < n ? nibble(s[i + 1]) : -1;

		if (hi < 0 || lo < 0) {
			*bad = s + i;
			return -EINVAL;
		}
		out->bytes[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	out->len = n / 2;
	return 0;
}

/* "TYPE[:HEX]" after "raw:" */
static int parse_raw(const char *s, struct vendor_data *out, const char **bad)
{
	size_t len = strcspn(s, ":");
	char num[24];

	memset(out, 0, sizeof(*out));
	if (len >= sizeof(num)) {
		*bad = s;
		return -EINVAL;
	}
	memcpy(num, s, len);
	num[len] = '\0';
	if (parse_u32(num, &out->type)) {
		*bad = s;
		return -EINVAL;
	}
	return parse_hex(s[len] ? s + len + 1 : "", out, bad);
}

int vendor_hwpt_data(const char *s, struct vendor_data *out, const char **bad)
{
	size_t len = strcspn(s, ":");
	const struct vendor_layout *l;

	if (len == 3 && !strncmp(s, "raw", 3) && s[3])
		return parse_raw(s + 4, out, bad);
	l = find_layout(hwpt_layouts, s, len);
	if (!l) {
		*bad = s;
		return -EINVAL;
	}
	return layout_words(l, s[len] ? s + len + 1 : "", out, bad);
}

const char *vendor_hwpt_type_name(uint32_t type)
{
	const struct vendor_layout *l;

	if (type == ICTL_IOMMU_HWPT_DATA_NONE)
		return "none";
	for (l = hwpt_layouts; l->name; l++)
		if (l->type == type)
			return l->name;
	return NULL;
}

int vendor_inv_type(const char *s, const struct vendor_layout **l,
		    uint32_t *type)
{
	if (!strncmp(s, "raw:", 4)) {
		*l = NULL;
		return parse_u32(s + 4, type) ? -EINVAL : 0;
	}
	*l = find_layout(inv_layouts, s, strlen(s));
	if (!*l)
		return -EINVAL;
	*type = (*l)->type;
	return 0;
}

const char *vendor_layout_name(const struct vendor_layout *l)
{
	return l ? l->name : "raw";
}

int vendor_inv_entry(const struct vendor_layout *l, uint32_t type,
		     const char *s, struct vendor_data *out, const char **bad)
{
	if (l)
		return layout_words(l, s, out, bad);
	memset(out, 0, sizeof(*out));
	out->type = type;
	return parse_hex(s, out, bad);
}
