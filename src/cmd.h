/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command layer: global context, the command table entry, and the
 * helpers every command uses (argument parsing, handle lookup, messages).
 */
#ifndef ICTL_CMD_H
#define ICTL_CMD_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/ictl.h"
#include "core/registry.h"
#include "core/render.h"
#include "core/session.h"
#include "util/stop.h"

/* The only exit codes the tool ever returns (see EXIT STATUS in the man page). */
enum exit_code {
	EXIT_OK = 0,		/* every operation ok, expected errnos included */
	EXIT_OPFAIL = 1,	/* an operation or a check failed */
	EXIT_USAGE = 2,		/* bad option, argument, handle or script line */
	EXIT_ENV = 3,		/* no /dev/iommu, no permission, feature missing */
};

struct json_object;
struct klog;
struct names;

struct ctx {
	struct options opt;		/* global options */
	struct session s;		/* the iommufd, its named objects */
	struct out out;			/* the renderer */
	bool cleanup;			/* records are a script's final cleanup */
	bool alone;			/* the command line has one step */

	/* per step */
	int expect;			/* errno the step must fail with; 0: success */
	bool stop;			/* --help was shown: run nothing more */
	bool check_only;		/* parse the step's arguments, run nothing */
	int last_errno;			/* of the last record, as a positive errno */
	int parse_status;		/* exit code when cmd_parse() says stop */
	/*
	 * When set, a finished record goes here instead of being printed:
	 * stress judges it against its model first. The sink owns @rec.
	 */
	void (*sink)(struct ctx *ctx, struct json_object *rec);
	void *sink_arg;
	struct klog *klog;		/* run: splats after a step fail it */
	struct names *declared;		/* names a sequence's check has seen */
};

#define CMD_NEEDS_IOMMUFD	(1u << 0)	/* cmd_parse() opens --dev */
#define CMD_SCRIPTABLE		(1u << 1)	/* allowed as a step of a sequence */

struct cmd {
	const char *object;	/* "ioas" */
	const char *verb;	/* "map"; NULL for one-word commands */
	int (*fn)(struct ctx *ctx, int argc, char **argv);
	unsigned int flags;
	const char *summary;	/* one line for --help and --list-commands */
};

/* src/cmd/table.c: the one ordered list, NULL terminated */
extern const struct cmd *const cmd_table[];
const struct cmd *cmd_find(int argc, char **argv, int *words);
/* Every command, operations included, sorted by its words */
void cmd_each(void (*fn)(const char *words, const char *summary, void *arg),
	      void *arg);
void cmd_name(const struct cmd *cmd, char *buf, size_t len);

struct argp;
struct argp_state;

/*
 * For argp parsers: take @arg as the positional @slot (an error if filled
 * already), require a value, parse a number; each prints the usage error.
 */
int arg_take(struct argp_state *st, const char **slot, char *arg);
int arg_need(struct argp_state *st, const char *val, const char *what);
int arg_u64(struct argp_state *st, const char *arg, uint64_t *v);
/*
 * Parse a step's arguments with @argp into @args, adding the options every
 * step has (--expect, --help), then open the iommufd if the command needs
 * it. Returns false when the step must not run; ctx->parse_status then
 * holds the exit code.
 */
bool cmd_parse(struct ctx *ctx, const struct cmd *cmd, const struct argp *argp,
	       int argc, char **argv, void *args);

/* Open --dev unless open already; EXIT_OK or EXIT_ENV after a message. */
int ctx_open_iommufd(struct ctx *ctx);

/*
 * Resolve "@name" (of a type in @mask) or a plain number to an object id.
 * A plain number has no entry (*ent NULL): raw ids serve error-path work.
 * EXIT_OK, or EXIT_USAGE after a message naming both types.
 */
int cmd_resolve(struct ctx *ctx, const char *arg, unsigned int mask,
		struct reg_entry **ent, uint32_t *id);

/* EXIT_OK if @name (may be NULL) can name a new object, else a message */
int cmd_check_name(struct ctx *ctx, const char *name);

/* Name a new object (@name or generated); note its id and name in @op */
struct reg_entry *cmd_register(struct ctx *ctx, struct json_object *op,
			       enum obj_type t, uint32_t id, const char *name);

/* The command @argv names, or NULL after a message (unknown, not scriptable) */
const struct cmd *cmd_lookup(struct ctx *ctx, int argc, char **argv,
			      bool scripted, int *words);

/* Forget what the last step's common options (--expect ...) set */
void ctx_step_reset(struct ctx *ctx);

/* Check a script step's command and arguments without running it */
int cmd_check_step(struct ctx *ctx, int argc, char **argv);

/* Run one step (a command and its words) with the table's dispatch rules. */
int cmd_run_step(struct ctx *ctx, int argc, char **argv, bool scripted);

/* "iommufd-ctl: [FILE:LINE: ]message" on stderr */
void msg_err(const struct ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
