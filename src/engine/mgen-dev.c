// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stress model's device and HWPT operations: mock devices, attach and
 * replace, the VFIO device's detach and bind/unbind cycle, paging and
 * nested HWPTs (with a fault queue too), invalidation, vIOMMUs and
 * vDEVICEs, PASIDs, and destroy.
 *
 * Linux 7.3.4 oopses when an attached device is replaced onto a domain of
 * another IOMMU driver (README, "Kernel bugs found"): the walk never asks
 * that. A first attach of a detached VFIO device checks the domain's owner
 * and is asked (EINVAL).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/model-int.h"

#define PASID_BASE	7	/* the walk's PASIDs: 7 and 8 */

static bool mock_dev(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_DEV && !o->real;
}

static bool any_pasid(const struct mobj *d)
{
	int p;

	for (p = 0; p < MODEL_PASIDS; p++)
		if (d->pasid_pt[p] >= 0)
			return true;
	return false;
}

/* ---- mock create ---- */

/*
 * selftest.c iommufd_test_mock_domain: a device bound and attached to the
 * IOAS (its automatic domain); the reply failing detaches, unbinds and
 * destroys it again. 6.12 knows no PASID flag (mock_dev_create(): EINVAL).
 */
static bool gen_mock_create(struct model *m, uint64_t *rng, struct mop *op)
{
	int x = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL), d;
	struct mock_create_args *a = &op->a.mock_create;

	if (!m->caps->mock || x < 0 || !take_auto(m, op, x) ||
	    m->o[x].auto_hwpt[1] >= 0 || (d = new_obj(m, op, MK_DEV)) < 0)
		return false;
	take(m, op, x, false);
	op->target = x;
	step_of(op, &op_mock_create);
	obj(&a->pt, &m->o[x], false);
	strcpy(a->name, m->o[d].name);
	m->o[d].pasid_cap = !rnd(rng, 3);
	if (m->o[d].pasid_cap) {
		a->has_flags = true;
		a->flags = ICTL_MOCK_FLAGS_DEVICE_PASID;
	}
	if (m->o[d].pasid_cap && !m->caps->pasid)
		expect(op, EINVAL);
	else
		expect(op, readonly(op, rng, 10) ? EFAULT : 0);
	return true;
}

static bool apply_mock_create(struct model *m, struct mop *op,
			      const struct result *r, char *why, size_t len)
{
	int d = op->newobj;

	if (r->err)
		return true;
	if (!born(m, d, r->made.id, why, len))
		return false;
	m->o[d].stdev = r->made.stdev;
	if (attach(m, d, op->target, result_get_id(r, "hwpt")))
		return true;
	snprintf(why, len, "a second automatic domain for one IOAS");
	return false;
}

/* ---- attach, replace ---- */

static bool attach_target(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_IOAS || !o->is_auto;
}

/*
 * What an attached device may be replaced onto without the 7.3.4 oops:
 * nothing of the other driver, no IOAS whose automatic domains include
 * one of the other driver (iommufd_device_auto_get_domain() tries them).
 */
static bool same_driver(const struct model *m, int d, int pt)
{
	const struct mobj *t = &m->o[pt];
	bool real = m->o[d].real;

	if (m->o[d].parent < 0)
		return true;	/* a first attach checks the owner */
	if (t->kind == MK_IOAS)
		return t->auto_hwpt[!real] < 0;
	return t->real == real;
}

/* The HWPT @d is on that @pt would leave it on (an IOAS: its own domain) */
static bool same_hwpt(const struct model *m, int d, int pt)
{
	int cur = m->o[d].parent;

	if (cur < 0)
		return false;
	if (m->o[pt].kind == MK_IOAS)
		return m->o[pt].auto_hwpt[m->o[d].real] == cur;
	return pt == cur;
}

/*
 * device.c iommufd_device_do_replace: the HWPT a device is on already is
 * success, nothing done; a device with PASIDs attached takes only a HWPT
 * made with --pasid (iommufd_hwpt_pasid_compat(): EINVAL; an IOAS's
 * automatic domain never is); a mock nested HWPT of a vIOMMU wants the
 * device's vDEVICE on that vIOMMU (selftest.c mock_domain_nop_attach,
 * iommufd_viommu_get_vdev_id(): ENOENT). A domain of the other driver is
 * EINVAL (the iommu core, for a first attach).
 */
static int attach_expect(const struct model *m, int d, int pt)
{
	const struct mobj *t = &m->o[pt], *dev = &m->o[d];
	int v;

	if (t->kind != MK_IOAS && t->real != dev->real)
		return EINVAL;
	if (same_hwpt(m, d, pt))
		return 0;
	if (any_pasid(dev) && (t->kind == MK_IOAS || !t->pasid_ok))
		return EINVAL;
	if (t->kind == MK_NESTED && m->o[v = t->parent].kind == MK_VIOMMU &&
	    (dev->vdev < 0 || m->o[dev->vdev].parent != v))
		return ENOENT;
	return 0;
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

/* Hold what leaving its HWPT changes: the HWPT, its IOAS, its fault queue */
static bool take_leave(struct model *m, struct mop *op, int d)
{
	int cur = m->o[d].parent;

	return try_take(m, op, cur, false) && take_holder_ioas(m, op, cur) &&
	       try_take(m, op, dev_fault_queue(m, d), true);
}

static bool nested_on(const struct model *m, const struct mobj *o, int v)
{
	(void)m;
	return o->kind == MK_NESTED && o->parent == v;
}

static bool fault_hwpt(const struct model *m, const struct mobj *o)
{
	(void)m;
	return !o->is_auto && !o->real && o->extra >= 0;
}

static bool pasid_hwpt(const struct model *m, const struct mobj *o)
{
	(void)m;
	return !o->is_auto && !o->real && o->pasid_ok;
}

/*
 * The target of an attach of @d: now and then what makes a rare case, a
 * nested HWPT of its vDEVICE's vIOMMU, a HWPT with a fault queue, one a
 * PASID device's PASIDs can go with; else anything.
 */
static int replace_target(struct model *m, uint64_t *rng, int d)
{
	const struct mobj *o = &m->o[d];
	int pt = -1;

	switch (rnd(rng, o->real ? 1 : 5)) {
	case 1:
		if (o->vdev >= 0)
			pt = pick_ctx(m, rng, KIND_BIT(MK_NESTED), false, nested_on,
				      m->o[o->vdev].parent);
		break;
	case 2:
		pt = pick(m, rng, HWPT_KINDS, false, fault_hwpt);
		break;
	case 3:
		if (o->pasid_cap)
			pt = pick(m, rng, HWPT_KINDS, false, pasid_hwpt);
		break;
	}
	return pt >= 0 ? pt : pick(m, rng, KIND_BIT(MK_IOAS) | HWPT_KINDS, false,
				   attach_target);
}

static bool attached(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_DEV && o->parent >= 0;
}

static bool detached(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_DEV && o->parent < 0;
}

/*
 * The reply of an attach that worked failing: the selftest's replace
 * keeps the move (selftest.c iommufd_test_mock_domain_replace), VFIO
 * detaches the device again (device_cdev.c vfio_df_ioctl_attach_pt).
 */
static void attach_readonly(struct model *m, uint64_t *rng, struct mop *op, int d,
			    int pt)
{
	if (m->o[d].real || m->o[pt].kind != MK_IOAS)
		if (readonly(op, rng, 12))
			expect(op, EFAULT);
}

/* The attach of device @d (attached: a replace; detached: a first attach) */
static bool gen_attach_of(struct model *m, uint64_t *rng, struct mop *op, int d)
{
	struct handle *h;
	int pt;

	if (d < 0 || !take_leave(m, op, d))
		return false;
	take(m, op, d, true);
	op->subject = d;
	h = attach_args(m, op, d);
	if (!rnd(rng, 16)) {
		bogus(h, rng);
		expect(op, ENOENT);
		return true;
	}
	pt = replace_target(m, rng, d);
	if (pt < 0 || !same_driver(m, d, pt) ||
	    (m->o[pt].kind == MK_IOAS && !take_auto(m, op, pt)) || !try_take(m, op, pt, false))
		return false;
	op->target = pt;
	op->variant = same_hwpt(m, d, pt);
	obj(h, &m->o[pt], false);
	expect(op, attach_expect(m, d, pt));
	if (!op->expect[0])
		attach_readonly(m, rng, op, d, pt);
	return true;
}

static bool gen_replace(struct model *m, uint64_t *rng, struct mop *op)
{
	return gen_attach_of(m, rng, op, pick(m, rng, KIND_BIT(MK_DEV), true, attached));
}

/* vfio iommufd.c vfio_iommufd_physical_attach_ioas: not attached, an attach */
static bool gen_reattach(struct model *m, uint64_t *rng, struct mop *op)
{
	return gen_attach_of(m, rng, op, pick(m, rng, KIND_BIT(MK_DEV), true, detached));
}

static bool apply_replace(struct model *m, struct mop *op, const struct result *r,
			  char *why, size_t len)
{
	int d = op->subject;

	if (r->err == -EFAULT && m->o[d].real) {
		detach(m, d);
		return true;
	}
	if ((r->err && r->err != -EFAULT) || op->variant)
		return true;
	detach(m, d);
	if (attach(m, d, op->target, result_get_id(r, "hwpt")))
		return true;
	snprintf(why, len, "a second automatic domain for one IOAS");
	return false;
}

/* ---- the VFIO device: detach, unbind and bind again ---- */

static bool real_dev(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_DEV && o->real;
}

/* vfio iommufd.c vfio_iommufd_physical_detach_ioas: attached or not, 0 */
static bool gen_detach(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick(m, rng, KIND_BIT(MK_DEV), true, real_dev);

	if (d < 0 || !take_leave(m, op, d))
		return false;
	take(m, op, d, true);
	op->subject = d;
	step_of(op, &op_device_detach);
	obj(&op->a.dev_attach.dev, &m->o[d], false);
	expect(op, 0);
	return true;
}

static bool apply_detach(struct model *m, struct mop *op, const struct result *r,
			 char *why, size_t len)
{
	(void)r;
	(void)why;
	(void)len;
	detach(m, op->subject);
	return true;
}

/*
 * Closing the cdev unbinds (vfio_iommufd_physical_unbind detaches first);
 * opening and binding it again gives a new device id. A bind whose reply
 * fails closes the device again (device_cdev.c vfio_df_ioctl_bind_iommufd).
 */
static bool gen_rebind(struct model *m, uint64_t *rng, struct mop *op)
{
	int d;

	if (!m->real_home || m->real_busy)
		return false;
	if (m->real_bound) {
		d = pick(m, rng, KIND_BIT(MK_DEV), true, real_dev);
		if (d < 0 || !take_leave(m, op, d))
			return false;
		take(m, op, d, true);
		op->subject = d;
		destroy_args(m, op, &m->o[d]);
		expect(op, 0);
	} else {
		if ((d = new_obj(m, op, MK_DEV)) < 0)
			return false;
		snprintf(m->o[d].name, sizeof(m->o[d].name), "%s%u", MODEL_REAL_NAME,
			 m->names[MK_NKINDS]++);
		m->o[d].real = true;
		step_of(op, &op_device_bind);
		op->a.dev_bind.dev = m->caps->device;
		strcpy(op->a.dev_bind.name, m->o[d].name);
		expect(op, readonly(op, rng, 4) ? EFAULT : 0);
	}
	m->real_busy = true;
	op->variant = 1;	/* this operation holds real_busy */
	return true;
}

static bool apply_rebind(struct model *m, struct mop *op, const struct result *r,
			 char *why, size_t len)
{
	int d = op->newobj;

	if (op->subject >= 0) {
		detach(m, op->subject);
		drop(m, op->subject);
		m->real_bound = false;
		return true;
	}
	if (r->err)
		return true;
	m->o[d].fd = r->made.fd;
	m->real_bound = true;
	return born(m, d, r->made.id, why, len);
}

/* ---- HWPTs ---- */

/* hwpt alloc of device @d on @pt, named after the new object @h */
static struct hwpt_alloc_args *hwpt_args(struct model *m, struct mop *op, int d,
					 int pt, int h)
{
	struct hwpt_alloc_args *a = &op->a.hwpt_alloc;

	step_of(op, &op_hwpt_alloc);
	obj(&a->dev, &m->o[d], false);
	obj(&a->pt, &m->o[pt], false);
	strcpy(a->name, m->o[h].name);
	return a;
}

/*
 * hw_pagetable.c iommufd_hwpt_alloc: a nested HWPT cannot carry a paging
 * one (EINVAL); iommufd_hwpt_paging_alloc() takes nest-parent,
 * dirty-tracking and (7.x) pasid, 6.12 refuses pasid (EOPNOTSUPP); the
 * reply failing aborts the HWPT.
 */
static bool gen_hwpt_alloc(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick(m, rng, KIND_BIT(MK_DEV), false, NULL);
	int pt = pick(m, rng, KIND_BIT(MK_IOAS), false, NULL), h;
	struct hwpt_alloc_args *a;
	struct mobj *o;

	op->variant = (int)rnd(rng, 8);
	if (op->variant == 7)
		pt = pick(m, rng, KIND_BIT(MK_NESTED), false, NULL);
	if (d < 0 || pt < 0 || (h = new_obj(m, op, MK_PAGING)) < 0)
		return false;
	take(m, op, d, false);
	take(m, op, pt, false);
	op->target = pt;
	o = &m->o[h];
	o->real = m->o[d].real;
	/* a real device's flags would be a hardware question: not asked */
	o->nest_parent = (op->variant & 1) && !o->real;
	o->dirty_ok = (op->variant & 2) && !o->real;
	o->pasid_ok = op->variant >= 4 && op->variant < 7 && !o->real;
	a = hwpt_args(m, op, d, pt, h);
	a->nest_parent = o->nest_parent;
	a->dirty_tracking = o->dirty_ok;
	a->pasid = o->pasid_ok;
	if (op->variant == 7)
		expect(op, EINVAL);
	else if (o->pasid_ok && !m->caps->pasid)
		expect(op, EOPNOTSUPP);
	else
		expect(op, readonly(op, rng, 10) ? EFAULT : 0);
	return true;
}

/* A new object that holds others: its first holding is the parent the model chose */
static bool apply_made(struct model *m, struct mop *op, const struct result *r,
		       char *why, size_t len)
{
	int n = op->newobj, held = op->target;

	if (r->err)
		return true;
	if (!born(m, n, r->made.id, why, len) || !holds_chosen(m, op, r, why, len))
		return false;
	m->o[n].parent = held;
	hold(m, held);
	hold(m, m->o[n].extra);
	return true;
}

static bool nest_target(const struct model *m, const struct mobj *o)
{
	(void)m;
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

/*
 * iommufd_hwpt_nested_alloc: the parent must be a nest parent of the
 * device's driver (EINVAL); on a vIOMMU, the device must be behind its
 * IOMMU (iommufd_hwpt_alloc: EINVAL).
 */
static bool nested_ok(const struct model *m, int d, int p)
{
	return (m->o[p].kind == MK_VIOMMU || m->o[p].nest_parent) && !m->o[d].real &&
	       !m->o[p].real;
}

/*
 * What a nested HWPT for device @d on @p is answered. The VFIO device's
 * driver without nested domains of its own (no domain_alloc_nested, 6.12:
 * domain_alloc_user) is EOPNOTSUPP before the parent is looked at
 * (iommufd_hwpt_nested_alloc); with them the parent must be its own nest
 * parent (EINVAL), and then it refuses the selftest's data (EOPNOTSUPP:
 * intel/nested.c intel_iommu_domain_alloc_nested). vIOMMUs: nested_ok().
 */
static int nested_expect(const struct model *m, int d, int p)
{
	const struct mobj *dev = &m->o[d], *t = &m->o[p];

	if (t->kind == MK_VIOMMU || !dev->real)
		return nested_ok(m, d, p) ? 0 : EINVAL;
	if (!m->caps->real_nested)
		return EOPNOTSUPP;
	return t->nest_parent && t->real ? EOPNOTSUPP : EINVAL;
}

static bool gen_nested(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick(m, rng, KIND_BIT(MK_DEV), false, NULL);
	int p = pick(m, rng, KIND_BIT(MK_PAGING) | KIND_BIT(MK_VIOMMU), false, nest_target), h, e;

	if (d < 0 || p < 0 || (h = new_obj(m, op, MK_NESTED)) < 0)
		return false;
	take(m, op, d, false);
	take(m, op, p, false);
	op->target = p;
	m->o[h].real = m->o[d].real;
	selftest_data(hwpt_args(m, op, d, p, h), rnd(rng, 64));
	e = nested_expect(m, d, p);
	expect(op, e ? e : readonly(op, rng, 10) ? EFAULT : 0);
	return true;
}

/* A HWPT that delivers I/O page faults to a fault queue, in four kinds */
static int fault_target(struct model *m, uint64_t *rng, struct mop *op)
{
	/* paging, nest parent, nested on a nest parent, on a vIOMMU, no queue */
	static const unsigned int kinds[5] = {
		KIND_BIT(MK_IOAS), KIND_BIT(MK_IOAS), KIND_BIT(MK_PAGING),
		KIND_BIT(MK_VIOMMU), KIND_BIT(MK_PAGING)
	};

	op->variant = (int)rnd(rng, 5);
	/* without vIOMMUs (6.12) a nest parent takes their turn: the one kind
	 * that can succeed there, so that its abort path is met too */
	if (op->variant == 3 && !m->caps->viommu)
		op->variant = 2;
	return pick(m, rng, kinds[op->variant], false, nest_target);
}

/*
 * hw_pagetable.c: a paging HWPT takes a fault queue from 6.15 on (6.12:
 * EOPNOTSUPP, not among its valid flags), never a nest parent with one
 * (EOPNOTSUPP); a nested HWPT on a nest parent or a vIOMMU takes one. A
 * fault queue that does not exist is looked up after the HWPT was made,
 * which is then aborted (iommufd_get_fault(): ENOENT).
 */
static int fault_expect(const struct model *m, struct mop *op, int d, int p)
{
	if (op->variant <= 1)
		return !m->caps->fault_paging || op->variant ? EOPNOTSUPP : 0;
	if (!nested_ok(m, d, p))
		return EINVAL;
	return op->variant == 4 ? ENOENT : 0;
}

static bool gen_hwpt_fault(struct model *m, uint64_t *rng, struct mop *op)
{
	int f = pick(m, rng, KIND_BIT(MK_FAULT), false, NULL);
	int d = pick(m, rng, KIND_BIT(MK_DEV), false, mock_dev), p, h;
	struct hwpt_alloc_args *a;

	if (f < 0 || d < 0 || (p = fault_target(m, rng, op)) < 0 ||
	    (h = new_obj(m, op, op->variant <= 1 ? MK_PAGING : MK_NESTED)) < 0)
		return false;
	take(m, op, d, false);
	take(m, op, p, false);
	take(m, op, f, false);
	op->target = p;
	m->o[h].extra = f;
	a = hwpt_args(m, op, d, p, h);
	a->nest_parent = op->variant == 1;
	a->has_fault = true;
	obj(&a->fault, &m->o[f], false);
	if (op->variant == 4)
		bogus(&a->fault, rng);
	if (op->variant >= 2)
		selftest_data(a, rnd(rng, 64));
	expect(op, fault_expect(m, op, d, p));
	if (!op->expect[0] && readonly(op, rng, 10))
		expect(op, EFAULT);
	return true;
}

static bool gen_invalidate(struct model *m, uint64_t *rng, struct mop *op)
{
	int h = pick(m, rng, HWPT_KINDS, false, attach_target);
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
	/*
	 * mock_domain_cache_invalidate_user: IOTLBs 0 to 3; the refusal of a
	 * paging HWPT changed from ENOENT to EINVAL in 6.13
	 */
	if (m->o[h].kind == MK_NESTED)
		expect(op, op->variant > 3 ? EINVAL : 0);
	else
		expect_either(op, EINVAL, ENOENT);
	return true;
}

/* ---- vIOMMU, vDEVICE ---- */

static bool user_hwpt(const struct model *m, const struct mobj *o)
{
	(void)m;
	return !o->is_auto && !o->real;
}

/*
 * viommu.c iommufd_viommu_alloc_ioctl: on a nest parent only (EINVAL);
 * the reply failing aborts it (main.c: the ucmd's new object).
 */
static bool gen_viommu(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick(m, rng, KIND_BIT(MK_DEV), false, mock_dev);
	int p = pick(m, rng, KIND_BIT(MK_PAGING), false, user_hwpt), v;

	if (!m->caps->viommu || d < 0 || p < 0 || (v = new_obj(m, op, MK_VIOMMU)) < 0)
		return false;
	take(m, op, d, false);
	take(m, op, p, false);
	op->target = p;
	step_of(op, &op_viommu_alloc);
	obj(&op->a.viommu.dev, &m->o[d], false);
	obj(&op->a.viommu.hwpt, &m->o[p], false);
	strcpy(op->a.viommu.name, m->o[v].name);
	if (!m->o[p].nest_parent)
		expect(op, EINVAL);
	else
		expect(op, readonly(op, rng, 8) ? EFAULT : 0);
	return true;
}

/* The vDEVICE of vIOMMU @v with virtual id @virt, or -1 */
static int vdev_of(const struct model *m, int v, uint32_t virt)
{
	int i;

	for (i = 0; i < MODEL_MAX_OBJ; i++)
		if (m->o[i].live && m->o[i].kind == MK_VDEV && m->o[i].parent == v &&
		    m->o[i].virt == virt)
			return i;
	return -1;
}

/*
 * viommu.c iommufd_vdevice_alloc_ioctl: one vDEVICE per device (EEXIST),
 * one per virtual id of a vIOMMU (xa_insert: EEXIST); the reply failing
 * aborts it, and the id and the device are free again.
 */
static bool gen_vdevice(struct model *m, uint64_t *rng, struct mop *op)
{
	int v = pick(m, rng, KIND_BIT(MK_VIOMMU), false, NULL);
	int d = pick(m, rng, KIND_BIT(MK_DEV), true, mock_dev), n;
	struct vdevice_alloc_args *a = &op->a.vdevice;
	uint32_t virt = rnd(rng, 8);

	if (v < 0 || d < 0 || (m->o[v].virt_held & (1u << virt)) ||
	    !try_take(m, op, vdev_of(m, v, virt), false) ||
	    (n = new_obj(m, op, MK_VDEV)) < 0)
		return false;
	m->o[v].virt_held |= (uint16_t)(1u << virt);
	op->virt_v = v;
	op->virt = virt;
	take(m, op, v, false);
	take(m, op, d, true);
	op->target = v;
	op->subject = d;
	step_of(op, &op_vdevice_alloc);
	obj(&a->viommu, &m->o[v], false);
	obj(&a->dev, &m->o[d], false);
	a->virt_id = virt;
	strcpy(a->name, m->o[n].name);
	if (m->o[d].vdev >= 0 || (m->o[v].virt_used & (1u << virt)))
		expect(op, EEXIST);
	else
		expect(op, readonly(op, rng, 8) ? EFAULT : 0);
	return true;
}

static bool apply_vdevice(struct model *m, struct mop *op, const struct result *r,
			  char *why, size_t len)
{
	int n = op->newobj;

	if (r->err)
		return true;
	if (!apply_made(m, op, r, why, len))
		return false;
	m->o[n].dev = op->subject;
	m->o[n].virt = op->virt;
	m->o[op->subject].vdev = n;
	m->o[op->target].virt_used |= (uint16_t)(1u << op->virt);
	return true;
}

/* ---- PASIDs of a mock device ---- */

static bool pasid_dev(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_DEV && o->pasid_cap;
}

static bool mock_pt(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_IOAS || (!o->is_auto && !o->real);
}

/* A PASID device that is on a --pasid HWPT itself */
static bool pasid_ready(const struct model *m, const struct mobj *o)
{
	return pasid_dev(m, o) && o->parent >= 0 && m->o[o->parent].pasid_ok;
}

/* Mostly a PASID that is attached (a replace), or one that is not */
static uint32_t pasid_index(uint64_t *rng, const struct mobj *d, bool attached)
{
	uint32_t p = rnd(rng, MODEL_PASIDS);

	if (rnd(rng, 4) && (d->pasid_pt[p] >= 0) != attached)
		p = (p + 1) % MODEL_PASIDS;
	return p;
}

/* Device, PASID and target of a PASID operation; the step's args. False: none */
static bool pasid_pick(struct model *m, uint64_t *rng, struct mop *op,
		       const struct op *step, bool target)
{
	int d = pick_pref(m, rng, KIND_BIT(MK_DEV), true, pasid_ready, pasid_dev), pt = -1;

	if (!m->caps->pasid || d < 0)
		return false;
	op->aux = pasid_index(rng, &m->o[d], step != &op_mock_pasid_attach);
	if (target && ((pt = pick_pref(m, rng, KIND_BIT(MK_IOAS) | HWPT_KINDS, false,
				       pasid_hwpt, mock_pt)) < 0 ||
		       (m->o[pt].kind == MK_IOAS && !take_auto(m, op, pt)) ||
		       !try_take(m, op, pt, false)))
		return false;
	if (!try_take(m, op, m->o[d].pasid_pt[op->aux], false))
		return false;
	take(m, op, d, true);
	op->subject = d;
	op->target = pt;
	step_of(op, step);
	obj(&op->a.pasid.dev, &m->o[d], true);
	if (pt >= 0)
		obj(&op->a.pasid.pt, &m->o[pt], false);
	op->a.pasid.has_pasid = true;
	op->a.pasid.pasid = PASID_BASE + op->aux;
	return true;
}

/* A PASID takes a --pasid HWPT, while the device itself is on one too */
static int pasid_compat(const struct model *m, int d, int pt)
{
	const struct mobj *t = &m->o[pt], *rid = &m->o[m->o[d].parent];

	if (t->kind == MK_IOAS || !t->pasid_ok || !rid->pasid_ok)
		return EINVAL;
	return 0;
}

/*
 * device.c iommufd_hw_pagetable_attach: a PASID attached already is
 * EBUSY (xa_insert of the device), whatever the target; then
 * iommufd_hwpt_pasid_compat(). The reply failing detaches it again
 * (selftest.c iommufd_test_pasid_attach).
 */
static bool gen_pasid_attach(struct model *m, uint64_t *rng, struct mop *op)
{
	if (!pasid_pick(m, rng, op, &op_mock_pasid_attach, true))
		return false;
	if (m->o[op->subject].pasid_pt[op->aux] >= 0)
		expect(op, EBUSY);
	else if (pasid_compat(m, op->subject, op->target))
		expect(op, EINVAL);
	else
		expect(op, readonly(op, rng, 8) ? EFAULT : 0);
	return true;
}

/*
 * device.c iommufd_device_do_replace: a PASID not attached is EINVAL, the
 * HWPT it is on already is success with nothing done, then the
 * compatibility of the target. The reply failing keeps the move
 * (selftest.c iommufd_test_pasid_replace).
 */
static bool gen_pasid_replace(struct model *m, uint64_t *rng, struct mop *op)
{
	int cur;

	if (!pasid_pick(m, rng, op, &op_mock_pasid_replace, true))
		return false;
	cur = m->o[op->subject].pasid_pt[op->aux];
	op->variant = cur == op->target;
	if (cur < 0 || (!op->variant && pasid_compat(m, op->subject, op->target)))
		expect(op, EINVAL);
	else
		expect(op, readonly(op, rng, 8) ? EFAULT : 0);
	return true;
}

/* selftest.c iommufd_test_pasid_detach: attached or not, 0 */
static bool gen_pasid_detach(struct model *m, uint64_t *rng, struct mop *op)
{
	if (!pasid_pick(m, rng, op, &op_mock_pasid_detach, false))
		return false;
	expect(op, 0);
	return true;
}

static bool apply_pasid(struct model *m, struct mop *op, const struct result *r,
			char *why, size_t len)
{
	int *pt = &m->o[op->subject].pasid_pt[op->aux];

	(void)why;
	(void)len;
	if ((r->err && (r->err != -EFAULT || op->kind == MOP_PASID_ATTACH)) ||
	    op->variant)
		return true;
	unhold(m, *pt);
	*pt = op->target;
	hold(m, *pt);
	return true;
}

/* ---- destroy ---- */

/*
 * The end of @o: destroy; an access, which is a file only the thread that
 * made it has a handle of, is closed by its fd number; the VFIO device's
 * cdev is closed, which unbinds it.
 */
void destroy_args(struct model *m, struct mop *op, const struct mobj *o)
{
	(void)m;
	if (o->kind == MK_ACCESS) {
		step_of(op, &op_access_close);
		obj(&op->a.access_close.access, o, false);
		return;
	}
	step_of(op, &op_destroy);
	obj(&op->a.destroy.obj, o, o->kind == MK_DEV && !o->real);
}

/*
 * A real device goes by device.rebind; a mock one not with a PASID on
 * (7.3.4 WARNs); HW queue 1 only in the teardown (7.3.4's mock then
 * forgets queue 0: tests/scripts/hwqueue-index.ictl).
 */
static bool destroyable(const struct model *m, const struct mobj *o)
{
	(void)m;
	return !o->is_auto && !(o->kind == MK_DEV && (o->real || any_pasid(o))) &&
	       !(o->kind == MK_HWQ && o->index);
}

/* Hold what the destroy of @o changes besides @o and what it holds */
static bool take_destroy(struct model *m, struct mop *op, int o)
{
	const struct mobj *x = &m->o[o];

	switch (x->kind) {
	case MK_DEV:
		/* its vDEVICE goes too, leaving a tombstone */
		return take_leave(m, op, o) && try_take(m, op, x->vdev, true) &&
		       (x->vdev < 0 || try_take(m, op, m->o[x->vdev].parent, false));
	case MK_VDEV:
		return try_take(m, op, x->dev, false) && try_take(m, op, x->parent, false);
	case MK_HWQ:
		return take_slots(m, op, x->hq_ioas,
				  area_slots(&m->o[x->hq_ioas], x->hq_off, 0x1000));
	default:
		return try_take(m, op, x->parent, false);
	}
}

static bool gen_destroy(struct model *m, uint64_t *rng, struct mop *op)
{
	int o = pick(m, rng, (1u << MK_NKINDS) - 1, true, destroyable);

	if (o < 0 || !take_destroy(m, op, o) || !try_take(m, op, m->o[o].extra, false) ||
	    (m->o[o].kind == MK_HWQ && !try_take(m, op, m->o[o].parent, false)))
		return false;
	take(m, op, o, true);
	op->subject = o;
	destroy_args(m, op, &m->o[o]);
	/* main.c iommufd_object_remove: an object something holds is EBUSY */
	expect(op, m->o[o].users ? EBUSY : 0);
	return true;
}

/*
 * device.c iommufd_device_remove_vdev: a device that goes takes its
 * vDEVICE with it, whose id stays taken (a tombstone) until the iommufd
 * closes.
 */
static void tombstone(struct model *m, int n)
{
	int v = m->o[n].parent;

	if (m->ntomb < 8)
		m->tomb[m->ntomb++] = m->o[n].id;
	else
		m->ids_lost = true;	/* a tombstone the model cannot keep */
	m->o[v].users--;
	m->o[v].virt_used &= (uint16_t)~(1u << m->o[n].virt);
	drop(m, n);
}

/* What goes with the object @o besides its holds */
static void destroy_kind(struct model *m, int o)
{
	struct mobj *x = &m->o[o];
	int a;

	switch (x->kind) {
	case MK_DEV:
		detach(m, o);
		if (x->vdev >= 0)
			tombstone(m, x->vdev);
		return;
	case MK_VDEV:
		m->o[x->dev].vdev = -1;
		m->o[x->parent].virt_used &= (uint16_t)~(1u << x->virt);
		break;
	case MK_VEVENTQ:
		m->o[x->parent].veq = -1;
		break;
	case MK_PAGING:
		dirty_forget(m, o);
		break;
	case MK_HWQ:
		m->o[x->parent].hwq[x->index] = -1;
		a = area_at(&m->o[x->hq_ioas], x->hq_off);
		m->o[x->hq_ioas].area[a].locks--;
		break;
	default:
		break;
	}
	unhold(m, x->parent);
	unhold(m, x->extra);
}

bool apply_destroy(struct model *m, struct mop *op, const struct result *r,
		   char *why, size_t len)
{
	int o = op->subject;

	(void)why;
	(void)len;
	/* destroy closes an event queue's fd first, whatever then happens */
	if (m->o[o].kind == MK_FAULT || m->o[o].kind == MK_VEVENTQ)
		m->o[o].fd = -1;
	if (r->err)
		return true;
	destroy_kind(m, o);
	drop(m, o);
	return true;
}

const struct mop_desc mgen_dev[MOP_NKINDS] = {
	[MOP_MOCK_CREATE] = { gen_mock_create, apply_mock_create },
	[MOP_ATTACH] = { gen_replace, apply_replace },
	[MOP_REATTACH] = { gen_reattach, apply_replace },
	[MOP_DETACH] = { gen_detach, apply_detach },
	[MOP_REBIND] = { gen_rebind, apply_rebind },
	[MOP_HWPT_ALLOC] = { gen_hwpt_alloc, apply_made },
	[MOP_HWPT_NESTED] = { gen_nested, apply_made },
	[MOP_HWPT_FAULT] = { gen_hwpt_fault, apply_made },
	[MOP_HWPT_INVALIDATE] = { gen_invalidate, NULL },
	[MOP_VIOMMU_ALLOC] = { gen_viommu, apply_made },
	[MOP_VDEVICE_ALLOC] = { gen_vdevice, apply_vdevice },
	[MOP_PASID_ATTACH] = { gen_pasid_attach, apply_pasid },
	[MOP_PASID_REPLACE] = { gen_pasid_replace, apply_pasid },
	[MOP_PASID_DETACH] = { gen_pasid_detach, apply_pasid },
	[MOP_DESTROY] = { gen_destroy, apply_destroy },
};
