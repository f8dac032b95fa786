#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark tooling at toy sizes: tools/bench/guest measures every
# figure of tools/bench/run, and tools/bench/report turns them into the
# JSON, the table and the plot, with a ratio and a verdict for each of
# P1-P6. The figures themselves mean nothing here (tools/bench/run).
source "$(dirname "$0")/lib.sh"
tree=$(cd "$(dirname "$0")/../.." && pwd)
command -v vfpool-bench >/dev/null || PATH=$tree/tools/bench:$PATH
command -v vfpool-bench >/dev/null || skip_all "vfpool-bench not built"
[[ -x /usr/lib/cni/host-device && -x /usr/lib/cni/host-local ]] ||
	skip_all "no host-device or host-local plugin (containernetworking-plugins)"

BENCH_POOL_MAX=64 BENCH_RUNS=20 BENCH_CNI_RUNS=2 BENCH_MOVE_RUNS=3 BENCH_CHURN_CYCLES=6 \
BENCH_CHURN_PODS=3 BENCH_SECONDS=1 BENCH_SHOW_RUNS=1 \
	"$tree/tools/bench/guest" >"$tmpd/log" 2>&1
rc=$?
sed 's/^/# /' "$tmpd/log"
check_eq "tools/bench/guest ran to its end" "$rc" 0

names=$(sed -n 's/^bench //p' "$tmpd/log" | jq -r .name | sort | xargs)
want="P1.getfamily P1.lease P2.large P2.pool16 P2.pool64 P2.small"
want+=" P3.exec.host-device P3.exec.host-local P3.exec.vfpool-cni P3.host-device"
want+=" P3.move.rtnl P3.move.vfpool P3.noipam.host-device P3.noipam.vfpool-cni P3.vfpool-cni P4.clients1 P4.clients8"
want+=" P5.ip_link_show P5.lease_show P6.host-device P6.vfpool-cni memory rss.cli_lease_show"
want+=" rss.host-device.add rss.vfpool-cni.add"
check_eq "every figure measured, once" "$names" "$want"
check_eq "latencies are positive and ordered (min <= median <= p99 <= max)" \
	"$(sed -n 's/^bench //p' "$tmpd/log" | jq -s '[.[] | select(.median_us) |
		select(.min_us > 0 and .min_us <= .median_us and .median_us <= .p99_us and .p99_us <= .max_us)] | length')" \
	"$(sed -n 's/^bench //p' "$tmpd/log" | jq -s '[.[] | select(.median_us)] | length')"
check_eq "P4: both runs made progress without an error" \
	"$(sed -n 's/^bench //p' "$tmpd/log" | jq -s -c '[.[] | select(.ops_per_s) | .ops > 0 and .errors == 0 and .clients_failed == 0]')" \
	"[true,true]"
check_eq "P5 listed every lease" \
	"$(sed -n 's/^bench //p' "$tmpd/log" | jq -r 'select(.name == "P5.lease_show") | .leases')" 64
check_eq "nothing is left: no pool of the bench's, no lease of its owners" \
	"$(vfpool -j pool show | jq '[.[] | select(.name | IN("b1", "bp", "bs", "bc", "bv", "bm"))] | length')
$(vfpool -j lease show | jq '[.[] | select(.owner_id | test("^(g[0-9]|bench-|c[0-9]|p3)"))] | length')" "0
0"

"$tree/tools/bench/report" "$tmpd/log" "$tmpd/out" >"$tmpd/table" 2>&1
rc=$?
sed 's/^/# /' "$tmpd/table"
check_eq "tools/bench/report succeeded" "$rc" 0
check_eq "results.json: P1-P6, each with a ratio and a verdict" \
	"$(jq -c '[.rows[] | select(.ratio != null and (.met | type) == "boolean") | .id]' "$tmpd/out/results.json")" \
	'["P1","P2","P3","P4","P5","P6"]'
check_eq "results.md: a table row for each" "$(grep -c '^| P[1-6] |' "$tmpd/out/results.md")" 6
if command -v gnuplot >/dev/null; then
	check "latency.png is a PNG" bash -c "head -c 8 '$tmpd/out/latency.png' | od -An -c | grep -q 'P   N   G'"
fi
ksft_finish
