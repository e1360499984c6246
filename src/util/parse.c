// SPDX-License-Identifier: GPL-2.0-only
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/parse.h"

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int suffix_shift(const char *s, unsigned int *shift)
{
	static const char units[] = "KMGTPE";
	const char *u;

	if (!*s) {
		*shift = 0;
		return 0;
	}
	u = s[1] ? NULL : memchr(units, *s & ~0x20, sizeof(units) - 1);
	if (!u)
		return -EINVAL;
	*shift = 10 * (unsigned int)(u - units + 1);
	return 0;
}

static bool hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/*
 * Digits in @base from *@s on, moving *@s past them; -ERANGE when they are
 * more than 64 bits (all of them are still taken).
 */
static int digits(const char **s, unsigned int base, uint64_t *out)
{
	const char *p = *s;
	uint64_t v = 0;
	bool over = false;
	int d;

	for (; (d = nibble(*p)) >= 0 && (unsigned int)d < base; p++) {
		if (v > (UINT64_MAX - (unsigned int)d) / base)
			over = true;
		v = v * base + (unsigned int)d;
	}
	*s = p;
	*out = v;
	return over ? -ERANGE : 0;
}

int parse_u64(const char *s, uint64_t *out)
{
	unsigned int shift, base = 10;
	uint64_t v;

	/* no leading space or sign: a size never has either */
	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	/* decimal or 0x, as the man page says: a leading 0 is no octal */
	if (hex_prefix(s)) {
		if (nibble(s[2]) < 0)
			return -EINVAL;
		s += 2;
		base = 16;
		/* "0x0x10" is 0x10, as the C library's strtoull() reads it */
		if (hex_prefix(s) && nibble(s[2]) >= 0)
			s += 2;
	}
	if (digits(&s, base, &v))
		return -ERANGE;
	if (suffix_shift(s, &shift))
		return -EINVAL;
	if (shift && (v >> (64 - shift)))
		return -ERANGE;
	*out = v << shift;
	return 0;
}

int parse_u32(const char *s, uint32_t *out)
{
	uint64_t v;
	int rc = parse_u64(s, &v);

	if (rc)
		return rc;
	if (v > UINT32_MAX)
		return -ERANGE;
	*out = (uint32_t)v;
	return 0;
}

int parse_duration(const char *s, uint64_t *ns)
{
	static const struct { char unit; uint64_t ns; } units[] = {
		{ '\0', 1000000000ull }, { 's', 1000000000ull },
		{ 'm', 60000000000ull }, { 'h', 3600000000000ull },
	};
	unsigned long long v;
	char *end;
	size_t i;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE)
		return -ERANGE;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (end[0] != units[i].unit || (end[0] && end[1]))
			continue;
		if (v > UINT64_MAX / units[i].ns)
			return -ERANGE;
		*ns = v * units[i].ns;
		return 0;
	}
	return -EINVAL;
}

/* Digits written backwards from the end of a scratch buffer, then moved */
static int fmt_base(uint64_t v, unsigned int shift, char *buf)
{
	static const char x[] = "0123456789abcdef";
	char tmp[FMT_NUM_MAX], *p = tmp + sizeof(tmp);
	int n;

	do {
		*--p = x[shift ? v & 15 : v % 10];
		v = shift ? v >> 4 : v / 10;
	} while (v);
	n = (int)(tmp + sizeof(tmp) - p);
	memcpy(buf, p, (size_t)n);
	buf[n] = '\0';
	return n;
}

int fmt_dec(uint64_t v, char *buf)
{
	return fmt_base(v, 0, buf);
}

int fmt_int(int64_t v, char *buf)
{
	if (v >= 0)
		return fmt_base((uint64_t)v, 0, buf);
	buf[0] = '-';
	return 1 + fmt_base(-(uint64_t)v, 0, buf + 1);
}

int fmt_hex(uint64_t v, char *buf)
{
	buf[0] = '0';
	buf[1] = 'x';
	return 2 + fmt_base(v, 4, buf + 2);
}

/* errno numbers stay far below this on every Linux architecture */
#define ERRNO_MAX 4096

const char *errno_name(int err)
{
	if (err <= 0 || err >= ERRNO_MAX)
		return NULL;
	return strerrorname_np(err);
}

/* The names <errno.h> gives a second time; strerrorname_np() has the first */
static const struct { const char *name; int value; } errno_aliases[] = {
	{ "EWOULDBLOCK", EWOULDBLOCK },
	{ "ENOTSUP", ENOTSUP },
	{ "EDEADLOCK", EDEADLOCK },
};

int parse_errno(const char *s, int *out)
{
	unsigned long v;
	char *end;
	size_t i;
	int e;

	if (!s || !*s)
		return -EINVAL;
	/* a number the C library has a name for, in plain decimal */
	if (isdigit((unsigned char)*s)) {
		errno = 0;
		v = strtoul(s, &end, 10);
		if (*end || errno || v == 0 || v >= ERRNO_MAX || !errno_name((int)v))
			return -EINVAL;
		*out = (int)v;
		return 0;
	}
	for (i = 0; i < sizeof(errno_aliases) / sizeof(errno_aliases[0]); i++) {
		if (!strcasecmp(errno_aliases[i].name, s)) {
			*out = errno_aliases[i].value;
			return 0;
		}
	}
	for (e = 1; e < ERRNO_MAX; e++) {
		const char *name = strerrorname_np(e);

		if (name && !strcasecmp(name, s)) {
			*out = e;
			return 0;
		}
	}
	return -EINVAL;
}

static int flag_word(const char *w, size_t len, const struct flag_name *table,
		     uint64_t *out)
{
	char buf[64];
	uint64_t v;

	for (; table->name; table++) {
		if (strlen(table->name) == len && !strncmp(table->name, w, len)) {
			*out |= table->value;
			return 0;
		}
	}
	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, w, len);
	buf[len] = '\0';
	if (parse_u64(buf, &v))
		return -EINVAL;
	*out |= v;
	return 0;
}

int parse_flags(const char *s, const struct flag_name *table, uint64_t *out,
		const char **bad)
{
	*out = 0;
	while (*s) {
		size_t len = strcspn(s, ",");

		if (!len || flag_word(s, len, table, out)) {
			*bad = s;
			return -EINVAL;
		}
		s += len;
		if (*s == ',')
			s++;
	}
	return 0;
}

const char *flag_value_name(const struct flag_name *table, uint64_t v)
{
	for (; table && table->name; table++)
		if (table->value == v)
			return table->name;
	return NULL;
}

void flags_format(const struct flag_name *table, uint64_t v, char *buf,
		  size_t len)
{
	const struct flag_name *n;
	size_t used = 0;

	buf[0] = '\0';
	for (n = table; n && n->name && used < len; n++) {
		if (!n->value || (v & n->value) != n->value)
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 used ? "," : "", n->name);
		v &= ~n->value;
	}
	if (used < len && (v || !used))
		snprintf(buf + used, len - used, "%s0x%" PRIx64, used ? "," : "", v);
}

int parse_hex(const char *s, uint8_t *out, size_t max, size_t *len,
	      const char **bad)
{
	size_t i, n = strlen(s);
	int hi, lo;

	if (n / 2 > max) {
		*bad = s;
		return -ERANGE;
	}
	for (i = 0; i < n; i += 2) {
		hi = nibble(s[i]);
		lo = i + 1 < n ? nibble(s[i + 1]) : -1;
		if (hi < 0 || lo < 0) {
			*bad = s + i;
			return -EINVAL;
		}
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return 0;
}

bool hex_format(const uint8_t *b, size_t n, char *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (len <= 2 * n)
		return false;
	for (i = 0; i < n; i++) {
		buf[2 * i] = digits[b[i] >> 4];
		buf[2 * i + 1] = digits[b[i] & 15];
	}
	buf[2 * n] = '\0';
	return true;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Bytes that are part of a word as they are: not NUL, blank, quote or '\\' */
static const bool word_byte[256] = {
	[0x01 ... 0x08] = true, [0x0b ... 0x0c] = true, [0x0e ... 0x1f] = true,
	[0x21] = true, [0x23 ... 0x26] = true, [0x28 ... 0x5b] = true,
	[0x5d ... 0xff] = true,
};

/* Scan one word from *s into @out; returns its length or -1. */
static long scan_word(const char **s, char *out, const char **why)
{
	const char *p = *s;
	long n = 0;
	char q = 0;

	for (;; p++) {
		/* most of a script is runs of ordinary bytes outside quotes */
		if (!q) {
			while (word_byte[(unsigned char)*p])
				out[n++] = *p++;
		}
		if (!*p || (!q && blank(*p)))
			break;
		if (q && *p == q) {
			q = 0;
			continue;
		}
		if (!q && (*p == '\'' || *p == '"')) {
			q = *p;
			continue;
		}
		if (*p == '\\' && q != '\'') {
			if (!*++p || *p == '\n') {
				*why = "trailing backslash";
				return -1;
			}
		}
		out[n++] = *p;
	}
	if (q) {
		*why = q == '"' ? "unterminated \" quote" : "unterminated ' quote";
		return -1;
	}
	*s = p;
	return n;
}

static const char *skip_blanks(const char *p)
{
	while (blank(*p))
		p++;
	return p;
}

/*
 * A word takes at least one byte of the line and a blank after it, and
 * gives back no more bytes than it took: a line of @len bytes has at most
 * (@len + 1) / 2 words, in at most @len + 1 bytes with their NULs.
 */
size_t words_room(size_t len)
{
	return (len + 1) / 2 + 1;
}

int split_words(const char *line, char **v, char *buf, int *argc,
		const char **why)
{
	const char *p = skip_blanks(line);
	int words = 0;
	long n;

	while (*p && *p != '#') {
		n = scan_word(&p, buf, why);
		if (n < 0)
			return -EINVAL;
		v[words++] = buf;
		buf[n] = '\0';
		buf += n + 1;
		p = skip_blanks(p);
	}
	v[words] = NULL;
	*argc = words;
	return 0;
}

size_t words_size(char *const *v, int argc)
{
	size_t bytes = argc ? (size_t)(v[argc - 1] - v[0]) +
			      strlen(v[argc - 1]) + 1 : 0;

	return (size_t)(argc + 1) * sizeof(*v) + bytes;
}

char **words_pack(char *const *v, int argc, void *dst)
{
	char **d = dst, *bytes = (char *)(d + argc + 1), *base = v[0];
	size_t n = words_size(v, argc) - (size_t)(argc + 1) * sizeof(*v);
	int i;

	/* the bytes first: @dst may be @v, with the bytes further on */
	if (argc)
		memmove(bytes, base, n);
	for (i = 0; i < argc; i++)
		d[i] = bytes + (v[i] - base);
	d[argc] = NULL;
	return d;
}

int parse_words(const char *line, int *argc, char ***argv, const char **why)
{
	size_t len = strlen(line), room = words_room(len);
	char **v = malloc(room * sizeof(*v) + len + 1);

	if (!v)
		return -ENOMEM;
	if (split_words(line, v, (char *)(v + room), argc, why)) {
		free(v);
		return -EINVAL;
	}
	*argv = words_pack(v, *argc, v);
	return 0;
}

int parse_range(const char *s, uint64_t *start, uint64_t *last)
{
	size_t n = strcspn(s, "-+");
	char head[32];
	uint64_t v;
	int rc;

	if (!s[n] || n >= sizeof(head))
		return -EINVAL;
	memcpy(head, s, n);
	head[n] = '\0';
	if ((rc = parse_u64(head, start)) || (rc = parse_u64(s + n + 1, &v)))
		return rc;
	if (s[n] == '-') {
		*last = v;
		return v < *start ? -EINVAL : 0;
	}
	if (!v || v - 1 > UINT64_MAX - *start)
		return -ERANGE;
	*last = *start + v - 1;
	return 0;
}
