// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stress model's VFIO_IOMMU_UNMAP_DMA (mgen-compat.c) against what
 * vfio_compat.c and io_pagetable.c do, on a model built by hand: with huge
 * pages off a part of a mapping goes (cut at both ends), not while its
 * pages are pinned (EINVAL, no size written back); with them on the part
 * is ENOENT; nothing to unmap is 0 bytes; a destroyed compat IOAS is none;
 * where the mock WARNs on the kernel's read-ahead (6.12), a mapping whose
 * pages a copy maps too is not cut. The kernel's answers are written here, not taken from the model.
 */
#include <errno.h>
#include <string.h>

#include "engine/model.h"
#include "tap.h"

#define S(n)		((uint32_t)(n) * MODEL_SLOT_SIZE)
#define PG		0x1000u

static const struct model_caps caps = { .mock = true, .access_pin = true };
static struct model m;

/* i0 with one mapping of slots 1 and 2, the compat IOAS; huge pages @huge */
static struct mobj *start(bool huge)
{
	struct mobj *x = &m.o[0];

	model_init(&m, &caps);
	*x = (struct mobj){ .used = true, .live = true, .kind = MK_IOAS, .id = 1,
			    .born = 1, .parent = -1, .extra = -1, .fd = -1,
			    .allowed = -1, .huge_off = !huge, .narea = 1 };
	x->auto_hwpt[0] = x->auto_hwpt[1] = -1;
	strcpy(x->name, "i0");
	x->area[0] = (struct marea){ .off = S(1), .len = S(2) };
	m.born = m.compat_born = 1;
	m.names[MK_IOAS] = 1;
	m.live[MK_IOAS] = 1;
	return x;
}

/* An access to i0 that pins the first page of slot 2 */
static void pin_slot2(void)
{
	struct mobj *a = &m.o[1];

	*a = (struct mobj){ .used = true, .live = true, .kind = MK_ACCESS, .id = 9,
			    .born = 2, .parent = 0, .extra = -1, .fd = -1, .npin = 1,
			    .needs_pin = true, .next_pin = 1 };
	strcpy(a->name, "a0");
	a->pin[0] = (struct mpin){ .id = 0, .off = S(2), .len = PG };
	m.o[0].users++;
	m.live[MK_ACCESS] = 2;
}

typedef bool (*match_fn)(const struct mop *op);

/* Picks of kind @k until one @match es (the others given up); false: none */
static bool find(enum mop_kind k, match_fn match, struct mop *op)
{
	unsigned int w[MOP_NKINDS] = { 0 };
	uint64_t seed = 5;
	int n;

	w[k] = 1;
	for (n = 0; n < 20000; n++) {
		if (!model_pick(&m, &seed, w, op))
			continue;
		if (op->kind == k && match(op))
			return true;
		model_cancel(&m, op);
	}
	return false;
}

/* The kernel answered -@err and wrote back @size: does the model agree? */
static bool kernel_says(struct mop *op, int err, uint64_t size)
{
	struct result r;
	char why[256];

	memset(&r, 0, sizeof(r));
	r.err = -err;
	r.v[COMPAT_UNMAPPED] = size;
	return model_apply(&m, op, &r, why, sizeof(why));
}

static bool range_is(const struct mop *op, uint32_t off, uint32_t len)
{
	const struct vfio_compat_args *a = &op->a.compat;

	return !a->has_flags && !a->all && !op->st.readonly_arg &&
	       a->iova == MODEL_IOVA_BASE + off && a->length == len;
}

/* From the fifth page of slot 1 to slot 2: the middle of the mapping */
static bool middle(const struct mop *op)
{
	return range_is(op, S(1) + 4 * PG, S(1) - 4 * PG);
}

static bool slot5(const struct mop *op)
{
	return range_is(op, S(5), S(1));
}

static bool areas_are(const struct mobj *x, uint32_t off0, uint32_t len0,
		      uint32_t off1, uint32_t len1)
{
	return x->narea == 2 && x->area[0].off == off0 && x->area[0].len == len0 &&
	       x->area[1].off == off1 && x->area[1].len == len1;
}

static void cut_both_ends(void)
{
	struct mobj *x = start(false);
	struct mop op;

	ok(find(MOP_COMPAT_UNMAP, middle, &op) && !op.expect[0] && op.st.has_want &&
	   op.st.want == S(1) - 4 * PG,
	   "huge pages off: the middle of a mapping goes, 48K predicted");
	ok(kernel_says(&op, 0, S(1) - 4 * PG), "... as the kernel answers");
	ok(areas_are(x, S(1), 4 * PG, S(2), S(1)),
	   "... leaving its first four pages and slot 2, two mappings");
}

static void pinned_is_not_cut(void)
{
	struct mobj *x;
	struct mop op;

	x = start(false);
	pin_slot2();
	ok(find(MOP_COMPAT_UNMAP, middle, &op) && op.expect[0] == EINVAL,
	   "a pinned page in the mapping: the cut is EINVAL");
	ok(!kernel_says(&op, EINVAL, 0),
	   "... and the size was not written back: 0 unmapped is a finding");
	x = start(false);
	pin_slot2();
	ok(find(MOP_COMPAT_UNMAP, middle, &op) && kernel_says(&op, EINVAL, S(1) - 4 * PG) &&
	   x->narea == 1 && x->area[0].len == S(2), "... which stays whole");
}

static void huge_pages_on(void)
{
	struct mobj *x = start(true);
	struct mop op;

	ok(find(MOP_COMPAT_UNMAP, middle, &op) && op.expect[0] == ENOENT,
	   "huge pages on: no cut, the mapping sticks out (ENOENT)");
	ok(!kernel_says(&op, ENOENT, S(1) - 4 * PG),
	   "... after unmapping nothing: a size of 48K written back is a finding");
	x = start(true);
	ok(find(MOP_COMPAT_UNMAP, middle, &op) && kernel_says(&op, ENOENT, 0) &&
	   x->narea == 1, "... 0 written back, the mapping whole");
	x = start(true);
	ok(find(MOP_COMPAT_UNMAP, slot5, &op) && !op.expect[0] && op.st.want == 0 &&
	   kernel_says(&op, 0, 0) && x->narea == 1,
	   "nothing in the range: success, 0 bytes (IOMMU_IOAS_UNMAP says ENOENT)");
}

static bool no_flags(const struct mop *op)
{
	return !op->a.compat.has_flags;
}

static void compat_ioas_gone(void)
{
	struct mop op;

	start(true);
	memset(&m.o[0], 0, sizeof(m.o[0]));
	m.live[MK_IOAS] = 0;
	ok(find(MOP_COMPAT_MAP, no_flags, &op) && op.expect[0] == ENODEV,
	   "the compat IOAS destroyed: a compat map is ENODEV");
}

/*
 * 6.12's mock: i0's mapping and a copy of it at slot 4 share their pages,
 * and cutting one would let an unpin meet a hole, a held span and a hole
 * again (README, kernel bugs): no unmap that cuts it is picked. A mapping
 * of pages of its own is cut as before.
 */
static void shared_is_not_cut(void)
{
	static const struct model_caps rcaps = { .mock = true, .readahead_warns = true };
	struct mobj *x = start(false);
	struct mop op;

	m.caps = &rcaps;
	x->area[0].pg = 1;
	x->area[1] = (struct marea){ .off = S(4), .len = S(2), .pg = 1 };
	x->narea = 2;
	ok(!find(MOP_COMPAT_UNMAP, middle, &op),
	   "6.12: the middle of a mapping that a copy shares is never cut");
	x->area[1].pg = 2;
	ok(find(MOP_COMPAT_UNMAP, middle, &op) && !op.expect[0],
	   "... and is, once the other mapping has pages of its own");
}

int main(void)
{
	tap_plan(13);
	cut_both_ends();
	pinned_is_not_cut();
	huge_pages_on();
	compat_ioas_gone();
	shared_is_not_cut();
	return tap_done();
}
