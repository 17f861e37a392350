#!/usr/bin/python3
"""Packs the compiled-model tests for a run on a machine with an NVIDIA GPU.

The development and CI machines have the CUDA toolkit but no GPU, so ctest
only checks that nnc's PTX assembles. This script takes every ctest test
that runs a compiled model through test/e2e/check_model.sh (e2e/..., and
arch/NAME/forward and arch/NAME/grad), compiles its model here with
--target=nvptx and the test's own flags, and writes a folder that needs
only a CUDA driver, python3 and numpy:

  OUT/run.py                    runs every case, compares its outputs
  OUT/compare_npy.py            the comparison of the CPU tests
  OUT/cases/<test>/model        the executable (PTX embedded)
  OUT/cases/<test>/case.json    inputs, expected outputs, tolerances
  OUT/cases/<test>/*.npy        the inputs and the expected outputs

  scripts/gpu_bundle.py [--build build] [--filter REGEX] --out DIR
  (on the GPU machine) python3 DIR/run.py [--bench N] [--filter REGEX]

run.py prints `PASS test`, or `FAIL test: reason` with the comparison's
report, then `N passed, N failed`; with --bench N it also runs each model
N times and prints its median latency. It exits 0 only when nothing
failed. A model that does not compile here is reported and left out.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

RUNNER = r'''#!/usr/bin/env python3
"""Runs the GPU bundle made by scripts/gpu_bundle.py (see its docstring)."""
import argparse, json, os, re, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", type=int, default=0)
    parser.add_argument("--filter", default="")
    args = parser.parse_args()
    passed = failed = 0
    cases = os.path.join(HERE, "cases")
    for name in sorted(os.listdir(cases)):
        folder = os.path.join(cases, name)
        with open(os.path.join(folder, "case.json")) as f:
            case = json.load(f)
        if not re.search(args.filter, case["test"]):
            continue
        out = os.path.join(folder, "out")
        os.makedirs(out, exist_ok=True)
        command = [os.path.join(folder, "model")]
        for input_name, file in case["inputs"].items():
            command += ["--input", "%s=%s" % (input_name, os.path.join(folder, file))]
        run = subprocess.run(command + ["--output-dir", out],
                             capture_output=True, text=True)
        if run.returncode != 0:
            failed += 1
            print("FAIL %s: exit %d: %s" % (case["test"], run.returncode,
                                            (run.stderr or run.stdout).strip()[-400:]))
            continue
        problems = []
        for output, file in case["expect"].items():
            actual = os.path.join(out, output + ".npy")
            result = subprocess.run(
                [sys.executable, os.path.join(HERE, "compare_npy.py"), actual,
                 os.path.join(folder, file), "--rtol", case["rtol"],
                 "--atol", case["atol"]], capture_output=True, text=True)
            if result.returncode != 0:
                problems.append("%s: %s" % (output, result.stdout.strip().replace("\n", "; ")))
        if problems:
            failed += 1
            print("FAIL %s: %s" % (case["test"], " | ".join(problems)[:1200]))
        else:
            passed += 1
            line = "PASS %s" % case["test"]
            if args.bench:
                timed = subprocess.run(command + ["--bench", str(args.bench)],
                                       capture_output=True, text=True)
                found = re.search(r"latency_ms median=(\S+)", timed.stdout)
                line += "  median %s ms" % (found.group(1) if found else "?")
            print(line)
        sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1

if __name__ == "__main__":
    sys.exit(main())
'''


def model_tests(build):
    """(name, check_model.sh arguments) of every ctest test that runs one."""
    listing = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build,
                             capture_output=True, text=True, check=True)
    for test in json.loads(listing.stdout)["tests"]:
        command = test.get("command") or []
        if len(command) > 1 and command[0].endswith("check_model.sh"):
            yield test["name"], command[1:]


def parse(arguments):
    """The model, inputs, expected outputs, tolerances and extra compile
    flags of a check_model.sh command line."""
    case = {"inputs": {}, "expect": {}, "rtol": "1e-4", "atol": "1e-5",
            "flags": []}
    i = 0
    while i < len(arguments):
        flag = arguments[i]
        if flag == "--":
            case["flags"] = arguments[i + 1:]
            break
        if flag == "--gpu":
            i += 1
            continue
        value = arguments[i + 1]
        if flag == "--model":
            case["model"] = value
        elif flag in ("--input", "--expect"):
            name, file = value.split("=", 1)
            case["inputs" if flag == "--input" else "expect"][name] = file
        elif flag in ("--rtol", "--atol"):
            case[flag[2:]] = value
        i += 2
    return case


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--filter", default="")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    nnc = os.path.join(args.build, "bin", "nnc")
    if not os.path.exists(nnc):
        sys.exit("gpu_bundle.py: %s not found: build nnc first" % nnc)

    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(os.path.join(args.out, "cases"))
    shutil.copy(os.path.join(ROOT, "test", "e2e", "compare_npy.py"), args.out)
    with open(os.path.join(args.out, "run.py"), "w") as f:
        f.write(RUNNER)
    bundled = skipped = 0
    for name, arguments in model_tests(args.build):
        if not re.search(args.filter, name):
            continue
        case = parse(arguments)
        folder = os.path.join(args.out, "cases", re.sub(r"[^A-Za-z0-9_.-]", "_", name))
        os.makedirs(folder)
        compiled = subprocess.run(
            [nnc, "compile", case["model"], "-o", os.path.join(folder, "model"),
             "--target=nvptx"] + case["flags"], capture_output=True, text=True)
        if compiled.returncode != 0:
            skipped += 1
            shutil.rmtree(folder)
            print("NOT BUNDLED %s: %s" % (name, compiled.stderr.strip()[-300:]))
            continue
        record = {"test": name, "rtol": case["rtol"], "atol": case["atol"],
                  "inputs": {}, "expect": {}}
        for kind, prefix in (("inputs", "in_"), ("expect", "expected_")):
            for key, file in case[kind].items():
                local = prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", key) + ".npy"
                shutil.copy(file, os.path.join(folder, local))
                record[kind][key] = local
        with open(os.path.join(folder, "case.json"), "w") as f:
            json.dump(record, f, indent=1)
        bundled += 1
    print("%d cases bundled into %s, %d not compiled" % (bundled, args.out, skipped))
    return 0 if skipped == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
