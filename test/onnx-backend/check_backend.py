"""Runs one folder of the ONNX backend test data through `nnc test-onnx` and
compares with the committed list of results.

usage: check_backend.py --nnc NNC --data DATA --folder FOLDER
                        --expected expected.txt [--jobs N] [--write FILE]

expected.txt has one line per case, `PASS NAME` or `FAIL NAME: reason`. A
case listed PASS that does not pass now is a regression: the script prints
it and exits 1. A case that passes now but is not listed PASS is reported
("now passing: ...; update expected.txt"), which is no error. With --write,
the results of this run are appended to FILE instead (update_expected.sh).
"""
import argparse
import os
import subprocess
import sys
import time


def read_expected(path):
    expected = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            status, _, rest = line.partition(" ")
            name = rest.split(":", 1)[0]
            expected[name] = (status, line)
    return expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nnc", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--write")
    args = parser.parse_args()

    folder = os.path.join(args.data, args.folder)
    if not os.path.isdir(folder):
        print("error: the ONNX backend test data is missing: no folder %s "
              "(install Debian's libonnx-testdata package)" % folder)
        return 1
    cases = sorted(os.path.join(folder, name) for name in os.listdir(folder)
                   if os.path.isdir(os.path.join(folder, name)))
    start = time.time()
    run = subprocess.run([args.nnc, "test-onnx", "--jobs=" + args.jobs,
                          "--timeout=120"] + cases,
                         stdout=subprocess.PIPE, universal_newlines=True)
    seconds = time.time() - start
    results = {}
    for line in run.stdout.splitlines():
        status, _, rest = line.partition(" ")
        if status in ("PASS", "FAIL", "SKIP"):
            results[rest.split(":", 1)[0]] = (status, line)
    names = [os.path.basename(case) for case in cases]
    missing = [name for name in names if name not in results]
    if missing:
        print("error: nnc test-onnx (exit status %d) gave no result for %s"
              % (run.returncode, ", ".join(missing)))
        return 1
    passed = sum(results[name][0] == "PASS" for name in names)
    print("%s: %d of %d cases pass (%.0f s)" % (args.folder, passed,
                                                len(names), seconds))
    if args.write:
        with open(args.write, "a") as f:
            for name in names:
                f.write(results[name][1] + "\n")
        return 0

    expected = read_expected(args.expected)
    regressions = [results[name][1] for name in names
                   if expected.get(name, ("",))[0] == "PASS"
                   and results[name][0] != "PASS"]
    newly = [name for name in names if results[name][0] == "PASS"
             and expected.get(name, ("",))[0] != "PASS"]
    unlisted = [name for name in names if name not in expected]
    if newly:
        print("now passing: %s; update expected.txt "
              "(test/onnx-backend/update_expected.sh)" % ", ".join(newly))
    if unlisted:
        print("not in expected.txt: %s" % ", ".join(unlisted))
    if regressions:
        print("%d regressions (listed PASS in expected.txt):" %
              len(regressions))
        for line in regressions:
            print("  " + line)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
