// SPDX-License-Identifier: GPL-2.0-only
/*
 * vendor.c: driver data and invalidation entries from words and back, and
 * the argument kinds built on it (hwpt alloc --data, hwpt invalidate --type
 * and --entry) and raw --hex: a step written as text must read back equal.
 */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/abi.h"
#include "tap.h"
#include "core/step.h"
#include "decode/vendor.h"
#include "op/ops.h"
#include "util/parse.h"

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

/* @s parses, is written back as @want, and that reads back to the same data */
static void data_back(const char *s, const char *want)
{
	struct vendor_data back;
	const char *bad;
	char buf[ARG_WORD_MAX];
	bool rc;

	rc = !vendor_hwpt_data(s, &d, &bad) && vendor_hwpt_format(&d, buf, sizeof(buf));
	ok(rc && !strcmp(buf, want) && !vendor_hwpt_data(buf, &back, &bad) &&
	   vendor_data_equal(&d, &back), "'%s' back as '%s'", s, rc ? buf : "(none)");
}

static void data_words(void)
{
	struct vendor_data a = { .type = 7, .len = 2, .bytes = { 1, 2, 3 } };
	struct vendor_data b = { .type = 7, .len = 2, .bytes = { 1, 2, 4 } };
	char big[2 * VENDOR_DATA_MAX + 16] = "raw:9:", buf[16];
	const char *bad;
	size_t i;

	data_back("selftest:iotlb=4660", "selftest:iotlb=0x1234");
	/* pagetable_type makes the struct longer even when it is zero */
	data_back("selftest:pagetable_type=default,iotlb=1",
		  "selftest:iotlb=0x1,pagetable_type=default");
	data_back("selftest:pagetable_type=huge", "selftest:pagetable_type=huge");
	data_back("selftest", "selftest");
	data_back("vtd_s1:pgtbl=0xabc000,addr-width=48,flags=wpe|sre|0x10",
		  "vtd_s1:flags=sre|wpe|0x10,pgtbl=0xabc000,addr-width=48");
	data_back("arm_smmuv3:ste1=16", "arm_smmuv3:ste1=0x10");
	data_back("amd_guest:dte3=0xff", "amd_guest:dte3=0xff");
	data_back("raw:0xbeef:00ff", "raw:0xbeef:00ff");
	data_back("raw:7", "raw:0x7");
	/* bytes the words cannot say stay raw: half a field, a reserved byte */
	data_back("raw:0xdead:000000000000", "raw:0xdead:000000000000");
	data_back("raw:1:00000000000000000000000000000000" "0000000000000001",
		  "raw:0x1:00000000000000000000000000000000" "0000000000000001");
	/* the most a step may carry is a page of raw bytes; a short buffer fails */
	for (i = 0; i < VENDOR_DATA_MAX; i++)
		strcat(big, "ab");
	ok(!vendor_hwpt_data(big, &d, &bad) && !vendor_hwpt_format(&d, buf, sizeof(buf)),
	   "a page of raw bytes does not fit 16 bytes of words");

	ok(vendor_data_equal(&a, &b), "bytes past the length do not count");
	b.len = 3;
	ok(!vendor_data_equal(&a, &b), "... those within it do");
	b.len = 2;
	b.type = 8;
	ok(!vendor_data_equal(&a, &b), "... and so does the type");
}

static char entry_buf[ARG_WORD_MAX];

/* Entry @i of @inv as words */
static const char *entry_words(const struct vendor_inv *inv, unsigned int i)
{
	if (!vendor_inv_entry_format(inv, i, entry_buf, sizeof(entry_buf)))
		return "(none)";
	return entry_buf;
}

static void inv_words(void)
{
	static struct vendor_inv inv, again;
	const char *bad = NULL;
	char type[32];
	unsigned int i;
	int rc;

	/* entries before their type wait for it */
	ok(!vendor_inv_add(&inv, "iotlb=3", &bad) && !vendor_inv_add(&inv, "all", &bad) &&
	   inv.n == 0 && !vendor_inv_set_type(&inv, "selftest", &bad) && inv.n == 2 &&
	   inv.npending == 0, "entries given before --type are read when it comes");
	ok(!strcmp(entry_words(&inv, 0), "iotlb=3") &&
	   !strcmp(entry_words(&inv, 1), "flags=all"),
	   "entries back as words: iotlb=3, flags=all");
	ok(vendor_inv_type_format(&inv, type, sizeof(type)) && !strcmp(type, "selftest"),
	   "the type back as its name");
	ok(vendor_inv_set_type(&inv, "selftest", &bad) == 0,
	   "the same --type again is no change");
	ok(vendor_inv_set_type(&inv, "vtd_s1", &bad) == -EBUSY,
	   "another --type after entries is refused");
	ok(vendor_inv_set_type(&inv, "bogus", &bad) == -ENOENT, "an unknown type");

	memset(&again, 0, sizeof(again));
	vendor_inv_set_type(&again, "selftest", &bad);
	vendor_inv_add(&again, "iotlb=3", &bad);
	vendor_inv_add(&again, "flags=1", &bad);
	ok(vendor_inv_type_equal(&inv, &again) && vendor_inv_entries_equal(&inv, &again),
	   "other words for the same entries are equal");
	vendor_inv_add(&again, "", &bad);
	ok(!vendor_inv_entries_equal(&inv, &again) && !strcmp(entry_words(&again, 2), ""),
	   "one more entry is not; an empty entry is the empty word");

	memset(&inv, 0, sizeof(inv));
	rc = vendor_inv_set_type(&inv, "raw:0xdadbeef", &bad);
	ok(!rc && !vendor_inv_add(&inv, "0A0b", &bad) && !vendor_inv_add(&inv, "", &bad) &&
	   vendor_inv_type_format(&inv, type, sizeof(type)) &&
	   !strcmp(type, "raw:0xdadbeef") && !strcmp(entry_words(&inv, 0), "0a0b") &&
	   !strcmp(entry_words(&inv, 1), "") && vendor_inv_min_len(&inv) == 0,
	   "raw entries back as hex, the type as raw:0x..");
	ok(vendor_inv_add(&inv, "0a0", &bad) == -EINVAL && !strcmp(bad, "0"),
	   "an odd hex digit is refused where it stands");

	memset(&inv, 0, sizeof(inv));
	vendor_inv_set_type(&inv, "selftest", &bad);
	for (i = 0, rc = 0; i < VENDOR_INV_MAX && !rc; i++)
		rc = vendor_inv_add(&inv, "iotlb=1", &bad);
	ok(!rc && vendor_inv_add(&inv, "iotlb=1", &bad) == -ENOSPC,
	   "at most %d entries", VENDOR_INV_MAX);
	memset(&inv, 0, sizeof(inv));
	ok(vendor_inv_add(&inv, "00", &bad) == 0 && vendor_inv_set_type(&inv, "vtd_s1", &bad) &&
	   !strcmp(bad, "00"), "a waiting entry is refused when its type comes");
}

/* The custom kind of @op's option --@opt */
static const struct arg_custom *kind_of(const struct op *op, const char *opt)
{
	const struct arg *a;

	for (a = op->args; a->opt || a->meta; a++)
		if (a->opt && !strcmp(a->opt, opt))
			return a->custom;
	return NULL;
}

static void kinds(void)
{
	const struct arg_custom *data = kind_of(&op_hwpt_alloc, "data");
	struct perr e = { "" };
	struct vendor_data x, y;
	char buf[64];

	ok(data && !data->parse("selftest:iotlb=1", &x, &e) &&
	   data->format(&x, 0, buf, sizeof(buf)) && !strcmp(buf, "selftest:iotlb=0x1") &&
	   !data->format(&x, 1, buf, sizeof(buf)), "--data: one word back");
	ok(data && !data->parse("selftest", &x, &e) &&
	   !data->parse("raw:0xdead:00000000", &y, &e) && data->equal(&x, &y),
	   "--data: raw bytes of the same struct are equal to its words");
	ok(data && data->parse("selftest:tlb=1", &y, &e) == -EINVAL &&
	   !strcmp(e.msg, "bad --data at 'tlb=1'"), "--data: %s", e.msg);
	ok(kind_of(&op_hwpt_invalidate, "type") && kind_of(&op_hwpt_invalidate, "entry") &&
	   kind_of(&op_raw, "hex"), "--type, --entry and raw --hex are custom kinds");
}

/* @line as a step, written back as @want, reads back to an equal step */
static void round_trip(const char *line, const char *want)
{
	struct step a = { 0 }, b = { 0 };
	char **va = NULL, **vb = NULL, out[2 * ARG_WORD_MAX];
	const char *why;
	struct perr e = { "" };
	int na, nb;
	bool rc;

	rc = !parse_words(line, &na, &va, &why) && !step_parse(&a, na, va, &e) &&
	     !step_format(&a, out, sizeof(out)) && !strcmp(out, want) &&
	     !parse_words(out, &nb, &vb, &why) && !step_parse(&b, nb, vb, &e) &&
	     step_equal(&a, &b);
	ok(rc, "'%.80s' round trip%s%s", line, e.msg[0] ? ": " : "", e.msg);
	if (!rc)
		diag("wrote '%.200s'", out);
	step_free(&a);
	step_free(&b);
	free(va);
	free(vb);
}

/* The longest --data: a page of raw bytes, written back as one word */
static void page_of_data(void)
{
	static char line[2 * VENDOR_DATA_MAX + 64];
	size_t i;

	strcpy(line, "hwpt alloc 1 2 --data raw:0x9:");
	for (i = 0; i < VENDOR_DATA_MAX; i++)
		strcat(line, "5a");
	round_trip(line, line);
}

static void steps(void)
{
	struct step a = { 0 }, b = { 0 };
	char *va[] = { "hwpt", "invalidate", "@h", "--type", "selftest", "--entry", "iotlb=1" };
	char *vb[] = { "hwpt", "invalidate", "@h", "--type", "selftest", "--entry", "iotlb=2" };
	struct perr e;

	round_trip("hwpt alloc @d @p --data selftest:iotlb=4660 -n n",
		   "hwpt alloc @d @p --data selftest:iotlb=0x1234 --name n");
	round_trip("hwpt alloc @d 3 --data raw:0xdead:0000000000 --fault @f --nest-parent",
		   "hwpt alloc @d 3 --nest-parent --fault @f --data raw:0xdead:0000000000");
	round_trip("hwpt invalidate @h --entry iotlb=2 --entry all --type selftest --entry-len 16",
		   "hwpt invalidate @h --type selftest --entry iotlb=2 --entry flags=all "
		   "--entry-len 16");
	round_trip("hwpt invalidate @v --type selftest_viommu --entry all,vdev=0x99,cache=1",
		   "hwpt invalidate @v --type selftest_viommu --entry flags=all,vdev=0x99,cache=1");
	round_trip("hwpt invalidate 5 --type raw:9 --entry '' --entry 0A --expect EINVAL",
		   "hwpt invalidate 5 --type raw:0x9 --entry \"\" --entry 0a --expect EINVAL");
	round_trip("hwpt invalidate @h --type vtd_s1 --entry leaf,npages=4,addr=4096",
		   "hwpt invalidate @h --type vtd_s1 --entry addr=0x1000,npages=4,flags=leaf");
	round_trip("raw ioas-alloc --size 16 --hex 0000000000000000010000",
		   "raw ioas-alloc --size 16 --hex 0000000000000000010000");
	page_of_data();
	ok(!step_parse(&a, 7, va, &e) && !step_parse(&b, 7, vb, &e) && !step_equal(&a, &b),
	   "steps with other entries differ");
	step_free(&a);
	step_free(&b);
}

int main(void)
{
	tap_plan(71);
	alloc_data();
	inv_entries();
	data_words();
	inv_words();
	kinds();
	steps();
	return tap_done();
}
