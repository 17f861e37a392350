#!/usr/bin/python3
"""Checks a model's compiled learning rule step by step against a reference.

Usage: check_learn.py --nnc BIN --model M.mlir --steps DIR --workdir W
                      [--entry update] [--rtol R] [--atol A]

Compiles the entry (a rule `@update(state, batch, key...) -> state'`, see
test/arch/arch_golden.py's learn_step) once, then for every folder
DIR/step_<t> in order runs it on that folder's inputs (<name>.npy: the
reference's state before step t, the step's batch and random key) and
compares each of its outputs with expected_<name>.npy (the reference's
state after step t) within the tolerances, as compare_npy.py does. Each
step starts from the reference's state, so every step checks the compiled
rule on its own and an error is reported at the step that made it.
Exit status: 0 when every step matches, 1 at the first mismatch, 2 on a
usage error, a missing file or a failed compile or run.
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from compare_npy import compare, load  # noqa: E402


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        print(f"check_learn: {command[0]} failed with status {result.returncode}",
              file=sys.stderr)
        sys.exit(2)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nnc", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--steps", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--entry", default="update")
    p.add_argument("--rtol", type=float, default=1e-5)
    p.add_argument("--atol", type=float, default=1e-6)
    args = p.parse_args()

    steps = sorted(d for d in os.listdir(args.steps) if d.startswith("step_")) \
        if os.path.isdir(args.steps) else []
    if not steps:
        print(f"check_learn: no step_<t> folders in {args.steps}", file=sys.stderr)
        return 2
    os.makedirs(args.workdir, exist_ok=True)
    binary = os.path.join(args.workdir, args.entry)
    run([args.nnc, "compile", args.model, "--entry=" + args.entry, "-o", binary])

    for step in steps:
        folder = os.path.join(args.steps, step)
        files = sorted(f for f in os.listdir(folder) if f.endswith(".npy"))
        inputs = [f for f in files if not f.startswith("expected_")]
        outputs = [f[len("expected_"):-len(".npy")] for f in files
                   if f.startswith("expected_")]
        out = os.path.join(args.workdir, step)
        os.makedirs(out, exist_ok=True)
        command = [binary, "--output-dir", out]
        for f in inputs:
            command += ["--input", f"{f[:-len('.npy')]}={os.path.join(folder, f)}"]
        run(command)
        for name in outputs:
            result = compare(load(os.path.join(out, name + ".npy"), "actual"),
                             load(os.path.join(folder, f"expected_{name}.npy"),
                                  "expected"),
                             args.rtol, args.atol)
            if result.failure:
                print(f"{step} {name}: {result.detail or ''}")
                print(f"FAIL: {step}, output {name}: {result.failure}")
                return 1
        print(f"{step}: {', '.join(outputs)} match")
    print(f"PASS: {len(steps)} steps of @{args.entry}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
