#!/usr/bin/env bash
# Speed of the learning core next to PyTorch on this CPU (see TrainingBench). Needs a built module
# (mvn -B -q -pl operators/core -am install -DskipTests), dataset-fashion-mnist, and for the PyTorch column
# python3-torch with libopenblas0-openmp (apt-get install -y python3-torch libopenblas0-openmp dataset-fashion-mnist;
# without torch the Java figures are still printed, the ratios left out).
# Usage: operators/core/bench/run-bench.sh [--seconds 2] [--runs 5] [--torch path/to/torch_reference.py]
# The cost of continual evaluation: BENCH_MAIN=io.streamcl.core.bench.EvaluationBench operators/core/bench/run-bench.sh
# Set STREAMCL_OPENBLAS_CORETYPE to force another OpenBLAS kernel than the one chosen for this CPU (openblas-env.sh).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
core="$(cd "$bench/.." && pwd)"
repo="$(cd "$core/../.." && pwd)"
# shellcheck source=openblas-env.sh
source "$bench/openblas-env.sh"

if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "PyTorch is not installed for /usr/bin/python3: apt-get install -y python3-torch libopenblas0-openmp" >&2
fi

cp_file="$core/target/bench.classpath"
(cd "$repo" && mvn -B -q -o -pl operators/core \
    dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null)
exec java -Xmx2g -cp "$core/target/test-classes:$core/target/classes:$(cat "$cp_file")" \
    "${BENCH_MAIN:-io.streamcl.core.bench.TrainingBench}" \
    --torch "${TORCH_REFERENCE:-$bench/torch_reference.py}" "$@"
