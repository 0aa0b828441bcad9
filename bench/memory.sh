#!/usr/bin/env bash
# Flat memory: process-file on a file of about 2 GB with a 256 MB heap. Prints the summary and the peak resident
# memory of the whole JVM process.
#
#   bench/memory.sh [RECORDS]      default 20000000 records (about 2 GB of CSV)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-20000000}
APP=pipeline-app/target/pipeline-app.jar
FILE=bench/data/customers-$RECORDS.csv
mkdir -p bench/data
[ -f "$APP" ] || ./mvnw -q -B package -DskipTests
[ -f "$FILE" ] || java bench/GenerateData.java csv "$RECORDS" 0.02 "$FILE"
echo "file: $FILE, $(du -h "$FILE" | cut -f1)"
/usr/bin/time -f "peak resident memory: %M KB, wall %e s" \
    java -Xmx256m -XX:+UseParallelGC -jar "$APP" process-file --input "$FILE" --schema sample-data/customers.schema.json \
        --output /dev/null --errors /dev/null --json || true
