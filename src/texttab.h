/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Aligned text tables for the reports (list, info, caps): rows of cells,
 * columns two blanks apart, the last column not padded.
 */
#ifndef ICTL_TEXTTAB_H
#define ICTL_TEXTTAB_H

#include <stddef.h>

struct json_object;

#define TAB_MAX_COLS	8

struct table {
	size_t ncols, nrows;
	char *(*rows)[TAB_MAX_COLS];	/* rows[0] is usually the heading */
};

/* Add a row of t->ncols cells; NULL cells print as "-". */
void tab_row(struct table *t, const char *const *cells);

/* Print every row, each line starting with @lead, and empty the table. */
void tab_print(struct table *t, const char *lead);

/*
 * Member @key of @o as text: strings as they are, null or absent as "-",
 * booleans as yes/no, the rest as JSON (in @buf).
 */
const char *tab_field(struct json_object *o, const char *key, char *buf,
		      size_t len);

/* Member @key of @o, NULL when absent */
struct json_object *tab_member(struct json_object *o, const char *key);

#endif
