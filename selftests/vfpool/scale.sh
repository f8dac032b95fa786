#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Thousands of members and leases: dumps span many messages, the library
# and the CLI return them all (SCALE_N to change, default 2000).
source "$(dirname "$0")/lib.sh"
n=${SCALE_N:-2000}
prefix=s${nsid}_
scale="$(dirname "$0")/../bin/scale"
for ((i = 0; i < n; i++)); do echo "link add $prefix$i type dummy"; done >"$tmpd/add"
for ((i = 0; i < n; i++)); do echo "link del $prefix$i"; done >"$tmpd/del"
ip -batch "$tmpd/add" >/dev/null || skip_all "cannot create $n dummy netdevs"
cleanups+=("ip -batch $tmpd/del")

"$scale" sc$nsid "$prefix" "$n" grant | sed 's/^/# /'
check_eq "$n members leased, every dump complete (libvfpool)" "${PIPESTATUS[0]}" 0
check_eq "vfpool -j lease show prints all $n" "$(vfpool -j lease show pool sc$nsid | jq length)" "$n"
check_eq "vfpool lease show prints all $n lines" "$(vfpool lease show pool sc$nsid | tail -n +2 | wc -l)" "$n"
check_eq "vfpool -j member show prints all $n" "$(vfpool -j member show pool sc$nsid | jq length)" "$n"
"$scale" sc$nsid "$prefix" "$n" release | sed 's/^/# /'
check_eq "all released, pool deleted" "${PIPESTATUS[0]}" 0
ksft_finish
