#!/usr/bin/python3
"""Checks the causal masks of the compiled arch/transformer model.

Usage: check_causal.py MODEL_EXE DATA_DIR WORK_DIR

Runs the compiled @forward (MODEL_EXE, as arch/transformer/forward built
it) on the golden inputs of DATA_DIR and again with the last target token
of every sequence changed. Under the decoder's causal mask and the
language model's, no earlier position of `logits` or `lm_logits` may
change (bit for bit: masked weights are exactly 0), while the last
position must. Scratch files go to WORK_DIR. Exit status 0 when all hold.
"""

import os
import subprocess
import sys

import numpy as np

VOCABULARY = 11


def run(model, inputs, out_dir):
    """Runs the model on {name: .npy path}; returns {output: array}."""
    os.makedirs(out_dir, exist_ok=True)
    args = [model, "--output-dir", out_dir]
    for name, path in inputs.items():
        args += ["--input", "%s=%s" % (name, path)]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return {name: np.load(os.path.join(out_dir, name + ".npy"))
            for name in ("logits", "lm_logits")}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    model, data, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    inputs = {name: os.path.join(data, name + ".npy")
              for name in ("src_tokens", "tgt_tokens")}
    before = run(model, inputs, os.path.join(work, "before"))

    tgt = np.load(inputs["tgt_tokens"])
    tgt[:, -1] = tgt[:, -1] % (VOCABULARY - 1) + 1
    inputs["tgt_tokens"] = os.path.join(work, "tgt_tokens_changed.npy")
    np.save(inputs["tgt_tokens"], tgt)
    after = run(model, inputs, os.path.join(work, "after"))

    failures = []
    for name in before:
        earlier = np.array_equal(before[name][:, :-1], after[name][:, :-1])
        last = not np.array_equal(before[name][:, -1], after[name][:, -1])
        print("%s: earlier positions %s, last position %s" % (
            name, "unchanged" if earlier else "CHANGED",
            "changed" if last else "UNCHANGED"))
        if not (earlier and last):
            failures.append(name)
    if failures:
        print("FAIL: the causal mask does not hold for", ", ".join(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
