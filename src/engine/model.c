// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stress model's core: its objects, the reservations, choosing an
 * operation and judging its answer. The operations themselves, with their
 * predictions, are in mgen-ioas.c, mgen-dev.c, mgen-queue.c and
 * mgen-compat.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/model-int.h"
#include "util/parse.h"

const char *const mop_names[MOP_NKINDS] = {
	[MOP_IOAS_ALLOC] = "ioas.alloc",	[MOP_IOAS_MAP] = "ioas.map",
	[MOP_IOAS_UNMAP] = "ioas.unmap",	[MOP_MOCK_CREATE] = "mock.create",
	[MOP_ATTACH] = "attach",		[MOP_HWPT_ALLOC] = "hwpt.alloc",
	[MOP_HWPT_NESTED] = "hwpt.nested",	[MOP_HWPT_INVALIDATE] = "hwpt.invalidate",
	[MOP_VIOMMU_ALLOC] = "viommu.alloc",	[MOP_DESTROY] = "destroy",
	[MOP_BAD_ID] = "bad-id",		[MOP_RAW_SIZE] = "raw.size",
	[MOP_ACCESS_CREATE] = "access.create",	[MOP_ACCESS_RW] = "access.rw",
	[MOP_VDEVICE_ALLOC] = "vdevice.alloc",	[MOP_FAULT_ALLOC] = "fault.alloc",
	[MOP_HWPT_FAULT] = "hwpt.fault",	[MOP_IOPF] = "mock.trigger-iopf",
	[MOP_FAULT_READ] = "fault.read",	[MOP_FAULT_RESPOND] = "fault.respond",
	[MOP_VEVENTQ_ALLOC] = "veventq.alloc",	[MOP_VEVENT] = "mock.trigger-vevent",
	[MOP_VEVENTQ_READ] = "veventq.read",	[MOP_HW_QUEUE] = "hw-queue.alloc",
	[MOP_PASID_ATTACH] = "pasid.attach",	[MOP_PASID_REPLACE] = "pasid.replace",
	[MOP_PASID_DETACH] = "pasid.detach",	[MOP_IOAS_COPY] = "ioas.copy",
	[MOP_ALLOW_IOVAS] = "ioas.allow-iovas",	[MOP_IOVA_RANGES] = "ioas.iova-ranges",
	[MOP_SET_DIRTY] = "hwpt.set-dirty",	[MOP_MOCK_DIRTY] = "mock.dirty",
	[MOP_GET_DIRTY] = "hwpt.get-dirty",	[MOP_HUGE_PAGES] = "option.huge-pages",
	[MOP_ACCESS_PIN] = "access.pin",	[MOP_ACCESS_UNPIN] = "access.unpin",
	[MOP_MAP_FILE] = "ioas.map-file",	[MOP_DETACH] = "device.detach",
	[MOP_REBIND] = "device.rebind",		[MOP_REATTACH] = "device.attach",
	[MOP_VFIO_IOAS] = "vfio-ioas",		[MOP_COMPAT_MAP] = "vfio-compat.map",
	[MOP_COMPAT_UNMAP] = "vfio-compat.unmap",
	[MOP_COMPAT_IOMMU] = "vfio-compat.set-iommu",
	[MOP_MAP_DMABUF] = "ioas.map-dmabuf",	[MOP_DMABUF_REVOKE] = "mem.revoke",
};

/* What each does and what the model predicts of it (stress --help) */
const char *const mop_help[MOP_NKINDS] = {
	[MOP_IOAS_ALLOC] = "an IOAS",
	[MOP_IOAS_MAP] = "a fixed map (EEXIST), or into the allowed slot (its IOVA)",
	[MOP_IOAS_UNMAP] = "a mapping, part of one, a slot, nothing, all: bytes",
	[MOP_MOCK_CREATE] = "a mock device (with PASIDs) on an IOAS",
	[MOP_ATTACH] = "replace what an attached device is on",
	[MOP_HWPT_ALLOC] = "a paging HWPT: nest parent, dirty tracking, pasid",
	[MOP_HWPT_NESTED] = "a nested HWPT on a nest parent or a vIOMMU",
	[MOP_HWPT_INVALIDATE] = "IOTLB invalidation of a HWPT",
	[MOP_VIOMMU_ALLOC] = "a vIOMMU on a nest parent",
	[MOP_DESTROY] = "any object: EBUSY while held",
	[MOP_BAD_ID] = "an id nothing has: ENOENT",
	[MOP_RAW_SIZE] = "a struct too short or too long",
	[MOP_ACCESS_CREATE] = "a mock access to an IOAS (needs-pin or not)",
	[MOP_ACCESS_RW] = "64 bytes through an access: mapped or ENOENT",
	[MOP_VDEVICE_ALLOC] = "a vDEVICE: one per device, per virtual id",
	[MOP_FAULT_ALLOC] = "a fault queue",
	[MOP_HWPT_FAULT] = "a HWPT that delivers faults to a queue",
	[MOP_IOPF] = "a page fault of a mock device, into its HWPT's queue",
	[MOP_FAULT_READ] = "faults read: how many, their cookies",
	[MOP_FAULT_RESPOND] = "a response by cookie (EINVAL for another)",
	[MOP_VEVENTQ_ALLOC] = "a vEVENTQ: one per vIOMMU, a depth",
	[MOP_VEVENT] = "vEVENTs of a mock device: queued, or lost",
	[MOP_VEVENTQ_READ] = "events and lost-events headers read",
	[MOP_HW_QUEUE] = "a HW queue pinning a page of the nest parent's IOAS",
	[MOP_PASID_ATTACH] = "a PASID of a mock device onto a --pasid HWPT",
	[MOP_PASID_REPLACE] = "what an attached PASID is on",
	[MOP_PASID_DETACH] = "a PASID off (0 also when it was not on)",
	[MOP_IOAS_COPY] = "a mapping copied to an IOAS",
	[MOP_ALLOW_IOVAS] = "one slot allowed, none, or lists the kernel refuses",
	[MOP_IOVA_RANGES] = "the usable range: a domain's aperture, or all",
	[MOP_SET_DIRTY] = "dirty tracking on (clears) or off",
	[MOP_MOCK_DIRTY] = "a mapping marked dirty: how many pages",
	[MOP_GET_DIRTY] = "dirty pages of a mapping, cleared or not",
	[MOP_HUGE_PAGES] = "the huge-pages option of an IOAS",
	[MOP_ACCESS_PIN] = "pages pinned through an access: the pin's id",
	[MOP_ACCESS_UNPIN] = "a pin undone (ENOENT for another id)",
	[MOP_MAP_FILE] = "a fixed map of the memfd",
	[MOP_DETACH] = "the VFIO device detached (--device)",
	[MOP_REBIND] = "the VFIO cdev closed, or opened and bound (--device)",
	[MOP_REATTACH] = "the detached VFIO device attached again (--device)",
	[MOP_VFIO_IOAS] = "the compat IOAS set, cleared or read (ENODEV)",
	[MOP_COMPAT_MAP] = "a map into the compat IOAS (EEXIST, ENODEV)",
	[MOP_COMPAT_UNMAP] = "type1: parts of mappings, nothing (0 bytes), all",
	[MOP_COMPAT_IOMMU] = "type1 (huge pages off), type1v2, others EINVAL",
	[MOP_MAP_DMABUF] = "a fixed map of a slice of the mock dma-buf (ENODEV)",
	[MOP_DMABUF_REVOKE] = "the dma-buf revoked or restored: its mappings die",
};

/*
 * The walk's mix. Operations whose objects are rare (a vIOMMU needs a nest
 * parent, a vDEVICE a vIOMMU) weigh more, so that every kind runs within
 * a few thousand operations; one that finds nothing to act on yields.
 */
const unsigned int mop_default_weights[MOP_NKINDS] = {
	[MOP_IOAS_ALLOC] = 3,	[MOP_IOAS_MAP] = 8,	[MOP_IOAS_UNMAP] = 5,
	[MOP_MOCK_CREATE] = 3,	[MOP_ATTACH] = 6,	[MOP_HWPT_ALLOC] = 4,
	[MOP_HWPT_NESTED] = 3,	[MOP_HWPT_INVALIDATE] = 2,
	[MOP_VIOMMU_ALLOC] = 2,	[MOP_DESTROY] = 5,	[MOP_BAD_ID] = 1,
	[MOP_RAW_SIZE] = 1,	[MOP_ACCESS_CREATE] = 2, [MOP_ACCESS_RW] = 2,
	[MOP_VDEVICE_ALLOC] = 3, [MOP_FAULT_ALLOC] = 2,	[MOP_HWPT_FAULT] = 3,
	[MOP_IOPF] = 3,		[MOP_FAULT_READ] = 3,	[MOP_FAULT_RESPOND] = 3,
	[MOP_VEVENTQ_ALLOC] = 3, [MOP_VEVENT] = 3,	[MOP_VEVENTQ_READ] = 3,
	[MOP_HW_QUEUE] = 3,	[MOP_PASID_ATTACH] = 3,	[MOP_PASID_REPLACE] = 2,
	[MOP_PASID_DETACH] = 2,	[MOP_IOAS_COPY] = 3,	[MOP_ALLOW_IOVAS] = 2,
	[MOP_IOVA_RANGES] = 2,	[MOP_SET_DIRTY] = 2,	[MOP_MOCK_DIRTY] = 2,
	[MOP_GET_DIRTY] = 2,	[MOP_HUGE_PAGES] = 1,	[MOP_ACCESS_PIN] = 2,
	[MOP_ACCESS_UNPIN] = 2,	[MOP_MAP_FILE] = 2,	[MOP_DETACH] = 2,
	[MOP_REBIND] = 1,	[MOP_REATTACH] = 3,	[MOP_VFIO_IOAS] = 2,
	[MOP_COMPAT_MAP] = 3,	[MOP_COMPAT_UNMAP] = 3,	[MOP_COMPAT_IOMMU] = 1,
	[MOP_MAP_DMABUF] = 3,	[MOP_DMABUF_REVOKE] = 1,
};

extern const struct mop_desc mgen_ioas[MOP_NKINDS], mgen_dev[MOP_NKINDS],
	mgen_queue[MOP_NKINDS], mgen_compat[MOP_NKINDS];

/* The part that has operation @k */
static const struct mop_desc *desc(enum mop_kind k)
{
	if (mgen_ioas[k].gen)
		return &mgen_ioas[k];
	if (mgen_compat[k].gen)
		return &mgen_compat[k];
	return mgen_dev[k].gen ? &mgen_dev[k] : &mgen_queue[k];
}

static const char kind_prefix[MK_NKINDS] = {
	'i', 'p', 'n', 'd', 'v', 'a', 'e', 'f', 'q', 'w'
};

uint64_t model_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

unsigned int rnd(uint64_t *rng, unsigned int n)
{
	return n ? (unsigned int)(model_rand(rng) % n) : 0;
}

void model_init(struct model *m, const struct model_caps *caps)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	m->caps = caps;
	m->dmabuf_fd = -1;
}

void model_dmabuf(const struct model *m, struct handle *h)
{
	named(h, MODEL_DMABUF_NAME);
	h->by_id = h->has_fd = true;
	h->type = OBJ_MEM;
	h->fd = m->dmabuf_fd;
}

/* ---- the steps' arguments ---- */

/*
 * An object as a step names it: run with the kernel's id (a mock device's
 * selftest id where the operation wants that), shown as @name in a
 * reproducer. What the walk reaches through a file carries the file.
 */
void obj(struct handle *h, const struct mobj *o, bool stdev)
{
	memset(h, 0, sizeof(*h));
	strcpy(h->name, o->name);
	h->by_id = true;
	h->id = stdev ? o->stdev : o->id;
	if (o->fd < 0 || o->kind == MK_ACCESS)
		return;
	h->has_fd = true;
	h->fd = o->fd;
	h->type = o->kind == MK_FAULT ? OBJ_FAULT :
		  o->kind == MK_VEVENTQ ? OBJ_VEVENTQ : OBJ_DEV;
}

void named(struct handle *h, const char *name)
{
	memset(h, 0, sizeof(*h));
	strcpy(h->name, name);
}

void bogus(struct handle *h, uint64_t *rng)
{
	memset(h, 0, sizeof(*h));
	h->by_id = true;
	h->id = BOGUS_ID + rnd(rng, 256);
}

void step_of(struct mop *op, const struct op *o)
{
	op->st.op = o;
	op->st.args = &op->a;
	memset(&op->a, 0, o->args_size);
}

void expect(struct mop *op, int e)
{
	op->expect[0] = e;
	op->nexpect = 1;
}

/* Where kernel versions differ */
void expect_either(struct mop *op, int a, int b)
{
	op->expect[0] = a;
	op->expect[1] = b;
	op->nexpect = 2;
}

void want(struct mop *op, uint64_t v)
{
	op->st.has_want = true;
	op->st.want = v;
}

bool readonly(struct mop *op, uint64_t *rng, unsigned int n)
{
	op->st.readonly_arg = !rnd(rng, n);
	return op->st.readonly_arg;
}

/* ---- reservations ---- */

bool can_take(const struct mobj *o, bool w)
{
	return o->live && !o->writer && (!w || !o->readers);
}

void take(struct model *m, struct mop *op, int i, bool w)
{
	struct mobj *o = &m->o[i];

	if (w)
		o->writer = true;
	else
		o->readers++;
	op->res[op->nres] = i;
	op->res_w[op->nres++] = w;
}

bool try_take(struct model *m, struct mop *op, int i, bool w)
{
	unsigned int k;

	if (i < 0)
		return true;
	for (k = 0; k < op->nres; k++)
		if (op->res[k] == i)
			return !w || op->res_w[k];
	if (op->nres == MOP_MAX_RES || !can_take(&m->o[i], w))
		return false;
	take(m, op, i, w);
	return true;
}

bool take_auto(struct model *m, struct mop *op, int ioas)
{
	if (ioas < 0 || m->o[ioas].auto_held)
		return ioas < 0 || op->auto_res[0] == ioas || op->auto_res[1] == ioas;
	if (op->auto_res[0] >= 0 && op->auto_res[1] >= 0)
		return false;
	m->o[ioas].auto_held = true;
	op->auto_res[op->auto_res[0] < 0 ? 0 : 1] = ioas;
	return true;
}

/* Hold @s, shared or (@w) alone, noting which in *@res; true if held so already */
static bool take_share(struct mshare *s, int *res, bool w)
{
	if (*res == 2 || (*res == 1 && !w))
		return true;
	if (*res || s->writer || (w && s->readers))
		return false;
	if (w)
		s->writer = true;
	else
		s->readers++;
	*res = w ? 2 : 1;
	return true;
}

static void release_share(struct mshare *s, int *res)
{
	if (*res == 2)
		s->writer = false;
	else if (*res)
		s->readers--;
	*res = 0;
}

bool take_compat(struct model *m, struct mop *op, bool w)
{
	return take_share(&m->compat, &op->compat_res, w);
}

bool take_dmabuf(struct model *m, struct mop *op, bool w)
{
	return take_share(&m->dmabuf, &op->dmabuf_res, w);
}

uint32_t slot_mask(uint32_t off, uint32_t len)
{
	uint32_t first = off / MODEL_SLOT_SIZE, last = (off + len - 1) / MODEL_SLOT_SIZE;

	if (last >= MODEL_SLOTS)
		last = MODEL_SLOTS - 1;
	return (uint32_t)((2ull << last) - (1ull << first));
}

bool take_slots(struct model *m, struct mop *op, int x, uint32_t mask)
{
	struct mslots *s = op->slots[0].ioas < 0 || op->slots[0].ioas == x ?
			   &op->slots[0] : &op->slots[1];

	if (s->ioas >= 0 && s->ioas != x)
		return false;
	if (m->o[x].slots_held & mask & ~(s->ioas == x ? s->mask : 0))
		return false;
	m->o[x].slots_held |= mask;
	s->ioas = x;
	s->mask |= mask;
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
	for (i = 0; i < 2; i++) {
		if (op->auto_res[i] >= 0)
			m->o[op->auto_res[i]].auto_held = false;
		if (op->slots[i].ioas >= 0)
			m->o[op->slots[i].ioas].slots_held &= ~op->slots[i].mask;
	}
	if (op->virt_v >= 0)
		m->o[op->virt_v].virt_held &= (uint16_t)~(1u << op->virt);
	release_share(&m->compat, &op->compat_res);
	release_share(&m->dmabuf, &op->dmabuf_res);
	op->nres = 0;
	op->virt_v = -1;
	op->slots[0].ioas = op->slots[1].ioas = -1;
	op->auto_res[0] = op->auto_res[1] = -1;
}

_Static_assert(MODEL_MAX_OBJ <= 64, "live_of() keeps a bit per object");

uint64_t live_of(const struct model *m, unsigned int kinds)
{
	uint64_t set = 0;
	unsigned int k;

	for (k = 0; k < MK_NKINDS; k++)
		if (kinds & KIND_BIT(k))
			set |= m->live[k];
	return set;
}

int pick(struct model *m, uint64_t *rng, unsigned int kinds, bool w,
	 obj_filter ok)
{
	uint64_t set = live_of(m, kinds);
	int i, n = 0, c[MODEL_MAX_OBJ];

	while (set) {
		i = next_of(&set);
		if (can_take(&m->o[i], w) && (!ok || ok(m, &m->o[i])))
			c[n++] = i;
	}
	return n ? c[rnd(rng, (unsigned int)n)] : -1;
}

int pick_pref(struct model *m, uint64_t *rng, unsigned int kinds, bool w,
	      obj_filter pref, obj_filter ok)
{
	int i = rnd(rng, 4) ? pick(m, rng, kinds, w, pref) : -1;

	return i >= 0 ? i : pick(m, rng, kinds, w, ok);
}

int pick_ctx(struct model *m, uint64_t *rng, unsigned int kinds, bool w,
	     ctx_filter ok, int ctx)
{
	uint64_t set = live_of(m, kinds);
	int i, n = 0, c[MODEL_MAX_OBJ];

	while (set) {
		i = next_of(&set);
		if (can_take(&m->o[i], w) && ok(m, &m->o[i], ctx))
			c[n++] = i;
	}
	return n ? c[rnd(rng, (unsigned int)n)] : -1;
}

/* The IOAS of @pt if it is an automatic domain; -1 */
static int auto_ioas_of(struct model *m, int pt)
{
	return pt >= 0 && m->o[pt].is_auto ? m->o[pt].parent : -1;
}

/*
 * Leaving @pt may free an automatic domain, which takes a user from its
 * IOAS: hold the domain and the IOAS, so a destroy of the IOAS cannot be
 * judged while that happens.
 */
bool take_holder_ioas(struct model *m, struct mop *op, int pt)
{
	int x = auto_ioas_of(m, pt);

	if (x < 0)
		return true;
	return take_auto(m, op, x) && try_take(m, op, x, false);
}

int new_obj(struct model *m, struct mop *op, enum mkind k)
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
	m->o[i].parent = m->o[i].extra = m->o[i].dev = -1;
	m->o[i].auto_hwpt[0] = m->o[i].auto_hwpt[1] = -1;
	m->o[i].allowed = m->o[i].vdev = m->o[i].ev_viommu = m->o[i].veq = -1;
	m->o[i].hwq[0] = m->o[i].hwq[1] = m->o[i].hq_ioas = m->o[i].fd = -1;
	m->o[i].pasid_pt[0] = m->o[i].pasid_pt[1] = -1;
	snprintf(m->o[i].name, sizeof(m->o[i].name), "%c%u", kind_prefix[k],
		 m->names[k]++);
	op->newobj = i;
	return i;
}

/* ---- the graph ---- */

void drop(struct model *m, int i)
{
	m->live[m->o[i].kind] &= ~(1ull << i);
	memset(&m->o[i], 0, sizeof(m->o[i]));
}

static bool going(const struct model *m, int i);

/*
 * An object another thread is destroying may share its id with a new one
 * the kernel gave that id again: the one that is not going is meant.
 */
int by_id(const struct model *m, uint32_t id)
{
	int i, any = -1;

	for (i = 0; i < MODEL_MAX_OBJ; i++) {
		if (!m->o[i].live || m->o[i].kind == MK_ACCESS || m->o[i].id != id)
			continue;
		if (!going(m, i))
			return i;
		any = i;
	}
	return any;
}

/*
 * May @i be gone in the kernel already? Another thread's operation that
 * is destroying it, or that may free an automatic domain, has not been
 * judged yet.
 */
static bool going(const struct model *m, int i)
{
	return m->o[i].writer || (m->o[i].is_auto && m->o[m->o[i].parent].auto_held);
}

/*
 * Ids: the kernel hands out the lowest free one (xa_alloc, main.c), and an
 * id stays taken while its object lives or its tombstone does. An id that
 * is taken handed out again is a finding: an aborted object the kernel
 * forgot to take out, or one it freed while it still lives.
 */
bool born(struct model *m, int n, uint32_t id, char *why, size_t len)
{
	int old = m->o[n].kind == MK_ACCESS ? -1 : by_id(m, id);
	unsigned int i;

	if (old >= 0 && going(m, old))
		old = -1;

	for (i = 0; i < m->ntomb && m->o[n].kind != MK_ACCESS; i++)
		if (m->tomb[i] == id)
			old = n;
	m->o[n].live = true;
	m->live[m->o[n].kind] |= 1ull << n;
	m->o[n].id = id;
	m->o[n].born = ++m->born;
	if (old < 0)
		return true;
	snprintf(why, len, "the kernel gave %s id %u, which %s has", m->o[n].name,
		 id, old == n ? "a tombstone" : m->o[old].name);
	return false;
}

/*
 * What the step's result says the new object holds first (the same
 * knowledge a script's cleanup orders by) is the parent the model chose.
 * Compared by id, not looked up by it: another thread's destroy may have
 * freed an id the kernel already gave again while the model still shows
 * the old object.
 */
bool holds_chosen(const struct model *m, const struct mop *op,
		  const struct result *r, char *why, size_t len)
{
	const struct mobj *want = &m->o[op->target];

	if (r->nholds && r->holds[0] == want->id)
		return true;
	snprintf(why, len, "the step made %s holding object %u, the model "
		 "chose %s (id %u)", m->o[op->newobj].name,
		 r->nholds ? r->holds[0] : 0, want->name, want->id);
	return false;
}

void hold(struct model *m, int i)
{
	if (i >= 0)
		m->o[i].users++;
}

void unhold(struct model *m, int i)
{
	if (i >= 0)
		m->o[i].users--;
}

unsigned int count_if(const struct model *m, enum mkind k, int parent)
{
	unsigned int i, n = 0;

	for (i = 0; i < MODEL_MAX_OBJ; i++)
		n += m->o[i].live && m->o[i].kind == k && m->o[i].parent == parent;
	return n;
}

/*
 * @dev leaves its pt: an automatic domain goes with its last device. Its
 * events keep their vIOMMU: a mock device leaves only to be attached again
 * (replace), and the mock changes that on an attach alone.
 */
void detach(struct model *m, int dev)
{
	int pt = m->o[dev].parent, x;

	if (pt < 0)
		return;
	faults_of_dev_go(m, dev);
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
	char why[8];
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
	m->o[a].extra = m->o[a].dev = m->o[a].fd = -1;
	m->o[a].auto_hwpt[0] = m->o[a].auto_hwpt[1] = -1;
	snprintf(m->o[a].name, sizeof(m->o[a].name), "auto");
	born(m, a, hwpt_id, why, sizeof(why));
	m->o[x].users++;
	m->o[x].auto_hwpt[real] = a;
	return a;
}

bool attach(struct model *m, int dev, int pt, uint32_t hwpt_id)
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
	dev_events_follow(m, dev);
	return true;
}

/* ---- choosing ---- */

static void mop_reset(struct mop *op, enum mop_kind k)
{
	op->kind = k;
	op->counted = op->alone = false;
	memset(&op->st, 0, sizeof(op->st));
	op->nexpect = op->nres = 0;
	op->variant = 0;
	op->aux = 0;
	op->auto_res[0] = op->auto_res[1] = -1;
	op->slots[0].ioas = op->slots[1].ioas = -1;
	op->slots[0].mask = op->slots[1].mask = 0;
	op->virt_v = -1;
	op->compat_res = op->dmabuf_res = 0;
	op->subject = op->target = op->newobj = -1;
}

/* Undo a generator that gave up half way */
static void unpick(struct model *m, struct mop *op)
{
	release(m, op);
	if (op->newobj >= 0)
		m->o[op->newobj].used = false;
	if (op->kind == MOP_REBIND && op->variant)
		m->real_busy = false;
}

/* ---- ids ---- */

#define ID_LIMIT	512	/* a round's ids stay below; beyond: not known */

/* Mark @id in @map; false if it is beyond what the map holds */
static bool id_mark(uint64_t *map, uint32_t id)
{
	if (id >= ID_LIMIT)
		return false;
	map[id / 64] |= 1ull << (id % 64);
	return true;
}

/* The ids the kernel has given out on this iommufd; false: not all known */
static bool id_map(const struct model *m, uint64_t *map)
{
	const struct mobj *o;
	unsigned int i;
	bool ok = true;

	memset(map, 0, ID_LIMIT / 8);
	map[0] = 1;	/* never given */
	for (i = 0; i < MODEL_MAX_OBJ; i++) {
		o = &m->o[i];
		if (!o->live)
			continue;
		/* an access's id is its descriptor; its object's id is hidden */
		if (o->kind != MK_ACCESS)
			ok &= id_mark(map, o->id);
		if (o->stdev)
			ok &= id_mark(map, o->stdev);
		if (o->hid)
			ok &= id_mark(map, o->hid);
	}
	for (i = 0; i < m->ntomb; i++)
		ok &= id_mark(map, m->tomb[i]);
	return ok;
}

/* The id the kernel gives next, or 0 when the model does not know it */
static uint32_t lowest_free(const struct model *m)
{
	uint64_t map[ID_LIMIT / 64];
	unsigned int w;

	if (m->ids_lost || !id_map(m, map))
		return 0;
	for (w = 0; w < ID_LIMIT / 64; w++)
		if (~map[w])
			return w * 64 + (uint32_t)__builtin_ctzll(~map[w]);
	return 0;
}

void hidden_id(struct model *m, int n, const struct mop *op)
{
	m->o[n].hid = op->alone ? lowest_free(m) : 0;
	if (!m->o[n].hid)
		m->ids_lost = true;
}

/*
 * Picked: one more operation in flight. An allocation predicted to
 * succeed with nothing else in flight runs alone, and one that names its
 * new object's id is told which.
 */
static void in_flight(struct model *m, struct mop *op)
{
	uint32_t id;

	op->counted = true;
	if (m->inflight++ || m->ids_lost || op->st.op->makes == OBJ_NTYPES ||
	    op->expect[0] || op->nexpect > 1)
		return;
	op->alone = m->alone = true;
	if (op->st.op->want.v == WANT_ID && !op->st.has_want && (id = lowest_free(m)))
		want(op, id);
}

static void out_of_flight(struct model *m, struct mop *op)
{
	if (op->counted)
		m->inflight--;
	if (op->alone)
		m->alone = false;
	op->counted = op->alone = false;
}

void model_cancel(struct model *m, struct mop *op)
{
	unpick(m, op);
	out_of_flight(m, op);
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

	if (m->alone)
		return false;
	/* a kind that cannot run now (no IOAS to map into yet) yields its turn */
	for (tries = 0; tries < 32; tries++) {
		k = choose(rng, weights);
		mop_reset(op, k);
		if (desc(k)->gen(m, rng, op))
			goto picked;
		unpick(m, op);
		/* nothing to work on: an IOAS, whatever the weights say */
		if (tries > 8) {
			mop_reset(op, MOP_IOAS_ALLOC);
			if (desc(MOP_IOAS_ALLOC)->gen(m, rng, op))
				goto picked;
			unpick(m, op);
		}
	}
	return false;
picked:
	in_flight(m, op);
	return true;
}

/* ---- judging and updating ---- */

static bool predicted(const struct mop *op, int e)
{
	return e == op->expect[0] || (op->nexpect > 1 && e == op->expect[1]);
}

static void errno_why(const struct mop *op, const struct result *r, char *why,
		      size_t len)
{
	snprintf(why, len, "the model predicted %s%s%s, the kernel said %s",
		 op->expect[0] ? errno_name(op->expect[0]) : "success",
		 op->nexpect > 1 ? " or " : "",
		 op->nexpect > 1 ? errno_name(op->expect[1]) : "",
		 r->err ? errno_name(-r->err) : "success");
}

bool model_apply(struct model *m, struct mop *op, const struct result *r,
		 char *why, size_t len)
{
	const struct mop_desc *d = desc(op->kind);
	bool ok = predicted(op, -r->err);

	why[0] = '\0';
	/* first: the update may drop a reserved object (an emptied auto domain) */
	release(m, op);
	if (op->kind == MOP_REBIND && op->variant)
		m->real_busy = false;
	if (!ok) {
		errno_why(op, r, why, len);
	} else if (step_want_missed(&op->st, r)) {
		snprintf(why, len, "the kernel answered with %s %llu, the model "
			 "predicted %llu", op->st.op->want.what,
			 (unsigned long long)step_wanted(&op->st, r),
			 (unsigned long long)op->st.want);
		ok = false;
	} else if (d->apply) {
		ok = d->apply(m, op, r, why, len);
	}
	if (op->newobj >= 0 && !m->o[op->newobj].live)
		drop(m, op->newobj);
	out_of_flight(m, op);
	return ok;
}

bool model_pick_pasid_off(struct model *m, struct mop *op)
{
	int i, p;

	for (i = 0; i < MODEL_MAX_OBJ; i++) {
		for (p = 0; m->o[i].live && m->o[i].kind == MK_DEV && p < MODEL_PASIDS; p++) {
			if (m->o[i].pasid_pt[p] < 0)
				continue;
			mop_reset(op, MOP_PASID_DETACH);
			op->aux = (uint32_t)p;
			op->subject = i;
			take(m, op, i, true);
			step_of(op, &op_mock_pasid_detach);
			obj(&op->a.pasid.dev, &m->o[i], true);
			op->a.pasid.has_pasid = true;
			op->a.pasid.pasid = 7 + (uint64_t)p;
			expect(op, 0);
			return true;
		}
	}
	return false;
}

bool model_pick_teardown(struct model *m, struct mop *op, bool *stuck)
{
	int i, best = -1;

	*stuck = false;
	if (model_pick_pasid_off(m, op))
		return true;
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
	destroy_args(m, op, &m->o[best]);
	expect(op, 0);
	return true;
}

bool model_add_real(struct model *m, uint32_t id, int fd)
{
	struct mop op;
	char why[8];
	int i;

	mop_reset(&op, MOP_REBIND);
	i = new_obj(m, &op, MK_DEV);
	if (i < 0)
		return false;
	snprintf(m->o[i].name, sizeof(m->o[i].name), "%s%u", MODEL_REAL_NAME,
		 m->names[MK_NKINDS]++);
	m->o[i].real = true;
	m->o[i].fd = fd;
	m->real_home = m->real_bound = true;
	return born(m, i, id, why, sizeof(why));
}

void model_each_named(struct model *m, void (*fn)(void *arg, const struct mobj *o),
		      void *arg)
{
	int i;

	for (i = 0; i < MODEL_MAX_OBJ; i++)
		if (m->o[i].live && !m->o[i].is_auto && can_take(&m->o[i], true))
			fn(arg, &m->o[i]);
}

const struct mobj *model_find(const struct model *m, const char *name)
{
	int i;

	for (i = 0; i < MODEL_MAX_OBJ; i++)
		if (m->o[i].live && !m->o[i].is_auto && !strcmp(m->o[i].name, name))
			return &m->o[i];
	return NULL;
}

bool model_idle(const struct model *m)
{
	int i;

	for (i = 0; i < MODEL_MAX_OBJ; i++)
		if (m->o[i].readers || m->o[i].writer || m->o[i].auto_held ||
		    m->o[i].slots_held || m->o[i].virt_held)
			return false;
	return !m->inflight && !m->real_busy && !m->compat.readers &&
	       !m->compat.writer && !m->dmabuf.readers && !m->dmabuf.writer;
}

const struct mobj *model_newest(const struct model *m, char prefix)
{
	const struct mobj *o, *best = NULL;
	int i;

	for (i = 0; i < MODEL_MAX_OBJ; i++) {
		o = &m->o[i];
		if (o->live && !o->is_auto && o->name[0] == prefix &&
		    o->name[1] >= '0' && o->name[1] <= '9' && (!best || o->born > best->born))
			best = o;
	}
	return best;
}
