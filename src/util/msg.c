// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include "util/msg.h"

/* Long enough for any message the tool makes, short enough to read at once */
#define MSG_MAX 240

const char *msg_printable(const char *s, char *buf, unsigned int len)
{
	unsigned int i;

	for (i = 0; s[i] && i + 1 < len; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	buf[i] = '\0';
	if (s[i] && len > 4)
		strcpy(buf + len - 4, "...");
	return buf;
}

unsigned long msg_count;
static FILE *msg_out;

void msg_to(FILE *f)
{
	msg_out = f;
}

void msg_vat(const struct msg_loc *loc, const char *fmt, va_list ap)
{
	char raw[MSG_MAX + 2], buf[MSG_MAX + 2];
	FILE *out;

	if (loc && loc->mute)
		return;
	msg_count++;
	vsnprintf(raw, sizeof(raw), fmt, ap);
	msg_printable(raw, buf, sizeof(buf));
	out = msg_out ? msg_out : stderr;
	fputs("iommufd-ctl: ", out);
	if (loc && loc->src)
		fprintf(out, "%s:%u: ", msg_printable(loc->src, raw, 128), loc->line);
	fprintf(out, "%s\n", buf);
}

void msg_at(const struct msg_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vat(loc, fmt, ap);
	va_end(ap);
}

void msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vat(NULL, fmt, ap);
	va_end(ap);
}
