// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/render.h"
#include "core/session.h"
#include "core/step.h"
#include "host/trace.h"
#include "util/parse.h"
#include "util/rec.h"

/* ---- parsing ---- */

/*
 * The value of option --@name at @argv[*i] ("--name V" or "--name=V") into
 * *@v; 1 if it is that option, 0 if not, -EINVAL after perr() without a value.
 */
static int opt_value(const char *name, int argc, char **argv, int *i,
		     const char **v, struct perr *e)
{
	const char *w = argv[*i];
	size_t len = strlen(name);

	if (strncmp(w, "--", 2) || strncmp(w + 2, name, len) ||
	    (w[2 + len] && w[2 + len] != '='))
		return 0;
	*v = w[2 + len] == '=' ? w + 3 + len : NULL;
	if (!*v && *i + 1 >= argc)
		return perr(e, "option '--%s' requires an argument", name);
	if (!*v)
		*v = argv[++*i];
	return 1;
}

/*
 * Could @w be one of the options every step takes? Most words are values
 * or the operation's own options, and one letter tells them apart.
 */
static bool maybe_common(const char *w)
{
	if (w[0] != '-')
		return false;
	if (w[1] != '-')
		return w[1] == 'h';
	switch (w[2]) {
	case 'h':	/* --help */
	case 'u':	/* --usage */
	case 'r':	/* --readonly-arg */
	case 'w':	/* --want */
	case 'e':	/* --expect */
		return true;
	}
	return false;
}

/* One of the options every step takes; 1 if @argv[*i] was one, 0 if not */
static int common_opt(struct step *st, int argc, char **argv, int *i,
		      struct perr *e)
{
	const char *w = argv[*i], *v;
	int rc;

	if (!maybe_common(w))
		return 0;
	if (!strcmp(w, "--help") || !strcmp(w, "-h")) {
		st->help = STEP_HELP;
		return 1;
	}
	if (!strcmp(w, "--usage")) {
		st->help = STEP_USAGE;
		return 1;
	}
	if (!strcmp(w, "--readonly-arg")) {
		st->readonly_arg = true;
		return 1;
	}
	/* --want N, where the operation has a number to check */
	if (st->op->want.v && (rc = opt_value("want", argc, argv, i, &v, e))) {
		if (rc > 0 && parse_u64(v, &st->want))
			return perr(e, "bad number '%s' for --want", v);
		st->has_want = rc > 0;
		return rc;
	}
	if ((rc = opt_value("expect", argc, argv, i, &v, e)) <= 0)
		return rc;
	if (parse_errno(v, &st->expect))
		return perr(e, "unknown errno '%s'", v);
	return 1;
}

/* The words a step parses without an allocation; more are rare */
#define STEP_WORDS	32

int step_parse(struct step *st, int argc, char **argv, struct perr *e)
{
	char *few[STEP_WORDS], **rest = few;
	int words, i, n = 0, rc = 0;
	bool opts = true;
	const char *w;

	memset(st, 0, sizeof(*st));
	st->op = argc ? op_find(argc, argv, &words) : NULL;
	if (!st->op)
		return perr(e, "unknown command '%s%s%s' (see --list-commands)",
			    argc ? argv[0] : "", argc > 1 ? " " : "",
			    argc > 1 ? argv[1] : "");
	if (argc > STEP_WORDS)
		rest = malloc((size_t)argc * sizeof(*rest));
	if (!rest)
		return -ENOMEM;
	for (i = words; rc >= 0 && i < argc; i++) {
		w = argv[i];
		if (opts && w[0] == '-' && w[1] == '-' && !w[2])
			opts = false;
		rc = opts ? common_opt(st, argc, argv, &i, e) : 0;
		if (!rc)
			rest[n++] = argv[i];
	}
	/* help comes before the arguments: a step asking for it need not be whole */
	if (rc >= 0 && !st->help) {
		/* args_parse() clears them */
		st->args = malloc(st->op->args_size ? st->op->args_size : 1);
		rc = st->args ? args_parse(st->op, n, rest, st->args, e) : -ENOMEM;
	}
	if (rest != few)
		free(rest);
	if (rc < 0) {
		free(st->args);
		st->args = NULL;
		return rc;
	}
	return 0;
}

void step_free(struct step *st)
{
	free(st->args);
	free(st->words);
	st->args = NULL;
	st->words = NULL;
}

/* " OPT VALUE" (or " OPT") after the @*used bytes of @buf; 0 or -ENOSPC */
static int append_opt(char *buf, size_t len, size_t *used, const char *opt,
		      const char *val)
{
	size_t n = strlen(opt), m = val ? strlen(val) + 1 : 0;

	if (*used + 1 + n + m >= len)
		return -ENOSPC;
	buf[(*used)++] = ' ';
	memcpy(buf + *used, opt, n);
	*used += n;
	if (val) {
		buf[(*used)++] = ' ';
		memcpy(buf + *used, val, m - 1);
		*used += m - 1;
	}
	buf[*used] = '\0';
	return 0;
}

int step_format(const struct step *st, char *buf, size_t len)
{
	char num[FMT_NUM_MAX];
	size_t used;
	int rc;

	op_words(st->op, buf, len);
	rc = args_format(st->op, st->args, buf, len);
	used = strlen(buf);
	if (!rc && st->expect)
		rc = append_opt(buf, len, &used, "--expect", errno_name(st->expect));
	if (!rc && st->has_want) {
		fmt_dec(st->want, num);
		rc = append_opt(buf, len, &used, "--want", num);
	}
	if (!rc && st->readonly_arg)
		rc = append_opt(buf, len, &used, "--readonly-arg", NULL);
	return rc;
}

bool step_equal(const struct step *a, const struct step *b)
{
	return a->op == b->op && a->expect == b->expect &&
	       a->readonly_arg == b->readonly_arg && a->help == b->help &&
	       a->has_want == b->has_want && (!a->has_want || a->want == b->want) &&
	       (a->help || args_equal(a->op, a->args, b->args));
}

/* ---- running ---- */

static void made_release(struct made *m)
{
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
}

/*
 * Name what the step made; a failure here is the tool's, not the kernel's.
 * Its entry, or NULL.
 */
static struct reg_entry *name_made(struct session *s, const struct step *st,
				   struct result *r)
{
	const char *name = args_name(st->op, st->args);
	struct reg_entry *e;

	if (r->made.type == OBJ_NTYPES)
		return NULL;
	r->made_name = name;
	if (s->untracked)
		return NULL;
	e = reg_add(&s->reg, r->made.type, r->made.id, name);
	if (!e) {
		r->tool_err = -errno;
		sess_err(s, "cannot record %s %u: %s", obj_type_name(r->made.type),
			 r->made.id, strerror(errno));
		made_release(&r->made);
		return NULL;
	}
	e->stdev_id = r->made.stdev;
	e->subtype = r->made.subtype;
	e->fd = r->made.fd;
	e->mem = r->made.mem;
	e->len = r->made.len;
	e->offset = r->made.offset;
	r->made_name = e->name;
	return e;
}

/* Note a PASID of @e attached or detached */
static void note_pasid(struct reg_entry *e, const struct result *r)
{
	unsigned int i;

	for (i = 0; i < e->npasid && e->pasids[i] != r->pasid; i++)
		;
	if (r->pasid_change > 0 && i == e->npasid && i < 4)
		e->pasids[e->npasid++] = r->pasid;
	else if (r->pasid_change < 0 && i < e->npasid)
		e->pasids[i] = e->pasids[--e->npasid];
}

/* Note who holds whom after a step that passed: the made object, or @holder */
static void note_holds(struct session *s, struct result *r, struct reg_entry *made)
{
	struct reg_entry *e = made;
	unsigned int i;

	if (r->holder)
		e = r->holder_type == OBJ_ACCESS ?
		    reg_access(&s->reg, r->holder) : reg_by_id(&s->reg, r->holder);
	if (e && r->pasid_change)
		note_pasid(e, r);
	if (!e || (!r->nholds && !r->rehold))
		return;
	if (r->rehold)
		e->nholds = 0;
	for (i = 0; i < r->nholds && e->nholds < 4; i++)
		e->holds[e->nholds++] = r->holds[i];
}

int step_exec(struct session *s, const struct step *st, struct result *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->made.type = OBJ_NTYPES;
	r->made.fd = -1;
	if (st->op->makes != OBJ_NTYPES &&
	    sess_check_name(s, args_name(st->op, st->args)))
		return -EINVAL;
	if ((st->op->flags & OP_NEEDS_IOMMUFD) && sess_open(s))
		return -ENODEV;
	s->ictl.readonly_arg = st->readonly_arg;
	s->ictl.last_ns = 0;
	if (s->trace)
		trace_skip(s->trace);
	rc = st->op->exec(s, st->args, r);
	if (s->trace)
		r->trace = trace_collect(s->trace);
	s->ictl.readonly_arg = false;
	if (!r->ns)
		r->ns = s->ictl.last_ns;
	if (!rc && !r->err && !s->untracked)
		note_holds(s, r, name_made(s, st, r));
	else if (!rc && !r->err)
		name_made(s, st, r);
	else if (r->made.type != OBJ_NTYPES)
		made_release(&r->made);
	return rc;
}

uint64_t step_wanted(const struct step *st, const struct result *r)
{
	return st->op->want.v == WANT_ID ? r->made.id : r->v[st->op->want.v - 1];
}

bool step_want_missed(const struct step *st, const struct result *r)
{
	return st->has_want && !r->err && step_wanted(st, r) != st->want;
}

bool step_passed(const struct step *st, const struct result *r)
{
	if (st->expect ? r->err != -st->expect : r->err != 0)
		return false;
	return !step_want_missed(st, r);
}

enum verdict step_verdict(const struct step *st, int rc, const struct result *r)
{
	if (rc == -EINVAL)
		return VERDICT_USAGE;
	if (rc == -ENODEV)
		return VERDICT_ENV;
	if (rc || r->tool_err)
		return VERDICT_TOOL;
	if (step_passed(st, r))
		return VERDICT_PASS;
	if (!st->expect && (r->err == -ENOTTY || r->err == -EOPNOTSUPP))
		return VERDICT_UNSUPPORTED;
	return VERDICT_FAIL;
}

/* The call's answer, as every step's record starts */
static void answer_fields(struct rec *rec, const char *name, int err, bool ok)
{
	int e = -err;

	rec_lit(rec, "op", name);
	rec_bool(rec, "ok", ok);
	rec_int(rec, "errno", e);
	rec_lit(rec, "errno_name", e ? errno_name(e) : NULL);
	rec_lit(rec, "error", e ? strerrordesc_np(e) : NULL);
	/*
	 * ENOTTY is an ioctl the kernel does not have. EOPNOTSUPP may be a
	 * feature it lacks or arguments it refuses (a nested HWPT without
	 * data): no hint the tool cannot back up.
	 */
	if (e == ENOTTY)
		rec_lit(rec, "hint", "not supported by this kernel");
}

struct rec *answer_record(struct out *o, const char *name, int err, bool ok)
{
	struct rec *rec = out_rec(o);

	answer_fields(rec, name, err, ok);
	return rec;
}

/* What every step record starts with: the verdict, and where it came from */
static void record_head(struct rec *rec, const struct step *st,
			const struct result *r, const struct origin *from)
{
	answer_fields(rec, st->op->name, r->err, step_passed(st, r));
	if (st->expect)
		rec_lit(rec, "expect", errno_name(st->expect));
	if (st->has_want)
		rec_u64(rec, "want", st->want);
	if (from && from->src)
		rec_int(rec, "line", st->line);
	if (from && from->cleanup)
		rec_bool(rec, "cleanup", true);
}

/* The text of an event as fields where it says KEY=VALUE */
static void event_fields(struct rec *o, const char *text)
{
	char key[32], val[64];
	const char *p, *eq, *end, *name;
	uint64_t v;

	for (p = text; (eq = strchr(p, '=')); p = end) {
		const char *k = eq;

		while (k > p && k[-1] != ' ')
			k--;
		end = eq + 1 + strcspn(eq + 1, " ");
		if (eq == k || (size_t)(eq - k) >= sizeof(key) ||
		    (size_t)(end - eq - 1) >= sizeof(val))
			continue;
		snprintf(key, sizeof(key), "%.*s", (int)(eq - k), k);
		snprintf(val, sizeof(val), "%.*s", (int)(end - eq - 1), eq + 1);
		/* a record keeps its keys by pointer: this one into its arena */
		name = rec_strdup(o, key);
		if (parse_u64(val, &v))
			rec_str(o, name, val);
		else if (!strncmp(val, "0x", 2))
			rec_hex(o, name, v);
		else
			rec_u64(o, name, v);
	}
}

/* "trace": the step's events, each with its fields */
static void trace_rec(struct rec *rec, const struct trace_events *ev)
{
	struct rec *list = rec_list(rec, "trace"), *o;
	unsigned int i;

	for (i = 0; i < ev->n; i++) {
		o = rec_obj(list, NULL);
		rec_str(o, "event", ev->v[i].name);
		rec_str(o, "comm", ev->v[i].comm);
		rec_int(o, "pid", ev->v[i].pid);
		rec_int(o, "cpu", ev->v[i].cpu);
		rec_str(o, "ts", ev->v[i].ts);
		event_fields(rec_obj(o, "fields"), ev->v[i].text);
		rec_str(o, "text", ev->v[i].text);
	}
	if (ev->dropped)
		rec_u64(rec, "trace_dropped", ev->dropped);
}

struct rec *step_record(struct out *o, const struct step *st,
			const struct result *r, const struct origin *from)
{
	struct rec *rec = out_rec(o);

	record_head(rec, st, r, from);
	st->op->record(rec, st->args, r);
	/* after the operation's fields, unless it placed the name itself */
	if (r->made_name && !r->err && !rec_get(rec, "name"))
		rec_str(rec, "name", r->made_name);
	if (r->trace)
		trace_rec(rec, r->trace);
	if (!o->no_timing)
		rec_u64(rec, "duration_ns", r->ns);
	return rec;
}

struct rec *step_line(const struct step *st, const struct result *r,
		      const struct origin *from, const struct rec *full)
{
	const struct column *c = st->op->report->line;
	struct rec *line = full ? rec_new(full->a) : NULL;
	const struct val *v;
	const char *s;
	char buf[256];

	if (!line)
		return NULL;
	record_head(line, st, r, from);
	for (; c && c->heading; c++) {
		v = c->cell ? NULL : rec_get(full, c->key);
		s = c->cell ? c->cell(full, buf, sizeof(buf)) :
		    v && v->kind != V_NULL ? out_cell(v, buf, sizeof(buf)) : NULL;
		if (s)
			rec_str(line, c->heading, s);
	}
	if ((v = rec_get(full, "duration_ns")))
		rec_set(line, "duration_ns", v);
	return line;
}

/* ---- checking a sequence's names before it runs ---- */

/* "ioas3", "dev0": a name the registry may make up when a step runs */
static bool made_up(const char *name)
{
	size_t len;
	int t;

	for (t = 0; t < OBJ_NTYPES; t++) {
		len = strlen(obj_type_name(t));
		if (!strncmp(name, obj_type_name(t), len) && name[len] &&
		    strspn(name + len, "0123456789") == strlen(name + len))
			return true;
	}
	return false;
}

int names_check_handle(struct names *n, const struct arg *a,
		       const struct handle *h, struct perr *e)
{
	struct reg_entry *d;
	char want[96];

	if (h->by_id || !h->name[0])
		return 0;
	d = reg_find(&n->declared, h->name);
	if (!d) {
		if ((n->known && reg_find(n->known, h->name)) ||
		    made_up(h->name))
			return 0;
		return perr(e, "no earlier step names an object '@%s'", h->name);
	}
	if (d->type == OBJ_NTYPES || (a->types & OBJ_BIT(d->type)))
		return 0;
	obj_mask_names(a->types, want, sizeof(want));
	return perr(e, "@%s is a %s, expected %s", h->name,
		    obj_type_name(d->type), want);
}

int names_check(struct names *n, const struct step *st, struct perr *e)
{
	const struct arg *a;
	const char *made;
	struct reg_entry *d;
	int rc;

	if (st->help)
		return 0;
	for (a = st->op->args; a->opt || a->meta; a++) {
		if (a->kind != ARG_HANDLE)
			continue;
		rc = names_check_handle(n, a, (const struct handle *)
				  ((const char *)st->args + a->off), e);
		if (rc)
			return rc;
	}
	made = args_name(st->op, st->args);
	if (!made)
		return 0;
	d = reg_find(&n->declared, made);
	if (!d)
		d = reg_add(&n->declared, st->op->makes, 0, made);
	if (!d)
		return -ENOMEM;
	d->type = st->op->makes;
	return 0;
}

void names_free(struct names *n)
{
	reg_free(&n->declared);
}
