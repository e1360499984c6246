// SPDX-License-Identifier: GPL-2.0-only
/* sysfs.c: device names and the cdev lookup, against a fake tree in a temp dir */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host/sysfs.h"
#include "op/ops.h"
#include "tap.h"

static char top[64];

static void check_norm(const char *in, const char *want)
{
	char out[PCI_ADDR_MAX] = "";
	int rc = pci_addr_normalize(in, out, sizeof(out));

	if (want)
		ok(!rc && !strcmp(out, want), "'%s' -> '%s' (got %d '%s')", in,
		   want, rc, out);
	else
		ok(rc == -EINVAL, "'%s' is no PCI address", in);
}

static void names(void)
{
	char buf[16];

	check_norm("0000:00:03.0", "0000:00:03.0");
	check_norm("00:03.0", "0000:00:03.0");
	check_norm("0000:6A:01.7", "0000:6a:01.7");
	check_norm("10000:e1:00.0", "10000:e1:00.0");
	check_norm("00:20.0", NULL);
	check_norm("00:03.8", NULL);
	check_norm("00:03", NULL);
	check_norm("00:03.0 ", NULL);
	check_norm("0:0:03.0:1", NULL);
	check_norm("zz:03.0", NULL);
	check_norm("", NULL);
	ok(pci_addr_normalize("00:03.0", buf, 8) == -EINVAL, "short buffer refused");

	ok(vfio_cdev_name("vfio0") && vfio_cdev_name("vfio12"), "vfio0, vfio12 are cdev names");
	ok(vfio_cdev_name("noiommu-vfio0"), "noiommu-vfio0 (no-IOMMU mode) is one");
	ok(!vfio_cdev_name("vfio") && !vfio_cdev_name("vfio1a") &&
	   !vfio_cdev_name("noiommu-") && !vfio_cdev_name("noiommu-vfio") &&
	   !vfio_cdev_name("noiommuvfio0"), "vfio, vfio1a, noiommu-, noiommu-vfio, noiommuvfio0 are not");
	ok(dev_arg_classify("/dev/vfio/devices/vfio0") == DEV_ARG_PATH &&
	   dev_arg_classify("./vfio0") == DEV_ARG_PATH, "a slash makes a path");
	ok(dev_arg_classify("vfio3") == DEV_ARG_VFIO, "vfio3 is a cdev name");
	ok(dev_arg_classify("00:03.0") == DEV_ARG_PCI, "00:03.0 is a PCI address");
	ok(dev_arg_classify("eth0") == DEV_ARG_BAD, "eth0 is nothing");
}

static void paths(void)
{
	char buf[64];

	ok(!sysfs_pci_path(buf, sizeof(buf), "/sys", "0000:00:03.0", "vfio-dev") &&
	   !strcmp(buf, "/sys/bus/pci/devices/0000:00:03.0/vfio-dev"), "%s", buf);
	ok(!sysfs_pci_path(buf, sizeof(buf), "/sys", "0000:00:03.0", NULL) &&
	   !strcmp(buf, "/sys/bus/pci/devices/0000:00:03.0"), "%s", buf);
	ok(!vfio_cdev_path(buf, sizeof(buf), "/dev", "vfio0") &&
	   !strcmp(buf, "/dev/vfio/devices/vfio0"), "%s", buf);
	ok(!sysfs_chardev_path(buf, sizeof(buf), "/sys", 511, 2) &&
	   !strcmp(buf, "/sys/dev/char/511:2/device"), "%s", buf);
	ok(sysfs_pci_path(buf, 20, "/sys", "0000:00:03.0", "vfio-dev") == -ENAMETOOLONG,
	   "truncation is an error");
}

/* Creates every directory of @path below top; "->TARGET" makes a symlink. */
static void mk(const char *path)
{
	char buf[512], *p, *arrow;

	snprintf(buf, sizeof(buf), "%s/%s", top, path);
	arrow = strstr(buf, "->");
	if (arrow)
		*arrow = '\0';
	for (p = buf + strlen(top) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
	if (arrow) {
		if (symlink(arrow + 2, buf))
			diag("symlink %s: %s", buf, strerror(errno));
	} else {
		mkdir(buf, 0755);
	}
}

static void fake_tree(void)
{
	const char *d = "sys/bus/pci/devices/";
	const char *const entries[] = {
		"0000:00:03.0/vfio-dev/vfio0",
		"0000:00:03.0/driver->../../../bus/pci/drivers/vfio-pci",
		"0000:00:04.0/driver->../../../bus/pci/drivers/e1000e",
		"0000:00:05.0",
		"0000:00:06.0/driver->../../../bus/pci/drivers/vfio-pci",
		"0000:00:07.0/vfio-dev",
		"0000:00:07.0/driver->../../../bus/pci/drivers/vfio-pci",
		"0000:00:08.0/driver->../../../bus/pci/drivers/e1000e",
		"0000:00:08.0/iommu_group->../../../../kernel/iommu_groups/8",
		"0000:00:09.0/iommu_group->../../../../kernel/iommu_groups/9",
	};
	char buf[256];
	size_t i;

	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		snprintf(buf, sizeof(buf), "%s%s", d, entries[i]);
		mk(buf);
	}
	mk("sys/kernel/iommu_groups/8");
	mk("sys/kernel/iommu_groups/9");
	mk("sys/dev/char/511:0/device->../../../devices/pci0000:00/0000:00:03.0");
	mk("sys/dev/char/511:1/device->../../../devices/platform/vfio-platform.0");
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb; (void)flag; (void)f;
	return remove(p);
}

static void lookup(void)
{
	char sys[128], dev[128], want[192], addr[PCI_ADDR_MAX];
	struct sys_roots r = { sys, dev };
	struct pci_cdev pc;

	snprintf(sys, sizeof(sys), "%s/sys", top);
	snprintf(dev, sizeof(dev), "%s/dev", top);
	snprintf(want, sizeof(want), "%s/vfio/devices/vfio0", dev);

	ok(!pci_find_cdev(&r, "0000:00:03.0", &pc) && pc.status == PCI_CDEV_FOUND &&
	   !strcmp(pc.cdev, want) && !strcmp(pc.driver, "vfio-pci"),
	   "vfio-pci device: cdev %s", pc.cdev);
	ok(!pci_find_cdev(&r, "0000:00:04.0", &pc) &&
	   pc.status == PCI_CDEV_NO_VFIO_DEV && !strcmp(pc.driver, "e1000e"),
	   "another driver: no vfio-dev, driver named");
	ok(!pci_find_cdev(&r, "0000:00:05.0", &pc) &&
	   pc.status == PCI_CDEV_NO_VFIO_DEV && !pc.driver[0], "no driver at all");
	ok(!pci_find_cdev(&r, "0000:00:06.0", &pc) &&
	   pc.status == PCI_CDEV_NO_VFIO_DEV && !strcmp(pc.driver, "vfio-pci"),
	   "vfio-pci without vfio-dev: a kernel without cdev support");
	ok(!pci_find_cdev(&r, "0000:00:07.0", &pc) && pc.status == PCI_CDEV_EMPTY,
	   "empty vfio-dev");
	ok(!pci_find_cdev(&r, "0000:00:1f.7", &pc) && pc.status == PCI_CDEV_NO_DEVICE,
	   "missing address");
	ok(!chardev_pci_addr(&r, 511, 0, addr, sizeof(addr)) &&
	   !strcmp(addr, "0000:00:03.0"), "char 511:0 belongs to 0000:00:03.0");
	ok(chardev_pci_addr(&r, 511, 1, addr, sizeof(addr)) == -ENOENT,
	   "a platform parent has no PCI address");
	ok(chardev_pci_addr(&r, 511, 9, addr, sizeof(addr)) == -ENOENT,
	   "an unknown node has none either");
	ok(!pci_find_cdev(&r, "0000:00:08.0", &pc) && pc.has_group &&
	   !pci_find_cdev(&r, "0000:00:04.0", &pc) && !pc.has_group,
	   "an iommu_group link: a group; none: no group");
}

/* The advice for a device without a cdev: never a pasted unbind */
static void advice(void)
{
	char sys[128], dev[128], buf[512];
	struct sys_roots r = { sys, dev };
	struct pci_cdev pc;

	snprintf(sys, sizeof(sys), "%s/sys", top);
	snprintf(dev, sizeof(dev), "%s/dev", top);

	pci_find_cdev(&r, "0000:00:04.0", &pc);
	no_cdev_advice("0000:00:04.0", &pc, buf, sizeof(buf));
	ok(strstr(buf, "no IOMMU group") && !strstr(buf, "unbind") && !strstr(buf, "echo"),
	   "a bound device without a group: no IOMMU group, nothing to unbind");
	ok(strstr(buf, "'iommufd-ctl vfio bind 0000:00:04.0' refuses"),
	   "... and vfio bind, which refuses it, named");
	pci_find_cdev(&r, "0000:00:05.0", &pc);
	no_cdev_advice("0000:00:05.0", &pc, buf, sizeof(buf));
	ok(strstr(buf, "no IOMMU group") && !strstr(buf, "drivers_probe"),
	   "no driver and no group: the missing group, no drivers_probe");
	pci_find_cdev(&r, "0000:00:08.0", &pc);
	no_cdev_advice("0000:00:08.0", &pc, buf, sizeof(buf));
	ok(strstr(buf, "bound to e1000e") && strstr(buf, "'iommufd-ctl vfio bind 0000:00:08.0'") &&
	   !strstr(buf, "echo") && !strstr(buf, "driver/unbind"),
	   "bound elsewhere, with a group: vfio bind, no echo lines");
	pci_find_cdev(&r, "0000:00:09.0", &pc);
	no_cdev_advice("0000:00:09.0", &pc, buf, sizeof(buf));
	ok(strstr(buf, "no driver") && strstr(buf, "vfio bind 0000:00:09.0") &&
	   !strstr(buf, "echo"), "no driver, a group: vfio bind");
	pci_find_cdev(&r, "0000:00:06.0", &pc);
	no_cdev_advice("0000:00:06.0", &pc, buf, sizeof(buf));
	ok(strstr(buf, "CONFIG_VFIO_DEVICE_CDEV=y") && !strstr(buf, "vfio bind"),
	   "on vfio-pci without a cdev: the kernel option");
}

int main(void)
{
	tap_plan(40);
	names();
	paths();
	snprintf(top, sizeof(top), "%s/sysfs-test.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(top)) {
		diag("mkdtemp: %s", strerror(errno));
		return 1;
	}
	fake_tree();
	lookup();
	advice();
	nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
