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
DB=pipeline_bench_ws
WORK=$(mktemp -d)
export DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$DB UPLOAD_DIR=$WORK/uploads REDIS_KEY_PREFIX=bench-ws-$$ \
       PIPELINE_PORT=18490 PIPELINE_ADMIN_PORT=18491 WORKER_CONCURRENCY=2 PIPELINE_LOG_LEVEL=WARN
. bench/common.sh
data_file "$RECORDS"
fresh_database $DB "$WORK"

java -Xmx256m -XX:+UseParallelGC -jar "$APP" server config.yml > "$WORK/server.log" 2>&1 & SERVER=$!
trap 'kill $SERVER ${WORKER:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 60); do curl -sf localhost:18490/api/health >/dev/null && break; sleep 0.5; done
for _ in $(seq "$JOBS"); do
    curl -sf -o /dev/null -H "X-API-Key: $KEY" -F "schemaId=$SCHEMA_ID" -F "file=@$FILE" localhost:18490/api/upload
done
java -Xmx256m -XX:+UseParallelGC -jar "$APP" worker config.yml > "$WORK/worker.log" 2>&1 & WORKER=$!

java -Xmx512m -Dpids=server:$SERVER,worker:$WORKER bench/WsLatency.java http://127.0.0.1:18490 "$KEY" "$PARTNER_ID" "$SOCKETS" 2000 3
echo "jobs: $(curl -sf -H "X-API-Key: $KEY" 'localhost:18490/api/jobs?limit=100' | python3 -c 'import json,sys; from collections import Counter; print(dict(Counter(j["status"] for j in json.load(sys.stdin)["data"])))')"
