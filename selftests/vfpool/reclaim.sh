#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Reclaim: a dead owner netns gives its members back; a vanished member
# ends its lease; an ADD on a member whose holder's netns died succeeds.
source "$(dirname "$0")/lib.sh"
nsim_pf 4
vfpool pool add p$nsid
dummies p$nsid 4
vfs_before=$(ip link show "$PF" | grep ' vf ')
names_before=$(vfpool -j member show pool p$nsid | jq -r '[.[].ifname] | sort | join(" ")')

vfpool -j monitor >"$tmpd/events" 2>&1 &
mon=$!
cleanups+=("kill $mon")
# Subscribed once it waits for events (ppoll), not after some time.
check "the monitor is subscribed and waiting" blocked_in $mon ppoll poll

ip netns add r$nsid
for i in 0 1 2 3; do
	vfpool lease add dev d${nsid}_$i owner podR ifname net$i netns /run/netns/r$nsid \
		mac 02:00:00:00:cc:0$i vlan $((100 + i)) >/dev/null
done
check_eq "4 leases in the netns" "$(ip -n r$nsid -o link show | grep -c ' net[0-3]')" 4

t0=$(date +%s.%N)
ip netns del r$nsid
# Deleting a netns is asynchronous: wait for the 4 reclaim events.
for _ in $(seq 200); do
	(($(grep -c '"lease-reclaimed"' "$tmpd/events") >= 4)) && break
	sleep 0.05
done
check_eq "all 4 members free" "$(vfpool -j pool show p$nsid | jq -r '.[0].free')" 4
# What happened, from the monitor's events: the kernel reclaimed them, after
# the deletion, and nobody released them. How fast is a benchmark's
# business (tools/bench); the time is printed for the record.
last=$(jq -r 'select(.event == "lease-reclaimed") | .timestamp' "$tmpd/events" | tail -n 1)
first=$(jq -r 'select(.event == "lease-reclaimed") | .timestamp' "$tmpd/events" | head -n 1)
ms=$(echo "($(date -d "$last" +%s.%N) - $t0) * 1000 / 1" | bc)
echo "# reclaimed $ms ms after the netns deletion"
check "the reclaim events come after the deletion" \
	test "$(echo "$(date -d "$first" +%s.%N) >= $t0" | bc)" = 1
check_eq "... and no lease was released by a request" \
	"$(grep -c '"lease-released"' "$tmpd/events")" 0
check_eq "original names back in init_net" \
	"$(vfpool -j member show pool p$nsid | jq -r '[.[].ifname] | sort | join(" ")')" "$names_before"
for i in 0 1 2 3; do
	check "d${nsid}_$i exists in init_net" ip link show d${nsid}_$i
done
check_eq "VF config restored on the PF" "$(ip link show "$PF" | grep ' vf ')" "$vfs_before"
check_eq "4 reclaim events, reason netns-gone" \
	"$(jq -r 'select(.event == "lease-reclaimed") | .reason' "$tmpd/events" | sort | uniq -c | awk '{print $1, $2}')" "4 netns-gone"

# A member whose netdev is deleted while leased: the lease ends.
netns g$nsid
vfpool lease add dev d${nsid}_3 owner podG ifname eth0 netns /run/netns/g$nsid >/dev/null
ip -n g$nsid link del eth0
check_eq "no lease left for podG" "$(vfpool -j lease show owner podG | jq length)" 0
check_eq "the member is gone" \
	"$(vfpool -j member show pool p$nsid | jq -r '.[] | select(.ifname == "d'${nsid}'_3") | .state')" "gone"
check_eq "VF 3 config restored through the PF" "$(vf_line 3)" "$(echo "$vfs_before" | sed 's/^ *//' | grep -E '^vf 3 ')"

# A PF unregistering while its leases' netns is deleted. Its leases leave
# their netns' list for the PF-gone work; the netns can be freed before
# that work sends their release events, which look the lease's bond up in
# its netns. Each lease must pin its netns off the list (KASAN catches a
# read of a freed one in the debug lane).
rounds=${PF_GONE_ROUNDS:-4}
modprobe -q bonding 2>/dev/null
for ((r = 0; r < rounds; r++)); do
	id=$((nsid % 1000 + 2000 + r))
	new_pf pfr $id
	vfpool pool add x$nsid$r
	ip link add z${nsid}_$r type dummy
	cleanups+=("ip link del z${nsid}_$r")
	vfpool member add x$nsid$r dev z${nsid}_$r pf "$pfr" vf 0
	ip netns add u$nsid$r
	vfpool lease add dev z${nsid}_$r owner podU$r ifname eth0 netns /run/netns/u$nsid$r \
		vlan 7 >/dev/null
	ip -n u$nsid$r link add bond0 type bond 2>/dev/null &&
		vfpool bond enslave bond0 owner podU$r link eth0 >/dev/null
	echo $id >/sys/bus/netdevsim/del_device &
	p1=$!
	ip netns del u$nsid$r &
	wait $p1 $!
	for _ in $(seq 200); do
		[[ $(vfpool -j lease show owner podU$r | jq length) == 0 ]] && break
		sleep 0.05
	done
	check_eq "round $r: PF and netns gone at once: the lease ended" \
		"$(vfpool -j lease show owner podU$r | jq length)" 0
	check_eq "round $r: ... with a reclaim event" \
		"$(jq -r 'select(.event == "lease-reclaimed" and .lease.owner_id == "podU'$r'") | .reason' "$tmpd/events" | wc -l)" 1
	vfpool pool del x$nsid$r
done

ksft_finish
