// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <zlib.h>

#include "host/inventory.h"
#include "host/sysfs.h"

const struct host_roots host_roots_default = {
	{ "/sys", "/dev" }, "/proc", "/boot", "/run/iommufd-ctl",
};

static const char *const cfg_names[CFG_NR] = {
	[CFG_IOMMUFD] = "CONFIG_IOMMUFD",
	[CFG_IOMMUFD_TEST] = "CONFIG_IOMMUFD_TEST",
	[CFG_VFIO_DEVICE_CDEV] = "CONFIG_VFIO_DEVICE_CDEV",
	[CFG_VFIO_PCI] = "CONFIG_VFIO_PCI",
	[CFG_INTEL_IOMMU] = "CONFIG_INTEL_IOMMU",
	[CFG_AMD_IOMMU] = "CONFIG_AMD_IOMMU",
	[CFG_ARM_SMMU_V3] = "CONFIG_ARM_SMMU_V3",
};

const char *inv_cfg_name(enum inv_cfg c)
{
	return cfg_names[c];
}

/* ---- pure parsers ------------------------------------------------------ */

int inv_parse_hex(const char *text, unsigned int *v)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(text, &end, 16);
	if (end == text || errno || n > 0xffffffffUL)
		return -EINVAL;
	while (*end == '\n' || *end == ' ')
		end++;
	if (*end)
		return -EINVAL;
	*v = (unsigned int)n;
	return 0;
}

static int parse_u64_hex(const char **p, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(*p, &end, 16);
	if (end == *p || errno || (*end != ' ' && *end != '\t'))
		return -EINVAL;
	*p = end;
	return 0;
}

/* One "START END TYPE" line, already cut at its newline. */
static int parse_region(const char *line, struct inv_region *r)
{
	const char *p = line;
	size_t n;

	if (parse_u64_hex(&p, &r->start))
		return -EINVAL;
	p += strspn(p, " \t");
	if (parse_u64_hex(&p, &r->end) || r->end < r->start)
		return -EINVAL;
	p += strspn(p, " \t");
	n = strcspn(p, " \t");
	if (!n || n >= sizeof(r->type) || p[n + strspn(p + n, " \t")])
		return -EINVAL;
	memcpy(r->type, p, n);
	r->type[n] = '\0';
	return 0;
}

int inv_parse_regions(const char *text, struct inv_region **out, size_t *n)
{
	struct inv_region *arr = NULL, *tmp;
	char line[160];
	size_t cnt = 0, len;
	int rc = 0;

	for (; *text && !rc; text += len + (text[len] == '\n')) {
		len = strcspn(text, "\n");
		if (!len)
			continue;
		if (len >= sizeof(line)) {
			rc = -EINVAL;
			break;
		}
		memcpy(line, text, len);
		line[len] = '\0';
		tmp = realloc(arr, (cnt + 1) * sizeof(*arr));
		if (!tmp) {
			rc = -ENOMEM;
			break;
		}
		arr = tmp;
		rc = parse_region(line, &arr[cnt]);
		cnt += !rc;
	}
	if (rc) {
		free(arr);
		return rc;
	}
	*out = arr;
	*n = cnt;
	return 0;
}

/* @line (not NUL-terminated, @len bytes) sets @name: its value or "n". */
static bool kconfig_line(const char *line, size_t len, const char *name,
			 char *val, size_t vlen)
{
	size_t nl = strlen(name);
	static const char unset[] = " is not set";

	if (len > nl && !strncmp(line, name, nl) && line[nl] == '=') {
		snprintf(val, vlen, "%.*s", (int)(len - nl - 1), line + nl + 1);
		return true;
	}
	if (len == 2 + nl + strlen(unset) && !strncmp(line, "# ", 2) &&
	    !strncmp(line + 2, name, nl) && !strncmp(line + 2 + nl, unset, strlen(unset))) {
		snprintf(val, vlen, "n");
		return true;
	}
	return false;
}

int inv_kconfig(const char *text, const char *name, char *val, size_t len)
{
	size_t n;

	for (; *text; text += n + (text[n] == '\n')) {
		n = strcspn(text, "\n");
		if (kconfig_line(text, n, name, val, len))
			return 0;
	}
	return -ENOENT;
}

bool inv_driver_dma_safe(const char *driver)
{
	/* these set driver_managed_dma, which sysfs does not show */
	return !driver[0] || strstr(driver, "vfio") ||
	       !strcmp(driver, "pci-stub") || !strcmp(driver, "pcieport");
}

size_t inv_group_blockers(const struct inv_group *g, const char *except,
			  const struct inv_member **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < g->nr_members; i++) {
		const struct inv_member *m = &g->members[i];

		if ((except && !strcmp(m->name, except)) ||
		    inv_driver_dma_safe(m->driver))
			continue;
		if (n < max)
			out[n] = m;
		n++;
	}
	return n;
}

/* ---- file access --------------------------------------------------------- */

int inv_path(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < len)
		return 0;
	buf[0] = '\0';
	return -ENAMETOOLONG;
}

int inv_read_text(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return (int)n;
	}
	close(fd);
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return 0;
}

/* A whole file of any size, NUL-terminated, in a malloc'ed buffer. */
static int read_all(const char *path, char **out)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *tmp;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0 || !buf) {
		rc = fd < 0 ? -errno : -ENOMEM;
		goto out;
	}
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len > 1)
			continue;
		tmp = realloc(buf, cap *= 2);
		if (!tmp) {
			rc = -ENOMEM;
			goto out;
		}
		buf = tmp;
	}
	if (n < 0)
		rc = -errno;
out:
	if (fd >= 0)
		close(fd);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}


static bool exists(const char *path)
{
	return !access(path, F_OK);
}

static int skip_dots(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static int by_number(const struct dirent **a, const struct dirent **b)
{
	unsigned long x = strtoul((*a)->d_name, NULL, 10);
	unsigned long y = strtoul((*b)->d_name, NULL, 10);

	return x < y ? -1 : x > y;
}

/* ---- one PCI device --------------------------------------------------------- */

static int pci_hex(const char *base, const char *leaf, unsigned int *v)
{
	char path[512], buf[32];

	*v = 0;
	if (sysfs_fit(inv_path(path, sizeof(path), "%s/%s", base, leaf), sizeof(path)) ||
	    inv_read_text(path, buf, sizeof(buf)))
		return -ENOENT;
	return inv_parse_hex(buf, v);
}

static void pci_links(const char *base, struct inv_pci *p)
{
	char path[512], name[INV_NAME_MAX];

	inv_path(path, sizeof(path), "%s/iommu", base);
	sysfs_link_name(path, p->iommu, sizeof(p->iommu));
	inv_path(path, sizeof(path), "%s/iommu_group", base);
	sysfs_link_name(path, name, sizeof(name));
	p->group = name[0] ? atoi(name) : -1;
	inv_path(path, sizeof(path), "%s/driver_override", base);
	/* an unset override reads "(null)" */
	if (inv_read_text(path, p->override, sizeof(p->override)) ||
	    !strcmp(p->override, "(null)"))
		p->override[0] = '\0';
}

int inv_read_pci(const struct host_roots *r, const char *addr,
		 struct inv_pci *p)
{
	struct pci_cdev pc;
	char base[512];
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = sysfs_pci_path(base, sizeof(base), r->sd.sys, addr, NULL)))
		return rc;
	if (!exists(base))
		return -ENODEV;
	snprintf(p->addr, sizeof(p->addr), "%s", addr);
	pci_hex(base, "vendor", &p->vendor);
	pci_hex(base, "device", &p->device);
	pci_hex(base, "class", &p->class);
	pci_links(base, p);
	if ((rc = pci_find_cdev(&r->sd, addr, &pc)))
		return rc;
	snprintf(p->driver, sizeof(p->driver), "%s", pc.driver);
	if (pc.status == PCI_CDEV_FOUND)
		snprintf(p->cdev, sizeof(p->cdev), "%s", pc.cdev);
	return 0;
}

/* ---- one IOMMU group ------------------------------------------------------------ */

static int group_members(const char *base, struct inv_group *g)
{
	struct dirent **names;
	char path[512];
	int i, n;

	inv_path(path, sizeof(path), "%s/devices", base);
	n = scandir(path, &names, skip_dots, alphasort);
	if (n < 0)
		return errno == ENOENT ? 0 : -errno;
	g->members = n ? calloc((size_t)n, sizeof(*g->members)) : NULL;
	for (i = 0; i < n; i++) {
		struct inv_member *m = &g->members[g->nr_members];

		if (g->members &&
		    !sysfs_fit(snprintf(m->name, sizeof(m->name), "%s", names[i]->d_name),
			 sizeof(m->name))) {
			inv_path(path, sizeof(path), "%s/devices/%s/driver", base,
				 m->name);
			sysfs_link_name(path, m->driver, sizeof(m->driver));
			g->nr_members++;
		}
		free(names[i]);
	}
	free(names);
	return n && !g->members ? -ENOMEM : 0;
}

int inv_read_group(const struct host_roots *r, unsigned int id,
		   struct inv_group *g)
{
	char base[512], path[600], *text;
	int rc;

	memset(g, 0, sizeof(*g));
	g->id = id;
	if (sysfs_fit(inv_path(base, sizeof(base), "%s/kernel/iommu_groups/%u",
			 r->sd.sys, id), sizeof(base)))
		return -ENAMETOOLONG;
	if (!exists(base))
		return -ENOENT;
	inv_path(path, sizeof(path), "%s/type", base);
	if (inv_read_text(path, g->type, sizeof(g->type)))
		g->type[0] = '\0';
	inv_path(path, sizeof(path), "%s/reserved_regions", base);
	/* a malformed file leaves the list empty rather than the group out */
	if (!read_all(path, &text)) {
		inv_parse_regions(text, &g->regions, &g->nr_regions);
		free(text);
	}
	rc = group_members(base, g);
	if (rc)
		inv_group_free(g);
	return rc;
}

void inv_group_free(struct inv_group *g)
{
	free(g->regions);
	free(g->members);
	g->regions = NULL;
	g->members = NULL;
	g->nr_regions = g->nr_members = 0;
}

/* ---- lists ------------------------------------------------------------------------ */

static int read_pci_all(const struct host_roots *r, struct inventory *inv)
{
	struct dirent **names;
	char path[512];
	int i, n;

	inv_path(path, sizeof(path), "%s/bus/pci/devices", r->sd.sys);
	n = scandir(path, &names, skip_dots, alphasort);
	if (n <= 0)
		return 0;
	inv->pci = calloc((size_t)n, sizeof(*inv->pci));
	for (i = 0; i < n; i++) {
		if (inv->pci && !inv_read_pci(r, names[i]->d_name,
					      &inv->pci[inv->nr_pci]))
			inv->nr_pci++;
		free(names[i]);
	}
	free(names);
	return inv->pci ? 0 : -ENOMEM;
}

static int read_groups(const struct host_roots *r, struct inventory *inv)
{
	struct dirent **names;
	char path[512];
	int i, n, rc = 0;

	inv_path(path, sizeof(path), "%s/kernel/iommu_groups", r->sd.sys);
	n = scandir(path, &names, skip_dots, by_number);
	if (n <= 0)
		return 0;
	inv->groups = calloc((size_t)n, sizeof(*inv->groups));
	for (i = 0; i < n; i++) {
		if (!inv->groups)
			rc = -ENOMEM;
		else if (!inv_read_group(r, (unsigned int)atoi(names[i]->d_name),
					 &inv->groups[inv->nr_groups]))
			inv->nr_groups++;
		free(names[i]);
	}
	free(names);
	return rc;
}

/* What kind of IOMMU: Intel and AMD add attribute directories of their own. */
static void iommu_type(const char *base, const char *name, char *type,
		       size_t len)
{
	static const struct { const char *dir, *prefix, *type; } kinds[] = {
		{ "intel-iommu", NULL, "intel" },
		{ "amd-iommu", NULL, "amd" },
		{ NULL, "smmu3.", "arm-smmu-v3" },
		{ NULL, "smmu.", "arm-smmu" },
		{ NULL, "iommufd_selftest", "selftest" },
	};
	char path[600];
	size_t i;
	bool hit;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (kinds[i].dir)
			hit = !inv_path(path, sizeof(path), "%s/%s", base, kinds[i].dir) &&
			      exists(path);
		else
			hit = !strncmp(name, kinds[i].prefix, strlen(kinds[i].prefix));
		if (hit) {
			snprintf(type, len, "%s", kinds[i].type);
			return;
		}
	}
	/* others (virtio-iommu) are known by the driver of their parent */
	inv_path(path, sizeof(path), "%s/device/driver", base);
	sysfs_link_name(path, type, len);
}

static unsigned int count_entries(const char *path)
{
	struct dirent **names;
	int i, n = scandir(path, &names, skip_dots, NULL);

	for (i = 0; i < n; i++)
		free(names[i]);
	if (n >= 0)
		free(names);
	return n > 0 ? (unsigned int)n : 0;
}

static int read_iommus(const struct host_roots *r, struct inventory *inv)
{
	struct dirent **names;
	char path[512], base[512];
	int i, n;

	inv_path(path, sizeof(path), "%s/class/iommu", r->sd.sys);
	n = scandir(path, &names, skip_dots, alphasort);
	if (n <= 0)
		return 0;
	inv->iommus = calloc((size_t)n, sizeof(*inv->iommus));
	for (i = 0; i < n; i++) {
		struct inv_iommu *u = inv->iommus ? &inv->iommus[inv->nr_iommus] : NULL;

		if (u && !sysfs_fit(snprintf(u->name, sizeof(u->name), "%s",
				       names[i]->d_name), sizeof(u->name))) {
			inv_path(base, sizeof(base), "%s/%s", path, u->name);
			iommu_type(base, u->name, u->type, sizeof(u->type));
			inv_path(base, sizeof(base), "%s/%s/devices", path, u->name);
			u->nr_devices = count_entries(base);
			inv->nr_iommus++;
		}
		free(names[i]);
	}
	free(names);
	return inv->iommus ? 0 : -ENOMEM;
}

/* ---- kernel readiness ----------------------------------------------------------- */

static void read_dev_iommu(const struct host_roots *r, struct inv_kernel *k)
{
	char path[512];
	struct stat st;

	inv_path(path, sizeof(path), "%s/iommu", r->sd.dev);
	if (stat(path, &st))
		return;
	k->iommu_present = true;
	k->iommu_mode = st.st_mode;
	k->iommu_uid = st.st_uid;
	k->iommu_gid = st.st_gid;
	k->iommu_read = !access(path, R_OK);
	k->iommu_write = !access(path, W_OK);
}

/* Only a cdev-capable kernel gives vfio-dev devices a "dev" number. */
static enum inv_answer vfio_cdev_seen(const struct host_roots *r)
{
	struct dirent **names;
	char path[512];
	bool found = false;
	int i, n;

	inv_path(path, sizeof(path), "%s/vfio/devices", r->sd.dev);
	if (exists(path))
		return INV_YES;
	inv_path(path, sizeof(path), "%s/class/vfio-dev", r->sd.sys);
	n = scandir(path, &names, skip_dots, NULL);
	for (i = 0; i < n; i++) {
		char dev[600];

		inv_path(dev, sizeof(dev), "%s/%s/dev", path, names[i]->d_name);
		found = found || exists(dev);
		free(names[i]);
	}
	if (n < 0)
		return INV_UNKNOWN;
	free(names);
	if (found)
		return INV_YES;
	return n ? INV_NO : INV_UNKNOWN;
}

/* A gzip file (/proc/config.gz) whole, uncompressed and NUL-terminated. */
static int read_gz(const char *path, char **out)
{
	size_t len = 0, cap = 64 << 10;
	char *buf = malloc(cap), *tmp;
	gzFile f;
	int n = 0, rc = 0;

	if (!buf)
		return -ENOMEM;
	errno = 0;
	f = gzopen(path, "rb");
	if (!f) {
		/* zlib leaves errno from open(); 0 means out of memory */
		rc = errno ? -errno : -ENOMEM;
		free(buf);
		return rc;
	}
	while ((n = gzread(f, buf + len, (unsigned int)(cap - len - 1))) > 0) {
		len += (size_t)n;
		if (cap - len > 1)
			continue;
		tmp = realloc(buf, cap *= 2);
		if (!tmp) {
			rc = -ENOMEM;
			break;
		}
		buf = tmp;
	}
	/* gzclose() tells of a stream cut short, which reads as an early end */
	if ((gzclose(f) != Z_OK || n < 0) && !rc)
		rc = -EIO;
	if (rc) {
		free(buf);
		return rc;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

/*
 * /boot/config-RELEASE, else /proc/config.gz (CONFIG_IKCONFIG_PROC). When
 * neither reads, config_path and config_err tell about the first.
 */
static void read_config(const struct host_roots *r, struct inv_kernel *k)
{
	char *text;
	int i;

	inv_path(k->config_path, sizeof(k->config_path), "%s/config-%s",
		 r->boot, k->release);
	k->config_err = -read_all(k->config_path, &text);
	if (k->config_err) {
		inv_path(k->config_alt, sizeof(k->config_alt), "%s/config.gz", r->proc);
		k->config_alt_err = -read_gz(k->config_alt, &text);
		if (k->config_alt_err)
			return;
		/* the running kernel's own config: say where it came from */
		snprintf(k->config_path, sizeof(k->config_path), "%s", k->config_alt);
		k->config_alt[0] = '\0';
		k->config_err = 0;
	}
	for (i = 0; i < CFG_NR; i++)
		if (inv_kconfig(text, cfg_names[i], k->config[i], sizeof(k->config[i])))
			/* a full config leaves out options whose dependencies fail */
			snprintf(k->config[i], sizeof(k->config[i]), "n");
	free(text);
}

/*
 * The selftest registers its bus when iommufd starts, so sysfs answers even
 * without access to /dev/iommu; the config answers when sysfs is not there.
 */
static void read_iommufd_test(const struct host_roots *r, struct inv_kernel *k)
{
	const char *cfg = k->config[CFG_IOMMUFD_TEST];
	char path[512];

	inv_path(path, sizeof(path), "%s/bus", r->sd.sys);
	if (exists(path)) {
		inv_path(path, sizeof(path), "%s/bus/iommufd_mock", r->sd.sys);
		k->iommufd_test = exists(path) ? INV_YES : INV_NO;
		k->test_from = "/sys/bus/iommufd_mock";
	} else if (cfg[0]) {
		k->iommufd_test = strcmp(cfg, "n") ? INV_YES : INV_NO;
		k->test_from = "CONFIG_IOMMUFD_TEST";
	} else {
		k->iommufd_test = INV_UNKNOWN;
	}
}

/* CAP_IPC_LOCK (bit 14) lifts the memlock limit on pinned pages. */
static bool has_ipc_lock(const struct host_roots *r)
{
	char path[256], *text, *cap;
	unsigned long long eff;
	bool yes = false;

	inv_path(path, sizeof(path), "%s/self/status", r->proc);
	if (read_all(path, &text))
		return false;
	cap = strstr(text, "\nCapEff:");
	if (cap) {
		eff = strtoull(cap + 8, NULL, 16);
		yes = eff & (1ull << 14);
	}
	free(text);
	return yes;
}

static void read_kernel(const struct host_roots *r, struct inv_kernel *k)
{
	struct utsname u;

	if (!uname(&u))
		snprintf(k->release, sizeof(k->release), "%s", u.release);
	read_dev_iommu(r, k);
	read_config(r, k);
	k->vfio_cdev = vfio_cdev_seen(r);
	if (k->vfio_cdev == INV_UNKNOWN && k->config[CFG_VFIO_DEVICE_CDEV][0])
		k->vfio_cdev = strcmp(k->config[CFG_VFIO_DEVICE_CDEV], "n") ?
			       INV_YES : INV_NO;
	read_iommufd_test(r, k);
	getrlimit(RLIMIT_MEMLOCK, &k->memlock);
	k->cap_ipc_lock = has_ipc_lock(r);
}

int inv_read(const struct host_roots *r, struct inventory *inv)
{
	int rc;

	memset(inv, 0, sizeof(*inv));
	read_kernel(r, &inv->kernel);
	rc = read_iommus(r, inv);
	if (!rc)
		rc = read_groups(r, inv);
	if (!rc)
		rc = read_pci_all(r, inv);
	if (rc)
		inv_free(inv);
	return rc;
}

void inv_free(struct inventory *inv)
{
	size_t i;

	for (i = 0; i < inv->nr_groups; i++)
		inv_group_free(&inv->groups[i]);
	free(inv->groups);
	free(inv->iommus);
	free(inv->pci);
	memset(inv, 0, sizeof(*inv));
}

const struct inv_group *inv_find_group(const struct inventory *inv,
				       unsigned int id)
{
	size_t i;

	for (i = 0; i < inv->nr_groups; i++)
		if (inv->groups[i].id == id)
			return &inv->groups[i];
	return NULL;
}
