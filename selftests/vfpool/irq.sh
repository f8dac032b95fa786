#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IRQ placement on real PCI functions: the NVMe PF's VFs (onlined with
# nvme-cli's virt-mgmt, so the nvme driver binds and allocates vectors),
# the NVMe PF and the virtio PFs as explicit members. Each spread is read
# back from /proc/irq/N/smp_affinity_list and effective_affinity_list,
# not only from the module's answer: every CPU used, per-CPU counts that
# differ by at most one, managed vectors left alone, bad input refused
# with nothing changed.
source "$(dirname "$0")/lib.sh"
pf_pci=${VFPOOL_NVME_PF:-0000:00:04.0}
sysfs=/sys/bus/pci/devices/$pf_pci
nvf=4
[[ -e $sysfs/driver ]] || modprobe -q nvme 2>/dev/null
[[ -w $sysfs/sriov_numvfs ]] || skip_all "no SR-IOV capable NVMe PF at $pf_pci"
command -v nvme >/dev/null || skip_all "nvme-cli is not installed"
ncpu=$(nproc)
((ncpu >= 2)) || skip_all "needs 2 CPUs or more, has $ncpu"
ctrl=$(ls "$sysfs/nvme" 2>/dev/null | head -n 1)
[[ -n $ctrl && -c /dev/$ctrl ]] || skip_all "the NVMe PF has no controller device"
last_cpu=$((ncpu - 1))

# --- VFs the nvme driver can bind: resources assigned, controllers online
echo 0 >"$sysfs/sriov_numvfs"
echo 0 >"$sysfs/sriov_drivers_autoprobe"
cleanups+=("echo 1 >$sysfs/sriov_drivers_autoprobe")
echo $nvf >"$sysfs/sriov_numvfs" || skip_all "cannot enable VFs on $pf_pci"
cleanups+=("echo 0 >$sysfs/sriov_numvfs")
vfs=()
for ((i = 0; i < nvf; i++)); do
	vfs+=("$(basename "$(readlink "$sysfs/virtfn$i")")")
done
# Secondary controller ids, in VF order (QEMU numbers them from 1).
mapfile -t scids < <(nvme list-secondary "/dev/$ctrl" | sed -n 's/.*SCID.*: 0x\([0-9a-f]*\).*/\1/p')
for ((i = 0; i < nvf; i++)); do
	c=$((16#${scids[i]:-$((i + 1))}))
	nvme virt-mgmt "/dev/$ctrl" -c $c -r 0 -a 8 -n 2 >/dev/null &&
		nvme virt-mgmt "/dev/$ctrl" -c $c -r 1 -a 8 -n 1 >/dev/null &&
		nvme virt-mgmt "/dev/$ctrl" -c $c -a 9 >/dev/null ||
		skip_all "virt-mgmt cannot online secondary controller $c"
	cleanups+=("nvme virt-mgmt /dev/$ctrl -c $c -a 7")
done

# bind_vf BDF: the nvme driver takes the VF; waits for its vectors.
bind_vf() {
	echo nvme >"/sys/bus/pci/devices/$1/driver_override"
	echo "$1" >/sys/bus/pci/drivers/nvme/bind
	for _ in $(seq 300); do
		[[ -n $(ls "/sys/bus/pci/devices/$1/msi_irqs" 2>/dev/null) &&
			-n $(ls "/sys/bus/pci/devices/$1/nvme" 2>/dev/null) ]] && return 0
		sleep 0.1
	done
	return 1
}
# The vectors the module placed (status set), as "IRQ CPU" lines.
placed() {
	vfpool -j irq show "$@" | jq -r '.vectors[] | select(.status == "set") | "\(.irq) \(.cpus)"'
}
# spread_ok FILE IRQ...: /proc/irq/N/FILE of every IRQ is one CPU, every
# CPU has one (with fewer IRQs than CPUs: none has two), and the counts
# differ by at most one. Prints the counts.
spread_ok() {
	local file=$1 irq cpu min max counts=() out=""
	shift
	for ((cpu = 0; cpu < ncpu; cpu++)); do counts[cpu]=0; done
	for irq in "$@"; do
		cpu=$(cat "/proc/irq/$irq/$file")
		[[ $cpu =~ ^[0-9]+$ ]] || { echo "irq $irq: $file is '$cpu', not one CPU"; return 1; }
		counts[cpu]=$((counts[cpu] + 1))
	done
	min=${counts[0]} max=${counts[0]}
	for ((cpu = 0; cpu < ncpu; cpu++)); do
		((counts[cpu] < min)) && min=${counts[cpu]}
		((counts[cpu] > max)) && max=${counts[cpu]}
		out+="cpu$cpu=${counts[cpu]} "
	done
	echo "$out"
	(($# < ncpu ? max <= 1 : min >= 1 && max - min <= 1))
}
# Interrupts on the admin queue of every NVMe controller (the PF's and
# the VFs'), so that pending affinities take effect.
fire() {
	local c
	for c in /dev/nvme[0-9]*; do
		[[ $c =~ ^/dev/nvme[0-9]+$ ]] && nvme id-ctrl "$c" >/dev/null 2>&1
	done
	true
}
# Every affinity of every vector of the given functions: what bad input
# must not change.
affinities() {
	local f i
	for f in "$@"; do
		for i in $(ls "/sys/bus/pci/devices/$f/msi_irqs" 2>/dev/null); do
			echo "$f $i $(cat /proc/irq/$i/smp_affinity_list)"
		done
	done
	vfpool -j irq show pool n$nsid | jq -c '[.vectors[] | [.irq, .status, .cpus]], .load'
}

N=n$nsid
check "pool from the PF, default IRQ policy spread" vfpool pool add $N pci $pf_pci irq-policy spread
check_eq "the pool shows its IRQ policy" "$(vfpool -j pool show $N | jq -r '.[0].irq_policy')" spread
check "the PF itself as an explicit member" vfpool member add $N pci $pf_pci
check_eq "the PF member has no PF of its own" \
	"$(vfpool -j member show pool $N | jq -r ".[] | select(.pci == \"$pf_pci\") | \"\(.pf_pci) \(.vf_index)\"")" \
	"null null"

# --- a VF leased before its driver binds: the policy waits for it
check "lease ${vfs[0]} before a driver has it" vfpool lease add pci ${vfs[0]} owner irq$nsid
check_eq "the lease gave the member the pool's policy; no vectors yet" \
	"$(vfpool -j irq show pci ${vfs[0]} | jq -r '[.vectors[] | "\(.policy) \(.irq)"] | join(",")')" "spread null"
check_eq "irq show says so" \
	"$(vfpool irq show pci ${vfs[0]} | sed -n 2p | tr -s ' ')" "n$nsid ${vfs[0]} spread - - - - no vectors"
check "the nvme driver binds ${vfs[0]} and allocates its vectors" bind_vf ${vfs[0]}
got=
for _ in $(seq 200); do
	got=$(placed pci ${vfs[0]})
	[[ -n $got ]] && break
	sleep 0.1
done
check "the bind placed its vectors by the pool's policy (PCI notifier)" test -n "$got"
echo "# ${vfs[0]}: $got"

# --- the other VFs bind without a policy: left as the driver set them
for ((i = 1; i < nvf; i++)); do
	check "the nvme driver binds ${vfs[i]}" bind_vf ${vfs[i]}
done
check_eq "a VF without a policy: its vectors untouched" \
	"$(vfpool -j irq show pci ${vfs[1]} | jq -r '[.vectors[].status] | unique | join(" ")')" untouched

# --- spread over the PF and every VF
managed_before=$(vfpool -j irq show pci $pf_pci |
	jq -r '.vectors[] | select(.status == "managed") | .irq' |
	while read -r i; do echo "$i $(cat /proc/irq/$i/smp_affinity_list)"; done)
check "the PF has managed vectors (nvme I/O queues)" test -n "$managed_before"
for f in $pf_pci "${vfs[@]:1}"; do
	check "irq set pci $f policy spread" vfpool irq set pci $f policy spread
done
check_eq "managed vectors are reported and left alone" \
	"$(vfpool -j irq show pci $pf_pci | jq -r '.vectors[] | select(.status == "managed") | .irq' |
	   while read -r i; do echo "$i $(cat /proc/irq/$i/smp_affinity_list)"; done)" "$managed_before"
mapfile -t irqs < <(placed pool $N | cut -d' ' -f1)
check_eq "one placed vector per VF and the PF's admin queue" "${#irqs[@]}" $((nvf + 1))
check_eq "the module's CPUs are /proc's" \
	"$(placed pool $N | sort)" \
	"$(for i in "${irqs[@]}"; do echo "$i $(cat /proc/irq/$i/smp_affinity_list)"; done | sort)"
if out=$(spread_ok smp_affinity_list "${irqs[@]}"); then
	ok "spread over ${#irqs[@]} vectors: smp_affinity_list uses every CPU, counts within one ($out)"
else
	not_ok "spread over ${#irqs[@]} vectors: smp_affinity_list uses every CPU, counts within one ($out)"
fi
fire
if out=$(spread_ok effective_affinity_list "${irqs[@]}"); then
	ok "after interrupts, effective_affinity_list too ($out)"
else
	not_ok "after interrupts, effective_affinity_list too ($out)"
	for i in "${irqs[@]}"; do echo "#   irq $i: $(cat /proc/irq/$i/smp_affinity_list) eff $(cat /proc/irq/$i/effective_affinity_list)"; done
fi
check_eq "the pool's per-CPU load is what /proc shows" \
	"$(vfpool -j irq show pool $N | jq -r '[.load[] | "\(.cpu)=\(.vectors)"] | join(" ")')" \
	"$(for ((c = 0; c < ncpu; c++)); do n=0; for i in "${irqs[@]}"; do
		[[ $(cat /proc/irq/$i/smp_affinity_list) == "$c" ]] && n=$((n + 1)); done; printf '%s ' "$c=$n"; done | sed 's/ $//')"
check_eq "the effective CPU the module reports is /proc's" \
	"$(vfpool -j irq show pool $N | jq -r '.vectors[] | select(.status == "set") | "\(.irq) \(.effective_cpu)"' | sort)" \
	"$(for i in "${irqs[@]}"; do echo "$i $(cat /proc/irq/$i/effective_affinity_list)"; done | sort)"

# --- again on demand: the member's own policy, the same balance
check "irq set without a policy applies the member's again" vfpool irq set pci ${vfs[0]}
mapfile -t irqs < <(placed pool $N | cut -d' ' -f1)
if out=$(spread_ok smp_affinity_list "${irqs[@]}"); then
	ok "still balanced after applying it again ($out)"
else
	not_ok "still balanced after applying it again ($out)"
fi

# --- an explicit CPU list, and numa-local
check "irq set policy cpus $last_cpu" vfpool irq set pci ${vfs[1]} policy cpus $last_cpu
v=$(placed pci ${vfs[1]} | cut -d' ' -f1)
check_eq "its vector is on CPU $last_cpu in /proc" "$(cat /proc/irq/$v/smp_affinity_list)" $last_cpu
check_eq "irq show says cpus $last_cpu" \
	"$(vfpool -j irq show pci ${vfs[1]} | jq -r '"\(.vectors[0].policy) \(.vectors[0].policy_cpus)"')" "cpus $last_cpu"
check "irq set policy numa-local" vfpool irq set pci ${vfs[1]} policy numa-local
check_eq "numa-local placed its vector" "$(placed pci ${vfs[1]} | wc -l)" 1

# --- bad input: a clear error, and no affinity changed
if [[ -w /sys/devices/system/cpu/cpu$last_cpu/online ]]; then
	# Offlining moves vectors away from the CPU: compare from here on.
	echo 0 >/sys/devices/system/cpu/cpu$last_cpu/online
	offline_base=$(affinities $pf_pci "${vfs[@]}")
	check_fail "an offline CPU" "Invalid argument: cpus: a CPU that is offline" \
		vfpool irq set pci ${vfs[1]} policy cpus 0,$last_cpu
	check_eq "... no affinity changed" "$(affinities $pf_pci "${vfs[@]}")" "$offline_base"
	echo 1 >/sys/devices/system/cpu/cpu$last_cpu/online
	# The hotplug moved CPU $last_cpu's vectors; place them again.
	for f in $pf_pci "${vfs[@]}"; do
		vfpool irq set pci $f >/dev/null
	done
else
	ok "an offline CPU # SKIP CPU $last_cpu cannot go offline"
fi
base=$(affinities $pf_pci "${vfs[@]}")
check_fail "cpus beyond the last CPU" "Numerical result out of range: cpus: a CPU that does not exist" \
	vfpool irq set pci ${vfs[1]} policy cpus $ncpu
check_fail "cpus far beyond any CPU" "Numerical result out of range: cpus: a CPU that does not exist" \
	vfpool irq set pci ${vfs[1]} policy cpus 99999999
check_fail "an empty CPU list" "Invalid argument: cpus: empty CPU list" \
	vfpool irq set pci ${vfs[1]} policy cpus ""
check_fail "a CPU list that is not one" "Invalid argument: cpus: not a CPU list" \
	vfpool irq set pci ${vfs[1]} policy cpus 1-x
check_fail "an unknown policy (CLI)" 'unknown keyword "sometimes"' \
	vfpool irq set pci ${vfs[1]} policy sometimes
check_fail "a pool's default without a policy (CLI)" "a pool needs a policy" vfpool irq set pool $N
check_fail "a PCI function in no pool" "No such file or directory: member: no pool has it" \
	vfpool irq set pci 0000:7f:1f.7 policy spread
ip link add x$nsid type dummy
cleanups+=("ip link del x$nsid")
vfpool member add $N dev x$nsid
check_fail "a member without a PCI function" "Operation not supported: member: no PCI function" \
	vfpool irq set dev x$nsid policy spread
vfpool member del $N dev x$nsid
check_eq "after the bad input, no affinity changed" "$(affinities $pf_pci "${vfs[@]}")" "$base"

# --- a member whose driver unbinds: no vectors, its load goes
echo ${vfs[$((nvf - 1))]} >/sys/bus/pci/drivers/nvme/unbind
check_eq "the unbind took its vector out of the pool's load" \
	"$(vfpool -j irq show pool $N | jq '[.load[].vectors] | add')" "$nvf"
base=$(affinities $pf_pci "${vfs[@]}")
check_fail "a member without vectors" "No data available: vfpool: member: its PCI function has no MSI/MSI-X vectors" \
	vfpool irq set pci ${vfs[$((nvf - 1))]} policy spread
check_eq "... no affinity changed" "$(affinities $pf_pci "${vfs[@]}")" "$base"

# --- the virtio PFs (the 9p root among them) as explicit members
V=v$nsid
vfpool pool add $V
vio=()
for d in /sys/bus/pci/drivers/virtio-pci/0000:*; do
	[[ -n $(ls "$d/msi_irqs" 2>/dev/null) ]] && vio+=("$(basename "$d")")
done
if ((${#vio[@]} == 0)); then
	ok "virtio PFs # SKIP none with MSI-X vectors"
else
	for f in "${vio[@]}"; do
		check "member add $V pci $f (a virtio PF)" vfpool member add $V pci $f
		check "irq set pci $f policy spread" vfpool irq set pci $f policy spread
	done
	mapfile -t virqs < <(placed pool $V | cut -d' ' -f1)
	check_eq "every virtio vector placed" "${#virqs[@]}" \
		"$(for f in "${vio[@]}"; do ls /sys/bus/pci/devices/$f/msi_irqs; done | wc -l)"
	if out=$(spread_ok smp_affinity_list "${virqs[@]}"); then
		ok "virtio: smp_affinity_list uses every CPU, counts within one ($out)"
	elif ((${#virqs[@]} < ncpu)); then
		ok "virtio: smp_affinity_list ($out) # SKIP fewer vectors than CPUs"
	else
		not_ok "virtio: smp_affinity_list uses every CPU, counts within one ($out)"
	fi
	# Config vectors fire only on a config change; the others now.
	cat /proc/irq/*/smp_affinity_list >/dev/null
	check_eq "virtio vectors that fired are delivered where they were placed" \
		"$(vfpool -j irq show pool $V | jq -r '.vectors[] | select(.status == "set" and (.pending | not)) | "\(.irq) \(.effective_cpu)"' | sort)" \
		"$(vfpool -j irq show pool $V | jq -r '.vectors[] | select(.status == "set" and (.pending | not)) | .irq' |
		   while read -r i; do echo "$i $(cat /proc/irq/$i/effective_affinity_list)"; done | sort)"
fi

# --- the CNI plugin's irq field: a policy for the VF it leases, RPS in the pod
if command -v vfpool-cni >/dev/null; then
	netns c$nsid
	cni() {	# COMMAND CONFIG: as a runtime runs it; stdout in $out
		out=$(CNI_COMMAND=$1 CNI_CONTAINERID=cni$nsid CNI_IFNAME=net1 \
			CNI_NETNS=/run/netns/c$nsid CNI_PATH=/usr/lib/cni vfpool-cni <<<"$2" 2>"$tmpd/cni.err")
	}
	conf='{"cniVersion": "1.0.0", "name": "irqnet", "type": "vfpool-cni"'
	check "CNI ADD of ${vfs[2]} with irq cpus 1" \
		cni ADD "$conf, \"deviceID\": \"${vfs[2]}\", \"irq\": {\"policy\": \"cpus\", \"cpus\": \"1\"}}"
	v=$(placed pci ${vfs[2]} | cut -d' ' -f1)
	check_eq "its vector is on CPU 1 in /proc" "$(cat /proc/irq/${v:-0}/smp_affinity_list)" 1
	check "CNI DEL" cni DEL "$conf, \"deviceID\": \"${vfs[2]}\"}"
	cni ADD "$conf, \"deviceID\": \"${vfs[2]}\", \"irq\": {\"policy\": \"cpus\", \"cpus\": \"$ncpu\"}}"
	check_eq "CNI ADD with a CPU that does not exist: code 7 naming irq" \
		"$(echo "$out" | jq -r '"\(.code) \(.msg)"' | cut -c1-40)" "7 irq: cpus: a CPU that does not exist"
	check "CNI DEL" cni DEL "$conf, \"deviceID\": \"${vfs[2]}\"}"
	ip link add rp$nsid type dummy
	cleanups+=("ip link del rp$nsid")
	vfpool pool add r$nsid
	vfpool member add r$nsid dev rp$nsid
	check "CNI ADD of a netdev with irq rps 0-1" \
		cni ADD "$conf, \"pool\": \"r$nsid\", \"irq\": {\"rps\": \"0-1\"}}"
	check_eq "rps_cpus of its rx queue in the pod is CPUs 0-1" \
		"$(ip netns exec c$nsid cat /sys/class/net/net1/queues/rx-0/rps_cpus | sed 's/,//g; s/^0*//')" 3
	check "CNI DEL" cni DEL "$conf, \"pool\": \"r$nsid\"}"
	vfpool pool del r$nsid
else
	ok "CNI irq field # SKIP vfpool-cni not built"
fi

# --- policy none forgets the placement; ending things leaves no load
check "irq set policy none" vfpool irq set pci ${vfs[0]} policy none
check_eq "none: its vectors no longer count" \
	"$(vfpool -j irq show pool $N | jq '[.load[].vectors] | add')" $((nvf - 1))
check "lease del" vfpool lease del owner irq$nsid
check "pool del $N" vfpool pool del $N
check "pool del $V" vfpool pool del $V
ksft_finish
