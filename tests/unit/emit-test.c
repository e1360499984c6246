// SPDX-License-Identifier: GPL-2.0-only
/* emit.c: the record every operation prints, in JSON and text */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "emit.h"
#include "util/parse.h"
#include "tap.h"

static char out[4096];

/* Run op_end() with stdout sent to a temp file; leave what it printed in out. */
static int end_captured(struct ctx *ctx, struct json_object *op, int err)
{
	FILE *tmp = tmpfile();
	int saved = dup(1), rc;
	size_t n;

	fflush(stdout);
	dup2(fileno(tmp), 1);
	rc = op_end(ctx, op, err, 1234);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(tmp);
	n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	return rc;
}

static struct json_object *sample(void)
{
	struct json_object *op = op_begin("ioas.unmap");

	op_id(op, "ioas", 3);
	op_hex(op, "length", UINT64_MAX);
	return op;
}

static void json_records(void)
{
	struct ctx ctx = { .format = FMT_JSON };
	int rc;

	rc = end_captured(&ctx, sample(), 0);
	ok(rc == EXIT_OK, "success is exit 0");
	if (!ok(!strcmp(out, "{\"op\":\"ioas.unmap\",\"ok\":true,\"errno\":0,"
		   "\"errno_name\":null,\"error\":null,\"ids\":{\"ioas\":3},"
		   "\"length\":\"0xffffffffffffffff\",\"duration_ns\":1234}\n"),
	   "success record, result first, u64 as hex string"))
		diag("%s", out);

	rc = end_captured(&ctx, sample(), -ENOENT);
	ok(rc == EXIT_OPFAIL && strstr(out, "\"ok\":false,\"errno\":2,"
		"\"errno_name\":\"ENOENT\",\"error\":\"No such file or directory\""),
	   "failure: errno, name and message; exit 1");

	ctx.expect = EBUSY;
	rc = end_captured(&ctx, sample(), -EBUSY);
	ok(rc == EXIT_OK && strstr(out, "\"ok\":true,\"errno\":16,") &&
	   strstr(out, "\"expect\":\"EBUSY\""), "expected errno passes");
	rc = end_captured(&ctx, sample(), 0);
	ok(rc == EXIT_OPFAIL && strstr(out, "\"ok\":false"),
	   "success where a failure was expected fails");
	ctx.expect = 0;

	rc = end_captured(&ctx, sample(), -ENOTTY);
	ok(rc == EXIT_ENV && strstr(out, "\"hint\":\"not supported by this kernel\""),
	   "ENOTTY: not supported, exit 3");
	rc = end_captured(&ctx, sample(), -EOPNOTSUPP);
	ok(rc == EXIT_ENV, "EOPNOTSUPP: exit 3");

	ctx.no_timing = true;
	ctx.src = "x.ictl";
	ctx.line = 7;
	end_captured(&ctx, sample(), 0);
	ok(!strstr(out, "duration_ns") && strstr(out, "\"line\":7"),
	   "--no-timing drops duration, scripts add the line");
}

static void text_records(void)
{
	struct ctx ctx = { .format = FMT_TEXT, .no_timing = true };

	end_captured(&ctx, sample(), 0);
	if (!ok(!strcmp(out, "ioas.unmap ok ioas=3 length=0xffffffffffffffff\n"),
		"text line from the same fields"))
		diag("%s", out);
	end_captured(&ctx, sample(), -EBUSY);
	ok(!strncmp(out, "ioas.unmap FAIL errno=16 errno_name=EBUSY", 41),
	   "text failure names the errno");
}

/* Names in table order, the first of aliases, unknown bits as hex */
static void flag_lists(void)
{
	static const struct flag_name t[] = {
		{ "read", 1 }, { "write", 2 }, { "r", 1 }, { NULL, 0 }
	};
	struct json_object *o = json_object_new_object();
	const char *s;

	op_flags(o, "a", t, 0x13);
	op_flags(o, "b", t, 0);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	if (!ok(!strcmp(s, "{\"a\":[\"read\",\"write\",\"0x10\"],\"b\":[]}"),
		"op_flags: names, aliases once, unknown bits as hex, none as []"))
		diag("%s", s);
	json_object_put(o);
}

int main(void)
{
	tap_plan(11);
	json_records();
	text_records();
	flag_lists();
	return tap_done();
}
