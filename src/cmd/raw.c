// SPDX-License-Identifier: GPL-2.0-only
/*
 * raw: any iommufd ioctl with a struct the user lays out byte by byte, for
 * the kernel's size rules (too small: EINVAL; larger with non-zero bytes it
 * does not know: E2BIG) and anything else the other commands keep valid.
 */
#include <argp.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "decode/ioctls.h"
#include "util/parse.h"

#define RAW_MAX 4096	/* one page: --readonly-arg needs the struct in one */


enum { OPT_SIZE = 0x1000, OPT_HEX };

struct raw_args {
	const char *ioctl;
	const char *hex;
	uint64_t size;
	bool has_size;
};

static error_t raw_opt(int key, char *arg, struct argp_state *st)
{
	struct raw_args *a = st->input;

	switch (key) {
	case OPT_SIZE:
		a->has_size = true;
		return arg_u64(st, arg, &a->size);
	case OPT_HEX:
		a->hex = arg;
		return 0;
	case ARGP_KEY_ARG:
		return arg_take(st, &a->ioctl, arg);
	case ARGP_KEY_END:
		return arg_need(st, a->ioctl, "IOCTL (a name or a number)");
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option raw_opts[] = {
	{ "size", OPT_SIZE, "N", 0, "Value of the leading size field, and the "
	  "bytes passed (default: 4 + the --hex bytes; at most 4096)", 0 },
	{ "hex", OPT_HEX, "BYTES", 0, "The struct after its size field, as hex "
	  "bytes (00ff...); the rest is zero", 0 },
	{ 0 }
};

static const struct argp raw_argp = { raw_opts, raw_opt, "IOCTL",
	"Issue an iommufd ioctl by name (ioas-alloc, hwpt-alloc, test-cmd, ...) "
	"or number (0x80..0xff) with a struct laid out by hand. The record "
	"shows the struct as the kernel left it.", NULL, NULL, NULL };

static int unhex(const char *s, uint8_t *out, size_t max, size_t *len)
{
	size_t n = 0;

	for (; s[0] && s[1]; s += 2, n++) {
		if (n == max || !isxdigit((unsigned char)s[0]) ||
		    !isxdigit((unsigned char)s[1]))
			return -EINVAL;
		out[n] = (uint8_t)strtoul((char[]){ s[0], s[1], 0 }, NULL, 16);
	}
	*len = n;
	return *s ? -EINVAL : 0;
}

static char *tohex(const uint8_t *b, size_t len)
{
	char *s = malloc(len * 2 + 1);
	size_t i;

	for (i = 0; s && i < len; i++)
		snprintf(s + 2 * i, 3, "%02x", b[i]);
	if (s)
		s[2 * len] = '\0';
	return s;
}

static int raw_layout(struct ctx *ctx, const struct raw_args *a, uint8_t *buf,
		      uint32_t *size, uint64_t *nr)
{
	const char *bad;
	size_t len = 0;

	if (parse_flags(a->ioctl, iommufd_ioctls, nr, &bad) || *nr > 0xff) {
		msg_err(ctx, "raw: unknown ioctl '%s'", a->ioctl);
		return EXIT_USAGE;
	}
	if (a->hex && unhex(a->hex, buf + 4, RAW_MAX - 4, &len)) {
		msg_err(ctx, "raw: bad --hex (pairs of hex digits, at most %d bytes)",
			RAW_MAX - 4);
		return EXIT_USAGE;
	}
	if (a->has_size && a->size > RAW_MAX) {
		msg_err(ctx, "raw: --size above %d", RAW_MAX);
		return EXIT_USAGE;
	}
	*size = a->has_size ? (uint32_t)a->size : (uint32_t)(4 + len);
	memcpy(buf, size, sizeof(*size));
	return EXIT_OK;
}

static int raw(struct ctx *ctx, int argc, char **argv)
{
	struct raw_args a = { 0 };
	uint8_t buf[RAW_MAX] __attribute__((aligned(8))) = { 0 };
	struct json_object *op;
	uint32_t size;
	uint64_t nr;
	char *hex;
	int rc;

	if (!cmd_parse(ctx, &cmd_raw, &raw_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = raw_layout(ctx, &a, buf, &size, &nr)))
		return rc;
	rc = ictl_ioctl(&ctx->s.ictl, _IO(ICTL_IOMMUFD_TYPE, nr), buf);
	op = op_begin("raw");
	op_str(op, "ioctl", a.ioctl);
	op_hex(op, "nr", nr);
	op_u64(op, "size", size);
	hex = tohex(buf, size < 4 ? 4 : size);
	op_str(op, "struct", hex);
	free(hex);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_raw = {
	.object = "raw", .fn = raw,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "issue any iommufd ioctl with a hand-made struct",
};
