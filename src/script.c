// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "core/step.h"
#include "emit.h"
#include "host/klog.h"
#include "host/usermem.h"
#include "ops.h"
#include "util/parse.h"
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
	struct text_step st = { .line = ctx->s.loc.line };

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

static int script_read(struct ctx *ctx, FILE *f, struct script *s)
{
	struct names declared = { .known = &ctx->s.reg };
	size_t cap = 0;
	char *buf = NULL;
	int rc = EXIT_OK;
	ssize_t len;

	ctx->declared = &declared;
	ctx->s.loc.src = s->name;
	for (ctx->s.loc.line = 1; !rc && (len = getline(&buf, &cap, f)) >= 0; ctx->s.loc.line++) {
		if (strlen(buf) != (size_t)len) {
			msg_err(ctx, "NUL byte in line: not a script");
			rc = EXIT_USAGE;
		} else {
			rc = script_add(ctx, s, buf);
		}
	}
	if (!rc && ferror(f) && !stop_signal) {
		msg_err(ctx, "cannot read the script: %s", strerror(errno));
		rc = EXIT_USAGE;
	}
	free(buf);
	ctx->declared = NULL;
	names_free(&declared);
	return rc;
}

int script_load(struct ctx *ctx, const char *path, struct script *s)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	int rc;

	s->name = strcmp(path, "-") ? path : "<stdin>";
	if (!f) {
		msg_err(ctx, "cannot open script %s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	rc = script_read(ctx, f, s);
	if (f != stdin)
		fclose(f);
	return rc;
}

int script_load_text(struct ctx *ctx, const char *name, const char *text,
		     struct script *s)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	s->name = name;
	if (!f) {
		msg_err(ctx, "%s: %s", name, strerror(errno));
		return EXIT_OPFAIL;
	}
	rc = script_read(ctx, f, s);
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
		t->fail_line = ctx->s.loc.line;
		t->fail_errno = ctx->last_errno;
	}
}

/* A splat in the kernel log right after a step is that step's finding. */
static int klog_check(struct ctx *ctx)
{
	struct json_object *op;
	char msg[256];

	if (!ctx->klog || !klog_next_splat(ctx->klog, msg, sizeof(msg)))
		return EXIT_OK;
	op = op_begin("klog");
	op_str(op, "splat", msg);
	return op_finding(ctx, op);
}

void script_run(struct ctx *ctx, const struct script *s, size_t from,
		size_t to, struct tally *t)
{
	size_t i;
	int rc;

	ctx->s.loc.src = s->name;
	for (i = from; i < to && i < s->n && !stop_signal; i++) {
		ctx->s.loc.line = s->v[i].line;
		ctx->last_errno = 0;
		rc = cmd_run_step(ctx, s->v[i].argc, s->v[i].argv, true);
		count(ctx, t, rc);
		if (!rc && (rc = klog_check(ctx))) {
			t->fail_splat = !t->status;
			count(ctx, t, rc);
		}
		if (rc && !ctx->opt.keep_going)
			break;
	}
}

/* One newest-first pass; returns how many objects went. */
static size_t cleanup_pass(struct ctx *ctx, struct tally *t, bool keep_busy)
{
	struct reg_entry *e;
	size_t i, n, gone = 0;
	int rc;

	for (i = ctx->s.reg.n; i-- > 0;) {
		e = &ctx->s.reg.v[i];
		if (e->type == OBJ_MEM)
			continue;
		n = ctx->s.reg.n;
		ctx_step_reset(ctx);
		ctx->s.loc.line = 0;
		rc = do_destroy(ctx, e, e->id);
		if (ctx->s.reg.n < n) {
			gone++;
		} else if (keep_busy && ctx->last_errno == EBUSY) {
			continue;	/* a later pass, once its users are gone */
		} else {
			/* refused: closing the iommufd tries again */
			if (e->fd >= 0)
				close(e->fd);
			reg_del(&ctx->s.reg, e);
		}
		count(ctx, t, rc);
	}
	return gone;
}

void script_cleanup(struct ctx *ctx, struct tally *t, bool retry_busy)
{
	const char *src = ctx->s.loc.src;

	ctx->cleanup = true;
	ctx->s.loc.src = NULL;
	while (retry_busy && cleanup_pass(ctx, t, true))
		;
	cleanup_pass(ctx, t, false);
	ctx->cleanup = false;
	ctx->s.loc.src = src;
}

void mem_free_all(struct ctx *ctx)
{
	size_t i;

	for (i = ctx->s.reg.n; i-- > 0;) {
		if (ctx->s.reg.v[i].type != OBJ_MEM)
			continue;
		reg_mem_release(&ctx->s.reg.v[i]);
		reg_del(&ctx->s.reg, &ctx->s.reg.v[i]);
	}
}
