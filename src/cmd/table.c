// SPDX-License-Identifier: GPL-2.0-only
/* The one ordered list of commands: the CLI, scripts and --list-commands use it. */
#include <stddef.h>

#include "cmds.h"

const struct cmd *const cmd_table[] = {
	&cmd_destroy,
	&cmd_fail_nth,
	&cmd_device_attach,
	&cmd_device_bind,
	&cmd_device_detach,
	&cmd_device_hw_info,
	&cmd_device_replace,
	&cmd_hwpt_alloc,
	&cmd_hwpt_get_dirty,
	&cmd_hwpt_invalidate,
	&cmd_hwpt_set_dirty,
	&cmd_ioas_alloc,
	&cmd_ioas_allow_iovas,
	&cmd_ioas_change_process,
	&cmd_ioas_copy,
	&cmd_ioas_iova_ranges,
	&cmd_ioas_map,
	&cmd_ioas_map_file,
	&cmd_ioas_unmap,
	&cmd_list,
	&cmd_mem_alloc,
	&cmd_mock_add_reserved,
	&cmd_mock_check_dev_cache,
	&cmd_mock_check_iotlb,
	&cmd_mock_check_map,
	&cmd_mock_check_refs,
	&cmd_mock_create,
	&cmd_mock_dirty,
	&cmd_mock_memory_limit,
	&cmd_mock_replace,
	&cmd_option_get,
	&cmd_option_set,
	&cmd_raw,
	&cmd_run,
	&cmd_vfio_bind,
	&cmd_vfio_unbind,
	&cmd_vfio_ioas_clear,
	&cmd_vfio_ioas_get,
	&cmd_vfio_ioas_set,
	NULL
};
