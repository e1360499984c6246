// SPDX-License-Identifier: GPL-2.0-only
/*
 * parse_u64()/parse_u32(): sizes, addresses and ids on the command line and
 * in scripts. Beyond memory safety, the two must agree with each other, a
 * unit suffix must scale exactly, and every accepted value must survive
 * being printed and read back.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "util/parse.h"
#include "fuzz.h"

static unsigned int unit_shift(char c)
{
	static const char units[] = "kmgtpe";
	const char *u = c ? strchr(units, c | 0x20) : NULL;

	return u ? 10 * (unsigned int)(u - units + 1) : 0;
}

static int is_hex(const char *s)
{
	return s[0] == '0' && (s[1] | 0x20) == 'x';
}

static void round_trip(uint64_t v)
{
	char buf[32];
	uint64_t back;

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	fuzz_assert(parse_u64(buf, &back) == 0 && back == v);
	snprintf(buf, sizeof(buf), "%#" PRIx64, v);
	fuzz_assert(parse_u64(buf, &back) == 0 && back == v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	size_t len = strlen(s);
	uint64_t v64 = 0, base;
	uint32_t v32 = 0;
	unsigned int shift;
	int rc64, rc32;

	rc64 = parse_u64(s, &v64);
	rc32 = parse_u32(s, &v32);
	fuzz_assert(rc64 == 0 || rc64 == -EINVAL || rc64 == -ERANGE);

	/* parse_u32 is parse_u64 plus a range check, nothing else */
	if (rc64)
		fuzz_assert(rc32 == rc64);
	else if (v64 > UINT32_MAX)
		fuzz_assert(rc32 == -ERANGE);
	else
		fuzz_assert(rc32 == 0 && v32 == v64);

	if (rc64 == 0) {
		/* nothing but a digit may start a number: no sign, no blank */
		fuzz_assert(s[0] >= '0' && s[0] <= '9');
		round_trip(v64);
		/*
		 * "64K" is exactly 64 << 10, so the prefix must parse alone;
		 * in "0x1E" the E is a hex digit, not the exa suffix
		 */
		shift = unit_shift(s[len - 1]);
		if (shift && !(is_hex(s) && (s[len - 1] | 0x20) == 'e')) {
			s[len - 1] = '\0';
			fuzz_assert(parse_u64(s, &base) == 0);
			fuzz_assert(base << shift == v64 && base >> (64 - shift) == 0);
		}
	}
	free(s);
	return 0;
}
