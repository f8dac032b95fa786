#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vfpool-cni driven the way a runtime drives it: CNI_* in the environment,
# the network config on stdin, the result or error object on stdout. ADD,
# CHECK, DEL, failures and their undo, STATUS, GC. The DEL/ADD race is in
# cni-race.sh (under TCG each host-local run costs seconds).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cni-lib.sh"

# VERSION
cni VERSION - - '{"cniVersion": "1.0.0"}'
check_eq "VERSION answers in 1.0.0 and lists 1.0.0 and 1.1.0" \
	"$rc $(echo "$out" | jq -r '"\(.cniVersion) \(.supportedVersions | index("1.0.0") != null) \(.supportedVersions | index("1.1.0") != null)"')" \
	"0 1.0.0 true true"

# ADD: lease, VF config through the PF, IPAM, addresses and routes.
conf=$(net '{mac: "02:00:00:00:AA:01", vlan: 10, vlanQoS: 3, spoofchk: "on", trust: "on"}')
cni ADD podA /run/netns/a$nsid "$conf" "IgnoreUnknown=1;K8S_POD_NAME=a"
check_cni "ADD podA"
resA=$out
check_eq "result: cniVersion, one interface in the sandbox, lower-cased MAC" \
	"$(echo "$resA" | jq -r '"\(.cniVersion) \(.interfaces | length) \(.interfaces[0].name) \(.interfaces[0].sandbox) \(.interfaces[0].mac)"')" \
	"1.0.0 1 net1 /run/netns/a$nsid 02:00:00:00:aa:01"
check_eq "result: an IPv4 and an IPv6 address on interface 0, no 0.4 version field" \
	"$(echo "$resA" | jq -r '[.ips[] | "\(.address | test("^10\\.77\\.0\\.[0-9]+/24$") or test("^fd77::[0-9a-f]+/64$")) \(.interface) \(.version)"] | join(" ")')" \
	"true 0 null true 0 null"
check_eq "result: gateways and routes from host-local" \
	"$(echo "$resA" | jq -r '"\([.ips[].gateway] | join(",")) \([.routes[].dst] | join(","))"')" \
	"10.77.0.1,fd77::1 0.0.0.0/0,::/0"
ipA=$(echo "$resA" | jq -r '.ips[0].address')
ip6A=$(echo "$resA" | jq -r '.ips[1].address')
check "IPv4 address is on net1 in the pod" bash -c "ip -n a$nsid -o addr show dev net1 | grep -q ' ${ipA} '"
check "IPv6 address is on net1 in the pod" bash -c "ip -n a$nsid -o -6 addr show dev net1 | grep -q ' ${ip6A} '"
check_eq "net1 is up" "$(ip -n a$nsid -j link show net1 | jq -r '.[0].flags | index("UP") != null')" true
check_eq "default routes via the gateways" \
	"$(ip -n a$nsid route show default | cut -d' ' -f1-5) / $(ip -n a$nsid -6 route show default | cut -d' ' -f1-5)" \
	"default via 10.77.0.1 dev net1 / default via fd77::1 dev net1"
check_eq "arp_notify and ndisc_notify on in the pod" \
	"$(ip netns exec a$nsid cat /proc/sys/net/ipv4/conf/net1/arp_notify /proc/sys/net/ipv6/conf/net1/ndisc_notify | tr '\n' ' ')" "1 1 "
leaseA=$(lease_of podA)
memA=$(echo "$leaseA" | jq -r .member.ifname)
vfA=$(echo "$leaseA" | jq -r .member.vf_index)
check_eq "the lease is podA's net1" "$(echo "$leaseA" | jq -r .ifname)" net1
check_eq "VF MAC, VLAN and QoS went through the PF" \
	"$(vf_line "$vfA" | grep -o 'link/ether [0-9a-f:]*\|vlan 10, qos 3' | tr '\n' ' ')" \
	"link/ether 02:00:00:00:aa:01 vlan 10, qos 3 "
check_eq "host-local holds two addresses" "$(ipam_held)" 2

# A runtime must not ADD twice; host-local refuses it. The error must
# leave the attachment alone.
cni ADD podA /run/netns/a$nsid "$conf"
check_cni_err "ADD again: host-local refuses a duplicate allocation" 999 "duplicate"
check_eq "... and podA keeps its VF and addresses" \
	"$(lease_of podA | jq -r .id) $(ipam_held) $(ip -n a$nsid -o addr show dev net1 | grep -c "$ipA")" \
	"$(echo "$leaseA" | jq -r .id) 2 1"

# CHECK against the prevResult ADD gave.
cni CHECK podA /run/netns/a$nsid "$(echo "$conf" | jq -c --argjson p "$resA" '. + {prevResult: $p}')"
check_cni "CHECK podA against its prevResult"
cni CHECK podA /run/netns/a$nsid "$(echo "$conf" | jq -c --argjson p "$resA" '. + {vlan: 11, prevResult: $p}')"
check_cni_err "CHECK with another vlan in the config" 104 "vlan"
cni CHECK podZ /run/netns/a$nsid "$(echo "$conf" | jq -c --argjson p "$resA" '. + {prevResult: $p}')"
check_cni_err "CHECK of a container without a lease" 104 "no lease"
ip -n a$nsid addr del "$ipA" dev net1
cni CHECK podA /run/netns/a$nsid "$(echo "$conf" | jq -c --argjson p "$resA" '. + {prevResult: $p}')"
check_cni_err "CHECK after the address was removed" 104 "$ipA"

# DEL restores everything; again is a no-op.
cni DEL podA /run/netns/a$nsid "$conf"
check_cni "DEL podA"
check_eq "lease ended" "$(lease_of podA)" ""
check "the member is back in init_net under its name" ip link show "$memA"
check_eq "VF config restored" "$(vf_line "$vfA" | grep -c 'vlan 10')" 0
check_eq "host-local released both addresses" "$(ipam_held)" 0
cni DEL podA /run/netns/a$nsid "$conf"
check_cni "DEL again succeeds"

# Failures: the spec's codes, a message naming the field, nothing left.
before=$(state)
cni ADD podE /run/netns/a$nsid "$(net '{vlan: 5000}')"
check_cni_err "vlan 5000: code 7 naming vlan" 7 "vlan"
cni ADD podE /run/netns/a$nsid "$(net '{mac: "02:00:00:00:00"}')"
check_cni_err "bad mac: code 7 naming mac" 7 "mac"
cni ADD podE /run/netns/a$nsid '{"cniVersion": "1.0.0", "name": '
check_cni_err "malformed JSON: code 6" 6 "network config"
cni ADD podE /run/netns/a$nsid "$(net '{}' 9.9.9)"
check_cni_err "unsupported cniVersion: code 1" 1 "cniVersion"
cni ADD podE - "$(net)"
check_cni_err "no CNI_NETNS: code 4" 4 "CNI_NETNS"
cni ADD podE /run/netns/nosuch$nsid "$(net)"
check_cni_err "a netns that does not exist: code 3" 3 "CNI_NETNS"
cni ADD podE /run/netns/a$nsid "$(net '{pool: "nosuch"}')"
check_cni_err "unknown pool: code 7 naming the pool" 7 "pool nosuch"
cni ADD podE /run/netns/a$nsid "$(net '{deviceID: "0000:7f:1f.7"}')"
check_cni_err "unknown deviceID: code 7 naming it" 7 "deviceID 0000:7f:1f.7"
cni ADD podE /run/netns/a$nsid "$(net '{ipam: {type: "host-local", dataDir: "'"$ipam_dir"'"}}')"
check_cni_err "IPAM failure: host-local's own error object" 999 "ipam host-local"
cni ADD podE /run/netns/a$nsid "$(net '{ipam: {type: "nosuch-ipam"}}')"
check_cni_err "IPAM plugin missing: code 7 naming ipam.type" 7 "ipam.type"
check_unchanged "... and no lease, no moved interface, no address left" "$before"
check_eq "... and host-local holds nothing" "$(ipam_held)" 0

# STATUS (1.1.0)
cni STATUS - - "$(net '{}' 1.1.0)"
check_cni "STATUS with the module loaded and the pool there"
cni STATUS - - "$(net '{pool: "nosuch"}' 1.1.0)"
check_cni_err "STATUS with a missing pool: code 50" 50 "nosuch"

# GC (1.1.0): leases of the pool not in valid-attachments end.
cni ADD podG1 /run/netns/a$nsid "$(net '{}' 1.1.0)"
check_cni "ADD podG1 (1.1.0)"
check_eq "1.1.0 result carries the interface mtu" "$(echo "$out" | jq -r '.interfaces[0].mtu')" 1500
cni ADD podG2 /run/netns/b$nsid "$(net '{}' 0.4.0)"
check_cni "ADD podG2 (0.4.0)"
check_eq "0.4.0 result: ips carry their version" "$(echo "$out" | jq -r '[.ips[].version] | join(",")')" "4,6"
cni GC - - "$(net '{"cni.dev/valid-attachments": [{containerID: "podG1", ifname: "net1"}]}' 1.1.0)"
check_cni "GC"
check_eq "GC ended podG2's lease and kept podG1's" \
	"$(vfpool -j lease show pool $pool | jq -r '[.[].owner_id] | join(" ")')" podG1
check "podG1's interface is untouched" ip -n a$nsid link show net1
check_eq "podG2's interface left its netns" "$(ip -n b$nsid link show net1 2>/dev/null | wc -l)" 0
cni DEL podG2 /run/netns/b$nsid "$(net '{}' 0.4.0)"
cni DEL podG1 /run/netns/a$nsid "$(net '{}' 1.1.0)"
check_eq "DELs of G1 and G2 released everything" "$(vfpool -j lease show | jq length) $(ipam_held)" "0 0"

# GC collects only its own network's leases: networks A and B share pool
# g, two pods each, and a lease made by hand with the CLI. GC of A, with
# only podA1's attachment valid, ends podA2's lease and nothing else.
gpool=g$nsid
vfpool pool add $gpool
for i in 0 1 2 3 4; do
	ip link add "g${nsid}_$i" type dummy
	cleanups+=("ip link del g${nsid}_$i")
	vfpool member add $gpool dev "g${nsid}_$i"
done
gnet() { net "{name: \"$1\", pool: \"$gpool\"} + ${2:-{\}}" 1.1.0; }
for p in A1 A2 B1 B2; do
	netns gc$p$nsid
	cni ADD pod$p$nsid /run/netns/gc$p$nsid "$(gnet net${p:0:1})"
	check_cni "ADD pod$p of network net${p:0:1} on pool $gpool"
done
vfpool lease add pool $gpool owner cli$nsid >/dev/null
check_eq "each lease carries the network that made it, the CLI's none" \
	"$(vfpool -j lease show pool $gpool | jq -r '[.[] | "\(.owner_id)=\(.network)"] | sort | join(" ")')" \
	"cli$nsid=null podA1$nsid=netA podA2$nsid=netA podB1$nsid=netB podB2$nsid=netB"
check_eq "lease show network netB shows netB's two" \
	"$(vfpool -j lease show network netB | jq -r '[.[].owner_id] | sort | join(" ")')" "podB1$nsid podB2$nsid"
cni GC - - "$(gnet netA "{\"cni.dev/valid-attachments\": [{containerID: \"podA1$nsid\", ifname: \"net1\"}]}")"
check_cni "GC of netA with podA1 valid"
check_eq "GC of netA ended podA2's lease only: netB's and the CLI's are untouched" \
	"$(vfpool -j lease show pool $gpool | jq -r '[.[].owner_id] | sort | join(" ")')" \
	"cli$nsid podA1$nsid podB1$nsid podB2$nsid"
check "podB1's interface is still in its netns" ip -n gcB1$nsid link show net1
check_eq "podA2's interface left its netns" "$(ip -n gcA2$nsid link show net1 2>/dev/null | wc -l)" 0
for p in A1 A2 B1 B2; do
	cni DEL pod$p$nsid /run/netns/gc$p$nsid "$(gnet net${p:0:1})"
done
vfpool lease del owner cli$nsid >/dev/null
check_eq "the DELs released pool $gpool" "$(vfpool -j lease show pool $gpool | jq length)" 0
cni ADD podX$nsid /run/netns/gcA1$nsid "$(gnet 'bad/name')"
check_cni_err "ADD with a network name a lease cannot carry: code 7 naming it" 7 'name "bad/name"'

# Announcements, seen from the far end of a veth member. The addresses go
# on before the link comes up, so the kernel sends the gratuitous ARP
# (arp_notify) when the link has its carrier at once; the plugin sends the
# unsolicited NA with override set once the kernel has seen the carrier,
# and its own gratuitous ARP where the kernel's met no carrier.
#   announce_case NAME FAR_END_UP
# FAR_END_UP: "now" (up before ADD), "late" (up right after the plugin's
# link up) or "never".
# vfpool-cni logs only under its own directory (see vfpool-cni(8)).
logdir=/var/log/vfpool-cni
cleanups+=("rm -f $logdir/cni-$nsid-*.log")
announce_case() {
	local name=$1 far=$2 n=an$nsid$1 p=ap$nsid$1 conf ip4 ip6 mac t0 ms
	local sniffer upper=

	ip link add "$n" type veth peer name "$p"
	cleanups+=("ip link del $p")
	[[ $far == now ]] && ip link set "$p" up
	vfpool pool add "$n"
	vfpool member add "$n" dev "$n"
	rm -f "$tmpd/ready"
	# The sniffer is killed below; its own limit is only a backstop.
	python3 "$(dirname "$0")/sniff-announce.py" "$p" 900 "$tmpd/ready" \
		>"$tmpd/announce-$name" &
	sniffer=$!
	for _ in $(seq 600); do [[ -e $tmpd/ready ]] && break; sleep 0.1; done
	# "late": the far end comes up once the plugin has set net1 up in
	# the pod, so that the veth gets its carrier while the plugin waits.
	[[ $far == late ]] && {
		for _ in $(seq 1000); do
			ip -n "a$nsid" link show net1 2>/dev/null | grep -q '[<,]UP[,>]' && break
			sleep 0.01
		done
		ip link set "$p" up
	} & upper=$!
	conf=$(net "{pool: \"$n\", logLevel: \"debug\", logFile: \"$logdir/cni-$nsid-$name.log\"}")
	t0=$(date +%s%N)
	cni ADD "pod$name" /run/netns/a$nsid "$conf"
	ms=$((($(date +%s%N) - t0) / 1000000))
	wait $upper
	check_cni "ADD pod$name, far end up $far ($ms ms)"
	ip4=$(echo "$out" | jq -r '.ips[0].address | sub("/.*"; "")')
	ip6=$(echo "$out" | jq -r '.ips[1].address | sub("/.*"; "")')
	mac=$(echo "$out" | jq -r '.interfaces[0].mac')
	if [[ $far == never ]]; then
		check "no carrier: ADD warns that nothing was announced" \
			grep -q "warning: net1: no carrier .* addresses not announced" \
			"$logdir/cni-$nsid-$name.log"
		check "no carrier: ADD waited for it at most 2 s ($ms ms)" \
			test "$ms" -ge 2000 -a "$ms" -lt 10000
	else
		local end=$((SECONDS + 60))
		while ((SECONDS < end)); do
			grep -q "^garp $ip4 $mac\$" "$tmpd/announce-$name" &&
				grep -q "^na $ip6 $mac\$" "$tmpd/announce-$name" && break
			sleep 0.1
		done
		check "far end up $far: a gratuitous ARP for $ip4 from $mac" \
			grep -q "^garp $ip4 $mac\$" "$tmpd/announce-$name"
		check "far end up $far: an unsolicited NA for $ip6 from $mac" \
			grep -q "^na $ip6 $mac\$" "$tmpd/announce-$name"
		grep -q "^na $ip6 $mac\$" "$tmpd/announce-$name" &&
			grep -q "^garp $ip4 $mac\$" "$tmpd/announce-$name" ||
			sed 's/^/#   /' "$tmpd/announce-$name" "$logdir/cni-$nsid-$name.log"
		check "far end up $far: the log has no warning" \
			bash -c "! grep warning: $logdir/cni-$nsid-$name.log"
		check_eq "far end up $far: GARPs by $([[ $far == now ]] && echo the kernel || echo the plugin)" \
			"$(grep -c "no carrier at link up: our own gratuitous ARPs" "$logdir/cni-$nsid-$name.log")" \
			"$([[ $far == now ]] && echo 0 || echo 1)"
	fi
	kill $sniffer 2>/dev/null
	wait $sniffer 2>/dev/null
	cni DEL "pod$name" /run/netns/a$nsid "$conf"
	check_cni "DEL pod$name"
	vfpool pool del "$n"
}
announce_case N now
announce_case L late
announce_case Z never

ksft_finish
