/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A record: what one operation reports, as ordered keys and typed values
 * (numbers stay numbers; hex is a way of showing one). Decoders, commands
 * and engines fill records; only the renderer (core/render.c) turns them
 * into JSON, text or KTAP. Everything lives in an arena that the owner
 * empties between records, so a record costs no malloc in a steady run.
 *
 * Keys are not copied: they must outlive the record (string literals, or
 * rec_strdup() for made-up ones).
 */
#ifndef ICTL_REC_H
#define ICTL_REC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct flag_name;

struct arena {
	struct arena_block *head;
	size_t used;
};

void *arena_alloc(struct arena *a, size_t len);
/* Forget everything allocated; the first block stays for the next round */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

enum val_kind {
	V_NULL,
	V_BOOL,
	V_INT,		/* int64_t */
	V_UINT,		/* uint64_t */
	V_HEX,		/* uint64_t shown as "0x..": addresses reach 2^64-1 */
	V_STR,
	V_FLAGS,	/* uint64_t shown as a list of names */
	V_REC,		/* a nested record */
	V_LIST,		/* a list: a record whose keys are NULL */
};

struct rec;

struct val {
	enum val_kind kind;
	union {
		bool b;
		int64_t i;
		uint64_t u;
		const char *s;
		struct rec *r;
	};
	const struct flag_name *names;	/* V_FLAGS */
};

struct field {
	const char *key;
	struct val v;
};

struct rec {
	struct arena *a;
	struct field *f;
	unsigned int n, cap;
	struct rec *ids;	/* the "ids" member, once rec_id() made it */
};

/* A new empty record in @a (NULL when memory ran out) */
struct rec *rec_new(struct arena *a);

void rec_null(struct rec *r, const char *key);
void rec_bool(struct rec *r, const char *key, bool v);
void rec_int(struct rec *r, const char *key, int64_t v);
void rec_u64(struct rec *r, const char *key, uint64_t v);
void rec_hex(struct rec *r, const char *key, uint64_t v);
/* Copies @s into the arena; NULL is a JSON null */
void rec_str(struct rec *r, const char *key, const char *s);
/* @s must outlive the record (a literal, a table entry) */
void rec_lit(struct rec *r, const char *key, const char *s);
/* @name (it must outlive the record), or @v in hex where there is none */
void rec_name(struct rec *r, const char *key, const char *name, uint64_t v);
/*
 * @v as the names of @names (NULL-name terminated; a bit is named by its
 * first entry); bits without a name show as "0x..".
 */
void rec_flags(struct rec *r, const char *key, const struct flag_name *names,
	       uint64_t v);
/* A nested record or list under @key (in a list, @key is NULL) */
struct rec *rec_obj(struct rec *r, const char *key);
struct rec *rec_list(struct rec *r, const char *key);
/* @sub (a record made with rec_new() in the same arena) under @key, as @k */
void rec_put(struct rec *r, const char *key, enum val_kind k, struct rec *sub);
/*
 * The id of an object the operation made or touched, by type ("ioas"):
 * into the "ids" member, which the first call adds where it stands.
 */
void rec_id(struct rec *r, const char *type, uint32_t id);
/* A value of @r by key, NULL if absent */
const struct val *rec_get(const struct rec *r, const char *key);
/* Replace or add @key's value */
void rec_set(struct rec *r, const char *key, const struct val *v);
/* @s copied into @r's arena */
const char *rec_strdup(struct rec *r, const char *s);
/* "%s" into @r's arena */
const char *rec_printf(struct rec *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
