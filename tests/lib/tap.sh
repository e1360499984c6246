# SPDX-License-Identifier: GPL-2.0-only
#
# Minimal TAP producer for shell tests, sourced with
#   . "$top_srcdir/tests/lib/tap.sh"
# Runs under busybox ash in the test VM as well as bash/dash on the host, so
# it sticks to POSIX sh.  A test exits 0 and lets its ok/not ok lines speak:
# automake's TAP driver flags a non-zero exit as an error of its own.

_tap_n=0
_tap_plan=

plan() {
	_tap_plan=$1
	echo "1..$1"
}

# diag LINE...: each argument (itself possibly several lines) as comments.
diag() {
	for _tap_l in "$@"; do
		printf '%s\n' "$_tap_l"
	done | sed 's/^/# /'
}

# One result line.  Descriptions must not start with a digit or contain '#'
# (TAP would read a test number or a directive), so '#' is replaced.
_tap_result() {
	_tap_n=$((_tap_n + 1))
	_tap_desc=$(printf '%s' "$2" | tr '#\n' '_ ')
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $_tap_desc"
	else
		echo "not ok $_tap_n - $_tap_desc"
	fi
	return "$1"
}

# run CMD...: sets $out (stdout) and $rc; stderr passes through to the log.
run() {
	out=$("$@")
	rc=$?
}

# ok DESC CMD...: passes if CMD exits 0.  Its output is shown only on failure,
# so it never mixes with the TAP lines.
ok() {
	_tap_d=$1
	shift
	_tap_o=$("$@" 2>&1)
	_tap_rc=$?
	_tap_result "$_tap_rc" "$_tap_d" && return 0
	diag "command: $*" "exit status: $_tap_rc"
	[ -n "$_tap_o" ] && diag "$_tap_o"
	return 1
}

# expect_exit DESC CODE CMD...: passes if CMD exits with exactly CODE.
expect_exit() {
	_tap_d=$1 _tap_want=$2
	shift 2
	_tap_o=$("$@" 2>&1)
	_tap_rc=$?
	[ "$_tap_rc" -eq "$_tap_want" ]
	_tap_result $? "$_tap_d" && return 0
	diag "command: $*" "exit status: $_tap_rc, wanted $_tap_want"
	[ -n "$_tap_o" ] && diag "$_tap_o"
	return 1
}

# is DESC GOT WANT
is() {
	[ "$2" = "$3" ]
	_tap_result $? "$1" && return 0
	diag "got:  '$2'" "want: '$3'"
	return 1
}

# jq_ok DESC FILTER: runs jq -s -e FILTER over "$out" (JSON Lines).
jq_ok() {
	if ! command -v jq >/dev/null 2>&1; then
		skip "$1" "jq not installed"
		return 0
	fi
	_tap_o=$(printf '%s\n' "$out" | jq -s -e "$2" 2>&1)
	_tap_result $? "$1" && return 0
	diag "jq -s -e '$2' said: $_tap_o" "input:" "$out"
	return 1
}

# golden DESC GOT FILE: GOT must equal FILE (relative to tests/).
golden() {
	case $3 in
	/*) _tap_f=$3 ;;
	*) _tap_f=$top_srcdir/tests/$3 ;;
	esac
	_tap_o=$(printf '%s\n' "$2" | diff -u "$_tap_f" - 2>&1)
	_tap_result $? "$1" && return 0
	diag "$_tap_o"
	return 1
}

# skip DESC REASON: one skipped test.
skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $1 # SKIP $2"
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

need_root() {
	[ "$(id -u)" -eq 0 ] || skip_all "needs root"
}

need_dev_iommu() {
	[ -c /dev/iommu ] || skip_all "no /dev/iommu (kernel without CONFIG_IOMMUFD?)"
	[ -r /dev/iommu ] && [ -w /dev/iommu ] ||
		skip_all "no read/write access to /dev/iommu"
}

# need_mock: the CONFIG_IOMMUFD_TEST mock device. In the mock profile it
# must work, so its absence fails the test rather than skipping it.
need_mock() {
	"$ICTL" ioas alloc , mock create @ioas0 >/dev/null 2>&1 && return 0
	case ${PROFILE:-} in
	mock)
		echo "Bail out! no working mock device in the mock profile"
		exit 1
		;;
	esac
	skip_all "no mock devices (kernel without CONFIG_IOMMUFD_TEST)"
}

# for_profile NAME: whether this boot runs the part of a test written for
# profile NAME. The both boot is the mock and vtd profiles at once.
for_profile() {
	[ "${PROFILE:-}" = "$1" ] && return 0
	[ "${PROFILE:-}" = both ] && { [ "$1" = mock ] || [ "$1" = vtd ]; }
}

# noiommu_built_in: whether the kernel has CONFIG_IOMMUFD_NOIOMMU, as the
# kernel answers it: its NOIOMMU_GET_PA finds no page (ENOENT) where other
# kernels know no such ioctl.  Such a kernel binds a mock device whose IOMMU
# probe failed as a no-IOMMU device, and trigger-iopf on it oopses (README,
# Kernel bugs found): a fail-nth sweep must not inject into a mock create
# that a trigger-iopf follows.
noiommu_built_in() {
	"$ICTL" -j ioas alloc , ioas get-pa @ioas0 --iova 0 2>/dev/null |
		jq -s -e '.[1].errno_name == "ENOENT"' >/dev/null
}

# Prints the plan if none was given up front.
done_testing() {
	[ -n "$_tap_plan" ] || echo "1..$_tap_n"
	_tap_plan=$_tap_n
}

# A directory of this test's own for files it writes (mktemp: no name
# another user could predict or plant a link at), removed on exit.
# Sets $SCRATCH; call it once, before the first file is written.
scratch() {
	SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ictl-test.XXXXXX") ||
		{ echo "Bail out! cannot create a scratch directory"; exit 1; }
	trap 'rm -rf "$SCRATCH"' EXIT
	trap 'exit 130' INT TERM
}
