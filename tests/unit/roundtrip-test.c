// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every operation's steps survive text: words made from its argument
 * table parse into a step, the step formats back to a line, and that line
 * parses into an equal step that formats to the same line. Random choices
 * of options and values, seeded, many per operation.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/op.h"
#include "core/step.h"
#include "op/ops.h"
#include "util/parse.h"
#include "tap.h"

#define TRIES 300

static uint64_t rng = 0x5eed;

static unsigned int rnd(unsigned int n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned int)((rng >> 33) % n);
}

static const char *pick(const char *const *v, unsigned int n)
{
	return v[rnd(n)];
}

#define PICK(v) pick(v, sizeof(v) / sizeof(v[0]))

/* A word the argument @a takes, into @buf */
static const char *sample(const struct arg *a, char *buf, size_t len)
{
	static const char *const handles[] = { "@a", "@b_1", "@x.y-z", "7", "0x10", "4294967295" };
	static const char *const names[] = { "a", "n1", "x.y-z", "Z_9" };
	static const char *const u64s[] = { "0", "1", "4096", "0x1000", "64K", "16M",
					    "0xffffffff", "18446744073709551615" };
	static const char *const u32s[] = { "0", "1", "7", "0xff", "4294967295" };
	static const char *const words[] = { "w", "two words", "#hash", "q\"uote", "back\\slash", "," };
	const struct flag_name *n;
	unsigned int k = 0;

	switch (a->kind) {
	case ARG_HANDLE:
		return PICK(handles);
	case ARG_NAME:
		return PICK(names);
	case ARG_U64:
		return PICK(u64s);
	case ARG_U32:
		return PICK(u32s);
	case ARG_WORD:
		for (k = 0; a->samples && a->samples[k]; k++)
			;
		return k ? a->samples[rnd(k)] : PICK(words);
	case ARG_FLAGS:
	case ARG_ENUM:
		for (n = a->names; n && n->name; n++)
			k++;
		if (!k || !rnd(4)) {
			snprintf(buf, len, "%u", rnd(8));
			return buf;
		}
		return a->names[rnd(k)].name;
	case ARG_CUSTOM:
		for (k = 0; a->custom->samples && a->custom->samples[k]; k++)
			;
		return k ? a->custom->samples[rnd(k)] : "";
	default:
		return "";
	}
}

/* One random word list for @op into @argv (its words first); the count */
static int make_words(const struct op *op, char **argv, char bufs[][64])
{
	const struct arg *a;
	int argc = 0, nb = 0;

	argv[argc++] = (char *)op->object;
	if (op->verb)
		argv[argc++] = (char *)op->verb;
	for (a = op->args; a->opt || a->meta; a++) {
		if (!(a->flags & ARG_REQUIRED) && rnd(3))
			continue;
		if (a->opt) {
			snprintf(bufs[nb], 64, "--%s", a->opt);
			argv[argc++] = bufs[nb++];
		}
		if (a->kind != ARG_BOOL) {
			argv[argc++] = (char *)sample(a, bufs[nb], 64);
			nb++;
		}
	}
	if (!rnd(5))
		argv[argc++] = "--readonly-arg";
	if (!rnd(5)) {
		argv[argc++] = "--expect";
		argv[argc++] = rnd(2) ? "EBUSY" : "22";
	}
	if (op->want.v && !rnd(4)) {
		argv[argc++] = "--want";
		argv[argc++] = rnd(2) ? "0" : "0x1000";
	}
	return argc;
}

/* Format @st, parse it back, compare: NULL, or what went wrong */
static const char *round_trip(const struct step *st, char *line, size_t len)
{
	static char again[8192];
	static struct perr e;
	const char *why = NULL;
	struct step back;
	char **argv;
	int argc;

	if (step_format(st, line, len))
		return "format";
	if (parse_words(line, &argc, &argv, &why))
		return "words";
	if (step_parse(&back, argc, argv, &e)) {
		free(argv);
		return e.msg;
	}
	why = !step_equal(st, &back) ? "not equal" :
	      step_format(&back, again, sizeof(again)) || strcmp(line, again) ?
	      "formats differently" : NULL;
	step_free(&back);
	free(argv);
	return why;
}

static void one_op(const struct op *op)
{
	char bufs[64][64], line[8192], *argv[160];
	unsigned int good = 0, i;
	const char *bad = NULL;
	struct step st;
	struct perr e;
	int argc;

	for (i = 0; i < TRIES && !bad; i++) {
		argc = make_words(op, argv, bufs);
		if (step_parse(&st, argc, argv, &e))
			continue;	/* a combination the operation refuses */
		good++;
		bad = round_trip(&st, line, sizeof(line));
		step_free(&st);
	}
	if (!ok(!bad && good, "%s: %u steps round-trip", op->name, good))
		diag("%s: %s", bad ? bad : "no step parsed", bad ? line : "");
}

/* The table is sorted (op_find() searches it by halves) and finds each */
static void table_order(void)
{
	const struct op *const *o;
	char *argv[2], prev[64] = "", cur[64];
	bool sorted = true, found = true;
	int words;

	for (o = op_table; *o; o++) {
		op_words(*o, cur, sizeof(cur));
		sorted &= strcmp(prev, cur) < 0;
		strcpy(prev, cur);
		argv[0] = (char *)(*o)->object;
		argv[1] = (char *)((*o)->verb ? (*o)->verb : "");
		found &= op_find(2, argv, &words) == *o;
	}
	ok(sorted, "op_table is sorted by its words");
	ok(found, "op_find() finds every operation of the table");
}

/* Parse the words of @text into @st; false if they do not parse */
static bool parse_text(const char *text, struct step *st, char ***argv)
{
	const char *why = NULL;
	struct perr e;
	int argc;

	return !parse_words(text, &argc, argv, &why) && !step_parse(st, argc, *argv, &e);
}

/* --want: taken where the operation has a number, which then decides */
static void want(void)
{
	struct result r = { 0 };
	struct step st;
	char **argv = NULL;

	ok(parse_text("ioas unmap @a --all --want 0x10000", &st, &argv) &&
	   st.has_want && st.want == 0x10000, "ioas unmap takes --want N");
	r.v[IOAS_UNMAPPED] = 0x10000;
	ok(step_passed(&st, &r), "... the number it got: passed");
	r.v[IOAS_UNMAPPED] = 0x1000;
	ok(!step_passed(&st, &r) && step_want_missed(&st, &r), "... another: not passed");
	r.err = -ENOENT;
	ok(!step_want_missed(&st, &r), "... a failed call is judged by its errno only");
	step_free(&st);
	free(argv);
	ok(!parse_text("destroy @a --want 1", &st, &argv),
	   "an operation without a number to check refuses --want");
	free(argv);
	argv = NULL;
	ok(parse_text("ioas alloc --want 3", &st, &argv) && st.has_want && st.want == 3,
	   "an allocation takes --want ID");
	memset(&r, 0, sizeof(r));
	r.made.id = 3;
	ok(step_passed(&st, &r), "... the id the kernel gave: passed");
	r.made.id = 4;
	ok(!step_passed(&st, &r) && step_wanted(&st, &r) == 4, "... another id: not passed");
	step_free(&st);
	free(argv);
}

int main(void)
{
	const struct op *const *o;
	int n = 10;

	for (o = op_table; *o; o++)
		n++;
	tap_plan(n);
	table_order();
	want();
	for (o = op_table; *o; o++)
		one_op(*o);
	return tap_done();
}
