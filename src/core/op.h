/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An operation: one thing a step can do (ioas map, hwpt alloc, destroy...).
 * It is data plus three functions over one typed argument struct:
 *
 *   words --parse (args.c, driven by the op's argument table)--> args
 *   args + session --exec--> result: the kernel's answer, ids, numbers
 *   args + result --record--> the fields of its record (only when printed)
 *
 * Parsing needs no iommufd and has no side effects; exec never prints
 * records; only the renderer writes stdout. Engines (run, fail-nth, the
 * shrinker, stress) work on steps of operations and never on text.
 */
#ifndef ICTL_OP_H
#define ICTL_OP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/registry.h"

struct session;
struct rec;
struct flag_name;
struct report;
struct trace_events;

/* A usage error found while parsing: the message, without location */
struct perr {
	char msg[240];
};

/* Set @e's message; returns -EINVAL for "return perr(e, ...);" */
int perr(struct perr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * An object as a step names it: "@name", or a plain id (error-path work,
 * or a walk that knows the kernel's ids). A handle of the stress walk has
 * both: it runs with @id and reads as "@name" in a reproducer. An object
 * the walk reaches through a file (a VFIO cdev, a fault queue, a vEVENTQ)
 * also carries the file, as a registry entry would: @fd of an object of
 * type @type. Text never sets @has_fd.
 */
struct handle {
	char name[REG_NAME_MAX];	/* "" for a plain id */
	uint32_t id;
	bool by_id;			/* exec uses @id, not the registry */
	bool has_fd;
	enum obj_type type;		/* with @has_fd */
	int fd;
};

enum arg_kind {
	ARG_HANDLE,	/* struct handle */
	ARG_NAME,	/* char[REG_NAME_MAX]: the name of what the step makes */
	ARG_U64,	/* uint64_t: decimal or 0x, K M G T P E suffixes */
	ARG_U32,	/* uint32_t, the same */
	ARG_BOOL,	/* bool: a switch without a value */
	ARG_WORD,	/* const char *: a word kept as it is */
	ARG_FLAGS,	/* uint64_t: a comma list of ->names or numbers */
	ARG_ENUM,	/* uint32_t: one of ->names, or a number */
	ARG_CUSTOM,	/* ->custom parses, formats and compares it */
};

#define ARG_REQUIRED	(1u << 0)	/* a usage error when missing */
#define ARG_MANY	(1u << 1)	/* may be given again (custom kinds) */

/* The longest word a format() writes: a page of bytes in hex, and a prefix */
#define ARG_WORD_MAX	(2 * 4096 + 256)

struct arg_custom {
	/* @word into the field @f; 0, or -EINVAL after perr() */
	int (*parse)(const char *word, void *f, struct perr *e);
	/* the @i-th value of @f as a word; false when there is none */
	bool (*format)(const void *f, unsigned int i, char *buf, size_t len);
	bool (*equal)(const void *a, const void *b);
	/* words it takes, NULL-terminated: what the round-trip test tries */
	const char *const *samples;
};

/* One positional argument or option of an operation */
struct arg {
	const char *opt;	/* "length" for --length; NULL: positional */
	char key;		/* a short option letter ('n'), or 0 */
	enum arg_kind kind;
	unsigned int flags;
	size_t off;		/* of the value in the args struct */
	size_t has;		/* 1 + offset of the bool set when given; 0 */
	unsigned int types;	/* ARG_HANDLE: the OBJ_BIT()s it may name */
	const char *meta;	/* "SIZE", "IOAS": help and messages */
	const char *doc;	/* options: the help line */
	const struct flag_name *names;	/* ARG_FLAGS, ARG_ENUM */
	const struct arg_custom *custom;
	uint64_t max;		/* ARG_U64: the largest value taken; 0: any */
	/* ARG_WORD: words it takes, NULL-terminated, for the round-trip test */
	const char *const *samples;
};

/* Table helpers: the value's offset, and where "given" is noted */
#define AT(T, field)		.off = offsetof(T, field)
#define HAS(T, field)		.has = offsetof(T, field) + 1

#define RESULT_IDS	8
#define RESULT_VALS	8
#define RESULT_HOLDS	4

/* What a step made, for the registry (the name comes from the step) */
/* op.want.v of an allocation: the kernel's id for the new object */
#define WANT_ID	(~0u)

struct made {
	enum obj_type type;	/* OBJ_NTYPES: nothing */
	uint32_t id, stdev, subtype;
	int fd;			/* owned by the registry from now on */
	void *mem;
	size_t len;
	uint64_t offset;	/* a vIOMMU's page in the iommufd's mmap space */
};

/*
 * The typed result of a step. Everything is a number; text is made from it
 * only when the record is printed.
 */
struct result {
	int err;			/* the kernel's answer: 0 or -errno */
	uint64_t ns;			/* the call's duration */
	struct made made;
	unsigned int nids;		/* ids made and touched, record order */
	struct {
		const char *type;	/* "ioas", "pt", "stdev" */
		uint32_t id;
	} ids[RESULT_IDS];
	uint64_t v[RESULT_VALS];	/* the operation's numbers, its own enum */
	const char *s[2];		/* names valid until the next step */
	const char *made_name;		/* what the made object is called */
	char name[REG_NAME_MAX];	/* a name the step took from the registry */
	int tool_err;			/* after the call: the tool failed (-errno) */
	const void *data;		/* bulk output in the session's scratch */
	size_t len;
	/*
	 * Who holds whom once the step succeeded, as the kernel counts it:
	 * object @holder (0: the one the step made) holds @holds, which a
	 * destroy of them must wait for; with @rehold its earlier holds end
	 * (a device that moved). Teardown orders by it, stress predicts by it.
	 */
	uint32_t holder;
	enum obj_type holder_type;	/* OBJ_ACCESS: @holder is its fd; else unused */
	uint32_t holds[RESULT_HOLDS];
	unsigned int nholds;
	bool rehold;
	/* --trace: the kernel's iommu events during the step, until the next */
	const struct trace_events *trace;
	/*
	 * A PASID of @holder that the step attached (1) or detached (-1):
	 * the selftest's mock device must not go with one attached (7.3.4
	 * WARNs), so cleanup detaches them first.
	 */
	int pasid_change;
	uint32_t pasid;
};

/* Note id @id of type @type in @r (in record order) */
void result_id(struct result *r, const char *type, uint32_t id);
/* What a step made, if the kernel made it: noted for the registry, its id last */
void result_made(struct result *r, enum obj_type type, uint32_t id);
/* The first id of @type in @r, or 0 */
uint32_t result_get_id(const struct result *r, const char *type);
/* The step's object (0: the one it made) holds @id */
void result_hold(struct result *r, uint32_t id);
/* Every id of @r into the record's "ids" */
void rec_result_ids(struct rec *rec, const struct result *r);
/* op->record of an operation whose record is its ids alone */
void record_ids(struct rec *rec, const void *args, const struct result *r);

#define OP_NEEDS_IOMMUFD	(1u << 0)	/* the step opens --dev first */
#define OP_COMMAND		(1u << 1)	/* the syntax of a command, no step */

struct op {
	const char *object;	/* "ioas" */
	const char *verb;	/* "map"; NULL for one word ("destroy") */
	const char *name;	/* the record's "op": "ioas.map" */
	const char *summary;	/* one line, for --help and --list-commands */
	const char *doc;	/* the description in the op's --help */
	const struct arg *args;	/* ends with an entry whose kind is 0 and meta NULL */
	size_t args_size;
	unsigned int flags;
	enum obj_type makes;	/* the type a successful step names; OBJ_NTYPES */
	/* rules across arguments, once all are in: 0 or -EINVAL after perr() */
	int (*check)(const void *args, struct perr *e);
	/*
	 * Run the step. Return: 0 when the kernel was asked (its answer in
	 * @r->err), or, after a message, -EINVAL for a usage error only
	 * running shows (an @name of nothing or of the wrong type), -ENODEV
	 * when the machine lacks what the step needs, or another -errno for
	 * a failure of the tool itself (no memory).
	 */
	int (*exec)(struct session *s, const void *args, struct result *r);
	/* The operation's own fields of its record, after the result's */
	void (*record)(struct rec *rec, const void *args, const struct result *r);
	/*
	 * What --want checks: result.v[@want.v - 1] must be the number given
	 * (0: the operation takes no --want; WANT_ID: the id of the object it
	 * made). @want.what says what it is, for the help: "records read".
	 */
	struct {
		unsigned int v;
		const char *what;
	} want;
	/*
	 * A report (info, caps): how text and KTAP show the record when the
	 * step is the only one on the command line, as a result line and
	 * sections (core/render.h). NULL, and in a sequence or a script: one
	 * line, as every step.
	 */
	const struct report *report;
};

/* src/core/optable.c: every operation, sorted by object and verb */
extern const struct op *const op_table[];

/* The operation @argv names; *@words it took (1 or 2). NULL if none */
const struct op *op_find(int argc, char **argv, int *words);

/* "ioas map" into @buf */
void op_words(const struct op *op, char *buf, size_t len);

/* ---- args.c: words to typed args and back, by the op's table ---- */

/* Parse @argc words into @args (zeroed, op->args_size). 0 or -EINVAL */
int args_parse(const struct op *op, int argc, char **argv, void *args,
	       struct perr *e);
/*
 * The words that parse back to @args, appended to @buf as one line
 * (quoted where needed). 0, or -ENOSPC when @len is too small.
 */
int args_format(const struct op *op, const void *args, char *buf, size_t len);
bool args_equal(const struct op *op, const void *a, const void *b);
/* The name the step gives what it makes, or NULL */
const char *args_name(const struct op *op, const void *args);

#endif
