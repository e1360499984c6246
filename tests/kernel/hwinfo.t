#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# device hw-info on a CONFIG_IOMMUFD_TEST mock device: the selftest payload,
# capabilities, length probing and the input type, as the kernel answers.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"

run $J ioas alloc , mock create @ioas0 , device hw-info @dev0
is "hw-info on a mock device: exit 0" "$rc" 0
jq_ok "type selftest, 8 bytes" '.[2].data_type == "selftest" and .[2].data_len == 8'
jq_ok "test_reg reads 0xdeadbeef" '.[2].data.test_reg == "0xdeadbeef" and .[2].data.flags == 0'
jq_ok "asked about the device mock create made" '.[2].ids.dev == .[1].ids.dev'
jq_ok "no PASID without the pasid device flag" '.[2].max_pasid_log2 == 0'
# The mock IOMMU never claims ATS; the bit saying so came after 6.12.
if [ "$SERIES" = 6.12 ]; then
	jq_ok "capabilities: dirty_tracking" '.[2].capabilities == ["dirty_tracking"]'
else
	jq_ok "capabilities: dirty_tracking, pci_ats_not_supported" \
		'.[2].capabilities == ["dirty_tracking", "pci_ats_not_supported"]'
fi

run $J ioas alloc , mock create @ioas0 --flags no-dirty , device hw-info @dev0
jq_ok "a no-dirty mock device lacks dirty_tracking" \
	'.[2].ok and (.[2].capabilities | index("dirty_tracking") == null)'

run $J ioas alloc , mock create @ioas0 , device hw-info @dev0 --data-len 0 , \
	device hw-info @dev0 --data-len 4 , device hw-info @dev0 --data-len 8
is "length probing: exit 0" "$rc" 0
jq_ok "--data-len 0 returns the kernel's length and no data" \
	'.[2] | .buffer_len == 0 and .data_len == 8 and .data == null and .data_type == "selftest"'
jq_ok "half the payload is not decoded" '.[3] | .data_len == 8 and .data == null'
jq_ok "exactly the payload is" '.[4].data.test_reg == "0xdeadbeef"'

# IOMMU_HW_INFO_FLAG_INPUT_TYPE arrived in 6.17: 6.12 refuses any flag.
if [ "$SERIES" = 6.12 ]; then
	run $J ioas alloc , mock create @ioas0 , \
		device hw-info @dev0 --type selftest --expect EOPNOTSUPP
	is "--type on 6.12: EOPNOTSUPP" "$rc" 0
	skip "--type default" "no input type before 6.17"
	skip "... answers like no type at all" "no input type before 6.17"
	skip "the pasid device flag gives 20 PASID bits" "no mock PASID before 6.15"
else
	run $J ioas alloc , mock create @ioas0 , device hw-info @dev0 --type selftest
	jq_ok "--type selftest" '.[2].in_data_type == "selftest" and .[2].data.test_reg == "0xdeadbeef"'
	run $J ioas alloc , mock create @ioas0 , device hw-info @dev0 --type default
	is "--type default" "$rc" 0
	jq_ok "... answers like no type at all" '.[2].data_type == "selftest"'
	run $J ioas alloc , mock create @ioas0 --flags pasid , device hw-info @dev0
	jq_ok "the pasid device flag gives 20 PASID bits" '.[2].max_pasid_log2 == 20'
fi

run $J ioas alloc , mock create @ioas0 , \
	device hw-info @dev0 --type intel_vtd --expect EOPNOTSUPP
is "a type the mock driver does not have: EOPNOTSUPP" "$rc" 0

run $J ioas alloc , mock create @ioas0 , device hw-info 1 --expect ENOENT
is "hw-info of an IOAS id: ENOENT" "$rc" 0
run $J ioas alloc , mock create @ioas0 , device hw-info 4000000 --expect ENOENT
is "hw-info of an id that does not exist: ENOENT" "$rc" 0

run $J ioas alloc , mock create @ioas0 , device hw-info @dev0 --type intel_vtd
is "an unexpected EOPNOTSUPP exits 3 (not supported)" "$rc" 3

expect_exit "hw-info of an IOAS handle is a usage error" 2 \
	$J ioas alloc , device hw-info @ioas0
expect_exit "an unknown --type name is a usage error" 2 \
	$J ioas alloc , mock create @ioas0 , device hw-info @dev0 --type vtd

run $ICTL --no-timing ioas alloc , mock create @ioas0 , device hw-info @dev0 --data-len 0
line=$(printf '%s\n' "$out" | sed -n 3p)
case $SERIES in
6.12) caps='["dirty_tracking"]' ;;
*) caps='["dirty_tracking","pci_ats_not_supported"]' ;;
esac
is "text output" "$line" \
	"device.hw-info ok dev=3 buffer_len=0 data_type=selftest data_len=8 capabilities=$caps max_pasid_log2=0"

done_testing
