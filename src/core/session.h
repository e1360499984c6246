/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The state steps share: the global options (read only), and a session:
 * one iommufd, the named handles of what its steps made, and where
 * messages point. A sequence, a script, a fail-nth run or a stress thread
 * each has its own session.
 */
#ifndef ICTL_SESSION_H
#define ICTL_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/ictl.h"
#include "core/registry.h"
#include "util/msg.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_KTAP };

/* The global options: set once by main(), read by everything */
struct options {
	const char *dev_path;		/* --dev, /dev/iommu by default */
	enum out_format format;
	bool pretty, no_timing, keep_going;
	bool trace;			/* --trace: the kernel's iommu events per step */
};

struct handle;
struct trace;

struct session {
	const struct options *opt;
	struct ictl ictl;		/* fd < 0 until a step needs it */
	struct registry reg;
	/* stress: steps carry the kernel's ids, what they make is not named */
	bool untracked;
	struct msg_loc loc;		/* the running step's script and line */
	void *scratch;			/* bulk output of the running step */
	size_t scratch_len;
	struct trace *trace;		/* --trace: each step's events; NULL */
	/* what a handle with its file resolves to: an entry of no registry */
	struct reg_entry fd_entry;
};

void sess_init(struct session *s, const struct options *opt);
/* Close what the registry holds (cdevs, queues, memory), then the iommufd */
void sess_fini(struct session *s);

/* Let the child of an OBJ_PROC entry go and reap it: its exit code, 128 + a signal, or -1 */
int proc_release(struct reg_entry *e);

/* Open opt->dev_path unless open. 0, or -errno after a message */
int sess_open(struct session *s);

/* A message pointing at the running step */
void sess_err(const struct session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * What @h names, if it is one of @types: *@e is its entry (NULL for a
 * plain id; for a plain id with its file, an entry that is in no registry
 * and lasts until the next call) and *@id the kernel's id. 0, or -EINVAL
 * after a message.
 */
int sess_resolve(struct session *s, const struct handle *h, unsigned int types,
		 struct reg_entry **e, uint32_t *id);

/* Is @e an entry of @s's registry (not one sess_resolve() made up)? */
bool sess_registered(const struct session *s, const struct reg_entry *e);

/* May @name (NULL: a generated one) name a new object? 0 or -EINVAL */
int sess_check_name(struct session *s, const char *name);

/* @len bytes for the running step's bulk output, zeroed; NULL: no memory */
void *sess_scratch(struct session *s, size_t len);

#endif
