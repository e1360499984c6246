// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/render.h"
#include "core/session.h"
#include "engine/script.h"
#include "host/klog.h"
#include "util/msg.h"
#include "util/file.h"
#include "util/parse.h"
#include "util/rec.h"
#include "util/stop.h"

void script_free(struct script *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		step_free(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int script_add(struct script *s, struct step *st)
{
	struct step *v;

	if (s->n == s->cap) {
		v = reallocarray(s->v, s->cap * 2 + 16, sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = s->cap * 2 + 16;
	}
	s->v[s->n++] = *st;
	return 0;
}

int script_write(const char *path, const struct script *s, const char *comment,
		 bool replace)
{
	static char line[1 << 16];
	struct out_file o;
	size_t i;
	int rc = file_create(&o, path, replace);

	if (!rc && comment)
		fprintf(o.f, "# %s\n", comment);
	for (i = 0; !rc && i < s->n; i++) {
		rc = step_format(&s->v[i], line, sizeof(line));
		if (!rc)
			fprintf(o.f, "%s\n", line);
	}
	if (!rc)
		rc = file_commit(&o);
	else if (o.f)
		file_abort(&o);
	if (rc)
		msg("cannot write %s: %s%s", path, strerror(-rc),
		    rc == -EEXIST ? " (--force replaces it)" : "");
	return rc;
}

/* ---- reading ---- */

struct reader {
	int fd;			/* the script, or -1: the rest of @text */
	const char *text;
	size_t text_left;
	const char *name;
	unsigned int line;
	char *buf;		/* bytes read; [pos, end) not taken yet */
	size_t cap, pos, end;
	bool eof;
	char **words;		/* the words of the line taken last ... */
	char *wbuf;		/* ... and their bytes */
	size_t wlen;		/* the longest line they have room for */
	struct names names;
};

static void load_err(const struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void load_err(const struct reader *r, const char *fmt, ...)
{
	struct msg_loc loc = { r->name, r->line, false };
	va_list ap;

	va_start(ap, fmt);
	msg_vat(&loc, fmt, ap);
	va_end(ap);
}

/*
 * Bytes after r->end, as many as the read gives (a pipe or a terminal
 * gives what it has, so a bad line shows as soon as it is typed); one
 * byte stays free for the NUL after a last line without a newline. Their
 * count, 0 at the end, or -errno.
 */
static long fill(struct reader *r)
{
	size_t room = r->cap - 1 - r->end;
	ssize_t n;

	if (r->fd < 0) {
		n = (ssize_t)(room < r->text_left ? room : r->text_left);
		if (n)
			memcpy(r->buf + r->end, r->text, (size_t)n);
		r->text += n;
		r->text_left -= (size_t)n;
		return n;
	}
	n = read(r->fd, r->buf + r->end, room);
	if (n < 0)
		return stop_signal ? -EINTR : -EIO;
	return n;
}

/*
 * The next line, without its newline, NUL-terminated in r->buf at *@line;
 * its length (a NUL byte in it shows as strlen() < length), -1 at the end,
 * or -errno. A line that does not fit grows the buffer up to the cap; so
 * an endless line (/dev/zero) meets the cap, and a signal is noticed.
 */
static long read_line(struct reader *r, char **line)
{
	char *p, *nl, *nb;
	size_t have, ncap;
	long n;

	for (;;) {
		have = r->end - r->pos;
		p = have ? r->buf + r->pos : NULL;
		nl = have ? memchr(p, '\n', have) : NULL;
		if (nl || (r->eof && have)) {
			nl = nl ? nl : p + have;
			*nl = '\0';
			*line = p;
			r->pos = (size_t)(nl - r->buf) + (nl < r->buf + r->end);
			return (long)(nl - p);
		}
		if (r->eof)
			return -1;
		/* the line so far to the front, so that it can grow */
		if (have && r->pos)
			memmove(r->buf, p, have);
		r->pos = 0;
		r->end = have;
		if (r->end + 1 >= r->cap) {
			if (stop_signal)
				return -EINTR;
			if (r->cap > SCRIPT_LINE_MAX)
				return -E2BIG;
			/*
			 * the last step is cut to the cap: a line as long as it,
			 * its newline and the byte fill() keeps for a NUL
			 */
			ncap = r->cap * 2 + 8192;
			if (ncap > SCRIPT_LINE_MAX + 2)
				ncap = SCRIPT_LINE_MAX + 2;
			nb = realloc(r->buf, ncap);
			if (!nb)
				return -ENOMEM;
			r->buf = nb;
			r->cap = ncap;
		}
		n = fill(r);
		if (n < 0)
			return n;
		r->eof = !n;
		r->end += (size_t)n;
	}
}

/* Room for the words of a line of @len bytes; 0 or -ENOMEM */
static int words_scratch(struct reader *r, size_t len)
{
	size_t room;
	char **v;

	if (r->words && len <= r->wlen)
		return 0;
	/* room for every line the buffer holds, so it grows when the buffer does */
	len = r->cap;
	room = words_room(len);
	v = realloc(r->words, room * sizeof(*v) + len + 1);
	if (!v)
		return -ENOMEM;
	r->words = v;
	r->wbuf = (char *)(v + room);
	r->wlen = len;
	return 0;
}

/* A parse error of a step: its operation's words, then what is wrong */
static int parse_err(const struct reader *r, const struct step *st,
		     const struct perr *e)
{
	char name[64];

	if (!st->op) {
		load_err(r, "%s", e->msg);
		return -EINVAL;
	}
	op_words(st->op, name, sizeof(name));
	load_err(r, "%s: %s", name, e->msg);
	return -EINVAL;
}

/* Parse and check one line's words; 0 or -EINVAL after a message */
static int parse_step(struct reader *r, struct step *st, int argc, char **argv)
{
	struct perr e;
	int rc = step_parse(st, argc, argv, &e);

	if (rc == -ENOMEM)
		load_err(r, "%s", strerror(ENOMEM));
	if (rc)
		return rc == -EINVAL ? parse_err(r, st, &e) : rc;
	if (st->help) {
		snprintf(e.msg, sizeof(e.msg), "help is for the command line, not a script step");
		rc = parse_err(r, st, &e);
	} else if ((rc = names_check(&r->names, st, &e))) {
		load_err(r, "%s", e.msg);
	}
	if (rc)
		step_free(st);
	return rc;
}

/* One line into a step of @s (nothing for a blank or comment line) */
static int load_line(struct reader *r, struct script *s, char *line, size_t len)
{
	const char *why = NULL;
	struct step st;
	char **argv;
	int argc, rc = 0;

	if (strlen(line) != len) {
		load_err(r, "NUL byte in line: not a script");
		return -EINVAL;
	}
	if (words_scratch(r, len) ||
	    split_words(line, r->words, r->wbuf, &argc, &why)) {
		load_err(r, "%s", why ? why : strerror(ENOMEM));
		return -EINVAL;
	}
	if (!argc)
		return 0;
	/* the step's own copy: values of some arguments point into it */
	argv = malloc(words_size(r->words, argc));
	if (!argv) {
		load_err(r, "%s", strerror(ENOMEM));
		return -EINVAL;
	}
	words_pack(r->words, argc, argv);
	rc = parse_step(r, &st, argc, argv);
	if (rc) {
		free(argv);
		return rc;
	}
	st.line = r->line;
	st.words = argv;
	rc = script_add(s, &st);
	if (rc)
		step_free(&st);
	return rc;
}

static int load(struct script *s, struct reader *r)
{
	char *line;
	long len;
	int rc = 0;

	while (!rc && (len = read_line(r, &line)) >= 0) {
		r->line++;
		rc = load_line(r, s, line, (size_t)len);
	}
	if (!rc && len != -1) {
		r->line++;
		rc = len == -EINTR ? -EINTR : len == -E2BIG ? -EINVAL : -EIO;
		if (len == -E2BIG)
			load_err(r, "a line longer than %u MiB: not a script",
				 SCRIPT_LINE_MAX >> 20);
		else if (len != -EINTR)
			load_err(r, "cannot read the script: %s", strerror((int)-len));
	}
	free(r->buf);
	free(r->words);
	names_free(&r->names);
	return rc;
}

int script_load(struct script *s, const char *path, const struct registry *known)
{
	bool in = !strcmp(path, "-");
	struct reader r = { .name = in ? "<stdin>" : path, .names.known = known };
	int rc;

	memset(s, 0, sizeof(*s));
	s->name = r.name;
	r.fd = in ? STDIN_FILENO : open(path, O_RDONLY);
	if (r.fd < 0) {
		msg("cannot open script %s: %s", path, strerror(errno));
		return -EINVAL;
	}
	rc = load(s, &r);
	if (!in)
		close(r.fd);
	if (rc)
		script_free(s);
	return rc;
}

int script_load_text(struct script *s, const char *name, const char *text,
		     size_t len)
{
	struct reader r = { .fd = -1, .text = text, .text_left = len, .name = name };
	int rc;

	memset(s, 0, sizeof(*s));
	s->name = name;
	rc = load(s, &r);
	if (rc)
		script_free(s);
	return rc;
}

/* ---- running ---- */

void tally_count(struct tally *t, enum verdict v, unsigned int line, int err,
		 bool splat)
{
	t->steps++;
	if (v == VERDICT_PASS) {
		t->passed++;
		return;
	}
	if (t->failed)
		return;
	t->failed = true;
	t->first = v;
	t->fail_line = line;
	t->fail_errno = err;
	t->fail_splat = splat;
}

/* A splat in the kernel log right after a step is that step's finding. */
static bool klog_finding(struct runner *rn, struct tally *t, unsigned int line)
{
	char msg[256];
	struct rec *rec;

	if (!rn->klog || !klog_next_splat(rn->klog, msg, sizeof(msg)))
		return false;
	if (rn->out) {
		rec = out_rec(rn->out);
		rec_lit(rec, "op", "klog");
		rec_bool(rec, "ok", false);
		rec_int(rec, "errno", 0);
		rec_null(rec, "errno_name");
		rec_null(rec, "error");
		if (rn->src)
			rec_int(rec, "line", line);
		rec_str(rec, "splat", msg);
		out_record(rn->out, rec);
	}
	tally_count(t, VERDICT_FAIL, line, 0, true);
	return true;
}

enum verdict run_one(struct runner *rn, const struct step *st, struct tally *t)
{
	struct origin from = { rn->src, rn->cleanup };
	struct result r;
	enum verdict v;
	int rc;

	rn->s->loc.line = st->line;
	rc = step_exec(rn->s, st, &r);
	v = step_verdict(st, rc, &r);
	if (!rc && rn->out)
		out_record(rn->out, step_record(rn->out, st, &r, &from));
	if (v != VERDICT_PASS && !t->failed && step_want_missed(st, &r))
		t->fail_got = step_wanted(st, &r);
	tally_count(t, v, st->line, -r.err, false);
	if (v == VERDICT_PASS && klog_finding(rn, t, st->line))
		v = VERDICT_FAIL;
	if (rn->out && out_broken(rn->out))
		t->broken_out = true;
	return v;
}

void run_steps(struct runner *rn, const struct step *v, size_t from, size_t to,
	       struct tally *t)
{
	size_t i;
	bool had = t->failed;
	enum verdict vd;

	rn->s->loc.src = rn->src;
	for (i = from; i < to && !stop_signal && !t->broken_out; i++) {
		vd = run_one(rn, &v[i], t);
		if (!had && t->failed) {
			t->fail_index = i;
			had = true;
		}
		if (vd != VERDICT_PASS && !rn->keep_going)
			break;
	}
}
