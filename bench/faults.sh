#!/usr/bin/env bash
# Fault injection: a server and two workers (pipeline-app.jar) on a private PostgreSQL and a private Redis that this
# script starts on other ports and breaks, one job of N CSV records (2% invalid, sample schema) per scenario:
#   0   baseline: no fault, for comparison
#   1   PostgreSQL SIGKILLed three times during the job (at 25, 50 and 75% of its records), restarted each time
#   2a  Redis SIGKILLed and restarted empty while 3 jobs are PENDING (workers stopped; started after the restart)
#   2b  Redis SIGKILLed and restarted empty while a job runs; a second job is uploaded once Redis is back
#   3   the worker holding the job frozen with SIGSTOP for FREEZE s (60) at 30%, then SIGCONT
#   4   the worker holding the job SIGKILLed at 40%
# After each, it waits (bounded) until the jobs are COMPLETED, then checks in the database that each job's stored
# records (processed_records, plus the distinct record_index of processing_errors) cover every index 0..N-1 exactly
# once, that records_total is the file's record count and records_processed = last_record_index + 1. It prints the
# recovery times and a summary table. Everything listens on and talks to 127.0.0.1 only; the machine's PostgreSQL
# (5432) and Redis (6379) are never touched. Everything it started is stopped and removed on exit.
#
#   bench/faults.sh                        all scenarios, 2,000,000 records per job (see bench/README.md for times)
#   N=200000 bench/faults.sh               a quicker run (about 10 minutes: the waits for takeovers stay)
#   SCENARIOS="1 4" N=200000 bench/faults.sh
#
# Environment (defaults in brackets):
#   N [2000000]            records in the file (bench/data/customers-N.csv, generated once)
#   SCENARIOS ["0 1 2a 2b 3 4"]
#   STALL_TIMEOUT [150]    a scenario FAILs when its jobs make no progress for this many seconds
#   RATE_FLOOR [5000]      and when its first upload is older than 120 s + its records / RATE_FLOOR (+ FREEZE in 3)
#   FREEZE [60]            seconds of SIGSTOP in scenario 3
#   TAKEOVER_LIMIT [staleAfter + 5 = 35]  scenarios 3 and 4 FAIL unless the job progresses again within this many
#                          seconds of the fault (under another worker: the frozen one is resumed only after FREEZE)
#   STALE_AFTER, SWEEP_INTERVAL   e.g. 10s: override worker.staleAfter / worker.sweepInterval (config.yml: 30s)
#   PG_PORT [55432], REDIS_PORT [56379], APP_PORT [18680], the next free ports are taken when one is in use;
#                          the API's admin port and the two workers' admin ports follow APP_PORT
#   KEEP_LOGS=1            copy the logs of the run to bench/results/faults-DATE/ before cleaning up
# Exit code: 0 when every scenario passed, 1 otherwise, 2 when the run could not be set up.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

N=${N:-2000000}
SCENARIOS=${SCENARIOS:-"0 1 2a 2b 3 4"}
STALL_TIMEOUT=${STALL_TIMEOUT:-150}
RATE_FLOOR=${RATE_FLOOR:-5000}
FREEZE=${FREEZE:-60}
seconds_of() { # a Dropwizard duration (10s, 2m, 30 seconds) in whole seconds
    local v=${1// /}
    case $v in
        *ms|*milliseconds) echo $(( ${v%%[a-z]*} / 1000 )) ;;
        *m|*min|*minute|*minutes) echo $(( ${v%%[a-z]*} * 60 )) ;;
        *) echo "${v%%[a-z]*}" ;;
    esac
}
TAKEOVER_LIMIT=${TAKEOVER_LIMIT:-$(( $(seconds_of "${STALE_AFTER:-30s}") + 5 ))}
POLL=0.5
APP=pipeline-app/target/pipeline-app.jar
JAVA_OPTS=(-Xmx256m -XX:+UseParallelGC)

RUN_START=$EPOCHREALTIME
WORK=""
PGDIR=""
SERVER_PID=""
W_PID=("" "" "")
W_ADMIN=("" "" "")

# ---------------------------------------------------------------------------------------------------------------
# small helpers

die() { echo "error: $*" >&2; exit 2; }
now_ms() { local t=$EPOCHREALTIME; NOW=$(( ${t/./} / 1000 )); }
secs() { # milliseconds -> "12.3"
    local ms=$1 sign=""
    (( ms < 0 )) && { sign=-; ms=$(( -ms )); }
    printf "%s%d.%d" "$sign" $(( ms / 1000 )) $(( (ms % 1000) / 100 ))
}
num() { # 1234567 -> 1,234,567
    local n=$1 sign="" out=""
    [[ $n =~ ^-?[0-9]+$ ]] || { echo "$n"; return; }
    [[ $n == -* ]] && { sign=-; n=${n#-}; }
    while (( ${#n} > 3 )); do out=",${n: -3}$out"; n=${n:0:${#n}-3}; done
    echo "$sign$n$out"
}
say() { now_ms; printf "  [%6s s] %s\n" "$(secs $(( NOW - S_START )))" "$*"; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }

port_free() {
    python3 -c 'import socket,sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try: s.bind(("0.0.0.0", int(sys.argv[1])))
except OSError: sys.exit(1)' "$1"
}
TAKEN=" "
pick_port() { # pick_port VAR START: sets VAR to the first free port from START that this run has not taken yet
    local p=$2
    for _ in $(seq 200); do
        if [[ $TAKEN != *" $p "* ]] && port_free "$p"; then TAKEN+="$p "; printf -v "$1" %s "$p"; return 0; fi
        p=$(( p + 1 ))
    done
    return 1
}

# ---------------------------------------------------------------------------------------------------------------
# private PostgreSQL and Redis

PGBIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)
[ -x "$PGBIN/initdb" ] || die "no PostgreSQL server binaries (pg_config --bindir); apt-get install postgresql"
command -v redis-server >/dev/null || die "no redis-server; apt-get install redis-server"
as_postgres() { # initdb and postgres refuse to run as root
    if [ "$(id -u)" = 0 ]; then su postgres -c "cd $PGDIR && $1"; else bash -c "cd $PGDIR && $1"; fi
}
pg_start() {
    as_postgres "$PGBIN/pg_ctl -D $PGDIR/data -l $PGDIR/postgres.log -w -t 120 \
        -o '-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1' start" >> "$WORK/logs/pg_ctl.log" 2>&1
}
pg_pid() { head -1 "$PGDIR/data/postmaster.pid" 2>/dev/null; }
# pg_crash: SIGKILL of the postmaster, wait for its backends to notice, start again. Sets PG_DOWN_MS.
pg_crash() {
    local pid children start
    pid=$(pg_pid)
    [ -n "$pid" ] || return 1
    children=$(pgrep -P "$pid" | tr '\n' ' ')
    now_ms; start=$NOW
    kill -KILL "$pid"
    for _ in $(seq 100); do # the backends exit once they notice; a new postmaster cannot start before that
        local left=""
        for c in $children; do kill -0 "$c" 2>/dev/null && left+="$c "; done
        [ -z "$left" ] && break
        sleep 0.1
    done
    for c in $children; do kill -0 "$c" 2>/dev/null && kill -KILL "$c" 2>/dev/null; done # still there after 10 s
    local attempt
    for attempt in 1 2 3 4 5; do
        sleep 0.2
        pg_start && break
        (( attempt == 5 )) && return 1
        sleep 1
    done
    now_ms; PG_DOWN_MS=$(( NOW - start ))
}
redis_start() {
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
        --pidfile "$WORK/redis.pid" --logfile "$WORK/logs/redis.log" --dir "$WORK" > /dev/null || return 1
    for _ in $(seq 100); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0; sleep 0.05; done
    return 1
}
redis_kill() {
    local pid
    pid=$(cat "$WORK/redis.pid" 2>/dev/null) || return 1
    kill -KILL "$pid" || return 1
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    rm -f "$WORK/redis.pid"
}
rcli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@" 2>/dev/null; }

PSQL=psql
[ -x "$PGBIN/psql" ] && PSQL=$PGBIN/psql # not Debian's perl wrapper: it is polled twice a second
PSQL_ARGS=(-X -q -A -t -F '|' -v ON_ERROR_STOP=1)
psql_db() { PGCONNECT_TIMEOUT=3 "$PSQL" "${PSQL_ARGS[@]}" -d pipeline "$@" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------------------------
# the application: server, workers, uploads

start_server() {
    java "${JAVA_OPTS[@]}" "${DW_BIND[@]}" -jar "$APP" server config.yml > "$WORK/logs/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 240); do
        curl -sf --max-time 2 "http://127.0.0.1:$APP_PORT/api/health" > /dev/null && return 0
        alive "$SERVER_PID" || break
        sleep 0.5
    done
    tail -20 "$WORK/logs/server.log" >&2
    return 1
}
# start_workers: both workers, each with its own admin port and a log per scenario; waits until both take jobs
start_workers() {
    local i log before=("" 0 0) ok=0
    for i in 1 2; do
        log="$WORK/logs/${SID:-setup}-worker$i.log"
        before[i]=$(cat "$log" 2>/dev/null | wc -l)
        WORKER_ADMIN_PORT=${W_ADMIN[i]} java "${JAVA_OPTS[@]}" "${DW_WORKER[@]}" -jar "$APP" worker config.yml >> "$log" 2>&1 &
        W_PID[i]=$!
    done
    for i in 1 2; do
        log="$WORK/logs/${SID:-setup}-worker$i.log"
        for _ in $(seq 480); do
            tail -n +$(( before[i] + 1 )) "$log" 2>/dev/null | grep -q 'started with' && continue 2
            alive "${W_PID[i]}" || break
            sleep 0.25
        done
        echo "worker $i did not start:" >&2
        tail -5 "$log" >&2
        ok=1
    done
    return $ok
}
# stop_workers: SIGTERM (after a SIGCONT, in case one is frozen), SIGKILL for those still there after 45 s
stop_workers() {
    local i pid
    for i in 1 2; do
        pid=${W_PID[i]}
        alive "$pid" && { kill -CONT "$pid"; kill -TERM "$pid"; } 2>/dev/null
    done
    for i in 1 2; do
        pid=${W_PID[i]}
        [ -n "$pid" ] || continue
        for _ in $(seq 180); do alive "$pid" || break; sleep 0.25; done
        alive "$pid" && kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        W_PID[i]=""
    done
}
worker_of_pid() { # worker number of a pid, or empty
    local i
    for i in 1 2; do [ "${W_PID[i]}" = "$1" ] && { echo "$i"; return; }; done
}
wid_pid() { local w=${1%-*}; echo "${w##*-}"; } # worker_id is host-PID-xxxx

upload() { # prints the new job's id, or what the server answered
    local answer
    answer=$(curl -sS --max-time 600 -H "X-API-Key: $KEY" -F "schemaId=$SCHEMA_ID" -F "file=@$FILE" \
        "http://127.0.0.1:$APP_PORT/api/upload" 2>&1)
    python3 -c 'import json,sys; print(json.loads(sys.argv[1])["job_id"])' "$answer" 2>/dev/null || echo "$answer"
}

# ---------------------------------------------------------------------------------------------------------------
# a scenario: its jobs, its faults, polling with recovery tracking

declare -A J_STATUS J_PROC J_HOLDER J_DONE_MS J_UP_MS J_FIRST_MS
SUMMARY=()

begin_scenario() { # begin_scenario ID TITLE
    SID=$1
    echo
    echo "== $1: $2"
    now_ms; S_START=$NOW; S_FIRST_UP=""; S_BUDGET=120000
    SJOBS=(); F_AT=(); F_SETTLE=(); F_BASE=(); F_REC=(); F_REC_BY=(); F_HOLD=(); F_TAKE=(); F_DESC=()
    F_PLANNED=0; S_LIMIT_MS=""; CONT_AT=""; S_NOTES=""; S_WHY=""; LAST_SIG=""; LAST_CHANGE=$NOW; P_SUM=0; P_DONE=0; P_BAD=""; P_HOLDERS=""; P_STATUSES=""
}
add_job() {
    local id
    id=$(upload)
    if [[ ! $id =~ ^[0-9a-f-]{36}$ ]]; then say "upload failed: $id"; return 1; fi
    now_ms
    SJOBS+=("$id"); J_UP_MS[$id]=$NOW; J_FIRST_MS[$id]=""; J_DONE_MS[$id]=""
    S_FIRST_UP=${S_FIRST_UP:-$NOW}
    S_BUDGET=$(( S_BUDGET + N * 1000 / RATE_FLOOR ))
    say "uploaded job $id"
}
# add_fault DESCRIPTION SETTLE_MS [HOLDER_PID]: progress counts from SETTLE_MS after now (commits in flight land)
add_fault() {
    now_ms
    LAST_CHANGE=$NOW # the stall clock starts again at a fault
    F_AT+=("$NOW"); F_DESC+=("$1"); F_SETTLE+=("$2"); F_HOLD+=("${3:-}")
    F_BASE+=(""); F_REC+=(""); F_REC_BY+=(""); F_TAKE+=("")
}

# poll: reads the scenario's jobs; fails while PostgreSQL is down. Sets P_SUM (records_processed of all), P_DONE
# (COMPLETED jobs), P_BAD (jobs that ended FAILED or CANCELLED), P_HOLDERS (pids of the workers holding them).
poll() {
    local out ids id st rp wid done_ms
    ids=$(printf "'%s'," "${SJOBS[@]}")
    out=$(psql_db -c "SELECT id, status, records_processed, coalesce(worker_id, ''),
                             coalesce((extract(epoch FROM completed_at) * 1000)::bigint::text, '')
                      FROM jobs WHERE id IN (${ids%,}) ORDER BY created_at") || return 1
    P_SUM=0; P_DONE=0; P_BAD=""; P_HOLDERS=""; P_STATUSES=""
    while IFS='|' read -r id st rp wid done_ms; do
        [ -n "$id" ] || continue
        J_STATUS[$id]=$st; J_PROC[$id]=$rp; J_HOLDER[$id]=$wid
        P_SUM=$(( P_SUM + rp )); P_STATUSES+="$st "
        [ -n "$wid" ] && P_HOLDERS+="$(wid_pid "$wid") "
        case $st in
            COMPLETED) P_DONE=$(( P_DONE + 1 )); J_DONE_MS[$id]=$done_ms ;;
            FAILED|CANCELLED) P_BAD+="$id $st; " ;;
        esac
    done <<< "$out"
    P_HOLDERS=${P_HOLDERS% }
}
all_completed() { (( P_DONE == ${#SJOBS[@]} )); }
reached() { all_completed || (( P_SUM * 100 >= $1 * N )); } # reached PERCENT: of one job's records
time_is() { (( NOW >= $1 )); }

# track: stall clock, first progress of each job, progress and takeover after each fault
track() {
    local i id sig="$P_SUM|$P_STATUSES"
    if [ "$sig" != "$LAST_SIG" ]; then LAST_SIG=$sig; LAST_CHANGE=$NOW; fi
    for id in "${SJOBS[@]}"; do
        if [ -z "${J_FIRST_MS[$id]}" ] && (( ${J_PROC[$id]:-0} > 0 )); then J_FIRST_MS[$id]=$NOW; fi
    done
    for i in "${!F_AT[@]}"; do
        if [ -n "${F_HOLD[i]}" ] && [ -z "${F_TAKE[i]}" ] && [ -n "$P_HOLDERS" ] && [ "$P_HOLDERS" != "${F_HOLD[i]}" ]; then
            F_TAKE[i]=$NOW
            say "taken over by worker $(worker_of_pid "$P_HOLDERS") (pid $P_HOLDERS), $(secs $(( NOW - F_AT[i] ))) s after fault $(( i + 1 ))"
        fi
        [ -n "${F_REC[i]}" ] && continue
        (( NOW < F_AT[i] + F_SETTLE[i] )) && continue
        if [ -z "${F_BASE[i]}" ]; then
            F_BASE[i]=$P_SUM
        elif (( P_SUM > F_BASE[i] )) || all_completed; then
            F_REC[i]=$NOW; F_REC_BY[i]=$P_HOLDERS
            local by=""
            [ -n "$P_HOLDERS" ] && by=" under worker $(worker_of_pid "${P_HOLDERS%% *}") (pid $P_HOLDERS)"
            say "progress again $(secs $(( NOW - F_AT[i] ))) s after fault $(( i + 1 ))$by: $(num "$P_SUM") records"
        fi
    done
}

# wait_until DESCRIPTION COND [ARGS]: 0 when COND holds, 2 when a job ended FAILED or CANCELLED, 1 when nothing
# moved for STALL_TIMEOUT s or the scenario's deadline passed.
WAIT_FAILURE=""
wait_until() {
    local desc=$1
    shift
    while :; do
        now_ms
        if poll; then
            track
            if [ -n "$P_BAD" ]; then WAIT_FAILURE="job ended: ${P_BAD%; }"; say "$WAIT_FAILURE"; return 2; fi
            "$@" && return 0
        fi
        all_completed && LAST_CHANGE=$NOW
        if (( NOW - LAST_CHANGE > STALL_TIMEOUT * 1000 )); then
            WAIT_FAILURE="no progress for ${STALL_TIMEOUT} s while waiting for $desc (jobs: ${P_STATUSES:-unknown}, $(num "$P_SUM") records)"
            say "giving up: $WAIT_FAILURE"; return 1
        fi
        if (( NOW > ${S_FIRST_UP:-$NOW} + S_BUDGET )); then
            WAIT_FAILURE="time limit of the scenario reached while waiting for $desc (jobs: ${P_STATUSES:-unknown}, $(num "$P_SUM") records)"
            say "giving up: $WAIT_FAILURE"; return 1
        fi
        sleep "$POLL"
    done
}

# locks_snapshot: who waits for a lock in the database, and for whom (transactions left open count too)
locks_snapshot() {
    local out
    out=$(psql_db -c "SELECT a.pid, a.state, coalesce(a.wait_event_type || ':' || a.wait_event, '-'),
                             coalesce(round(extract(epoch FROM now() - a.xact_start)::numeric, 1)::text, '-'), pg_blocking_pids(a.pid)::text,
                             regexp_replace(left(a.query, 70), '\s+', ' ', 'g')
                      FROM pg_stat_activity a
                      WHERE a.datname = 'pipeline' AND a.pid <> pg_backend_pid()
                        AND (a.wait_event_type = 'Lock' OR a.state LIKE 'idle in transaction%'
                             OR cardinality(pg_blocking_pids(a.pid)) > 0)
                      ORDER BY a.xact_start LIMIT 6")
    if [ -z "$out" ]; then say "database: no session waits for a lock or holds a transaction open"; return; fi
    say "database sessions waiting for locks or holding a transaction open (pid | state | wait | transaction age s | blocked by | query):"
    while IFS= read -r line; do echo "               $line"; done <<< "$out"
}

# holder_pid: the pid of the worker holding the scenario's (single) job, if it is one of ours
holder_pid() {
    local pid=${P_HOLDERS%% *}
    [ -n "$pid" ] && [ -n "$(worker_of_pid "$pid")" ] && echo "$pid"
}

# check_job ID: the database checks; prints them, returns 1 when one fails
check_job() {
    local j=$1 out ok=0 line tag a b c d e f
    local status total processed failed last cnt dist mn mx outside gaps missing dups doubled both errdups valid rejected
    local gap_list="" dup_list="" errdup_list=""
    out=$(PGCONNECT_TIMEOUT=10 "$PSQL" "${PSQL_ARGS[@]}" -d pipeline 2> "$WORK/check.err" <<SQL
SELECT 'job', status, coalesce(records_total::text, 'null'), records_processed, records_failed, last_record_index
  FROM jobs WHERE id = '$j';
CREATE TEMP TABLE u AS
  SELECT record_index AS i, 'v'::text AS k FROM processed_records WHERE job_id = '$j'
  UNION ALL SELECT DISTINCT record_index, 'e' FROM processing_errors WHERE job_id = '$j';
SELECT 'cover', count(*), count(DISTINCT i), coalesce(min(i), -1), coalesce(max(i), -1),
       count(*) FILTER (WHERE i < 0 OR i >= $N) FROM u;
SELECT 'rows', count(*) FILTER (WHERE k = 'v'), count(DISTINCT i) FILTER (WHERE k = 'e') FROM u;
CREATE TEMP TABLE s AS SELECT DISTINCT i FROM u WHERE i BETWEEN 0 AND $N - 1;
CREATE TEMP TABLE g AS SELECT a, b FROM (
  SELECT lag(i, 1, -1::bigint) OVER (ORDER BY i) + 1 AS a, i - 1 AS b FROM s
  UNION ALL SELECT coalesce(max(i), -1) + 1, $N - 1 FROM s) x WHERE b >= a;
SELECT 'gaps', count(*), coalesce(sum(b - a + 1), 0) FROM g;
SELECT 'gap', a, b, b - a + 1 FROM g ORDER BY a LIMIT 5;
CREATE TEMP TABLE d AS SELECT i, count(*) AS c FROM u GROUP BY i HAVING count(*) > 1;
CREATE TEMP TABLE di AS SELECT min(i) AS a, max(i) AS b, count(*) AS n, max(c) AS c
  FROM (SELECT i, c, i - row_number() OVER (ORDER BY i) AS grp FROM d) z GROUP BY grp;
SELECT 'dups', count(*), coalesce(sum(n), 0) FROM di;
SELECT 'dup', a, b, n, c FROM di ORDER BY a LIMIT 5;
SELECT 'both', count(*) FROM (SELECT i FROM u GROUP BY i HAVING count(DISTINCT k) > 1) x;
CREATE TEMP TABLE ed AS SELECT DISTINCT record_index AS i FROM processing_errors WHERE job_id = '$j'
  GROUP BY record_index, field_name, error_code, error_message HAVING count(*) > 1;
SELECT 'errdups', count(*) FROM ed;
SELECT 'errdup', min(i), max(i), count(*) FROM (SELECT i, i - row_number() OVER (ORDER BY i) AS grp FROM ed) z
  GROUP BY grp ORDER BY 1 LIMIT 5;
SQL
    ) || { echo "    FAIL cannot run the checks: $(tail -1 "$WORK/check.err")"; return 1; }
    while IFS='|' read -r tag a b c d e f; do
        case $tag in
            job) status=$a total=$b processed=$c failed=$d last=$e ;;
            cover) cnt=$a dist=$b mn=$c mx=$d outside=$e ;;
            rows) valid=$a rejected=$b ;;
            gaps) gaps=$a missing=$b ;;
            gap) gap_list+=" $(num "$a")-$(num "$b") ($(num "$c"));" ;;
            dups) dups=$a doubled=$b ;;
            dup) dup_list+=" $(num "$a")-$(num "$b") ($(num "$c"), up to ${d}x);" ;;
            both) both=$a ;;
            errdups) errdups=$a ;;
            errdup) errdup_list+=" $(num "$a")-$(num "$b") ($(num "$c"));" ;;
        esac
    done <<< "$out"
    result() { if [ "$1" = ok ]; then printf "    %-4s %s\n" ok "$2"; else printf "    %-4s %s\n" FAIL "$2"; ok=1; fi; }
    [ "$status" = COMPLETED ] && r=ok || r=no
    result $r "status $status"
    [ "$total" = "$N" ] && r=ok || r=no
    result $r "records_total $(num "$total"), the file has $(num "$N") records"
    [ "$processed" = $(( last + 1 )) ] && r=ok || r=no
    result $r "records_processed $(num "$processed") = last_record_index + 1 ($(num "$last") + 1)"
    [ "$cnt" = "$N" ] && [ "$dist" = "$N" ] && [ "$mn" = 0 ] && [ "$mx" = $(( N - 1 )) ] && r=ok || r=no
    result $r "stored record indexes (valid + distinct rejected): $(num "$cnt") rows, $(num "$dist") distinct, min $(num "$mn"), max $(num "$mx"); expected $(num "$N") and $(num "$N"), 0, $(num $(( N - 1 )))"
    [ "$total" = "$N" ] || S_WHY+="records_total $(num "$total"); "
    [ "$missing" != 0 ] && S_WHY+="$(num "$missing") missing; "
    [ "$dups" != 0 ] && S_WHY+="$(num "$doubled") doubled; "
    [ "$errdups" != 0 ] && S_WHY+="$(num "$errdups") with error rows twice; "
    if [ "$missing" != 0 ]; then
        echo "           missing: $(num "$missing") indexes in $(num "$gaps") ranges; first:${gap_list%;}"
    fi
    if [ "$dups" != 0 ]; then
        echo "           doubled: $(num "$doubled") indexes in $(num "$dups") ranges; first:${dup_list%;}"
    fi
    [ "$outside" != 0 ] && echo "           $(num "$outside") stored indexes outside 0..$(num $(( N - 1 )))"
    [ "$both" != 0 ] && echo "           $(num "$both") indexes stored both as valid and as rejected"
    [ "$errdups" = 0 ] && r=ok || r=no
    result $r "rejected records whose error rows are stored twice: $(num "$errdups")${errdup_list:+; first:${errdup_list%;}}"
    [ "$failed" = "$rejected" ] && [ $(( processed - failed )) = "$valid" ] && r=ok || r=no
    result $r "counters match the rows: records_failed $(num "$failed") / $(num "$rejected") rejected stored, valid $(num $(( processed - failed ))) / $(num "$valid") stored"
    return $ok
}

# log_evidence: the most frequent WARN/ERROR messages of this scenario's logs
log_evidence() {
    python3 - "$WORK/logs" "$SID" <<'PY'
import collections, glob, json, os, re, sys
logs, sid = sys.argv[1:]
seen = collections.Counter()
for path in sorted(glob.glob(os.path.join(logs, sid + "-*.log"))) + [os.path.join(logs, "server.log")]:
    who = os.path.basename(path)[:-4].replace(sid + "-", "")
    for line in open(path, errors="replace"):
        try:
            e = json.loads(line)
        except ValueError:
            continue
        if e.get("level") in ("WARN", "ERROR"):
            msg = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", e.get("message", ""))
            seen[(who, e["level"], msg[:160])] += 1
for (who, level, msg), n in seen.most_common(6):
    print(f"    {who} {level} x{n}: {msg}")
PY
}

# end_scenario WAIT_RC: checks the jobs, prints the details and adds the summary row
end_scenario() {
    local rc=$1 result=PASS id i up first done_ms rec="" last_done=0 all_done=1 first_up=0 to_done="-" total="-" line
    [ "$rc" = 0 ] || result=FAIL
    [ "$rc" = 0 ] && sleep 3 # let anything still in flight (a resumed frozen worker, say) land before checking
    for id in "${SJOBS[@]}"; do
        up=${J_UP_MS[$id]} first=${J_FIRST_MS[$id]} done_ms=${J_DONE_MS[$id]}
        (( first_up == 0 || up < first_up )) && first_up=$up
        line="  job $id: ${J_STATUS[$id]:-?}, $(num "${J_PROC[$id]:-0}") records"
        [ -n "$first" ] && line+=", first progress $(secs $(( first - up ))) s after its upload"
        if [ -n "$done_ms" ]; then
            line+=", COMPLETED $(secs $(( done_ms - up ))) s after its upload"
            (( done_ms > last_done )) && last_done=$done_ms
        else
            all_done=0
        fi
        echo "$line"
        if [ "${J_STATUS[$id]:-}" = COMPLETED ]; then
            check_job "$id" || result=FAIL
        else
            S_WHY+="a job ${J_STATUS[$id]:-unknown}; "
        fi
    done
    for i in "${!F_AT[@]}"; do
        if [ -n "${F_REC[i]}" ]; then rec+="$(secs $(( F_REC[i] - F_AT[i] )))/"; else rec+="never/"; fi
    done
    rec=${rec%/}
    if [ -n "$rec" ]; then rec+=" s"; else rec="-"; fi
    if (( all_done && last_done > 0 )); then
        total="$(secs $(( last_done - first_up ))) s"
        (( ${#F_AT[@]} > 0 )) && to_done="$(secs $(( last_done - F_AT[${#F_AT[@]} - 1] ))) s"
    fi
    # scenarios 3 and 4: another worker must carry the job on within TAKEOVER_LIMIT of the fault
    if [ -n "$S_LIMIT_MS" ] && (( ${#F_AT[@]} > 0 )); then
        local rec_ms=-1
        [ -n "${F_REC[0]}" ] && rec_ms=$(( F_REC[0] - F_AT[0] ))
        if (( rec_ms < 0 || rec_ms > S_LIMIT_MS )); then
            result=FAIL
            S_NOTES+="no progress within ${TAKEOVER_LIMIT} s of the fault (TAKEOVER_LIMIT: staleAfter + 5 s)"
            if (( rec_ms < 0 )); then S_WHY+="no progress after the fault; "; else S_WHY+="stalled $(secs "$rec_ms") s; "; fi
            if [ -n "$CONT_AT" ] && [ -n "${F_TAKE[0]}" ] && (( F_TAKE[0] < CONT_AT )) \
                && { [ -z "${F_REC[0]}" ] || (( F_REC[0] >= CONT_AT )); }; then
                S_NOTES+=": taken over $(secs $(( F_TAKE[0] - F_AT[0] ))) s after the fault, but the new holder made no progress until the frozen worker was resumed at $(secs $(( CONT_AT - F_AT[0] ))) s"
                S_WHY+="new holder blocked until SIGCONT; "
            elif [ -z "${F_TAKE[0]}" ]; then
                S_NOTES+=": no other worker took the job over"
            fi
            S_NOTES+="; "
        fi
    fi
    local faults="-"
    (( F_PLANNED > 0 )) && faults="${#F_AT[@]}/$F_PLANNED"
    (( F_PLANNED > 0 && ${#F_AT[@]} < F_PLANNED )) && S_NOTES+="only ${#F_AT[@]} of $F_PLANNED faults injected: the job was too far along; "
    [ -n "$WAIT_FAILURE" ] && [ "$rc" != 0 ] && S_NOTES+="$WAIT_FAILURE; "
    if [ "$result" = FAIL ]; then
        echo "  log messages of this scenario (WARN/ERROR, most frequent first):"
        log_evidence
    fi
    echo "  => $SID $result${S_NOTES:+ (${S_NOTES%; })}"
    [ "$result" = PASS ] && S_WHY=""
    (( F_PLANNED > 0 && ${#F_AT[@]} < F_PLANNED )) && S_WHY+="only ${#F_AT[@]} of $F_PLANNED faults; "
    SUMMARY+=("$SID|$result|$faults|$rec|$to_done|$total|${S_WHY%; }")
    WAIT_FAILURE=""
}

# log_evidence: the most frequent WARN/ERROR messages written since the scenario began, by process
log_evidence() {
    python3 - "$WORK/logs" "$SID" "$S_START" <<'PY2'
import collections, datetime, glob, json, os, re, sys
logs, sid, start_ms = sys.argv[1], sys.argv[2], int(sys.argv[3])
seen = collections.Counter()
for path in sorted(glob.glob(os.path.join(logs, sid + "-*.log"))) + [os.path.join(logs, "server.log")]:
    who = os.path.basename(path)[:-4].replace(sid + "-", "")
    for line in open(path, errors="replace"):
        try:
            e = json.loads(line)
            at = datetime.datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00")).timestamp() * 1000
        except (ValueError, KeyError):
            continue
        if at >= start_ms and e.get("level") in ("WARN", "ERROR"):
            msg = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", e.get("message", ""))
            msg = re.sub(r"\(attempt \d+\)", "(attempt N)", msg)
            msg = re.sub(r"retrying in \d+ ms", "retrying in N ms", msg)
            msg = re.sub(r" ?channel: \[[^]]*\]", "", msg).replace("\n", " ")
            seen[(who, e["level"], msg[:200])] += 1
for (who, level, msg), n in seen.most_common(8):
    print(f"    {who} {level} x{n}: {msg}")
if not seen:
    print("    none")
PY2
}

# fresh_start [no-workers]: ends what the last scenario left (cancels its unfinished jobs, stops the workers),
# empties the record tables, and starts both workers again, so each scenario starts from the same state
fresh_start() {
    psql_db -c "UPDATE jobs SET status = 'CANCELLED', completed_at = now(), worker_id = NULL
                WHERE status IN ('PENDING', 'PROCESSING')" > /dev/null # every job here is this run's
    stop_workers
    psql_db -c "TRUNCATE processed_records, processing_errors" > /dev/null
    if [ "${1:-}" != no-workers ]; then
        start_workers || return 1
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# the scenarios

scenario_0() {
    begin_scenario 0 "baseline: no fault"
    fresh_start || { end_scenario 1; return; }
    add_job || { end_scenario 1; return; }
    wait_until "COMPLETED" all_completed
    end_scenario $?
}

scenario_1() {
    begin_scenario 1 "PostgreSQL SIGKILLed 3 times during the job (at 25, 50, 75%), restarted each time"
    fresh_start || { end_scenario 1; return; }
    add_job || { end_scenario 1; return; }
    F_PLANNED=3
    local pct
    for pct in 25 50 75; do
        wait_until "$pct% of the records" reached $pct || { end_scenario $?; return; }
        all_completed && break
        add_fault "postgres crash at $pct%" 0
        pg_crash || { say "PostgreSQL did not start again"; end_scenario 1; return; }
        say "fault ${#F_AT[@]}: PostgreSQL SIGKILLed at $(num "$P_SUM") records ($pct%), back after $(secs "$PG_DOWN_MS") s"
    done
    wait_until "COMPLETED" all_completed
    end_scenario $?
}

scenario_2a() {
    begin_scenario 2a "Redis SIGKILLed and restarted empty while 3 jobs are PENDING (workers started after)"
    fresh_start no-workers || { end_scenario 1; return; }
    add_job && add_job && add_job || { end_scenario 1; return; }
    F_PLANNED=1
    sleep 1 # the server queues uploads in the background
    poll
    say "jobs: $P_STATUSES; queue stream length $(rcli XLEN faults:jobs)"
    redis_kill && redis_start || { say "Redis did not start again"; end_scenario 1; return; }
    say "fault 1: Redis SIGKILLed and restarted empty; queue stream exists now: $(rcli EXISTS faults:jobs)"
    start_workers || { end_scenario 1; return; }
    add_fault "redis restart with 3 pending jobs" 0 # measured from here: no progress is possible without workers
    say "workers started; recovery is measured from now"
    wait_until "COMPLETED" all_completed
    end_scenario $?
}

scenario_2b() {
    begin_scenario 2b "Redis SIGKILLed and restarted empty while a job runs; a second job uploaded after"
    fresh_start || { end_scenario 1; return; }
    add_job || { end_scenario 1; return; }
    F_PLANNED=1
    wait_until "30% of the records" reached 30 || { end_scenario $?; return; }
    if ! all_completed; then
        add_fault "redis restart with a running job" 0
        redis_kill || { end_scenario 1; return; }
        say "fault 1: Redis SIGKILLed at $(num "$P_SUM") records"
        wait_until "the end of the Redis outage" time_is $(( F_AT[0] + 2000 )) # polls, so progress meanwhile counts
        redis_start || { say "Redis did not start again"; end_scenario 1; return; }
        say "Redis restarted empty after 2 s; uploading a second job"
        add_job || { end_scenario 1; return; }
    fi
    wait_until "COMPLETED" all_completed
    end_scenario $?
}

scenario_3() {
    begin_scenario 3 "the worker holding the job frozen (SIGSTOP) for $FREEZE s at 30%, then SIGCONT"
    fresh_start || { end_scenario 1; return; }
    add_job || { end_scenario 1; return; }
    F_PLANNED=1
    S_BUDGET=$(( S_BUDGET + FREEZE * 1000 ))
    wait_until "30% of the records" reached 30 || { end_scenario $?; return; }
    local pid
    pid=$(holder_pid)
    if ! all_completed && [ -n "$pid" ]; then
        kill -STOP "$pid"
        add_fault "worker frozen" 1000 "$pid"
        S_LIMIT_MS=$(( TAKEOVER_LIMIT * 1000 ))
        say "fault 1: worker $(worker_of_pid "$pid") (pid $pid) frozen at $(num "$P_SUM") records"
        wait_until "the end of the freeze" time_is $(( F_AT[0] + FREEZE * 1000 ))
        local rc=$?
        locks_snapshot
        kill -CONT "$pid"
        now_ms; CONT_AT=$NOW
        say "worker $(worker_of_pid "$pid") (pid $pid) resumed (SIGCONT); job held by pid ${P_HOLDERS:-nobody}"
        (( rc == 0 )) || { end_scenario $rc; return; }
    elif ! all_completed; then
        say "no worker of ours holds the job (holder: ${P_HOLDERS:-none}); not frozen"
    fi
    wait_until "COMPLETED" all_completed
    end_scenario $?
}

scenario_4() {
    begin_scenario 4 "the worker holding the job SIGKILLed at 40%"
    fresh_start || { end_scenario 1; return; }
    add_job || { end_scenario 1; return; }
    F_PLANNED=1
    wait_until "40% of the records" reached 40 || { end_scenario $?; return; }
    local pid
    pid=$(holder_pid)
    if ! all_completed && [ -n "$pid" ]; then
        local w
        w=$(worker_of_pid "$pid")
        kill -KILL "$pid"
        add_fault "worker killed" 1000 "$pid"
        S_LIMIT_MS=$(( TAKEOVER_LIMIT * 1000 ))
        wait "$pid" 2>/dev/null
        W_PID[w]=""
        say "fault 1: worker $w (pid $pid) SIGKILLed at $(num "$P_SUM") records"
    elif ! all_completed; then
        say "no worker of ours holds the job (holder: ${P_HOLDERS:-none}); not killed"
    fi
    wait_until "COMPLETED" all_completed
    end_scenario $?
}

# ---------------------------------------------------------------------------------------------------------------
# setup, run, summary, cleanup

cleanup() {
    trap - EXIT INT TERM
    local pid pids=""
    for pid in "${W_PID[@]}" "$SERVER_PID"; do
        if alive "$pid"; then kill -CONT "$pid" 2>/dev/null; kill -TERM "$pid" 2>/dev/null; pids+="$pid "; fi
    done
    for _ in $(seq 60); do
        local left=""
        for pid in $pids; do alive "$pid" && left+="$pid "; done
        [ -z "$left" ] && break
        sleep 0.25
    done
    for pid in $pids; do alive "$pid" && kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    if [ -n "$WORK" ] && [ -f "$WORK/redis.pid" ]; then
        pid=$(cat "$WORK/redis.pid")
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    fi
    if [ -n "$WORK" ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
        as_postgres "$PGBIN/pg_ctl -D $PGDIR/data -m immediate -w -t 20 stop" > /dev/null 2>&1 \
            || { pid=$(pg_pid); [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; }
    fi
    if [ -n "$WORK" ] && [ -d "$WORK" ]; then
        if [ "${KEEP_LOGS:-}" = 1 ]; then
            local keep
            keep="bench/results/faults-$(date +%Y%m%d-%H%M%S)"
            mkdir -p "$keep" && cp -r "$WORK/logs/." "$keep/" && cp "$PGDIR/postgres.log" "$keep/" 2>/dev/null
            echo "logs kept in $keep"
        fi
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

for s in $SCENARIOS; do
    declare -F "scenario_$s" > /dev/null || die "unknown scenario $s (known: 0 1 2a 2b 3 4)"
done
[[ $N =~ ^[0-9]+$ ]] && (( N >= 1000 )) || die "N must be a number of records, at least 1000"
[ -f "$APP" ] || ./mvnw -B -o -q package -DskipTests || die "cannot build $APP"

pick_port PG_PORT "${PG_PORT:-55432}" || die "no free port for PostgreSQL"
pick_port REDIS_PORT "${REDIS_PORT:-56379}" || die "no free port for Redis"
pick_port APP_PORT "${APP_PORT:-18680}" || die "no free port for the API"
pick_port ADMIN_PORT $(( APP_PORT + 1 )) || die "no free port for the admin port"
pick_port W1_ADMIN $(( ADMIN_PORT + 1 )) || die "no free port for worker 1's admin port"
pick_port W2_ADMIN $(( W1_ADMIN + 1 )) || die "no free port for worker 2's admin port"
W_ADMIN=("" "$W1_ADMIN" "$W2_ADMIN")

WORK=$(mktemp -d /tmp/pipeline-faults.XXXXXX) || die "mktemp"
chmod 755 "$WORK"
PGDIR=$WORK/pg
mkdir -p "$PGDIR" "$WORK/logs" "$WORK/uploads"
[ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"

# The application reads these through config.yml; nothing is left to the caller's environment.
unset DATABASE_USER DATABASE_PASSWORD REDIS_PASSWORD UPLOAD_MAX_SIZE
export DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/pipeline" REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
       REDIS_KEY_PREFIX=faults UPLOAD_DIR="$WORK/uploads" PIPELINE_PORT=$APP_PORT PIPELINE_ADMIN_PORT=$ADMIN_PORT \
       PIPELINE_LOG_LEVEL=INFO
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres
# Dropwizard's -Ddw.* overrides: the API binds to 127.0.0.1 only; the workers' timings if asked for
DW_BIND=("-Ddw.server.applicationConnectors[0].bindHost=127.0.0.1" "-Ddw.server.adminConnectors[0].bindHost=127.0.0.1")
DW_WORKER=()
[ -n "${STALE_AFTER:-}" ] && DW_WORKER+=("-Ddw.worker.staleAfter=$STALE_AFTER")
[ -n "${SWEEP_INTERVAL:-}" ] && DW_WORKER+=("-Ddw.worker.sweepInterval=$SWEEP_INTERVAL")

echo "fault injection: $(num "$N") records per job, scenarios: $SCENARIOS"
echo "private PostgreSQL 127.0.0.1:$PG_PORT, Redis 127.0.0.1:$REDIS_PORT, API 127.0.0.1:$APP_PORT (admin $ADMIN_PORT)," \
     "worker admin ports ${W_ADMIN[1]} and ${W_ADMIN[2]}; work directory $WORK"
echo "worker.staleAfter ${STALE_AFTER:-30s (config.yml)}, worker.sweepInterval ${SWEEP_INTERVAL:-30s (config.yml)};" \
     "a scenario gives up after ${STALL_TIMEOUT} s without progress; 3 and 4 need progress within ${TAKEOVER_LIMIT} s"

mkdir -p bench/data
FILE=bench/data/customers-$N.csv
if [ ! -f "$FILE" ]; then
    echo "generating $FILE"
    java bench/GenerateData.java csv "$N" 0.02 "$FILE.tmp" && mv "$FILE.tmp" "$FILE" || die "cannot generate $FILE"
fi
LINES=$(( $(wc -l < "$FILE") - 1 ))
[ "$LINES" = "$N" ] || die "$FILE has $LINES records, expected $N (remove it to generate it again)"

as_postgres "$PGBIN/initdb -D $PGDIR/data -A trust -U postgres" > "$WORK/logs/initdb.log" 2>&1 \
    || { cat "$WORK/logs/initdb.log" >&2; die "initdb failed"; }
pg_start || { cat "$PGDIR/postgres.log" >&2; die "PostgreSQL did not start"; }
"$PSQL" -X -q -d postgres -c "CREATE DATABASE pipeline" || die "cannot create the database"
redis_start || die "Redis did not start"
java -jar "$APP" db migrate config.yml > "$WORK/logs/migrate.log" 2>&1 || { tail "$WORK/logs/migrate.log" >&2; die "db migrate failed"; }
partner=$(java -jar "$APP" partner create config.yml --name "Fault injection" 2> "$WORK/logs/partner.log") \
    || { cat "$WORK/logs/partner.log" >&2; die "partner create failed"; }
KEY=$(echo "$partner" | awk '/api key/ {print $3}')
PARTNER_ID=$(echo "$partner" | awk '/partner id/ {print $3}')
SCHEMA_ID=$(java -jar "$APP" schema create config.yml --partner "$PARTNER_ID" --file sample-data/customers.schema.json \
            2> "$WORK/logs/schema.log" | awk '/schema id/ {print $3}')
[ -n "$KEY" ] && [ -n "$SCHEMA_ID" ] || die "no partner key or schema id"
start_server || die "the server did not start"
now_ms; echo "set up in $(secs $(( NOW - ${RUN_START/./} / 1000 ))) s"

SJOBS=()
for s in $SCENARIOS; do
    "scenario_$s"
done

echo
echo "== summary: $(num "$N") records per job; recovery = fault to the jobs' records_processed advancing again"
printf "%-9s %-6s %-7s %-20s %-19s %-10s %s\n" scenario result faults recovery "last fault to done" total why
failed=0
for row in "${SUMMARY[@]}"; do
    IFS='|' read -r sid result faults rec to_done total why <<< "$row"
    printf "%-9s %-6s %-7s %-20s %-19s %-10s %s\n" "$sid" "$result" "$faults" "$rec" "$to_done" "$total" "$why"
    [ "$result" = PASS ] || failed=1
done
now_ms; echo "whole run: $(secs $(( NOW - ${RUN_START/./} / 1000 ))) s"
exit $failed
