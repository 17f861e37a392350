"""What the benchmark scripts of bench/ share (bench/run, bench/arch).

Running child processes and reading what they report: compiling a model
with build/bin/nnc and taking the `latency_ms median=.. min=.. runs=..`
line its executable prints with --bench N, a PyTorch worker's one-line JSON
result and the worker's own peak resident memory, medians, and printing a
table. Training steps: the `nnc compile --train` flags of an optimizer and
the timing of PyTorch's zero_grad + backward + optimizer step. Import from
a script in bench/ (its folder is first on sys.path).
"""

import json
import os
import re
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
# The nnc driver; the environment variable NNC_BIN names another one.
NNC = os.environ.get("NNC_BIN", os.path.join("build", "bin", "nnc"))
BUILD_HINT = ("build nnc first: scripts/install-deps.sh && "
              "cmake -S . -B build -G Ninja && cmake --build build")
TORCH_THREADS = 2
TRAIN_WARMUP = 10  # untimed PyTorch training steps before the timed ones
OPTIMIZERS = ("adam",)  # optimizers both engines take a training step of

LATENCY_RE = re.compile(r"latency_ms\s+median=([0-9.eE+-]+)\s+min=([0-9.eE+-]+)\s+runs=(\d+)"
                        r"(?:\s+peak_rss_mib=([0-9.]+))?")


class BenchError(Exception):
    pass


def median(sorted_values):
    """The median of an already sorted list."""
    n = len(sorted_values)
    mid = n // 2
    return sorted_values[mid] if n % 2 else (sorted_values[mid - 1] + sorted_values[mid]) / 2


def tail(text, lines=20):
    return "\n".join(text.rstrip().splitlines()[-lines:])


def run_child(argv, what, timeout_s=None):
    """Runs argv from the repo root; returns its stdout+stderr text. A
    child still running after timeout_s seconds is killed (BenchError)."""
    with tempfile.TemporaryFile() as out:
        try:
            proc = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        except OSError as e:
            raise BenchError(f"{what}: cannot run {argv[0]}: {e}") from None
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise BenchError(f"{what}: timed out after {timeout_s:.0f} s") from None
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise BenchError(f"{what} failed (exit {proc.returncode}): {' '.join(argv)}\n{tail(text)}")
    return text


def run_json_child(argv, what, timeout_s=None):
    """Runs a worker that prints its result as one JSON line; returns it."""
    text = run_child(argv, what, timeout_s)
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise BenchError(f"{what}: the worker printed no result:\n{tail(text)}")


def require_nnc(hint=""):
    """Raises BenchError unless build/bin/nnc is an executable."""
    if not os.access(os.path.join(ROOT, NNC), os.X_OK):
        raise BenchError(f"{NNC} not found; {BUILD_HINT}{hint}")


def compile_model(model, exe, extra_args, what, timeout_s=None):
    """Compiles model (.mlir or .onnx) into the executable exe (both
    relative to the repo root) with `nnc compile`; returns the seconds it
    took."""
    require_nnc()
    os.makedirs(os.path.join(ROOT, os.path.dirname(exe)), exist_ok=True)
    t0 = time.perf_counter()
    run_child([os.path.join(ROOT, NNC), "compile", model, "-o", exe, *extra_args],
              f"{what}: nnc compile", timeout_s)
    return time.perf_counter() - t0


def bench_executable(exe, args, repeat, what, timeout_s=None):
    """Runs a compiled model with `--bench repeat` after args; returns its
    median_ms, min_ms, runs and peak_mb (None when not printed)."""
    argv = [os.path.join(ROOT, exe), *args, "--bench", str(repeat)]
    text = run_child(argv, f"{what}: nnc run", timeout_s)
    m = LATENCY_RE.search(text)
    if not m:
        raise BenchError(f"{what}: no 'latency_ms median=... min=... runs=...' line in the "
                         f"output of {' '.join(argv)}:\n{tail(text)}")
    return {"median_ms": float(m.group(1)), "min_ms": float(m.group(2)), "runs": int(m.group(3)),
            "peak_mb": float(m.group(4)) if m.group(4) else None}


def time_calls(call, warmup, repeat, budget_s=None):
    """Calls call() warmup times, then times repeat calls; returns the
    sorted nanoseconds. With budget_s, the warm-up stops after a quarter
    of it and the timed calls once it has passed (at least one call)."""
    clock = time.perf_counter_ns
    budget_ns = float("inf") if budget_s is None else budget_s * 1e9
    start = clock()
    for _ in range(warmup):
        if clock() - start >= budget_ns / 4:
            break
        call()
    times = []
    start = clock()
    while len(times) < repeat and (not times or clock() - start < budget_ns):
        t0 = clock()
        call()
        times.append(clock() - t0)
    return sorted(times)


def check_optimizer(optimizer):
    """Raises BenchError unless both engines take steps of `optimizer`."""
    if optimizer not in OPTIMIZERS:
        raise BenchError(f"unknown optimizer {optimizer!r}; known: {', '.join(OPTIMIZERS)}")


def train_compile_args(optimizer, lr):
    """The `nnc compile` flags of a training executable whose step is one
    `optimizer` step with learning rate lr (its other settings torch's
    defaults)."""
    check_optimizer(optimizer)
    return ["--train", f"--optimizer={optimizer}", f"--lr={lr}"]


def time_torch_train_steps(params, loss, optimizer, lr, repeat, budget_s=None):
    """Times PyTorch training steps of the leaf tensors params: each step
    is optimizer.zero_grad(), loss().backward(), optimizer.step() with
    torch.optim's `optimizer` (learning rate lr, other settings default).
    TRAIN_WARMUP untimed steps, then repeat timed ones (see time_calls for
    budget_s); returns the sorted nanoseconds."""
    import torch

    check_optimizer(optimizer)
    step_with = torch.optim.Adam(params, lr=lr)

    def step():
        step_with.zero_grad()
        loss().backward()
        step_with.step()

    return time_calls(step, TRAIN_WARMUP, repeat, budget_s)


def peak_resident_mib():
    """This process's peak resident memory (VmHWM) in MiB, None off Linux."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)


def print_table(headers, rows):
    """Prints rows of strings under headers: the first column left-aligned,
    the others right-aligned."""
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths)))

    print(line(headers))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))


def write_json(results, path):
    """Writes results as indented JSON to path (relative to the repo root)."""
    out = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.relpath(out, ROOT)}")
