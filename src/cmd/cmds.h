/* SPDX-License-Identifier: GPL-2.0-only */
/* Every command of the table; each is defined at the end of its object's file. */
#ifndef ICTL_CMDS_H
#define ICTL_CMDS_H

#include "cmd.h"

extern const struct cmd cmd_access_close;
extern const struct cmd cmd_access_create;
extern const struct cmd cmd_access_pin;
extern const struct cmd cmd_access_replace;
extern const struct cmd cmd_access_rw;
extern const struct cmd cmd_access_unpin;
extern const struct cmd cmd_fail_nth;
extern const struct cmd cmd_fault_alloc;
extern const struct cmd cmd_fault_read;
extern const struct cmd cmd_fault_respond;
extern const struct cmd cmd_hwpt_alloc;
extern const struct cmd cmd_hwpt_get_dirty;
extern const struct cmd cmd_hwpt_invalidate;
extern const struct cmd cmd_hwpt_set_dirty;
extern const struct cmd cmd_hw_queue_alloc;
extern const struct cmd cmd_ioas_allow_iovas;
extern const struct cmd cmd_ioas_change_process;
extern const struct cmd cmd_ioas_iova_ranges;
extern const struct cmd cmd_list;
extern const struct cmd cmd_mock_pasid_attach;
extern const struct cmd cmd_mock_pasid_replace;
extern const struct cmd cmd_mock_pasid_detach;
extern const struct cmd cmd_mock_check_pasid;
extern const struct cmd cmd_option_get;
extern const struct cmd cmd_option_set;
extern const struct cmd cmd_raw;
extern const struct cmd cmd_run;
extern const struct cmd cmd_shrink;
extern const struct cmd cmd_stress;
extern const struct cmd cmd_vdevice_alloc;
extern const struct cmd cmd_veventq_alloc;
extern const struct cmd cmd_veventq_read;
extern const struct cmd cmd_vfio_bind;
extern const struct cmd cmd_vfio_unbind;
extern const struct cmd cmd_vfio_ioas_clear;
extern const struct cmd cmd_vfio_ioas_get;
extern const struct cmd cmd_vfio_ioas_set;

extern const struct cmd cmd_viommu_alloc;

#endif
