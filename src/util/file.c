// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"

int path_suffix(char *buf, size_t len, const char *path, const char *suffix)
{
	size_t a = strlen(path), b = strlen(suffix);

	if (a + b + 1 > len)
		return -ENAMETOOLONG;
	memcpy(buf, path, a);
	memcpy(buf + a, suffix, b + 1);
	return 0;
}

static int open_new(struct out_file *o, const char *path)
{
	int fd, rc;

	if ((rc = path_suffix(o->path, sizeof(o->path), path, "")))
		return rc;
	o->tmp[0] = '\0';
	/* O_EXCL fails on any existing name, a dangling symlink included */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	return fd < 0 ? -errno : fd;
}

static int open_beside(struct out_file *o, const char *path)
{
	int fd, rc;

	if ((rc = path_suffix(o->path, sizeof(o->path), path, "")) ||
	    (rc = path_suffix(o->tmp, sizeof(o->tmp), path, ".XXXXXX")))
		return rc;
	fd = mkostemp(o->tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	fchmod(fd, 0644);
	return fd;
}

int file_create(struct out_file *o, const char *path, bool replace)
{
	int fd = replace ? open_beside(o, path) : open_new(o, path);

	o->f = NULL;
	if (fd < 0)
		return fd;
	o->f = fdopen(fd, "w");
	if (o->f)
		return 0;
	fd = -errno;
	file_abort(o);
	return fd;
}

void file_abort(struct out_file *o)
{
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	unlink(o->tmp[0] ? o->tmp : o->path);
}

int file_commit(struct out_file *o)
{
	int rc = 0;

	if (fflush(o->f) || ferror(o->f))
		rc = -errno;
	if (fclose(o->f) && !rc)
		rc = -errno;
	o->f = NULL;
	if (!rc && o->tmp[0] && rename(o->tmp, o->path))
		rc = -errno;
	if (rc)
		unlink(o->tmp[0] ? o->tmp : o->path);
	return rc;
}

int private_dir(char *buf, size_t len, const char *what)
{
	const char *tmp = getenv("TMPDIR");
	int n;

	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	n = snprintf(buf, len, "%s/iommufd-ctl-%s.XXXXXX", tmp, what);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	/* mkdtemp makes it 0700 and fails on any name that exists */
	return mkdtemp(buf) ? 0 : -errno;
}
