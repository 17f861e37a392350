#!/usr/bin/python3
"""Golden data of arch/nca: models/arch/nca.mlir in PyTorch.

Perception by depthwise convolution with identity and Sobel x/y kernels
(/8), a per-cell update MLP, an update mask where the step's keyed normals
(scripts/counter_random.py) are positive, alive masking by a 3x3 max pool of
alpha > 0.1 before and after the update, four steps; @loss: MSE of the
final grid against a target. Writes models/arch/nca.safetensors and
test/arch/data/nca/ (arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from arch_golden import Golden  # noqa: E402
from counter_random import random_normal  # noqa: E402

N, C, HIDDEN = 6, 4, 16
SOBEL_X = torch.tensor([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=torch.float64) / 8
SOBEL_Y = SOBEL_X.T.contiguous()


def depthwise(x, kernel):
    """x: [1, C, N, N]; the same 3x3 kernel on every channel."""
    return F.conv2d(x, kernel.to(x.dtype).expand(C, 1, 3, 3), padding=1, groups=C)


def alive(state):
    alpha = state[:, 3:4]
    return F.max_pool2d(alpha, 3, stride=1, padding=1) > 0.1


def step(state, key, p):
    """state: [1, C, N, N] (channels first, as torch convolves)."""
    perception = torch.cat([state, depthwise(state, SOBEL_X),
                            depthwise(state, SOBEL_Y)], 1)
    features = perception.permute(0, 2, 3, 1)  # channels last, as the model
    ds = (F.relu(features @ p["update.fc1.weight"] + p["update.fc1.bias"])
          @ p["update.fc2.weight"]).permute(0, 3, 1, 2)
    fire = torch.from_numpy(random_normal(key, (1, N, N, 1)).astype(np.float32) > 0)
    fire = fire.permute(0, 3, 1, 2).to(state.dtype)
    before = alive(state)
    state = state + ds * fire
    return state * (before & alive(state)).to(state.dtype)


def rollout(seed, keys, p):
    state = seed.permute(0, 3, 1, 2)
    for key in keys:
        state = step(state, int(key), p)
    return state.permute(0, 2, 3, 1)


def forward(p, x):
    """@forward: the grid after one step per key."""
    return {"final": rollout(x["seed"], x["keys"], p)}


def main():
    g = Golden("nca")
    p = {"update.fc1.weight": g.param("update.fc1.weight", (3 * C, HIDDEN)),
         "update.fc1.bias": g.param("update.fc1.bias", (HIDDEN,), 0.1),
         "update.fc2.weight": g.param("update.fc2.weight", (HIDDEN, C), 0.1)}
    seed = np.zeros((1, N, N, C), np.float32)
    seed[0, 2:4, 2:4, :] = g.rng.uniform(0.3, 1.0, (2, 2, C))
    seed = g.input("seed", seed)
    keys = g.input("keys", np.array([11, 12, 13, 14]))
    final = forward(p, {"seed": seed, "keys": keys})["final"]
    g.expect("final", final)
    target = g.input("target", g.rng.uniform(0, 1, (1, N, N, C)))
    g.expect_gradients(F.mse_loss(final, target))
    g.save_weights()


if __name__ == "__main__":
    main()
