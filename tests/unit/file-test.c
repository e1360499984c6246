// SPDX-License-Identifier: GPL-2.0-only
/* util/file.c: files root writes must not follow a planted symlink */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "tap.h"

static char dir[256];

static const char *at(const char *name)
{
	static char buf[2][PATH_MAX];
	static int i;

	i ^= 1;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static int write_file(const char *path, bool replace, const char *text)
{
	struct out_file o;
	int rc = file_create(&o, path, replace);

	if (rc)
		return rc;
	fputs(text, o.f);
	return file_commit(&o);
}

static bool holds(const char *path, const char *text)
{
	char buf[64] = "";
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return !strcmp(buf, text);
}

int main(void)
{
	struct stat st;
	char big[PATH_MAX + 16], pd[PATH_MAX];

	tap_plan(10);
	snprintf(dir, sizeof(dir), "%s/file-test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	ok(write_file(at("new"), false, "one") == 0 && holds(at("new"), "one"),
	   "a new file is written");
	ok(write_file(at("new"), false, "two") == -EEXIST && holds(at("new"), "one"),
	   "an existing file is not replaced unless asked");
	ok(write_file(at("new"), true, "two") == 0 && holds(at("new"), "two"),
	   "... and is when asked");
	write_file(at("victim"), false, "precious");
	symlink(at("victim"), at("link"));
	ok(write_file(at("link"), false, "evil") == -EEXIST && holds(at("victim"), "precious"),
	   "a symlink is not followed");
	symlink(at("nowhere"), at("dangling"));
	ok(write_file(at("dangling"), false, "evil") == -EEXIST &&
	   lstat(at("nowhere"), &st) == -1, "nor a dangling one");
	ok(write_file(at("link"), true, "new") == 0 && holds(at("victim"), "precious") &&
	   lstat(at("link"), &st) == 0 && S_ISREG(st.st_mode) && holds(at("link"), "new"),
	   "replacing a symlink replaces the link, not its target");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ok(path_suffix(pd, sizeof(pd), big, ".min") == -ENAMETOOLONG,
	   "a path too long for its buffer is refused, not cut");
	ok(path_suffix(pd, 8, "abc", ".min") == 0 && !strcmp(pd, "abc.min") &&
	   path_suffix(pd, 7, "abc", ".min") == -ENAMETOOLONG, "exactly fitting, and one byte short");
	setenv("TMPDIR", dir, 1);
	ok(private_dir(pd, sizeof(pd), "test") == 0 && stat(pd, &st) == 0 &&
	   S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700, "a private directory is 0700");
	ok(!strncmp(pd, dir, strlen(dir)), "... under TMPDIR");
	rmdir(pd);
	unlink(at("new"));
	unlink(at("victim"));
	unlink(at("link"));
	unlink(at("dangling"));
	rmdir(dir);
	return tap_done();
}
