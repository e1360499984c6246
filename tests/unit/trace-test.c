// SPDX-License-Identifier: GPL-2.0-only
/* --trace: finding tracefs in mountinfo, and reading trace_pipe's lines */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/trace.h"
#include "tap.h"

static void mounts(void)
{
	static const char info[] =
		"22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
		"36 35 0:12 / /sys/kernel/debug rw,relatime shared:15 - debugfs debugfs rw\n"
		"37 35 0:13 / /sys/kernel/my\\040tracing rw,relatime shared:16 - tracefs nodev rw\n";
	static const char none[] = "22 1 0:21 / /proc rw - proc proc rw\n"
				   "23 1 0:22 / /tracefs rw - tmpfs tracefs rw\n";
	char dir[64];

	ok(!trace_find_mount(info, dir, sizeof(dir)) && !strcmp(dir, "/sys/kernel/my tracing"),
	   "the tracefs mount, its \\040 undone: %s", dir);
	ok(trace_find_mount(none, dir, sizeof(dir)) == -ENOENT,
	   "a tmpfs whose source is called tracefs is no tracefs");
	ok(trace_find_mount("", dir, sizeof(dir)) == -ENOENT, "no mounts: none");
}

static void lines(void)
{
	struct trace_event e;

	ok(!trace_parse_line("     iommufd-ctl-1234    [001] .....  8744.513991: map: IOMMU: "
			     "iova=0x0000000001000000 - 0x0000000001010000 "
			     "paddr=0x0000000002345000 size=65536", &e) &&
	   !strcmp(e.comm, "iommufd-ctl") && e.pid == 1234 && e.cpu == 1 &&
	   !strcmp(e.ts, "8744.513991") && !strcmp(e.name, "map") &&
	   !strncmp(e.text, "IOMMU: iova=0x0000000001000000", 30),
	   "a map event: comm, pid, cpu, time, name, text");
	ok(!trace_parse_line("  kworker/u8:2-45 [000] d..1. 1.000001: io_page_fault: "
			     "IOMMU:mock mock0 iova=0x0000000000001000 flags=0x0002\n", &e) &&
	   !strcmp(e.comm, "kworker/u8:2") && e.pid == 45 && !strcmp(e.name, "io_page_fault") &&
	   !strcmp(e.text, "IOMMU:mock mock0 iova=0x0000000000001000 flags=0x0002"),
	   "a comm with a slash, other flags, the newline gone");
	ok(!trace_parse_line("a-b-7 [3] 2.5: unmap: IOMMU: iova=0x1 size=2 unmapped_size=2", &e) &&
	   !strcmp(e.comm, "a-b") && e.pid == 7 && e.cpu == 3 && !strcmp(e.ts, "2.5"),
	   "a comm with a dash: the pid is after the last one");
	ok(trace_parse_line("CPU:1 [LOST 3 EVENTS]", &e) == -EINVAL &&
	   trace_parse_line("", &e) == -EINVAL && trace_parse_line("x-1 [0] ....", &e) == -EINVAL,
	   "lines that are no events are refused");
}

/* Directories that are no tracefs: what the tool makes there it takes away */
static void fake_roots(void)
{
	char root[] = "/tmp/trace-test.XXXXXX", path[128], why[256], sub[192];
	struct trace t;
	struct stat st;
	int rc;

	if (!mkdtemp(root)) {
		ok(false, "mkdtemp: cannot test fake tracefs roots");
		ok(false, "...");
		ok(false, "...");
		return;
	}
	snprintf(path, sizeof(path), "%s/instances", root);
	mkdir(path, 0700);
	rc = trace_open_at(&t, root, why, sizeof(why));
	ok(rc == -ENOENT && strstr(why, "no iommu tracepoints"),
	   "an instances directory without events: refused (%s)", why);
	snprintf(sub, sizeof(sub), "%s/iommufd-ctl.%d", path, (int)getpid());
	ok(stat(sub, &st) && errno == ENOENT, "... and the instance it made is gone again");
	rmdir(path);
	/* a symlink is never followed: the directory behind it stays empty */
	snprintf(sub, sizeof(sub), "%s/elsewhere", root);
	mkdir(sub, 0700);
	symlink("elsewhere", path);
	rc = trace_open_at(&t, root, why, sizeof(why));
	snprintf(sub, sizeof(sub), "%s/elsewhere/iommufd-ctl.%d", root, (int)getpid());
	ok(rc && stat(sub, &st) && errno == ENOENT,
	   "instances as a symlink: refused, nothing made behind it (%s)", why);
	unlink(path);
	snprintf(sub, sizeof(sub), "%s/elsewhere", root);
	rmdir(sub);
	rmdir(root);
}

int main(void)
{
	tap_plan(10);
	mounts();
	lines();
	fake_roots();
	return tap_done();
}
