// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stress model's VFIO type1 compatibility operations (vfio_compat.c):
 * which IOAS is the compat one (vfio-ioas set, clear, get), and
 * VFIO_IOMMU_MAP_DMA, VFIO_IOMMU_UNMAP_DMA and VFIO_SET_IOMMU on the
 * iommufd, which act on it. A compat map is a mapping of that IOAS like
 * any other: the IOAS operations see it, and the compat ones theirs.
 *
 * A type1 unmap is not IOMMU_IOAS_UNMAP: a range with nothing in it is 0
 * bytes and success, the size is written back also when the unmap stopped
 * half way, and once huge pages are off (set-iommu type1, or the
 * huge-pages option) it first cuts the mappings at both ends of the range
 * (iopt_cut_iova), so that a part of a mapping can go. The walk cuts at
 * any page on the left and at a slot or the end of a mapping on the
 * right: what stays then still starts at a slot (mgen-ioas.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/model-int.h"

#define PAGE		0x1000u

/* The compat IOAS, or -1: none was chosen, or it was destroyed since */
static int compat_ioas(const struct model *m)
{
	uint64_t set = m->compat_born ? m->live[MK_IOAS] : 0;
	int i;

	while (set)
		if (m->o[i = next_of(&set)].born == m->compat_born)
			return i;
	return -1;
}

/*
 * The compat IOAS, held with the choice of it (@w: alone, with its
 * automatic domains, for what looks at its domains); -1: there is none
 * (ENODEV), -2: another thread has what it needs
 */
static int compat_take(struct model *m, struct mop *op, bool w)
{
	int x;

	if (!take_compat(m, op, false))
		return -2;
	x = compat_ioas(m);
	if (x < 0)
		return -1;
	if ((w && !take_auto(m, op, x)) || !try_take(m, op, x, w))
		return -2;
	op->subject = x;
	return x;
}

/* ---- vfio-ioas set, clear, get ---- */

/*
 * vfio_compat.c iommufd_vfio_ioas: set takes an IOAS (iommufd_get_ioas:
 * ENOENT for an id that is none) and holds no reference to it: its destroy
 * makes the choice none again (main.c iommufd_object_remove). Clear always
 * works; get answers the id, or ENODEV with none.
 */
static bool gen_vfio_set(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL);

	step_of(op, &op_vfio_ioas_set);
	if (!rnd(rng, 8)) {
		bogus(&op->a.vfio_ioas.ioas, rng);
		expect(op, ENOENT);
		return true;
	}
	if (x < 0 || !take_compat(m, op, true) || !try_take(m, op, x, false))
		return false;
	op->subject = x;
	obj(&op->a.vfio_ioas.ioas, &m->o[x], false);
	expect(op, 0);
	return true;
}

static bool gen_vfio_ioas(struct model *m, uint64_t *rng, struct mop *op)
{
	int x;

	op->variant = (int)rnd(rng, 8);
	if (op->variant < 4)
		return gen_vfio_set(m, rng, op);
	if (op->variant == 4) {
		if (!take_compat(m, op, true))
			return false;
		step_of(op, &op_vfio_ioas_clear);
		expect(op, 0);
		return true;
	}
	if ((x = compat_take(m, op, false)) == -2)
		return false;
	step_of(op, &op_vfio_ioas_get);
	expect(op, x < 0 ? ENODEV : 0);
	if (x >= 0)
		want(op, m->o[x].id);
	return true;
}

static bool apply_vfio_ioas(struct model *m, struct mop *op, const struct result *r,
			    char *why, size_t len)
{
	(void)why;
	(void)len;
	if (r->err)
		return true;
	if (op->st.op == &op_vfio_ioas_set)
		m->compat_born = m->o[op->subject].born;
	else if (op->st.op == &op_vfio_ioas_clear)
		m->compat_born = 0;
	return true;
}

/* ---- map ---- */

/*
 * vfio_compat.c iommufd_vfio_map_dma: flags other than read and write are
 * EINVAL before the compat IOAS is looked for (ENODEV); then a fixed map
 * as ioas map --iova makes (iopt_map_user_pages: EEXIST). Nothing is
 * written back, so a read-only struct changes nothing.
 */
static bool gen_compat_map(struct model *m, uint64_t *rng, struct mop *op)
{
	struct vfio_compat_args *a = &op->a.compat;
	int x = compat_take(m, op, false);

	if (x == -2 || (x >= 0 && !map_range(m, rng, op, x)))
		return false;
	if (x < 0) {
		op->off = rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE;
		op->len = MODEL_SLOT_SIZE;
	}
	step_of(op, &op_vfio_compat_map);
	named(&a->mem, MODEL_MEM_NAME);
	a->has_mem = a->has_iova = a->has_length = true;
	a->iova = MODEL_IOVA_BASE + op->off;
	a->length = op->len;
	readonly(op, rng, 16);
	if (!rnd(rng, 16)) {
		a->has_flags = true;
		a->flags = ICTL_VFIO_DMA_MAP_FLAG_READ | ICTL_VFIO_DMA_MAP_FLAG_VADDR;
		expect(op, EINVAL);
	} else if (x < 0) {
		expect(op, ENODEV);
	} else {
		expect(op, overlaps(&m->o[x], op->off, op->len) ? EEXIST : 0);
	}
	return true;
}

/* ---- unmap ---- */

enum {
	UN_RANGE,		/* from a page of a mapping */
	UN_SLOTS,		/* one or two slots, mapped or not */
	UN_ALL,			/* VFIO_DMA_UNMAP_FLAG_ALL */
	UN_EMPTY,		/* length 0: EINVAL, after the cut */
	UN_ALL_RANGE,		/* FLAG_ALL with a range: EINVAL */
	UN_BITMAP,		/* GET_DIRTY_BITMAP, which iommufd refuses */
};

/*
 * A range from a page of a mapping (its start, half the time) to the next
 * slot or the one after, or to the mapping's end
 */
static void unmap_from_area(const struct mobj *x, uint64_t *rng, struct mop *op)
{
	const struct marea *a = &x->area[rnd(rng, x->narea)];
	uint32_t end;

	op->off = a->off;
	if (rnd(rng, 2))
		op->off += rnd(rng, a->len / PAGE) * PAGE;
	end = (op->off / MODEL_SLOT_SIZE + 1 + rnd(rng, 2)) * MODEL_SLOT_SIZE;
	if (rnd(rng, 2) || end > MODEL_MEM_SIZE)
		end = a->off + a->len;
	op->len = end - op->off;
}

/* The variant and its range (@x: the compat IOAS, or NULL) */
static void unmap_range(const struct mobj *x, uint64_t *rng, struct mop *op)
{
	static const int mix[16] = {
		UN_RANGE, UN_RANGE, UN_RANGE, UN_RANGE, UN_RANGE, UN_RANGE, UN_RANGE,
		UN_RANGE, UN_SLOTS, UN_SLOTS, UN_SLOTS, UN_ALL, UN_ALL, UN_EMPTY,
		UN_ALL_RANGE, UN_BITMAP
	};
	uint32_t s = rnd(rng, MODEL_SLOTS);

	op->variant = mix[rnd(rng, 16)];
	if (op->variant == UN_RANGE && (!x || !x->narea))
		op->variant = UN_SLOTS;
	op->off = s * MODEL_SLOT_SIZE;
	op->len = s + 1 < MODEL_SLOTS && rnd(rng, 2) ? 2 * MODEL_SLOT_SIZE :
						      MODEL_SLOT_SIZE;
	if (op->variant == UN_RANGE)
		unmap_from_area(x, rng, op);
	else if (op->variant == UN_ALL)
		op->off = op->len = 0;	/* as the struct holds them */
	else if (op->variant == UN_EMPTY)
		op->len = 0;
}

/* The accesses with a pin in [off, off + len) of IOAS @x, a bit each */
static uint64_t pinners(const struct model *m, int x, uint32_t off, uint32_t len)
{
	uint64_t set = m->live[MK_ACCESS], found = 0;
	const struct mobj *o;
	unsigned int i;
	int k;

	while (set) {
		o = &m->o[k = next_of(&set)];
		for (i = 0; o->parent == x && i < o->npin; i++)
			if (o->pin[i].off < off + len && off < o->pin[i].off + o->pin[i].len)
				found |= 1ull << k;
	}
	return found;
}

/*
 * Hold what the unmap of op->off, op->len of IOAS @x may change or look
 * at: the slots of every mapping it touches (the one before it too, which
 * the left cut may split) and the accesses that pin pages there, whose
 * close would unpin them.
 */
static bool take_unmap(struct model *m, struct mop *op, int x)
{
	uint32_t lo = op->off ? op->off - 1 : 0, len = op->off + op->len - lo;
	uint32_t mask = area_slots(&m->o[x], lo, len ? len : 1);
	uint32_t first = (uint32_t)__builtin_ctz(mask), end = 32 - (uint32_t)__builtin_clz(mask);
	uint64_t set;

	if (op->variant == UN_ALL)
		return take_slots(m, op, x, ALL_SLOTS);
	if (!take_slots(m, op, x, mask))
		return false;
	/* the slots are one run: the touched mappings lie end to end in it */
	set = pinners(m, x, first * MODEL_SLOT_SIZE, (end - first) * MODEL_SLOT_SIZE);
	while (set)
		if (!try_take(m, op, next_of(&set), false))
			return false;
	return true;
}

/*
 * Are pages of mapping @a of IOAS @x pinned? An access's pin or a HW
 * queue counts in the area's num_accesses (iopt_area_add_access).
 */
static bool pinned(const struct model *m, int x, const struct marea *a)
{
	return a->locks || pinners(m, x, a->off, a->len);
}

/*
 * io_pagetable.c iopt_area_split at @c, which becomes the last byte of the
 * left part: nothing where no mapping holds @c or @c is its first or last
 * byte; a dma-buf's is never split (EOPNOTSUPP, before the pins are
 * looked at); EINVAL where pages of it are pinned. Both parts keep the dirty
 * records (the domains' page tables do not change). The walk cuts at pages
 * only, which every IOVA alignment it meets allows.
 */
/* The mapping of @x a cut at @c splits (@c inside, not its last byte); -1: none */
static int split_at(const struct mobj *x, uint32_t c)
{
	int i = area_at(x, c);

	if (i < 0 || x->area[i].off == c || x->area[i].off + x->area[i].len - 1 == c)
		return -1;
	return i;
}

static int cut(const struct model *m, int xi, struct mobj *x, uint32_t c)
{
	int i = split_at(x, c);
	struct marea *a;

	if (i < 0)
		return 0;
	a = &x->area[i];
	if (a->back == MB_DMABUF)
		return EOPNOTSUPP;
	if (pinned(m, xi, a))
		return EINVAL;
	x->area[x->narea] = *a;
	x->area[x->narea].off = c + 1;
	x->area[x->narea].len = a->off + a->len - (c + 1);
	a->len = c + 1 - a->off;
	x->narea++;
	area_sort(x);
	return 0;
}

/* Does a mapping other than mapping @i of IOAS @xi map pages @pg? */
static bool pages_shared(const struct model *m, int xi, int i, uint16_t pg)
{
	uint64_t set = m->live[MK_IOAS];
	const struct mobj *y;
	unsigned int k;
	int yi;

	while (set) {
		y = &m->o[yi = next_of(&set)];
		for (k = 0; k < y->narea; k++)
			if (y->area[k].pg == pg && (yi != xi || (int)k != i))
				return true;
	}
	return false;
}

/*
 * Would the unmap cut a mapping whose pages another one maps too? Where
 * the mock WARNs on the kernel's read-ahead (README, kernel bugs: 6.12),
 * the walk keeps such mappings whole: then any two mappings of one
 * iopt_pages cover the same pages or none of each other's, and no unpin
 * meets a hole, a held span and a hole again.
 */
static bool cuts_shared(const struct model *m, int xi, const struct mop *op)
{
	const struct mobj *x = &m->o[xi];
	uint32_t c[2] = { op->off + op->len - 1, op->off - 1 };
	unsigned int k;
	int i;

	if (!m->caps->readahead_warns || !x->huge_off || op->variant == UN_ALL)
		return false;
	for (k = 0; k < (op->off ? 2u : 1u); k++)
		if ((i = split_at(x, c[k])) >= 0 && pages_shared(m, xi, i, x->area[i].pg))
			return true;
	return false;
}

/*
 * vfio_compat.c iommufd_vfio_unmap_dma on @x, the IOAS @xi or a copy of
 * it: with huge pages off, the cut at the range's last byte, then the one
 * before its first (none before IOVA 0); a failed cut is the answer, the
 * size not written back (*told false). Then iopt_unmap_iova(): an empty
 * range is EINVAL, else what iopt_unmap_iova_range() does, where nothing is
 * no error. The mappings that go are *gone, by index, *bytes long.
 */
static int type1_unmap(const struct model *m, int xi, struct mobj *x,
		       const struct mop *op, uint32_t *gone, uint64_t *bytes, bool *told)
{
	int e = 0;

	*gone = 0;
	*bytes = 0;
	*told = true;
	if (op->variant == UN_ALL)
		return unmap_predict(x, 0, MODEL_MEM_SIZE, true, gone, bytes);
	if (x->huge_off) {
		e = cut(m, xi, x, op->off + op->len - 1);
		if (!e && op->off)
			e = cut(m, xi, x, op->off - 1);
	}
	if (e) {
		*told = false;
		return e;
	}
	if (!op->len)
		return EINVAL;
	return unmap_predict(x, op->off, op->len, true, gone, bytes);
}

static void unmap_args(struct mop *op)
{
	struct vfio_compat_args *a = &op->a.compat;

	step_of(op, &op_vfio_compat_unmap);
	if (op->variant == UN_ALL) {
		a->all = true;
		return;
	}
	a->has_iova = a->has_length = true;
	a->iova = MODEL_IOVA_BASE + op->off;
	a->length = op->len;
	if (op->variant == UN_ALL_RANGE || op->variant == UN_BITMAP) {
		a->has_flags = true;
		a->flags = op->variant == UN_BITMAP ? ICTL_VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP :
						      ICTL_VFIO_DMA_UNMAP_FLAG_ALL;
	}
}

/*
 * The answer, and the size the struct holds after it (op->aux): what was
 * unmapped where the kernel wrote it back, the length given where it did
 * not or could not (a read-only struct, EFAULT; what it unmapped is gone
 * all the same). GET_DIRTY_BITMAP is refused before the compat IOAS is
 * looked for, FLAG_ALL with a range after.
 */
static int unmap_expect(const struct model *m, int x, struct mop *op)
{
	struct mobj t;
	uint32_t gone;
	uint64_t bytes;
	bool told;
	int e;

	op->aux = op->len;
	if (op->variant == UN_BITMAP)
		return EINVAL;
	if (x < 0)
		return ENODEV;
	if (op->variant == UN_ALL_RANGE)
		return EINVAL;
	t = m->o[x];
	e = type1_unmap(m, x, &t, op, &gone, &bytes, &told);
	if (!told)
		return e;
	if (op->st.readonly_arg)
		return EFAULT;
	op->aux = (uint32_t)bytes;
	if (!e)
		want(op, bytes);
	return e;
}

static bool gen_compat_unmap(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = compat_take(m, op, false);

	if (x == -2)
		return false;
	unmap_range(x < 0 ? NULL : &m->o[x], rng, op);
	if (x >= 0 && op->variant < UN_ALL_RANGE &&
	    (!take_unmap(m, op, x) || cuts_shared(m, x, op)))
		return false;
	unmap_args(op);
	readonly(op, rng, 12);
	expect(op, unmap_expect(m, x, op));
	return true;
}

static bool apply_compat_unmap(struct model *m, struct mop *op, const struct result *r,
			       char *why, size_t len)
{
	uint32_t gone;
	uint64_t bytes;
	bool told;

	if (r->v[COMPAT_UNMAPPED] != op->aux) {
		snprintf(why, len, "the kernel wrote back a size of %llu, the model "
			 "predicted %u", (unsigned long long)r->v[COMPAT_UNMAPPED], op->aux);
		return false;
	}
	if (op->subject < 0 || op->variant >= UN_ALL_RANGE)
		return true;
	type1_unmap(m, op->subject, &m->o[op->subject], op, &gone, &bytes, &told);
	unmap_gone(m, op->subject, gone);
	return true;
}

/* ---- set-iommu ---- */

/*
 * vfio_compat.c iommufd_vfio_set_iommu: a type other than type1 and
 * type1v2 is EINVAL (noiommu too: no no-IOMMU device was attached here),
 * then ENODEV without a compat IOAS; type1v2 changes nothing, type1 turns
 * huge pages off as the huge-pages option would (large_pages_off()).
 */
static bool gen_compat_iommu(struct model *m, uint64_t *rng, struct mop *op)
{
	static const uint32_t other[3] = {
		ICTL_VFIO_NOIOMMU_IOMMU, ICTL_VFIO_SPAPR_TCE_v2_IOMMU,
		ICTL_VFIO_TYPE1_NESTING_IOMMU
	};
	struct vfio_compat_args *a = &op->a.compat;
	int x;

	op->variant = (int)rnd(rng, 6);
	x = compat_take(m, op, op->variant < 3);
	if (x == -2)
		return false;
	step_of(op, &op_vfio_compat_set_iommu);
	a->has_type = true;
	a->type = op->variant < 3 ? ICTL_VFIO_TYPE1_IOMMU :
		  op->variant < 5 ? ICTL_VFIO_TYPE1v2_IOMMU : other[rnd(rng, 3)];
	if (op->variant == 5)
		expect(op, EINVAL);
	else if (x < 0)
		expect(op, ENODEV);
	else
		expect(op, op->variant < 3 ? large_pages_off(m, x) : 0);
	return true;
}

static bool apply_compat_iommu(struct model *m, struct mop *op, const struct result *r,
			       char *why, size_t len)
{
	(void)why;
	(void)len;
	if (!r->err && op->variant < 3)
		m->o[op->subject].huge_off = true;
	return true;
}

const struct mop_desc mgen_compat[MOP_NKINDS] = {
	[MOP_VFIO_IOAS] = { gen_vfio_ioas, apply_vfio_ioas },
	[MOP_COMPAT_MAP] = { gen_compat_map, apply_map },
	[MOP_COMPAT_UNMAP] = { gen_compat_unmap, apply_compat_unmap },
	[MOP_COMPAT_IOMMU] = { gen_compat_iommu, apply_compat_iommu },
};
