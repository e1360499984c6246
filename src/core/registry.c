// SPDX-License-Identifier: GPL-2.0-only
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/registry.h"
#include "host/usermem.h"

static const char *const type_names[OBJ_NTYPES] = {
	[OBJ_IOAS] = "ioas",	   [OBJ_HWPT] = "hwpt",
	[OBJ_DEV] = "dev",	   [OBJ_MEM] = "mem",
	[OBJ_FAULT] = "fault",	   [OBJ_VIOMMU] = "viommu",
	[OBJ_VDEVICE] = "vdev",	   [OBJ_VEVENTQ] = "veventq",
	[OBJ_HWQUEUE] = "hwqueue", [OBJ_ACCESS] = "access",
	[OBJ_PROC] = "proc",
};

const char *obj_type_name(enum obj_type t)
{
	return t < OBJ_NTYPES ? type_names[t] : "?";
}

void obj_mask_names(unsigned int mask, char *buf, size_t len)
{
	size_t used = 0;
	int t;

	buf[0] = '\0';
	for (t = 0; t < OBJ_NTYPES && used < len; t++) {
		if (!(mask & OBJ_BIT(t)))
			continue;
		used += snprintf(buf + used, len - used, "%s%s",
				 used ? " or " : "", type_names[t]);
	}
}

struct reg_entry *reg_find(const struct registry *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return &r->v[i];
	return NULL;
}

struct reg_entry *reg_by_id(const struct registry *r, uint32_t id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].type != OBJ_MEM && r->v[i].type != OBJ_ACCESS &&
		    r->v[i].type != OBJ_PROC && r->v[i].id == id)
			return &r->v[i];
	return NULL;
}

struct reg_entry *reg_access(const struct registry *r, int fd)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].type == OBJ_ACCESS && r->v[i].fd == fd)
			return &r->v[i];
	return NULL;
}

bool reg_held(const struct registry *r, const struct reg_entry *e)
{
	size_t i;
	unsigned int j;

	/* nothing in the kernel holds memory, an access (whose id is an fd) or a process */
	if (e->type == OBJ_MEM || e->type == OBJ_ACCESS || e->type == OBJ_PROC)
		return false;
	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->v[i].nholds; j++)
			if (&r->v[i] != e && r->v[i].holds[j] == e->id)
				return true;
	return false;
}

bool reg_name_valid(const char *s)
{
	if (!*s || strlen(s) >= REG_NAME_MAX || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' &&
		    *s != '.')
			return false;
	return true;
}

/* A generated name skips names the user took, so @ioas1 never means two things. */
static void gen_name(struct registry *r, enum obj_type t, char *buf)
{
	do
		snprintf(buf, REG_NAME_MAX, "%s%u", type_names[t], r->next[t]++);
	while (reg_find(r, buf));
}

static bool reg_grow(struct registry *r)
{
	size_t cap = r->cap ? r->cap * 2 : 16;
	struct reg_entry *v = realloc(r->v, cap * sizeof(*v));

	if (!v)
		return false;
	r->v = v;
	r->cap = cap;
	return true;
}

struct reg_entry *reg_add(struct registry *r, enum obj_type t, uint32_t id,
			  const char *name)
{
	struct reg_entry *e;

	if (name && !reg_name_valid(name)) {
		errno = EINVAL;
		return NULL;
	}
	if (name && reg_find(r, name)) {
		errno = EEXIST;
		return NULL;
	}
	if (r->n == r->cap && !reg_grow(r)) {
		errno = ENOMEM;
		return NULL;
	}
	e = &r->v[r->n];
	memset(e, 0, sizeof(*e));
	if (name)
		snprintf(e->name, sizeof(e->name), "%s", name);
	else
		gen_name(r, t, e->name);
	r->n++;
	e->type = t;
	e->id = id;
	e->fd = -1;
	return e;
}

/* Creation order is kept: cleanup destroys in reverse of it. */
void reg_del(struct registry *r, struct reg_entry *e)
{
	size_t i = (size_t)(e - r->v);

	memmove(e, e + 1, (r->n - i - 1) * sizeof(*e));
	r->n--;
}

void reg_free(struct registry *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

struct reg_entry *reg_new_mem(struct registry *r, size_t len,
			      enum mem_kind kind, const char *name)
{
	struct usermem m;
	struct reg_entry *e;
	int rc = usermem_alloc(len, kind, &m);

	if (rc) {
		errno = -rc;
		return NULL;
	}
	e = reg_add(r, OBJ_MEM, 0, name);
	if (!e) {
		rc = errno;
		usermem_free(&m);
		errno = rc;
		return NULL;
	}
	e->mem = m.p;
	e->len = m.len;
	e->fd = m.fd;
	return e;
}

void reg_mem_release(struct reg_entry *e)
{
	struct usermem m = { e->mem, e->len, e->fd };

	usermem_free(&m);
	e->mem = NULL;
	e->fd = -1;
}

void reg_mem_recycle(struct reg_entry *e)
{
	struct usermem m = { e->mem, e->len, e->fd };

	usermem_recycle(&m, (enum mem_kind)e->subtype);
	e->mem = NULL;
	e->fd = -1;
}
