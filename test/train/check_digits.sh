#!/usr/bin/env bash
# train/digits: runs scripts/train_digits.sh (data conversion, nnc compile
# --train, 30 epochs with seed 0, inference with the trained weights) and
# asserts the held-out accuracy of the last epoch is at least 97%.
#
#   check_digits.sh BUILD_DIR WORKDIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$1 workdir=$2
rm -rf "$workdir" && mkdir -p "$workdir"
"$here/../../scripts/train_digits.sh" --build-dir "$build" --workdir "$workdir" \
  | tee "$workdir/log.txt"
accuracy=$(grep '^epoch 30/30 ' "$workdir/log.txt" |
  sed -n 's/.* accuracy \([0-9.]*\)%.*/\1/p')
if [ -z "$accuracy" ]; then
  echo "FAIL: no accuracy on the epoch 30 line"
  exit 1
fi
if awk -v a="$accuracy" 'BEGIN { exit !(a >= 97.0) }'; then
  echo "PASS: held-out accuracy $accuracy% >= 97%"
else
  echo "FAIL: held-out accuracy $accuracy% < 97%"
  exit 1
fi
