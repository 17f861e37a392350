#!/usr/bin/python3
"""Checks the compiled arch/rbm model's free energy and conditionals against
its own energies.

Usage: check_distributions.py MODEL_EXE DATA_DIR WORK_DIR

Runs the compiled @forward (MODEL_EXE, as arch/rbm/forward built it) on the
golden v of DATA_DIR with every one of the 16 hidden configurations h in
all rows, and on every one of the 64 visible configurations v in all rows
with the golden h, and checks, on nnc's numbers (float64 sums of its
float32 outputs, to 1e-5):
- F(v) = -log sum_h exp(-E(v, h)): the free energy is the energy with the
  hidden units summed out;
- p(h_j = 1 | v) = sum_h h_j exp(-E(v, h)) / sum_h exp(-E(v, h)) and
  p(v_i = 1 | h) likewise over v: the conditionals are the Boltzmann
  distribution's.
Scratch files go to WORK_DIR. Exit status 0 when all hold.
"""

import itertools
import os
import subprocess
import sys

import numpy as np

RTOL, ATOL = 1e-5, 1e-5
OUTPUTS = ("energy", "free_energy", "p_h_given_v", "p_v_given_h")


def configurations(n):
    return np.array(list(itertools.product([0.0, 1.0], repeat=n)), np.float32)


def run(model, data, work, name, v, h):
    """@forward's OUTPUTS on visible states v and hidden states h."""
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    np.save(os.path.join(folder, "v.npy"), v)
    np.save(os.path.join(folder, "h.npy"), h)
    args = [model, "--output-dir", folder]
    for input_name, path in (("v", os.path.join(folder, "v.npy")),
                             ("h", os.path.join(folder, "h.npy")),
                             ("key", os.path.join(data, "key.npy")),
                             ("k", os.path.join(data, "k.npy"))):
        args += ["--input", "%s=%s" % (input_name, path)]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return {o: np.load(os.path.join(folder, o + ".npy")).astype(np.float64)
            for o in OUTPUTS}


def boltzmann_mean(energies, states):
    """sum_s s exp(-E_s) / sum_s exp(-E_s) over axis 0 of energies [S, B]
    and states [S, n]: [B, n]."""
    weights = np.exp(-(energies - energies.min(0)))
    weights /= weights.sum(0)
    return weights.T @ states


def report(failures, what, actual, expected):
    ok = np.allclose(actual, expected, rtol=RTOL, atol=ATOL)
    print("%s: max abs difference %.3g %s" % (
        what, np.abs(actual - expected).max(), "ok" if ok else "FAILS"))
    if not ok:
        failures.append(what)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    model, data, work = sys.argv[1:]
    v, h = np.load(os.path.join(data, "v.npy")), np.load(os.path.join(data, "h.npy"))
    rows = len(v)
    failures = []

    hs = configurations(h.shape[1])
    runs = [run(model, data, work, "h%02d" % j, v, np.tile(c, (rows, 1)))
            for j, c in enumerate(hs)]
    energies = np.stack([r["energy"] for r in runs])  # [16, rows]
    shift = energies.min(0)
    log_z = -shift + np.log(np.exp(-(energies - shift)).sum(0))
    report(failures, "F(v) = -log sum_h exp(-E(v, h))", runs[0]["free_energy"],
           -log_z)
    report(failures, "p(h | v) = Boltzmann mean of h", runs[0]["p_h_given_v"],
           boltzmann_mean(energies, hs))

    vs = configurations(v.shape[1])
    runs = [run(model, data, work, "v%02d" % i, np.tile(c, (rows, 1)), h)
            for i, c in enumerate(vs)]
    energies = np.stack([r["energy"] for r in runs])  # [64, rows]
    report(failures, "p(v | h) = Boltzmann mean of v", runs[0]["p_v_given_h"],
           boltzmann_mean(energies, vs))

    if failures:
        print("FAIL:", "; ".join(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
