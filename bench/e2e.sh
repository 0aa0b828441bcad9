#!/usr/bin/env bash
# End to end: upload N CSV records (2% invalid) to a running server with one worker, time from the start of the
# upload to COMPLETED, then a plain COPY of the same rows into the same table in the same run, and the ratio.
# Needs PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379) running; uses a database of its own.
#
#   bench/e2e.sh [RECORDS] [BATCH_SIZE]      defaults: 1000000 records, batch size 100
# Environment: WORKER_JAVA_OPTS adds JVM options to the worker (a profiler, say).
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-1000000}
BATCH=${2:-100}
DB=pipeline_bench
WORK=$(mktemp -d)
export DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$DB UPLOAD_DIR=$WORK/uploads REDIS_KEY_PREFIX=bench-$$ \
       PIPELINE_PORT=18480 PIPELINE_ADMIN_PORT=18481 PIPELINE_BATCH_SIZE=$BATCH WORKER_CONCURRENCY=1 PIPELINE_LOG_LEVEL=WARN
. bench/common.sh
data_file "$RECORDS"
fresh_database $DB "$WORK"

java -Xmx256m -XX:+UseParallelGC -jar "$APP" server config.yml > "$WORK/server.log" 2>&1 & SERVER=$!
java -Xmx256m -XX:+UseParallelGC ${WORKER_JAVA_OPTS:-} -jar "$APP" worker config.yml > "$WORK/worker.log" 2>&1 & WORKER=$!
trap 'kill $SERVER $WORKER 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 60); do curl -sf localhost:18480/api/health >/dev/null && break; sleep 0.5; done

start=$(date +%s.%N)
JOB=$(curl -sf -H "X-API-Key: $KEY" -F "schemaId=$SCHEMA_ID" -F "file=@$FILE" localhost:18480/api/upload \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
uploaded=$(date +%s.%N)
while true; do
    kill -0 $WORKER 2>/dev/null || { echo "the worker exited: $(tail -1 "$WORK/worker.log")"; exit 1; }
    status=$(curl -sf -H "X-API-Key: $KEY" localhost:18480/api/jobs/$JOB | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    case $status in COMPLETED|FAILED|CANCELLED) break ;; esac
    sleep 0.2
done
done_at=$(date +%s.%N)
[ "$status" = COMPLETED ] || { echo "job ended $status"; exit 1; }
ROWS=$($PSQL -d $DB -c "SELECT count(*) FROM processed_records WHERE job_id = '$JOB'")

# The baseline: the same rows, COPYed in one go into the same table for another job.
$PSQL -d $DB -c "\\copy (SELECT record_index, data FROM processed_records WHERE job_id = '$JOB') TO '$WORK/rows.tsv'"
COPY_JOB=$(python3 -c 'import uuid; print(uuid.uuid4())')
$PSQL -d $DB -c "INSERT INTO jobs (id, partner_id, schema_id, filename, file_size, file_type, sha256, status) \
                 SELECT '$COPY_JOB', partner_id, schema_id, 'copy', 0, 'csv', '', 'COMPLETED' FROM jobs WHERE id = '$JOB'"
copy_start=$(date +%s.%N)
$PSQL -d $DB -c "\\copy processed_records (record_index, data) FROM '$WORK/rows.tsv'" 2>/dev/null \
  || $PSQL -d $DB -c "ALTER TABLE processed_records ALTER COLUMN job_id SET DEFAULT '$COPY_JOB'" -c "\\copy processed_records (record_index, data) FROM '$WORK/rows.tsv'"
copy_end=$(date +%s.%N)

python3 - "$RECORDS" "$ROWS" "$start" "$uploaded" "$done_at" "$copy_start" "$copy_end" "$BATCH" <<'PY'
import sys
records, rows, start, uploaded, done, copy_start, copy_end, batch = sys.argv[1:]
records, rows = int(records), int(rows)
e2e = records / (float(done) - float(start))
copy = rows / (float(copy_end) - float(copy_start))
print(f"batch size {batch}: {records:,} records ({rows:,} valid rows stored)")
print(f"  upload took {float(uploaded) - float(start):.2f} s; upload to COMPLETED {float(done) - float(start):.2f} s")
print(f"  end to end: {e2e:,.0f} records/s")
print(f"  plain COPY of the {rows:,} rows into processed_records: {copy:,.0f} rows/s ({float(copy_end) - float(copy_start):.2f} s)")
print(f"  ratio end-to-end / COPY: {e2e / copy:.2f}")
PY
