// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "host/vfio_bind.h"

#define IFF_UP_BIT	0x1	/* <net/if.h>'s IFF_UP, in the sysfs flags file */

/* Sets state->why and returns @err, so a refusal is one line. */
static int why(struct vfio_bind_state *st, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int why(struct vfio_bind_state *st, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->why, sizeof(st->why), fmt, ap);
	va_end(ap);
	return err;
}

/*
 * Writes @s whole; @flags adds O_CREAT for plain files. O_TRUNC, as a shell's
 * '>' does: sysfs ignores it, a file of a test tree needs it.
 */
static int sys_write(const char *path, const char *s, int flags)
{
	ssize_t n;
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | flags, 0600), rc = 0;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != strlen(s))
		rc = -EIO;
	if (close(fd) && !rc)
		rc = -errno;
	return rc;
}

static int dev_write(const struct vfio_bind_state *st, const char *leaf,
		     const char *s)
{
	char path[512];
	int rc = sysfs_pci_path(path, sizeof(path), st->roots->sd.sys, st->addr, leaf);

	return rc ? rc : sys_write(path, s, 0);
}

/* ROOT/bus/pci/drivers/DRIVER/FILE, or ROOT/bus/pci/FILE without a driver */
static int bus_write(const struct vfio_bind_state *st, const char *driver,
		     const char *file)
{
	const char *sys = st->roots->sd.sys;
	char path[512];
	int n;

	if (driver)
		n = inv_path(path, sizeof(path), "%s/bus/pci/drivers/%s/%s", sys,
			     driver, file);
	else
		n = inv_path(path, sizeof(path), "%s/bus/pci/%s", sys, file);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	return sys_write(path, st->addr, 0);
}

/* ---- the state file ------------------------------------------------------ */

int vfio_state_format(const struct vfio_bind_state *st, char *buf, size_t len)
{
	int n = snprintf(buf, len, "driver=%s\noverride=%s\n", st->from,
			 st->override);

	return n < 0 || (size_t)n >= len ? -EINVAL : 0;
}

/* "KEY=VALUE" at the start of @line; copies VALUE up to the newline. */
static bool state_key(const char *line, const char *key, char *val, size_t len)
{
	size_t k = strlen(key), n;

	if (strncmp(line, key, k) || line[k] != '=')
		return false;
	line += k + 1;
	n = strcspn(line, "\n");
	if (n >= len)
		return false;
	memcpy(val, line, n);
	val[n] = '\0';
	return true;
}

int vfio_state_parse(const char *text, struct vfio_bind_state *st)
{
	bool drv = false, ovr = false;
	const char *p;

	for (p = text; *p; p += strcspn(p, "\n"), p += *p == '\n') {
		drv = drv || state_key(p, "driver", st->from, sizeof(st->from));
		ovr = ovr || state_key(p, "override", st->override,
				       sizeof(st->override));
	}
	if (!drv || !ovr)
		return -EINVAL;
	st->known = true;
	return 0;
}

static int state_path(const struct vfio_bind_state *st, char *buf, size_t len,
		      const char *suffix)
{
	int n = snprintf(buf, len, "%s/%s%s", st->roots->run, st->addr, suffix);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* The run directory and its parent (/run is missing in a bare initramfs). */
static int make_run_dir(const char *dir)
{
	char parent[PATH_MAX], *slash;

	snprintf(parent, sizeof(parent), "%s", dir);
	slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		if (mkdir(parent, 0755) && errno != EEXIST)
			return -errno;
	}
	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Written whole or not at all: a torn file would restore the wrong driver. */
static int state_save(struct vfio_bind_state *st)
{
	char path[PATH_MAX], tmp[PATH_MAX], text[256];
	int rc;

	if ((rc = vfio_state_format(st, text, sizeof(text))) ||
	    (rc = state_path(st, path, sizeof(path), "")) ||
	    (rc = state_path(st, tmp, sizeof(tmp), ".new")) ||
	    (rc = make_run_dir(st->roots->run)))
		return why(st, rc, "cannot record the driver in %s: %s",
			   st->roots->run, strerror(-rc));
	rc = sys_write(tmp, text, O_CREAT);
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc) {
		unlink(tmp);
		return why(st, rc, "cannot write %s: %s", path, strerror(-rc));
	}
	return 0;
}

static void state_remove(const struct vfio_bind_state *st)
{
	char path[PATH_MAX];

	if (!state_path(st, path, sizeof(path), ""))
		unlink(path);
}

/* ---- is the current driver in use? ------------------------------------------ */

static bool iface_up(const char *dir, const char *name)
{
	char path[PATH_MAX], buf[32];
	unsigned int flags;

	inv_path(path, sizeof(path), "%s/%s/operstate", dir, name);
	if (!inv_read_text(path, buf, sizeof(buf)) && !strcmp(buf, "up"))
		return true;
	/* operstate stays "unknown" for drivers that do not report carrier */
	inv_path(path, sizeof(path), "%s/%s/flags", dir, name);
	return !inv_read_text(path, buf, sizeof(buf)) &&
	       !inv_parse_hex(buf, &flags) && (flags & IFF_UP_BIT);
}

static int net_in_use(struct vfio_bind_state *st)
{
	char dir[PATH_MAX];
	struct dirent *d;
	DIR *dh;
	int rc = 0;

	if (sysfs_pci_path(dir, sizeof(dir), st->roots->sd.sys, st->addr, "net") ||
	    !(dh = opendir(dir)))
		return 0;
	while (!rc && (d = readdir(dh)))
		if (d->d_name[0] != '.' && iface_up(dir, d->d_name))
			rc = why(st, -EBUSY, "network interface %s is up",
				 d->d_name);
	closedir(dh);
	return rc;
}

/* The first entry of a directory, such as a holder of a block device. */
static bool first_entry(const char *dir, char *name, size_t len)
{
	struct dirent *d;
	DIR *dh = opendir(dir);
	bool found = false;

	if (!dh)
		return false;
	while (!found && (d = readdir(dh)))
		if (d->d_name[0] != '.')
			found = snprintf(name, len, "%s", d->d_name) > 0;
	closedir(dh);
	return found;
}

/* Is block device @name (MAJ:MIN @devno) a mount's source? */
static bool mounted(const struct vfio_bind_state *st, const char *name,
		    const char *devno, char *where, size_t len)
{
	char path[PATH_MAX], line[4096], mnt[PATH_MAX], src[PATH_MAX], dev[32];
	bool found = false;
	FILE *f;

	inv_path(path, sizeof(path), "%s/self/mountinfo", st->roots->proc);
	f = fopen(path, "re");
	while (f && !found && fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (sscanf(line, "%*s %*s %31s %*s %4095s", dev, mnt) != 2)
			continue;
		src[0] = '\0';
		if (sep)
			sscanf(sep + 3, "%*s %4095s", src);
		found = !strcmp(dev, devno) ||
			(!strncmp(src, "/dev/", 5) && !strcmp(src + 5, name));
	}
	if (f)
		fclose(f);
	if (found)
		snprintf(where, len, "%s", mnt);
	return found;
}

static bool swapped_on(const struct vfio_bind_state *st, const char *name)
{
	char path[PATH_MAX], line[1024], dev[PATH_MAX];
	bool found = false;
	FILE *f;

	inv_path(path, sizeof(path), "%s/swaps", st->roots->proc);
	f = fopen(path, "re");
	while (f && !found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%4095s", dev) == 1 &&
			!strncmp(dev, "/dev/", 5) && !strcmp(dev + 5, name);
	if (f)
		fclose(f);
	return found;
}

/* One block device (disk or partition) under the PCI device. */
static int block_busy(struct vfio_bind_state *st, const char *cls,
		      const char *name)
{
	char path[PATH_MAX], devno[32], other[PATH_MAX];

	inv_path(path, sizeof(path), "%s/%s/holders", cls, name);
	if (first_entry(path, other, sizeof(other)))
		return why(st, -EBUSY, "block device %s is held by %s", name, other);
	inv_path(path, sizeof(path), "%s/%s/dev", cls, name);
	if (inv_read_text(path, devno, sizeof(devno)))
		devno[0] = '\0';
	if (mounted(st, name, devno, other, sizeof(other)))
		return why(st, -EBUSY, "block device %s is mounted on %s", name, other);
	if (swapped_on(st, name))
		return why(st, -EBUSY, "block device %s is used for swap", name);
	return 0;
}

/* Block devices sit deep below a controller: match by sysfs path prefix. */
static int block_in_use(struct vfio_bind_state *st)
{
	char cls[PATH_MAX], base[PATH_MAX], real[PATH_MAX], path[PATH_MAX * 2];
	struct dirent *d;
	size_t blen;
	DIR *dh;
	int rc = 0;

	if (sysfs_pci_path(path, sizeof(path), st->roots->sd.sys, st->addr, NULL) ||
	    !realpath(path, base))
		return 0;
	blen = strlen(base);
	inv_path(cls, sizeof(cls), "%s/class/block", st->roots->sd.sys);
	if (!(dh = opendir(cls)))
		return 0;
	while (!rc && (d = readdir(dh))) {
		if (d->d_name[0] == '.')
			continue;
		inv_path(path, sizeof(path), "%s/%s", cls, d->d_name);
		if (realpath(path, real) && !strncmp(real, base, blen) &&
		    real[blen] == '/')
			rc = block_busy(st, cls, d->d_name);
	}
	closedir(dh);
	return rc;
}

/* ---- is the VFIO device open? --------------------------------------------------- */

static dev_t chr_rdev(const char *path)
{
	struct stat sb;

	return path[0] && !stat(path, &sb) && S_ISCHR(sb.st_mode) ? sb.st_rdev : 0;
}

/* A device fd got through a VFIO group has no node: fdinfo names it. */
static bool fdinfo_names(const struct vfio_bind_state *st, const char *pid,
			 const char *fd)
{
	char path[PATH_MAX], text[4096], *p, *end;
	size_t alen = strlen(st->addr);

	inv_path(path, sizeof(path), "%s/%s/fdinfo/%s", st->roots->proc, pid, fd);
	if (inv_read_text(path, text, sizeof(text)))
		return false;
	p = strstr(text, "vfio-device-syspath:");
	if (!p)
		return false;
	end = p + strcspn(p, "\n");
	return (size_t)(end - p) > alen + 1 && end[-(long)alen - 1] == '/' &&
	       !strncmp(end - alen, st->addr, alen);
}

static bool fd_holds(const struct vfio_bind_state *st, const char *pid,
		     const char *fd, const dev_t rdev[2])
{
	char path[PATH_MAX], target[64];
	struct stat sb;
	ssize_t n;

	inv_path(path, sizeof(path), "%s/%s/fd/%s", st->roots->proc, pid, fd);
	if (!stat(path, &sb) && S_ISCHR(sb.st_mode) && sb.st_rdev &&
	    (sb.st_rdev == rdev[0] || sb.st_rdev == rdev[1]))
		return true;
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	return !strcmp(target, "anon_inode:[vfio-device]") &&
	       fdinfo_names(st, pid, fd);
}

static bool pid_holds(const struct vfio_bind_state *st, const char *pid,
		      const dev_t rdev[2])
{
	char path[PATH_MAX];
	struct dirent *d;
	bool found = false;
	DIR *dh;

	inv_path(path, sizeof(path), "%s/%s/fd", st->roots->proc, pid);
	if (!(dh = opendir(path)))
		return false;
	while (!found && (d = readdir(dh)))
		found = d->d_name[0] != '.' && fd_holds(st, pid, d->d_name, rdev);
	closedir(dh);
	return found;
}

/*
 * Unbinding vfio-pci from a device someone holds open blocks until they let
 * go, so look for holders first: the cdev, the group node, group-made fds.
 */
static int vfio_holders(struct vfio_bind_state *st, const struct inv_pci *p)
{
	char path[PATH_MAX], comm[64];
	dev_t rdev[2] = { chr_rdev(p->cdev), 0 };
	struct dirent *d;
	DIR *dh;
	int rc = 0;

	if (p->group >= 0) {
		inv_path(path, sizeof(path), "%s/vfio/%d", st->roots->sd.dev, p->group);
		rdev[1] = chr_rdev(path);
	}
	if (!(dh = opendir(st->roots->proc)))
		return 0;
	while (!rc && (d = readdir(dh))) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9' ||
		    !pid_holds(st, d->d_name, rdev))
			continue;
		inv_path(path, sizeof(path), "%s/%s/comm", st->roots->proc, d->d_name);
		if (inv_read_text(path, comm, sizeof(comm)))
			snprintf(comm, sizeof(comm), "?");
		rc = why(st, -EBUSY, "process %s (%s) has the device open",
			 d->d_name, comm);
	}
	closedir(dh);
	return rc;
}

/* ---- bind ------------------------------------------------------------------------- */

/*
 * VFIO's unsafe no-IOMMU mode (vfio.enable_unsafe_noiommu_mode=1, with
 * CONFIG_VFIO_NOIOMMU): vfio-pci then takes a device no IOMMU covers and
 * makes it a group (and, since 7.3, a noiommu-vfioN cdev) of its own.
 */
static bool noiommu_mode(const struct host_roots *r)
{
	char path[512], v[8];

	inv_path(path, sizeof(path), "%s/module/vfio/parameters/enable_unsafe_noiommu_mode",
		 r->sd.sys);
	return !inv_read_text(path, v, sizeof(v)) && v[0] == 'Y';
}

static int group_check(struct vfio_bind_state *st, const struct inv_pci *p)
{
	const struct inv_member *b[1];
	struct inv_group g;
	size_t n;
	int rc;

	if (p->group < 0 && noiommu_mode(st->roots)) {
		st->noiommu = true;
		return 0;
	}
	if (p->group < 0)
		return why(st, -ENODEV, "no IOMMU group: the IOMMU is off or does not cover the device");
	rc = inv_read_group(st->roots, (unsigned int)p->group, &g);
	if (rc)
		return why(st, rc, "cannot read IOMMU group %d: %s", p->group,
			   strerror(-rc));
	n = inv_group_blockers(&g, st->addr, b, 1);
	if (n)
		rc = why(st, -EBUSY, "IOMMU group %d is not viable: %s is bound to %s%s",
			 p->group, b[0]->name, b[0]->driver,
			 n > 1 ? " (and more)" : "");
	inv_group_free(&g);
	return rc;
}

static int bind_checks(struct vfio_bind_state *st, const struct inv_pci *p)
{
	int rc = group_check(st, p);

	if (!rc && p->driver[0])
		rc = net_in_use(st);
	if (!rc && p->driver[0])
		rc = block_in_use(st);
	return rc;
}

static int reread(struct vfio_bind_state *st, struct inv_pci *p)
{
	int rc = inv_read_pci(st->roots, st->addr, p);

	if (rc)
		return rc;
	snprintf(st->to, sizeof(st->to), "%s", p->driver);
	snprintf(st->cdev, sizeof(st->cdev), "%s", p->cdev);
	return 0;
}

/* driver_override as it was: an empty write clears it. */
static int put_override(const struct vfio_bind_state *st)
{
	return dev_write(st, "driver_override", st->override[0] ? st->override : "\n");
}

/* Back to the driver the device had; used when vfio-pci did not take it. */
static void undo_bind(struct vfio_bind_state *st)
{
	struct inv_pci p;

	put_override(st);
	if (!reread(st, &p) && p.driver[0])
		dev_write(st, "driver/unbind", st->addr);
	if (st->from[0] && bus_write(st, st->from, "bind"))
		bus_write(st, NULL, "drivers_probe");
	state_remove(st);
	reread(st, &p);
}

/* The steps that change something; each failure undoes what came before. */
static int bind_steps(struct vfio_bind_state *st, const struct inv_pci *p)
{
	struct inv_pci now;
	int rc;

	if ((rc = state_save(st)))
		return rc;
	if ((rc = dev_write(st, "driver_override", VFIO_PCI_DRIVER))) {
		state_remove(st);
		return why(st, rc, "cannot set driver_override: %s", strerror(-rc));
	}
	if (p->driver[0] && (rc = dev_write(st, "driver/unbind", st->addr))) {
		put_override(st);
		state_remove(st);
		return why(st, rc, "cannot unbind %s: %s", p->driver, strerror(-rc));
	}
	rc = bus_write(st, NULL, "drivers_probe");
	if (reread(st, &now) || strcmp(now.driver, VFIO_PCI_DRIVER)) {
		undo_bind(st);
		return why(st, rc ? rc : -EIO, "vfio-pci did not take the device%s%s",
			   rc ? ": " : "", rc ? strerror(-rc) : "");
	}
	st->changed = true;
	return 0;
}

static int load_device(const struct host_roots *r, const char *addr,
		       struct vfio_bind_state *st, struct inv_pci *p)
{
	int rc;

	memset(st, 0, sizeof(*st));
	st->roots = r;
	if (pci_addr_normalize(addr, st->addr, sizeof(st->addr)))
		return why(st, -EINVAL, "'%s' is no PCI address", addr);
	rc = inv_read_pci(r, st->addr, p);
	if (rc == -ENODEV)
		return why(st, rc, "no PCI device %s", st->addr);
	if (rc)
		return why(st, rc, "cannot read %s: %s", st->addr, strerror(-rc));
	snprintf(st->to, sizeof(st->to), "%s", p->driver);
	snprintf(st->cdev, sizeof(st->cdev), "%s", p->cdev);
	return 0;
}

int vfio_bind_at(const struct host_roots *r, const char *addr, bool force,
		 struct vfio_bind_state *st)
{
	struct inv_pci p;
	int rc = load_device(r, addr, st, &p);

	if (rc)
		return rc;
	st->force = force;
	snprintf(st->from, sizeof(st->from), "%s", p.driver);
	snprintf(st->override, sizeof(st->override), "%s", p.override);
	st->known = true;
	if (!strcmp(p.driver, VFIO_PCI_DRIVER))
		return 0;
	if (!force && (rc = bind_checks(st, &p)))
		return rc;
	return bind_steps(st, &p);
}

int vfio_bind(const char *addr, bool force, struct vfio_bind_state *st)
{
	return vfio_bind_at(&host_roots_default, addr, force, st);
}

/* ---- restore ---------------------------------------------------------------------- */

int vfio_state_load(const struct host_roots *r, const char *addr,
		    struct vfio_bind_state *st)
{
	char path[PATH_MAX], text[256];
	struct inv_pci p;
	int rc = load_device(r, addr, st, &p);

	if (rc)
		return rc;
	if (state_path(st, path, sizeof(path), "") ||
	    inv_read_text(path, text, sizeof(text)) ||
	    vfio_state_parse(text, st)) {
		/* no record: let the kernel pick, as at boot */
		st->known = false;
		st->from[0] = st->override[0] = '\0';
	}
	/* off vfio-pci already, and not held for it: nothing to give back */
	st->changed = !strcmp(p.driver, VFIO_PCI_DRIVER) ||
		      (!p.driver[0] && (st->known ||
					!strcmp(p.override, VFIO_PCI_DRIVER)));
	if (!st->changed)
		why(st, 0, "not bound to vfio-pci");
	return 0;
}

/* Back on vfio-pci after a failed restore: never leave the device bare. */
static void undo_restore(struct vfio_bind_state *st)
{
	struct inv_pci p;

	dev_write(st, "driver_override", VFIO_PCI_DRIVER);
	if (!reread(st, &p) && p.driver[0] && strcmp(p.driver, VFIO_PCI_DRIVER))
		return;
	bus_write(st, NULL, "drivers_probe");
	reread(st, &p);
}

/* Unbound from vfio-pci: hand the device to its old driver. */
static int rebind(struct vfio_bind_state *st)
{
	struct inv_pci p;
	int rc = 0;

	if (!st->known || (st->from[0] && bus_write(st, st->from, "bind")))
		rc = bus_write(st, NULL, "drivers_probe");
	if (reread(st, &p))
		return why(st, -EIO, "the device went away");
	if (!st->known || !strcmp(p.driver, st->from))
		return 0;
	undo_restore(st);
	if (!st->from[0])
		return why(st, rc ? rc : -EIO, "the device did not come off vfio-pci");
	return why(st, rc ? rc : -EIO, "%s did not take the device back; it stays on %s",
		   st->from, st->to[0] ? st->to : "no driver");
}

int vfio_restore(struct vfio_bind_state *st)
{
	struct inv_pci p;
	int rc;

	if (!st->changed)
		return 0;
	if ((rc = reread(st, &p)))
		return why(st, rc, "cannot read %s: %s", st->addr, strerror(-rc));
	if (p.driver[0] && strcmp(p.driver, VFIO_PCI_DRIVER))
		return why(st, -EINVAL, "bound to %s, not vfio-pci: left alone", p.driver);
	if (!st->force && p.driver[0] && (rc = vfio_holders(st, &p)))
		return rc;
	if ((rc = put_override(st)))
		return why(st, rc, "cannot reset driver_override: %s", strerror(-rc));
	if (p.driver[0] && (rc = dev_write(st, "driver/unbind", st->addr))) {
		dev_write(st, "driver_override", VFIO_PCI_DRIVER);
		return why(st, rc, "cannot unbind vfio-pci: %s", strerror(-rc));
	}
	if ((rc = rebind(st)))
		return rc;
	state_remove(st);
	st->changed = false;
	return 0;
}
