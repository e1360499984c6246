#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Both device kinds run every test twice over (caps and info probe each), so
# the boot gets three times the default time.
exec "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/vm/boot.sh" --series 7 --profile both --timeout 900 --tests "$top_srcdir/tests/kernel/*.t"
