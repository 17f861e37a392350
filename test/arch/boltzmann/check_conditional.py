#!/usr/bin/python3
"""Checks that the compiled arch/boltzmann unit update is the Boltzmann
conditional of its own energy.

Usage: check_conditional.py MODEL_EXE DATA_DIR WORK_DIR

Runs the compiled @forward (MODEL_EXE, as arch/boltzmann/forward built it)
at the golden temperature T of DATA_DIR and at 4 T, on the golden states
with unit i set to 1 and set to 0, for every unit i, and checks on nnc's numbers (to
1e-5) that the probability with which the stochastic update turns unit i
on, sigmoid(a_i / T), is exp(-E(s_i = 1) / T) / (exp(-E(s_i = 0) / T) +
exp(-E(s_i = 1) / T)) = sigmoid(-(E(s_i = 1) - E(s_i = 0)) / T), and that it
does not depend on the unit's own state (a zero diagonal). Scratch files
go to WORK_DIR. Exit status 0 when all hold.
"""

import os
import subprocess
import sys

import numpy as np

RTOL, ATOL = 1e-5, 1e-5


def run(model, data, work, name, s, t):
    """@forward's energy and p_on on states s at temperature t."""
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    np.save(os.path.join(folder, "s.npy"), s)
    np.save(os.path.join(folder, "temperature.npy"), np.array(t, np.float32))
    args = [model, "--output-dir", folder]
    for input_name in ("s", "temperature"):
        args += ["--input", "%s=%s" % (input_name,
                                       os.path.join(folder, input_name + ".npy"))]
    for input_name in ("key", "sweeps"):
        args += ["--input", "%s=%s" % (input_name,
                                       os.path.join(data, input_name + ".npy"))]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return {o: np.load(os.path.join(folder, o + ".npy")).astype(np.float64)
            for o in ("energy", "p_on")}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    model, data, work = sys.argv[1:]
    s = np.load(os.path.join(data, "s.npy"))
    golden_t = float(np.load(os.path.join(data, "temperature.npy")))
    failures = []
    for t in (golden_t, 4 * golden_t):
        for unit in range(s.shape[1]):
            on, off = s.copy(), s.copy()
            on[:, unit], off[:, unit] = 1, 0
            r_on = run(model, data, work, "T%g_unit%d_on" % (t, unit), on, t)
            r_off = run(model, data, work, "T%g_unit%d_off" % (t, unit), off, t)
            boltzmann = 1 / (1 + np.exp((r_on["energy"] - r_off["energy"]) / t))
            p = r_on["p_on"][:, unit]
            same = np.allclose(p, r_off["p_on"][:, unit], rtol=RTOL, atol=ATOL)
            ok = np.allclose(p, boltzmann, rtol=RTOL, atol=ATOL)
            print("T = %g, unit %d: max |p_on - Boltzmann conditional| %.3g %s%s"
                  % (t, unit, np.abs(p - boltzmann).max(), "ok" if ok else "FAILS",
                     "" if same else ", depends on its own state"))
            if not (ok and same):
                failures.append("T = %g, unit %d" % (t, unit))
    if failures:
        print("FAIL:", ", ".join(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
