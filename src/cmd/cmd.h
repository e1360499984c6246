/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command layer: the tool's own commands (run, stress, shrink,
 * fail-nth, list, vfio), which are no steps, beside the operations of
 * core/optable.c; the command line's dispatch; and the one place that
 * turns results into exit statuses.
 */
#ifndef ICTL_CMD_H
#define ICTL_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "core/op.h"
#include "core/render.h"
#include "core/session.h"
#include "core/step.h"

/* The only exit statuses the tool returns (see EXIT STATUS in the man page) */
enum exit_code {
	EXIT_OK = 0,		/* every operation passed, expected errnos included */
	EXIT_OPFAIL = 1,	/* an operation or a check failed, or the tool did */
	EXIT_USAGE = 2,		/* bad option, argument, handle or script line */
	EXIT_ENV = 3,		/* no iommufd, no permission, the kernel lacks it */
};

/* What a command runs with */
struct env {
	const struct options *opt;
	struct session *s;	/* its iommufd opens when a step needs it */
	struct out *out;
};

#define CMD_NEEDS_IOMMUFD	(1u << 0)	/* --dev opens before it runs */
#define CMD_TRACED		(1u << 1)	/* its steps run on the command line's session */

struct cmd {
	/* its words, summary, help text and argument table (no exec) */
	struct op syntax;
	unsigned int flags;
	/* the exit status */
	int (*run)(struct env *env, const void *args);
	/* more for --help after the options (stress: its operations) */
	void (*more_help)(FILE *f);
};

/* src/cmd/table.c: the tool's own commands, sorted by their words */
extern const struct cmd *const cmd_table[];

/* The exit status of a verdict */
int verdict_exit(enum verdict v);
/* The exit status of vfio_bind() or vfio_restore()'s answer (0 or -errno) */
int vfio_exit(int err);

/* The command @argv names (*@words of them), or NULL */
const struct cmd *cmd_find(int argc, char **argv, int *words);

/* Every command and operation, sorted by words: --list-commands, --help */
void cmd_each(void (*fn)(const char *words, const char *summary, void *arg),
	      void *arg);

/*
 * The command line after the global options: one command, or steps
 * separated by a lone ",". The exit status.
 */
int dispatch(struct env *env, int argc, char **argv);

/* An operation's or command's --help or --usage on stdout, with @more after */
int op_help(const struct op *op, enum step_help what, void (*more)(FILE *f));

#endif
