#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad input: every request below is refused with a clear error (errno text
# and the kernel's extack, or the CLI's own message) and changes nothing.
# Where the CLI refuses a value before asking, the raw value is also sent
# through the kernel's ynl CLI (VFPOOL_YNL), so the kernel's own policy
# and checks are tested too; those checks skip without it.
source "$(dirname "$0")/lib.sh"

spec=$(cd "$(dirname "$0")/../.." && pwd)/Documentation/netlink/specs/vfpool.yaml
hdr=$(cd "$(dirname "$0")/../.." && pwd)/include/uapi/linux/vfpool.h
have_ynl=1
no_ynl="VFPOOL_YNL is unset (tools/ynl prints it)"
if [[ -z ${VFPOOL_YNL:-} || ! -f ${VFPOOL_YNL:-}/tools/net/ynl/cli.py ]]; then
	have_ynl=0
elif ! python3 -c 'import yaml' 2>/dev/null; then
	have_ynl=0
	no_ynl="python3-yaml is missing"
fi
# Attribute values of the UAPI header's enums (for miss-type), no forks.
declare -A aval=()
en=
while read -r line; do
	if [[ $line =~ ^enum\ (vfpool_[a-z_]+)\ \{ ]]; then
		en=${BASH_REMATCH[1]}
		i=0
	elif [[ $line == "};"* ]]; then
		en=
	elif [[ -n $en && $line =~ ^(VFPOOL_[A-Z0-9_]+) ]]; then
		aval[${BASH_REMATCH[1]}]=$i
		i=$((i + 1))
	fi
done <"$hdr"

# Processes are slow to start in the test VM: the cases are queued and
# run by one process, selftests/vfpool/ynl-batch.py, which checks after
# each one that the pools, members, leases and netdevs are unchanged.
sep=$'\x1f'
cases=$tmpd/cases
: >"$cases"
ynl_kind=ynl
# bad DESC 'WANT|WANT...' COMMAND...: fails, its output has every WANT,
# and nothing changed.
bad() {
	local IFS=$sep
	echo "cli$sep$*" >>"$cases"
}
# kbad DESC OP JSON 'WANT|...': the kernel itself refuses this raw request.
kbad() {
	echo "$ynl_kind$sep$1 (ynl)$sep$4$sep$2$sep$3" >>"$cases"
}
run_cases() {
	local kind desc wants args rc out w missing
	if ((have_ynl)); then
		while IFS= read -r line; do
			case $line in
			"ok "*) ok "${line#ok }" ;;
			"not_ok "*) not_ok "${line#not_ok }" ;;
			*) echo "$line" ;;
			esac
		done < <(python3 "$(dirname "$0")/ynl-batch.py" "$spec" "$@" <"$cases" 2>&1)
	else
		while IFS=$sep read -r kind desc wants args; do
			if [[ $kind != cli ]]; then
				ok "$desc # SKIP $no_ynl"
				continue
			fi
			IFS=$sep read -ra args <<<"$args"
			out=$("${args[@]}" 2>&1)
			rc=$?
			missing=()
			IFS='|' read -ra ws <<<"$wants"
			for w in "${ws[@]}"; do
				[[ $out == *"$w"* ]] || missing+=("$w")
			done
			if ((rc != 0 && ${#missing[@]} == 0)); then
				ok "$desc"
			else
				not_ok "$desc"
				echo "#   command: ${args[*]} (exit $rc)"
				printf '#   missing text: %s\n' "${missing[@]}"
				echo "$out" | sed 's/^/#   /'
			fi
		done <"$cases"
	fi
	: >"$cases"
}

nsim_pf 4
P=p$nsid
Q=q$nsid
m0=d${nsid}_0
m1=d${nsid}_1
x=x$nsid
vfpool pool add $P
dummies $P 2
vfpool pool add $Q
ip link add $x type dummy
cleanups+=("ip link del $x")
netns a$nsid
ns=/run/netns/a$nsid
ip -n a$nsid link add net1 type dummy
hold=$(vfpool -j lease add dev $m1 owner holder$nsid ifname eth9 netns $ns | jq -r '.[0].id')
check "setup: $m1 is leased to holder$nsid" test -n "$hold"
touch "$tmpd/file"
base=$(state)

# The one case that gets as far as the netns move: VF config and MAC/MTU
# were applied by then, and must be undone. The full state (VF config
# through the PF, links, netns) is compared here.
check_fail "lease add with an ifname taken in the target netns" \
	"File exists: vfpool: ifname: taken in the target netns" \
	vfpool lease add dev $m0 owner o$nsid ifname net1 netns $ns \
	mac 02:00:00:00:bb:01 vlan 20 qos 2 spoofchk off trust on mtu 1400
check_unchanged "... undone: VF config, MAC, MTU, name and netns are what they were" "$base"

long16=abcdefghijklmnop
EINVAL="Invalid argument"
ENOENT="No such file or directory"
ENODEV="No such device"
ERANGE="Numerical result out of range"
EEXIST="File exists"
POLICY="Attribute failed policy validation"

# --- unknown pool
bad "pool del of an unknown pool" "$ENOENT|pool-name: no such pool" vfpool pool del no$nsid
bad "pool show of an unknown pool" "$ENOENT|pool-name: no such pool" vfpool pool show no$nsid
bad "lease add from an unknown pool" "$ENOENT|pool-name: no such pool" \
	vfpool lease add pool no$nsid owner o$nsid
bad "member add to an unknown pool" "$ENOENT|pool-name: no such pool" \
	vfpool member add no$nsid dev $x
bad "member del from an unknown pool" "$ENOENT|member: not in this pool" \
	vfpool member del no$nsid dev $m0

# --- duplicate pool
bad "pool add of an existing name" "$EEXIST|pool name: a pool of that name exists" vfpool pool add $P

# --- pool names: too long (16 bytes), empty, not a name
bad "pool add with a 16-byte name (CLI)" "is longer than 15 bytes" vfpool pool add $long16
kbad "pool-new with a 16-byte name" pool-new '{"pool": {"name": "'$long16'"}}' \
	"$EINVAL|$POLICY|'bad-attr': '.pool.name'"
bad "pool add with an empty name (CLI)" "must not be empty" vfpool pool add ""
kbad "pool-new with an empty name" pool-new '{"pool": {"name": ""}}' \
	"$EINVAL|pool name: empty or not a valid name|'bad-attr': '.pool.name'"
kbad "pool-new with a '/' in the name" pool-new '{"pool": {"name": "a/b"}}' \
	"$EINVAL|pool name: empty or not a valid name"
bad "lease add with a 16-byte pool name (CLI)" "is longer than 15 bytes" \
	vfpool lease add pool $long16 owner o$nsid
kbad "lease-new with a 16-byte pool name" lease-new \
	'{"lease": {"pool-name": "'$long16'", "owner-id": "o'$nsid'"}}' \
	"$EINVAL|$POLICY|'bad-attr': '.lease.pool-name'"

# --- a member already in a pool
bad "member add of a netdev in another pool" "$EEXIST|member: netdev is already in a pool" \
	vfpool member add $Q dev $m0
bad "member add of a netdev already in this pool" "$EEXIST|member: netdev is already in a pool" \
	vfpool member add $P dev $m0
bad "member add of a VF index another member has" \
	"$EEXIST|member: this VF of the PF is already in a pool" \
	vfpool member add $Q dev $x pf $PF vf 0

# --- things that do not exist: ifindex, netdev, PCI address
bad "member add of a missing netdev (CLI)" "cannot find device" vfpool member add $P dev no$nsid
kbad "member-add of a missing ifindex" member-add \
	'{"member": {"pool-name": "'$P'", "ifindex": 999999}}' \
	"$ENODEV|member: no such netdev in init_net|'bad-attr': '.member.ifindex'"
kbad "member-add of a missing ifname" member-add \
	'{"member": {"pool-name": "'$P'", "ifname": "no'$nsid'"}}' \
	"$ENODEV|member: no such netdev in init_net|'bad-attr': '.member.ifname'"
kbad "member-add with ifindex 0" member-add \
	'{"member": {"pool-name": "'$P'", "ifindex": 0}}' \
	"$ERANGE|integer out of range|'bad-attr': '.member.ifindex'"
bad "pool add from a missing PF (CLI)" "cannot find device" vfpool pool add n$nsid pf no$nsid
kbad "pool-new from a missing PF ifindex" pool-new \
	'{"pool": {"name": "n'$nsid'", "pf-ifindex": 999999}}' \
	"$ENODEV|pf: no such netdev|'bad-attr': '.pool.pf-ifindex'"
kbad "pool-new from a missing PF ifname" pool-new \
	'{"pool": {"name": "n'$nsid'", "pf-ifname": "no'$nsid'"}}' \
	"$ENODEV|pf: no such netdev|'bad-attr': '.pool.pf-ifname'"
bad "pool add from a netdev without VFs" "Operation not supported|pf: netdev has no SR-IOV VFs" \
	vfpool pool add n$nsid pf $x
bad "pool add from a missing PCI PF" "$ENODEV|pf-pci: no such PCI device" \
	vfpool pool add n$nsid pci 0000:7f:1f.7
bad "pool add from a malformed PCI address (CLI)" "invalid PCI address" \
	vfpool pool add n$nsid pci 0000:zz:1f
kbad "pool-new from a malformed PCI address" pool-new \
	'{"pool": {"name": "n'$nsid'", "pf-pci": "not-a-bdf"}}' \
	"$ENODEV|pf-pci: no such PCI device|'bad-attr': '.pool.pf-pci'"
if [[ -d /sys/bus/pci/devices/0000:00:00.0 && ! -e /sys/bus/pci/devices/0000:00:00.0/sriov_totalvfs ]]; then
	bad "pool add from a PCI function without SR-IOV" \
		"Operation not supported|pf: PCI function has no SR-IOV capability" \
		vfpool pool add n$nsid pci 0000:00:00.0
fi
bad "member add of a missing PCI VF" "$ENODEV|member pci: no such PCI device" \
	vfpool member add $P pci 0000:7f:1f.7
bad "lease add of a missing PCI VF" "$ENOENT|member: no pool has it" \
	vfpool lease add pci 0000:7f:1f.7 owner o$nsid
bad "lease add of a missing netdev" "$ENOENT|member: no pool has it" \
	vfpool lease add dev no$nsid owner o$nsid
bad "lease add of a netdev in no pool" "$ENOENT|member: no pool has it" \
	vfpool lease add dev $x owner o$nsid
kbad "lease-new of a missing member ifindex" lease-new \
	'{"lease": {"member-ifindex": 999999, "owner-id": "o'$nsid'"}}' \
	"$ENOENT|member: no pool has it"
bad "member del of a netdev in no pool" "$ENOENT|member: not in this pool" \
	vfpool member del $P dev $x
bad "member del of a leased member" "Device or resource busy|member is leased" \
	vfpool member del $P dev $m1
bad "lease show of a missing id" "$ENOENT|id: no such lease" vfpool lease show id 999999

# --- VF index out of range (the PF has 4 VFs)
bad "member add with VF index 4 of 4" \
	"$ERANGE|member vf-index: out of range for the PF's VFs" \
	vfpool member add $P dev $x pf $PF vf 4
bad "member add with VF index 65536 (CLI)" "expected a number from 0 to 65535" \
	vfpool member add $P dev $x pf $PF vf 65536
kbad "member-add with VF index 70000" member-add \
	'{"member": {"pool-name": "'$P'", "ifname": "'$x'", "pf-ifname": "'$PF'", "vf-index": 70000}}' \
	"$ERANGE|integer out of range|'bad-attr': '.member.vf-index'"
bad "member add with a PF but no VF index (CLI)" "pf and vf go together" \
	vfpool member add $P dev $x pf $PF
kbad "member-add with a VF index but no PF" member-add \
	'{"member": {"pool-name": "'$P'", "ifname": "'$x'", "vf-index": 1}}' \
	"$EINVAL|member vf-index: needed with a pf"

# --- ifname: too long, not a name, taken in the target netns
bad "lease add with a 16-byte ifname (CLI)" "invalid ifname" \
	vfpool lease add dev $m0 owner o$nsid ifname $long16 netns $ns
kbad "lease-new with a 16-byte ifname" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "ifname": "'$long16'"}}' \
	"$EINVAL|$POLICY|'bad-attr': '.lease.ifname'"
kbad "lease-new with a '/' in the ifname" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "ifname": "a/b"}}' \
	"$EINVAL|ifname: not a valid interface name|'bad-attr': '.lease.ifname'"
bad "lease add with an ifname the holder uses" "$EEXIST|ifname: taken in the target netns" \
	vfpool lease add dev $m0 owner o$nsid ifname eth9 netns $ns
bad "lease add with count and an ifname without %d (CLI)" 'ifname needs a "%d"' \
	vfpool lease add pool $P owner o$nsid ifname net count 2 netns $ns

# --- netns: not a netns, missing, pid that does not exist
bad "lease add into /proc/self/ns/uts" "$EINVAL|netns-fd: not a network namespace" \
	vfpool lease add dev $m0 owner o$nsid ifname eth0 netns /proc/self/ns/uts
bad "lease add into a regular file" "$EINVAL|netns-fd: not a network namespace" \
	vfpool lease add dev $m0 owner o$nsid ifname eth0 netns "$tmpd/file"
bad "lease add into a directory" "$EINVAL|netns-fd: not a network namespace" \
	vfpool lease add dev $m0 owner o$nsid ifname eth0 netns /run/netns
bad "lease add into a missing path (CLI)" "cannot open netns" \
	vfpool lease add dev $m0 owner o$nsid ifname eth0 netns /run/netns/no$nsid
# fd 7 is opened on a uts namespace for the batch below.
kbad "lease-new with a uts namespace fd" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "ifname": "eth0", "netns-fd": 7}}' \
	"$EINVAL|netns-fd: not a network namespace|'bad-attr': '.lease.netns-fd'"
kbad "lease-new with a closed fd" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "ifname": "eth0", "netns-fd": 900}}' \
	"Bad file descriptor|netns-fd: not a network namespace"
kbad "lease-new with a negative fd" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "ifname": "eth0", "netns-fd": -1}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.netns-fd'"
pid=99999999
bad "lease add into the netns of a missing pid" "No such process|netns-pid: no such process" \
	vfpool lease add dev $m0 owner o$nsid ifname eth0 netns pid $pid
kbad "lease-new with pid 0" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "ifname": "eth0", "netns-pid": 0}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.netns-pid'"
kbad "lease-new with both netns-fd and netns-pid" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "ifname": "eth0", "netns-fd": 0, "netns-pid": 1}}' \
	"$EINVAL|netns: give one of netns-fd, netns-pid"

# --- count larger than the free members: nothing is leased
bad "lease add of count 2 with one free member" "No space left on device|not enough free members" \
	vfpool lease add pool $P owner o$nsid ifname c%d netns $ns count 2
bad "lease add of count 65 (CLI)" "expected a number from 1 to 64" \
	vfpool lease add pool $P owner o$nsid ifname c%d netns $ns count 65
kbad "lease-new with count 65" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "ifname": "c%d", "count": 65}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.count'"
kbad "lease-new with count 0" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "count": 0}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.count'"

# --- MAC: multicast, zero, malformed
bad "lease add with a multicast MAC" "$EINVAL|vf-config mac: not a unicast address" \
	vfpool lease add dev $m0 owner o$nsid mac 01:00:5e:00:00:01
bad "lease add with the zero MAC" "$EINVAL|vf-config mac: not a unicast address" \
	vfpool lease add dev $m0 owner o$nsid mac 00:00:00:00:00:00
bad "lease add with a 5-byte MAC (CLI)" "invalid MAC address" \
	vfpool lease add dev $m0 owner o$nsid mac 02:00:00:00:01
bad "lease add with a non-hex MAC (CLI)" "invalid MAC address" \
	vfpool lease add dev $m0 owner o$nsid mac 02:00:00:00:01:zz
kbad "lease-new with a 5-byte MAC" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"mac": "0200000001"}}}' \
	"$ERANGE|binary attribute size out of range|'bad-attr': '.lease.vf-config.mac'"
kbad "lease-new with a 7-byte MAC" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"mac": "02000000000101"}}}' \
	"$ERANGE|binary attribute size out of range|'bad-attr': '.lease.vf-config.mac'"
kbad "lease-new with a broadcast MAC" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"mac": "ffffffffffff"}}}' \
	"$EINVAL|vf-config mac: not a unicast address"

# --- VLAN, QoS, protocol
bad "lease add with VLAN 4096 (CLI)" "expected a number from 0 to 4095" \
	vfpool lease add dev $m0 owner o$nsid vlan 4096
kbad "lease-new with VLAN 4096" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"vlan": 4096}}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.vf-config.vlan'"
bad "lease add with QoS 8 (CLI)" "expected a number from 0 to 7" \
	vfpool lease add dev $m0 owner o$nsid vlan 10 qos 8
kbad "lease-new with QoS 8" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"vlan": 10, "vlan-qos": 8}}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.vf-config.vlan-qos'"
bad "lease add with QoS and no VLAN (CLI)" "qos and proto need a non-zero vlan" \
	vfpool lease add dev $m0 owner o$nsid qos 3
bad "lease add with QoS and VLAN 0 (CLI)" "qos and proto need a non-zero vlan" \
	vfpool lease add dev $m0 owner o$nsid vlan 0 qos 3
kbad "lease-new with QoS and no VLAN" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"vlan-qos": 3}}}' \
	"$EINVAL|vf-config vlan-qos and vlan-proto need a non-zero vlan"
kbad "lease-new with QoS and VLAN 0" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"vlan": 0, "vlan-qos": 3}}}' \
	"$EINVAL|vf-config vlan-qos and vlan-proto need a non-zero vlan"
bad "lease add with an unknown VLAN protocol (CLI)" "invalid proto" \
	vfpool lease add dev $m0 owner o$nsid vlan 10 proto 802.1x
kbad "lease-new with VLAN protocol 0x1234" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"vlan": 10, "vlan-proto": 4660}}}' \
	"Protocol not supported|vf-config vlan-proto: not 802.1Q or 802.1ad"
kbad "lease-new with VLAN protocol in network byte order" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"vlan": 10, "vlan-proto": 129}}}' \
	"Protocol not supported|vf-config vlan-proto: not 802.1Q or 802.1ad"
kbad "lease-new with a VLAN protocol and no VLAN" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"vlan-proto": 34984}}}' \
	"$EINVAL|vf-config vlan-qos and vlan-proto need a non-zero vlan"

# --- rates, other VF settings
bad "lease add with min-tx-rate above max-tx-rate (CLI)" "min-tx-rate exceeds max-tx-rate" \
	vfpool lease add dev $m0 owner o$nsid min-tx-rate 100 max-tx-rate 10
kbad "lease-new with min-tx-rate above max-tx-rate" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"min-tx-rate": 100, "max-tx-rate": 10}}}' \
	"$EINVAL|vf-config min-tx-rate is above max-tx-rate"
kbad "lease-new with spoofchk 2" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"spoofchk": 2}}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.vf-config.spoofchk'"
kbad "lease-new with link-state 3" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"link-state": 3}}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.vf-config.link-state'"
bad "lease add with MTU 67 (CLI)" "expected a number from 68 to 65535" \
	vfpool lease add dev $m0 owner o$nsid mtu 67
kbad "lease-new with MTU 67" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"mtu": 67}}}' \
	"$ERANGE|integer out of range|'bad-attr': '.lease.vf-config.mtu'"
bad "lease add with wait 601 (CLI)" "expected a number from 0 to 600" \
	vfpool lease add dev $m0 owner o$nsid wait 601
kbad "lease-new with wait-ms (the kernel never waits in a request)" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "wait-ms": 1000}}' \
	"$EINVAL|the kernel never waits|'bad-attr': '.lease.wait-ms'"
bad "lease add with network \"a b\" (CLI)" "network" \
	vfpool lease add dev $m0 owner o$nsid network "a b"
kbad "lease-new with network \"a/b\"" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "network": "a/b"}}' \
	"$EINVAL|network: empty, or has spaces|'bad-attr': '.lease.network'"
kbad "lease-new with a 256-byte network" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "network": "'"$(printf 'n%.0s' {1..256})"'"}}' \
	"$EINVAL|$POLICY|'bad-attr': '.lease.network'"

# --- owner ids
bad "lease add with a 256-byte owner (CLI)" "is longer than 255 bytes" \
	vfpool lease add dev $m0 owner "$(printf 'o%.0s' {1..256})"
kbad "lease-new with a 256-byte owner" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "'"$(printf 'o%.0s' {1..256})"'"}}' \
	"$EINVAL|$POLICY|'bad-attr': '.lease.owner-id'"
bad "lease add with a space in the owner" "$EINVAL|owner-id: empty or has spaces or '/'" \
	vfpool lease add dev $m0 owner "pod a"
bad "lease add of a member another owner holds" "Device or resource busy|leased to" \
	vfpool lease add dev $m1 owner o$nsid ifname eth0 netns $ns

# --- flags
bad "lease add with distinct-pf and no count (CLI)" "distinct-pf needs a count of 2 or more" \
	vfpool lease add pool $P owner o$nsid distinct-pf
kbad "lease-new with distinct-pf and no count" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "flags": 1}}' \
	"$EINVAL|flags: distinct-pf needs a count of 2 or more"
kbad "lease-new with an unknown flag bit" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "flags": 4}}' \
	"$EINVAL|reserved bit set|'bad-attr': '.lease.flags'"
kbad "lease-new with distinct-pf and spread-pf" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "count": 2, "ifname": "e%d", "flags": 3}}' \
	"$EINVAL|flags: distinct-pf or spread-pf, not both"
kbad "lease-new with spread-pf and one lease" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "flags": 2}}' \
	"$EINVAL|flags: spread-pf needs a count of 2 or more"

# --- links (LEASE_NEW names each lease)
kbad "lease-new with links and an ifname" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "ifname": "e0", "link": ["a", "b"]}}' \
	"$EINVAL|ifname: not with links"
kbad "lease-new with links of a member" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "link": ["a", "b"]}}' \
	"$EINVAL|link: several leases need pool-name"
kbad "lease-new with a link named twice" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "link": ["a", "a"]}}' \
	"$EINVAL|link: named twice"
kbad "lease-new with a count that is not the number of links" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "count": 3, "link": ["a", "b"]}}' \
	"$EINVAL|count: not the number of links"
kbad "lease-new with a link that is not an interface name" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "link": ["a/b", "c"]}}' \
	"$EINVAL|link: not a valid interface name"
bad "lease add with a link and an ifname (CLI)" "link names each lease: not with ifname or count" \
	vfpool lease add pool $P owner o$nsid link a ifname b
kbad "pool-del with an unknown flag bit" pool-del \
	'{"pool": {"name": "'$Q'", "flags": 6}}' \
	"$EINVAL|reserved bit set|'bad-attr': '.pool.flags'"

# --- missing required attributes
bad "lease add without an owner (CLI)" "owner is needed" vfpool lease add pool $P
bad "lease add without a target (CLI)" "one of pool, pci or dev is needed" \
	vfpool lease add owner o$nsid
bad "lease add into a netns without an ifname (CLI)" "count and netns need an ifname" \
	vfpool lease add dev $m0 owner o$nsid netns $ns
bad "lease del without id or owner (CLI)" "id or owner is needed" vfpool lease del
bad "member add without dev or pci (CLI)" "dev or pci is needed" vfpool member add $P
kbad "lease-new without the lease nest" lease-new '{}' "$EINVAL|'miss-type': 'lease'"
kbad "lease-new without owner-id" lease-new '{"lease": {"pool-name": "'$P'"}}' \
	"$EINVAL|'miss-type': ${aval[VFPOOL_LEASE_A_OWNER_ID]},"
kbad "lease-new without a target" lease-new '{"lease": {"owner-id": "o'$nsid'"}}' \
	"$EINVAL|lease: give one of pool-name, member-*"
kbad "lease-new with two targets" lease-new \
	'{"lease": {"owner-id": "o'$nsid'", "pool-name": "'$P'", "member-ifname": "'$m0'"}}' \
	"$EINVAL|lease: give one of pool-name, member-*"
kbad "lease-new into a netns without an ifname" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "netns-pid": 1}}' \
	"$EINVAL|ifname: needed with a netns|'miss-type': ${aval[VFPOOL_LEASE_A_IFNAME]},"
kbad "lease-new with a count and no ifname" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "count": 2}}' \
	"$EINVAL|ifname: needed with a count"
kbad "lease-del without id or owner-id" lease-del '{"lease": {}}' "$EINVAL|lease: give id or owner-id"
kbad "lease-del with an ifname but no owner-id" lease-del \
	'{"lease": {"id": '$hold', "ifname": "eth9"}}' "$EINVAL|ifname: only with owner-id"
kbad "pool-new without the pool nest" pool-new '{}' "$EINVAL|'miss-type': 'pool'"
kbad "pool-new without a name" pool-new '{"pool": {}}' \
	"$EINVAL|'miss-type': ${aval[VFPOOL_POOL_A_NAME]},"
kbad "pool-del without a name" pool-del '{"pool": {}}' \
	"$EINVAL|'miss-type': ${aval[VFPOOL_POOL_A_NAME]},"
kbad "member-add without a pool name" member-add '{"member": {"ifname": "'$x'"}}' \
	"$EINVAL|'miss-type': ${aval[VFPOOL_MEMBER_A_POOL_NAME]},"
kbad "member-add without a netdev or PCI address" member-add '{"member": {"pool-name": "'$P'"}}' \
	"$EINVAL|member: give one of ifindex, ifname, pci"
kbad "member-del without a pool name" member-del '{"member": {"ifname": "'$m0'"}}' \
	"$EINVAL|'miss-type': ${aval[VFPOOL_MEMBER_A_POOL_NAME]},"
kbad "pool-new with two PFs" pool-new \
	'{"pool": {"name": "n'$nsid'", "pf-ifname": "'$PF'", "pf-pci": "0000:7f:1f.7"}}' \
	"$EINVAL|pf: give one of pf-ifindex, pf-ifname, pf-pci"

# --- IRQ placement: policies, CPU lists, targets
bad "irq set of a member without a PCI function" \
	"Operation not supported|member: no PCI function, so no MSI vectors" \
	vfpool irq set dev $m0 policy spread
bad "irq set of a netdev in no pool" "$ENOENT|member: no pool has it" \
	vfpool irq set dev $x policy spread
bad "irq set of a PCI function in no pool" "$ENOENT|member: no pool has it" \
	vfpool irq set pci 0000:7f:1f.7 policy spread
bad "irq set of an unknown pool" "$ENOENT|pool-name: no such pool" \
	vfpool irq set pool no$nsid policy spread
bad "irq set with an unknown policy (CLI)" 'unknown keyword "sometimes"' \
	vfpool irq set pool $P policy sometimes
bad "irq set of a pool without a policy (CLI)" "a pool needs a policy" vfpool irq set pool $P
bad "irq set with cpus and no list (CLI)" '"cpus" needs a CPU list' \
	vfpool irq set pool $P policy cpus
bad "irq set with an empty CPU list" "$EINVAL|cpus: empty CPU list" \
	vfpool irq set policy cpus "" pool $P
bad "irq set with a CPU list that is not one" "$EINVAL|cpus: not a CPU list" \
	vfpool irq set pool $P policy cpus 0-x
bad "irq set with a CPU beyond any" "$ERANGE|cpus: a CPU that does not exist" \
	vfpool irq set pool $P policy cpus 99999999
bad "irq set with a CPU that does not exist" "$ERANGE|cpus: a CPU that does not exist" \
	vfpool irq set pool $P policy cpus $(nproc --all)
bad "pool add with a CPU list that is not one" "$EINVAL|cpus: not a CPU list" \
	vfpool pool add n$nsid irq-policy cpus 0-x
bad "irq show of an unknown pool" "$ENOENT|pool-name: no such pool" vfpool irq show pool no$nsid
kbad "irq-set with an unknown policy" irq-set \
	'{"irq": {"pool-name": "'$P'", "policy": 9}}' \
	"$ERANGE|integer out of range|'bad-attr': '.irq.policy'"
kbad "irq-set of a pool without a policy" irq-set '{"irq": {"pool-name": "'$P'"}}' \
	"$EINVAL|policy: needed to set a pool's default|'miss-type': ${aval[VFPOOL_IRQ_A_POLICY]},"
kbad "irq-set of banned-cpus for a member" irq-set \
	'{"irq": {"member-ifname": "'$m0'", "banned-cpus": "0"}}' \
	"$EINVAL|banned-cpus: a pool's, set with pool-name|'bad-attr': '.irq.banned-cpus'"
kbad "irq-set with banned-cpus that is not a CPU list" irq-set \
	'{"irq": {"pool-name": "'$P'", "banned-cpus": "1-x"}}' \
	"$EINVAL|banned-cpus: not a CPU list|'bad-attr': '.irq.banned-cpus'"
kbad "irq-set with banned-cpus beyond the last CPU" irq-set \
	'{"irq": {"pool-name": "'$P'", "banned-cpus": "0-99999"}}' \
	"$ERANGE|banned-cpus: a CPU that does not exist|'bad-attr': '.irq.banned-cpus'"
kbad "irq-set banning every online CPU for spread" irq-set \
	'{"irq": {"pool-name": "'$P'", "policy": "spread", "banned-cpus": "0-'$(($(nproc) - 1))'"}}' \
	"$EINVAL|irq: no CPU allowed: every online CPU is isolated by the kernel or banned by the pool"
kbad "pool-new with irq-banned-cpus that is not a CPU list" pool-new \
	'{"pool": {"name": "n'$nsid'", "irq-policy": "spread", "irq-banned-cpus": "x"}}' \
	"$EINVAL|banned-cpus: not a CPU list|'bad-attr': '.pool.irq-banned-cpus'"
bad "irq set pool banning every online CPU (CLI)" \
	"$EINVAL|irq: no CPU allowed" vfpool irq set pool $P policy spread banned-cpus 0-$(($(nproc) - 1))
kbad "irq-set naming nothing" irq-set '{"irq": {"policy": "spread"}}' \
	"$EINVAL|irq: give one of pool-name, member-*"
kbad "irq-set naming a pool and a member" irq-set \
	'{"irq": {"pool-name": "'$P'", "member-ifname": "'$m0'", "policy": "spread"}}' \
	"$EINVAL|irq: give one of pool-name, member-*"
kbad "irq-set with cpus and the spread policy" irq-set \
	'{"irq": {"pool-name": "'$P'", "policy": "spread", "cpus": "0"}}' \
	"$EINVAL|cpus: only with the cpus policy|'bad-attr': '.irq.cpus'"
kbad "irq-set with the cpus policy and no list" irq-set \
	'{"irq": {"pool-name": "'$P'", "policy": "cpus"}}' \
	"$EINVAL|cpus: the cpus policy needs a CPU list|'miss-type': ${aval[VFPOOL_IRQ_A_CPUS]},"
kbad "irq-set with an empty CPU list" irq-set \
	'{"irq": {"pool-name": "'$P'", "policy": "cpus", "cpus": ""}}' \
	"$EINVAL|cpus: empty CPU list|'bad-attr': '.irq.cpus'"
kbad "irq-set with an offline or missing CPU" irq-set \
	'{"irq": {"pool-name": "'$P'", "policy": "cpus", "cpus": "0-99999"}}' \
	"cpus: a CPU|'bad-attr': '.irq.cpus'"
kbad "irq-get naming nothing" irq-get '{"irq": {}}' "$EINVAL|irq: give one of pool-name, member-*"
kbad "pool-new with an unknown IRQ policy" pool-new \
	'{"pool": {"name": "n'$nsid'", "irq-policy": 4}}' \
	"$ERANGE|integer out of range|'bad-attr': '.pool.irq-policy'"
kbad "pool-new with the cpus policy and no list" pool-new \
	'{"pool": {"name": "n'$nsid'", "irq-policy": "cpus"}}' \
	"$EINVAL|cpus: the cpus policy needs a CPU list|'miss-type': ${aval[VFPOOL_POOL_A_IRQ_CPUS]},"
kbad "irq-set with a policy in irq-get's place (reply-only member)" irq-set \
	'{"irq": {"pool-name": "'$P'", "policy": "spread", "vector": {"irq": 1}}}' \
	"$EINVAL|Unsupported attribute|'bad-attr': '.irq.vector'"

# --- attributes the command does not take, and unknown ones
kbad "lease-new with an id (reply-only attribute)" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "id": 5}}' \
	"$EINVAL|Unsupported attribute|'bad-attr': '.lease.id'"
kbad "pool-new with a reply-only total" pool-new \
	'{"pool": {"name": "n'$nsid'", "total": 5}}' \
	"$EINVAL|Unsupported attribute|'bad-attr': '.pool.total'"
if ((have_ynl)); then
	# A copy of the spec that knows one more attribute in some sets.
	python3 - "$spec" "$tmpd/bogus.yaml" <<-'EOF'
	import sys, yaml
	s = yaml.safe_load(open(sys.argv[1]))
	for a in s['attribute-sets']:
	    if a['name'] in ('vfpool', 'pool', 'lease', 'vf-config'):
	        a['attributes'].append({'name': 'bogus', 'type': 'u32', 'value': 200})
	    elif a.get('subset-of') == 'vfpool':  # an operation's view of vfpool
	        a['attributes'].append({'name': 'bogus'})
	    for attr in a['attributes']:
	        if attr['name'] == 'pad':  # so that ynl can send one
	            attr['type'] = 'binary'
	out = open(sys.argv[2], 'w')
	out.write(open(sys.argv[1]).readline())  # the SPDX tag ynl wants
	yaml.safe_dump(s, out, sort_keys=False)
	EOF
fi
ynl_kind=ynl:bogus
kbad "lease-new with an unknown lease attribute" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "bogus": 1}}' \
	"$EINVAL|Unknown attribute type|'bad-attr': '.lease.bogus'"
kbad "lease-new with an unknown vf-config attribute" lease-new \
	'{"lease": {"member-ifname": "'$m0'", "owner-id": "o'$nsid'", "vf-config": {"bogus": 1}}}' \
	"$EINVAL|Unknown attribute type|'bad-attr': '.lease.vf-config.bogus'"
kbad "pool-new with an unknown pool attribute" pool-new \
	'{"pool": {"name": "n'$nsid'", "bogus": 1}}' \
	"$EINVAL|Unknown attribute type|'bad-attr': '.pool.bogus'"
kbad "lease-new with an unknown top-level attribute" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'"}, "bogus": 1}' \
	"$EINVAL|Unknown attribute type|'bad-attr': '.bogus'"
kbad "lease-new with a pool nest instead of a lease nest" lease-new \
	'{"pool": {"name": "'$P'"}}' \
	"$EINVAL|Unsupported attribute|'bad-attr': '.pool'"
kbad "lease-new with a pad attribute (requests never send one)" lease-new \
	'{"lease": {"pool-name": "'$P'", "owner-id": "o'$nsid'", "pad": ""}}' \
	"$EINVAL|Unsupported attribute|'bad-attr': '.lease.pad'"

exec 7</proc/self/ns/uts
run_cases bogus="$tmpd/bogus.yaml"
exec 7<&-
check_unchanged "after all of it, the whole state is what it was" "$base"

# The holder's lease went through all of it untouched.
check_eq "the holder's lease is still there" \
	"$(vfpool -j lease show id $hold | jq -r '.[0] | "\(.owner_id) \(.ifname)"')" "holder$nsid eth9"
check "... its netdev is in its netns" ip -n a$nsid link show eth9
ksft_finish
