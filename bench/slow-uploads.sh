#!/usr/bin/env bash
# API latency while slow uploads hold connections: bench/SlowUploads.java measures GET /api/jobs for one partner
# with and without SLOW uploads open from KEYS other partners (each sends a byte every INTERVAL_MS, and opens a new
# upload whenever the server answers one), alternating, in the same run. The server runs with config.yml's limits.
# Needs PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379) running; uses a database of its own.
#
#   bench/slow-uploads.sh [SLOW] [KEYS] [INTERVAL_MS]      defaults: 1000 uploads from 100 partners, a byte every 8000 ms
#   SERVER_OPTS="-Ddw.uploads.maxConcurrent=100000 ..."  overrides the server's configuration (Dropwizard's dw. prefix)
set -euo pipefail
cd "$(dirname "$0")/.."
SLOW=${1:-1000}
KEYS=${2:-100}
INTERVAL_MS=${3:-8000}
DB=pipeline_bench_slow
WORK=$(mktemp -d)
export DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$DB UPLOAD_DIR=$WORK/uploads REDIS_KEY_PREFIX=bench-slow-$$ \
       PIPELINE_PORT=18492 PIPELINE_ADMIN_PORT=18493 PIPELINE_LOG_LEVEL=WARN
. bench/common.sh
fresh_database $DB "$WORK"
# the slow partners' keys are pk_slow_1 ... pk_slow_KEYS; only their SHA-256 is stored, as for any key
$PSQL -d $DB -c "INSERT INTO partners (id, name, api_key_hash) SELECT gen_random_uuid(), 'slow ' || i,
    encode(sha256(convert_to('pk_slow_' || i, 'UTF8')), 'hex') FROM generate_series(1, $KEYS) i"
# a page of jobs to list, as a partner with some history has
$PSQL -d $DB -c "INSERT INTO jobs (id, partner_id, schema_id, filename, file_size, file_type, sha256, status)
    SELECT gen_random_uuid(), '$PARTNER_ID', '$SCHEMA_ID', 'old-' || i || '.csv', 100, 'csv', '', 'COMPLETED'
    FROM generate_series(1, 20) i"

java -Xmx256m -XX:+UseParallelGC ${SERVER_OPTS:-} -jar "$APP" server config.yml > "$WORK/server.log" 2>&1 & SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 60); do curl -sf localhost:18492/api/health >/dev/null && break; sleep 0.5; done

java -Xmx512m -Xss256k -Dpid=$SERVER bench/SlowUploads.java http://127.0.0.1:18492 "$KEY" http://127.0.0.1:18493 \
    "$SLOW" "$KEYS" 2000 3 "$INTERVAL_MS"
echo "server log lines at WARN or above: $(grep -c '^\(WARN\|ERROR\)' "$WORK/server.log" || true), ERROR: $(grep -c '^ERROR' "$WORK/server.log" || true)"
