/* SPDX-License-Identifier: GPL-2.0-only */
/* Built-in scripts for fail-nth: the paths a fault sweep should cover. */
#ifndef ICTL_SCENARIOS_H
#define ICTL_SCENARIOS_H

struct scenario {
	const char *name;
	const char *summary;
	const char *text;	/* a script, as run reads it */
};

extern const struct scenario scenarios[];

/* The scenario named @name, or NULL */
const struct scenario *scenario_find(const char *name);

#endif
