/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One record per operation. A step fills a json-c object with op_*() and
 * op_end() finishes it (result, errno, timing, script line) and prints it in
 * the selected format. Text and JSON are rendered from the same object, so
 * they cannot drift apart.
 */
#ifndef ICTL_EMIT_H
#define ICTL_EMIT_H

#include <stdint.h>

#include <json-c/json.h>

struct ctx;

struct json_object *op_begin(const char *name);
void op_id(struct json_object *op, const char *type, uint32_t id);
void op_hex(struct json_object *op, const char *key, uint64_t v);
void op_u64(struct json_object *op, const char *key, uint64_t v);
void op_str(struct json_object *op, const char *key, const char *s);
void op_bool(struct json_object *op, const char *key, int v);

struct flag_name;
/*
 * @v as a list of the names of @t (NULL-name terminated; a bit is named by
 * its first entry, so aliases go last); bits @t does not know appear as
 * "0x..".
 */
void op_flags(struct json_object *op, const char *key,
	      const struct flag_name *t, uint64_t v);

/*
 * Finish and print @op for a call that returned @err (0 or -errno) after
 * @ns nanoseconds, judged against ctx->expect. Frees @op. Returns the step's
 * exit code.
 */
int op_end(struct ctx *ctx, struct json_object *op, int err, uint64_t ns);

/* Finish and print @op as a failure that is no errno (a kernel log splat) */
int op_finding(struct ctx *ctx, struct json_object *op);

/* Print (or count, when quiet) a finished record; frees it. */
void emit_record(struct ctx *ctx, struct json_object *obj);

/* Print a summary of many steps (run, stress, fail-nth); frees it. */
void emit_summary(struct ctx *ctx, struct json_object *obj);

/* End the output: KTAP closes with its plan. */
void emit_finish(struct ctx *ctx);

/* Flush stdout; EXIT_OPFAIL after a message on a write error, quiet on EPIPE */
int emit_flush(void);

#endif
