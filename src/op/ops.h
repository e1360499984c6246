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

#endif
