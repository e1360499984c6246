/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IOMMU_GET_HW_INFO answers in words: type and capability names, and each
 * vendor payload decoded into named register fields. Pure functions that
 * fill records (util/rec.h), so they can be tested with known register
 * values.
 */
#ifndef ICTL_HWINFO_H
#define ICTL_HWINFO_H

#include <stddef.h>
#include <stdint.h>

struct rec;

/* "intel_vtd", "selftest", ...; NULL for a type this tool does not know */
const char *hwinfo_type_name(uint32_t type);

/* A type name, "default" (0) or a number; 0 or -EINVAL */
int hwinfo_type_parse(const char *s, uint32_t *type);

/* Capability bits as a list of names under @key of @r; unknown bits as "bitN" */
void hwinfo_caps(struct rec *r, const char *key, uint64_t caps);

/*
 * The payload of @type, @len bytes at @data, under @key of @r: a record of
 * raw values (under the kernel's field names) and a "decoded" record of
 * named fields; returned. A null value, and NULL, when @len is shorter than
 * the payload this tool knows for @type (or 0); an unknown type gives only
 * the raw bytes as hex.
 */
struct rec *hwinfo_decode(struct rec *r, const char *key, uint32_t type,
			  const void *data, size_t len);

#endif
