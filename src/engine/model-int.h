/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the stress model (model.h): what its parts share. model.c keeps
 * the objects, the reservations and the judging; mgen-*.c generate the
 * operations, each with its prediction and what its answer changes.
 *
 * The predictions come from the kernel's code (Linux 6.12.117 and 7.3.4);
 * each rule names the function it was read from.
 */
#ifndef ICTL_MODEL_INT_H
#define ICTL_MODEL_INT_H

#include "engine/model.h"

/* Ids the kernel never hands out in a run this size: "no such object". */
#define BOGUS_ID	0x7fff0000u
#define KIND_BIT(k)	(1u << (k))
#define HWPT_KINDS	(KIND_BIT(MK_PAGING) | KIND_BIT(MK_NESTED))

/*
 * One kind of operation. @gen reserves, fills op->st and predicts, or
 * returns false (nothing to do now). @apply runs for every answer that
 * was predicted (success or the errno): it makes the graph what the kernel
 * now has; false on a finding in @why. NULL: nothing changes.
 */
struct mop_desc {
	bool (*gen)(struct model *m, uint64_t *rng, struct mop *op);
	bool (*apply)(struct model *m, struct mop *op, const struct result *r,
		      char *why, size_t len);
};

extern const struct mop_desc mop_descs[MOP_NKINDS];

typedef bool (*obj_filter)(const struct model *m, const struct mobj *o);

unsigned int rnd(uint64_t *rng, unsigned int n);

/* ---- the steps' arguments (model.c) ---- */

/* @o as a step names it; @stdev: a mock device by its selftest object */
void obj(struct handle *h, const struct mobj *o, bool stdev);
void named(struct handle *h, const char *name);
void bogus(struct handle *h, uint64_t *rng);
/* The step is @o with the arguments in op->a, which start cleared */
void step_of(struct mop *op, const struct op *o);
/* The one errno (0: success) the kernel must answer; either of two */
void expect(struct mop *op, int e);
void expect_either(struct mop *op, int a, int b);
/* The number the step must answer with (its --want) */
void want(struct mop *op, uint64_t v);
/* The reply struct in a read-only page, one time in @n: true if so */
bool readonly(struct mop *op, uint64_t *rng, unsigned int n);

/* ---- reservations ---- */

bool can_take(const struct mobj *o, bool w);
void take(struct model *m, struct mop *op, int i, bool w);
/* Take @i if it can be had (-1: nothing to take); false if not */
bool try_take(struct model *m, struct mop *op, int i, bool w);
bool take_auto(struct model *m, struct mop *op, int ioas);
/* Hold which IOAS is the compat one (@w: to change it); false if taken */
bool take_compat(struct model *m, struct mop *op, bool w);
/* Hold the dma-buf's state (@w: to revoke or restore it); false if taken */
bool take_dmabuf(struct model *m, struct mop *op, bool w);
/* Hold the slots @mask of IOAS @x; false if another thread has one */
bool take_slots(struct model *m, struct mop *op, int x, uint32_t mask);
uint32_t slot_mask(uint32_t off, uint32_t len);
#define ALL_SLOTS	((1u << MODEL_SLOTS) - 1)
/* The live objects of @kinds (a bit mask of kinds), as a bit per object */
uint64_t live_of(const struct model *m, unsigned int kinds);
/* The next object of @set (from live_of()), taken out of it; @set not empty */
static inline int next_of(uint64_t *set)
{
	int i = __builtin_ctzll(*set);

	*set &= *set - 1;
	return i;
}
/* A random live object of @kinds (a bit mask) that can be reserved, or -1 */
int pick(struct model *m, uint64_t *rng, unsigned int kinds, bool w,
	 obj_filter ok);
/*
 * As pick(), but three times in four among those @pref takes (each also
 * one @ok takes) if there are any: where the interesting case is rare
 */
int pick_pref(struct model *m, uint64_t *rng, unsigned int kinds, bool w,
	      obj_filter pref, obj_filter ok);
/* As pick(), with a filter that looks at @ctx too */
typedef bool (*ctx_filter)(const struct model *m, const struct mobj *o, int ctx);
int pick_ctx(struct model *m, uint64_t *rng, unsigned int kinds, bool w,
	     ctx_filter ok, int ctx);
/* Leaving @pt may free an automatic domain: hold it and its IOAS */
bool take_holder_ioas(struct model *m, struct mop *op, int pt);
/* A new object of kind @k (its name made), or -1 if full */
int new_obj(struct model *m, struct mop *op, enum mkind k);

/* ---- the graph ---- */

/* @n holds an id no answer names (see mobj.hid), just made by @op */
void hidden_id(struct model *m, int n, const struct mop *op);

void drop(struct model *m, int i);
/* @n is live with the kernel's id @id; false if a live object has it */
bool born(struct model *m, int n, uint32_t id, char *why, size_t len);
/* Does @r's new object hold @op's target first? False: why says what it holds */
bool holds_chosen(const struct model *m, const struct mop *op,
		  const struct result *r, char *why, size_t len);
/* The object the kernel knows as @id (accesses have none), or -1 */
int by_id(const struct model *m, uint32_t id);
/* @dev leaves what it is attached to; an emptied automatic domain goes */
void detach(struct model *m, int dev);
/* @dev joins @pt (an IOAS: its automatic domain @hwpt_id); false: not the one */
bool attach(struct model *m, int dev, int pt, uint32_t hwpt_id);
/* One user more, or less, of @i (-1: none) */
void hold(struct model *m, int i);
void unhold(struct model *m, int i);
/* The live objects of kind @k that have @field == @i: how many */
unsigned int count_if(const struct model *m, enum mkind k, int parent);

/* ---- per part ---- */

/* mgen-ioas.c: what an unmap or a destroy does to an IOAS's mappings */
void area_sort(struct mobj *x);
int area_at(const struct mobj *x, uint32_t off);
/*
 * The slots of [off, off + len) and of every mapping it touches: what a HW
 * queue holds, since the kernel locks the whole area (num_locks), and an
 * unmap of another slot of that area answers EBUSY while it is locked
 */
uint32_t area_slots(const struct mobj *x, uint32_t off, uint32_t len);
bool overlaps(const struct mobj *x, uint32_t off, uint32_t len);
bool covered(const struct mobj *x, uint32_t off, uint32_t len);
/*
 * What the kernel's walks to the pages of [off, off + len) answer:
 * ENOENT at a gap, EINVAL at a dma-buf's mapping before one, else 0
 */
int cpu_reach(const struct mobj *x, uint32_t off, uint32_t len);
/*
 * iopt_unmap_iova_range(): the mappings of [off, off + len) that go, by
 * index (@gone) and their bytes, and the errno; @all: nothing is no error
 */
int unmap_predict(const struct mobj *x, uint32_t off, uint32_t len, bool all,
		  uint32_t *gone, uint64_t *bytes);
/* The mappings @gone (by index) of IOAS @x go, and the pins in them */
void unmap_gone(struct model *m, int x, uint32_t gone);
/*
 * A fixed map's range of IOAS @x into op->off, op->len, its slots and @x
 * held; false when another thread has one of them
 */
bool map_range(struct model *m, uint64_t *rng, struct mop *op, int x);
/* A map's answer: the mapping is there unless it failed before */
bool apply_map(struct model *m, struct mop *op, const struct result *r,
	       char *why, size_t len);
/*
 * io_pagetable.c iopt_disable_large_pages: EINVAL once domains map
 * something, unless they are off already; else 0
 */
int large_pages_off(const struct model *m, int x);
/* Access pins over [off, off + len) of IOAS @x go: its accesses' unmap */
void drop_pins(struct model *m, int x, uint32_t off, uint32_t len);
/*
 * Paging HWPT @h goes: its IOAS's mappings forget they were dirty in it,
 * or a HWPT made later in its place would inherit what it never recorded
 */
void dirty_forget(struct model *m, int h);
/* The IOAS whose mappings HWPT @h translates, or -1 */
int hwpt_ioas(const struct model *m, int h);

/* mgen-queue.c: a device's faults go when it leaves its HWPT */
void faults_of_dev_go(struct model *m, int dev);
/* The fault queue of the HWPT @dev is attached to, or -1 */
int dev_fault_queue(const struct model *m, int dev);
/* The vIOMMU a device's attach would pick up, and its virtual id */
void dev_events_follow(struct model *m, int dev);

/* mgen-dev.c: the destroy of @o, and of a device in the teardown */
void destroy_args(struct model *m, struct mop *op, const struct mobj *o);
bool apply_destroy(struct model *m, struct mop *op, const struct result *r,
		   char *why, size_t len);

#endif
