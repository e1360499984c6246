/* SPDX-License-Identifier: GPL-2.0-only */
/* User memory the tool maps into IOASes: anonymous, hugetlb or memfd pages. */
#ifndef ICTL_USERMEM_H
#define ICTL_USERMEM_H

#include <stddef.h>

enum mem_kind {
	MEM_ANON,	/* private anonymous pages */
	MEM_HUGETLB,	/* MAP_HUGETLB: needs reserved huge pages */
	MEM_MEMFD,	/* a memfd, mapped shared; its fd serves ioas map-file */
	/* made by the kernel, not here: no memory in this process, an fd */
	MEM_DMABUF,	/* a dma-buf (the mock's, or a device BAR's) */
	MEM_MMAP,	/* a page the kernel offers on the iommufd, mmap()ed */
	MEM_NKINDS
};

struct usermem {
	void *p;
	size_t len;
	int fd;		/* the memfd; -1 for the other kinds */
};

/*
 * Map, zero and fault in @len bytes, so the kernel pins real pages: anon,
 * hugetlb or memfd memory (-EINVAL for the kinds the kernel makes).
 * 0 or -errno.
 */
int usermem_alloc(size_t len, enum mem_kind kind, struct usermem *m);
void usermem_free(struct usermem *m);

/*
 * Free @m, or keep its pages for the next usermem_alloc() of the same
 * length and kind. Only once no iommufd can still pin them: a block handed
 * out again must be as unpinned as a fresh one.
 */
void usermem_recycle(struct usermem *m, enum mem_kind kind);

/*
 * Take CAP_IPC_LOCK out of the effective set, as the kernel's selftests do:
 * without it iommufd accounts the pages it pins to the mapping process
 * (RLIMIT_MEMLOCK, and VmLck in rlimit-mode 1), which it skips for a
 * process that may lock memory. 0 or -errno.
 */
int usermem_drop_ipc_lock(void);
const char *mem_kind_name(enum mem_kind kind);

#endif
