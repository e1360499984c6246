/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's iommu tracepoints (map, unmap, attach_device_to_domain,
 * io_page_fault, add/remove_device_to/from_group) around each step, read
 * from a tracefs instance of the tool's own: a trace buffer it creates
 * (instances/iommufd-ctl.PID), in which it enables the iommu events for
 * this process and its children, and which it removes at the end, so the
 * system's tracing is left as it was. Every path under tracefs is opened
 * one component at a time without following symlinks.
 */
#ifndef ICTL_TRACE_H
#define ICTL_TRACE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TRACE_EVENTS_MAX	512	/* a step keeps at most this many */
#define TRACE_TEXT_MAX		160

/* One event as trace_pipe prints it */
struct trace_event {
	char comm[32];
	int pid, cpu;
	char ts[24];			/* seconds.microseconds, as printed */
	char name[40];			/* "map" */
	char text[TRACE_TEXT_MAX];	/* what the event printed after its name */
};

/* The events of one step */
struct trace_events {
	unsigned int n;
	unsigned int dropped;		/* past TRACE_EVENTS_MAX */
	struct trace_event v[TRACE_EVENTS_MAX];
};

struct trace {
	int root;			/* the tracefs mount */
	int inst;			/* our instance's directory */
	int pipe;			/* its trace_pipe, non-blocking */
	char name[48];			/* the instance's name */
	bool made;			/* this process made it: remove it */
	char part[512];			/* a line read in part */
	size_t npart;
	struct trace_events ev;
};

/*
 * Find tracefs (in /proc/self/mountinfo) and make the instance. 0, or
 * -errno with the reason in @why (no tracefs in the kernel, tracefs not
 * mounted, no iommu events).
 */
int trace_open(struct trace *t, char *why, size_t len);
/* The same with tracefs at @root */
int trace_open_at(struct trace *t, const char *root, char *why, size_t len);

/* Throw away what the buffer holds: events from before the step */
void trace_skip(struct trace *t);
/* The events since trace_skip(), in @t->ev until the next call */
const struct trace_events *trace_collect(struct trace *t);

/* Disable the events, remove the instance, close everything. */
void trace_close(struct trace *t);

/* Pure: the tracefs mount point in @mountinfo into @dir. 0 or -ENOENT */
int trace_find_mount(const char *mountinfo, char *dir, size_t len);
/* Pure: one line of trace_pipe into @e. 0, or -EINVAL for no event line */
int trace_parse_line(const char *line, struct trace_event *e);

#endif
