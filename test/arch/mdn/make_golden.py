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


def main():
    g = Golden("mdn")
    wh = g.param("hidden.weight", (HIDDEN, FEATURES), 0.6)
    bh = g.param("hidden.bias", (HIDDEN,), 0.1)
    wp = g.param("pi.weight", (COMPONENTS, HIDDEN), 0.5)
    bp = g.param("pi.bias", (COMPONENTS,), 0.1)
    wm = g.param("mu.weight", (COMPONENTS * TARGET, HIDDEN), 0.5)
    bm = g.param("mu.bias", (COMPONENTS * TARGET,), 0.5)
    ws = g.param("sigma.weight", (COMPONENTS * TARGET, HIDDEN), 0.25)
    bs = g.param("sigma.bias", (COMPONENTS * TARGET,), 0.1)
    x = g.input("x", g.normal((BATCH, FEATURES)))
    y = g.input("y", g.normal((BATCH, TARGET)))

    h = torch.tanh(x @ wh.T + bh)
    logits = h @ wp.T + bp
    mu = (h @ wm.T + bm).reshape(BATCH, COMPONENTS, TARGET)
    sigma = torch.exp(h @ ws.T + bs).reshape(BATCH, COMPONENTS, TARGET)
    pi = torch.softmax(logits, dim=1)
    g.expect("pi", pi)
    g.expect("mu", mu)
    g.expect("sigma", sigma)
    g.expect("mean", (pi.unsqueeze(-1) * mu).sum(dim=1))

    mixture = D.MixtureSameFamily(
        D.Categorical(logits=logits),
        D.Independent(D.Normal(mu, sigma), 1))
    g.expect_gradients(-mixture.log_prob(y).mean())
    g.save_weights()


if __name__ == "__main__":
    main()
