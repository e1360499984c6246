// SPDX-License-Identifier: GPL-2.0-only
/*
 * Words to typed arguments and back, driven by an operation's argument
 * table. Options are matched by their whole name (--length, or a short
 * letter), "--opt=value" and "--opt value" both work, "--" ends the
 * options. The messages keep getopt's words, which users know.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/op.h"
#include "util/parse.h"

int perr(struct perr *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool arg_end(const struct arg *a)
{
	return !a->opt && !a->meta;
}

static void *field(const struct arg *a, void *args)
{
	return (char *)args + a->off;
}

static const void *cfield(const struct arg *a, const void *args)
{
	return (const char *)args + a->off;
}

static bool *given(const struct arg *a, void *args)
{
	return a->has ? (bool *)((char *)args + a->has - 1) : NULL;
}

static bool cgiven(const struct arg *a, const void *args)
{
	return a->has && *(const bool *)((const char *)args + a->has - 1);
}

/* ---- parsing ---- */

static int parse_handle(const char *w, struct handle *h, struct perr *e)
{
	memset(h, 0, sizeof(*h));
	if (w[0] == '@') {
		if (!reg_name_valid(w + 1))
			return perr(e, "bad name '%s': letters, digits, '_', '-', '.'; "
				    "not a leading digit", w);
		strcpy(h->name, w + 1);
		return 0;
	}
	if (parse_u32(w, &h->id))
		return perr(e, "'%s' is neither an object id nor an @name", w);
	h->by_id = true;
	return 0;
}

static int parse_enum(const struct arg *a, const char *w, uint32_t *v,
		      struct perr *e)
{
	const struct flag_name *n;

	for (n = a->names; n && n->name; n++) {
		if (!strcmp(n->name, w)) {
			*v = (uint32_t)n->value;
			return 0;
		}
	}
	if (!parse_u32(w, v))
		return 0;
	return perr(e, "unknown %s '%s'", a->meta, w);
}

static int parse_value(const struct arg *a, const char *w, void *args,
		       struct perr *e)
{
	void *f = field(a, args);
	const char *bad;

	switch (a->kind) {
	case ARG_HANDLE:
		return parse_handle(w, f, e);
	case ARG_NAME:
		if (!reg_name_valid(w))
			return perr(e, "bad name '%s': letters, digits, '_', '-', '.'; "
				    "not a leading digit", w);
		strcpy(f, w);
		return 0;
	case ARG_U64:
		if (parse_u64(w, f))
			return perr(e, "bad number '%s'", w);
		if (a->max && *(uint64_t *)f > a->max)
			return perr(e, "--%s %s is above %" PRIu64, a->opt, w, a->max);
		return 0;
	case ARG_U32:
		return parse_u32(w, f) ? perr(e, "bad number '%s'", w) : 0;
	case ARG_WORD:
		*(const char **)f = w;
		return 0;
	case ARG_FLAGS:
		if (parse_flags(w, a->names, f, &bad))
			return perr(e, "bad %s at '%s'", a->meta, bad);
		return 0;
	case ARG_ENUM:
		return parse_enum(a, w, f, e);
	case ARG_CUSTOM:
		return a->custom->parse(w, f, e);
	case ARG_BOOL:
		*(bool *)f = true;
		return 0;
	}
	return perr(e, "internal: argument kind %d", a->kind);
}

/* Store @w (may be NULL for a switch) as the value of @a */
static int take(const struct arg *a, const char *w, void *args, bool *seen,
		struct perr *e)
{
	bool *g = given(a, args);

	if (*seen && !(a->flags & ARG_MANY) && a->kind != ARG_BOOL) {
		if (!a->opt)
			return perr(e, "unexpected argument '%s'", w);
		/* the last one counts, as with getopt */
	}
	*seen = true;
	if (g)
		*g = true;
	return parse_value(a, w, args, e);
}

static const struct arg *find_long(const struct op *op, const char *name,
				   size_t len)
{
	const struct arg *a;

	/* the first letter rules out nearly every other option */
	for (a = op->args; !arg_end(a); a++)
		if (a->opt && a->opt[0] == name[0] &&
		    !strncmp(a->opt, name, len) && !a->opt[len])
			return a;
	return NULL;
}

static const struct arg *find_short(const struct op *op, char key)
{
	const struct arg *a;

	for (a = op->args; !arg_end(a); a++)
		if (a->opt && a->key == key)
			return a;
	return NULL;
}

#define ARGS_MAX 32	/* arguments an operation may have */

struct pstate {
	const struct op *op;
	void *args;
	bool seen[ARGS_MAX];
	int argc, i;
	char **argv;
	bool opts;			/* before "--" */
	struct perr *e;
};

/* The option as the user wrote it: "-m" or "--mem" */
static int opt_err(struct pstate *p, const struct arg *a, bool is_short,
		   const char *what)
{
	if (is_short)
		return perr(p->e, "option '-%c' %s", a->key, what);
	return perr(p->e, "option '--%s' %s", a->opt, what);
}

static int take_opt(struct pstate *p, const struct arg *a, const char *inline_val,
		    bool is_short)
{
	const char *v = inline_val;

	if (a->kind == ARG_BOOL) {
		if (v)
			return opt_err(p, a, is_short, "doesn't allow an argument");
		return take(a, NULL, p->args, &p->seen[a - p->op->args], p->e);
	}
	if (!v) {
		if (p->i + 1 >= p->argc)
			return opt_err(p, a, is_short, "requires an argument");
		v = p->argv[++p->i];
	}
	return take(a, v, p->args, &p->seen[a - p->op->args], p->e);
}

/* "--", which ends the options */
static bool dashdash(const char *w)
{
	return w[0] == '-' && w[1] == '-' && !w[2];
}

static int long_opt(struct pstate *p, const char *w)
{
	size_t len = strcspn(w + 2, "=");
	const char *eq = w[2 + len] ? w + 2 + len : NULL;
	const struct arg *a = find_long(p->op, w + 2, len);

	if (!a)
		return perr(p->e, "unrecognized option '%.*s'", (int)(len + 2) > 60 ?
			    60 : (int)(len + 2), w);
	return take_opt(p, a, eq ? eq + 1 : NULL, false);
}

static int short_opt(struct pstate *p, const char *w)
{
	const struct arg *a = find_short(p->op, w[1]);

	if (!a)
		return perr(p->e, "invalid option -- '%c'", w[1]);
	if (a->kind == ARG_BOOL && w[2])
		return perr(p->e, "invalid option -- '%c'", w[2]);
	return take_opt(p, a, w[2] ? w + 2 : NULL, true);
}

/* Does option word @w take the next word as its value? */
static bool takes_next(const struct op *op, const char *w)
{
	const struct arg *a;

	if (w[1] == '-')
		a = strchr(w, '=') ? NULL : find_long(op, w + 2, strlen(w + 2));
	else
		a = w[2] ? NULL : find_short(op, w[1]);
	return a && a->kind != ARG_BOOL;
}

/* The positional words from the current one on */
static int words_left(const struct pstate *p)
{
	bool opts = p->opts;
	const char *w;
	int i, n = 0;

	for (i = p->i; i < p->argc; i++) {
		w = p->argv[i];
		if (opts && dashdash(w))
			opts = false;
		else if (opts && w[0] == '-' && w[1])
			i += takes_next(p->op, w);
		else
			n++;
	}
	return n;
}

/* The required positionals after @a that no word has filled yet */
static int needed_after(const struct pstate *p, const struct arg *a)
{
	int n = 0;

	for (a++; !arg_end(a); a++)
		if (!a->opt && (a->flags & ARG_REQUIRED) && !p->seen[a - p->op->args])
			n++;
	return n;
}

/*
 * The first positional not filled yet takes @w; an optional one in the
 * middle ("NAME [IOAS] VALUE") gives way when the words left are only
 * enough for the required ones after it.
 */
static int positional(struct pstate *p, const char *w)
{
	const struct arg *a;
	int need;

	for (a = p->op->args; !arg_end(a); a++) {
		if (a->opt || (p->seen[a - p->op->args] && !(a->flags & ARG_MANY)))
			continue;
		if (!(a->flags & ARG_REQUIRED) && (need = needed_after(p, a)) &&
		    words_left(p) <= need)
			continue;
		return take(a, w, p->args, &p->seen[a - p->op->args], p->e);
	}
	return perr(p->e, "unexpected argument '%s'", w);
}

static int missing(struct pstate *p)
{
	const struct arg *a;

	for (a = p->op->args; !arg_end(a); a++) {
		if (!(a->flags & ARG_REQUIRED) || p->seen[a - p->op->args])
			continue;
		if (a->opt)
			return perr(p->e, "missing --%s", a->opt);
		return perr(p->e, "missing %s", a->meta);
	}
	return 0;
}

int args_parse(const struct op *op, int argc, char **argv, void *args,
	       struct perr *e)
{
	struct pstate p = { .op = op, .args = args, .argc = argc, .argv = argv,
			    .opts = true, .e = e };
	const char *w;
	int rc = 0;

	memset(args, 0, op->args_size);
	for (p.i = 0; !arg_end(&op->args[p.i]); p.i++)
		if (p.i + 1 >= ARGS_MAX)
			return perr(e, "internal: %s has too many arguments", op->name);
	for (p.i = 0; !rc && p.i < argc; p.i++) {
		w = argv[p.i];
		if (p.opts && dashdash(w))
			p.opts = false;
		else if (p.opts && w[0] == '-' && w[1] == '-')
			rc = long_opt(&p, w);
		else if (p.opts && w[0] == '-' && w[1])
			rc = short_opt(&p, w);
		else
			rc = positional(&p, w);
	}
	if (!rc)
		rc = missing(&p);
	if (!rc && op->check)
		rc = op->check(args, e);
	return rc;
}

/* ---- formatting ---- */

struct wbuf {
	char *buf;
	size_t len, used;
	bool full;
};

static void put(struct wbuf *o, const char *s, size_t n)
{
	if (o->used + n + 1 > o->len) {
		o->full = true;
		return;
	}
	memcpy(o->buf + o->used, s, n);
	o->used += n;
	o->buf[o->used] = '\0';
}

/* Bytes parse_words() reads specially inside a word */
static const bool special[256] = {
	[' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true, ['\v'] = true,
	['\f'] = true, ['\''] = true, ['"'] = true, ['\\'] = true,
};

static bool word_special(char c)
{
	return special[(unsigned char)c];
}

/*
 * A word as parse_words() reads it back: quoted where it must be. Nearly
 * every word is plain, and is copied while it is checked; the rest start
 * again, quoted.
 */
static void put_word(struct wbuf *o, const char *w)
{
	const char *c;
	size_t room, k;

	if (o->used)
		put(o, " ", 1);
	room = o->len > o->used ? o->len - o->used - 1 : 0;
	if (*w != '#' && strcmp(w, ",")) {
		for (k = 0; w[k] && k < room && !word_special(w[k]); k++)
			o->buf[o->used + k] = w[k];
		if (k && !w[k]) {
			o->used += k;
			o->buf[o->used] = '\0';
			return;
		}
	}
	put(o, "\"", 1);
	for (c = w; *c; c++) {
		if (*c == '"' || *c == '\\')
			put(o, "\\", 1);
		put(o, c, 1);
	}
	put(o, "\"", 1);
}

/*
 * Sizes read best with a suffix (1M), other addresses in hex, counts in
 * decimal: a suffix only where it leaves fewer than 1024 units.
 */
static const char *u64_word(uint64_t v, char *buf)
{
	static const char units[] = "KMGTPE";
	/* the largest unit that divides @v leaves the fewest units */
	int u = v >= 1024 ? __builtin_ctzll(v) / 10 : 0, n;

	if (u > 6)
		u = 6;
	if (u && v >> (10 * u) < 1024) {
		n = fmt_dec(v >> (10 * u), buf);
		buf[n++] = units[u - 1];
		buf[n] = '\0';
		return buf;
	}
	if (v < 0x10000)
		fmt_dec(v, buf);
	else
		fmt_hex(v, buf);
	return buf;
}

static const char *enum_word(const struct arg *a, uint32_t v, char *buf)
{
	const char *name = flag_value_name(a->names, v);

	if (name)
		return name;
	fmt_dec(v, buf);
	return buf;
}

/* Is @a given in @args, so that format must write it? */
static bool present(const struct arg *a, const void *args)
{
	const void *f = cfield(a, args);
	const struct handle *h = f;

	if (a->flags & ARG_REQUIRED && a->kind != ARG_CUSTOM)
		return true;	/* also when its value is 0 */
	if (a->has)
		return cgiven(a, args);
	switch (a->kind) {
	case ARG_HANDLE:
		return h->name[0] || h->by_id;
	case ARG_NAME:
		return *(const char *)f;
	case ARG_U64:
	case ARG_FLAGS:
		return *(const uint64_t *)f;
	case ARG_U32:
	case ARG_ENUM:
		return *(const uint32_t *)f;
	case ARG_BOOL:
		return *(const bool *)f;
	case ARG_WORD:
		return *(const char *const *)f;
	case ARG_CUSTOM:
		return true;	/* format() says whether it has values */
	}
	return false;
}

/*
 * The @i-th word of @a's value, in @buf or in @args; NULL when it has no
 * more. @buf holds ARG_WORD_MAX bytes.
 */
static const char *value_word(const struct arg *a, const void *args,
			      unsigned int i, char *buf)
{
	const void *f = cfield(a, args);
	const struct handle *h = f;

	if (a->kind == ARG_CUSTOM)
		return a->custom->format(f, i, buf, ARG_WORD_MAX) ? buf : NULL;
	if (i)
		return NULL;
	switch (a->kind) {
	case ARG_HANDLE:
		if (!h->name[0]) {
			fmt_dec(h->id, buf);
			return buf;
		}
		buf[0] = '@';
		memcpy(buf + 1, h->name, strnlen(h->name, sizeof(h->name) - 1) + 1);
		return buf;
	case ARG_NAME:
		return f;
	case ARG_U64:
		return u64_word(*(const uint64_t *)f, buf);
	case ARG_U32:
		fmt_dec(*(const uint32_t *)f, buf);
		return buf;
	case ARG_FLAGS:
		flags_format(a->names, *(const uint64_t *)f, buf, ARG_WORD_MAX);
		return buf;
	case ARG_ENUM:
		return enum_word(a, *(const uint32_t *)f, buf);
	case ARG_WORD:
		return *(const char *const *)f;
	default:
		return NULL;
	}
}

/* " --name", the option of @a as format writes it */
static void put_opt(struct wbuf *o, const struct arg *a)
{
	if (o->used)
		put(o, " ", 1);
	put(o, "--", 2);
	put(o, a->opt, strlen(a->opt));
}

/*
 * "--name=--expect": a value that looks like an option is written attached
 * to its own, since a step takes its common options (--expect, --help, ...)
 * out of the words before the operation reads its values.
 */
static void put_joined(struct wbuf *o, const struct arg *a, const char *w)
{
	char joined[ARG_WORD_MAX + 64];

	if ((size_t)snprintf(joined, sizeof(joined), "--%s=%s", a->opt, w) >=
	    sizeof(joined)) {
		o->full = true;
		return;
	}
	put_word(o, joined);
}

static void format_arg(struct wbuf *o, const struct arg *a, const void *args)
{
	char word[ARG_WORD_MAX];
	const char *w;
	unsigned int i;

	if (!present(a, args))
		return;
	if (a->kind == ARG_BOOL) {
		put_opt(o, a);
		return;
	}
	for (i = 0; (w = value_word(a, args, i, word)); i++) {
		if (a->opt && w[0] == '-') {
			put_joined(o, a, w);
			continue;
		}
		if (a->opt)
			put_opt(o, a);
		put_word(o, w);
	}
}

int args_format(const struct op *op, const void *args, char *buf, size_t len)
{
	struct wbuf o = { buf, len, strlen(buf), false };
	const struct arg *a;

	for (a = op->args; !arg_end(a); a++)
		if (!a->opt)
			format_arg(&o, a, args);
	for (a = op->args; !arg_end(a); a++)
		if (a->opt)
			format_arg(&o, a, args);
	return o.full ? -ENOSPC : 0;
}

/* ---- comparing ---- */

static bool handle_equal(const struct handle *x, const struct handle *y)
{
	return x->by_id == y->by_id && !strcmp(x->name, y->name) &&
	       (!x->by_id || x->id == y->id);
}

static bool value_equal(const struct arg *a, const void *x, const void *y)
{
	const void *f = cfield(a, x), *g = cfield(a, y);
	const char *s, *t;

	switch (a->kind) {
	case ARG_HANDLE:
		return handle_equal(f, g);
	case ARG_NAME:
		return !strcmp(f, g);
	case ARG_U64:
	case ARG_FLAGS:
		return *(const uint64_t *)f == *(const uint64_t *)g;
	case ARG_U32:
	case ARG_ENUM:
		return *(const uint32_t *)f == *(const uint32_t *)g;
	case ARG_BOOL:
		return *(const bool *)f == *(const bool *)g;
	case ARG_WORD:
		s = *(const char *const *)f;
		t = *(const char *const *)g;
		return s == t || (s && t && !strcmp(s, t));
	case ARG_CUSTOM:
		return a->custom->equal(f, g);
	}
	return false;
}

bool args_equal(const struct op *op, const void *x, const void *y)
{
	const struct arg *a;

	for (a = op->args; !arg_end(a); a++) {
		if (cgiven(a, x) != cgiven(a, y))
			return false;
		if ((!a->has || cgiven(a, x)) && !value_equal(a, x, y))
			return false;
	}
	return true;
}

const char *args_name(const struct op *op, const void *args)
{
	const struct arg *a;
	const char *n;

	for (a = op->args; !arg_end(a); a++) {
		if (a->kind != ARG_NAME)
			continue;
		n = cfield(a, args);
		return *n ? n : NULL;
	}
	return NULL;
}
