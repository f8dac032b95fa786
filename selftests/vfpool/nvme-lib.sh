# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the IRQ selftests after lib.sh: the QEMU NVMe PF's VFs as
# real PCI functions with vectors. nvme_setup checks what is needed (or
# skips), nvme_vfs N enables N VFs, onlines their secondary controllers
# (nvme-cli's virt-mgmt) and fills vfs[], bind_vf BDF binds the nvme
# driver and waits for its vectors.
pf_pci=${VFPOOL_NVME_PF:-0000:00:04.0}
sysfs=/sys/bus/pci/devices/$pf_pci

nvme_setup() {
	[[ -e $sysfs/driver ]] || modprobe -q nvme 2>/dev/null
	[[ -w $sysfs/sriov_numvfs ]] || skip_all "no SR-IOV capable NVMe PF at $pf_pci"
	command -v nvme >/dev/null || skip_all "nvme-cli is not installed"
	ctrl=$(ls "$sysfs/nvme" 2>/dev/null | head -n 1)
	[[ -n $ctrl && -c /dev/$ctrl ]] || skip_all "the NVMe PF has no controller device"
}

# --- VFs the nvme driver can bind: resources assigned, controllers online
nvme_vfs() {
	local n=$1 i c scids
	echo 0 >"$sysfs/sriov_numvfs"
	echo 0 >"$sysfs/sriov_drivers_autoprobe"
	cleanups+=("echo 1 >$sysfs/sriov_drivers_autoprobe")
	echo "$n" >"$sysfs/sriov_numvfs" || skip_all "cannot enable VFs on $pf_pci"
	cleanups+=("echo 0 >$sysfs/sriov_numvfs")
	vfs=()
	for ((i = 0; i < n; i++)); do
		vfs+=("$(basename "$(readlink "$sysfs/virtfn$i")")")
	done
	# Secondary controller ids, in VF order (QEMU numbers them from 1).
	mapfile -t scids < <(nvme list-secondary "/dev/$ctrl" | sed -n 's/.*SCID.*: 0x\([0-9a-f]*\).*/\1/p')
	for ((i = 0; i < n; i++)); do
		c=$((16#${scids[i]:-$((i + 1))}))
		nvme virt-mgmt "/dev/$ctrl" -c $c -r 0 -a 8 -n 2 >/dev/null &&
			nvme virt-mgmt "/dev/$ctrl" -c $c -r 1 -a 8 -n 1 >/dev/null &&
			nvme virt-mgmt "/dev/$ctrl" -c $c -a 9 >/dev/null ||
			skip_all "virt-mgmt cannot online secondary controller $c"
		cleanups+=("nvme virt-mgmt /dev/$ctrl -c $c -a 7")
	done
}

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

# The virtio PCI functions with MSI-X vectors (the 9p root among them).
virtio_pfs() {
	local d
	for d in /sys/bus/pci/drivers/virtio-pci/0000:*; do
		[[ -n $(ls "$d/msi_irqs" 2>/dev/null) ]] && basename "$d"
	done
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

# Every affinity of every vector of the given PCI functions: what bad
# input must not change.
vector_affinities() {
	local f i
	for f in "$@"; do
		for i in $(ls "/sys/bus/pci/devices/$f/msi_irqs" 2>/dev/null); do
			echo "$f $i $(cat /proc/irq/$i/smp_affinity_list)"
		done
	done
}
