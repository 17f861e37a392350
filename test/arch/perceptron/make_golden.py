#!/usr/bin/python3
"""Golden data of arch/perceptron: models/arch/perceptron.mlir in PyTorch.

Rosenblatt's perceptron on 32 points of {-4..4}^3 labelled +-1 by a
hyperplane u . (x, 1) = 0 with every point at least 0.5 / ||u|| from it
(so the data are linearly separable with margin gamma), and its learning
rule: one @update step is one epoch over the data, in an order the script
shuffles anew each epoch; a sample with y (w . x + b) <= 0 adds y x to w and
y to b. Every value is a small integer, so float32 and float64 make the
same decisions.
Asserts: every point lies on its label's side of u with margin gamma > 0;
the rule, run from w = 0, b = 0, converges (an epoch without an update)
after k updates with k <= (R / gamma)^2 (Novikoff), R the largest norm of
the augmented points (x, 1); the converged weights classify every point
correctly.
Writes models/arch/perceptron.safetensors (the converged weights),
test/arch/data/perceptron/ (@forward's inputs and outputs) and
test/arch/data/perceptron/learn/step_<t>/ (one epoch each, from w = 0 to
one epoch past convergence).
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

SAMPLES, FEATURES = 32, 3
SEPARATOR = [1.0, -2.0, 1.5, 0.5]  # u over the augmented point (x, 1)
MIN_DISTANCE = 0.5  # |u . (x, 1)| of every point, at least


def forward(p, x):
    """@forward: scores, predictions and the convergence bound."""
    scores = x["x"] @ p["weight"] + p["bias"]
    one = torch.ones((), dtype=scores.dtype)
    predictions = torch.where(scores > 0, one, -one)
    augmented = torch.cat([x["x"], torch.ones(x["x"].shape[0], 1, dtype=x["x"].dtype)], 1)
    radius = augmented.norm(dim=1).max()
    u = x["separator"]
    margin = (x["labels"] * (augmented @ u)).min() / u.norm()
    return {"scores": scores, "predictions": predictions, "radius": radius,
            "margin": margin, "update_bound": (radius / margin) ** 2}


def epoch(w, b, x, labels):
    """The perceptron rule over the samples in order: (w, b, updates)."""
    w, b, updates = w.clone(), b.clone(), 0
    for x_t, y_t in zip(x, labels):
        if y_t * (w @ x_t + b) <= 0:
            w += y_t * x_t
            b += y_t
            updates += 1
    return w, b, updates


def main():
    g = Golden("perceptron")
    u = torch.tensor(SEPARATOR, dtype=torch.float64)
    points = []
    while len(points) < SAMPLES:
        point = g.rng.integers(-4, 5, FEATURES)
        if abs(u[:FEATURES].numpy() @ point + u[FEATURES].item()) >= MIN_DISTANCE:
            points.append(point)
    x = torch.tensor(np.array(points), dtype=torch.float64)
    labels = torch.sign(x @ u[:FEATURES] + u[FEATURES])

    # Train from zero, one shuffled epoch per learn step, to one epoch past
    # convergence.
    w = torch.zeros(FEATURES, dtype=torch.float64)
    b = torch.zeros(1, dtype=torch.float64)
    total, step = 0, 0
    while True:
        order = g.rng.permutation(SAMPLES)
        w_next, b_next, mistakes = epoch(w, b, x[order], labels[order])
        g.learn_step(step, {"weight": w, "bias": b, "updates": np.float32(total),
                            "x": x[order], "labels": labels[order]},
                     {"weight": w_next, "bias": b_next,
                      "updates": np.float32(total + mistakes),
                      "mistakes": np.float32(mistakes)})
        print("epoch %d: %d updates" % (step, mistakes))
        w, b, total, step = w_next, b_next, total + mistakes, step + 1
        if mistakes == 0:
            break
        assert step < 100, "no convergence in 100 epochs"
    assert step >= 5, "converged in %d epochs: fewer learn steps than wanted" % step

    g.params["weight"] = w.float().double()
    g.params["bias"] = b.float().double()
    inputs = {"x": g.input("x", x.numpy()), "labels": g.input("labels", labels.numpy()),
              "separator": g.input("separator", u.numpy())}
    out = forward(g.params, inputs)
    assert out["margin"] > 0, "the separator does not separate the data"
    assert torch.equal(out["predictions"], labels), "converged weights misclassify"
    print("R %.4f, gamma %.4f, bound %.1f updates; converged after %d updates"
          % (out["radius"], out["margin"], out["update_bound"], total))
    assert total <= out["update_bound"], (total, out["update_bound"].item())
    for name, value in out.items():
        g.expect(name, value)
    g.save_weights()


if __name__ == "__main__":
    main()
