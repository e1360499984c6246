// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctl seam of `make bench`'s host row: it answers at once, so the
 * time a run or a stress walk takes is the tool's own user-space time.
 * It keeps just enough of an IOAS (ids, fixed-IOVA mappings) that the
 * bench's ioas and map scripts and stress's map/unmap walk get the answers
 * the kernel would give them; every other call succeeds doing nothing.
 * Not a test double: no test links it, nothing is judged against it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/uio.h>
#include <unistd.h>

#include "abi.h"
#include "sys.h"

#define MAX_AREAS 4096

struct area {
	uint32_t ioas;
	uint64_t iova, len;
};

static struct area areas[MAX_AREAS];
static unsigned int nareas;
static uint32_t next_id = 1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * stress sends some structs in a read-only page (the abort path), and the
 * kernel answers EFAULT when it copies the reply back. Such a page is the
 * only page-aligned argument, so only those are probed: writing the
 * struct's own first word back through the kernel fails on a read-only page.
 */
static int replies(void *arg)
{
	struct iovec v = { arg, sizeof(uint32_t) };

	if ((uintptr_t)arg % (uintptr_t)sysconf(_SC_PAGESIZE))
		return 1;
	return process_vm_writev(getpid(), &v, 1, &v, 1, 0) == (ssize_t)v.iov_len;
}

static int map(struct ictl_iommu_ioas_map *m)
{
	unsigned int i;

	if (!m->length || !(m->flags & ICTL_IOMMU_IOAS_MAP_FIXED_IOVA))
		return -EINVAL;
	for (i = 0; i < nareas; i++)
		if (areas[i].ioas == m->ioas_id && areas[i].iova < m->iova + m->length &&
		    m->iova < areas[i].iova + areas[i].len)
			return -EEXIST;
	if (nareas == MAX_AREAS)
		return -ENOMEM;
	areas[nareas++] = (struct area){ m->ioas_id, m->iova, m->length };
	return 0;
}

/* Whole mappings inside the range go; one cut by it makes it ENOENT */
static int unmap(struct ictl_iommu_ioas_unmap *u)
{
	uint64_t last = u->iova + u->length - 1, done = 0;
	unsigned int i;
	int all = !u->iova && u->length == UINT64_MAX;

	if (!u->length)
		return -EINVAL;
	for (i = 0; i < nareas; i++) {
		struct area *a = &areas[i];

		if (a->ioas != u->ioas_id || a->iova > last || a->iova + a->len - 1 < u->iova)
			continue;
		if (a->iova < u->iova || a->iova + a->len - 1 > last)
			return -ENOENT;
	}
	for (i = 0; i < nareas;) {
		struct area *a = &areas[i];

		if (a->ioas != u->ioas_id || a->iova > last || a->iova + a->len - 1 < u->iova) {
			i++;
			continue;
		}
		done += a->len;
		*a = areas[--nareas];
	}
	if (!done && !all)
		return -ENOENT;
	if (!replies(u))
		return -EFAULT;
	u->length = done;
	return 0;
}

/* As the kernel: a map or unmap done stays done; an IOAS is undone */
static int answer(unsigned long req, void *arg)
{
	int rc;

	switch (req) {
	case ICTL_IOMMU_IOAS_ALLOC:
		if (!replies(arg))
			return -EFAULT;
		((struct ictl_iommu_ioas_alloc *)arg)->out_ioas_id = next_id++;
		return 0;
	case ICTL_IOMMU_IOAS_MAP:
		rc = map(arg);
		return rc || replies(arg) ? rc : -EFAULT;
	case ICTL_IOMMU_IOAS_UNMAP:
		return unmap(arg);
	default:
		return 0;
	}
}

int ictl_sys_ioctl(int fd, unsigned long req, void *arg)
{
	int rc;

	(void)fd;
	pthread_mutex_lock(&lock);
	rc = answer(req, arg);
	pthread_mutex_unlock(&lock);
	if (rc < 0) {
		errno = -rc;
		return -1;
	}
	return 0;
}
