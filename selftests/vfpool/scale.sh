#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Thousands of members and leases: dumps span many messages, the library
# and the CLI return them all, also while another process leases and
# releases in the same pool (SCALE_N to change, default 2000).
source "$(dirname "$0")/lib.sh"
n=${SCALE_N:-2000}
prefix=s${nsid}_
scale="$(dirname "$0")/../bin/scale"
nc=4	# members the churning process leases and releases
{
	for ((i = 0; i < n; i++)); do echo "link add $prefix$i type dummy"; done
	for ((i = 0; i < nc; i++)); do echo "link add c${nsid}_$i type dummy"; done
} >"$tmpd/add"
sed 's/^link add \([^ ]*\) .*/link del \1/' "$tmpd/add" >"$tmpd/del"
ip -batch "$tmpd/add" >/dev/null || skip_all "cannot create $n dummy netdevs"
cleanups+=("ip -batch $tmpd/del")

"$scale" sc$nsid "$prefix" "$n" grant | sed 's/^/# /'
check_eq "$n members leased, every dump complete (libvfpool)" "${PIPESTATUS[0]}" 0
check_eq "vfpool -j lease show prints all $n" "$(vfpool -j lease show pool sc$nsid | jq length)" "$n"
check_eq "vfpool lease show prints all $n lines" "$(vfpool lease show pool sc$nsid | tail -n +2 | wc -l)" "$n"
check_eq "vfpool -j member show prints all $n" "$(vfpool -j member show pool sc$nsid | jq length)" "$n"

# Dumps while another process leases and releases in the same pool: each
# one has every long-lived lease exactly once, whatever the churn did.
"$scale" sc$nsid "c${nsid}_" $nc churn >"$tmpd/churn" &
churn=$!
cleanups+=("kill $churn 2>/dev/null")
for _ in $(seq 100); do grep -q '^# churning' "$tmpd/churn" && break; sleep 0.1; done
rounds=${SCALE_ROUNDS:-5} bad=0
for ((r = 1; r <= rounds; r++)); do
	got=$(vfpool -j lease show pool sc$nsid | jq -r '[.[].id] as $ids |
	      "\([.[] | select(.owner_id | startswith("scale-"))] | length) \($ids | length == (unique | length))"')
	[[ $got == "$n true" ]] || { echo "# dump $r under churn: $got"; bad=$((bad + 1)); }
done
kill -TERM $churn
wait $churn
crc=$?
sed 's/^/# /' "$tmpd/churn"
check_eq "$rounds dumps under churn: all $n leases, each once" "$bad" 0
check_eq "... while the churning process leased and released without error" "$crc" 0
"$scale" sc$nsid "$prefix" "$n" release | sed 's/^/# /'
check_eq "all released, pool deleted" "${PIPESTATUS[0]}" 0
ksft_finish
