// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "core/op.h"
#include "core/session.h"
#include "host/child.h"

void sess_init(struct session *s, const struct options *opt)
{
	memset(s, 0, sizeof(*s));
	s->opt = opt;
	s->ictl.fd = -1;
}

void sess_fini(struct session *s)
{
	size_t i;

	for (i = s->reg.n; i-- > 0;) {
		struct reg_entry *e = &s->reg.v[i];

		if (e->type == OBJ_MEM)
			reg_mem_release(e);
		else if (e->type == OBJ_PROC)
			proc_release(e);
		else if (e->fd >= 0)
			close(e->fd);
	}
	reg_free(&s->reg);
	ictl_close(&s->ictl);
	free(s->scratch);
	s->scratch = NULL;
	s->scratch_len = 0;
}

int proc_release(struct reg_entry *e)
{
	struct child c = { .pid = (pid_t)e->id, .reply = -1, .hold = e->fd };
	int status = 0;

	e->fd = -1;
	if (child_end(&c, &status))
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void sess_err(const struct session *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vat(&s->loc, fmt, ap);
	va_end(ap);
}

/* What to do about a device that will not open; @s->opt->dev_path's words */
static void open_hint(const struct session *s, int err)
{
	bool dflt = !strcmp(s->opt->dev_path, "/dev/iommu");

	if (s->loc.mute)
		return;
	if ((err == -ENOENT || err == -ENXIO || err == -ENODEV) && dflt)
		fputs("  The kernel has no iommufd: build it with CONFIG_IOMMUFD=y (or load\n"
		      "  the iommufd module), and CONFIG_VFIO_DEVICE_CDEV=y for VFIO devices;\n"
		      "  CONFIG_IOMMUFD_TEST=y adds the mock devices the tests use.\n", stderr);
	else if (err == -ENOENT || err == -ENXIO || err == -ENODEV)
		fputs("  --dev names no device; the kernel's iommufd is /dev/iommu\n"
		      "  (CONFIG_IOMMUFD=y).\n", stderr);
	else if ((err == -EACCES || err == -EPERM) && dflt)
		fputs("  /dev/iommu is root-only by default: run as root or grant access\n"
		      "  with a udev rule.\n", stderr);
}

int sess_open(struct session *s)
{
	int rc;

	if (s->ictl.fd >= 0)
		return 0;
	rc = ictl_open(&s->ictl, s->opt->dev_path);
	if (!rc)
		return 0;
	sess_err(s, "cannot open %s: %s", s->opt->dev_path, strerror(-rc));
	open_hint(s, rc);
	return rc;
}

/* A plain id with its file, as an entry of no registry */
static int fd_entry(struct session *s, const struct handle *h, unsigned int types,
		    struct reg_entry **e, uint32_t *id)
{
	struct reg_entry *f = &s->fd_entry;

	if (!(types & OBJ_BIT(h->type))) {
		sess_err(s, "@%s is a %s, not what the step takes", h->name,
			 obj_type_name(h->type));
		return -EINVAL;
	}
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "%s", h->name);
	f->type = h->type;
	f->id = h->id;
	f->fd = h->fd;
	*e = f;
	*id = h->id;
	return 0;
}

bool sess_registered(const struct session *s, const struct reg_entry *e)
{
	return e >= s->reg.v && e < s->reg.v + s->reg.n;
}

int sess_resolve(struct session *s, const struct handle *h, unsigned int types,
		 struct reg_entry **e, uint32_t *id)
{
	char want[96];

	*e = NULL;
	if (h->by_id && h->has_fd)
		return fd_entry(s, h, types, e, id);
	if (h->by_id) {
		*id = h->id;
		return 0;
	}
	*e = reg_find(&s->reg, h->name);
	if (!*e) {
		sess_err(s, "no object named '@%s'", h->name);
		return -EINVAL;
	}
	if (!(types & OBJ_BIT((*e)->type))) {
		obj_mask_names(types, want, sizeof(want));
		sess_err(s, "@%s is a %s, expected %s", h->name,
			 obj_type_name((*e)->type), want);
		return -EINVAL;
	}
	*id = (*e)->id;
	return 0;
}

int sess_check_name(struct session *s, const char *name)
{
	if (!name || s->untracked)
		return 0;
	if (reg_find(&s->reg, name)) {
		sess_err(s, "the name '%s' is taken", name);
		return -EINVAL;
	}
	return 0;
}

void *sess_scratch(struct session *s, size_t len)
{
	void *p;

	if (len > s->scratch_len) {
		p = realloc(s->scratch, len);
		if (!p)
			return NULL;
		s->scratch = p;
		s->scratch_len = len;
	}
	memset(s->scratch, 0, len);
	return s->scratch;
}
