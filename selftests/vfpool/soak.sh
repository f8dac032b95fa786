#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Soak: SOAK_CYCLES lease/release cycles (src/soak.c; default 2000),
# some into a netns with a VF config, while this script deletes pod netns
# that hold leases, takes a member out and puts it back, and makes the
# VFs of the NVMe PF vanish under a lease and come back. Afterwards the
# module holds exactly the objects it held before (its own allocation
# counters in debugfs), no lease is left, and every VF config is as it
# was; the harness adds kmemleak and the splat scan.
source "$(dirname "$0")/lib.sh"
soak="$(dirname "$0")/../bin/soak"
objects=/sys/kernel/debug/vfpool/objects
[[ -r $objects ]] || skip_all "no $objects (debugfs)"
sunreclaim() { awk '/^SUnreclaim:/ { print $2 }' /proc/meminfo; }
obj_before=$(tr '\n' ' ' <$objects) slab_before=$(sunreclaim)

nsim_pf 4
P=so$nsid
vfpool pool add $P
dummies $P 4
netns m$nsid
vf_before=$(ip link show "$PF" | grep ' vf ')

# The NVMe PF's VFs, when the VM has one: they vanish and come back.
pf_pci=${VFPOOL_NVME_PF:-0000:00:04.0}
numvfs=/sys/bus/pci/devices/$pf_pci/sriov_numvfs
[[ -e /sys/bus/pci/devices/$pf_pci/driver ]] || modprobe -q nvme 2>/dev/null
nvme=
if [[ -w $numvfs ]] && echo 0 >"$numvfs" && echo 2 >"$numvfs"; then
	cleanups+=("echo 0 >$numvfs")
	vfpool pool add n$nsid pci "$pf_pci" && nvme=n$nsid
fi

# The cycles run in chunks of about 500, each alongside one round of
# events, so that the events spread over the whole soak.
cycles=${SOAK_CYCLES:-2000}
chunks=$(((cycles + 499) / 500))
((chunks < 10)) && chunks=10
rounds=0 ns_leases=0 vf_leases=0 member_moves=0 failed=0
moved=0 no_member=0 reclaimed=0 start=$SECONDS
for ((c = 0; c < chunks; c++)); do
	per=$((cycles / chunks + (c < cycles % chunks)))
	"$soak" $per $P /run/netns/m$nsid 128 >"$tmpd/soak" &
	soakpid=$!
	rounds=$((rounds + 1))
	# A pod netns deleted without a DEL, with its lease in it.
	ip netns add t$nsid
	vfpool lease add pool $P owner tpod$rounds ifname t1 netns /run/netns/t$nsid \
		>/dev/null 2>&1 && ns_leases=$((ns_leases + 1))
	ip netns del t$nsid
	# A member taken out of the pool and put back (refused while leased).
	if vfpool member del $P dev d${nsid}_3 >/dev/null 2>&1; then
		vfpool member add $P dev d${nsid}_3 pf "$PF" vf 3
		member_moves=$((member_moves + 1))
	fi
	# VFs that vanish under a lease, then come back.
	if [[ -n $nvme ]]; then
		vfpool lease add pool $nvme owner nv$rounds >/dev/null 2>&1 &&
			vf_leases=$((vf_leases + 1))
		echo 0 >"$numvfs"
		echo 2 >"$numvfs"
	fi
	if ! wait $soakpid; then
		failed=$((failed + 1))
		sed 's/^/# /' "$tmpd/soak"
	fi
	read -r m n r < <(sed -n 's/.*: \([0-9]*\) moved.*, \([0-9]*\) found no.*, \([0-9]*\) reclaimed.*/\1 \2 \3/p' "$tmpd/soak")
	moved=$((moved + ${m:-0})) no_member=$((no_member + ${n:-0})) reclaimed=$((reclaimed + ${r:-0}))
	((chunks >= 20 && (c + 1) % (chunks / 10) == 0)) &&
		echo "# $((c + 1)) of $chunks chunks, $((SECONDS - start)) s"
done
echo "# $cycles cycles in $chunks chunks, $((SECONDS - start)) s: $moved moved into a netns with a VF config, $no_member found no free member, $reclaimed reclaimed under the cycle"
echo "# meanwhile: $ns_leases pod netns deleted with a lease, $member_moves times a member out and back, $vf_leases leases on VFs that vanished"
check_eq "every chunk of cycles ran without an error" "$failed" 0
check "pod netns died with leases in them" test "$ns_leases" -gt 0
check "a member went out of the pool and came back" test "$member_moves" -gt 0
[[ -n $nvme ]] && check "VFs vanished under leases" test "$vf_leases" -gt 0

for _ in $(seq 200); do
	[[ $(vfpool lease show | tail -n +2 | wc -l) == 0 ]] && break
	sleep 0.05
done
check_eq "no lease is left (reclaims done)" "$(vfpool lease show | tail -n +2 | wc -l)" 0
check_eq "every VF config is as before" "$(ip link show "$PF" | grep ' vf ')" "$vf_before"
[[ -n $nvme ]] && vfpool pool del $nvme
vfpool pool del $P
check_eq "the module's objects: as before the soak" "$(tr '\n' ' ' <$objects)" "$obj_before"
echo "# kernel unreclaimable slab: $slab_before kB before, $(sunreclaim) kB after"
ksft_finish
