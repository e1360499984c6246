// SPDX-License-Identifier: GPL-2.0-only
/* iova_gaps(): the reserved regions info reports are the gaps between ranges */
#include <stdint.h>

#include "lib/abi.h"
#include "op/ops.h"
#include "tap.h"

typedef struct ictl_iommu_iova_range R;

static bool same(const R *got, uint32_t n, const R *want, uint32_t wn)
{
	uint32_t i;

	if (n != wn)
		return false;
	for (i = 0; i < n; i++)
		if (got[i].start != want[i].start || got[i].last != want[i].last)
			return false;
	return true;
}

int main(void)
{
	/* VT-d with a 39-bit address width: the MSI window and the top */
	static const R vtd[] = { { 0, 0xfedfffff }, { 0xfef00000, 0x7fffffffffULL } };
	static const R vtd_gaps[] = { { 0xfee00000, 0xfeefffff },
				      { 0x8000000000ULL, UINT64_MAX } };
	/* the mock domain's aperture: 16M up to 2G */
	static const R mock[] = { { 0x1000000, 0x7fffffff } };
	static const R mock_gaps[] = { { 0, 0xffffff }, { 0x80000000, UINT64_MAX } };
	static const R all[] = { { 0, UINT64_MAX } };
	static const R top[] = { { 0x1000, UINT64_MAX } };
	static const R top_gaps[] = { { 0, 0xfff } };
	static const R none_gaps[] = { { 0, UINT64_MAX } };
	static const R touching[] = { { 0, 0xfff }, { 0x1000, 0x1fff } };
	static const R touching_gaps[] = { { 0x2000, UINT64_MAX } };
	R g[4];

	tap_plan(6);
	ok(same(g, iova_gaps(vtd, 2, g), vtd_gaps, 2), "VT-d: the MSI window and above 39 bits");
	ok(same(g, iova_gaps(mock, 1, g), mock_gaps, 2), "mock: below 16M and above 2G");
	ok(iova_gaps(all, 1, g) == 0, "the whole space usable: no gap");
	ok(same(g, iova_gaps(top, 1, g), top_gaps, 1), "usable up to 2^64-1: only the bottom");
	ok(same(g, iova_gaps(NULL, 0, g), none_gaps, 1), "no range: all of it is a gap");
	ok(same(g, iova_gaps(touching, 2, g), touching_gaps, 1),
	   "ranges that touch leave no gap between them");
	return tap_done();
}
