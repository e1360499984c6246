// SPDX-License-Identifier: GPL-2.0-only
/* vendor.c: driver data and invalidation entries from words */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "lib/abi.h"
#include "tap.h"
#include "decode/vendor.h"

static struct vendor_data d;

/* @s parses to @type and exactly the @len bytes of @want */
static void same(const char *s, int rc, uint32_t type, const void *want,
		 size_t len)
{
	ok(rc == 0 && d.type == type && d.len == len &&
	   !memcmp(d.bytes, want, len), "'%s' -> type 0x%x, %zu bytes", s, type, len);
}

static void hwpt(const char *s, uint32_t type, const void *want, size_t len)
{
	const char *bad;

	same(s, vendor_hwpt_data(s, &d, &bad), type, want, len);
}

static void hwpt_bad(const char *s, int rc, const char *at)
{
	const char *bad = NULL;
	int got = vendor_hwpt_data(s, &d, &bad);

	ok(got == rc && bad && !strcmp(bad, at), "%s refused at '%s'", s, at);
}

static void alloc_data(void)
{
	struct ictl_iommu_hwpt_selftest st = { .iotlb = 0x1234, .pagetable_type = 1 };
	struct ictl_iommu_hwpt_vtd_s1 vtd = {
		.flags = ICTL_IOMMU_VTD_S1_SRE | ICTL_IOMMU_VTD_S1_WPE,
		.pgtbl_addr = 0xabc000, .addr_width = 48,
	};
	struct ictl_iommu_hwpt_arm_smmuv3 smmu = { .ste = { htole64(1), htole64(0x10) } };
	struct ictl_iommu_hwpt_amd_guest amd = { .dte = { 1, 2, 3, 4 } };
	static const uint8_t raw[] = { 0xde, 0xad, 0x00, 0xff };

	/* iotlb alone is the 6.12 struct; pagetable_type makes it the newer one */
	hwpt("selftest:iotlb=0x1234", ICTL_IOMMU_HWPT_DATA_SELFTEST, &st, 4);
	hwpt("selftest:iotlb=0x1234,pagetable_type=huge",
	     ICTL_IOMMU_HWPT_DATA_SELFTEST, &st, 8);
	hwpt("vtd_s1:pgtbl=0xabc000,addr-width=48,flags=sre|wpe",
	     ICTL_IOMMU_HWPT_DATA_VTD_S1, &vtd, sizeof(vtd));
	hwpt("arm_smmuv3:ste0=1,ste1=0x10", ICTL_IOMMU_HWPT_DATA_ARM_SMMUV3,
	     &smmu, sizeof(smmu));
	hwpt("amd_guest:dte0=1,dte1=2,dte2=3,dte3=4", ICTL_IOMMU_HWPT_DATA_AMD_GUEST,
	     &amd, sizeof(amd));
	hwpt("raw:0xdead:dead00FF", 0xdead, raw, 4);
	hwpt("raw:7:", 7, raw, 0);
	hwpt("raw:7", 7, raw, 0);
	memset(&st, 0, sizeof(st));
	hwpt("selftest", ICTL_IOMMU_HWPT_DATA_SELFTEST, &st, 4);

	hwpt_bad("selftest:iotlb=0x100000000", -ERANGE, "iotlb=0x100000000");
	hwpt_bad("selftest:iotlb=1,tlb=2", -EINVAL, "tlb=2");
	hwpt_bad("vtd_s1:flags=sre|bogus", -EINVAL, "flags=sre|bogus");
	hwpt_bad("vtd_s1:pgtbl", -EINVAL, "pgtbl");
	hwpt_bad("selftest:iotlb=1,,iotlb=2", -EINVAL, ",iotlb=2");
	hwpt_bad("nosuch:x=1", -EINVAL, "nosuch:x=1");
	hwpt_bad("raw:0xdead:abc", -EINVAL, "c");
	hwpt_bad("raw:0xdead:zz", -EINVAL, "zz");
	hwpt_bad("raw:x:00", -EINVAL, "x:00");

	ok(!strcmp(vendor_hwpt_type_name(0), "none") &&
	   !strcmp(vendor_hwpt_type_name(0xdead), "selftest") &&
	   vendor_hwpt_type_name(0x77) == NULL, "type names, NULL for unknown");
}

static void entry(const char *type, const char *s, uint32_t want_type,
		  const void *want, size_t len)
{
	const struct vendor_layout *l;
	const char *bad;
	uint32_t t;
	int rc = vendor_inv_type(type, &l, &t);

	if (!rc)
		rc = vendor_inv_entry(l, t, s, &d, &bad);
	same(s, rc, want_type, want, len);
}

static void inv_entries(void)
{
	struct ictl_iommu_hwpt_invalidate_selftest st = { .flags = 1, .iotlb_id = 2 };
	struct ictl_iommu_viommu_invalidate_selftest vst = { 1, 3, 2 };
	struct ictl_iommu_hwpt_vtd_s1_invalidate vtd = {
		.addr = 0x1000, .npages = 4, .flags = ICTL_IOMMU_VTD_INV_FLAGS_LEAF,
	};
	struct ictl_iommu_viommu_arm_smmuv3_invalidate cmd = {
		.cmd = { htole64(0x12), htole64(0x34) }
	};
	static const uint8_t raw[] = { 1, 2, 3 };
	const struct vendor_layout *l;
	const char *bad = NULL;
	uint32_t t;

	entry("selftest", "flags=all,iotlb=2", 0xdeadbeef, &st, sizeof(st));
	entry("selftest", "all,iotlb=2", 0xdeadbeef, &st, sizeof(st));
	entry("selftest_viommu", "flags=all,vdev=3,cache=2", 0xdeadbeef, &vst,
	      sizeof(vst));
	entry("vtd_s1", "addr=0x1000,npages=4,leaf", 0, &vtd, sizeof(vtd));
	entry("arm_smmuv3", "cmd0=0x12,cmd1=0x34", 1, &cmd, sizeof(cmd));
	entry("raw:0xdadbeef", "010203", 0xdadbeef, raw, 3);
	memset(&st, 0, sizeof(st));
	entry("selftest", "", 0xdeadbeef, &st, sizeof(st));

	ok(vendor_inv_type("bogus", &l, &t) == -EINVAL, "unknown type refused");
	ok(vendor_inv_type("raw:", &l, &t) == -EINVAL, "raw needs a number");
	ok(!vendor_inv_type("raw:5", &l, &t) && !l && t == 5 &&
	   !strcmp(vendor_layout_name(l), "raw"), "raw:5 has no layout");
	vendor_inv_type("selftest", &l, &t);
	ok(vendor_inv_entry(l, t, "all=1", &d, &bad) == -EINVAL && !strcmp(bad, "all=1"),
	   "a bare word takes no value");
	ok(vendor_inv_entry(l, t, "iotlb", &d, &bad) == -EINVAL, "a field needs one");
}

int main(void)
{
	tap_plan(31);
	alloc_data();
	inv_entries();
	return tap_done();
}
