# Sourced by the bench scripts: one OpenBLAS thread, passive OpenMP waiting, and the OpenBLAS kernel for this CPU.
# OPENBLAS_CORETYPE is read once, when JavaCPP loads OpenBLAS, so it must be in the JVM's environment. The OpenBLAS
# 0.3.19 that ND4J ships does not recognise recent CPUs and then runs a slow generic kernel (on an AMD EPYC of
# family 26 it picks Barcelona, SSE only), so the kernel is chosen here from /proc/cpuinfo: AVX-512 CPUs (Intel, and
# AMD from Zen 4 on) get SkylakeX, other AMD CPUs with AVX2 Zen, other AVX2 CPUs Haswell.
# An OPENBLAS_CORETYPE inherited from the shell is replaced (a login environment may carry one set for other
# software, which would silently decide the bench's kernel); to force a kernel, set STREAMCL_OPENBLAS_CORETYPE
# (a core name, or "detect" to leave the choice to OpenBLAS). STREAMCL_OPENBLAS_CHOICE tells the bench which rule
# applied, so that its output says so.

# OpenMP's active spinning makes ND4J 2-3x slower on shared cores; one thread matches the PyTorch side.
export OMP_WAIT_POLICY=PASSIVE
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-$OMP_NUM_THREADS}"

openblas_coretype() {
  local flags vendor
  flags="$(grep -m1 '^flags' /proc/cpuinfo)"
  vendor="$(grep -m1 '^vendor_id' /proc/cpuinfo)"
  if [[ " $flags " == *" avx512f "* ]]; then
    echo SkylakeX
  elif [[ " $flags " == *" avx2 "* && "$vendor" == *AuthenticAMD* ]]; then
    echo Zen
  elif [[ " $flags " == *" avx2 "* ]]; then
    echo Haswell
  fi
}

inherited_coretype="${OPENBLAS_CORETYPE:-}"
unset OPENBLAS_CORETYPE
if [[ "${STREAMCL_OPENBLAS_CORETYPE:-}" == detect ]]; then
  export STREAMCL_OPENBLAS_CHOICE="left to OpenBLAS by STREAMCL_OPENBLAS_CORETYPE=detect"
elif [[ -n "${STREAMCL_OPENBLAS_CORETYPE:-}" ]]; then
  export OPENBLAS_CORETYPE="$STREAMCL_OPENBLAS_CORETYPE"
  export STREAMCL_OPENBLAS_CHOICE="forced by STREAMCL_OPENBLAS_CORETYPE"
else
  coretype="$(openblas_coretype)"
  if [[ -n "$coretype" ]]; then
    export OPENBLAS_CORETYPE="$coretype"
    export STREAMCL_OPENBLAS_CHOICE="chosen for this CPU by openblas-env.sh"
  else
    export STREAMCL_OPENBLAS_CHOICE="left to OpenBLAS (no AVX2 on this CPU)"
  fi
fi
if [[ -n "$inherited_coretype" && "$inherited_coretype" != "${OPENBLAS_CORETYPE:-}" ]]; then
  echo "openblas-env.sh: the inherited OPENBLAS_CORETYPE=$inherited_coretype is replaced" \
       "(now ${OPENBLAS_CORETYPE:-unset}, $STREAMCL_OPENBLAS_CHOICE);" \
       "set STREAMCL_OPENBLAS_CORETYPE=$inherited_coretype to use it" >&2
fi
unset inherited_coretype
