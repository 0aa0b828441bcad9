#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of the readers and the schema compiler, each target for as long as asked.
#
#   bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#       default 300 s each, all targets: csv json jsonLines xml schemaCompiler
#
# The targets are the @FuzzTest methods of ReaderFuzzTest and SchemaCompilerFuzzTest, run by Jazzer's own driver
# so that the time is free to choose (under JUnit it is the annotation's, FuzzTime.PER_TARGET). The parsers
# underneath (univocity, Jackson, Woodstox, RE2/J) are instrumented too. Each finding is written as a regression
# input next to the target's seeds (pipeline-core/src/test/resources/.../<Class>Inputs/<target>/crash-*), which
# every build then replays: fix it, or keep it as the reproduction of a reported defect. The corpus grown so far
# stays in pipeline-core/.cifuzz-corpus/, so a second run goes on where the first stopped. Logs and Java
# reproducers: bench/results/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
PER_TARGET=${1:-300}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(csv json jsonLines xml schemaCompiler)

./mvnw -q -B -pl pipeline-core test-compile
./mvnw -q -B -pl pipeline-core dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/fuzz-classpath.txt >/dev/null
CP="pipeline-core/target/test-classes:pipeline-core/target/classes:$(cat pipeline-core/target/fuzz-classpath.txt)"
INSTRUMENT='com.partnerpipeline.**:com.univocity.**:com.fasterxml.jackson.**:com.ctc.wstx.**:org.codehaus.stax2.**:com.google.re2j.**'
RESULTS=bench/results/fuzz
mkdir -p "$RESULTS"

summary=()
for target in "${TARGETS[@]}"; do
    case $target in
        schemaCompiler) class=com.partnerpipeline.schema.SchemaCompilerFuzzTest ;;
        csv | json | jsonLines | xml) class=com.partnerpipeline.formats.ReaderFuzzTest ;;
        *) echo "unknown target $target: csv json jsonLines xml schemaCompiler" >&2; exit 64 ;;
    esac
    package=${class%.*}
    inputs="pipeline-core/src/test/resources/${package//.//}/${class##*.}Inputs/$target"
    corpus="pipeline-core/.cifuzz-corpus/$class/$target"
    mkdir -p "$corpus" "$inputs"
    echo "== $target: $PER_TARGET s (log: $RESULTS/$target.log)"
    before=$(ls "$inputs" | grep -c '^crash-' || true)
    # -timeout: an input that takes 10 s is a finding (a file of 4 KB never should); keep_going: a known defect,
    # reported once, does not end the run
    status=0
    java -Xmx512m -XX:+ExitOnOutOfMemoryError -cp "$CP" com.code_intelligence.jazzer.Jazzer \
        --target_class="$class" --target_method="$target" \
        --instrumentation_includes="$INSTRUMENT" --custom_hook_includes="$INSTRUMENT" \
        --keep_going=20 --reproducer_path="$RESULTS" \
        -max_total_time="$PER_TARGET" -timeout=10 -artifact_prefix="$inputs/" \
        "$corpus" "$inputs" >"$RESULTS/$target.log" 2>&1 || status=$?
    after=$(ls "$inputs" | grep -c '^crash-' || true)
    runs=$(grep -aoE '^#[0-9]+' "$RESULTS/$target.log" | tail -1 || true)
    cov=$(grep -aoE 'cov: [0-9]+' "$RESULTS/$target.log" | tail -1 || true)
    summary+=("$target: ${runs:-#0} inputs, $cov, $((after - before)) new findings, exit $status")
    grep -aE '^== Java Exception|^java\.|^Caused by|FuzzerSecurityIssue' "$RESULTS/$target.log" | sort | uniq -c | head -20 || true
done
printf '%s\n' "${summary[@]}"
