/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Driver data written in words instead of hex: the payload of a nested
 * IOMMU_HWPT_ALLOC ("selftest:iotlb=0x1234", "vtd_s1:pgtbl=...,flags=sre|wpe")
 * and the entries of IOMMU_HWPT_INVALIDATE ("flags=all,iotlb=2"). A raw form
 * (a type number and hex bytes, any length) reaches what the words cannot.
 * The bytes can be written back as words that read back to them. Pure
 * functions, no output.
 */
#ifndef ICTL_VENDOR_H
#define ICTL_VENDOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kernel takes an invalidation entry of at most a page; so do we for alloc data. */
#define VENDOR_DATA_MAX 4096

struct vendor_data {
	uint32_t type;		/* the kernel's data_type number */
	size_t len;		/* bytes to pass; 0 only in the raw form */
	uint8_t bytes[VENDOR_DATA_MAX];
};

/* One payload format: a type name, its number and its named fields. */
struct vendor_layout;

/*
 * "NAME[:WORDS]" (selftest, vtd_s1, arm_smmuv3, amd_guest) or
 * "raw:TYPE:HEX" for IOMMU_HWPT_ALLOC. WORDS are "field=value" separated by
 * ',', flag values are names joined by '|' or numbers. -EINVAL (or -ERANGE
 * for a value too wide for its field) with *bad at the first bad word.
 */
int vendor_hwpt_data(const char *s, struct vendor_data *out, const char **bad);

/*
 * @d as words that vendor_hwpt_data() reads back to the same type, length
 * and bytes: "selftest:iotlb=0x1234", or "raw:TYPE:HEX" where the words
 * cannot say them. False when @len is too small.
 */
bool vendor_hwpt_format(const struct vendor_data *d, char *buf, size_t len);
/* The same type, length and bytes (those past the length do not count) */
bool vendor_data_equal(const struct vendor_data *a, const struct vendor_data *b);

/* The name of a HWPT data type ("none", "selftest", ...), NULL if unknown */
const char *vendor_hwpt_type_name(uint32_t type);

/*
 * An invalidation type: "selftest", "selftest_viommu", "vtd_s1",
 * "arm_smmuv3", or "raw:N", which sets *l to NULL (entries are then hex).
 */
int vendor_inv_type(const char *s, const struct vendor_layout **l,
		    uint32_t *type);

/* "raw" for NULL */
const char *vendor_layout_name(const struct vendor_layout *l);

/* One invalidation entry: WORDS for @l, hex bytes when @l is NULL */
int vendor_inv_entry(const struct vendor_layout *l, uint32_t type,
		     const char *s, struct vendor_data *out, const char **bad);

#define VENDOR_INV_MAX		256	/* entries of one invalidation */
#define VENDOR_INV_BYTES	8192	/* their bytes together */

/*
 * The entries of one IOMMU_HWPT_INVALIDATE and the format they are in.
 * Entries may come before their type on a command line: they wait, as
 * words, until the type is set.
 */
struct vendor_inv {
	const struct vendor_layout *layout;	/* NULL: raw:N, entries in hex */
	uint32_t type;			/* the kernel's data_type number */
	bool typed;			/* layout and type are set */
	unsigned int n;			/* entries */
	uint16_t end[VENDOR_INV_MAX];	/* entry i ends at bytes[end[i]] */
	uint8_t bytes[VENDOR_INV_BYTES];
	unsigned int npending;		/* words waiting for the type */
	const char *pending[VENDOR_INV_MAX];
};

/*
 * Set the type from @s as vendor_inv_type() reads it, then read the
 * entries that waited for it. -ENOENT for an unknown type; -EBUSY when
 * entries were read in another type already; an entry's error as
 * vendor_inv_add().
 */
int vendor_inv_set_type(struct vendor_inv *inv, const char *s, const char **bad);

/*
 * Add one entry: WORDS of the type, or hex bytes for raw; before the type
 * is set, @s is kept (it must live until then). -EINVAL or -ERANGE with
 * *bad at the first bad word, -ENOSPC past VENDOR_INV_MAX entries, -E2BIG
 * past VENDOR_INV_BYTES.
 */
int vendor_inv_add(struct vendor_inv *inv, const char *s, const char **bad);

/* Entry @i (below inv->n): its bytes, *@len of them */
const uint8_t *vendor_inv_at(const struct vendor_inv *inv, unsigned int i,
			     size_t *len);

/* The bytes of an entry without words: its struct's, 0 for raw */
size_t vendor_inv_min_len(const struct vendor_inv *inv);

/*
 * The type and entry @i as words that read back to them ("selftest",
 * "raw:0x5"; "iotlb=2"). False when there is none or @len is too small.
 */
bool vendor_inv_type_format(const struct vendor_inv *inv, char *buf, size_t len);
bool vendor_inv_entry_format(const struct vendor_inv *inv, unsigned int i,
			     char *buf, size_t len);

bool vendor_inv_type_equal(const struct vendor_inv *a, const struct vendor_inv *b);
bool vendor_inv_entries_equal(const struct vendor_inv *a,
			      const struct vendor_inv *b);

#endif
