// SPDX-License-Identifier: GPL-2.0-only
/* registry.c: generated names, user names, lookup, order; handles that carry their file */
#include <errno.h>
#include <string.h>

#include "core/op.h"
#include "core/registry.h"
#include "core/session.h"
#include "tap.h"

/* A plain id with its file resolves to an entry with that file, in no registry */
static void file_handles(void)
{
	struct handle h = { .name = "f0", .id = 5, .by_id = true, .has_fd = true,
			    .type = OBJ_FAULT, .fd = 9 };
	struct options opt = { .dev_path = "/dev/null" };
	struct session s;
	struct reg_entry *e;
	uint32_t id;

	sess_init(&s, &opt);
	s.loc.mute = true;
	ok(!sess_resolve(&s, &h, OBJ_BIT(OBJ_FAULT), &e, &id) && e && id == 5 &&
	   e->fd == 9 && e->type == OBJ_FAULT && !strcmp(e->name, "f0") &&
	   !sess_registered(&s, e), "a handle with its file: an entry of no registry");
	ok(sess_resolve(&s, &h, OBJ_BIT(OBJ_IOAS), &e, &id) == -EINVAL,
	   "... of the wrong type: refused");
	sess_fini(&s);
}

int main(void)
{
	struct registry r = { 0 };
	struct reg_entry *e;
	char buf[64];
	int i;

	tap_plan(13);
	e = reg_add(&r, OBJ_IOAS, 7, NULL);
	ok(e && !strcmp(e->name, "ioas0") && e->id == 7 && e->fd == -1,
	   "first generated name is ioas0");
	ok(reg_add(&r, OBJ_IOAS, 8, "ioas1") != NULL, "user takes ioas1");
	e = reg_add(&r, OBJ_IOAS, 9, NULL);
	ok(e && !strcmp(e->name, "ioas2"), "generated names skip taken ones");
	errno = 0;
	ok(!reg_add(&r, OBJ_HWPT, 1, "ioas1") && errno == EEXIST, "duplicate name: EEXIST");
	errno = 0;
	ok(!reg_add(&r, OBJ_HWPT, 1, "1abc") && errno == EINVAL, "leading digit: EINVAL");
	ok(!reg_add(&r, OBJ_HWPT, 1, "a b") && errno == EINVAL, "space: EINVAL");
	ok(reg_find(&r, "ioas1") && reg_find(&r, "ioas1")->id == 8, "find by name");
	reg_del(&r, reg_find(&r, "ioas1"));
	ok(r.n == 2 && !strcmp(r.v[0].name, "ioas0") && !strcmp(r.v[1].name, "ioas2"),
	   "delete keeps creation order");
	for (i = 0; i < 100; i++)
		reg_add(&r, OBJ_MEM, 0, NULL);
	ok(r.n == 102 && !strcmp(r.v[101].name, "mem99"), "grows past its first size");
	obj_mask_names(OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT), buf, sizeof(buf));
	ok(!strcmp(buf, "ioas or hwpt"), "type mask names: %s", buf);
	ok(!strcmp(obj_type_name(OBJ_VDEVICE), "vdev"), "type name");
	reg_free(&r);
	file_handles();
	return tap_done();
}
