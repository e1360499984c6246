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
#include "lib/ictl.h"
#include "util/parse.h"

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

/* result.v[] of option get and set */
enum { OPTION_VALUE };

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

#endif
