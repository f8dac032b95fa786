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

nsim_pf 8
P=so$nsid
vfpool pool add $P
dummies $P 6
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

"$soak" "${SOAK_CYCLES:-2000}" $P /run/netns/m$nsid >"$tmpd/soak" &
soakpid=$!
rounds=0 ns_leases=0 vf_leases=0 member_moves=0
while kill -0 $soakpid 2>/dev/null; do
	rounds=$((rounds + 1))
	# A pod netns deleted without a DEL, with its lease in it.
	ip netns add t$nsid
	vfpool lease add pool $P owner tpod$rounds ifname t1 netns /run/netns/t$nsid \
		>/dev/null 2>&1 && ns_leases=$((ns_leases + 1))
	ip netns del t$nsid
	# A member taken out of the pool and put back (refused while leased).
	if vfpool member del $P dev d${nsid}_5 >/dev/null 2>&1; then
		vfpool member add $P dev d${nsid}_5 pf "$PF" vf 5
		member_moves=$((member_moves + 1))
	fi
	# VFs that vanish under a lease, then come back.
	if [[ -n $nvme ]]; then
		vfpool lease add pool $nvme owner nv$rounds >/dev/null 2>&1 &&
			vf_leases=$((vf_leases + 1))
		echo 0 >"$numvfs"
		echo 2 >"$numvfs"
	fi
done
wait $soakpid
rc=$?
sed 's/^/# /' "$tmpd/soak"
echo "# meanwhile: $rounds rounds, $ns_leases pod netns deleted with a lease, $member_moves member out and back, $vf_leases leases on VFs that vanished"
check_eq "the soak's cycles ran without an error" "$rc" 0
check "every round leased into a dying netns at least once" test "$ns_leases" -gt 0
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
