// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one list of operations: the command line, scripts, fail-nth and
 * stress find them here. Sorted by object and verb (a unit test checks).
 */
#include <stddef.h>
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

/* The table's order: by object, then verb (a one-word operation first) */
static int op_cmp(const char *object, const char *verb, const struct op *op)
{
	int c = strcmp(object, op->object);

	if (c || !op->verb)
		return c ? c : verb ? 1 : 0;
	return verb ? strcmp(verb, op->verb) : -1;
}

static const struct op *lookup(const char *object, const char *verb)
{
	size_t lo = 0, hi = sizeof(op_table) / sizeof(op_table[0]) - 1, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = op_cmp(object, verb, op_table[mid]);
		if (!c)
			return op_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct op *op_find(int argc, char **argv, int *words)
{
	const struct op *op = lookup(argv[0], NULL);

	/* "destroy" is one word; "ioas map" two */
	if (op) {
		*words = 1;
		return op;
	}
	op = argc > 1 ? lookup(argv[0], argv[1]) : NULL;
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
