/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scripts: steps read and checked whole, then run on one iommufd. run,
 * fail-nth and the shrinker share this.
 */
#ifndef ICTL_SCRIPT_H
#define ICTL_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

struct ctx;

struct text_step {
	unsigned int line;
	int argc;
	char **argv;
};

struct script {
	const char *name;
	struct text_step *v;
	size_t n, cap;
};

struct tally {
	unsigned int steps, passed;
	int status;			/* of the first step that did not pass */
	unsigned int fail_line;		/* its script line */
	int fail_errno;			/* the errno its call returned */
	bool fail_splat;		/* it failed for a kernel log splat */
};

/* Read and check a script; "-" is standard input. EXIT_OK or EXIT_USAGE. */
int script_load(struct ctx *ctx, const char *path, struct script *s);
/* The same from a string: the built-in scenarios */
int script_load_text(struct ctx *ctx, const char *name, const char *text,
		     struct script *s);
void script_free(struct script *s);

/* Run steps [from, to); stops at the first that does not pass unless -k */
void script_run(struct ctx *ctx, const struct script *s, size_t from,
		size_t to, struct tally *t);

/*
 * Destroy the kernel objects the steps left, newest first, each a record;
 * a refused destroy counts as a failed step. With @retry_busy an EBUSY is
 * tried again after the others, pass by pass, so that only objects that
 * stay busy once their users are gone count (a run cut short anywhere may
 * leave any order). Memory stays (see mem_free_all).
 */
void script_cleanup(struct ctx *ctx, struct tally *t, bool retry_busy);

/* Release the memory entries of the registry. */
void mem_free_all(struct ctx *ctx);

#endif
