// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "core/render.h"
#include "util/msg.h"
#include "util/parse.h"

/* The line a JSON record is written to, kept for the next */
struct jbuf {
	char *p;
	size_t n, cap;
	bool oom;
};


void out_init(struct out *o, const struct options *opt)
{
	static char buf[1 << 16];

	memset(o, 0, sizeof(*o));
	o->format = opt->format;
	o->pretty = opt->pretty;
	o->no_timing = opt->no_timing;
	/* records to a file or pipe go out in blocks, not a write per line */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, buf, _IOFBF, sizeof(buf));
}

void out_fini(struct out *o)
{
	struct jbuf *b = o->jbuf;

	arena_free(&o->arena);
	if (b)
		free(b->p);
	free(b);
	o->jbuf = NULL;
}

struct rec *out_rec(struct out *o)
{
	arena_reset(&o->arena);
	return rec_new(&o->arena);
}

/* ---- JSON ----
 *
 * Reports and --pretty output are json-c trees whose numbers are written
 * by serializers of our own instead of snprintf().
 */

static int put_int(struct json_object *j, struct printbuf *pb, int level, int flags)
{
	char buf[FMT_NUM_MAX];

	(void)level;
	(void)flags;
	printbuf_memappend_fast(pb, buf, fmt_int(json_object_get_int64(j), buf));
	return 0;
}

static int put_uint(struct json_object *j, struct printbuf *pb, int level, int flags)
{
	char buf[FMT_NUM_MAX];

	(void)level;
	(void)flags;
	printbuf_memappend_fast(pb, buf, fmt_dec(json_object_get_uint64(j), buf));
	return 0;
}

/* Addresses reach 2^64-1, beyond what jq and JavaScript keep exact: a string */
static int hex_chars(uint64_t v, char *buf)
{
	int n = 1 + fmt_hex(v, buf + 1);

	buf[0] = '"';
	buf[n++] = '"';
	return n;
}

static int put_hex(struct json_object *j, struct printbuf *pb, int level, int flags)
{
	char buf[FMT_NUM_MAX + 2];

	(void)level;
	(void)flags;
	printbuf_memappend_fast(pb, buf, hex_chars(json_object_get_uint64(j), buf));
	return 0;
}

/* Names in table order, a bit by its first name; bits without one as "0x.." */
static int put_flags(struct json_object *j, struct printbuf *pb, int level, int flags)
{
	const struct flag_name *n = json_object_get_userdata(j);
	uint64_t v = json_object_get_uint64(j);
	bool first = true;
	char buf[FMT_NUM_MAX + 2];

	(void)level;
	(void)flags;
	printbuf_memappend_fast(pb, "[", 1);
	for (; n && n->name; n++) {
		if (n->value && (v & n->value) == n->value) {
			if (!first)
				printbuf_memappend_fast(pb, ",", 1);
			printbuf_memappend_fast(pb, "\"", 1);
			printbuf_memappend_fast(pb, n->name, (int)strlen(n->name));
			printbuf_memappend_fast(pb, "\"", 1);
			first = false;
		}
		v &= ~n->value;
	}
	for (; v; v &= v - 1) {
		if (!first)
			printbuf_memappend_fast(pb, ",", 1);
		printbuf_memappend_fast(pb, buf, hex_chars(v & -v, buf));
		first = false;
	}
	printbuf_memappend_fast(pb, "]", 1);
	return 0;
}

static struct json_object *with(struct json_object *j, json_object_to_json_string_fn *fn,
				 const void *data)
{
	json_object_set_serializer(j, fn, (void *)data, NULL);
	return j;
}

static struct json_object *rec_json(const struct rec *r, bool list);

/* A new json-c object for one value */
static struct json_object *to_json(const struct val *v)
{
	switch (v->kind) {
	case V_NULL:
		return NULL;
	case V_BOOL:
		return json_object_new_boolean(v->b);
	case V_INT:
		return with(json_object_new_int64(v->i), put_int, NULL);
	case V_UINT:
		return with(json_object_new_uint64(v->u), put_uint, NULL);
	case V_HEX:
		return with(json_object_new_uint64(v->u), put_hex, NULL);
	case V_STR:
		return json_object_new_string(v->s);
	case V_FLAGS:
		return with(json_object_new_uint64(v->u), put_flags, v->names);
	case V_REC:
		return rec_json(v->r, false);
	case V_LIST:
		return rec_json(v->r, true);
	}
	return NULL;
}

static struct json_object *rec_json(const struct rec *r, bool list)
{
	struct json_object *o = list ? json_object_new_array() :
				       json_object_new_object();
	unsigned int i;

	for (i = 0; r && i < r->n; i++) {
		if (list)
			json_object_array_add(o, to_json(&r->f[i].v));
		else
			json_object_object_add(o, r->f[i].key, to_json(&r->f[i].v));
	}
	return o;
}

struct json_object *out_json(const struct rec *r)
{
	return rec_json(r, false);
}

/*
 * A record on one line is written straight from its values, into a buffer
 * kept for the next: no tree, no allocation once the buffer has grown. The
 * bytes are json-c's for the same tree (render-test compares the two for
 * every kind of value and every byte in a string); --pretty goes through
 * json-c.
 */
static bool jgrow(struct jbuf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *p;

	if (b->oom)
		return false;
	while (cap < b->n + n)
		cap *= 2;
	if (!(p = realloc(b->p, cap))) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

static inline void jput(struct jbuf *b, const char *s, size_t n)
{
	if (b->n + n > b->cap && !jgrow(b, n))
		return;
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

/* Escapes with a name; other control characters are written \u00XX */
static const char *const jesc[256] = {
	['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n", ['\f'] = "\\f",
	['\r'] = "\\r", ['"'] = "\\\"", ['\\'] = "\\\\",
};

/* At least @n bytes free at the end of @b */
static inline bool jroom(struct jbuf *b, size_t n)
{
	return b->cap - b->n >= n || jgrow(b, n);
}

/* Bytes a JSON string holds as they are: all but controls, '"' and '\\' */
static const bool plain[256] = {
	[0x20 ... 0x21] = true, [0x23 ... 0x5b] = true, [0x5d ... 0xff] = true,
};

/* The escape of @c at @d: a name, or \u00XX; its length */
static size_t escape(unsigned char c, char *d)
{
	static const char hex[] = "0123456789abcdef";
	const char *e = jesc[c];

	if (e) {
		memcpy(d, e, 2);
		return 2;
	}
	memcpy(d, "\\u00", 4);
	d[4] = hex[c >> 4];
	d[5] = hex[c & 15];
	return 6;
}

#define ONES	0x0101010101010101ull
#define HIGHS	0x8080808080808080ull

/*
 * Whether any byte of the word @w needs an escape: a control character
 * (below 0x20), '"' or '\\'.  Each test sets a byte's high bit where the
 * byte qualifies (a borrow may mark more once one does, never when none
 * does), so eight bytes cost a few instructions, not eight table lookups.
 */
static inline bool word_special(uint64_t w)
{
	uint64_t quote = w ^ (ONES * '"'), bslash = w ^ (ONES * '\\');
	uint64_t ctl = (w - ONES * 0x20) & ~w;

	return (ctl | ((quote - ONES) & ~quote) | ((bslash - ONES) & ~bslash)) & HIGHS;
}

/*
 * @n bytes of @s at @d, escaped; @rest is what remains of the string from
 * @s on, for which room is kept (an escape asks for its extra bytes).  The
 * cursor after them, or NULL without memory.
 */
static inline __attribute__((always_inline)) char *jbytes(struct jbuf *b, char *d,
						      const char *s, size_t n, size_t rest)
{
	unsigned char c;
	size_t k;

	for (k = 0; k < n; k++) {
		c = (unsigned char)s[k];
		if (plain[c]) {
			*d++ = (char)c;
			continue;
		}
		b->n = (size_t)(d - b->p);
		if (!jroom(b, 6 + rest - k))
			return NULL;
		d = b->p + b->n;
		d += escape(c, d);
	}
	return d;
}

/*
 * As json-c escapes: quote, backslash and control characters only.  Words
 * without such a byte are copied eight bytes at a time; the cursor is a
 * local, as a store through b->p could alias b->n.
 */
static void jstr(struct jbuf *b, const char *s)
{
	size_t len = strlen(s), i;
	uint64_t w;
	char *d;

	if (!jroom(b, len + 2))
		return;
	d = b->p + b->n;
	*d++ = '"';
	for (i = 0; d && len - i >= 8; i += 8) {
		memcpy(&w, s + i, 8);
		if (word_special(w)) {
			d = jbytes(b, d, s + i, 8, len - i + 1);
			continue;
		}
		memcpy(d, &w, 8);
		d += 8;
	}
	if (d)
		d = jbytes(b, d, s + i, len - i, len - i + 1);
	if (!d)
		return;
	*d++ = '"';
	b->n = (size_t)(d - b->p);
}

/*
 * A key and its colon.  Keys are short names of plain bytes, nearly always:
 * those are copied in one pass without measuring them first; any other key
 * goes the way of every string.
 */
static void jkey(struct jbuf *b, const char *s)
{
	enum { SHORT = 32 };
	unsigned char c = 0;
	char *d;
	size_t k;

	if (!jroom(b, SHORT + 3))
		return;
	d = b->p + b->n + 1;
	for (k = 0; k < SHORT && plain[c = (unsigned char)s[k]]; k++)
		d[k] = (char)c;
	if (k < SHORT && !c) {
		d[-1] = '"';
		d[k] = '"';
		d[k + 1] = ':';
		b->n += k + 3;
		return;
	}
	jstr(b, s);
	jput(b, ":", 1);
}

static void jrec(struct jbuf *b, const struct rec *r, bool list);

static void jflags(struct jbuf *b, const struct val *v)
{
	const struct flag_name *n = v->names;
	uint64_t u = v->u;
	bool first = true;
	char buf[FMT_NUM_MAX + 2];

	jput(b, "[", 1);
	for (; n && n->name; n++) {
		if (n->value && (u & n->value) == n->value) {
			if (!first)
				jput(b, ",", 1);
			jstr(b, n->name);
			first = false;
		}
		u &= ~n->value;
	}
	for (; u; u &= u - 1) {
		if (!first)
			jput(b, ",", 1);
		jput(b, buf, (size_t)hex_chars(u & -u, buf));
		first = false;
	}
	jput(b, "]", 1);
}

static void jval(struct jbuf *b, const struct val *v)
{
	switch (v->kind) {
	case V_NULL:
		jput(b, "null", 4);
		return;
	case V_BOOL:
		jput(b, v->b ? "true" : "false", v->b ? 4 : 5);
		return;
	/* numbers are written in place: room for the longest first */
	case V_INT:
		if (jroom(b, FMT_NUM_MAX))
			b->n += (size_t)fmt_int(v->i, b->p + b->n);
		return;
	case V_UINT:
		if (jroom(b, FMT_NUM_MAX))
			b->n += (size_t)fmt_dec(v->u, b->p + b->n);
		return;
	case V_HEX:
		if (jroom(b, FMT_NUM_MAX + 2))
			b->n += (size_t)hex_chars(v->u, b->p + b->n);
		return;
	case V_STR:
		if (v->s)
			jstr(b, v->s);
		else
			jput(b, "null", 4);
		return;
	case V_FLAGS:
		jflags(b, v);
		return;
	case V_REC:
	case V_LIST:
		jrec(b, v->r, v->kind == V_LIST);
		return;
	}
}

static void jrec(struct jbuf *b, const struct rec *r, bool list)
{
	unsigned int i;

	jput(b, list ? "[" : "{", 1);
	for (i = 0; r && i < r->n; i++) {
		if (i)
			jput(b, ",", 1);
		if (!list)
			jkey(b, r->f[i].key);
		jval(b, &r->f[i].v);
	}
	jput(b, list ? "]" : "}", 1);
}

static void print_json(struct out *o, const struct rec *r)
{
	struct jbuf *b = o->jbuf;
	struct json_object *j;

	if (!o->pretty && (b || (b = o->jbuf = calloc(1, sizeof(*b))))) {
		b->n = 0;
		jrec(b, r, false);
		jput(b, "\n", 1);
		if (!b->oom) {
			fwrite(b->p, 1, b->n, stdout);
			return;
		}
		b->oom = false;
	}
	/* --pretty, or no memory for the line: json-c's tree */
	j = rec_json(r, false);
	puts(json_object_to_json_string_ext(j, JSON_C_TO_STRING_NOSLASHESCAPE |
					    (o->pretty ? JSON_C_TO_STRING_PRETTY |
							 JSON_C_TO_STRING_SPACED :
							 JSON_C_TO_STRING_PLAIN)));
	json_object_put(j);
}

/* ---- text and KTAP ---- */

/*
 * Text goes into stdout's buffer with the unlocked calls and numbers are
 * formatted here, not by printf: a --per-op walk prints a line per
 * operation. Records are printed by one thread at a time (the walk holds
 * its output lock), so stdout's own lock is not needed.
 */
static void tput(const char *s, size_t n)
{
	fwrite_unlocked(s, 1, n, stdout);
}

static void tnum(int kind, uint64_t v)
{
	char buf[FMT_NUM_MAX];
	int n = kind == V_INT ? fmt_int((int64_t)v, buf) :
		kind == V_UINT ? fmt_dec(v, buf) : fmt_hex(v, buf);

	tput(buf, (size_t)n);
}

/* A string as one printable word: a file name cannot break the stream */
static void put_str(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;
	unsigned char c;

	for (; (c = (unsigned char)*s); s++) {
		if (c >= 0x20 && c != 0x7f)
			continue;
		tput(run, (size_t)(s - run));
		tput((const char[]){ '\\', 'x', hex[c >> 4], hex[c & 15] }, 4);
		run = s + 1;
	}
	tput(run, (size_t)(s - run));
}

static void put_val(const struct val *v)
{
	struct json_object *j;

	switch (v->kind) {
	case V_BOOL:
		tput(v->b ? "true" : "false", v->b ? 4 : 5);
		return;
	case V_INT:
		tnum(V_INT, (uint64_t)v->i);
		return;
	case V_UINT:
	case V_HEX:
		tnum(v->kind, v->u);
		return;
	case V_STR:
		put_str(v->s ? v->s : "null");
		return;
	default:
		j = to_json(v);
		put_str(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(j);
	}
}

/* " key=": keys are the tool's own names */
static void put_key(const char *key)
{
	putc_unlocked(' ', stdout);
	tput(key, strlen(key));
	putc_unlocked('=', stdout);
}

/* The fields after "op" and "ok" as " key=value" words; ids one by one */
static void put_fields(const struct rec *r)
{
	const struct field *f;
	unsigned int i, j;

	for (i = 0; i < r->n; i++) {
		f = &r->f[i];
		if (!strcmp(f->key, "op") || !strcmp(f->key, "ok") ||
		    f->v.kind == V_NULL ||
		    (!strcmp(f->key, "errno") && f->v.kind == V_INT && !f->v.i))
			continue;
		if (f->v.kind == V_REC && !strcmp(f->key, "ids")) {
			for (j = 0; j < f->v.r->n; j++) {
				put_key(f->v.r->f[j].key);
				tnum(V_INT, (uint64_t)f->v.r->f[j].v.i);
			}
			continue;
		}
		put_key(f->key);
		put_val(&f->v);
	}
	putc_unlocked('\n', stdout);
}

static bool rec_ok(const struct rec *r)
{
	const struct val *v = rec_get(r, "ok");

	return v && v->kind == V_BOOL && v->b;
}

static const char *rec_op(const struct rec *r)
{
	const struct val *v = rec_get(r, "op");

	return v && v->kind == V_STR ? v->s : "?";
}

static void print_text(const struct rec *r)
{
	put_str(rec_op(r));
	if (rec_ok(r))
		tput(" ok", 3);
	else
		tput(" FAIL", 5);
	put_fields(r);
}

/* KTAP: one test per record, so a reproducer can sit beside kselftests */
static void print_ktap(const struct out *o, const struct rec *r)
{
	if (!o->nr)
		puts("KTAP version 1");
	printf("%sok %u ", rec_ok(r) ? "" : "not ", o->nr + 1);
	put_str(rec_op(r));
	put_fields(r);
}

void out_record(struct out *o, const struct rec *r)
{
	if (o->quiet || !r)
		return;
	if (o->format == FMT_TEXT)
		print_text(r);
	else if (o->format == FMT_KTAP)
		print_ktap(o, r);
	else
		print_json(o, r);
	o->nr++;
}

void out_summary(struct out *o, const struct rec *r)
{
	if (!r)
		return;
	if (o->format == FMT_JSON) {
		print_json(o, r);
		return;
	}
	if (o->format == FMT_KTAP)
		fputs("# ", stdout);
	print_text(r);
}

/* ---- reports: sections of tables ---- */

#define TAB_COLS	10
#define CELL		256
#define WORDS_MIN	4	/* a nested record of this many scalars shows as words */
#define WORDS_WRAP	64	/* the width of a line of words */

const char *out_cell(const struct val *v, char *buf, size_t len)
{
	struct json_object *j;

	if (!v)
		return "-";
	switch (v->kind) {
	case V_NULL:
		return "-";
	case V_BOOL:
		return v->b ? "yes" : "no";
	case V_INT:
		snprintf(buf, len, "%" PRId64, v->i);
		return buf;
	case V_UINT:
		snprintf(buf, len, "%" PRIu64, v->u);
		return buf;
	case V_HEX:
		snprintf(buf, len, "0x%" PRIx64, v->u);
		return buf;
	case V_STR:
		return v->s;
	default:
		j = to_json(v);
		snprintf(buf, len, "%s", json_object_to_json_string_ext(j,
			 JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(j);
		return buf;
	}
}

/* A cell of a table: its own maker, or its member as text */
static const char *row_cell(const struct rec *row, const struct column *c,
			    char *buf)
{
	if (c->cell)
		return c->cell(row, buf, CELL);
	return out_cell(rec_get(row, c->key), buf, CELL);
}

/*
 * A table: rows of cells, the widths of each column, columns two blanks
 * apart; the headings first when @heading.
 */
static void print_table(const struct rec *rows, const struct column *cols,
			const char *lead, bool heading)
{
	static char cells[TAB_COLS][CELL];
	size_t w[TAB_COLS] = { 0 }, n, c, ncols;
	unsigned int r;

	for (ncols = 0; ncols < TAB_COLS && cols[ncols].heading; ncols++)
		w[ncols] = heading ? strlen(cols[ncols].heading) : 0;
	/* two passes over the cells: widths, then the lines */
	for (r = 0; r < rows->n; r++)
		for (c = 0; c < ncols; c++)
			if ((n = strlen(row_cell(rows->f[r].v.r, &cols[c], cells[c]))) > w[c])
				w[c] = n;
	for (r = heading ? 0 : 1; r <= rows->n; r++) {
		fputs(lead, stdout);
		for (c = 0; c < ncols; c++) {
			const char *s = !r ? cols[c].heading :
					row_cell(rows->f[r - 1].v.r, &cols[c], cells[c]);

			/* the last column is not padded: no trailing blanks */
			if (c + 1 < ncols)
				printf("%-*s  ", (int)w[c], s);
			else
				put_str(s);
		}
		putchar('\n');
	}
}

/* A record's members as rows of a name and a value */
static const struct column pair_cols[] = {
	{ .heading = "", .key = "name" }, { .heading = "", .key = "value" }, { NULL },
};

static struct rec *pair_row(struct rec *rows, const char *name)
{
	struct rec *row = rec_obj(rows, NULL);

	rec_lit(row, "name", name);
	return row;
}

/* No nested records or lists: a decoded register */
static bool scalars_only(const struct rec *r)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->f[i].v.kind == V_FLAGS || r->f[i].v.kind == V_REC ||
		    r->f[i].v.kind == V_LIST)
			return false;
	return true;
}

/* @r's members as name=value words, in lines of WORDS_WRAP at most */
static void word_rows(struct rec *rows, const char *name, const struct rec *r)
{
	char line[WORDS_WRAP + CELL], word[CELL], buf[CELL];
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		snprintf(word, sizeof(word), "%s=%s", r->f[i].key,
			 out_cell(&r->f[i].v, buf, sizeof(buf)));
		if (len && len + 1 + strlen(word) > WORDS_WRAP) {
			rec_str(pair_row(rows, name), "value", line);
			name = "";
			len = 0;
		}
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
					len ? " " : "", word);
	}
	if (len)
		rec_str(pair_row(rows, name), "value", line);
}

/* The members of @r as rows; a nested record's follow under their own names */
static void record_rows(struct rec *rows, const struct rec *r)
{
	const struct field *f;
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		f = &r->f[i];
		if (f->v.kind == V_REC && f->v.r->n >= WORDS_MIN && scalars_only(f->v.r))
			word_rows(rows, f->key, f->v.r);
		else if (f->v.kind == V_REC)
			record_rows(rows, f->v.r);
		else
			rec_set(pair_row(rows, f->key), "value", &f->v);
	}
}

/* What a section shows: made from the record, or the member its key names */
static const struct val *section_val(const struct rec *r, const struct section *sec)
{
	const char *key = sec->key, *dot;
	const struct val *v;
	struct rec *view;
	char part[64];

	if (sec->make) {
		view = rec_new(r->a);
		if (view)
			sec->make(r, view);
		return rec_get(view, sec->key);
	}
	while ((dot = strchr(key, '.'))) {
		snprintf(part, sizeof(part), "%.*s", (int)(dot - key), key);
		v = rec_get(r, part);
		if (!v || v->kind != V_REC)
			return NULL;
		r = v->r;
		key = dot + 1;
	}
	return rec_get(r, key);
}

static void print_section(const struct rec *r, const struct section *sec,
			  const char *lead)
{
	const struct val *v = section_val(r, sec);
	char indent[8], buf[CELL];
	unsigned int i;

	if (!v || v->kind == V_NULL)
		return;
	printf("%s%s:", lead, sec->title_cell ? sec->title_cell(r, buf, sizeof(buf)) :
						sec->title);
	if (v->kind != V_REC && v->kind != V_LIST) {
		putchar(' ');
		put_str(out_cell(v, buf, sizeof(buf)));
		putchar('\n');
		return;
	}
	puts(v->r->n ? "" : " none");
	if (!v->r->n)
		return;
	snprintf(indent, sizeof(indent), "%s  ", lead);
	if (v->kind == V_LIST && sec->cols) {
		print_table(v->r, sec->cols, indent, true);
	} else if (v->kind == V_REC) {
		struct rec *rows = rec_new(r->a);

		record_rows(rows, v->r);
		if (rows)
			print_table(rows, pair_cols, indent, false);
	} else {
		for (i = 0; i < v->r->n; i++) {
			printf("%s- ", indent);
			put_str(out_cell(&v->r->f[i].v, buf, sizeof(buf)));
			putchar('\n');
		}
	}
}

void out_report(struct out *o, const struct rec *r, const struct report *desc,
		const struct rec *ktap)
{
	const struct section *sec;
	const char *lead = o->format == FMT_KTAP ? "# " : "";

	if (o->quiet || !r)
		return;
	if (o->format == FMT_JSON) {
		print_json(o, r);
		return;
	}
	if (o->format == FMT_KTAP && ktap)
		out_record(o, ktap);
	for (sec = desc->sections; sec->key; sec++)
		print_section(r, sec, lead);
}

void out_step_report(struct out *o, const struct rec *r,
		     const struct report *desc, const struct rec *line)
{
	if (o->format == FMT_JSON) {
		out_record(o, r);
		return;
	}
	if (o->format == FMT_TEXT)
		out_record(o, line);
	out_report(o, r, desc, line);
}

void out_text(const char *text)
{
	fputs(text, stdout);
}

void out_finish(struct out *o)
{
	if (o->format == FMT_KTAP)
		printf("%s1..%u\n", o->nr ? "" : "KTAP version 1\n", o->nr);
}

bool out_broken(const struct out *o)
{
	(void)o;
	return ferror(stdout);
}

int out_flush(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	if (errno == EPIPE)
		return -EPIPE;
	msg("write error on stdout: %s", strerror(errno));
	return -errno;
}
