#!/usr/bin/env bash
# How long a newcomer waits: `dev` from an empty data directory (initdb, migrations, demo partner) until its banner,
# the printed upload of the sample until COMPLETED, and a restart on the same data. Baseline in the same run: a
# JVM that only starts and exits (`pipeline-app.jar --help`), so the figures can be read against this machine's speed.
#   bench/dev-start.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
APP=pipeline-app/target/pipeline-app.jar
CLI=pipeline-cli/target/pipeline.jar
[ -f "$APP" ] && [ -f "$CLI" ] || ./mvnw -q -B package -DskipTests
WORK=$(mktemp -d)
trap 'pkill -TERM -f "dev --data-dir $WORK" || true; sleep 3; rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l | xargs printf "%.2f"; }

# start_dev LOG [--fresh]: starts dev, waits for the banner; prints seconds.
start_dev() {
    local log=$1 start
    shift
    start=$(now)
    java -jar "$APP" dev --data-dir "$WORK/data" --port 18080 --admin-port 18081 "$@" > "$log" 2>&1 &
    until grep -q "Ctrl+C stops everything" "$log"; do
        sleep 0.05
        if ! kill -0 $! 2>/dev/null; then cat "$log" >&2; exit 1; fi
    done
    seconds "$start" "$(now)"
}

stop_dev() {
    pkill -TERM -f "dev --data-dir $WORK" || true
    while pgrep -f "dev --data-dir $WORK" >/dev/null; do sleep 0.1; done
}

printf "%-6s %-10s %-12s %-14s %-12s\n" round jvm-only fresh-start sample-upload restart
for round in $(seq "$ROUNDS"); do
    start=$(now); java -jar "$APP" --help > /dev/null 2>&1 || true; jvm=$(seconds "$start" "$(now)")
    fresh=$(start_dev "$WORK/fresh.log" --fresh)
    key=$(awk '/API key/ {print $3}' "$WORK/fresh.log")
    schema=$(awk '/Schema/ && /id/ {print $NF}' "$WORK/fresh.log")
    start=$(now)
    PIPELINE_URL=http://localhost:18080 PIPELINE_API_KEY=$key java -jar "$CLI" upload sample-data/customers.csv \
        --schema "$schema" --follow > /dev/null 2>&1 || [ $? -eq 1 ]
    upload=$(seconds "$start" "$(now)")
    stop_dev
    restart=$(start_dev "$WORK/restart.log")
    stop_dev
    printf "%-6s %-10s %-12s %-14s %-12s\n" "$round" "$jvm" "$fresh" "$upload" "$restart"
done
