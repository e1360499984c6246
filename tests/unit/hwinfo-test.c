// SPDX-License-Identifier: GPL-2.0-only
/* hwinfo.c: type and capability names, vendor payloads decoded from known registers */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "lib/abi.h"
#include "core/render.h"
#include "decode/hwinfo.h"
#include "util/rec.h"
#include "tap.h"

static struct arena arena;

/*
 * What the decoders put in a record, as the renderer prints it, read back:
 * the value under "v" of a record that one call filled. NULL where the
 * value is null.
 */
static struct json_object *as_json(struct rec *r)
{
	struct json_object *j = out_json(r), *p, *v = NULL;

	p = json_tokener_parse(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN));
	json_object_put(j);
	if (json_object_object_get_ex(p, "v", &v))
		json_object_get(v);
	json_object_put(p);
	return v;
}

static struct json_object *decode(uint32_t type, const void *data, size_t len)
{
	struct rec *r;

	arena_reset(&arena);
	r = rec_new(&arena);
	hwinfo_decode(r, "v", type, data, len);
	return as_json(r);
}

/* The value at a dotted path ("decoded.cap.mgaw"), NULL if absent. */
static struct json_object *at(struct json_object *o, const char *path)
{
	char buf[128], *key, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (key = strtok_r(buf, ".", &save); key && o;
	     key = strtok_r(NULL, ".", &save))
		if (!json_object_object_get_ex(o, key, &o))
			return NULL;
	return o;
}

static void is_int(struct json_object *o, const char *path, uint64_t want)
{
	struct json_object *v = at(o, path);

	ok(v && json_object_is_type(v, json_type_int) &&
	   json_object_get_uint64(v) == want, "%s == %llu (got %s)", path,
	   (unsigned long long)want, v ? json_object_to_json_string(v) : "nothing");
}

static void is_bool(struct json_object *o, const char *path, int want)
{
	struct json_object *v = at(o, path);

	ok(v && json_object_is_type(v, json_type_boolean) &&
	   json_object_get_boolean(v) == want, "%s is %s", path,
	   want ? "true" : "false");
}

static void is_str(struct json_object *o, const char *path, const char *want)
{
	struct json_object *v = at(o, path);

	ok(v && !strcmp(json_object_get_string(v), want), "%s == \"%s\" (got %s)",
	   path, want, v ? json_object_get_string(v) : "nothing");
}

static void is_json(struct json_object *o, const char *want, const char *what)
{
	const char *got = o ? json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN) :
			      "nothing";

	ok(!strcmp(got, want), "%s (got %s)", what, got);
}

static void names(void)
{
	struct json_object *caps;
	struct rec *r;
	uint32_t t = 0;

	ok(!strcmp(hwinfo_type_name(1), "intel_vtd") &&
	   !strcmp(hwinfo_type_name(0xfeedbeef), "selftest") &&
	   !strcmp(hwinfo_type_name(0), "none") && !hwinfo_type_name(77),
	   "type names; none for 77");
	ok(!hwinfo_type_parse("arm_smmuv3", &t) && t == 2, "arm_smmuv3 -> 2");
	ok(!hwinfo_type_parse("default", &t) && t == 0, "default -> 0");
	ok(!hwinfo_type_parse("0x10", &t) && t == 16, "a number passes through");
	ok(hwinfo_type_parse("vtd", &t) < 0, "an unknown name is refused");

	arena_reset(&arena);
	r = rec_new(&arena);
	hwinfo_caps(r, "v", ICTL_IOMMU_HW_CAP_DIRTY_TRACKING |
		    ICTL_IOMMU_HW_CAP_PCI_PASID_PRIV | (1ull << 9));
	caps = as_json(r);
	ok(!strcmp(json_object_to_json_string_ext(caps, JSON_C_TO_STRING_PLAIN),
		   "[\"dirty_tracking\",\"pci_pasid_priv\",\"bit9\"]"),
	   "capabilities: %s", json_object_to_json_string(caps));
	json_object_put(caps);
}

static void vtd(void)
{
	/*
	 * cap: nd 6, cm, sagaw 0x4 (4-level), mgaw field 47, fro field 0x22,
	 * sllps 1, psi, mamv 0x12, dwd, drd, fl1gp, esrtps.
	 * ecap: c, qi, ir, eim, pt, iro field 0x21, mhmv 0xf, nest, pss 0x13,
	 * pasid, smts, slts, flts.
	 */
	struct ictl_iommu_hw_info_vtd v = {
		.flags = ICTL_IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17,
		.cap_reg = 0x81d20084222f0486ull,
		.ecap_reg = 0xc99804f0215bull,
	};
	struct json_object *o = decode(1, &v, sizeof(v));
	struct rec *r;

	is_str(o, "cap_reg", "0x81d20084222f0486");
	is_str(o, "ecap_reg", "0xc99804f0215b");
	is_bool(o, "errata_772415_spr17", 1);
	is_int(o, "decoded.cap.nd", 6);
	is_bool(o, "decoded.cap.cm", 1);
	is_bool(o, "decoded.cap.rwbf", 0);
	is_int(o, "decoded.cap.sagaw", 4);
	is_int(o, "decoded.cap.mgaw", 48);
	is_int(o, "decoded.cap.fro", 0x220);
	is_int(o, "decoded.cap.sllps", 1);
	is_bool(o, "decoded.cap.psi", 1);
	is_int(o, "decoded.cap.nfr", 1);
	is_int(o, "decoded.cap.mamv", 0x12);
	is_bool(o, "decoded.cap.fl1gp", 1);
	is_bool(o, "decoded.cap.pi", 0);
	is_bool(o, "decoded.cap.esrtps", 1);
	is_bool(o, "decoded.ecap.c", 1);
	is_bool(o, "decoded.ecap.dt", 0);
	is_bool(o, "decoded.ecap.ir", 1);
	is_int(o, "decoded.ecap.iro", 0x210);
	is_int(o, "decoded.ecap.mhmv", 0xf);
	is_bool(o, "decoded.ecap.nest", 1);
	is_int(o, "decoded.ecap.pss", 0x13);
	is_bool(o, "decoded.ecap.pasid", 1);
	is_bool(o, "decoded.ecap.smts", 1);
	is_bool(o, "decoded.ecap.slads", 0);
	is_bool(o, "decoded.ecap.flts", 1);
	is_bool(o, "decoded.ecap.smpwcs", 0);
	json_object_put(o);
	arena_reset(&arena);
	r = rec_new(&arena);
	ok(!hwinfo_decode(r, "v", 1, &v, sizeof(v) - 1) &&
	   rec_get(r, "v") && rec_get(r, "v")->kind == V_NULL,
	   "a short VT-d payload is not decoded: null");
}

/*
 * The registers QEMU's intel-iommu showed the test VM (caching-mode=on,
 * intremap=on, default 39-bit address width): fields that follow from that
 * configuration and from QEMU's register layout.
 */
static void vtd_qemu(void)
{
	struct ictl_iommu_hw_info_vtd v = {
		.cap_reg = 0xd2008c22260286ull,
		.ecap_reg = 0xf00f4aull,
	};
	struct json_object *o = decode(1, &v, sizeof(v));

	is_bool(o, "errata_772415_spr17", 0);
	is_int(o, "decoded.cap.mgaw", 39);
	is_int(o, "decoded.cap.sagaw", 2);	/* 3-level tables only */
	is_bool(o, "decoded.cap.cm", 1);
	is_int(o, "decoded.cap.fro", 0x220);
	is_int(o, "decoded.cap.nfr", 1);
	is_bool(o, "decoded.ecap.ir", 1);
	is_bool(o, "decoded.ecap.qi", 1);
	is_bool(o, "decoded.ecap.pt", 1);
	is_int(o, "decoded.ecap.iro", 0xf0);
	json_object_put(o);

	/* the whole record: every field, in the register's order, with its type */
	v.flags = ICTL_IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17;
	o = decode(1, &v, sizeof(v));
	is_json(o, "{\"flags\":1,\"errata_772415_spr17\":true,"
		"\"cap_reg\":\"0xd2008c22260286\",\"ecap_reg\":\"0xf00f4a\","
		"\"decoded\":{\"cap\":{\"nd\":6,\"afl\":false,\"rwbf\":false,"
		"\"plmr\":false,\"phmr\":false,\"cm\":true,\"sagaw\":2,\"mgaw\":39,"
		"\"zlr\":false,\"isoch\":false,\"fro\":544,\"sllps\":3,\"psi\":true,"
		"\"nfr\":1,\"mamv\":18,\"dwd\":true,\"drd\":true,\"fl1gp\":false,"
		"\"pi\":false,\"fl5lp\":false,\"ecmds\":false,\"esirtps\":false,"
		"\"esrtps\":false},\"ecap\":{\"c\":false,\"qi\":true,\"dt\":false,"
		"\"ir\":true,\"eim\":false,\"pt\":true,\"sc\":false,\"iro\":240,"
		"\"mhmv\":15,\"mts\":false,\"nest\":false,\"dis\":false,\"prs\":false,"
		"\"ers\":false,\"srs\":false,\"nwfs\":false,\"eafs\":false,\"pss\":0,"
		"\"pasid\":false,\"dit\":false,\"pds\":false,\"smts\":false,"
		"\"slads\":false,\"slts\":false,\"flts\":false,\"smpwcs\":false,"
		"\"rps\":false,\"pms\":false}}}", "the whole VT-d record");
	json_object_put(o);
}

static void smmuv3(void)
{
	struct ictl_iommu_hw_info_arm_smmuv3 v = {
		.idr = { 0x805249b, 0x2600510, 0, 0x400, 0, 0x200055 },
		.iidr = 0x4831243b,
		.aidr = 0x2,
	};
	struct json_object *o = decode(2, &v, sizeof(v));

	is_bool(o, "errata_repeat_tlbi_cfgi", 0);
	ok(json_object_array_length(at(o, "idr")) == 6 &&
	   !strcmp(json_object_get_string(json_object_array_get_idx(at(o, "idr"), 5)),
		   "0x200055"), "idr[5] kept raw");
	is_str(o, "aidr", "0x2");
	is_bool(o, "decoded.idr0.s1p", 1);
	is_bool(o, "decoded.idr0.s2p", 1);
	is_int(o, "decoded.idr0.ttf", 2);
	is_int(o, "decoded.idr0.httu", 2);
	is_bool(o, "decoded.idr0.ats", 1);
	is_bool(o, "decoded.idr0.msi", 1);
	is_bool(o, "decoded.idr0.pri", 1);
	is_int(o, "decoded.idr0.st_level", 1);
	is_int(o, "decoded.idr1.sidsize", 16);
	is_int(o, "decoded.idr1.ssidsize", 20);
	is_int(o, "decoded.idr1.cmdqs", 19);
	is_bool(o, "decoded.idr3.ril", 1);
	is_int(o, "decoded.idr5.oas", 5);
	is_bool(o, "decoded.idr5.gran4k", 1);
	is_bool(o, "decoded.idr5.gran16k", 0);
	is_int(o, "decoded.idr5.stall_max", 0x20);
	is_int(o, "decoded.iidr.implementer", 0x43b);
	is_int(o, "decoded.iidr.productid", 0x483);
	json_object_put(o);
}

static void others(void)
{
	struct ictl_iommu_hw_info_amd amd = { .efr = 0x10000f00000887ull, .efr2 = 0x302 };
	struct ictl_iommu_hw_info_tegra241_cmdqv tg = { .version = 1, .log2vcmdqs = 7,
							.log2vsids = 4 };
	struct ictl_iommu_test_hw_info st = { .test_reg = 0xdeadbeef };
	uint8_t raw[3] = { 0xab, 0x01, 0xff };
	struct json_object *o;

	o = decode(4, &amd, sizeof(amd));
	is_str(o, "efr", "0x10000f00000887");
	is_bool(o, "decoded.efr.ppr", 1);
	is_bool(o, "decoded.efr.nx", 0);
	is_bool(o, "decoded.efr.ga", 1);
	is_int(o, "decoded.efr.hats", 2);
	is_int(o, "decoded.efr.pasmax", 0xf);
	is_bool(o, "decoded.efr.hdsup", 1);
	is_bool(o, "decoded.efr2.sevsnpio_sup", 1);
	is_int(o, "decoded.efr2.num_int_remap_sup", 3);
	json_object_put(o);

	o = decode(3, &tg, sizeof(tg));
	is_int(o, "log2vcmdqs", 7);
	json_object_put(o);

	o = decode(ICTL_IOMMU_HW_INFO_TYPE_SELFTEST, &st, sizeof(st));
	is_str(o, "test_reg", "0xdeadbeef");
	is_json(o, "{\"flags\":0,\"test_reg\":\"0xdeadbeef\"}", "the whole selftest record");
	json_object_put(o);

	o = decode(0x1234, raw, sizeof(raw));
	is_str(o, "raw", "ab01ff");
	json_object_put(o);
	ok(!decode(0, NULL, 0), "type none without data: null");
}

int main(void)
{
	tap_plan(81);
	names();
	vtd();
	vtd_qemu();
	smmuv3();
	others();
	arena_free(&arena);
	return tap_done();
}
