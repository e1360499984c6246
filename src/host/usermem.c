// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <linux/capability.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "host/usermem.h"

const char *mem_kind_name(enum mem_kind kind)
{
	static const char *const names[MEM_NKINDS] = {
		[MEM_ANON] = "anon", [MEM_HUGETLB] = "hugetlb", [MEM_MEMFD] = "memfd",
		[MEM_DMABUF] = "dmabuf", [MEM_MMAP] = "mmap",
	};

	return kind < MEM_NKINDS ? names[kind] : "?";
}

static void *map_kind(size_t len, enum mem_kind kind, int *fd)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;

	*fd = -1;
	if (kind == MEM_HUGETLB)
		flags |= MAP_HUGETLB;
	if (kind == MEM_MEMFD) {
		*fd = memfd_create("iommufd-ctl", MFD_CLOEXEC);
		if (*fd < 0 || ftruncate(*fd, (off_t)len))
			return MAP_FAILED;
		flags = MAP_SHARED;
	}
	return mmap(NULL, len, PROT_READ | PROT_WRITE, flags, *fd, 0);
}

/*
 * Blocks handed back by usermem_recycle(), still mapped and faulted in.
 * Under emulation a page fault costs more than anything else a fail-nth
 * iteration or a shrinker's replay does, and both map the same sizes again
 * and again.
 */
#define SPARES 8
static struct spare {
	void *p;
	size_t len;
	enum mem_kind kind;
} spares[SPARES];
static pthread_mutex_t spares_lock = PTHREAD_MUTEX_INITIALIZER;

static void *spare_take(size_t len, enum mem_kind kind)
{
	void *p = NULL;
	int i;

	pthread_mutex_lock(&spares_lock);
	for (i = 0; i < SPARES && !p; i++) {
		if (spares[i].p && spares[i].len == len && spares[i].kind == kind) {
			p = spares[i].p;
			spares[i].p = NULL;
		}
	}
	pthread_mutex_unlock(&spares_lock);
	return p;
}

static bool spare_put(void *p, size_t len, enum mem_kind kind)
{
	bool kept = false;
	int i;

	pthread_mutex_lock(&spares_lock);
	for (i = 0; i < SPARES && !kept; i++) {
		if (!spares[i].p) {
			spares[i] = (struct spare){ p, len, kind };
			kept = true;
		}
	}
	pthread_mutex_unlock(&spares_lock);
	return kept;
}

int usermem_alloc(size_t len, enum mem_kind kind, struct usermem *m)
{
	int err;

	if (kind > MEM_MEMFD)
		return -EINVAL;
	m->p = kind != MEM_MEMFD ? spare_take(len, kind) : NULL;
	if (m->p) {
		/* as fresh memory reads: zero */
		memset(m->p, 0, len);
		m->len = len;
		m->fd = -1;
		return 0;
	}
	m->len = len;
	m->p = map_kind(len, kind, &m->fd);
	if (m->p == MAP_FAILED) {
		err = errno;
		if (m->fd >= 0)
			close(m->fd);
		m->p = NULL;
		m->fd = -1;
		return -err;
	}
	/* the kernel pins what is there: make every page real now */
	memset(m->p, 0, len);
	return 0;
}

void usermem_free(struct usermem *m)
{
	if (m->p)
		munmap(m->p, m->len);
	if (m->fd >= 0)
		close(m->fd);
	m->p = NULL;
	m->fd = -1;
}

void usermem_recycle(struct usermem *m, enum mem_kind kind)
{
	if (m->p && m->fd < 0 && kind != MEM_MEMFD && spare_put(m->p, m->len, kind))
		m->p = NULL;
	usermem_free(m);
}

int usermem_drop_ipc_lock(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	data[CAP_TO_INDEX(CAP_IPC_LOCK)].effective &= ~CAP_TO_MASK(CAP_IPC_LOCK);
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}
