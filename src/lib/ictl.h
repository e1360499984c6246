/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ioctl layer: one small function per kernel call. It never prints and
 * never exits; every function returns 0 or -errno, and output fields stay in
 * the caller's struct also on failure (the kernel writes some of them back on
 * error, e.g. the entry count of an invalidation).
 */
#ifndef ICTL_H
#define ICTL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "lib/abi.h"

struct ictl {
	int fd;			/* the /dev/iommu file descriptor */
	uint64_t last_ns;	/* duration of the last call through this handle */
	/*
	 * Pass argument structs in a read-only page: the kernel reads them,
	 * builds the object, and then fails to copy the reply (EFAULT), which
	 * drives the abort path of every allocation.
	 */
	bool readonly_arg;
	/*
	 * readonly_arg's page: one page of a memfd mapped twice, written
	 * through @rw_alias and passed as @ro_alias, so that a read-only call
	 * costs no system call of its own (made at the first, gone at
	 * ictl_close(); NULL until then)
	 */
	void *ro_alias, *rw_alias;
	/*
	 * Called right before (after false) and after (after true) every
	 * ioctl: fail-nth arms fault injection only there, so the faults land
	 * in the kernel's handling of the calls, not in this process's own
	 * page faults.
	 */
	void (*around)(void *arg, bool after);
	void *around_arg;
};

/**
 * ictl_open() - open an iommufd character device
 * @c: handle to fill
 * @path: usually /dev/iommu
 *
 * Return: 0 or -errno of open(2).
 */
int ictl_open(struct ictl *c, const char *path);

/** ictl_close() - close the iommufd; the kernel destroys every object on it */
void ictl_close(struct ictl *c);

/**
 * ictl_fd_ioctl() - the single choke point for every ioctl the tool issues
 * @c: handle whose @last_ns receives the call's duration
 * @fd: the iommufd, a VFIO cdev or another object fd
 * @req: ioctl number
 * @arg: argument struct starting with its u32 size, as every iommufd and
 *       VFIO struct does; passed through untouched, or copied into a
 *       read-only page and back when @c->readonly_arg is set
 *
 * Return: 0 or -errno.
 */
int ictl_fd_ioctl(struct ictl *c, int fd, unsigned long req, void *arg);

/**
 * ictl_fd_ioctl_ret() - ictl_fd_ioctl() for a call that answers with the
 * ioctl's return value: a new file descriptor (a dma-buf) or a number
 * @c: as for ictl_fd_ioctl()
 * @fd: the descriptor the call is made on
 * @req: ioctl number
 * @arg: argument struct starting with its u32 size or argsz
 *
 * Return: the call's non-negative return value, or -errno.
 */
long ictl_fd_ioctl_ret(struct ictl *c, int fd, unsigned long req, void *arg);

/**
 * ictl_fd_ioctl_val() - an ioctl whose argument is a number, not a struct
 * (VFIO_CHECK_EXTENSION, VFIO_SET_IOMMU); @c->readonly_arg cannot apply
 * @c: handle whose @last_ns receives the call's duration
 * @fd: the descriptor the call is made on
 * @req: ioctl number
 * @val: the argument
 *
 * Return: the call's non-negative return value, or -errno.
 */
long ictl_fd_ioctl_val(struct ictl *c, int fd, unsigned long req,
		       unsigned long val);

/** ictl_ioctl() - ictl_fd_ioctl() on the iommufd itself */
int ictl_ioctl(struct ictl *c, unsigned long req, void *arg);

/* Does the kernel know iommufd command @nr (ICTL_IOMMUFD_CMD_*)? */
bool ictl_has_ioctl(struct ictl *c, unsigned int nr);

/* IOMMU_DESTROY of any object id */
int ictl_destroy(struct ictl *c, uint32_t id);

/* IOAS: each sets @cmd->size and issues the call */
int ictl_ioas_alloc(struct ictl *c, struct ictl_iommu_ioas_alloc *cmd);
int ictl_ioas_map(struct ictl *c, struct ictl_iommu_ioas_map *cmd);
int ictl_ioas_unmap(struct ictl *c, struct ictl_iommu_ioas_unmap *cmd);
/* EMSGSIZE: @cmd->num_iovas says how many ranges a retry needs */
int ictl_ioas_iova_ranges(struct ictl *c, struct ictl_iommu_ioas_iova_ranges *cmd);
int ictl_ioas_allow_iovas(struct ictl *c, struct ictl_iommu_ioas_allow_iovas *cmd);
int ictl_ioas_copy(struct ictl *c, struct ictl_iommu_ioas_copy *cmd);
int ictl_ioas_map_file(struct ictl *c, struct ictl_iommu_ioas_map_file *cmd);
int ictl_ioas_change_process(struct ictl *c);

/**
 * ictl_ioas_noiommu_get_pa() - IOMMU_IOAS_NOIOMMU_GET_PA (since 7.3)
 * @c: open iommufd handle
 * @cmd: caller-filled IOAS, IOVA and length; on success @cmd->out_phys is
 *       the physical address and @cmd->length the bytes physically
 *       contiguous from it, at most the length asked for
 *
 * Needs CAP_SYS_RAWIO; only IOVAs whose pages a no-IOMMU device's domain
 * holds have an answer. Return: 0 or -errno.
 */
int ictl_ioas_noiommu_get_pa(struct ictl *c,
			     struct ictl_iommu_ioas_noiommu_get_pa *cmd);

/* IOMMU_OPTION get/set; @cmd->val64 carries the value both ways */
int ictl_option(struct ictl *c, struct ictl_iommu_option *cmd);
/* IOMMU_VFIO_IOAS: the IOAS behind the VFIO type1 compatibility ioctls */
int ictl_vfio_ioas(struct ictl *c, struct ictl_iommu_vfio_ioas *cmd);

/**
 * ictl_hwpt_alloc() - IOMMU_HWPT_ALLOC
 * @c: open iommufd handle
 * @cmd: caller-filled request; @cmd->out_hwpt_id is set on success
 *
 * A paging HWPT when @cmd->pt_id is an IOAS, a nested one when it is a
 * nest-parent HWPT or a vIOMMU. Return: 0 or -errno.
 */
int ictl_hwpt_alloc(struct ictl *c, struct ictl_iommu_hwpt_alloc *cmd);

/**
 * ictl_hwpt_invalidate() - IOMMU_HWPT_INVALIDATE
 * @c: open iommufd handle
 * @cmd: caller-filled request; @cmd->entry_num is written back with the
 *       entries the kernel handled, also on failure
 *
 * Return: 0 or -errno.
 */
int ictl_hwpt_invalidate(struct ictl *c, struct ictl_iommu_hwpt_invalidate *cmd);

/**
 * ictl_hwpt_set_dirty_tracking() - IOMMU_HWPT_SET_DIRTY_TRACKING
 * @c: open iommufd handle
 * @cmd: caller-filled request (a paging HWPT, flags ENABLE or 0)
 *
 * Return: 0 or -errno.
 */
int ictl_hwpt_set_dirty_tracking(struct ictl *c,
				 struct ictl_iommu_hwpt_set_dirty_tracking *cmd);

/**
 * ictl_hwpt_get_dirty_bitmap() - IOMMU_HWPT_GET_DIRTY_BITMAP
 * @c: open iommufd handle
 * @cmd: caller-filled request; @cmd->data points at a bitmap of one bit per
 *       @cmd->page_size from @cmd->iova, which the kernel fills
 *
 * Return: 0 or -errno.
 */
int ictl_hwpt_get_dirty_bitmap(struct ictl *c,
			       struct ictl_iommu_hwpt_get_dirty_bitmap *cmd);

/**
 * ictl_vfio_open() - open a VFIO device cdev (O_RDWR | O_CLOEXEC)
 * @path: usually /dev/vfio/devices/vfioN
 *
 * The descriptor grants nothing until it is bound to an iommufd.
 * Return: the descriptor or -errno of open(2).
 */
int ictl_vfio_open(const char *path);

/**
 * ictl_vfio_close() - close a VFIO device cdev, unbinding it
 * @c: handle whose @last_ns receives the call's duration
 * @devfd: descriptor from ictl_vfio_open()
 *
 * Return: 0 or -errno of close(2); the descriptor is gone either way.
 */
int ictl_vfio_close(struct ictl *c, int devfd);

/**
 * ictl_vfio_bind() - VFIO_DEVICE_BIND_IOMMUFD
 * @c: open iommufd handle, the one the device is bound to
 * @devfd: VFIO device cdev
 * @cmd: caller-filled flags and token; @cmd->out_devid is set on success
 *
 * Return: 0 or -errno.
 */
int ictl_vfio_bind(struct ictl *c, int devfd,
		   struct ictl_vfio_device_bind_iommufd *cmd);

/**
 * ictl_vfio_attach() - VFIO_DEVICE_ATTACH_IOMMUFD_PT
 * @c: open iommufd handle
 * @devfd: a bound VFIO device cdev
 * @cmd: caller-filled request; on success @cmd->pt_id holds the HWPT
 *       attached, which for an IOAS the kernel picked or made
 *
 * Attaching an attached device replaces its translation. Return: 0 or -errno.
 */
int ictl_vfio_attach(struct ictl *c, int devfd,
		     struct ictl_vfio_device_attach_iommufd_pt *cmd);

/**
 * ictl_vfio_detach() - VFIO_DEVICE_DETACH_IOMMUFD_PT
 * @c: open iommufd handle
 * @devfd: a bound VFIO device cdev
 * @cmd: caller-filled flags and PASID
 *
 * Return: 0 or -errno.
 */
int ictl_vfio_detach(struct ictl *c, int devfd,
		     struct ictl_vfio_device_detach_iommufd_pt *cmd);

/**
 * ictl_get_hw_info() - IOMMU_GET_HW_INFO
 * @c: open iommufd handle
 * @cmd: caller-filled dev_id and buffer; on success @cmd->data_len holds the
 *       kernel's payload length, which may exceed the buffer
 *
 * Return: 0 or -errno.
 */
int ictl_get_hw_info(struct ictl *c, struct ictl_iommu_hw_info *cmd);

/* vIOMMU and vDEVICE (since 6.13): a vIOMMU sits on a nest-parent HWPT */
int ictl_viommu_alloc(struct ictl *c, struct ictl_iommu_viommu_alloc *cmd);
int ictl_vdevice_alloc(struct ictl *c, struct ictl_iommu_vdevice_alloc *cmd);

/**
 * ictl_fault_alloc() - IOMMU_FAULT_QUEUE_ALLOC
 * @c: open iommufd handle
 * @cmd: caller-filled flags; on success @cmd->out_fault_id and
 *       @cmd->out_fault_fd are set, and the caller owns the descriptor
 *
 * The descriptor holds the object: IOMMU_DESTROY of it fails with EBUSY
 * until the descriptor is closed. Return: 0 or -errno.
 */
int ictl_fault_alloc(struct ictl *c, struct ictl_iommu_fault_alloc *cmd);

/**
 * ictl_veventq_alloc() - IOMMU_VEVENTQ_ALLOC (since 6.15)
 * @c: open iommufd handle
 * @cmd: caller-filled vIOMMU, type and depth; on success the caller owns
 *       @cmd->out_veventq_fd, which holds the object as a fault fd does
 *
 * Return: 0 or -errno.
 */
int ictl_veventq_alloc(struct ictl *c, struct ictl_iommu_veventq_alloc *cmd);

/**
 * ictl_hw_queue_alloc() - IOMMU_HW_QUEUE_ALLOC (since 6.17)
 * @c: open iommufd handle
 * @cmd: caller-filled request; @cmd->out_hw_queue_id is set on success
 *
 * Return: 0 or -errno.
 */
int ictl_hw_queue_alloc(struct ictl *c, struct ictl_iommu_hw_queue_alloc *cmd);

/**
 * ictl_eventq_read() - read(2) of a fault or vEVENTQ descriptor
 * @c: handle whose @last_ns receives the call's duration; with
 *     @c->readonly_arg the kernel gets a buffer it cannot write
 * @fd: the queue's descriptor
 * @buf: where the records go
 * @len: bytes to ask for; the kernel wants whole fault records, and room
 *       for at least one event
 *
 * An empty queue reads 0 bytes. Return: the bytes read or -errno.
 */
ssize_t ictl_eventq_read(struct ictl *c, int fd, void *buf, size_t len);

/**
 * ictl_fault_respond() - write(2) page responses to a fault descriptor
 * @c: handle whose @last_ns receives the call's duration
 * @fd: the fault queue's descriptor
 * @resp: @n responses, each naming the cookie of a fault read before
 * @n: how many
 *
 * Return: the bytes the kernel took (it stops at the first bad response)
 * or -errno when it took none.
 */
ssize_t ictl_fault_respond(struct ictl *c, int fd,
			   const struct ictl_iommu_hwpt_page_response *resp,
			   size_t n);

/* CONFIG_IOMMUFD_TEST: @cmd->op selects the mock operation */
int ictl_test_cmd(struct ictl *c, struct ictl_iommu_test_cmd *cmd);

/**
 * ictl_test_cmd_ret() - IOMMU_TEST_CMD of an op that answers with the
 * ioctl's return value (DMABUF_GET: the new dma-buf's descriptor)
 * @c: open iommufd handle
 * @cmd: caller-filled request
 *
 * Return: the non-negative return value, or -errno.
 */
long ictl_test_cmd_ret(struct ictl *c, struct ictl_iommu_test_cmd *cmd);

/**
 * ictl_vfio_region_info() - VFIO_DEVICE_GET_REGION_INFO
 * @c: handle whose @last_ns receives the call's duration
 * @devfd: a bound VFIO device cdev
 * @info: caller-filled @info->index; size, offset and flags come back
 *
 * Return: 0 or -errno.
 */
int ictl_vfio_region_info(struct ictl *c, int devfd,
			  struct ictl_vfio_region_info *info);

/**
 * ictl_vfio_device_feature() - VFIO_DEVICE_FEATURE
 * @c: handle whose @last_ns receives the call's duration
 * @devfd: a bound VFIO device cdev
 * @feat: @feat->argsz covers the feature's data after the header; flags
 *        name the feature and GET, SET or PROBE
 *
 * Return: the call's non-negative return value (GET of DMA_BUF: the new
 * dma-buf's descriptor, which the caller owns), or -errno.
 */
long ictl_vfio_device_feature(struct ictl *c, int devfd,
			      struct ictl_vfio_device_feature *feat);

/*
 * VFIO type1 compatibility on the iommufd, on the IOAS IOMMU_VFIO_IOAS
 * chose: the API version (0), an extension (1: has it, 0: not), the IOMMU
 * type. Each returns the call's non-negative answer or -errno.
 */
long ictl_vfio_api_version(struct ictl *c);
long ictl_vfio_check_extension(struct ictl *c, unsigned long ext);
long ictl_vfio_set_iommu(struct ictl *c, unsigned long type);

/**
 * ictl_vfio_iommu_get_info() - VFIO_IOMMU_GET_INFO
 * @c: open iommufd handle
 * @info: the start of a buffer of @info->argsz bytes; capabilities follow
 *        the struct when they fit, and @info->argsz comes back as the size
 *        that holds them all
 *
 * Return: 0 or -errno.
 */
int ictl_vfio_iommu_get_info(struct ictl *c, struct ictl_vfio_iommu_type1_info *info);

/* VFIO_IOMMU_MAP_DMA (always at @map->iova) and VFIO_IOMMU_UNMAP_DMA */
int ictl_vfio_map_dma(struct ictl *c, struct ictl_vfio_iommu_type1_dma_map *map);
/* @unmap->size comes back as the bytes unmapped, also after an unmap that failed */
int ictl_vfio_unmap_dma(struct ictl *c, struct ictl_vfio_iommu_type1_dma_unmap *unmap);

/* the calling thread's clock, in ns, for timing outside the choke point */
uint64_t ictl_now_ns(void);

#endif
