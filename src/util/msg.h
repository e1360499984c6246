/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Messages for the user, on stderr: "iommufd-ctl: [FILE:LINE: ]text", one
 * short printable line whatever the input was (a message may echo a
 * megabyte-long word or terminal escapes from a script).
 */
#ifndef ICTL_MSG_H
#define ICTL_MSG_H

#include <stdarg.h>
#include <stdio.h>

/* Where a message points: the script and line of the running step */
struct msg_loc {
	const char *src;	/* NULL on the command line */
	unsigned int line;
	_Bool mute;		/* say nothing (the shrinker's replays) */
};

/* Messages printed so far (the fuzz targets count them) */
extern unsigned long msg_count;
/* Where messages go from now on (NULL: stderr); the fuzz targets mute them */
void msg_to(FILE *f);

void msg_at(const struct msg_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void msg_vat(const struct msg_loc *loc, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Without a location */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * @s with control characters replaced by '?' and cut to @len - 1 bytes
 * with "..." at the end, into @buf; for echoing user input in messages
 * and text output.
 */
const char *msg_printable(const char *s, char *buf, unsigned int len);

#endif
