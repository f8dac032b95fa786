#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Crash safety: vfpool-cni is killed (SIGKILL) at a random point of ADD,
# CNI_CRASH_ITERATIONS times. After each kill every VF of the pool must
# be either leased to the live pod and fully configured (moved, renamed,
# its MAC and VLAN set through the PF) or free in init_net under its own
# name with its original VF config: never in between. The runtime's DEL
# that follows a failed ADD must then free everything, addresses too.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cni-lib.sh"

iterations=${CNI_CRASH_ITERATIONS:-20}
base=$(net)
for i in 0 1 2; do orig[i]=$(vf_line $i); done
pod_conf() { printf '%s, "mac": "02:00:00:02:%02x:%02x", "vlan": %d}' \
	"${base%\}}" $(($1 / 256 % 256)) $(($1 % 256)) $((200 + $1 % 3000)); }

# How long one ADD takes here, so that kills land all over it.
s=$(date +%s%N)
cni ADD calib /run/netns/a$nsid "$(pod_conf 0)"
dur=$((($(date +%s%N) - s) / 1000000))
check_cni "calibration ADD ($dur ms)"
cni DEL calib /run/netns/a$nsid "$(pod_conf 0)"

# consistent K: every member is wholly pod K's or wholly free.
consistent() {
	local k=$1 why= i state owner mac
	mac=$(printf '02:00:00:02:%02x:%02x' $((k / 256 % 256)) $((k % 256)))
	while read -r i state owner; do
		case $state in
		leased)
			[[ $owner == crash$k ]] || why+=" member $i leased to '$owner';"
			[[ $(ip -n a$nsid -o link show net1 2>&1) == *"link/ether $mac "* ]] ||
				why+=" member $i leased but net1 in the pod is not it;"
			[[ $(vf_line "$i") == *"$mac"*"vlan $((200 + k % 3000))"[,\ ]* ]] ||
				why+=" member $i leased, VF config: $(vf_line "$i");"
			;;
		free)
			ip link show "d${nsid}_$i" >/dev/null 2>&1 ||
				why+=" member $i free but d${nsid}_$i is not in init_net;"
			[[ $(vf_line "$i") == "${orig[i]}" ]] ||
				why+=" member $i free, VF config: $(vf_line "$i");"
			;;
		*) why+=" member $i is $state;" ;;
		esac
	done < <(vfpool -j member show pool "$pool" | jq -r '.[] | "\(.vf_index) \(.state) \(.owner_id // "-")"')
	[[ -z $why ]] && return 0
	echo "# round $k:$why"
	return 1
}

bad=0 leased=0 free=0
for ((k = 1; k <= iterations; k++)); do
	CNI_COMMAND=ADD CNI_CONTAINERID=crash$k CNI_IFNAME=net1 CNI_NETNS=/run/netns/a$nsid \
		vfpool-cni <<<"$(pod_conf $k)" >/dev/null 2>&1 &
	pid=$!
	# Every other kill lands in the first fifth of the ADD, where the
	# plugin is still before LEASE_NEW; one that early kills at once.
	ms=$((k % 2 ? RANDOM % (dur + 1) : RANDOM % (dur / 5 + 1)))
	((ms >= 100)) && sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	# host-local may outlive the plugin; the runtime would wait for it too.
	while pgrep -x host-local >/dev/null; do sleep 0.05; done
	if ! consistent $k; then
		bad=$((bad + 1))
	elif vfpool lease show owner crash$k | grep -q crash$k; then
		leased=$((leased + 1))
	else
		free=$((free + 1))
	fi
	# The runtime's DEL after a failed ADD.
	cni DEL crash$k /run/netns/a$nsid "$(pod_conf $k)"
	left="$rc $(vfpool lease show pool "$pool" | tail -n +2 | wc -l) $(ipam_held)"
	if [[ $left != "0 0 0" ]]; then
		echo "# round $k: after DEL (exit, leases, addresses): $left"
		bad=$((bad + 1))
	fi
	((bad > 5)) && break
done
echo "# $iterations kills: $leased left the VF leased and configured, $free left it free"
check_eq "$iterations ADDs killed at random: every VF wholly leased or wholly free" "$bad" 0
check_eq "... and the runtime's DELs left nothing leased or held" \
	"$(vfpool lease show pool "$pool" | tail -n +2 | wc -l) $(ipam_held)" "0 0"
((iterations >= 20)) && check "kills landed both before and after the lease" test $leased -gt 0 -a $free -gt 0
for i in 0 1 2; do
	check_eq "VF $i has its original config" "$(vf_line $i)" "${orig[i]}"
done
ksft_finish
