// SPDX-License-Identifier: GPL-2.0-only
/*
 * parse_flags(): "name,name,0x10" lists against a table. The result must be
 * the OR of what each word gives alone, and a refusal must point at a word
 * inside the input that is refused alone too, since the caller prints it.
 */
#include <errno.h>

#include "util/parse.h"
#include "fuzz.h"

static const struct flag_name table[] = {
	{ "read", 1 << 0 },
	{ "write", 1 << 1 },
	{ "nest-parent", 1 << 2 },
	{ "dirty", 1 << 3 },
	{ "x", 1ULL << 63 },	/* a short name that is a prefix of nothing */
	{ NULL, 0 }
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *w, *end = s + strlen(s);
	const char *bad = NULL, *bad1;
	uint64_t v = ~0ULL, one, all = 0;
	size_t len;
	int rc;

	rc = parse_flags(s, table, &v, &bad);
	fuzz_assert(rc == 0 || rc == -EINVAL);
	if (rc == 0) {
		for (w = s; *w; w += len + (w[len] == ',')) {
			char c;

			len = strcspn(w, ",");
			c = w[len];
			w[len] = '\0';
			fuzz_assert(parse_flags(w, table, &one, &bad1) == 0);
			w[len] = c;
			all |= one;
		}
		fuzz_assert(v == all);
	} else {
		fuzz_assert(bad && bad >= s && bad <= end);
		len = strcspn(bad, ",");
		w = fuzz_str((const uint8_t *)bad, len);
		fuzz_assert(!len || parse_flags(w, table, &one, &bad1) != 0);
		free(w);
	}
	free(s);
	return 0;
}
