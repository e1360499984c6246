// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host/child.h"
#include "util/stop.h"

static int by_value(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Close every descriptor above 2 that is not in @keep (sorted in place) */
static void keep_only(int *keep, int n)
{
	unsigned int from = 3;
	int i;

	qsort(keep, (size_t)n, sizeof(*keep), by_value);
	for (i = 0; i < n; i++) {
		if (keep[i] < 3 || (unsigned int)keep[i] < from)
			continue;
		if ((unsigned int)keep[i] > from)
			close_range(from, (unsigned int)keep[i] - 1, 0);
		from = (unsigned int)keep[i] + 1;
	}
	close_range(from, ~0u, 0);
}

static bool write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* The child: never returns */
static void child_main(pid_t parent, int reply, int hold, const int *keep,
		       int nkeep, void (*fn)(void *, void *), void *arg,
		       void *buf, size_t len)
{
	int fds[64], n = 0, i;
	char b;

	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	/* should the tool die without closing its pipe end, so does the child */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(125);
	for (i = 0; i < nkeep && n < 62; i++)
		fds[n++] = keep[i];
	fds[n++] = reply;
	if (hold >= 0)
		fds[n++] = hold;
	keep_only(fds, n);
	fn(arg, buf);
	if (!write_all(reply, buf, len))
		_exit(124);
	close(reply);
	while (hold >= 0 && read(hold, &b, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

int child_start(struct child *c, bool live, const int *keep, int nkeep,
		void (*fn)(void *arg, void *buf), void *arg, void *buf, size_t len)
{
	int rep[2], hold[2] = { -1, -1 }, err;
	pid_t parent = getpid();

	if (pipe2(rep, O_CLOEXEC))
		return -errno;
	if (live && pipe2(hold, O_CLOEXEC)) {
		err = -errno;
		close(rep[0]);
		close(rep[1]);
		return err;
	}
	c->pid = fork();
	if (!c->pid)
		child_main(parent, rep[1], hold[0], keep, nkeep, fn, arg, buf, len);
	err = c->pid < 0 ? -errno : 0;
	close(rep[1]);
	if (hold[0] >= 0)
		close(hold[0]);
	if (err) {
		close(rep[0]);
		if (hold[1] >= 0)
			close(hold[1]);
		return err;
	}
	c->reply = rep[0];
	c->hold = hold[1];
	c->status = 0;
	return 0;
}

static void reap(struct child *c)
{
	while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
		;
	c->pid = -1;
}

int child_report(struct child *c, void *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;
	int rc = 0;

	while (got < len) {
		n = read(c->reply, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR && stop_signal) {
			kill(c->pid, SIGKILL);
			rc = -EINTR;
			break;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = -EPIPE;
			break;
		}
		got += (size_t)n;
	}
	close(c->reply);
	c->reply = -1;
	if (rc && c->hold >= 0) {
		close(c->hold);
		c->hold = -1;
	}
	if (rc || c->hold < 0)
		reap(c);
	return rc;
}

int child_end(struct child *c, int *status)
{
	if (c->hold >= 0)
		close(c->hold);
	c->hold = -1;
	if (c->pid <= 0)
		return -ECHILD;
	reap(c);
	*status = c->status;
	return 0;
}

long proc_status_kb(pid_t pid, const char *key)
{
	char path[64], line[128];
	size_t klen = strlen(key);
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			kb = strtol(line + klen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}
