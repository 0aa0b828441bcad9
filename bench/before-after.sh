#!/usr/bin/env bash
# One benchmark, before and after a change, alternating in one sitting so both see the same machine: runs
# bench/SCRIPT in BEFORE (another checkout with its jars built, e.g. a git worktree of the previous commit) and in
# this checkout, ROUNDS times each, and keeps every run's output in bench/results/before-after/.
#
#   git worktree add --detach ../before <commit> && (cd ../before && ./mvnw -B -q package -DskipTests)
#   bench/before-after.sh ../before e2e.sh 1000000
#   bench/before-after.sh ../before offline.sh 1000000 3
#
# Environment: ROUNDS (default 2). Compare the ratios each script prints (against its own baseline in the same run).
set -euo pipefail
BEFORE=$(cd "$1" && pwd); SCRIPT=$2; shift 2
AFTER=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-2}
OUT=$AFTER/bench/results/before-after
mkdir -p "$OUT"
for round in $(seq "$ROUNDS"); do
    for side in before after; do
        tree=$BEFORE; [ $side = after ] && tree=$AFTER
        log="$OUT/${SCRIPT%.sh}-$side-$round.log"
        echo "== round $round, $side ($tree)"
        (cd "$tree" && "bench/$SCRIPT" "$@") 2>&1 | tee "$log" | tail -4
    done
done
