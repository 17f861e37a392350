#!/usr/bin/env bash
# train/keys: test/train/dropout.mlir, whose loss takes a random key, trained
# 3 SGD steps (one batch, so one step per epoch) by the training executable,
# which supplies the key of each step from --seed. Checks that two runs with
# seed 0 save bit-identical weights and a run with seed 1 other ones, and
# that each run's per-step losses and trained weights are PyTorch's with
# nn.dropout's masks for the driver's keys (data/, made by make_golden.py;
# losses printed to 6 decimals, weights within 1e-5 relative, 1e-6 absolute).
#
#   check_keys.sh NNC WORKDIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
nnc=$1 work=$2
data=$here/data
rm -rf "$work" && mkdir -p "$work"
"$nnc" compile "$here/dropout.mlir" --train --optimizer=sgd --lr=0.1 \
  --weights "$data/dropout.safetensors" -o "$work/train"
for run in 0 0b 1; do
  "$work/train" --data x="$data/dropout_x.npy" --data y="$data/dropout_y.npy" \
    --epochs 3 --no-shuffle --seed "${run%b}" \
    --save "$work/seed$run.safetensors" | tee "$work/seed$run.log"
done
cmp "$work/seed0.safetensors" "$work/seed0b.safetensors"
echo "PASS: seed 0 twice gives bit-identical weights"
if cmp -s "$work/seed0.safetensors" "$work/seed1.safetensors"; then
  echo "FAIL: seeds 0 and 1 give the same weights"
  exit 1
fi
for seed in 0 1; do
  /usr/bin/python3 "$here/../optim/compare_safetensors.py" \
    "$work/seed$seed.safetensors" "$data/expected_dropout_seed$seed.safetensors" \
    --rtol 1e-5 --atol 1e-6
  /usr/bin/python3 - "$work/seed$seed.log" "$data/expected_dropout_losses.npy" \
    "$seed" <<'PY'
import re
import sys

import numpy as np

log, expected, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
losses = [float(v) for v in re.findall(r"^epoch \d+/3 loss (\S+)", open(log).read(), re.M)]
want = np.load(expected)[seed]
if len(losses) != len(want) or not np.allclose(losses, want, rtol=1e-5, atol=2e-6):
    sys.exit(f"FAIL: seed {seed}: step losses {losses}, PyTorch's {want.tolist()}")
print(f"PASS: seed {seed}: step losses {losses} match PyTorch's")
PY
done
