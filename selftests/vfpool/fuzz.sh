#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The netlink fuzzer (src/fuzz.c, its requests made from the YNL spec by
# src/gen-fuzz-spec): FUZZ_MESSAGES random and mutated requests (default
# 20000) from FUZZ_WORKERS processes against every command, while pools,
# members and leases change underneath and leases in the fuzz netns are
# enslaved to a bond there; then the module must still answer correctly
# and nothing may be left. Each of the fuzzer's TAP results is one of
# this test's: among them, per command of the spec, requests that passed
# the policy and reached the handler (debugfs vfpool/ops, before and
# after), and every attribute of the spec sent. The harness fails the
# run on any splat or leak. FUZZ_SEED reproduces a run.
source "$(dirname "$0")/lib.sh"
fuzz="$(dirname "$0")/../bin/fuzz"
ops=/sys/kernel/debug/vfpool/ops
nsim_pf 4 optional
members=()
for i in 0 1 2 3; do
	ip link add "z${nsid}_$i" type dummy
	cleanups+=("ip link del z${nsid}_$i")
	members+=("z${nsid}_$i")
done
netns f$nsid
# A bond in the netns, for leases moved there to be enslaved to.
modprobe -q bonding 2>/dev/null
if ip -n f$nsid link add bondfz type bond 2>/dev/null; then
	bond=(-b bondfz)
else
	bond=()
	echo "# no bonding driver: bond requests name no bond"
fi
# A new netns has lo, and fallback tunnels (sit0...) where they are built in.
links() { ip -n f$nsid -o link show | sed 's/^[0-9]*: //; s/[:@].*//' | sort; }
ns_before=$(links)
before=$([[ -n ${PF:-} ]] && ip link show "$PF" | grep ' vf ')
[[ -r $ops ]] || echo "# no $ops (module without CONFIG_DEBUG_FS?): handler counts skipped"

"$fuzz" ${PF:+-p "$PF"} "${bond[@]}" -o "$ops" "${FUZZ_MESSAGES:-20000}" "${FUZZ_WORKERS:-4}" \
	"fz$nsid" "${members[@]}" -- /run/netns/f$nsid | tee "$tmpd/fuzz.out" | sed -u 's/^/# /'
rc=${PIPESTATUS[0]}
# The fuzzer's own results, as this test's.
while read -r line; do
	if [[ $line =~ ^ok\ [0-9]+\ -\ (.*)\ \#\ SKIP\ (.*)$ ]]; then
		ksft_n=$((ksft_n + 1))
		echo "ok $ksft_n - fuzzer: ${BASH_REMATCH[1]} # SKIP ${BASH_REMATCH[2]}"
	elif [[ $line =~ ^ok\ [0-9]+\ -\ (.*)$ ]]; then
		ok "fuzzer: ${BASH_REMATCH[1]}"
	elif [[ $line =~ ^not\ ok\ [0-9]+\ -\ (.*)$ ]]; then
		not_ok "fuzzer: ${BASH_REMATCH[1]}"
	fi
done <"$tmpd/fuzz.out"
check_eq "fuzzer: every check passed (exit status)" "$rc" 0
check_eq "the netns has the links it was made with, and no other" "$(links)" "$ns_before"
[[ -n ${bond[*]} ]] && check_eq "the bond in the netns has no slave left" \
	"$(ip netns exec f$nsid cat /sys/class/net/bondfz/bonding/slaves)" ""
[[ -n ${PF:-} ]] && check_eq "every VF config is as before" \
	"$(ip link show "$PF" | grep ' vf ')" "$before"
ksft_finish
