#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
exec "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/vm/boot.sh" --series 7 --profile noiommu --tests "$top_srcdir/tests/kernel/*.t"
