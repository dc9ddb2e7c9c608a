#!/usr/bin/env bash
# Checkpoint cost of learner state on both state backends (see CheckpointBench): starts a local Kafka broker and a
# Flink MiniCluster, and per row (model:keys:examples-per-key) runs the training job unbounded, triggers a checkpoint
# once every key has learned and another after a tenth of the keys got more records; prints per-key state bytes,
# both checkpoints' bytes and durations, and records/s, as a Markdown table.
# Needs a built tree (mvn -B -q install -DskipTests) and dataset-fashion-mnist for the default-model rows.
# Usage: jobs/bench/run-checkpoint-bench.sh [--rows default:1:64,default:10:64,default:100:64,small:1:20000,small:1000:32,small:10000:32]
#                                           [--backends hashmap,rocksdb] [--eval-every N] [--jfr FILE.jfr]
# --eval-every sets eval.every for every row (default: the job's); a huge value (1000000) leaves evaluation at task
# boundaries only, which compares key counts on the same work.
# model "default" is 784-256-256-10 on Permuted Fashion-MNIST, "small" is 20-64-64-5 on the gaussian scenario.
for arg in "$@"; do
  if [[ "$arg" == --help || "$arg" == -h ]]; then
    sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"
    exit 0
  fi
done
BENCH_MAIN=io.streamcl.jobs.bench.CheckpointBench exec "$(cd "$(dirname "$0")" && pwd)/run-e2e-bench.sh" "$@"
