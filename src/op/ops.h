/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every operation, with the typed arguments that engines build without
 * text (the stress walk), and the meaning of each result's numbers.
 */
#ifndef ICTL_OP_OPS_H
#define ICTL_OP_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/op.h"
#include "decode/vendor.h"

/* ---- ioas.c ---- */

struct ioas_alloc_args {
	char name[REG_NAME_MAX];
};

struct ioas_map_args {
	struct handle ioas, mem;
	uint64_t iova, length;
	bool has_mem, has_iova, has_length, readonly;
};

struct ioas_map_file_args {
	struct handle ioas, mem;
	uint64_t start, iova, length;
	bool has_iova, has_length, readonly;
};

struct ioas_unmap_args {
	struct handle ioas;
	uint64_t iova, length;
	bool has_iova, has_length, all;
};

struct ioas_copy_args {
	struct handle dst, src;
	uint64_t src_iova, iova, length;
	bool has_iova, readonly;
};

/* result.v[] of the ioas operations */
enum { IOAS_MAP_IOVA, IOAS_MAP_LENGTH, IOAS_MAP_START, IOAS_UNMAPPED,
       IOAS_COPY_SRC_IOVA };

extern const struct op op_ioas_alloc, op_ioas_map, op_ioas_map_file,
	op_ioas_unmap, op_ioas_copy;

/* ---- destroy.c, memory.c ---- */

struct destroy_args {
	struct handle obj;
	bool keep_fd;
};

/* result.v[] of destroy */
enum { DESTROY_FD_CLOSED, DESTROY_UNBIND };

/*
 * Destroy @e (NULL: the plain id @id) as the destroy step does, into @r;
 * for operations that end an object another way (access close).
 */
int destroy_entry(struct session *s, struct reg_entry *e, uint32_t id,
		  bool keep_fd, struct result *r);
void destroy_record(struct rec *rec, const void *args, const struct result *r);

struct mem_alloc_args {
	uint64_t size;
	uint32_t kind;			/* enum mem_kind */
	char name[REG_NAME_MAX];
	bool has_size;
};

extern const struct op op_destroy, op_mem_alloc;

/* ---- hwpt.c ---- */

struct hwpt_alloc_args {
	struct handle dev, pt, fault;
	uint64_t flags;				/* --flags, besides the switches */
	struct vendor_data data;
	char name[REG_NAME_MAX];
	bool nest_parent, dirty_tracking, pasid, has_fault, has_data;
};

struct hwpt_invalidate_args {
	struct handle target;			/* a nested HWPT or a vIOMMU */
	struct vendor_inv inv;			/* --type and --entry */
	uint64_t entry_len;
	bool has_entry_len;
};

struct hwpt_set_dirty_args {
	struct handle hwpt;
	bool enable, disable;
};

struct hwpt_get_dirty_args {
	struct handle hwpt;
	uint64_t iova, length, page_size;
	bool has_iova, has_length, has_page_size, no_clear;
};

/* result.v[] of hwpt alloc, invalidate and get-dirty */
enum { HWPT_FLAGS, HWPT_DATA_TYPE, HWPT_DATA_LEN };
enum { HWPT_INV_TYPE, HWPT_INV_ENTRY_LEN, HWPT_INV_DONE };
enum { HWPT_DIRTY_IOVA, HWPT_DIRTY_LENGTH, HWPT_DIRTY_PAGE_SIZE, HWPT_DIRTY_BITS };

extern const struct op op_hwpt_alloc, op_hwpt_invalidate, op_hwpt_set_dirty,
	op_hwpt_get_dirty;

/* ---- viommu.c ---- */

struct viommu_alloc_args {
	struct handle dev, hwpt;
	uint32_t type;				/* default: selftest */
	char name[REG_NAME_MAX];
	bool has_type;
};

struct vdevice_alloc_args {
	struct handle viommu, dev;
	uint64_t virt_id;
	char name[REG_NAME_MAX];
};

struct hw_queue_alloc_args {
	struct handle viommu;
	uint32_t type;				/* default: selftest */
	uint64_t index, base_addr, length;
	char name[REG_NAME_MAX];
	bool has_type, has_index, has_base_addr, has_length;
};

/* result.v[] of viommu alloc, vdevice alloc and hw-queue alloc */
enum { VIOMMU_TYPE };
enum { VDEVICE_VIRT_ID };
enum { HW_QUEUE_TYPE, HW_QUEUE_INDEX, HW_QUEUE_BASE_ADDR, HW_QUEUE_LENGTH };

extern const struct op op_viommu_alloc, op_vdevice_alloc, op_hw_queue_alloc;

/* ---- raw.c ---- */

#define RAW_MAX 4096	/* one page: --readonly-arg needs the struct in one */

struct raw_args {
	uint32_t nr;				/* the ioctl's number */
	uint64_t size;
	struct raw_bytes {
		size_t len;
		uint8_t b[RAW_MAX - 4];		/* after the size field */
	} hex;
	bool has_size, has_hex;
};

/* result.v[] of raw */
enum { RAW_NR, RAW_SIZE };

extern const struct op op_raw;

#endif
