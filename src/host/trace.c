// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/trace.h"

#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/* ---- paths under tracefs: a component at a time, no symlink followed ---- */

static int open_path(int dir, const char *path, int flags)
{
	char buf[128], *comp, *next;
	int fd = dir, nfd, err;

	if (strlen(path) >= sizeof(buf))
		return -ENAMETOOLONG;
	strcpy(buf, path);
	for (comp = buf; (next = strchr(comp, '/')); comp = next + 1) {
		*next = '\0';
		nfd = openat(fd, comp, DIR_FLAGS);
		err = errno;
		if (fd != dir)
			close(fd);
		if (nfd < 0)
			return -err;
		fd = nfd;
	}
	nfd = openat(fd, comp, flags | O_NOFOLLOW | O_CLOEXEC);
	err = errno;
	if (fd != dir)
		close(fd);
	return nfd < 0 ? -err : nfd;
}

static int write_at(int dir, const char *path, const char *text)
{
	int fd = open_path(dir, path, O_WRONLY | O_TRUNC), rc = 0;
	size_t len = strlen(text);
	ssize_t n;

	if (fd < 0)
		return fd;
	n = write(fd, text, len);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != len)
		rc = -EIO;
	close(fd);
	return rc;
}

static bool has_dir(int dir, const char *path)
{
	int fd = open_path(dir, path, O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* ---- finding tracefs ---- */

/* A mountinfo field with its \ooo escapes undone, into @out */
static void unescape(const char *s, size_t n, char *out, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 1 < len; i++) {
		if (s[i] == '\\' && i + 3 < n && s[i + 1] >= '0' && s[i + 1] <= '3') {
			out[o++] = (char)(((s[i + 1] - '0') << 6) | ((s[i + 2] - '0') << 3) |
					  (s[i + 3] - '0'));
			i += 3;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
}

int trace_find_mount(const char *mountinfo, char *dir, size_t len)
{
	const char *line = mountinfo, *end, *sep, *f;
	int field;

	for (; line && *line; line = end ? end + 1 : NULL) {
		end = strchr(line, '\n');
		sep = strstr(line, " - ");
		if (!sep || (end && sep > end) || strncmp(sep + 3, "tracefs ", 8))
			continue;
		/* the fifth field is the mount point */
		for (f = line, field = 1; field < 5 && f < sep; field++) {
			f = strchr(f, ' ');
			if (!f)
				break;
			f++;
		}
		if (!f || f >= sep)
			continue;
		unescape(f, (size_t)(strchr(f, ' ') - f), dir, len);
		return 0;
	}
	return -ENOENT;
}

static char *read_small(const char *path, size_t max)
{
	char *buf = malloc(max + 1);
	ssize_t n;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (!buf || fd < 0) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while (got < max && (n = read(fd, buf + got, max - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(fd);
	return buf;
}

int trace_open(struct trace *t, char *why, size_t len)
{
	char *info = read_small("/proc/self/mountinfo", 1 << 16), dir[512];
	char *fs;
	int rc = info ? trace_find_mount(info, dir, sizeof(dir)) : -ENOENT;

	free(info);
	if (!rc)
		return trace_open_at(t, dir, why, len);
	fs = read_small("/proc/filesystems", 1 << 14);
	if (fs && strstr(fs, "\ttracefs\n"))
		snprintf(why, len, "tracefs is not mounted (mount -t tracefs nodev "
			 "/sys/kernel/tracing)");
	else
		snprintf(why, len, "the kernel has no tracefs: it needs CONFIG_FTRACE and "
			 "an event tracer (CONFIG_ENABLE_DEFAULT_TRACERS), which select "
			 "CONFIG_TRACING and CONFIG_EVENT_TRACING");
	free(fs);
	return -ENOENT;
}

/* ---- the instance ---- */

static int make_instance(struct trace *t, int insts)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		snprintf(t->name, sizeof(t->name), i ? "iommufd-ctl.%d.%u" : "iommufd-ctl.%d",
			 (int)getpid(), i);
		if (!mkdirat(insts, t->name, 0700)) {
			t->made = true;
			return 0;
		}
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

/* Enable the iommu events for this process and what it forks */
static int instance_setup(struct trace *t, char *why, size_t len)
{
	char pid[24];
	int rc;

	if (!has_dir(t->inst, "events/iommu")) {
		snprintf(why, len, "the kernel has no iommu tracepoints "
			 "(events/iommu: CONFIG_IOMMU_API with CONFIG_EVENT_TRACING)");
		return -ENOENT;
	}
	snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	/* events of other tasks belong to no step; without the filter, keep them */
	if (!write_at(t->inst, "set_event_pid", pid))
		write_at(t->inst, "options/event-fork", "1\n");
	rc = write_at(t->inst, "events/iommu/enable", "1\n");
	if (rc) {
		snprintf(why, len, "cannot enable events/iommu in instances/%s: %s",
			 t->name, strerror(-rc));
		return rc;
	}
	t->pipe = open_path(t->inst, "trace_pipe", O_RDONLY | O_NONBLOCK);
	if (t->pipe >= 0)
		return 0;
	snprintf(why, len, "cannot open instances/%s/trace_pipe: %s", t->name,
		 strerror(-t->pipe));
	return t->pipe;
}

int trace_open_at(struct trace *t, const char *root, char *why, size_t len)
{
	int insts = -1, rc;

	memset(t, 0, sizeof(*t));
	t->root = t->inst = t->pipe = -1;
	t->root = open(root, DIR_FLAGS);
	if (t->root >= 0)
		insts = openat(t->root, "instances", DIR_FLAGS);
	if (insts < 0) {
		rc = -errno;
		snprintf(why, len, "cannot open %s/instances: %s", root, strerror(-rc));
		trace_close(t);
		return rc;
	}
	rc = make_instance(t, insts);
	if (!rc && (t->inst = openat(insts, t->name, DIR_FLAGS)) < 0)
		rc = -errno;
	close(insts);
	if (rc) {
		snprintf(why, len, "cannot make a trace instance in %s/instances: %s",
			 root, strerror(-rc));
		trace_close(t);
		return rc;
	}
	rc = instance_setup(t, why, len);
	if (rc)
		trace_close(t);
	return rc;
}

void trace_close(struct trace *t)
{
	int insts;

	if (t->pipe >= 0)
		close(t->pipe);
	if (t->inst >= 0) {
		write_at(t->inst, "events/iommu/enable", "0\n");
		close(t->inst);
	}
	/* only the instance this process made */
	if (t->root >= 0 && t->made) {
		insts = openat(t->root, "instances", DIR_FLAGS);
		if (insts >= 0) {
			unlinkat(insts, t->name, AT_REMOVEDIR);
			close(insts);
		}
	}
	if (t->root >= 0)
		close(t->root);
	t->root = t->inst = t->pipe = -1;
	t->made = false;
}

/* ---- reading events ---- */

static void copy_token(char *dst, size_t len, const char *s, size_t n)
{
	if (n >= len)
		n = len - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

int trace_parse_line(const char *line, struct trace_event *e)
{
	const char *p = line, *br = strstr(line, " ["), *dash = NULL, *q, *tok;
	size_t n;

	memset(e, 0, sizeof(*e));
	while (*p == ' ')
		p++;
	for (q = p; br && q < br; q++)
		if (*q == '-')
			dash = q;
	if (!br || !dash || dash == p)
		return -EINVAL;
	copy_token(e->comm, sizeof(e->comm), p, (size_t)(dash - p));
	e->pid = atoi(dash + 1);
	e->cpu = atoi(br + 2);
	p = strchr(br, ']');
	/* the flags column, then "SECONDS.USEC:" */
	while (p && *++p) {
		while (*p == ' ')
			p++;
		tok = p;
		p = strchr(p, ' ');
		if (!p)
			return -EINVAL;
		if (p[-1] == ':' && tok[0] >= '0' && tok[0] <= '9') {
			copy_token(e->ts, sizeof(e->ts), tok, (size_t)(p - tok - 1));
			break;
		}
	}
	if (!p)
		return -EINVAL;
	while (*p == ' ')
		p++;
	q = strchr(p, ':');
	if (!q || q == p)
		return -EINVAL;
	copy_token(e->name, sizeof(e->name), p, (size_t)(q - p));
	for (q++; *q == ' '; q++)
		;
	n = strcspn(q, "\n");
	copy_token(e->text, sizeof(e->text), q, n);
	return 0;
}

static void take_line(struct trace *t, const char *line, bool keep)
{
	struct trace_events *ev = &t->ev;

	if (!keep || !line[0])
		return;
	if (ev->n == TRACE_EVENTS_MAX) {
		ev->dropped++;
		return;
	}
	if (!trace_parse_line(line, &ev->v[ev->n]))
		ev->n++;
}

/* Everything the pipe holds now, line by line */
static void drain(struct trace *t, bool keep)
{
	char buf[4096], *line, *nl;
	ssize_t n;

	while ((n = read(t->pipe, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		for (line = buf; (nl = strchr(line, '\n')); line = nl + 1) {
			*nl = '\0';
			if (t->npart) {
				strncat(t->part, line, sizeof(t->part) - t->npart - 1);
				take_line(t, t->part, keep);
				t->npart = 0;
				t->part[0] = '\0';
			} else {
				take_line(t, line, keep);
			}
		}
		/* a line cut by the read: the rest comes with the next one */
		snprintf(t->part + t->npart, sizeof(t->part) - t->npart, "%s", line);
		t->npart = strlen(t->part);
	}
}

void trace_skip(struct trace *t)
{
	drain(t, false);
}

const struct trace_events *trace_collect(struct trace *t)
{
	t->ev.n = 0;
	t->ev.dropped = 0;
	drain(t, true);
	return &t->ev;
}
