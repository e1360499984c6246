// SPDX-License-Identifier: GPL-2.0-only
/* The one ordered list of commands: the CLI, scripts and --list-commands use it. */
#include <stddef.h>

#include "cmds.h"

const struct cmd *const cmd_table[] = {
	&cmd_caps,
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
	&cmd_hw_queue_alloc,
	&cmd_info,
	&cmd_list,
	&cmd_mock_add_reserved,
	&cmd_mock_check_dev_cache,
	&cmd_mock_check_iotlb,
	&cmd_mock_check_map,
	&cmd_mock_check_pasid,
	&cmd_mock_check_refs,
	&cmd_mock_create,
	&cmd_mock_dirty,
	&cmd_mock_memory_limit,
	&cmd_mock_pasid_attach,
	&cmd_mock_pasid_detach,
	&cmd_mock_pasid_replace,
	&cmd_mock_replace,
	&cmd_mock_trigger_iopf,
	&cmd_mock_trigger_vevent,
	&cmd_raw,
	&cmd_run,
	&cmd_shrink,
	&cmd_stress,
	&cmd_vdevice_alloc,
	&cmd_vfio_bind,
	&cmd_vfio_unbind,
	&cmd_viommu_alloc,
	NULL
};
