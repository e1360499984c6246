// SPDX-License-Identifier: GPL-2.0-only
/* core/render.c and step_record(): the record of a step, in JSON and text */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/render.h"
#include "core/step.h"
#include "util/parse.h"
#include "util/rec.h"
#include "tap.h"

static char out[4096];

/* Run fn(arg) with stdout sent to a temp file; leave what it printed in out */
static void captured(void (*fn)(void *), void *arg)
{
	FILE *tmp = tmpfile();
	int saved = dup(1);
	size_t n;

	fflush(stdout);
	dup2(fileno(tmp), 1);
	fn(arg);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(tmp);
	n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
}

struct sample_args {
	struct handle ioas;
};

static void sample_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_hex(rec, "length", UINT64_MAX);
}

static const struct arg sample_argv[] = {
	{ .kind = ARG_HANDLE, AT(struct sample_args, ioas), .meta = "IOAS" },
	{ 0 }
};

static const struct op sample_op = {
	.object = "ioas", .verb = "unmap", .name = "ioas.unmap",
	.args = sample_argv, .args_size = sizeof(struct sample_args),
	.makes = OBJ_NTYPES, .record = sample_record,
};

struct job {
	struct out o;
	struct step st;
	struct result r;
	struct origin from;
};

static void print_step(void *arg)
{
	struct job *j = arg;

	out_record(&j->o, step_record(&j->o, &j->st, &j->r, &j->from));
}

static void run(struct job *j, int err)
{
	j->r.err = err;
	captured(print_step, j);
}

static void setup(struct job *j, enum out_format fmt, bool no_timing)
{
	static struct sample_args a;
	struct options opt = { .format = fmt, .no_timing = no_timing };

	memset(j, 0, sizeof(*j));
	out_init(&j->o, &opt);
	j->st.op = &sample_op;
	j->st.args = &a;
	j->r.ns = 1234;
	result_id(&j->r, "ioas", 3);
}

static void json_records(void)
{
	struct job j;

	setup(&j, FMT_JSON, false);
	run(&j, 0);
	if (!ok(!strcmp(out, "{\"op\":\"ioas.unmap\",\"ok\":true,\"errno\":0,"
		   "\"errno_name\":null,\"error\":null,\"ids\":{\"ioas\":3},"
		   "\"length\":\"0xffffffffffffffff\",\"duration_ns\":1234}\n"),
	   "success record, result first, u64 as hex string"))
		diag("%s", out);
	ok(step_verdict(&j.st, 0, &j.r) == VERDICT_PASS, "success passes");

	run(&j, -ENOENT);
	ok(strstr(out, "\"ok\":false,\"errno\":2,\"errno_name\":\"ENOENT\","
		  "\"error\":\"No such file or directory\"") &&
	   step_verdict(&j.st, 0, &j.r) == VERDICT_FAIL,
	   "failure: errno, name and message; a failed step");

	j.st.expect = EBUSY;
	run(&j, -EBUSY);
	ok(strstr(out, "\"ok\":true,\"errno\":16,") && strstr(out, "\"expect\":\"EBUSY\"") &&
	   step_verdict(&j.st, 0, &j.r) == VERDICT_PASS, "an expected errno passes");
	run(&j, 0);
	ok(strstr(out, "\"ok\":false") && step_verdict(&j.st, 0, &j.r) == VERDICT_FAIL,
	   "success where a failure was expected fails");
	j.st.expect = 0;

	run(&j, -ENOTTY);
	ok(strstr(out, "\"hint\":\"not supported by this kernel\"") &&
	   step_verdict(&j.st, 0, &j.r) == VERDICT_UNSUPPORTED, "ENOTTY: not supported");
	ok(step_verdict(&j.st, -EINVAL, &j.r) == VERDICT_USAGE &&
	   step_verdict(&j.st, -ENODEV, &j.r) == VERDICT_ENV &&
	   step_verdict(&j.st, -ENOMEM, &j.r) == VERDICT_TOOL,
	   "exec's own failures: usage, environment, the tool");
	out_fini(&j.o);

	setup(&j, FMT_JSON, true);
	j.from.src = "x.ictl";
	j.st.line = 7;
	run(&j, 0);
	ok(!strstr(out, "duration_ns") && strstr(out, "\"line\":7"),
	   "--no-timing drops duration, scripts add the line");
	out_fini(&j.o);
}

static void text_records(void)
{
	struct job j;

	setup(&j, FMT_TEXT, true);
	run(&j, 0);
	if (!ok(!strcmp(out, "ioas.unmap ok ioas=3 length=0xffffffffffffffff\n"),
		"text line from the same fields"))
		diag("%s", out);
	run(&j, -EBUSY);
	ok(!strncmp(out, "ioas.unmap FAIL errno=16 errno_name=EBUSY", 41),
	   "text failure names the errno");
	out_fini(&j.o);
}

struct flags_job {
	struct out o;
};

/* Names in table order, the first of aliases, unknown bits as hex */
static void print_flags(void *arg)
{
	static const struct flag_name t[] = {
		{ "read", 1 }, { "write", 2 }, { "r", 1 }, { NULL, 0 }
	};
	struct flags_job *j = arg;
	struct rec *r = out_rec(&j->o);

	rec_flags(r, "a", t, 0x13);
	rec_flags(r, "b", t, 0);
	rec_str(r, "s", "tab\there\033[31m");
	out_summary(&j->o, r);
}

static void flag_lists(void)
{
	struct options opt = { .format = FMT_JSON };
	struct flags_job j;

	out_init(&j.o, &opt);
	captured(print_flags, &j);
	if (!ok(!strcmp(out, "{\"a\":[\"read\",\"write\",\"0x10\"],\"b\":[],"
			"\"s\":\"tab\\there\\u001b[31m\"}\n"),
		"flags: names, aliases once, unknown bits as hex, none as []"))
		diag("%s", out);
	j.o.format = FMT_TEXT;
	captured(print_flags, &j);
	if (!ok(strstr(out, " s=tab\\x09here\\x1b[31m") != NULL,
		"text escapes control characters"))
		diag("%s", out);
	out_fini(&j.o);
}

int main(void)
{
	tap_plan(12);
	json_records();
	text_records();
	flag_lists();
	return tap_done();
}
