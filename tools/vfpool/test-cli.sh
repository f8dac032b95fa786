#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
#
# test-cli.sh VFPOOL: what the CLI does before it asks the kernel, so it
# needs no kernel: the object's usage and exit 1 on every bad argument,
# help for each object (and its prefixes), the main usage, -V; and exit 2
# with "kernel module not loaded" when the vfpool family does not exist
# (this host has no module loaded; skipped if it has). TAP.
set -u
vfpool=$1
P=p0
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
run() { out=$("$@" 2>"$tmp"); rc=$?; err=$(cat "$tmp"); }
vfpool() { "$vfpool" "$@"; }

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
pool|pool frob|unknown command "frob"
pool|pool add|a pool name is needed
pool|pool add x pf|"pf" needs a value
pool|pool add x pci 00:01.0 pf lo|pf and pci exclude each other
pool|pool add x irq-policy sometimes|unknown keyword "sometimes"
pool|pool add abcdefghijklmnop|longer than 15 bytes
pool|pool del|a pool name is needed
pool|pool del $P now|unknown keyword "now"
pool|pool show $P extra|unexpected "extra"
member|member frob|unknown command "frob"
member|member add $P|dev or pci is needed
member|member add $P dev lo pci 00:01.0|dev and pci exclude each other
member|member add $P dev lo vf 1|pf and vf go together
member|member add $P pci 00:01.0 pf lo vf 1|pf and vf are for a dev
member|member add $P pci 00:01|invalid PCI address
member|member del $P pf eth0|unknown keyword "pf"
member|member show pool|"pool" needs a value
member|member show owner x|unknown keyword "owner"
lease|lease frob|unknown command "frob"
lease|lease add owner x|one of pool, pci or dev is needed
lease|lease add pool $P|owner is needed
lease|lease add pool $P owner x owner y|"owner" given twice
lease|lease add pool $P owner x vlan 4096|expected a number from 0 to 4095
lease|lease add pool $P owner x qos 3|qos and proto need a non-zero vlan
lease|lease add pool $P owner x vlan 5 proto 802.1x|invalid proto
lease|lease add pool $P owner x mac 02:00:00:00:00|invalid MAC address
lease|lease add pool $P owner x spoofchk maybe|expected on or off
lease|lease add pool $P owner x link-state up|unknown keyword "up"
lease|lease add pool $P owner x min-tx-rate 10 max-tx-rate 5|min-tx-rate exceeds max-tx-rate
lease|lease add pool $P owner x count 65|expected a number from 1 to 64
lease|lease add pool $P owner x count 2|count and netns need an ifname
lease|lease add pool $P owner x ifname e count 2|needs a "%d"
lease|lease add pool $P owner x distinct-pf|distinct-pf needs a count of 2 or more
lease|lease add pool $P owner x spread-pf|spread-pf needs a count of 2 or more
lease|lease add pool $P owner x link a spread-pf|spread-pf needs a count of 2 or more
lease|lease add pool $P owner x count 2 ifname e%d distinct-pf spread-pf|distinct-pf or spread-pf, not both
lease|lease add pool $P owner x link a link b ifname c|link names each lease: not with ifname or count
lease|lease add pool $P owner x link a link b count 2|link names each lease: not with ifname or count
lease|lease add dev lo owner x link a|link needs a pool
lease|lease add pool $P owner x link a link a|link "a" given twice
lease|lease add pool $P owner x link a/b|invalid link
lease|lease add pool $P owner x link|"link" needs a value
lease|lease add pool $P owner x wait 601|expected a number from 0 to 600
lease|lease add pool $P owner x ifname a/b|invalid ifname
lease|lease add pool $P owner x netns pid|"pid" needs a value
lease|lease del|id or owner is needed
lease|lease del id 5 ifname net1|ifname goes with owner
lease|lease del id 0|expected a number from 1
lease|lease show id abc|expected a number from 1
lease|lease show owner|"owner" needs a value
bond|bond|a command is needed
bond|bond frob|unknown command "frob"
bond|bond enslave bond0 link net0|owner is needed
bond|bond enslave bond0 owner x|a link or lease is needed
bond|bond enslave owner x link net0|a bond is needed
bond|bond enslave bond0 owner x owner y link net0|"owner" given twice
bond|bond enslave bond0 owner x lease 0|expected a number from 1
bond|bond enslave bond0 owner x lease 7x|expected a number from 1
bond|bond enslave bond0 owner x link a/b|invalid link
bond|bond enslave bond0 owner x link|"link" needs a value
bond|bond enslave a:b owner x link net0|invalid bond name
bond|bond enslave ifindex 0 owner x link net0|expected a number from 1 to 2147483647
bond|bond enslave ifindex|"ifindex" needs a value
bond|bond enslave bond0 owner x l net0|ambiguous keyword "l": link, lease
bond|bond enslave bond0 owner x ifindex 3 link net0|unknown keyword "ifindex"
bond|bond enslave bond0 owner x link n0 link n1 link n2 link n3 link n4 link n5 link n6 link n7 link n8 link n9 link n10 link n11 link n12 link n13 link n14 link n15 link n16 link n17 link n18 link n19 link n20 link n21 link n22 link n23 link n24 link n25 link n26 link n27 link n28 link n29 link n30 link n31 link n32 link n33 link n34 link n35 link n36 link n37 link n38 link n39 link n40 link n41 link n42 link n43 link n44 link n45 link n46 link n47 link n48 link n49 link n50 link n51 link n52 link n53 link n54 link n55 link n56 link n57 link n58 link n59 link n60 link n61 link n62 link n63 link n64|more than 64 links and leases
bond|bond release owner x|a bond, or a link or lease, is needed
bond|bond release bond0 link net0|owner is needed
bond|bond release bond0 owner x lease -1|expected a number from 1
monitor|monitor frob|unknown command "frob"
monitor|monitor json extra|unexpected "extra"
EOF
run vfpool frob
[[ $rc == 1 && $err == *'Usage: vfpool [-j|--json]'* ]] && ok "an unknown object: exit 1, the main usage" || not_ok "an unknown object: exit 1, the main usage ($rc: $err)"
run vfpool
[[ $rc == 1 && $err == *'Usage: vfpool '* ]] && ok "no object: exit 1, the main usage" || not_ok "no object: exit 1, the main usage"
run vfpool --frob pool show
[[ $rc == 1 && $err == *'Usage: vfpool '* ]] && ok "an unknown option: exit 1, the main usage" || not_ok "an unknown option: exit 1"
run vfpool m s
[[ $rc == 1 && $err == *'ambiguous object "m": member, monitor'* ]] && ok "\"m\" is ambiguous: member, monitor" || not_ok "\"m\" is ambiguous ($err)"
for o in pool po member me lease l bond b monitor mo; do
	for h in help h he; do
		run vfpool $o $h
		[[ $rc == 0 && -z $err && $out == "Usage: vfpool "* ]] && ok "vfpool $o $h: the usage on stdout, exit 0" ||
			not_ok "vfpool $o $h: the usage on stdout, exit 0 ($rc: $err)"
	done
done
for h in help h -h --help; do
	run vfpool $h
	[[ $rc == 0 && $(grep -c -E '^  (pool|member|lease|bond|monitor) ' <<<"$out") == 5 ]] && ok "vfpool $h: the objects, exit 0" || not_ok "vfpool $h: the objects, exit 0"
done
run vfpool -V
[[ $rc == 0 && $out =~ ^vfpool\ [^\ ]+$ ]] && ok "vfpool -V: the version" || not_ok "vfpool -V: the version ($out)"

# Exit 2: honest only where the family really does not exist.
if [[ -d /sys/module/vfpool ]]; then
	ok "exit 2 without the module # SKIP the vfpool module is loaded here"
else
	for args in "pool show" "l s" "member show" "lease del owner x" "monitor" "-j pool show" \
		    "bond enslave bond0 owner x link net0 lease 7" "b e ifindex 4 o x le 1 li net1" \
		    "bond release owner x link net0" "bond release bond0 owner x"; do
		# shellcheck disable=SC2086
		run vfpool $args
		[[ $rc == 2 && $err == "vfpool: kernel module not loaded (modprobe vfpool)" && -z $out ]] &&
			ok "vfpool $args without the module: exit 2, what to do" ||
			not_ok "vfpool $args without the module: exit 2 ($rc: $err)"
	done
	run vfpool pool add x pf frob0
	[[ $rc == 1 ]] && ok "a bad argument is exit 1 even without the module" || not_ok "bad argument without module ($rc)"
fi
echo "1..$n"
((failed == 0))
