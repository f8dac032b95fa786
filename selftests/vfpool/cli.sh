#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The vfpool CLI as an operator meets it (issue 4): unique prefixes, help
# for each object, exit codes 0/1/2, the object's usage on bad arguments,
# the kernel's extack verbatim after the errno text, aligned plain
# output, -j JSON (its documented keys, compared with the kernel's state)
# and -p pretty JSON for every show, hundreds of leases through a dump,
# monitor lines with timestamps and one JSON object per line.
#
# Exit code 2 is checked honestly, like unload.sh does it: when nothing
# holds the module, it is removed, the CLI and a running monitor are
# asked, and it is loaded again (VFPOOL_KO); otherwise that part skips.
source "$(dirname "$0")/lib.sh"
nsim_pf 4 optional
P=c$nsid
N=${CLI_LEASES:-300}
netns a$nsid
vfpool pool add $P
dummies $P 4
m0=d${nsid}_0
m1=d${nsid}_1

# run CMD...: sets rc, out (stdout) and err (stderr).
run() {
	out=$("$@" 2>"$tmpd/stderr")
	rc=$?
	err=$(cat "$tmpd/stderr")
}

# aligned: every line of stdin has its columns where the title line has
# them (values hold no blanks: names cannot).
aligned() {
	awk 'NR == 1 {
		n = 0
		for (i = 1; i <= length($0); i++)
			if (substr($0, i, 1) != " " && (i == 1 || substr($0, i - 1, 1) == " "))
				start[++n] = i
		next
	}
	{
		if (split($0, f, / +/) != n) { print "line " NR ": " NF " fields, want " n; bad = 1 }
		for (k = 2; k <= n; k++)
			if (substr($0, start[k] - 1, 1) != " " || substr($0, start[k], 1) == " ") {
				print "line " NR ": column " k " not at " start[k] ": " $0; bad = 1; break
			}
	}
	END { if (NR < 2) { print "no rows"; bad = 1 } exit bad }'
}

# --- unique prefixes, as in iproute2
id=$(vfpool -j lease add dev $m0 owner podA ifname net1 netns /run/netns/a$nsid | jq -r '.[0].id')
check "podA leased $m0" test -n "$id"
vfpool lease add dev $m1 owner a-rather-long-owner-id-$nsid >/dev/null
for p in "l s:lease show" "p s:pool show" "me s:member show" "l:lease show"; do
	check_eq "\"vfpool ${p%%:*}\" is \"vfpool ${p#*:}\"" \
		"$(vfpool -j ${p%%:*})" "$(vfpool -j ${p#*:})"
done
check_eq "keywords match by prefix too: \"l s o podA\"" \
	"$(vfpool -j l s o podA | jq -r '.[].id')" "$id"
check_eq "\"me s p $P\" is member show pool $P" \
	"$(vfpool -j me s p $P | jq length)" 4
# -j writes a show's list as the dump comes; -p builds it whole.
for show in "lease show" "member show pool $P" "pool show"; do
	check_eq "vfpool -j $show: the same list as with -p" \
		"$(vfpool -j $show | jq -cS .)" "$(vfpool -j -p $show | jq -cS .)"
done
check_eq "an empty list is [], with and without -p" \
	"$(vfpool -j lease show owner nobody-$nsid) $(vfpool -j -p lease show owner nobody-$nsid | tr -d ' \n')" "[] []"
run vfpool m s
check_eq "\"vfpool m\" is ambiguous: exit 1" $rc 1
check "... and names both candidates" grep -q 'ambiguous object "m": member, monitor' <<<"$err"
run vfpool lease add pool $P owner x m 02:00:00:00:00:01
check "an ambiguous keyword names its candidates" \
	grep -q 'ambiguous keyword "m": mac, min-tx-rate, max-tx-rate, mtu' <<<"$err"

# --- help for each object: its usage on stdout, exit 0
for o in pool member lease monitor; do
	for h in help; do
		run vfpool $o $h
		check_eq "vfpool $o $h: exit 0, nothing on stderr" "$rc:$err" 0:
		check "... prints the usage of $o" grep -q "^Usage: vfpool $o " <<<"$out"
	done
done
check "vfpool lease help lists add, del, show" \
	bash -c "vfpool lease help | grep -c -E 'vfpool lease (add|del|show) ' | grep -qx 3"
check "vfpool monitor help shows json" grep -q '^Usage: vfpool monitor \[json\]$' <<<"$(vfpool monitor help)"
for h in help -h --help; do
	run vfpool $h
	check_eq "vfpool $h: exit 0, the objects on stdout" \
		"$rc:$(grep -c -E '^  (pool|member|lease|monitor) ' <<<"$out")" 0:4
done
run vfpool -V
check "vfpool -V prints the version" grep -qE '^vfpool [^ ]+$' <<<"$out"

# --- bad arguments: the object's usage on stderr, exit 1, stdout empty.
# The full table runs on the host (tools/vfpool/test-cli.sh, make check):
# usage errors never reach the kernel. Here a few, to see the same in the VM.
before=$(state)
while IFS='|' read -r obj args why; do
	# shellcheck disable=SC2086
	run vfpool $args
	if [[ $rc == 1 && -z $out && $err == *"$why"* && $err == *"Usage: vfpool $obj"* ]]; then
		ok "vfpool $args: exit 1, \"$why\", usage of $obj"
	else
		not_ok "vfpool $args: exit 1, \"$why\", usage of $obj"
		echo "#   exit $rc, stdout '$out'"
		echo "$err" | sed 's/^/#   /'
	fi
done <<EOF
pool|pool add|a pool name is needed
member|member add $P dev $m1 pci 00:01.0|dev and pci exclude each other
lease|lease add pool $P owner x vlan 4096|expected a number from 0 to 4095
monitor|monitor frob|unknown command "frob"
EOF
run vfpool frob
check_eq "an unknown object: exit 1, the main usage" \
	"$rc:$(grep -c '^Usage: vfpool \[-j|--json\]' <<<"$err")" 1:1
run vfpool
check_eq "no object: exit 1, the main usage" "$rc:$(grep -c '^Usage: vfpool ' <<<"$err")" 1:1
run vfpool --frob pool show
check_eq "an unknown option: exit 1, the main usage" "$rc:$(grep -c '^Usage: vfpool ' <<<"$err")" 1:1
check_unchanged "no bad argument changed anything" "$before"

# --- kernel errors: errno text, then the extack verbatim; exit 1
# "ARGS|TEXT": stderr is "vfpool: OBJECT COMMAND: TEXT..."
while IFS='|' read -r args want; do
	# shellcheck disable=SC2086
	run vfpool $args
	if [[ $rc == 1 && -z $out && $err == "vfpool: "*": $want"* ]]; then
		ok "vfpool $args: exit 1, \"$want\""
	else
		not_ok "vfpool $args: exit 1, \"$want\""
		echo "#   exit $rc, stdout '$out'"
		echo "$err" | sed 's/^/#   /'
	fi
done <<EOF
pool add $P|File exists: vfpool: pool name: a pool of that name exists
pool show nosuch$nsid|No such file or directory
pool del $P|Device or resource busy: vfpool: pool has leases; end them or delete with force
member del $P dev $m1|Device or resource busy: vfpool: member is leased; end its lease first
lease add dev $m0 owner podB ifname net1 netns /run/netns/a$nsid|Device or resource busy: vfpool: 
lease add pool $P owner podC ifname e%d netns /run/netns/a$nsid count 3|No space left on device: vfpool: pool-name: not enough free members
lease add pool nosuch$nsid owner podC|No such file or directory: vfpool: pool-name: no such pool
lease show id 999999999|No such file or directory
EOF
run vfpool lease add dev $m0 owner podB ifname net1 netns /run/netns/a$nsid
check "EBUSY names the holder (owner or lease id)" grep -qE 'owner podA|lease id' <<<"$err"
run vfpool lease add pool $P owner podC netns /nonexistent$nsid ifname e0
check_eq "a netns path that cannot be opened: exit 1, says which" \
	"$rc:$(grep -c "cannot open netns \"/nonexistent$nsid\"" <<<"$err")" 1:1
if command -v setpriv >/dev/null; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/ \
		"$(command -v vfpool)" pool add x$nsid
	check_eq "as nobody: exit 1, EPERM says CAP_NET_ADMIN is needed" \
		"$rc:$(grep -c 'Operation not permitted (vfpool needs CAP_NET_ADMIN' <<<"$err")" 1:1
	run setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/ \
		"$(command -v vfpool)" pool show $P
	check_eq "as nobody: show is refused too, exit 1, saying why" \
		"$rc:$(grep -c 'Operation not permitted (vfpool needs CAP_NET_ADMIN' <<<"$err")" 1:1
else
	ok "EPERM as nobody # SKIP setpriv is missing"
fi
run vfpool lease del owner nobody-holds-this-$nsid
check_eq "a lease del that matches nothing: exit 0, nothing printed" "$rc:$out:$err" 0::

# --- plain output: one line per object, aligned, states in words
for cmd in "pool show" "member show pool $P" "lease show"; do
	# shellcheck disable=SC2086
	run vfpool $cmd
	check "vfpool $cmd: exit 0, columns aligned" aligned <<<"$out"
done
check_eq "member show: one line per member, states in words" \
	"$(vfpool member show pool $P | awk 'NR > 1 { print $8 }' | sort | uniq -c | awk '{ printf "%s %s ", $1, $2 }')" \
	"2 free 2 leased "
check_eq "lease show: the title line" \
	"$(vfpool lease show | head -n 1 | tr -s ' ')" "ID POOL OWNER IFNAME NETWORK MEMBER PF VF NETNS MAC VLAN BOND"
check_eq "pool show: the title line" \
	"$(vfpool pool show | head -n 1 | tr -s ' ')" "NAME PF PCI TOTAL FREE LEASED GONE"
check_eq "member show: the title line" \
	"$(vfpool member show | head -n 1 | tr -s ' ')" "POOL PCI DEV PF VF NUMA DRIVER STATE LEASE OWNER"

# --- -j: valid JSON, one line, an array; -p: the same, pretty
for cmd in "pool show $P" "member show pool $P" "lease show" "lease show id $id"; do
	# shellcheck disable=SC2086
	j=$(vfpool -j $cmd)
	# shellcheck disable=SC2086
	p=$(vfpool -p $cmd)
	check_eq "vfpool -j $cmd: one line of a JSON array" \
		"$(wc -l <<<"$j"):$(jq -r type <<<"$j" 2>&1)" 1:array
	check_eq "vfpool -p $cmd: the same JSON over several lines" \
		"$(jq -cS . <<<"$p" 2>&1):$(($(wc -l <<<"$p") > 1))" "$(jq -cS . <<<"$j"):1"
done
check_eq "--json and --pretty are -j and -p" \
	"$(vfpool --json pool show $P):$(vfpool --pretty pool show $P | jq -c .)" \
	"$(vfpool -j pool show $P):$(vfpool -j pool show $P)"

# The documented keys (vfpool(8)), always all there, in this order.
pool_keys='["name","pf_ifname","pf_ifindex","pf_pci","total","free","leased","gone","irq_policy","irq_cpus","irq_banned_cpus"]'
member_keys='["pool","pci","ifname","ifindex","pf_ifname","pf_ifindex","pf_pci","vf_index","numa_node","driver","state","lease_id","owner_id"]'
lease_keys='["id","pool","owner_id","ifname","ifindex","netns_cookie","network","member","vf_config","saved_config","bond","bond_ifindex","bond_external"]'
vf_keys='["mac","vlan","vlan_qos","vlan_proto","spoofchk","trust","link_state","min_tx_rate","max_tx_rate","mtu"]'
check_eq "pool JSON keys" "$(vfpool -j pool show $P | jq -c '.[0] | keys_unsorted')" "$pool_keys"
check_eq "member JSON keys" "$(vfpool -j member show pool $P | jq -c '[.[] | keys_unsorted] | unique | .[]')" "$member_keys"
l=$(vfpool -j lease show id $id)
check_eq "lease JSON keys" "$(jq -c '.[0] | keys_unsorted' <<<"$l")" "$lease_keys"
check_eq "lease member JSON keys" "$(jq -c '.[0].member | keys_unsorted' <<<"$l")" "$member_keys"
if [[ -n ${PF:-} ]]; then
	check_eq "lease saved_config JSON keys" "$(jq -c '.[0].saved_config | keys_unsorted' <<<"$l")" "$vf_keys"
fi

# Field by field against the kernel's own view.
check_eq "pool counts" "$(vfpool -j pool show $P | jq -r '.[0] | "\(.name) \(.total) \(.free) \(.leased) \(.gone)"')" "$P 4 2 2 0"
check_eq "lease ifindex is net1's in the owner netns" \
	"$(jq -r '.[0].ifindex' <<<"$l")" "$(ip netns exec a$nsid cat /sys/class/net/net1/ifindex)"
check_eq "lease ifname, owner, pool" "$(jq -r '.[0] | "\(.ifname) \(.owner_id) \(.pool)"' <<<"$l")" "net1 podA $P"
check_eq "lease member is $m0" "$(jq -r '.[0].member.ifname' <<<"$l")" "$m0"
check_eq "member ifindex is the netdev's" \
	"$(vfpool -j member show pool $P | jq -r --arg m $m1 '.[] | select(.ifname == $m) | .ifindex')" \
	"$(cat /sys/class/net/$m1/ifindex)"
check_eq "member lease_id and owner_id of a leased member" \
	"$(vfpool -j member show pool $P | jq -r --arg m $m0 '.[] | select(.ifname == $m) | "\(.state) \(.lease_id) \(.owner_id)"')" \
	"leased $id podA"
check_eq "a free member has null lease_id and owner_id" \
	"$(vfpool -j member show pool $P | jq -r '[.[] | select(.state == "free") | .lease_id, .owner_id] | unique | .[]')" null
check_eq "a pool without PF has null pf_ifname, pf_pci" \
	"$(vfpool -j pool show $P | jq -c '.[0] | [.pf_ifname, .pf_pci]')" '[null,null]'
check "lease add -j prints the lease as a JSON array" \
	bash -c "vfpool -j lease add dev $m0 owner podA ifname net1 netns /run/netns/a$nsid | jq -e '.[0].id == $id'"
out=$(vfpool -j lease del owner a-rather-long-owner-id-$nsid)
check_eq "lease del -j prints the leases it ended" "$(jq -r '.[0].member.ifname' <<<"$out")" "$m1"
vfpool lease del owner podA >/dev/null

# --- monitor: one line per event with a timestamp; -j and "json": one
# JSON object per line; SIGINT ends it with exit 0.
vfpool monitor >"$tmpd/mon" 2>"$tmpd/mon.err" &
mon=$!
vfpool -j monitor >"$tmpd/mon.j" 2>&1 &
monj=$!
vfpool monitor json >"$tmpd/mon.json" 2>&1 &
monjson=$!
# Subscribed once a throwaway pool's events show in all three; the lines
# before that are left out.
for i in $(seq 100); do
	vfpool pool add w${nsid}_$i && vfpool pool del w${nsid}_$i
	sleep 0.1
	grep -q "pool-del pool w${nsid}_$i" "$tmpd/mon" &&
		grep -qE "pool-del.*\"w${nsid}_$i\"" "$tmpd/mon.j" &&
		grep -qE "pool-del.*\"w${nsid}_$i\"" "$tmpd/mon.json" && break
done
skip=$(wc -l <"$tmpd/mon") skipj=$(wc -l <"$tmpd/mon.j") skipjson=$(wc -l <"$tmpd/mon.json")
check "the monitors are subscribed" test "$skip" -gt 0 -a "$skipj" -gt 0 -a "$skipjson" -gt 0
M=mo$nsid
ip link add mm$nsid type dummy
cleanups+=("ip link del mm$nsid")
vfpool pool add $M
vfpool member add $M dev mm$nsid
vfpool lease add pool $M owner podM ifname net2 netns /run/netns/a$nsid >/dev/null
vfpool lease del owner podM >/dev/null
vfpool lease add pool $M owner podM ifname net2 netns /run/netns/a$nsid >/dev/null
vfpool pool del $M force
for _ in $(seq 100); do
	grep -q "pool-del pool $M" "$tmpd/mon" &&
		grep -qE "pool-del.*\"$M\"" "$tmpd/mon.j" &&
		grep -qE "pool-del.*\"$M\"" "$tmpd/mon.json" && break
	sleep 0.1
done
kill -INT $mon $monj $monjson
wait $mon; rc=$?
wait $monj; rcj=$?
wait $monjson; rcjson=$?
check_eq "SIGINT ends the monitors with exit 0" "$rc $rcj $rcjson" "0 0 0"
check_eq "... with nothing on stderr" "$(cat "$tmpd/mon.err")" ""
tail -n +$((skip + 1)) "$tmpd/mon" >"$tmpd/m"
tail -n +$((skipj + 1)) "$tmpd/mon.j" >"$tmpd/mj"
tail -n +$((skipjson + 1)) "$tmpd/mon.json" >"$tmpd/mjson"
sed 's/^/#   /' "$tmpd/m"
ts='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}[+-][0-9]{4}'
check_eq "every line starts with a timestamp and an event" \
	"$(grep -cvE "^$ts [a-z-]+ " "$tmpd/m")" 0
# in_order FILE WORD...: the lines' second words hold WORD... in order.
in_order() {
	local f=$1
	shift
	awk -v want="$*" 'BEGIN { n = split(want, w, " "); k = 1 }
		k <= n && $2 == w[k] { k++ } END { exit k <= n }' "$f"
}
check "events in order: pool-new member-add lease-granted lease-released lease-granted lease-reclaimed pool-del" \
	in_order "$tmpd/m" pool-new member-add lease-granted lease-released lease-granted lease-reclaimed pool-del
check "the release says reason request" grep -qE "^$ts lease-released reason request lease [0-9]+ .*owner podM" "$tmpd/m"
check "the forced pool del says reason pool-deleted" grep -qE "^$ts lease-reclaimed reason pool-deleted " "$tmpd/m"
check "the grant names owner, ifname and member" \
	grep -qE "^$ts lease-granted lease [0-9]+ pool $M owner podM ifname net2 member mm$nsid" "$tmpd/m"
for f in mj mjson; do
	name=$([[ $f == mj ]] && echo "vfpool -j monitor" || echo "vfpool monitor json")
	check_eq "$name: one JSON object per line" \
		"$(jq -c 'type' "$tmpd/$f" 2>&1 | sort -u)" '"object"'
	check_eq "$name: the same events as the plain lines" \
		"$(jq -r .event "$tmpd/$f" | tr '\n' ' ')" "$(awk '{ print $2 }' "$tmpd/m" | tr '\n' ' ')"
	check_eq "$name: every object has a timestamp" \
		"$(jq -r .timestamp "$tmpd/$f" | grep -cvE "^$ts\$")" 0
	check_eq "$name: reasons only where a lease ends" \
		"$(jq -r 'select(.reason != null) | "\(.event) \(.reason)"' "$tmpd/$f" | tr '\n' ' ')" \
		"lease-released request lease-reclaimed pool-deleted "
	check_eq "$name: the lease object of the grant" \
		"$(jq -r 'select(.event == "lease-granted") | .lease | "\(.owner_id) \(.ifname) \(.member.ifname)"' "$tmpd/$f" | head -n 1)" \
		"podM net2 mm$nsid"
done

# --- hundreds of leases: lease show prints them all. They are made by
# selftests/bin/scale (libvfpool, one process: hundreds of CLI runs take
# too long under emulation); what is tested is the CLI's listing.
H=h$nsid
for ((i = 0; i < N; i++)); do echo "link add h${nsid}_$i type dummy"; done >"$tmpd/add"
for ((i = 0; i < N; i++)); do echo "link del h${nsid}_$i"; done >"$tmpd/del"
scale="$(dirname "$0")/../bin/scale"
if [[ ! -x $scale ]]; then
	ok "hundreds of leases # SKIP $scale is not built"
elif ! ip -batch "$tmpd/add" >/dev/null; then
	ok "hundreds of leases # SKIP cannot create $N dummy netdevs"
else
	cleanups+=("ip -batch $tmpd/del")
	"$scale" $H "h${nsid}_" "$N" grant >"$tmpd/scale" 2>&1
	check_eq "$N members of pool $H leased, one owner each (selftests/bin/scale)" "$?" 0
	sed 's/^/#   /' "$tmpd/scale" | grep -v '^#   ok' || true
	check_eq "vfpool -j lease show pool $H: all $N, each id once" \
		"$(vfpool -j lease show pool $H | jq '[.[].id] | unique | length')" "$N"
	run vfpool lease show pool $H
	check_eq "vfpool lease show pool $H: a title and $N lines" "$rc $(wc -l <<<"$out")" "0 $((N + 1))"
	check "... aligned" aligned <<<"$out"
	check_eq "... every owner once" "$(awk 'NR > 1 { print $3 }' <<<"$out" | sort -u | wc -l)" "$N"
	check_eq "vfpool lease show (every pool) has them too" \
		"$(vfpool -j lease show | jq --arg p $H '[.[] | select(.pool == $p)] | length')" "$N"
	check_eq "vfpool -p lease show pool $H: all $N" "$(vfpool -p lease show pool $H | jq length)" "$N"
	check_eq "vfpool l s o scale-7: just that one" \
		"$(vfpool -j l s o scale-7 | jq -r '[.[].owner_id] | join(" ")')" scale-7
	check_eq "vfpool member show pool $H: $N leased lines" \
		"$(vfpool member show pool $H | awk 'NR > 1 && $8 == "leased"' | wc -l)" "$N"
	check_eq "pool show counts them" "$(vfpool -j pool show $H | jq -r '.[0] | "\(.total) \(.leased)"')" "$N $N"
	check "pool del force ends them all" vfpool pool del $H force
	check_eq "... no lease of $H left" "$(vfpool -j lease show pool $H | jq length)" 0
fi

# --- exit 2: the module is not loaded (and unloaded under a monitor)
ko=${VFPOOL_KO:-}
if [[ -z $ko || ! -f $ko ]]; then
	ok "exit 2 without the module # SKIP VFPOOL_KO (the module to insmod again) is not set"
elif ! grep -q '^vfpool ' /proc/modules; then
	ok "exit 2 without the module # SKIP vfpool is not a loaded module"
elif [[ $(cat /sys/module/vfpool/refcnt) != 0 ]]; then
	ok "exit 2 without the module # SKIP something holds the module (refcnt $(cat /sys/module/vfpool/refcnt))"
else
	cleanups=("grep -q '^vfpool ' /proc/modules || insmod $ko" "${cleanups[@]}")
	vfpool monitor >"$tmpd/mon" 2>"$tmpd/mon.err" &
	mon=$!
	for i in $(seq 100); do
		vfpool pool add z${nsid}_$i && vfpool pool del z${nsid}_$i
		sleep 0.1
		grep -q "pool-del pool z${nsid}_$i" "$tmpd/mon" && break
	done
	check "rmmod vfpool (nothing holds it)" rmmod vfpool
	for cmd in "pool show" "l s" "member add x dev lo" "lease del owner x" "monitor"; do
		# shellcheck disable=SC2086
		run vfpool $cmd
		check_eq "without the module, vfpool $cmd: exit 2, what to do" \
			"$rc:$err" "2:vfpool: kernel module not loaded (modprobe vfpool)"
	done
	run vfpool lease frob
	check_eq "without the module, a bad argument is still exit 1" "$rc" 1
	for _ in $(seq 50); do
		kill -0 $mon 2>/dev/null || break
		sleep 0.1
	done
	kill -0 $mon 2>/dev/null && kill -INT $mon
	wait $mon
	rc=$?
	check_eq "a monitor running when the module went away: exit 2" \
		"$rc:$(cat "$tmpd/mon.err")" "2:vfpool: monitor: kernel module unloaded"
	check "insmod brings it back" insmod "$ko"
	check "vfpool pool show works again" vfpool pool show
fi
ksft_finish
