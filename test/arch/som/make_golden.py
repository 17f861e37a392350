#!/usr/bin/python3
"""Golden data of arch/som: models/arch/som.mlir in PyTorch.

A self-organizing map (Kohonen) of 4 x 4 units on a 2-D grid, each with a
weight vector in the input space (points of the unit square). For a sample
x the best matching unit (BMU) is the unit nearest to x; every unit j moves
toward x by
    w_j += lr(t) * h_j(t) * (x - w_j),
    h_j(t) = exp(-|g_j - g_bmu|^2 / (2 sigma(t)^2)),
where g_j are the grid coordinates (row, column) of unit j, and both the
learning rate and the neighborhood radius decrease with the number t of
samples seen: lr(t) = LR0 exp(-t / TAU), sigma(t) = SIGMA0 exp(-t / TAU).
@update presents a batch of samples one after the other (online training).
The quality of a map on test points: the quantization error (mean distance
of a point to its BMU) and the topographic error (fraction of points whose
first and second BMUs are not neighbours on the grid, 8-neighbourhood).

Asserts: lr and sigma decrease at every sample; every BMU decision (and the
second BMU of the test points) is won by at least MARGIN, so float32 and
float64 pick the same units; training from a random map lowers the
quantization error at least twofold and the topographic error to at most
MAX_TOPOGRAPHIC_ERROR (the trained map preserves the grid's topology).
Writes models/arch/som.safetensors (the trained map), the test points of
@forward and its expected outputs, and learn/step_<t>/ for every @update
step (arch_golden.py). Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden  # noqa: E402

ROWS, COLS, DIM = 4, 4, 2
LR0, SIGMA0, TAU = 0.5, 2.0, 160.0
STEPS, BATCH, TEST_POINTS = 10, 32, 64
FORWARD_STEP = 100.0  # the t at which @forward evaluates lr, sigma and h
MARGIN = 1e-5  # smallest gap between the squared distances of two BMUs
MAX_TOPOGRAPHIC_ERROR = 0.1


def grid(dtype):
    """The grid coordinates (row, column) of every unit, row-major."""
    rows, cols = torch.meshgrid(torch.arange(ROWS), torch.arange(COLS),
                                indexing="ij")
    return torch.stack([rows.flatten(), cols.flatten()], 1).to(dtype)


def schedule(t):
    """The learning rate and the neighborhood radius after t samples."""
    decay = torch.exp(-t / TAU)
    return LR0 * decay, SIGMA0 * decay


def squared_distances(x, w):
    """|x_n - w_j|^2 for every point n and unit j."""
    return ((x[:, None, :] - w[None, :, :]) ** 2).sum(-1)


def check_margin(d2, what):
    """The best (and second best) unit of every row wins by MARGIN."""
    ranked = d2.sort(-1).values
    gaps = ranked[..., 1:3] - ranked[..., 0:2]
    assert gaps.min() > MARGIN, f"{what}: a near tie between units"


def neighborhood(g, bmu, sigma):
    """h_j for the BMU of every point: exp(-|g_j - g_bmu|^2 / 2 sigma^2)."""
    d2 = ((g[None, :, :] - g[bmu][:, None, :]) ** 2).sum(-1)
    return torch.exp(-d2 / (2 * sigma ** 2))


def forward(p, x):
    """@forward: BMUs of the test points, the neighborhood at step t, the
    schedule at t, quantization and topographic errors of the map."""
    w, points, t = p["weights"], x["x"], x["step"]
    g = grid(w.dtype)
    d2 = squared_distances(points, w)
    order = d2.argsort(-1)
    bmu, second = order[:, 0], order[:, 1]
    lr, sigma = schedule(t)
    apart = (g[bmu] - g[second]).abs().amax(-1) > 1
    return {"bmu": bmu,
            "neighborhood": neighborhood(g, bmu, sigma),
            "learning_rate": lr, "radius": sigma,
            "quantization_error": d2.gather(1, bmu[:, None]).sqrt().mean(),
            "topographic_error": apart.to(w.dtype).mean()}


def update(w, t, batch):
    """@update: the samples of `batch` presented one by one."""
    g = grid(w.dtype)
    bmus = []
    previous = None
    for x in batch:
        d2 = squared_distances(x[None], w)[0]
        check_margin(d2, f"sample {int(t)}")
        bmu = d2.argmin()
        lr, sigma = schedule(t)
        if previous is not None:
            assert lr < previous[0] and sigma < previous[1]
        previous = (lr, sigma)
        h = neighborhood(g, bmu[None], sigma)[0]
        w = w + lr * h[:, None] * (x[None] - w)
        t = t + 1
        bmus.append(bmu)
    return w, t, torch.stack(bmus)


def main():
    gold = Golden("som", seed=6)
    rng = gold.rng
    f32 = lambda a: torch.tensor(np.asarray(a, np.float32), dtype=torch.float64)
    # A random, unordered start near the middle of the square.
    w = f32(0.5 + 0.05 * rng.standard_normal((ROWS * COLS, DIM)))
    t = torch.tensor(0.0, dtype=torch.float64)
    test = gold.input("x", rng.random((TEST_POINTS, DIM)))
    step = gold.input("step", np.float32(FORWARD_STEP))
    before = forward({"weights": w}, {"x": test, "step": step})
    for k in range(STEPS):
        batch = f32(rng.random((BATCH, DIM)))
        w_next, t_next, bmus = update(w, t, batch)
        gold.learn_step(k, {"weights": w, "step": t, "x": batch},
                        {"weights": w_next, "step": t_next, "bmu": bmus})
        w, t = f32(w_next), t_next  # the state as stored (float32)
    gold.params["weights"] = w
    out = forward(gold.params, {"x": test, "step": step})
    check_margin(squared_distances(test, w), "test points")
    np.save(os.path.join(gold.data, "expected_bmu.npy"), out.pop("bmu").numpy())
    for name, value in out.items():
        gold.expect(name, value)
    print("quantization error %.4f -> %.4f, topographic error %.3f -> %.3f"
          % (before["quantization_error"], out["quantization_error"],
             before["topographic_error"], out["topographic_error"]))
    assert out["quantization_error"] * 2 < before["quantization_error"]
    assert out["topographic_error"] <= MAX_TOPOGRAPHIC_ERROR
    assert before["topographic_error"] > out["topographic_error"]
    gold.save_weights()


if __name__ == "__main__":
    main()
