/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A child process that makes one call for the tool in its own address space
 * (fork semantics of iommufd: whose mm pages come from, whose rlimit pays)
 * and reports back over a pipe. The child never prints and never returns
 * into the tool: it ends with _exit(), after its report or, when it lives
 * on, once the tool closes its end of a second pipe (or dies: the pipe
 * closes with it). It keeps only the descriptors it is given, so a VFIO
 * cdev or a queue the tool closes is closed for the kernel too, and SIGINT
 * and SIGTERM end it at once. The tool reaps it; no zombie stays.
 */
#ifndef ICTL_CHILD_H
#define ICTL_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct child {
	pid_t pid;
	int reply;	/* read end of what the child reports; -1 once read */
	int hold;	/* write end that keeps a living child waiting; -1: none */
	int status;	/* its wait status, once reaped */
};

/*
 * Fork a child that runs @fn(@arg, @buf) and writes @buf (@len bytes) to
 * the tool; with @live it then waits for child_end(). In the child only
 * @keep (@nkeep descriptors) stay open, besides its pipes and 0, 1, 2.
 * 0 or -errno.
 */
int child_start(struct child *c, bool live, const int *keep, int nkeep,
		void (*fn)(void *arg, void *buf), void *arg, void *buf, size_t len);

/*
 * The child's report into @buf. 0; -EPIPE when it ended without one;
 * -EINTR when a stop signal came first (the child is then killed and
 * reaped). A child that does not live on is reaped here (@c->status).
 */
int child_report(struct child *c, void *buf, size_t len);

/* Let a living child go and reap it; its wait status in *@status. 0 or -errno */
int child_end(struct child *c, int *status);

/* "VmPin" or "VmLck" of /proc/@pid/status in kB; -1 when it cannot be read */
long proc_status_kb(pid_t pid, const char *key);

#endif
