# Sourced by the bench scripts: one OpenBLAS thread, passive OpenMP waiting, and the OpenBLAS kernel for this CPU.
# OPENBLAS_CORETYPE is read once, when JavaCPP loads OpenBLAS, so it must be in the JVM's environment; a value the
# caller exported wins (OPENBLAS_CORETYPE=detect leaves the choice to OpenBLAS). The OpenBLAS 0.3.19 that ND4J ships does not recognise recent CPUs and then runs a slow
# generic kernel: AVX-512 Intel gets SkylakeX, AMD with AVX2 Zen, other AVX2 CPUs Haswell.

# OpenMP's active spinning makes ND4J 2-3x slower on shared cores; one thread matches the PyTorch side.
export OMP_WAIT_POLICY=PASSIVE
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-$OMP_NUM_THREADS}"

openblas_coretype() {
  local flags vendor
  flags="$(grep -m1 '^flags' /proc/cpuinfo)"
  vendor="$(grep -m1 '^vendor_id' /proc/cpuinfo)"
  if [[ " $flags " == *" avx512f "* && "$vendor" == *GenuineIntel* ]]; then
    echo SkylakeX
  elif [[ " $flags " == *" avx2 "* && "$vendor" == *AuthenticAMD* ]]; then
    echo Zen
  elif [[ " $flags " == *" avx2 "* ]]; then
    echo Haswell
  fi
}

if [[ "${OPENBLAS_CORETYPE:-}" == detect ]]; then
  unset OPENBLAS_CORETYPE
elif [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
  coretype="$(openblas_coretype)"
  if [[ -n "$coretype" ]]; then
    export OPENBLAS_CORETYPE="$coretype"
  fi
fi
