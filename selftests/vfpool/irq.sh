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
source "$(dirname "$0")/nvme-lib.sh"
nvf=4
nvme_setup
ncpu=$(nproc)
((ncpu >= 2)) || skip_all "needs 2 CPUs or more, has $ncpu"
last_cpu=$((ncpu - 1))
nvme_vfs $nvf

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
# Every affinity of every vector of the given functions, and the pool's
# view: what bad input must not change.
affinities() {
	vector_affinities "$@"
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

# --- the other VFs are free: the pool's policy, set at pool add, places
# their vectors as their driver binds
for ((i = 1; i < nvf; i++)); do
	check "the nvme driver binds ${vfs[i]}" bind_vf ${vfs[i]}
done
got=
for _ in $(seq 200); do
	got=$(vfpool -j irq show pci ${vfs[1]} | jq -r '[.vectors[].status] | unique | join(" ")')
	[[ $got == set ]] && break
	sleep 0.1
done
check_eq "a free VF of a pool with a policy: placed as its driver bound" "$got" set

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

# --- CPU hotplug: the kernel moves an offlined CPU's vectors; the module
# places them again by their policies (its hotplug callbacks), and once
# more when the CPU is back, so that the pool's load stays /proc's.
# pool_vs_proc: "CPU=N ..." of the pool's load, and of /proc for its
# placed vectors (their smp_affinity_list, one CPU each).
pool_vs_proc() {
	local c n i irqs
	mapfile -t irqs < <(vfpool -j irq show pool $N | jq -r '.vectors[] | select(.status == "set" or .status == "drift") | .irq')
	echo "load $(vfpool -j irq show pool $N | jq -r '[.load[] | "\(.cpu)=\(.vectors)"] | join(" ")')"
	printf 'proc'
	for ((c = 0; c < ncpu; c++)); do
		[[ $(cat /sys/devices/system/cpu/cpu$c/online 2>/dev/null || echo 1) == 1 ]] || continue
		n=0
		for i in "${irqs[@]}"; do
			[[ $(cat /proc/irq/$i/smp_affinity_list) == "$c" ]] && n=$((n + 1))
		done
		printf ' %s' "$c=$n"
	done
	echo
}
# settled CMD...: CMD succeeds within 20 s (the hotplug work is async).
settled() {
	local _
	for _ in $(seq 200); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}
loads_match() { local a; a=$(pool_vs_proc); [[ $(sed -n '1s/^load //p' <<<"$a") == "$(sed -n '2s/^proc //p' <<<"$a")" ]]; }
nothing_on() { ! vfpool -j irq show pool $N | jq -e ".vectors[] | select((.status == \"set\" or .status == \"drift\") and .cpus == \"$1\")" >/dev/null; }
nothing_drifted() { ! vfpool -j irq show pool $N | jq -e '.vectors[] | select(.status == "drift")' >/dev/null; }
cpu_online=/sys/devices/system/cpu/cpu$last_cpu/online
if [[ -w $cpu_online ]]; then
	check_eq "before: the pool's load is /proc's" "$(pool_vs_proc | sed 's/^[a-z]* //' | uniq | wc -l)" 1
	echo 0 >$cpu_online
	check "CPU $last_cpu offline: no vector of the pool left on it" settled nothing_on $last_cpu
	check "... none drifted: all placed again by their policies" settled nothing_drifted
	check "... the pool's load is /proc's again" settled loads_match
	echo "# $(pool_vs_proc | tr '\n' ' ')"
	check_eq "... and CPU $last_cpu has no load" \
		"$(vfpool -j irq show pool $N | jq "[.load[] | select(.cpu == $last_cpu) | .vectors] | add // 0")" 0
	offline_base=$(affinities $pf_pci "${vfs[@]}")
	check_fail "a cpus list of offline CPUs only: refused" \
		"Invalid argument: vfpool: irq: none of the policy's CPUs is online" \
		vfpool irq set pci ${vfs[1]} policy cpus $last_cpu
	check_eq "... no affinity changed" "$(affinities $pf_pci "${vfs[@]}")" "$offline_base"
	check "a cpus list with an offline CPU: taken" \
		vfpool irq set pci ${vfs[1]} policy cpus 0,$last_cpu
	check_eq "... its vector on the online one" \
		"$(placed pci ${vfs[1]} | cut -d' ' -f2)" 0
	check_eq "... and the note names the offline one" \
		"$(vfpool irq set pci ${vfs[1]} 2>&1 >/dev/null)" \
		"note: CPUs $last_cpu are offline; vectors go to the list's online CPUs until they come back"
	check_eq "... irq show notes it too" \
		"$(vfpool -j irq show pci ${vfs[1]} 2>&1 >/dev/null | grep -c offline)" 1
	echo 1 >$cpu_online
	check "CPU $last_cpu online: the pool's vectors are placed again, some on it" \
		settled eval '! nothing_on '$last_cpu
	check "... the pool's load is /proc's" settled loads_match
	echo "# $(pool_vs_proc | tr '\n' ' ')"
	check "... the cpus list 0,$last_cpu placed again" \
		settled eval '[[ $(vfpool -j irq show pci ${vfs[1]} | jq -r ".vectors[] | select(.status == \"set\") | .cpus") =~ ^(0|'$last_cpu')$ ]]'
	check "set it back to cpus $last_cpu" vfpool irq set pci ${vfs[1]} policy cpus $last_cpu
else
	ok "CPU hotplug # SKIP CPU $last_cpu cannot go offline"
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
check_fail "a pool's default without a policy (CLI)" "a pool needs a policy or banned-cpus" vfpool irq set pool $N
check_fail "banned-cpus of a member (CLI)" "banned-cpus is a pool's" \
	vfpool irq set pci ${vfs[1]} banned-cpus 0
check_fail "a pool banning every CPU: refused" \
	"Invalid argument: vfpool: irq: no CPU allowed: every online CPU is isolated by the kernel or banned by the pool" \
	vfpool irq set pool $N banned-cpus 0-$last_cpu
check_fail "banned-cpus beyond the last CPU" \
	"Numerical result out of range: banned-cpus: a CPU that does not exist" \
	vfpool irq set pool $N banned-cpus $ncpu
check_fail "banned-cpus that is not a list" "Invalid argument: banned-cpus: not a CPU list" \
	vfpool irq set pool $N banned-cpus x
check_fail "pool add banning every CPU: refused" \
	"Invalid argument: vfpool: irq: no CPU allowed: every online CPU is isolated by the kernel or banned by the pool" \
	vfpool pool add b$nsid irq-policy spread irq-banned-cpus 0-$last_cpu
check_eq "... and no pool was made" "$(vfpool -j pool show | jq "[.[] | select(.name == \"b$nsid\")] | length")" 0
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
mapfile -t vio < <(virtio_pfs)
if ((${#vio[@]} == 0)); then
	ok "virtio PFs # SKIP none with MSI-X vectors"
else
	for f in "${vio[@]}"; do
		check "member add $V pci $f (a virtio PF)" vfpool member add $V pci $f
	done
	check_eq "a pool without a policy: its members' vectors untouched" \
		"$(vfpool -j irq show pool $V | jq -r '[.vectors[].status] | unique | join(" ")')" untouched
	nvio=$(for f in "${vio[@]}"; do ls /sys/bus/pci/devices/$f/msi_irqs; done | wc -l)
	check_eq "irq set pool $V policy spread places every member's vectors at once" \
		"$(vfpool irq set pool $V policy spread | head -n 1)" "placed $nvio vectors"
	mapfile -t virqs < <(placed pool $V | cut -d' ' -f1)
	check_eq "every virtio vector placed" "${#virqs[@]}" "$nvio"
	check_eq "... where /proc has them" "$(placed pool $V | sort)" \
		"$(for i in "${virqs[@]}"; do echo "$i $(cat /proc/irq/$i/smp_affinity_list)"; done | sort)"
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

	# The pool's banned CPUs: spread keeps off them, at once.
	check_eq "irq set pool $V banned-cpus 0: placed again" \
		"$(vfpool irq set pool $V banned-cpus 0 | head -n 1)" "placed $nvio vectors"
	check_eq "... no vector on CPU 0 in /proc" \
		"$(for i in "${virqs[@]}"; do cat /proc/irq/$i/smp_affinity_list; done | grep -cx 0)" 0
	check_eq "... the pool shows its banned CPUs" \
		"$(vfpool -j pool show $V | jq -r '.[0].irq_banned_cpus')" 0
	check_eq "... so does irq show's load" \
		"$(vfpool -j irq show pool $V | jq -r '[.load[].banned_cpus] | unique | join(",")')" 0
	check_eq "an explicit cpus 0 goes there anyway, and says so" \
		"$(vfpool irq set pci ${vio[0]} policy cpus 0 2>&1 >/dev/null)" \
		"note: CPUs 0 are isolated by the kernel or banned by pool $V; the cpus policy names them, so vectors may go there"
	check_eq "... its vectors on CPU 0" \
		"$(placed pci ${vio[0]} | cut -d' ' -f2 | sort -u)" 0
	check_eq "banned-cpus none: spread over every CPU again" \
		"$(vfpool irq set pool $V banned-cpus none | head -n 1)" "placed $nvio vectors"
	check_eq "... the pool has no banned CPUs" \
		"$(vfpool -j pool show $V | jq -r '.[0].irq_banned_cpus')" null

	# Someone else moves a placed vector: drift, and irqbalance's policy
	# script bans what vfpool placed, nothing else.
	policy_script=$VFPOOL_TREE/contrib/irqbalance/irqbalance-policy
	v=${virqs[0]}
	check_eq "the policy script bans a vector vfpool placed" \
		"$($policy_script /sys/bus/pci/devices/${vio[0]} $v)" "ban=true"
	other=$(awk -F: '/^ *[0-9]+:/ { gsub(/ /, "", $1); print $1 }' /proc/interrupts |
		while read -r i; do
			vfpool -j irq show | jq -e ".vectors[] | select(.irq == $i)" >/dev/null || { echo $i; break; }
		done)
	check_eq "... and answers nothing for an IRQ of no member ($other)" \
		"$($policy_script /sys/devices/system/cpu ${other:-0})" ""
	managed=$(vfpool -j irq show pci $pf_pci | jq -r '[.vectors[] | select(.status == "managed") | .irq][0]')
	check_eq "... nor for a managed vector of a member ($managed)" \
		"$($policy_script /sys/bus/pci/devices/$pf_pci $managed)" ""
	was=$(cat /proc/irq/$v/smp_affinity_list)
	echo $(( (was + 1) % ncpu )) >/proc/irq/$v/smp_affinity_list
	check_eq "a vector moved by hand shows drift" \
		"$(vfpool -j irq show pool $V | jq -r ".vectors[] | select(.irq == $v) | .status")" drift
	check_eq "... the policy script still bans it" \
		"$($policy_script /sys/bus/pci/devices/${vio[0]} $v)" "ban=true"
	check "irq set pci ${vio[0]} (its own policy again)" vfpool irq set pci ${vio[0]}
	check_eq "... set again" \
		"$(vfpool -j irq show pool $V | jq -r ".vectors[] | select(.irq == $v) | .status")" set
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
