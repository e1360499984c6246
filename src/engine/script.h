/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scripts and the running of steps: a script is read and parsed whole into
 * steps (a malformed one runs nothing), then its steps run on one session.
 * run, fail-nth and the shrinker share this; what is left at the end is
 * destroyed holders first (cleanup.c).
 */
#ifndef ICTL_SCRIPT_H
#define ICTL_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/step.h"

struct klog;
struct out;
struct session;

/* The longest script line taken; a longer one is a usage error */
#define SCRIPT_LINE_MAX	(4u << 20)

struct script {
	const char *name;	/* as messages and records name it */
	struct step *v;
	size_t n, cap;
};

/*
 * Read @path ("-": standard input) into @s, each line parsed and the whole
 * checked (every @name made by an earlier step, or by @known). 0, or after
 * a message -EINVAL (a bad line), -EIO (cannot read), -EINTR (a signal).
 */
int script_load(struct script *s, const char *path, const struct registry *known);
/* The same from @len bytes of text: the built-in scenarios, the shrinker */
int script_load_text(struct script *s, const char *name, const char *text,
		     size_t len);
void script_free(struct script *s);
/*
 * Write @s's steps as a script to @path, after a "# " @comment line if
 * given; an existing @path (a symlink included) only with @replace, and
 * then replaced, never written through. 0, or -errno after a message.
 */
int script_write(const char *path, const struct script *s, const char *comment,
		 bool replace);

/* Add a step (the script takes it over). 0 or -ENOMEM */
int script_add(struct script *s, struct step *st);

/* What running steps needs */
struct runner {
	struct session *s;
	struct out *out;	/* records go here; NULL: none are made */
	struct klog *klog;	/* a splat right after a step fails it; NULL */
	bool keep_going;	/* -k: on after a step that did not pass */
	const char *src;	/* the script: records get their "line" */
	bool cleanup;		/* records are a script's final cleanup */
};

struct tally {
	unsigned int steps, passed;
	bool failed;		/* a step did not pass; about the first: */
	enum verdict first;	/* its verdict */
	unsigned int fail_line;	/* its script line */
	size_t fail_index;	/* its index in the steps run_steps() ran */
	int fail_errno;		/* the errno its call returned */
	bool fail_splat;	/* it failed for a kernel log splat */
	uint64_t fail_got;	/* the number its --want compared, if any */
	bool broken_out;	/* stdout went away: the run stopped */
};

/* Count a step that ended with @v (its line, errno, whether for a splat) */
void tally_count(struct tally *t, enum verdict v, unsigned int line, int err,
		 bool splat);

/* Run steps [@from, @to) of @v; stops at the first that does not pass unless -k */
void run_steps(struct runner *rn, const struct step *v, size_t from, size_t to,
	       struct tally *t);

/* Run one step with @rn's rules into @t; its verdict */
enum verdict run_one(struct runner *rn, const struct step *st, struct tally *t);

#endif
