#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vfpool-cni and the DEL/ADD race of DESIGN.md section 2, end to end: a
# DEL after the netns is gone, pod B's ADD waiting for pod A's late DEL,
# and deviceID with a VF without netdev (QEMU's NVMe VFs).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cni-lib.sh"

# DEL after the netns was deleted: the kernel reclaimed the VF already.
ip netns add d$nsid
cni ADD podD /run/netns/d$nsid "$(net)"
check_cni "ADD podD"
ip netns del d$nsid
for _ in $(seq 200); do
	[[ -z $(lease_of podD) ]] && break
	sleep 0.05
done
check_eq "the kernel reclaimed podD's VF with its netns" "$(lease_of podD)" ""
cni DEL podD /run/netns/d$nsid "$(net)"
check_cni "DEL with the netns gone succeeds"
check_eq "... and released podD's addresses" "$(ipam_held)" 0

# The race on one VF: A holds it, B's ADD waits, A's DEL comes late.
race() { net "{pool: \"q$nsid\", mac: \"$1\", vlan: $2} + ${3:-null}"; }
cni ADD podA /run/netns/a$nsid "$(race 02:00:00:00:aa:02 20)"
check_cni "race: podA holds the only VF of q$nsid"
before=$(state)
cni ADD podC /run/netns/b$nsid "$(race 02:00:00:00:cc:02 30)"
check_cni_err "race: podC without waitTimeout gets code 11 (try again later)" 11 "pool q$nsid"
check_unchanged "... and nothing changed" "$before"
(sleep 1; cni DEL podA /run/netns/a$nsid "$(race 02:00:00:00:aa:02 20)"; echo "$rc" >"$tmpd/delA") &
cni ADD podB /run/netns/b$nsid "$(race 02:00:00:00:bb:02 30 '{waitTimeout: "60s"}')"
wait
check_cni "race: podB's ADD waited for podA's DEL and got the VF"
check_eq "race: podA's DEL succeeded" "$(cat "$tmpd/delA")" 0
resB=$out
cni DEL podA /run/netns/a$nsid "$(race 02:00:00:00:aa:02 20)"
check_cni "race: a late DEL of podA succeeds"
check_eq "race: ... and the VF is still podB's with podB's MAC and VLAN" \
	"$(lease_of podB | jq -r .owner_id) $(ip -n b$nsid -j link show net1 | jq -r '.[0].address') $(vf_line 3 | grep -o 'vlan [0-9]*')" \
	"podB 02:00:00:00:bb:02 vlan 30"
check "race: ... with podB's address" \
	bash -c "ip -n b$nsid -o addr show dev net1 | grep -q ' $(echo "$resB" | jq -r '.ips[0].address') '"
check_eq "race: host-local holds only podB's addresses" "$(ipam_held)" 2
cni DEL podB /run/netns/b$nsid "$(race 02:00:00:00:bb:02 30)"
check_eq "race: all released" "$(vfpool -j lease show | jq length) $(ipam_held)" "0 0"

# deviceID and a VF without netdev (QEMU's NVMe VFs, as DPDK gets them).
pf_pci=${VFPOOL_NVME_PF:-0000:00:04.0}
sysfs=/sys/bus/pci/devices/$pf_pci
[[ -e $sysfs/driver ]] || modprobe -q nvme 2>/dev/null
if [[ -w $sysfs/sriov_numvfs ]] && echo 0 >"$sysfs/sriov_numvfs" &&
   echo 1 >"$sysfs/sriov_numvfs"; then
	cleanups+=("echo 0 >$sysfs/sriov_numvfs")
	vf0=$(basename "$(readlink "$sysfs/virtfn0")")
	vfpool pool add n$nsid pci "$pf_pci"
	conf=$(net "{deviceID: \"$vf0\", pool: \"n$nsid\"}" 1.1.0)
	cni ADD podP /run/netns/a$nsid "$conf"
	check_cni "deviceID: ADD of a VF without netdev"
	check_eq "deviceID: result names the PCI function, no sandbox" \
		"$(echo "$out" | jq -r '.interfaces[0] | "\(.pciID) \(.sandbox)"') $(echo "$out" | jq -r '.ips | length')" \
		"$vf0 null 2"
	check_eq "deviceID: leased to podP" "$(lease_of podP | jq -r .member.pci)" "$vf0"
	cni ADD podQ /run/netns/b$nsid "$conf"
	check_cni_err "deviceID: another pod gets code 11 naming the VF" 11 "deviceID $vf0"
	cni DEL podP /run/netns/a$nsid "$conf"
	check_eq "deviceID: DEL released it" "$rc $(lease_of podP) $(ipam_held)" "0  0"
else
	echo "# no SR-IOV NVMe PF: deviceID with a PCI VF not tested"
fi

ksft_finish
