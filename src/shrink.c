// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "host/klog.h"
#include "script.h"
#include "shrink.h"
#include "util/file.h"

static char *join(char **lines, size_t n)
{
	size_t i, len = 1;
	char *text, *p;

	for (i = 0; i < n; i++)
		len += strlen(lines[i]) + 1;
	p = text = malloc(len);
	if (!text)
		return NULL;
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s\n", lines[i]);
	*p = '\0';
	return text;
}

int shrink_replay(struct ctx *ctx, char **lines, size_t n, bool klog,
		  struct outcome *out)
{
	struct ctx c = *ctx;
	struct script s = { 0 };
	struct klog k = { -1, true };
	struct tally t = { 0 };
	char *text = join(lines, n);
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&c.s.reg, 0, sizeof(c.s.reg));
	c.s.ictl.fd = -1;
	c.out.quiet = true;
	c.s.loc.mute = true;
	c.opt.keep_going = false;
	c.sink = NULL;
	c.klog = NULL;
	if (!text)
		return EXIT_ENV;
	rc = script_load_text(&c, "shrink", text, &s);
	free(text);
	if (!rc)
		rc = ctx_open_iommufd(&c);
	if (!rc) {
		if (klog && !klog_open(&k))
			c.klog = &k;
		script_run(&c, &s, 0, s.n, &t);
		klog_close(&k);
		/* the candidates' lines are its steps, numbered from 1 */
		out->step = t.status ? t.fail_line - 1 : s.n;
		out->err = t.fail_errno;
		out->splat = t.fail_splat;
		c.klog = NULL;
		script_cleanup(&c, &t, true);
	}
	mem_free_all(&c);
	reg_free(&c.s.reg);
	ictl_close(&c.s.ictl);
	script_free(&s);
	return rc;
}

static bool same(const struct outcome *a, const struct outcome *b)
{
	return a->step == b->step && a->err == b->err && a->splat == b->splat;
}

/* Keep @lines minus chunk [from, to) if the replay still ends the same way */
static bool try_without(struct ctx *ctx, char **lines, size_t *n, size_t from,
			size_t to, bool klog, const struct outcome *want)
{
	size_t m = *n - (to - from), i;
	char **cand = malloc(m * sizeof(*cand));
	struct outcome got;
	struct outcome w = *want;
	bool keep;

	if (!cand)
		return false;
	for (i = 0; i < from; i++)
		cand[i] = lines[i];
	for (i = to; i < *n; i++)
		cand[i - (to - from)] = lines[i];
	w.step = m - 1;
	keep = !shrink_replay(ctx, cand, m, klog, &got) && same(&got, &w);
	if (keep) {
		for (i = from; i < to; i++)
			free(lines[i]);
		memcpy(lines, cand, m * sizeof(*cand));
		*n = m;
	}
	free(cand);
	return keep;
}

unsigned int shrink_lines(struct ctx *ctx, char **lines, size_t *n, bool klog,
			  unsigned int max_replays, bool *reproduced)
{
	struct outcome want;
	unsigned int replays = 1, parts = 2;
	size_t body, chunk, from;
	bool cut;

	*reproduced = !shrink_replay(ctx, lines, *n, klog, &want) &&
		      want.step == *n - 1;
	if (!*reproduced)
		return replays;	/* a race that one thread does not replay */
	/* ddmin over the steps before the last; complements first */
	while ((body = *n - 1) >= 1 && replays < max_replays && !stop_signal) {
		if (parts > body)
			parts = (unsigned int)body;
		chunk = (body + parts - 1) / parts;
		cut = false;
		for (from = 0; from < *n - 1 && replays < max_replays; ) {
			size_t to = from + chunk < *n - 1 ? from + chunk : *n - 1;

			replays++;
			if (try_without(ctx, lines, n, from, to, klog, &want)) {
				cut = true;
				continue;	/* the next chunk now starts here */
			}
			from = to;
		}
		if (cut)
			parts = parts > 2 ? parts - 1 : 2;
		else if (chunk == 1)
			break;
		else
			parts *= 2;
	}
	return replays;
}

int shrink_write(const char *path, char **lines, size_t n, const char *comment,
		 bool replace)
{
	struct out_file o;
	size_t i;
	int rc = file_create(&o, path, replace);

	if (rc)
		return rc;
	if (comment)
		fprintf(o.f, "# %s\n", comment);
	for (i = 0; i < n; i++)
		fprintf(o.f, "%s\n", lines[i]);
	return file_commit(&o);
}
