/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Named handles: every object a sequence creates gets a name (ioas0, dev1,
 * or the --name given), so later steps can say @name instead of an id that
 * the kernel may hand out differently on another run.
 */
#ifndef ICTL_REGISTRY_H
#define ICTL_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum obj_type {
	OBJ_IOAS,
	OBJ_HWPT,
	OBJ_DEV,	/* a bound VFIO cdev or a mock device */
	OBJ_MEM,	/* user memory the tool allocated for mapping */
	OBJ_FAULT,
	OBJ_VIOMMU,
	OBJ_VDEVICE,
	OBJ_VEVENTQ,
	OBJ_HWQUEUE,
	OBJ_ACCESS,
	OBJ_PROC,	/* a child process the tool forked: id its pid, fd its hold pipe */
	OBJ_NTYPES
};

#define OBJ_BIT(t)	(1u << (t))
#define OBJ_ANY		(OBJ_BIT(OBJ_NTYPES) - 1)

#define REG_NAME_MAX	32

struct reg_entry {
	char name[REG_NAME_MAX];
	enum obj_type type;
	uint32_t id;		/* kernel object id; for a mock device the idev id */
	uint32_t stdev_id;	/* mock device: the selftest object to destroy */
	int fd;			/* VFIO cdev, access, fault or event queue fd; -1 */
	uint32_t subtype;	/* OBJ_VEVENTQ: the queue's type */
	void *mem;		/* OBJ_MEM */
	size_t len;		/* OBJ_MEM; OBJ_VIOMMU: the length of its mmap page */
	uint64_t offset;	/* OBJ_VIOMMU: its page's mmap offset on the iommufd */
	/* the ids of the objects this one holds (keeps busy), as far as known */
	uint32_t holds[4];
	unsigned int nholds;
	/* a device's PASIDs attached, as far as known */
	uint32_t pasids[4];
	unsigned int npasid;
};

struct registry {
	struct reg_entry *v;
	size_t n, cap;
	unsigned int next[OBJ_NTYPES];	/* counters for generated names */
};

const char *obj_type_name(enum obj_type t);

/*
 * Add an entry; @name NULL generates "<type><n>". Returns NULL when the name
 * is taken or invalid (errno EEXIST / EINVAL) or memory ran out.
 */
struct reg_entry *reg_add(struct registry *r, enum obj_type t, uint32_t id,
			  const char *name);
bool reg_name_valid(const char *name);
struct reg_entry *reg_find(const struct registry *r, const char *name);
void reg_del(struct registry *r, struct reg_entry *e);
void reg_free(struct registry *r);

enum mem_kind;
/*
 * Map @len bytes of user memory (host/usermem.h) and register them as @name
 * (or memN). NULL with errno set.
 */
struct reg_entry *reg_new_mem(struct registry *r, size_t len,
			      enum mem_kind kind, const char *name);
/* Unmap the memory of an OBJ_MEM entry; the entry stays. */
void reg_mem_release(struct reg_entry *e);
/* The same, its pages kept for the next block of that size (usermem_recycle) */
void reg_mem_recycle(struct reg_entry *e);

/* The live entry of kernel object @id (memory has none), or NULL */
struct reg_entry *reg_by_id(const struct registry *r, uint32_t id);
/* The entry of the access whose file descriptor is @fd, or NULL */
struct reg_entry *reg_access(const struct registry *r, int fd);
/* Does any entry hold @e, as far as the registry knows? */
bool reg_held(const struct registry *r, const struct reg_entry *e);

/* "ioas, hwpt" for a type mask, for messages */
void obj_mask_names(unsigned int mask, char *buf, size_t len);

#endif
