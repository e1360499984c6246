// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "emit.h"
#include "host/klog.h"
#include "host/usermem.h"
#include "util/parse.h"
#include "script.h"
#include "shrink.h"
#include "stress.h"
#include "util/file.h"

#define HIST_BUCKETS	512	/* 8 per power of two of nanoseconds */
#define NERRNO		134

struct op_stats {
	uint64_t n, min_ns, max_ns;
	uint64_t errs[NERRNO];
	uint32_t hist[HIST_BUCKETS];
};

/* One iommufd: its model and what ran on it since it was opened */
struct fdslot {
	struct model m;
	int fd;
	char **hist;
	size_t nhist, cap;
};

struct stress {
	struct ctx *ctx;
	const struct stress_opts *o;
	struct fdslot *fds;
	atomic_uint_fast64_t started, done;
	uint64_t round_end;		/* ops that may start in this round */
	uint64_t t0, deadline;
	atomic_bool stop;
	pthread_mutex_t out_lock;
	struct klog klog;
	/* the first finding */
	bool found;
	char why[600];
	int found_fd;
	uint64_t rounds;
};

struct worker {
	struct stress *st;
	unsigned int idx;
	uint64_t rng;
	struct ctx ctx;
	struct json_object *rec;	/* the last step's record */
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

/* ---- history: the script a finding leaves ---- */

static void remember(struct fdslot *f, const char *text, int err)
{
	char line[MODEL_LINE + 32];

	if (f->nhist == f->cap) {
		char **v = reallocarray(f->hist, f->cap * 2 + 64, sizeof(*v));

		if (!v)
			return;
		f->hist = v;
		f->cap = f->cap * 2 + 64;
	}
	snprintf(line, sizeof(line), "%s%s%s", text, err ? " --expect " : "",
		 err ? errno_name(err) : "");
	f->hist[f->nhist] = strdup(line);
	if (f->hist[f->nhist])
		f->nhist++;
}

static void forget(struct fdslot *f)
{
	while (f->nhist)
		free(f->hist[--f->nhist]);
}

/* ---- one step ---- */

static void sink(struct ctx *ctx, struct json_object *rec)
{
	struct worker *w = ctx->sink_arg;

	json_object_put(w->rec);
	w->rec = rec;
}

static void finding(struct stress *st, int fd, const char *why)
{
	if (!st->found) {
		st->found = true;
		st->found_fd = fd;
		snprintf(st->why, sizeof(st->why), "%s", why);
	}
	atomic_store(&st->stop, true);
}

static void print_record(struct worker *w, const struct mop *op, bool ok)
{
	struct stress *st = w->st;

	if (!st->o->per_op || !w->rec)
		return;
	json_object_object_add(w->rec, "ok", json_object_new_boolean(ok));
	op_str(w->rec, "expect", op->expect[0] ? errno_name(op->expect[0]) : NULL);
	op_str(w->rec, "step", op->text);
	op_u64(w->rec, "thread", w->idx);
	pthread_mutex_lock(&st->out_lock);
	emit_record(st->ctx, json_object_get(w->rec));
	pthread_mutex_unlock(&st->out_lock);
}

/* A name the step registered in the thread's own registry goes again. */
static void unregister(struct worker *w, const struct mop *op, struct model *m)
{
	struct reg_entry *e;

	if (op->newobj >= 0 && (e = reg_find(&w->ctx.s.reg, m->o[op->newobj].name)))
		reg_del(&w->ctx.s.reg, e);
}

static int run_step(struct worker *w, const char *exec)
{
	const char *why = NULL;
	char **argv;
	int argc, rc;

	json_object_put(w->rec);
	w->rec = NULL;
	w->ctx.last_errno = 0;
	if (parse_words(exec, &argc, &argv, &why))
		return -ENOMEM;
	rc = cmd_run_step(&w->ctx, argc, argv, true);
	free(argv);
	/* a step that made no record was refused by the tool itself */
	return w->rec ? -w->ctx.last_errno : rc ? -EPROTO : 0;
}

static void check_klog(struct stress *st, int f, const struct mop *op)
{
	char msg[256], why[MODEL_LINE + 300];

	if (st->klog.fd < 0)
		return;
	pthread_mutex_lock(&st->out_lock);
	if (klog_next_splat(&st->klog, msg, sizeof(msg))) {
		snprintf(why, sizeof(why), "kernel log after '%s': %s", op->text, msg);
		finding(st, f, why);
	}
	pthread_mutex_unlock(&st->out_lock);
}

/* Run @op on fd @f, judge it, count it. False on a finding. */
static bool do_op(struct worker *w, int f, struct mop *op)
{
	struct fdslot *fs = &w->st->fds[f];
	char why[256], line[MODEL_LINE + 300];
	bool ok;
	int err;

	w->ctx.s.ictl.fd = fs->fd;
	err = run_step(w, op->exec);
	unregister(w, op, &fs->m);
	pthread_mutex_lock(&fs->m.lock);
	ok = model_apply(&fs->m, op, err, w->rec, why, sizeof(why));
	remember(fs, op->text, ok ? -err : op->expect[0]);
	if (!ok) {
		snprintf(line, sizeof(line), "%s: %s", op->text, why);
		finding(w->st, f, line);
	}
	pthread_mutex_unlock(&fs->m.lock);
	count_op(&w->stats[op->kind], -err, w->ctx.s.ictl.last_ns);
	print_record(w, op, ok);
	check_klog(w->st, f, op);
	return ok;
}

static bool time_up(struct stress *st)
{
	return stop_signal || atomic_load(&st->stop) ||
	       (st->deadline && ictl_now_ns() >= st->deadline);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct stress *st = w->st;
	struct mop op;
	struct fdslot *fs;
	int f;

	while (!time_up(st) && atomic_fetch_add(&st->started, 1) < st->round_end) {
		f = (int)(model_rand(&w->rng) % st->o->fds);
		fs = &st->fds[f];
		pthread_mutex_lock(&fs->m.lock);
		if (!model_pick(&fs->m, &w->rng, st->o->weights, &op)) {
			pthread_mutex_unlock(&fs->m.lock);
			atomic_fetch_sub(&st->started, 1);
			sched_yield();
			continue;
		}
		pthread_mutex_unlock(&fs->m.lock);
		do_op(w, f, &op);
		atomic_fetch_add(&st->done, 1);
	}
	return NULL;
}

/* ---- rounds: open, walk, tear down ---- */

#define REAL_NAME "r0"

/*
 * Bind --device to the first iommufd, as a step of its history, and give
 * every thread the handle: a VFIO cdev binds to one iommufd at a time.
 */
static int bind_device(struct stress *st, struct worker *w)
{
	char line[MODEL_LINE];
	struct reg_entry *e, *c;
	unsigned int i;

	snprintf(line, sizeof(line), "device bind %s --name " REAL_NAME, st->o->device);
	w[0].ctx.s.ictl.fd = st->fds[0].fd;
	if (run_step(&w[0], line) || !(e = reg_find(&w[0].ctx.s.reg, REAL_NAME))) {
		msg_err(st->ctx, "stress: cannot bind %s: %s", st->o->device,
			strerror(w[0].ctx.last_errno ? w[0].ctx.last_errno : EINVAL));
		return EXIT_ENV;
	}
	remember(&st->fds[0], line, 0);
	for (i = 1; i < st->o->threads; i++) {
		c = reg_add(&w[i].ctx.s.reg, OBJ_DEV, e->id, REAL_NAME);
		if (!c)
			return EXIT_ENV;
		c->fd = e->fd;
	}
	return model_add_real(&st->fds[0].m, REAL_NAME, e->id) ? EXIT_OK : EXIT_ENV;
}

/* The other threads' copies of the handle go; the first thread's unbinds */
static void drop_device(struct stress *st, struct worker *w)
{
	struct reg_entry *e;
	unsigned int i;

	for (i = 1; st->o->device && i < st->o->threads; i++)
		if ((e = reg_find(&w[i].ctx.s.reg, REAL_NAME)))
			reg_del(&w[i].ctx.s.reg, e);
	if (st->o->device && (e = reg_find(&w[0].ctx.s.reg, REAL_NAME))) {
		close(e->fd);
		reg_del(&w[0].ctx.s.reg, e);
	}
}

static int open_fds(struct stress *st, struct worker *w)
{
	unsigned int i;
	struct ictl c = { .fd = -1 };
	int rc;

	for (i = 0; i < st->o->fds; i++) {
		rc = ictl_open(&c, st->ctx->opt.dev_path);
		if (rc) {
			msg_err(st->ctx, "cannot open %s: %s", st->ctx->opt.dev_path,
				strerror(-rc));
			return EXIT_ENV;
		}
		st->fds[i].fd = c.fd;
		model_init(&st->fds[i].m, ictl_has_ioctl(&c, ICTL_IOMMUFD_CMD_VIOMMU_ALLOC));
		remember(&st->fds[i], "mem alloc --size 1M --name m0", 0);
	}
	return st->o->device ? bind_device(st, w) : EXIT_OK;
}

/* Destroy what the model holds, newest free object first; each must go. */
static void teardown(struct worker *w, int f)
{
	struct fdslot *fs = &w->st->fds[f];
	struct mop op;
	bool stuck;

	while (model_pick_teardown(&fs->m, &op, &stuck) && do_op(w, f, &op))
		;
	if (stuck)
		finding(w->st, f, "teardown: objects the model thinks are still held");
}

static void close_fds(struct stress *st, struct worker *w)
{
	unsigned int i;

	for (i = 0; i < st->o->fds; i++) {
		if (!st->found)
			teardown(w, (int)i);
		if (!i)
			drop_device(st, w);
		close(st->fds[i].fd);
		st->fds[i].fd = -1;
		pthread_mutex_destroy(&st->fds[i].m.lock);
		if (!st->found || (int)i != st->found_fd)
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
	w->ctx = *st->ctx;
	memset(&w->ctx.s.reg, 0, sizeof(w->ctx.s.reg));
	w->ctx.s.loc.src = NULL;
	w->ctx.sink = sink;
	w->ctx.sink_arg = w;
	if (!reg_new_mem(&w->ctx.s.reg, MODEL_MEM_SIZE, MEM_ANON, "m0")) {
		msg_err(st->ctx, "cannot allocate memory to map: %s", strerror(errno));
		return EXIT_ENV;
	}
	return EXIT_OK;
}

static void worker_fini(struct worker *w)
{
	json_object_put(w->rec);
	mem_free_all(&w->ctx);
	reg_free(&w->ctx.s.reg);
}

static void run_round(struct stress *st, struct worker *w)
{
	unsigned int i, n = st->o->threads;
	pthread_t *tid = calloc(n, sizeof(*tid));

	atomic_store(&st->started, atomic_load(&st->done));
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
		msg_err(st->ctx, "stress: no place for the reproducer: %s", strerror(-rc));
	return rc;
}

static int write_repro(struct stress *st, const char *path, char **lines, size_t n)
{
	int rc = shrink_write(path, lines, n, REPRO_COMMENT, st->o->force);

	if (rc)
		msg_err(st->ctx, "cannot write %s: %s%s", path, strerror(-rc),
			rc == -EEXIST ? " (--force replaces it)" : "");
	return rc;
}

/* Write the finding's history, shrink it, write that too; into @rep */
static void reproducer(struct stress *st, struct json_object *rep)
{
	struct fdslot *fs = &st->fds[st->found_fd];
	char full[PATH_MAX], script[PATH_MAX];
	unsigned int replays;
	size_t before = fs->nhist;
	bool again;

	if (repro_paths(st, script, full, sizeof(full)) ||
	    write_repro(st, full, fs->hist, fs->nhist))
		return;
	op_str(rep, "full", full);
	op_u64(rep, "full_steps", before);
	replays = shrink_lines(st->ctx, fs->hist, &fs->nhist, st->klog.fd >= 0, 2000,
			       &again);
	op_bool(rep, "reproduces", again);
	if (write_repro(st, script, fs->hist, fs->nhist))
		return;
	op_str(rep, "script", script);
	op_u64(rep, "steps", fs->nhist);
	op_u64(rep, "replays", replays);
}

static struct json_object *errno_hist(const struct op_stats *s)
{
	struct json_object *h = json_object_new_object();
	char num[16];
	int e;

	for (e = 0; e < NERRNO; e++) {
		if (!s->errs[e])
			continue;
		snprintf(num, sizeof(num), "%d", e);
		json_object_object_add(h, e ? (errno_name(e) ? errno_name(e) : num) : "ok",
				       json_object_new_uint64(s->errs[e]));
	}
	return h;
}

static struct json_object *op_table(struct worker *w, unsigned int nw)
{
	struct json_object *all = json_object_new_object(), *o;
	struct op_stats sum;
	unsigned int k, i;

	for (k = 0; k < MOP_NKINDS; k++) {
		memset(&sum, 0, sizeof(sum));
		for (i = 0; i < nw; i++)
			merge(&sum, &w[i].stats[k]);
		if (!sum.n)
			continue;
		o = json_object_new_object();
		op_u64(o, "n", sum.n);
		op_u64(o, "min_ns", sum.min_ns);
		op_u64(o, "p50_ns", percentile(&sum, 50));
		op_u64(o, "p99_ns", percentile(&sum, 99));
		op_u64(o, "max_ns", sum.max_ns);
		json_object_object_add(o, "errno", errno_hist(&sum));
		json_object_object_add(all, mop_names[k], o);
	}
	return all;
}

static void summary(struct stress *st, struct worker *w)
{
	struct json_object *o = op_begin("stress"), *f = json_object_new_array();
	uint64_t ns = ictl_now_ns() - st->t0, done = atomic_load(&st->done);
	struct json_object *rep;

	op_bool(o, "ok", !st->found);
	op_u64(o, "seed", st->o->seed);
	op_u64(o, "threads", st->o->threads);
	op_u64(o, "fds", st->o->fds);
	op_u64(o, "ops", done);
	op_u64(o, "rounds", st->rounds);
	op_u64(o, "duration_ms", ns / 1000000);
	op_u64(o, "ops_per_s", ns ? done * 1000000000ull / ns : 0);
	op_bool(o, "klog", st->klog.fd >= 0);
	op_bool(o, "interrupted", stop_signal != 0);
	if (st->found) {
		rep = json_object_new_object();
		op_str(rep, "what", st->why);
		reproducer(st, rep);
		json_object_array_add(f, rep);
	}
	json_object_object_add(o, "findings", f);
	json_object_object_add(o, "per_op", op_table(w, st->o->threads));
	emit_summary(st->ctx, o);
}

int stress_run(struct ctx *ctx, const struct stress_opts *o)
{
	struct stress st = { .ctx = ctx, .o = o, .klog = { -1, true } };
	struct worker *w = calloc(o->threads, sizeof(*w));
	unsigned int i;
	int rc = EXIT_ENV;

	st.fds = calloc(o->fds, sizeof(*st.fds));
	pthread_mutex_init(&st.out_lock, NULL);
	if (!w || !st.fds)
		goto out;
	for (i = 0; i < o->threads; i++)
		if ((rc = worker_init(&st, &w[i], i)))
			goto out;
	if (o->klog)
		klog_open(&st.klog);
	st.t0 = ictl_now_ns();
	st.deadline = o->duration_ns ? st.t0 + o->duration_ns : 0;
	do {
		if ((rc = open_fds(&st, w)))
			goto out;
		run_round(&st, w);
		close_fds(&st, w);
	} while (!time_up(&st) && (!o->ops || atomic_load(&st.done) < o->ops));
	summary(&st, w);
	rc = st.found ? EXIT_OPFAIL : EXIT_OK;
out:
	for (i = 0; w && i < o->threads; i++)
		worker_fini(&w[i]);
	for (i = 0; st.fds && i < o->fds; i++) {
		forget(&st.fds[i]);
		free(st.fds[i].hist);
	}
	klog_close(&st.klog);
	free(st.fds);
	free(w);
	return rc;
}
