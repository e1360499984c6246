// SPDX-License-Identifier: GPL-2.0-only
/*
 * parse_words(): every script line goes through it before anything runs.
 * Checked beyond memory safety:
 * - the vector is NULL-terminated after exactly argc words, all inside the
 *   one allocation the caller frees;
 * - without quotes or backslashes the words are exactly the blank-separated
 *   runs up to a '#' word, so no word holds an unquoted blank;
 * - quoting every word and joining them gives back the same words, so a
 *   script writer can always spell any word the parser can produce.
 */
#include <errno.h>

#include "util/parse.h"
#include "fuzz.h"

static const char blanks[] = " \t\r\n";

static void check_vector(int argc, char **argv)
{
	char *next = (char *)(argv + argc + 1);
	int i;

	fuzz_assert(argc >= 0 && argv[argc] == NULL);
	for (i = 0; i < argc; i++) {
		fuzz_assert(argv[i] == next);
		next += strlen(argv[i]) + 1;
	}
}

/* Words of a line without quotes or backslashes, the obvious way. */
static void check_plain(const char *line, int argc, char **argv)
{
	const char *p = line;
	size_t n;
	int i = 0;

	for (;;) {
		p += strspn(p, blanks);
		if (!*p || *p == '#')
			break;
		n = strcspn(p, blanks);
		fuzz_assert(i < argc && strlen(argv[i]) == n &&
			    !memcmp(argv[i], p, n));
		fuzz_assert(!strpbrk(argv[i], blanks));
		i++;
		p += n;
	}
	fuzz_assert(i == argc);
}

/* 'word' with each ' written as '\'' */
static char *quote_all(int argc, char **argv)
{
	size_t len = 1;
	char *buf, *o;
	int i;

	for (i = 0; i < argc; i++)
		len += 4 * strlen(argv[i]) + 3;
	o = buf = malloc(len);
	if (!buf)
		abort();
	for (i = 0; i < argc; i++) {
		const char *c;

		*o++ = '\'';
		for (c = argv[i]; *c; c++) {
			if (*c == '\'') {
				memcpy(o, "'\\''", 4);
				o += 4;
			} else {
				*o++ = *c;
			}
		}
		*o++ = '\'';
		*o++ = ' ';
	}
	*o = '\0';
	return buf;
}

static void check_requote(int argc, char **argv)
{
	char *line = quote_all(argc, argv), **v2;
	const char *why = NULL;
	int argc2, i;

	fuzz_assert(parse_words(line, &argc2, &v2, &why) == 0);
	fuzz_assert(argc2 == argc);
	for (i = 0; i < argc; i++)
		fuzz_assert(!strcmp(v2[i], argv[i]));
	free(v2);
	free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_str(data, size), **argv = NULL;
	const char *why = NULL;
	int argc = -1, rc;

	rc = parse_words(line, &argc, &argv, &why);
	fuzz_assert(rc == 0 || rc == -EINVAL || rc == -ENOMEM);
	if (rc == -EINVAL)
		fuzz_assert(why && *why);
	if (rc == 0) {
		fuzz_assert(argc >= 0 && (size_t)argc <= strlen(line));
		check_vector(argc, argv);
		if (!strpbrk(line, "'\"\\"))
			check_plain(line, argc, argv);
		check_requote(argc, argv);
		free(argv);
	}
	free(line);
	return 0;
}
