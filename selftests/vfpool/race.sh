#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The DEL/ADD race, RACE_ITERATIONS times (tools/run-tests: 1000 on the
# stock kernel, 200 under KASAN and lockdep): see src/race.c.
source "$(dirname "$0")/lib.sh"
nsim_pf 1 optional
vfpool pool add p$nsid
dummies p$nsid 1
netns a$nsid
netns b$nsid
out=$("$(dirname "$0")/../bin/race" d${nsid}_0 /run/netns/a$nsid /run/netns/b$nsid \
	"${RACE_ITERATIONS:-200}")
rc=$?
echo "$out" | grep '^#'
if ((rc == 0)); then ok "race: $(echo "$out" | sed -n 's/^ok 1 - //p')"; else not_ok "race"; fi
check_eq "no lease left" "$(vfpool -j lease show pool p$nsid | jq length)" 0
check "the member is home" ip link show d${nsid}_0
ksft_finish
