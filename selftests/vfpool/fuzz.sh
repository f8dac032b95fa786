#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The netlink fuzzer (src/fuzz.c): FUZZ_MESSAGES random and mutated
# requests (default 20000) from FUZZ_WORKERS processes against every
# command, while pools, members and leases change underneath; then the
# module must still answer correctly and nothing may be left. The
# harness fails the run on any splat or leak. FUZZ_SEED reproduces a run.
source "$(dirname "$0")/lib.sh"
fuzz="$(dirname "$0")/../bin/fuzz"
nsim_pf 4 optional
members=()
for i in 0 1 2 3; do
	ip link add "z${nsid}_$i" type dummy
	cleanups+=("ip link del z${nsid}_$i")
	members+=("z${nsid}_$i")
done
netns f$nsid
# A new netns has lo, and fallback tunnels (sit0...) where they are built in.
links() { ip -n f$nsid -o link show | sed 's/^[0-9]*: //; s/[:@].*//' | sort; }
ns_before=$(links)
before=$([[ -n ${PF:-} ]] && ip link show "$PF" | grep ' vf ')

"$fuzz" "${FUZZ_MESSAGES:-20000}" "${FUZZ_WORKERS:-4}" "fz$nsid" "${members[@]}" \
	${PF:+"$PF"} -- /run/netns/f$nsid | sed -u 's/^/# /'
check_eq "fuzzer: every check passed (its TAP above)" "${PIPESTATUS[0]}" 0
check_eq "the netns has the links it was made with, and no other" "$(links)" "$ns_before"
[[ -n ${PF:-} ]] && check_eq "every VF config is as before" \
	"$(ip link show "$PF" | grep ' vf ')" "$before"
ksft_finish
