// SPDX-License-Identifier: GPL-2.0-only
/*
 * An operation's --help and --usage, made by argp from the operation's
 * argument table: the table is the one description of its syntax.
 */
#include <argp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/render.h"

#define HELP_OPTS 40

/* "DST SRC", "RANGE..." */
static void args_doc(const struct op *op, char *buf, size_t len)
{
	const struct arg *a;
	size_t used = 0;

	buf[0] = '\0';
	for (a = op->args; (a->opt || a->meta) && used < len; a++) {
		if (a->opt)
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s%s%s%s%s",
					 used ? " " : "",
					 a->flags & ARG_REQUIRED ? "" : "[",
					 a->meta, a->flags & ARG_MANY ? "..." : "",
					 a->flags & ARG_REQUIRED ? "" : "]");
	}
}

static int fill_opts(const struct op *op, struct argp_option *o)
{
	static char want_doc[160];
	static const struct argp_option common[] = {
		{ "expect", 0x1800, "ERRNO", 0,
		  "Pass only if the call fails with exactly ERRNO (name or number)", -2 },
		{ "readonly-arg", 0x1801, NULL, 0,
		  "Pass the ioctl struct in a read-only page: the kernel's reply copy "
		  "fails (EFAULT) after the object was built, which drives its abort path", -2 },
		{ "help", 'h', NULL, 0, "Give this help list", -1 },
		{ "usage", 0x1802, NULL, 0, "Give a short usage message", -1 },
	};
	const struct arg *a;
	int n = 0;
	size_t i;

	for (a = op->args; (a->opt || a->meta) && n < HELP_OPTS - 5; a++) {
		if (!a->opt)
			continue;
		o[n] = (struct argp_option){
			.name = a->opt, .key = a->key ? a->key : 0x1000 + n,
			.arg = a->kind == ARG_BOOL ? NULL : a->meta, .doc = a->doc,
		};
		n++;
	}
	/* a command of the tool's own takes no step options */
	for (i = op->flags & OP_COMMAND ? 2 : 0; i < sizeof(common) / sizeof(common[0]); i++)
		o[n++] = common[i];
	if (op->want.v) {
		snprintf(want_doc, sizeof(want_doc), "Pass only if the call succeeds "
			 "and %s is N", op->want.what);
		o[n++] = (struct argp_option){ "want", 0x1803, "N", 0, want_doc, -2 };
	}
	memset(&o[n], 0, sizeof(o[n]));
	return n;
}

int op_help(const struct op *op, enum step_help what, void (*more)(FILE *f))
{
	struct argp_option opts[HELP_OPTS];
	char doc[256], name[64] = "iommufd-ctl ", *text = NULL;
	struct argp argp = { opts, NULL, doc, op->doc, NULL, NULL, NULL };
	size_t len = 0;
	FILE *f;

	fill_opts(op, opts);
	args_doc(op, doc, sizeof(doc));
	/* no positionals: no blank after "[OPTION...]" */
	if (!doc[0])
		argp.args_doc = NULL;
	op_words(op, name + strlen(name), sizeof(name) - strlen(name));
	f = open_memstream(&text, &len);
	if (!f)
		return -1;
	argp_help(&argp, f, what == STEP_USAGE ? ARGP_HELP_USAGE :
			    ARGP_HELP_STD_HELP & ~ARGP_HELP_EXIT_OK, name);
	if (more && what == STEP_HELP) {
		fputc('\n', f);
		more(f);
	}
	fclose(f);
	out_text(text);
	free(text);
	return 0;
}
