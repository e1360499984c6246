/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IOMMU_GET_HW_INFO answers in words: type and capability names, and each
 * vendor payload decoded into named register fields. Pure functions that
 * build json-c objects, so they can be tested with known register values.
 */
#ifndef ICTL_HWINFO_H
#define ICTL_HWINFO_H

#include <stddef.h>
#include <stdint.h>

struct json_object;

/* "intel_vtd", "selftest", ...; NULL for a type this tool does not know */
const char *hwinfo_type_name(uint32_t type);

/* A type name, "default" (0) or a number; 0 or -EINVAL */
int hwinfo_type_parse(const char *s, uint32_t *type);

/* Capability bits as an array of names; unknown bits as "bitN" */
struct json_object *hwinfo_caps(uint64_t caps);

/*
 * The payload of @type, @len bytes at @data, as an object of raw values
 * (under the kernel's field names) and a "decoded" object of named fields.
 * NULL when @len is shorter than the payload this tool knows for @type;
 * an unknown type gives only the raw bytes as hex.
 */
struct json_object *hwinfo_decode(uint32_t type, const void *data, size_t len);

#endif
