#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Replies hold everything they report, or the request fails having changed
# nothing: no reply is cut short. A LEASE_DEL that ends 64 leases of one
# owner with the longest owner id lists all 64 (the reply used to stop at
# 32 KiB while the request ended every lease), and so do LEASE_NEW with
# count 64 and the dump.
source "$(dirname "$0")/lib.sh"
n=64
vfpool pool add r$nsid
for ((i = 0; i < n; i++)); do
	ip link add "y${nsid}_$i" type dummy || break
	cleanups+=("ip link del y${nsid}_$i")
	vfpool member add r$nsid dev "y${nsid}_$i" || break
done
check_eq "setup: pool r$nsid has $n members" "$(vfpool -j pool show r$nsid | jq -r '.[0].total')" $n

owner=$(printf 'o%.0s' {1..255})
network=$(printf 'n%.0s' {1..255})
out=$(vfpool -j lease add pool r$nsid owner "$owner" ifname "e%d" count $n network "$network")
check_eq "LEASE_NEW of $n leases (255-byte owner and network) lists all $n" \
	"$(echo "$out" | jq length)" $n
check_eq "... each whole: owner and network of 255 bytes, a member" \
	"$(echo "$out" | jq -r '[.[] | select((.owner_id | length) == 255 and (.network | length) == 255 and .member.pool == "r'$nsid'")] | length')" $n
check_eq "the dump lists all $n" "$(vfpool -j lease show pool r$nsid | jq length)" $n
out=$(vfpool -j lease del owner "$owner")
check_eq "LEASE_DEL of them all lists every lease it ended" "$(echo "$out" | jq length)" $n
check_eq "... their ifnames e0..e$((n - 1)), each once" \
	"$(echo "$out" | jq -r '[.[].ifname] | unique | length')" $n
check_eq "... and ended them all" "$(vfpool -j pool show r$nsid | jq -r '.[0].free')" $n
ksft_finish
