/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stress model: the object graph of one iommufd as the tool believes it
 * to be (which objects exist, who holds whom, what is mapped where, what
 * waits in which queue). It generates the next operation as a typed step,
 * predicts the kernel's answer (an errno, and where the kernel answers with
 * a number, that number as the step's --want), and is corrected by
 * nothing: a different answer is a finding.
 *
 * Threads share a model under its lock. An operation reserves what it
 * touches: objects it only uses (a map target, an attach target, the
 * parent a new object will hold) are shared, objects whose state it
 * changes or that it destroys are exclusive, and IOVA slots, an IOAS's
 * automatic domain and a vIOMMU's virtual ids are exclusive. A relation
 * that one operation changes and another's answer depends on is always
 * covered by an exclusive reservation on one side and at least a shared
 * one on the other. So operations that do run at the same time cannot
 * change each other's answer, and every prediction stays exact under
 * concurrency.
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
	MOP_VDEVICE_ALLOC,
	MOP_FAULT_ALLOC,
	MOP_HWPT_FAULT,
	MOP_IOPF,
	MOP_FAULT_READ,
	MOP_FAULT_RESPOND,
	MOP_VEVENTQ_ALLOC,
	MOP_VEVENT,
	MOP_VEVENTQ_READ,
	MOP_HW_QUEUE,
	MOP_PASID_ATTACH,
	MOP_PASID_REPLACE,
	MOP_PASID_DETACH,
	MOP_IOAS_COPY,
	MOP_ALLOW_IOVAS,
	MOP_IOVA_RANGES,
	MOP_SET_DIRTY,
	MOP_MOCK_DIRTY,
	MOP_GET_DIRTY,
	MOP_HUGE_PAGES,
	MOP_ACCESS_PIN,
	MOP_ACCESS_UNPIN,
	MOP_MAP_FILE,
	MOP_DETACH,
	MOP_REBIND,
	MOP_REATTACH,
	MOP_VFIO_IOAS,
	MOP_COMPAT_MAP,
	MOP_COMPAT_UNMAP,
	MOP_COMPAT_IOMMU,
	MOP_MAP_DMABUF,
	MOP_DMABUF_REVOKE,
	MOP_NKINDS
};

/* weight names ("ioas.map"), defaults, and what each does (stress --help) */
extern const char *const mop_names[MOP_NKINDS];
extern const unsigned int mop_default_weights[MOP_NKINDS];
extern const char *const mop_help[MOP_NKINDS];

#define MODEL_SLOTS	16		/* IOVA slots of 64 KiB per IOAS */
#define MODEL_SLOT_SIZE	0x10000u
#define MODEL_IOVA_BASE	0x1000000u	/* inside the mock domain's aperture */
#define MODEL_MEM_SIZE	(MODEL_SLOTS * MODEL_SLOT_SIZE)
#define MODEL_MAX_OBJ	64
#define MODEL_MEM_NAME	"m0"		/* the memory every map maps */
#define MODEL_FILE_NAME	"mf"		/* the memfd every map-file maps */
#define MODEL_DMABUF_NAME "md"		/* the mock dma-buf of an iommufd */
#define MODEL_REAL_NAME	"r"		/* --device: r0, r1 ... one per bind */
#define MODEL_PINS	4		/* pins an access keeps at most */
#define MODEL_FAULTS	6		/* faults a queue holds at most, read or not */
#define MODEL_PASIDS	2		/* PASIDs of a mock device the walk uses */

/* MK_ACCESS: a mock in-kernel access; its id is its file descriptor */
enum mkind {
	MK_IOAS, MK_PAGING, MK_NESTED, MK_DEV, MK_VIOMMU, MK_ACCESS, MK_VDEV,
	MK_FAULT, MK_VEVENTQ, MK_HWQ, MK_NKINDS
};

/* What a mapping maps */
enum mback { MB_ANON, MB_MEMFD, MB_DMABUF };

/* A mapping of an IOAS, from MODEL_IOVA_BASE; it always starts at a slot */
struct marea {
	uint32_t off, len;
	uint16_t locks;			/* HW queues that pin a page of it */
	uint64_t dirty;			/* dirty-tracking HWPTs it is dirty in,
					 * by object index */
	uint8_t back;			/* enum mback */
	uint16_t pg;			/* its pages (the kernel's iopt_pages): one
					 * per map, shared by copies and cut parts */
	bool revoked;			/* a dma-buf's, unmapped from its domains
					 * by a revoke (a copy shares its pages) */
};

/* A pin of an access: its id, and the range it pinned */
struct mpin {
	uint32_t id, off, len;
};

/* A fault in a queue: of which device; cookie 0 until it was read */
struct mfault {
	int dev;
	uint32_t cookie;
};

struct mobj {
	bool used;			/* slot taken (live or being created) */
	bool live;
	enum mkind kind;
	char name[12];
	uint32_t id, stdev;		/* stdev: a mock device's selftest id */
	uint32_t hid;			/* an id of the kernel's that no answer
					 * names: an access object's (of an
					 * access, of a HW queue on 7.3); 0 */
	uint64_t born;			/* creation order, for teardown */
	int parent;			/* IOAS of a paging HWPT or an access,
					 * parent of a nested one, HWPT of a
					 * vIOMMU, pt of a device, vIOMMU of a
					 * vDEVICE, vEVENTQ or HW queue */
	int extra;			/* a second object held: the fault queue
					 * of a HWPT, the HW queue a HW queue
					 * depends on; -1 */
	/*
	 * A real (VFIO) device, and the HWPTs made for it: its domains are
	 * another driver's, which the mock devices cannot use, nor it theirs.
	 */
	bool real;
	unsigned int users;		/* objects and devices holding this one */
	unsigned int readers;
	bool writer;
	int fd;				/* fault queue, vEVENTQ, VFIO cdev; -1 */
	/* IOAS */
	int auto_hwpt[2];		/* its automatic domain, mock and real; -1 */
	bool auto_held;
	uint32_t slots_held;
	/*
	 * One more than the slots: a type1 unmap (vfio-compat) cuts a mapping
	 * at any page, and the piece that does not start at a slot lives
	 * until that same unmap takes it
	 */
	struct marea area[MODEL_SLOTS + 1];
	unsigned int narea;
	int allowed;			/* the one slot allow-iovas allows; -1 */
	bool huge_off;			/* huge-pages 0 */
	/* HWPT */
	bool nest_parent, is_auto, pasid_ok, dirty_ok, dirty_on;
	/* device */
	bool pasid_cap;			/* a mock device made with --flags pasid */
	int vdev;			/* its vDEVICE; -1 */
	int pasid_pt[MODEL_PASIDS];	/* what its PASIDs are attached to; -1 */
	int ev_viommu;			/* the vIOMMU its events go to; -1 */
	uint32_t ev_virt;		/* with the virtual id they carry */
	/* vIOMMU */
	int veq;			/* its selftest vEVENTQ; -1 */
	int hwq[2];			/* its HW queues by index; -1 */
	uint16_t virt_used, virt_held;	/* virtual ids of its vDEVICEs */
	/* vDEVICE */
	uint32_t virt;
	int dev;
	/* access */
	bool needs_pin;
	struct mpin pin[MODEL_PINS];
	unsigned int npin;
	uint32_t next_pin;
	/* fault queue */
	struct mfault fq[MODEL_FAULTS];
	unsigned int nfq;
	/* vEVENTQ */
	uint32_t depth, nev;
	bool lost;			/* a lost_events header at its end */
	/* HW queue */
	uint32_t index;
	int hq_ioas;			/* the IOAS whose page it pins */
	uint32_t hq_off;		/* at this offset */
};

#define MOP_MAX_RES 10

/* The arguments of every operation the walk makes */
union mop_args {
	struct ioas_alloc_args ioas_alloc;
	struct ioas_map_args map;
	struct ioas_map_file_args map_file;
	struct ioas_unmap_args unmap;
	struct ioas_copy_args copy;
	struct ioas_allow_iovas_args allow;
	struct ioas_iova_ranges_args ranges;
	struct option_args option;
	struct mock_create_args mock_create;
	struct mock_replace_args mock_replace;
	struct mock_pasid_args pasid;
	struct mock_trigger_iopf_args iopf;
	struct mock_trigger_vevent_args vevent;
	struct mock_dirty_args mock_dirty;
	struct mem_revoke_args revoke;
	struct device_attach_args dev_attach;
	struct device_bind_args dev_bind;
	struct hwpt_alloc_args hwpt_alloc;
	struct hwpt_invalidate_args inv;
	struct hwpt_set_dirty_args set_dirty;
	struct hwpt_get_dirty_args get_dirty;
	struct viommu_alloc_args viommu;
	struct vdevice_alloc_args vdevice;
	struct hw_queue_alloc_args hw_queue;
	struct fault_alloc_args fault_alloc;
	struct fault_read_args fault_read;
	struct fault_respond_args fault_respond;
	struct veventq_alloc_args veventq_alloc;
	struct veventq_read_args veventq_read;
	struct destroy_args destroy;
	struct raw_args raw;
	struct access_create_args access_create;
	struct access_rw_args access_rw;
	struct access_pin_args access_pin;
	struct access_unpin_args access_unpin;
	struct access_close_args access_close;
	struct vfio_ioas_args vfio_ioas;
	struct vfio_compat_args compat;
};

/* IOVA slots of one IOAS an operation holds */
struct mslots {
	int ioas;			/* -1: none */
	uint32_t mask;
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
	struct mslots slots[2];
	int virt_v;			/* vIOMMU whose virtual id @virt is held */
	int compat_res;			/* the compat IOAS's choice held: 1
					 * shared, 2 alone; 0 not */
	int dmabuf_res;			/* the dma-buf's state held, likewise */
	uint32_t virt;
	int subject, target;		/* the objects the update is about */
	int newobj;			/* object being created, or -1 */
	int variant;
	uint32_t off, len;		/* map, unmap: the range, from the base */
	uint32_t aux;			/* a number of the operation's own */
	bool counted;			/* in model.inflight */
	bool alone;			/* began with nothing else in flight */
};

/* What the kernel has, as far as the walk's operations differ by it */
struct model_caps {
	bool viommu, veventq, hw_queue, pasid, map_file;
	bool mock;			/* the selftest's mock devices */
	bool fault_paging;		/* a paging HWPT takes a fault queue (6.15) */
	bool dirty_needs_tracking;	/* the mock's get-dirty reads nothing
					 * while tracking is off (before it used
					 * the generic page table) */
	bool access_pin;		/* access pins are walked (not on 6.12,
					 * where they end in WARNs: README) */
	bool dmabuf;			/* the mock's dma-bufs (6.19) */
	bool readahead_warns;		/* the mock WARNs on the read of an unmapped
					 * IOVA that unpinning around held pages
					 * makes (before the generic page table:
					 * README, kernel bugs) */
	const char *device;		/* --device: its cdev bind argument */
	bool real_nested;		/* its driver makes nested domains */
};

/* What operations hold of a choice the whole iommufd shares: read, or change */
struct mshare {
	unsigned int readers;
	bool writer;
};

struct model {
	pthread_mutex_t lock;
	const struct model_caps *caps;
	struct mobj o[MODEL_MAX_OBJ];
	/* which of o[] are live, by kind: the walk's scans visit only those */
	uint64_t live[MK_NKINDS];
	unsigned int names[MK_NKINDS + 1];	/* counters: names never repeat */
	uint64_t born;
	uint32_t tomb[8];		/* ids the kernel keeps (tombstones) */
	unsigned int ntomb;
	bool real_home;			/* --device binds to this iommufd */
	bool real_bound;		/* it is bound now */
	bool real_busy;			/* an operation binds or unbinds it */
	/*
	 * The compat IOAS (IOMMU_VFIO_IOAS) by its creation order, 0: none.
	 * The kernel forgets it when it is destroyed, which the model sees
	 * as no live IOAS of that order.
	 */
	uint64_t compat_born;
	struct mshare compat;
	/*
	 * The mock dma-buf the walk maps on this iommufd (-1: none), and
	 * whether it is revoked now
	 */
	int dmabuf_fd;
	bool dmabuf_revoked;
	uint16_t next_pg;		/* the pages of the next map */
	struct mshare dmabuf;
	/*
	 * Operations picked and not yet judged; an allocation that began
	 * alone and is still running (nothing else may start); ids the model
	 * cannot know any more (a hidden one made beside other operations)
	 */
	unsigned int inflight;
	bool alone;
	bool ids_lost;
};

void model_init(struct model *m, const struct model_caps *caps);

/*
 * With the lock held: choose an operation by @weights (indexed by
 * enum mop_kind), reserve what it touches and fill @op. False when nothing
 * can start now (everything reserved by other threads, or an allocation
 * running alone).
 *
 * Ids: an allocation that starts with nothing else in flight is told the
 * id the kernel must give (its --want): the lowest free one, as xa_alloc()
 * hands them out (XA_FLAGS_ALLOC1, main.c), and nothing else starts until
 * it is judged. An object the kernel kept after an abort, or never freed,
 * then shows as an id skipped.
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

/* With the lock held: give up @op without running it */
void model_cancel(struct model *m, struct mop *op);

/*
 * Teardown, one thread: what frees the most, as a step that must succeed:
 * a PASID detached first, then the newest object nothing holds, destroyed.
 * False when none is left; *stuck then says whether objects remain that
 * the model thinks are still held.
 */
bool model_pick_teardown(struct model *m, struct mop *op, bool *stuck);

/*
 * A PASID still attached, detached as a step that must succeed: a mock
 * device must not go with one (7.3.4 WARNs). False when none is.
 */
bool model_pick_pasid_off(struct model *m, struct mop *op);

/*
 * A VFIO device bound as r0 with device id @id and cdev @fd, attached to
 * nothing: it joins the walk's attach, replace, detach, rebind and HWPT
 * allocations. False if full.
 */
bool model_add_real(struct model *m, uint32_t id, int fd);

/*
 * The live objects by name, for a step the walk runs behind the model's
 * back: calls @fn for each. Objects another thread holds are left out.
 */
void model_each_named(struct model *m, void (*fn)(void *arg, const struct mobj *o),
		      void *arg);
/* Does no operation hold anything now? */
bool model_idle(const struct model *m);
/* @h names the iommufd's dma-buf (MODEL_DMABUF_NAME) and carries its fd */
void model_dmabuf(const struct model *m, struct handle *h);
/* The live object named @name, or NULL */
const struct mobj *model_find(const struct model *m, const char *name);
/* The newest live object whose name is @prefix and a number, or NULL */
const struct mobj *model_newest(const struct model *m, char prefix);

/* splitmix64: the stress walk's only source of randomness */
uint64_t model_rand(uint64_t *state);

#endif
