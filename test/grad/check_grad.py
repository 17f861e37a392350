#!/usr/bin/python3
"""Checks the gradient nnc compiles for a model against PyTorch's and
against finite differences of nnc's own loss.

Usage:
  check_grad.py --nnc NNC --model M.mlir --data DIR --workdir WORK
                [--rtol R] [--atol A] [--fd-exclude PARAM]... [--no-fd]
                [--fd-eps E] [--fd-rtol F] [--compile-flag FLAG]...

M.mlir holds `@loss(...) -> tensor<f32>` (nn.param args are differentiated,
nn.input args are data); DIR holds weights.safetensors, <input>.npy for
every nn.input and expected_<output>.npy for every output of @loss_grad
(loss, <param>.grad, further outputs), made by make_golden.py.

1. Compiles `NNC compile M.mlir --grad --external-weights` (plus every
   --compile-flag) to WORK/model,
   runs it on DIR's inputs and weights, and compares every output with
   PyTorch's: each element must satisfy |nnc - torch| <= A + R * |torch|.
   An output without an expected file, or the reverse, fails the test.
2. Unless --no-fd: for 3 seeded random directions v over all params (zero
   on the --fd-exclude ones), reruns the same binary with weights p + e v
   and p - e v and checks the central difference of its loss against nnc's
   gradient g:
     |(L(p + e v) - L(p - e v)) - <g, dp>| <= F * sum|g * dp| + noise
   where dp = (p + e v) - (p - e v) as actually rounded to float32. v is
   standard normal times |p| per element (times rms(p) where p is 0), so
   every value moves by about e (default 1e-2) of its own magnitude: small
   enough that a smooth loss is linear to about (e v)^2 ~ 1e-4 relative and
   that no value changes sign (no kink at 0 is crossed, log and sqrt stay
   defined), large enough that the change of a float32 loss is well above
   its rounding. F (default 3e-3) is ten times the largest truncation
   error measured over every test (3.4e-4 of sum|g * dp|, on exp, whose
   slope changes by ~4% over a 1% step of a value near 4), while a wrong
   gradient (a missing factor, a sign, a broadcast not summed) is off by
   O(1) of it. noise is 16
   float32 ulps of max |L(p +- e v)|: the rounding of the two loss values.
   When a direction fails, each param is checked alone along its part of
   v, naming the params whose gradients disagree.
Exit status: 0 pass, 1 a check failed, 2 usage error or a missing file.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import safetensors_io  # noqa: E402

COMPARE_NPY = os.path.join(HERE, "..", "e2e", "compare_npy.py")
FD_DIRECTIONS = 3
FD_SEED = 20240611
NOISE_ULPS = 16


class Failure(Exception):
    """A check failed; the message says which and why."""


def model_names(path):
    """The nn.param, nn.input and nn.output names of the model at `path`
    (shared with make_golden.py)."""
    with open(path) as f:
        text = f.read()
    find = lambda attr: re.findall(attr + r'\s*=\s*"([^"]+)"', text)  # noqa: E731
    return find(r"nn\.param"), find(r"nn\.input"), find(r"nn\.output")


def run_command(command, what):
    """Runs `command`; raises Failure with its output when it fails."""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise Failure(f"{what} failed (exit {result.returncode}):\n"
                      f"  $ {' '.join(command)}\n{output}")
    return result


class CompiledModel:
    """The gradient executable and the inputs it runs on."""

    def __init__(self, binary, inputs):
        self.binary = binary
        self.inputs = inputs

    def run(self, weights, out_dir):
        """Runs on `weights` (a safetensors path), writing out_dir/NAME.npy."""
        os.makedirs(out_dir, exist_ok=True)
        command = [self.binary]
        for name, path in self.inputs.items():
            command += ["--input", f"{name}={path}"]
        command += ["--weights", weights, "--output-dir", out_dir]
        run_command(command, "running the gradient model")

    def loss(self, params, work):
        """nnc's loss at `params` (a dict of float32 arrays)."""
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            weights = os.path.join(tmp, "weights.safetensors")
            safetensors_io.save(params, weights)
            self.run(weights, tmp)
            return float(np.load(os.path.join(tmp, "loss.npy")))


def compare_outputs(out_dir, data_dir, rtol, atol):
    """Compares every nnc output with PyTorch's; returns the failures."""
    produced = {f[:-4] for f in os.listdir(out_dir) if f.endswith(".npy")}
    expected = {f[len("expected_"):-4] for f in os.listdir(data_dir)
                if f.startswith("expected_") and f.endswith(".npy")}
    failures = [f"no output '{name}' (expected {name}.npy from the gradient "
                f"model)" for name in sorted(expected - produced)]
    failures += [f"output '{name}' has no expected value (a param the test "
                 f"does not know, or a misnamed output)"
                 for name in sorted(produced - expected)]
    for name in sorted(expected & produced, key=lambda n: (n != "loss", n)):
        what = (f"gradient of param '{name[:-5]}'" if name.endswith(".grad")
                else "loss" if name == "loss" else f"output '{name}'")
        result = subprocess.run(
            [sys.executable, COMPARE_NPY, os.path.join(out_dir, name + ".npy"),
             os.path.join(data_dir, "expected_" + name + ".npy"),
             "--rtol", str(rtol), "--atol", str(atol)],
            capture_output=True, text=True)
        lines = (result.stdout + result.stderr).strip()
        status = "ok  " if result.returncode == 0 else "FAIL"
        print(f"  {status} {what} vs torch: {lines.splitlines()[0] if lines else ''}")
        if result.returncode != 0:
            failures.append(f"{what} differs from PyTorch's:\n    " +
                            lines.replace("\n", "\n    "))
    return failures


def fd_scale(value):
    """Per-element step scale: the magnitude, so that a step never changes
    a value's sign (ops defined for positive values only stay defined, a kink
    at 0 is never crossed); the param's rms (1 if all zero) for exact zeros."""
    value = np.abs(value.astype(np.float64))
    rms = np.sqrt(np.mean(value ** 2)) if value.size else 0.0
    return np.where(value > 0, value, rms if rms > 0 else 1.0)


def fd_check(model, params, grads, v, eps, fd_rtol, work):
    """Central difference of nnc's loss along v against <grads, dp>.
    Returns (ok, message)."""
    plus = {n: (p + eps * v[n]).astype(np.float32) for n, p in params.items()}
    minus = {n: (p - eps * v[n]).astype(np.float32) for n, p in params.items()}
    loss_plus = model.loss(plus, work)
    loss_minus = model.loss(minus, work)
    dp = {n: plus[n].astype(np.float64) - minus[n] for n in params}
    predicted = sum(float(np.sum(grads[n] * dp[n])) for n in params)
    scale = sum(float(np.sum(np.abs(grads[n] * dp[n]))) for n in params)
    noise = NOISE_ULPS * float(np.spacing(np.float32(max(abs(loss_plus),
                                                         abs(loss_minus)))))
    measured = loss_plus - loss_minus
    tolerance = fd_rtol * scale + noise
    error = abs(measured - predicted)
    message = (f"(L+ - L-)/2e = {measured / (2 * eps):.7g}, <g, dp>/2e = "
               f"{predicted / (2 * eps):.7g}, |diff|/2e = {error / (2 * eps):.3g} "
               f"(tolerance {tolerance / (2 * eps):.3g})")
    return error <= tolerance, message


def finite_differences(model, params, grads, exclude, eps, fd_rtol, work):
    """The finite-difference checks; returns the failures."""
    included = [n for n in params if n not in exclude]
    if not included:
        return ["--fd-exclude leaves no param to check"]
    scales = {n: fd_scale(params[n]) for n in params}
    failures = []
    for k in range(FD_DIRECTIONS):
        rng = np.random.default_rng([FD_SEED, k])
        v = {n: (rng.standard_normal(params[n].shape) * scales[n]
                 if n in included else np.zeros(params[n].shape))
             for n in params}
        ok, message = fd_check(model, params, grads, v, eps, fd_rtol, work)
        print(f"  {'ok  ' if ok else 'FAIL'} finite differences, direction "
              f"{k}: {message}")
        if ok:
            continue
        culprits = []
        for name in included if len(included) > 1 else []:
            alone = {n: v[n] if n == name else np.zeros(params[n].shape) for n in params}
            ok_alone, message_alone = fd_check(model, params, grads, alone, eps,
                                               fd_rtol, work)
            print(f"    param '{name}' alone: {'ok' if ok_alone else 'FAIL'} "
                  f"{message_alone}")
            if not ok_alone:
                culprits.append(name)
        failures.append(
            f"nnc's gradient disagrees with finite differences of nnc's own "
            f"loss along direction {k}: {message}; "
            + (f"params whose gradients disagree alone: {culprits}" if culprits
               else f"the param is {included}" if len(included) == 1
               else "no param disagrees alone (the errors only add up together)"))
    return failures


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nnc", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--rtol", type=float, default=1e-5)
    p.add_argument("--atol", type=float, default=1e-6)
    p.add_argument("--fd-exclude", action="append", default=[])
    p.add_argument("--no-fd", action="store_true")
    p.add_argument("--fd-eps", type=float, default=1e-2)
    p.add_argument("--fd-rtol", type=float, default=3e-3)
    p.add_argument("--compile-flag", action="append", default=[])
    args = p.parse_args()

    test = os.path.splitext(os.path.relpath(args.model, HERE))[0]
    weights = os.path.join(args.data, "weights.safetensors")
    for path in (args.model, weights):
        if not os.path.isfile(path):
            print(f"check_grad: {test}: no file {path}", file=sys.stderr)
            return 2
    param_names, input_names, _ = model_names(args.model)
    unknown = sorted(set(args.fd_exclude) - set(param_names))
    if unknown:
        print(f"check_grad: {test}: --fd-exclude names {unknown}, which are not "
              f"params of {args.model}", file=sys.stderr)
        return 2
    inputs = {name: os.path.join(args.data, name + ".npy") for name in input_names}
    missing = [path for path in inputs.values() if not os.path.isfile(path)]
    if missing:
        print(f"check_grad: {test}: no input data {missing}", file=sys.stderr)
        return 2

    os.makedirs(args.workdir, exist_ok=True)
    binary = os.path.join(args.workdir, "model")
    out_dir = os.path.join(args.workdir, "out")
    failures = []
    try:
        run_command([args.nnc, "compile", args.model, "--grad", "--external-weights",
                     "--weights", weights, "-o", binary] + args.compile_flag,
                    "nnc compile --grad")
        model = CompiledModel(binary, inputs)
        model.run(weights, out_dir)
        print(f"{test}: outputs of the compiled gradient")
        failures += compare_outputs(out_dir, args.data, args.rtol, args.atol)
        if not args.no_fd:
            params = safetensors_io.load(weights)
            grads = {n: np.load(os.path.join(out_dir, n + ".grad.npy")).astype(np.float64)
                     for n in params if os.path.isfile(os.path.join(out_dir, n + ".grad.npy"))}
            missing = sorted(n for n in params
                             if n not in grads or grads[n].shape != params[n].shape)
            if missing:
                failures.append(f"finite differences need gradients shaped like "
                                f"the params {missing}")
            else:
                print(f"{test}: finite differences of nnc's loss (eps {args.fd_eps:g}, "
                      f"excluded: {args.fd_exclude or 'none'})")
                failures += finite_differences(model, params, grads, set(args.fd_exclude),
                                               args.fd_eps, args.fd_rtol, args.workdir)
    except Failure as e:
        failures.append(str(e))

    if failures:
        print(f"FAIL: {test}: {len(failures)} problem(s):")
        for failure in failures:
            print(f"- {test}: {failure}")
        return 1
    print(f"PASS: {test}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
