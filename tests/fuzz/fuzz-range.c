// SPDX-License-Identifier: GPL-2.0-only
/*
 * parse_range(): "START-LAST" and "START+LENGTH" for IOVA ranges. An
 * accepted range must be non-empty and ordered, and both halves must read
 * the same on their own, so a wrapped START+LENGTH cannot slip through.
 */
#include <errno.h>

#include "util/parse.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	uint64_t start = 0, last = 0, a, b;
	size_t n;
	char sep;
	int rc;

	rc = parse_range(s, &start, &last);
	fuzz_assert(rc == 0 || rc == -EINVAL || rc == -ERANGE);
	if (rc == 0) {
		fuzz_assert(start <= last);
		n = strcspn(s, "-+");
		sep = s[n];
		fuzz_assert(sep == '-' || sep == '+');
		s[n] = '\0';
		fuzz_assert(parse_u64(s, &a) == 0 && a == start);
		fuzz_assert(parse_u64(s + n + 1, &b) == 0);
		if (sep == '-')
			fuzz_assert(b == last);
		else
			fuzz_assert(b != 0 && last - start == b - 1);
	}
	free(s);
	return 0;
}
