/* SPDX-License-Identifier: GPL-2.0-only */
/* Parsers for user input: numbers with suffixes, errno names. Pure functions, no output. */
#ifndef ICTL_PARSE_H
#define ICTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "4096", "0x1000", "64K", "2M", "1G", "1T"; -EINVAL on junk, -ERANGE on overflow */
int parse_u64(const char *s, uint64_t *out);
/*
 * @v in decimal (with a '-' for fmt_int), or as 0x and lower-case hex digits,
 * NUL-terminated in @buf, which holds FMT_NUM_MAX bytes; the length.
 */
#define FMT_NUM_MAX	24
int fmt_dec(uint64_t v, char *buf);
int fmt_int(int64_t v, char *buf);
int fmt_hex(uint64_t v, char *buf);
int parse_u32(const char *s, uint32_t *out);

/* "90", "90s", "15m", "2h" -> nanoseconds; -EINVAL on junk, -ERANGE on overflow */
int parse_duration(const char *s, uint64_t *ns);

/* "EBUSY", "ebusy" or "16" -> 16; -EINVAL if unknown */
int parse_errno(const char *s, int *out);

/* errno name for @err (> 0) or NULL when the C library has none */
const char *errno_name(int err);



struct flag_name {
	const char *name;
	uint64_t value;
};

/*
 * "a,b,c" of names from @table (NULL-name terminated), or a plain number for
 * values the table does not know (fuzzing the kernel's checks). -EINVAL with
 * *bad pointing at the first unknown word.
 */
int parse_flags(const char *s, const struct flag_name *table, uint64_t *out,
		const char **bad);

/* The name of value @v in @table, NULL if it has none */
const char *flag_value_name(const struct flag_name *table, uint64_t v);

/*
 * @v as parse_flags() reads it back: the names of @table (a name counts
 * when all its bits are set) joined by ',', then the bits left as one
 * "0x.." number; "0x0" for none. Cut short when @len is too small.
 */
void flags_format(const struct flag_name *table, uint64_t v, char *buf,
		  size_t len);

/*
 * Pairs of hex digits ("00ff", either case) into at most @max bytes at
 * @out, *@len of them. -EINVAL with *@bad at the first pair that is none,
 * or -ERANGE with *@bad at @s for more than @max bytes.
 */
int parse_hex(const char *s, uint8_t *out, size_t max, size_t *len,
	      const char **bad);

/* @n bytes as 2 * @n hex digits; false (and nothing written) if @len is short */
bool hex_format(const uint8_t *b, size_t n, char *buf, size_t len);

/* "START-LAST" (inclusive) or "START+LENGTH" -> [start, last]; -EINVAL/-ERANGE */
int parse_range(const char *s, uint64_t *start, uint64_t *last);

/*
 * Split a script line into words: blanks separate, '...' and "..." quote,
 * a backslash escapes the next character outside single quotes, '#' at the
 * start of a word begins a comment. *argv is one allocation (free it
 * once); it ends with a NULL. -EINVAL with *why set for an unterminated
 * quote or a trailing backslash, -ENOMEM.
 */
int parse_words(const char *line, int *argc, char ***argv, const char **why);
/*
 * The same into room the caller has: @v holds words_room(strlen(@line))
 * pointers, @buf strlen(@line) + 1 bytes. 0, or -EINVAL with *why set.
 */
size_t words_room(size_t len);
int split_words(const char *line, char **v, char *buf, int *argc,
		const char **why);
/*
 * Words @v[0..@argc) lying one after another from @v[0], as split_words()
 * leaves them, as parse_words() gives them: the vector, then the bytes.
 * words_size() bytes at @dst, which may be @v; returns @dst.
 */
size_t words_size(char *const *v, int argc);
char **words_pack(char *const *v, int argc, void *dst);

#endif
