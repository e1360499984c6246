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
	&op_destroy,
	&op_fault_alloc,
	&op_fault_read,
	&op_fault_respond,
	&op_ioas_alloc,
	&op_ioas_allow_iovas,
	&op_ioas_change_process,
	&op_ioas_copy,
	&op_ioas_iova_ranges,
	&op_ioas_map,
	&op_ioas_map_file,
	&op_ioas_unmap,
	&op_mem_alloc,
	&op_option_get,
	&op_option_set,
	&op_veventq_alloc,
	&op_veventq_read,
	&op_vfio_ioas_clear,
	&op_vfio_ioas_get,
	&op_vfio_ioas_set,
	NULL
};

const struct op *op_find(int argc, char **argv, int *words)
{
	const struct op *const *o;

	for (o = op_table; *o; o++) {
		if (strcmp((*o)->object, argv[0]))
			continue;
		if (!(*o)->verb) {
			*words = 1;
			return *o;
		}
		if (argc > 1 && !strcmp((*o)->verb, argv[1])) {
			*words = 2;
			return *o;
		}
	}
	return NULL;
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
