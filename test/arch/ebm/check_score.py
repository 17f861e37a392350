#!/usr/bin/python3
"""Checks the compiled arch/ebm score against differences of its own energy.

Usage: check_score.py MODEL_EXE DATA_DIR WORK_DIR

Runs the compiled @forward (MODEL_EXE, as arch/ebm/forward built it) on the
golden inputs of DATA_DIR and again with each input coordinate moved by
+-H, and checks on nnc's numbers that its score (-dE/dx, an nn.grad of the
energy) is minus the central difference (E(x + H e_d) - E(x - H e_d)) / 2H
of its energy output, to 1e-4 absolute (the difference's truncation error
is ~H^2 E''' / 6 ~ 1e-5 and float32 rounding of the energies adds
~1e-7 / H). Scratch files go to WORK_DIR. Exit status 0 when it holds.
"""

import os
import subprocess
import sys

import numpy as np

H = 1e-2
ATOL = 1e-4


def run(model, data, work, name, x):
    """@forward's energy and score on points x."""
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    np.save(os.path.join(folder, "x.npy"), x)
    args = [model, "--output-dir", folder, "--input",
            "x=" + os.path.join(folder, "x.npy")]
    for input_name in ("noise_key", "x_init", "key"):
        args += ["--input", "%s=%s" % (input_name,
                                       os.path.join(data, input_name + ".npy"))]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return {o: np.load(os.path.join(folder, o + ".npy")).astype(np.float64)
            for o in ("energy", "score")}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    model, data, work = sys.argv[1:]
    x = np.load(os.path.join(data, "x.npy"))
    score = run(model, data, work, "x", x)["score"]
    difference = np.zeros_like(score)
    for d in range(x.shape[1]):
        step = np.zeros_like(x)
        step[:, d] = H
        up = run(model, data, work, "up%d" % d, (x + step).astype(np.float32))
        down = run(model, data, work, "down%d" % d, (x - step).astype(np.float32))
        moved = (x + step).astype(np.float32)[:, d] - (x - step).astype(np.float32)[:, d]
        difference[:, d] = (up["energy"] - down["energy"]) / moved
    error = np.abs(score + difference).max()
    ok = error <= ATOL
    print("max |score + central difference of the energy| %.3g %s" % (
        error, "ok" if ok else "FAILS"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
