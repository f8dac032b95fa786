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
mapfile -t vio < <(virtio_pfs)

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
fire() {
	local c
	for c in /dev/nvme[0-9]*; do
		[[ $c =~ ^/dev/nvme[0-9]+$ ]] && nvme id-ctrl "$c" >/dev/null 2>&1
	done
	cat /proc/irq/*/smp_affinity_list >/dev/null
}
affinities() {
	local f i
	for f in "$@"; do
		for i in $(ls "/sys/bus/pci/devices/$f/msi_irqs" 2>/dev/null); do
			echo "$f $i $(cat /proc/irq/$i/smp_affinity_list)"
		done
	done
}

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
fire
if out=$(on_housekeeping effective_affinity_list "${irqs[@]}"); then
	ok "spread: every effective_affinity_list too ($out)"
else
	not_ok "spread: every effective_affinity_list too ($out)"
fi
check_eq "the pool's load is 0 on every isolated CPU" \
	"$(vfpool -j irq show pool $N | jq -r "[.load[] | select(.cpu == (${iso[*]// /,})) | .vectors] | add // 0")" 0

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
ksft_finish
