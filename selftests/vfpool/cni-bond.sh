#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vfpool-cni's bond block (bond-cni's fields): one lease per link, on
# distinct PFs while the pool has them, a bond named CNI_IFNAME in the
# pod with the links enslaved by the module, IPAM on the bond. DEL gives
# every VF back; bad configs leave nothing; a DEL after the netns died
# succeeds and the kernel has taken every VF back. The bond here is net1
# (cni-lib.sh's CNI_IFNAME), its links link0..link3.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cni-lib.sh"

bond_pool
netns c$nsid

# The pod's view of the bond net1 in netns $1: its bonding sysfs file $2.
bonding() { ip netns exec "$1" cat "/sys/class/net/net1/bonding/$2" 2>&1; }
# leases OWNER: the owner's leases as vfpool shows them, by ifname.
leases() { vfpool -j lease show owner "$1" | jq -c 'sort_by(.ifname)'; }
# pf_vf_line PF VF: the PF's line for VF.
pf_vf_line() { ip link show "$1" | grep -E "^ +vf $2 " | sed 's/^ *//'; }

# An active-backup bond of two links, VF config for each, host-local.
conf=$(bnet "{mode: \"active-backup\", miimon: \"100\", mtu: 1500, failOverMac: 0,
	      linksInContainer: true, links: $(links 2)}" '{vlan: 20}')
cni ADD podB /run/netns/a$nsid "$conf"
check_cni "ADD of an active-backup bond of 2 links"
res=$out
check_eq "result: the bond, then its two links, all in the sandbox" \
	"$(echo "$res" | jq -r '[.interfaces[] | "\(.name)@\(.sandbox)"] | join(" ")')" \
	"net1@/run/netns/a$nsid link0@/run/netns/a$nsid link1@/run/netns/a$nsid"
check_eq "result: every interface has a MAC" \
	"$(echo "$res" | jq -r '[.interfaces[] | .mac | test("^[0-9a-f:]{17}$")] | all')" true
check_eq "result: the ips are on the bond (interface 0)" \
	"$(echo "$res" | jq -r '[.ips[].interface] | join(",")')" "0,0"
ipB=$(echo "$res" | jq -r '.ips[0].address')
check_eq "the bond has both links as slaves" "$(bonding a$nsid slaves)" "link0 link1"
check_eq "the bond is active-backup with miimon 100" \
	"$(bonding a$nsid mode) / $(bonding a$nsid miimon)" "active-backup 1 / 100"
check_eq "ip -d link: both links' master is net1" \
	"$(ip -n a$nsid -j -d link show | jq -r '[.[] | select(.ifname | startswith("link")) | "\(.ifname):\(.master)"] | sort | join(" ")')" \
	"link0:net1 link1:net1"
check_eq "the bond is up with the IPAM address" \
	"$(ip -n a$nsid -j link show net1 | jq -r '.[0].flags | index("UP") != null') $(ip -n a$nsid -o addr show dev net1 | grep -c " $ipB ")" \
	"true 1"
bond_ifindex=$(ip -n a$nsid -j link show net1 | jq -r '.[0].ifindex')
lb=$(leases podB)
check_eq "vfpool lease show: two leases of podB, link0 and link1, in bond net1" \
	"$(echo "$lb" | jq -r '[.[] | "\(.ifname):\(.bond):\(.bond_ifindex)"] | join(" ")')" \
	"link0:net1:$bond_ifindex link1:net1:$bond_ifindex"
check_eq "the two links are on distinct PFs" \
	"$(echo "$lb" | jq -r '[.[].member.pf_ifname] | unique | length')" 2
check_eq "VF config (vlan 20) went through each link's PF" \
	"$(echo "$lb" | jq -r '.[] | "\(.member.pf_ifname) \(.member.vf_index)"' |
	   while read -r pf vf; do pf_vf_line "$pf" "$vf" | grep -c 'vlan 20'; done | tr '\n' ' ')" "1 1 "
check_eq "host-local holds one address per family" "$(ipam_held)" 2

cni CHECK podB /run/netns/a$nsid "$(echo "$conf" | jq -c --argjson p "$res" '. + {prevResult: $p}')"
check_cni "CHECK of the bond against its prevResult"
ip -n a$nsid link set link1 nomaster
cni CHECK podB /run/netns/a$nsid "$(echo "$conf" | jq -c --argjson p "$res" '. + {prevResult: $p}')"
check_cni_err "CHECK after link1 left the bond: code 104 naming it" 104 "link1"

cni DEL podB /run/netns/a$nsid "$conf"
check_cni "DEL of the bond"
check_eq "no lease left for podB" "$(vfpool -j lease show owner podB | jq length)" 0
check_eq "the bond is gone from the pod" "$(ip -n a$nsid -o link show net1 2>/dev/null | wc -l)" 0
check_eq "every member is free, under its original name in init_net" \
	"$(all_free) $(vfpool -j member show pool $bpool | jq -r '[.[].ifname] | sort | join(" ")')" \
	"8 $names_before"
for m in $names_before; do
	check "$m is in init_net" ip link show "$m"
done
check_eq "VF config restored on both PFs" \
	"$(ip link show "$PFA" | grep ' vf '; ip link show "$PFB" | grep ' vf ')" "$vfs_before"
check_eq "host-local holds nothing" "$(ipam_held)" 0
cni DEL podB /run/netns/a$nsid "$conf"
check_cni "DEL again succeeds"

# An 802.3ad bond of four links: two per PF.
conf=$(bnet "{mode: \"802.3ad\", miimon: 100, xmitHashPolicy: \"layer3+4\", links: $(links 4)}")
cni ADD podL /run/netns/b$nsid "$conf"
check_cni "ADD of an 802.3ad bond of 4 links"
check_eq "result: the bond and its four links" \
	"$(echo "$out" | jq -r '[.interfaces[].name] | join(" ")')" "net1 link0 link1 link2 link3"
check_eq "the bond has all four links as slaves" "$(bonding b$nsid slaves)" "link0 link1 link2 link3"
check_eq "the bond is 802.3ad, hash layer3+4" \
	"$(bonding b$nsid mode) / $(bonding b$nsid xmit_hash_policy)" "802.3ad 4 / layer3+4 1"
lb=$(leases podL)
check_eq "vfpool lease show: four leases in bond net1" \
	"$(echo "$lb" | jq -r '[.[] | "\(.ifname):\(.bond)"] | join(" ")')" \
	"link0:net1 link1:net1 link2:net1 link3:net1"
check_eq "two links on each PF" \
	"$(echo "$lb" | jq -r '[.[].member.pf_ifname] | group_by(.) | map(length) | join(",")')" "2,2"
cni DEL podL /run/netns/b$nsid "$conf"
check_cni "DEL of the 802.3ad bond"
check_eq "every member free again, no lease, no address" \
	"$(all_free) $(vfpool -j lease show owner podL | jq length) $(ipam_held)" "8 0 0"

# Bad configs: code 7 naming the field, and nothing leased or moved.
before=$(state)
cni ADD podE /run/netns/a$nsid "$(bnet "{mode: 1, links: $(links 1)}")"
check_cni_err "a bond of one link: code 7 naming bond.links" 7 "bond.links"
cni ADD podE /run/netns/a$nsid "$(bnet "{mode: \"fast\", links: $(links 2)}")"
check_cni_err "mode \"fast\": code 7 naming bond.mode" 7 "bond.mode"
cni ADD podE /run/netns/a$nsid "$(bnet "{mode: 1, failOverMac: 3, links: $(links 2)}")"
check_cni_err "failOverMac 3: code 7 naming bond.failOverMac" 7 "bond.failOverMac"
cni ADD podE /run/netns/a$nsid "$(bnet "{mode: 1, miimon: \"x\", links: $(links 2)}")"
check_cni_err "miimon \"x\": code 7 naming bond.miimon" 7 "bond.miimon"
cni ADD podE /run/netns/a$nsid "$(bnet "{links: [{name: \"link0\"}, {name: \"link0\"}]}")"
check_cni_err "duplicate links: code 7 naming them" 7 "duplicate"
cni ADD podE /run/netns/a$nsid "$(bnet "{links: $(links 2)}" '{deviceID: "0000:7f:1f.7"}')"
check_cni_err "bond with deviceID: code 7" 7 "deviceID"
# The links are 1500: a 9000 bond is refused after the lease, undone.
cni ADD podE /run/netns/a$nsid "$(bnet "{mode: 1, mtu: 9000, links: $(links 2)}")"
check_cni_err "mtu 9000 over links of 1500: code 7 naming bond.mtu" 7 "bond.mtu"
check_unchanged "... and no lease, no moved interface, no bond left" "$before"
check_eq "... and host-local holds nothing" "$(ipam_held)" 0

# DEL after the netns was deleted: the kernel took the VFs back.
conf=$(bnet "{mode: \"balance-rr\", links: $(links 2)}")
cni ADD podC /run/netns/c$nsid "$conf"
check_cni "ADD of a bond into netns c"
check_eq "podC holds two leases" "$(vfpool -j lease show owner podC | jq length)" 2
ip netns del c$nsid
# Deleting a netns is asynchronous: wait for the kernel's reclaim.
for _ in $(seq 200); do
	[[ $(vfpool -j lease show owner podC | jq length) == 0 ]] && break
	sleep 0.05
done
cni DEL podC /run/netns/c$nsid "$conf"
check_cni "DEL after the netns was deleted succeeds"
check_eq "no lease left, every member free under its original name" \
	"$(vfpool -j lease show owner podC | jq length) $(all_free) $(vfpool -j member show pool $bpool | jq -r '[.[].ifname] | sort | join(" ")')" \
	"0 8 $names_before"
check_eq "VF config restored on both PFs" \
	"$(ip link show "$PFA" | grep ' vf '; ip link show "$PFB" | grep ' vf ')" "$vfs_before"
check_eq "host-local holds nothing" "$(ipam_held)" 0

ksft_finish
