#!/usr/bin/env bash
# Proves the Docker Compose deployment on this machine, end to end, with nothing but Debian's packages and Maven
# Central: the real Dockerfile and docker-compose.yml, run with `--scale worker=2`, used from the host with the CLI,
# broken on purpose, and checked for every record exactly once. Exits non-zero on any failure, with a summary.
#
#   deploy/compose-test.sh                 as root (it may install packages and start dockerd); ~6 minutes
#
# What it does:
#   - installs docker.io, docker-compose and debootstrap with apt when missing; starts dockerd when none answers
#     (and stops only a dockerd it started);
#   - builds local stand-ins for the official base images once, cached by tag (a tag names its recipe's hash): a
#     Debian root filesystem from debootstrap, then a JRE 17, a PostgreSQL and a Redis image from Debian's packages
#     (deploy/images/); a machine that reaches Docker Hub can run the same checks on the official images with
#     OFFICIAL_IMAGES=1;
#   - builds the application image with the Dockerfile from the jars built on the host (JARS=host);
#   - starts the stack, waits until every container is healthy, creates a partner with `exec app ... partner
#     create`, registers the sample schema and uploads the four samples with the CLI, and checks their counts;
#   - kills a worker container mid-job (RECORDS records), then restarts PostgreSQL and Redis during another job,
#     and checks that both jobs complete with every record stored exactly once;
#   - checks that data survives `down` and `up` and that the application's containers do not run as root;
#   - removes the stack, its volumes and the application image it built (base images stay cached).
#
# Environment: RECORDS (records of each big job, default 1000000), BENCH=1 (also time a clean RECORDS job in Compose
# against the same job on the host, bench/e2e.sh, in the same run), KEEP=1 (leave the stack up for a look).
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-1000000}
PROJECT=pipeline-compose-test-$$
PORT=${PORT:-18680}
ADMIN_PORT=${ADMIN_PORT:-18681}
WORK=$(mktemp -d)
CACHE=/var/tmp/pipeline-compose-test
CLI=(java -jar pipeline-cli/target/pipeline.jar --url "http://127.0.0.1:$PORT")
now_ms() { echo $(($(date +%s%N) / 1000000)); }
START=$(now_ms)
FAILURES=()
STARTED_DOCKERD=

seconds_since() { local ms=$(($(now_ms) - $1)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
log() { printf '[%7s s] %s\n' "$(seconds_since "$START")" "$*"; }
fail() { echo "  FAIL $*"; FAILURES+=("$*"); }
pass() { echo "  ok   $*"; }
die() { echo "compose-test: $*" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- prerequisites ------------------------------------------------------------------------------------------------
install_missing() {
    local missing=()
    command -v dockerd >/dev/null || [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
    command -v docker-compose >/dev/null || missing+=(docker-compose)
    command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
    [ ${#missing[@]} -eq 0 ] && return
    [ "$(id -u)" = 0 ] || die "needs ${missing[*]}; run as root so that apt can install them"
    echo "installing ${missing[*]} with apt"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$WORK/apt.log" 2>&1 \
        || { apt-get update -q >>"$WORK/apt.log" 2>&1 \
             && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$WORK/apt.log" 2>&1; } \
        || { tail -5 "$WORK/apt.log" >&2; die "apt could not install ${missing[*]}"; }
}
install_missing

# Debian's client matches Debian's daemon; another client on the PATH may lack BuildKit (buildx).
DOCKER=${DOCKER:-$( [ -x /usr/bin/docker ] && echo /usr/bin/docker || command -v docker )}
if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose); else COMPOSE=(docker-compose); fi
compose() { "${COMPOSE[@]}" -p "$PROJECT" "$@"; }

start_dockerd() {
    "$DOCKER" info >/dev/null 2>&1 && return
    [ "$(id -u)" = 0 ] || die "no Docker daemon answers and only root can start one"
    local dockerd; dockerd=$(command -v dockerd || echo /usr/sbin/dockerd)
    log "starting dockerd"
    "$dockerd" >"$WORK/dockerd.log" 2>&1 &
    STARTED_DOCKERD=$!
    for _ in $(seq 60); do
        "$DOCKER" info >/dev/null 2>&1 && return
        kill -0 "$STARTED_DOCKERD" 2>/dev/null || break
        sleep 0.5
    done
    echo "dockerd did not start; its last words:" >&2
    grep -iE 'level=(error|fatal)|failed|permission|operation not permitted' "$WORK/dockerd.log" | tail -5 >&2 \
        || tail -5 "$WORK/dockerd.log" >&2
    die "no Docker daemon: dockerd could not start on this machine (see above)"
}

cleanup() {
    local status=$?
    if [ -z "${KEEP:-}" ]; then
        compose down -v --remove-orphans >/dev/null 2>&1 || true
        "$DOCKER" rmi -f "$APP_IMAGE" >/dev/null 2>&1 || true
    else
        echo "KEEP=1: the stack is still up: ${COMPOSE[*]} -p $PROJECT ..."
    fi
    if [ -n "$STARTED_DOCKERD" ]; then
        kill "$STARTED_DOCKERD" 2>/dev/null; wait "$STARTED_DOCKERD" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    exit $status
}
APP_IMAGE=partner-pipeline-compose-test:$$
trap cleanup EXIT
trap 'echo "compose-test: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR
start_dockerd
log "Docker $("$DOCKER" version -f '{{.Server.Version}}'), ${COMPOSE[*]} $("${COMPOSE[@]}" version --short 2>/dev/null || echo)"

# --- base images: official ones, or Debian-built stand-ins cached by tag ------------------------------------------
recipe_tag() { (cd deploy/images && find "$1" -type f | sort | xargs sha256sum) | sha256sum | cut -c1-12; }
local_image() { # NAME: builds pipeline-local/NAME:<hash of deploy/images/NAME> unless it exists
    local tag; tag="pipeline-local/$1:$(recipe_tag "$1")"
    if ! "$DOCKER" image inspect "$tag" >/dev/null 2>&1; then
        log "building $tag" >&2
        "$DOCKER" build -q --build-arg BASE="$BASE_IMAGE" -t "$tag" "deploy/images/$1" >"$WORK/build-$1.log" 2>&1 \
            || { tail -20 "$WORK/build-$1.log" >&2; die "could not build $tag"; }
    fi
    echo "$tag"
}
if [ -n "${OFFICIAL_IMAGES:-}" ]; then
    JRE_IMAGE=eclipse-temurin:17-jre POSTGRES_IMAGE=postgres:16 REDIS_IMAGE=redis:7
else
    BASE_IMAGE=pipeline-local/debian:bookworm
    if ! "$DOCKER" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
        [ "$(id -u)" = 0 ] || die "debootstrap needs root"
        log "building $BASE_IMAGE with debootstrap"
        rm -rf "$CACHE/rootfs" && mkdir -p "$CACHE"
        debootstrap --variant=minbase bookworm "$CACHE/rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 \
            || { tail -5 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
        tar -C "$CACHE/rootfs" -c . | "$DOCKER" import - "$BASE_IMAGE" >/dev/null
        rm -rf "$CACHE/rootfs"
    fi
    JRE_IMAGE=$(local_image jre) POSTGRES_IMAGE=$(local_image postgres) REDIS_IMAGE=$(local_image redis)
fi
log "base images: $JRE_IMAGE, $POSTGRES_IMAGE, $REDIS_IMAGE"

# --- the application image, from the real Dockerfile ----------------------------------------------------------------
[ -f pipeline-app/target/pipeline-app.jar ] && [ -f pipeline-cli/target/pipeline.jar ] \
    || ./mvnw -B -q package -DskipTests
DOCKER_BUILDKIT=1 "$DOCKER" build --build-arg JRE_IMAGE="$JRE_IMAGE" --build-arg JARS=host -t "$APP_IMAGE" . \
    >"$WORK/build-app.log" 2>&1 || { tail -20 "$WORK/build-app.log" >&2; die "could not build the application image"; }
log "built $APP_IMAGE"

# What .env would give; the shell's values win over a .env in this directory.
export COMPOSE_PROJECT_NAME=$PROJECT PIPELINE_IMAGE=$APP_IMAGE JRE_IMAGE POSTGRES_IMAGE REDIS_IMAGE \
       POSTGRES_PASSWORD=compose-test-db-$$ REDIS_PASSWORD=compose-test-redis-$$ \
       PIPELINE_PORT=$PORT PIPELINE_ADMIN_PORT=$ADMIN_PORT PIPELINE_LOG_LEVEL=WARN WORKER_CONCURRENCY=2
psql() { compose exec -T postgres psql -U pipeline -d pipeline -tAc "$1"; }

wait_healthy() { # EXPECTED SINCE_MS: all EXPECTED containers healthy within 180 s; prints the seconds since SINCE_MS
    local expected=$1 from=$2
    for _ in $(seq 360); do
        local ids; ids=$(compose ps -q)
        local healthy; healthy=$(for id in $ids; do "$DOCKER" inspect -f '{{.State.Health.Status}}' "$id"; done | grep -c '^healthy$' || true)
        if [ "$healthy" -eq "$expected" ]; then seconds_since "$from"; return 0; fi
        sleep 0.5
    done
    compose ps >&2
    return 1
}

up() { compose up -d --no-build --scale worker=2 >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; return 1; }; }

# --- 1. up, healthy ---------------------------------------------------------------------------------------------------
log "1. up with 2 workers"
UP_AT=$(now_ms)
up
if HEALTHY_AFTER=$(wait_healthy 5 "$UP_AT"); then
    pass "5 containers (app, 2 workers, postgres, redis) healthy $HEALTHY_AFTER s after up"
else
    fail "not every container became healthy within 180 s"
    compose logs --tail 20 >&2 || true
    exit 1
fi

# --- 2. a partner, the sample schema, the samples --------------------------------------------------------------------
log "2. partner, schema and the four samples through the CLI"
compose exec -T app java -jar pipeline-app.jar partner create config.yml --name "Compose test" \
    >"$WORK/partner.txt" 2>"$WORK/partner.err" || { cat "$WORK/partner.err" >&2; die "partner create failed"; }
export PIPELINE_API_KEY; PIPELINE_API_KEY=$(awk '/api key:/ {print $3}' "$WORK/partner.txt")
[ -n "$PIPELINE_API_KEY" ] || die "partner create printed no key: $(cat "$WORK/partner.txt")"
SCHEMA=$("${CLI[@]}" schema create --file sample-data/customers.schema.json --json | json 'd["id"]')
for sample in customers.csv customers.json customers.jsonl customers.xml; do
    code=0
    "${CLI[@]}" upload "sample-data/$sample" --schema "$SCHEMA" --follow --json >"$WORK/$sample.json" \
        2>"$WORK/$sample.err" || code=$?
    got=$(json '"%s %s %s" % (d["status"], d["recordsProcessed"], d["recordsFailed"])' <"$WORK/$sample.json" 2>/dev/null || cat "$WORK/$sample.err")
    if [ "$code" = 1 ] && [ "$got" = "COMPLETED 1000 100" ]; then
        pass "$sample: COMPLETED, 1,000 records, 100 rejected (exit 1)"
    else
        fail "$sample: expected COMPLETED 1000 100 and exit 1, got '$got' and exit $code"
    fi
done

# --- 3. big jobs, broken on purpose --------------------------------------------------------------------------------
BIG=$WORK/big.csv
java bench/GenerateData.java csv "$RECORDS" 0.02 "$BIG" >/dev/null
VALID=$(python3 -c "print($RECORDS - round($RECORDS * 0.02))")

upload_big() { "${CLI[@]}" upload "$BIG" --schema "$SCHEMA" --json 2>"$WORK/upload.err" | json 'd["job_id"]'; }
# A field of the job, or nothing while the API cannot tell (503 during a PostgreSQL restart, say).
job_field() { "${CLI[@]}" job "$1" --json 2>/dev/null | json "d[\"$2\"]" 2>/dev/null || true; }
await_processed() { # JOB FRACTION: until the job has processed that share of RECORDS
    for _ in $(seq 600); do
        local done; done=$(job_field "$1" recordsProcessed)
        [ -n "$done" ] && [ "$done" -ge "$(python3 -c "print(int($RECORDS * $2))")" ] && return 0
        sleep 0.5
    done
    return 1
}
await_end() { # JOB: its final status, within 10 minutes
    for _ in $(seq 1200); do
        local status; status=$(job_field "$1" status)
        case $status in COMPLETED|FAILED|CANCELLED) echo "$status"; return ;; esac
        sleep 0.5
    done
    echo TIMEOUT
}
exactly_once() { # JOB WHAT
    local status; status=$(await_end "$1")
    local counts; counts=$(psql "SELECT count(*) || ' ' || count(DISTINCT record_index) FROM processed_records WHERE job_id = '$1'")
    local job; job=$(psql "SELECT records_processed || ' ' || records_failed || ' ' || (SELECT count(*) FROM processing_errors e WHERE e.job_id = j.id) FROM jobs j WHERE id = '$1'")
    local failed=$((RECORDS - VALID))
    if [ "$status" = COMPLETED ] && [ "$counts" = "$VALID $VALID" ] && [ "${job%% *}" = "$RECORDS" ]; then
        pass "$2: COMPLETED, $VALID valid records stored once each, $failed rejected (records_processed $RECORDS)"
    else
        fail "$2: status $status, stored/distinct '$counts' (want $VALID $VALID), job processed/failed/errors '$job'"
    fi
}

log "3a. a worker container killed mid-job ($RECORDS records)"
JOB=$(upload_big)
await_processed "$JOB" 0.2 || fail "the job did not reach 20% (killed worker)"
holder=$(psql "SELECT worker_id FROM jobs WHERE id = '$JOB'")
victim=
for id in $(compose ps -q worker); do # a worker's id starts with its host name, the container's
    [ "$("$DOCKER" inspect -f '{{.Config.Hostname}}' "$id")" = "${holder%%-*}" ] && victim=$id
done
if [ -n "$victim" ]; then
    "$DOCKER" kill "$victim" >/dev/null
    log "   killed the worker holding it ($holder) at $(job_field "$JOB" recordsProcessed) records"
else
    fail "no worker container holds the job (worker_id '$holder')"
fi
exactly_once "$JOB" "worker killed"
up  # the killed worker back, for what follows

log "3b. PostgreSQL, then Redis, restarted during a job"
JOB=$(upload_big)
await_processed "$JOB" 0.2 || fail "the job did not reach 20% (before the PostgreSQL restart)"
compose restart postgres >/dev/null 2>&1
log "   PostgreSQL restarted"
await_processed "$JOB" 0.5 || fail "the job did not reach 50% after the PostgreSQL restart"
compose restart redis >/dev/null 2>&1
log "   Redis restarted"
exactly_once "$JOB" "PostgreSQL and Redis restarted"

# --- 4. down and up keep the data; nobody runs as root -------------------------------------------------------------
log "4. down, up: the named volumes keep the data"
JOBS_BEFORE=$(psql "SELECT count(*) FROM jobs")
compose down >/dev/null 2>&1
UP_AT=$(now_ms)
up
if AGAIN_AFTER=$(wait_healthy 5 "$UP_AT"); then
    pass "healthy again $AGAIN_AFTER s after up, on the volumes of the first run"
else
    fail "not every container became healthy after down and up"
fi
JOBS_AFTER=$("${CLI[@]}" jobs --json --limit 100 | json 'd["pagination"]["total"]')
[ "$JOBS_AFTER" = "$JOBS_BEFORE" ] && pass "after down and up: the partner's key works and its $JOBS_AFTER jobs are there" \
    || fail "after down and up: $JOBS_AFTER jobs, $JOBS_BEFORE before"
for service in app worker; do
    uid=$(compose exec -T --index 1 "$service" id -u | tr -d '\r')
    [ "$uid" != 0 ] && pass "$service runs as uid $uid, not root" || fail "$service runs as root"
done

# --- 5. figures (BENCH=1) ---------------------------------------------------------------------------------------------
if [ -n "${BENCH:-}" ]; then
    log "5. a clean $RECORDS-record job in Compose, then the same job on the host (bench/e2e.sh)"
    from=$(now_ms)
    JOB=$(upload_big)
    status=$(await_end "$JOB")
    took=$(seconds_since "$from")
    echo "  compose: $status, upload to end $took s, $(python3 -c "print(f'{$RECORDS / $took:,.0f}')") records/s"
    compose down -v >/dev/null 2>&1  # the host's run has the machine to itself
    # in the environment the script was started with: none of the stack's passwords or ports
    env -u REDIS_PASSWORD -u POSTGRES_PASSWORD -u PIPELINE_PORT -u PIPELINE_ADMIN_PORT -u PIPELINE_LOG_LEVEL \
        -u WORKER_CONCURRENCY -u PIPELINE_API_KEY bench/e2e.sh "$RECORDS" 2>&1 \
        | grep -E 'end to end|upload to COMPLETED|error|failed' | sed 's/^/  host: /'
fi

# --- summary ------------------------------------------------------------------------------------------------------
echo
if [ ${#FAILURES[@]} -eq 0 ]; then
    log "compose-test: every check passed (${COMPOSE[*]}, base images $JRE_IMAGE, $POSTGRES_IMAGE, $REDIS_IMAGE)"
else
    log "compose-test: ${#FAILURES[@]} check(s) failed:"
    printf '  - %s\n' "${FAILURES[@]}"
    exit 1
fi
