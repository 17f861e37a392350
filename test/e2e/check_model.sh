#!/usr/bin/env bash
# Compiles a model with nnc, runs it on .npy inputs and compares every named
# output with a PyTorch-made .npy within the given tolerances.
#
#   check_model.sh --nnc BIN --model M.mlir --workdir DIR
#                  [--input NAME=FILE]... --expect NAME=FILE...
#                  [--rtol R] [--atol A] [--gpu] [-- EXTRA nnc compile flags]
#
# --gpu compiles for nvptx and runs on the GPU; where no CUDA driver is
# installed it prints why and exits 77, which ctest reports as skipped.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
nnc="" model="" workdir="" rtol=1e-4 atol=1e-5 gpu=0
inputs=() expects=() extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --nnc) nnc=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --input) inputs+=(--input "$2"); shift 2 ;;
    --expect) expects+=("$2"); shift 2 ;;
    --rtol) rtol=$2; shift 2 ;;
    --atol) atol=$2; shift 2 ;;
    --gpu) gpu=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "check_model.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ "$gpu" = 1 ]; then
  if ! ldconfig -p 2>/dev/null | grep -q 'libcuda\.so\.1'; then
    echo "SKIP: no CUDA driver (libcuda.so.1) on this machine, so no GPU run"
    exit 77
  fi
  extra+=(--target=nvptx)
fi

rm -rf "$workdir" && mkdir -p "$workdir/out"
"$nnc" compile "$model" -o "$workdir/model" "${extra[@]}"
"$workdir/model" "${inputs[@]}" --output-dir "$workdir/out"
for pair in "${expects[@]}"; do
  name=${pair%%=*}
  /usr/bin/python3 "$here/compare_npy.py" "$workdir/out/$name.npy" \
    "${pair#*=}" --rtol "$rtol" --atol "$atol"
done
