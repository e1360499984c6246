// SPDX-License-Identifier: GPL-2.0-only
/*
 * raw: any iommufd ioctl with a struct the user lays out byte by byte, for
 * the kernel's size rules (too small: EINVAL; larger with non-zero bytes it
 * does not know: E2BIG) and anything else the other commands keep valid.
 */
#include <errno.h>
#include <string.h>

#include "core/op.h"
#include "core/session.h"
#include "decode/ioctls.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

#define RAW_NR_MAX	0xff	/* ioctl numbers are a byte */

static int hex_parse(const char *w, void *f, struct perr *e)
{
	struct raw_bytes *h = f;
	const char *bad;

	if (parse_hex(w, h->b, sizeof(h->b), &h->len, &bad))
		return perr(e, "bad --hex (pairs of hex digits, at most %zu bytes)",
			    sizeof(h->b));
	return 0;
}

static bool hex_word(const void *f, unsigned int i, char *buf, size_t len)
{
	const struct raw_bytes *h = f;

	return !i && hex_format(h->b, h->len, buf, len);
}

static bool hex_equal(const void *a, const void *b)
{
	const struct raw_bytes *x = a, *y = b;

	return x->len == y->len && !memcmp(x->b, y->b, x->len);
}

/* --hex: the bytes after the size field */
static const char *const hex_kind_samples[] = {
	"00", "0102ff", "000000000000000001", NULL
};

static const struct arg_custom hex_kind = {
	.parse = hex_parse, .format = hex_word, .equal = hex_equal,
	.samples = hex_kind_samples,
};

static const struct arg raw_args[] = {
	{ .kind = ARG_ENUM, AT(struct raw_args, nr), .flags = ARG_REQUIRED,
	  .names = iommufd_ioctls, .meta = "IOCTL" },
	{ .opt = "size", .kind = ARG_U64, AT(struct raw_args, size),
	  HAS(struct raw_args, has_size), .max = RAW_MAX, .meta = "N",
	  .doc = "Value of the leading size field, and the bytes passed "
		 "(default: 4 + the --hex bytes; at most 4096)" },
	{ .opt = "hex", .kind = ARG_CUSTOM, AT(struct raw_args, hex),
	  HAS(struct raw_args, has_hex), .custom = &hex_kind, .meta = "BYTES",
	  .doc = "The struct after its size field, as hex bytes (00ff...); the rest is zero" },
	{ 0 }
};

static int raw_check(const void *args, struct perr *e)
{
	const struct raw_args *a = args;

	if (a->nr > RAW_NR_MAX)
		return perr(e, "unknown IOCTL '0x%x'", a->nr);
	return 0;
}

static int raw(struct session *s, const void *args, struct result *r)
{
	const struct raw_args *a = args;
	uint8_t *buf = sess_scratch(s, RAW_MAX);
	uint32_t size;

	if (!buf) {
		sess_err(s, "raw: out of memory");
		return -ENOMEM;
	}
	size = a->has_size ? (uint32_t)a->size : (uint32_t)(4 + a->hex.len);
	memcpy(buf, &size, sizeof(size));
	memcpy(buf + 4, a->hex.b, a->hex.len);
	r->err = ictl_ioctl(&s->ictl, _IO(ICTL_IOMMUFD_TYPE, a->nr), buf);
	r->v[RAW_NR] = a->nr;
	r->v[RAW_SIZE] = size;
	/* the struct as the kernel left it, the size field at least */
	r->data = buf;
	r->len = size < 4 ? 4 : size;
	return 0;
}

static void raw_record(struct rec *rec, const void *args, const struct result *r)
{
	char *hex = rec ? arena_alloc(rec->a, 2 * r->len + 1) : NULL;

	(void)args;
	rec_name(rec, "ioctl", flag_value_name(iommufd_ioctls, r->v[RAW_NR]),
		 r->v[RAW_NR]);
	rec_hex(rec, "nr", r->v[RAW_NR]);
	rec_u64(rec, "size", r->v[RAW_SIZE]);
	rec_lit(rec, "struct", hex && hex_format(r->data, r->len, hex, 2 * r->len + 1) ?
		hex : NULL);
}

const struct op op_raw = {
	.object = "raw", .name = "raw",
	.summary = "issue any iommufd ioctl with a hand-made struct",
	.doc = "Issue an iommufd ioctl by name (ioas-alloc, hwpt-alloc, test-cmd, ...) "
	       "or number (0x80..0xff) with a struct laid out by hand. The record "
	       "shows the struct as the kernel left it.",
	.args = raw_args, .args_size = sizeof(struct raw_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = raw_check, .exec = raw, .record = raw_record,
};
