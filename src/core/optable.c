// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one list of operations: the command line, scripts, fail-nth and
 * stress find them here. Sorted by object and verb (a unit test checks).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/op.h"
#include "op/ops.h"

const struct op *const op_table[] = {
	&op_access_close,
	&op_access_create,
	&op_access_pin,
	&op_access_replace,
	&op_access_rw,
	&op_access_unpin,
	&op_caps,
	&op_destroy,
	&op_device_attach,
	&op_device_bind,
	&op_device_detach,
	&op_device_dma_buf,
	&op_device_hw_info,
	&op_device_replace,
	&op_fault_alloc,
	&op_fault_read,
	&op_fault_respond,
	&op_fork_change_process,
	&op_fork_map,
	&op_hw_queue_alloc,
	&op_hwpt_alloc,
	&op_hwpt_get_dirty,
	&op_hwpt_invalidate,
	&op_hwpt_set_dirty,
	&op_info,
	&op_ioas_alloc,
	&op_ioas_allow_iovas,
	&op_ioas_change_process,
	&op_ioas_copy,
	&op_ioas_get_pa,
	&op_ioas_iova_ranges,
	&op_ioas_map,
	&op_ioas_map_file,
	&op_ioas_unmap,
	&op_mem_alloc,
	&op_mem_read,
	&op_mem_revoke,
	&op_mem_write,
	&op_mock_add_reserved,
	&op_mock_check_dev_cache,
	&op_mock_check_iotlb,
	&op_mock_check_map,
	&op_mock_check_pasid,
	&op_mock_check_refs,
	&op_mock_create,
	&op_mock_dirty,
	&op_mock_memory_limit,
	&op_mock_pasid_attach,
	&op_mock_pasid_detach,
	&op_mock_pasid_replace,
	&op_mock_replace,
	&op_mock_trigger_iopf,
	&op_mock_trigger_vevent,
	&op_option_get,
	&op_option_set,
	&op_raw,
	&op_vdevice_alloc,
	&op_veventq_alloc,
	&op_veventq_read,
	&op_vfio_compat_api_version,
	&op_vfio_compat_check_extension,
	&op_vfio_compat_info,
	&op_vfio_compat_map,
	&op_vfio_compat_set_iommu,
	&op_vfio_compat_unmap,
	&op_vfio_ioas_clear,
	&op_vfio_ioas_get,
	&op_vfio_ioas_set,
	&op_viommu_alloc,
	&op_viommu_mmap,
	NULL
};

/*
 * Scripts name an operation in every line: the names are hashed (FNV-1a)
 * into a table of twice as many slots as there could be operations, filled
 * before main() runs, so a lookup reads a slot or two instead of searching.
 */
#define OP_SLOTS	256
#define FNV_BASIS	2166136261u
#define FNV_PRIME	16777619u

static const struct op *op_slot[OP_SLOTS];

static uint32_t name_hash(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * FNV_PRIME;
	return h;
}

/* The hash of "@object @verb" from that of @object (@h) */
static uint32_t verb_hash(uint32_t h, const char *verb)
{
	return name_hash((h ^ ' ') * FNV_PRIME, verb);
}

__attribute__((constructor)) static void op_index(void)
{
	const struct op *const *op;
	uint32_t h, i;

	_Static_assert(sizeof(op_table) / sizeof(op_table[0]) <= OP_SLOTS / 2,
		       "OP_SLOTS too small for the operations");
	for (op = op_table; *op; op++) {
		h = name_hash(FNV_BASIS, (*op)->object);
		if ((*op)->verb)
			h = verb_hash(h, (*op)->verb);
		for (i = h % OP_SLOTS; op_slot[i]; i = (i + 1) % OP_SLOTS)
			;
		op_slot[i] = *op;
	}
}

/* The operation @object @verb (NULL: one word) hashed to @h, or NULL */
static const struct op *lookup(uint32_t h, const char *object, const char *verb)
{
	const struct op *op;
	uint32_t i;

	for (i = h % OP_SLOTS; (op = op_slot[i]); i = (i + 1) % OP_SLOTS) {
		if (!verb != !op->verb || strcmp(object, op->object))
			continue;
		if (!verb || !strcmp(verb, op->verb))
			return op;
	}
	return NULL;
}

const struct op *op_find(int argc, char **argv, int *words)
{
	uint32_t h = name_hash(FNV_BASIS, argv[0]);
	const struct op *op = lookup(h, argv[0], NULL);

	/* "destroy" is one word; "ioas map" two */
	if (op) {
		*words = 1;
		return op;
	}
	op = argc > 1 ? lookup(verb_hash(h, argv[1]), argv[0], argv[1]) : NULL;
	*words = 2;
	return op;
}

void op_words(const struct op *op, char *buf, size_t len)
{
	size_t o = strlen(op->object), v = op->verb ? strlen(op->verb) : 0;

	if (o + 1 + v >= len) {
		buf[0] = '\0';
		return;
	}
	memcpy(buf, op->object, o);
	if (op->verb) {
		buf[o++] = ' ';
		memcpy(buf + o, op->verb, v);
		o += v;
	}
	buf[o] = '\0';
}
