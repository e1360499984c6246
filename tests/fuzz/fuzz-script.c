// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whole scripts through the loader: every line parsed into a step and the
 * script checked whole, as run does before its first step (no kernel).
 * Checked beyond memory safety:
 * - a script that loads printed no message; one that does not printed
 *   exactly one, so a user never gets records and an error half way;
 * - every loaded step formats to a line that parses back to an equal step
 *   and formats to the same line again: parse(format(step)) == step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/step.h"
#include "engine/script.h"
#include "util/msg.h"
#include "util/parse.h"
#include "fuzz.h"

static void round_trip(const struct step *st)
{
	static char line[1 << 16], again[1 << 16];
	const char *why = NULL;
	struct step back;
	struct perr e;
	char **argv;
	int argc;

	fuzz_assert(!step_format(st, line, sizeof(line)));
	fuzz_assert(!parse_words(line, &argc, &argv, &why));
	fuzz_assert(!step_parse(&back, argc, argv, &e));
	fuzz_assert(step_equal(st, &back));
	fuzz_assert(!step_format(&back, again, sizeof(again)));
	fuzz_assert(!strcmp(line, again));
	step_free(&back);
	free(argv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	unsigned long before = msg_count;
	struct script s;
	size_t i;
	int rc;

	/* a message per refused input would fill the log: count them instead */
	if (!null && (null = fopen("/dev/null", "w")))
		msg_to(null);
	rc = script_load_text(&s, "fuzz", (const char *)data, size);
	fuzz_assert(rc ? msg_count == before + 1 : msg_count == before);
	for (i = 0; !rc && i < s.n; i++)
		round_trip(&s.v[i]);
	if (!rc)
		script_free(&s);
	return 0;
}
