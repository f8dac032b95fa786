#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module lifecycle: a lease pins the module (rmmod says "in use" and the
# lease is intact), so does a request in flight (a lease add waiting for
# a member); with neither, rmmod succeeds, the CLI says the module is not
# loaded, and insmod brings a working, empty family back.
source "$(dirname "$0")/lib.sh"

ko=${VFPOOL_KO:-}
[[ -n $ko && -f $ko ]] || skip_all "VFPOOL_KO (the module to insmod again) is not set"
grep -q '^vfpool ' /proc/modules || skip_all "vfpool is not a loaded module"
command -v rmmod >/dev/null && command -v insmod >/dev/null || skip_all "rmmod or insmod is missing"
# Whatever happens below, leave the module loaded (cleanups run last-first).
cleanups=("grep -q '^vfpool ' /proc/modules || insmod $ko" "${cleanups[@]}")

refcnt() { cat /sys/module/vfpool/refcnt; }
loaded() { grep -q '^vfpool ' /proc/modules; }
# wait_refcnt N: until the module's refcount is N (at most 5 s).
wait_refcnt() {
	local i
	for i in $(seq 100); do
		[[ $(refcnt) == "$1" ]] && return 0
		sleep 0.05
	done
	return 1
}

P=u$nsid
E=e$nsid
m0=d${nsid}_0
vfpool pool add $P
dummies $P 2
vfpool pool add $E
netns a$nsid
netns b$nsid
r0=$(refcnt)

# --- a lease pins the module
id=$(vfpool -j lease add dev $m0 owner podA ifname net1 netns /run/netns/a$nsid | jq -r '.[0].id')
check "podA leased $m0" test -n "$id"
check_eq "the lease holds a module reference" "$(refcnt)" $((r0 + 1))
before=$(state)
check_fail "rmmod with a lease held fails" "in use" rmmod vfpool
check "vfpool is still loaded" loaded
check_unchanged "... the lease is intact" "$before"
check "... net1 is still in podA's netns" ip -n a$nsid link show net1
check_eq "... the family still answers" "$(vfpool -j lease show id $id | jq -r '.[0].owner_id')" podA

# --- B waits for the member A holds: in user space (libvfpool's poll),
# holding no module reference; A's lease still pins the module.
vfpool -j lease add dev $m0 owner podB ifname eth0 netns /run/netns/b$nsid wait 60 \
	>"$tmpd/waiter" 2>&1 &
waiter=$!
check "the waiting request waits in user space" blocked_in $waiter poll ppoll
check_eq "... holding no module reference" "$(refcnt)" $((r0 + 1))
check_fail "rmmod while a lease is held fails" "in use" rmmod vfpool
check "vfpool is still loaded" loaded
check "podA's DEL" vfpool lease del owner podA ifname net1
wait $waiter
rc=$?
check_eq "the waiter got $m0 once podA let go" "$rc:$(jq -r '.[0].owner_id' "$tmpd/waiter" 2>&1)" 0:podB
check "... eth0 is in podB's netns" ip -n b$nsid link show eth0
check "podB's DEL" vfpool lease del owner podB
check_eq "no lease left, no reference left" "$(refcnt)" "$r0"

# --- only a waiter, no lease at all: it holds nothing of the module
vfpool lease add pool $E owner podW wait 300 >"$tmpd/waiter" 2>&1 &
waiter=$!
check "a request waiting on an empty pool waits in user space" blocked_in $waiter poll ppoll
check_eq "... holding no module reference" "$(refcnt)" "$r0"
kill -KILL $waiter
wait $waiter 2>/dev/null
check_eq "nothing was leased" "$(vfpool -j lease show | jq length)" 0

# --- unload, and back
check "rmmod with no lease succeeds" rmmod vfpool
check "vfpool is gone" bash -c "! grep -q '^vfpool ' /proc/modules"
check_fail "the CLI says the module is not loaded" "kernel module not loaded" vfpool pool show
vfpool pool show >/dev/null 2>&1
check_eq "... with exit code 2" $? 2
check_eq "$m0 stayed in init_net under its name" "$(ip -o link show $m0 | wc -l)" 1
check "insmod brings it back" insmod "$ko"
check "vfpool pool show works again" vfpool pool show
check_eq "no pool survived the reload" "$(vfpool -j pool show | jq -r --arg p $P '[.[] | select(.name == $p)] | length')" 0
check "a pool can be made again" vfpool pool add $P
check "... with a member" vfpool member add $P dev $m0
out=$(vfpool -j lease add pool $P owner podC ifname net1 netns /run/netns/a$nsid)
check_eq "... and leased" "$(echo "$out" | jq -r '.[0].owner_id')" podC
check "... into its netns" ip -n a$nsid link show net1
check "... and released" vfpool lease del owner podC
check "$m0 is home" ip link show $m0
check_eq "the reloaded module holds no reference" "$(refcnt)" 0
ksft_finish
