/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A step: an operation, its typed arguments, and what the step expects.
 * The command line, scripts, fail-nth, the shrinker and stress all run
 * steps; text is parsed into steps once, and made from them only to show
 * or save them.
 */
#ifndef ICTL_STEP_H
#define ICTL_STEP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/op.h"

struct session;
struct out;
struct rec;

enum step_help { STEP_RUN, STEP_HELP, STEP_USAGE };

struct step {
	const struct op *op;
	void *args;			/* op->args_size bytes */
	int expect;			/* the errno the call must fail with; 0 */
	bool readonly_arg;		/* the struct in a read-only page */
	bool has_want;			/* --want: the op's number must be @want */
	uint64_t want;
	enum step_help help;		/* --help or --usage: show, run nothing */
	unsigned int line;		/* of its script; 0 on the command line */
	char **words;			/* what ARG_WORD values point into */
};

/*
 * The words of one step (the operation's name first) into @st: the
 * operation's arguments, and what every step takes: --expect ERRNO,
 * --readonly-arg, --help, --usage, and --want N where the operation has
 * a number to check (op->want). ARG_WORD values point into @argv, which
 * must outlive the step (step_free() frees @st->words if set). 0, or
 * -EINVAL after perr(), -ENOMEM.
 */
int step_parse(struct step *st, int argc, char **argv, struct perr *e);
void step_free(struct step *st);

/* The step as a script line that parses back to it. 0 or -ENOSPC */
int step_format(const struct step *st, char *buf, size_t len);
bool step_equal(const struct step *a, const struct step *b);

/*
 * Run @st on @s. Return as op->exec does (0: the kernel answered, in
 * @r->err); what the step made is named in @s's registry.
 */
int step_exec(struct session *s, const struct step *st, struct result *r);

/* How a step ended, for whoever maps it to an exit status */
enum verdict {
	VERDICT_PASS,		/* the answer it wanted */
	VERDICT_FAIL,		/* another answer */
	VERDICT_UNSUPPORTED,	/* ENOTTY or EOPNOTSUPP, not expected */
	VERDICT_USAGE,		/* bad input only running showed */
	VERDICT_ENV,		/* the machine lacks what it needs */
	VERDICT_TOOL,		/* the tool failed (no memory) */
};

/* The verdict on a step that exec returned @rc for */
enum verdict step_verdict(const struct step *st, int rc, const struct result *r);
bool step_passed(const struct step *st, const struct result *r);
/* Did a step with --want that succeeded get another number? */
bool step_want_missed(const struct step *st, const struct result *r);
/* The number of @r that --want compares (the step's operation has one) */
uint64_t step_wanted(const struct step *st, const struct result *r);

/* Where a record came from, for its "line" and "cleanup" keys */
struct origin {
	const char *src;		/* a script: records get "line" */
	bool cleanup;			/* a script's final cleanup */
};

/*
 * A new record that starts as every step's does: op @name, ok, errno,
 * errno_name, error (and hint) for the call's answer @err (0 or -errno).
 */
struct rec *answer_record(struct out *o, const char *name, int err, bool ok);

/* The step's record, in the renderer's arena; NULL without memory */
struct rec *step_record(struct out *o, const struct step *st,
			const struct result *r, const struct origin *from);

/*
 * The result line of a step shown as a report (a lone info or caps): what
 * its record @full starts with, the columns of op->report->line made from
 * @full, and the duration. In @full's arena.
 */
struct rec *step_line(const struct step *st, const struct result *r,
		      const struct origin *from, const struct rec *full);

/*
 * The names a sequence declares, for checking it whole before it runs:
 * an @name must be made by an earlier step (or be one the tool makes up,
 * ioas0) and be of a type the argument takes.
 */
struct names {
	struct registry declared;
	const struct registry *known;	/* names that exist already, or NULL */
};

/* Check @st's @names and note the one it makes. 0, or -EINVAL after perr() */
int names_check(struct names *n, const struct step *st, struct perr *e);
void names_free(struct names *n);
/* The same for one handle @h given for argument @a */
int names_check_handle(struct names *n, const struct arg *a,
		       const struct handle *h, struct perr *e);

#endif
