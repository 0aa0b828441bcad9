#!/usr/bin/env bash
# API latency under WebSocket load: a server and a worker (2 threads) process a queue of JOBS uploads of RECORDS
# customer records each (2% invalid, so error events flow at their cap), while bench/WsLatency.java measures
# GET /api/jobs with and without SOCKETS sockets open on the jobs being processed, alternating, in the same run.
# Needs PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379) running; uses a database of its own.
#
#   bench/ws-latency.sh [SOCKETS] [JOBS] [RECORDS]      defaults: 1000 sockets, 8 jobs of 1000000 records
set -euo pipefail
cd "$(dirname "$0")/.."
SOCKETS=${1:-1000}
JOBS=${2:-8}
RECORDS=${3:-1000000}
APP=pipeline-app/target/pipeline-app.jar
DB=pipeline_bench_ws
WORK=$(mktemp -d)
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt"
[ -f "$APP" ] || ./mvnw -q -B package -DskipTests
mkdir -p bench/data
FILE=bench/data/customers-$RECORDS.csv
[ -f "$FILE" ] || java bench/GenerateData.java csv "$RECORDS" 0.02 "$FILE"

export DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$DB UPLOAD_DIR=$WORK/uploads REDIS_KEY_PREFIX=bench-ws-$$ \
       PIPELINE_PORT=18490 PIPELINE_ADMIN_PORT=18491 WORKER_CONCURRENCY=2 PIPELINE_LOG_LEVEL=WARN
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
java -jar "$APP" db migrate config.yml > "$WORK/migrate.log" 2>&1
PARTNER=$(java -jar "$APP" partner create config.yml --name Bench 2>/dev/null)
PARTNER_ID=$(echo "$PARTNER" | awk '/partner id/ {print $3}')
KEY=$(echo "$PARTNER" | awk '/api key/ {print $3}')
SCHEMA_ID=$(java -jar "$APP" schema create config.yml --partner "$PARTNER_ID" --file sample-data/customers.schema.json 2>/dev/null | awk '{print $3}')

java -Xmx256m -XX:+UseParallelGC -jar "$APP" server config.yml > "$WORK/server.log" 2>&1 & SERVER=$!
trap 'kill $SERVER ${WORKER:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 60); do curl -sf localhost:18490/api/health >/dev/null && break; sleep 0.5; done
for _ in $(seq "$JOBS"); do
    curl -sf -o /dev/null -H "X-API-Key: $KEY" -F "schemaId=$SCHEMA_ID" -F "file=@$FILE" localhost:18490/api/upload
done
java -Xmx256m -XX:+UseParallelGC -jar "$APP" worker config.yml > "$WORK/worker.log" 2>&1 & WORKER=$!

java -Xmx512m bench/WsLatency.java http://127.0.0.1:18490 "$KEY" "$PARTNER_ID" "$SOCKETS" 2000 3
echo "jobs: $(curl -sf -H "X-API-Key: $KEY" 'localhost:18490/api/jobs?limit=100' | python3 -c 'import json,sys; from collections import Counter; print(dict(Counter(j["status"] for j in json.load(sys.stdin)["data"])))')"
