#!/usr/bin/python3
"""ctest arch/som/topology-preserved: nnc's own training organizes the map.

  check_topology.py NNC MODEL DATA WORKDIR

Compiles @update and @forward of MODEL (models/arch/som.mlir), then trains
the map with nnc alone: starting from the state of DATA/learn/step_000 (the
random initial map), it runs the compiled @update on the batch of every
step folder in order, each step on the state the previous compiled step
returned. It runs the compiled @forward on the test points DATA/x.npy with
the initial and with the trained map (--weights) and checks, on nnc's
numbers:
- the quantization error at least halves;
- the topographic error falls to at most 0.1 (first and second best units
  of nearly every point are grid neighbours: the topology is preserved);
- the trained map is the reference's (models/arch/som.safetensors) to 1e-4
  (nnc's chained steps follow the float64 training).
Prints both errors before and after. Exits 1 naming the first check that
fails, 2 when a compile or a run fails.
"""

import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
import safetensors_io  # noqa: E402

MAX_TOPOGRAPHIC_ERROR = 0.1
WEIGHT_ATOL = 1e-4


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        print(f"check_topology: {command[0]} failed", file=sys.stderr)
        sys.exit(2)


def call(binary, out, inputs, weights=None):
    """Runs a compiled model on `inputs` (name -> .npy path); returns its
    outputs (name -> array)."""
    os.makedirs(out, exist_ok=True)
    command = [binary, "--output-dir", out]
    for name, path in inputs.items():
        command += ["--input", f"{name}={path}"]
    if weights:
        command += ["--weights", weights]
    run(command)
    return {f[:-4]: np.load(os.path.join(out, f))
            for f in os.listdir(out) if f.endswith(".npy")}


def errors(forward, work, data, name, weights):
    path = os.path.join(work, name + ".safetensors")
    safetensors_io.save({"weights": weights}, path)
    out = call(forward, os.path.join(work, name),
               {"x": os.path.join(data, "x.npy"),
                "step": os.path.join(data, "step.npy")}, path)
    return float(out["quantization_error"]), float(out["topographic_error"])


def main():
    nnc, model, data, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    update, forward = (os.path.join(work, e) for e in ("update", "forward"))
    run([nnc, "compile", model, "--entry=update", "-o", update])
    run([nnc, "compile", model, "-o", forward])

    learn = os.path.join(data, "learn")
    steps = sorted(d for d in os.listdir(learn) if d.startswith("step_"))
    first = os.path.join(learn, steps[0])
    state = {"weights": os.path.join(first, "weights.npy"),
             "step": os.path.join(first, "step.npy")}
    initial = np.load(state["weights"])
    for step in steps:
        out_dir = os.path.join(work, step)
        call(update, out_dir,
             dict(state, x=os.path.join(learn, step, "x.npy")))
        state = {k: os.path.join(out_dir, k + ".npy") for k in state}
    trained = np.load(state["weights"])

    qe0, te0 = errors(forward, work, data, "initial", initial)
    qe1, te1 = errors(forward, work, data, "trained", trained)
    print(f"quantization error {qe0:.4f} -> {qe1:.4f}, "
          f"topographic error {te0:.3f} -> {te1:.3f}")
    reference = safetensors_io.load(
        os.path.join(os.path.dirname(model), "som.safetensors"))["weights"]
    gap = float(np.abs(trained - reference).max())
    print(f"trained map within {gap:.2e} of the reference's")
    checks = [(qe1 * 2 < qe0, "the quantization error did not halve"),
              (te1 <= MAX_TOPOGRAPHIC_ERROR,
               f"topographic error {te1} above {MAX_TOPOGRAPHIC_ERROR}"),
              (gap <= WEIGHT_ATOL,
               f"trained map {gap} away from the reference's")]
    for ok, failure in checks:
        if not ok:
            print("FAIL:", failure)
            return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
