// SPDX-License-Identifier: GPL-2.0-only
/*
 * parse_errno(): the --expect argument. Whatever it accepts must be an
 * errno the rest of the tool can name and print, and a name must map back
 * to the very spelling the user gave, ignoring case (but for the second
 * names of an errno: ENOTSUP is EOPNOTSUPP).
 */
#include <errno.h>
#include <strings.h>

#include "util/parse.h"
#include "fuzz.h"

/* The C library's second names of an errno, which parse_errno() takes too */
static bool alias(const char *s)
{
	return !strcasecmp(s, "EWOULDBLOCK") || !strcasecmp(s, "ENOTSUP") ||
	       !strcasecmp(s, "EDEADLOCK");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	const char *name;
	int e = 0, back = 0, rc;

	rc = parse_errno(s, &e);
	fuzz_assert(rc == 0 || rc == -EINVAL);
	if (rc == 0) {
		fuzz_assert(e > 0 && e < 4096);
		name = errno_name(e);
		if ((s[0] < '0' || s[0] > '9') && !alias(s))
			fuzz_assert(name && !strcasecmp(name, s));
		if (name)
			fuzz_assert(parse_errno(name, &back) == 0 && back == e);
	}
	free(s);
	return 0;
}
