#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bonded ADD/DEL rounds with failures injected between their steps. Each
# round's ADD, of a 2-link active-backup or a 4-link 802.3ad bond, either
# has one of vfpool's fault points fail (a random n for its fail-nth:
# allocations, VF config, MAC, the netns move, taking a link down,
# enslaving), or is killed at a random moment, or runs clean. Then comes
# DEL, as kubelet sends it after any ADD, itself failed at a random point
# half the time and then retried, as kubelet retries. After every round:
# no lease, no VF enslaved, moved or renamed, every member free with its
# VF config back, no bond left in the pod, host-local holds nothing.
# CNI_BOND_ITERATIONS rounds (default 10).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cni-lib.sh"
fault_points
bond_pool

iterations=${CNI_BOND_ITERATIONS:-10}
ab=$(bnet "{mode: \"active-backup\", miimon: \"100\", links: $(links 2)}" '{vlan: 20}')
lacp=$(bnet "{mode: \"802.3ad\", miimon: 100, links: $(links 4)}" '{vlan: 21}')
pod_ns=/run/netns/a$nsid
# What the pod has of its own (lo, and sit0 where sit is built in).
pod_links() { ip -n a$nsid -o link show | cut -d' ' -f2 | sort | xargs; }
pod_base=$(pod_links)

# run_plugin CMD ID CONF [N]: the plugin, its N-th fault point failing.
run_plugin() {
	local pre=()
	[[ -n ${4:-} ]] && pre=(faultnth "$4")
	out=$(CNI_COMMAND=$1 CNI_CONTAINERID=$2 CNI_IFNAME=net1 CNI_NETNS=$pod_ns \
		"${pre[@]}" vfpool-cni <<<"$3" 2>"$tmpd/stderr")
	rc=$?
}

# What must hold after a round's DEL; prints what does not.
clean_state() {
	local why=
	[[ $(vfpool -j lease show | jq length) == 0 ]] || why+=" leases: $(vfpool -j lease show | jq -c '[.[] | [.owner_id, .ifname]]');"
	[[ $(all_free) == 8 ]] || why+=" $(all_free) of 8 members free;"
	[[ $(vfpool -j member show pool $bpool | jq -r '[.[].ifname] | sort | join(" ")') == "$names_before" ]] ||
		why+=" member names: $(vfpool -j member show pool $bpool | jq -r '[.[].ifname] | sort | join(" ")');"
	[[ $(ip -j link show | jq '[.[] | select(.master)] | length') == 0 ]] ||
		why+=" enslaved in init_net: $(ip -j link show | jq -c '[.[] | select(.master) | .ifname]');"
	[[ $(pod_links) == "$pod_base" ]] || why+=" in the pod: $(pod_links);"
	[[ "$(ip link show "$PFA" | grep ' vf '; ip link show "$PFB" | grep ' vf ')" == "$vfs_before" ]] ||
		why+=" VF config not restored;"
	[[ $(ipam_held) == 0 ]] || why+=" host-local holds $(ipam_held);"
	echo "$why"
}

bad=0 fired=0 killed=0 added=0 del_fired=0 rounds=0
for ((k = 1; k <= iterations; k++)); do
	rounds=$k
	conf=$ab nlinks=2
	((k % 2)) || conf=$lacp nlinks=4
	how=$((RANDOM % 3))
	case $how in
	0)	run_plugin ADD pod$k "$conf" $((RANDOM % 16 + 1))
		grep -q 'faultnth: fired' "$tmpd/stderr" && fired=$((fired + 1))
		;;
	1)	CNI_COMMAND=ADD CNI_CONTAINERID=pod$k CNI_IFNAME=net1 CNI_NETNS=$pod_ns \
			vfpool-cni <<<"$conf" >/dev/null 2>&1 &
		pid=$!
		sleep "$((RANDOM % 3)).$((RANDOM % 10))"
		kill -9 $pid 2>/dev/null && killed=$((killed + 1))
		wait $pid 2>/dev/null
		rc=1
		;;
	2)	run_plugin ADD pod$k "$conf"
		;;
	esac
	if ((how != 1 && rc == 0)); then
		added=$((added + 1))
		slaves=$(ip netns exec a$nsid cat /sys/class/net/net1/bonding/slaves 2>&1)
		[[ $(wc -w <<<"$slaves") == "$nlinks" ]] ||
			{ bad=$((bad + 1)); echo "# round $k: ADD succeeded, bond slaves: $slaves"; }
	elif ((how != 1)) && ! jq -e '.code > 0 and (.msg | length) > 0' <<<"$out" >/dev/null 2>&1; then
		bad=$((bad + 1))
		echo "# round $k: a failed ADD without an error object: $out"
	fi
	# DEL, half the time with a fault of its own, then retried.
	if ((RANDOM % 2)); then
		run_plugin DEL pod$k "$conf" $((RANDOM % 4 + 1))
		grep -q 'faultnth: fired' "$tmpd/stderr" && del_fired=$((del_fired + 1))
	else
		rc=1
	fi
	((rc == 0)) || run_plugin DEL pod$k "$conf"
	if ((rc != 0)); then
		bad=$((bad + 1))
		echo "# round $k: DEL failed: $out $(cat "$tmpd/stderr")"
	fi
	why=$(clean_state)
	if [[ -n $why ]]; then
		bad=$((bad + 1))
		echo "# round $k (how $how):$why"
		((bad > 5)) && break
	fi
done
echo "# $rounds rounds: $fired ADDs had a fault fire, $killed were killed, $added succeeded; $del_fired DELs had a fault fire"
check_eq "$iterations bonded ADD/DEL rounds with faults: nothing left enslaved, moved, leased or held" "$bad" 0
check "faults did fire in ADDs" test "$fired" -gt 0 -o "$iterations" -lt 10
ksft_finish
