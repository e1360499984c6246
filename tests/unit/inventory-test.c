// SPDX-License-Identifier: GPL-2.0-only
/*
 * inventory.c and vfio_bind.c: the parsers on strings, then the readers,
 * the viability verdicts and the refusals of vfio bind on a fake /sys,
 * /proc, /dev and /boot in a temp dir. A fake tree has no kernel behind
 * it: no write there binds a driver, which drives the rollback paths.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <zlib.h>

#include "host/inventory.h"
#include "tap.h"
#include "host/vfio_bind.h"

static char top[64];
static char sys[96], dev[96], proc[96], boot[96], run[96];
static const struct host_roots roots = { { sys, dev }, proc, boot, run };

/* ---- building the fake tree ------------------------------------------------ */

static void parents(char *path)
{
	char *p;

	for (p = path + strlen(top) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
}

/* A directory below top, with its parents. */
static void mkd(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s/", top, rel);
	parents(path);
}

/* A file below top holding @text. */
static void put(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", top, rel);
	parents(path);
	f = fopen(path, "w");
	if (!f) {
		diag("%s: %s", path, strerror(errno));
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* A symlink below top. */
static void lnk(const char *rel, const char *target)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", top, rel);
	parents(path);
	if (symlink(target, path))
		diag("symlink %s: %s", path, strerror(errno));
}

static void rm_rel(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", top, rel);
	unlink(path);
}

static const char *slurp(const char *rel)
{
	static char buf[256];
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", top, rel);
	if (inv_read_text(path, buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "<missing>");
	return buf;
}

#define PCI	"sys/devices/pci0000:00/"

/* A PCI device: its directory, the bus link, ids, driver and group links. */
static void pci(const char *addr, const char *ids, const char *driver, int group)
{
	char rel[256], target[256];
	unsigned int v, d;

	sscanf(ids, "%x:%x", &v, &d);
	snprintf(rel, sizeof(rel), "sys/bus/pci/devices/%s", addr);
	snprintf(target, sizeof(target), "../../../devices/pci0000:00/%s", addr);
	lnk(rel, target);
	snprintf(rel, sizeof(rel), PCI "%s/vendor", addr);
	snprintf(target, sizeof(target), "0x%04x\n", v);
	put(rel, target);
	snprintf(rel, sizeof(rel), PCI "%s/device", addr);
	snprintf(target, sizeof(target), "0x%04x\n", d);
	put(rel, target);
	snprintf(rel, sizeof(rel), PCI "%s/class", addr);
	put(rel, "0x020000\n");
	snprintf(rel, sizeof(rel), PCI "%s/driver_override", addr);
	put(rel, "(null)\n");
	if (driver) {
		snprintf(rel, sizeof(rel), PCI "%s/driver", addr);
		snprintf(target, sizeof(target), "../../../bus/pci/drivers/%s", driver);
		lnk(rel, target);
		snprintf(rel, sizeof(rel), "sys/bus/pci/drivers/%s/bind", driver);
		put(rel, "");
		snprintf(rel, sizeof(rel), "sys/bus/pci/drivers/%s/unbind", driver);
		put(rel, "");
	}
	if (group < 0)
		return;
	snprintf(rel, sizeof(rel), PCI "%s/iommu_group", addr);
	snprintf(target, sizeof(target), "../../../kernel/iommu_groups/%d", group);
	lnk(rel, target);
	snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/devices/%s", group, addr);
	snprintf(target, sizeof(target), "../../../../devices/pci0000:00/%s", addr);
	lnk(rel, target);
}

static void group(int id, const char *type, const char *regions)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/type", id);
	put(rel, type);
	snprintf(rel, sizeof(rel), "sys/kernel/iommu_groups/%d/reserved_regions", id);
	put(rel, regions);
}

static void fake_tree(void)
{
	struct utsname u;
	char rel[256];

	/* 02.0 on vfio-pci with a cdev; 03.0 (eth0 up) and 04.0 share group 4 */
	pci("0000:00:02.0", "1234:11e8", "vfio-pci", 3);
	put(PCI "0000:00:02.0/vfio-dev/vfio0/dev", "511:0\n");
	lnk(PCI "0000:00:02.0/iommu", "../../virtual/iommu/dmar0");
	pci("0000:00:03.0", "8086:10d3", "e1000e", 4);
	put(PCI "0000:00:03.0/net/eth0/operstate", "up\n");
	put(PCI "0000:00:03.0/net/eth0/flags", "0x1003\n");
	pci("0000:00:04.0", "8086:10d3", NULL, 4);
	/* 05.0: a disk whose partition is mounted */
	pci("0000:00:05.0", "8086:2922", "ahci", 5);
	put(PCI "0000:00:05.0/ata1/host0/block/sda/dev", "8:0\n");
	put(PCI "0000:00:05.0/ata1/host0/block/sda/sda1/dev", "8:1\n");
	mkd(PCI "0000:00:05.0/ata1/host0/block/sda/holders");
	mkd(PCI "0000:00:05.0/ata1/host0/block/sda/sda1/holders");
	lnk("sys/class/block/sda", "../../devices/pci0000:00/0000:00:05.0/ata1/host0/block/sda");
	lnk("sys/class/block/sda1", "../../devices/pci0000:00/0000:00:05.0/ata1/host0/block/sda/sda1");
	/* 06.0 outside any group; 07.0 alone in group 10, its link down */
	pci("0000:00:06.0", "1af4:1000", NULL, -1);
	pci("0000:00:07.0", "8086:10d3", "e1000e", 10);
	put(PCI "0000:00:07.0/net/eth1/operstate", "down\n");
	put(PCI "0000:00:07.0/net/eth1/flags", "0x1002\n");
	put("sys/bus/pci/drivers_probe", "");
	put("sys/bus/pci/drivers/vfio-pci/unbind", "");

	group(3, "DMA\n", "0x00000000fee00000 0x00000000feefffff msi\n");
	group(4, "DMA-FQ\n", "0x00000000000a0000 0x00000000000bffff direct\n"
	      "0x00000000fee00000 0x00000000feefffff msi\n");
	group(5, "identity\n", "");
	group(10, "DMA\n", "0x00000000fee00000 0x00000000feefffff msi\n");
	mkd("sys/class/iommu/dmar0/intel-iommu");
	lnk("sys/class/iommu/dmar0/devices/0000:00:02.0", "../../../../devices/pci0000:00/0000:00:02.0");
	mkd("sys/class/iommu/iommufd_selftest_iommu.0/devices");
	mkd("sys/bus/iommufd_mock");

	put("dev/iommu", "");
	mkd("dev/vfio/devices");
	put("proc/self/status", "Name:\tx\nCapEff:\t0000000000004000\n");
	put("proc/self/mountinfo", "22 1 0:21 / /proc rw - proc proc rw\n"
	    "25 1 8:1 / /data rw - ext4 /dev/sda1 rw\n");
	put("proc/swaps", "Filename Type Size Used Priority\n");
	uname(&u);
	snprintf(rel, sizeof(rel), "boot/config-%s", u.release);
	put(rel, "CONFIG_IOMMUFD=y\n# CONFIG_IOMMUFD_TEST is not set\n"
	    "CONFIG_VFIO_PCI=m\nCONFIG_INTEL_IOMMU=y\n");
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb; (void)flag; (void)f;
	return remove(p);
}

/* ---- pure parsers ------------------------------------------------------------ */

static void parsers(void)
{
	struct inv_region *r = NULL;
	unsigned int v = 0;
	char val[16];
	size_t n = 0;

	ok(!inv_parse_hex("0x8086\n", &v) && v == 0x8086, "0x8086 is 0x8086");
	ok(inv_parse_hex("0x80z6", &v) == -EINVAL && inv_parse_hex("", &v) == -EINVAL,
	   "junk and empty text are no number");

	ok(!inv_parse_regions("0x00000000000a0000 0x00000000000bffff direct\n"
			      "0x00000000fee00000 0x00000000feefffff msi\n", &r, &n) &&
	   n == 2 && r[0].start == 0xa0000 && r[0].end == 0xbffff &&
	   !strcmp(r[0].type, "direct") && r[1].start == 0xfee00000 &&
	   r[1].end == 0xfeefffff && !strcmp(r[1].type, "msi"),
	   "two reserved regions: start, end, type");
	free(r);
	ok(!inv_parse_regions("", &r, &n) && n == 0 && !r, "no regions: an empty list");
	ok(inv_parse_regions("0x1000 0xfff msi\n", &r, &n) == -EINVAL,
	   "an end before the start is refused");
	ok(inv_parse_regions("0x1000 0x1fff\n", &r, &n) == -EINVAL &&
	   inv_parse_regions("0x1000 0x1fff msi extra\n", &r, &n) == -EINVAL,
	   "a missing or extra field is refused");

	ok(!inv_kconfig("CONFIG_IOMMUFD_TEST=y\nCONFIG_IOMMUFD=m\n", "CONFIG_IOMMUFD",
			val, sizeof(val)) && !strcmp(val, "m"),
	   "CONFIG_IOMMUFD=m, not fooled by CONFIG_IOMMUFD_TEST");
	ok(!inv_kconfig("# CONFIG_IOMMUFD_TEST is not set\n", "CONFIG_IOMMUFD_TEST",
			val, sizeof(val)) && !strcmp(val, "n"), "'is not set' is n");
	ok(inv_kconfig("# CONFIG_IOMMUFD_TEST is not set\n", "CONFIG_IOMMUFD",
		       val, sizeof(val)) == -ENOENT, "an option not mentioned: -ENOENT");
	ok(!inv_kconfig("CONFIG_NR_CPUS=64", "CONFIG_NR_CPUS", val, sizeof(val)) &&
	   !strcmp(val, "64"), "a value as written, last line without newline");

	ok(inv_driver_dma_safe("") && inv_driver_dma_safe("vfio-pci") &&
	   inv_driver_dma_safe("mlx5_vfio_pci") && inv_driver_dma_safe("pci-stub") &&
	   inv_driver_dma_safe("pcieport"), "no driver, VFIO drivers, pci-stub, pcieport leave DMA alone");
	ok(!inv_driver_dma_safe("e1000e") && !inv_driver_dma_safe("nvme"),
	   "e1000e and nvme do DMA themselves");
}

static void state_text(void)
{
	struct vfio_bind_state a = { .from = "e1000e", .override = "" }, b = { 0 };
	char buf[128];

	ok(!vfio_state_format(&a, buf, sizeof(buf)) &&
	   !strcmp(buf, "driver=e1000e\noverride=\n") && !vfio_state_parse(buf, &b) &&
	   !strcmp(b.from, "e1000e") && !b.override[0] && b.known,
	   "the state file round-trips");
	memset(&b, 0, sizeof(b));
	ok(vfio_state_parse("driver=e1000e\n", &b) == -EINVAL && !b.known,
	   "a state file without the override is refused");
	ok(vfio_state_format(&a, buf, 8) == -EINVAL, "a short buffer is refused");
}

/* ---- readers ---------------------------------------------------------------------- */

static const struct inv_pci *find_pci(const struct inventory *inv, const char *a)
{
	size_t i;

	for (i = 0; i < inv->nr_pci; i++)
		if (!strcmp(inv->pci[i].addr, a))
			return &inv->pci[i];
	return NULL;
}

static void read_devices(const struct inventory *inv)
{
	const struct inv_pci *p = find_pci(inv, "0000:00:02.0");
	char want[192];

	snprintf(want, sizeof(want), "%s/vfio/devices/vfio0", dev);
	ok(inv->nr_pci == 6, "six PCI devices (got %zu)", inv->nr_pci);
	ok(p && p->vendor == 0x1234 && p->device == 0x11e8 && p->class == 0x020000,
	   "vendor, device and class of 0000:00:02.0");
	ok(p && !strcmp(p->driver, "vfio-pci") && p->group == 3 &&
	   !strcmp(p->cdev, want) && !strcmp(p->iommu, "dmar0") && !p->override[0],
	   "its driver, group 3, cdev %s, IOMMU, and no override", p ? p->cdev : "");
	p = find_pci(inv, "0000:00:04.0");
	ok(p && !p->driver[0] && p->group == 4 && !p->cdev[0], "0000:00:04.0: no driver, group 4");
	p = find_pci(inv, "0000:00:06.0");
	ok(p && p->group == -1, "0000:00:06.0: no IOMMU group");
}

static void read_groups(const struct inventory *inv)
{
	const struct inv_group *g3 = inv_find_group(inv, 3), *g4 = inv_find_group(inv, 4);
	const struct inv_member *b[2];

	ok(inv->nr_groups == 4 && inv->groups[0].id == 3 && inv->groups[3].id == 10,
	   "four groups in numeric order: 10 after 5");
	ok(g3 && !strcmp(g3->type, "DMA") && g3->nr_regions == 1 &&
	   g3->regions[0].start == 0xfee00000 && g3->regions[0].end == 0xfeefffff &&
	   !strcmp(g3->regions[0].type, "msi"), "group 3: DMA, the MSI window");
	ok(g4 && !strcmp(g4->type, "DMA-FQ") && g4->nr_regions == 2 &&
	   g4->nr_members == 2 && !strcmp(g4->members[0].driver, "e1000e") &&
	   !g4->members[1].driver[0], "group 4: two regions, two members and their drivers");
	ok(g3 && inv_group_blockers(g3, NULL, b, 2) == 0, "group 3 (vfio-pci only) is viable");
	ok(g4 && inv_group_blockers(g4, NULL, b, 2) == 1 &&
	   !strcmp(b[0]->name, "0000:00:03.0"), "group 4 is not: 0000:00:03.0 on e1000e");
	ok(g4 && inv_group_blockers(g4, "0000:00:04.0", b, 2) == 1,
	   "binding 0000:00:04.0 would not change that");
	ok(g4 && inv_group_blockers(g4, "0000:00:03.0", b, 2) == 0,
	   "binding 0000:00:03.0 itself would make it viable");
}

static void read_host(const struct inventory *inv)
{
	const struct inv_kernel *k = &inv->kernel;

	ok(inv->nr_iommus == 2 && !strcmp(inv->iommus[0].name, "dmar0") &&
	   !strcmp(inv->iommus[0].type, "intel") && inv->iommus[0].nr_devices == 1 &&
	   !strcmp(inv->iommus[1].type, "selftest"), "IOMMUs: dmar0 (intel, 1 device), the selftest's");
	ok(k->iommu_present && !S_ISCHR(k->iommu_mode), "/dev/iommu present (a plain file here)");
	ok(k->vfio_cdev == INV_YES, "cdev support seen in /dev/vfio/devices");
	ok(k->iommufd_test == INV_YES, "IOMMUFD_TEST seen in /sys/bus/iommufd_mock");
	ok(!k->config_err && !strcmp(k->config[CFG_IOMMUFD], "y") &&
	   !strcmp(k->config[CFG_IOMMUFD_TEST], "n") && !strcmp(k->config[CFG_VFIO_PCI], "m") &&
	   !strcmp(k->config[CFG_AMD_IOMMU], "n"), "config: y, not set, m, absent");
	ok(k->cap_ipc_lock, "CAP_IPC_LOCK from CapEff");
}

static void empty_host(void)
{
	char e[96];
	struct host_roots none = { { e, e }, e, e, e };
	struct inventory inv;

	snprintf(e, sizeof(e), "%s/empty", top);
	mkd("empty");
	ok(!inv_read(&none, &inv) && !inv.nr_pci && !inv.nr_groups && !inv.nr_iommus &&
	   !inv.kernel.iommu_present && inv.kernel.config_err == ENOENT &&
	   !inv.kernel.config[CFG_IOMMUFD][0], "an empty host: nothing, and no config");
	inv_free(&inv);
}

/* ---- vfio bind refusals and rollbacks ------------------------------------------------- */

static void refusals(void)
{
	struct vfio_bind_state st;
	int rc;

	ok(vfio_bind_at(&roots, "00:04.0", false, &st) == -EBUSY &&
	   strstr(st.why, "0000:00:03.0 is bound to e1000e"), "group not viable: %s", st.why);
	ok(vfio_bind_at(&roots, "0000:00:03.0", false, &st) == -EBUSY &&
	   strstr(st.why, "eth0 is up"), "interface up: %s", st.why);
	ok(vfio_bind_at(&roots, "0000:00:05.0", false, &st) == -EBUSY &&
	   strstr(st.why, "sda1 is mounted on /data"), "partition mounted: %s", st.why);
	put("proc/self/mountinfo", "22 1 0:21 / /proc rw - proc proc rw\n");
	put(PCI "0000:00:05.0/ata1/host0/block/sda/holders/dm-0", "");
	ok(vfio_bind_at(&roots, "0000:00:05.0", false, &st) == -EBUSY &&
	   strstr(st.why, "sda is held by dm-0"), "disk held: %s", st.why);
	ok(vfio_bind_at(&roots, "0000:00:06.0", false, &st) == -ENODEV && !st.noiommu,
	   "no IOMMU group: %s", st.why);
	put("sys/module/vfio/parameters/enable_unsafe_noiommu_mode", "N\n");
	ok(vfio_bind_at(&roots, "0000:00:06.0", false, &st) == -ENODEV,
	   "... no-IOMMU mode off: still refused");
	put("sys/module/vfio/parameters/enable_unsafe_noiommu_mode", "Y\n");
	rc = vfio_bind_at(&roots, "0000:00:06.0", false, &st);
	ok(rc == -EIO && st.noiommu && strstr(st.why, "did not take"),
	   "... in no-IOMMU mode the group check passes (no kernel binds here): %s", st.why);
	rm_rel("sys/module/vfio/parameters/enable_unsafe_noiommu_mode");
	ok(vfio_bind_at(&roots, "0000:00:09.0", false, &st) == -ENODEV &&
	   vfio_bind_at(&roots, "bogus", false, &st) == -EINVAL,
	   "a missing device, a bad address");
	ok(!vfio_bind_at(&roots, "0000:00:02.0", false, &st) && !st.changed &&
	   !strcmp(st.to, "vfio-pci"), "a device on vfio-pci already is left alone");
	ok(!strcmp(slurp("sys/bus/pci/drivers/e1000e/unbind"), "") &&
	   !strcmp(slurp(PCI "0000:00:03.0/driver_override"), "(null)"),
	   "refusals wrote nothing");
}

static void rollbacks(void)
{
	struct vfio_bind_state st;
	int rc;

	/* the checks pass, but no kernel binds vfio-pci in a fake tree */
	rc = vfio_bind_at(&roots, "0000:00:07.0", false, &st);
	ok(rc == -EIO && strstr(st.why, "did not take"), "bind not taken: %d %s", rc, st.why);
	ok(!strcmp(slurp("sys/bus/pci/drivers/e1000e/bind"), "0000:00:07.0"),
	   "... the old driver is bound again");
	ok(!strcmp(slurp(PCI "0000:00:07.0/driver_override"), ""),
	   "... driver_override is cleared again");
	ok(!strcmp(slurp("run/0000:00:07.0"), "<missing>"), "... and no state is left");
	rc = vfio_bind_at(&roots, "0000:00:04.0", true, &st);
	ok(rc == -EIO && !strcmp(slurp(PCI "0000:00:04.0/driver_override"), ""),
	   "--force passes the group check, and the failed bind is undone: %s", st.why);

	/* a process holds 02.0 through a group-made fd */
	lnk("proc/4242/fd/7", "anon_inode:[vfio-device]");
	put("proc/4242/fdinfo/7", "pos:\t0\nvfio-device-syspath: /sys/devices/pci0000:00/0000:00:02.0\n");
	put("proc/4242/comm", "qemu\n");
	ok(!vfio_state_load(&roots, "0000:00:02.0", &st) && st.changed && !st.known,
	   "unbind without a record: let the kernel choose");
	ok(vfio_restore(&st) == -EBUSY && strstr(st.why, "4242 (qemu)"), "held open: %s", st.why);
	ok(!strcmp(slurp(PCI "0000:00:02.0/driver_override"), "(null)"), "... nothing written");

	put("run/0000:00:02.0", "driver=\noverride=\n");
	rm_rel("proc/4242/fd/7");
	ok(!vfio_state_load(&roots, "0000:00:02.0", &st) && st.known && !st.from[0],
	   "the record says: no driver before");
	ok(vfio_restore(&st) == -EIO && strstr(st.why, "did not come off"),
	   "restore not taken: %s", st.why);
	ok(!strcmp(slurp(PCI "0000:00:02.0/driver_override"), "vfio-pci") &&
	   !strcmp(slurp("sys/bus/pci/drivers/vfio-pci/unbind"), "0000:00:02.0"),
	   "... back on vfio-pci by driver_override");
	ok(strcmp(slurp("run/0000:00:02.0"), "<missing>"), "... the record is kept");
}

/* No config in /boot: /proc/config.gz, gzip as the kernel makes it. */
static void proc_config_gz(void)
{
	char path[600], rel[256];
	struct inventory inv;
	struct utsname u;
	gzFile f;

	uname(&u);
	snprintf(rel, sizeof(rel), "boot/config-%s", u.release);
	rm_rel(rel);
	snprintf(path, sizeof(path), "%s/proc/config.gz", top);
	f = gzopen(path, "wb");
	if (f) {
		gzputs(f, "CONFIG_IOMMUFD=m\nCONFIG_IOMMUFD_TEST=y\n"
		       "# CONFIG_VFIO_PCI is not set\n");
		gzclose(f);
	}
	ok(!inv_read(&roots, &inv) && !inv.kernel.config_err &&
	   !strcmp(inv.kernel.config_path, path) &&
	   !strcmp(inv.kernel.config[CFG_IOMMUFD], "m") &&
	   !strcmp(inv.kernel.config[CFG_IOMMUFD_TEST], "y") &&
	   !strcmp(inv.kernel.config[CFG_VFIO_PCI], "n"),
	   "no /boot config: /proc/config.gz is read");
	inv_free(&inv);
	/* cut short: the gzip header is there, the stream ends early */
	if (truncate(path, 16))
		diag("truncate: %s", strerror(errno));
	ok(!inv_read(&roots, &inv) && inv.kernel.config_err == ENOENT &&
	   strstr(inv.kernel.config_path, "/boot/config-") &&
	   !strcmp(inv.kernel.config_alt, path) && inv.kernel.config_alt_err &&
	   !inv.kernel.config[CFG_IOMMUFD][0],
	   "neither reads: both paths and errors are kept (%s)",
	   strerror(inv.kernel.config_alt_err));
	inv_free(&inv);
	rm_rel("proc/config.gz");
	ok(!inv_read(&roots, &inv) && inv.kernel.config_err == ENOENT &&
	   inv.kernel.config_alt_err == ENOENT, "no config anywhere: ENOENT twice");
	inv_free(&inv);
}

int main(void)
{
	struct inventory inv;

	tap_plan(60);
	parsers();
	state_text();
	snprintf(top, sizeof(top), "%s/inventory-test.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(top)) {
		diag("mkdtemp: %s", strerror(errno));
		return 1;
	}
	snprintf(sys, sizeof(sys), "%s/sys", top);
	snprintf(dev, sizeof(dev), "%s/dev", top);
	snprintf(proc, sizeof(proc), "%s/proc", top);
	snprintf(boot, sizeof(boot), "%s/boot", top);
	snprintf(run, sizeof(run), "%s/run", top);
	fake_tree();
	if (!ok(!inv_read(&roots, &inv), "the fake host reads")) {
		nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
		return tap_done();
	}
	read_devices(&inv);
	read_groups(&inv);
	read_host(&inv);
	inv_free(&inv);
	empty_host();
	proc_config_gz();
	refusals();
	rollbacks();
	nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
