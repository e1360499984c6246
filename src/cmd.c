// SPDX-License-Identifier: GPL-2.0-only
#include <argp.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd/help.h"
#include "core/step.h"
#include "op/ops.h"
#include "ops.h"
#include "util/rec.h"
#include "emit.h"
#include "util/parse.h"

void msg_err(const struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vat(ctx ? &ctx->s.loc : NULL, fmt, ap);
	va_end(ap);
}

void cmd_name(const struct cmd *cmd, char *buf, size_t len)
{
	size_t o = strlen(cmd->object), v = cmd->verb ? strlen(cmd->verb) : 0;

	/* what the snprintf() below does, cheaper: this runs twice per script step */
	if (o + 1 + v < len) {
		memcpy(buf, cmd->object, o);
		if (cmd->verb) {
			buf[o++] = ' ';
			memcpy(buf + o, cmd->verb, v);
			o += v;
		}
		buf[o] = '\0';
		return;
	}
	snprintf(buf, len, "%s%s%s", cmd->object, cmd->verb ? " " : "",
		 cmd->verb ? cmd->verb : "");
}

/* Every command's words and summary, operations and the others, in order */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void cmd_each(void (*fn)(const char *words, const char *summary, void *arg),
	      void *arg)
{
	const struct op *const *o;
	const struct cmd *const *c;
	char *names[256][2], buf[64];
	size_t n = 0, i;

	for (o = op_table; *o && n < 256; o++, n++) {
		op_words(*o, buf, sizeof(buf));
		names[n][0] = strdup(buf);
		names[n][1] = (char *)(*o)->summary;
	}
	for (c = cmd_table; *c && n < 256; c++, n++) {
		cmd_name(*c, buf, sizeof(buf));
		names[n][0] = strdup(buf);
		names[n][1] = (char *)(*c)->summary;
	}
	qsort(names, n, sizeof(names[0]), by_name);
	for (i = 0; i < n; i++) {
		if (names[i][0])
			fn(names[i][0], names[i][1], arg);
		free(names[i][0]);
	}
}

const struct cmd *cmd_find(int argc, char **argv, int *words)
{
	const struct cmd *const *c;

	for (c = cmd_table; *c; c++) {
		if (strcmp((*c)->object, argv[0]))
			continue;
		if (!(*c)->verb) {
			*words = 1;
			return *c;
		}
		if (argc > 1 && !strcmp((*c)->verb, argv[1])) {
			*words = 2;
			return *c;
		}
	}
	return NULL;
}

int ctx_open_iommufd(struct ctx *ctx)
{
	int rc;

	if (ctx->s.ictl.fd >= 0)
		return EXIT_OK;
	rc = ictl_open(&ctx->s.ictl, ctx->opt.dev_path);
	if (!rc)
		return EXIT_OK;
	msg_err(ctx, "cannot open %s: %s", ctx->opt.dev_path, strerror(-rc));
	if (rc == -ENOENT || rc == -ENXIO || rc == -ENODEV)
		fputs("  The kernel has no iommufd: build it with CONFIG_IOMMUFD=y (or load\n"
		      "  the iommufd module), and CONFIG_VFIO_DEVICE_CDEV=y for VFIO devices;\n"
		      "  CONFIG_IOMMUFD_TEST=y adds the mock devices the tests use.\n", stderr);
	else if (rc == -EACCES || rc == -EPERM)
		fputs("  /dev/iommu is root-only by default: run as root or grant access\n"
		      "  with a udev rule.\n", stderr);
	return EXIT_ENV;
}

int arg_take(struct argp_state *st, const char **slot, char *arg)
{
	if (*slot) {
		argp_error(st, "unexpected argument '%s'", arg);
		return EINVAL;
	}
	*slot = arg;
	return 0;
}

int arg_need(struct argp_state *st, const char *val, const char *what)
{
	if (val)
		return 0;
	argp_error(st, "missing %s", what);
	return EINVAL;
}

int arg_u64(struct argp_state *st, const char *arg, uint64_t *v)
{
	if (!parse_u64(arg, v))
		return 0;
	argp_error(st, "bad number '%s'", arg);
	return EINVAL;
}

/* Options every step accepts, whatever its command. */
enum { OPT_EXPECT = 0x1000, OPT_USAGE, OPT_READONLY_ARG };

static const struct argp_option common_opts[] = {
	{ "expect", OPT_EXPECT, "ERRNO", 0,
	  "Pass only if the call fails with exactly ERRNO (name or number)", -2 },
	{ "readonly-arg", OPT_READONLY_ARG, NULL, 0,
	  "Pass the ioctl struct in a read-only page: the kernel's reply copy "
	  "fails (EFAULT) after the object was built, which drives its abort path", -2 },
	{ "help", 'h', NULL, 0, "Give this help list", -1 },
	{ "usage", OPT_USAGE, NULL, 0, "Give a short usage message", -1 },
	{ 0 }
};

static error_t common_parser(int key, char *arg, struct argp_state *st)
{
	struct ctx *ctx = st->input;

	switch (key) {
	case OPT_EXPECT:
		if (parse_errno(arg, &ctx->expect)) {
			argp_error(st, "unknown errno '%s'", arg);
			return EINVAL;
		}
		return 0;
	case OPT_READONLY_ARG:
		ctx->s.ictl.readonly_arg = true;
		return 0;
	case 'h':
	case OPT_USAGE:
		return 0;	/* show_help() answered these already */
	}
	return ARGP_ERR_UNKNOWN;
}

/* argp's messages start with the program name, here "iommufd-ctl ioas map: " */
#define PROG "iommufd-ctl "

/* argp's message for a script step, as one line, without "iommufd-ctl " */
static void step_error(struct ctx *ctx, const char *name, const char *argp_msg)
{
	const char *m = argp_msg ? argp_msg : "";

	if (!strncmp(m, PROG, strlen(PROG)))
		m += strlen(PROG);
	m += strspn(m, " ");
	if (*m)
		msg_err(ctx, "%.*s", (int)strcspn(m, "\n"), m);
	else
		msg_err(ctx, "%s: unknown option, or an option without its value",
			name + strlen(PROG));
}

/*
 * Help comes before parsing, so a step's missing arguments do not matter.
 * A script step has no use for help: it would land among the records.
 */
static bool show_help(struct ctx *ctx, const struct argp *top, int argc,
		      char **argv, char *name)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (ctx->s.loc.src && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") ||
				 !strcmp(argv[i], "--usage"))) {
			msg_err(ctx, "%s: help is for the command line, not a script step",
				name + strlen(PROG));
			ctx->parse_status = EXIT_USAGE;
			return true;
		}
		if (ctx->check_only && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") ||
					!strcmp(argv[i], "--usage")))
			return true;	/* shown when the step runs */
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			argp_help(top, stdout, ARGP_HELP_STD_HELP & ~ARGP_HELP_EXIT_OK,
				  name);
			return ctx->stop = true;
		}
		if (!strcmp(argv[i], "--usage")) {
			argp_help(top, stdout, ARGP_HELP_USAGE, name);
			return ctx->stop = true;
		}
	}
	return false;
}

static const struct argp common_argp = { common_opts, common_parser, NULL, NULL,
					 NULL, NULL, NULL };

/*
 * argp's messages for script steps land here. One stream serves the whole
 * process, rewound before each step: a stream per step (an 8 KiB calloc and
 * its free) was a tenth of a script's run time.
 */
static FILE *errs;
static FILE *real_stderr;
static char *errs_buf;
static size_t errs_len;

static FILE *step_errs(void)
{
	if (!errs) {
		errs = open_memstream(&errs_buf, &errs_len);
		real_stderr = stderr;
	} else {
		rewind(errs);
	}
	return errs;
}

/* What argp wrote to step_errs() since the rewind */
static const char *step_errs_text(void)
{
	fputc('\0', errs);
	fflush(errs);
	return errs_buf ? errs_buf : "";
}

struct parse_in {
	void *args;
	struct ctx *ctx;
	FILE *errs;		/* script steps: argp's messages, to reword */
};

static error_t top_parser(int key, char *arg, struct argp_state *st)
{
	struct parse_in *in = st->input;

	(void)arg;
	if (key == ARGP_KEY_INIT) {
		st->child_inputs[0] = in->args;
		st->child_inputs[1] = in->ctx;
		if (in->errs)
			st->err_stream = in->errs;
	}
	return ARGP_ERR_UNKNOWN;
}

bool cmd_parse(struct ctx *ctx, const struct cmd *cmd, const struct argp *argp,
	       int argc, char **argv, void *args)
{
	struct argp_child children[] = {
		{ argp, 0, NULL, 0 }, { &common_argp, 0, NULL, 0 }, { 0 }
	};
	struct argp top = { NULL, top_parser, NULL, NULL, children, NULL, NULL };
	struct parse_in in = { args, ctx, NULL };
	char name[64], *argv0 = argv[0];
	error_t err;

	memcpy(name, PROG, strlen(PROG));
	cmd_name(cmd, name + strlen(PROG), sizeof(name) - strlen(PROG));
	ctx->parse_status = EXIT_OK;
	if (show_help(ctx, &top, argc, argv, name))
		return false;
	argv[0] = name;
	if (ctx->s.loc.src)
		in.errs = step_errs();
	/*
	 * A script step's messages, argp's and getopt's (which goes to
	 * stderr whatever err_stream says), are caught to be reworded with
	 * the script line. Never exit from inside a sequence: main() alone
	 * maps results to exit codes.
	 */
	if (in.errs)
		stderr = in.errs;
	err = argp_parse(&top, argc, argv, ARGP_NO_EXIT | ARGP_NO_HELP, NULL, &in);
	if (in.errs)
		stderr = real_stderr;
	argv[0] = argv0;
	if (in.errs && err)
		step_error(ctx, name, step_errs_text());
	if (err) {
		ctx->parse_status = EXIT_USAGE;
		return false;
	}
	if (ctx->check_only) {
		ctx->parse_status = EXIT_OK;
		return false;
	}
	/* after parsing, so usage errors and --help need no /dev/iommu */
	ctx->parse_status = cmd->flags & CMD_NEEDS_IOMMUFD ?
			    ctx_open_iommufd(ctx) : EXIT_OK;
	return ctx->parse_status == EXIT_OK;
}

int cmd_resolve(struct ctx *ctx, const char *arg, unsigned int mask,
		struct reg_entry **ent, uint32_t *id)
{
	struct reg_entry *e;
	char want[96];

	*ent = NULL;
	if (arg[0] != '@') {
		if (parse_u32(arg, id)) {
			msg_err(ctx, "'%s' is neither an object id nor an @name", arg);
			return EXIT_USAGE;
		}
		return EXIT_OK;
	}
	e = reg_find(&ctx->s.reg, arg + 1);
	if (!e) {
		msg_err(ctx, "no object named '%s'", arg);
		return EXIT_USAGE;
	}
	if (!(mask & OBJ_BIT(e->type))) {
		obj_mask_names(mask, want, sizeof(want));
		msg_err(ctx, "%s is a %s, expected %s", arg,
			obj_type_name(e->type), want);
		return EXIT_USAGE;
	}
	*ent = e;
	*id = e->id;
	return EXIT_OK;
}

int cmd_check_name(struct ctx *ctx, const char *name)
{
	if (!name)
		return EXIT_OK;
	if (reg_find(&ctx->s.reg, name)) {
		msg_err(ctx, "the name '%s' is taken", name);
		return EXIT_USAGE;
	}
	if (!reg_name_valid(name)) {
		msg_err(ctx, "bad name '%s': letters, digits, '_', '-', '.'; not a leading digit",
			name);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

struct reg_entry *cmd_register(struct ctx *ctx, struct json_object *op,
			       enum obj_type t, uint32_t id, const char *name)
{
	struct reg_entry *e = reg_add(&ctx->s.reg, t, id, name);

	op_id(op, obj_type_name(t), id);
	if (e)
		op_str(op, "name", e->name);
	else
		msg_err(ctx, "cannot record %s %u: %s", obj_type_name(t), id,
			strerror(errno));
	return e;
}

const struct cmd *cmd_lookup(struct ctx *ctx, int argc, char **argv,
			      bool scripted, int *words)
{
	const struct cmd *cmd = argc ? cmd_find(argc, argv, words) : NULL;

	if (!cmd) {
		msg_err(ctx, "unknown command '%s%s%s' (see --list-commands)",
			argc ? argv[0] : "", argc > 1 ? " " : "",
			argc > 1 ? argv[1] : "");
		return NULL;
	}
	if (scripted && !(cmd->flags & CMD_SCRIPTABLE)) {
		msg_err(ctx, "'%s' cannot be a step of a sequence", argv[0]);
		return NULL;
	}
	return cmd;
}

void ctx_step_reset(struct ctx *ctx)
{
	ctx->expect = 0;
	ctx->s.ictl.readonly_arg = false;
}

/*
 * A sequence is checked whole before it runs: an @name must be one an
 * earlier step gives with --name, or one the tool may generate. Names are
 * recorded in @declared as the check goes.
 */
static int check_handles(struct ctx *ctx, int argc, char **argv)
{
	struct names *n = ctx->declared;
	struct perr e;
	int i;

	for (i = 1; n && i < argc; i++) {
		if ((!strcmp(argv[i - 1], "--name") || !strcmp(argv[i - 1], "-n")) &&
		    !reg_find(&n->declared, argv[i]) &&
		    !reg_add(&n->declared, OBJ_NTYPES, 0, argv[i]))
			return EXIT_USAGE;
		if (!strncmp(argv[i], "--name=", 7) && !reg_find(&n->declared, argv[i] + 7) &&
		    !reg_add(&n->declared, OBJ_NTYPES, 0, argv[i] + 7))
			return EXIT_USAGE;
	}
	/* an operation's handles, checked as its argument table says */
	for (i = 1; n && i < argc; i++) {
		struct handle h = { 0 };
		static const struct arg any = { .kind = ARG_HANDLE, .types = OBJ_ANY };

		if (argv[i][0] != '@' || !reg_name_valid(argv[i] + 1))
			continue;
		strcpy(h.name, argv[i] + 1);
		if (names_check_handle(n, &any, &h, &e)) {
			msg_err(ctx, "%s", e.msg);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* The exit status of a step's verdict */
static int verdict_exit(enum verdict v)
{
	static const int code[] = {
		[VERDICT_PASS] = EXIT_OK, [VERDICT_FAIL] = EXIT_OPFAIL,
		[VERDICT_UNSUPPORTED] = EXIT_ENV, [VERDICT_USAGE] = EXIT_USAGE,
		[VERDICT_ENV] = EXIT_ENV, [VERDICT_TOOL] = EXIT_OPFAIL,
	};

	return code[v];
}

/* A parse error of a step, with its operation's words before it */
static void step_usage(struct ctx *ctx, int argc, char **argv, const struct perr *e)
{
	int words = 0;
	char name[64];
	const struct op *op = argc ? op_find(argc, argv, &words) : NULL;

	if (!op) {
		msg_err(ctx, "%s", e->msg);
		return;
	}
	op_words(op, name, sizeof(name));
	msg_err(ctx, "%s: %s", name, e->msg);
	if (!ctx->s.loc.src)
		fprintf(stderr, "Try 'iommufd-ctl %s --help' for more information.\n", name);
}

/* Hand a finished record to stress, which judges it before it is printed */
static void sink_record(struct ctx *ctx, const struct rec *rec)
{
	ctx->sink(ctx, out_json(rec));
}

/*
 * Run @st and print its record; @alone: it is the only step on the command
 * line, so an operation with a report shows it (a sequence or a script
 * never prints tables mid-run).
 */
static int run_parsed(struct ctx *ctx, const struct step *st, bool alone)
{
	struct origin from = { ctx->s.loc.src, ctx->cleanup };
	struct result r;
	struct rec *rec;
	int rc;

	rc = step_exec(&ctx->s, st, &r);
	ctx->last_errno = -r.err;
	if (!rc) {
		rec = step_record(&ctx->out, st, &r, &from);
		if (ctx->sink)
			sink_record(ctx, rec);
		else if (alone && st->op->report)
			out_step_report(&ctx->out, rec, st->op->report,
					step_line(st, &r, &from, rec));
		else
			out_record(&ctx->out, rec);
	}
	return verdict_exit(step_verdict(st, rc, &r));
}

static int op_step(struct ctx *ctx, int argc, char **argv, bool alone)
{
	struct step st;
	struct perr e;
	int rc;

	rc = step_parse(&st, argc, argv, &e);
	if (rc) {
		step_usage(ctx, argc, argv, &e);
		return EXIT_USAGE;
	}
	if (st.help && ctx->s.loc.src) {
		msg_err(ctx, "%s: help is for the command line, not a script step",
			st.op->name);
		step_free(&st);
		return EXIT_USAGE;
	}
	if (st.help || ctx->check_only) {
		rc = st.help || !ctx->declared ? 0 : names_check(ctx->declared, &st, &e);
		if (st.help && !ctx->check_only) {
			op_help(st.op, st.help);
			ctx->stop = true;
		}
		if (rc)
			msg_err(ctx, "%s", e.msg);
		step_free(&st);
		return rc ? EXIT_USAGE : EXIT_OK;
	}
	st.line = ctx->s.loc.line;
	rc = run_parsed(ctx, &st, alone);
	step_free(&st);
	return rc;
}

int do_destroy(struct ctx *ctx, struct reg_entry *e, uint32_t id)
{
	struct destroy_args a = { 0 };
	struct step st = { .op = &op_destroy, .args = &a, .line = ctx->s.loc.line };

	if (e) {
		strcpy(a.obj.name, e->name);
	} else {
		a.obj.id = id;
		a.obj.by_id = true;
	}
	return run_parsed(ctx, &st, false);
}

int cmd_check_step(struct ctx *ctx, int argc, char **argv)
{
	const struct cmd *cmd;
	int words, rc;

	if (!argc) {
		msg_err(ctx, "empty step: ',' separates steps");
		return EXIT_USAGE;
	}
	if (op_find(argc, argv, &words)) {
		ctx->check_only = true;
		rc = op_step(ctx, argc, argv, false);
		ctx->check_only = false;
		return rc;
	}
	cmd = cmd_lookup(ctx, argc, argv, true, &words);
	if (!cmd)
		return EXIT_USAGE;
	ctx->check_only = true;
	rc = cmd->fn(ctx, argc - words + 1, argv + words - 1);
	ctx->check_only = false;
	ctx_step_reset(ctx);
	return rc ? rc : check_handles(ctx, argc, argv);
}

int cmd_run_step(struct ctx *ctx, int argc, char **argv, bool scripted)
{
	const struct cmd *cmd;
	int words;

	if (argc && op_find(argc, argv, &words))
		return op_step(ctx, argc, argv, !scripted && ctx->alone);
	cmd = cmd_lookup(ctx, argc, argv, scripted, &words);
	if (!cmd)
		return EXIT_USAGE;
	ctx_step_reset(ctx);
	return cmd->fn(ctx, argc - words + 1, argv + words - 1);
}
