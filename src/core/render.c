// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <inttypes.h>
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

void out_fini(struct out *o)
{
	arena_free(&o->arena);
}

struct rec *out_rec(struct out *o)
{
	arena_reset(&o->arena);
	return rec_new(&o->arena);
}

/* ---- JSON ---- */

static struct json_object *to_json(const struct val *v);

static struct json_object *hex_json(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

static struct json_object *flags_json(const struct flag_name *n, uint64_t v)
{
	struct json_object *list = json_object_new_array();

	for (; n && n->name; n++) {
		if (n->value && (v & n->value) == n->value)
			json_object_array_add(list, json_object_new_string(n->name));
		v &= ~n->value;
	}
	for (; v; v &= v - 1)
		json_object_array_add(list, hex_json(v & -v));
	return list;
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

static struct json_object *to_json(const struct val *v)
{
	switch (v->kind) {
	case V_NULL:
		return NULL;
	case V_BOOL:
		return json_object_new_boolean(v->b);
	case V_INT:
		return json_object_new_int64(v->i);
	case V_UINT:
		return json_object_new_uint64(v->u);
	case V_HEX:
		return hex_json(v->u);
	case V_STR:
		return json_object_new_string(v->s);
	case V_FLAGS:
		return flags_json(v->names, v->u);
	case V_REC:
		return rec_json(v->r, false);
	case V_LIST:
		return rec_json(v->r, true);
	}
	return NULL;
}

struct json_object *out_json(const struct rec *r)
{
	return rec_json(r, false);
}

static void print_json(const struct out *o, const struct rec *r)
{
	struct json_object *j = rec_json(r, false);
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;

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
