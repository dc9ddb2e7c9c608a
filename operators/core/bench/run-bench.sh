#!/usr/bin/env bash
# Speed of the learning core next to PyTorch on this CPU (see TrainingBench). Needs a built module
# (mvn -o -pl operators/core install -DskipTests), python3-torch, libopenblas0-openmp and dataset-fashion-mnist.
# Usage: operators/core/bench/run-bench.sh [--seconds 2] [--runs 5] [--torch path/to/torch_mlp_reference.py]
# The cost of continual evaluation: BENCH_MAIN=io.streamcl.core.bench.EvaluationBench operators/core/bench/run-bench.sh
set -euo pipefail
core="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$core/../.." && pwd)"

# OpenMP's active spinning makes ND4J 2-3x slower on shared cores; one thread matches the PyTorch side.
export OMP_WAIT_POLICY=PASSIVE
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-$OMP_NUM_THREADS}"
# The OpenBLAS 0.3.19 that ND4J ships (and the core's gemm uses) does not recognise this CPU and picks an
# ancient kernel: name the right one.
if grep -qw avx512f /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=SkylakeX
fi

cp_file="$core/target/bench.classpath"
(cd "$repo" && mvn -B -q -o -pl operators/core dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null)
exec java -Xmx2g -cp "$core/target/test-classes:$core/target/classes:$(cat "$cp_file")" \
    "${BENCH_MAIN:-io.streamcl.core.bench.TrainingBench}" \
    --torch "${TORCH_REFERENCE:-$repo/../shared/bench/torch_mlp_reference.py}" "$@"
