// SPDX-License-Identifier: GPL-2.0-only
/* The one ordered list of commands: the CLI, scripts and --list-commands use it. */
#include <stddef.h>

#include "cmds.h"

const struct cmd *const cmd_table[] = {
	&cmd_access_close,
	&cmd_access_create,
	&cmd_access_pin,
	&cmd_access_replace,
	&cmd_access_rw,
	&cmd_access_unpin,
	&cmd_fail_nth,
	&cmd_fault_alloc,
	&cmd_fault_read,
	&cmd_fault_respond,
	&cmd_hwpt_alloc,
	&cmd_hwpt_get_dirty,
	&cmd_hwpt_invalidate,
	&cmd_hwpt_set_dirty,
	&cmd_hw_queue_alloc,
	&cmd_ioas_allow_iovas,
	&cmd_ioas_change_process,
	&cmd_ioas_iova_ranges,
	&cmd_list,
	&cmd_mock_check_pasid,
	&cmd_mock_pasid_attach,
	&cmd_mock_pasid_detach,
	&cmd_mock_pasid_replace,
	&cmd_option_get,
	&cmd_option_set,
	&cmd_raw,
	&cmd_run,
	&cmd_shrink,
	&cmd_stress,
	&cmd_vdevice_alloc,
	&cmd_veventq_alloc,
	&cmd_veventq_read,
	&cmd_vfio_bind,
	&cmd_vfio_unbind,
	&cmd_vfio_ioas_clear,
	&cmd_vfio_ioas_get,
	&cmd_vfio_ioas_set,
	&cmd_viommu_alloc,
	NULL
};
