#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Privilege: every command of include/uapi/linux/vfpool.h, table-driven.
#
# Every command needs CAP_NET_ADMIN in the initial user namespace
# (GENL_ADMIN_PERM), and so does joining the "events" group
# (GENL_MCAST_CAP_NET_ADMIN): sent as root of an unprivileged user
# namespace (with and without a netns of its own) or as a non-root user,
# each fails with EPERM and changes nothing. A command the header has and
# the table below does not classify fails the test, so a new command
# cannot slip in without a decision.
#
# Decision for the read-only commands (POOL_GET, MEMBER_GET, LEASE_GET,
# IRQ_GET, do and dump) and the events: they need CAP_NET_ADMIN too (see
# the UAPI header and vfpool(8)). Pools, members and leases are the
# host's, and what they carry (container ids, netns cookies, ifnames,
# MACs, VLANs, bonds) belongs to every tenant; unlike "ip link", there is
# no netns of the caller's own to filter by, as every pool lives in the
# initial netns. Root in a container's user namespace sees none of it.
source "$(dirname "$0")/lib.sh"

tree=$(cd "$(dirname "$0")/../.." && pwd)
hdr=$tree/include/uapi/linux/vfpool.h
spec=$tree/Documentation/netlink/specs/vfpool.yaml

# The classification: admin (mutating, needs CAP_NET_ADMIN) or read.
declare -A class=(
	[POOL_NEW]=admin [POOL_DEL]=admin [POOL_GET]=read
	[MEMBER_ADD]=admin [MEMBER_DEL]=admin [MEMBER_GET]=read
	[LEASE_NEW]=admin [LEASE_DEL]=admin [LEASE_GET]=read
	[IRQ_SET]=admin [IRQ_GET]=read
	[BOND_ENSLAVE]=admin [BOND_RELEASE]=admin
)

# --- the header's commands, and their values (the enum has none explicit)
enum=$(sed -n '/^enum vfpool_cmd {/,/^};/p' "$hdr")
mapfile -t all < <(echo "$enum" | grep -oE '^\s*VFPOOL_CMD_[A-Z0-9_]+' | sed 's/^\s*VFPOOL_CMD_//')
check_eq "the command enum has no explicit values before MAX" \
	"$(echo "$enum" | grep -E '^\s*VFPOOL_CMD_' | grep -v '^\s*VFPOOL_CMD_MAX\b' | grep -c '=')" 0
declare -A value=()
cmds=()
for i in "${!all[@]}"; do
	c=${all[i]}
	value[$c]=$i
	[[ $c == UNSPEC || $c == MAX || $c == *_NTF ]] && continue
	cmds+=("$c")
done
check "the header has commands" test ${#cmds[@]} -gt 0
echo "# commands in the header: ${cmds[*]}"

for c in "${cmds[@]}"; do
	case ${class[$c]:-} in
	admin) ok "VFPOOL_CMD_$c is classified: mutating (admin)" ;;
	read)
		if [[ $c == *_GET ]]; then
			ok "VFPOOL_CMD_$c is classified: read-only (admin too)"
		else
			not_ok "VFPOOL_CMD_$c is classified read-only but is not a GET"
		fi
		;;
	*)
		not_ok "VFPOOL_CMD_$c is classified"
		echo "#   add it to the table in $0: admin (needs GENL_ADMIN_PERM) or read"
		;;
	esac
done
for c in "${!class[@]}"; do
	[[ " ${cmds[*]} " == *" $c "* ]] || not_ok "table entry $c is a command of the header"
done

# --- the ynl CLI (copied where the unprivileged users can read it)
have_ynl=1
no_ynl="VFPOOL_YNL is unset (tools/ynl prints it)"
if [[ -z ${VFPOOL_YNL:-} || ! -f ${VFPOOL_YNL:-}/tools/net/ynl/cli.py ]]; then
	have_ynl=0
elif ! python3 -c 'import yaml' 2>/dev/null; then
	have_ynl=0
	no_ynl="python3-yaml is missing"
else
	# Processes are slow to start in the test VM: the requests of one
	# context go to one process, selftests/vfpool/ynl-batch.py.
	mkdir -p "$tmpd/y/tools/net"
	cp -r "$VFPOOL_YNL/tools/net/ynl" "$tmpd/y/tools/net/ynl"
	cp "$spec" "$tmpd/vfpool.yaml"
	cp "$(dirname "$0")/ynl-batch.py" "$tmpd/"
	chmod -R a+rX "$tmpd"
fi
sep=$'\x1f'
# batch CTX-PREFIX COMMAND...: run the queued $tmpd/cases in one process
# (COMMAND... prefixes it: unshare, setpriv) and report its results.
batch() {
	local prefix=$1 line
	shift
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "$prefix${line#ok }" ;;
		"not_ok "*) not_ok "$prefix${line#not_ok }" ;;
		*) echo "$line" ;;
		esac
	done < <("$@" env VFPOOL_YNL="$tmpd/y" python3 "$tmpd/ynl-batch.py" "$tmpd/vfpool.yaml" \
		 <"$tmpd/cases" 2>&1)
}
op_name() {
	local o=${1,,}
	echo "${o//_/-}"
}

# --- what the kernel registered: every op of the family and its flags
if ((have_ynl)); then
	kops=$(python3 "$tmpd/y/tools/net/ynl/cli.py" --no-schema --output-json \
		--spec "$VFPOOL_YNL/Documentation/netlink/specs/nlctrl.yaml" \
		--do getfamily --json '{"family-name": "vfpool"}' |
		jq -r '.ops[] | to_entries[] | .value |
		       "\(.id) \(if (.flags // [] | index("admin-perm")) then "admin" else "read" end)"')
	check "nlctrl lists the family's ops" test -n "$kops"
	for c in "${cmds[@]}"; do
		got=$(echo "$kops" | awk -v id="${value[$c]}" '$1 == id { print $2 }')
		check_eq "the kernel's VFPOOL_CMD_$c has GENL_ADMIN_PERM" \
			"${got:-not registered}" admin
	done
	while read -r id _; do
		[[ -n $id ]] || continue
		[[ -n ${all[id]:-} && ${all[id]} != *_NTF && ${all[id]} != UNSPEC ]] ||
			not_ok "the kernel's op $id is a command of the header"
	done <<<"$kops"
else
	ok "the kernel's ops match the table # SKIP $no_ynl"
fi

# --- the objects the requests aim at
P=p$nsid
E=e$nsid
x=x$nsid
m0=d${nsid}_0
m1=d${nsid}_1
vfpool pool add $P
dummies $P 2
vfpool pool add $E
ip link add $x type dummy
cleanups+=("ip link del $x")
hold=$(vfpool -j lease add dev $m1 owner holder$nsid | jq -r '.[0].id')
check "setup: $m1 is leased to holder$nsid" test -n "$hold"
# For the bond requests: a lease moved into a netns with a bond in it.
B=b$nsid
vfpool pool add $B
ip link add bm$nsid type dummy
cleanups+=("ip link del bm$nsid")
vfpool member add $B dev bm$nsid
netns bn$nsid
modprobe -q bonding 2>/dev/null
ip -n bn$nsid link add bond0 type bond
vfpool lease add pool $B owner bonder$nsid ifname eth0 netns /run/netns/bn$nsid >/dev/null
check "setup: bonder$nsid's eth0 is in a netns with bond0" ip -n bn$nsid link show eth0

# Each mutating command: a request (ynl JSON and vfpool CLI) that root
# could run successfully right now.
declare -A req=(
	[POOL_NEW]='{"pool": {"name": "n'$nsid'"}}'
	[POOL_DEL]='{"pool": {"name": "'$E'"}}'
	[MEMBER_ADD]='{"member": {"pool-name": "'$P'", "ifname": "'$x'"}}'
	[MEMBER_DEL]='{"member": {"pool-name": "'$P'", "ifname": "'$m0'"}}'
	[LEASE_NEW]='{"lease": {"pool-name": "'$P'", "owner-id": "priv'$nsid'"}}'
	[LEASE_DEL]='{"lease": {"owner-id": "holder'$nsid'"}}'
	[IRQ_SET]='{"irq": {"pool-name": "'$P'", "policy": "spread"}}'
	[BOND_ENSLAVE]='{"bond": {"owner-id": "bonder'$nsid'", "ifname": "bond0", "link": ["eth0"]}}'
	[BOND_RELEASE]='{"bond": {"owner-id": "bonder'$nsid'", "ifname": "bond0"}}'
)
declare -A cli=(
	[POOL_NEW]="pool add n$nsid"
	[POOL_DEL]="pool del $E"
	[MEMBER_ADD]="member add $P dev $x"
	[MEMBER_DEL]="member del $P dev $m0"
	[LEASE_NEW]="lease add pool $P owner priv$nsid"
	[LEASE_DEL]="lease del owner holder$nsid"
	[IRQ_SET]="irq set pool $P policy spread"
	[BOND_ENSLAVE]="bond enslave bond0 owner bonder$nsid link eth0"
	[BOND_RELEASE]="bond release bond0 owner bonder$nsid"
)
# Each read-only command: a do request (ynl JSON; MEMBER_GET has none),
# and vfpool CLI reads (do and dump).
declare -A get_req=(
	[POOL_GET]='{"pool": {"name": "'$P'"}}'
	[LEASE_GET]='{"lease": {"id": '$hold'}}'
	[IRQ_GET]='{"irq": {"pool-name": "'$P'"}}'
)
declare -A reads=(
	[POOL_GET]="pool show|pool show $P"
	[MEMBER_GET]="member show|member show pool $P"
	[LEASE_GET]="lease show|lease show id $hold|lease show owner holder$nsid"
	[IRQ_GET]="irq show|irq show pool $P"
)

# --- the unprivileged contexts
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/)
declare -A ctx_cmd=(
	[userns]="unshare -Ur --"
	[userns+netns]="unshare -Urn --"
	[nobody]="${nobody[*]}"
)
ctxs=(userns userns+netns nobody)
declare -A ctx_ok=()
for ctx in "${ctxs[@]}"; do
	tool=${ctx_cmd[$ctx]%% *}
	if ! command -v "$tool" >/dev/null || ! command -v unshare >/dev/null; then
		ok "context $ctx works # SKIP $tool or unshare is missing"
	elif why=$(${ctx_cmd[$ctx]} sh -c 'id -u; grep CapEff /proc/self/status' 2>&1); then
		ctx_ok[$ctx]=1
		ok "context $ctx works ($(echo $why))"
	else
		ok "context $ctx works # SKIP $(echo $why)"
	fi
done
if [[ -n ${ctx_ok[nobody]:-} ]]; then
	check_eq "the nobody context has no capabilities" \
		"$(${ctx_cmd[nobody]} grep CapEff /proc/self/status | awk '{ print $2 }')" 0000000000000000
fi

# Each context gets every request, through ynl and the CLI, and tries to
# join the events group: all fail with EPERM, and the batch checks after
# each that nothing changed (root checks the family's state after it).
base=$(state)
for ctx in "${ctxs[@]}"; do
	[[ -n ${ctx_ok[$ctx]:-} ]] || continue
	: >"$tmpd/cases"
	for c in "${cmds[@]}"; do
		[[ ${class[$c]:-} == admin ]] || continue
		if [[ -z ${req[$c]:-} || -z ${cli[$c]:-} ]]; then
			not_ok "VFPOOL_CMD_$c has a request in the table"
			continue
		fi
		if ((have_ynl)); then
			echo "ynl$sep$(op_name $c) (ynl): EPERM${sep}Operation not permitted$sep$(op_name $c)$sep${req[$c]}" \
				>>"$tmpd/cases"
		else
			ok "$ctx: $(op_name $c) (ynl): EPERM # SKIP $no_ynl"
		fi
		if [[ $ctx == *netns && $c == MEMBER_ADD ]]; then
			ok "$ctx: vfpool ${cli[$c]} # SKIP the CLI looks DEV up in its own netns"
		elif ((have_ynl)); then
			echo "cli${sep}vfpool ${cli[$c]}: EPERM${sep}Operation not permitted$sep$tree/tools/vfpool/vfpool$sep${cli[$c]// /$sep}" \
				>>"$tmpd/cases"
		else
			# shellcheck disable=SC2086
			check_fail "$ctx: vfpool ${cli[$c]}: EPERM" "Operation not permitted" \
				${ctx_cmd[$ctx]} "$tree/tools/vfpool/vfpool" ${cli[$c]}
		fi
	done
	for c in "${cmds[@]}"; do
		[[ ${class[$c]:-} == read ]] || continue
		if ((have_ynl)); then
			echo "dump$sep$(op_name $c) dump (ynl): EPERM${sep}Operation not permitted$sep$(op_name $c)$sep{}" >>"$tmpd/cases"
			[[ -n ${get_req[$c]:-} ]] &&
				echo "ynl$sep$(op_name $c) do (ynl): EPERM${sep}Operation not permitted$sep$(op_name $c)$sep${get_req[$c]}" >>"$tmpd/cases"
		else
			ok "$ctx: $(op_name $c) (ynl): EPERM # SKIP $no_ynl"
		fi
		IFS='|' read -ra rs <<<"${reads[$c]:-}"
		for r in "${rs[@]}"; do
			if ((have_ynl)); then
				echo "cli${sep}vfpool $r: EPERM${sep}Operation not permitted$sep$tree/tools/vfpool/vfpool$sep-j$sep${r// /$sep}" \
					>>"$tmpd/cases"
			else
				# shellcheck disable=SC2086
				check_fail "$ctx: vfpool $r: EPERM" "Operation not permitted" \
					${ctx_cmd[$ctx]} "$tree/tools/vfpool/vfpool" -j $r
			fi
		done
	done
	# Events: joining the group, through ynl and vfpool monitor (which
	# would wait for events forever, hence the timeout). In a netns of
	# its own, the userns's root passes the kernel's check (it owns that
	# netns), and the group is empty there: events go to the initial
	# netns only. That is checked below, as root makes events.
	if [[ $ctx == *netns ]]; then
		:
	elif ((have_ynl)); then
		echo "sub${sep}joining the events group (ynl): EPERM${sep}Operation not permitted${sep}events" >>"$tmpd/cases"
		echo "cli${sep}vfpool monitor: EPERM${sep}Operation not permitted${sep}timeout${sep}10$sep$tree/tools/vfpool/vfpool${sep}monitor" \
			>>"$tmpd/cases"
	else
		# shellcheck disable=SC2086
		check_fail "$ctx: vfpool monitor: EPERM" "Operation not permitted" \
			${ctx_cmd[$ctx]} timeout 10 "$tree/tools/vfpool/vfpool" monitor
	fi
	# shellcheck disable=SC2086
	((have_ynl)) && batch "$ctx: " ${ctx_cmd[$ctx]}
	if [[ $ctx == *netns ]]; then
		# shellcheck disable=SC2086
		${ctx_cmd[$ctx]} "$tree/tools/vfpool/vfpool" -j monitor >"$tmpd/nsmon" 2>&1 &
		nsmon=$!
		cleanups+=("kill $nsmon")
		if blocked_in $nsmon ppoll poll; then
			# Multicast is delivered while the sender's request runs:
			# once these return, a listener that gets events has them.
			vfpool pool add ev$nsid && vfpool pool del ev$nsid
			sleep 1
			check_eq "$ctx: vfpool monitor in its own netns gets no event" \
				"$(cat "$tmpd/nsmon")" ""
		else
			check_fail "$ctx: vfpool monitor: EPERM" "Operation not permitted" cat "$tmpd/nsmon"
		fi
		kill $nsmon 2>/dev/null
	fi
	failed=$ksft_failed
	check_unchanged "$ctx: after all of it, the whole state is what it was" "$base"
	((ksft_failed == failed)) || base=$(state)
done

# --- read-only commands: each has reads in the table (run in the batches above)
for c in "${cmds[@]}"; do
	[[ ${class[$c]:-} == read && -z ${reads[$c]:-} ]] &&
		not_ok "VFPOOL_CMD_$c has reads in the table"
done

# --- root reads and joins (so the unprivileged ones were valid requests)
for c in "${cmds[@]}"; do
	[[ ${class[$c]:-} == read ]] || continue
	IFS='|' read -ra rs <<<"${reads[$c]:-}"
	for r in "${rs[@]}"; do
		# shellcheck disable=SC2086
		check "root: vfpool $r works" vfpool -j $r
	done
done
check_eq "root: the reads show the pool" "$(vfpool -j pool show $P | jq -r '.[0].name')" $P
if ((have_ynl)); then
	: >"$tmpd/cases"
	echo "sub${sep}root: joining the events group (ynl) works$sep+subscribed${sep}events" >>"$tmpd/cases"
	for c in "${cmds[@]}"; do
		[[ ${class[$c]:-} == read ]] || continue
		echo "dump${sep}root: $(op_name $c) dump (ynl) works$sep+$sep$(op_name $c)$sep{}" >>"$tmpd/cases"
		[[ -n ${get_req[$c]:-} ]] &&
			echo "ynl${sep}root: $(op_name $c) do (ynl) works$sep+$sep$(op_name $c)$sep${get_req[$c]}" >>"$tmpd/cases"
	done
	batch ""
fi

# --- and root may send each of those requests (so they were valid ones)
: >"$tmpd/cases"
for c in "${cmds[@]}"; do
	[[ ${class[$c]:-} == admin && -n ${req[$c]:-} ]] || continue
	if ((have_ynl)); then
		echo "ynl${sep}root: the same $(op_name $c) request succeeds$sep+$sep$(op_name $c)$sep${req[$c]}" >>"$tmpd/cases"
	else
		# shellcheck disable=SC2086
		check "root: the same vfpool ${cli[$c]} succeeds" vfpool ${cli[$c]}
	fi
done
((have_ynl)) && batch ""
check_eq "... and they did what they say" \
	"$(vfpool -j pool show | jq -r '[.[].name] | sort | join(" ")')" "$B n$nsid $P"
check_eq "... $P's IRQ policy is spread" "$(vfpool -j pool show $P | jq -r '.[0].irq_policy')" spread
check_eq "... priv$nsid holds $x, holder$nsid nothing" \
	"$(vfpool -j lease show pool $P | jq -r '[.[] | "\(.owner_id) \(.member.ifname)"] | join(",")')" \
	"priv$nsid $x"
check_eq "... bond0 was given eth0 and let it go" \
	"$(ip netns exec bn$nsid cat /sys/class/net/bond0/bonding/slaves)" ""
ksft_finish
