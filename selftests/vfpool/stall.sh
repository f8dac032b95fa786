#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A lease that waits for a busy member must cost the rest of the host
# nothing. A doit runs under generic netlink's cb_lock (read); if the
# wait slept there, loading any module that registers a genetlink family
# would block on the write side, and every genetlink request of the host
# behind it, until the wait ended. See "Waiting for a member" in
# include/uapi/linux/vfpool.h and Documentation/design.rst.
source "$(dirname "$0")/lib.sh"

# Any module that registers a generic netlink family, not yet loaded.
gmod=
for m in wireguard team macsec gtp; do
	grep -q "^$m " /proc/modules && continue
	modprobe -n "$m" >/dev/null 2>&1 && { gmod=$m; break; }
done
[[ -n $gmod ]] || skip_all "no loadable module with a genetlink family (wireguard, team, macsec, gtp)"
declare -A family=([wireguard]=wireguard [team]=team [macsec]=macsec [gtp]=gtp)
command -v genl >/dev/null || skip_all "no genl (iproute2)"

nsim_pf 1 optional
vfpool pool add p$nsid
dummies p$nsid 1
netns a$nsid
netns b$nsid
m0=d${nsid}_0

vfpool lease add dev $m0 owner podA ifname net1 netns /run/netns/a$nsid >/dev/null
vfpool -j lease add dev $m0 owner podB ifname eth0 netns /run/netns/b$nsid wait 30 \
	>"$tmpd/b.out" 2>"$tmpd/b.err" &
b=$!
# poll/ppoll: libvfpool's wait; sendto/sendmsg: a wait inside the doit,
# as before this test was written (the doit runs in the sender's call).
if blocked_in $b poll ppoll sendto sendmsg; then
	ok "podB's ADD waits for the busy member"
else
	not_ok "podB's ADD waits for the busy member"
	cat "$tmpd/b.err" | sed 's/^/#   /'
fi

# A stalled request waits for the lease's 30 s; the bound is 2 s on an
# idle machine, more where CI runs two TCG guests on two cores
# (STALL_MS_MAX, default 10000): far below 30 s either way.
bound=${STALL_MS_MAX:-10000}
# The module loads while another family's request is asked: a writer
# queued on cb_lock would hold up both until the lease's wait ended.
cleanups+=("rmmod $gmod")
t0=$(ms_now)
{ modprobe "$gmod"; echo "$? $(ms_now)" >"$tmpd/modprobe"; } &
mp=$!
# Ask once modprobe is done, or stuck registering its family (a queued
# writer on genetlink's lock), whichever comes first.
for _ in $(seq 200); do
	[[ -s $tmpd/modprobe ]] && break
	pid=$(pgrep -x modprobe | head -n 1)
	[[ -n $pid && $(cat "/proc/$pid/wchan" 2>/dev/null) == *down_write* ]] && break
	sleep 0.05
done
out=$(genl ctrl get name nlctrl 2>&1)
t1=$(ms_now)
wait $mp
read -r rc t2 <"$tmpd/modprobe"
check_eq "modprobe $gmod (registers a genetlink family) succeeded" "$rc" 0
check "... in under $((bound / 1000)) s while the lease waits (took $((t2 - t0)) ms)" test $((t2 - t0)) -lt "$bound"
check "another family's request (genl ctrl get name nlctrl) is answered" \
	grep -q "Name: nlctrl" <<<"$out"
check "... in under $((bound / 1000)) s while the lease waits (took $((t1 - t0)) ms)" test $((t1 - t0)) -lt "$bound"
check "$gmod's family is registered" genl ctrl get name "${family[$gmod]}"
check "podB is still waiting" test -d /proc/$b

check "podA's DEL" vfpool lease del owner podA ifname net1
wait $b
rc=$?
check_eq "podB's ADD succeeded once podA released the member" "$rc" 0
check_eq "... and got it" "$(jq -r '.[0].owner_id' "$tmpd/b.out" 2>/dev/null)" podB
check "... in podB's netns" ip -n b$nsid link show eth0
vfpool lease del owner podB >/dev/null

ksft_finish
