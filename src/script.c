// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "mem.h"
#include "ops.h"
#include "parse.h"
#include "script.h"

void script_free(struct script *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].argv);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int script_add(struct ctx *ctx, struct script *s, const char *text)
{
	const char *why = NULL;
	struct step st = { .line = ctx->line };

	if (parse_words(text, &st.argc, &st.argv, &why)) {
		msg_err(ctx, "%s", why ? why : strerror(ENOMEM));
		return EXIT_USAGE;
	}
	if (!st.argc) {
		free(st.argv);
		return EXIT_OK;
	}
	if (cmd_check_step(ctx, st.argc, st.argv) ||
	    (s->n == s->cap &&
	     !(s->v = reallocarray(s->v, s->cap = s->cap * 2 + 16, sizeof(st))))) {
		free(st.argv);
		return EXIT_USAGE;
	}
	s->v[s->n++] = st;
	return EXIT_OK;
}

int script_load(struct ctx *ctx, const char *path, struct script *s)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t cap = 0;
	char *buf = NULL;
	int rc = EXIT_OK;
	ssize_t len;

	s->name = strcmp(path, "-") ? path : "<stdin>";
	if (!f) {
		msg_err(ctx, "cannot open script %s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	ctx->src = s->name;
	for (ctx->line = 1; !rc && (len = getline(&buf, &cap, f)) >= 0; ctx->line++) {
		if (strlen(buf) != (size_t)len) {
			msg_err(ctx, "NUL byte in line: not a script");
			rc = EXIT_USAGE;
		} else {
			rc = script_add(ctx, s, buf);
		}
	}
	free(buf);
	if (f != stdin)
		fclose(f);
	return rc;
}

static void count(struct ctx *ctx, struct tally *t, int rc)
{
	t->steps++;
	if (!rc) {
		t->passed++;
	} else if (!t->status) {
		t->status = rc;
		t->fail_line = ctx->line;
		t->fail_errno = ctx->last_errno;
	}
}

void script_run(struct ctx *ctx, const struct script *s, size_t from,
		size_t to, struct tally *t)
{
	size_t i;
	int rc;

	ctx->src = s->name;
	for (i = from; i < to && i < s->n; i++) {
		ctx->line = s->v[i].line;
		ctx->last_errno = 0;
		rc = cmd_run_step(ctx, s->v[i].argc, s->v[i].argv, true);
		count(ctx, t, rc);
		if (rc && !ctx->keep_going)
			break;
	}
}

void script_cleanup(struct ctx *ctx, struct tally *t)
{
	const char *src = ctx->src;
	struct reg_entry *e;
	size_t i, n;

	ctx->cleanup = true;
	ctx->src = NULL;
	for (i = ctx->reg.n; i-- > 0;) {
		e = &ctx->reg.v[i];
		if (e->type == OBJ_MEM)
			continue;
		n = ctx->reg.n;
		ctx_step_reset(ctx);
		ctx->line = 0;
		count(ctx, t, do_destroy(ctx, e, e->id));
		if (ctx->reg.n == n)
			reg_del(&ctx->reg, e);	/* refused: closing the fd tries again */
	}
	ctx->cleanup = false;
	ctx->src = src;
}

void mem_free_all(struct ctx *ctx)
{
	size_t i;

	for (i = ctx->reg.n; i-- > 0;) {
		if (ctx->reg.v[i].type != OBJ_MEM)
			continue;
		mem_release(&ctx->reg.v[i]);
		reg_del(&ctx->reg, &ctx->reg.v[i]);
	}
}
