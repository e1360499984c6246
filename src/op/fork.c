// SPDX-License-Identifier: GPL-2.0-only
/*
 * fork map | change-process: calls made by a child process on the shared
 * iommufd, as the kernel's selftests make them (fork_gone, fork_present,
 * change_process). The pages of a mapping belong to the mm of the process
 * that mapped them, and pinned pages are accounted to one process: these
 * steps show what the kernel makes of a child that exits, or lives on, and
 * of moving the accounting to it. The child only calls and reports (see
 * host/child.h); the records are the tool's.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/op.h"
#include "core/session.h"
#include "host/child.h"
#include "op/ops.h"
#include "util/rec.h"

/* The byte a child fills its own memory with, to tell its pages apart */
#define CHILD_BYTE	0xc5

/* What a child reports */
struct fork_reply {
	int err;
	uint64_t iova, length, ns;
	long pin[2][2], lck[2][2];	/* [parent, child][before, after], kB */
};

struct fork_job {
	struct ictl ictl;		/* the tool's, without its fail-nth hooks */
	const struct fork_map_args *a;
	uint32_t ioas_id;
	uint64_t length;
	void *mem;			/* --mem: the child's copy of it */
	pid_t parent, child;
};

/* exit code, or 128 + the signal, of a reaped child */
static int exit_code(int status)
{
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---- fork map ---- */

static const struct arg map_args[] = {
	{ .kind = ARG_HANDLE, AT(struct fork_map_args, ioas), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_IOAS), .meta = "IOAS" },
	{ .opt = "length", .kind = ARG_U64, AT(struct fork_map_args, length),
	  HAS(struct fork_map_args, has_length), .meta = "SIZE",
	  .doc = "Bytes of the child's own memory to map (filled with 0xc5)" },
	{ .opt = "mem", .kind = ARG_HANDLE, AT(struct fork_map_args, mem),
	  HAS(struct fork_map_args, has_mem), .types = OBJ_BIT(OBJ_MEM), .meta = "@MEM",
	  .doc = "Map the child's copy of this memory instead (the same address)" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct fork_map_args, iova),
	  HAS(struct fork_map_args, has_iova), .meta = "IOVA",
	  .doc = "Map at this IOVA (fixed); default: the kernel picks" },
	{ .opt = "readonly", .kind = ARG_BOOL, AT(struct fork_map_args, readonly),
	  .doc = "Map without write permission" },
	{ .opt = "live", .kind = ARG_BOOL, AT(struct fork_map_args, live),
	  .doc = "The child lives on after the map, until destroy of it" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct fork_map_args, name),
	  .meta = "NAME", .doc = "Name the living child (default procN)" },
	{ 0 }
};

static int map_check(const void *args, struct perr *e)
{
	const struct fork_map_args *a = args;

	if (!a->has_length && !a->has_mem)
		return perr(e, "give --length or --mem");
	if (a->has_mem && a->mem.by_id)
		return perr(e, "--mem takes an @name");
	if (a->name[0] && !a->live)
		return perr(e, "--name names a child that lives on: give --live");
	return 0;
}

/* In the child: map, report */
static void child_map(void *arg, void *buf)
{
	struct fork_job *j = arg;
	struct fork_reply *rep = buf;
	struct ictl_iommu_ioas_map cmd = { 0 };
	void *p = j->mem;

	cmd.length = j->length;
	if (!p) {
		p = mmap(NULL, cmd.length, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			rep->err = -errno;
			return;
		}
		memset(p, CHILD_BYTE, cmd.length);
	}
	cmd.ioas_id = j->ioas_id;
	cmd.user_va = (uintptr_t)p;
	cmd.iova = j->a->iova;
	cmd.flags = ICTL_IOMMU_IOAS_MAP_READABLE |
		    (j->a->readonly ? 0 : ICTL_IOMMU_IOAS_MAP_WRITEABLE) |
		    (j->a->has_iova ? ICTL_IOMMU_IOAS_MAP_FIXED_IOVA : 0);
	rep->err = ictl_ioas_map(&j->ictl, &cmd);
	rep->iova = cmd.iova;
	rep->length = cmd.length;
	rep->ns = j->ictl.last_ns;
}

/* Start the child, with only the iommufd of the tool's descriptors */
static int run_child(struct session *s, struct fork_job *j, bool live,
		     void (*fn)(void *, void *), struct fork_reply *rep,
		     struct child *c, const char *who, struct result *r)
{
	int rc;

	j->ictl = s->ictl;
	j->ictl.around = NULL;
	/* the read-only page is shared memory: the child makes its own */
	j->ictl.ro_alias = j->ictl.rw_alias = NULL;
	j->parent = getpid();
	memset(rep, 0, sizeof(*rep));
	rc = child_start(c, live, &s->ictl.fd, 1, fn, j, rep, sizeof(*rep));
	j->child = c->pid;
	if (!rc)
		rc = child_report(c, rep, sizeof(*rep));
	if (rc == -EINTR)
		return rc;
	if (rc) {
		sess_err(s, "%s: the child %s: %s", who,
			 rc == -EPIPE ? "ended without a report" : "could not start",
			 strerror(-rc));
		r->tool_err = rc;
	}
	return 0;
}

static int fork_map(struct session *s, const void *args, struct result *r)
{
	const struct fork_map_args *a = args;
	struct fork_job j = { .a = a };
	struct fork_reply rep;
	struct reg_entry *ioas, *mem = NULL;
	struct child c;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, OBJ_BIT(OBJ_IOAS), &ioas, &j.ioas_id)) ||
	    (a->has_mem && (rc = mem_resolve(s, &a->mem, "fork map", MEM_NEED_CPU, &mem))))
		return rc;
	j.mem = mem ? mem->mem : NULL;
	j.length = a->has_length ? a->length : mem->len;
	result_id(r, "ioas", j.ioas_id);
	if ((rc = run_child(s, &j, a->live, child_map, &rep, &c, "fork map", r)) ||
	    r->tool_err)
		return rc;
	r->err = rep.err;
	r->ns = rep.ns;
	r->s[0] = mem ? mem->name : NULL;
	r->v[FORK_PID] = (uint64_t)j.child;
	r->v[FORK_IOVA] = rep.iova;
	r->v[FORK_LENGTH] = rep.length;
	/* a child whose map failed has nothing to live on for */
	if (a->live && rep.err)
		child_end(&c, &c.status);
	if (!a->live || rep.err) {
		r->v[FORK_EXIT] = (uint64_t)exit_code(c.status);
		return 0;
	}
	/* a living child is an object the registry keeps until destroy */
	r->made.type = OBJ_PROC;
	r->made.id = (uint32_t)j.child;
	r->made.fd = c.hold;
	r->v[FORK_LIVE] = 1;
	return 0;
}

static void map_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	if (r->s[0])
		rec_str(rec, "mem", r->s[0]);
	rec_hex(rec, "iova", r->v[FORK_IOVA]);
	rec_hex(rec, "length", r->v[FORK_LENGTH]);
	rec_int(rec, "pid", (int64_t)r->v[FORK_PID]);
	if (r->v[FORK_LIVE])
		rec_bool(rec, "live", true);
	else
		rec_int(rec, "exit_status", (int64_t)r->v[FORK_EXIT]);
}

const struct op op_fork_map = {
	.object = "fork", .verb = "map", .name = "fork.map",
	.summary = "map memory of a child process into an IOAS; it exits or lives on",
	.doc = "Fork a child that maps memory of its own into IOAS through the shared "
	       "iommufd (IOMMU_IOAS_MAP) and reports the kernel's answer. Without "
	       "--live it then exits: pages not pinned yet can no longer be, and "
	       "attaching a domain that needs them fails (EFAULT). With --live it stays "
	       "until destroy of it (or the end of the session): its pages are pinned "
	       "from its address space when needed. The child's own memory is filled "
	       "with 0xc5; with --mem it maps its copy of that memory instead.",
	.args = map_args, .args_size = sizeof(struct fork_map_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_PROC,
	.check = map_check, .exec = fork_map, .record = map_record,
};

/* ---- fork change-process ---- */

static const struct arg no_args[] = {
	{ 0 }
};

/* In the child: IOMMU_IOAS_CHANGE_PROCESS, with both processes' accounting around it */
static void child_change(void *arg, void *buf)
{
	struct fork_job *j = arg;
	struct fork_reply *rep = buf;
	pid_t who[2] = { j->parent, getpid() };
	int i;

	for (i = 0; i < 2; i++) {
		rep->pin[i][0] = proc_status_kb(who[i], "VmPin");
		rep->lck[i][0] = proc_status_kb(who[i], "VmLck");
	}
	rep->err = ictl_ioas_change_process(&j->ictl);
	rep->ns = j->ictl.last_ns;
	for (i = 0; i < 2; i++) {
		rep->pin[i][1] = proc_status_kb(who[i], "VmPin");
		rep->lck[i][1] = proc_status_kb(who[i], "VmLck");
	}
}

static int fork_change(struct session *s, const void *args, struct result *r)
{
	struct fork_job j = { 0 };
	struct fork_reply *rep;
	struct child c;
	int rc;

	(void)args;
	rep = sess_scratch(s, sizeof(*rep));
	if (!rep) {
		sess_err(s, "fork change-process: out of memory");
		return -ENOMEM;
	}
	if ((rc = run_child(s, &j, false, child_change, rep, &c, "fork change-process", r)) ||
	    r->tool_err)
		return rc;
	r->err = rep->err;
	r->ns = rep->ns;
	r->v[FORK_PID] = (uint64_t)j.child;
	r->v[FORK_EXIT] = (uint64_t)exit_code(c.status);
	r->data = rep;
	return 0;
}

void vm_acct_rec(struct rec *o, const long pin[2], const long lck[2])
{
	rec_int(o, "vm_pin_before", pin[0]);
	rec_int(o, "vm_pin_after", pin[1]);
	rec_int(o, "vm_lck_before", lck[0]);
	rec_int(o, "vm_lck_after", lck[1]);
}

static void change_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct fork_reply *rep = r->data;

	(void)args;
	rec_int(rec, "pid", (int64_t)r->v[FORK_PID]);
	rec_int(rec, "exit_status", (int64_t)r->v[FORK_EXIT]);
	vm_acct_rec(rec_obj(rec, "parent"), rep->pin[0], rep->lck[0]);
	vm_acct_rec(rec_obj(rec, "child"), rep->pin[1], rep->lck[1]);
}

const struct op op_fork_change_process = {
	.object = "fork", .verb = "change-process", .name = "fork.change-process",
	.summary = "IOMMU_IOAS_CHANGE_PROCESS from a child: who pays for pinned pages",
	.doc = "Fork a child that calls IOMMU_IOAS_CHANGE_PROCESS on the shared iommufd "
	       "(since 6.13) and reads VmPin and VmLck (kB, /proc/PID/status) of this "
	       "process and of itself before and after: the pinned pages' accounting "
	       "moves to the child. Every mapping must come from ioas map-file (else "
	       "EINVAL). The child then exits.",
	.args = no_args, .args_size = 0,
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = fork_change, .record = change_record,
};
