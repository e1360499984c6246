// SPDX-License-Identifier: GPL-2.0-only
/*
 * vendor.c: driver data words for hwpt alloc and invalidation entries.
 * The first input byte picks the entry point, the rest is the text:
 *   even: vendor_hwpt_data(TEXT)
 *   odd:  vendor_inv_type(TYPE) then vendor_inv_entry(ENTRY), TEXT being
 *         "TYPE ENTRY"
 * Checked beyond memory safety: results within VENDOR_DATA_MAX, a refusal
 * pointing into the input (the caller prints from there), no byte set
 * past the length that is sent, which would silently drop a field, and
 * words written back from what was read that read back the same.
 */
#include <errno.h>

#include "decode/vendor.h"
#include "fuzz.h"

static void check_data(const struct vendor_data *d)
{
	size_t i;

	fuzz_assert(d->len <= VENDOR_DATA_MAX);
	for (i = d->len; i < VENDOR_DATA_MAX; i++)
		fuzz_assert(d->bytes[i] == 0);
}

static void check_bad(int rc, const char *bad, const char *s)
{
	fuzz_assert(rc == -EINVAL || rc == -ERANGE);
	fuzz_assert(bad && bad >= s && bad <= s + strlen(s));
}

/* What a step writes back reads back the same: words or raw hex */
static void data_back(const struct vendor_data *d)
{
	static char buf[2 * VENDOR_DATA_MAX + 64];
	static struct vendor_data back;
	const char *bad;

	fuzz_assert(vendor_hwpt_format(d, buf, sizeof(buf)));
	fuzz_assert(!vendor_hwpt_data(buf, &back, &bad));
	fuzz_assert(vendor_data_equal(d, &back));
}

static void hwpt(const char *s, struct vendor_data *d)
{
	const char *bad = NULL, *name;
	size_t len;
	int rc;

	rc = vendor_hwpt_data(s, d, &bad);
	if (rc) {
		check_bad(rc, bad, s);
		return;
	}
	check_data(d);
	data_back(d);
	if (!strncmp(s, "raw:", 4))
		return;
	/* the words named a layout: its type must be the one set */
	name = vendor_hwpt_type_name(d->type);
	fuzz_assert(name);
	len = strlen(name);
	fuzz_assert(!strncmp(s, name, len) && (s[len] == ':' || !s[len]));
}

/* One entry of type @type, written back as words, reads back the same */
static void entry_back(const char *type, const char *entry)
{
	static struct vendor_inv a, b;
	static char buf[2 * VENDOR_DATA_MAX + 64];
	const char *bad;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	fuzz_assert(!vendor_inv_set_type(&a, type, &bad));
	fuzz_assert(!vendor_inv_add(&a, entry, &bad));
	fuzz_assert(vendor_inv_entry_format(&a, 0, buf, sizeof(buf)));
	fuzz_assert(!vendor_inv_set_type(&b, type, &bad));
	fuzz_assert(!vendor_inv_add(&b, buf, &bad));
	fuzz_assert(vendor_inv_entries_equal(&a, &b));
}

static void inv(char *s, struct vendor_data *d)
{
	char *entry = strchr(s, ' ');
	const struct vendor_layout *l = NULL;
	const char *bad = NULL;
	uint32_t type = 0;
	int rc;

	if (!entry)
		return;
	*entry++ = '\0';
	if (vendor_inv_type(s, &l, &type))
		return;
	fuzz_assert(vendor_layout_name(l) != NULL);
	fuzz_assert(l ? !strcmp(vendor_layout_name(l), s) : !strncmp(s, "raw:", 4));
	rc = vendor_inv_entry(l, type, entry, d, &bad);
	if (rc) {
		check_bad(rc, bad, entry);
		return;
	}
	fuzz_assert(d->type == type);
	check_data(d);
	entry_back(s, entry);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vendor_data *d;
	char *s;

	if (!size)
		return 0;
	/* on the heap, so a write past bytes[] meets a redzone */
	d = malloc(sizeof(*d));
	s = fuzz_str(data + 1, size - 1);
	if (!d)
		abort();
	if (data[0] & 1)
		inv(s, d);
	else
		hwpt(s, d);
	free(s);
	free(d);
	return 0;
}
