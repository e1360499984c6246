/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stress model: the object graph of one iommufd as the tool believes it
 * to be (which objects exist, who holds whom, what is mapped where). It
 * generates the next operation as a typed step, predicts the kernel's
 * answer, and is corrected by nothing: a different answer is a finding.
 *
 * Threads share a model under its lock. An operation reserves what it
 * touches: objects it only uses (a map target, an attach target) are shared,
 * objects whose users it changes or that it destroys are exclusive, and
 * IOVA slots and an IOAS's automatic domain are exclusive. So operations
 * that do run at the same time cannot change each other's answer, and every
 * prediction stays exact under concurrency.
 */
#ifndef ICTL_MODEL_H
#define ICTL_MODEL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/step.h"
#include "op/ops.h"

enum mop_kind {
	MOP_IOAS_ALLOC,
	MOP_IOAS_MAP,
	MOP_IOAS_UNMAP,
	MOP_MOCK_CREATE,
	MOP_ATTACH,
	MOP_HWPT_ALLOC,
	MOP_HWPT_NESTED,
	MOP_HWPT_INVALIDATE,
	MOP_VIOMMU_ALLOC,
	MOP_DESTROY,
	MOP_BAD_ID,
	MOP_RAW_SIZE,
	MOP_ACCESS_CREATE,
	MOP_ACCESS_RW,
	MOP_NKINDS
};

/* weight names ("ioas.map") and defaults */
extern const char *const mop_names[MOP_NKINDS];
extern const unsigned int mop_default_weights[MOP_NKINDS];

#define MODEL_SLOTS	16		/* IOVA slots of 64 KiB per IOAS */
#define MODEL_SLOT_SIZE	0x10000u
#define MODEL_IOVA_BASE	0x1000000u	/* inside the mock domain's aperture */
#define MODEL_MEM_SIZE	(MODEL_SLOTS * MODEL_SLOT_SIZE)
#define MODEL_MAX_OBJ	48
#define MODEL_MEM_NAME	"m0"		/* the memory every map maps */
#define MODEL_REAL_NAME	"r0"		/* --device, bound to the first iommufd */

/* MK_ACCESS: a mock in-kernel access; its id is its file descriptor */
enum mkind { MK_IOAS, MK_PAGING, MK_NESTED, MK_DEV, MK_VIOMMU, MK_ACCESS, MK_NKINDS };

struct mmap_area {
	uint32_t off, len;		/* from MODEL_IOVA_BASE */
};

struct mobj {
	bool used;			/* slot taken (live or being created) */
	bool live;
	enum mkind kind;
	char name[12];
	uint32_t id, stdev;		/* stdev: a mock device's selftest id */
	uint64_t born;			/* creation order, for teardown */
	int parent;			/* IOAS of a paging HWPT, parent of a
					 * nested one or a vIOMMU, pt of a device */
	bool nest_parent, is_auto;
	/*
	 * A real (VFIO) device, and the HWPTs made for it: its domains are
	 * another driver's, which the mock devices cannot use, nor it theirs.
	 */
	bool real;
	unsigned int users;		/* objects and devices holding this one */
	unsigned int readers;
	bool writer;
	/* IOAS only */
	int auto_hwpt[2];		/* its automatic domain, mock and real; -1 */
	bool auto_held;
	uint32_t slots_held;
	struct mmap_area map[MODEL_SLOTS];
	unsigned int nmap;
};

#define MOP_MAX_RES 5

/* The arguments of every operation the walk makes */
union mop_args {
	struct ioas_alloc_args ioas_alloc;
	struct ioas_map_args map;
	struct ioas_unmap_args unmap;
	struct mock_create_args mock_create;
	struct mock_replace_args mock_replace;
	struct device_attach_args dev_attach;
	struct hwpt_alloc_args hwpt_alloc;
	struct hwpt_invalidate_args inv;
	struct viommu_alloc_args viommu;
	struct destroy_args destroy;
	struct raw_args raw;
	struct access_create_args access_create;
	struct access_rw_args access_rw;
	struct access_close_args access_close;
};

/* One generated operation, between model_pick() and model_apply() */
struct mop {
	enum mop_kind kind;
	struct step st;			/* the step; its args are @a */
	union mop_args a;
	int expect[2];			/* acceptable errnos; 0 is success */
	unsigned int nexpect;
	int res[MOP_MAX_RES];		/* reserved objects */
	bool res_w[MOP_MAX_RES];
	unsigned int nres;
	int auto_res[2];		/* IOASes whose automatic domain is held */
	int slot_ioas;			/* IOAS whose slots are held, or -1 */
	uint32_t slots;
	int subject, target;		/* the objects the update is about */
	int newobj;			/* object being created, or -1 */
	int variant;
	uint32_t off, len;		/* map, unmap: the range, from the base */
};

struct model {
	pthread_mutex_t lock;
	struct mobj o[MODEL_MAX_OBJ];
	unsigned int names[MK_NKINDS];	/* counters: names never repeat */
	uint64_t born;
	bool has_viommu;
};

void model_init(struct model *m, bool has_viommu);

/*
 * With the lock held: choose an operation by @weights (indexed by
 * enum mop_kind), reserve what it touches and fill @op. False when nothing
 * can start now (everything reserved by other threads).
 */
bool model_pick(struct model *m, uint64_t *rng, const unsigned int *weights,
		struct mop *op);

/*
 * With the lock held: judge the result @r of @op's step (its kernel
 * answer, the ids it made, its numbers) against the prediction, update the
 * graph, release the reservations. False on a finding, explained in @why.
 */
bool model_apply(struct model *m, struct mop *op, const struct result *r,
		 char *why, size_t len);

/*
 * Teardown, one thread: the newest object nothing holds, as a destroy that
 * must succeed. False when none is left; *stuck then says whether objects
 * remain that the model thinks are still held.
 */
bool model_pick_teardown(struct model *m, struct mop *op, bool *stuck);

/*
 * A VFIO device bound as MODEL_REAL_NAME with device id @id, attached to
 * nothing: it joins the walk's attach, replace and HWPT allocations.
 * False if full.
 */
bool model_add_real(struct model *m, uint32_t id);

/* splitmix64: the stress walk's only source of randomness */
uint64_t model_rand(uint64_t *state);

#endif
