/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every operation, with the typed arguments that engines build without
 * text (the stress walk), and the meaning of each result's numbers.
 */
#ifndef ICTL_OP_OPS_H
#define ICTL_OP_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/op.h"
#include "host/sysfs.h"
#include "lib/abi.h"

/* ---- ioas.c ---- */

struct ioas_alloc_args {
	char name[REG_NAME_MAX];
};

struct ioas_map_args {
	struct handle ioas, mem;
	uint64_t iova, length;
	bool has_mem, has_iova, has_length, readonly;
};

struct ioas_map_file_args {
	struct handle ioas, mem;
	uint64_t start, iova, length;
	bool has_iova, has_length, readonly;
};

struct ioas_unmap_args {
	struct handle ioas;
	uint64_t iova, length;
	bool has_iova, has_length, all;
};

struct ioas_copy_args {
	struct handle dst, src;
	uint64_t src_iova, iova, length;
	bool has_iova, readonly;
};

/* result.v[] of the ioas operations */
enum { IOAS_MAP_IOVA, IOAS_MAP_LENGTH, IOAS_MAP_START, IOAS_UNMAPPED,
       IOAS_COPY_SRC_IOVA };

extern const struct op op_ioas_alloc, op_ioas_map, op_ioas_map_file,
	op_ioas_unmap, op_ioas_copy;

/* ---- destroy.c, memory.c ---- */

struct destroy_args {
	struct handle obj;
	bool keep_fd;
};

/* result.v[] of destroy */
enum { DESTROY_FD_CLOSED, DESTROY_UNBIND };

/*
 * Destroy @e (NULL: the plain id @id) as the destroy step does, into @r;
 * for operations that end an object another way (access close).
 */
int destroy_entry(struct session *s, struct reg_entry *e, uint32_t id,
		  bool keep_fd, struct result *r);
void destroy_record(struct rec *rec, const void *args, const struct result *r);

struct mem_alloc_args {
	uint64_t size;
	uint32_t kind;			/* enum mem_kind */
	char name[REG_NAME_MAX];
	bool has_size;
};

extern const struct op op_destroy, op_mem_alloc;

/* ---- device.c ---- */

/*
 * What to do about PCI device @addr that has no VFIO cdev, as indented
 * lines. Never a command that unbinds its driver: a device in use (the NIC
 * that carries the network) must not lose it to a pasted line. vfio bind
 * checks first, and refuses a device with no IOMMU group, which VFIO
 * cannot take at all.
 */
void no_cdev_advice(const char *addr, const struct pci_cdev *pc, char *buf,
		    size_t len);

struct device_bind_args {
	const char *dev;		/* a PCI address, vfioN or a path */
	char name[REG_NAME_MAX];
	uint8_t token[16];		/* the UUID's bytes as written */
	bool has_token;
};

/* attach, replace and detach (which has no @pt) */
struct device_attach_args {
	struct handle dev, pt;
	uint32_t pasid;
	bool has_pasid;
};

struct device_hw_info_args {
	struct handle dev;
	uint64_t data_len;
	uint32_t type;
	bool has_data_len, has_type;
};

/* result.v[] of device hw-info */
enum { HW_INFO_BUFFER_LEN, HW_INFO_DATA_TYPE, HW_INFO_DATA_LEN, HW_INFO_CAPS,
       HW_INFO_MAX_PASID_LOG2 };

extern const struct op op_device_attach, op_device_bind, op_device_detach,
	op_device_hw_info, op_device_replace;

/*
 * A device that info and caps bind for their probes and give back at the
 * end: a VFIO cdev bound to the iommufd, or a mock device (DEVICE "mock"),
 * which the selftest creates attached to an IOAS. Not in the registry: the
 * command that binds it also unbinds it.
 */
struct probe_dev {
	bool mock;
	int fd;			/* the VFIO cdev; -1 for a mock device */
	uint32_t dev_id;
	uint32_t stdev_id;	/* mock: the selftest object, destroyed to unbind */
	uint32_t hwpt_id;	/* mock: the HWPT it was created attached to */
	char cdev[256];		/* "" for a mock device */
	char pci[PCI_ADDR_MAX];	/* "" when it is no PCI device */
};

/* probe_dev_bind()'s answers after a message: the exit statuses they mean */
enum { PROBE_USAGE = 2, PROBE_ENV = 3 };

/* DEVICE as info and caps take it: PCI address, vfioN, path or "mock" */
bool probe_dev_arg_ok(const char *arg);

/* info DEVICE, caps [DEVICE] */
struct probe_args {
	const char *dev;		/* NULL: caps without a device */
};

/* The check of struct probe_args: a DEVICE that probe_dev_arg_ok() takes */
int probe_args_check(const void *args, struct perr *e);

/* A result line's cell: the DEVICE of a record's "device"; NULL without one */
const char *probe_dev_arg_cell(const struct rec *r, char *buf, size_t len);

/*
 * Bind DEVICE to the iommufd, or create a mock device attached to
 * @ioas_id. 0; PROBE_USAGE or PROBE_ENV after a message (no such device,
 * no cdev); or -errno of the call that failed, without a message. @who
 * starts the messages ("info").
 */
int probe_dev_bind(struct session *s, const char *who, const char *arg,
		   uint32_t ioas_id, struct probe_dev *d);

/* VFIO_DEVICE_ATTACH_IOMMUFD_PT; *@hwpt gets the HWPT attached. 0 or -errno */
int probe_dev_attach(struct session *s, struct probe_dev *d, uint32_t pt_id,
		     uint32_t *hwpt);

/* VFIO_DEVICE_DETACH_IOMMUFD_PT (a mock device has none). 0 or -errno */
int probe_dev_detach(struct session *s, struct probe_dev *d);

/* Close the cdev or destroy the mock device. 0 or -errno */
int probe_dev_unbind(struct session *s, struct probe_dev *d);

/* Larger than any payload a kernel reports today; the kernel zeroes the rest. */
#define HW_INFO_BUF	4096

/* What IOMMU_GET_HW_INFO answered, kept to be decoded when it is shown */
struct hw_info_answer {
	struct ictl_iommu_hw_info cmd;
	uint8_t data[HW_INFO_BUF];
};

/* IOMMU_GET_HW_INFO for @dev_id with a buffer larger than any payload. 0 or -errno */
int hw_info_query(struct session *s, uint32_t dev_id, struct hw_info_answer *a);

/* @a into @rec: data_type, data_len, capabilities, max_pasid_log2, data (decoded) */
void hw_info_report(struct rec *rec, const struct hw_info_answer *a);

/* ---- info.c, caps.c ---- */

extern const struct op op_caps, op_info;

/* ---- mock.c ---- */

struct mock_create_args {
	struct handle pt;
	char name[REG_NAME_MAX];
	uint64_t flags;
	bool has_flags;
};

struct mock_replace_args {
	struct handle dev, pt;
};

/* check-map and check-refs */
struct mock_check_map_args {
	struct handle hwpt, mem;
	uint64_t iova, length, refs;
	bool has_iova, has_length;
};

/* check-iotlb and check-dev-cache: entry @id must hold @value */
struct mock_check_slot_args {
	struct handle obj;
	uint64_t id, value;
	bool has_id, has_value;
};

struct mock_add_reserved_args {
	struct handle ioas;
	uint64_t iova, length;
	bool has_iova, has_length;
};

struct mock_memory_limit_args {
	uint32_t limit;
	bool has_limit;
};

struct mock_dirty_args {
	struct handle hwpt;
	uint64_t iova, length, page_size;
	const char *pages;		/* "0,2,5"; NULL: every page */
	bool has_iova, has_length, has_page_size;
};

struct mock_trigger_iopf_args {
	struct handle dev;
	uint64_t addr, perm;
	uint32_t pasid, grpid;
	bool has_addr, has_perm;
};

struct mock_trigger_vevent_args {
	struct handle dev;
	uint64_t count;
	bool has_count;
};

/* result.v[] of the mock operations */
enum { MOCK_IOVA, MOCK_LENGTH, MOCK_PAGE_SIZE, MOCK_MARKED, MOCK_NR_DIRTY,
       MOCK_TRIGGERED };

extern const struct op op_mock_add_reserved, op_mock_check_dev_cache,
	op_mock_check_iotlb, op_mock_check_map, op_mock_check_refs,
	op_mock_create, op_mock_dirty, op_mock_memory_limit, op_mock_replace,
	op_mock_trigger_iopf, op_mock_trigger_vevent;

/* The selftest object of mock device @dev (a plain @id is one) */
uint32_t stdev_of(const struct reg_entry *dev, uint32_t id);

#endif
