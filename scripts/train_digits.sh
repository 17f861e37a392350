#!/usr/bin/env bash
# Trains models/digits_mlp.mlir on scikit-learn's 8x8 handwritten digits with
# nnc, then runs the trained model:
#
#   1. converts the digits into .npy arrays (80% training, 20% held out),
#   2. compiles the model for training (Adam, lr 2e-3) into a native
#      executable: loss, gradients and update in one compiled train step,
#   3. trains 30 epochs with a fixed shuffling seed, printing one line per
#      epoch (mean training loss, held-out accuracy, elapsed time), and saves
#      the trained weights,
#   4. compiles the model for inference with those weights and classifies the
#      first 32 held-out digits.
#
# Usage: scripts/train_digits.sh [--build-dir DIR] [--workdir DIR]
#   --build-dir  the CMake build folder with bin/nnc (default: build, built
#                by scripts/build.sh when it has no nnc yet)
#   --workdir    where the data and artifacts go (default: BUILD/digits)
set -euo pipefail
cd "$(dirname "$0")/.."

build=build workdir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    *) echo "train_digits.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
workdir=${workdir:-$build/digits}
if [ ! -x "$build/bin/nnc" ]; then
  scripts/build.sh
fi
nnc=$build/bin/nnc
mkdir -p "$workdir"

/usr/bin/python3 scripts/digits_to_npy.py "$workdir"

echo "== nnc compile models/digits_mlp.mlir --train --optimizer=adam --lr=2e-3"
start=$(date +%s%N)
"$nnc" compile models/digits_mlp.mlir --train --optimizer=adam --lr=2e-3 \
  -o "$workdir/train_digits"
echo "compiled in $(( ($(date +%s%N) - start) / 1000000 )) ms"

echo "== train_digits: 30 epochs, seed 0"
"$workdir/train_digits" --data x="$workdir/train_x.npy" \
  --data y="$workdir/train_y.npy" --eval x="$workdir/test_x.npy" \
  --eval y="$workdir/test_y.npy" --epochs 30 --seed 0 \
  --save "$workdir/digits_mlp.trained.safetensors"

echo "== nnc compile models/digits_mlp.mlir --weights digits_mlp.trained.safetensors"
"$nnc" compile models/digits_mlp.mlir \
  --weights "$workdir/digits_mlp.trained.safetensors" -o "$workdir/digits_mlp"
/usr/bin/python3 -c "
import numpy as np, sys
d = sys.argv[1]
np.save(d + '/sample_x.npy', np.load(d + '/test_x.npy')[:32])
print('true labels:    ', ' '.join(map(str, np.load(d + '/test_y.npy')[:32])))
" "$workdir"
"$workdir/digits_mlp" --input x="$workdir/sample_x.npy" | tail -n 1
