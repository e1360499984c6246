// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/render.h"
#include "core/session.h"
#include "engine/cleanup.h"
#include "op/ops.h"
#include "util/stop.h"

/*
 * The PASIDs of mock device @e off first: the selftest unbinds a mock
 * device without detaching them, which 7.3.4 WARNs about (README). A VFIO
 * device's unbind detaches its own.
 */
static void pasids_off(struct runner *rn, struct reg_entry *e)
{
	struct mock_pasid_args a = { 0 };
	struct step st = { .op = &op_mock_pasid_detach, .args = &a };
	struct result r;

	strcpy(a.dev.name, e->name);
	a.has_pasid = true;
	while (e->stdev_id && e->npasid) {
		a.pasid = e->pasids[0];
		if (step_exec(rn->s, &st, &r) || r.err)
			break;
	}
}

/* Destroy @e as a step; its record only when @final or when it went */
static bool destroy_one(struct runner *rn, struct reg_entry *e, struct tally *t,
			bool final, int *err)
{
	struct destroy_args a = { 0 };
	struct step st = { .op = &op_destroy, .args = &a };
	struct origin from = { NULL, true };
	struct result r;
	enum verdict v;
	int rc;

	if (e->type == OBJ_DEV)
		pasids_off(rn, e);
	strcpy(a.obj.name, e->name);
	rn->s->loc.line = 0;
	rc = step_exec(rn->s, &st, &r);
	v = step_verdict(&st, rc, &r);
	*err = rc ? rc : r.err;
	if (v != VERDICT_PASS && !final)
		return false;	/* a later pass, once its holders are gone */
	if (!rc && rn->out)
		out_record(rn->out, step_record(rn->out, &st, &r, &from));
	if (v == VERDICT_PASS)
		tally_count(t, v, 0, 0, false);
	return v == VERDICT_PASS;
}

/* The newest object nothing holds that this pass has not tried yet */
static struct reg_entry *next_free(struct registry *reg, const uint32_t *tried,
				   size_t ntried)
{
	size_t i, j;

	for (i = reg->n; i-- > 0;) {
		struct reg_entry *e = &reg->v[i];

		/* memory goes at the end, but a mapping that holds a vIOMMU first */
		if ((e->type == OBJ_MEM && !e->nholds) || reg_held(reg, e))
			continue;
		for (j = 0; j < ntried && tried[j] != e->id; j++)
			;
		if (j == ntried)
			return e;
	}
	return NULL;
}

/* One pass over what nothing holds; how many objects went */
static unsigned int pass(struct runner *rn, struct tally *t)
{
	uint32_t tried[256];
	size_t ntried = 0;
	unsigned int gone = 0;
	struct reg_entry *e;
	int err;

	while (!stop_signal && ntried < 256 &&
	       (e = next_free(&rn->s->reg, tried, ntried))) {
		tried[ntried++] = e->id;
		gone += destroy_one(rn, e, t, false, &err);
	}
	return gone;
}

static void note_leak(struct leaks *lk, const struct reg_entry *e, int err)
{
	if (lk->n < CLEANUP_LEAKS_MAX) {
		struct leak *l = &lk->v[lk->n];

		strcpy(l->name, e->name);
		l->type = e->type;
		l->id = e->id;
		l->err = err;
	}
	lk->n++;
}

/* What is left: a last try each, with its record; then it is the kernel's */
static void last_tries(struct runner *rn, struct tally *t, struct leaks *lk)
{
	struct registry *reg = &rn->s->reg;
	struct reg_entry *e;
	size_t i;
	int err;

	for (i = reg->n; i-- > 0;) {
		e = &reg->v[i];
		if (e->type == OBJ_MEM || destroy_one(rn, e, t, true, &err))
			continue;
		if (!lk)	/* a failed step, as the caller wants it */
			tally_count(t, VERDICT_FAIL, 0, -err, false);
		else if (!reg_held(reg, e))
			note_leak(lk, e, err);
		/* closing the iommufd takes it with everything else */
		if (e->fd >= 0)
			close(e->fd);
		reg_del(reg, e);
	}
}

void run_cleanup(struct runner *rn, struct tally *t, struct leaks *lk)
{
	bool cleanup = rn->cleanup;
	const char *src = rn->src;

	rn->cleanup = true;
	rn->src = NULL;
	rn->s->loc.src = NULL;
	while (!stop_signal && pass(rn, t))
		;
	last_tries(rn, t, lk);
	rn->cleanup = cleanup;
	rn->src = src;
}

static void drop_memory(struct session *s, bool recycle)
{
	size_t i;

	for (i = s->reg.n; i-- > 0;) {
		if (s->reg.v[i].type != OBJ_MEM)
			continue;
		if (recycle)
			reg_mem_recycle(&s->reg.v[i]);
		else
			reg_mem_release(&s->reg.v[i]);
		reg_del(&s->reg, &s->reg.v[i]);
	}
}

void free_memory(struct session *s)
{
	drop_memory(s, false);
}

void recycle_memory(struct session *s)
{
	/* an open iommufd may still pin the pages: only a closed one cannot */
	drop_memory(s, s->ictl.fd < 0);
}
