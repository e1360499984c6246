// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "emit.h"
#include "util/parse.h"

static void emit_object(struct ctx *ctx, struct json_object *obj);

struct json_object *op_begin(const char *name)
{
	struct json_object *op = json_object_new_object();

	json_object_object_add(op, "op", json_object_new_string(name));
	return op;
}

void op_id(struct json_object *op, const char *type, uint32_t id)
{
	struct json_object *ids;

	if (!json_object_object_get_ex(op, "ids", &ids)) {
		ids = json_object_new_object();
		json_object_object_add(op, "ids", ids);
	}
	json_object_object_add(ids, type, json_object_new_int64(id));
}

/* Addresses reach 2^64-1, beyond what jq and JavaScript keep exact. */
void op_hex(struct json_object *op, const char *key, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	json_object_object_add(op, key, json_object_new_string(buf));
}

void op_u64(struct json_object *op, const char *key, uint64_t v)
{
	json_object_object_add(op, key, json_object_new_uint64(v));
}

void op_str(struct json_object *op, const char *key, const char *s)
{
	json_object_object_add(op, key, s ? json_object_new_string(s) : NULL);
}

void op_bool(struct json_object *op, const char *key, int v)
{
	json_object_object_add(op, key, json_object_new_boolean(v));
}

/*
 * A result key of every record: a literal, new to the record, so json-c
 * neither copies nor looks it up (this runs once per operation).
 */
static void add_fixed(struct json_object *rec, const char *key, struct json_object *v)
{
	json_object_object_add_ex(rec, key, v, JSON_C_OBJECT_ADD_KEY_IS_NEW |
				  JSON_C_OBJECT_ADD_CONSTANT_KEY);
}

static struct json_object *str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

void op_flags(struct json_object *op, const char *key,
	      const struct flag_name *t, uint64_t v)
{
	struct json_object *list = json_object_new_array();
	char hex[24];

	for (; t->name; t++) {
		if (v & t->value)
			json_object_array_add(list, json_object_new_string(t->name));
		v &= ~t->value;
	}
	for (; v; v &= v - 1) {
		snprintf(hex, sizeof(hex), "0x%" PRIx64, v & -v);
		json_object_array_add(list, json_object_new_string(hex));
	}
	json_object_object_add(op, key, list);
}

/* The result leads each record, so a reader sees it before the details. */
static struct json_object *result_first(struct ctx *ctx, struct json_object *op,
					int err, bool ok)
{
	struct json_object *rec = json_object_new_object(), *name;
	int e = -err;


	json_object_object_get_ex(op, "op", &name);
	add_fixed(rec, "op", json_object_get(name));
	add_fixed(rec, "ok", json_object_new_boolean(ok));
	add_fixed(rec, "errno", json_object_new_int(e));
	add_fixed(rec, "errno_name", str_or_null(e ? errno_name(e) : NULL));
	add_fixed(rec, "error", str_or_null(e ? strerrordesc_np(e) : NULL));
	if (e == ENOTTY || e == EOPNOTSUPP)
		add_fixed(rec, "hint", json_object_new_string("not supported by this kernel"));
	if (ctx->expect)
		add_fixed(rec, "expect", str_or_null(errno_name(ctx->expect)));
	if (ctx->s.loc.src)
		add_fixed(rec, "line", json_object_new_int((int)ctx->s.loc.line));
	if (ctx->cleanup)
		add_fixed(rec, "cleanup", json_object_new_boolean(1));
	json_object_object_foreach(op, key, val)
		if (strcmp(key, "op"))
			json_object_object_add(rec, key, json_object_get(val));
	json_object_put(op);
	return rec;
}

static int step_status(const struct ctx *ctx, int err, bool ok)
{
	if (ok)
		return EXIT_OK;
	if (!ctx->expect && (err == -ENOTTY || err == -EOPNOTSUPP))
		return EXIT_ENV;
	return EXIT_OPFAIL;
}

int op_end(struct ctx *ctx, struct json_object *op, int err, uint64_t ns)
{
	bool ok = ctx->expect ? err == -ctx->expect : err == 0;
	int status = step_status(ctx, err, ok);
	struct json_object *rec = result_first(ctx, op, err, ok);

	ctx->last_errno = -err;
	if (!ctx->opt.no_timing)
		op_u64(rec, "duration_ns", ns);
	emit_object(ctx, rec);
	return status;
}

int op_finding(struct ctx *ctx, struct json_object *op)
{
	ctx->last_errno = 0;
	emit_object(ctx, result_first(ctx, op, 0, false));
	return EXIT_OPFAIL;
}

static void print_value(struct json_object *v)
{
	if (json_object_is_type(v, json_type_string))
		fputs(json_object_get_string(v), stdout);
	else
		fputs(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN |
					JSON_C_TO_STRING_NOSLASHESCAPE), stdout);
}

/* The fields of a record after "op" and "ok", as " key=value" words. */
static void print_fields(struct json_object *obj)
{
	json_object_object_foreach(obj, key, val) {
		if (!strcmp(key, "op") || !strcmp(key, "ok") || !val ||
		    (!strcmp(key, "errno") && !json_object_get_int(val)))
			continue;
		if (!strcmp(key, "ids")) {
			json_object_object_foreach(val, k, id)
				printf(" %s=%d", k, json_object_get_int(id));
			continue;
		}
		printf(" %s=", key);
		print_value(val);
	}
	putchar('\n');
}

static bool record_ok(struct json_object *obj)
{
	struct json_object *v;

	return json_object_object_get_ex(obj, "ok", &v) &&
	       json_object_get_boolean(v);
}

static const char *record_op(struct json_object *obj)
{
	struct json_object *v;

	return json_object_object_get_ex(obj, "op", &v) ?
	       json_object_get_string(v) : "?";
}

static void print_text(struct json_object *obj)
{
	printf("%s %s", record_op(obj), record_ok(obj) ? "ok" : "FAIL");
	print_fields(obj);
}

static void print_json(const struct ctx *ctx, struct json_object *obj)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;

	flags |= ctx->opt.pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
			       JSON_C_TO_STRING_PLAIN;
	puts(json_object_to_json_string_ext(obj, flags));
}

/* KTAP: one test per record, so a repro script can sit beside kselftests. */
static void print_ktap(struct ctx *ctx, struct json_object *obj)
{
	if (!ctx->out.nr)
		puts("KTAP version 1");
	printf("%sok %u %s", record_ok(obj) ? "" : "not ", ctx->out.nr + 1,
	       record_op(obj));
	print_fields(obj);
}

static void emit_object(struct ctx *ctx, struct json_object *obj)
{
	/* stress: the record gets its verdict and thread before it is printed */
	if (ctx->sink) {
		ctx->sink(ctx, obj);
		return;
	}
	emit_record(ctx, obj);
}

void emit_record(struct ctx *ctx, struct json_object *obj)
{
	/* quiet: fail-nth judges the steps by their results alone */
	if (!ctx->out.quiet) {
		if (ctx->opt.format == FMT_TEXT)
			print_text(obj);
		else if (ctx->opt.format == FMT_KTAP)
			print_ktap(ctx, obj);
		else
			print_json(ctx, obj);
		ctx->out.nr++;
	}
	json_object_put(obj);
}

void emit_summary(struct ctx *ctx, struct json_object *obj)
{
	if (ctx->opt.format == FMT_JSON) {
		print_json(ctx, obj);
	} else {
		if (ctx->opt.format == FMT_KTAP)
			fputs("# ", stdout);
		print_text(obj);
	}
	json_object_put(obj);
}

void emit_finish(struct ctx *ctx)
{
	if (ctx->opt.format == FMT_KTAP)
		printf("%s1..%u\n", ctx->out.nr ? "" : "KTAP version 1\n",
		       ctx->out.nr);
}

int emit_flush(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return EXIT_OK;
	if (errno == EPIPE)
		return EXIT_OPFAIL;
	fprintf(stderr, "iommufd-ctl: write error on stdout: %s\n",
		strerror(errno));
	return EXIT_OPFAIL;
}
