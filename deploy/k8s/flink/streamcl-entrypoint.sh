#!/usr/bin/env bash
# Entrypoint of StreamCL's Flink containers (flinkConfiguration kubernetes.entry.path): sets what the native OpenBLAS
# needs on the node the pod landed on, then hands over to the Flink image's own entrypoint. A value set in the pod
# spec wins. (The local launcher, deploy/flink-local, does the same for its TaskManagers.)
set -euo pipefail

# OpenMP's active spinning made the native matrix products 2-3x slower on small machines.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

# ND4J's OpenBLAS 0.3.19 does not recognise AVX-512 CPUs and falls back to a much slower kernel; forcing SkylakeX
# on a CPU without AVX-512 would crash, hence the check on this node.
if [[ -z "${OPENBLAS_CORETYPE:-}" ]] && grep -qw avx512f /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=SkylakeX
fi

exec /docker-entrypoint.sh "$@"
