#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fault injection. Every fault point a request passes (vfpool's
# allocations and replies, VF config, MAC, MTU, the netns move, taking a
# link down and enslaving it) is made to fail in turn, one run of the
# request per point, through the task's fail-nth (src/faultnth.c). Each
# failed run must return an error saying why and leave everything as it
# was: pools, members, leases, links in every netns with their MAC, MTU,
# state and master, the VF config on the PF, and the module's object
# counters. kmemleak is checked by the VM runner afterwards.
source "$(dirname "$0")/lib.sh"
fault_points
dbg=/sys/kernel/debug
modprobe -q bonding 2>/dev/null

nsim_pf 4
pf1=$PF
vfpool pool add f$nsid
dummies f$nsid 4
# A second PF, whole, for POOL_NEW from a PF.
new_pf pf2 $((nsid % 1000 + 1100))
ip link add e$nsid type dummy
cleanups+=("ip link del e$nsid")
netns x$nsid
ip -n x$nsid link add bond0 type bond mode active-backup miimon 100

# Everything a request could change, without the ids a redo renews.
# Not the bond's MAC: an empty bond draws a new random one when its last
# slave leaves (the bond driver's own rule), and not the slaves' order.
# Not ifindexes either: a netdev that comes back from a netns where its
# index was taken keeps the new one the kernel gave it there.
snapshot() {
	# One jq for all five documents: each process costs seconds under
	# KASAN in TCG, and this runs after every fault point. Of the links:
	# each one's MAC, MTU, state and master (so also the bond's slaves),
	# and the PFs' VF config.
	{ vfpool -j pool show; vfpool -j member show; vfpool -j lease show
	  ip -d -j link show; ip -n x$nsid -d -j link show; } |
		jq -c -s '.[0], (.[1] | map(del(.lease_id, .ifindex))),
			  (.[2] | map(del(.id, .ifindex, .bond_ifindex, .member.lease_id,
					  .member.ifindex))),
			  (.[3], .[4] | sort_by(.ifname) | .[] |
			   [.ifname, (if .ifname == "bond0" then null else .address end),
			    .mtu, .operstate, .master, .vfinfo_list])'
	echo "$(<$dbg/vfpool/objects)"
}

total=0
# inject NAME UNDO CMD...: CMD with each of its fault points failing in
# turn, until a run reaches no point; UNDO reverts that run's success.
inject() {
	local name=$1 undo=$2 n out rc before now bad=0
	shift 2
	before=$(snapshot)
	for ((n = 1; n <= 200; n++)); do
		out=$(faultnth $n "$@" 2>&1)
		rc=$?
		[[ $out == *"faultnth: not-reached"* ]] && break
		if [[ $out != *"faultnth: fired"* ]]; then
			bad=$((bad + 1))
			echo "# $name, point $n: faultnth failed: $out"
			break
		fi
		if ((rc == 0)); then
			bad=$((bad + 1))
			echo "# $name, point $n failed but the request succeeded"
			eval "$undo" >/dev/null
		elif [[ $out != *"injected fault"* && $out != *"Cannot allocate memory"* &&
			$out != *"Input/output error"* ]]; then
			bad=$((bad + 1))
			echo "# $name, point $n: the error does not say why: $out"
		fi
		now=$(snapshot)
		if [[ $now != "$before" ]]; then
			bad=$((bad + 1))
			echo "# $name, point $n changed:"
			diff <(echo "$before") <(echo "$now") | sed 's/^/#   /'
			break
		fi
	done
	total=$((total + n - 1))
	check_eq "$name: $((n - 1)) fault points, each an error that changed nothing" \
		"$bad $((n > 1))" "0 1"
	check_eq "$name: with no fault it succeeds" "$rc" 0
	eval "$undo" >/dev/null
	check_eq "$name: undone, as before" "$(snapshot)" "$before"
}

inject "pool add from a PF" "vfpool pool del g$nsid" \
	vfpool pool add g$nsid pf "$pf2"
inject "member add" "vfpool member del f$nsid dev e$nsid" \
	vfpool member add f$nsid dev e$nsid
inject "irq set pool" "vfpool irq set pool f$nsid policy none" \
	vfpool irq set pool f$nsid policy cpus 0
inject "lease add with VF config, MAC, MTU and a move" "vfpool lease del owner podF" \
	vfpool lease add dev d${nsid}_0 owner podF ifname eth0 netns /run/netns/x$nsid \
	mac 02:00:00:00:f0:01 vlan 10 qos 2 spoofchk off trust on mtu 1400
inject "lease add, count 2" "vfpool lease del owner podG" \
	vfpool lease add pool f$nsid count 2 owner podG ifname g%d \
	netns /run/netns/x$nsid vlan 20

vfpool lease add dev d${nsid}_3 owner podH ifname eth3 netns /run/netns/x$nsid \
	vlan 30 >/dev/null
inject "lease del" \
	"vfpool lease add dev d${nsid}_3 owner podH ifname eth3 netns /run/netns/x$nsid vlan 30" \
	vfpool lease del owner podH
vfpool lease del owner podH >/dev/null

vfpool lease add dev d${nsid}_1 owner podB ifname eth1 netns /run/netns/x$nsid >/dev/null
vfpool lease add dev d${nsid}_2 owner podB ifname eth2 netns /run/netns/x$nsid >/dev/null
ip -n x$nsid link set eth2 up
# The bond takes its slaves down when it lets them go: eth2 goes up again.
inject "bond enslave (one link up)" \
	"vfpool bond release bond0 owner podB; ip -n x$nsid link set eth2 up" \
	vfpool bond enslave bond0 owner podB link eth1 link eth2
vfpool bond enslave bond0 owner podB link eth1 link eth2 >/dev/null
inject "bond release" "vfpool bond enslave bond0 owner podB link eth1" \
	vfpool bond release bond0 owner podB link eth1

echo "# $total fault points in all"
check "the module still works: lease and release" \
	bash -c "vfpool lease add dev d${nsid}_0 owner podZ >/dev/null && vfpool lease del owner podZ >/dev/null"
vfpool pool del f$nsid force >/dev/null
check_eq "pool deleted with its leases: no lease left" "$(vfpool -j lease show | jq length)" 0
ksft_finish
