// SPDX-License-Identifier: GPL-2.0-only
/*
 * iommufd-ctl: global options, then one command, or steps separated by
 * ",". All steps share one iommufd and one set of named handles.
 */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "host/trace.h"
#include "host/usermem.h"
#include "host/vfio_bind.h"
#include "util/msg.h"
#include "util/stop.h"

const char *argp_program_version = PACKAGE_STRING;

enum { OPT_FORMAT = 0x1000, OPT_NO_TIMING, OPT_LIST, OPT_WITH_DEVICE, OPT_NO_IPC_LOCK,
       OPT_TRACE };

static const struct argp_option global_opts[] = {
	{ "json", 'j', NULL, 0, "One JSON object per operation (JSON Lines)", 0 },
	{ "pretty", 'p', NULL, 0, "Indent JSON output", 0 },
	{ "format", OPT_FORMAT, "FMT", 0, "Output format: text, json or ktap", 0 },
	{ "dev", 'd', "PATH", 0, "iommufd device (default /dev/iommu)", 0 },
	{ "keep-going", 'k', NULL, 0, "Run every step even after a failure", 0 },
	{ "no-timing", OPT_NO_TIMING, NULL, 0, "Leave duration_ns out (stable output)", 0 },
	{ "list-commands", OPT_LIST, NULL, 0, "Print the command table and exit", 0 },
	{ "with-device", OPT_WITH_DEVICE, "ADDR", 0, "Bind PCI device ADDR to vfio-pci "
	  "for the duration of the command, then give it back to its driver", 0 },
	{ "no-ipc-lock", OPT_NO_IPC_LOCK, NULL, 0, "Drop CAP_IPC_LOCK first: the kernel "
	  "then accounts pinned pages to this process (RLIMIT_MEMLOCK, VmPin, VmLck)", 0 },
	{ "trace", OPT_TRACE, NULL, 0, "Add the kernel's iommu trace events of each step "
	  "(map, unmap, attach_device_to_domain, io_page_fault...) to its record; "
	  "needs tracefs", 0 },
	{ 0 }
};

struct global {
	struct options opt;
	int first;		/* argv index of the first command word */
	bool list, no_ipc_lock;
	const char *with_device;
};

static int set_format(struct options *opt, const char *s)
{
	static const char *const names[] = {
		[FMT_TEXT] = "text", [FMT_JSON] = "json", [FMT_KTAP] = "ktap",
	};
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i])) {
			opt->format = (enum out_format)i;
			return 0;
		}
	}
	return -1;
}

static error_t global_opt(int key, char *arg, struct argp_state *st)
{
	struct global *g = st->input;

	switch (key) {
	case 'j':
		g->opt.format = FMT_JSON;
		return 0;
	case 'p':
		g->opt.pretty = true;
		return 0;
	case OPT_FORMAT:
		if (set_format(&g->opt, arg))
			argp_error(st, "unknown format '%s' (text, json, ktap)", arg);
		return 0;
	case 'd':
		g->opt.dev_path = arg;
		return 0;
	case 'k':
		g->opt.keep_going = true;
		return 0;
	case OPT_NO_TIMING:
		g->opt.no_timing = true;
		return 0;
	case OPT_LIST:
		g->list = true;
		return 0;
	case OPT_WITH_DEVICE:
		g->with_device = arg;
		return 0;
	case OPT_NO_IPC_LOCK:
		g->no_ipc_lock = true;
		return 0;
	case OPT_TRACE:
		g->opt.trace = true;
		return 0;
	case ARGP_KEY_ARG:
		/* the first word is the command: the rest is the steps' business */
		g->first = st->next - 1;
		st->next = st->argc;
		return 0;
	case ARGP_KEY_END:
		if (!g->first && !g->list)
			argp_error(st, "missing COMMAND (see --list-commands)");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static void help_line(const char *words, const char *summary, void *arg)
{
	fprintf(arg, "  %-24s %s\n", words, summary);
}

static char *global_help(int key, const char *text, void *input)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)input;
	if (key != ARGP_KEY_HELP_POST_DOC || !(f = open_memstream(&buf, &len)))
		return (char *)text;
	fputs("Commands:\n", f);
	cmd_each(help_line, f);
	fputs("\nSeparate steps with ',' to run them on one iommufd: "
	      "objects live as long as the file descriptor.\n"
	      "Exit status: 0 ok, 1 an operation failed, 2 usage, 3 environment.",
	      f);
	fclose(f);
	return buf;
}

static const struct argp global_argp = {
	global_opts, global_opt, "COMMAND [ARGS...] [, COMMAND [ARGS...]]...",
	"Drive the Linux iommufd interface (/dev/iommu) and report every "
	"operation.\v", NULL, global_help, NULL
};

static void name_line(const char *words, const char *summary, void *arg)
{
	(void)summary;
	(void)arg;
	out_text(words);
	out_text("\n");
}

/*
 * ARGP_HELP_FMT can make glibc's argp loop forever (rmargin=20) or crash
 * (long-opt-col=2147483647) while printing help. Take it only when every
 * setting is one argp handles: known names, columns inside a sane margin.
 */
static void sane_help_fmt(void)
{
	static const char *const cols[] = {
		"short-opt-col", "long-opt-col", "doc-opt-col", "opt-doc-col",
		"header-col", "usage-indent",
	};
	const char *v = getenv("ARGP_HELP_FMT");
	char buf[256], *save = NULL, *w, *eq;
	unsigned long n;
	size_t i;

	if (!v)
		return;
	if (strlen(v) >= sizeof(buf))
		goto drop;
	strcpy(buf, v);
	for (w = strtok_r(buf, ", \t", &save); w; w = strtok_r(NULL, ", \t", &save)) {
		if (!strcmp(w, "dup-args") || !strcmp(w, "no-dup-args") ||
		    !strcmp(w, "dup-args-note") || !strcmp(w, "no-dup-args-note"))
			continue;
		eq = strchr(w, '=');
		if (!eq || strspn(eq + 1, "0123456789") != strlen(eq + 1) || !eq[1] ||
		    strlen(eq + 1) > 4)
			goto drop;
		*eq = '\0';
		n = strtoul(eq + 1, NULL, 10);
		if (!strcmp(w, "rmargin") && n >= 60 && n <= 1000)
			continue;
		for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			if (!strcmp(w, cols[i]) && n <= 40)
				break;
		if (i == sizeof(cols) / sizeof(cols[0]))
			goto drop;
	}
	return;
drop:
	unsetenv("ARGP_HELP_FMT");
}

/* --version, --help and --usage print and exit inside argp: check their output too */
static void check_stdout(void)
{
	int err;

	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	err = errno;
	if (err != EPIPE)
		fprintf(stderr, "iommufd-ctl: write error on stdout: %s\n", strerror(err));
	_exit(EXIT_OPFAIL);
}

static int with_device(const char *addr, struct vfio_bind_state *st)
{
	int rc = vfio_bind(addr, false, st);

	if (!rc)
		return EXIT_OK;
	msg("--with-device %s: %s", addr, st->why[0] ? st->why : strerror(-rc));
	return vfio_exit(rc);
}

static int drop_ipc_lock(void)
{
	int rc = usermem_drop_ipc_lock();

	if (!rc)
		return EXIT_OK;
	msg("--no-ipc-lock: cannot drop CAP_IPC_LOCK: %s", strerror(-rc));
	return EXIT_ENV;
}

/* The device's cdev must be closed, or the kernel's unbind would wait for us. */
static int release_device(struct session *s, struct vfio_bind_state *st)
{
	int rc;

	sess_fini(s);
	rc = vfio_restore(st);
	if (!rc)
		return EXIT_OK;
	msg("--with-device %s: cannot give the device back: %s", st->addr,
	    st->why[0] ? st->why : strerror(-rc));
	return EXIT_OPFAIL;
}

/* --trace: the session's steps get their events from a tracefs instance */
static int trace_start(struct session *s, struct trace *t)
{
	char why[256];

	if (!trace_open(t, why, sizeof(why))) {
		s->trace = t;
		return EXIT_OK;
	}
	msg("--trace: %s", why);
	return EXIT_ENV;
}

static int run(struct global *g, int argc, char **argv)
{
	struct vfio_bind_state vst = { 0 };
	struct session s;
	struct trace tr;
	struct out out;
	struct env env = { &g->opt, &s, &out };
	int status, rc;

	sess_init(&s, &g->opt);
	out_init(&out, &g->opt);
	status = g->no_ipc_lock ? drop_ipc_lock() : EXIT_OK;
	if (!status && g->opt.trace)
		status = trace_start(&s, &tr);
	if (!status && g->with_device)
		status = with_device(g->with_device, &vst);
	if (!status)
		status = dispatch(&env, argc, argv);
	out_finish(&out);
	if (g->with_device && vst.addr[0] && (rc = release_device(&s, &vst)) && !status)
		status = rc;
	sess_fini(&s);
	if (s.trace)
		trace_close(&tr);
	out_fini(&out);
	return status;
}

int main(int argc, char **argv)
{
	struct global g = { .opt = { .dev_path = "/dev/iommu" } };
	int status, out;

	stop_catch();
	sane_help_fmt();
	atexit(check_stdout);
	argp_err_exit_status = EXIT_USAGE;
	argp_parse(&global_argp, argc, argv, ARGP_IN_ORDER, NULL, &g);
	if (g.list) {
		cmd_each(name_line, NULL);
		return out_flush() ? EXIT_OPFAIL : EXIT_OK;
	}
	status = run(&g, argc - g.first, argv + g.first);
	out = out_flush() ? EXIT_OPFAIL : EXIT_OK;
	if (stop_signal) {
		msg("stopped by signal %d", (int)stop_signal);
		/* the shell convention, so a caller can tell an interrupted run */
		return 128 + stop_signal;
	}
	return status ? status : out;
}
