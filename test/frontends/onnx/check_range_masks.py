#!/usr/bin/python3
"""Runs the position-comparison attention models of attention.test and
compares them with PyTorch.

Usage: check_range_masks.py NNC MODEL_DIR WORK_DIR

For attention_causal_range.onnx (imported as causal attention) and
attention_shifted_range.onnx (a mask the compiled model computes), writes
seeded q, k and v to WORK_DIR, runs `NNC run` on them and checks the output
against torch's softmax(q k^T + masked_fill(key > query + shift, -inf)) v.
Prints one line per model; exit status 0 when every output is within
1e-4 of PyTorch's.
"""

import os
import subprocess
import sys

import numpy as np
import torch

MODELS = (("attention_causal_range", 0), ("attention_shifted_range", 1))


def expected(q, k, v, shift):
    """The attention PyTorch computes, with the models' mask."""
    scores = q @ k.transpose(-1, -2)
    pos = torch.arange(q.shape[2])
    masked = pos.unsqueeze(0) > (pos + shift).unsqueeze(1)
    scores = scores.masked_fill(masked, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    nnc, models, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    generator = torch.Generator().manual_seed(7)
    inputs = {name: torch.randn(*shape, generator=generator)
              for name, shape in (("q", (1, 1, 4100, 8)),
                                  ("k", (1, 1, 4100, 8)),
                                  ("v", (1, 1, 4100, 3)))}
    arguments = []
    for name, value in inputs.items():
        path = os.path.join(work, name + ".npy")
        np.save(path, value.numpy())
        arguments += ["--input", "%s=%s" % (name, path)]
    failed = False
    for model, shift in MODELS:
        out = os.path.join(work, model)
        subprocess.run([nnc, "run", os.path.join(models, model + ".onnx"),
                        "--output-dir", out] + arguments,
                       check=True, stdout=subprocess.DEVNULL)
        got = np.load(os.path.join(out, "o.npy"))
        error = float(np.abs(got - expected(**inputs, shift=shift).numpy()).max())
        ok = error <= 1e-4
        failed |= not ok
        print("%s: max error %s" % (model, "ok" if ok else "%g" % error))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
