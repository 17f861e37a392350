#!/usr/bin/python3
"""Golden data of arch/rbf: models/arch/rbf.mlir in PyTorch.

A radial basis function network on 2-D points: 6 Gaussian basis functions
of width 0.8 and a linear output with a bias. Each of the 6 @update steps
trains it in two phases on a fresh batch of 64 points drawn around 5
cluster centres, the target sin(x1) + cos(x2) / 2 plus a little noise:
k-means (3 Lloyd iterations from the centers the step before returned:
nearest-center assignment, then each center to the mean of its points),
then ridge least squares for the output weights,
W = solve(Phi^T Phi + 1e-3 I, Phi^T Y). The first step starts from 6 of
its points (Forgy).
Asserts: no point is ever within 1e-4 (squared distance) of a tie between
its two nearest centers (over 100 times float32's rounding of the
distances), so float32 and float64 assign alike; the k-means objective on
a step's batch never increases from one iteration to the next; the output
weights solve the normal equations and equal the least-squares solution of
the stacked system [Phi; sqrt(lambda) I] W = [Y; 0]; the fitted network
predicts held-out points with an error well below the targets' variance.
Writes models/arch/rbf.safetensors (centers and weights after the last
step), test/arch/data/rbf/ (@forward on 64 held-out points) and
test/arch/data/rbf/learn/step_<t>/.
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden  # noqa: E402

POINTS, CENTERS, SIGMA, RIDGE = 64, 6, 0.8, 1e-3
ITERATIONS, STEPS, TIE_GAP = 3, 6, 1e-4


def squared_distances(x, c):
    return ((x[:, None, :] - c[None, :, :]) ** 2).sum(-1)


def features(x, c):
    """phi_j(x) = exp(-||x - c_j||^2 / (2 sigma^2))."""
    return torch.exp(-squared_distances(x, c) / (2 * SIGMA ** 2))


def with_bias(phi):
    return torch.cat([phi, torch.ones(phi.shape[0], 1, dtype=phi.dtype)], 1)


def forward(p, x):
    """@forward: the basis features and the network's prediction."""
    phi = features(x["x"], p["centers"])
    return {"features": phi, "prediction": with_bias(phi) @ p["weight"]}


def lloyd(x, c):
    """One Lloyd iteration; asserts no point is near a tie."""
    d2 = squared_distances(x, c)
    two = d2.topk(2, dim=1, largest=False).values
    assert (two[:, 1] - two[:, 0]).min() > TIE_GAP, "a point is near a tie"
    members = torch.nn.functional.one_hot(d2.argmin(1), CENTERS).double()
    counts = members.sum(0)[:, None]
    means = members.T @ x / counts.clamp(min=1)
    return torch.where(counts > 0, means, c)


def inertia(x, c):
    return squared_distances(x, c).min(1).values.mean()


def least_squares(x, c, targets):
    """Ridge least squares for the output weights on the features of c."""
    phi = with_bias(features(x, c))
    a = phi.T @ phi + RIDGE * torch.eye(CENTERS + 1, dtype=phi.dtype)
    w = torch.linalg.solve(a, phi.T @ targets)
    stacked = torch.cat([phi, RIDGE ** 0.5 * torch.eye(CENTERS + 1, dtype=phi.dtype)])
    zeros = torch.zeros(CENTERS + 1, 1, dtype=phi.dtype)
    lstsq = torch.linalg.lstsq(stacked, torch.cat([targets, zeros])).solution
    assert torch.allclose(w, lstsq, rtol=1e-8, atol=1e-10)
    print("  condition number of Phi^T Phi + lambda I: %.3g"
          % np.linalg.cond(a.numpy()))
    return w, ((phi @ w - targets) ** 2).mean()


def sample(g, count, blobs):
    """Points around the blob centres and their noisy targets."""
    x = blobs[g.rng.integers(0, len(blobs), count)] + 0.35 * g.rng.standard_normal((count, 2))
    y = np.sin(x[:, :1]) + 0.5 * np.cos(x[:, 1:]) + 0.05 * g.rng.standard_normal((count, 1))
    return (torch.tensor(x.astype(np.float32), dtype=torch.float64),
            torch.tensor(y.astype(np.float32), dtype=torch.float64))


def main():
    g = Golden("rbf")
    angles = 2 * np.pi * np.arange(5) / 5
    blobs = 1.6 * np.stack([np.cos(angles), np.sin(angles)], 1)
    x, targets = sample(g, POINTS, blobs)
    c = x[g.rng.choice(POINTS, CENTERS, replace=False)]
    for step in range(STEPS):
        if step > 0:
            x, targets = sample(g, POINTS, blobs)
        objective = inertia(x, c)
        c_next = c
        for _ in range(ITERATIONS):
            c_next = lloyd(x, c_next)
            assert inertia(x, c_next) <= objective + 1e-12, "k-means objective rose"
            objective = inertia(x, c_next)
        # The next step's assignments come from the float32-rounded centers.
        c_next = c_next.float().double()
        d2 = squared_distances(x, c_next)
        two = d2.topk(2, dim=1, largest=False).values
        assert (two[:, 1] - two[:, 0]).min() > TIE_GAP, "a point is near a tie"
        w, mse = least_squares(x, c_next, targets)
        g.learn_step(step, {"centers": c, "x": x, "targets": targets},
                     {"centers": c_next, "weight": w, "inertia": inertia(x, c_next),
                      "train_mse": mse})
        print("step %d: inertia %.5f, training MSE %.5f, centers moved %.3g"
              % (step, inertia(x, c_next), mse, (c_next - c).abs().max()))
        c = c_next

    g.params["centers"] = c
    g.params["weight"] = w.float().double()
    x_test, y_test = sample(g, POINTS, blobs)
    out = forward(g.params, {"x": g.input("x", x_test.numpy())})
    test_mse = ((out["prediction"] - y_test) ** 2).mean()
    print("held-out MSE %.4f, target variance %.4f" % (test_mse, y_test.var()))
    assert test_mse < 0.2 * y_test.var(), "the network does not fit"
    for name, value in out.items():
        g.expect(name, value)
    g.save_weights()


if __name__ == "__main__":
    main()
