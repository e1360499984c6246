// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stress model's queues: fault queues and the I/O page faults that the
 * mock reports into them (read, answered by cookie), vEVENTQs and the
 * events the mock reports on them (with their depth and lost events), and
 * HW queues, which pin a page of the nest parent's IOAS.
 *
 * A queue's contents are changed only by operations that hold it
 * exclusively; a device leaving the HWPT whose faults go to a queue takes
 * its faults with it (the kernel answers them), so that holds the queue
 * too.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/model-int.h"

#define PAGE		0x1000u
/* what veventq read asks for per event: the header and the selftest payload */
#define VEVENT_PAYLOAD	sizeof(struct ictl_iommu_viommu_event_selftest)

int dev_fault_queue(const struct model *m, int dev)
{
	int pt = m->o[dev].parent;

	return pt >= 0 ? m->o[pt].extra : -1;
}

/*
 * device.c iommufd_hwpt_detach_device / iommufd_hwpt_replace_device call
 * iommufd_auto_response_faults() (eventq.c): the faults of the device's
 * attach handle go, read or not.
 */
void faults_of_dev_go(struct model *m, int dev)
{
	int f = dev_fault_queue(m, dev);
	struct mobj *q;
	unsigned int i, j;

	if (f < 0)
		return;
	q = &m->o[f];
	for (i = j = 0; i < q->nfq; i++)
		if (q->fq[i].dev != dev)
			q->fq[j++] = q->fq[i];
	q->nfq = j;
}

/*
 * selftest.c mock_domain_nop_attach: a device's events go to the vIOMMU
 * of the nested HWPT it was last attached to, with its vDEVICE's virtual
 * id of the moment that vIOMMU became its own. An attach to another HWPT
 * of the same vIOMMU keeps the id it had, even if that vDEVICE is gone
 * and another took its place; nothing else changes it.
 */
void dev_events_follow(struct model *m, int dev)
{
	struct mobj *d = &m->o[dev];
	int pt = d->parent, v = -1;

	if (pt >= 0 && m->o[pt].kind == MK_NESTED && m->o[m->o[pt].parent].kind == MK_VIOMMU)
		v = m->o[pt].parent;
	if (v == d->ev_viommu)
		return;
	d->ev_viommu = v;
	if (v >= 0)
		d->ev_virt = m->o[d->vdev].virt;
}

static bool mock_dev(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->kind == MK_DEV && !o->real;
}

static bool on_fault_hwpt(const struct model *m, const struct mobj *o)
{
	return mock_dev(m, o) && dev_fault_queue(m, (int)(o - m->o)) >= 0;
}

static bool has_events(const struct model *m, const struct mobj *o)
{
	return mock_dev(m, o) && o->ev_viommu >= 0;
}

static bool fd_open(const struct model *m, const struct mobj *o)
{
	(void)m;
	return o->fd >= 0;
}

/* ---- fault queues ---- */

/* eventq.c iommufd_fault_alloc: the reply failing aborts it, its file put */
static bool gen_fault_alloc(struct model *m, uint64_t *rng, struct mop *op)
{
	int f = new_obj(m, op, MK_FAULT);

	if (f < 0)
		return false;
	step_of(op, &op_fault_alloc);
	strcpy(op->a.fault_alloc.name, m->o[f].name);
	expect(op, readonly(op, rng, 8) ? EFAULT : 0);
	return true;
}

static bool apply_fault_alloc(struct model *m, struct mop *op,
			      const struct result *r, char *why, size_t len)
{
	if (r->err)
		return true;
	m->o[op->newobj].fd = r->made.fd;
	return born(m, op->newobj, r->made.id, why, len);
}

/*
 * selftest.c iommufd_test_trigger_iopf: a page request of the device
 * (without a PASID), which reaches the fault queue of the HWPT the device
 * is on, if it has one (eventq.c iommufd_fault_iopf_handler); the call
 * answers 0 either way, a device that does not exist ENOENT.
 */
static bool gen_iopf(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick_pref(m, rng, KIND_BIT(MK_DEV), false, on_fault_hwpt, mock_dev), f;
	struct mock_trigger_iopf_args *a = &op->a.iopf;

	if (d < 0)
		return false;
	f = dev_fault_queue(m, d);
	if (f >= 0 && m->o[f].nfq == MODEL_FAULTS)
		return false;
	if (!try_take(m, op, f, true))
		return false;
	take(m, op, d, false);
	op->subject = d;
	op->target = f;
	step_of(op, &op_mock_trigger_iopf);
	obj(&a->dev, &m->o[d], false);
	a->has_addr = true;
	a->addr = (uint64_t)(1 + rnd(rng, 256)) * PAGE;
	a->grpid = rnd(rng, 4);
	if (!rnd(rng, 16)) {
		bogus(&a->dev, rng);
		op->target = -1;
		expect(op, ENOENT);
		return true;
	}
	expect(op, 0);
	return true;
}

static bool apply_iopf(struct model *m, struct mop *op, const struct result *r,
		       char *why, size_t len)
{
	struct mobj *q;

	(void)why;
	(void)len;
	if (r->err || op->target < 0)
		return true;
	q = &m->o[op->target];
	q->fq[q->nfq++] = (struct mfault){ op->subject, 0 };
	return true;
}

static unsigned int unread(const struct mobj *q)
{
	unsigned int i, n = 0;

	for (i = 0; i < q->nfq; i++)
		n += !q->fq[i].cookie;
	return n;
}

/* The lowest cookie no fault of @q has: xa_alloc() of XA_FLAGS_ALLOC1 */
static uint32_t free_cookie(const struct mobj *q)
{
	uint32_t c;
	unsigned int i;

	for (c = 1;; c++) {
		for (i = 0; i < q->nfq && q->fq[i].cookie != c; i++)
			;
		if (i == q->nfq)
			return c;
	}
}

/*
 * eventq.c iommufd_fault_fops_read: the oldest faults that fit, each with
 * a new cookie; an empty queue reads nothing. A buffer the kernel cannot
 * write fails the first (EFAULT), which stays queued, its cookie taken back.
 */
static bool gen_fault_read(struct model *m, uint64_t *rng, struct mop *op)
{
	int f = pick(m, rng, KIND_BIT(MK_FAULT), true, fd_open);
	struct fault_read_args *a = &op->a.fault_read;
	unsigned int n;

	if (f < 0)
		return false;
	take(m, op, f, true);
	op->subject = f;
	op->aux = 1 + rnd(rng, 4);
	step_of(op, &op_fault_read);
	obj(&a->fault, &m->o[f], false);
	a->has_max = true;
	a->max = op->aux;
	n = unread(&m->o[f]);
	if (readonly(op, rng, 10) && n) {
		expect(op, EFAULT);
		return true;
	}
	expect(op, 0);
	want(op, n < op->aux ? n : op->aux);
	return true;
}

static bool apply_fault_read(struct model *m, struct mop *op, const struct result *r,
			     char *why, size_t len)
{
	struct mobj *q = &m->o[op->subject];
	unsigned int i, n = (unsigned int)op->st.want;

	(void)why;
	(void)len;
	for (i = 0; !r->err && n && i < q->nfq; i++) {
		if (q->fq[i].cookie)
			continue;
		q->fq[i].cookie = free_cookie(q);
		n--;
	}
	return true;
}

/*
 * eventq.c iommufd_fault_fops_write: a cookie of a fault read and not yet
 * answered is taken, with either code; any other is EINVAL.
 */
static bool gen_fault_respond(struct model *m, uint64_t *rng, struct mop *op)
{
	int f = pick(m, rng, KIND_BIT(MK_FAULT), true, fd_open);
	struct fault_respond_args *a = &op->a.fault_respond;
	const struct mobj *q;
	unsigned int i;

	if (f < 0)
		return false;
	take(m, op, f, true);
	q = &m->o[f];
	op->subject = f;
	/*
	 * a read fault's cookie, or one far past all. Never 0: the kernel
	 * refuses it but frees the response table's reserved index 0, which
	 * a later read then hands out (tests/scripts/fault-cookie0.ictl).
	 */
	i = q->nfq;
	if (rnd(rng, 4) && unread(q) < q->nfq)
		for (i = rnd(rng, q->nfq); !q->fq[i].cookie; i = (i + 1) % q->nfq)
			;
	op->aux = i < q->nfq ? q->fq[i].cookie : 100 + rnd(rng, 100);
	step_of(op, &op_fault_respond);
	obj(&a->fault, q, false);
	a->has_cookie = true;
	a->cookie = op->aux;
	a->code = rnd(rng, 2) ? ICTL_IOMMUFD_PAGE_RESP_SUCCESS : ICTL_IOMMUFD_PAGE_RESP_INVALID;
	expect(op, i < q->nfq && op->aux ? 0 : EINVAL);
	return true;
}

static bool apply_fault_respond(struct model *m, struct mop *op,
				const struct result *r, char *why, size_t len)
{
	struct mobj *q = &m->o[op->subject];
	unsigned int i, j;

	(void)why;
	(void)len;
	for (i = j = 0; !r->err && i < q->nfq; i++)
		if (q->fq[i].cookie != op->aux)
			q->fq[j++] = q->fq[i];
	if (!r->err)
		q->nfq = j;
	return true;
}

/* ---- vEVENTQs ---- */

/*
 * eventq.c iommufd_veventq_alloc: a depth of 0 is EINVAL; one queue per
 * type per vIOMMU (EEXIST); the reply failing aborts it, and the vIOMMU
 * takes a queue of that type again.
 */
static bool gen_veventq_alloc(struct model *m, uint64_t *rng, struct mop *op)
{
	int v = pick(m, rng, KIND_BIT(MK_VIOMMU), true, NULL), q;
	struct veventq_alloc_args *a = &op->a.veventq_alloc;

	if (!m->caps->veventq || v < 0 || (q = new_obj(m, op, MK_VEVENTQ)) < 0)
		return false;
	take(m, op, v, true);
	op->target = v;
	m->o[q].depth = rnd(rng, 10) ? 1 + rnd(rng, 4) : 0;
	step_of(op, &op_veventq_alloc);
	obj(&a->viommu, &m->o[v], false);
	a->has_depth = true;
	a->depth = m->o[q].depth;
	strcpy(a->name, m->o[q].name);
	if (!m->o[q].depth)
		expect(op, EINVAL);
	else if (m->o[v].veq >= 0)
		expect(op, EEXIST);
	else
		expect(op, readonly(op, rng, 8) ? EFAULT : 0);
	return true;
}

static bool apply_veventq_alloc(struct model *m, struct mop *op,
				const struct result *r, char *why, size_t len)
{
	int q = op->newobj, v = op->target;

	if (r->err)
		return true;
	m->o[q].fd = r->made.fd;
	m->o[q].parent = v;
	m->o[v].users++;
	m->o[v].veq = q;
	return born(m, q, r->made.id, why, len);
}

/*
 * selftest.c iommufd_test_trigger_vevent: ENOENT unless the device's
 * events have a vIOMMU and a virtual id other than 0; driver.c
 * iommufd_viommu_report_event: EOPNOTSUPP without a selftest vEVENTQ.
 */
static bool gen_vevent(struct model *m, uint64_t *rng, struct mop *op)
{
	int d = pick_pref(m, rng, KIND_BIT(MK_DEV), false, has_events, mock_dev), v, q = -1;
	struct mock_trigger_vevent_args *a = &op->a.vevent;

	if (!m->caps->veventq || d < 0)
		return false;
	v = m->o[d].ev_viommu;
	if (v >= 0 && m->o[d].ev_virt && (!try_take(m, op, v, false) ||
					 !try_take(m, op, q = m->o[v].veq, true)))
		return false;
	take(m, op, d, false);
	op->target = q;
	op->aux = 1 + rnd(rng, 3);
	step_of(op, &op_mock_trigger_vevent);
	obj(&a->dev, &m->o[d], false);
	a->has_count = true;
	a->count = op->aux;
	if (v < 0 || !m->o[d].ev_virt)
		expect(op, ENOENT);
	else if (q < 0)
		expect(op, EOPNOTSUPP);
	else {
		expect(op, 0);
		want(op, op->aux);
	}
	return true;
}

/*
 * driver.c iommufd_viommu_report_event and iommufd_vevent_handler: a full
 * queue takes a lost-events header instead of the event; any new item
 * first takes the header away from the end.
 */
static bool apply_vevent(struct model *m, struct mop *op, const struct result *r,
			 char *why, size_t len)
{
	struct mobj *q;
	unsigned int i;

	(void)why;
	(void)len;
	if (r->err)
		return true;
	q = &m->o[op->target];
	for (i = 0; i < op->aux; i++) {
		q->lost = q->nev == q->depth;
		if (!q->lost)
			q->nev++;
	}
	return true;
}

/*
 * eventq.c iommufd_veventq_fops_read: events while a whole one fits, then
 * the lost-events header if 8 bytes are left; a buffer the kernel cannot
 * write fails the first (EFAULT), which stays.
 */
static bool gen_veventq_read(struct model *m, uint64_t *rng, struct mop *op)
{
	int q = pick(m, rng, KIND_BIT(MK_VEVENTQ), true, fd_open);
	struct veventq_read_args *a = &op->a.veventq_read;
	const struct mobj *o;
	unsigned int take_n;

	if (q < 0)
		return false;
	take(m, op, q, true);
	o = &m->o[q];
	op->subject = q;
	op->aux = 1 + rnd(rng, 4);
	step_of(op, &op_veventq_read);
	obj(&a->veventq, o, false);
	a->has_max = a->has_event_len = true;
	a->max = op->aux;
	a->event_len = VEVENT_PAYLOAD;
	if (readonly(op, rng, 10) && (o->nev || o->lost)) {
		expect(op, EFAULT);
		return true;
	}
	take_n = o->nev < op->aux ? o->nev : op->aux;
	op->variant = o->lost && take_n == o->nev && op->aux > take_n;
	expect(op, 0);
	want(op, take_n + (unsigned int)op->variant);
	return true;
}

static bool apply_veventq_read(struct model *m, struct mop *op,
			       const struct result *r, char *why, size_t len)
{
	struct mobj *q = &m->o[op->subject];

	(void)why;
	(void)len;
	if (r->err)
		return true;
	q->nev -= (uint32_t)op->st.want - (uint32_t)op->variant;
	if (op->variant)
		q->lost = false;
	return true;
}

/* ---- HW queues ---- */

/*
 * viommu.c iommufd_hw_queue_alloc_ioctl: the queue's page is pinned
 * through the nest parent's IOAS first (ENOENT where nothing is mapped,
 * EINVAL where a dma-buf is: cpu_reach()), then selftest.c
 * mock_hw_queue_init_phys: two queues (EINVAL past them), each once
 * (EEXIST), queue 1 only after queue 0 (EIO), which it then holds. The
 * reply failing aborts it, unpinned.
 */
static bool gen_hw_queue(struct model *m, uint64_t *rng, struct mop *op)
{
	int v = pick(m, rng, KIND_BIT(MK_VIOMMU), true, NULL), x, q;
	struct hw_queue_alloc_args *a = &op->a.hw_queue;
	const struct mobj *o;
	int e;

	if (!m->caps->hw_queue || v < 0 || (x = hwpt_ioas(m, m->o[v].parent)) < 0)
		return false;
	/* mostly a page of a mapping */
	op->off = rnd(rng, MODEL_SLOTS) * MODEL_SLOT_SIZE + rnd(rng, 4) * PAGE;
	if (m->o[x].narea && rnd(rng, 4)) {
		const struct marea *ar = &m->o[x].area[rnd(rng, m->o[x].narea)];

		op->off = ar->off + rnd(rng, ar->len / PAGE) * PAGE;
	}
	op->aux = rnd(rng, 3);
	if (!take_slots(m, op, x, area_slots(&m->o[x], op->off, PAGE)) ||
	    !try_take(m, op, x, false) ||
	    (q = new_obj(m, op, MK_HWQ)) < 0)
		return false;
	take(m, op, v, true);
	o = &m->o[v];
	op->target = v;
	op->subject = x;
	step_of(op, &op_hw_queue_alloc);
	obj(&a->viommu, o, false);
	a->has_index = a->has_base_addr = a->has_length = true;
	a->index = op->aux;
	a->base_addr = MODEL_IOVA_BASE + op->off;
	a->length = PAGE;
	strcpy(a->name, m->o[q].name);
	if ((e = cpu_reach(&m->o[x], op->off, PAGE)))
		expect(op, e);
	else if (op->aux > 1)
		expect(op, EINVAL);
	else if (o->hwq[op->aux] >= 0)
		expect(op, EEXIST);
	else if (op->aux == 1 && o->hwq[0] < 0)
		expect(op, EIO);
	else if (op->aux == 1)
		expect(op, 0);	/* aborted, 7.3.4's mock would forget queue 0 */
	else
		expect(op, readonly(op, rng, 8) ? EFAULT : 0);
	return true;
}

static bool apply_hw_queue(struct model *m, struct mop *op, const struct result *r,
			   char *why, size_t len)
{
	int q = op->newobj, v = op->target, x = op->subject;
	struct mobj *o = &m->o[q];

	if (r->err)
		return true;
	o->parent = v;
	o->index = op->aux;
	o->extra = op->aux ? m->o[v].hwq[0] : -1;
	o->hq_ioas = x;
	o->hq_off = op->off;
	hold(m, v);
	hold(m, o->extra);
	m->o[v].hwq[op->aux] = q;
	m->o[x].area[area_at(&m->o[x], op->off)].locks++;
	if (!born(m, q, r->made.id, why, len))
		return false;
	/*
	 * viommu.c iommufd_hw_queue_alloc_phys(): the pages are pinned by an
	 * access object, whose id comes after the queue's
	 */
	hidden_id(m, q, op);
	return true;
}

const struct mop_desc mgen_queue[MOP_NKINDS] = {
	[MOP_FAULT_ALLOC] = { gen_fault_alloc, apply_fault_alloc },
	[MOP_IOPF] = { gen_iopf, apply_iopf },
	[MOP_FAULT_READ] = { gen_fault_read, apply_fault_read },
	[MOP_FAULT_RESPOND] = { gen_fault_respond, apply_fault_respond },
	[MOP_VEVENTQ_ALLOC] = { gen_veventq_alloc, apply_veventq_alloc },
	[MOP_VEVENT] = { gen_vevent, apply_vevent },
	[MOP_VEVENTQ_READ] = { gen_veventq_read, apply_veventq_read },
	[MOP_HW_QUEUE] = { gen_hw_queue, apply_hw_queue },
};
