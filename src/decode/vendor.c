// SPDX-License-Identifier: GPL-2.0-only
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
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
	bool hex;			/* written back in hex: addresses, raw words */
	const struct flag_name *names;	/* F_FLAGS */
	uint64_t bit;			/* F_BIT */
};

struct vendor_layout {
	const char *name;
	uint32_t type;
	uint16_t min_len;		/* sent even when no word reaches that far */
	const struct field *fields;	/* ends with a NULL name */
};

#define NUM(n, s, m)		{ .name = (n), .off = offsetof(s, m),	\
				  .size = sizeof(((s *)0)->m), .kind = F_NUM }
#define HEX(n, s, m)		{ .name = (n), .off = offsetof(s, m),	\
				  .size = sizeof(((s *)0)->m), .kind = F_NUM, \
				  .hex = true }
#define LE64(n, s, m)		{ .name = (n), .off = offsetof(s, m), .size = 8, \
				  .kind = F_NUM, .le = true, .hex = true }
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
	HEX("iotlb", struct ictl_iommu_hwpt_selftest, iotlb),
	FLAGS("pagetable_type", struct ictl_iommu_hwpt_selftest, pagetable_type,
	      pagetable_types),
	{ NULL }
};

static const struct field vtd_s1_fields[] = {
	FLAGS("flags", struct ictl_iommu_hwpt_vtd_s1, flags, vtd_s1_flags),
	HEX("pgtbl", struct ictl_iommu_hwpt_vtd_s1, pgtbl_addr),
	NUM("addr-width", struct ictl_iommu_hwpt_vtd_s1, addr_width),
	{ NULL }
};

static const struct field smmuv3_ste_fields[] = {
	LE64("ste0", struct ictl_iommu_hwpt_arm_smmuv3, ste[0]),
	LE64("ste1", struct ictl_iommu_hwpt_arm_smmuv3, ste[1]),
	{ NULL }
};

static const struct field amd_guest_fields[] = {
	HEX("dte0", struct ictl_iommu_hwpt_amd_guest, dte[0]),
	HEX("dte1", struct ictl_iommu_hwpt_amd_guest, dte[1]),
	HEX("dte2", struct ictl_iommu_hwpt_amd_guest, dte[2]),
	HEX("dte3", struct ictl_iommu_hwpt_amd_guest, dte[3]),
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
	HEX("vdev", struct ictl_iommu_viommu_invalidate_selftest, vdev_id),
	NUM("cache", struct ictl_iommu_viommu_invalidate_selftest, cache_id),
	{ NULL }
};

static const struct field vtd_inv_fields[] = {
	HEX("addr", struct ictl_iommu_hwpt_vtd_s1_invalidate, addr),
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

static int parse_hex_data(const char *s, struct vendor_data *out,
			  const char **bad)
{
	return parse_hex(s, out->bytes, sizeof(out->bytes), &out->len, bad);
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
	return parse_hex_data(s[len] ? s + len + 1 : "", out, bad);
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
	return parse_hex_data(s, out, bad);
}

/* ---- words from bytes ---- */

static const struct vendor_layout *layout_of(const struct vendor_layout *l,
					     uint32_t type)
{
	for (; l->name; l++)
		if (l->type == type)
			return l;
	return NULL;
}

/* A field's value as word_value() reads it */
static void value_word(const struct field *f, uint64_t v, char *buf, size_t len)
{
	const struct flag_name *n;
	char *c;

	if (f->kind != F_FLAGS) {
		snprintf(buf, len, f->hex ? "0x%" PRIx64 : "%" PRIu64, v);
		return;
	}
	/* a zero with a name (pagetable_type=default) reads best as the name */
	for (n = f->names; !v && n->name; n++) {
		if (!n->value) {
			snprintf(buf, len, "%s", n->name);
			return;
		}
	}
	flags_format(f->names, v, buf, len);
	for (c = buf; (c = strchr(c, ',')); c++)
		*c = '|';
}

/*
 * The words for @n bytes @b of layout @l, appended to @buf, the first
 * after @sep: every field that is not zero, and every field past the
 * layout's minimum that @n reaches, since writing it is what sends those
 * bytes. Bare bit words are aliases; their flags field says them. False
 * when @len is too small.
 */
static bool layout_format(const struct vendor_layout *l, const uint8_t *b,
			  size_t n, const char *sep, char *buf, size_t len)
{
	size_t used = strlen(buf), end;
	const struct field *f;
	char val[128];
	uint64_t v;
	int k;

	for (f = l->fields; f->name; f++) {
		end = f->off + f->size;
		if (f->kind == F_BIT || end > n)
			continue;
		v = get_field(f, b);
		if (!v && end <= l->min_len)
			continue;
		value_word(f, v, val, sizeof(val));
		k = snprintf(buf + used, len - used, "%s%s=%s", sep, f->name, val);
		if (k < 0 || (size_t)k >= len - used)
			return false;
		used += (size_t)k;
		sep = ",";
	}
	return true;
}

static bool raw_format(const struct vendor_data *d, char *buf, size_t len)
{
	int k = snprintf(buf, len, "raw:0x%" PRIx32 "%s", d->type, d->len ? ":" : "");

	return k >= 0 && (size_t)k < len &&
	       hex_format(d->bytes, d->len, buf + k, len - (size_t)k);
}

bool vendor_data_equal(const struct vendor_data *a, const struct vendor_data *b)
{
	return a->type == b->type && a->len == b->len &&
	       !memcmp(a->bytes, b->bytes, a->len);
}

bool vendor_hwpt_format(const struct vendor_data *d, char *buf, size_t len)
{
	const struct vendor_layout *l = layout_of(hwpt_layouts, d->type);
	struct vendor_data back;
	const char *bad;

	/*
	 * Words set whole fields and no reserved byte, so what they say is
	 * read back to be sure; bytes they cannot say go out as raw.
	 */
	if (l && (size_t)snprintf(buf, len, "%s", l->name) < len &&
	    layout_format(l, d->bytes, d->len, ":", buf, len) &&
	    !vendor_hwpt_data(buf, &back, &bad) && vendor_data_equal(&back, d))
		return true;
	return raw_format(d, buf, len);
}

/* ---- the entries of one invalidation ---- */

static int inv_parse(struct vendor_inv *inv, const char *s, const char **bad)
{
	struct vendor_data d;
	size_t start = inv->n ? inv->end[inv->n - 1] : 0;
	int rc;

	if (inv->n == VENDOR_INV_MAX)
		return -ENOSPC;
	rc = vendor_inv_entry(inv->layout, inv->type, s, &d, bad);
	if (rc)
		return rc;
	if (d.len > sizeof(inv->bytes) - start)
		return -E2BIG;
	memcpy(inv->bytes + start, d.bytes, d.len);
	inv->end[inv->n++] = (uint16_t)(start + d.len);
	return 0;
}

int vendor_inv_add(struct vendor_inv *inv, const char *s, const char **bad)
{
	if (inv->typed)
		return inv_parse(inv, s, bad);
	if (inv->npending == VENDOR_INV_MAX)
		return -ENOSPC;
	inv->pending[inv->npending++] = s;
	return 0;
}

int vendor_inv_set_type(struct vendor_inv *inv, const char *s, const char **bad)
{
	const struct vendor_layout *l;
	unsigned int i;
	uint32_t type;
	int rc;

	if (vendor_inv_type(s, &l, &type))
		return -ENOENT;
	/* entries read in one format cannot be read again in another */
	if (inv->n && (l != inv->layout || type != inv->type))
		return -EBUSY;
	inv->layout = l;
	inv->type = type;
	inv->typed = true;
	for (i = 0; i < inv->npending; i++) {
		rc = inv_parse(inv, inv->pending[i], bad);
		if (rc)
			return rc;
	}
	inv->npending = 0;
	return 0;
}

const uint8_t *vendor_inv_at(const struct vendor_inv *inv, unsigned int i,
			     size_t *len)
{
	size_t start = i ? inv->end[i - 1] : 0;

	*len = inv->end[i] - start;
	return inv->bytes + start;
}

size_t vendor_inv_min_len(const struct vendor_inv *inv)
{
	return inv->layout ? inv->layout->min_len : 0;
}

bool vendor_inv_type_format(const struct vendor_inv *inv, char *buf, size_t len)
{
	int k;

	if (!inv->typed)
		return false;
	if (inv->layout)
		k = snprintf(buf, len, "%s", inv->layout->name);
	else
		k = snprintf(buf, len, "raw:0x%" PRIx32, inv->type);
	return k >= 0 && (size_t)k < len;
}

bool vendor_inv_entry_format(const struct vendor_inv *inv, unsigned int i,
			     char *buf, size_t len)
{
	const uint8_t *b;
	size_t n;

	if (i >= inv->n || !len)
		return false;
	b = vendor_inv_at(inv, i, &n);
	buf[0] = '\0';
	if (!inv->layout)
		return hex_format(b, n, buf, len);
	return layout_format(inv->layout, b, n, "", buf, len);
}

bool vendor_inv_type_equal(const struct vendor_inv *a, const struct vendor_inv *b)
{
	return a->typed == b->typed &&
	       (!a->typed || (a->layout == b->layout && a->type == b->type));
}

bool vendor_inv_entries_equal(const struct vendor_inv *a,
			      const struct vendor_inv *b)
{
	return a->n == b->n && !memcmp(a->end, b->end, a->n * sizeof(a->end[0])) &&
	       (!a->n || !memcmp(a->bytes, b->bytes, a->end[a->n - 1]));
}
