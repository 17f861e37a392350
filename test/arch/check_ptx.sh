#!/usr/bin/env bash
# Compiles a model for NVPTX (its inference entry; with --grad its loss's
# gradient too; with --entry=NAME that function too, e.g. a learning rule's
# @update) and has ptxas accept the PTX for sm_90.
#
#   check_ptx.sh NNC MODEL WORKDIR [--grad] [--entry=NAME]...
#
# Exits 77 (ctest: skipped) where no ptxas is installed, saying so.
set -euo pipefail
nnc=$1 model=$2 work=$3
shift 3
ptxas=$(command -v ptxas || true)
for dir in "${CUDA_HOME:-}" /usr/local/cuda /usr/lib/nvidia-cuda-toolkit; do
  [ -z "$ptxas" ] && [ -n "$dir" ] && [ -x "$dir/bin/ptxas" ] && ptxas=$dir/bin/ptxas
done
if [ -z "$ptxas" ]; then
  echo "SKIP: no ptxas (CUDA toolkit) on this machine"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
# One compile per variant: the name of its PTX file, then nnc's flags.
variants=("forward")
for arg in "$@"; do
  case "$arg" in
    --grad) variants+=("grad --grad") ;;
    --entry=*) variants+=("${arg#--entry=} $arg") ;;
    *) echo "check_ptx.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
for variant in "${variants[@]}"; do
  read -r name flags <<<"$variant"
  # shellcheck disable=SC2086  # flags is empty or one word
  "$nnc" compile "$model" $flags --target=nvptx --emit=ptx -o "$work/$name.ptx"
  "$ptxas" -arch=sm_90 "$work/$name.ptx" -o "$work/$name.cubin"
done
echo "ptxas accepts the PTX of $model (${variants[*]%% *})"
