/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Moving a PCI device to vfio-pci and back, through driver_override,
 * unbind and drivers_probe. vfio_bind() records the driver it took the
 * device from, in memory and in a state file under /run/iommufd-ctl, so
 * that vfio_restore() can give the device back, in this process or a
 * later one. Every step that fails is rolled back: a failure never leaves
 * a device without the driver it had.
 *
 * No printing: failures return -errno and say why in state->why.
 */
#ifndef ICTL_VFIO_BIND_H
#define ICTL_VFIO_BIND_H

#include <stdbool.h>

#include "host/inventory.h"

#define VFIO_PCI_DRIVER	"vfio-pci"

struct vfio_bind_state {
	const struct host_roots *roots;
	char addr[PCI_ADDR_MAX];
	char from[INV_NAME_MAX];	/* driver before the bind; "" none */
	char override[INV_NAME_MAX];	/* driver_override before; "" unset */
	bool known;			/* from and override were recorded */
	bool changed;			/* restore has something to undo */
	bool force;			/* skip the in-use and group checks */
	bool noiommu;			/* no IOMMU group, taken in no-IOMMU mode */
	char to[INV_NAME_MAX];		/* driver after the call; "" none */
	char cdev[256];			/* after a bind; "" when none */
	char why[256];			/* a refusal or failure, in words */
};

/*
 * Bind PCI device @addr (any spelling pci_addr_normalize() takes) to
 * vfio-pci. Refuses with -EBUSY, unless @force, when its driver is in use
 * (an interface up, a block device mounted, held or swapped on) or when
 * another device of its IOMMU group has a driver that does DMA itself, and
 * with -ENODEV when it has no IOMMU group, unless VFIO runs in its unsafe
 * no-IOMMU mode (state->noiommu). A device on vfio-pci already is
 * left alone (state->changed false). Returns 0 or -errno.
 */
int vfio_bind(const char *addr, bool force, struct vfio_bind_state *state);
int vfio_bind_at(const struct host_roots *r, const char *addr, bool force,
		 struct vfio_bind_state *state);

/*
 * Give the device of @state back to the driver it came from: clear
 * driver_override, unbind vfio-pci, bind the recorded driver (none is a
 * driver too), or let the kernel probe when nothing was recorded. Refuses
 * with -EBUSY, unless state->force, while a process holds the device open
 * (the kernel would wait for it). On a failure the device stays on or goes
 * back to vfio-pci. Removes the state file. 0 or -errno.
 */
int vfio_restore(struct vfio_bind_state *state);

/*
 * Prepare vfio_restore() for a device bound by another process: the state
 * file of @addr when there is one (state->known), else "let the kernel
 * probe". 0, -EINVAL for a bad address, -ENODEV for a missing device.
 */
int vfio_state_load(const struct host_roots *r, const char *addr,
		    struct vfio_bind_state *state);

/* Pure: the state file's text for @state, and back. 0 or -EINVAL. */
int vfio_state_format(const struct vfio_bind_state *state, char *buf,
		      size_t len);
int vfio_state_parse(const char *text, struct vfio_bind_state *state);

#endif
