#!/usr/bin/python3
"""Checks that the compiled perceptron rule converges within its bound.

Usage: check_convergence.py NNC MODEL.mlir DATA_DIR FORWARD_OUT_DIR WORKDIR

Compiles @update of MODEL (one epoch of the perceptron rule) and runs it
epoch after epoch on DATA_DIR/x.npy and labels.npy, from w = 0, b = 0,
feeding each epoch the weights the previous one returned, until an epoch
makes no update (at most 100 epochs). Such an epoch classified every
sample correctly, so the rule has separated the data. The number of
updates made, the compiled rule's own `updates` count, must be at most
(R / gamma)^2, the bound of the perceptron convergence theorem that the
compiled @forward computed (FORWARD_OUT_DIR/update_bound.npy, the outputs
of arch/perceptron/forward). Prints what it found; exit status 0 when the
rule converged within the bound, 1 otherwise, 2 on a failed compile or run.
"""

import os
import subprocess
import sys

import numpy as np

MAX_EPOCHS = 100


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        print("check_convergence: %s failed with status %d"
              % (command[0], result.returncode), file=sys.stderr)
        sys.exit(2)


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    nnc, model, data, forward_out, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    binary = os.path.join(work, "update")
    run([nnc, "compile", model, "--entry=update", "-o", binary])
    x = np.load(os.path.join(data, "x.npy"))
    state = {"weight": np.zeros(x.shape[1], np.float32),
             "bias": np.zeros(1, np.float32), "updates": np.float32(0)}
    bound = float(np.load(os.path.join(forward_out, "update_bound.npy")))
    for epoch in range(MAX_EPOCHS):
        folder = os.path.join(work, "epoch_%03d" % epoch)
        os.makedirs(folder, exist_ok=True)
        command = [binary, "--output-dir", folder,
                   "--input", "x=" + os.path.join(data, "x.npy"),
                   "--input", "labels=" + os.path.join(data, "labels.npy")]
        for name, value in state.items():
            path = os.path.join(folder, "in_%s.npy" % name)
            np.save(path, value)
            command += ["--input", "%s=%s" % (name, path)]
        run(command)
        state = {name: np.load(os.path.join(folder, name + ".npy")) for name in state}
        mistakes = float(np.load(os.path.join(folder, "mistakes.npy")))
        if mistakes == 0:
            break
    else:
        print("FAIL: no epoch without an update in %d epochs" % MAX_EPOCHS)
        return 1
    updates = float(state["updates"])
    print("converged after %d epochs and %d updates; bound (R/gamma)^2 = %.1f"
          % (epoch + 1, updates, bound))
    if not updates <= bound:
        print("FAIL: more updates than the bound")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
