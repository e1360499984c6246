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
#include "decode/vendor.h"
#include "lib/ictl.h"
#include "util/parse.h"
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

/* ---- getpa.c: no-IOMMU mode ---- */

struct ioas_get_pa_args {
	struct handle ioas;
	uint64_t iova, length, flags;
	bool has_iova, has_length, walk;
};

/* One physically contiguous run: @length bytes at @phys from @iova */
struct pa_segment {
	uint64_t iova, phys, length;
};

/* --walk: at most this many runs (result.data, result.len of them) */
#define PA_SEGMENTS_MAX	1024

/* result.v[] of ioas get-pa */
enum { GET_PA_IOVA, GET_PA_LENGTH, GET_PA_PHYS, GET_PA_CONTIGUOUS, GET_PA_COVERED };

extern const struct op op_ioas_get_pa;

/* ---- destroy.c, memory.c ---- */

struct destroy_args {
	struct handle obj;
	bool keep_fd;
};

/* result.v[] of destroy */
enum { DESTROY_FD_CLOSED, DESTROY_UNBIND, DESTROY_PROC, DESTROY_EXIT };

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

struct mem_revoke_args {
	struct handle mem;
	bool restore;
};

/* result.v[] of mem alloc and revoke */
enum { MEM_FD, MEM_RETURNED, MEM_FD_FOUND };

/* What a step needs of memory it names */
enum mem_need {
	MEM_NEED_ANY,
	MEM_NEED_CPU,	/* memory in this process: an address to pass */
	MEM_NEED_FD,	/* a file descriptor: a memfd or a dma-buf */
};

/*
 * The memory @h names (an @name: a plain number is no memory), with what
 * the step needs of it. 0, or -EINVAL after a message that starts @who.
 */
int mem_resolve(struct session *s, const struct handle *h, const char *who,
		enum mem_need need, struct reg_entry **e);

/*
 * What a map step maps: the memory @h names (NULL: fresh anonymous memory
 * of @length bytes, named memN). 0, or -EINVAL / -ENOMEM after a message.
 */
int mem_to_map(struct session *s, const struct handle *h, uint64_t length,
	       const char *who, struct reg_entry **e);

extern const struct op op_destroy, op_mem_alloc, op_mem_revoke;

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

/* device dma-buf (dmabuf.c) */
struct device_dma_buf_args {
	struct handle dev;
	uint64_t region, offset, length;
	char name[REG_NAME_MAX];
	bool has_length, probe;
};

/* result.v[] of device dma-buf */
enum { DMA_BUF_FD, DMA_BUF_LENGTH };

extern const struct op op_device_attach, op_device_bind, op_device_detach,
	op_device_dma_buf, op_device_hw_info, op_device_replace;

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

/* ---- mock.c, pasid.c ---- */

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

/* pasid-attach, pasid-replace, pasid-detach (no @pt), check-pasid */
struct mock_pasid_args {
	struct handle dev, pt;
	uint64_t pasid;
	bool has_pasid;
};

/* result.v[] of the mock operations */
enum { MOCK_IOVA, MOCK_LENGTH, MOCK_MARKED, MOCK_NR_DIRTY, MOCK_TRIGGERED };

extern const struct op op_mock_add_reserved, op_mock_check_dev_cache,
	op_mock_check_iotlb, op_mock_check_map, op_mock_check_pasid,
	op_mock_check_refs, op_mock_create, op_mock_dirty, op_mock_memory_limit,
	op_mock_pasid_attach, op_mock_pasid_detach, op_mock_pasid_replace,
	op_mock_replace, op_mock_trigger_iopf, op_mock_trigger_vevent;

/* The selftest object of mock device @dev (a plain @id is one) */
uint32_t stdev_of(const struct reg_entry *dev, uint32_t id);
/* ---- hwpt.c ---- */

struct hwpt_alloc_args {
	struct handle dev, pt, fault;
	uint64_t flags;				/* --flags, besides the switches */
	struct vendor_data data;
	char name[REG_NAME_MAX];
	bool nest_parent, dirty_tracking, pasid, has_fault, has_data;
};

struct hwpt_invalidate_args {
	struct handle target;			/* a nested HWPT or a vIOMMU */
	struct vendor_inv inv;			/* --type and --entry */
	uint64_t entry_len;
	bool has_entry_len;
};

struct hwpt_set_dirty_args {
	struct handle hwpt;
	bool enable, disable;
};

struct hwpt_get_dirty_args {
	struct handle hwpt;
	uint64_t iova, length, page_size;
	bool has_iova, has_length, has_page_size, no_clear;
};

/* result.v[] of hwpt alloc, invalidate and get-dirty */
enum { HWPT_FLAGS, HWPT_DATA_TYPE, HWPT_DATA_LEN };
enum { HWPT_INV_TYPE, HWPT_INV_ENTRY_LEN, HWPT_INV_DONE };
enum { HWPT_DIRTY_IOVA, HWPT_DIRTY_LENGTH, HWPT_DIRTY_PAGE_SIZE, HWPT_DIRTY_BITS,
       HWPT_DIRTY_COUNT };

extern const struct op op_hwpt_alloc, op_hwpt_invalidate, op_hwpt_set_dirty,
	op_hwpt_get_dirty;

/* ---- viommu.c ---- */

struct viommu_alloc_args {
	struct handle dev, hwpt;
	uint32_t type;				/* default: selftest */
	uint64_t data;				/* the selftest's in_data */
	char name[REG_NAME_MAX];
	bool has_type, has_data;
};

/* viommu mmap: the page a vIOMMU offers on the iommufd, mapped */
struct viommu_mmap_args {
	struct handle viommu;
	uint64_t offset, length;
	char name[REG_NAME_MAX];
	bool has_offset, has_length, private_map, exec;
};

struct vdevice_alloc_args {
	struct handle viommu, dev;
	uint64_t virt_id;
	char name[REG_NAME_MAX];
};

struct hw_queue_alloc_args {
	struct handle viommu;
	uint32_t type;				/* default: selftest */
	uint64_t index, base_addr, length;
	char name[REG_NAME_MAX];
	bool has_type, has_index, has_base_addr, has_length;
};

/* result.v[] of viommu alloc, vdevice alloc and hw-queue alloc */
enum { VIOMMU_TYPE, VIOMMU_OUT_DATA, VIOMMU_MMAP_OFFSET, VIOMMU_MMAP_LENGTH };
enum { VDEVICE_VIRT_ID };
enum { HW_QUEUE_TYPE, HW_QUEUE_INDEX, HW_QUEUE_BASE_ADDR, HW_QUEUE_LENGTH };

/* mem read, mem write (mmap.c) */
#define MEM_RW_MAX	256

struct mem_rw_args {
	struct handle mem;
	uint64_t offset, length;
	const char *hex;		/* write: the bytes */
	bool has_length;
};

/* result.v[] of viommu mmap */
enum { MMAP_OFFSET, MMAP_LENGTH };

extern const struct op op_viommu_alloc, op_viommu_mmap, op_vdevice_alloc,
	op_hw_queue_alloc, op_mem_read, op_mem_write;

/* ---- raw.c ---- */

#define RAW_MAX 4096	/* one page: --readonly-arg needs the struct in one */

struct raw_args {
	uint32_t nr;				/* the ioctl's number */
	uint64_t size;
	struct raw_bytes {
		size_t len;
		uint8_t b[RAW_MAX - 4];		/* after the size field */
	} hex;
	bool has_size, has_hex;
};

/* result.v[] of raw */
enum { RAW_NR, RAW_SIZE };

extern const struct op op_raw;
/* ---- fault.c, veventq.c: event queues, read through their fd ---- */

/* I/O page fault permissions: read, write, exec, priv (r, w, x also parse) */
extern const struct flag_name pgfault_perm_names[];

struct fault_alloc_args {
	char name[REG_NAME_MAX];
};

struct fault_read_args {
	struct handle fault;
	uint64_t max, bytes, wait;	/* records, or bytes; milliseconds */
	bool has_max, has_bytes;
};

struct fault_respond_args {
	struct handle fault;
	uint64_t cookie;
	uint32_t code;			/* ICTL_IOMMUFD_PAGE_RESP_*, or any */
	bool has_cookie;
};

struct veventq_alloc_args {
	struct handle viommu;
	uint64_t depth;
	uint32_t type;			/* ICTL_IOMMU_VEVENTQ_TYPE_* */
	char name[REG_NAME_MAX];
	bool has_type, has_depth;
};

struct veventq_read_args {
	struct handle veventq;
	uint64_t max, event_len, bytes, wait;
	bool has_max, has_event_len, has_bytes;
};

/* result.v[] of the event queue operations */
enum { EVENTQ_BYTES, EVENTQ_COUNT, EVENTQ_PAYLOAD, EVENTQ_TYPE, EVENTQ_DEPTH,
       EVENTQ_COOKIE, EVENTQ_CODE };

/* 0, or -EINVAL after perr() if @h is a plain id: the fd is the handle's */
int eventq_check(const struct handle *h, enum obj_type t, struct perr *e);
/* The registry entry of queue @h of type @t. 0, or -EINVAL after a message */
int eventq_entry(struct session *s, const struct handle *h, enum obj_type t,
		 struct reg_entry **e);
/*
 * Read up to @len bytes of records from @e's fd into the session's
 * scratch (@r->data, @r->len), first waiting up to @wait_ms for one to
 * arrive; the kernel's answer in @r->err. 0, or -ENOMEM after a message.
 */
int eventq_read(struct session *s, const struct reg_entry *e, size_t len,
		uint64_t wait_ms, struct result *r);
/* A new queue's fd: reads never wait, also on a kernel that would block */
void eventq_nonblock(int fd);
/* The fields a queue read's record starts with; the list of its records */
struct rec *eventq_record(struct rec *rec, const struct result *r);

extern const struct op op_fault_alloc, op_fault_read, op_fault_respond,
	op_veventq_alloc, op_veventq_read;

/* ---- access.c: the mock driver's in-kernel access to an IOAS ---- */

struct access_create_args {
	struct handle ioas;
	char name[REG_NAME_MAX];
	bool needs_pin;
};

struct access_pin_args {
	struct handle access, mem;
	uint64_t iova, length;
	bool has_mem, write;
};

struct access_unpin_args {
	struct handle access;
	uint64_t pages;
};

struct access_rw_args {
	struct handle access;
	uint64_t iova, length;
	bool write, slow;
};

struct access_replace_args {
	struct handle access, ioas;
};

struct access_close_args {
	struct handle access;	/* @name, or a plain number: its fd */
};

/* result.v[] of the access operations */
enum { ACCESS_PAGES, ACCESS_HEAD, ACCESS_FD };

extern const struct op op_access_close, op_access_create, op_access_pin,
	op_access_replace, op_access_rw, op_access_unpin;

/* ---- option.c: settings of the iommufd ---- */

/* option get NAME [IOAS], option set NAME [IOAS] VALUE */
struct option_args {
	const char *name;		/* as given: rlimit-mode, huge-pages, a number */
	struct handle ioas;
	uint64_t value;
	bool has_value;
};

/* vfio-ioas set IOAS; get and clear take nothing */
struct vfio_ioas_args {
	struct handle ioas;
};

/* result.v[] of vfio-ioas get */
enum { VFIO_IOAS_ID };

/* result.v[] of option get and set, and of ioas change-process (kB) */
enum { OPTION_VALUE };
enum { CHANGE_PIN_BEFORE, CHANGE_PIN_AFTER, CHANGE_LCK_BEFORE, CHANGE_LCK_AFTER };

extern const struct op op_ioas_change_process, op_option_get, op_option_set,
	op_vfio_ioas_clear, op_vfio_ioas_get, op_vfio_ioas_set;

/* ---- iova.c: which IOVAs of an IOAS may be used ---- */

/* Ranges that ioas_ranges_read() takes in, and allow-iovas */
#define IOVA_RANGES_MAX	256

/* START-LAST or START+LENGTH words, in the order given */
struct iova_list {
	uint32_t n;
	struct ictl_iommu_iova_range r[IOVA_RANGES_MAX];
};

/* The argument kind of a struct iova_list: one range a word */
extern const struct arg_custom iova_list_kind;

struct ioas_iova_ranges_args {
	struct handle ioas;
	uint64_t num;			/* the first request's room */
	bool has_num;
};

struct ioas_allow_iovas_args {
	struct handle ioas;
	struct iova_list ranges;
};

/* result.v[] of ioas iova-ranges */
enum { IOVA_FIRST, IOVA_ASKED, IOVA_NUM, IOVA_ALIGN };

/*
 * IOMMU_IOAS_IOVA_RANGES of @ioas_id into @buf (IOVA_RANGES_MAX entries),
 * growing the request once after EMSGSIZE; *@n ranges, *@align the
 * alignment. 0 or -errno.
 */
int ioas_ranges_read(struct session *s, uint32_t ioas_id,
		     struct ictl_iommu_iova_range *buf, uint32_t *n,
		     uint64_t *align);

/* @n ranges as a list of {"start", "last"} under @key */
void iova_ranges_rec(struct rec *rec, const char *key,
		     const struct ictl_iommu_iova_range *r, uint32_t n);

/*
 * The IOVAs that sorted, disjoint ranges @r leave out, as at most @n + 1
 * ranges in @gaps. Returns how many.
 */
uint32_t iova_gaps(const struct ictl_iommu_iova_range *r, uint32_t n,
		   struct ictl_iommu_iova_range *gaps);

extern const struct op op_ioas_allow_iovas, op_ioas_iova_ranges;

/* ---- fork.c: calls a child process makes ---- */

struct fork_map_args {
	struct handle ioas, mem;
	uint64_t length, iova;
	char name[REG_NAME_MAX];
	bool has_length, has_mem, has_iova, readonly, live;
};

/* result.v[] of fork map and fork change-process */
enum { FORK_PID, FORK_IOVA, FORK_LENGTH, FORK_EXIT, FORK_LIVE };

/* VmPin and VmLck of one process (kB), [0] before and [1] after a call */
void vm_acct_rec(struct rec *o, const long pin[2], const long lck[2]);

extern const struct op op_fork_change_process, op_fork_map;

/* ---- compat.c: the VFIO type1 container ioctls on the iommufd ---- */

/* VFIO_CHECK_EXTENSION's and VFIO_SET_IOMMU's numbers by name */
extern const struct flag_name vfio_extensions[];

/* every vfio-compat verb: each takes the fields it needs */
struct vfio_compat_args {
	uint32_t type;			/* check-extension, set-iommu */
	uint64_t argsz;			/* info */
	uint64_t iova, length, flags;	/* map, unmap */
	struct handle mem;
	bool has_type, has_argsz, has_iova, has_length, has_mem, has_flags;
	bool readonly, all;
};

/* One VFIO_CHECK_EXTENSION answer (result.data, result.len of them) */
struct compat_answer {
	uint32_t what;
	int err;
	long answer;
};

#define COMPAT_INFO_MAX	65536	/* the largest --argsz */

/* VFIO_IOMMU_GET_INFO's answer, its capabilities read (result.data) */
struct compat_info {
	struct ictl_vfio_iommu_type1_info info;
	size_t asked;			/* the argsz given */
	uint32_t nranges;
	struct ictl_iommu_iova_range ranges[IOVA_RANGES_MAX];
	uint32_t dma_avail;
	bool has_dma_avail;
};

/* result.v[] of the vfio-compat operations */
enum { COMPAT_ANSWER, COMPAT_IOVA, COMPAT_LENGTH, COMPAT_FLAGS, COMPAT_UNMAPPED };

extern const struct op op_vfio_compat_api_version, op_vfio_compat_check_extension,
	op_vfio_compat_info, op_vfio_compat_map, op_vfio_compat_set_iommu,
	op_vfio_compat_unmap;

#endif
