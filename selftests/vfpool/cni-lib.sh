# SPDX-License-Identifier: GPL-2.0
# Shared by the cni*.sh selftests (sourced after lib.sh): a netdevsim PF,
# pool p$nsid of three dummy members on VFs 0-2, pool q$nsid of one on
# VF 3, netns a$nsid and b$nsid, and helpers that run vfpool-cni the way
# a runtime does. IPAM is Debian's host-local with its dataDir in $tmpd.
command -v vfpool-cni >/dev/null || skip_all "vfpool-cni not built"
export CNI_PATH=/usr/lib/cni
[[ -x $CNI_PATH/host-local ]] || skip_all "no host-local IPAM (containernetworking-plugins)"
nsim_pf 4
pool=p$nsid
vfpool pool add $pool
dummies $pool 3
# A pool of one member: the DEL/ADD race on one VF.
ip link add "r$nsid" type dummy
cleanups+=("ip link del r$nsid")
vfpool pool add q$nsid
vfpool member add q$nsid dev "r$nsid" pf "$PF" vf 3
netns a$nsid
netns b$nsid
ipam_dir=$tmpd/ipam

# net [JQ-OBJECT] [VERSION]: the network config, with fields added.
net() {
	local extra=${1:-}
	[[ -n $extra ]] || extra='{}'
	jq -nc --arg pool "$pool" --arg dir "$ipam_dir" --arg v "${2:-1.0.0}" \
		"{cniVersion: \$v, name: \"vfnet\", type: \"vfpool-cni\", pool: \$pool,
		  ipam: {type: \"host-local\", dataDir: \$dir,
			 ranges: [[{subnet: \"10.77.0.0/24\", gateway: \"10.77.0.1\"}],
				  [{subnet: \"fd77::/64\", gateway: \"fd77::1\"}]],
			 routes: [{dst: \"0.0.0.0/0\"}, {dst: \"::/0\"}]}} + $extra"
}

# cni COMMAND CONTAINERID NETNS CONFIG [CNI_ARGS]: runs the plugin as a
# runtime would; stdout in $out, exit status in $rc. NETNS "-": unset.
cni() {
	local id=$2 netns=$3
	[[ $id == - ]] && id=
	[[ $netns == - ]] && netns=
	out=$(CNI_COMMAND=$1 CNI_CONTAINERID=$id CNI_IFNAME=net1 CNI_NETNS=$netns \
		CNI_ARGS=${5:-} vfpool-cni <<<"$4" 2>"$tmpd/stderr")
	rc=$?
}

# check_cni DESCRIPTION: the last call succeeded.
check_cni() {
	if ((rc == 0)); then
		ok "$1"
	else
		not_ok "$1"
		echo "#   exit $rc"
		{ echo "$out"; cat "$tmpd/stderr"; } | sed 's/^/#   /'
	fi
}

# check_cni_err DESCRIPTION CODE MSGTEXT: the last call failed with the
# spec's error object: CODE, and a msg containing MSGTEXT.
check_cni_err() {
	local got
	got=$(echo "$out" | jq -r '"\(.code) \(.msg)"' 2>/dev/null)
	if ((rc != 0)) && [[ $got == "$2 "*"$3"* ]] &&
	   [[ $(echo "$out" | jq -r .cniVersion) != null ]]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   exit $rc, want code $2 and '$3'"
		echo "$out" | sed 's/^/#   /'
	fi
}

# The lease a container holds, as vfpool shows it.
lease_of() { vfpool -j lease show owner "$1" | jq -c '.[0] // empty'; }
# IPs host-local holds (files named after addresses in its dataDir).
ipam_held() { ls "$ipam_dir/vfnet" 2>/dev/null | grep -c '^[0-9a-f].*[.:]' || true; }


# bond_pool: bonding loaded, two more PFs (PFA, PFB), 4 dummy members on
# each in pool $bpool; names_before and vfs_before hold the members'
# names and the PFs' VF lines. Skips without bonding.
bond_pool() {
	local pf i dev
	# max_bonds=0: no bond0 of the module's own in init_net.
	modprobe bonding max_bonds=0 2>/dev/null
	[[ -e /sys/class/net/bonding_masters ]] || skip_all "no bonding in this kernel"
	new_pf PFA $((nsid % 1000 + 1100))
	new_pf PFB $((nsid % 1000 + 2100))
	bpool=bp$nsid
	vfpool pool add $bpool
	for pf in a b; do
		for i in 0 1 2 3; do
			ip link add "e${nsid}_$pf$i" type dummy
			cleanups+=("ip link del e${nsid}_$pf$i")
			[[ $pf == a ]] && dev=$PFA || dev=$PFB
			vfpool member add $bpool dev "e${nsid}_$pf$i" pf "$dev" vf $i
		done
	done
	names_before=$(vfpool -j member show pool $bpool | jq -r '[.[].ifname] | sort | join(" ")')
	vfs_before=$(ip link show "$PFA" | grep ' vf '; ip link show "$PFB" | grep ' vf ')
}

# Members of $bpool free now.
all_free() { vfpool -j pool show $bpool | jq -r '.[0].free'; }

# bnet BOND [JQ-OBJECT]: a bond network on pool $bpool.
bnet() {
	net "{pool: \"$bpool\", bond: $1} + ${2:-"{}"}"
}
# links N: bond-cni's links list of link0..link(N-1).
links() { jq -nc --argjson n "$1" '[range($n) | {name: "link\(.)"}]'; }
