#!/usr/bin/env bash
# Entrypoint of StreamCL's Flink containers (flinkConfiguration kubernetes.entry.path): sets what the native OpenBLAS
# needs on the node the pod landed on, then hands over to the Flink image's own entrypoint. The same rule as the
# local launcher (deploy/flink-local) and the benches (operators/core/bench/openblas-env.sh).
set -euo pipefail

# OpenMP's active spinning made the native matrix products 2-3x slower on small machines.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

# ND4J's OpenBLAS 0.3.19 does not recognise recent CPUs and falls back to slow kernels, so the kernel is chosen from
# this node's CPU flags (SkylakeX with AVX-512, Zen on other AVX2 AMD CPUs, Haswell on other AVX2 CPUs); forcing one
# the CPU lacks would crash. STREAMCL_OPENBLAS_CORETYPE in the pod spec forces a core name, or "detect" leaves the
# choice to OpenBLAS; a plain OPENBLAS_CORETYPE is replaced, as everywhere in StreamCL.
flags="$(grep -m1 '^flags' /proc/cpuinfo || true)"
unset OPENBLAS_CORETYPE
if [[ "${STREAMCL_OPENBLAS_CORETYPE:-}" == detect ]]; then
  :
elif [[ -n "${STREAMCL_OPENBLAS_CORETYPE:-}" ]]; then
  export OPENBLAS_CORETYPE="$STREAMCL_OPENBLAS_CORETYPE"
elif [[ " $flags " == *" avx512f "* ]]; then
  export OPENBLAS_CORETYPE=SkylakeX
elif [[ " $flags " == *" avx2 "* ]] && grep -qm1 AuthenticAMD /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=Zen
elif [[ " $flags " == *" avx2 "* ]]; then
  export OPENBLAS_CORETYPE=Haswell
fi

exec /docker-entrypoint.sh "$@"
