#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Replies hold everything they report, or the request fails having changed
# nothing: no reply is cut short. A LEASE_DEL that ends 64 leases of one
# owner with the longest owner id lists all 160 (the reply used to stop
# near 64 KiB, about 130 leases, while the request ended every lease), and
# so do LEASE_NEW with count 64 (its maximum) and the dump.
source "$(dirname "$0")/lib.sh"
n=160
batch=64
vfpool pool add r$nsid
for ((i = 0; i < n; i++)); do
	ip link add "y${nsid}_$i" type dummy || break
	cleanups+=("ip link del y${nsid}_$i")
	vfpool member add r$nsid dev "y${nsid}_$i" || break
done
check_eq "setup: pool r$nsid has $n members" "$(vfpool -j pool show r$nsid | jq -r '.[0].total')" $n

owner=$(printf 'o%.0s' {1..255})
network=$(printf 'n%.0s' {1..255})
out=$(vfpool -j lease add pool r$nsid owner "$owner" ifname "e%d" count $batch network "$network")
check_eq "LEASE_NEW of $batch leases (255-byte owner and network) lists all $batch" \
	"$(echo "$out" | jq length)" $batch
check_eq "... each whole: owner and network of 255 bytes, a member" \
	"$(echo "$out" | jq -r '[.[] | select((.owner_id | length) == 255 and (.network | length) == 255 and .member.pool == "r'$nsid'")] | length')" $batch
# The rest in more requests, with ifnames of their own (f0.., g0..).
prefixes=(f g h i)
for ((i = batch, k = 0; i < n; i += batch, k++)); do
	c=$((n - i < batch ? n - i : batch))
	vfpool -j lease add pool r$nsid owner "$owner" ifname "${prefixes[k]}%d" count $c network "$network" >/dev/null ||
		not_ok "setup: lease $c more"
done
check_eq "the dump lists all $n" "$(vfpool -j lease show pool r$nsid | jq length)" $n
out=$(vfpool -j lease del owner "$owner")
check_eq "LEASE_DEL of them all lists every lease it ended" "$(echo "$out" | jq length)" $n
check_eq "... their ifnames, each once" \
	"$(echo "$out" | jq -r '[.[].ifname] | unique | length')" $n
check_eq "... and ended them all" "$(vfpool -j pool show r$nsid | jq -r '.[0].free')" $n
ksft_finish
