#!/usr/bin/env bash
# Compiles a model for NVPTX (its inference entry, and with --grad its loss's
# gradient too) and has ptxas accept the PTX for sm_90.
#
#   check_ptx.sh NNC MODEL WORKDIR [--grad]
#
# Exits 77 (ctest: skipped) where no ptxas is installed, saying so.
set -euo pipefail
nnc=$1 model=$2 work=$3 grad=${4:-}
ptxas=$(command -v ptxas || true)
for dir in "${CUDA_HOME:-}" /usr/local/cuda /usr/lib/nvidia-cuda-toolkit; do
  [ -z "$ptxas" ] && [ -n "$dir" ] && [ -x "$dir/bin/ptxas" ] && ptxas=$dir/bin/ptxas
done
if [ -z "$ptxas" ]; then
  echo "SKIP: no ptxas (CUDA toolkit) on this machine"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
"$nnc" compile "$model" --target=nvptx --emit=ptx -o "$work/forward.ptx"
"$ptxas" -arch=sm_90 "$work/forward.ptx" -o "$work/forward.cubin"
if [ "$grad" = --grad ]; then
  "$nnc" compile "$model" --grad --target=nvptx --emit=ptx -o "$work/grad.ptx"
  "$ptxas" -arch=sm_90 "$work/grad.ptx" -o "$work/grad.cubin"
fi
echo "ptxas accepts the PTX of $model"
