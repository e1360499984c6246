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

static void cache_free(struct out *o);

void out_fini(struct out *o)
{
	arena_free(&o->arena);
	cache_free(o);
}

struct rec *out_rec(struct out *o)
{
	arena_reset(&o->arena);
	return rec_new(&o->arena);
}

/* ---- JSON ----
 *
 * Records become json-c objects. A step's record has the same keys and
 * kinds every time its operation ends the same way, so the tree of the
 * last record of each shape is kept and only its values are set: a record
 * then costs no allocation, and numbers are written by serializers of our
 * own instead of snprintf().
 */

/* Decimal digits of @v, written backwards from @end; the first digit */
static char *digits(uint64_t v, char *end)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

static int put_int(struct json_object *j, struct printbuf *pb, int level, int flags)
{
	int64_t v = json_object_get_int64(j);
	char buf[24], *p = digits(v < 0 ? -(uint64_t)v : (uint64_t)v, buf + sizeof(buf));

	(void)level;
	(void)flags;
	if (v < 0)
		*--p = '-';
	printbuf_memappend_fast(pb, p, (int)(buf + sizeof(buf) - p));
	return 0;
}

static int put_uint(struct json_object *j, struct printbuf *pb, int level, int flags)
{
	char buf[24], *p = digits(json_object_get_uint64(j), buf + sizeof(buf));

	(void)level;
	(void)flags;
	printbuf_memappend_fast(pb, p, (int)(buf + sizeof(buf) - p));
	return 0;
}

/* Addresses reach 2^64-1, beyond what jq and JavaScript keep exact: a string */
static int hex_chars(uint64_t v, char *buf)
{
	static const char x[] = "0123456789abcdef";
	char tmp[16];
	int n = 0, i = 0;

	do
		tmp[n++] = x[v & 15];
	while (v >>= 4);
	buf[i++] = '"';
	buf[i++] = '0';
	buf[i++] = 'x';
	while (n)
		buf[i++] = tmp[--n];
	buf[i++] = '"';
	return i;
}

static int put_hex(struct json_object *j, struct printbuf *pb, int level, int flags)
{
	char buf[24];

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
	char buf[24];

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

#define SHAPE_LEAVES	40	/* values of a record whose tree is kept */
#define SHAPES		64	/* trees kept */

/* A record's keys and kinds, flattened: nested records between markers */
struct shape {
	uint64_t hash;
	unsigned int n;
	const char *key[SHAPE_LEAVES];
	const void *aux[SHAPE_LEAVES];	/* a flag table; a nested record's end */
	unsigned char kind[SHAPE_LEAVES];
};

struct kept {
	struct shape shape;
	struct json_object *tree;
	struct json_object *leaf[SHAPE_LEAVES];
	uint64_t used;
};

struct cache {
	struct kept v[SHAPES];
	uint64_t tick;
};

static bool shape_add(struct shape *s, const char *key, enum val_kind k,
		      const void *aux)
{
	if (s->n == SHAPE_LEAVES)
		return false;
	s->key[s->n] = key;
	s->kind[s->n] = (unsigned char)k;
	s->aux[s->n++] = aux;
	s->hash = (s->hash ^ (uintptr_t)key ^ ((uintptr_t)aux << 3) ^ k) *
		  0x100000001b3ull;
	return true;
}

/* False for records whose tree is not worth keeping (lists, deep nesting) */
static bool shape_of(const struct rec *r, struct shape *s, bool nested)
{
	const struct field *f;
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		f = &r->f[i];
		if (f->v.kind == V_LIST || (f->v.kind == V_REC && nested))
			return false;
		if (!shape_add(s, f->key, f->v.kind, f->v.kind == V_FLAGS ? f->v.names : NULL))
			return false;
		if (f->v.kind == V_REC &&
		    (!shape_of(f->v.r, s, true) || !shape_add(s, NULL, V_REC, s)))
			return false;
	}
	return true;
}

static bool same_shape(const struct shape *a, const struct shape *b)
{
	return a->hash == b->hash && a->n == b->n &&
	       !memcmp(a->key, b->key, a->n * sizeof(a->key[0])) &&
	       !memcmp(a->kind, b->kind, a->n) &&
	       !memcmp(a->aux, b->aux, a->n * sizeof(a->aux[0]));
}

/* The tree of @r with a pointer to every value's object, in shape order */
static struct json_object *build(const struct rec *r, struct json_object **leaf,
				 unsigned int *n)
{
	struct json_object *o = json_object_new_object(), *v;
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		const struct field *f = &r->f[i];

		if (f->v.kind == V_REC) {
			leaf[(*n)++] = NULL;
			v = build(f->v.r, leaf, n);
			leaf[(*n)++] = NULL;
		} else {
			v = leaf[(*n)++] = to_json(&f->v);
		}
		json_object_object_add(o, f->key, v);
	}
	return o;
}

/* Set the values of a kept tree to @r's, in shape order */
static void refill(const struct rec *r, struct json_object **leaf, unsigned int *n)
{
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		const struct val *v = &r->f[i].v;
		struct json_object *j = leaf[(*n)++];

		switch (v->kind) {
		case V_BOOL:
			json_object_set_boolean(j, v->b);
			break;
		case V_INT:
			json_object_set_int64(j, v->i);
			break;
		case V_UINT:
		case V_HEX:
		case V_FLAGS:
			json_object_set_uint64(j, v->u);
			break;
		case V_STR:
			json_object_set_string(j, v->s);
			break;
		case V_REC:
			refill(v->r, leaf, n);
			(*n)++;
			break;
		default:
			break;
		}
	}
}

/* The kept tree for @r, refilled, or a new one kept in place of the oldest */
static struct json_object *kept_tree(struct out *o, const struct rec *r)
{
	struct cache *c = o->cache;
	struct shape s = { .hash = 0xcbf29ce484222325ull };
	struct kept *k, *old;
	unsigned int i, n = 0;

	if (!c && !(c = o->cache = calloc(1, sizeof(*c))))
		return NULL;
	if (!shape_of(r, &s, false))
		return NULL;
	old = &c->v[0];
	for (i = 0; i < SHAPES; i++) {
		k = &c->v[i];
		if (k->tree && same_shape(&k->shape, &s)) {
			k->used = ++c->tick;
			refill(r, k->leaf, &n);
			return k->tree;
		}
		if (k->used < old->used)
			old = k;
	}
	json_object_put(old->tree);
	old->shape = s;
	old->tree = build(r, old->leaf, &n);
	old->used = ++c->tick;
	return old->tree;
}

static void cache_free(struct out *o)
{
	struct cache *c = o->cache;
	unsigned int i;

	for (i = 0; c && i < SHAPES; i++)
		json_object_put(c->v[i].tree);
	free(c);
	o->cache = NULL;
}

static void print_json(struct out *o, const struct rec *r)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;
	struct json_object *j = o->pretty ? NULL : kept_tree(o, r);
	size_t len;
	const char *s;

	if (j) {
		s = json_object_to_json_string_length(j, flags | JSON_C_TO_STRING_PLAIN, &len);
		fwrite(s, 1, len, stdout);
		putchar('\n');
		return;
	}
	j = rec_json(r, false);
	flags |= o->pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
			     JSON_C_TO_STRING_PLAIN;
	puts(json_object_to_json_string_ext(j, flags));
	json_object_put(j);
}

/* ---- text and KTAP ---- */

/* A string as one printable word: a file name cannot break the stream */
static void put_str(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			printf("\\x%02x", (unsigned char)*s);
		else
			putchar(*s);
	}
}

static void put_val(const struct val *v)
{
	struct json_object *j;

	switch (v->kind) {
	case V_BOOL:
		fputs(v->b ? "true" : "false", stdout);
		return;
	case V_INT:
		printf("%" PRId64, v->i);
		return;
	case V_UINT:
		printf("%" PRIu64, v->u);
		return;
	case V_HEX:
		printf("0x%" PRIx64, v->u);
		return;
	case V_STR:
		put_str(v->s);
		return;
	default:
		j = to_json(v);
		put_str(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(j);
	}
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
			for (j = 0; j < f->v.r->n; j++)
				printf(" %s=%" PRId64, f->v.r->f[j].key, f->v.r->f[j].v.i);
			continue;
		}
		printf(" %s=", f->key);
		put_val(&f->v);
	}
	putchar('\n');
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
	fputs(rec_ok(r) ? " ok" : " FAIL", stdout);
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
