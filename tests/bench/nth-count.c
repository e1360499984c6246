// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linked into a second build of the kernel's iommufd_fail_nth with
 * -Wl,--wrap=pwrite, so that its sweep can be counted without touching its
 * source: the selftest's only pwrite() calls are to its fail-nth file, and
 * every value but "0" arms the next iteration. Each armed value is printed
 * as "# fail-nth arm N" on stderr *before* the write, so the print itself
 * never reaches a fault site.
 */
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t __real_pwrite(int fd, const void *buf, size_t len, off_t off);
ssize_t __wrap_pwrite(int fd, const void *buf, size_t len, off_t off);

ssize_t __wrap_pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static const char pre[] = "# fail-nth arm ";
	char line[64];

	if (len && len < 24 && !(len == 1 && *(const char *)buf == '0')) {
		memcpy(line, pre, sizeof(pre) - 1);
		memcpy(line + sizeof(pre) - 1, buf, len);
		line[sizeof(pre) - 1 + len] = '\n';
		(void)!write(2, line, sizeof(pre) + len);
	}
	return __real_pwrite(fd, buf, len, off);
}
