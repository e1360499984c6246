// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/model.h"
#include "util/parse.h"

const char *const mop_names[MOP_NKINDS] = {
	[MOP_IOAS_ALLOC] = "ioas.alloc",
	[MOP_IOAS_MAP] = "ioas.map",
	[MOP_IOAS_UNMAP] = "ioas.unmap",
	[MOP_MOCK_CREATE] = "mock.create",
	[MOP_ATTACH] = "attach",
	[MOP_HWPT_ALLOC] = "hwpt.alloc",
	[MOP_HWPT_NESTED] = "hwpt.nested",
	[MOP_HWPT_INVALIDATE] = "hwpt.invalidate",
	[MOP_VIOMMU_ALLOC] = "viommu.alloc",
	[MOP_DESTROY] = "destroy",
	[MOP_BAD_ID] = "bad-id",
	[MOP_RAW_SIZE] = "raw.size",
	[MOP_ACCESS_CREATE] = "access.create",
	[MOP_ACCESS_RW] = "access.rw",
};

const unsigned int mop_default_weights[MOP_NKINDS] = {
	[MOP_IOAS_ALLOC] = 3,	[MOP_IOAS_MAP] = 8,	[MOP_IOAS_UNMAP] = 6,
	[MOP_MOCK_CREATE] = 3,	[MOP_ATTACH] = 6,	[MOP_HWPT_ALLOC] = 4,
	[MOP_HWPT_NESTED] = 3,	[MOP_HWPT_INVALIDATE] = 2,
	[MOP_VIOMMU_ALLOC] = 1,	[MOP_DESTROY] = 5,	[MOP_BAD_ID] = 1,
	[MOP_RAW_SIZE] = 1,	[MOP_ACCESS_CREATE] = 1,
	[MOP_ACCESS_RW] = 3,
};

static const char kind_prefix[MK_NKINDS] = { 'i', 'p', 'n', 'd', 'v', 'a' };

/* Ids the kernel never hands out in a run this size: "no such object". */
#define BOGUS_ID	0x7fff0000u

uint64_t model_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned int rnd(uint64_t *rng, unsigned int n)
{
	return n ? (unsigned int)(model_rand(rng) % n) : 0;
}

void model_init(struct model *m, bool has_viommu)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	m->has_viommu = has_viommu;
}

/* ---- the steps' arguments ---- */

/*
 * An object as a step names it: run with the kernel's id (a mock device's
 * selftest id where the operation wants that), shown as @name in a
 * reproducer. A real device goes by its name, since its steps need its
 * cdev from the registry.
 */
static void obj(struct handle *h, const struct mobj *o, bool stdev)
{
	memset(h, 0, sizeof(*h));
	strcpy(h->name, o->name);
	if (o->real && o->kind == MK_DEV)
		return;
	h->by_id = true;
	h->id = stdev ? o->stdev : o->id;
}

static void named(struct handle *h, const char *name)
{
	memset(h, 0, sizeof(*h));
	strcpy(h->name, name);
}

static void bogus(struct handle *h, uint64_t *rng)
{
	memset(h, 0, sizeof(*h));
	h->by_id = true;
	h->id = BOGUS_ID + rnd(rng, 256);
}

/* The step is @o with the arguments in op->a, which start cleared */
static void step_of(struct mop *op, const struct op *o)
{
	op->st.op = o;
	op->st.args = &op->a;
	memset(&op->a, 0, o->args_size);
}

/* ---- reservations ---- */

static bool can_take(const struct mobj *o, bool w)
{
	return o->live && !o->writer && (!w || !o->readers);
}

static void take(struct model *m, struct mop *op, int i, bool w)
{
	struct mobj *o = &m->o[i];

	if (w)
		o->writer = true;
	else
		o->readers++;
	op->res[op->nres] = i;
	op->res_w[op->nres++] = w;
}

static bool take_auto(struct model *m, struct mop *op, int ioas)
{
	if (ioas < 0 || m->o[ioas].auto_held)
		return ioas < 0 || op->auto_res[0] == ioas;
	m->o[ioas].auto_held = true;
	op->auto_res[op->auto_res[0] < 0 ? 0 : 1] = ioas;
	return true;
}

static void release(struct model *m, struct mop *op)
{
	unsigned int i;

	for (i = 0; i < op->nres; i++) {
		if (op->res_w[i])
			m->o[op->res[i]].writer = false;
		else
			m->o[op->res[i]].readers--;
	}
	for (i = 0; i < 2; i++)
		if (op->auto_res[i] >= 0)
			m->o[op->auto_res[i]].auto_held = false;
	if (op->slot_ioas >= 0)
		m->o[op->slot_ioas].slots_held &= ~op->slots;
	op->nres = 0;
}

typedef bool (*obj_filter)(const struct mobj *o);

/* A random live object of @kinds (a bit mask) that can be reserved, or -1 */
static int pick(struct model *m, uint64_t *rng, unsigned int kinds, bool w,
		obj_filter ok)
{
	int i, n = 0, c[MODEL_MAX_OBJ];

	for (i = 0; i < MODEL_MAX_OBJ; i++)
		if ((kinds & (1u << m->o[i].kind)) && can_take(&m->o[i], w) &&
		    (!ok || ok(&m->o[i])))
			c[n++] = i;
	return n ? c[rnd(rng, (unsigned int)n)] : -1;
}

static bool user_hwpt(const struct mobj *o)
{
	return !o->is_auto;
}

static int new_obj(struct model *m, struct mop *op, enum mkind k)
{
	int i, n = 0;

	for (i = 0; i < MODEL_MAX_OBJ; i++)
		n += m->o[i].used;
	/* keep room for the automatic domains that attaches create */
	if (n >= MODEL_MAX_OBJ - 12)
		return -1;
	for (i = 0; m->o[i].used; i++)
		;
	memset(&m->o[i], 0, sizeof(m->o[i]));
	m->o[i].used = true;
	m->o[i].kind = k;
	m->o[i].parent = -1;
	m->o[i].auto_hwpt[0] = m->o[i].auto_hwpt[1] = -1;
	snprintf(m->o[i].name, sizeof(m->o[i].name), "%c%u", kind_prefix[k],
		 m->names[k]++);
	op->newobj = i;
	return i;
}

/* The one errno (0: success) the kernel must answer */
static void expect(struct mop *op, int e)
{
	op->expect[0] = e;
	op->nexpect = 1;
}

/* Either of two, where kernel versions differ */
static void expect_either(struct mop *op, int a, int b)
{
	op->expect[0] = a;
	op->expect[1] = b;
	op->nexpect = 2;
}

/* ---- generators: each reserves, fills its step and predicts, or returns false ---- */

static bool gen_ioas_alloc(struct model *m, uint64_t *rng, struct mop *op)
{
	int i = new_obj(m, op, MK_IOAS);

	(void)rng;
	if (i < 0)
		return false;
	step_of(op, &op_ioas_alloc);
	strcpy(op->a.ioas_alloc.name, m->o[i].name);
	expect(op, 0);
	return true;
}

static bool overlaps(const struct mobj *x, uint32_t off, uint32_t len)
{
	unsigned int i;

	for (i = 0; i < x->nmap; i++)
		if (off < x->map[i].off + x->map[i].len && x->map[i].off < off + len)
			return true;
	return false;
}

static uint32_t slot_mask(uint32_t off, uint32_t len)
{
	uint32_t first = off / MODEL_SLOT_SIZE, last = (off + len - 1) / MODEL_SLOT_SIZE;

	return (uint32_t)((2ull << last) - (1ull << first));
}

/* Hold the slots under [off, off+len) of @x, if no other thread has them */
static bool take_slots(struct model *m, struct mop *op, int x, uint32_t mask)
{
	if (m->o[x].slots_held & mask)
		return false;
	m->o[x].slots_held |= mask;
	op->slot_ioas = x;
	op->slots = mask;
	return true;
}

/* ioas map of @ioas (a handle) at [off, off + len) of the model's window */
static void map_args(struct mop *op, uint32_t off, uint32_t len)
{
	struct ioas_map_args *a = &op->a.map;

	step_of(op, &op_ioas_map);
	named(&a->mem, MODEL_MEM_NAME);
	a->has_mem = a->has_iova = a->has_length = true;
	a->iova = MODEL_IOVA_BASE + off;
	a->length = len;
}

static bool gen_map(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, 1u << MK_IOAS, false, NULL);
	uint32_t k = 1 + rnd(rng, 3), s = rnd(rng, MODEL_SLOTS - k + 1);
	uint32_t off = s * MODEL_SLOT_SIZE, len = k * MODEL_SLOT_SIZE - rnd(rng, 16) * 0x1000;

	if (x < 0 || !take_slots(m, op, x, slot_mask(off, len)))
		return false;
	take(m, op, x, false);
	op->subject = x;
	map_args(op, off, len);
	obj(&op->a.map.ioas, &m->o[x], false);
	op->off = off;
	op->len = len;
	expect(op, overlaps(&m->o[x], off, len) ? EEXIST : 0);
	return true;
}

/* Unmapping @a succeeds when it covers some mapping and cuts none. */
static bool unmap_slot_ok(const struct mobj *x, struct mmap_area a)
{
	unsigned int i, whole = 0;

	for (i = 0; i < x->nmap; i++) {
		const struct mmap_area *b = &x->map[i];

		if (b->off >= a.off + a.len || a.off >= b->off + b->len)
			continue;
		if (b->off < a.off || b->off + b->len > a.off + a.len)
			return false;
		whole++;
	}
	return whole;
}

/* The range an unmap of variant op->variant covers */
static struct mmap_area unmap_range_of(const struct mobj *x, uint64_t *rng,
				       struct mop *op)
{
	struct mmap_area a;
	unsigned int i = rnd(rng, x->nmap);

	if (op->variant <= 1 && !x->nmap)
		op->variant = 2;
	if (op->variant <= 1) {
		a = x->map[i];
		if (op->variant == 1 && a.len > 0x1000)
			a.len -= 0x1000;	/* a part of a mapping: ENOENT */
		else
			op->variant = 0;
	} else if (op->variant == 2) {
		a.off = rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE;
		a.len = MODEL_SLOT_SIZE;
	} else {
		a.off = 0;
		a.len = MODEL_MEM_SIZE;
	}
	return a;
}

static void unmap_args(struct mop *op, uint32_t off, uint32_t len)
{
	struct ioas_unmap_args *u = &op->a.unmap;

	if (op->variant == 4) {
		u->all = true;
		return;
	}
	u->has_iova = u->has_length = true;
	u->iova = MODEL_IOVA_BASE + off;
	/* variant 3: an empty range, which the kernel refuses */
	u->length = op->variant == 3 ? 0 : len;
}

static bool gen_unmap(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, 1u << MK_IOAS, false, NULL);
	struct mmap_area a;

	if (x < 0)
		return false;
	op->subject = x;
	op->variant = (int)rnd(rng, 5);
	a = unmap_range_of(&m->o[x], rng, op);
	if (!take_slots(m, op, x, slot_mask(a.off, a.len)))
		return false;
	take(m, op, x, false);
	step_of(op, &op_ioas_unmap);
	obj(&op->a.unmap.ioas, &m->o[x], false);
	unmap_args(op, a.off, a.len);
	op->off = a.off;
	op->len = a.len;
	switch (op->variant) {
	case 1:
		expect(op, ENOENT);
		break;
	case 2:
		/* a whole slot: it must hold exactly whole mappings */
		expect(op, unmap_slot_ok(&m->o[x], a) ? 0 : ENOENT);
		break;
	case 3:
		expect(op, EINVAL);
		break;
	default:
		expect(op, 0);
	}
	return true;
}

/* The automatic domain of the IOAS @x, or of the HWPT @pt; -1 */
static int auto_ioas_of(struct model *m, int pt)
{
	return pt >= 0 && m->o[pt].is_auto ? m->o[pt].parent : -1;
}

/*
 * Leaving @pt may free an automatic domain, which takes a user from its
 * IOAS: hold the domain and the IOAS, so a destroy of the IOAS cannot be
 * judged while that happens.
 */
static bool take_holder_ioas(struct model *m, struct mop *op, int pt)
{
	int x = auto_ioas_of(m, pt);

	if (x < 0)
		return true;
	if (!can_take(&m->o[x], false) || !take_auto(m, op, x))
		return false;
	take(m, op, x, false);
	return true;
}

static bool gen_mock_create(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, 1u << MK_IOAS, false, NULL), d;

	if (x < 0 || !take_auto(m, op, x))
		return false;
	d = new_obj(m, op, MK_DEV);
	if (d < 0)
		return false;
	take(m, op, x, false);
	op->target = x;
	step_of(op, &op_mock_create);
	obj(&op->a.mock_create.pt, &m->o[x], false);
	strcpy(op->a.mock_create.name, m->o[d].name);
	expect(op, 0);
	return true;
}

static bool attach_target(const struct mobj *o)
{
	return o->kind == MK_IOAS || !o->is_auto;
}

/* The step of an attach of @d: device attach for a real device, else mock replace */
static struct handle *attach_args(struct model *m, struct mop *op, int d)
{
	if (m->o[d].real) {
		step_of(op, &op_device_attach);
		obj(&op->a.dev_attach.dev, &m->o[d], false);
		return &op->a.dev_attach.pt;
	}
	step_of(op, &op_mock_replace);
	obj(&op->a.mock_replace.dev, &m->o[d], true);
	return &op->a.mock_replace.pt;
}

static int attach_expect(struct model *m, int d, int pt)
{
	/* another driver's domain: EINVAL */
	if (m->o[pt].kind != MK_IOAS && m->o[pt].real != m->o[d].real)
		return EINVAL;
	/* a domain on a vIOMMU takes only devices with a vDEVICE there: none here */
	if (m->o[pt].kind == MK_NESTED && m->o[m->o[pt].parent].kind == MK_VIOMMU)
		return ENOENT;
	return 0;
}

static bool gen_replace(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick(m, rng, 1u << MK_DEV, true, NULL), pt;
	unsigned int kinds = 1u << MK_IOAS | 1u << MK_PAGING | 1u << MK_NESTED;
	struct handle *h;

	if (d < 0 || (m->o[d].parent >= 0 && !can_take(&m->o[m->o[d].parent], false)) ||
	    !take_holder_ioas(m, op, m->o[d].parent))
		return false;
	take(m, op, d, true);
	if (m->o[d].parent >= 0)
		take(m, op, m->o[d].parent, false);
	op->subject = d;
	h = attach_args(m, op, d);
	if (!rnd(rng, 16)) {
		op->target = -1;
		bogus(h, rng);
		expect(op, ENOENT);
		return true;
	}
	pt = pick(m, rng, kinds, false, attach_target);
	if (pt < 0 || (m->o[pt].kind == MK_IOAS && !take_auto(m, op, pt)))
		return false;
	take(m, op, pt, false);
	op->target = pt;
	obj(h, &m->o[pt], false);
	expect(op, attach_expect(m, d, pt));
	return true;
}

/* hwpt alloc of device @d on @pt, named after the new object @h */
static struct hwpt_alloc_args *hwpt_args(struct model *m, struct mop *op, int d,
					 int pt, int h)
{
	struct hwpt_alloc_args *a = &op->a.hwpt_alloc;

	step_of(op, &op_hwpt_alloc);
	obj(&a->dev, &m->o[d], false);
	if (m->o[d].real) {	/* the dev_id will do: no cdev needed */
		a->dev.by_id = true;
		a->dev.id = m->o[d].id;
	}
	obj(&a->pt, &m->o[pt], false);
	strcpy(a->name, m->o[h].name);
	return a;
}

static bool gen_hwpt_alloc(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick(m, rng, 1u << MK_DEV, false, NULL);
	int pt = pick(m, rng, 1u << MK_IOAS, false, NULL), h;

	op->variant = (int)rnd(rng, 8);
	if (op->variant == 7)	/* a nested HWPT cannot carry a paging one */
		pt = pick(m, rng, 1u << MK_NESTED, false, NULL);
	if (d < 0 || pt < 0 || (h = new_obj(m, op, MK_PAGING)) < 0)
		return false;
	take(m, op, d, false);
	take(m, op, pt, false);
	op->target = pt;
	m->o[h].real = m->o[d].real;
	/* a real device's nest parent would be a hardware question: not asked */
	m->o[h].nest_parent = (op->variant & 1) && !m->o[d].real;
	hwpt_args(m, op, d, pt, h)->nest_parent = m->o[h].nest_parent;
	expect(op, op->variant == 7 ? EINVAL : 0);
	return true;
}

static bool nest_target(const struct mobj *o)
{
	return o->kind == MK_VIOMMU || !o->is_auto;
}

/* The selftest's nested HWPT data: the value of its IOTLB entries */
static void selftest_data(struct hwpt_alloc_args *a, uint32_t iotlb)
{
	a->has_data = true;
	a->data.type = ICTL_IOMMU_HWPT_DATA_SELFTEST;
	a->data.len = sizeof(iotlb);
	memcpy(a->data.bytes, &iotlb, sizeof(iotlb));
}

static bool gen_nested(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick(m, rng, 1u << MK_DEV, false, NULL);
	int p = pick(m, rng, 1u << MK_PAGING | 1u << MK_VIOMMU, false, nest_target), h;
	bool ok;

	if (d < 0 || p < 0 || (h = new_obj(m, op, MK_NESTED)) < 0)
		return false;
	take(m, op, d, false);
	take(m, op, p, false);
	op->target = p;
	ok = (m->o[p].kind == MK_VIOMMU || m->o[p].nest_parent) && !m->o[d].real;
	m->o[h].real = m->o[d].real;
	selftest_data(hwpt_args(m, op, d, p, h), rnd(rng, 64));
	expect(op, ok ? 0 : EINVAL);
	return true;
}

static bool gen_invalidate(struct model *m, uint64_t *rng, struct mop *op)
{
	int h = pick(m, rng, 1u << MK_PAGING | 1u << MK_NESTED, false, user_hwpt);
	const char *bad;
	char entry[32];

	if (h < 0)
		return false;
	take(m, op, h, false);
	step_of(op, &op_hwpt_invalidate);
	obj(&op->a.inv.target, &m->o[h], false);
	/* the mock nested domain has IOTLBs 0 to 3 */
	op->variant = rnd(rng, 5) ? (int)rnd(rng, 4) : 4 + (int)rnd(rng, 60);
	snprintf(entry, sizeof(entry), "iotlb=%d", op->variant);
	if (vendor_inv_set_type(&op->a.inv.inv, "selftest", &bad) ||
	    vendor_inv_add(&op->a.inv.inv, entry, &bad))
		return false;
	/* the refusal of a paging HWPT changed from ENOENT to EINVAL in 6.13 */
	if (m->o[h].kind == MK_NESTED)
		expect(op, op->variant > 3 ? EINVAL : 0);
	else
		expect_either(op, EINVAL, ENOENT);
	return true;
}

static bool mock_dev(const struct mobj *o)
{
	return !o->real;
}

static bool gen_viommu(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick(m, rng, 1u << MK_DEV, false, mock_dev);
	int p = pick(m, rng, 1u << MK_PAGING, false, user_hwpt), v;

	if (!m->has_viommu || d < 0 || p < 0 || (v = new_obj(m, op, MK_VIOMMU)) < 0)
		return false;
	take(m, op, d, false);
	take(m, op, p, false);
	op->target = p;
	step_of(op, &op_viommu_alloc);
	obj(&op->a.viommu.dev, &m->o[d], false);
	obj(&op->a.viommu.hwpt, &m->o[p], false);
	strcpy(op->a.viommu.name, m->o[v].name);
	expect(op, m->o[p].nest_parent ? 0 : EINVAL);
	return true;
}

/*
 * The end of @o: destroy; an access, which is a file only the thread that
 * made it has a handle of, is closed by its fd number.
 */
static void destroy_args(struct mop *op, const struct mobj *o)
{
	if (o->kind == MK_ACCESS) {
		step_of(op, &op_access_close);
		obj(&op->a.access_close.access, o, false);
		return;
	}
	step_of(op, &op_destroy);
	obj(&op->a.destroy.obj, o, o->kind == MK_DEV);
}

/* a real device goes only in the teardown: unbinding it ends its part */
static bool destroyable(const struct mobj *o)
{
	return !o->is_auto && !o->real;
}

static bool gen_destroy(struct model *m, uint64_t *rng, struct mop *op)
{
	unsigned int all = (1u << MK_NKINDS) - 1;
	int o = pick(m, rng, all, true, destroyable), pt;

	if (o < 0)
		return false;
	/* what holds it loses a user: its destroy must wait for this one */
	pt = m->o[o].parent;
	if (pt >= 0 && !can_take(&m->o[pt], false))
		return false;
	if (!take_holder_ioas(m, op, pt))
		return false;
	take(m, op, o, true);
	if (pt >= 0)
		take(m, op, pt, false);
	op->subject = o;
	destroy_args(op, &m->o[o]);
	expect(op, m->o[o].users ? EBUSY : 0);
	return true;
}

static bool gen_bad_id(struct model *m, uint64_t *rng, struct mop *op)
{
	(void)m;
	if (rnd(rng, 2)) {
		step_of(op, &op_destroy);
		bogus(&op->a.destroy.obj, rng);
	} else {
		map_args(op, 0, 0x1000);
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

static bool gen_access_create(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, 1u << MK_IOAS, false, NULL), a;

	if (x < 0 || (a = new_obj(m, op, MK_ACCESS)) < 0)
		return false;
	take(m, op, x, false);
	op->target = x;
	step_of(op, &op_access_create);
	obj(&op->a.access_create.ioas, &m->o[x], false);
	strcpy(op->a.access_create.name, m->o[a].name);
	expect(op, 0);
	return true;
}

/* Does one mapping of @x hold all of [off, off + len)? */
static bool covered(const struct mobj *x, uint32_t off, uint32_t len)
{
	unsigned int i;

	for (i = 0; i < x->nmap; i++)
		if (x->map[i].off <= off && off + len <= x->map[i].off + x->map[i].len)
			return true;
	return false;
}

/* 64 bytes through the access at the start of a slot: mapped or ENOENT */
static bool gen_access_rw(struct model *m, uint64_t *rng, struct mop *op)
{
	int a = pick(m, rng, 1u << MK_ACCESS, false, NULL), x;
	uint32_t off = rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE + 0x100 * rnd(rng, 8);
	struct access_rw_args *rw = &op->a.access_rw;

	if (a < 0 || !can_take(&m->o[x = m->o[a].parent], false) ||
	    !take_slots(m, op, x, slot_mask(off, 64)))
		return false;
	take(m, op, a, false);
	take(m, op, x, false);
	step_of(op, &op_access_rw);
	obj(&rw->access, &m->o[a], false);
	rw->iova = MODEL_IOVA_BASE + off;
	rw->length = 64;
	rw->write = rnd(rng, 2);
	expect(op, covered(&m->o[x], off, 64) ? 0 : ENOENT);
	return true;
}

typedef bool (*gen_fn)(struct model *m, uint64_t *rng, struct mop *op);

static const gen_fn gens[MOP_NKINDS] = {
	[MOP_IOAS_ALLOC] = gen_ioas_alloc,	[MOP_IOAS_MAP] = gen_map,
	[MOP_IOAS_UNMAP] = gen_unmap,		[MOP_MOCK_CREATE] = gen_mock_create,
	[MOP_ATTACH] = gen_replace,		[MOP_HWPT_ALLOC] = gen_hwpt_alloc,
	[MOP_HWPT_NESTED] = gen_nested,		[MOP_HWPT_INVALIDATE] = gen_invalidate,
	[MOP_VIOMMU_ALLOC] = gen_viommu,	[MOP_DESTROY] = gen_destroy,
	[MOP_BAD_ID] = gen_bad_id,		[MOP_RAW_SIZE] = gen_raw_size,
	[MOP_ACCESS_CREATE] = gen_access_create, [MOP_ACCESS_RW] = gen_access_rw,
};

static void mop_reset(struct mop *op, enum mop_kind k)
{
	op->kind = k;
	memset(&op->st, 0, sizeof(op->st));
	op->nexpect = op->nres = 0;
	op->variant = 0;
	op->auto_res[0] = op->auto_res[1] = -1;
	op->slot_ioas = op->subject = op->target = op->newobj = -1;
}

/* Undo a generator that gave up half way */
static void unpick(struct model *m, struct mop *op)
{
	release(m, op);
	if (op->newobj >= 0)
		m->o[op->newobj].used = false;
}

static enum mop_kind choose(uint64_t *rng, const unsigned int *w)
{
	unsigned int k, sum = 0, r;

	for (k = 0; k < MOP_NKINDS; k++)
		sum += w[k];
	r = rnd(rng, sum);
	for (k = 0; r >= w[k]; k++)
		r -= w[k];
	return (enum mop_kind)k;
}

bool model_pick(struct model *m, uint64_t *rng, const unsigned int *weights,
		struct mop *op)
{
	enum mop_kind k;
	int tries;

	/* a kind that cannot run now (no IOAS to map into yet) yields its turn */
	for (tries = 0; tries < 32; tries++) {
		k = choose(rng, weights);
		mop_reset(op, k);
		if (gens[k](m, rng, op))
			return true;
		unpick(m, op);
		/* nothing to work on: an IOAS, whatever the weights say */
		if (tries > 8) {
			mop_reset(op, MOP_IOAS_ALLOC);
			if (gen_ioas_alloc(m, rng, op))
				return true;
			unpick(m, op);
		}
	}
	return false;
}

/* ---- judging and updating ---- */

static void drop(struct model *m, int i)
{
	memset(&m->o[i], 0, sizeof(m->o[i]));
}

static void born(struct model *m, int i, uint32_t id)
{
	m->o[i].live = true;
	m->o[i].id = id;
	m->o[i].born = ++m->born;
}

/* @dev leaves its pt: an automatic domain goes with its last device */
static void detach(struct model *m, int dev)
{
	int pt = m->o[dev].parent, x;

	if (pt < 0)
		return;
	m->o[pt].users--;
	if (m->o[pt].is_auto && !m->o[pt].users) {
		x = m->o[pt].parent;
		m->o[x].users--;
		m->o[x].auto_hwpt[m->o[pt].real] = -1;
		drop(m, pt);
	}
	m->o[dev].parent = -1;
}

/* A new automatic domain @hwpt_id of IOAS @x for a device (@real or mock) */
static int new_auto(struct model *m, int x, bool real, uint32_t hwpt_id)
{
	int a;

	/* not reserved: no other thread can see it before it is done */
	for (a = 0; a < MODEL_MAX_OBJ && m->o[a].used; a++)
		;
	if (a == MODEL_MAX_OBJ)
		return -1;
	m->o[a].used = true;
	m->o[a].kind = MK_PAGING;
	m->o[a].is_auto = true;
	m->o[a].real = real;
	m->o[a].parent = x;
	m->o[a].auto_hwpt[0] = m->o[a].auto_hwpt[1] = -1;
	snprintf(m->o[a].name, sizeof(m->o[a].name), "auto");
	born(m, a, hwpt_id);
	m->o[x].users++;
	m->o[x].auto_hwpt[real] = a;
	return a;
}

/*
 * @dev joins @pt; for an IOAS that is its automatic domain, which the
 * kernel reports as @hwpt_id. False if that is not the domain already there.
 */
static bool attach(struct model *m, int dev, int pt, uint32_t hwpt_id)
{
	bool real = m->o[dev].real;
	int a;

	if (m->o[pt].kind == MK_IOAS) {
		a = m->o[pt].auto_hwpt[real];
		if (a >= 0 && m->o[a].id != hwpt_id)
			return false;
		if (a < 0 && (a = new_auto(m, pt, real, hwpt_id)) < 0)
			return false;
		pt = a;
	}
	m->o[pt].users++;
	m->o[dev].parent = pt;
	return true;
}

static void unmap_range(struct mobj *x, uint32_t off, uint32_t len)
{
	unsigned int i;

	for (i = 0; i < x->nmap;) {
		if (x->map[i].off >= off && x->map[i].off + x->map[i].len <= off + len)
			x->map[i] = x->map[--x->nmap];
		else
			i++;
	}
}

static uint64_t mapped_bytes(const struct mobj *x, uint32_t off, uint32_t len)
{
	uint64_t n = 0;
	unsigned int i;

	for (i = 0; i < x->nmap; i++)
		if (x->map[i].off >= off && x->map[i].off + x->map[i].len <= off + len)
			n += x->map[i].len;
	return n;
}

static bool apply_unmap(struct model *m, struct mop *op, const struct result *r,
			char *why, size_t len)
{
	struct mobj *x = &m->o[op->subject];
	uint64_t want = mapped_bytes(x, op->off, op->len), got = r->v[IOAS_UNMAPPED];

	unmap_range(x, op->off, op->len);
	if (got == want)
		return true;
	snprintf(why, len, "unmapped %#llx bytes, the model has %#llx there",
		 (unsigned long long)got, (unsigned long long)want);
	return false;
}

static bool apply_destroy(struct model *m, struct mop *op)
{
	int o = op->subject, p = m->o[o].parent;

	if (m->o[o].kind == MK_DEV)
		detach(m, o);
	else if (p >= 0)
		m->o[p].users--;
	drop(m, o);
	return true;
}

/*
 * A new object that holds others: what the step's result says it holds,
 * the same knowledge a script's cleanup orders by. The model checks that
 * it is the parent it chose. (Compared by id, not looked up by it: another
 * thread's destroy may have freed an id the kernel already gave again while
 * the model still shows the old object.)
 */
static bool apply_made(struct model *m, struct mop *op, const struct result *r,
		       char *why, size_t len)
{
	int n = op->newobj, held = op->target;

	/* an access is a file: later steps name it by its descriptor */
	born(m, n, op->kind == MOP_ACCESS_CREATE ? (uint32_t)r->made.fd : r->made.id);
	if (!r->nholds || r->holds[0] != m->o[held].id) {
		snprintf(why, len, "the step made %s holding object %u, the model "
			 "chose %s (id %u)", m->o[n].name, r->nholds ? r->holds[0] : 0,
			 m->o[held].name, m->o[held].id);
		return false;
	}
	m->o[n].parent = held;
	m->o[held].users++;
	return true;
}

static bool apply_attach(struct model *m, struct mop *op, int dev, int pt,
			 const struct result *r, char *why, size_t len)
{
	if (attach(m, dev, pt, result_get_id(r, "hwpt")))
		return true;
	snprintf(why, len, "a second automatic domain for one IOAS");
	(void)op;
	return false;
}

/* A success: make the graph what the kernel now has */
static bool apply_ok(struct model *m, struct mop *op, const struct result *r,
		     char *why, size_t len)
{
	struct mobj *x;

	switch (op->kind) {
	case MOP_IOAS_ALLOC:
		born(m, op->newobj, r->made.id);
		return true;
	case MOP_IOAS_MAP:
		x = &m->o[op->subject];
		x->map[x->nmap++] = (struct mmap_area){ op->off, op->len };
		return true;
	case MOP_IOAS_UNMAP:
		return apply_unmap(m, op, r, why, len);
	case MOP_MOCK_CREATE:
		born(m, op->newobj, r->made.id);
		m->o[op->newobj].stdev = r->made.stdev;
		return apply_attach(m, op, op->newobj, op->target, r, why, len);
	case MOP_ATTACH:
		detach(m, op->subject);
		return apply_attach(m, op, op->subject, op->target, r, why, len);
	case MOP_HWPT_ALLOC:
	case MOP_HWPT_NESTED:
	case MOP_VIOMMU_ALLOC:
	case MOP_ACCESS_CREATE:
		return apply_made(m, op, r, why, len);
	case MOP_DESTROY:
		return apply_destroy(m, op);
	default:
		return true;
	}
}

static bool predicted(const struct mop *op, int e)
{
	return e == op->expect[0] || (op->nexpect > 1 && e == op->expect[1]);
}

bool model_apply(struct model *m, struct mop *op, const struct result *r,
		 char *why, size_t len)
{
	bool ok = predicted(op, -r->err);

	why[0] = '\0';
	/* first: the update may drop a reserved object (an emptied auto domain) */
	release(m, op);
	if (!ok)
		snprintf(why, len, "the model predicted %s%s%s, the kernel said %s",
			 op->expect[0] ? errno_name(op->expect[0]) : "success",
			 op->nexpect > 1 ? " or " : "",
			 op->nexpect > 1 ? errno_name(op->expect[1]) : "",
			 r->err ? errno_name(-r->err) : "success");
	else if (!r->err)
		ok = apply_ok(m, op, r, why, len);
	if (op->newobj >= 0 && !m->o[op->newobj].live)
		drop(m, op->newobj);
	return ok;
}

bool model_pick_teardown(struct model *m, struct mop *op, bool *stuck)
{
	int i, best = -1;

	*stuck = false;
	mop_reset(op, MOP_DESTROY);
	for (i = 0; i < MODEL_MAX_OBJ; i++) {
		if (!m->o[i].live || m->o[i].is_auto)
			continue;
		if (m->o[i].users)
			*stuck = true;
		else if (best < 0 || m->o[i].born > m->o[best].born)
			best = i;
	}
	if (best < 0)
		return false;
	*stuck = false;
	take(m, op, best, true);
	op->subject = best;
	destroy_args(op, &m->o[best]);
	expect(op, 0);
	return true;
}

bool model_add_real(struct model *m, uint32_t id)
{
	struct mop op;
	int i;

	mop_reset(&op, MOP_IOAS_ALLOC);
	i = new_obj(m, &op, MK_DEV);
	if (i < 0)
		return false;
	snprintf(m->o[i].name, sizeof(m->o[i].name), "%s", MODEL_REAL_NAME);
	m->o[i].real = true;
	born(m, i, id);
	return true;
}
