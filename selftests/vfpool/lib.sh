#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the vfpool selftests (kselftest conventions: TAP on
# stdout, exit 0 pass, 1 fail, 4 skip). Source it, then call the check
# helpers; end with ksft_finish. Each helper is one assertion.

set -u
KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

ksft_n=0
ksft_failed=0
ksft_name=$(basename "$0" .sh)
tmpd=$(mktemp -d)
nsid=$RANDOM
cleanups=()

ok() { ksft_n=$((ksft_n + 1)); echo "ok $ksft_n - $*"; }
not_ok() { ksft_n=$((ksft_n + 1)); ksft_failed=$((ksft_failed + 1)); echo "not ok $ksft_n - $*"; }
skip_all() { echo "1..0 # SKIP $*"; exit $KSFT_SKIP; }

# check DESCRIPTION COMMAND...: the command succeeds.
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc"
		echo "#   command: $*"
		echo "$out" | sed 's/^/#   /'
	fi
}

# check_eq DESCRIPTION GOT WANT
check_eq() {
	if [[ $2 == "$3" ]]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   got:  '$2'"
		echo "#   want: '$3'"
	fi
}

# check_fail DESCRIPTION ERRTEXT COMMAND...: the command fails and its
# stderr carries ERRTEXT (an errno text and/or the kernel's extack).
check_fail() {
	local desc=$1 want=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if ((rc != 0)) && [[ $out == *"$want"* ]]; then
		ok "$desc"
	else
		not_ok "$desc"
		echo "#   command: $* (exit $rc)"
		echo "#   want text: $want"
		echo "$out" | sed 's/^/#   /'
	fi
}

# The whole observable state: leases, members, pools, links, VF configs.
state() {
	vfpool -j pool show
	vfpool -j member show
	vfpool -j lease show
	ip -o link show | sed 's/^[0-9]*: //' | cut -d' ' -f1-2 | sort
	[[ -n ${PF:-} ]] && ip link show "$PF" | grep ' vf '
	for ns in $(ip netns list | cut -d' ' -f1); do
		echo "netns $ns:"
		ip -n "$ns" -o link show | sed 's/^[0-9]*: //' | cut -d' ' -f1 | sort
	done
	true
}

# check_unchanged DESCRIPTION BEFORE: nothing observable changed.
check_unchanged() {
	local now
	now=$(state)
	if [[ $now == "$2" ]]; then
		ok "$1"
	else
		not_ok "$1"
		diff <(echo "$2") <(echo "$now") | sed 's/^/#   /'
	fi
}

# A netdevsim PF with $1 legacy VFs; sets PF and NSIM. Without netdevsim
# (Debian's stock kernel) the test is skipped, or with "optional" goes on
# with PF unset: members are then plain netdevs without VF config.
nsim_pf() {
	local n=${1:-4} id=$((nsid % 1000 + 100))
	if [[ ! -w /sys/bus/netdevsim/new_device ]]; then
		[[ ${2:-} == optional ]] && { echo "# no netdevsim: members without a PF"; return 0; }
		skip_all "netdevsim not available (stock kernel)"
	fi
	echo "$id 1" >/sys/bus/netdevsim/new_device
	NSIM=/sys/bus/netdevsim/devices/netdevsim$id
	for _ in $(seq 100); do
		PF=$(ls "$NSIM/net/" 2>/dev/null | head -n 1)
		[[ -n $PF ]] && break
		sleep 0.05
	done
	echo "$n" >"$NSIM/sriov_numvfs"
	cleanups+=("echo $id >/sys/bus/netdevsim/del_device")
}

# new_pf VAR ID: one more netdevsim PF of 4 VFs, its name in VAR.
new_pf() {
	local id=$2 dev name=
	echo "$id 1" >/sys/bus/netdevsim/new_device
	cleanups+=("echo $id >/sys/bus/netdevsim/del_device")
	dev=/sys/bus/netdevsim/devices/netdevsim$id
	for _ in $(seq 100); do
		name=$(ls "$dev/net/" 2>/dev/null | head -n 1)
		[[ -n $name ]] && break
		sleep 0.05
	done
	echo 4 >"$dev/sriov_numvfs"
	printf -v "$1" %s "$name"
}

# fault_points: vfpool's fault points usable through fail-nth (debug
# kernel), with slab and page allocations kept out so that only
# vfpool's own points count; skips the test otherwise.
fault_points() {
	local dbg=/sys/kernel/debug
	[[ -e $dbg/vfpool/fail ]] ||
		skip_all "kernel without CONFIG_FAULT_INJECTION_DEBUG_FS (stock lane)"
	[[ -e $dbg/failslab/cache-filter ]] && echo Y >$dbg/failslab/cache-filter
	[[ -e $dbg/fail_page_alloc/min-order ]] && echo 11 >$dbg/fail_page_alloc/min-order
	true
}

# Explicit members: dummies d<nsid>_<i> bound to the PF's VF i.
dummies() {
	local pool=$1 n=$2 i
	for ((i = 0; i < n; i++)); do
		ip link add "d${nsid}_$i" type dummy
		cleanups+=("ip link del d${nsid}_$i")
		if [[ -n ${PF:-} ]]; then
			vfpool member add "$pool" dev "d${nsid}_$i" pf "$PF" vf "$i"
		else
			vfpool member add "$pool" dev "d${nsid}_$i"
		fi
	done
}

netns() {
	ip netns add "$1"
	cleanups+=("ip netns del $1")
}

cleanup() {
	local i
	for p in $(vfpool -j pool show 2>/dev/null | jq -r '.[].name' 2>/dev/null); do
		vfpool pool del "$p" force >/dev/null 2>&1
	done
	for ((i = ${#cleanups[@]} - 1; i >= 0; i--)); do
		eval "${cleanups[i]}" >/dev/null 2>&1
	done
	rm -rf "$tmpd"
}
trap cleanup EXIT
# A test killed by the runner's timeout still cleans up after itself.
trap 'exit 143' TERM INT

ksft_finish() {
	echo "1..$ksft_n"
	((ksft_failed == 0)) && exit $KSFT_PASS
	exit $KSFT_FAIL
}

vfpool pool show >/dev/null 2>&1 || skip_all "vfpool module not loaded"


# vf_line VF: the PF's "vf N ..." line, as ip link shows it.
vf_line() {
	ip link show "$PF" | grep -E "^ +vf $1 " | sed 's/^ *//'
}

# blocked_in PID NAME...: wait (up to 60 s) until process PID sleeps in
# one of the system calls NAME (poll, ppoll, recvmsg, sendmsg, sendto):
# evidence that it waits, not time having passed. Fails if it exits first.
blocked_in() {
	local pid=$1 nr want=() i
	shift
	for i in "$@"; do
		case $i in
		poll) want+=(7) ;;
		ppoll) want+=(271) ;;
		recvmsg) want+=(47) ;;
		sendmsg) want+=(46) ;;
		sendto) want+=(44) ;;
		esac
	done
	for ((i = 0; i < 1200; i++)); do
		[[ -d /proc/$pid ]] || return 1
		if [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) == [SD] ]]; then
			read -r nr _ <"/proc/$pid/syscall" 2>/dev/null
			[[ " ${want[*]} " == *" $nr "* ]] && return 0
		fi
		sleep 0.05
	done
	return 1
}

# ms_now: CLOCK_REALTIME in milliseconds.
ms_now() {
	local ns
	ns=$(date +%s%N)
	echo $((ns / 1000000))
}
