// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysfs.c, the pure part: how a DEVICE argument is classified and how a
 * PCI address is normalized. The first input byte is the size of the output
 * buffer (0..PCI_ADDR_MAX + 7), so short buffers are tried as well. A
 * normalized address must be the kernel's spelling, normalize to itself
 * again, and classify as a PCI address.
 */
#include <ctype.h>
#include <errno.h>

#include "host/sysfs.h"
#include "fuzz.h"

/* "dddd:bb:dd.f" in lower-case hex, at least four domain digits */
static int kernel_spelling(const char *a)
{
	size_t n = strlen(a), i;

	if (n < 12 || a[n - 2] != '.' || a[n - 5] != ':' || a[n - 8] != ':')
		return 0;
	for (i = 0; i < n; i++) {
		if (i == n - 2 || i == n - 5 || i == n - 8)
			continue;
		if (!isxdigit((unsigned char)a[i]) || isupper((unsigned char)a[i]))
			return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *out, again[PCI_ADDR_MAX];
	enum dev_arg kind;
	size_t len;
	int rc;

	if (!size)
		return 0;
	len = data[0] % (PCI_ADDR_MAX + 8);
	s = fuzz_str(data + 1, size - 1);
	out = malloc(len ? len : 1);	/* exactly len bytes for ASan */
	if (!out)
		abort();

	rc = pci_addr_normalize(s, out, len);
	fuzz_assert(rc == 0 || rc == -EINVAL);
	if (rc == 0) {
		fuzz_assert(strlen(out) < len);
		fuzz_assert(kernel_spelling(out));
		fuzz_assert(pci_addr_normalize(out, again, sizeof(again)) == 0);
		fuzz_assert(!strcmp(out, again));
		fuzz_assert(dev_arg_classify(out) == DEV_ARG_PCI);
	}

	kind = dev_arg_classify(s);
	fuzz_assert(kind >= DEV_ARG_BAD && kind <= DEV_ARG_PATH);
	if (strchr(s, '/'))
		fuzz_assert(kind == DEV_ARG_PATH);
	else if (vfio_cdev_name(s))
		fuzz_assert(kind == DEV_ARG_VFIO);
	if (kind == DEV_ARG_PCI)
		fuzz_assert(pci_addr_normalize(s, again, sizeof(again)) == 0);

	free(out);
	free(s);
	return 0;
}
