// SPDX-License-Identifier: GPL-2.0-only
/* core/render.c and step_record(): the record of a step, in JSON and text */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

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

/* ---- reports ---- */

static const char *rows_title(const struct rec *r, char *buf, size_t len)
{
	const struct val *v = rec_get(r, "rows");

	snprintf(buf, len, "Rows (%u)", v->r->n);
	return buf;
}

static const char *size_cell(const struct rec *row, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64, rec_get(row, "last")->u - rec_get(row, "start")->u + 1);
	return buf;
}

static void joined(const struct rec *r, struct rec *view)
{
	const struct val *v = rec_get(r, "notes");

	rec_str(view, "sum", rec_printf(view, "%s + %s", v->r->f[0].v.s, v->r->f[1].v.s));
}

static const struct column range_cols[] = {
	{ .heading = "START", .key = "start" },
	{ .heading = "LAST", .key = "last" },
	{ .heading = "SIZE", .cell = size_cell },
	{ NULL },
};

static const struct section sample_sections[] = {
	{ .key = "dev", .title = "Device" },
	{ .key = "hw", .title = "Hardware" },
	{ .key = "rows", .title_cell = rows_title, .cols = range_cols },
	{ .key = "deep.rows", .title = "Deep", .cols = range_cols },
	{ .key = "gone", .title = "Gone" },
	{ .key = "missing", .title = "Missing" },
	{ .key = "empty", .title = "Empty", .cols = range_cols },
	{ .key = "notes", .title = "Notes" },
	{ .key = "sum", .title = "Sum", .make = joined },
	{ NULL },
};

static const struct report sample_report = { .sections = sample_sections };

static void ranges(struct rec *list)
{
	struct rec *o = rec_obj(list, NULL);

	rec_hex(o, "start", 0);
	rec_hex(o, "last", 0xfff);
	o = rec_obj(list, NULL);
	rec_hex(o, "start", 0x100000);
	rec_hex(o, "last", 0x1fffff);
}

static void print_report(void *arg)
{
	struct out *o = arg;
	struct rec *r = out_rec(o), *x, *y;

	x = rec_obj(r, "dev");
	rec_str(x, "arg", "mock");
	rec_str(x, "kind", "mock");
	x = rec_obj(r, "hw");
	rec_str(x, "data_type", "selftest");
	y = rec_obj(x, "data");
	rec_u64(y, "flags", 0);
	rec_hex(y, "test_reg", 0xdeadbeef);
	y = rec_obj(rec_obj(y, "decoded"), "cap");
	rec_u64(y, "nd", 2);
	rec_bool(y, "cm", true);
	rec_u64(y, "sagaw", 4);
	rec_u64(y, "mgaw", 48);
	rec_u64(y, "fro", 0x42);
	rec_u64(y, "nfr", 7);
	rec_u64(y, "mamv", 0x3f);
	rec_u64(y, "a_field_with_a_long_name", 123456789);
	ranges(rec_list(r, "rows"));
	ranges(rec_list(rec_obj(r, "deep"), "rows"));
	rec_null(r, "gone");
	rec_list(r, "empty");
	x = rec_list(r, "notes");
	rec_str(x, NULL, "one");
	rec_str(x, NULL, "two");
	out_report(o, r, &sample_report, NULL);
}

static const char sample_text[] =
	"Device:\n"
	"  arg   mock\n"
	"  kind  mock\n"
	"Hardware:\n"
	"  data_type  selftest\n"
	"  flags      0\n"
	"  test_reg   0xdeadbeef\n"
	"  cap        nd=2 cm=yes sagaw=4 mgaw=48 fro=66 nfr=7 mamv=63\n"
	"             a_field_with_a_long_name=123456789\n"
	"Rows (2):\n"
	"  START     LAST      SIZE\n"
	"  0x0       0xfff     4096\n"
	"  0x100000  0x1fffff  1048576\n"
	"Deep:\n"
	"  START     LAST      SIZE\n"
	"  0x0       0xfff     4096\n"
	"  0x100000  0x1fffff  1048576\n"
	"Empty: none\n"
	"Notes:\n"
	"  - one\n"
	"  - two\n"
	"Sum: one + two\n";

static void reports(void)
{
	struct options opt = { .format = FMT_TEXT };
	struct out o;

	out_init(&o, &opt);
	captured(print_report, &o);
	if (!ok(!strcmp(out, sample_text),
		"a report: records as aligned rows, nested ones as words; tables; "
		"titles and sections made from members; null or absent: no section"))
		diag("%s", out);
	o.format = FMT_KTAP;
	captured(print_report, &o);
	ok(!strncmp(out, "# Device:\n#   arg   mock\n", 25) && strstr(out, "\n# Sum: one + two\n"),
	   "KTAP: the sections as comments");
	o.format = FMT_JSON;
	captured(print_report, &o);
	ok(!strncmp(out, "{\"dev\":{\"arg\":\"mock\",\"kind\":\"mock\"},", 36) &&
	   strstr(out, "\"gone\":null,\"empty\":[],\"notes\":[\"one\",\"two\"]}\n"),
	   "JSON: the record, and nothing the sections make");
	out_fini(&o);
}

/* A step shown as a report: its result line, then the sections */
static const char *first_id(const struct rec *r, char *buf, size_t len)
{
	const struct val *ids = rec_get(r, "ids");

	snprintf(buf, len, "%" PRId64, ids->r->f[0].v.i);
	return buf;
}

static const char *nothing(const struct rec *r, char *buf, size_t len)
{
	(void)r;
	(void)buf;
	(void)len;
	return NULL;
}

static const struct column step_line_cols[] = {
	{ .heading = "first", .cell = first_id },
	{ .heading = "none", .cell = nothing },
	{ .heading = "length", .key = "length" },
	{ .heading = "absent", .key = "absent" },
	{ NULL },
};

static const struct section step_sections[] = {
	{ .key = "ids", .title = "Ids" },
	{ NULL },
};

static const struct report step_report = {
	.sections = step_sections, .line = step_line_cols,
};

static void print_step_report(void *arg)
{
	struct job *j = arg;
	struct rec *rec = step_record(&j->o, &j->st, &j->r, &j->from);

	out_step_report(&j->o, rec, &step_report, step_line(&j->st, &j->r, &j->from, rec));
	out_finish(&j->o);
}

static void step_reports(void)
{
	static const struct op reported = {
		.object = "ioas", .verb = "unmap", .name = "ioas.unmap",
		.args = sample_argv, .args_size = sizeof(struct sample_args),
		.makes = OBJ_NTYPES, .record = sample_record, .report = &step_report,
	};
	struct job j;

	setup(&j, FMT_TEXT, true);
	j.st.op = &reported;
	j.r.err = -EBUSY;
	captured(print_step_report, &j);
	if (!ok(!strcmp(out, "ioas.unmap FAIL errno=16 errno_name=EBUSY error=Device or "
			"resource busy first=3 length=0xffffffffffffffff\nIds:\n  ioas  3\n"),
		"text: the verdict and the line's columns, then the sections"))
		diag("%s", out);
	j.o.format = FMT_KTAP;
	j.o.nr = 0;
	j.r.err = 0;
	captured(print_step_report, &j);
	if (!ok(!strcmp(out, "KTAP version 1\nok 1 ioas.unmap first=3 length=0xffffffffffffffff\n"
			"# Ids:\n#   ioas  3\n1..1\n"), "KTAP: the line is the test"))
		diag("%s", out);
	j.o.format = FMT_JSON;
	j.o.nr = 0;
	captured(print_step_report, &j);
	ok(!strcmp(out, "{\"op\":\"ioas.unmap\",\"ok\":true,\"errno\":0,\"errno_name\":null,"
		   "\"error\":null,\"ids\":{\"ioas\":3},\"length\":\"0xffffffffffffffff\"}\n"),
	   "JSON: the record as any step's");
	out_fini(&j.o);
}

struct line {
	struct out o;
	const struct rec *r;
};

static void print_line(void *arg)
{
	struct line *l = arg;

	out_record(&l->o, l->r);
}

/* What json-c writes for @r's tree, which the renderer must match byte for byte */
static bool same_as_json_c(const struct rec *r)
{
	struct options opt = { .format = FMT_JSON };
	struct json_object *j = out_json(r);
	struct line l = { .r = r };
	char want[sizeof(out)];
	bool same;

	snprintf(want, sizeof(want), "%s\n",
		 json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN |
						JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(j);
	out_init(&l.o, &opt);
	captured(print_line, &l);
	out_fini(&l.o);
	same = !strcmp(out, want);
	if (!same)
		diag("renderer %s json-c    %s", out, want);
	return same;
}

static const struct flag_name some_flags[] = {
	{ "A", 1 }, { "AB", 3 }, { "C", 4 }, { NULL, 0 }
};

static void json_c_bytes(void)
{
	struct arena a = { 0 };
	struct rec *r = rec_new(&a), *sub, *list;
	static char place[19][4];
	char s[2] = { 0, 0 }, key[8], long_s[20] = { 0 };
	char plain_key[41], quote_key[41];
	size_t i;
	bool all = true;
	int c;

	rec_null(r, "null");
	rec_bool(r, "t", true);
	rec_bool(r, "f", false);
	rec_int(r, "min", INT64_MIN);
	rec_int(r, "neg", -1);
	rec_int(r, "zero", 0);
	rec_u64(r, "max", UINT64_MAX);
	rec_hex(r, "hex0", 0);
	rec_hex(r, "hex", 0x1000);
	rec_str(r, "nostr", NULL);
	rec_flags(r, "flags", some_flags, 3 | 4 | 0x8000000000000000ull);
	rec_flags(r, "noflags", some_flags, 0);
	sub = rec_obj(r, "sub");
	rec_id(sub, "ioas", 7);
	rec_obj(r, "empty");
	list = rec_list(r, "list");
	rec_str(list, NULL, "a\"b\\c");
	rec_obj(list, NULL);
	rec_list(r, "nolist");
	ok(same_as_json_c(r), "every kind of value and nesting, as json-c writes it");

	for (i = 0; i < sizeof(place) / sizeof(place[0]); i++)
		snprintf(place[i], sizeof(place[i]), "p%zu", i);

	for (c = 1; c < 256; c++) {
		r = rec_new(&a);
		s[0] = (char)c;
		snprintf(key, sizeof(key), "k%c", c);
		rec_str(r, key, s);
		/* at each place of the 8-byte words and of the tail after them */
		for (i = 0; i < sizeof(long_s) - 1; i++) {
			memset(long_s, 'a', sizeof(long_s) - 1);
			long_s[i] = (char)c;
			rec_str(r, place[i], long_s);
		}
		all = same_as_json_c(r) && all;
	}
	ok(all, "every byte in a key and a string, escaped as json-c escapes it");

	/* keys about the length the renderer copies in one pass, plain or not */
	all = true;
	for (i = 28; i < sizeof(plain_key); i++) {
		r = rec_new(&a);
		memset(plain_key, 'k', i);
		plain_key[i] = 0;
		memcpy(quote_key, plain_key, i + 1);
		quote_key[i - 1] = '"';
		rec_u64(r, plain_key, i);
		rec_u64(r, quote_key, i);
		all = same_as_json_c(r) && all;
	}
	ok(all, "keys of 28 to 40 bytes, plain or with a quote at the end");
	arena_free(&a);
}

int main(void)
{
	tap_plan(21);
	json_records();
	text_records();
	flag_lists();
	reports();
	step_reports();
	json_c_bytes();
	return tap_done();
}
