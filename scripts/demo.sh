#!/usr/bin/env bash
# The main job: builds nnc, compiles models/mlp.mlir (a digit classifier) to
# a native executable and runs it on 8 bundled held-out digits.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
build/bin/nnc compile models/mlp.mlir -o build/mlp
echo "== build/mlp --input x=models/mlp.sample.npy"
build/mlp --input x=models/mlp.sample.npy
echo "true labels:          $(cat models/mlp.sample_labels.txt)"
