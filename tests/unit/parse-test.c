// SPDX-License-Identifier: GPL-2.0-only
/* parse.c: sizes, errno names, flag lists */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/parse.h"
#include "tap.h"

static void check_u64(const char *s, int want_rc, uint64_t want)
{
	uint64_t v = 0;
	int rc = parse_u64(s, &v);

	ok(rc == want_rc && (rc || v == want), "parse_u64(\"%s\") -> %d, 0x%llx",
	   s, rc, (unsigned long long)v);
}

static void sizes(void)
{
	check_u64("4096", 0, 4096);
	check_u64("0x1000", 0, 0x1000);
	check_u64("64K", 0, 65536);
	check_u64("2m", 0, 2u << 20);
	check_u64("1G", 0, 1ull << 30);
	check_u64("16E", -ERANGE, 0);
	check_u64("15E", 0, 15ull << 60);
	check_u64("0xffffffffffffffff", 0, UINT64_MAX);
	check_u64("18446744073709551616", -ERANGE, 0);
	check_u64("", -EINVAL, 0);
	check_u64("-1", -EINVAL, 0);
	check_u64(" 1", -EINVAL, 0);
	check_u64("12Q", -EINVAL, 0);
	check_u64("1KB", -EINVAL, 0);
	check_u64("010", 0, 10);
	check_u64("0777", 0, 777);
	check_u64("0x", -EINVAL, 0);
	check_u64("0x10K", 0, 16 << 10);
	check_u64("08", 0, 8);
}

static void errnos(void)
{
	int e = 0;
	uint32_t u;

	ok(!parse_errno("EBUSY", &e) && e == EBUSY, "EBUSY by name");
	ok(!parse_errno("eopnotsupp", &e) && e == EOPNOTSUPP, "names ignore case");
	ok(!parse_errno("22", &e) && e == EINVAL, "errno by number");
	ok(parse_errno("EWHATEVER", &e) == -EINVAL, "unknown name rejected");
	ok(parse_errno("0", &e) == -EINVAL, "0 is not an errno");
	ok(!parse_errno("025", &e) && e == 25, "025 is 25 (ENOTTY), not octal");
	ok(parse_errno("1K", &e) == -EINVAL, "no size suffix on an errno");
	ok(parse_errno("4095", &e) == -EINVAL && parse_errno("134", &e) == -EINVAL,
	   "a number without an errno name is refused");
	ok(!parse_errno("EWOULDBLOCK", &e) && e == EAGAIN &&
	   !parse_errno("ENOTSUP", &e) && e == EOPNOTSUPP &&
	   !parse_errno("EDEADLOCK", &e) && e == EDEADLK, "the aliases <errno.h> has");
	ok(!strcmp(errno_name(ENOENT), "ENOENT"), "errno_name(ENOENT)");
	ok(errno_name(0) == NULL && errno_name(-5) == NULL, "no name for <= 0");
	ok(parse_u32("0x100000000", &u) == -ERANGE, "u32 overflow rejected");
}

static void flags(void)
{
	static const struct flag_name t[] = { { "a", 1 }, { "bee", 4 }, { 0 } };
	const char *bad = NULL;
	uint64_t v;

	ok(!parse_flags("a,bee", t, &v, &bad) && v == 5, "a,bee -> 5");
	ok(!parse_flags("bee,0x100", t, &v, &bad) && v == 0x104, "numbers mix in");
	ok(parse_flags("a,be", t, &v, &bad) && !strcmp(bad, "be"), "unknown word named");
	ok(parse_flags("a,,bee", t, &v, &bad) == -EINVAL, "empty word rejected");
	ok(!parse_flags("", t, &v, &bad) && v == 0, "empty list is 0");
}

/* "a|b|c" joined words of @line, or "ERR:why" */
static void check_words(const char *line, const char *want)
{
	char got[256] = "", **argv;
	const char *why = NULL;
	int argc, i;

	if (parse_words(line, &argc, &argv, &why)) {
		snprintf(got, sizeof(got), "ERR:%s", why);
	} else {
		for (i = 0; i < argc; i++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got),
				 "%s%s", i ? "|" : "", argv[i]);
		if (argv[argc])
			snprintf(got, sizeof(got), "no NULL at the end");
		free(argv);
	}
	if (!ok(!strcmp(got, want), "words of [%s]", line))
		diag("got %s, want %s", got, want);
}

static void words(void)
{
	check_words("ioas map @a --length 4K\n", "ioas|map|@a|--length|4K");
	check_words("  \t \n", "");
	check_words("# a comment", "");
	check_words("destroy @a   # why", "destroy|@a");
	check_words("x a#b", "x|a#b");
	check_words("run 'a b' \"c d\" e\\ f", "run|a b|c d|e f");
	check_words("x 'it''s' \"q\\\"q\"", "x|its|q\"q");
	check_words("x '\\n'", "x|\\n");
	check_words("x ''", "x|");
	check_words("x \"abc", "ERR:unterminated \" quote");
	check_words("x 'abc", "ERR:unterminated ' quote");
	check_words("x abc\\", "ERR:trailing backslash");
}

static void ranges(void)
{
	uint64_t a = 0, b = 0;

	ok(!parse_range("16M-0x1ffffff", &a, &b) && a == 16 << 20 && b == 0x1ffffff,
	   "START-LAST");
	ok(!parse_range("0x1000+4K", &a, &b) && a == 0x1000 && b == 0x1fff,
	   "START+LENGTH");
	ok(parse_range("0+0x10000000000000000", &a, &b) == -ERANGE, "length overflow");
	ok(parse_range("2+0xffffffffffffffff", &a, &b) == -ERANGE, "end past 2^64");
	ok(!parse_range("0+0xffffffffffffffff", &a, &b) && b == UINT64_MAX - 1,
	   "the largest range that fits");
	ok(parse_range("0x2000-0x1000", &a, &b) == -EINVAL, "last before start");
	ok(parse_range("0x1000", &a, &b) == -EINVAL, "no second half");
	ok(parse_range("5+0", &a, &b) == -ERANGE, "empty range");
}

static void durations(void)
{
	uint64_t ns = 0;

	ok(!parse_duration("90", &ns) && ns == 90000000000ull, "plain seconds");
	ok(!parse_duration("15m", &ns) && ns == 900000000000ull, "minutes");
	ok(!parse_duration("2h", &ns) && ns == 7200000000000ull, "hours");
	ok(!parse_duration("3s", &ns) && ns == 3000000000ull, "seconds suffix");
	ok(parse_duration("3x", &ns) == -EINVAL, "unknown unit");
	ok(parse_duration("3ss", &ns) == -EINVAL, "unit twice");
	ok(parse_duration("-1", &ns) == -EINVAL, "negative");
	ok(parse_duration("99999999999h", &ns) == -ERANGE, "overflow");
}

static void numbers_out(void)
{
	char b[FMT_NUM_MAX];

	ok(fmt_dec(0, b) == 1 && !strcmp(b, "0"), "fmt_dec 0");
	ok(fmt_dec(UINT64_MAX, b) == 20 && !strcmp(b, "18446744073709551615"),
	   "fmt_dec 2^64-1");
	ok(fmt_int(INT64_MIN, b) == 20 && !strcmp(b, "-9223372036854775808"),
	   "fmt_int INT64_MIN");
	ok(fmt_int(-1, b) == 2 && !strcmp(b, "-1"), "fmt_int -1");
	ok(fmt_hex(0, b) == 3 && !strcmp(b, "0x0"), "fmt_hex 0");
	ok(fmt_hex(UINT64_MAX, b) == 18 && !strcmp(b, "0xffffffffffffffff"),
	   "fmt_hex 2^64-1, lower case");
	ok(fmt_hex(0x1000, b) == 6 && !strcmp(b, "0x1000"), "fmt_hex 0x1000");
}

int main(void)
{
	tap_plan(71);
	durations();
	ranges();
	sizes();
	errnos();
	flags();
	words();
	numbers_out();
	return tap_done();
}
