#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The run `make demo` shows: one process, one iommufd, a mock device standing
# in for hardware. Objects live as long as the file descriptor, so the steps
# share one command line.
exec "$ICTL" -j ioas alloc , mock create @ioas0 , ioas map @ioas0 --length 2M , \
	ioas unmap @ioas0 --all , destroy @dev0 , destroy @ioas0
