/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Files the tool writes as root (reproducers, shrunk scripts): never
 * through a symlink, never over an existing file unless asked, and never
 * under a path that was cut to fit a buffer.
 */
#ifndef ICTL_FILE_H
#define ICTL_FILE_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

struct out_file {
	FILE *f;
	char path[PATH_MAX];
	char tmp[PATH_MAX];	/* replace: written here, renamed onto path */
};

/*
 * Create @path for writing. Without @replace an existing name (a symlink
 * included) is EEXIST; with it the data goes to a new file beside @path
 * that file_commit() renames over it, so a symlink there is replaced, not
 * followed. 0 or -errno.
 */
int file_create(struct out_file *o, const char *path, bool replace);
/* Flush, close and (replace) rename into place. 0 or -errno; on error the file is removed */
int file_commit(struct out_file *o);
/* Give up: remove what was written */
void file_abort(struct out_file *o);

/* @path followed by @suffix into @buf of @len bytes; 0 or -ENAMETOOLONG */
int path_suffix(char *buf, size_t len, const char *path, const char *suffix);

/*
 * A new directory only root can enter, "$TMPDIR/iommufd-ctl-@what.XXXXXX"
 * (TMPDIR default /tmp), into @buf. 0 or -errno.
 */
int private_dir(char *buf, size_t len, const char *what);

#endif
