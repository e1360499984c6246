// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "core/op.h"
#include "util/rec.h"

void result_id(struct result *r, const char *type, uint32_t id)
{
	if (r->nids < RESULT_IDS) {
		r->ids[r->nids].type = type;
		r->ids[r->nids++].id = id;
	}
}

uint32_t result_get_id(const struct result *r, const char *type)
{
	unsigned int i;

	for (i = 0; i < r->nids; i++)
		if (!strcmp(r->ids[i].type, type))
			return r->ids[i].id;
	return 0;
}

void result_hold(struct result *r, uint32_t id)
{
	if (r->nholds < RESULT_HOLDS)
		r->holds[r->nholds++] = id;
}

void rec_result_ids(struct rec *rec, const struct result *r)
{
	unsigned int i;

	for (i = 0; i < r->nids; i++)
		rec_id(rec, r->ids[i].type, r->ids[i].id);
}
