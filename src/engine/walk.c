// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "core/render.h"
#include "core/session.h"
#include "engine/reduce.h"
#include "engine/script.h"
#include "engine/walk.h"
#include "host/klog.h"
#include "host/usermem.h"
#include "util/file.h"
#include "util/msg.h"
#include "util/parse.h"
#include "util/rec.h"
#include "util/stop.h"

#define HIST_BUCKETS	512	/* 8 per power of two of nanoseconds */
#define NERRNO		134
/* The kernel log is read every this many operations of a thread, not after each */
#define KLOG_EVERY	64

struct op_stats {
	uint64_t n, min_ns, max_ns;
	uint64_t errs[NERRNO];
	uint32_t hist[HIST_BUCKETS];
};

/* A step of an iommufd's history: what ran, and the answer it got */
struct hist {
	const struct op *op;
	void *args;		/* in the iommufd's arena */
	int expect;		/* the errno a replay must see */
	bool has_want;		/* and the number */
	uint64_t want;
	bool readonly_arg;
};

/* One iommufd: its model and what ran on it since it was opened */
struct fdslot {
	struct model m;
	int fd;
	struct hist *hist;
	size_t nhist, cap;
	struct arena arena;
	bool stuck;		/* nothing can start here until the round ends */
};

/* Steps run behind the model's back (--meddle), once, in order */
struct meddle {
	struct step v[WALK_MEDDLE_MAX];
	char **argv[WALK_MEDDLE_MAX];
	struct step run[WALK_MEDDLE_MAX];	/* with the objects' names */
	unsigned int n;
	bool done;
};

struct stress {
	const struct options *opt;
	const struct walk_opts *o;
	struct out *out;
	struct fdslot *fds;
	struct model_caps caps;
	struct meddle meddle;
	atomic_uint_fast64_t started, done;
	uint64_t round_end;		/* ops that may start in this round */
	atomic_uint stuck_fds;
	atomic_bool round_over;		/* every iommufd is stuck */
	uint64_t stuck_rounds;
	uint64_t t0, deadline;
	atomic_bool stop;
	pthread_mutex_t out_lock;
	struct klog klog;
	/* the first finding */
	bool found;
	bool found_klog;		/* a kernel log line: any iommufd's doing */
	char why[600];
	int found_fd;
	uint64_t rounds;
};

struct worker {
	struct stress *st;
	unsigned int idx;
	uint64_t rng;
	struct session s;		/* untracked: the steps carry kernel ids */
	struct mop op;
	struct result r;
	unsigned int since_klog;
	struct op_stats stats[MOP_NKINDS];
};

/* ---- latency histogram: log2 with 8 steps per octave ---- */

static unsigned int bucket(uint64_t ns)
{
	unsigned int b;

	if (ns < 8)
		return (unsigned int)ns;
	b = 63 - (unsigned int)__builtin_clzll(ns);
	return b * 8 + (unsigned int)((ns >> (b - 3)) & 7);
}

static uint64_t bucket_floor(unsigned int i)
{
	unsigned int b = i / 8;

	return b < 3 ? i : (uint64_t)(8 + i % 8) << (b - 3);
}

static void count_op(struct op_stats *s, int err, uint64_t ns)
{
	if (!s->n++ || ns < s->min_ns)
		s->min_ns = ns;
	if (ns > s->max_ns)
		s->max_ns = ns;
	s->errs[err > 0 && err < NERRNO ? err : 0]++;
	s->hist[bucket(ns) < HIST_BUCKETS ? bucket(ns) : HIST_BUCKETS - 1]++;
}

static void merge(struct op_stats *to, const struct op_stats *from)
{
	int i;

	if (!from->n)
		return;
	if (!to->n || from->min_ns < to->min_ns)
		to->min_ns = from->min_ns;
	if (from->max_ns > to->max_ns)
		to->max_ns = from->max_ns;
	to->n += from->n;
	for (i = 0; i < NERRNO; i++)
		to->errs[i] += from->errs[i];
	for (i = 0; i < HIST_BUCKETS; i++)
		to->hist[i] += from->hist[i];
}

static uint64_t percentile(const struct op_stats *s, unsigned int pct)
{
	uint64_t want = (s->n * pct + 99) / 100, seen = 0;
	unsigned int i;

	for (i = 0; i < HIST_BUCKETS; i++)
		if ((seen += s->hist[i]) >= want)
			return bucket_floor(i);
	return s->max_ns;
}

/* ---- history: the steps a finding's script is made of ---- */

/*
 * Note @st with the answer a replay must see (@expect, and the number of
 * its --want when @want); with the model's lock held
 */
static void remember(struct fdslot *f, const struct step *st, int expect, bool want)
{
	void *args;

	if (f->nhist == f->cap)
		return;	/* cannot happen: the ring holds an epoch and its teardown */
	args = arena_alloc(&f->arena, st->op->args_size);
	if (!args)
		return;
	memcpy(args, st->args, st->op->args_size);
	f->hist[f->nhist++] = (struct hist){ st->op, args, expect,
					     want && st->has_want, st->want,
					     st->readonly_arg };
}

static void forget(struct fdslot *f)
{
	f->nhist = 0;
	arena_reset(&f->arena);
}

/* ---- one step ---- */

static void finding(struct stress *st, int fd, const char *why, bool klog)
{
	if (!st->found) {
		st->found = true;
		st->found_klog = klog;
		st->found_fd = fd;
		snprintf(st->why, sizeof(st->why), "%s", why);
	}
	atomic_store(&st->stop, true);
}

/* The step as the script line a reproducer would have */
static const char *step_text(const struct step *st, char *buf, size_t len)
{
	if (step_format(st, buf, len))
		snprintf(buf, len, "%s (too long to show)", st->op->name);
	return buf;
}

/* --per-op: the step's record as the model judged it */
static void print_record(struct worker *w, bool ok)
{
	struct stress *st = w->st;
	const struct mop *op = &w->op;
	struct rec *rec;
	char text[1024];

	pthread_mutex_lock(&st->out_lock);
	rec = step_record(st->out, &op->st, &w->r, NULL);
	rec_set(rec, "ok", &(struct val){ .kind = V_BOOL, .b = ok });
	rec_lit(rec, "expect", op->expect[0] ? errno_name(op->expect[0]) : NULL);
	/* printed below, while @text still holds it */
	rec_lit(rec, "step", step_text(&op->st, text, sizeof(text)));
	rec_u64(rec, "thread", w->idx);
	out_record(st->out, rec);
	pthread_mutex_unlock(&st->out_lock);
}

/* A splat in the log since the last look: the walk's finding */
static void check_klog(struct stress *st, int f, const struct step *last)
{
	char msg[256], why[600], text[256];

	if (st->klog.fd < 0)
		return;
	pthread_mutex_lock(&st->out_lock);
	if (klog_next_splat(&st->klog, msg, sizeof(msg))) {
		/* a teardown that found nothing more to destroy left no step */
		if (last->op)
			snprintf(why, sizeof(why), "kernel log, at the latest after '%s': %s",
				 step_text(last, text, sizeof(text)), msg);
		else
			snprintf(why, sizeof(why), "kernel log, at the latest in the "
				 "teardown: %s", msg);
		finding(st, f, why, true);
	}
	pthread_mutex_unlock(&st->out_lock);
}

/* Run the worker's operation on fd @f, judge it, count it. False on a finding */
static bool do_op(struct worker *w, int f)
{
	struct fdslot *fs = &w->st->fds[f];
	struct mop *op = &w->op;
	char why[256], line[600], text[256];
	bool ok;
	int rc;

	w->s.ictl.fd = fs->fd;
	rc = step_exec(&w->s, &op->st, &w->r);
	if (rc && !w->r.err)
		w->r.err = rc;	/* the tool refused: never what the model wants */
	pthread_mutex_lock(&fs->m.lock);
	ok = model_apply(&fs->m, op, &w->r, why, sizeof(why));
	remember(fs, &op->st, ok ? -w->r.err : op->expect[0], true);
	if (!ok) {
		snprintf(line, sizeof(line), "%s: %s",
			 step_text(&op->st, text, sizeof(text)), why);
		finding(w->st, f, line, false);
	}
	pthread_mutex_unlock(&fs->m.lock);
	count_op(&w->stats[op->kind], -w->r.err, w->r.ns);
	if (w->st->o->per_op)
		print_record(w, ok);
	if (++w->since_klog >= KLOG_EVERY || !ok) {
		w->since_klog = 0;
		check_klog(w->st, f, &op->st);
	}
	return ok;
}

/* ---- meddling: steps behind the model's back ---- */

static int meddle_load(struct stress *st)
{
	struct meddle *md = &st->meddle;
	const char *why = NULL;
	struct perr e;
	unsigned int i;
	int argc;

	for (i = 0; i < st->o->nmeddle; i++, md->n++) {
		if (parse_words(st->o->meddle[i], &argc, &md->argv[i], &why)) {
			msg("stress: --meddle '%s': %s", st->o->meddle[i],
			    why ? why : strerror(ENOMEM));
			return -EINVAL;
		}
		if (step_parse(&md->v[i], argc, md->argv[i], &e)) {
			msg("stress: --meddle '%s': %s", st->o->meddle[i], e.msg);
			free(md->argv[i]);
			return -EINVAL;
		}
		md->run[i] = md->v[i];
		md->run[i].args = malloc(md->v[i].op->args_size ? md->v[i].op->args_size : 1);
		if (!md->run[i].args) {
			step_free(&md->v[i]);
			free(md->argv[i]);
			return -ENOMEM;
		}
	}
	md->done = !md->n;
	return 0;
}

static void meddle_free(struct meddle *md)
{
	unsigned int i;

	for (i = 0; i < md->n; i++) {
		step_free(&md->v[i]);
		free(md->run[i].args);
		free(md->argv[i]);
	}
}

/* The registry type of a model object */
static enum obj_type obj_type_of(enum mkind k)
{
	static const enum obj_type t[MK_NKINDS] = {
		[MK_IOAS] = OBJ_IOAS, [MK_PAGING] = OBJ_HWPT, [MK_NESTED] = OBJ_HWPT,
		[MK_DEV] = OBJ_DEV, [MK_VIOMMU] = OBJ_VIOMMU, [MK_ACCESS] = OBJ_ACCESS,
		[MK_VDEV] = OBJ_VDEVICE, [MK_FAULT] = OBJ_FAULT,
		[MK_VEVENTQ] = OBJ_VEVENTQ, [MK_HWQ] = OBJ_HWQUEUE,
	};

	return t[k];
}

/* A handle the step names itself with, not the model: memory, a plain id */
static bool own_handle(const struct arg *a, const struct handle *h)
{
	return a->kind != ARG_HANDLE || h->by_id || !h->name[0] ||
	       !strcmp(h->name, MODEL_MEM_NAME) || !strcmp(h->name, MODEL_FILE_NAME);
}

/*
 * @run is @st with its names made the model's: a letter alone (@v, @d)
 * names the newest live object of that kind. False if a name is no
 * live object now.
 */
static bool meddle_resolve(const struct model *m, const struct step *st,
			   struct step *run)
{
	const struct mobj *o;
	const struct arg *a;
	struct handle *h;

	memcpy(run->args, st->args, st->op->args_size);
	for (a = st->op->args; a->opt || a->meta; a++) {
		h = (struct handle *)((char *)run->args + a->off);
		if (a->kind == ARG_HANDLE && !h->by_id &&
		    !strcmp(h->name, MODEL_DMABUF_NAME)) {
			/* the iommufd's dma-buf, which no worker's registry has */
			if (m->dmabuf_fd < 0)
				return false;
			model_dmabuf(m, h);
			continue;
		}
		if (own_handle(a, h))
			continue;
		o = h->name[1] ? model_find(m, h->name) : model_newest(m, h->name[0]);
		if (!o)
			return false;
		strcpy(h->name, o->name);
	}
	return true;
}

/* Name in @s's registry, as a script's would have them, the objects @st names */
static void meddle_names(struct session *s, const struct model *m,
			 const struct step *st, bool add)
{
	const struct handle *h;
	const struct arg *a;
	const struct mobj *o;
	struct reg_entry *e;

	for (a = st->op->args; a->opt || a->meta; a++) {
		h = (const struct handle *)((const char *)st->args + a->off);
		if (own_handle(a, h) || !(o = model_find(m, h->name)))
			continue;
		if (!add) {
			if ((e = reg_find(&s->reg, h->name)))
				reg_del(&s->reg, e);
			continue;
		}
		if (reg_find(&s->reg, h->name) ||
		    !(e = reg_add(&s->reg, obj_type_of(o->kind), o->id, o->name)))
			continue;
		e->stdev_id = o->real ? 0 : o->stdev;
		e->fd = o->kind == MK_ACCESS ? (int)o->id : o->fd;
		e->subtype = o->kind == MK_VEVENTQ ? ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST : 0;
	}
}

/* Run the meddling steps in order while they pass; with fd 0's model locked */
static void meddle_run(struct worker *w, struct fdslot *fs)
{
	struct meddle *md = &w->st->meddle;
	unsigned int i;
	bool passed;
	int rc;

	for (i = 0; i < md->n; i++)
		if (!meddle_resolve(&fs->m, &md->v[i], &md->run[i]))
			return;
	w->s.ictl.fd = fs->fd;
	for (i = 0; i < md->n; i++) {
		meddle_names(&w->s, &fs->m, &md->run[i], true);
		rc = step_exec(&w->s, &md->run[i], &w->r);
		meddle_names(&w->s, &fs->m, &md->run[i], false);
		passed = !rc && step_passed(&md->run[i], &w->r);
		if (rc)
			return;
		remember(fs, &md->run[i], -w->r.err, passed);
		if (!passed)
			return;
	}
	md->done = true;
}

/* After an operation on the first iommufd: meddle, if it is time */
static void meddle_try(struct worker *w)
{
	struct fdslot *fs = &w->st->fds[0];

	pthread_mutex_lock(&fs->m.lock);
	if (!w->st->meddle.done && model_idle(&fs->m))
		meddle_run(w, fs);
	pthread_mutex_unlock(&fs->m.lock);
}

static bool time_up(struct stress *st)
{
	return stop_signal || atomic_load(&st->stop) ||
	       (st->deadline && ictl_now_ns() >= st->deadline);
}

/*
 * No operation could be picked. With none in flight on this iommufd no
 * other thread can change its model either (a full table of objects
 * nothing may destroy, say): it is stuck until the round tears it down,
 * and when every iommufd is, the round ends early instead of spinning.
 * Called with the model's lock held.
 */
static void fd_stuck(struct stress *st, struct fdslot *fs)
{
	if (fs->stuck || !model_idle(&fs->m))
		return;
	fs->stuck = true;
	if (atomic_fetch_add(&st->stuck_fds, 1) + 1 == st->o->fds)
		atomic_store(&st->round_over, true);
}

static bool round_goes_on(struct stress *st)
{
	return !time_up(st) && !atomic_load(&st->round_over) &&
	       atomic_fetch_add(&st->started, 1) < st->round_end;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct stress *st = w->st;
	struct fdslot *fs;
	int f;

	while (round_goes_on(st)) {
		f = (int)(model_rand(&w->rng) % st->o->fds);
		fs = &st->fds[f];
		pthread_mutex_lock(&fs->m.lock);
		if (fs->stuck || !model_pick(&fs->m, &w->rng, st->o->weights, &w->op)) {
			fd_stuck(st, fs);
			pthread_mutex_unlock(&fs->m.lock);
			atomic_fetch_sub(&st->started, 1);
			sched_yield();
			continue;
		}
		pthread_mutex_unlock(&fs->m.lock);
		do_op(w, f);
		atomic_fetch_add(&st->done, 1);
		if (!f && !st->meddle.done &&
		    atomic_load(&st->done) >= st->o->meddle_after)
			meddle_try(w);
	}
	return NULL;
}

/* ---- rounds: open, walk, tear down ---- */

/* The first lines of every history: the memory the maps and map-files map */
static void remember_mem(struct fdslot *fs)
{
	struct mem_alloc_args a = { .size = MODEL_MEM_SIZE, .has_size = true };
	struct step st = { .op = &op_mem_alloc, .args = &a };

	strcpy(a.name, MODEL_MEM_NAME);
	remember(fs, &st, 0, false);
	a.kind = MEM_MEMFD;
	strcpy(a.name, MODEL_FILE_NAME);
	remember(fs, &st, 0, false);
}

/*
 * The mock dma-buf that the walk maps on iommufd @f, as big as the memory
 * the maps map: a step of its history, so a reproducer gets one too
 */
static int get_dmabuf(struct stress *st, struct worker *w, unsigned int f)
{
	struct mem_alloc_args a = { .size = MODEL_MEM_SIZE, .has_size = true,
				    .kind = MEM_DMABUF };
	struct step step = { .op = &op_mem_alloc, .args = &a };
	int rc;

	strcpy(a.name, MODEL_DMABUF_NAME);
	w->s.ictl.fd = st->fds[f].fd;
	rc = step_exec(&w->s, &step, &w->r);
	if (rc || w->r.err || w->r.tool_err) {
		msg("stress: cannot get a mock dma-buf: %s",
		    strerror(w->r.err ? -w->r.err : rc ? -rc : -w->r.tool_err));
		return -ENODEV;
	}
	remember(&st->fds[f], &step, 0, false);
	st->fds[f].m.dmabuf_fd = w->r.made.fd;
	return 0;
}

/*
 * Bind --device to the first iommufd as r0, a step of its history. Every
 * thread's steps carry its cdev in their handles: a VFIO cdev binds to one
 * iommufd at a time, and the walk unbinds and binds it again.
 */
static int bind_device(struct stress *st, struct worker *w)
{
	struct device_bind_args a = { .dev = st->o->device };
	struct step step = { .op = &op_device_bind, .args = &a };
	int rc;

	snprintf(a.name, sizeof(a.name), "%s0", MODEL_REAL_NAME);
	w[0].s.ictl.fd = st->fds[0].fd;
	rc = step_exec(&w[0].s, &step, &w[0].r);
	if (rc || w[0].r.err) {
		msg("stress: cannot bind %s: %s", st->o->device,
		    strerror(w[0].r.err ? -w[0].r.err : -rc));
		return -ENODEV;
	}
	remember(&st->fds[0], &step, 0, false);
	if (model_add_real(&st->fds[0].m, w[0].r.made.id, w[0].r.made.fd))
		return 0;
	close(w[0].r.made.fd);
	return -ENOMEM;
}

static void close_fd_of(void *arg, const struct mobj *o)
{
	(void)arg;
	if (o->kind == MK_ACCESS)
		close((int)o->id);
	else if (o->fd >= 0)
		close(o->fd);
}

/*
 * After a finding there was no teardown: PASIDs are detached (the kernel
 * WARNs about a mock device closed with one), and the files the model's
 * objects live in (queues, accesses, the VFIO cdev) are closed here, so
 * that the device is free for the reproducer's replays. Nothing of this
 * goes into the history.
 */
static void drop_files(struct worker *w, struct fdslot *fs)
{
	char why[8];

	w->s.ictl.fd = fs->fd;
	while (model_pick_pasid_off(&fs->m, &w->op)) {
		if (step_exec(&w->s, &w->op.st, &w->r) || w->r.err)
			break;
		model_apply(&fs->m, &w->op, &w->r, why, sizeof(why));
	}
	model_each_named(&fs->m, close_fd_of, NULL);
}

/* The kernel's release, as major * 100 + minor (6.12: 612); 0 unknown */
static unsigned int kernel_version(void)
{
	unsigned int major, minor;
	struct utsname u;

	if (uname(&u) || sscanf(u.release, "%u.%u", &major, &minor) != 2)
		return 0;
	return major * 100 + minor;
}

/*
 * What the kernel has: ioctls it knows, the selftest's PASID operations
 * (an unknown test op is EOPNOTSUPP, a known one ENOENT for no device),
 * and by release what changed without a new call: paging HWPTs with a
 * fault queue (6.15), get-dirty while tracking is off (the mock's generic
 * page table, 6.19); access pins, after which 6.12.117 WARNs when a
 * paging HWPT goes (README), are left to 7.x. The mock's dma-bufs (6.19):
 * a dma-buf of 0 bytes is EINVAL (selftest.c iommufd_test_dmabuf_get),
 * and none is made.
 */
/*
 * Whether a mock device can be made: 6.12 makes none beside another IOMMU
 * driver (EINVAL), though it has the selftest's ioctl. On a fresh iommufd
 * of its own, so that no id of the walk's is touched.
 */
static bool mock_works(const char *dev_path)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN };
	struct ictl_iommu_ioas_alloc ioas = { 0 };
	struct ictl c = { .fd = -1 };
	bool ok;

	if (ictl_open(&c, dev_path))
		return false;
	ok = !ictl_ioas_alloc(&c, &ioas);
	cmd.id = ioas.out_ioas_id;
	ok = ok && !ictl_test_cmd(&c, &cmd);
	ictl_close(&c);
	return ok;
}

static void probe_caps(struct ictl *c, const char *dev_path, const char *device,
		       struct model_caps *k)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_PASID_DETACH };
	struct ictl_iommu_test_cmd get = { .op = ICTL_IOMMU_TEST_OP_DMABUF_GET };
	unsigned int v = kernel_version();

	memset(k, 0, sizeof(*k));
	k->viommu = ictl_has_ioctl(c, ICTL_IOMMUFD_CMD_VIOMMU_ALLOC);
	k->veventq = ictl_has_ioctl(c, ICTL_IOMMUFD_CMD_VEVENTQ_ALLOC);
	k->hw_queue = ictl_has_ioctl(c, ICTL_IOMMUFD_CMD_HW_QUEUE_ALLOC);
	k->map_file = ictl_has_ioctl(c, ICTL_IOMMUFD_CMD_IOAS_MAP_FILE);
	k->mock = ictl_has_ioctl(c, ICTL_IOMMUFD_CMD_BASE + 32) && mock_works(dev_path);
	k->pasid = k->mock && ictl_test_cmd(c, &cmd) == -ENOENT;
	k->fault_paging = v >= 615;
	k->dirty_needs_tracking = v < 619;
	k->access_pin = v >= 700;
	k->dmabuf = k->mock && k->map_file && ictl_test_cmd(c, &get) == -EINVAL;
	k->readahead_warns = k->mock && v < 619;
	k->device = device;
}

/*
 * Does the VFIO device's driver make nested domains of its own? Without
 * (iommu_ops.domain_alloc_nested; 6.12: domain_alloc_user) a nested HWPT
 * is EOPNOTSUPP, with them one on a parent that is no nest parent EINVAL
 * (hw_pagetable.c iommufd_hwpt_nested_alloc). Asked on an iommufd of its
 * own before the walk binds the device, which cannot be bound twice.
 */
static bool real_nests(struct stress *st, struct worker *w)
{
	struct device_bind_args a = { .dev = st->o->device, .name = "probe" };
	struct step step = { .op = &op_device_bind, .args = &a };
	struct ictl_iommu_hwpt_alloc pt = { .size = sizeof(pt) }, nest = pt;
	struct ictl_iommu_ioas_alloc ioas = { .size = sizeof(ioas) };
	struct session *s = &w[0].s;
	struct reg_entry *e;
	uint32_t iotlb = 0;
	int rc = 0;

	if (ictl_open(&s->ictl, st->opt->dev_path))
		return false;
	if (!step_exec(s, &step, &w[0].r) && !w[0].r.err) {
		pt.dev_id = nest.dev_id = w[0].r.made.id;
		if (!ictl_ioas_alloc(&s->ictl, &ioas)) {
			pt.pt_id = ioas.out_ioas_id;
			if (!ictl_hwpt_alloc(&s->ictl, &pt)) {
				nest.pt_id = pt.out_hwpt_id;
				nest.data_type = ICTL_IOMMU_HWPT_DATA_SELFTEST;
				nest.data_len = sizeof(iotlb);
				nest.data_uptr = (uintptr_t)&iotlb;
				rc = ictl_hwpt_alloc(&s->ictl, &nest);
			}
		}
		close(w[0].r.made.fd);
	}
	if ((e = reg_find(&s->reg, a.name)))
		reg_del(&s->reg, e);
	ictl_close(&s->ictl);
	return rc == -EINVAL;
}

static int open_fds(struct stress *st, struct worker *w)
{
	struct ictl c = { .fd = -1 };
	unsigned int i;
	int rc;

	for (i = 0; i < st->o->fds; i++) {
		rc = ictl_open(&c, st->opt->dev_path);
		if (rc) {
			msg("cannot open %s: %s", st->opt->dev_path, strerror(-rc));
			return -ENODEV;
		}
		st->fds[i].fd = c.fd;
		st->fds[i].stuck = false;
		if (!st->rounds && !i)
			probe_caps(&c, st->opt->dev_path, st->o->device, &st->caps);
		model_init(&st->fds[i].m, &st->caps);
		st->fds[i].m.ids_lost = !st->o->ids;
		remember_mem(&st->fds[i]);
		if (st->caps.dmabuf && (rc = get_dmabuf(st, w, i)))
			return rc;
	}
	if (st->o->device && !st->rounds)
		st->caps.real_nested = real_nests(st, w);
	return st->o->device ? bind_device(st, w) : 0;
}

/* Destroy what the model holds, newest free object first; each must go. */
static void teardown(struct worker *w, int f)
{
	struct fdslot *fs = &w->st->fds[f];
	bool stuck;

	while (model_pick_teardown(&fs->m, &w->op, &stuck) && do_op(w, f))
		;
	if (stuck)
		finding(w->st, f, "teardown: objects the model thinks are still held", false);
	check_klog(w->st, f, &w->op.st);
}

static void close_fds(struct stress *st, struct worker *w)
{
	unsigned int i;

	for (i = 0; i < st->o->fds; i++) {
		if (!st->found)
			teardown(w, (int)i);
		else
			drop_files(w, &st->fds[i]);
		close(st->fds[i].fd);
		st->fds[i].fd = -1;
		if (st->fds[i].m.dmabuf_fd >= 0)
			close(st->fds[i].m.dmabuf_fd);
		pthread_mutex_destroy(&st->fds[i].m.lock);
		if (!st->found || (!st->found_klog && (int)i != st->found_fd))
			forget(&st->fds[i]);
	}
}

static int worker_init(struct stress *st, struct worker *w, unsigned int i)
{
	uint64_t seed;

	w->st = st;
	w->idx = i;
	/*
	 * Hashed: the generator's state only ever advances by one constant, so
	 * seeds that differ by a multiple of it would walk the same way.
	 */
	seed = st->o->seed ^ (0xd1b54a32d192ed03ull * (i + 1));
	w->rng = model_rand(&seed);
	sess_init(&w->s, st->opt);
	w->s.untracked = true;
	w->s.loc.mute = true;
	if (!reg_new_mem(&w->s.reg, MODEL_MEM_SIZE, MEM_ANON, MODEL_MEM_NAME) ||
	    !reg_new_mem(&w->s.reg, MODEL_MEM_SIZE, MEM_MEMFD, MODEL_FILE_NAME)) {
		msg("stress: cannot allocate memory to map: %s", strerror(errno));
		return -ENOMEM;
	}
	return 0;
}

static void worker_fini(struct worker *w)
{
	w->s.ictl.fd = -1;
	sess_fini(&w->s);
}

/* 0, or -EINVAL when a round got stuck before any operation ran */
static int run_round(struct stress *st, struct worker *w)
{
	unsigned int i, n = st->o->threads;
	pthread_t *tid = calloc(n, sizeof(*tid));
	uint64_t before = atomic_load(&st->done);

	atomic_store(&st->started, atomic_load(&st->done));
	atomic_store(&st->stuck_fds, 0);
	atomic_store(&st->round_over, false);
	st->round_end = atomic_load(&st->done) + st->o->epoch;
	if (st->o->ops && st->round_end > st->o->ops)
		st->round_end = st->o->ops;
	/* one thread runs on the caller: a seed's walk is then the same every time */
	for (i = 1; tid && i < n; i++)
		if (pthread_create(&tid[i], NULL, worker_main, &w[i]))
			tid[i] = 0;
	worker_main(&w[0]);
	for (i = 1; tid && i < n; i++)
		if (tid[i])
			pthread_join(tid[i], NULL);
	free(tid);
	st->rounds++;
	if (!atomic_load(&st->round_over))
		return 0;
	st->stuck_rounds++;
	if (atomic_load(&st->done) > before || st->found)
		return 0;
	/* a fresh round would get stuck the same way: say so, do not spin */
	msg("stress: no operation can start on a fresh iommufd with these weights");
	return -EINVAL;
}

/* ---- the end: reproducer, summary ---- */

#define REPRO_COMMENT "iommufd-ctl stress finding: iommufd-ctl run FILE reproduces it"

/*
 * Where the reproducer goes: --repro FILE, or a fresh private directory
 * (never a predictable name in /tmp, which another user could plant a
 * symlink at). 0, or -errno after a message.
 */
static int repro_paths(struct stress *st, char *script, char *full, size_t len)
{
	char dir[PATH_MAX], name[64];
	int rc;

	if (st->o->repro) {
		rc = path_suffix(script, len, st->o->repro, "");
	} else {
		snprintf(name, sizeof(name), "/stress-%llu.ictl",
			 (unsigned long long)st->o->seed);
		rc = private_dir(dir, sizeof(dir), "stress");
		if (!rc)
			rc = path_suffix(script, len, dir, name);
	}
	if (!rc)
		rc = path_suffix(full, len, script, ".full");
	if (rc)
		msg("stress: no place for the reproducer: %s", strerror(-rc));
	return rc;
}

/* The history of iommufd @fd as a script in @path */
static int write_history(struct stress *st, int fd, const char *path)
{
	struct fdslot *fs = &st->fds[fd];
	struct script s = { .n = fs->nhist };
	size_t i;
	int rc;

	s.v = calloc(fs->nhist ? fs->nhist : 1, sizeof(*s.v));
	if (!s.v)
		return -ENOMEM;
	for (i = 0; i < fs->nhist; i++) {
		s.v[i].op = fs->hist[i].op;
		s.v[i].args = fs->hist[i].args;
		s.v[i].expect = fs->hist[i].expect;
		s.v[i].has_want = fs->hist[i].has_want;
		s.v[i].want = fs->hist[i].want;
		s.v[i].readonly_arg = fs->hist[i].readonly_arg;
	}
	rc = script_write(path, &s, REPRO_COMMENT, st->o->force);
	free(s.v);	/* the steps' arguments are the history's */
	return rc;
}

/* The @k-th iommufd a kernel log finding tries: the judged one first */
static unsigned int fd_tried(const struct stress *st, unsigned int k)
{
	return (unsigned int)(st->found_fd + k) % st->o->fds;
}

/*
 * Write history @k (FILE.full, the others FILE.fdN.full) and name it in
 * @rep; 0, or -errno (nothing of this history is used then: a file there
 * is another run's)
 */
static int note_history(struct stress *st, struct rec *rep, const char *script,
			unsigned int k, char *path, size_t len, struct rec **others)
{
	unsigned int fd = fd_tried(st, k);
	char sfx[32];
	int rc;

	snprintf(sfx, sizeof(sfx), k ? ".fd%u.full" : ".full", fd);
	if ((rc = path_suffix(path, len, script, sfx)) ||
	    (rc = write_history(st, (int)fd, path)))
		return rc;
	if (!k) {
		rec_str(rep, "full", path);
		rec_u64(rep, "full_steps", st->fds[fd].nhist);
		rec_u64(rep, "fd", fd);
	} else {
		*others = *others ? *others : rec_list(rep, "other_full");
		rec_str(*others, NULL, path);
	}
	return 0;
}

/*
 * Write the finding's history, shrink it, write that too; into @rep. A
 * kernel log line names no iommufd, so with several every history is
 * written and, until one shows the line again, replayed, the judged one
 * first: that one is shrunk. If none does, the judged one stands.
 */
static void reproducer(struct stress *st, struct rec *rep)
{
	unsigned int n = st->found_klog ? st->o->fds : 1, k, replays = 0;
	char path[PATH_MAX], full[PATH_MAX];
	struct script s = { 0 }, t;
	struct rec *others = NULL;
	bool again = false, have = false;

	if (repro_paths(st, path, full, sizeof(full)))
		return;
	for (k = 0; k < n; k++) {
		/* read back: the reproducer's steps name objects, a replay's ids differ */
		if (note_history(st, rep, path, k, full, sizeof(full), &others) ||
		    again || script_load(&t, full, NULL))
			continue;
		replays += reduce(st->opt, t.v, &t.n, st->klog.fd >= 0, 2000, &again);
		if (have && !again) {
			script_free(&t);
			continue;
		}
		if (have)
			script_free(&s);
		s = t;
		have = true;
		if (again && k)
			rec_u64(rep, "reproduced_by_fd", fd_tried(st, k));
	}
	if (!have)
		return;
	rec_bool(rep, "reproduces", again);
	if (!script_write(path, &s, REPRO_COMMENT, st->o->force)) {
		rec_str(rep, "script", path);
		rec_u64(rep, "steps", s.n);
		rec_u64(rep, "replays", replays);
	}
	script_free(&s);
}

static void errno_hist(struct rec *h, const struct op_stats *s)
{
	int e;

	for (e = 0; e < NERRNO; e++) {
		if (!s->errs[e])
			continue;
		rec_u64(h, e ? (errno_name(e) ? errno_name(e) : rec_printf(h, "%d", e)) :
			"ok", s->errs[e]);
	}
}

static void per_op(struct rec *all, struct worker *w, unsigned int nw)
{
	struct op_stats sum;
	struct rec *o;
	unsigned int k, i;

	for (k = 0; k < MOP_NKINDS; k++) {
		memset(&sum, 0, sizeof(sum));
		for (i = 0; i < nw; i++)
			merge(&sum, &w[i].stats[k]);
		if (!sum.n)
			continue;
		o = rec_obj(all, mop_names[k]);
		rec_u64(o, "n", sum.n);
		rec_u64(o, "min_ns", sum.min_ns);
		rec_u64(o, "p50_ns", percentile(&sum, 50));
		rec_u64(o, "p99_ns", percentile(&sum, 99));
		rec_u64(o, "max_ns", sum.max_ns);
		errno_hist(rec_obj(o, "errno"), &sum);
	}
}

/* A seed above 2^53 is a "0x..." string: JSON readers would round it */
static void rec_seed(struct rec *rec, uint64_t seed)
{
	if (seed > 1ull << 53)
		rec_hex(rec, "seed", seed);
	else
		rec_u64(rec, "seed", seed);
}

static void summary(struct stress *st, struct worker *w)
{
	struct rec *o = out_rec(st->out), *f;
	uint64_t ns = ictl_now_ns() - st->t0, done = atomic_load(&st->done);

	rec_lit(o, "op", "stress");
	rec_bool(o, "ok", !st->found && !stop_signal);
	rec_seed(o, st->o->seed);
	rec_u64(o, "threads", st->o->threads);
	rec_u64(o, "fds", st->o->fds);
	rec_u64(o, "ops", done);
	rec_u64(o, "rounds", st->rounds);
	rec_u64(o, "duration_ms", ns / 1000000);
	rec_u64(o, "ops_per_s", ns ? done * 1000000000ull / ns : 0);
	rec_bool(o, "klog", st->klog.fd >= 0);
	rec_bool(o, "interrupted", stop_signal != 0);
	if (st->meddle.n)
		rec_bool(o, "meddled", st->meddle.done);
	if (st->stuck_rounds)
		rec_u64(o, "stuck_rounds", st->stuck_rounds);
	f = rec_list(o, "findings");
	if (st->found) {
		struct rec *rep = rec_obj(f, NULL);

		rec_str(rep, "what", st->why);
		reproducer(st, rep);
	}
	per_op(rec_obj(o, "per_op"), w, st->o->threads);
	out_summary(st->out, o);
}

static int fds_init(struct stress *st)
{
	unsigned int i;

	st->fds = calloc(st->o->fds, sizeof(*st->fds));
	for (i = 0; st->fds && i < st->o->fds; i++) {
		/*
		 * the history holds one epoch, tries of --meddle after each of
		 * its operations, its teardown, and what opened it
		 */
		st->fds[i].cap = st->o->epoch * (1 + st->o->nmeddle) + 2 * MODEL_MAX_OBJ + 8;
		st->fds[i].hist = calloc(st->fds[i].cap, sizeof(struct hist));
		st->fds[i].fd = -1;
		if (!st->fds[i].hist)
			return -ENOMEM;
	}
	return st->fds ? 0 : -ENOMEM;
}

static void fds_fini(struct stress *st)
{
	unsigned int i;

	for (i = 0; st->fds && i < st->o->fds; i++) {
		free(st->fds[i].hist);
		arena_free(&st->fds[i].arena);
	}
	free(st->fds);
}

int walk(const struct options *opt, struct out *out, const struct walk_opts *o)
{
	struct stress st = { .opt = opt, .o = o, .out = out, .klog = { -1, true } };
	struct worker *w = calloc(o->threads, sizeof(*w));
	unsigned int i, made = 0;
	int rc = w ? fds_init(&st) : -ENOMEM;

	pthread_mutex_init(&st.out_lock, NULL);
	if (!rc)
		rc = meddle_load(&st);
	for (; !rc && made < o->threads; made++)
		rc = worker_init(&st, &w[made], made);
	if (!rc && o->klog)
		klog_open(&st.klog);
	st.t0 = ictl_now_ns();
	st.deadline = o->duration_ns ? st.t0 + o->duration_ns : 0;
	while (!rc) {
		if ((rc = open_fds(&st, w)))
			break;
		rc = run_round(&st, w);
		close_fds(&st, w);
		if (time_up(&st) || (o->ops && atomic_load(&st.done) >= o->ops))
			break;
	}
	if (!rc) {
		summary(&st, w);
		rc = st.found;
	} else if (rc == -ENOMEM) {
		msg("stress: %s", strerror(ENOMEM));
	}
	for (i = 0; i < made; i++)
		worker_fini(&w[i]);
	klog_close(&st.klog);
	fds_fini(&st);
	meddle_free(&st.meddle);
	free(w);
	return rc;
}
