// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device, mock and PASID operations' arguments: what each step line
 * parses to is written back by step_format() as a line that parses to the
 * same step, the custom kinds (--token UUID, hw-info --type) included; and
 * what must be refused before anything runs is.
 */
#include <stdio.h>
#include <string.h>

#include "core/step.h"
#include "op/ops.h"
#include "tap.h"

#define WORDS_MAX 24

/* @line cut at spaces into @argv (the test lines need no quoting) */
static int split(char *line, char **argv)
{
	int n = 0;
	char *save = NULL, *w;

	for (w = strtok_r(line, " ", &save); w && n < WORDS_MAX;
	     w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	return n;
}

static int parse_line(const char *text, char *buf, size_t len, struct step *st,
		      struct perr *e)
{
	char *argv[WORDS_MAX];

	snprintf(buf, len, "%s", text);
	return step_parse(st, split(buf, argv), argv, e);
}

/* @text parses, is written back as @want, and that parses to an equal step */
static void round_trip(const char *text, const char *want)
{
	char in[512], again[512], out[512] = "";
	struct step a, b;
	struct perr e = { "" };
	bool same = false;

	if (parse_line(text, in, sizeof(in), &a, &e)) {
		ok(0, "%s: parses (%s)", text, e.msg);
		return;
	}
	if (!step_format(&a, out, sizeof(out)) &&
	    !parse_line(out, again, sizeof(again), &b, &e)) {
		same = step_equal(&a, &b);
		step_free(&b);
	}
	ok(same && !strcmp(out, want), "%s -> %s (got %s)", text, want, out);
	step_free(&a);
}

/* @text is refused while parsing, with a message that has @words */
static void refused(const char *text, const char *words)
{
	char in[512];
	struct step st;
	struct perr e = { "" };
	int rc = parse_line(text, in, sizeof(in), &st, &e);

	if (!rc)
		step_free(&st);
	ok(rc && strstr(e.msg, words), "%s: refused, '%s' (got '%s')", text, words,
	   e.msg);
}

static void device(void)
{
	round_trip("device bind 00:03.0 -n d --token 01234567-89AB-cdef-0123-456789abcdef",
		   "device bind 00:03.0 --name d --token 01234567-89ab-cdef-0123-456789abcdef");
	round_trip("device bind /dev/vfio/devices/vfio0", "device bind /dev/vfio/devices/vfio0");
	round_trip("device attach @d @ioas0 --pasid 0", "device attach @d @ioas0 --pasid 0");
	round_trip("device replace @d 7", "device replace @d 7");
	round_trip("device detach @d", "device detach @d");
	round_trip("device hw-info 2 --type none --data-len 0",
		   "device hw-info 2 --data-len 0 --type default");
	round_trip("device hw-info @d --type intel_vtd", "device hw-info @d --type intel_vtd");
	round_trip("device hw-info @d --type 77", "device hw-info @d --type 77");
	round_trip("device hw-info @d --type 0xfeedbeef", "device hw-info @d --type selftest");

	refused("device bind 00:03.0 --token 1234", "bad UUID '1234'");
	refused("device bind 00:03.0 --token 01234567-89ab-cdef-0123-456789abcdeg",
		"8-4-4-4-12 hex digits");
	refused("device bind eth0", "no PCI address, vfioN or path");
	refused("device attach 2 @ioas0", "give the device as @name");
	refused("device detach 2", "give the device as @name");
	refused("device attach @d", "missing IOAS|HWPT");
	refused("device hw-info @d --type vtd", "unknown hw_info type 'vtd'");
	refused("device hw-info @d --data-len 2M", "is above 1048576");
}

static void mock(void)
{
	round_trip("mock create @ioas0 --flags pasid,no-dirty -n d",
		   "mock create @ioas0 --name d --flags no-dirty,pasid");
	round_trip("mock create 1 --flags 0", "mock create 1 --flags 0x0");
	round_trip("mock replace 2 @h", "mock replace 2 @h");
	round_trip("mock check-map @h --iova 0 --mem @m",
		   "mock check-map @h --iova 0 --mem @m");
	round_trip("mock check-refs --mem @m --refs 1 --length 4K",
		   "mock check-refs --mem @m --length 4K --refs 1");
	round_trip("mock check-iotlb @h --value 0 --id 1",
		   "mock check-iotlb @h --id 1 --value 0");
	round_trip("mock add-reserved @a --iova 0 --length 1M",
		   "mock add-reserved @a --iova 0 --length 1M");
	round_trip("mock memory-limit 0", "mock memory-limit 0");
	round_trip("mock dirty @h --iova 0 --length 64K --pages 0,2,5",
		   "mock dirty @h --iova 0 --length 64K --pages 0,2,5");
	round_trip("mock trigger-iopf @d --addr 0 --perm r,x",
		   "mock trigger-iopf @d --addr 0 --perm read,exec");
	round_trip("mock trigger-vevent @d --count 1", "mock trigger-vevent @d --count 1");
	round_trip("mock pasid-detach @d --pasid 0", "mock pasid-detach @d --pasid 0");
	round_trip("mock check-pasid @d 0 --pasid 3", "mock check-pasid @d 0 --pasid 3");

	refused("mock check-map @h --mem @m", "missing --iova");
	refused("mock check-map @h --iova 0 --mem 5", "--mem takes an @name");
	refused("mock check-refs --length 4K", "missing --mem");
	refused("mock check-iotlb @h --id 1", "give --id and --value");
	refused("mock add-reserved @a --iova 0", "give --iova and --length");
	refused("mock dirty @h --iova 0 --length 8K --pages 4", "bad page index at '4'");
	refused("mock trigger-iopf 1", "missing --addr");
	refused("mock trigger-vevent 1 --count 0", "--count is 1 to 100000");
	refused("mock pasid-attach @d @h", "missing --pasid");
	refused("mock pasid-attach @d @h --pasid 0x100000000", "PASIDs have 20 bits");
	refused("mock pasid-detach @d @h --pasid 1", "unexpected argument '@h'");
}

int main(void)
{
	tap_plan(41);
	device();
	mock();
	return tap_done();
}
