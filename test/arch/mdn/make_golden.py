#!/usr/bin/python3
"""Golden data of the mixture density network of models/arch/mdn.mlir.

A tanh MLP (3 -> 16) whose heads give, for K = 4 diagonal Gaussians over a
2-D target, the mixture weights (softmax), means and scales (exp). @forward's
outputs are pi, mu, sigma and the mixture mean sum_k pi_k mu_k; @loss is the
mean negative log-likelihood -logsumexp_k(log pi_k + log N(y; mu_k, sigma_k)),
which PyTorch computes here independently through torch.distributions
(MixtureSameFamily of Independent Normals) in float64 from float32 weights.

Rerun (from anywhere): /usr/bin/python3 test/arch/mdn/make_golden.py
and commit the regenerated files together.
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))
from arch_golden import Golden  # noqa: E402

import torch  # noqa: E402
from torch import distributions as D  # noqa: E402

BATCH, FEATURES, HIDDEN, COMPONENTS, TARGET = 8, 3, 16, 4, 2


def heads(p, x):
    """The mixture's logits, means and scales for inputs x."""
    h = torch.tanh(x @ p["hidden.weight"].T + p["hidden.bias"])
    logits = h @ p["pi.weight"].T + p["pi.bias"]
    mu = (h @ p["mu.weight"].T + p["mu.bias"]).reshape(BATCH, COMPONENTS, TARGET)
    sigma = torch.exp(h @ p["sigma.weight"].T + p["sigma.bias"]).reshape(
        BATCH, COMPONENTS, TARGET)
    return logits, mu, sigma


def forward(p, x):
    """@forward: mixture weights, means, scales and the mixture mean."""
    logits, mu, sigma = heads(p, x["x"])
    pi = torch.softmax(logits, dim=1)
    return {"pi": pi, "mu": mu, "sigma": sigma,
            "mean": (pi.unsqueeze(-1) * mu).sum(dim=1)}


def main():
    g = Golden("mdn")
    g.param("hidden.weight", (HIDDEN, FEATURES), 0.6)
    g.param("hidden.bias", (HIDDEN,), 0.1)
    g.param("pi.weight", (COMPONENTS, HIDDEN), 0.5)
    g.param("pi.bias", (COMPONENTS,), 0.1)
    g.param("mu.weight", (COMPONENTS * TARGET, HIDDEN), 0.5)
    g.param("mu.bias", (COMPONENTS * TARGET,), 0.5)
    g.param("sigma.weight", (COMPONENTS * TARGET, HIDDEN), 0.25)
    g.param("sigma.bias", (COMPONENTS * TARGET,), 0.1)
    x = g.input("x", g.normal((BATCH, FEATURES)))
    y = g.input("y", g.normal((BATCH, TARGET)))

    for name, value in forward(g.params, {"x": x}).items():
        g.expect(name, value)
    logits, mu, sigma = heads(g.params, x)

    mixture = D.MixtureSameFamily(
        D.Categorical(logits=logits),
        D.Independent(D.Normal(mu, sigma), 1))
    g.expect_gradients(-mixture.log_prob(y).mean())
    g.save_weights()


if __name__ == "__main__":
    main()
