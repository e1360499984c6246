// SPDX-License-Identifier: GPL-2.0-only
/*
 * src/lib/abi.h against a kernel's own headers, at compile time.
 *
 * Build with -I<headers_install dir>/include, -I<dir with the kernel tree's
 * drivers/iommu/iommufd/iommufd_test.h> and -I<src/lib>; tests/abi/abi.t does
 * so for every kernel series the project supports.  Compiling is the test.
 *
 * Each line compares one kernel item with its ictl_ twin: sizes, alignments,
 * field offsets, widths and signedness, constants and ioctl numbers.
 *
 * Newer items are checked only when the kernel at hand has them.  A guard is
 * a macro from the same release as what it guards (the command's ioctl macro
 * where there is one), never a later one, so a kernel that has an item always
 * checks it.  Enum constants cannot be tested with #ifdef; they go under a
 * macro of their release.  Where that release is not pinned (items marked
 * "unverified" in abi.h) the guard is the newest macro known to predate them:
 * on a kernel in between such a check fails to build instead of going quiet.
 *
 * -DICTL_ABI_BREAK=N skews exactly one existing check (see the end of the
 * file) so that abi.t can prove the checks fail when abi.h is wrong.
 */
#include <stddef.h>

#include <linux/iommufd.h>
#include <linux/vfio.h>
/* Needs nothing beyond <linux/types.h> and <linux/iommufd.h> so far. */
#include "iommufd_test.h"

#include "abi.h"

/*
 * Release guards for enum constants and grown structs, see above.  K_6_19
 * (VFIO's dma-buf feature) also covers what abi.h dates "after 6.18" or
 * later without a pinned release: the AMD types, the SMMUv3 erratum flag,
 * ATS_NOT_SUPPORTED and the mock's page-table formats.
 */
#if defined(IOMMU_VIOMMU_ALLOC)
#define K_6_13 1
#endif
#if defined(IOMMU_VEVENTQ_ALLOC)
#define K_6_15 1
#endif
#if defined(IOMMU_HW_QUEUE_ALLOC)
#define K_6_17 1
#endif
#if defined(VFIO_DEVICE_FEATURE_DMA_BUF)
#define K_6_19 1
#endif

/*
 * SKEW(key) is 1 when the perturbation in force defined `key` as "~, 1",
 * else 0.  Every check adds it to the ictl_ side under its own key.
 */
#define SKEW_2ND(a, b, ...)	b
#define SKEW_PICK(...)		SKEW_2ND(__VA_ARGS__, 0, ~)
#define SKEW(key)		SKEW_PICK(key)

#define FSIZE(t, f)		sizeof(((t *)0)->f)
#define FUNSIGNED(t, f)		((__typeof__(((t *)0)->f))-1 > 0)

/* struct s and struct ictl_s: same size and alignment */
#define SAME_SIZE(s)							\
	_Static_assert(sizeof(struct s) ==				\
		       sizeof(struct ictl_##s) + SKEW(BREAK_SIZE_##s),	\
		       "size of struct " #s);				\
	_Static_assert(_Alignof(struct s) == _Alignof(struct ictl_##s),	\
		       "alignment of struct " #s)

/* a member of any type: same offset and size */
#define SAME_PART(s, f)							\
	_Static_assert(offsetof(struct s, f) == offsetof(struct ictl_##s, f) \
		       + SKEW(BREAK_OFF_##s##__##f),			\
		       "offset of " #s "." #f);				\
	_Static_assert(FSIZE(struct s, f) == FSIZE(struct ictl_##s, f)	\
		       + SKEW(BREAK_WIDTH_##s##__##f),			\
		       "width of " #s "." #f)

/* an integer member: also the same signedness */
#define SAME_FIELD(s, f)						\
	SAME_PART(s, f);						\
	_Static_assert(FUNSIGNED(struct s, f) ==			\
		       FUNSIGNED(struct ictl_##s, f) + SKEW(BREAK_SIGN_##s##__##f), \
		       "signedness of " #s "." #f)

/* an array member: also the same element width and signedness */
#define SAME_ARRAY(s, f)						\
	SAME_PART(s, f);						\
	SAME_FIELD(s, f[0])

/* a flexible array member: same offset and element width */
#define SAME_FLEX(s, f)							\
	_Static_assert(offsetof(struct s, f) ==				\
		       offsetof(struct ictl_##s, f), "offset of " #s "." #f); \
	SAME_PART(s, f[0])

#define SAME_VALUE(x)							\
	_Static_assert((x) == ICTL_##x + SKEW(BREAK_VALUE_##x), "value of " #x)

#define SAME_IOCTL(x)							\
	_Static_assert((x) == ICTL_##x + SKEW(BREAK_IOCTL_##x), "ioctl number " #x)

/* The deliberate mistakes behind -DICTL_ABI_BREAK=N, one check each. */
#if defined(ICTL_ABI_BREAK)
# if ICTL_ABI_BREAK == 1		/* a struct one byte longer */
#  define BREAK_SIZE_iommu_ioas_map			~, 1
# elif ICTL_ABI_BREAK == 2		/* an ioctl number off by one */
#  define BREAK_IOCTL_IOMMU_IOAS_MAP			~, 1
# elif ICTL_ABI_BREAK == 3		/* a field one byte later */
#  define BREAK_OFF_iommu_ioas_map__iova		~, 1
# elif ICTL_ABI_BREAK == 4		/* a field one byte wider */
#  define BREAK_WIDTH_iommu_hw_info__out_max_pasid_log2	~, 1
# elif ICTL_ABI_BREAK == 5		/* a signed fd made unsigned */
#  define BREAK_SIGN_vfio_device_bind_iommufd__iommufd	~, 1
# elif ICTL_ABI_BREAK == 6		/* a flag off by one */
#  define BREAK_VALUE_IOMMU_HWPT_ALLOC_NEST_PARENT	~, 1
# elif ICTL_ABI_BREAK == 7		/* a mock-driver op off by one */
#  define BREAK_VALUE_IOMMU_TEST_OP_MOCK_DOMAIN		~, 1
# elif ICTL_ABI_BREAK == 8		/* the mock command's tail moved */
#  define BREAK_OFF_iommu_test_cmd__last		~, 1
# elif ICTL_ABI_BREAK == 9		/* a type1 compat ioctl off by one */
#  define BREAK_IOCTL_VFIO_IOMMU_MAP_DMA		~, 1
# elif ICTL_ABI_BREAK == 10		/* a type1 answer read from the wrong place */
#  define BREAK_OFF_vfio_iommu_type1_dma_unmap__size	~, 1
# else
#  error "ICTL_ABI_BREAK: no such perturbation"
# endif
#endif

/* Command numbers */
SAME_VALUE(IOMMUFD_TYPE);
SAME_VALUE(IOMMUFD_CMD_BASE);
SAME_VALUE(IOMMUFD_CMD_DESTROY);
SAME_VALUE(IOMMUFD_CMD_IOAS_ALLOC);
SAME_VALUE(IOMMUFD_CMD_IOAS_ALLOW_IOVAS);
SAME_VALUE(IOMMUFD_CMD_IOAS_COPY);
SAME_VALUE(IOMMUFD_CMD_IOAS_IOVA_RANGES);
SAME_VALUE(IOMMUFD_CMD_IOAS_MAP);
SAME_VALUE(IOMMUFD_CMD_IOAS_UNMAP);
SAME_VALUE(IOMMUFD_CMD_OPTION);
SAME_VALUE(IOMMUFD_CMD_VFIO_IOAS);
SAME_VALUE(IOMMUFD_CMD_HWPT_ALLOC);
SAME_VALUE(IOMMUFD_CMD_GET_HW_INFO);
SAME_VALUE(IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING);
SAME_VALUE(IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP);
SAME_VALUE(IOMMUFD_CMD_HWPT_INVALIDATE);
SAME_VALUE(IOMMUFD_CMD_FAULT_QUEUE_ALLOC);
#ifdef IOMMU_IOAS_MAP_FILE
SAME_VALUE(IOMMUFD_CMD_IOAS_MAP_FILE);
#endif
#ifdef IOMMU_VIOMMU_ALLOC
SAME_VALUE(IOMMUFD_CMD_VIOMMU_ALLOC);
#endif
#ifdef IOMMU_VDEVICE_ALLOC
SAME_VALUE(IOMMUFD_CMD_VDEVICE_ALLOC);
#endif
#ifdef IOMMU_IOAS_CHANGE_PROCESS
SAME_VALUE(IOMMUFD_CMD_IOAS_CHANGE_PROCESS);
#endif
#ifdef IOMMU_VEVENTQ_ALLOC
SAME_VALUE(IOMMUFD_CMD_VEVENTQ_ALLOC);
#endif
#ifdef IOMMU_HW_QUEUE_ALLOC
SAME_VALUE(IOMMUFD_CMD_HW_QUEUE_ALLOC);
#endif
#ifdef IOMMU_IOAS_NOIOMMU_GET_PA
SAME_VALUE(IOMMUFD_CMD_IOAS_NOIOMMU_GET_PA);
#endif

/* Destroy */
SAME_SIZE(iommu_destroy);
SAME_FIELD(iommu_destroy, size);
SAME_FIELD(iommu_destroy, id);
SAME_IOCTL(IOMMU_DESTROY);

/* IOAS: allocation and IOVA windows */
SAME_SIZE(iommu_ioas_alloc);
SAME_FIELD(iommu_ioas_alloc, size);
SAME_FIELD(iommu_ioas_alloc, flags);
SAME_FIELD(iommu_ioas_alloc, out_ioas_id);
SAME_IOCTL(IOMMU_IOAS_ALLOC);

SAME_SIZE(iommu_iova_range);
SAME_FIELD(iommu_iova_range, start);
SAME_FIELD(iommu_iova_range, last);

SAME_SIZE(iommu_ioas_iova_ranges);
SAME_FIELD(iommu_ioas_iova_ranges, size);
SAME_FIELD(iommu_ioas_iova_ranges, ioas_id);
SAME_FIELD(iommu_ioas_iova_ranges, num_iovas);
SAME_FIELD(iommu_ioas_iova_ranges, __reserved);
SAME_FIELD(iommu_ioas_iova_ranges, allowed_iovas);
SAME_FIELD(iommu_ioas_iova_ranges, out_iova_alignment);
SAME_IOCTL(IOMMU_IOAS_IOVA_RANGES);

SAME_SIZE(iommu_ioas_allow_iovas);
SAME_FIELD(iommu_ioas_allow_iovas, size);
SAME_FIELD(iommu_ioas_allow_iovas, ioas_id);
SAME_FIELD(iommu_ioas_allow_iovas, num_iovas);
SAME_FIELD(iommu_ioas_allow_iovas, __reserved);
SAME_FIELD(iommu_ioas_allow_iovas, allowed_iovas);
SAME_IOCTL(IOMMU_IOAS_ALLOW_IOVAS);

/* IOAS: mapping */
SAME_VALUE(IOMMU_IOAS_MAP_FIXED_IOVA);
SAME_VALUE(IOMMU_IOAS_MAP_WRITEABLE);
SAME_VALUE(IOMMU_IOAS_MAP_READABLE);

SAME_SIZE(iommu_ioas_map);
SAME_FIELD(iommu_ioas_map, size);
SAME_FIELD(iommu_ioas_map, flags);
SAME_FIELD(iommu_ioas_map, ioas_id);
SAME_FIELD(iommu_ioas_map, __reserved);
SAME_FIELD(iommu_ioas_map, user_va);
SAME_FIELD(iommu_ioas_map, length);
SAME_FIELD(iommu_ioas_map, iova);
SAME_IOCTL(IOMMU_IOAS_MAP);

#ifdef IOMMU_IOAS_MAP_FILE
SAME_SIZE(iommu_ioas_map_file);
SAME_FIELD(iommu_ioas_map_file, size);
SAME_FIELD(iommu_ioas_map_file, flags);
SAME_FIELD(iommu_ioas_map_file, ioas_id);
SAME_FIELD(iommu_ioas_map_file, fd);
SAME_FIELD(iommu_ioas_map_file, start);
SAME_FIELD(iommu_ioas_map_file, length);
SAME_FIELD(iommu_ioas_map_file, iova);
SAME_IOCTL(IOMMU_IOAS_MAP_FILE);
#endif

SAME_SIZE(iommu_ioas_copy);
SAME_FIELD(iommu_ioas_copy, size);
SAME_FIELD(iommu_ioas_copy, flags);
SAME_FIELD(iommu_ioas_copy, dst_ioas_id);
SAME_FIELD(iommu_ioas_copy, src_ioas_id);
SAME_FIELD(iommu_ioas_copy, length);
SAME_FIELD(iommu_ioas_copy, dst_iova);
SAME_FIELD(iommu_ioas_copy, src_iova);
SAME_IOCTL(IOMMU_IOAS_COPY);

SAME_SIZE(iommu_ioas_unmap);
SAME_FIELD(iommu_ioas_unmap, size);
SAME_FIELD(iommu_ioas_unmap, ioas_id);
SAME_FIELD(iommu_ioas_unmap, iova);
SAME_FIELD(iommu_ioas_unmap, length);
SAME_IOCTL(IOMMU_IOAS_UNMAP);

#ifdef IOMMU_IOAS_CHANGE_PROCESS
SAME_SIZE(iommu_ioas_change_process);
SAME_FIELD(iommu_ioas_change_process, size);
SAME_FIELD(iommu_ioas_change_process, __reserved);
SAME_IOCTL(IOMMU_IOAS_CHANGE_PROCESS);
#endif

#ifdef IOMMU_IOAS_NOIOMMU_GET_PA
SAME_SIZE(iommu_ioas_noiommu_get_pa);
SAME_FIELD(iommu_ioas_noiommu_get_pa, size);
SAME_FIELD(iommu_ioas_noiommu_get_pa, flags);
SAME_FIELD(iommu_ioas_noiommu_get_pa, ioas_id);
SAME_FIELD(iommu_ioas_noiommu_get_pa, __reserved);
SAME_FIELD(iommu_ioas_noiommu_get_pa, iova);
SAME_FIELD(iommu_ioas_noiommu_get_pa, length);
SAME_FIELD(iommu_ioas_noiommu_get_pa, out_phys);
SAME_IOCTL(IOMMU_IOAS_NOIOMMU_GET_PA);
#endif

/* Options */
SAME_VALUE(IOMMU_OPTION_RLIMIT_MODE);
SAME_VALUE(IOMMU_OPTION_HUGE_PAGES);
SAME_VALUE(IOMMU_OPTION_OP_SET);
SAME_VALUE(IOMMU_OPTION_OP_GET);

SAME_SIZE(iommu_option);
SAME_FIELD(iommu_option, size);
SAME_FIELD(iommu_option, option_id);
SAME_FIELD(iommu_option, op);
SAME_FIELD(iommu_option, __reserved);
SAME_FIELD(iommu_option, object_id);
SAME_FIELD(iommu_option, val64);
SAME_IOCTL(IOMMU_OPTION);

/* VFIO compatibility IOAS */
SAME_VALUE(IOMMU_VFIO_IOAS_GET);
SAME_VALUE(IOMMU_VFIO_IOAS_SET);
SAME_VALUE(IOMMU_VFIO_IOAS_CLEAR);

SAME_SIZE(iommu_vfio_ioas);
SAME_FIELD(iommu_vfio_ioas, size);
SAME_FIELD(iommu_vfio_ioas, ioas_id);
SAME_FIELD(iommu_vfio_ioas, op);
SAME_FIELD(iommu_vfio_ioas, __reserved);
SAME_IOCTL(IOMMU_VFIO_IOAS);

/* HWPT allocation */
SAME_VALUE(IOMMU_HWPT_ALLOC_NEST_PARENT);
SAME_VALUE(IOMMU_HWPT_ALLOC_DIRTY_TRACKING);
SAME_VALUE(IOMMU_HWPT_FAULT_ID_VALID);
#ifdef K_6_15
SAME_VALUE(IOMMU_HWPT_ALLOC_PASID);
#endif

SAME_VALUE(IOMMU_VTD_S1_SRE);
SAME_VALUE(IOMMU_VTD_S1_EAFE);
SAME_VALUE(IOMMU_VTD_S1_WPE);

SAME_SIZE(iommu_hwpt_vtd_s1);
SAME_FIELD(iommu_hwpt_vtd_s1, flags);
SAME_FIELD(iommu_hwpt_vtd_s1, pgtbl_addr);
SAME_FIELD(iommu_hwpt_vtd_s1, addr_width);
SAME_FIELD(iommu_hwpt_vtd_s1, __reserved);

#ifdef K_6_13
SAME_SIZE(iommu_hwpt_arm_smmuv3);
SAME_ARRAY(iommu_hwpt_arm_smmuv3, ste);
#endif

#ifdef K_6_19
SAME_SIZE(iommu_hwpt_amd_guest);
SAME_ARRAY(iommu_hwpt_amd_guest, dte);
#endif

SAME_VALUE(IOMMU_HWPT_DATA_NONE);
SAME_VALUE(IOMMU_HWPT_DATA_VTD_S1);
#ifdef K_6_13
SAME_VALUE(IOMMU_HWPT_DATA_ARM_SMMUV3);
#endif
#ifdef K_6_19
SAME_VALUE(IOMMU_HWPT_DATA_AMD_GUEST);
#endif

SAME_SIZE(iommu_hwpt_alloc);
SAME_FIELD(iommu_hwpt_alloc, size);
SAME_FIELD(iommu_hwpt_alloc, flags);
SAME_FIELD(iommu_hwpt_alloc, dev_id);
SAME_FIELD(iommu_hwpt_alloc, pt_id);
SAME_FIELD(iommu_hwpt_alloc, out_hwpt_id);
SAME_FIELD(iommu_hwpt_alloc, __reserved);
SAME_FIELD(iommu_hwpt_alloc, data_type);
SAME_FIELD(iommu_hwpt_alloc, data_len);
SAME_FIELD(iommu_hwpt_alloc, data_uptr);
SAME_FIELD(iommu_hwpt_alloc, fault_id);
SAME_FIELD(iommu_hwpt_alloc, __reserved2);
SAME_IOCTL(IOMMU_HWPT_ALLOC);

/* Hardware info */
SAME_VALUE(IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17);

SAME_SIZE(iommu_hw_info_vtd);
SAME_FIELD(iommu_hw_info_vtd, flags);
SAME_FIELD(iommu_hw_info_vtd, __reserved);
SAME_FIELD(iommu_hw_info_vtd, cap_reg);
SAME_FIELD(iommu_hw_info_vtd, ecap_reg);

#ifdef K_6_19
SAME_VALUE(IOMMU_HW_INFO_ARM_SMMUV3_ERRATA_REPEAT_TLBI_CFGI);
#endif

#ifdef K_6_13
SAME_SIZE(iommu_hw_info_arm_smmuv3);
SAME_FIELD(iommu_hw_info_arm_smmuv3, flags);
SAME_FIELD(iommu_hw_info_arm_smmuv3, __reserved);
SAME_ARRAY(iommu_hw_info_arm_smmuv3, idr);
SAME_FIELD(iommu_hw_info_arm_smmuv3, iidr);
SAME_FIELD(iommu_hw_info_arm_smmuv3, aidr);
#endif

#ifdef K_6_17
SAME_SIZE(iommu_hw_info_tegra241_cmdqv);
SAME_FIELD(iommu_hw_info_tegra241_cmdqv, flags);
SAME_FIELD(iommu_hw_info_tegra241_cmdqv, version);
SAME_FIELD(iommu_hw_info_tegra241_cmdqv, log2vcmdqs);
SAME_FIELD(iommu_hw_info_tegra241_cmdqv, log2vsids);
SAME_FIELD(iommu_hw_info_tegra241_cmdqv, __reserved);
#endif

#ifdef K_6_19
SAME_SIZE(iommu_hw_info_amd);
SAME_FIELD(iommu_hw_info_amd, efr);
SAME_FIELD(iommu_hw_info_amd, efr2);
#endif

SAME_VALUE(IOMMU_HW_INFO_TYPE_NONE);
SAME_VALUE(IOMMU_HW_INFO_TYPE_INTEL_VTD);
#ifdef K_6_13
SAME_VALUE(IOMMU_HW_INFO_TYPE_ARM_SMMUV3);
#endif
#ifdef K_6_17
SAME_VALUE(IOMMU_HW_INFO_TYPE_DEFAULT);
SAME_VALUE(IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV);
#endif
#ifdef K_6_19
SAME_VALUE(IOMMU_HW_INFO_TYPE_AMD);
#endif

SAME_VALUE(IOMMU_HW_CAP_DIRTY_TRACKING);
SAME_VALUE(IOMMU_HW_CAP_PCI_PASID_EXEC);
SAME_VALUE(IOMMU_HW_CAP_PCI_PASID_PRIV);
#ifdef K_6_19
SAME_VALUE(IOMMU_HW_CAP_PCI_ATS_NOT_SUPPORTED);
#endif

#ifdef K_6_17
SAME_VALUE(IOMMU_HW_INFO_FLAG_INPUT_TYPE);
#endif

SAME_SIZE(iommu_hw_info);
SAME_FIELD(iommu_hw_info, size);
SAME_FIELD(iommu_hw_info, flags);
SAME_FIELD(iommu_hw_info, dev_id);
SAME_FIELD(iommu_hw_info, data_len);
SAME_FIELD(iommu_hw_info, data_uptr);
#ifdef K_6_17
SAME_FIELD(iommu_hw_info, in_data_type);
#endif
SAME_FIELD(iommu_hw_info, out_data_type);
SAME_FIELD(iommu_hw_info, out_max_pasid_log2);
SAME_ARRAY(iommu_hw_info, __reserved);
SAME_FIELD(iommu_hw_info, out_capabilities);
SAME_IOCTL(IOMMU_GET_HW_INFO);

/* Dirty tracking */
SAME_VALUE(IOMMU_HWPT_DIRTY_TRACKING_ENABLE);

SAME_SIZE(iommu_hwpt_set_dirty_tracking);
SAME_FIELD(iommu_hwpt_set_dirty_tracking, size);
SAME_FIELD(iommu_hwpt_set_dirty_tracking, flags);
SAME_FIELD(iommu_hwpt_set_dirty_tracking, hwpt_id);
SAME_FIELD(iommu_hwpt_set_dirty_tracking, __reserved);
SAME_IOCTL(IOMMU_HWPT_SET_DIRTY_TRACKING);

SAME_VALUE(IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR);

SAME_SIZE(iommu_hwpt_get_dirty_bitmap);
SAME_FIELD(iommu_hwpt_get_dirty_bitmap, size);
SAME_FIELD(iommu_hwpt_get_dirty_bitmap, hwpt_id);
SAME_FIELD(iommu_hwpt_get_dirty_bitmap, flags);
SAME_FIELD(iommu_hwpt_get_dirty_bitmap, __reserved);
SAME_FIELD(iommu_hwpt_get_dirty_bitmap, iova);
SAME_FIELD(iommu_hwpt_get_dirty_bitmap, length);
SAME_FIELD(iommu_hwpt_get_dirty_bitmap, page_size);
SAME_FIELD(iommu_hwpt_get_dirty_bitmap, data);
SAME_IOCTL(IOMMU_HWPT_GET_DIRTY_BITMAP);

/* Cache invalidation */
SAME_VALUE(IOMMU_HWPT_INVALIDATE_DATA_VTD_S1);
#ifdef K_6_13
SAME_VALUE(IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3);
#endif
SAME_VALUE(IOMMU_VTD_INV_FLAGS_LEAF);

SAME_SIZE(iommu_hwpt_vtd_s1_invalidate);
SAME_FIELD(iommu_hwpt_vtd_s1_invalidate, addr);
SAME_FIELD(iommu_hwpt_vtd_s1_invalidate, npages);
SAME_FIELD(iommu_hwpt_vtd_s1_invalidate, flags);
SAME_FIELD(iommu_hwpt_vtd_s1_invalidate, __reserved);

#ifdef K_6_13
SAME_SIZE(iommu_viommu_arm_smmuv3_invalidate);
SAME_ARRAY(iommu_viommu_arm_smmuv3_invalidate, cmd);
#endif

SAME_SIZE(iommu_hwpt_invalidate);
SAME_FIELD(iommu_hwpt_invalidate, size);
SAME_FIELD(iommu_hwpt_invalidate, hwpt_id);
SAME_FIELD(iommu_hwpt_invalidate, data_uptr);
SAME_FIELD(iommu_hwpt_invalidate, data_type);
SAME_FIELD(iommu_hwpt_invalidate, entry_len);
SAME_FIELD(iommu_hwpt_invalidate, entry_num);
SAME_FIELD(iommu_hwpt_invalidate, __reserved);
SAME_IOCTL(IOMMU_HWPT_INVALIDATE);

/* I/O page faults */
SAME_VALUE(IOMMU_PGFAULT_FLAGS_PASID_VALID);
SAME_VALUE(IOMMU_PGFAULT_FLAGS_LAST_PAGE);
SAME_VALUE(IOMMU_PGFAULT_PERM_READ);
SAME_VALUE(IOMMU_PGFAULT_PERM_WRITE);
SAME_VALUE(IOMMU_PGFAULT_PERM_EXEC);
SAME_VALUE(IOMMU_PGFAULT_PERM_PRIV);

SAME_SIZE(iommu_hwpt_pgfault);
SAME_FIELD(iommu_hwpt_pgfault, flags);
SAME_FIELD(iommu_hwpt_pgfault, dev_id);
SAME_FIELD(iommu_hwpt_pgfault, pasid);
SAME_FIELD(iommu_hwpt_pgfault, grpid);
SAME_FIELD(iommu_hwpt_pgfault, perm);
SAME_FIELD(iommu_hwpt_pgfault, __reserved);
SAME_FIELD(iommu_hwpt_pgfault, addr);
SAME_FIELD(iommu_hwpt_pgfault, length);
SAME_FIELD(iommu_hwpt_pgfault, cookie);

SAME_VALUE(IOMMUFD_PAGE_RESP_SUCCESS);
SAME_VALUE(IOMMUFD_PAGE_RESP_INVALID);

SAME_SIZE(iommu_hwpt_page_response);
SAME_FIELD(iommu_hwpt_page_response, cookie);
SAME_FIELD(iommu_hwpt_page_response, code);

SAME_SIZE(iommu_fault_alloc);
SAME_FIELD(iommu_fault_alloc, size);
SAME_FIELD(iommu_fault_alloc, flags);
SAME_FIELD(iommu_fault_alloc, out_fault_id);
SAME_FIELD(iommu_fault_alloc, out_fault_fd);
SAME_IOCTL(IOMMU_FAULT_QUEUE_ALLOC);

/* vIOMMU; the data_* tail grew in 6.17 */
#ifdef K_6_13
SAME_VALUE(IOMMU_VIOMMU_TYPE_DEFAULT);
SAME_VALUE(IOMMU_VIOMMU_TYPE_ARM_SMMUV3);
#endif
#ifdef K_6_17
SAME_VALUE(IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV);

SAME_SIZE(iommu_viommu_tegra241_cmdqv);
SAME_FIELD(iommu_viommu_tegra241_cmdqv, out_vintf_mmap_offset);
SAME_FIELD(iommu_viommu_tegra241_cmdqv, out_vintf_mmap_length);
#endif

#ifdef IOMMU_VIOMMU_ALLOC
SAME_FIELD(iommu_viommu_alloc, size);
SAME_FIELD(iommu_viommu_alloc, flags);
SAME_FIELD(iommu_viommu_alloc, type);
SAME_FIELD(iommu_viommu_alloc, dev_id);
SAME_FIELD(iommu_viommu_alloc, hwpt_id);
SAME_FIELD(iommu_viommu_alloc, out_viommu_id);
SAME_IOCTL(IOMMU_VIOMMU_ALLOC);
#endif
#ifdef K_6_17
SAME_SIZE(iommu_viommu_alloc);
SAME_FIELD(iommu_viommu_alloc, data_len);
SAME_FIELD(iommu_viommu_alloc, __reserved);
SAME_FIELD(iommu_viommu_alloc, data_uptr);
#endif

/* vDEVICE */
#ifdef IOMMU_VDEVICE_ALLOC
SAME_SIZE(iommu_vdevice_alloc);
SAME_FIELD(iommu_vdevice_alloc, size);
SAME_FIELD(iommu_vdevice_alloc, viommu_id);
SAME_FIELD(iommu_vdevice_alloc, dev_id);
SAME_FIELD(iommu_vdevice_alloc, out_vdevice_id);
SAME_FIELD(iommu_vdevice_alloc, virt_id);
SAME_IOCTL(IOMMU_VDEVICE_ALLOC);
#endif

/* vEVENTQ */
#ifdef IOMMU_VEVENTQ_ALLOC
SAME_VALUE(IOMMU_VEVENTQ_FLAG_LOST_EVENTS);

SAME_SIZE(iommufd_vevent_header);
SAME_FIELD(iommufd_vevent_header, flags);
SAME_FIELD(iommufd_vevent_header, sequence);

SAME_VALUE(IOMMU_VEVENTQ_TYPE_DEFAULT);
SAME_VALUE(IOMMU_VEVENTQ_TYPE_ARM_SMMUV3);

SAME_SIZE(iommu_vevent_arm_smmuv3);
SAME_ARRAY(iommu_vevent_arm_smmuv3, evt);

SAME_SIZE(iommu_veventq_alloc);
SAME_FIELD(iommu_veventq_alloc, size);
SAME_FIELD(iommu_veventq_alloc, flags);
SAME_FIELD(iommu_veventq_alloc, viommu_id);
SAME_FIELD(iommu_veventq_alloc, type);
SAME_FIELD(iommu_veventq_alloc, veventq_depth);
SAME_FIELD(iommu_veventq_alloc, out_veventq_id);
SAME_FIELD(iommu_veventq_alloc, out_veventq_fd);
SAME_FIELD(iommu_veventq_alloc, __reserved);
SAME_IOCTL(IOMMU_VEVENTQ_ALLOC);
#endif
#ifdef K_6_17
SAME_VALUE(IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV);

SAME_SIZE(iommu_vevent_tegra241_cmdqv);
SAME_ARRAY(iommu_vevent_tegra241_cmdqv, lvcmdq_err_map);
#endif

/* HW queue */
#ifdef IOMMU_HW_QUEUE_ALLOC
SAME_VALUE(IOMMU_HW_QUEUE_TYPE_DEFAULT);
SAME_VALUE(IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV);

SAME_SIZE(iommu_hw_queue_alloc);
SAME_FIELD(iommu_hw_queue_alloc, size);
SAME_FIELD(iommu_hw_queue_alloc, flags);
SAME_FIELD(iommu_hw_queue_alloc, viommu_id);
SAME_FIELD(iommu_hw_queue_alloc, type);
SAME_FIELD(iommu_hw_queue_alloc, index);
SAME_FIELD(iommu_hw_queue_alloc, out_hw_queue_id);
SAME_FIELD(iommu_hw_queue_alloc, nesting_parent_iova);
SAME_FIELD(iommu_hw_queue_alloc, length);
SAME_IOCTL(IOMMU_HW_QUEUE_ALLOC);
#endif

/* VFIO device cdev; bind, attach and detach grew after 6.12 */
SAME_VALUE(VFIO_TYPE);
SAME_VALUE(VFIO_BASE);

SAME_VALUE(VFIO_DEVICE_FLAGS_RESET);
SAME_VALUE(VFIO_DEVICE_FLAGS_PCI);
SAME_VALUE(VFIO_DEVICE_FLAGS_PLATFORM);
SAME_VALUE(VFIO_DEVICE_FLAGS_AMBA);
SAME_VALUE(VFIO_DEVICE_FLAGS_CCW);
SAME_VALUE(VFIO_DEVICE_FLAGS_AP);
SAME_VALUE(VFIO_DEVICE_FLAGS_FSL_MC);
SAME_VALUE(VFIO_DEVICE_FLAGS_CAPS);
SAME_VALUE(VFIO_DEVICE_FLAGS_CDX);

SAME_SIZE(vfio_device_info);
SAME_FIELD(vfio_device_info, argsz);
SAME_FIELD(vfio_device_info, flags);
SAME_FIELD(vfio_device_info, num_regions);
SAME_FIELD(vfio_device_info, num_irqs);
SAME_FIELD(vfio_device_info, cap_offset);
SAME_FIELD(vfio_device_info, pad);
SAME_IOCTL(VFIO_DEVICE_GET_INFO);

SAME_FIELD(vfio_device_bind_iommufd, argsz);
SAME_FIELD(vfio_device_bind_iommufd, flags);
SAME_FIELD(vfio_device_bind_iommufd, iommufd);
SAME_FIELD(vfio_device_bind_iommufd, out_devid);
#ifdef VFIO_DEVICE_BIND_FLAG_TOKEN
SAME_VALUE(VFIO_DEVICE_BIND_FLAG_TOKEN);
SAME_SIZE(vfio_device_bind_iommufd);
SAME_FIELD(vfio_device_bind_iommufd, token_uuid_ptr);
#endif
SAME_IOCTL(VFIO_DEVICE_BIND_IOMMUFD);

SAME_FIELD(vfio_device_attach_iommufd_pt, argsz);
SAME_FIELD(vfio_device_attach_iommufd_pt, flags);
SAME_FIELD(vfio_device_attach_iommufd_pt, pt_id);
#ifdef VFIO_DEVICE_ATTACH_PASID
SAME_VALUE(VFIO_DEVICE_ATTACH_PASID);
SAME_SIZE(vfio_device_attach_iommufd_pt);
SAME_FIELD(vfio_device_attach_iommufd_pt, pasid);
#endif
SAME_IOCTL(VFIO_DEVICE_ATTACH_IOMMUFD_PT);

SAME_FIELD(vfio_device_detach_iommufd_pt, argsz);
SAME_FIELD(vfio_device_detach_iommufd_pt, flags);
#ifdef VFIO_DEVICE_DETACH_PASID
SAME_VALUE(VFIO_DEVICE_DETACH_PASID);
SAME_SIZE(vfio_device_detach_iommufd_pt);
SAME_FIELD(vfio_device_detach_iommufd_pt, pasid);
#endif
SAME_IOCTL(VFIO_DEVICE_DETACH_IOMMUFD_PT);

/* VFIO device regions and features */
SAME_VALUE(VFIO_REGION_INFO_FLAG_READ);
SAME_VALUE(VFIO_REGION_INFO_FLAG_WRITE);
SAME_VALUE(VFIO_REGION_INFO_FLAG_MMAP);
SAME_VALUE(VFIO_REGION_INFO_FLAG_CAPS);
SAME_VALUE(VFIO_PCI_BAR0_REGION_INDEX);
SAME_VALUE(VFIO_PCI_BAR5_REGION_INDEX);
SAME_VALUE(VFIO_PCI_ROM_REGION_INDEX);

SAME_SIZE(vfio_region_info);
SAME_FIELD(vfio_region_info, argsz);
SAME_FIELD(vfio_region_info, flags);
SAME_FIELD(vfio_region_info, index);
SAME_FIELD(vfio_region_info, cap_offset);
SAME_FIELD(vfio_region_info, size);
SAME_FIELD(vfio_region_info, offset);
SAME_IOCTL(VFIO_DEVICE_GET_REGION_INFO);

SAME_VALUE(VFIO_DEVICE_FEATURE_MASK);
SAME_VALUE(VFIO_DEVICE_FEATURE_GET);
SAME_VALUE(VFIO_DEVICE_FEATURE_SET);
SAME_VALUE(VFIO_DEVICE_FEATURE_PROBE);

SAME_SIZE(vfio_device_feature);
SAME_FIELD(vfio_device_feature, argsz);
SAME_FIELD(vfio_device_feature, flags);
SAME_FLEX(vfio_device_feature, data);
SAME_IOCTL(VFIO_DEVICE_FEATURE);

#ifdef K_6_19
SAME_VALUE(VFIO_DEVICE_FEATURE_DMA_BUF);

SAME_SIZE(vfio_region_dma_range);
SAME_FIELD(vfio_region_dma_range, offset);
SAME_FIELD(vfio_region_dma_range, length);

SAME_SIZE(vfio_device_feature_dma_buf);
SAME_FIELD(vfio_device_feature_dma_buf, region_index);
SAME_FIELD(vfio_device_feature_dma_buf, open_flags);
SAME_FIELD(vfio_device_feature_dma_buf, flags);
SAME_FIELD(vfio_device_feature_dma_buf, nr_ranges);
SAME_FLEX(vfio_device_feature_dma_buf, dma_ranges);
#endif

/* VFIO type1 container ioctls, which /dev/iommu answers as well */
SAME_VALUE(VFIO_API_VERSION);
SAME_VALUE(VFIO_TYPE1_IOMMU);
SAME_VALUE(VFIO_SPAPR_TCE_IOMMU);
SAME_VALUE(VFIO_TYPE1v2_IOMMU);
SAME_VALUE(VFIO_DMA_CC_IOMMU);
SAME_VALUE(VFIO_EEH);
#ifdef VFIO_TYPE1_NESTING_IOMMU
SAME_VALUE(VFIO_TYPE1_NESTING_IOMMU);
#else
/* 6.13 retired the name and kept the number reserved */
_Static_assert(__VFIO_RESERVED_TYPE1_NESTING_IOMMU == ICTL_VFIO_TYPE1_NESTING_IOMMU,
	       "value of __VFIO_RESERVED_TYPE1_NESTING_IOMMU");
#endif
SAME_VALUE(VFIO_SPAPR_TCE_v2_IOMMU);
SAME_VALUE(VFIO_NOIOMMU_IOMMU);
SAME_VALUE(VFIO_UNMAP_ALL);
SAME_VALUE(VFIO_UPDATE_VADDR);

SAME_IOCTL(VFIO_GET_API_VERSION);
SAME_IOCTL(VFIO_CHECK_EXTENSION);
SAME_IOCTL(VFIO_SET_IOMMU);

SAME_SIZE(vfio_info_cap_header);
SAME_FIELD(vfio_info_cap_header, id);
SAME_FIELD(vfio_info_cap_header, version);
SAME_FIELD(vfio_info_cap_header, next);

SAME_VALUE(VFIO_IOMMU_INFO_PGSIZES);
SAME_VALUE(VFIO_IOMMU_INFO_CAPS);

SAME_SIZE(vfio_iommu_type1_info);
SAME_FIELD(vfio_iommu_type1_info, argsz);
SAME_FIELD(vfio_iommu_type1_info, flags);
SAME_FIELD(vfio_iommu_type1_info, iova_pgsizes);
SAME_FIELD(vfio_iommu_type1_info, cap_offset);
SAME_FIELD(vfio_iommu_type1_info, pad);
SAME_IOCTL(VFIO_IOMMU_GET_INFO);

SAME_VALUE(VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE);
SAME_VALUE(VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION);
SAME_VALUE(VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL);

SAME_SIZE(vfio_iova_range);
SAME_FIELD(vfio_iova_range, start);
SAME_FIELD(vfio_iova_range, end);

SAME_SIZE(vfio_iommu_type1_info_cap_iova_range);
SAME_PART(vfio_iommu_type1_info_cap_iova_range, header);
SAME_FIELD(vfio_iommu_type1_info_cap_iova_range, nr_iovas);
SAME_FIELD(vfio_iommu_type1_info_cap_iova_range, reserved);
SAME_FLEX(vfio_iommu_type1_info_cap_iova_range, iova_ranges);

SAME_SIZE(vfio_iommu_type1_info_dma_avail);
SAME_PART(vfio_iommu_type1_info_dma_avail, header);
SAME_FIELD(vfio_iommu_type1_info_dma_avail, avail);

SAME_VALUE(VFIO_DMA_MAP_FLAG_READ);
SAME_VALUE(VFIO_DMA_MAP_FLAG_WRITE);
SAME_VALUE(VFIO_DMA_MAP_FLAG_VADDR);

SAME_SIZE(vfio_iommu_type1_dma_map);
SAME_FIELD(vfio_iommu_type1_dma_map, argsz);
SAME_FIELD(vfio_iommu_type1_dma_map, flags);
SAME_FIELD(vfio_iommu_type1_dma_map, vaddr);
SAME_FIELD(vfio_iommu_type1_dma_map, iova);
SAME_FIELD(vfio_iommu_type1_dma_map, size);
SAME_IOCTL(VFIO_IOMMU_MAP_DMA);

SAME_VALUE(VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP);
SAME_VALUE(VFIO_DMA_UNMAP_FLAG_ALL);
SAME_VALUE(VFIO_DMA_UNMAP_FLAG_VADDR);

SAME_SIZE(vfio_iommu_type1_dma_unmap);
SAME_FIELD(vfio_iommu_type1_dma_unmap, argsz);
SAME_FIELD(vfio_iommu_type1_dma_unmap, flags);
SAME_FIELD(vfio_iommu_type1_dma_unmap, iova);
SAME_FIELD(vfio_iommu_type1_dma_unmap, size);
SAME_FLEX(vfio_iommu_type1_dma_unmap, data);
SAME_IOCTL(VFIO_IOMMU_UNMAP_DMA);

/* Mock driver: command and ops */
SAME_IOCTL(IOMMU_TEST_CMD);

SAME_VALUE(IOMMU_TEST_OP_ADD_RESERVED);
SAME_VALUE(IOMMU_TEST_OP_MOCK_DOMAIN);
SAME_VALUE(IOMMU_TEST_OP_MD_CHECK_MAP);
SAME_VALUE(IOMMU_TEST_OP_MD_CHECK_REFS);
SAME_VALUE(IOMMU_TEST_OP_CREATE_ACCESS);
SAME_VALUE(IOMMU_TEST_OP_DESTROY_ACCESS_PAGES);
SAME_VALUE(IOMMU_TEST_OP_ACCESS_PAGES);
SAME_VALUE(IOMMU_TEST_OP_ACCESS_RW);
SAME_VALUE(IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT);
SAME_VALUE(IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE);
SAME_VALUE(IOMMU_TEST_OP_ACCESS_REPLACE_IOAS);
SAME_VALUE(IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS);
SAME_VALUE(IOMMU_TEST_OP_DIRTY);
SAME_VALUE(IOMMU_TEST_OP_MD_CHECK_IOTLB);
SAME_VALUE(IOMMU_TEST_OP_TRIGGER_IOPF);
#ifdef IOMMU_TEST_DEV_CACHE_DEFAULT
SAME_VALUE(IOMMU_TEST_OP_DEV_CHECK_CACHE);
#endif
#ifdef IOMMU_VEVENTQ_TYPE_SELFTEST
SAME_VALUE(IOMMU_TEST_OP_TRIGGER_VEVENT);
#endif
#ifdef IOMMU_TEST_PASID_RESERVED
SAME_VALUE(IOMMU_TEST_OP_PASID_ATTACH);
SAME_VALUE(IOMMU_TEST_OP_PASID_REPLACE);
SAME_VALUE(IOMMU_TEST_OP_PASID_DETACH);
SAME_VALUE(IOMMU_TEST_OP_PASID_CHECK_HWPT);
#endif
#ifdef K_6_19
SAME_VALUE(IOMMU_TEST_OP_DMABUF_GET);
SAME_VALUE(IOMMU_TEST_OP_DMABUF_REVOKE);
#endif

/* Mock driver: constants */
#ifdef K_6_19
SAME_VALUE(MOCK_IOMMUPT_DEFAULT);
SAME_VALUE(MOCK_IOMMUPT_HUGE);
SAME_VALUE(MOCK_PAGE_SIZE);
SAME_VALUE(MOCK_HUGE_PAGE_SIZE);
#endif
SAME_VALUE(MOCK_APERTURE_START);
SAME_VALUE(MOCK_APERTURE_LAST);
SAME_VALUE(MOCK_FLAGS_ACCESS_WRITE);
SAME_VALUE(MOCK_FLAGS_ACCESS_SYZ);
SAME_VALUE(MOCK_ACCESS_RW_WRITE);
SAME_VALUE(MOCK_ACCESS_RW_SLOW_PATH);
SAME_VALUE(MOCK_FLAGS_ACCESS_CREATE_NEEDS_PIN_PAGES);
SAME_VALUE(MOCK_FLAGS_DEVICE_NO_DIRTY);
#ifdef IOMMU_TEST_PASID_RESERVED
SAME_VALUE(MOCK_FLAGS_DEVICE_PASID);
SAME_VALUE(IOMMU_TEST_PASID_RESERVED);
#endif
#ifdef MOCK_PASID_WIDTH
SAME_VALUE(MOCK_PASID_WIDTH);
#endif
SAME_VALUE(MOCK_NESTED_DOMAIN_IOTLB_ID_MAX);
SAME_VALUE(MOCK_NESTED_DOMAIN_IOTLB_NUM);
#ifdef IOMMU_TEST_DEV_CACHE_DEFAULT
SAME_VALUE(MOCK_DEV_CACHE_ID_MAX);
SAME_VALUE(MOCK_DEV_CACHE_NUM);
#endif

/* Mock driver: the command struct, union member by union member */
SAME_SIZE(iommu_test_cmd);
SAME_FIELD(iommu_test_cmd, size);
SAME_FIELD(iommu_test_cmd, op);
SAME_FIELD(iommu_test_cmd, id);
SAME_FIELD(iommu_test_cmd, __reserved);
SAME_FIELD(iommu_test_cmd, last);

SAME_PART(iommu_test_cmd, add_reserved);
SAME_FIELD(iommu_test_cmd, add_reserved.start);
SAME_FIELD(iommu_test_cmd, add_reserved.length);

SAME_PART(iommu_test_cmd, mock_domain);
SAME_FIELD(iommu_test_cmd, mock_domain.out_stdev_id);
SAME_FIELD(iommu_test_cmd, mock_domain.out_hwpt_id);
SAME_FIELD(iommu_test_cmd, mock_domain.out_idev_id);

SAME_PART(iommu_test_cmd, mock_domain_flags);
SAME_FIELD(iommu_test_cmd, mock_domain_flags.out_stdev_id);
SAME_FIELD(iommu_test_cmd, mock_domain_flags.out_hwpt_id);
SAME_FIELD(iommu_test_cmd, mock_domain_flags.out_idev_id);
SAME_FIELD(iommu_test_cmd, mock_domain_flags.dev_flags);

SAME_PART(iommu_test_cmd, mock_domain_replace);
SAME_FIELD(iommu_test_cmd, mock_domain_replace.pt_id);

SAME_PART(iommu_test_cmd, check_map);
SAME_FIELD(iommu_test_cmd, check_map.iova);
SAME_FIELD(iommu_test_cmd, check_map.length);
SAME_FIELD(iommu_test_cmd, check_map.uptr);

SAME_PART(iommu_test_cmd, check_refs);
SAME_FIELD(iommu_test_cmd, check_refs.length);
SAME_FIELD(iommu_test_cmd, check_refs.uptr);
SAME_FIELD(iommu_test_cmd, check_refs.refs);

SAME_PART(iommu_test_cmd, create_access);
SAME_FIELD(iommu_test_cmd, create_access.out_access_fd);
SAME_FIELD(iommu_test_cmd, create_access.flags);

SAME_PART(iommu_test_cmd, destroy_access_pages);
SAME_FIELD(iommu_test_cmd, destroy_access_pages.access_pages_id);

SAME_PART(iommu_test_cmd, access_pages);
SAME_FIELD(iommu_test_cmd, access_pages.flags);
SAME_FIELD(iommu_test_cmd, access_pages.out_access_pages_id);
SAME_FIELD(iommu_test_cmd, access_pages.iova);
SAME_FIELD(iommu_test_cmd, access_pages.length);
SAME_FIELD(iommu_test_cmd, access_pages.uptr);

SAME_PART(iommu_test_cmd, access_rw);
SAME_FIELD(iommu_test_cmd, access_rw.iova);
SAME_FIELD(iommu_test_cmd, access_rw.length);
SAME_FIELD(iommu_test_cmd, access_rw.uptr);
SAME_FIELD(iommu_test_cmd, access_rw.flags);

SAME_PART(iommu_test_cmd, memory_limit);
SAME_FIELD(iommu_test_cmd, memory_limit.limit);

SAME_PART(iommu_test_cmd, access_replace_ioas);
SAME_FIELD(iommu_test_cmd, access_replace_ioas.ioas_id);

SAME_PART(iommu_test_cmd, dirty);
SAME_FIELD(iommu_test_cmd, dirty.flags);
SAME_FIELD(iommu_test_cmd, dirty.iova);
SAME_FIELD(iommu_test_cmd, dirty.length);
SAME_FIELD(iommu_test_cmd, dirty.page_size);
SAME_FIELD(iommu_test_cmd, dirty.uptr);
SAME_FIELD(iommu_test_cmd, dirty.out_nr_dirty);

SAME_PART(iommu_test_cmd, check_iotlb);
SAME_FIELD(iommu_test_cmd, check_iotlb.id);
SAME_FIELD(iommu_test_cmd, check_iotlb.iotlb);

SAME_PART(iommu_test_cmd, trigger_iopf);
SAME_FIELD(iommu_test_cmd, trigger_iopf.dev_id);
SAME_FIELD(iommu_test_cmd, trigger_iopf.pasid);
SAME_FIELD(iommu_test_cmd, trigger_iopf.grpid);
SAME_FIELD(iommu_test_cmd, trigger_iopf.perm);
SAME_FIELD(iommu_test_cmd, trigger_iopf.addr);

#ifdef IOMMU_TEST_DEV_CACHE_DEFAULT
SAME_PART(iommu_test_cmd, check_dev_cache);
SAME_FIELD(iommu_test_cmd, check_dev_cache.id);
SAME_FIELD(iommu_test_cmd, check_dev_cache.cache);
#endif

#ifdef IOMMU_VEVENTQ_TYPE_SELFTEST
SAME_PART(iommu_test_cmd, trigger_vevent);
SAME_FIELD(iommu_test_cmd, trigger_vevent.dev_id);
#endif

#ifdef IOMMU_TEST_PASID_RESERVED
SAME_PART(iommu_test_cmd, pasid_attach);
SAME_FIELD(iommu_test_cmd, pasid_attach.pasid);
SAME_FIELD(iommu_test_cmd, pasid_attach.pt_id);
SAME_PART(iommu_test_cmd, pasid_replace);
SAME_FIELD(iommu_test_cmd, pasid_replace.pasid);
SAME_FIELD(iommu_test_cmd, pasid_replace.pt_id);
SAME_PART(iommu_test_cmd, pasid_detach);
SAME_FIELD(iommu_test_cmd, pasid_detach.pasid);
SAME_PART(iommu_test_cmd, pasid_check);
SAME_FIELD(iommu_test_cmd, pasid_check.pasid);
SAME_FIELD(iommu_test_cmd, pasid_check.hwpt_id);
#endif

#ifdef K_6_19
SAME_PART(iommu_test_cmd, dmabuf_get);
SAME_FIELD(iommu_test_cmd, dmabuf_get.length);
SAME_FIELD(iommu_test_cmd, dmabuf_get.open_flags);
SAME_PART(iommu_test_cmd, dmabuf_revoke);
SAME_FIELD(iommu_test_cmd, dmabuf_revoke.dmabuf_fd);
SAME_FIELD(iommu_test_cmd, dmabuf_revoke.revoked);
#endif

/* Mock driver: hw info, HWPT and invalidation data */
SAME_VALUE(IOMMU_HW_INFO_TYPE_SELFTEST);
SAME_VALUE(IOMMU_HW_INFO_SELFTEST_REGVAL);

SAME_SIZE(iommu_test_hw_info);
SAME_FIELD(iommu_test_hw_info, flags);
SAME_FIELD(iommu_test_hw_info, test_reg);

SAME_VALUE(IOMMU_HWPT_DATA_SELFTEST);
SAME_VALUE(IOMMU_TEST_IOTLB_DEFAULT);
#ifdef IOMMU_TEST_DEV_CACHE_DEFAULT
SAME_VALUE(IOMMU_TEST_DEV_CACHE_DEFAULT);
#endif

SAME_FIELD(iommu_hwpt_selftest, iotlb);
#ifdef K_6_19
SAME_SIZE(iommu_hwpt_selftest);
SAME_FIELD(iommu_hwpt_selftest, pagetable_type);
#endif

SAME_VALUE(IOMMU_HWPT_INVALIDATE_DATA_SELFTEST);
SAME_VALUE(IOMMU_HWPT_INVALIDATE_DATA_SELFTEST_INVALID);
SAME_VALUE(IOMMU_TEST_INVALIDATE_FLAG_ALL);

SAME_SIZE(iommu_hwpt_invalidate_selftest);
SAME_FIELD(iommu_hwpt_invalidate_selftest, flags);
SAME_FIELD(iommu_hwpt_invalidate_selftest, iotlb_id);

/* Mock driver: vIOMMU, vEVENTQ, HW queue */
#ifdef IOMMU_VIOMMU_TYPE_SELFTEST
SAME_VALUE(IOMMU_VIOMMU_TYPE_SELFTEST);
#endif

#ifdef IOMMU_HW_QUEUE_TYPE_SELFTEST
SAME_SIZE(iommu_viommu_selftest);
SAME_FIELD(iommu_viommu_selftest, in_data);
SAME_FIELD(iommu_viommu_selftest, out_data);
SAME_FIELD(iommu_viommu_selftest, out_mmap_offset);
SAME_FIELD(iommu_viommu_selftest, out_mmap_length);
#endif

#ifdef IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST
SAME_VALUE(IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST);
SAME_VALUE(IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST_INVALID);

SAME_SIZE(iommu_viommu_invalidate_selftest);
SAME_FIELD(iommu_viommu_invalidate_selftest, flags);
SAME_FIELD(iommu_viommu_invalidate_selftest, vdev_id);
SAME_FIELD(iommu_viommu_invalidate_selftest, cache_id);
#endif

#ifdef IOMMU_VEVENTQ_TYPE_SELFTEST
SAME_VALUE(IOMMU_VEVENTQ_TYPE_SELFTEST);

SAME_SIZE(iommu_viommu_event_selftest);
SAME_FIELD(iommu_viommu_event_selftest, virt_id);
#endif

#ifdef IOMMU_HW_QUEUE_TYPE_SELFTEST
SAME_VALUE(IOMMU_HW_QUEUE_TYPE_SELFTEST);
SAME_VALUE(IOMMU_TEST_HW_QUEUE_MAX);
#endif

int main(void)
{
	return 0;
}
