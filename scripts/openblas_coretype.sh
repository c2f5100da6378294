#!/usr/bin/env bash
# The OpenBLAS kernel set this CPU can run, for OPENBLAS_CORETYPE. The OpenBLAS inside the pinned
# NumPy/SciPy wheels does not recognise this machine's newer CPU and falls back to its oldest kernels
# (threadpoolctl reports "Prescott"), which makes the MiniLM pass two to three times slower
# (README, "make bench"). Prints nothing where neither set applies: OpenBLAS then detects on its own.
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  echo SkylakeX
elif grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
  echo Haswell
fi
