#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Leases: the transaction, its undo, idempotence, and the DEL/ADD race
# rules of Documentation/design.rst.
source "$(dirname "$0")/lib.sh"
nsim_pf 4
vfpool pool add p$nsid
dummies p$nsid 4
netns a$nsid
netns b$nsid
m0=d${nsid}_0
vf0_before=$(vf_line 0)
mac0_before=$(cat /sys/class/net/$m0/address)

out=$(vfpool -j lease add dev $m0 owner podA ifname net1 netns /run/netns/a$nsid \
	mac 02:00:00:00:aa:01 vlan 10 qos 3 spoofchk on trust on mtu 1400)
check_eq "lease granted" "$(echo "$out" | jq -r '.[0] | "\(.owner_id) \(.ifname)"')" "podA net1"
id=$(echo "$out" | jq -r '.[0].id')
check "net1 is in the owner netns" ip -n a$nsid link show net1
check_eq "its MAC was set" "$(ip -n a$nsid -j link show net1 | jq -r '.[0].address')" 02:00:00:00:aa:01
check_eq "its MTU was set" "$(ip -n a$nsid -j link show net1 | jq -r '.[0].mtu')" 1400
check_eq "$m0 left init_net" "$(ip link show $m0 2>/dev/null | wc -l)" 0
check_eq "VF 0 MAC went through the PF" "$(vf_line 0 | grep -o 'link/ether [0-9a-f:]*')" "link/ether 02:00:00:00:aa:01"
check_eq "VF 0 VLAN and QoS went through the PF" "$(vf_line 0 | grep -o 'vlan 10, qos 3')" "vlan 10, qos 3"
check_eq "VF 0 spoofchk and trust went through the PF" \
	"$(vf_line 0 | grep -o 'spoof checking on\|trust on' | tr '\n' ' ')" "spoof checking on trust on "
check_eq "member shows leased to podA" \
	"$(vfpool -j member show pool p$nsid | jq -r '.[] | select(.ifname == "'$m0'") | "\(.state) \(.owner_id)"')" "leased podA"

again=$(vfpool -j lease add dev $m0 owner podA ifname net1 netns /run/netns/a$nsid)
check_eq "ADD again for the same owner returns the same lease" "$(echo "$again" | jq -r '.[0].id')" "$id"

check_fail "another owner gets EBUSY naming the holder" "leased to" \
	vfpool lease add dev $m0 owner podB ifname net1 netns /run/netns/b$nsid
before=$(state)
check "a DEL of an owner that holds nothing succeeds" vfpool lease del owner podB ifname net1
check "a DEL with a stale lease id of the right owner succeeds" \
	vfpool lease del owner podA ifname net1 id $((id + 1000))
check_unchanged "... and neither touched the lease" "$before"

check "DEL by the owner" vfpool lease del owner podA ifname net1
check "$m0 is back in init_net under its name" ip link show $m0
check_eq "its MAC is restored" "$(cat /sys/class/net/$m0/address)" "$mac0_before"
check_eq "its MTU is restored" "$(cat /sys/class/net/$m0/mtu)" 1500
check_eq "VF 0 config is restored" "$(vf_line 0)" "$vf0_before"
check_eq "net1 is gone from the netns" "$(ip -n a$nsid link show net1 2>/dev/null | wc -l)" 0
check "DEL again is a no-op success" vfpool lease del owner podA ifname net1
check_fail "the old lease id is gone" "No such file or directory" vfpool lease show id $id

# The race: A holds X; B asks for X with a wait while A's DEL runs late.
# B is seen waiting (asleep in libvfpool's poll, after its first EBUSY)
# before A's DEL is sent: the assertion is on what happened, not on time.
vfpool lease add dev $m0 owner podA ifname net1 netns /run/netns/a$nsid >/dev/null
vfpool -j lease add dev $m0 owner podB ifname eth0 netns /run/netns/b$nsid \
	mac 02:00:00:00:bb:01 wait 20 >"$tmpd/b.out" &
b=$!
check "B's ADD found X busy and waits" blocked_in $b poll ppoll
check_eq "... holding nothing meanwhile" "$(vfpool -j lease show owner podB | jq length)" 0
vfpool lease del owner podA ifname net1 >/dev/null
wait $b
check_eq "B's ADD got X once A's DEL released it" "$(jq -r '.[0].owner_id' "$tmpd/b.out")" podB
check "a late DEL of A after B got X succeeds" vfpool lease del owner podA ifname net1
check "... and X is still B's, in B's netns" ip -n b$nsid link show eth0
check_eq "... with B's MAC" "$(ip -n b$nsid -j link show eth0 | jq -r '.[0].address')" 02:00:00:00:bb:01
check_fail "a wait that runs out fails with EBUSY" "Device or resource busy" \
	vfpool lease add dev $m0 owner podC ifname eth0 netns /run/netns/a$nsid wait 1
vfpool lease del owner podB >/dev/null

# count: all or nothing.
out=$(vfpool -j lease add pool p$nsid owner podM ifname vf%d netns /run/netns/a$nsid count 3)
check_eq "count 3 leases three members" "$(echo "$out" | jq -r '[.[].ifname] | sort | join(" ")')" "vf0 vf1 vf2"
before=$(state)
check_fail "count larger than the free members" "not enough free members" \
	vfpool lease add pool p$nsid owner podN ifname x%d netns /run/netns/b$nsid count 2
check_unchanged "... leased nothing" "$before"
check "DEL by owner alone ends all three" vfpool lease del owner podM
check_eq "all four free again" "$(vfpool -j pool show p$nsid | jq -r '.[0].free')" 4

# distinct PFs: four members on one PF cannot give two distinct ones.
check_fail "distinct-pf with one PF" "distinct PFs" \
	vfpool lease add pool p$nsid owner podD ifname x%d netns /run/netns/b$nsid count 2 distinct-pf

# Two PFs: distinct-pf takes one member of each, never two of one.
pfs=()
for k in 1 2; do
	id2=$((nsid % 1000 + 100 + 1000 * k))
	echo "$id2 1" >/sys/bus/netdevsim/new_device
	cleanups+=("echo $id2 >/sys/bus/netdevsim/del_device")
	echo 2 >/sys/bus/netdevsim/devices/netdevsim$id2/sriov_numvfs
	pfs+=("$(ls /sys/bus/netdevsim/devices/netdevsim$id2/net/)")
done
vfpool pool add q$nsid
for k in 0 1; do
	for i in 0 1; do
		ip link add "q${nsid}_${k}_$i" type dummy
		cleanups+=("ip link del q${nsid}_${k}_$i")
		vfpool member add q$nsid dev "q${nsid}_${k}_$i" pf "${pfs[k]}" vf $i
	done
done
# Links: one lease per name, named as given; spread-pf takes each PF once
# before any twice. Four links over two PFs of two free members: two each.
# The free list is in add order (both of the first PF first), so a pick
# that does not spread takes the first two from one PF.
out=$(vfpool -j lease add pool q$nsid owner podL link net1 link bond-b link c link d \
	netns /run/netns/b$nsid spread-pf)
check_eq "links: one lease each, named as given" \
	"$(echo "$out" | jq -r '[.[].ifname] | join(" ")')" "net1 bond-b c d"
check_eq "spread-pf: the first two on distinct PFs" \
	"$(echo "$out" | jq -r '[.[0:2][].member.pf_ifname] | unique | length')" 2
check_eq "spread-pf: two on each PF" \
	"$(echo "$out" | jq -r '[.[].member.pf_ifname] | group_by(.) | map(length) | join(",")')" "2,2"
check "the links are in the netns under their names" ip -n b$nsid link show bond-b
check_eq "the same links again: the same leases" \
	"$(vfpool -j lease add pool q$nsid owner podL link net1 link bond-b link c link d \
		netns /run/netns/b$nsid spread-pf | jq -r '[.[].id] | join(" ")')" \
	"$(echo "$out" | jq -r '[.[].id] | join(" ")')"
vfpool lease del owner podL >/dev/null
# All or nothing: five links from four members lease none.
before=$(state)
check_fail "five links from four members" "not enough free members" \
	vfpool lease add pool q$nsid owner podL link a link b link c link d link e spread-pf
check_unchanged "... leased nothing" "$before"

out=$(vfpool -j lease add pool q$nsid owner podE ifname y%d netns /run/netns/b$nsid count 2 distinct-pf)
check_eq "distinct-pf over two PFs: one member of each" \
	"$(echo "$out" | jq -r '[.[].member.pf_ifname] | sort | join(" ")')" \
	"$(printf '%s\n' "${pfs[@]}" | sort | paste -sd' ')"
vfpool lease del owner podE >/dev/null

# A member without a move (DPDK style): owner only, nothing moves.
out=$(vfpool -j lease add pool p$nsid owner dpdk1)
check_eq "leased without a netns" "$(echo "$out" | jq -r '.[0].owner_id')" dpdk1
check "its netdev stayed in init_net" ip link show "$(echo "$out" | jq -r '.[0].member.ifname')"
check "released" vfpool lease del owner dpdk1

ksft_finish
