#!/usr/bin/env bash
# Offline CSV throughput: process-file (transform + validate, sample schema) against a bare univocity parse of the
# same file, alternating in the same run so both see the same machine. Prints each run, the medians and the ratio.
#
#   bench/offline.sh [RECORDS] [ROUNDS]      defaults: 1000000 records, 5 rounds
#
# Environment: JAVA_OPTS (default "-Xmx256m -XX:+UseParallelGC"), FORMATS (default "csv"; e.g. "csv jsonl xml").
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-1000000}
ROUNDS=${2:-5}
JAVA_OPTS=${JAVA_OPTS:-"-Xmx256m -XX:+UseParallelGC"}
FORMATS=${FORMATS:-csv}
APP=pipeline-app/target/pipeline-app.jar
SCHEMA=sample-data/customers.schema.json
DATA=bench/data
mkdir -p "$DATA"
[ -f "$APP" ] || ./mvnw -q -B package -DskipTests

rate() { python3 -c 'import json,sys; print(round(json.load(sys.stdin)["recordsPerSecond"]))'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "java options: $JAVA_OPTS; $RECORDS records, 2% invalid; $ROUNDS rounds"
for format in $FORMATS; do
    file="$DATA/customers-$RECORDS.$format"
    [ -f "$file" ] || java bench/GenerateData.java "$format" "$RECORDS" 0.02 "$file"
    pipeline=(); baseline=()
    for round in $(seq "$ROUNDS"); do
        if [ "$format" = csv ]; then
            b=$(java $JAVA_OPTS -cp "$APP" bench/BareParse.java "$file" | rate)
            baseline+=("$b")
        fi
        start=$(date +%s.%N)
        p=$(java $JAVA_OPTS -jar "$APP" process-file --input "$file" --schema "$SCHEMA" --json | rate) || true
        wall=$(python3 -c "print(round($RECORDS / ($(date +%s.%N) - $start)))")
        pipeline+=("$p")
        echo "  $format round $round: process-file $p records/s (with JVM start: $wall records/s)${b:+, bare univocity parse $b records/s}"
    done
    p=$(median "${pipeline[@]}")
    if [ "$format" = csv ]; then
        b=$(median "${baseline[@]}")
        echo "$format: process-file median $p records/s; bare univocity parse median $b records/s; ratio $(python3 -c "print(round($p / $b, 2))")"
    else
        echo "$format: process-file median $p records/s"
    fi
done
