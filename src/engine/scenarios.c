// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/step.h"
#include "engine/scenarios.h"
#include "engine/script.h"
#include "op/ops.h"
#include "util/msg.h"

/*
 * Each runs on the mock driver (CONFIG_IOMMUFD_TEST), so a sweep needs no
 * hardware, but for those of a VFIO device, which the user names. Objects
 * are left for the sweep's cleanup on purpose: destroying them after the
 * fault is part of what is checked.
 */
const struct scenario scenarios[] = {
	{ "basic", "IOAS life: ranges, allowed IOVAs, map, copy, unmap twice",
	  "ioas alloc\n"
	  "ioas alloc\n"
	  "ioas iova-ranges @ioas0\n"
	  "ioas allow-iovas @ioas0 16M+1G\n"
	  "ioas map @ioas0 --iova 16M --length 256K\n"
	  "ioas copy @ioas1 @ioas0 --src-iova 16M --length 256K\n"
	  "ioas unmap @ioas0 --iova 16M --length 256K\n"
	  "ioas unmap @ioas0 --iova 16M --length 256K --expect ENOENT\n", false },
	{ "domain", "a mock device: map into its domain, read the pins back",
	  "ioas alloc\n"
	  "mock create @ioas0\n"
	  "ioas map @ioas0 --iova 16M --length 256K\n"
	  "mock check-refs --mem @mem0 --refs 1\n"
	  "ioas unmap @ioas0 --all\n", false },
	{ "paging", "paging HWPT: alloc, replace onto it and back, destroy",
	  "ioas alloc\n"
	  "mock create @ioas0\n"
	  "ioas map @ioas0 --iova 16M --length 64K\n"
	  "hwpt alloc @dev0 @ioas0 --name paging\n"
	  "mock replace @dev0 @paging\n"
	  "mock replace @dev0 @ioas0\n"
	  "destroy @paging\n", false },
	{ "nested", "nested HWPT on a nest parent: replace, invalidate, destroy",
	  "ioas alloc\n"
	  "mock create @ioas0\n"
	  "hwpt alloc @dev0 @ioas0 --nest-parent --name parent\n"
	  "hwpt alloc @dev0 @parent --data selftest:iotlb=0x1234 --name nested\n"
	  "mock replace @dev0 @nested\n"
	  "hwpt invalidate @nested --type selftest --entry flags=all\n"
	  "mock replace @dev0 @ioas0\n"
	  "destroy @nested\n"
	  "destroy @parent\n", false },
	{ "access", "a mock in-kernel access: read, write, pin, unmap under a pin",
	  "ioas alloc\n"
	  "ioas map @ioas0 --iova 16M --length 256K\n"
	  "access create @ioas0 --needs-pin --name acc\n"
	  "access rw @acc --iova 16M --length 64\n"
	  "access rw @acc --iova 16M --length 64 --write\n"
	  "access rw @acc --iova 0x1000ff0 --length 32 --slow\n"
	  "access pin @acc --iova 16M --length 16K --mem @mem0\n"
	  "ioas unmap @ioas0 --all\n", false },
	{ "fault", "a fault queue: a HWPT that reports to it, a fault read and answered",
	  "ioas alloc\n"
	  "mock create @ioas0\n"
	  "hwpt alloc @dev0 @ioas0 --nest-parent --name parent\n"
	  "fault alloc --name f\n"
	  "hwpt alloc @dev0 @parent --data selftest:iotlb=1 --fault @f --name nested\n"
	  "mock replace @dev0 @nested\n"
	  "mock trigger-iopf @dev0 --addr 0x1000\n"
	  /* no --want: a fault the kernel could not queue is dropped, not an error */
	  "fault read @f\n"
	  "fault respond @f --cookie 1\n"
	  "mock replace @dev0 @ioas0\n", false },
	/* vIOMMUs since 6.13, vEVENTQs since 6.15, HW queues since 6.17 */
	{ "viommu", "a vIOMMU with a vDEVICE, a vEVENTQ that gets an event, a HW queue",
	  "ioas alloc\n"
	  "mock create @ioas0\n"
	  "hwpt alloc @dev0 @ioas0 --nest-parent --name parent\n"
	  "viommu alloc @dev0 @parent --name v\n"
	  "vdevice alloc @v @dev0 --virt-id 0x99 --name vd\n"
	  "veventq alloc @v --depth 2 --name q\n"
	  "hwpt alloc @dev0 @v --data selftest:iotlb=1 --name nested\n"
	  "mock replace @dev0 @nested\n"
	  "mock trigger-vevent @dev0\n"
	  "veventq read @q --want 1\n"
	  "ioas map @ioas0 --iova 16M --length 64K\n"
	  "hw-queue alloc @v --index 0 --base-addr 16M --length 4K\n"
	  "mock replace @dev0 @ioas0\n", false },
	/* the allocations 6.12 has; viommu-abort has the rest */
	{ "abort", "every allocation aborted after it was built (EFAULT on the reply)",
	  "ioas alloc --readonly-arg --expect EFAULT\n"
	  "ioas alloc\n"
	  "mock create @ioas0 --readonly-arg --expect EFAULT\n"
	  "mock create @ioas0\n"
	  "hwpt alloc @dev0 @ioas0 --readonly-arg --expect EFAULT\n"
	  "hwpt alloc @dev0 @ioas0 --nest-parent --name parent\n"
	  "hwpt alloc @dev0 @parent --data selftest:iotlb=1 --readonly-arg --expect EFAULT\n"
	  "fault alloc --readonly-arg --expect EFAULT\n"
	  "fault alloc --name f\n"
	  "hwpt alloc @dev0 @parent --data selftest:iotlb=1 --fault @f --readonly-arg "
	  "--expect EFAULT\n"
	  "access create @ioas0 --readonly-arg --expect EFAULT\n", false },
	/*
	 * what 6.12 lacks: vIOMMUs (6.13) and a nested HWPT on one, vEVENTQs
	 * and a paging HWPT with a fault queue (6.15), HW queues (6.17)
	 */
	{ "viommu-abort", "the allocations 6.12 lacks, aborted after they were built (EFAULT)",
	  "ioas alloc\n"
	  "mock create @ioas0\n"
	  "hwpt alloc @dev0 @ioas0 --nest-parent --name parent\n"
	  "viommu alloc @dev0 @parent --readonly-arg --expect EFAULT\n"
	  "viommu alloc @dev0 @parent --name v\n"
	  "vdevice alloc @v @dev0 --virt-id 0x99 --readonly-arg --expect EFAULT\n"
	  "hwpt alloc @dev0 @v --data selftest:iotlb=1 --readonly-arg --expect EFAULT\n"
	  "veventq alloc @v --readonly-arg --expect EFAULT\n"
	  "fault alloc --name f\n"
	  "hwpt alloc @dev0 @ioas0 --fault @f --readonly-arg --expect EFAULT\n"
	  "ioas map @ioas0 --iova 16M --length 64K\n"
	  "hw-queue alloc @v --index 0 --base-addr 16M --length 4K --readonly-arg "
	  "--expect EFAULT\n", false },
	/*
	 * After the bind of the device (scenario_load): the VFIO calls that
	 * attach, replace and detach, with the replies that fail (VFIO then
	 * detaches the device again) and a map while attached
	 */
	{ "vfio", "a VFIO device (--device): attach, replace onto a HWPT, detach, again",
	  "ioas alloc\n"
	  "ioas map @ioas0 --iova 16M --length 64K\n"
	  "device attach @dev @ioas0 --readonly-arg --expect EFAULT\n"
	  "device attach @dev @ioas0\n"
	  "hwpt alloc @dev @ioas0 --readonly-arg --expect EFAULT\n"
	  "hwpt alloc @dev @ioas0 --name h\n"
	  "device attach @dev @h\n"
	  "ioas map @ioas0 --iova 32M --length 64K\n"
	  "device attach @dev @ioas0\n"
	  "device detach @dev\n"
	  "device attach @dev @h\n"
	  "ioas unmap @ioas0 --all\n"
	  "device detach @dev\n", true },
	{ NULL, NULL, NULL, false }
};

const struct scenario *scenario_find(const char *name)
{
	const struct scenario *sc;

	for (sc = scenarios; sc->name; sc++)
		if (!strcmp(sc->name, name))
			return sc;
	return NULL;
}

/* The bind of @device as a script line, read-only reply or not */
static int bind_line(const char *device, bool readonly, char *buf, size_t len)
{
	struct device_bind_args a = { .dev = device };
	struct step st = { .op = &op_device_bind, .args = &a };
	int rc;

	st.readonly_arg = readonly;
	st.expect = readonly ? EFAULT : 0;
	if (!readonly)
		strcpy(a.name, "dev");
	rc = step_format(&st, buf, len - 1);
	if (!rc)
		strcat(buf, "\n");
	return rc;
}

/*
 * The device is written as a step would be, so that whatever word names
 * it parses back. A bind with a read-only reply comes first: VFIO closes
 * the device again (EFAULT), and the bind after it must work.
 */
int scenario_load(struct script *s, const struct scenario *sc, const char *device)
{
	char first[PATH_MAX + 64], second[PATH_MAX + 64], *text;
	int rc;

	if (!sc->device)
		return script_load_text(s, sc->name, sc->text, strlen(sc->text));
	if (bind_line(device, true, first, sizeof(first)) ||
	    bind_line(device, false, second, sizeof(second))) {
		msg("fail-nth: --device %s: %s", device, strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	if (asprintf(&text, "%s%s%s", first, second, sc->text) < 0)
		return -ENOMEM;
	rc = script_load_text(s, sc->name, text, strlen(text));
	free(text);
	return rc;
}
