#!/usr/bin/env bash
# One optim/* test: compiles test/optim/mlp.mlir for training with an
# optimizer, takes 5 steps on the fixed data in file order, saves the params
# and compares them with torch.optim's (made by make_golden.py).
#
#   check_optim.sh NNC WORKDIR NAME RTOL ATOL [nnc compile flags...]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
nnc=$1 workdir=$2 name=$3 rtol=$4 atol=$5
shift 5

rm -rf "$workdir" && mkdir -p "$workdir"
"$nnc" compile "$here/mlp.mlir" --train --weights "$here/data/mlp.safetensors" \
  -o "$workdir/train" "$@"
"$workdir/train" --data x="$here/data/x.npy" --data y="$here/data/y.npy" \
  --no-shuffle --steps 5 --save "$workdir/trained.safetensors"
/usr/bin/python3 "$here/compare_safetensors.py" "$workdir/trained.safetensors" \
  "$here/data/expected_$name.safetensors" --rtol "$rtol" --atol "$atol"
