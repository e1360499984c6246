/* SPDX-License-Identifier: GPL-2.0-only */
/* Built-in scripts for fail-nth: the paths a fault sweep should cover. */
#ifndef ICTL_SCENARIOS_H
#define ICTL_SCENARIOS_H

#include <stdbool.h>

struct script;

struct scenario {
	const char *name;
	const char *summary;
	const char *text;	/* a script, as run reads it */
	bool device;		/* on a VFIO device, bound first as @dev */
};

extern const struct scenario scenarios[];

/* The scenario named @name, or NULL */
const struct scenario *scenario_find(const char *name);

/*
 * @sc as a script in @s; one of a VFIO device (@sc->device) starts with
 * @device bound as @dev, its lines after that. 0, or -errno after a
 * message.
 */
int scenario_load(struct script *s, const struct scenario *sc, const char *device);

#endif
