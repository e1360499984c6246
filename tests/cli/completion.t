#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The bash completion, sourced in bash and called as bash would call it
# (COMP_WORDS, COMP_CWORD, and COMP_LINE/COMP_POINT where bash splits a word
# at ':' or '='); its COMPREPLY is what is checked.

. "$top_srcdir/tests/lib/tap.sh"

command -v bash >/dev/null 2>&1 || skip_all "bash not installed"
comp=$top_srcdir/src/bash-completion/iommufd-ctl

# complete WORD...: the sorted candidates for the last word, one line
complete_words() {
	bash -c '. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_iommufd_ctl
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " "' \
		- "$comp" "$ICTL" "$@"
}

# complete_line LINE: as bash does it, with ':' and '=' breaking words
complete_line() {
	bash -c '. "$1"
		COMP_LINE=$2; COMP_POINT=${#2}
		line=${2//:/ : }; line=${line//=/ = }
		read -ra COMP_WORDS <<<"$line"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_iommufd_ctl
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " "' \
		- "$comp" "$ICTL $1"
}

ok "the script parses in bash" bash -n "$comp"

got=$(complete_words "")
want=$("$ICTL" --list-commands | cut -d' ' -f1 | LC_ALL=C sort -u | tr '\n' ' ')
is "first word: every object of --list-commands" "$got" "$want"
is "a prefix narrows it" "$(complete_words vf)" "vfio vfio-compat vfio-ioas "
is "verbs of vfio" "$(complete_words vfio "")" "bind unbind "
is "verbs of ioas starting with m" "$(complete_words ioas m)" "map map-file "
is "global options" "$(complete_words --f)" "--format "
is "values of --format" "$(complete_words --format j)" "json "
is "--dev takes a file" "$(complete_words -j --dev /dev/nul)" "/dev/null "
is "after the global options, commands" "$(complete_words -j --dev /dev/null l)" "list "
is "options of list, from its --help" "$(complete_words list --d)" "--device --driver "
is "info completes as a command" "$(complete_words inf)" "info "
is "vfio-compat set-iommu: the IOMMU types" "$(complete_words vfio-compat set-iommu type)" \
	"type1 type1-nesting type1v2 "
is "mem alloc --kind: the kinds" "$(complete_words mem alloc --kind d)" "dmabuf "
is "info mock: m finds mock" "$(complete_words info mo)" "mock "
got=$(complete_words ioas map --)
ok "options of ioas map include --length, --iova and the common --expect" \
	sh -c 'for o in --length --iova --mem --expect --help; do
		case " $1" in *" $o "*) ;; *) exit 1 ;; esac; done' - "$got"
is "a step after ',' starts with a command" "$(complete_words ioas alloc , vfio u)" "unbind "
is "fail-nth offers the built-in scenarios of its --help" "$(complete_words fail-nth viommu)" \
	"viommu viommu-abort "
is "... vfio among them" "$(complete_words fail-nth vf)" "vfio "
is "fail-nth takes --device" "$(complete_words fail-nth vfio --dev)" "--device "
is "run takes a file" "$(complete_words run "$top_srcdir/src/bash-completion/iommufd-c")" \
	"$top_srcdir/src/bash-completion/iommufd-ctl "

pci=$(ls /sys/bus/pci/devices 2>/dev/null | LC_ALL=C sort | tr '\n' ' ')
if [ -n "$pci" ]; then
	is "vfio bind offers the PCI addresses of /sys/bus/pci/devices" \
		"$(complete_words vfio bind "")" "$pci"
	is "so does vfio unbind" "$(complete_words vfio unbind "")" "$pci"
	is "and device bind" "$(complete_words device bind "")" "$pci"
	vfio=$(ls /dev/vfio/devices 2>/dev/null | LC_ALL=C sort | tr '\n' ' ')
	want=$(printf '%s\n' mock $pci $vfio | LC_ALL=C sort | tr '\n' ' ')
	is "info offers mock, the PCI addresses and the VFIO cdevs" \
		"$(complete_words info "")" "$want"
	is "so does caps" "$(complete_words caps "")" "$want"
	is "and list --device" "$(complete_words list --device "")" "$pci"
	first=$(ls /sys/bus/pci/devices | LC_ALL=C sort | head -n 1)
	head=${first%?}
	want=$(ls /sys/bus/pci/devices | LC_ALL=C sort | grep "^$head" |
		sed "s/^${first%:*}://" | tr '\n' ' ')
	is "a PCI address split at ':' by bash completes the part after it" \
		"$(complete_line "vfio bind $head")" "$want"
	is "... also as --device=ADDR" \
		"$(complete_line "list --device=$head")" "$want"
else
	skip "PCI address completion" "no PCI devices on this host"
fi
is "--format=VALUE completes the value" "$(complete_line "--format=kt")" "ktap "
is "verbs of fault" "$(complete_words fault "")" "alloc read respond "
is "mock trigger- verbs" "$(complete_words mock trigger-)" "trigger-iopf trigger-vevent "
is "fault respond --code values" "$(complete_words fault respond @f --code "")" "invalid success "
is "veventq alloc --type values" "$(complete_words veventq alloc @v --type "")" \
	"arm_smmuv3 default selftest tegra241_cmdqv "
is "hw-queue alloc --type values" "$(complete_words hw-queue alloc @v --type t)" "tegra241_cmdqv "

done_testing
