#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Real PCI VFs (QEMU's NVMe SR-IOV): a pool discovered from the PF, leases
# by PCI address without a netdev (as DPDK users get them), and members
# that vanish and return with sriov_numvfs.
source "$(dirname "$0")/lib.sh"
pf_pci=${VFPOOL_NVME_PF:-0000:00:04.0}
sysfs=/sys/bus/pci/devices/$pf_pci
# No udev in the test VM: load the PF's driver where it is a module.
[[ -e $sysfs/driver ]] || modprobe -q nvme 2>/dev/null
[[ -w $sysfs/sriov_numvfs ]] || skip_all "no SR-IOV capable NVMe PF at $pf_pci"
echo 0 >"$sysfs/sriov_numvfs"
echo 2 >"$sysfs/sriov_numvfs" || skip_all "cannot enable VFs on $pf_pci"
cleanups+=("echo 0 >$sysfs/sriov_numvfs")
vf0=$(basename "$(readlink "$sysfs/virtfn0")")
vf1=$(basename "$(readlink "$sysfs/virtfn1")")

check "pool from the PF's PCI address" vfpool pool add n$nsid pci $pf_pci
check_eq "both VFs discovered, by PCI address" \
	"$(vfpool -j member show pool n$nsid | jq -r '[.[] | "\(.pci)/\(.vf_index)/\(.pf_pci)"] | sort | join(" ")')" \
	"$vf0/0/$pf_pci $vf1/1/$pf_pci"

netns d$nsid
vfpool -j monitor >"$tmpd/events" 2>&1 &
cleanups+=("kill $!")
out=$(vfpool -j lease add pci $vf1 owner dpdkA netns /run/netns/d$nsid ifname net0)
check_eq "leased by PCI address alone" "$(echo "$out" | jq -r '.[0].member.pci')" "$vf1"
check_eq "no netdev moved: no ifindex in the owner netns" "$(echo "$out" | jq -r '.[0].ifindex')" null
check_fail "another owner gets EBUSY" "Device or resource busy" \
	vfpool lease add pci $vf1 owner dpdkB
check "another owner's DEL changes nothing" vfpool lease del owner dpdkB
check_eq "still dpdkA's" "$(vfpool -j lease show pool n$nsid | jq -r '.[0].owner_id')" dpdkA
check_eq "ADD again by dpdkA: the same lease" \
	"$(vfpool -j lease add pci $vf1 owner dpdkA netns /run/netns/d$nsid ifname net0 | jq -r '.[0].id')" \
	"$(echo "$out" | jq -r '.[0].id')"

# The VFs vanish: leases end, members are gone; they come back.
echo 0 >"$sysfs/sriov_numvfs"
check_eq "the lease ended with the VF" "$(vfpool -j lease show pool n$nsid | jq length)" 0
check_eq "both members gone" "$(vfpool -j pool show n$nsid | jq -r '.[0] | "\(.gone) \(.free)"')" "2 0"
echo 2 >"$sysfs/sriov_numvfs"
check_eq "both members back and free" "$(vfpool -j pool show n$nsid | jq -r '.[0] | "\(.gone) \(.free)"')" "0 2"
sleep 0.3
check_eq "reclaim event, reason member-gone" \
	"$(jq -r 'select(.event == "lease-reclaimed") | .reason' "$tmpd/events")" member-gone
check_eq "member-gone and member-back events" \
	"$(jq -r 'select(.member) | .event' "$tmpd/events" | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')" \
	"member-back=2 member-gone=2 "

# A PCI lease is reclaimed when its owner netns dies, like any other.
vfpool lease add pci $vf0 owner dpdkC netns /run/netns/d$nsid ifname net0 >/dev/null
ip netns del d$nsid
for _ in $(seq 100); do
	[[ $(vfpool -j lease show pool n$nsid | jq length) == 0 ]] && break
	sleep 0.01
done
check_eq "reclaimed with its netns" "$(vfpool -j lease show pool n$nsid | jq length)" 0
check "pool deleted" vfpool pool del n$nsid
ksft_finish
