#!/usr/bin/env bash
# The training job against its own core loop on the same Fashion-MNIST 8-bit records (see EndToEndBench): starts a
# local Kafka broker, produces the records, runs both, prints records/s and the ratio for 1, 10 and 100 keys, with
# continual evaluation every 10 updates and with evaluation at task boundaries only.
# Needs a built tree (mvn -B -q install -DskipTests) and dataset-fashion-mnist.
# Usage: jobs/bench/run-e2e-bench.sh [--records 60000] [--keys 1,10,100] [--eval-every 10] [--eval-async true]
#     [--jfr FILE.jfr]
# --eval-async true adds a row with the periodic evaluation on an evaluator thread (eval.async) in both the core loop
# and the job.
# BENCH_MAIN runs another bench class of jobs/src/test/java on the same classpath (run-checkpoint-bench.sh does).
# --jfr records a JFR profile of the whole run; see the hot frames with
#   jfr print --events jdk.ExecutionSample FILE.jfr | grep -A1 'stackTrace = \[' | grep -v stackTrace | sort | uniq -c | sort -rn | head -30
set -euo pipefail
for arg in "$@"; do
  if [[ "$arg" == --help || "$arg" == -h ]]; then
    sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"
    exit 0
  fi
done
bench="$(cd "$(dirname "$0")" && pwd)"
jobs="$(cd "$bench/.." && pwd)"
repo="$(cd "$jobs/.." && pwd)"
# shellcheck source=../../operators/core/bench/openblas-env.sh
source "$repo/operators/core/bench/openblas-env.sh"

jvm=(-Xmx3g -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.streamcl.schemas ${BENCH_JVM_OPTS:-})
args=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" == --jfr ]]; then
    jvm+=("-XX:StartFlightRecording=filename=$2,settings=profile")
    shift 2
  else
    args+=("$1")
    shift
  fi
done

cp_file="$jobs/target/bench.classpath"
(cd "$repo" && mvn -B -q -o -pl jobs dependency:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=test >/dev/null)
exec java "${jvm[@]}" -cp "$jobs/target/test-classes:$jobs/target/classes:$(cat "$cp_file")" \
    "${BENCH_MAIN:-io.streamcl.jobs.bench.EndToEndBench}" "${args[@]}"
