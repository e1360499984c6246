/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one renderer: records (util/rec.h) to stdout as JSON Lines, text or
 * KTAP. Nothing else in the tool writes stdout.
 */
#ifndef ICTL_RENDER_H
#define ICTL_RENDER_H

#include <stdbool.h>

#include "core/session.h"
#include "util/rec.h"

struct out {
	enum out_format format;
	bool pretty, no_timing;
	unsigned int nr;		/* step records printed: KTAP's numbers */
	bool quiet;			/* print nothing (fail-nth's inner runs) */
	struct arena arena;		/* the record being built */
	struct jbuf *jbuf;		/* the line a record is written to */
};

void out_init(struct out *o, const struct options *opt);
void out_fini(struct out *o);

/* An empty record for the next thing to print; the one before is gone. */
struct rec *out_rec(struct out *o);

/* A step's record: a line of JSON, or of text, or a numbered KTAP test */
void out_record(struct out *o, const struct rec *r);
/* A run's summary: JSON, text, or a KTAP comment */
void out_summary(struct out *o, const struct rec *r);
/*
 * A report (list, info, caps): one record, and a description of how text
 * shows it, as sections made once from the record's members. Columns are
 * described once: the JSON has the members, text the headings and cells.
 */
struct column {
	const char *heading;	/* "GROUP"; on a result line, the key */
	const char *key;	/* the member of the row a cell shows */
	/*
	 * A cell made from several members; NULL: @key's value as text. On a
	 * result line, NULL from it leaves the column out.
	 */
	const char *(*cell)(const struct rec *row, char *buf, size_t len);
};

struct section {
	/*
	 * The report's member this section shows ("devices"; "a.b" for member
	 * b of member a). Absent or null: no section.
	 */
	const char *key;
	const char *title;	/* "IOMMU groups" */
	/*
	 * A list of rows as a table with these columns (ending with a NULL
	 * heading); NULL: a list of strings, one "- " line each, or a record,
	 * a line per member, its name and value aligned. A nested record's
	 * members follow under their own names, but one of four or more
	 * scalars and nothing else (a decoded register) shows as name=value
	 * words.
	 */
	const struct column *cols;
	/* A title made from members ("... (alignment 0x1000)"); NULL: @title */
	const char *(*title_cell)(const struct rec *r, char *buf, size_t len);
	/*
	 * A section made from several members (rows merged from two lists, a
	 * line joined from a list): adds what it shows under @key to @view, a
	 * record in @r's arena. NULL: the member @key itself.
	 */
	void (*make)(const struct rec *r, struct rec *view);
};

/* Sections end with a NULL key */
struct report {
	const struct section *sections;
	/*
	 * A step's report (info, caps): what its result line shows after the
	 * verdict, as heading=cell words (core/step.h, step_line()).
	 */
	const struct column *line;
};

/*
 * Print a report: JSON as the record; text as its sections; KTAP as the
 * test line @ktap (a step record, or NULL) with the sections as comments.
 */
void out_report(struct out *o, const struct rec *r, const struct report *desc,
		const struct rec *ktap);

/*
 * A step's record as a report (a lone info or caps): JSON as out_record()
 * prints it; text as the result line @line, then the sections; KTAP as
 * out_report() with @line as the test line.
 */
void out_step_report(struct out *o, const struct rec *r,
		     const struct report *desc, const struct rec *line);

/* The text of value @v as a table cell (strings as they are, null "-") */
const char *out_cell(const struct val *v, char *buf, size_t len);

struct json_object;
/* @r as a new json-c object (for stress, until it judges typed results) */
struct json_object *out_json(const struct rec *r);

/* Text that is no record (help), as it is */
void out_text(const char *text);
/* The end of the output: KTAP's plan */
void out_finish(struct out *o);
/* Has stdout gone (a closed pipe, a full disk)? Then a run should stop. */
bool out_broken(const struct out *o);
/* Flush stdout: 0, or -errno after a message (quiet for EPIPE) */
int out_flush(void);

#endif
