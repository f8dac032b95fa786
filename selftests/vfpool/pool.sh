#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Pools and members: from a PF, explicit, counts, deletion rules.
source "$(dirname "$0")/lib.sh"
nsim_pf 4

check "pool from a netdevsim PF" vfpool pool add pf$nsid pf "$PF"
check_eq "4 VF members, all free" \
	"$(vfpool -j pool show pf$nsid | jq -r '.[0] | "\(.total) \(.free) \(.leased)"')" "4 4 0"
check_eq "members carry PF and VF index" \
	"$(vfpool -j member show pool pf$nsid | jq -r '[.[] | select(.pf_ifname == "'"$PF"'") | .vf_index] | sort | join(" ")')" "0 1 2 3"
check_fail "duplicate pool name" "File exists" vfpool pool add pf$nsid
check_fail "the same VF in a second pool" "already in a pool" \
	bash -c "vfpool pool add x$nsid && ip link add y$nsid type dummy && vfpool member add x$nsid dev y$nsid pf $PF vf 1"
ip link del y$nsid 2>/dev/null
vfpool pool del x$nsid
check "pool deleted" vfpool pool del pf$nsid

check "empty pool" vfpool pool add e$nsid
dummies e$nsid 2
check_eq "explicit members counted" "$(vfpool -j pool show e$nsid | jq -r '.[0].total')" 2
check_eq "member shows its netdev" \
	"$(vfpool -j member show pool e$nsid | jq -r '[.[].ifname] | sort | join(" ")')" "d${nsid}_0 d${nsid}_1"
check "member removed" vfpool member del e$nsid dev d${nsid}_1
check_eq "one member left" "$(vfpool -j pool show e$nsid | jq -r '.[0].total')" 1
check_fail "member of another pool" "not in this pool" vfpool member del e$nsid dev d${nsid}_1

netns a$nsid
vfpool lease add pool e$nsid owner podA ifname net1 netns /run/netns/a$nsid >/dev/null
check_fail "pool with leases is not deleted" "Device or resource busy" vfpool pool del e$nsid
check_fail "leased member is not removed" "Device or resource busy" vfpool member del e$nsid dev d${nsid}_0
check "force deletes the pool and ends its leases" vfpool pool del e$nsid force
check "the member came home under its name" ip link show d${nsid}_0
check_eq "no lease left" "$(vfpool -j lease show pool e$nsid | jq length)" 0

ksft_finish
