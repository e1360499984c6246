// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stress model's IOAS operations: alloc, map, map-file (of the memfd
 * and of the mock dma-buf), the dma-buf's revoke, unmap, copy,
 * allow-iovas, iova-ranges, the huge-pages option, the mock accesses (rw,
 * pin, unpin), dirty tracking, and the struct-size and bad-id probes.
 *
 * Every mapping starts at a slot (64 KiB), so that a slot holds at most
 * the start of one mapping: what an unmap of a range takes, in the
 * kernel's order, follows from the sorted mappings alone.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/model-int.h"

#define PAGE		0x1000u

/* ---- mappings ---- */

void area_sort(struct mobj *x)
{
	unsigned int i, j;
	struct marea t;

	for (i = 1; i < x->narea; i++)
		for (j = i; j > 0 && x->area[j - 1].off > x->area[j].off; j--) {
			t = x->area[j];
			x->area[j] = x->area[j - 1];
			x->area[j - 1] = t;
		}
}

/* The mapping that holds offset @off, or -1 */
int area_at(const struct mobj *x, uint32_t off)
{
	unsigned int i;

	for (i = 0; i < x->narea; i++)
		if (x->area[i].off <= off && off < x->area[i].off + x->area[i].len)
			return (int)i;
	return -1;
}

uint32_t area_slots(const struct mobj *x, uint32_t off, uint32_t len)
{
	uint32_t mask = slot_mask(off, len);
	unsigned int i;

	for (i = 0; i < x->narea; i++)
		if (off < x->area[i].off + x->area[i].len && x->area[i].off < off + len)
			mask |= slot_mask(x->area[i].off, x->area[i].len);
	return mask;
}

bool overlaps(const struct mobj *x, uint32_t off, uint32_t len)
{
	unsigned int i;

	for (i = 0; i < x->narea; i++)
		if (off < x->area[i].off + x->area[i].len && x->area[i].off < off + len)
			return true;
	return false;
}

/*
 * Do mappings cover [off, off + len) without a gap? The kernel's
 * contiguous-area walk (iopt_area_contig_*): adjacent mappings count.
 */
bool covered(const struct mobj *x, uint32_t off, uint32_t len)
{
	int a;

	while (len) {
		a = area_at(x, off);
		if (a < 0)
			return false;
		if (x->area[a].off + x->area[a].len - off >= len)
			return true;
		len -= x->area[a].off + x->area[a].len - off;
		off = x->area[a].off + x->area[a].len;
	}
	return true;
}

/*
 * What reaches the pages of [off, off + len) through the mappings that
 * cover it, one after the other as iopt_for_each_contig_area() walks
 * them (device.c iommufd_access_rw, iommufd_access_pin_pages): a dma-buf
 * has no struct pages to read or pin (pages.c iopt_pages_rw_access,
 * iopt_area_add_access: EINVAL) and stops the walk where it comes; a gap
 * ends it with ENOENT. 0: every page reached.
 */
int cpu_reach(const struct mobj *x, uint32_t off, uint32_t len)
{
	uint32_t end;
	int a;

	while (len) {
		a = area_at(x, off);
		if (a < 0)
			return ENOENT;
		if (x->area[a].back == MB_DMABUF)
			return EINVAL;
		end = x->area[a].off + x->area[a].len;
		if (end - off >= len)
			return 0;
		len -= end - off;
		off = end;
	}
	return 0;
}

static void add_area(struct mobj *x, uint32_t off, uint32_t len, enum mback back,
		     bool revoked, uint16_t pg)
{
	x->area[x->narea++] = (struct marea){ .off = off, .len = len,
					      .back = (uint8_t)back, .revoked = revoked,
					      .pg = pg };
	area_sort(x);
}

void drop_pins(struct model *m, int x, uint32_t off, uint32_t len)
{
	uint64_t set = m->live[MK_ACCESS];
	struct mobj *a;
	unsigned int i, j;

	while (set) {
		a = &m->o[next_of(&set)];
		if (a->parent != x)
			continue;
		for (i = j = 0; i < a->npin; i++)
			if (a->pin[i].off >= off + len || off >= a->pin[i].off + a->pin[i].len)
				a->pin[j++] = a->pin[i];
		a->npin = j;
	}
}

int hwpt_ioas(const struct model *m, int h)
{
	while (h >= 0 && m->o[h].kind != MK_IOAS)
		h = m->o[h].parent;
	return h;
}

/* Does IOAS @x have a domain, and a real (VFIO) one among them? */
static bool has_domain(const struct model *m, int x, bool *real)
{
	const struct mobj *o;
	bool any = false;
	int i;

	*real = m->o[x].auto_hwpt[1] >= 0;
	for (i = 0; i < MODEL_MAX_OBJ; i++) {
		o = &m->o[i];
		if (o->live && o->kind == MK_PAGING && o->parent == x) {
			any = true;
			*real |= o->real;
		}
	}
	return any;
}

/* ---- ioas alloc ---- */

static bool gen_ioas_alloc(struct model *m, uint64_t *rng, struct mop *op)
{
	int i = new_obj(m, op, MK_IOAS);

	if (i < 0)
		return false;
	step_of(op, &op_ioas_alloc);
	strcpy(op->a.ioas_alloc.name, m->o[i].name);
	/* ioas.c iommufd_ioas_alloc_ioctl: the reply fails, the IOAS is aborted */
	expect(op, readonly(op, rng, 12) ? EFAULT : 0);
	return true;
}

static bool apply_ioas_alloc(struct model *m, struct mop *op,
			     const struct result *r, char *why, size_t len)
{
	return r->err || born(m, op->newobj, r->made.id, why, len);
}

/* ---- map, map-file ---- */

bool map_range(struct model *m, uint64_t *rng, struct mop *op, int x)
{
	uint32_t k = 1 + rnd(rng, 3), s = rnd(rng, MODEL_SLOTS - k + 1);

	op->off = s * MODEL_SLOT_SIZE;
	op->len = k * MODEL_SLOT_SIZE - rnd(rng, 16) * PAGE;
	return take_slots(m, op, x, slot_mask(op->off, op->len)) &&
	       try_take(m, op, x, false);
}

static void map_args(struct mop *op, uint32_t off, uint32_t len)
{
	struct ioas_map_args *a = &op->a.map;

	step_of(op, &op_ioas_map);
	named(&a->mem, MODEL_MEM_NAME);
	a->has_mem = a->has_iova = a->has_length = true;
	a->iova = MODEL_IOVA_BASE + off;
	a->length = len;
}

/*
 * An automatic IOVA, where allow-iovas left one slot: iopt_alloc_iova()
 * takes the first hole of the allowed range that fits, so an empty slot
 * maps at its start and a slot with a mapping in it has no room for 64 KiB.
 */
static bool gen_auto_map(struct model *m, uint64_t *rng, struct mop *op, int x)
{
	uint32_t s = (uint32_t)m->o[x].allowed * MODEL_SLOT_SIZE;
	bool empty = !overlaps(&m->o[x], s, MODEL_SLOT_SIZE);

	if (!take_slots(m, op, x, slot_mask(s, MODEL_SLOT_SIZE)))
		return false;
	op->variant = 1;
	op->off = s;
	op->len = empty ? MODEL_SLOT_SIZE - rnd(rng, 16) * PAGE : MODEL_SLOT_SIZE;
	map_args(op, s, op->len);
	obj(&op->a.map.ioas, &m->o[x], false);
	op->a.map.has_iova = false;
	op->a.map.iova = 0;
	expect(op, empty ? 0 : ENOSPC);
	if (empty)
		want(op, MODEL_IOVA_BASE + s);
	return true;
}

static bool gen_map(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL);

	if (x < 0)
		return false;
	op->subject = x;
	if (m->o[x].allowed >= 0 && rnd(rng, 2))
		return try_take(m, op, x, false) && gen_auto_map(m, rng, op, x);
	if (!map_range(m, rng, op, x))
		return false;
	map_args(op, op->off, op->len);
	obj(&op->a.map.ioas, &m->o[x], false);
	/*
	 * ioas.c iommufd_ioas_map: the mapping is made before the reply,
	 * which a read-only struct then fails; the mapping stays.
	 */
	if (overlaps(&m->o[x], op->off, op->len))
		expect(op, EEXIST);
	else
		expect(op, readonly(op, rng, 16) ? EFAULT : 0);
	return true;
}

/* A map-file into IOAS @x of op->off, op->len, from the start of the file */
static void map_file_args(struct model *m, struct mop *op, int x)
{
	struct ioas_map_file_args *a = &op->a.map_file;

	op->subject = x;
	step_of(op, &op_ioas_map_file);
	obj(&a->ioas, &m->o[x], false);
	a->has_iova = a->has_length = true;
	a->iova = MODEL_IOVA_BASE + op->off;
	a->length = op->len;
}

static bool gen_map_file(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL);

	if (!m->caps->map_file || x < 0 || !map_range(m, rng, op, x))
		return false;
	map_file_args(m, op, x);
	named(&op->a.map_file.mem, MODEL_FILE_NAME);
	/* ioas.c iommufd_ioas_map_file: as map, from the file's pages */
	expect(op, overlaps(&m->o[x], op->off, op->len) ? EEXIST : 0);
	return true;
}

/*
 * A slice of the iommufd's dma-buf, whose pages io_pagetable.c
 * iopt_map_file_pages() takes from the exporter (dma_buf_get() finds one):
 * pages.c iopt_alloc_dmabuf_pages() refuses a slice past its end (EINVAL),
 * then iopt_map_dmabuf() asks the mock (selftest.c
 * iommufd_test_dma_buf_iommufd_map: ENODEV while revoked), and only then
 * iopt_map_common() looks at the IOVA (EEXIST); the reply comes last
 * (ioas.c iommufd_ioas_map_file), the mapping stays when it fails.
 */
static bool gen_map_dmabuf(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL);
	struct ioas_map_file_args *a = &op->a.map_file;

	if (m->dmabuf_fd < 0 || x < 0 || !map_range(m, rng, op, x) ||
	    !take_dmabuf(m, op, false))
		return false;
	map_file_args(m, op, x);
	model_dmabuf(m, &a->mem);
	op->variant = !rnd(rng, 16);
	a->start = op->variant ? MODEL_MEM_SIZE - op->len + PAGE :
		   rnd(rng, (MODEL_MEM_SIZE - op->len) / PAGE + 1) * PAGE;
	if (op->variant)
		expect(op, EINVAL);
	else if (m->dmabuf_revoked)
		expect(op, ENODEV);
	else if (overlaps(&m->o[x], op->off, op->len))
		expect(op, EEXIST);
	else
		expect(op, readonly(op, rng, 16) ? EFAULT : 0);
	return true;
}

bool apply_map(struct model *m, struct mop *op, const struct result *r,
	       char *why, size_t len)
{
	enum mback back = op->kind == MOP_MAP_FILE ? MB_MEMFD :
			  op->kind == MOP_MAP_DMABUF ? MB_DMABUF : MB_ANON;

	(void)why;
	(void)len;
	if (!r->err || r->err == -EFAULT)
		add_area(&m->o[op->subject], op->off, op->len, back, false, ++m->next_pg);
	return true;
}

/* ---- the dma-buf's revoke ---- */

/*
 * selftest.c iommufd_test_dmabuf_revoke: the mock dma-buf is revoked, or
 * restored, and either way dma_buf_invalidate_mappings() tells every
 * importer: pages.c iopt_revoke_notify() unmaps each mapping of it that
 * is not revoked yet from its domains, and its pages stay revoked
 * (phys.len 0) for good. A restore serves new maps only. Held alone: the
 * dma-buf's maps predict by its state, get-dirty by a mapping's.
 */
static bool gen_revoke(struct model *m, uint64_t *rng, struct mop *op)
{
	if (m->dmabuf_fd < 0 || !take_dmabuf(m, op, true))
		return false;
	op->variant = (int)rnd(rng, 2);
	step_of(op, &op_mem_revoke);
	model_dmabuf(m, &op->a.revoke.mem);
	op->a.revoke.restore = op->variant;
	expect(op, 0);
	return true;
}

/*
 * Every dma-buf mapping of every IOAS is revoked: its pages are out of the
 * domains, and the marks of its dirty pages with them
 */
static bool apply_revoke(struct model *m, struct mop *op, const struct result *r,
			 char *why, size_t len)
{
	uint64_t set = m->live[MK_IOAS];
	struct mobj *x;
	unsigned int i;

	(void)r;
	(void)why;
	(void)len;
	m->dmabuf_revoked = !op->variant;
	while (set) {
		x = &m->o[next_of(&set)];
		for (i = 0; i < x->narea; i++) {
			if (x->area[i].back != MB_DMABUF)
				continue;
			x->area[i].revoked = true;
			x->area[i].dirty = 0;
		}
	}
	return true;
}

/* ---- unmap ---- */

/*
 * iopt_unmap_iova_range() (io_pagetable.c): the mappings in the range go
 * lowest first; one a HW queue pins stops it with EBUSY, one that sticks
 * out of the range with ENOENT, the ones before either gone all the same.
 * An access's pins do not stop it: the access is told to unpin. A range
 * with nothing in it is ENOENT, except for --all (ioas.c).
 */
int unmap_predict(const struct mobj *x, uint32_t off, uint32_t len, bool all,
		  uint32_t *gone, uint64_t *bytes)
{
	unsigned int i;

	*gone = 0;
	*bytes = 0;
	for (i = 0; i < x->narea; i++) {
		const struct marea *a = &x->area[i];

		if (a->off >= off + len || off >= a->off + a->len)
			continue;
		if (a->locks)
			return EBUSY;
		if (a->off < off || a->off + a->len > off + len)
			return ENOENT;
		*gone |= 1u << i;
		*bytes += a->len;
	}
	return !*bytes && !all ? ENOENT : 0;
}

/* The range an unmap of variant op->variant covers */
static void unmap_range_of(const struct mobj *x, uint64_t *rng, struct mop *op)
{
	unsigned int i = rnd(rng, x->narea);

	if (op->variant <= 1 && !x->narea)
		op->variant = 2;
	if (op->variant <= 1) {
		op->off = x->area[i].off;
		op->len = x->area[i].len;
		if (op->variant == 1 && op->len > PAGE)
			op->len -= PAGE;	/* a part of a mapping */
	} else if (op->variant == 2) {
		op->off = rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE;
		op->len = MODEL_SLOT_SIZE;
	} else {
		op->off = 0;
		op->len = MODEL_MEM_SIZE;
	}
}

static void unmap_args(struct mop *op)
{
	struct ioas_unmap_args *u = &op->a.unmap;

	if (op->variant == 4) {
		u->all = true;
		return;
	}
	u->has_iova = u->has_length = true;
	u->iova = MODEL_IOVA_BASE + op->off;
	/* variant 3: an empty range, which iopt_unmap_iova() refuses */
	u->length = op->variant == 3 ? 0 : op->len;
}

static bool gen_unmap(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL), e;
	uint32_t gone;
	uint64_t bytes;

	if (x < 0)
		return false;
	op->subject = x;
	op->variant = (int)rnd(rng, 5);
	unmap_range_of(&m->o[x], rng, op);
	if (!take_slots(m, op, x, slot_mask(op->off, op->len)) ||
	    !try_take(m, op, x, false))
		return false;
	step_of(op, &op_ioas_unmap);
	obj(&op->a.unmap.ioas, &m->o[x], false);
	unmap_args(op);
	if (op->variant == 3) {
		expect(op, EINVAL);
		return true;
	}
	e = unmap_predict(&m->o[x], op->off, op->len, op->variant == 4, &gone, &bytes);
	/* ioas.c iommufd_ioas_unmap: what went stays gone when the reply fails */
	expect(op, e ? e : readonly(op, rng, 16) ? EFAULT : 0);
	if (!e && !op->st.readonly_arg)
		want(op, bytes);
	return true;
}

void unmap_gone(struct model *m, int xi, uint32_t gone)
{
	struct mobj *x = &m->o[xi];
	unsigned int i, j;

	for (i = j = 0; i < x->narea; i++) {
		if (gone & (1u << i))
			drop_pins(m, xi, x->area[i].off, x->area[i].len);
		else
			x->area[j++] = x->area[i];
	}
	x->narea = j;
}

static bool apply_unmap(struct model *m, struct mop *op, const struct result *r,
			char *why, size_t len)
{
	uint32_t gone;
	uint64_t bytes;

	(void)why;
	(void)len;
	if (r->err == -EINVAL)
		return true;
	unmap_predict(&m->o[op->subject], op->off, op->len, op->variant == 4, &gone,
		      &bytes);
	unmap_gone(m, op->subject, gone);
	return true;
}

/* ---- copy ---- */

/*
 * A copy of part of a mapping, which shares only some of its pages: where
 * the mock WARNs on the kernel's read-ahead (README, kernel bugs: 6.12)
 * the walk copies whole mappings only, so that two mappings of one
 * iopt_pages cover the same pages or none of each other's.
 */
static bool part_of_mapping(const struct model *m, int x, uint32_t off, uint32_t len)
{
	int a = area_at(&m->o[x], off);

	return m->caps->readahead_warns &&
	       (a < 0 || m->o[x].area[a].off != off || m->o[x].area[a].len != len);
}

/*
 * ioas.c iommufd_ioas_copy: the source range must be covered by mappings
 * (iopt_get_pages: ENOENT), then it is mapped at the destination as a map
 * would be (EEXIST); the reply comes last.
 */
static bool gen_copy(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL);
	int y = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL);
	struct ioas_copy_args *a = &op->a.copy;
	uint32_t src, t;
	bool mapped;

	if (x < 0 || y < 0)
		return false;
	mapped = m->o[x].narea && rnd(rng, 6);
	src = mapped ? m->o[x].area[rnd(rng, m->o[x].narea)].off :
		       rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE;
	op->len = mapped ? m->o[x].area[area_at(&m->o[x], src)].len : PAGE;
	t = rnd(rng, MODEL_SLOTS - (op->len - 1) / MODEL_SLOT_SIZE);
	op->off = t * MODEL_SLOT_SIZE;
	if (!take_slots(m, op, x, slot_mask(src, op->len)) ||
	    !take_slots(m, op, y, slot_mask(op->off, op->len)) ||
	    !try_take(m, op, x, false) || !try_take(m, op, y, false))
		return false;
	op->subject = y;
	op->target = x;
	op->aux = src;
	step_of(op, &op_ioas_copy);
	obj(&a->dst, &m->o[y], false);
	obj(&a->src, &m->o[x], false);
	a->src_iova = MODEL_IOVA_BASE + src;
	a->length = op->len;
	a->has_iova = true;
	a->iova = MODEL_IOVA_BASE + op->off;
	if (!covered(&m->o[x], src, op->len))
		expect(op, ENOENT);
	else if (part_of_mapping(m, x, src, op->len))
		return false;
	else if (overlaps(&m->o[y], op->off, op->len))
		expect(op, EEXIST);
	else
		expect(op, readonly(op, rng, 16) ? EFAULT : 0);
	return true;
}

/*
 * The copy maps the source's pages again (iopt_get_pages() takes a
 * reference to them): a dma-buf's stay a dma-buf's, revoked with the
 * source or not (pages.c iopt_area_fill_domain() skips revoked ones)
 */
static bool apply_copy(struct model *m, struct mop *op, const struct result *r,
		       char *why, size_t len)
{
	const struct mobj *x = &m->o[op->target];
	int a = area_at(x, op->aux);

	(void)why;
	(void)len;
	if ((!r->err || r->err == -EFAULT) && a >= 0)
		add_area(&m->o[op->subject], op->off, op->len,
			 (enum mback)x->area[a].back, x->area[a].revoked, x->area[a].pg);
	return true;
}

/* ---- allow-iovas ---- */

/* One range of a slot, none, or lists the kernel refuses */
static int allow_args(struct mop *op, uint64_t *rng, int s)
{
	struct iova_list *l = &op->a.allow.ranges;
	uint64_t start = MODEL_IOVA_BASE + (uint64_t)s * MODEL_SLOT_SIZE;

	op->variant = (int)rnd(rng, 6);
	switch (op->variant) {
	case 0:
		return 0;		/* none: the restriction goes */
	case 1:
		/* ioas.c iommufd_ioas_load_iovas: start >= last */
		l->r[l->n].start = l->r[l->n].last = start;
		l->n++;
		return EINVAL;
	case 2:
		/* ... and ranges that intersect each other */
		l->r[0].start = start;
		l->r[0].last = start + 2 * PAGE - 1;
		l->r[1].start = start + PAGE;
		l->r[1].last = start + 3 * PAGE - 1;
		l->n = 2;
		return EINVAL;
	default:
		l->r[0].start = start;
		l->r[0].last = start + MODEL_SLOT_SIZE - 1;
		l->n = 1;
		return 0;
	}
}

/*
 * iopt_set_allow_iova(): allowed ranges only must miss the reserved ones,
 * and the walk's slots are inside every aperture; a fixed IOVA does not
 * look at them, an automatic one is taken from them (gen_auto_map()).
 */
static bool gen_allow(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL);

	if (x < 0 || !take_slots(m, op, x, ALL_SLOTS) || !try_take(m, op, x, false))
		return false;
	op->subject = x;
	op->aux = rnd(rng, MODEL_SLOTS);
	step_of(op, &op_ioas_allow_iovas);
	obj(&op->a.allow.ioas, &m->o[x], false);
	expect(op, allow_args(op, rng, (int)op->aux));
	return true;
}

static bool apply_allow(struct model *m, struct mop *op, const struct result *r,
			char *why, size_t len)
{
	(void)why;
	(void)len;
	if (!r->err)
		m->o[op->subject].allowed = op->variant ? (int)op->aux : -1;
	return true;
}

/* ---- iova-ranges ---- */

/*
 * ioas.c iommufd_ioas_iova_ranges: the holes between reserved ranges. A
 * mock domain reserves what is outside its aperture, [16M, 2^31 - 1]
 * (iopt_table_add_domain(), MOCK_APERTURE_*); no domain, nothing. The
 * number of ranges is the step's --want; the range itself is checked here.
 */
static bool no_real_domain(const struct model *m, const struct mobj *o)
{
	bool real;

	has_domain(m, (int)(o - m->o), &real);
	return !real;
}

static bool gen_ranges(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), true, no_real_domain);
	bool real;

	if (x < 0 || !take_auto(m, op, x))
		return false;
	take(m, op, x, true);
	op->subject = x;
	op->aux = has_domain(m, x, &real);
	step_of(op, &op_ioas_iova_ranges);
	obj(&op->a.ranges.ioas, &m->o[x], false);
	op->a.ranges.has_num = true;
	op->a.ranges.num = 4;
	expect(op, 0);
	want(op, 1);
	return true;
}

static bool apply_ranges(struct model *m, struct mop *op, const struct result *r,
			 char *why, size_t len)
{
	const struct ictl_iommu_iova_range *g = r->data;
	uint64_t start = op->aux ? 1ull << 24 : 0;
	uint64_t last = op->aux ? (1ull << 31) - 1 : UINT64_MAX;

	(void)m;
	if (g[0].start == start && g[0].last == last)
		return true;
	snprintf(why, len, "IOVA range %#llx-%#llx, the model has %#llx-%#llx",
		 (unsigned long long)g[0].start, (unsigned long long)g[0].last,
		 (unsigned long long)start, (unsigned long long)last);
	return false;
}

/* ---- the huge-pages option ---- */

int large_pages_off(const struct model *m, int x)
{
	bool real;

	return !m->o[x].huge_off && has_domain(m, x, &real) && m->o[x].narea ? EINVAL : 0;
}

/*
 * ioas.c iommufd_ioas_option_huge_pages: get is 1 unless disabled; set 0
 * as large_pages_off() says, set 1 always works, any other value is
 * EINVAL. The IOAS is held alone: its domains and mappings are what set 0
 * looks at.
 */
static bool gen_huge(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), true, NULL);
	struct option_args *a = &op->a.option;
	struct mobj *o;

	if (x < 0 || !take_auto(m, op, x))
		return false;
	take(m, op, x, true);
	o = &m->o[x];
	op->subject = x;
	op->variant = (int)rnd(rng, 4);
	step_of(op, op->variant ? &op_option_set : &op_option_get);
	a->name = "huge-pages";
	obj(&a->ioas, o, false);
	if (!op->variant) {
		expect(op, 0);
		want(op, !o->huge_off);
		return true;
	}
	a->has_value = true;
	a->value = op->variant == 3 ? 2 : (uint64_t)op->variant - 1;
	if (op->variant == 3)
		expect(op, EINVAL);
	else
		expect(op, a->value ? 0 : large_pages_off(m, x));
	return true;
}

static bool apply_huge(struct model *m, struct mop *op, const struct result *r,
		       char *why, size_t len)
{
	(void)why;
	(void)len;
	if (!r->err && op->variant && op->variant < 3)
		m->o[op->subject].huge_off = !op->a.option.value;
	return true;
}

/* ---- accesses ---- */

static bool gen_access_create(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL), a;

	if (x < 0 || (a = new_obj(m, op, MK_ACCESS)) < 0)
		return false;
	take(m, op, x, false);
	op->target = x;
	m->o[a].needs_pin = rnd(rng, 2);
	step_of(op, &op_access_create);
	obj(&op->a.access_create.ioas, &m->o[x], false);
	op->a.access_create.needs_pin = m->o[a].needs_pin;
	strcpy(op->a.access_create.name, m->o[a].name);
	/* selftest.c iommufd_test_create_access: destroyed when the reply fails */
	expect(op, readonly(op, rng, 10) ? EFAULT : 0);
	return true;
}

static bool apply_access_create(struct model *m, struct mop *op,
				const struct result *r, char *why, size_t len)
{
	int n = op->newobj;

	if (r->err)
		return true;
	/* an access is a file: later steps name it by its descriptor */
	born(m, n, (uint32_t)r->made.fd, why, len);
	/* selftest.c: iommufd_access_create() gives its object an id */
	hidden_id(m, n, op);
	if (!holds_chosen(m, op, r, why, len))
		return false;
	m->o[n].parent = op->target;
	m->o[op->target].users++;
	return true;
}

/* 64 bytes through the access at the start of a slot: mapped or ENOENT */
static bool gen_access_rw(struct model *m, uint64_t *rng, struct mop *op)
{
	int a = pick(m, rng, KIND_BIT(MK_ACCESS), false, NULL), x;
	uint32_t off = rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE + 0x100 * rnd(rng, 8);
	struct access_rw_args *rw = &op->a.access_rw;

	if (a < 0 || !try_take(m, op, x = m->o[a].parent, false) ||
	    !take_slots(m, op, x, slot_mask(off, 64)))
		return false;
	take(m, op, a, false);
	step_of(op, &op_access_rw);
	obj(&rw->access, &m->o[a], false);
	rw->iova = MODEL_IOVA_BASE + off;
	rw->length = 64;
	rw->write = rnd(rng, 2);
	/* device.c iommufd_access_rw: the range must be mapped, not by a dma-buf */
	expect(op, cpu_reach(&m->o[x], off, 64));
	return true;
}

/*
 * selftest.c iommufd_test_access_pages: an access without needs-pin has
 * no pins (EOPNOTSUPP); the range must be mapped without a gap
 * (iommufd_access_pin_pages(): ENOENT), and no dma-buf met before a gap
 * (cpu_reach(): EINVAL, the pages pinned before it unpinned); a pin's id
 * counts up per access, and the reply failing frees the pin but not its id.
 */
static bool gen_pin(struct model *m, uint64_t *rng, struct mop *op)
{
	int a = pick(m, rng, KIND_BIT(MK_ACCESS), true, NULL), x;
	struct access_pin_args *p = &op->a.access_pin;
	struct mobj *o;
	int e;

	if (!m->caps->access_pin || a < 0 || m->o[a].npin == MODEL_PINS)
		return false;
	x = m->o[a].parent;
	op->off = rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE + rnd(rng, 16) * PAGE;
	op->len = (1 + rnd(rng, 4)) * PAGE;
	if (op->off + op->len > MODEL_MEM_SIZE ||
	    !take_slots(m, op, x, slot_mask(op->off, op->len)) || !try_take(m, op, x, false))
		return false;
	take(m, op, a, true);
	o = &m->o[a];
	op->subject = a;
	step_of(op, &op_access_pin);
	obj(&p->access, o, false);
	p->iova = MODEL_IOVA_BASE + op->off;
	p->length = op->len;
	p->write = rnd(rng, 2);
	if (!o->needs_pin)
		expect(op, EOPNOTSUPP);
	else if ((e = cpu_reach(&m->o[x], op->off, op->len)))
		expect(op, e);
	else if (readonly(op, rng, 10))
		expect(op, EFAULT);
	else {
		expect(op, 0);
		want(op, o->next_pin);
	}
	return true;
}

static bool apply_pin(struct model *m, struct mop *op, const struct result *r,
		      char *why, size_t len)
{
	struct mobj *o = &m->o[op->subject];

	(void)why;
	(void)len;
	if (!r->err)
		o->pin[o->npin++] = (struct mpin){ o->next_pin, op->off, op->len };
	if (!r->err || r->err == -EFAULT)
		o->next_pin++;
	return true;
}

/* selftest.c iommufd_test_access_item_destroy: an id it does not have is ENOENT */
static bool gen_unpin(struct model *m, uint64_t *rng, struct mop *op)
{
	int a = pick(m, rng, KIND_BIT(MK_ACCESS), true, NULL);
	struct mobj *o;
	unsigned int i;

	if (!m->caps->access_pin || a < 0)
		return false;
	o = &m->o[a];
	op->subject = a;
	op->aux = o->next_pin + 100;
	op->variant = o->npin && rnd(rng, 5) ? 1 : 0;
	if (op->variant) {
		i = rnd(rng, o->npin);
		op->aux = o->pin[i].id;
		if (!take_slots(m, op, o->parent,
				slot_mask(o->pin[i].off, o->pin[i].len)))
			return false;
	}
	take(m, op, a, true);
	step_of(op, &op_access_unpin);
	obj(&op->a.access_unpin.access, o, false);
	op->a.access_unpin.pages = op->aux;
	expect(op, op->variant ? 0 : ENOENT);
	return true;
}

static bool apply_unpin(struct model *m, struct mop *op, const struct result *r,
			char *why, size_t len)
{
	struct mobj *o = &m->o[op->subject];
	unsigned int i, j;

	(void)why;
	(void)len;
	for (i = j = 0; !r->err && i < o->npin; i++)
		if (o->pin[i].id != op->aux)
			o->pin[j++] = o->pin[i];
	if (!r->err)
		o->npin = j;
	return true;
}

/* ---- dirty tracking ---- */

static bool paging_hwpt(const struct model *m, const struct mobj *o)
{
	(void)m;
	return !o->is_auto;
}

static bool dirty_capable(const struct model *m, const struct mobj *o)
{
	(void)m;
	return !o->is_auto && o->dirty_ok;
}

static bool tracking(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_PAGING && o->dirty_on;
}

/*
 * io_pagetable.c iopt_set_dirty_tracking: a HWPT made without
 * dirty-tracking has no dirty ops (EOPNOTSUPP); enabling clears what was
 * recorded. A nested HWPT is no paging one (iommufd_get_hwpt_paging():
 * ENOENT). All of the IOAS's slots are held: the records of every mapping
 * change.
 */
static bool gen_set_dirty(struct model *m, uint64_t *rng, struct mop *op)
{
	int h = pick_pref(m, rng, HWPT_KINDS, true, dirty_capable, paging_hwpt), x;

	if (h < 0 || (x = hwpt_ioas(m, h)) < 0 ||
	    !take_slots(m, op, x, ALL_SLOTS) || !try_take(m, op, x, false))
		return false;
	take(m, op, h, true);
	op->subject = h;
	op->target = x;
	op->variant = (int)rnd(rng, 3);
	step_of(op, &op_hwpt_set_dirty);
	obj(&op->a.set_dirty.hwpt, &m->o[h], false);
	op->a.set_dirty.enable = op->variant != 0;
	op->a.set_dirty.disable = op->variant == 0;
	if (m->o[h].kind == MK_NESTED)
		expect(op, ENOENT);
	else
		expect(op, m->o[h].dirty_ok ? 0 : EOPNOTSUPP);
	return true;
}

static bool apply_set_dirty(struct model *m, struct mop *op, const struct result *r,
			    char *why, size_t len)
{
	struct mobj *x = &m->o[op->target];
	unsigned int i;

	(void)why;
	(void)len;
	if (r->err)
		return true;
	m->o[op->subject].dirty_on = op->variant != 0;
	for (i = 0; op->variant && i < x->narea; i++)
		x->area[i].dirty &= ~(1ull << op->subject);
	return true;
}

void dirty_forget(struct model *m, int h)
{
	struct mobj *x = &m->o[m->o[h].parent];
	unsigned int i;

	for (i = 0; i < x->narea; i++)
		x->area[i].dirty &= ~(1ull << h);
}

/* A whole mapping of IOAS @x, or a slot without one: into op->off, op->len */
static bool dirty_range(struct model *m, uint64_t *rng, struct mop *op, int x,
			bool unmapped)
{
	struct mobj *o = &m->o[x];

	op->variant = !o->narea || (unmapped && !rnd(rng, 4));
	if (op->variant) {
		op->off = rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE;
		op->len = PAGE;
		if (area_at(o, op->off) >= 0)
			return false;
	} else {
		op->aux = rnd(rng, o->narea);
		op->off = o->area[op->aux].off;
		op->len = o->area[op->aux].len;
	}
	return take_slots(m, op, x, slot_mask(op->off, op->len)) &&
	       try_take(m, op, x, false);
}

static bool mock_paging(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_PAGING && !o->is_auto && !o->real;
}

/*
 * selftest.c iommufd_test_dirty: marks pages in the HWPT while it tracks
 * (EINVAL otherwise). It counts what it marked: 7.x every page asked for
 * (the generic page table), 6.12 only the mapped ones (its pfns xarray).
 * The walk marks whole mappings, so the page table's page sizes do not
 * matter, or a slot with nothing mapped.
 */
static bool gen_mock_dirty(struct model *m, uint64_t *rng, struct mop *op)
{
	int h = pick_pref(m, rng, KIND_BIT(MK_PAGING), false, tracking, mock_paging), x;
	struct mock_dirty_args *a = &op->a.mock_dirty;

	if (h < 0 || (x = m->o[h].parent) < 0 || !dirty_range(m, rng, op, x, true))
		return false;
	take(m, op, h, false);
	op->subject = h;
	op->target = x;
	step_of(op, &op_mock_dirty);
	obj(&a->hwpt, &m->o[h], false);
	a->has_iova = a->has_length = true;
	a->iova = MODEL_IOVA_BASE + op->off;
	a->length = op->len;
	if (!m->o[h].dirty_on) {
		expect(op, EINVAL);
		return true;
	}
	expect(op, 0);
	want(op, op->variant && m->caps->dirty_needs_tracking ? 0 :
		 op->len / ICTL_MOCK_PAGE_SIZE);
	return true;
}

/*
 * A revoked dma-buf's mapping has no page table entries to mark:
 * generic_pt/iommu_pt.h __set_dirty() finds them empty (ENOENT, which
 * iommufd_test_dirty does not look at) and it stays clean
 */
static bool apply_mock_dirty(struct model *m, struct mop *op, const struct result *r,
			     char *why, size_t len)
{
	struct mobj *x = &m->o[op->target];
	struct marea *a;

	(void)why;
	(void)len;
	if (r->err || op->variant)
		return true;
	a = &x->area[area_at(x, op->off)];
	if (!a->revoked)
		a->dirty |= 1ull << op->subject;
	return true;
}

/*
 * io_pagetable.c iommu_read_and_clear_dirty: a HWPT without dirty ops is
 * EOPNOTSUPP; what goes wrong after that is dropped (the return of
 * iova_bitmap_for_each() is not looked at): a range not mapped reads as
 * clean, and 6.12's mock refusing while tracking is off
 * (mock_domain_read_and_clear_dirty: EINVAL) reads as clean and clears
 * nothing, where 7.x's page table reads what it has. A dirty mapping
 * reports every page; reading clears it unless no-clear.
 */
static bool gen_get_dirty(struct model *m, uint64_t *rng, struct mop *op)
{
	int h = pick_pref(m, rng, KIND_BIT(MK_PAGING), false, dirty_capable, paging_hwpt), x;
	struct hwpt_get_dirty_args *a = &op->a.get_dirty;
	const struct mobj *o;
	bool reads;

	if (h < 0 || (x = m->o[h].parent) < 0 || !dirty_range(m, rng, op, x, true))
		return false;
	/* a revoke would take the marks of a dma-buf's mapping */
	if (!op->variant && m->o[x].area[op->aux].back == MB_DMABUF &&
	    !take_dmabuf(m, op, false))
		return false;
	take(m, op, h, false);
	o = &m->o[h];
	op->subject = h;
	op->target = x;
	step_of(op, &op_hwpt_get_dirty);
	obj(&a->hwpt, o, false);
	a->has_iova = a->has_length = a->has_page_size = true;
	a->iova = MODEL_IOVA_BASE + op->off;
	a->length = op->len;
	a->page_size = PAGE;
	a->no_clear = !rnd(rng, 3);
	if (!o->dirty_ok) {
		expect(op, EOPNOTSUPP);
		return true;
	}
	reads = !op->variant && (o->dirty_on || !m->caps->dirty_needs_tracking);
	expect(op, 0);
	want(op, reads && (m->o[x].area[op->aux].dirty & (1ull << h)) ? op->len / PAGE : 0);
	/* does apply clear the mapping read? */
	op->aux = reads && !a->no_clear;
	return true;
}

/*
 * The mapping read is found again by its offset, not by its index: maps
 * and unmaps of other slots of the IOAS may run meanwhile, and they sort
 * and compact its mappings.
 */
static bool apply_get_dirty(struct model *m, struct mop *op, const struct result *r,
			    char *why, size_t len)
{
	struct mobj *x = &m->o[op->target];

	(void)why;
	(void)len;
	if (!r->err && op->aux)
		x->area[area_at(x, op->off)].dirty &= ~(1ull << op->subject);
	return true;
}

/* ---- probes ---- */

static bool gen_bad_id(struct model *m, uint64_t *rng, struct mop *op)
{
	(void)m;
	if (rnd(rng, 2)) {
		step_of(op, &op_destroy);
		bogus(&op->a.destroy.obj, rng);
	} else {
		map_args(op, 0, PAGE);
		bogus(&op->a.map.ioas, rng);
	}
	expect(op, ENOENT);
	return true;
}

/* A struct shorter than its last field (EINVAL), or longer with a set tail */
static bool gen_raw_size(struct model *m, uint64_t *rng, struct mop *op)
{
	struct raw_args *a = &op->a.raw;

	(void)m;
	step_of(op, &op_raw);
	a->nr = ICTL_IOMMUFD_CMD_IOAS_ALLOC;
	a->has_size = true;
	if (rnd(rng, 2)) {
		a->size = 4 * rnd(rng, 3);
		expect(op, EINVAL);
		return true;
	}
	/* one byte set past the 12 the kernel knows */
	a->size = 16;
	a->has_hex = true;
	a->hex.len = 9;
	a->hex.b[8] = 1;
	expect(op, E2BIG);
	return true;
}

const struct mop_desc mgen_ioas[MOP_NKINDS] = {
	[MOP_IOAS_ALLOC] = { gen_ioas_alloc, apply_ioas_alloc },
	[MOP_IOAS_MAP] = { gen_map, apply_map },
	[MOP_MAP_FILE] = { gen_map_file, apply_map },
	[MOP_MAP_DMABUF] = { gen_map_dmabuf, apply_map },
	[MOP_DMABUF_REVOKE] = { gen_revoke, apply_revoke },
	[MOP_IOAS_UNMAP] = { gen_unmap, apply_unmap },
	[MOP_IOAS_COPY] = { gen_copy, apply_copy },
	[MOP_ALLOW_IOVAS] = { gen_allow, apply_allow },
	[MOP_IOVA_RANGES] = { gen_ranges, apply_ranges },
	[MOP_HUGE_PAGES] = { gen_huge, apply_huge },
	[MOP_ACCESS_CREATE] = { gen_access_create, apply_access_create },
	[MOP_ACCESS_RW] = { gen_access_rw, NULL },
	[MOP_ACCESS_PIN] = { gen_pin, apply_pin },
	[MOP_ACCESS_UNPIN] = { gen_unpin, apply_unpin },
	[MOP_SET_DIRTY] = { gen_set_dirty, apply_set_dirty },
	[MOP_MOCK_DIRTY] = { gen_mock_dirty, apply_mock_dirty },
	[MOP_GET_DIRTY] = { gen_get_dirty, apply_get_dirty },
	[MOP_BAD_ID] = { gen_bad_id, NULL },
	[MOP_RAW_SIZE] = { gen_raw_size, NULL },
};
