#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Drop-in for sriov-cni: the example configs of sriov-cni's own
# documentation (README "Configuration with IPAM", and "each field filled
# out" in docs/configuration-reference.md), verbatim but for "type".
# Their deviceID "0000:03:02.0" names a VF with a netdev; QEMU has no
# such device, so the test plays Multus, which puts the device plugin's
# choice into deviceID: here a pool of netdevsim VFs stands in for it.
# Also: every missing CNI_* variable is reported by name.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cni-lib.sh"

# as_multus CONFIG: deviceID replaced by this test's pool.
as_multus() { jq -c --arg pool "$pool" 'del(.deviceID) + {pool: $pool}' <<<"$1"; }
vf_of() { vfpool -j lease show owner "$1" | jq -r '.[0].member.vf_index'; }

readme_ipam='{
    "cniVersion": "0.3.1",
    "name": "sriov-net",
    "type": "vfpool-cni",
        "deviceID": "0000:03:02.0",
        "vlan": 2222,
        "ipam": {
                "type": "host-local",
                "subnet": "10.56.217.0/24",
                "rangeStart": "10.56.217.171",
                "rangeEnd": "10.56.217.181",
                "routes": [
                        { "dst": "0.0.0.0/0" }
                ],
                "gateway": "10.56.217.1"
        }
}'
conf=$(as_multus "$readme_ipam")
cni ADD podI /run/netns/a$nsid "$conf"
check_cni "sriov-cni README's IPAM example: ADD"
ip=$(echo "$out" | jq -r '.ips[0].address')
check_eq "result in 0.3.1: an address from rangeStart..rangeEnd, version 4, gateway" \
	"$(echo "$out" | jq -r '"\(.cniVersion) \(.ips[0].version) \(.ips[0].gateway)"') $(
	   [[ $ip =~ ^10\.56\.217\.(17[1-9]|18[01])/24$ ]] && echo in-range || echo "$ip")" \
	"0.3.1 4 10.56.217.1 in-range"
check_eq "VLAN 2222 on the VF" "$(vf_line "$(vf_of podI)" | grep -o 'vlan [0-9]*')" "vlan 2222"
check "the address and the default route are in the pod" \
	bash -c "ip -n a$nsid -o addr show dev net1 | grep -q ' $ip ' &&
		 ip -n a$nsid route show default | grep -q 'via 10.56.217.1 dev net1'"
check "host-local kept its state in its default dataDir" \
	test -e "/var/lib/cni/networks/sriov-net/${ip%/24}"
vfI=$(vf_of podI)
cni DEL podI /run/netns/a$nsid "$conf"
check_cni "... DEL"
check_eq "... VLAN gone, address released" \
	"$(vf_line "$vfI" | grep -c 'vlan 2222') $(ls /var/lib/cni/networks/sriov-net | grep -c '^10\.')" "0 0"

reference='{
    "cniVersion": "0.3.1",
    "name": "sriov-dpdk",
    "type": "vfpool-cni",
    "deviceID": "0000:03:02.0",
    "mac": "CA:FE:C0:FF:EE:00",
    "vlan": 1000,
    "vlanQoS": 4,
    "vlanProto": "802.1ad",
    "min_tx_rate": 100,
    "max_tx_rate": 200,
    "spoofchk": "off",
    "trust": "on",
    "link_state": "enable",
    "logLevel": "debug",
    "logFile": "/var/log/vfpool-cni/sriov-'"$nsid"'.log"
}'
conf=$(as_multus "$reference")
before=$(vf_line 0; vf_line 1; vf_line 2)
cni ADD podF /run/netns/b$nsid "$conf"
check_cni "configuration reference's every-field example: ADD"
vfF=$(vf_of podF)
line=$(vf_line "$vfF")
check_eq "MAC lower-cased, VLAN 1000 QoS 4 802.1ad" \
	"$(grep -o 'link/ether [0-9a-f:]*\|vlan 1000, qos 4, vlan protocol 802.1ad' <<<"$line" | tr '\n' ' ')" \
	"link/ether ca:fe:c0:ff:ee:00 vlan 1000, qos 4, vlan protocol 802.1ad "
check_eq "rates, spoof checking, link state, trust" \
	"$(grep -o 'max_tx_rate 200Mbps\|min_tx_rate 100Mbps\|spoof checking off\|link-state enable\|trust on' <<<"$line" | tr '\n' ' ')" \
	"max_tx_rate 200Mbps min_tx_rate 100Mbps spoof checking off link-state enable trust on "
check_eq "no ipam: L2 only, the result has the interface and no address" \
	"$(echo "$out" | jq -r '"\(.interfaces[0].mac) \(.ips // [] | length)"')" "ca:fe:c0:ff:ee:00 0"
check "logLevel debug went to logFile" grep -q 'podF' /var/log/vfpool-cni/sriov-$nsid.log
rm -f /var/log/vfpool-cni/sriov-$nsid.log
cni DEL podF /run/netns/b$nsid "$conf"
check_cni "... DEL"
check_eq "... every VF's config as before" "$(vf_line 0; vf_line 1; vf_line 2)" "$before"

# Missing CNI_* variables: code 4 (invalid environment), named.
conf=$(net)
for var in CNI_COMMAND CNI_CONTAINERID CNI_IFNAME CNI_NETNS CNI_PATH; do
	before=$(state)
	vars=()
	for v in CNI_COMMAND=ADD CNI_CONTAINERID=podM CNI_IFNAME=net1 \
		 CNI_NETNS=/run/netns/a$nsid CNI_PATH=$CNI_PATH; do
		[[ $v == "$var="* ]] || vars+=("$v")
	done
	out=$(env -u "$var" "${vars[@]}" vfpool-cni <<<"$conf" 2>/dev/null)
	rc=$?
	if [[ $var == CNI_COMMAND ]]; then
		check_cni_err "no $var: code 4 naming it" 4 "$var"
	else
		check_cni_err "no $var on ADD: code 4 naming it" 4 "$var"
	fi
	check_unchanged "... and nothing changed" "$before"
done
ksft_finish
