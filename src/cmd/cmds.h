/* SPDX-License-Identifier: GPL-2.0-only */
/* Every command of the table; each is defined at the end of its object's file. */
#ifndef ICTL_CMDS_H
#define ICTL_CMDS_H

#include "cmd.h"

extern const struct cmd cmd_caps;
extern const struct cmd cmd_fail_nth;
extern const struct cmd cmd_device_attach;
extern const struct cmd cmd_device_bind;
extern const struct cmd cmd_device_detach;
extern const struct cmd cmd_device_hw_info;
extern const struct cmd cmd_device_replace;
extern const struct cmd cmd_hwpt_alloc;
extern const struct cmd cmd_hwpt_get_dirty;
extern const struct cmd cmd_hwpt_invalidate;
extern const struct cmd cmd_hwpt_set_dirty;
extern const struct cmd cmd_hw_queue_alloc;
extern const struct cmd cmd_info;
extern const struct cmd cmd_list;
extern const struct cmd cmd_mock_add_reserved;
extern const struct cmd cmd_mock_check_dev_cache;
extern const struct cmd cmd_mock_check_iotlb;
extern const struct cmd cmd_mock_check_map;
extern const struct cmd cmd_mock_check_refs;
extern const struct cmd cmd_mock_create;
extern const struct cmd cmd_mock_dirty;
extern const struct cmd cmd_mock_memory_limit;
extern const struct cmd cmd_mock_replace;
extern const struct cmd cmd_mock_pasid_attach;
extern const struct cmd cmd_mock_pasid_replace;
extern const struct cmd cmd_mock_pasid_detach;
extern const struct cmd cmd_mock_check_pasid;
extern const struct cmd cmd_mock_trigger_iopf;
extern const struct cmd cmd_mock_trigger_vevent;
extern const struct cmd cmd_raw;
extern const struct cmd cmd_run;
extern const struct cmd cmd_shrink;
extern const struct cmd cmd_stress;
extern const struct cmd cmd_vdevice_alloc;
extern const struct cmd cmd_vfio_bind;
extern const struct cmd cmd_vfio_unbind;

extern const struct cmd cmd_viommu_alloc;

#endif
