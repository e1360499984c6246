/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The iommufd user ABI as iommufd-ctl drives it: the /dev/iommu commands,
 * the VFIO cdev side of a device, and the CONFIG_IOMMUFD_TEST mock driver.
 *
 * Layouts follow the newest kernel the project knows (7.3).  A kernel name X
 * is ICTL_X here (struct X is struct ictl_X) and field names are the
 * kernel's, so tests/abi/abi-check.c can hold both sides in one translation
 * unit and compare them one by one.
 *
 * "since V" marks an item newer than 6.12: the 6.12 check cannot see it and
 * a running kernel may not know it.  Probe instead of assuming: ENOTTY for a
 * command, EOPNOTSUPP for a flag or type, E2BIG for a non-zero new field.
 * "(unverified)" means the release is inferred, not read from a tree.
 */
#ifndef ICTL_ABI_H
#define ICTL_ABI_H

#include <stdint.h>
#include <sys/ioctl.h>

/* The kernel pins every u64 to 8 bytes so i386 and x86_64 agree on layout. */
typedef uint64_t ictl_u64a __attribute__((aligned(8)));

/* Command numbers: _IO(';', nr), so the argument size is not in the number. */
#define ICTL_IOMMUFD_TYPE	(';')

enum {
	ICTL_IOMMUFD_CMD_BASE			= 0x80,
	ICTL_IOMMUFD_CMD_DESTROY		= 0x80,
	ICTL_IOMMUFD_CMD_IOAS_ALLOC		= 0x81,
	ICTL_IOMMUFD_CMD_IOAS_ALLOW_IOVAS	= 0x82,
	ICTL_IOMMUFD_CMD_IOAS_COPY		= 0x83,
	ICTL_IOMMUFD_CMD_IOAS_IOVA_RANGES	= 0x84,
	ICTL_IOMMUFD_CMD_IOAS_MAP		= 0x85,
	ICTL_IOMMUFD_CMD_IOAS_UNMAP		= 0x86,
	ICTL_IOMMUFD_CMD_OPTION			= 0x87,
	ICTL_IOMMUFD_CMD_VFIO_IOAS		= 0x88,
	ICTL_IOMMUFD_CMD_HWPT_ALLOC		= 0x89,
	ICTL_IOMMUFD_CMD_GET_HW_INFO		= 0x8a,
	ICTL_IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING = 0x8b,
	ICTL_IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP	= 0x8c,
	ICTL_IOMMUFD_CMD_HWPT_INVALIDATE	= 0x8d,
	ICTL_IOMMUFD_CMD_FAULT_QUEUE_ALLOC	= 0x8e,
	ICTL_IOMMUFD_CMD_IOAS_MAP_FILE		= 0x8f,	/* since 6.13 */
	ICTL_IOMMUFD_CMD_VIOMMU_ALLOC		= 0x90,	/* since 6.13 */
	ICTL_IOMMUFD_CMD_VDEVICE_ALLOC		= 0x91,	/* since 6.13 */
	ICTL_IOMMUFD_CMD_IOAS_CHANGE_PROCESS	= 0x92,	/* since 6.13 */
	ICTL_IOMMUFD_CMD_VEVENTQ_ALLOC		= 0x93,	/* since 6.15 */
	ICTL_IOMMUFD_CMD_HW_QUEUE_ALLOC		= 0x94,	/* since 6.17 */
	ICTL_IOMMUFD_CMD_IOAS_NOIOMMU_GET_PA	= 0x95,	/* since 7.3 */
};

/*
 * Every argument struct starts with a u32 size.  The kernel takes any size
 * from the end of the first version of the struct upwards, as long as the
 * bytes it does not know are zero; so always pass sizeof and zero-fill.
 */

/* Destroy any object by ID. */
struct ictl_iommu_destroy {
	uint32_t size;
	uint32_t id;
};
#define ICTL_IOMMU_DESTROY	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_DESTROY)

/* IOAS: allocation and the IOVA windows it may use. */
struct ictl_iommu_ioas_alloc {
	uint32_t size;
	uint32_t flags;
	uint32_t out_ioas_id;
};
#define ICTL_IOMMU_IOAS_ALLOC	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_ALLOC)

/* Inclusive at both ends, so the whole u64 space fits in one entry. */
struct ictl_iommu_iova_range {
	ictl_u64a start;
	ictl_u64a last;
};

/* EMSGSIZE with num_iovas set to what is needed when the array is short. */
struct ictl_iommu_ioas_iova_ranges {
	uint32_t size;
	uint32_t ioas_id;
	uint32_t num_iovas;
	uint32_t __reserved;
	ictl_u64a allowed_iovas;
	ictl_u64a out_iova_alignment;
};
#define ICTL_IOMMU_IOAS_IOVA_RANGES \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_IOVA_RANGES)

struct ictl_iommu_ioas_allow_iovas {
	uint32_t size;
	uint32_t ioas_id;
	uint32_t num_iovas;
	uint32_t __reserved;
	ictl_u64a allowed_iovas;
};
#define ICTL_IOMMU_IOAS_ALLOW_IOVAS \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_ALLOW_IOVAS)

/* IOAS: mapping.  MAP, MAP_FILE and COPY share one flag set. */
enum ictl_iommufd_ioas_map_flags {
	ICTL_IOMMU_IOAS_MAP_FIXED_IOVA	= 1 << 0,
	ICTL_IOMMU_IOAS_MAP_WRITEABLE	= 1 << 1,
	ICTL_IOMMU_IOAS_MAP_READABLE	= 1 << 2,
};

struct ictl_iommu_ioas_map {
	uint32_t size;
	uint32_t flags;
	uint32_t ioas_id;
	uint32_t __reserved;
	ictl_u64a user_va;
	ictl_u64a length;
	ictl_u64a iova;		/* in with FIXED_IOVA, else out */
};
#define ICTL_IOMMU_IOAS_MAP	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_MAP)

/* since 6.13: maps from a memfd (or, since 6.19, a VFIO dma-buf) */
struct ictl_iommu_ioas_map_file {
	uint32_t size;
	uint32_t flags;
	uint32_t ioas_id;
	int32_t fd;
	ictl_u64a start;
	ictl_u64a length;
	ictl_u64a iova;
};
#define ICTL_IOMMU_IOAS_MAP_FILE \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_MAP_FILE)

/* The source range must match what one MAP created, exactly. */
struct ictl_iommu_ioas_copy {
	uint32_t size;
	uint32_t flags;
	uint32_t dst_ioas_id;
	uint32_t src_ioas_id;
	ictl_u64a length;
	ictl_u64a dst_iova;
	ictl_u64a src_iova;
};
#define ICTL_IOMMU_IOAS_COPY	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_COPY)

/* length comes back as the bytes unmapped (copied back on success only) */
struct ictl_iommu_ioas_unmap {
	uint32_t size;
	uint32_t ioas_id;
	ictl_u64a iova;
	ictl_u64a length;
};
#define ICTL_IOMMU_IOAS_UNMAP	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_UNMAP)

/* since 6.13: only if every mapping came from MAP_FILE */
struct ictl_iommu_ioas_change_process {
	uint32_t size;
	uint32_t __reserved;
};
#define ICTL_IOMMU_IOAS_CHANGE_PROCESS \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_CHANGE_PROCESS)

/*
 * since 7.3: no-IOMMU mode (a VFIO cdev of a device without an IOMMU), the
 * physical address behind an IOVA; length comes back as the bytes that are
 * physically contiguous from out_phys. EOPNOTSUPP without
 * CONFIG_IOMMUFD_NOIOMMU, and for an IOVA whose pages no no-IOMMU domain holds.
 */
struct ictl_iommu_ioas_noiommu_get_pa {
	uint32_t size;
	uint32_t flags;
	uint32_t ioas_id;
	uint32_t __reserved;
	ictl_u64a iova;
	ictl_u64a length;
	ictl_u64a out_phys;
};
#define ICTL_IOMMU_IOAS_NOIOMMU_GET_PA \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_IOAS_NOIOMMU_GET_PA)

/* Options: RLIMIT_MODE is global and privileged, HUGE_PAGES is per IOAS. */
enum ictl_iommufd_option {
	ICTL_IOMMU_OPTION_RLIMIT_MODE	= 0,
	ICTL_IOMMU_OPTION_HUGE_PAGES	= 1,
};

enum ictl_iommufd_option_ops {
	ICTL_IOMMU_OPTION_OP_SET	= 0,
	ICTL_IOMMU_OPTION_OP_GET	= 1,
};

struct ictl_iommu_option {
	uint32_t size;
	uint32_t option_id;
	uint16_t op;
	uint16_t __reserved;
	uint32_t object_id;
	ictl_u64a val64;
};
#define ICTL_IOMMU_OPTION	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_OPTION)

/* VFIO type1 compatibility: which IOAS the container ioctls act on. */
enum ictl_iommufd_vfio_ioas_op {
	ICTL_IOMMU_VFIO_IOAS_GET	= 0,
	ICTL_IOMMU_VFIO_IOAS_SET	= 1,
	ICTL_IOMMU_VFIO_IOAS_CLEAR	= 2,
};

struct ictl_iommu_vfio_ioas {
	uint32_t size;
	uint32_t ioas_id;
	uint16_t op;
	uint16_t __reserved;
};
#define ICTL_IOMMU_VFIO_IOAS	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_VFIO_IOAS)

/* HWPT allocation: flags, driver data types and their payloads. */
enum ictl_iommufd_hwpt_alloc_flags {
	ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT	= 1 << 0,
	ICTL_IOMMU_HWPT_ALLOC_DIRTY_TRACKING	= 1 << 1,
	ICTL_IOMMU_HWPT_FAULT_ID_VALID		= 1 << 2,
	ICTL_IOMMU_HWPT_ALLOC_PASID		= 1 << 3,	/* since 6.15 */
};

enum ictl_iommu_hwpt_vtd_s1_flags {
	ICTL_IOMMU_VTD_S1_SRE	= 1 << 0,
	ICTL_IOMMU_VTD_S1_EAFE	= 1 << 1,
	ICTL_IOMMU_VTD_S1_WPE	= 1 << 2,
};

struct ictl_iommu_hwpt_vtd_s1 {
	ictl_u64a flags;
	ictl_u64a pgtbl_addr;
	uint32_t addr_width;
	uint32_t __reserved;
};

/* since 6.13; the STE words are little endian whatever the CPU */
struct ictl_iommu_hwpt_arm_smmuv3 {
	ictl_u64a ste[2];
};

/* after 6.18 (unverified); a guest DTE, allocated on an AMD vIOMMU */
struct ictl_iommu_hwpt_amd_guest {
	ictl_u64a dte[4];
};

enum ictl_iommu_hwpt_data_type {
	ICTL_IOMMU_HWPT_DATA_NONE	= 0,
	ICTL_IOMMU_HWPT_DATA_VTD_S1	= 1,
	ICTL_IOMMU_HWPT_DATA_ARM_SMMUV3	= 2,	/* since 6.13 */
	ICTL_IOMMU_HWPT_DATA_AMD_GUEST	= 3,	/* after 6.18 (unverified) */
};

/*
 * pt_id is an IOAS, a nest-parent HWPT or (since 6.13) a vIOMMU.  The
 * shortest accepted size ends at __reserved; data_* and fault_id came later.
 */
struct ictl_iommu_hwpt_alloc {
	uint32_t size;
	uint32_t flags;
	uint32_t dev_id;
	uint32_t pt_id;
	uint32_t out_hwpt_id;
	uint32_t __reserved;
	uint32_t data_type;
	uint32_t data_len;
	ictl_u64a data_uptr;
	uint32_t fault_id;
	uint32_t __reserved2;
};
#define ICTL_IOMMU_HWPT_ALLOC	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_HWPT_ALLOC)

/* Hardware info: per-driver payloads, capability bits, the query itself. */
enum ictl_iommu_hw_info_vtd_flags {
	ICTL_IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17 = 1 << 0,
};

struct ictl_iommu_hw_info_vtd {
	uint32_t flags;
	uint32_t __reserved;
	ictl_u64a cap_reg;
	ictl_u64a ecap_reg;
};

/* after 6.19 (unverified) */
enum ictl_iommu_hw_info_arm_smmuv3_flags {
	ICTL_IOMMU_HW_INFO_ARM_SMMUV3_ERRATA_REPEAT_TLBI_CFGI = 1 << 0,
};

/* since 6.13; raw ID registers for the VMM to mirror */
struct ictl_iommu_hw_info_arm_smmuv3 {
	uint32_t flags;
	uint32_t __reserved;
	uint32_t idr[6];
	uint32_t iidr;
	uint32_t aidr;
};

/* since 6.17 */
struct ictl_iommu_hw_info_tegra241_cmdqv {
	uint32_t flags;
	uint8_t version;
	uint8_t log2vcmdqs;
	uint8_t log2vsids;
	uint8_t __reserved;
};

/* after 6.18 (unverified) */
struct ictl_iommu_hw_info_amd {
	ictl_u64a efr;
	ictl_u64a efr2;
};

/* NONE and DEFAULT share 0: one names the answer, the other the request. */
enum ictl_iommu_hw_info_type {
	ICTL_IOMMU_HW_INFO_TYPE_NONE		= 0,
	ICTL_IOMMU_HW_INFO_TYPE_DEFAULT		= 0,	/* since 6.17 */
	ICTL_IOMMU_HW_INFO_TYPE_INTEL_VTD	= 1,
	ICTL_IOMMU_HW_INFO_TYPE_ARM_SMMUV3	= 2,	/* since 6.13 */
	ICTL_IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV	= 3,	/* since 6.17 */
	ICTL_IOMMU_HW_INFO_TYPE_AMD		= 4,	/* after 6.18 (unverified) */
};

enum ictl_iommufd_hw_capabilities {
	ICTL_IOMMU_HW_CAP_DIRTY_TRACKING	= 1 << 0,
	ICTL_IOMMU_HW_CAP_PCI_PASID_EXEC	= 1 << 1,
	ICTL_IOMMU_HW_CAP_PCI_PASID_PRIV	= 1 << 2,
	/* since 7.1 (unverified); negative so that old kernels read as "ATS ok" */
	ICTL_IOMMU_HW_CAP_PCI_ATS_NOT_SUPPORTED	= 1 << 3,
};

/* since 6.17: in_data_type is read only with this flag */
enum ictl_iommufd_hw_info_flags {
	ICTL_IOMMU_HW_INFO_FLAG_INPUT_TYPE	= 1 << 0,
};

/* data_len == 0 is a valid probe; data_len comes back as the kernel's size */
struct ictl_iommu_hw_info {
	uint32_t size;
	uint32_t flags;
	uint32_t dev_id;
	uint32_t data_len;
	ictl_u64a data_uptr;
	union {
		uint32_t in_data_type;	/* since 6.17 */
		uint32_t out_data_type;
	};
	uint8_t out_max_pasid_log2;
	uint8_t __reserved[3];
	ictl_u64a out_capabilities;
};
#define ICTL_IOMMU_GET_HW_INFO	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_GET_HW_INFO)

/* Dirty tracking on a paging HWPT. */
enum ictl_iommufd_hwpt_set_dirty_tracking_flags {
	ICTL_IOMMU_HWPT_DIRTY_TRACKING_ENABLE	= 1,
};

struct ictl_iommu_hwpt_set_dirty_tracking {
	uint32_t size;
	uint32_t flags;
	uint32_t hwpt_id;
	uint32_t __reserved;
};
#define ICTL_IOMMU_HWPT_SET_DIRTY_TRACKING \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING)

enum ictl_iommufd_hwpt_get_dirty_bitmap_flags {
	ICTL_IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR = 1,
};

/* one bit per page_size unit from iova, in u64 words at data */
struct ictl_iommu_hwpt_get_dirty_bitmap {
	uint32_t size;
	uint32_t hwpt_id;
	uint32_t flags;
	uint32_t __reserved;
	ictl_u64a iova;
	ictl_u64a length;
	ictl_u64a page_size;
	ictl_u64a data;
};
#define ICTL_IOMMU_HWPT_GET_DIRTY_BITMAP \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP)

/* Cache invalidation of a nested HWPT or (since 6.13) a vIOMMU. */
enum ictl_iommu_hwpt_invalidate_data_type {
	ICTL_IOMMU_HWPT_INVALIDATE_DATA_VTD_S1		= 0,
	ICTL_IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3	= 1,	/* since 6.13 */
};

enum ictl_iommu_hwpt_vtd_s1_invalidate_flags {
	ICTL_IOMMU_VTD_INV_FLAGS_LEAF	= 1 << 0,
};

struct ictl_iommu_hwpt_vtd_s1_invalidate {
	ictl_u64a addr;
	ictl_u64a npages;
	uint32_t flags;
	uint32_t __reserved;
};

/* since 6.13; one native 128-bit SMMUv3 command, little endian */
struct ictl_iommu_viommu_arm_smmuv3_invalidate {
	ictl_u64a cmd[2];
};

/* entry_num comes back as the entries handled, on failure too; 0 probes */
struct ictl_iommu_hwpt_invalidate {
	uint32_t size;
	uint32_t hwpt_id;
	ictl_u64a data_uptr;
	uint32_t data_type;
	uint32_t entry_len;
	uint32_t entry_num;
	uint32_t __reserved;
};
#define ICTL_IOMMU_HWPT_INVALIDATE \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_HWPT_INVALIDATE)

/* I/O page faults: records read from, and answers written to, a fault fd. */
enum ictl_iommu_hwpt_pgfault_flags {
	ICTL_IOMMU_PGFAULT_FLAGS_PASID_VALID	= 1 << 0,
	ICTL_IOMMU_PGFAULT_FLAGS_LAST_PAGE	= 1 << 1,
};

enum ictl_iommu_hwpt_pgfault_perm {
	ICTL_IOMMU_PGFAULT_PERM_READ	= 1 << 0,
	ICTL_IOMMU_PGFAULT_PERM_WRITE	= 1 << 1,
	ICTL_IOMMU_PGFAULT_PERM_EXEC	= 1 << 2,
	ICTL_IOMMU_PGFAULT_PERM_PRIV	= 1 << 3,
};

struct ictl_iommu_hwpt_pgfault {
	uint32_t flags;
	uint32_t dev_id;
	uint32_t pasid;
	uint32_t grpid;
	uint32_t perm;
	uint32_t __reserved;
	ictl_u64a addr;
	uint32_t length;
	uint32_t cookie;
};

enum ictl_iommufd_page_response_code {
	ICTL_IOMMUFD_PAGE_RESP_SUCCESS	= 0,
	ICTL_IOMMUFD_PAGE_RESP_INVALID	= 1,
};

/* cookie echoes the one from the fault record being answered */
struct ictl_iommu_hwpt_page_response {
	uint32_t cookie;
	uint32_t code;
};

struct ictl_iommu_fault_alloc {
	uint32_t size;
	uint32_t flags;
	uint32_t out_fault_id;
	uint32_t out_fault_fd;
};
#define ICTL_IOMMU_FAULT_QUEUE_ALLOC \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_FAULT_QUEUE_ALLOC)

/* vIOMMU (since 6.13): DEFAULT is a placeholder the kernel refuses. */
enum ictl_iommu_viommu_type {
	ICTL_IOMMU_VIOMMU_TYPE_DEFAULT		= 0,
	ICTL_IOMMU_VIOMMU_TYPE_ARM_SMMUV3	= 1,
	ICTL_IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV	= 2,	/* since 6.17 */
};

/* since 6.17; where to mmap() the VINTF page on the iommufd */
struct ictl_iommu_viommu_tegra241_cmdqv {
	ictl_u64a out_vintf_mmap_offset;
	ictl_u64a out_vintf_mmap_length;
};

/* hwpt_id must be a NEST_PARENT paging HWPT; data_* since 6.17 */
struct ictl_iommu_viommu_alloc {
	uint32_t size;
	uint32_t flags;
	uint32_t type;
	uint32_t dev_id;
	uint32_t hwpt_id;
	uint32_t out_viommu_id;
	uint32_t data_len;
	uint32_t __reserved;
	ictl_u64a data_uptr;
};
#define ICTL_IOMMU_VIOMMU_ALLOC \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_VIOMMU_ALLOC)

/* vDEVICE (since 6.13): virt_id is the ID the guest sees (vSID, vRID...). */
struct ictl_iommu_vdevice_alloc {
	uint32_t size;
	uint32_t viommu_id;
	uint32_t dev_id;
	uint32_t out_vdevice_id;
	ictl_u64a virt_id;
};
#define ICTL_IOMMU_VDEVICE_ALLOC \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_VDEVICE_ALLOC)

/* vEVENTQ (since 6.15): each read() record is a header then type data. */
enum ictl_iommu_veventq_flag {
	ICTL_IOMMU_VEVENTQ_FLAG_LOST_EVENTS	= 1U << 0,
};

/* a gap in sequence is how lost events show */
struct ictl_iommufd_vevent_header {
	uint32_t flags;
	uint32_t sequence;
};

enum ictl_iommu_veventq_type {
	ICTL_IOMMU_VEVENTQ_TYPE_DEFAULT		= 0,
	ICTL_IOMMU_VEVENTQ_TYPE_ARM_SMMUV3	= 1,
	ICTL_IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV	= 2,	/* since 6.17 */
};

struct ictl_iommu_vevent_arm_smmuv3 {
	ictl_u64a evt[4];
};

/* since 6.17 */
struct ictl_iommu_vevent_tegra241_cmdqv {
	ictl_u64a lvcmdq_err_map[2];
};

/* one queue per type per vIOMMU */
struct ictl_iommu_veventq_alloc {
	uint32_t size;
	uint32_t flags;
	uint32_t viommu_id;
	uint32_t type;
	uint32_t veventq_depth;
	uint32_t out_veventq_id;
	uint32_t out_veventq_fd;
	uint32_t __reserved;
};
#define ICTL_IOMMU_VEVENTQ_ALLOC \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_VEVENTQ_ALLOC)

/* HW queue (since 6.17): guest queue memory handed to the hardware. */
enum ictl_iommu_hw_queue_type {
	ICTL_IOMMU_HW_QUEUE_TYPE_DEFAULT		= 0,
	ICTL_IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV	= 1,
};

struct ictl_iommu_hw_queue_alloc {
	uint32_t size;
	uint32_t flags;
	uint32_t viommu_id;
	uint32_t type;
	uint32_t index;
	uint32_t out_hw_queue_id;
	ictl_u64a nesting_parent_iova;
	ictl_u64a length;
};
#define ICTL_IOMMU_HW_QUEUE_ALLOC \
	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_HW_QUEUE_ALLOC)

/* VFIO device cdev: same ';' type as iommufd, numbered from 100. */
#define ICTL_VFIO_TYPE	(';')
#define ICTL_VFIO_BASE	100

#define ICTL_VFIO_DEVICE_FLAGS_RESET	(1 << 0)
#define ICTL_VFIO_DEVICE_FLAGS_PCI	(1 << 1)
#define ICTL_VFIO_DEVICE_FLAGS_PLATFORM	(1 << 2)
#define ICTL_VFIO_DEVICE_FLAGS_AMBA	(1 << 3)
#define ICTL_VFIO_DEVICE_FLAGS_CCW	(1 << 4)
#define ICTL_VFIO_DEVICE_FLAGS_AP	(1 << 5)
#define ICTL_VFIO_DEVICE_FLAGS_FSL_MC	(1 << 6)
#define ICTL_VFIO_DEVICE_FLAGS_CAPS	(1 << 7)
#define ICTL_VFIO_DEVICE_FLAGS_CDX	(1 << 8)

/* VFIO names the size field argsz; the rule is the same as size above */
struct ictl_vfio_device_info {
	uint32_t argsz;
	uint32_t flags;
	uint32_t num_regions;
	uint32_t num_irqs;
	uint32_t cap_offset;
	uint32_t pad;
};
#define ICTL_VFIO_DEVICE_GET_INFO	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 7)

/* token_uuid_ptr: 16-byte VF token, read only with BIND_FLAG_TOKEN */
#define ICTL_VFIO_DEVICE_BIND_FLAG_TOKEN	(1 << 0)	/* since 6.17 (unverified) */

struct ictl_vfio_device_bind_iommufd {
	uint32_t argsz;
	uint32_t flags;
	int32_t iommufd;
	uint32_t out_devid;
	ictl_u64a token_uuid_ptr;	/* since 6.17 (unverified) */
};
#define ICTL_VFIO_DEVICE_BIND_IOMMUFD	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 18)

/* attaching again without a detach replaces; pt_id returns the HWPT used */
#define ICTL_VFIO_DEVICE_ATTACH_PASID	(1 << 0)	/* since 6.15 */

struct ictl_vfio_device_attach_iommufd_pt {
	uint32_t argsz;
	uint32_t flags;
	uint32_t pt_id;
	uint32_t pasid;		/* since 6.15 */
};
#define ICTL_VFIO_DEVICE_ATTACH_IOMMUFD_PT \
	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 19)

#define ICTL_VFIO_DEVICE_DETACH_PASID	(1 << 0)	/* since 6.15 */

struct ictl_vfio_device_detach_iommufd_pt {
	uint32_t argsz;
	uint32_t flags;
	uint32_t pasid;		/* since 6.15 */
};
#define ICTL_VFIO_DEVICE_DETACH_IOMMUFD_PT \
	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 20)

/* VFIO device regions: a PCI device's BARs are regions 0 to 5 */
#define ICTL_VFIO_REGION_INFO_FLAG_READ		(1 << 0)
#define ICTL_VFIO_REGION_INFO_FLAG_WRITE	(1 << 1)
#define ICTL_VFIO_REGION_INFO_FLAG_MMAP		(1 << 2)
#define ICTL_VFIO_REGION_INFO_FLAG_CAPS		(1 << 3)

enum {
	ICTL_VFIO_PCI_BAR0_REGION_INDEX	= 0,
	ICTL_VFIO_PCI_BAR5_REGION_INDEX	= 5,
	ICTL_VFIO_PCI_ROM_REGION_INDEX	= 6,
};

struct ictl_vfio_region_info {
	uint32_t argsz;
	uint32_t flags;
	uint32_t index;
	uint32_t cap_offset;
	ictl_u64a size;
	ictl_u64a offset;	/* where the region is in the device fd */
};
#define ICTL_VFIO_DEVICE_GET_REGION_INFO	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 8)

/* Device features: exactly one of GET, SET or PROBE (with GET/SET) a call */
#define ICTL_VFIO_DEVICE_FEATURE_MASK	0xffff
#define ICTL_VFIO_DEVICE_FEATURE_GET	(1 << 16)
#define ICTL_VFIO_DEVICE_FEATURE_SET	(1 << 17)
#define ICTL_VFIO_DEVICE_FEATURE_PROBE	(1 << 18)

struct ictl_vfio_device_feature {
	uint32_t argsz;
	uint32_t flags;		/* the feature's index and GET, SET, PROBE */
	uint8_t data[];
};
#define ICTL_VFIO_DEVICE_FEATURE	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 17)

/*
 * since 6.19: a dma-buf of a slice of a BAR (GET; the fd is the ioctl's
 * return value), for IOMMU_IOAS_MAP_FILE: the P2P path to a device's MMIO
 */
#define ICTL_VFIO_DEVICE_FEATURE_DMA_BUF	11

struct ictl_vfio_region_dma_range {
	uint64_t offset;
	uint64_t length;
};

struct ictl_vfio_device_feature_dma_buf {
	uint32_t region_index;
	uint32_t open_flags;
	uint32_t flags;
	uint32_t nr_ranges;
	struct ictl_vfio_region_dma_range dma_ranges[];
};

/*
 * VFIO type1 container ioctls, which /dev/iommu answers too, on the IOAS
 * IOMMU_VFIO_IOAS chose. GET_API_VERSION, CHECK_EXTENSION and SET_IOMMU take
 * a number, not a struct, and answer with the ioctl's return value.
 */
#define ICTL_VFIO_API_VERSION	0

enum {
	ICTL_VFIO_TYPE1_IOMMU		= 1,
	ICTL_VFIO_SPAPR_TCE_IOMMU	= 2,
	ICTL_VFIO_TYPE1v2_IOMMU		= 3,
	ICTL_VFIO_DMA_CC_IOMMU		= 4,	/* DMA is cache coherent */
	ICTL_VFIO_EEH			= 5,
	ICTL_VFIO_TYPE1_NESTING_IOMMU	= 6,	/* reserved, never answered */
	ICTL_VFIO_SPAPR_TCE_v2_IOMMU	= 7,
	ICTL_VFIO_NOIOMMU_IOMMU		= 8,
	ICTL_VFIO_UNMAP_ALL		= 9,
	ICTL_VFIO_UPDATE_VADDR		= 10,
};

#define ICTL_VFIO_GET_API_VERSION	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 0)
#define ICTL_VFIO_CHECK_EXTENSION	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 1)
#define ICTL_VFIO_SET_IOMMU		_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 2)

/* capabilities chain after the struct, each at @next from the start */
struct ictl_vfio_info_cap_header {
	uint16_t id;
	uint16_t version;
	uint32_t next;
};

#define ICTL_VFIO_IOMMU_INFO_PGSIZES	(1 << 0)
#define ICTL_VFIO_IOMMU_INFO_CAPS	(1 << 1)

/* argsz comes back as the size that holds every capability */
struct ictl_vfio_iommu_type1_info {
	uint32_t argsz;
	uint32_t flags;
	ictl_u64a iova_pgsizes;
	uint32_t cap_offset;
	uint32_t pad;
};
#define ICTL_VFIO_IOMMU_GET_INFO	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 12)

#define ICTL_VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE	1
#define ICTL_VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION	2
#define ICTL_VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL		3

/* inclusive at both ends, like struct iommu_iova_range */
struct ictl_vfio_iova_range {
	uint64_t start;
	uint64_t end;
};

struct ictl_vfio_iommu_type1_info_cap_iova_range {
	struct ictl_vfio_info_cap_header header;
	uint32_t nr_iovas;
	uint32_t reserved;
	struct ictl_vfio_iova_range iova_ranges[];
};

struct ictl_vfio_iommu_type1_info_dma_avail {
	struct ictl_vfio_info_cap_header header;
	uint32_t avail;
};

#define ICTL_VFIO_DMA_MAP_FLAG_READ	(1 << 0)
#define ICTL_VFIO_DMA_MAP_FLAG_WRITE	(1 << 1)
#define ICTL_VFIO_DMA_MAP_FLAG_VADDR	(1 << 2)

/* always at iova: type1 has no "pick one for me" */
struct ictl_vfio_iommu_type1_dma_map {
	uint32_t argsz;
	uint32_t flags;
	uint64_t vaddr;
	uint64_t iova;
	uint64_t size;
};
#define ICTL_VFIO_IOMMU_MAP_DMA		_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 13)

#define ICTL_VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP	(1 << 0)
#define ICTL_VFIO_DMA_UNMAP_FLAG_ALL			(1 << 1)
#define ICTL_VFIO_DMA_UNMAP_FLAG_VADDR			(1 << 2)

/* size comes back as the bytes unmapped */
struct ictl_vfio_iommu_type1_dma_unmap {
	uint32_t argsz;
	uint32_t flags;
	uint64_t iova;
	uint64_t size;
	uint8_t data[];
};
#define ICTL_VFIO_IOMMU_UNMAP_DMA	_IO(ICTL_VFIO_TYPE, ICTL_VFIO_BASE + 14)

/*
 * CONFIG_IOMMUFD_TEST mock driver.  Not a stable ABI: it follows the
 * kernel's selftests, so it is checked against each tree's iommufd_test.h.
 * Without the config the command is ENOTTY; an unknown op is EOPNOTSUPP.
 */
#define ICTL_IOMMU_TEST_CMD	_IO(ICTL_IOMMUFD_TYPE, ICTL_IOMMUFD_CMD_BASE + 32)

/* id in the command names what each op works on (an IOAS, stdev, access fd) */
enum {
	ICTL_IOMMU_TEST_OP_ADD_RESERVED		= 1,
	ICTL_IOMMU_TEST_OP_MOCK_DOMAIN		= 2,
	ICTL_IOMMU_TEST_OP_MD_CHECK_MAP		= 3,
	ICTL_IOMMU_TEST_OP_MD_CHECK_REFS	= 4,
	ICTL_IOMMU_TEST_OP_CREATE_ACCESS	= 5,
	ICTL_IOMMU_TEST_OP_DESTROY_ACCESS_PAGES	= 6,
	ICTL_IOMMU_TEST_OP_ACCESS_PAGES		= 7,
	ICTL_IOMMU_TEST_OP_ACCESS_RW		= 8,
	ICTL_IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT = 9,
	ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE	= 10,
	ICTL_IOMMU_TEST_OP_ACCESS_REPLACE_IOAS	= 11,
	ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS	= 12,
	ICTL_IOMMU_TEST_OP_DIRTY		= 13,
	ICTL_IOMMU_TEST_OP_MD_CHECK_IOTLB	= 14,
	ICTL_IOMMU_TEST_OP_TRIGGER_IOPF		= 15,
	ICTL_IOMMU_TEST_OP_DEV_CHECK_CACHE	= 16,	/* since 6.13 */
	ICTL_IOMMU_TEST_OP_TRIGGER_VEVENT	= 17,	/* since 6.15 */
	ICTL_IOMMU_TEST_OP_PASID_ATTACH		= 18,	/* since 6.15 */
	ICTL_IOMMU_TEST_OP_PASID_REPLACE	= 19,	/* since 6.15 */
	ICTL_IOMMU_TEST_OP_PASID_DETACH		= 20,	/* since 6.15 */
	ICTL_IOMMU_TEST_OP_PASID_CHECK_HWPT	= 21,	/* since 6.15 */
	ICTL_IOMMU_TEST_OP_DMABUF_GET		= 22,	/* since 6.19 */
	ICTL_IOMMU_TEST_OP_DMABUF_REVOKE	= 23,	/* since 6.19 */
};

/* mock page table formats, after 6.19 (unverified) */
enum {
	ICTL_MOCK_IOMMUPT_DEFAULT	= 0,
	ICTL_MOCK_IOMMUPT_HUGE		= 1,
};

/* Map inside the aperture while a mock domain is attached. */
enum {
	ICTL_MOCK_APERTURE_START	= 1 << 24,
	ICTL_MOCK_APERTURE_LAST		= (1U << 31) - 1,
	/* after 6.19 (unverified); smaller than a CPU page on purpose */
	ICTL_MOCK_PAGE_SIZE		= 2048,
	ICTL_MOCK_HUGE_PAGE_SIZE	= 512 * 2048,
};

/* access_pages.flags */
enum {
	ICTL_MOCK_FLAGS_ACCESS_WRITE	= 1 << 0,
	ICTL_MOCK_FLAGS_ACCESS_SYZ	= 1 << 16,
};

/* access_rw.flags */
enum {
	ICTL_MOCK_ACCESS_RW_WRITE	= 1 << 0,
	ICTL_MOCK_ACCESS_RW_SLOW_PATH	= 1 << 2,
};

/* create_access.flags */
enum {
	ICTL_MOCK_FLAGS_ACCESS_CREATE_NEEDS_PIN_PAGES = 1 << 0,
};

/* mock_domain_flags.dev_flags; bit 1 (huge IOVA) is retired by 7.3 */
enum {
	ICTL_MOCK_FLAGS_DEVICE_NO_DIRTY	= 1 << 0,
	ICTL_MOCK_FLAGS_DEVICE_PASID	= 1 << 2,	/* since 6.15 */
};

enum {
	ICTL_MOCK_NESTED_DOMAIN_IOTLB_ID_MAX	= 3,
	ICTL_MOCK_NESTED_DOMAIN_IOTLB_NUM	= 4,
};

/* since 6.13 */
enum {
	ICTL_MOCK_DEV_CACHE_ID_MAX	= 3,
	ICTL_MOCK_DEV_CACHE_NUM		= 4,
};

/* since 6.15; the mock keeps this PASID for its replace test */
#define ICTL_IOMMU_TEST_PASID_RESERVED	1024
#define ICTL_MOCK_PASID_WIDTH		20

/* The shortest accepted size ends at last, whatever the op. */
struct ictl_iommu_test_cmd {
	uint32_t size;
	uint32_t op;
	uint32_t id;
	uint32_t __reserved;
	union {
		struct {
			ictl_u64a start;
			ictl_u64a length;
		} add_reserved;
		struct {
			uint32_t out_stdev_id;	/* destroy it to unbind */
			uint32_t out_hwpt_id;
			uint32_t out_idev_id;	/* the dev_id for other commands */
		} mock_domain;
		struct {
			uint32_t out_stdev_id;
			uint32_t out_hwpt_id;
			uint32_t out_idev_id;
			uint32_t dev_flags;
		} mock_domain_flags;
		struct {
			uint32_t pt_id;
		} mock_domain_replace;
		struct {
			ictl_u64a iova;
			ictl_u64a length;
			ictl_u64a uptr;
		} check_map;
		struct {
			ictl_u64a length;
			ictl_u64a uptr;
			uint32_t refs;
		} check_refs;
		struct {
			uint32_t out_access_fd;
			uint32_t flags;
		} create_access;
		struct {
			uint32_t access_pages_id;
		} destroy_access_pages;
		struct {
			uint32_t flags;
			uint32_t out_access_pages_id;
			ictl_u64a iova;
			ictl_u64a length;
			ictl_u64a uptr;
		} access_pages;
		struct {
			ictl_u64a iova;
			ictl_u64a length;
			ictl_u64a uptr;
			uint32_t flags;
		} access_rw;
		struct {
			uint32_t limit;
		} memory_limit;
		struct {
			uint32_t ioas_id;
		} access_replace_ioas;
		struct {
			uint32_t flags;
			ictl_u64a iova;
			ictl_u64a length;
			ictl_u64a page_size;
			ictl_u64a uptr;
			ictl_u64a out_nr_dirty;
		} dirty;
		struct {
			uint32_t id;
			uint32_t iotlb;
		} check_iotlb;
		struct {
			uint32_t dev_id;
			uint32_t pasid;
			uint32_t grpid;
			uint32_t perm;
			uint64_t addr;	/* plain u64 in the kernel too */
		} trigger_iopf;
		struct {	/* since 6.13 */
			uint32_t id;
			uint32_t cache;
		} check_dev_cache;
		struct {	/* since 6.15 */
			uint32_t dev_id;
		} trigger_vevent;
		struct {	/* since 6.15; the PASID ops take stdev_id in id */
			uint32_t pasid;
			uint32_t pt_id;
		} pasid_attach;
		struct {	/* since 6.15 */
			uint32_t pasid;
			uint32_t pt_id;
		} pasid_replace;
		struct {	/* since 6.15 */
			uint32_t pasid;
		} pasid_detach;
		struct {	/* since 6.15 */
			uint32_t pasid;
			uint32_t hwpt_id;
		} pasid_check;
		struct {	/* since 6.19; the fd is the ioctl's return value */
			uint32_t length;
			uint32_t open_flags;
		} dmabuf_get;
		struct {	/* since 6.19 */
			int32_t dmabuf_fd;
			uint32_t revoked;
		} dmabuf_revoke;
	};
	uint32_t last;
};

/* Mock GET_HW_INFO payload; test_reg always reads back REGVAL. */
#define ICTL_IOMMU_HW_INFO_TYPE_SELFTEST	0xfeedbeefU
#define ICTL_IOMMU_HW_INFO_SELFTEST_REGVAL	0xdeadbeefU

struct ictl_iommu_test_hw_info {
	uint32_t flags;
	uint32_t test_reg;
};

/* Mock nested HWPT: iotlb seeds every IOTLB entry MD_CHECK_IOTLB reads. */
#define ICTL_IOMMU_HWPT_DATA_SELFTEST		0xdeadU
#define ICTL_IOMMU_TEST_IOTLB_DEFAULT		0xbadbeefU
#define ICTL_IOMMU_TEST_DEV_CACHE_DEFAULT	0xbaddadU	/* since 6.13 */

struct ictl_iommu_hwpt_selftest {
	uint32_t iotlb;
	uint32_t pagetable_type;	/* after 6.19 (unverified) */
};

/* Mock invalidation; the _INVALID types exist to be refused. */
#define ICTL_IOMMU_HWPT_INVALIDATE_DATA_SELFTEST		0xdeadbeefU
#define ICTL_IOMMU_HWPT_INVALIDATE_DATA_SELFTEST_INVALID	0xdadbeefU
#define ICTL_IOMMU_TEST_INVALIDATE_FLAG_ALL			(1 << 0)

struct ictl_iommu_hwpt_invalidate_selftest {
	uint32_t flags;
	uint32_t iotlb_id;	/* ignored with FLAG_ALL */
};

/* Mock vIOMMU (since 6.13). */
#define ICTL_IOMMU_VIOMMU_TYPE_SELFTEST				0xdeadbeefU
#define ICTL_IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST		0xdeadbeefU
#define ICTL_IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST_INVALID	0xdadbeefU

/* since 6.17; out_data echoes in_data, the mmap pair locates a test page */
struct ictl_iommu_viommu_selftest {
	uint32_t in_data;
	uint32_t out_data;
	ictl_u64a out_mmap_offset;
	ictl_u64a out_mmap_length;
};

struct ictl_iommu_viommu_invalidate_selftest {
	uint32_t flags;
	uint32_t vdev_id;
	uint32_t cache_id;	/* ignored with FLAG_ALL */
};

/* Mock vEVENTQ (since 6.15): TRIGGER_VEVENT queues one of these. */
#define ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST	0xbeefbeefU

struct ictl_iommu_viommu_event_selftest {
	uint32_t virt_id;
};

/* Mock HW queue (since 6.17). */
#define ICTL_IOMMU_HW_QUEUE_TYPE_SELFTEST	0xdeadbeefU
#define ICTL_IOMMU_TEST_HW_QUEUE_MAX		2

#endif /* ICTL_ABI_H */
