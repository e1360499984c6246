// SPDX-License-Identifier: GPL-2.0-only
/*
 * The command line after the global options: one of the tool's own
 * commands, or a sequence of steps separated by a lone ",", which is
 * parsed and checked whole before its first step runs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "engine/script.h"
#include "util/msg.h"

int verdict_exit(enum verdict v)
{
	static const int code[] = {
		[VERDICT_PASS] = EXIT_OK, [VERDICT_FAIL] = EXIT_OPFAIL,
		[VERDICT_UNSUPPORTED] = EXIT_ENV, [VERDICT_USAGE] = EXIT_USAGE,
		[VERDICT_ENV] = EXIT_ENV, [VERDICT_TOOL] = EXIT_OPFAIL,
	};

	return code[v];
}

const struct cmd *cmd_find(int argc, char **argv, int *words)
{
	const struct cmd *const *c;
	const struct op *o;

	for (c = cmd_table; *c; c++) {
		o = &(*c)->syntax;
		if (strcmp(o->object, argv[0]))
			continue;
		if (!o->verb) {
			*words = 1;
			return *c;
		}
		if (argc > 1 && !strcmp(o->verb, argv[1])) {
			*words = 2;
			return *c;
		}
	}
	return NULL;
}

static int by_words(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(x[0], y[0]);
}

void cmd_each(void (*fn)(const char *words, const char *summary, void *arg),
	      void *arg)
{
	const struct op *const *o;
	const struct cmd *const *c;
	const char *(*v)[2];
	size_t n = 0, i;
	char *buf;

	for (o = op_table; *o; o++)
		n++;
	for (c = cmd_table; *c; c++)
		n++;
	/* one block: the pairs, then the words of each */
	v = malloc(n * (sizeof(*v) + 64));
	if (!v)
		return;
	buf = (char *)(v + n);
	for (i = 0, o = op_table; *o; o++, i++) {
		op_words(*o, buf + 64 * i, 64);
		v[i][0] = buf + 64 * i;
		v[i][1] = (*o)->summary;
	}
	for (c = cmd_table; *c; c++, i++) {
		op_words(&(*c)->syntax, buf + 64 * i, 64);
		v[i][0] = buf + 64 * i;
		v[i][1] = (*c)->syntax.summary;
	}
	qsort(v, n, sizeof(*v), by_words);
	for (i = 0; i < n; i++)
		fn(v[i][0], v[i][1], arg);
	free(v);
}

/* A usage error of the command line: the words it is about, then a hint */
static int usage_err(const struct op *op, const char *what)
{
	char name[64];

	if (!op) {
		msg("%s", what);
		return EXIT_USAGE;
	}
	op_words(op, name, sizeof(name));
	msg("%s: %s", name, what);
	fprintf(stderr, "Try 'iommufd-ctl %s --help' for more information.\n", name);
	return EXIT_USAGE;
}

/* --help or --usage among a command's words (before a "--") */
static enum step_help help_asked(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return STEP_HELP;
		if (!strcmp(argv[i], "--usage"))
			return STEP_USAGE;
	}
	return STEP_RUN;
}

/* One of the tool's own commands, alone on the command line */
static int run_cmd(struct env *env, const struct cmd *c, int argc, char **argv)
{
	enum step_help h = help_asked(argc, argv);
	void *args;
	struct perr e;
	int rc;

	if (h)
		return op_help(&c->syntax, h, c->more_help) ? EXIT_OPFAIL : EXIT_OK;
	/* stress, fail-nth and shrink run steps on sessions of their own */
	if (env->opt->trace && !(c->flags & CMD_TRACED))
		return usage_err(&c->syntax, "--trace follows the steps of a sequence or "
				 "of run only");
	args = calloc(1, c->syntax.args_size ? c->syntax.args_size : 1);
	if (!args)
		return EXIT_OPFAIL;
	rc = args_parse(&c->syntax, argc, argv, args, &e);
	if (rc)
		rc = usage_err(&c->syntax, e.msg);
	else if ((c->flags & CMD_NEEDS_IOMMUFD) && sess_open(env->s))
		rc = EXIT_ENV;
	else
		rc = c->run(env, args);
	free(args);
	return rc;
}

/* The length of the step at @argv: up to a lone "," */
static int step_len(int argc, char **argv)
{
	int n = 0;

	while (n < argc && strcmp(argv[n], ","))
		n++;
	return n;
}

/* One step of a sequence into @sc; the exit status of a bad one */
static int add_step(struct script *sc, struct names *names, int argc, char **argv)
{
	struct step st;
	struct perr e;
	int words, rc;

	if (!argc) {
		msg("empty step: ',' separates steps");
		return EXIT_USAGE;
	}
	if (cmd_find(argc, argv, &words)) {
		msg("'%s' cannot be a step of a sequence", argv[0]);
		return EXIT_USAGE;
	}
	rc = step_parse(&st, argc, argv, &e);
	if (rc)
		return rc == -EINVAL ? usage_err(st.op, e.msg) : EXIT_OPFAIL;
	if (!st.help && names_check(names, &st, &e)) {
		step_free(&st);
		return usage_err(NULL, e.msg);
	}
	if (script_add(sc, &st)) {
		step_free(&st);
		return EXIT_OPFAIL;
	}
	return EXIT_OK;
}

/* --help anywhere in a sequence shows that step's help and runs nothing */
static const struct step *wants_help(const struct script *sc)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (sc->v[i].help)
			return &sc->v[i];
	return NULL;
}

/*
 * A lone step whose operation has a report (info, caps) shows it: one
 * result line, then the report's sections, in text and KTAP. In a
 * sequence or a script its record is one line like any step's.
 */
static int run_alone(struct env *env, const struct step *st)
{
	struct origin from = { NULL, false };
	struct result r;
	struct rec *rec;
	int rc = step_exec(env->s, st, &r);

	if (!rc) {
		rec = step_record(env->out, st, &r, &from);
		out_step_report(env->out, rec, st->op->report,
				step_line(st, &r, &from, rec));
	}
	return verdict_exit(step_verdict(st, rc, &r));
}

static int run_sequence(struct env *env, int argc, char **argv)
{
	struct names names = { .known = &env->s->reg };
	struct script sc = { 0 };
	struct runner rn = { .s = env->s, .out = env->out,
			     .keep_going = env->opt->keep_going };
	struct tally t = { 0 };
	const struct step *h;
	int i, n, rc = EXIT_OK;

	for (i = 0; !rc && i <= argc; i += n + 1) {
		n = step_len(argc - i, argv + i);
		rc = add_step(&sc, &names, n, argv + i);
	}
	names_free(&names);
	if (!rc && (h = wants_help(&sc)))
		rc = op_help(h->op, h->help, NULL) ? EXIT_OPFAIL : EXIT_OK;
	else if (!rc && sc.n == 1 && sc.v[0].op->report)
		rc = run_alone(env, &sc.v[0]);
	else if (!rc) {
		run_steps(&rn, sc.v, 0, sc.n, &t);
		rc = t.failed ? verdict_exit(t.first) : t.broken_out ? EXIT_OPFAIL : EXIT_OK;
	}
	script_free(&sc);
	return rc;
}

int dispatch(struct env *env, int argc, char **argv)
{
	const struct cmd *c;
	int words;

	c = argc ? cmd_find(argc, argv, &words) : NULL;
	if (c && step_len(argc, argv) == argc)
		return run_cmd(env, c, argc - words, argv + words);
	return run_sequence(env, argc, argv);
}
