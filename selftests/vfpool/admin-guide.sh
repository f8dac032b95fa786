#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The admin guide, followed as a new user would: every command of its
# console blocks (tools/docs-check --commands vm), in order, in one shell,
# each one a TAP line. Its host-only steps (make install, the CNI config
# into /etc/cni/net.d) are done here into a staging root, because the
# VM's / is the host's, read-only; the guide's paths under /opt/cni/bin,
# /etc/cni/net.d and /usr/local are rewritten to that root. Nothing else
# is changed.
source "$(dirname "$0")/lib.sh"
tree=$(cd "$(dirname "$0")/../.." && pwd)
[[ -w /sys/bus/netdevsim/new_device ]] || skip_all "netdevsim not available"
[[ -e /sys/bus/netdevsim/devices/netdevsim10 ]] && skip_all "netdevsim10 exists already"
ip link show eth1 >/dev/null 2>&1 && skip_all "eth1 exists already"
export CNI_PATH=/usr/lib/cni
# What udev does on a real host: the NVMe PF gets its driver.
[[ -e /sys/bus/pci/devices/0000:00:04.0/driver ]] || modprobe -q nvme 2>/dev/null

stage=$tmpd/root
make -s -C "$tree/tools" install DESTDIR="$stage" >"$tmpd/install.log" 2>&1 ||
	{ cat "$tmpd/install.log"; skip_all "make install into the staging root failed"; }
mkdir -p "$stage/etc/cni/net.d"
cp "$stage/usr/local/share/doc/vfpool/examples/cni/net.d/10-vfpool.conf" "$stage/etc/cni/net.d/"
cleanups+=("vfpool pool del pool0 force; vfpool pool del nvme0 force"
	   "echo 10 >/sys/bus/netdevsim/del_device" "ip netns del pod1; ip netns del pod2"
	   "ip netns del pod3; ip netns del pod5"
	   "for i in 0 1 2 3; do ip link del eth1v\$i; done")

"$tree/tools/docs-check" --commands vm >"$tmpd/commands" ||
	skip_all "docs-check --commands vm failed"
# One script: the commands share one shell (jobs, files), each checked.
i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	cmd=${cmd//\/opt\/cni\/bin/$stage/opt/cni/bin}
	cmd=${cmd//\/etc\/cni\/net.d/$stage/etc/cni/net.d}
	cmd=${cmd//\/usr\/local\//$stage/usr/local/}
	printf '{ %s\n} >%q 2>&1\n' "$cmd" "$tmpd/out"
	printf 'guide_check $? %q\n' "$cmd"
done <"$tmpd/commands" >"$tmpd/guide.sh"
guide_check() {
	local rc=$1
	shift
	sed 's/^/#   /' "$tmpd/out"
	if ((rc == 0)); then ok "guide: $*"; else not_ok "guide: $* (exit $rc)"; fi
}
echo "# $i commands from Documentation/admin-guide.rst"
source "$tmpd/guide.sh"
ksft_finish
