/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Driver data written in words instead of hex: the payload of a nested
 * IOMMU_HWPT_ALLOC ("selftest:iotlb=0x1234", "vtd_s1:pgtbl=...,flags=sre|wpe")
 * and the entries of IOMMU_HWPT_INVALIDATE ("flags=all,iotlb=2"). A raw form
 * (a type number and hex bytes, any length) reaches what the words cannot.
 * Pure functions, no output.
 */
#ifndef ICTL_VENDOR_H
#define ICTL_VENDOR_H

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

#endif
