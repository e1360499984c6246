// SPDX-License-Identifier: GPL-2.0-only
/*
 * mock: devices and checks of the CONFIG_IOMMUFD_TEST selftest driver.
 * A check the kernel does not confirm fails like any other operation.
 */
#include <argp.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "ops.h"
#include "util/parse.h"

enum {
	OPT_NAME = 'n', OPT_FLAGS = 0x1000, OPT_MEM, OPT_IOVA, OPT_LENGTH,
	OPT_PAGE_SIZE, OPT_PAGES, OPT_ID, OPT_VALUE, OPT_REFS, OPT_ADDR,
	OPT_PASID, OPT_GRPID, OPT_PERM, OPT_COUNT,
};

/* IOMMU_TEST_OP_DIRTY takes at most 16M bytes of bitmap */
#define DIRTY_MAX_BITS	((uint64_t)16 << 20 << 3)

static const struct flag_name dev_flags[] = {
	{ "no-dirty", ICTL_MOCK_FLAGS_DEVICE_NO_DIRTY },
	{ "pasid", ICTL_MOCK_FLAGS_DEVICE_PASID },
	{ NULL, 0 }
};

struct mock_args {
	const char *pos[2];		/* positional arguments */
	unsigned int want;		/* how many the command takes */
	const char *what;		/* their names, for "missing ..." */
	/* a command's own checks once every option is in */
	int (*check)(struct argp_state *st, struct mock_args *a);

	const char *name, *mem, *pages;
	uint64_t flags, iova, length, page_size, id, value, refs;
	bool has_flags, has_iova, has_length, has_page_size, has_id, has_value;
	uint64_t addr, pasid, grpid, perm, count;	/* trigger-* */
	bool has_addr;
};

static error_t num_opt(int key, char *arg, struct argp_state *st,
		       struct mock_args *a)
{
	switch (key) {
	case OPT_IOVA:
		a->has_iova = true;
		return arg_u64(st, arg, &a->iova);
	case OPT_LENGTH:
		a->has_length = true;
		return arg_u64(st, arg, &a->length);
	case OPT_PAGE_SIZE:
		a->has_page_size = true;
		return arg_u64(st, arg, &a->page_size);
	case OPT_ID:
		a->has_id = true;
		return arg_u64(st, arg, &a->id);
	case OPT_VALUE:
		a->has_value = true;
		return arg_u64(st, arg, &a->value);
	case OPT_REFS:
		return arg_u64(st, arg, &a->refs);
	case OPT_ADDR:
		a->has_addr = true;
		return arg_u64(st, arg, &a->addr);
	case OPT_PASID:
		return arg_u64(st, arg, &a->pasid);
	case OPT_GRPID:
		return arg_u64(st, arg, &a->grpid);
	case OPT_COUNT:
		return arg_u64(st, arg, &a->count);
	}
	return ARGP_ERR_UNKNOWN;
}

static error_t mock_opt(int key, char *arg, struct argp_state *st)
{
	struct mock_args *a = st->input;
	const char *bad;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_MEM:
		a->mem = arg;
		return 0;
	case OPT_PAGES:
		a->pages = arg;
		return 0;
	case OPT_PERM:
		if (parse_flags(arg, pgfault_perm_names, &a->perm, &bad) ||
		    a->perm > UINT32_MAX) {
			argp_error(st, "bad --perm at '%s' (r, w, x, priv or a number)",
				   a->perm > UINT32_MAX ? arg : bad);
			return EINVAL;
		}
		return 0;
	case OPT_FLAGS:
		if (parse_flags(arg, dev_flags, &a->flags, &bad)) {
			argp_error(st, "unknown device flag at '%s' (no-dirty, pasid or a number)",
				   bad);
			return EINVAL;
		}
		a->has_flags = true;
		return 0;
	case ARGP_KEY_ARG:
		/* an argument past those the command takes meets a filled slot */
		if (!a->want)
			return arg_take(st, &(const char *){ "" }, arg);
		return arg_take(st, &a->pos[a->pos[0] && a->want > 1], arg);
	case ARGP_KEY_END:
		if (a->want && arg_need(st, a->pos[a->want - 1], a->what))
			return EINVAL;
		return a->check ? a->check(st, a) : 0;
	}
	return num_opt(key, arg, st, a);
}

/* --mem names memory an earlier step allocated; a raw address is no use */
static struct reg_entry *resolve_mem(struct ctx *ctx, const char *arg)
{
	struct reg_entry *e;
	uint32_t unused;

	if (cmd_resolve(ctx, arg, OBJ_BIT(OBJ_MEM), &e, &unused))
		return NULL;
	if (!e)
		msg_err(ctx, "--mem takes an @name");
	return e;
}

/* The selftest object behind a mock device; a plain number is taken as one */
uint32_t stdev_of(const struct reg_entry *dev, uint32_t id)
{
	return dev && dev->stdev_id ? dev->stdev_id : id;
}

/* ---- mock create ---- */

static const struct argp_option create_opts[] = {
	{ "name", OPT_NAME, "NAME", 0, "Name the new device (default devN)", 0 },
	{ "flags", OPT_FLAGS, "FLAGS", 0, "Device flags: no-dirty, pasid (comma list)", 0 },
	{ 0 }
};

static const struct argp create_argp = { create_opts, mock_opt, "IOAS|HWPT",
	"Create a mock device (CONFIG_IOMMUFD_TEST) attached to an IOAS or HWPT. "
	"It serves as a dev_id for every device operation.", NULL, NULL, NULL };

static void fill_create(struct ictl_iommu_test_cmd *cmd, const struct mock_args *a)
{
	/* the plain op predates device flags; use it when none are asked for */
	cmd->op = a->has_flags ? ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS :
				 ICTL_IOMMU_TEST_OP_MOCK_DOMAIN;
	if (a->has_flags)
		cmd->mock_domain_flags.dev_flags = (uint32_t)a->flags;
}

static int mock_create(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { 0 };
	struct mock_args a = { .want = 1, .what = "IOAS or HWPT to attach to" };
	struct reg_entry *pt, *dev;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_create, &create_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)) ||
	    (rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT),
			      &pt, &cmd.id)))
		return rc;
	fill_create(&cmd, &a);
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("mock.create");
	op_id(op, "pt", cmd.id);
	if (!rc) {
		/* both ops return the ids at the same offsets */
		dev = cmd_register(ctx, op, OBJ_DEV, cmd.mock_domain.out_idev_id,
				   a.name);
		op_id(op, "stdev", cmd.mock_domain.out_stdev_id);
		op_id(op, "hwpt", cmd.mock_domain.out_hwpt_id);
		if (dev)
			dev->stdev_id = cmd.mock_domain.out_stdev_id;
		else
			rc = -ENOMEM;
	}
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_mock_create = {
	.object = "mock", .verb = "create", .fn = mock_create,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "create a mock device (CONFIG_IOMMUFD_TEST) on an IOAS or HWPT",
};

/* ---- mock replace ---- */

static const struct argp replace_argp = { NULL, mock_opt, "DEV PT",
	"Move a mock device to another IOAS or HWPT (iommufd_device_replace). "
	"A plain number for DEV is its selftest object id (stdev).",
	NULL, NULL, NULL };

static int mock_replace(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE };
	struct mock_args a = { .want = 2, .what = "DEV and PT" };
	struct reg_entry *dev, *pt;
	struct json_object *op;
	uint32_t dev_id, pt_id;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_replace, &replace_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_DEV), &dev, &dev_id)) ||
	    (rc = cmd_resolve(ctx, a.pos[1], OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT),
			      &pt, &pt_id)))
		return rc;
	cmd.id = stdev_of(dev, dev_id);
	cmd.mock_domain_replace.pt_id = pt_id;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("mock.replace");
	if (dev)
		op_id(op, "dev", dev_id);
	op_id(op, "stdev", cmd.id);
	op_id(op, "pt", pt_id);
	/* for an IOAS the kernel answers with the HWPT it attached */
	if (!rc)
		op_id(op, "hwpt", cmd.mock_domain_replace.pt_id);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_mock_replace = {
	.object = "mock", .verb = "replace", .fn = mock_replace,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "move a mock device to another IOAS or HWPT (MOCK_DOMAIN_REPLACE)",
};

/* ---- mock check-map, check-refs ---- */

static int need_mem(struct argp_state *st, struct mock_args *a)
{
	if (a->refs <= UINT32_MAX)
		return arg_need(st, a->mem, "--mem");
	argp_error(st, "--refs is at most 0xffffffff");
	return EINVAL;
}

static int need_iova_mem(struct argp_state *st, struct mock_args *a)
{
	if (a->has_iova)
		return need_mem(st, a);
	argp_error(st, "missing --iova");
	return EINVAL;
}

static const struct argp_option check_map_opts[] = {
	{ "iova", OPT_IOVA, "IOVA", 0, "Start of the range", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Length (default: all of --mem)", 0 },
	{ "mem", OPT_MEM, "@MEM", 0, "The memory the range must map", 0 },
	{ 0 }
};

static const struct argp check_map_argp = { check_map_opts, mock_opt, "HWPT",
	"Check that a mock paging HWPT maps the range to the pages of --mem.",
	NULL, NULL, NULL };

static int mock_check_map(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_MD_CHECK_MAP };
	struct mock_args a = { .want = 1, .what = "HWPT", .check = need_iova_mem };
	struct reg_entry *hwpt, *mem;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_check_map, &check_map_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_HWPT), &hwpt, &cmd.id)))
		return rc;
	if (!(mem = resolve_mem(ctx, a.mem)))
		return EXIT_USAGE;
	cmd.check_map.iova = a.iova;
	cmd.check_map.length = a.has_length ? a.length : mem->len;
	cmd.check_map.uptr = (uintptr_t)mem->mem;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("mock.check-map");
	op_id(op, "hwpt", cmd.id);
	op_str(op, "mem", mem->name);
	op_hex(op, "iova", cmd.check_map.iova);
	op_hex(op, "length", cmd.check_map.length);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_mock_check_map = {
	.object = "mock", .verb = "check-map", .fn = mock_check_map,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "check what a mock HWPT maps an IOVA range to (MD_CHECK_MAP)",
};

static const struct argp_option check_refs_opts[] = {
	{ "mem", OPT_MEM, "@MEM", 0, "The memory whose pages to check", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Bytes to check (default: all of --mem)", 0 },
	{ "refs", OPT_REFS, "N", 0, "Pins each page must have (default 0)", 0 },
	{ 0 }
};

static const struct argp check_refs_argp = { check_refs_opts, mock_opt, NULL,
	"Check the pin count of every page of --mem: 0 once nothing maps it, "
	"1 per domain-backed mapping.", NULL, NULL, NULL };

static int mock_check_refs(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_MD_CHECK_REFS };
	struct mock_args a = { .check = need_mem };
	struct json_object *op;
	struct reg_entry *mem;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_check_refs, &check_refs_argp, argc, argv, &a))
		return ctx->parse_status;
	if (!(mem = resolve_mem(ctx, a.mem)))
		return EXIT_USAGE;
	cmd.check_refs.length = a.has_length ? a.length : mem->len;
	cmd.check_refs.uptr = (uintptr_t)mem->mem;
	cmd.check_refs.refs = (uint32_t)a.refs;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("mock.check-refs");
	op_str(op, "mem", mem->name);
	op_hex(op, "length", cmd.check_refs.length);
	op_u64(op, "refs", cmd.check_refs.refs);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_mock_check_refs = {
	.object = "mock", .verb = "check-refs", .fn = mock_check_refs,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "check the pin count of user pages (MD_CHECK_REFS)",
};

/* ---- mock check-iotlb, check-dev-cache ---- */

static int need_id_value(struct argp_state *st, struct mock_args *a)
{
	if (a->has_id && a->has_value && a->id <= UINT32_MAX &&
	    a->value <= UINT32_MAX)
		return 0;
	argp_error(st, "give --id and --value, each at most 0xffffffff");
	return EINVAL;
}

static const struct argp_option slot_opts[] = {
	{ "id", OPT_ID, "N", 0, "Which entry", 0 },
	{ "value", OPT_VALUE, "V", 0, "The value it must hold", 0 },
	{ 0 }
};

static const struct argp check_iotlb_argp = { slot_opts, mock_opt, "HWPT",
	"Check an IOTLB entry of a mock nested HWPT: it starts as the iotlb of "
	"its selftest data and invalidation zeroes it.", NULL, NULL, NULL };

static const struct argp check_dev_cache_argp = { slot_opts, mock_opt, "DEV",
	"Check a cache entry of a mock device (6.13+): it starts as 0xbaddad and "
	"vIOMMU invalidation zeroes it.", NULL, NULL, NULL };

/* What tells the two checks of one cached value apart */
struct slot_check {
	const struct cmd *self;
	const struct argp *argp;
	uint32_t op;
	unsigned int mask;
	const char *what, *op_name, *obj;
};

static int slot_check(struct ctx *ctx, int argc, char **argv,
		      const struct slot_check *sc)
{
	struct ictl_iommu_test_cmd cmd = { .op = sc->op };
	struct mock_args a = { .want = 1, .what = sc->what, .check = need_id_value };
	struct reg_entry *e;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, sc->self, sc->argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], sc->mask, &e, &cmd.id)))
		return rc;
	/* check_iotlb and check_dev_cache are both {id, value} */
	cmd.check_iotlb.id = (uint32_t)a.id;
	cmd.check_iotlb.iotlb = (uint32_t)a.value;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin(sc->op_name);
	op_id(op, sc->obj, cmd.id);
	op_u64(op, "id", a.id);
	op_hex(op, "value", a.value);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

static const struct slot_check iotlb_check = {
	&cmd_mock_check_iotlb, &check_iotlb_argp, ICTL_IOMMU_TEST_OP_MD_CHECK_IOTLB,
	OBJ_BIT(OBJ_HWPT), "HWPT", "mock.check-iotlb", "hwpt",
};

static const struct slot_check dev_cache_check = {
	&cmd_mock_check_dev_cache, &check_dev_cache_argp,
	ICTL_IOMMU_TEST_OP_DEV_CHECK_CACHE, OBJ_BIT(OBJ_DEV), "DEV",
	"mock.check-dev-cache", "dev",
};

static int mock_check_iotlb(struct ctx *ctx, int argc, char **argv)
{
	return slot_check(ctx, argc, argv, &iotlb_check);
}

static int mock_check_dev_cache(struct ctx *ctx, int argc, char **argv)
{
	return slot_check(ctx, argc, argv, &dev_cache_check);
}

const struct cmd cmd_mock_check_iotlb = {
	.object = "mock", .verb = "check-iotlb", .fn = mock_check_iotlb,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "check an IOTLB entry of a mock nested HWPT (MD_CHECK_IOTLB)",
};

const struct cmd cmd_mock_check_dev_cache = {
	.object = "mock", .verb = "check-dev-cache", .fn = mock_check_dev_cache,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "check a cache entry of a mock device (DEV_CHECK_CACHE)",
};

/* ---- mock add-reserved ---- */

static int need_range(struct argp_state *st, struct mock_args *a)
{
	if (a->has_iova && a->has_length)
		return 0;
	argp_error(st, "give --iova and --length");
	return EINVAL;
}

static const struct argp_option range_opts[] = {
	{ "iova", OPT_IOVA, "IOVA", 0, "Start of the range", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Length of the range", 0 },
	{ 0 }
};

static const struct argp add_reserved_argp = { range_opts, mock_opt, "IOAS",
	"Reserve an IOVA range of an IOAS, as a device's reserved region would.",
	NULL, NULL, NULL };

static int mock_add_reserved(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_ADD_RESERVED };
	struct mock_args a = { .want = 1, .what = "IOAS", .check = need_range };
	struct reg_entry *ioas;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_add_reserved, &add_reserved_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_IOAS), &ioas, &cmd.id)))
		return rc;
	cmd.add_reserved.start = a.iova;
	cmd.add_reserved.length = a.length;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("mock.add-reserved");
	op_id(op, "ioas", cmd.id);
	op_hex(op, "iova", a.iova);
	op_hex(op, "length", a.length);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_mock_add_reserved = {
	.object = "mock", .verb = "add-reserved", .fn = mock_add_reserved,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "reserve an IOVA range of an IOAS (ADD_RESERVED)",
};

/* ---- mock memory-limit ---- */

static int limit_u32(struct argp_state *st, struct mock_args *a)
{
	if (!parse_u64(a->pos[0], &a->value) && a->value <= UINT32_MAX)
		return 0;
	argp_error(st, "bad limit '%s'", a->pos[0]);
	return EINVAL;
}

static const struct argp memory_limit_argp = { NULL, mock_opt, "BYTES",
	"Set the kernel's temporary page-batch memory (SET_TEMP_MEMORY_LIMIT), "
	"so that maps split into many batches. It is global to the kernel: "
	"set 65536 to restore the default.", NULL, NULL, NULL };

static int mock_memory_limit(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = {
		.op = ICTL_IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT
	};
	struct mock_args a = { .want = 1, .what = "BYTES", .check = limit_u32 };
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_memory_limit, &memory_limit_argp, argc, argv, &a))
		return ctx->parse_status;
	cmd.memory_limit.limit = (uint32_t)a.value;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("mock.memory-limit");
	op_u64(op, "limit", cmd.memory_limit.limit);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_mock_memory_limit = {
	.object = "mock", .verb = "memory-limit", .fn = mock_memory_limit,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "set the kernel's temporary batch memory limit (SET_TEMP_MEMORY_LIMIT)",
};

/* ---- mock dirty ---- */

/* Bits of the bitmap; past the kernel's limit it refuses before reading any */
static uint64_t dirty_bits(const struct mock_args *a)
{
	uint64_t n = a->page_size ? a->length / a->page_size : 0;

	return n < DIRTY_MAX_BITS ? n : DIRTY_MAX_BITS;
}

/*
 * Set the bits of @list ("0,2,5"), or all @nbits without a list; with a NULL
 * @bitmap only check the list. -EINVAL with *bad at the first bad index.
 */
static int mark_pages(const char *list, uint64_t *bitmap, uint64_t nbits,
		      const char **bad)
{
	char word[24];
	uint64_t i;

	for (i = 0; !list && bitmap && i < nbits; i++)
		bitmap[i / 64] |= 1ull << (i % 64);
	while (list && *list) {
		size_t len = strcspn(list, ",");

		*bad = list;
		if (!len || len >= sizeof(word))
			return -EINVAL;
		memcpy(word, list, len);
		word[len] = '\0';
		if (parse_u64(word, &i) || i >= nbits)
			return -EINVAL;
		if (bitmap)
			bitmap[i / 64] |= 1ull << (i % 64);
		list += len + (list[len] == ',');
	}
	return 0;
}

static uint64_t count_bits(const uint64_t *bitmap, uint64_t nbits)
{
	uint64_t i, n = 0;

	for (i = 0; i < (nbits + 63) / 64; i++)
		n += (uint64_t)__builtin_popcountll(bitmap[i]);
	return n;
}

static int dirty_range(struct argp_state *st, struct mock_args *a)
{
	const char *bad;

	/*
	 * The mock's IO page: 6.12 indexes its page table by IOVA / (CPU page
	 * size / 2), whatever page size the call gives, and 7.x uses 2048.
	 */
	if (!a->has_page_size)
		a->page_size = ICTL_MOCK_PAGE_SIZE;
	if (need_range(st, a))
		return EINVAL;
	if (!mark_pages(a->pages, NULL, dirty_bits(a), &bad))
		return 0;
	argp_error(st, "bad page index at '%s' (%" PRIu64 " pages)", bad,
		   dirty_bits(a));
	return EINVAL;
}

static const struct argp_option dirty_opts[] = {
	{ "iova", OPT_IOVA, "IOVA", 0, "Start of the range", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Length of the range", 0 },
	{ "page-size", OPT_PAGE_SIZE, "SIZE", 0,
	  "Bytes per page (default 2048, the mock's IO page)", 0 },
	{ "pages", OPT_PAGES, "LIST", 0,
	  "Page indices from --iova to mark, e.g. 0,2,5 (default: every page)", 0 },
	{ 0 }
};

static const struct argp dirty_argp = { dirty_opts, mock_opt, "HWPT",
	"Mark pages of a mock paging HWPT dirty, as a device writing them would. "
	"The HWPT must track dirty pages (hwpt set-dirty --enable).",
	NULL, NULL, NULL };

static int mock_dirty(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_DIRTY };
	struct mock_args a = { .want = 1, .what = "HWPT", .check = dirty_range };
	uint64_t *bitmap, nbits;
	struct reg_entry *hwpt;
	struct json_object *op;
	const char *bad;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_dirty, &dirty_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_HWPT), &hwpt, &cmd.id)))
		return rc;
	nbits = dirty_bits(&a);
	bitmap = calloc(nbits / 64 + 1, sizeof(*bitmap));
	if (!bitmap) {
		msg_err(ctx, "mock dirty: out of memory");
		return EXIT_OPFAIL;
	}
	mark_pages(a.pages, bitmap, nbits, &bad);
	cmd.dirty.iova = a.iova;
	cmd.dirty.length = a.length;
	cmd.dirty.page_size = a.page_size;
	cmd.dirty.uptr = (uintptr_t)bitmap;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("mock.dirty");
	op_id(op, "hwpt", cmd.id);
	op_hex(op, "iova", a.iova);
	op_hex(op, "length", a.length);
	op_hex(op, "page_size", a.page_size);
	op_u64(op, "marked", count_bits(bitmap, nbits));
	free(bitmap);
	/* 6.12 counts the marked pages that are mapped, 7.x every marked page */
	if (!rc)
		op_u64(op, "nr_dirty", cmd.dirty.out_nr_dirty);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_mock_dirty = {
	.object = "mock", .verb = "dirty", .fn = mock_dirty,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "mark pages of a mock HWPT dirty (IOMMU_TEST_OP_DIRTY)",
};

/* ---- mock trigger-iopf, trigger-vevent ---- */

static int need_addr(struct argp_state *st, struct mock_args *a)
{
	if (!a->has_addr) {
		argp_error(st, "missing --addr");
		return EINVAL;
	}
	if (a->pasid > UINT32_MAX || a->grpid > UINT32_MAX) {
		argp_error(st, "--pasid and --grpid are at most 0xffffffff");
		return EINVAL;
	}
	return 0;
}

static const struct argp_option iopf_opts[] = {
	{ "addr", OPT_ADDR, "ADDR", 0, "The faulting address", 0 },
	{ "pasid", OPT_PASID, "P", 0,
	  "The PASID (default 0: none; any other sets pasid_valid)", 0 },
	{ "grpid", OPT_GRPID, "G", 0, "The page request group (default 0)", 0 },
	{ "perm", OPT_PERM, "PERM", 0,
	  "Access asked: r, w, x, priv or a number, comma list (default r,w)", 0 },
	{ 0 }
};

static const struct argp iopf_argp = { iopf_opts, mock_opt, "DEV",
	"Report an I/O page fault of a mock device, as a page request of the "
	"device would be (TRIGGER_IOPF). It reaches the fault queue of the HWPT "
	"the device is attached to, if that has one; the mock always sets "
	"last_page, and pasid_valid for a PASID other than 0. The kernel "
	"answers 0 also when no fault queue took it: fault read tells.",
	NULL, NULL, NULL };

static int mock_trigger_iopf(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_TRIGGER_IOPF };
	struct mock_args a = { .want = 1, .what = "DEV", .check = need_addr,
			       .perm = ICTL_IOMMU_PGFAULT_PERM_READ |
				       ICTL_IOMMU_PGFAULT_PERM_WRITE };
	struct json_object *op;
	struct reg_entry *dev;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_trigger_iopf, &iopf_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_DEV), &dev,
			      &cmd.trigger_iopf.dev_id)))
		return rc;
	cmd.trigger_iopf.pasid = (uint32_t)a.pasid;
	cmd.trigger_iopf.grpid = (uint32_t)a.grpid;
	cmd.trigger_iopf.perm = (uint32_t)a.perm;
	cmd.trigger_iopf.addr = a.addr;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("mock.trigger-iopf");
	op_id(op, "dev", cmd.trigger_iopf.dev_id);
	op_hex(op, "addr", cmd.trigger_iopf.addr);
	op_u64(op, "pasid", cmd.trigger_iopf.pasid);
	op_u64(op, "grpid", cmd.trigger_iopf.grpid);
	op_flags(op, "perm", pgfault_perm_names, cmd.trigger_iopf.perm);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_mock_trigger_iopf = {
	.object = "mock", .verb = "trigger-iopf", .fn = mock_trigger_iopf,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "report an I/O page fault of a mock device (TRIGGER_IOPF)",
};

static int need_count(struct argp_state *st, struct mock_args *a)
{
	if (a->count >= 1 && a->count <= 100000)
		return 0;
	argp_error(st, "--count is 1 to 100000");
	return EINVAL;
}

static const struct argp_option vevent_opts[] = {
	{ "count", OPT_COUNT, "N", 0, "Report N events (default 1)", 0 },
	{ 0 }
};

static const struct argp vevent_argp = { vevent_opts, mock_opt, "DEV",
	"Report a vIOMMU event of a mock device (TRIGGER_VEVENT, 6.15 and later): "
	"it goes to the selftest vEVENTQ of the vIOMMU the device's vDEVICE "
	"is on, with the vDEVICE's virtual ID as payload. ENOENT unless the "
	"device has a vDEVICE and is attached to a nested HWPT of that vIOMMU; "
	"EOPNOTSUPP without such a queue.", NULL, NULL, NULL };

static int mock_trigger_vevent(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_TRIGGER_VEVENT };
	struct mock_args a = { .want = 1, .what = "DEV", .check = need_count,
			       .count = 1 };
	struct json_object *op;
	struct reg_entry *dev;
	uint64_t i, ns = 0;
	int rc = 0;

	if (!cmd_parse(ctx, &cmd_mock_trigger_vevent, &vevent_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_DEV), &dev,
			      &cmd.trigger_vevent.dev_id)))
		return rc;
	/* stops at the first refusal: i is then how many the kernel took */
	for (i = 0; i < a.count; i++) {
		rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
		ns += ctx->s.ictl.last_ns;
		if (rc)
			break;
	}
	op = op_begin("mock.trigger-vevent");
	op_id(op, "dev", cmd.trigger_vevent.dev_id);
	op_u64(op, "count", a.count);
	op_u64(op, "triggered", i);
	return op_end(ctx, op, rc, ns);
}

const struct cmd cmd_mock_trigger_vevent = {
	.object = "mock", .verb = "trigger-vevent", .fn = mock_trigger_vevent,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "report vIOMMU events of a mock device (TRIGGER_VEVENT)",
};
