#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bonds: leased VFs from distinct PFs enslaved to a bond in the pod's
# netns through the module, released, refused when they are not the
# owner's or not in one netns, followed when others enslave them, and
# taken out of the bond whenever their lease ends (DEL, netns deleted).
source "$(dirname "$0")/lib.sh"
modprobe -q bonding 2>/dev/null
[[ -e /sys/class/net/bonding_masters ]] || skip_all "no bonding driver"

# Two netdevsim PFs, four explicit members on each.
nsim_pf 4
pfA=$PF
vfpool pool add b$nsid
dummies b$nsid 4
idB=$((nsid % 1000 + 1200))
new_pf pfB $idB
for i in 0 1 2 3; do
	ip link add "e${nsid}_$i" type dummy
	cleanups+=("ip link del e${nsid}_$i")
	vfpool member add b$nsid dev "e${nsid}_$i" pf "$pfB" vf "$i"
done
members_before=$(vfpool -j member show pool b$nsid | jq -c '[.[] | [.ifname, .state]] | sort')
links_before=$(ip -j link show | jq -c '[.[] | select(.ifname | test("^[de]'$nsid'_")) | [.ifname, .address, .mtu]] | sort')
vfs_before=$(ip link show "$pfA" | grep ' vf '; ip link show "$pfB" | grep ' vf ')

vfpool -j monitor >"$tmpd/events" 2>&1 &
cleanups+=("kill $!")
check "the monitor is subscribed and waiting" blocked_in $! ppoll poll

in_x() { ip netns exec x$nsid "$@"; }
slaves() { ip netns exec "$1" cat "/sys/class/net/$2/bonding/slaves" 2>/dev/null; }
bond_of() { vfpool -j lease show owner "$1" | jq -r '[.[] | "\(.ifname)=\(.bond // "-")\(if .bond_external then "!" else "" end)"] | sort | join(" ")'; }

# Active-backup of 2 VFs from distinct PFs.
netns x$nsid
vfpool lease add pool b$nsid count 2 distinct-pf owner podA ifname eth%d \
	netns /run/netns/x$nsid mac 02:00:00:00:0a:01 >/dev/null
check_eq "two leases, from two PFs" \
	"$(vfpool -j lease show owner podA | jq -r '[.[].member.pf_ifname] | unique | length')" 2
ip -n x$nsid link add bond0 type bond mode active-backup miimon 100
check "bond enslave: eth0 and eth1 into bond0" \
	vfpool bond enslave bond0 owner podA link eth0 link eth1
check_eq "bond0 has both as slaves" "$(slaves x$nsid bond0)" "eth0 eth1"
check_eq "lease show names bond0 for both" "$(bond_of podA)" "eth0=bond0 eth1=bond0"
check_eq "the bond opened its slaves: both UP and SLAVE" \
	"$(ip -n x$nsid -j link show | jq -r '[.[] | select(.ifname | test("^eth[01]$")) | (.flags | index("UP") != null and index("SLAVE") != null)] | join(" ")')" \
	"true true"
check "enslaving them again changes nothing and succeeds" \
	vfpool bond enslave bond0 owner podA link eth0 link eth1

# Refusals, each leaving everything as it was.
vfpool lease add pool b$nsid owner podB ifname eth5 netns /run/netns/x$nsid >/dev/null
netns y$nsid
vfpool lease add pool b$nsid owner podA ifname eth9 netns /run/netns/y$nsid >/dev/null
ip -n x$nsid link add bond1 type bond mode balance-rr
ip -n x$nsid link add notbond type dummy
idA0=$(vfpool -j lease show owner podA | jq -r '.[] | select(.ifname == "eth0") | .id')
before=$(state)
slaves_before="$(slaves x$nsid bond0) / $(slaves x$nsid bond1)"
check_fail "a lease of another owner (by id): refused" "another owner" \
	vfpool bond enslave bond1 owner podB lease "$idA0"
check_fail "a link the owner has no lease for: refused" "no such lease" \
	vfpool bond enslave bond1 owner podB link eth1
check_fail "a master that is not a bond: refused" "not a bond" \
	vfpool bond enslave notbond owner podB link eth5
check_fail "a bond that does not exist: refused" "no such device" \
	vfpool bond enslave bond7 owner podB link eth5
check_fail "leases in two netns: refused" "different network namespaces" \
	vfpool bond enslave bond1 owner podA link eth9 link eth0
check_fail "a VF enslaved to another bond: refused" "another master" \
	vfpool bond enslave bond1 owner podA link eth0
check_fail "the same lease twice: refused" "named twice" \
	vfpool bond enslave bond1 owner podB link eth5 lease \
	"$(vfpool -j lease show owner podB | jq -r '.[0].id')"
check_unchanged "... and nothing changed" "$before"
check_eq "... the bonds' slaves neither" "$(slaves x$nsid bond0) / $(slaves x$nsid bond1)" "$slaves_before"
# The pod moved its VF on to another netns: the bond is looked up where
# the lease put it, the link is now elsewhere.
ip -n x$nsid link set eth5 netns y$nsid
check_fail "a link the pod moved to another netns: refused" "no longer in the netns" \
	vfpool bond enslave bond1 owner podB link eth5
check_eq "... bond1 has no slave" "$(slaves x$nsid bond1)" ""
vfpool lease del owner podB >/dev/null
vfpool lease del owner podA ifname eth9 >/dev/null

# Release one, a late release, then enslaved by hand (reported external).
check_eq "bond release eth1: one lease released" \
	"$(vfpool -j bond release bond0 owner podA link eth1 | jq -r '[.[].ifname] | join(" ")')" eth1
check_eq "... bond0 keeps eth0 only" "$(slaves x$nsid bond0)" eth0
check_eq "... and lease show says so" "$(bond_of podA)" "eth0=bond0 eth1=-"
check_eq "a second release of eth1 changes nothing" \
	"$(vfpool -j bond release bond0 owner podA link eth1 | jq length) $(slaves x$nsid bond0)" "0 eth0"
ip -n x$nsid link set eth1 down
ip -n x$nsid link set eth1 master bond0
check_eq "ip link set master: reported as external" "$(bond_of podA)" "eth0=bond0 eth1=bond0!"

# A lease that ends leaves the bond first; everything comes back.
vfpool lease del owner podA >/dev/null
check_eq "lease del: bond0 has no slave left" "$(slaves x$nsid bond0)" ""
check_eq "... no lease left" "$(vfpool -j lease show | jq length)" 0
check_eq "... members free under their names" \
	"$(vfpool -j member show pool b$nsid | jq -c '[.[] | [.ifname, .state]] | sort')" "$members_before"
check_eq "... MACs and MTUs back" \
	"$(ip -j link show | jq -c '[.[] | select(.ifname | test("^[de]'$nsid'_")) | [.ifname, .address, .mtu]] | sort')" "$links_before"
check_eq "... VF config back" "$(ip link show "$pfA" | grep ' vf '; ip link show "$pfB" | grep ' vf ')" "$vfs_before"

# 802.3ad with 4 VFs (no partner: the mode is accepted all the same),
# then the netns is deleted with the bond inside.
netns z$nsid
vfpool lease add pool b$nsid count 4 owner podC ifname net%d \
	netns /run/netns/z$nsid vlan 40 >/dev/null
ip -n z$nsid link add bond4 type bond mode 802.3ad miimon 100
check "802.3ad: 4 links enslaved" \
	vfpool bond enslave bond4 owner podC link net0 link net1 link net2 link net3
check_eq "... bond4 has 4 slaves, mode 802.3ad" \
	"$(slaves z$nsid bond4 | wc -w) $(ip netns exec z$nsid cat /sys/class/net/bond4/bonding/mode)" \
	"4 802.3ad 4"
ip netns del z$nsid
for _ in $(seq 200); do
	[[ $(vfpool -j lease show | jq length) == 0 ]] && break
	sleep 0.05
done
check_eq "netns deleted with the bond: every lease reclaimed" "$(vfpool -j lease show | jq length)" 0
check_eq "... members free under their names" \
	"$(vfpool -j member show pool b$nsid | jq -c '[.[] | [.ifname, .state]] | sort')" "$members_before"
check_eq "... MACs and MTUs back" \
	"$(ip -j link show | jq -c '[.[] | select(.ifname | test("^[de]'$nsid'_")) | [.ifname, .address, .mtu]] | sort')" "$links_before"
check_eq "... VF config back" "$(ip link show "$pfA" | grep ' vf '; ip link show "$pfB" | grep ' vf ')" "$vfs_before"
check_eq "... no VF is a slave anywhere" \
	"$(ip -j link show | jq -r '[.[] | select(.ifname | test("^[de]'$nsid'_")) | select(.master)] | length')" 0

# The PF of one link goes away while the bond holds it: that link leaves
# the bond and comes home, the other stays.
netns w$nsid
vfpool lease add pool b$nsid count 2 distinct-pf owner podW ifname eth%d \
	netns /run/netns/w$nsid >/dev/null
ip -n w$nsid link add bondw type bond mode active-backup
vfpool bond enslave bondw owner podW link eth0 link eth1 >/dev/null
gone=$(vfpool -j lease show owner podW | jq -r '.[] | select(.member.pf_ifname == "'"$pfB"'") | "\(.ifname) \(.member.ifname)"')
stays=$(vfpool -j lease show owner podW | jq -r '.[] | select(.member.pf_ifname != "'"$pfB"'") | .ifname')
echo "$idB" >/sys/bus/netdevsim/del_device
# Its leases end right after the PF's unregistration (a work item).
for _ in $(seq 100); do
	[[ $(vfpool -j lease show owner podW | jq length) == 1 ]] && break
	sleep 0.05
done
check_eq "PF removed: its link left the bond, the other stays" "$(slaves w$nsid bondw)" "$stays"
check_eq "... its lease ended, the other's not" \
	"$(vfpool -j lease show owner podW | jq -r '[.[].ifname] | join(" ")')" "$stays"
check "... its member netdev is home under its name" ip link show "${gone#* }"
vfpool lease del owner podW >/dev/null

sleep 0.5
ev() { jq -r 'select(.event == "'"$1"'") | "\(.lease.ifname)\(if .lease.bond_external then "!" else "" end)"' "$tmpd/events" | sort | tr '\n' ' '; }
check_eq "lease-bond-join events (external marked !)" "$(ev lease-bond-join)" \
	"eth0 eth0 eth1 eth1 eth1! net0 net1 net2 net3 "
check_eq "lease-bond-leave events: only eth1's release" "$(ev lease-bond-leave)" "eth1 "
ksft_finish
