#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The YNL spec is the contract: the kernel's own ynl CLI drives pool-get,
# lease-new, lease-get, lease-del and the events group from it alone.
source "$(dirname "$0")/lib.sh"
spec=$(cd "$(dirname "$0")/../.." && pwd)/Documentation/netlink/specs/vfpool.yaml
ynl_dir=${VFPOOL_YNL:-}
[[ -n $ynl_dir && -f $ynl_dir/tools/net/ynl/cli.py ]] ||
	skip_all "the kernel's ynl CLI is missing (tools/ynl unpacks it from linux-source-6.12)"
python3 -c 'import yaml' 2>/dev/null || skip_all "python3-yaml is missing"
# The schema of the spec's protocol (genetlink-c: its C names are the UAPI's).
schema=$ynl_dir/Documentation/netlink/$(sed -n 's/^protocol: *//p' "$spec").yaml
ynl() {
	python3 "$ynl_dir/tools/net/ynl/cli.py" --spec "$spec" --schema "$schema" "$@"
}

python3 "$ynl_dir/tools/net/ynl/cli.py" --spec "$spec" --schema "$schema" --list-ops >/dev/null
check_eq "the spec passes the schema of its protocol ($(basename "$schema"))" $? 0

# A subscriber on the ynl library that prints each event as it comes,
# for as long as the test runs (cli.py --subscribe only prints at exit).
python3 - "$ynl_dir/tools/net/ynl" "$spec" >"$tmpd/events" 2>&1 <<'PY' &
import sys, time
sys.path.append(sys.argv[1])
from lib import YnlFamily
ynl = YnlFamily(sys.argv[2], '')
ynl.ntf_subscribe('events')
print('subscribed', flush=True)
while True:
    ynl.check_ntf()
    for msg in ynl.async_msg_queue:
        print(msg, flush=True)
    ynl.async_msg_queue.clear()
    time.sleep(0.1)
PY
sub=$!
cleanups+=("kill $sub")
for _ in $(seq 600); do
	grep -q subscribed "$tmpd/events" && break
	sleep 0.1
done
check_eq "subscribed to the events group" "$(grep -c subscribed "$tmpd/events")" 1

check "pool-new" ynl --do pool-new --json "{\"pool\": {\"name\": \"y$nsid\"}}"
ip link add yd$nsid type dummy
cleanups+=("ip link del yd$nsid")
check "member-add" ynl --do member-add --json "{\"member\": {\"pool-name\": \"y$nsid\", \"ifname\": \"yd$nsid\"}}"
out=$(ynl --do pool-get --json "{\"pool\": {\"name\": \"y$nsid\"}}")
check_eq "pool-get counts the member" "$(echo "$out" | grep -o "'total': [0-9]*")" "'total': 1"

netns n$nsid
exec 7</run/netns/n$nsid
out=$(ynl --do lease-new --json "{\"lease\": {\"pool-name\": \"y$nsid\", \"owner-id\": \"ynl$nsid\", \"ifname\": \"net7\", \"netns-fd\": 7, \"vf-config\": {\"mtu\": 1280}}}")
exec 7<&-
check_eq "lease-new replies with the lease" "$(echo "$out" | grep -o "'owner-id': 'ynl$nsid'" | head -n 1)" "'owner-id': 'ynl$nsid'"
check "the member is in the netns as net7" ip -n n$nsid link show net7

out=$(ynl --dump lease-get)
# One lease: its own id once (the member nest inside says lease-id).
check_eq "lease-get dump lists it" "$(echo "$out" | grep -o "'id': [0-9]*" | wc -l)" 1
out=$(ynl --dump member-get)
check_eq "member-get says leased" "$(echo "$out" | grep -o "'state': 'leased'" | head -n 1)" "'state': 'leased'"

check_fail "a VLAN over 4095 is refused by the kernel's policy" "out of range" \
	ynl --do lease-new --json "{\"lease\": {\"pool-name\": \"y$nsid\", \"owner-id\": \"x\", \"vf-config\": {\"vlan\": 5000}}}"

check "irq-set of the pool's default policy" \
	ynl --do irq-set --json "{\"irq\": {\"pool-name\": \"y$nsid\", \"policy\": \"cpus\", \"cpus\": \"0\"}}"
out=$(ynl --do irq-get --json "{\"irq\": {\"pool-name\": \"y$nsid\"}}")
check_eq "irq-get of the pool: its policy" "$(echo "$out" | grep -o "'policy': '[a-z-]*'")" "'policy': 'cpus'"
check_eq "irq-get of the pool: one cpu-load per online CPU" \
	"$(echo "$out" | grep -o "'cpu': [0-9]*" | wc -l)" "$(nproc)"
check_eq "pool-get shows the policy" \
	"$(ynl --do pool-get --json "{\"pool\": {\"name\": \"y$nsid\"}}" | grep -o "'irq-cpus': '[0-9]*'")" "'irq-cpus': '0'"
check "lease-del" ynl --do lease-del --json "{\"lease\": {\"owner-id\": \"ynl$nsid\"}}"
check "the member is home" ip link show yd$nsid
check "pool-del" ynl --do pool-del --json "{\"pool\": {\"name\": \"y$nsid\"}}"

sleep 0.5
kill $sub 2>/dev/null
wait $sub 2>/dev/null
for ev in pool-new member-add lease-granted lease-released pool-del; do
	check_eq "events group delivered $ev" "$(grep -c "'event': '$ev'" "$tmpd/events")" 1
done

# Vectors of a real PCI function, through the spec's nests.
pf=0000:00:04.0
if [[ -n $(ls /sys/bus/pci/devices/$pf/msi_irqs 2>/dev/null) ]]; then
	check "pool-new and member-add of a PCI PF" \
		ynl --do pool-new --json "{\"pool\": {\"name\": \"z$nsid\"}}"
	check "member-add of $pf" \
		ynl --do member-add --json "{\"member\": {\"pool-name\": \"z$nsid\", \"pci\": \"$pf\"}}"
	out=$(ynl --do irq-set --json "{\"irq\": {\"member-pci\": \"$pf\", \"policy\": \"spread\"}}")
	check_eq "irq-set reports each vector" "$(echo "$out" | grep -o "'irq': [0-9][0-9]*" | wc -l)" \
		"$(ls /sys/bus/pci/devices/$pf/msi_irqs | wc -l)"
	out=$(ynl --dump irq-get --json "{\"irq\": {\"pool-name\": \"z$nsid\"}}")
	check_eq "irq-get dump: a placed vector" "$(echo "$out" | grep -o "'status': 'set'" | head -n 1)" "'status': 'set'"
	check "pool-del" ynl --do pool-del --json "{\"pool\": {\"name\": \"z$nsid\"}}"
else
	ok "irq-set and irq-get of a PCI PF # SKIP no MSI vectors on $pf"
fi
ksft_finish
