// SPDX-License-Identifier: GPL-2.0-only
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/rec.h"

struct arena_block {
	struct arena_block *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK	8192

void *arena_alloc(struct arena *a, size_t len)
{
	struct arena_block *b = a->head;
	size_t size;

	len = (len + 15) & ~(size_t)15;
	if (!b || a->used + len > b->size) {
		size = len > ARENA_BLOCK ? len : ARENA_BLOCK;
		b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->size = size;
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	a->used += len;
	return b->data + a->used - len;
}

void arena_reset(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	if (!b)
		return;
	/* keep the oldest block: a steady run then allocates nothing */
	while (b->next) {
		next = b->next;
		free(b);
		b = next;
	}
	a->head = b;
	a->used = 0;
}

void arena_free(struct arena *a)
{
	arena_reset(a);
	free(a->head);
	a->head = NULL;
}

struct rec *rec_new(struct arena *a)
{
	struct rec *r = arena_alloc(a, sizeof(*r));

	if (r)
		*r = (struct rec){ .a = a };
	return r;
}

/* A new field at the end; NULL when memory ran out (the field is lost) */
static struct field *add(struct rec *r, const char *key)
{
	struct field *f;

	if (!r)
		return NULL;
	if (r->n == r->cap) {
		unsigned int cap = r->cap ? r->cap * 2 : 16;

		f = arena_alloc(r->a, cap * sizeof(*f));
		if (!f)
			return NULL;
		if (r->n)
			memcpy(f, r->f, r->n * sizeof(*f));
		r->f = f;
		r->cap = cap;
	}
	f = &r->f[r->n++];
	f->key = key;
	f->v.names = NULL;
	return f;
}

void rec_null(struct rec *r, const char *key)
{
	struct field *f = add(r, key);

	if (f)
		f->v.kind = V_NULL;
}

void rec_bool(struct rec *r, const char *key, bool v)
{
	struct field *f = add(r, key);

	if (f) {
		f->v.kind = V_BOOL;
		f->v.b = v;
	}
}

void rec_int(struct rec *r, const char *key, int64_t v)
{
	struct field *f = add(r, key);

	if (f) {
		f->v.kind = V_INT;
		f->v.i = v;
	}
}

static void add_u(struct rec *r, const char *key, enum val_kind k, uint64_t v,
		  const struct flag_name *names)
{
	struct field *f = add(r, key);

	if (f) {
		f->v.kind = k;
		f->v.u = v;
		f->v.names = names;
	}
}

void rec_u64(struct rec *r, const char *key, uint64_t v)
{
	add_u(r, key, V_UINT, v, NULL);
}

void rec_hex(struct rec *r, const char *key, uint64_t v)
{
	add_u(r, key, V_HEX, v, NULL);
}

void rec_name(struct rec *r, const char *key, const char *name, uint64_t v)
{
	if (name)
		rec_lit(r, key, name);
	else
		rec_hex(r, key, v);
}

void rec_flags(struct rec *r, const char *key, const struct flag_name *names,
	       uint64_t v)
{
	add_u(r, key, V_FLAGS, v, names);
}

const char *rec_strdup(struct rec *r, const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = arena_alloc(r->a, len);

	if (p)
		memcpy(p, s, len);
	return p;
}

const char *rec_printf(struct rec *r, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return rec_strdup(r, buf);
}

void rec_lit(struct rec *r, const char *key, const char *s)
{
	struct field *f = add(r, key);

	if (f) {
		f->v.kind = s ? V_STR : V_NULL;
		f->v.s = s;
	}
}

void rec_str(struct rec *r, const char *key, const char *s)
{
	rec_lit(r, key, s && r ? rec_strdup(r, s) : NULL);
}

static struct rec *nested(struct rec *r, const char *key, enum val_kind k)
{
	struct field *f = add(r, key);
	struct rec *sub = r ? rec_new(r->a) : NULL;

	if (!f || !sub)
		return NULL;
	f->v.kind = k;
	f->v.r = sub;
	return sub;
}

void rec_put(struct rec *r, const char *key, enum val_kind k, struct rec *sub)
{
	struct field *f = sub ? add(r, key) : NULL;

	if (f) {
		f->v.kind = k;
		f->v.r = sub;
	}
}

struct rec *rec_obj(struct rec *r, const char *key)
{
	return nested(r, key, V_REC);
}

struct rec *rec_list(struct rec *r, const char *key)
{
	return nested(r, key, V_LIST);
}

void rec_id(struct rec *r, const char *type, uint32_t id)
{
	if (r && !r->ids)
		r->ids = rec_obj(r, "ids");
	if (r)
		rec_int(r->ids, type, id);
}

static struct field *find(const struct rec *r, const char *key)
{
	unsigned int i;

	for (i = 0; r && i < r->n; i++)
		if (r->f[i].key && !strcmp(r->f[i].key, key))
			return &r->f[i];
	return NULL;
}

const struct val *rec_get(const struct rec *r, const char *key)
{
	const struct field *f = find(r, key);

	return f ? &f->v : NULL;
}

void rec_set(struct rec *r, const char *key, const struct val *v)
{
	struct field *f = find(r, key);

	if (!f)
		f = add(r, key);
	if (f)
		f->v = *v;
}
