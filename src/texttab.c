// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "texttab.h"

void tab_row(struct table *t, const char *const *cells)
{
	char *(*tmp)[TAB_MAX_COLS] = realloc(t->rows, (t->nrows + 1) * sizeof(*t->rows));
	size_t i;

	if (!tmp)
		return;
	t->rows = tmp;
	for (i = 0; i < t->ncols; i++)
		t->rows[t->nrows][i] = strdup(cells[i] ? cells[i] : "-");
	t->nrows++;
}

void tab_print(struct table *t, const char *lead)
{
	size_t w[TAB_MAX_COLS] = { 0 }, r, c, n;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++)
			if (t->rows[r][c] && (n = strlen(t->rows[r][c])) > w[c])
				w[c] = n;
	for (r = 0; r < t->nrows; r++) {
		fputs(lead, stdout);
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->rows[r][c] ? t->rows[r][c] : "?";

			/* the last column is not padded: no trailing blanks */
			if (c + 1 < t->ncols)
				printf("%-*s  ", (int)w[c], s);
			else
				printf("%s", s);
		}
		putchar('\n');
		for (c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
	}
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
}

const char *tab_field(struct json_object *o, const char *key, char *buf,
		      size_t len)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !v)
		return "-";
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (json_object_is_type(v, json_type_boolean))
		return json_object_get_boolean(v) ? "yes" : "no";
	snprintf(buf, len, "%s", json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
	/* a hex number prints as a JSON string: show it without the quotes */
	if (buf[0] == '"' && strlen(buf) > 1) {
		memmove(buf, buf + 1, strlen(buf));
		buf[strlen(buf) - 1] = '\0';
	}
	return buf;
}

struct json_object *tab_member(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	json_object_object_get_ex(o, key, &v);
	return v;
}
