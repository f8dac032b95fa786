#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IRQ placement on a host with isolated CPUs, as low-latency SR-IOV nodes
# are: booted with isolcpus=managed_irq,domain,... (tools/run-tests runs
# this in a guest of its own, the debug4 guest, with 4 CPUs and CPUs 2-3
# isolated). spread and numa-local keep every vector on the housekeeping
# CPUs, read back from /proc/irq/N/smp_affinity_list and
# effective_affinity_list; an explicit cpus list may go to an isolated
# CPU and says so; a pool's banned CPUs narrow the set further; a policy
# that leaves no CPU is refused with nothing changed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/nvme-lib.sh"
isolated=$(cat /sys/devices/system/cpu/isolated 2>/dev/null)
[[ -n $isolated ]] ||
	skip_all "no isolated CPUs: boot with isolcpus=managed_irq,domain,2-3 (VFPOOL_VM_APPEND; the debug4 guest of tools/run-tests)"
nvme_setup
nvf=4

# cpus_of LIST: the CPU ids of a list like 0-1,3, one per line.
cpus_of() {
	local r
	tr ',' '\n' <<<"$1" | while IFS=- read -r a b; do
		for ((r = a; r <= ${b:-$a}; r++)); do echo $r; done
	done
}
mapfile -t iso < <(cpus_of "$isolated")
mapfile -t online < <(cpus_of "$(cat /sys/devices/system/cpu/online)")
hk=()
for c in "${online[@]}"; do
	[[ " ${iso[*]} " == *" $c "* ]] || hk+=("$c")
done
((${#hk[@]} >= 2)) || skip_all "needs 2 housekeeping CPUs, has ${#hk[@]}"
echo "# isolated: ${iso[*]}; housekeeping: ${hk[*]}"

nvme_vfs $nvf
for f in "${vfs[@]}"; do
	check "the nvme driver binds $f" bind_vf $f
done
# The virtio PFs, but a NIC: that one is the pod's VF below.
vio=() nic=
for f in $(virtio_pfs); do
	if ls -d /sys/bus/pci/devices/$f/virtio*/net >/dev/null 2>&1; then
		nic=$f
	else
		vio+=("$f")
	fi
done

# placed POOL: "IRQ" of each vector the module placed there.
placed() {
	vfpool -j irq show pool "$1" | jq -r '.vectors[] | select(.status == "set") | .irq'
}
# on_housekeeping FILE IRQ...: /proc/irq/N/FILE of each is one
# housekeeping CPU. Prints the CPUs used.
on_housekeeping() {
	local file=$1 i c used=() bad=0
	shift
	for i in "$@"; do
		c=$(cat /proc/irq/$i/$file)
		[[ " ${hk[*]} " == *" $c "* ]] || bad=1
		used+=("$c")
	done
	printf '%s\n' "${used[@]}" | sort -n | uniq -c | awk '{printf "cpu%s=%s ", $2, $1}'
	return $bad
}
affinities() { vector_affinities "$@"; }

# --- spread over the NVMe VFs and the virtio PFs: housekeeping CPUs only
N=n$nsid
check "pool of the NVMe VFs" vfpool pool add $N
for f in "${vfs[@]}"; do
	check "member add $N pci $f" vfpool member add $N pci $f
done
for f in "${vio[@]}"; do
	check "member add $N pci $f (a virtio PF)" vfpool member add $N pci $f
done
check "irq set pool $N policy spread" vfpool irq set pool $N policy spread
mapfile -t irqs < <(placed $N)
((${#irqs[@]} >= ${#hk[@]} + 1)) && ok "${#irqs[@]} vectors placed" ||
	not_ok "${#irqs[@]} vectors placed, want more than ${#hk[@]}"
if out=$(on_housekeeping smp_affinity_list "${irqs[@]}"); then
	ok "spread: every smp_affinity_list is a housekeeping CPU ($out)"
else
	not_ok "spread: every smp_affinity_list is a housekeeping CPU ($out)"
fi
check_eq "... and every housekeeping CPU has some" \
	"$(for i in "${irqs[@]}"; do cat /proc/irq/$i/smp_affinity_list; done | sort -un | tr '\n' ' ')" \
	"$(printf '%s ' "${hk[@]}")"
# A vector moves at its next interrupt: the NVMe admin queues fire now;
# virtio config vectors only on a config change (still pending).
fire
mapfile -t fired < <(vfpool -j irq show pool $N | jq -r '.vectors[] | select(.status == "set" and (.pending | not)) | .irq')
if out=$(on_housekeeping effective_affinity_list "${fired[@]}"); then
	ok "spread: the effective_affinity_list of the ${#fired[@]} vectors that fired too ($out)"
else
	not_ok "spread: the effective_affinity_list of the ${#fired[@]} vectors that fired too ($out)"
fi
check "... at least the NVMe VFs' admin queues fired" test ${#fired[@]} -ge $nvf
check_eq "the pool's load is 0 on every isolated CPU" \
	"$(vfpool -j irq show pool $N | jq -r "[.load[] | select(.cpu == ($(IFS=,; echo "${iso[*]}"))) | .vectors] | add // 0")" 0

# --- numa-local: the same limits (the guest's one node has every CPU)
check "irq set pool $N policy numa-local" vfpool irq set pool $N policy numa-local
mapfile -t irqs < <(placed $N)
if out=$(on_housekeeping smp_affinity_list "${irqs[@]}"); then
	ok "numa-local: every vector on a housekeeping CPU ($out)"
else
	not_ok "numa-local: every vector on a housekeeping CPU ($out)"
fi

# --- an explicit list may name an isolated CPU: it goes there, and says so
last_iso=${iso[-1]}
err=$(vfpool irq set pci ${vfs[0]} policy cpus $last_iso 2>&1 >/dev/null)
check_eq "cpus $last_iso (isolated): the note says so" "$err" \
	"note: CPUs $last_iso are isolated by the kernel or banned by pool $N; the cpus policy names them, so vectors may go there"
check_eq "... and its vector is there in /proc" \
	"$(vfpool -j irq show pci ${vfs[0]} | jq -r '.vectors[] | select(.status == "set") | .irq' |
	   while read -r i; do cat /proc/irq/$i/smp_affinity_list; done | sort -u)" "$last_iso"
check_eq "... irq show notes it too" \
	"$(vfpool -j irq show pci ${vfs[0]} 2>&1 >/dev/null | grep -c isolated)" 1

# --- the pool's banned CPUs narrow the housekeeping set
check "irq set pool $N policy spread banned-cpus ${hk[0]}" \
	vfpool irq set pool $N policy spread banned-cpus ${hk[0]}
mapfile -t irqs < <(placed $N)
check_eq "every vector on the housekeeping CPUs but ${hk[0]}" \
	"$(for i in "${irqs[@]}"; do cat /proc/irq/$i/smp_affinity_list; done | sort -un | tr '\n' ' ')" \
	"$(printf '%s ' "${hk[@]:1}")"
base=$(affinities "${vfs[@]}" "${vio[@]}")
check_fail "banning every housekeeping CPU: refused" \
	"Invalid argument: vfpool: irq: no CPU allowed: every online CPU is isolated by the kernel or banned by the pool" \
	vfpool irq set pool $N banned-cpus "$(IFS=,; echo "${hk[*]}")"
check_eq "... no affinity changed" "$(affinities "${vfs[@]}" "${vio[@]}")" "$base"
check_eq "... the pool's banned CPUs are as they were" \
	"$(vfpool -j pool show $N | jq -r '.[0].irq_banned_cpus')" "${hk[0]}"
check_fail "a new pool whose policy allows no CPU: refused" \
	"Invalid argument: vfpool: irq: no CPU allowed" \
	vfpool pool add b$nsid irq-policy spread irq-banned-cpus "$(IFS=,; echo "${hk[*]}")"
check "a member's cpus list of isolated CPUs only is still taken" \
	vfpool irq set pci ${vfs[1]} policy cpus "$(IFS=,; echo "${iso[*]}")"

check "pool del $N" vfpool pool del $N

# --- the pod policy: the VF's vectors on the CPUs of the pod's cgroup
# (cgroup2 cpuset), RPS there too, and XPS per tx queue; the NIC of this
# guest (VFPOOL_VM_NIC=1) is the pod's VF: a PCI function with a netdev
# and a vector per queue.
if [[ -z $nic ]]; then
	ok "pod policy # SKIP no virtio-net NIC (VFPOOL_VM_NIC=1)"
	ksft_finish
fi
cg=/sys/fs/cgroup
if [[ ! -e $cg/cgroup.controllers ]]; then
	mount -t cgroup2 none $cg || skip_all "cannot mount cgroup2"
	cleanups+=("umount $cg")
fi
grep -qw cpuset $cg/cgroup.controllers || skip_all "no cpuset controller in cgroup2"
echo +cpuset >$cg/cgroup.subtree_control
mkdir $cg/pod$nsid $cg/nocpuset$nsid
cleanups+=("rmdir $cg/pod$nsid $cg/nocpuset$nsid")
# A cgroup whose own children have no cpuset files: below nocpuset.
mkdir $cg/nocpuset$nsid/inner
cleanups+=("rmdir $cg/nocpuset$nsid/inner")
nicdev=$(basename "$(ls -d /sys/bus/pci/devices/$nic/virtio*/net/* | head -n 1)")
P=p$nsid
check "pool $P of the NIC $nic ($nicdev)" vfpool pool add $P
check "member add $P pci $nic" vfpool member add $P pci $nic
netns c$nsid
cni() {	# COMMAND CONFIG: as a runtime runs it; stdout in $out
	out=$(CNI_COMMAND=$1 CNI_CONTAINERID=pod$nsid CNI_IFNAME=net1 \
		CNI_NETNS=/run/netns/c$nsid CNI_PATH=/usr/lib/cni vfpool-cni <<<"$2" 2>"$tmpd/cni.err")
}
conf='{"cniVersion": "1.0.0", "name": "podnet", "type": "vfpool-cni", "pool": "'$P'",
	"logLevel": "info", "logFile": "/var/log/vfpool-cni/podnet"'
podirq='"irq": {"policy": "pod", "rps": "pod", "xps": true}'
nic_vectors() { vfpool -j irq show pci $nic | jq -r '.vectors[] | "\(.irq) \(.status) \(.cpus)"'; }
# The CPU list in sysfs hex of a mask, without leading zeros and commas.
hexmask() { local m=0 c; for c in $(cpus_of "$1"); do m=$((m | 1 << c)); done; printf '%x' $m; }
# The CPU of the vector named like *-output.Q (virtio-net's tx queue Q).
txq_cpu() {
	local irq
	irq=$(awk -v q="-output.$1" '$NF ~ q"$" { sub(":", "", $1); print $1 }' /proc/interrupts | head -n 1)
	[[ -n $irq ]] && cat /proc/irq/$irq/smp_affinity_list
}
# pod_round CPUS: a pod whose cgroup has cpuset.cpus CPUS gets its VF's
# vectors there; each tx queue's XPS is the CPU its vector went to; RPS
# is the pod's CPUs but the isolated ones (the kernel does no RPS there;
# all isolated: left alone, logged).
pod_round() {
	local cpus=$1 rps_want c q nq got
	echo "$cpus" >$cg/pod$nsid/cpuset.cpus
	: >/var/log/vfpool-cni/podnet
	cni ADD "$conf, $podirq, \"runtimeConfig\": {\"cgroupPath\": \"/pod$nsid\"}}"
	check_eq "cpuset $cpus: CNI ADD with the pod policy and cgroupPath /pod$nsid" \
		"$(echo "$out" | jq -r '"\(.code // "ok") \(.msg // "")"')" "ok "
	sed 's/^/# log: /' /var/log/vfpool-cni/podnet
	got=$(vfpool -j irq show pci $nic 2>/dev/null | jq -r '.vectors[] | select(.status == "set") | .irq' |
	      while read -r i; do cat /proc/irq/$i/smp_affinity_list; done | sort -un | paste -sd,)
	check_eq "cpuset $cpus: the VF's placed vectors are on the pod's CPUs in /proc" \
		"$got" "$(cpus_of "$cpus" | paste -sd,)"
	check "cpuset $cpus: ... the VF's queue vectors were placed" \
		test "$(nic_vectors | grep -c ' set ')" -ge 3
	rps_want=
	for c in $(cpus_of "$cpus"); do
		[[ " ${iso[*]} " == *" $c "* ]] || rps_want+="${rps_want:+,}$c"
	done
	if [[ -z $rps_want ]]; then
		check_eq "cpuset $cpus (isolated): rps_cpus of rx-0 left alone" \
			"$(ip netns exec c$nsid cat /sys/class/net/net1/queues/rx-0/rps_cpus | tr -d ',0')" ""
		check "... and the log says why" \
			grep -q "the pod's CPUs $cpus are all isolated" /var/log/vfpool-cni/podnet
	else
		check_eq "cpuset $cpus: rps_cpus of rx-0 in the pod: CPUs $rps_want" \
			"$(ip netns exec c$nsid cat /sys/class/net/net1/queues/rx-0/rps_cpus | sed 's/,//g; s/^0*//')" \
			"$(hexmask "$rps_want")"
	fi
	nq=$(ip netns exec c$nsid sh -c 'ls -d /sys/class/net/net1/queues/tx-*' | wc -l)
	if ((nq < 2)); then
		check "cpuset $cpus: one tx queue: XPS left alone, logged" \
			grep -q "xps: net1 has one tx queue" /var/log/vfpool-cni/podnet
	else
		for ((q = 0; q < nq; q++)); do
			c=$(txq_cpu $q)
			check_eq "cpuset $cpus: xps_cpus of tx-$q is the CPU of its vector (output.$q on CPU $c)" \
				"$(ip netns exec c$nsid cat /sys/class/net/net1/queues/tx-$q/xps_cpus | sed 's/,//g; s/^0*//')" \
				"$(hexmask "$c")"
			check "cpuset $cpus: the log names tx-$q's CPU" \
				grep -q "xps: net1 tx-$q: CPU $c " /var/log/vfpool-cni/podnet
		done
	fi
	check "cpuset $cpus: CNI DEL" cni DEL "$conf}"
}
pod_round $last_iso
pod_round "${hk[1]},$last_iso"

# A pod whose CPUs are unknown: the pool's policy stays, logged.
check "irq set pool $P policy spread" vfpool irq set pool $P policy spread
before=$(affinities $nic)
check "CNI ADD with the pod policy and no cgroupPath" cni ADD "$conf, $podirq}"
check_eq "... the VF's vectors stay where the pool put them" "$(affinities $nic)" "$before"
check "... the log says why" grep -q "the pod's CPUs are unknown" /var/log/vfpool-cni/podnet
check "CNI DEL" cni DEL "$conf}"

# Bad cgroups: a clear error, no lease left, no affinity changed.
for bad in "/nosuch$nsid|no such cgroup" "/../etc|not an absolute cgroup path" \
	   "pod$nsid|not an absolute cgroup path" \
	   "/nocpuset$nsid/inner|no cpuset.cpus.effective"; do
	path=${bad%%|*} want=${bad#*|}
	before=$(affinities $nic)
	cni ADD "$conf, $podirq, \"runtimeConfig\": {\"cgroupPath\": \"$path\"}}"
	check_eq "cgroupPath $path: code 7, $want" \
		"$(echo "$out" | jq -r '"\(.code) \(.msg)"' | grep -o "^7 .*$want" | cut -c1-2)" "7 "
	check_eq "... no lease left" "$(vfpool -j lease show pool $P | jq length)" 0
	check_eq "... no affinity changed" "$(affinities $nic)" "$before"
done
check "pool del $P" vfpool pool del $P
ksft_finish
