// SPDX-License-Identifier: GPL-2.0-only
/*
 * Steps as text and back: the custom argument kinds (allow-iovas' ranges)
 * and, for the operations of fault, veventq, access, option and iova, that
 * text -> step -> text -> step gives the same step and the same text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/step.h"
#include "op/ops.h"
#include "util/parse.h"
#include "tap.h"

/* ---- the ranges of allow-iovas ---- */

static void ranges_kind(void)
{
	const struct arg_custom *k = &iova_list_kind;
	struct iova_list *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	struct perr e = { "" };
	char w[64];
	unsigned int i;
	int rc;

	ok(!k->parse("0x40000000+1M", a, &e) && !k->parse("0-0xfff", a, &e) &&
	   a->n == 2 && a->r[0].start == 0x40000000 && a->r[0].last == 0x400fffff &&
	   a->r[1].start == 0 && a->r[1].last == 0xfff,
	   "START+LENGTH and START-LAST, in the order given");
	ok(k->format(a, 0, w, sizeof(w)) && !strcmp(w, "0x40000000-0x400fffff") &&
	   k->format(a, 1, w, sizeof(w)) && !strcmp(w, "0x0-0xfff") &&
	   !k->format(a, 2, w, sizeof(w)), "each range formats as START-LAST, then none");
	for (i = 0; k->format(a, i, w, sizeof(w)); i++)
		k->parse(w, b, &e);
	ok(k->equal(a, b), "the words parse back to an equal list");
	b->r[1].last++;
	ok(!k->equal(a, b), "... and a list with another range is not equal");
	b->n = 1;
	ok(!k->equal(a, b), "... nor one with fewer ranges");
	memset(b, 0, sizeof(*b));
	rc = k->parse("0x2000-0x1000", b, &e);
	ok(rc == -EINVAL && b->n == 0 &&
	   !strcmp(e.msg, "bad range '0x2000-0x1000' (START-LAST or START+LENGTH)"),
	   "a range that ends before it starts: refused, nothing added");
	for (i = 0, rc = 0; i < IOVA_RANGES_MAX && !rc; i++)
		rc = k->parse("0+4K", b, &e);
	rc = rc ? rc : k->parse("0+4K", b, &e);
	ok(rc == -EINVAL && b->n == IOVA_RANGES_MAX && strstr(e.msg, "at most 256"),
	   "at most %d ranges", IOVA_RANGES_MAX);
	free(a);
	free(b);
}

/* ---- whole steps ---- */

struct parsed {
	struct step st;
	char **argv;
};

static int parse_text(const char *text, struct parsed *p, struct perr *e)
{
	const char *why;
	int argc, rc;

	if (parse_words(text, &argc, &p->argv, &why))
		return perr(e, "%s", why);
	rc = step_parse(&p->st, argc, p->argv, e);
	if (rc) {
		free(p->argv);
		p->argv = NULL;
	}
	return rc;
}

static void parsed_free(struct parsed *p)
{
	step_free(&p->st);
	free(p->argv);
}

/* text -> step -> text -> step: equal steps, the same text twice */
static void round_trip(const char *text)
{
	struct parsed a, b;
	char t1[8192] = "", t2[8192] = "";
	struct perr e = { "" };
	bool good;

	if (parse_text(text, &a, &e)) {
		ok(false, "'%s' round-trips", text);
		diag("parse: %s", e.msg);
		return;
	}
	good = !step_format(&a.st, t1, sizeof(t1)) && !parse_text(t1, &b, &e);
	if (!good) {
		ok(false, "'%s' round-trips", text);
		diag("as '%s': %s", t1, e.msg);
		parsed_free(&a);
		return;
	}
	good = step_equal(&a.st, &b.st) && !step_format(&b.st, t2, sizeof(t2)) &&
	       !strcmp(t1, t2);
	if (!ok(good, "'%s' round-trips", text))
		diag("as '%s', then '%s'", t1, t2);
	parsed_free(&a);
	parsed_free(&b);
}

static const char *const lines[] = {
	"fault alloc",
	"fault alloc --name q",
	"fault read @f",
	"fault read @f --max 0 --wait 100",
	"fault read @f --bytes 41 --readonly-arg",
	"fault respond @f --cookie 0",
	"fault respond @f --cookie 0xffffffff --code invalid",
	"fault respond @f --cookie 1 --code 7 --expect EINVAL",
	"veventq alloc @v",
	"veventq alloc 4000000 --type default --depth 0 --name q",
	"veventq alloc @v --type 0x1234",
	"veventq read @q --max 1 --event-len 0 --bytes 8",
	"access create @a",
	"access create 3 --needs-pin --name x",
	"access pin @x --iova 16M --length 16K --mem @mem0 --write",
	"access pin @x --iova 0 --length 0",
	"access unpin @x --pages 0",
	"access unpin 9 --pages 4",
	"access rw @x --iova 0x1000ff0 --length 32 --slow",
	"access rw 7 --iova 16M --length 17M --write --expect ENOMEM",
	"access replace @x @b",
	"access close @x",
	"access close 7",
	"option get rlimit-mode",
	"option get huge-pages @a",
	"option get 7 3",
	"option set rlimit-mode 0",
	"option set huge-pages @a 1",
	"option set 0x1 5",
	"option get rlimit-mode,huge-pages",
	"vfio-ioas get",
	"vfio-ioas set @a",
	"vfio-ioas clear",
	"ioas change-process --expect EINVAL",
	"ioas iova-ranges @a",
	"ioas iova-ranges @a --num 0",
	"ioas iova-ranges @a --num 1000",
	"ioas allow-iovas @a",
	"ioas allow-iovas @a 0x40000000+1M 0-0xfff 0xfffffffffffff000-0xffffffffffffffff",
	/* values that look like a step's own options */
	"ioas alloc --name=--expect",
	"ioas alloc --name=--readonly-arg --readonly-arg",
	"ioas alloc --name=-h",
};

/* An optional positional between required ones takes a word only when
 * enough words are left for the required ones after it */
static void optional_middle(void)
{
	struct parsed p;
	struct perr e = { "" };
	const struct option_args *a;

	ok(!parse_text("option set rlimit-mode 1", &p, &e) &&
	   (a = p.st.args) && !strcmp(a->name, "rlimit-mode") && !a->ioas.name[0] &&
	   !a->ioas.by_id && a->has_value && a->value == 1,
	   "option set NAME VALUE: no IOAS");
	parsed_free(&p);
	ok(!parse_text("option set huge-pages @a 0", &p, &e) &&
	   (a = p.st.args) && !strcmp(a->ioas.name, "a") && a->has_value && !a->value,
	   "option set NAME IOAS VALUE");
	parsed_free(&p);
	ok(!parse_text("option set huge-pages --expect EPERM -- 5 1", &p, &e) &&
	   (a = p.st.args) && a->ioas.by_id && a->ioas.id == 5 && a->value == 1,
	   "... counting words after '--' and the step's own options");
	parsed_free(&p);
	ok(parse_text("option set rlimit-mode @a 1 2", &p, &e) == -EINVAL &&
	   !strcmp(e.msg, "unexpected argument '2'"), "one word too many");
	ok(parse_text("option get bogus", &p, &e) == -EINVAL &&
	   strstr(e.msg, "unknown option 'bogus'"), "an unknown option name");
	ok(parse_text("fault read 3", &p, &e) == -EINVAL &&
	   strstr(e.msg, "give the fault as @name"), "a queue read takes no plain id");
}

int main(void)
{
	size_t i;

	tap_plan(7 + 6 + (int)(sizeof(lines) / sizeof(lines[0])));
	ranges_kind();
	optional_middle();
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		round_trip(lines[i]);
	return tap_done();
}
