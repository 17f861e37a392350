#!/usr/bin/python3
"""ctest arch/rnn/gradient-norms: vanishing and exploding gradients in nnc.

  check_gradient_norms.py CASE WEIGHTS OUTPUTS EXPECTED

OUTPUTS is the folder where the compiled gradient of
test/arch/rnn/gradient_norms.mlir wrote drive.grad.npy (d loss / d u_t =
d loss / d z_t for every step t) and z.npy (the pre-activations), run with
the weights WEIGHTS of CASE ("vanishing" or "exploding"); EXPECTED is
PyTorch's drive gradient. Checks, on nnc's numbers:
- every step's gradient norm (per batch row) is PyTorch's to 1e-4;
- BPTT's step dL/dz_t = tanh'(z_t) * (dL/dz_{t+1} W_hh) changes the norm by
  a factor within [sigma_min(W_hh) min tanh'(z_t), sigma_max(W_hh) max
  tanh'(z_t)], so the norm follows ||W_hh|| * gamma step by step;
- "vanishing": ||W_hh|| * gamma_t < 1 on average and ||dL/dz_1|| /
  ||dL/dz_T|| is at most the product of the per-step bounds (tiny);
  "exploding": sigma_min * min gamma > 1 on every step and the ratio is at
  least the product of the lower bounds (large).
Prints the ratio. Exits 1 naming the first check that fails.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
import safetensors_io  # noqa: E402

RTOL = 1e-4  # float32 BPTT through 128 steps against float64


def step_factors(grad, z, w_hh):
    """Per step t < T-1 and batch row: ||g_t|| / ||g_{t+1}|| and its bounds
    sigma_min(W_hh) min tanh'(z_t), sigma_max(W_hh) max tanh'(z_t)."""
    sigma = np.linalg.svd(w_hh.astype(np.float64), compute_uv=False)
    norms = np.linalg.norm(grad, axis=2)
    slope = 1.0 - np.tanh(z) ** 2
    return (norms[:-1] / norms[1:], sigma.min() * slope[:-1].min(axis=2),
            sigma.max() * slope[:-1].max(axis=2))


def check(case, w_hh, grad, z, expected, rtol):
    """The checks of the module docstring; returns the failures' names."""
    failures = []
    norms = np.linalg.norm(grad, axis=2)
    expected_norms = np.linalg.norm(expected.astype(np.float64), axis=2)
    if not np.allclose(norms, expected_norms, rtol=rtol, atol=0):
        failures.append("per-step gradient norms differ from PyTorch's")
    factor, low, high = step_factors(grad, z, w_hh)
    if np.any(factor < low * (1 - rtol)) or np.any(factor > high * (1 + rtol)):
        failures.append("a step's norm factor is outside "
                        "[sigma_min min tanh', sigma_max max tanh']")
    growth = norms[0] / norms[-1]
    if case == "vanishing":
        if not (np.exp(np.log(high).mean()) < 1
                and np.all(growth <= np.prod(high, axis=0) * (1 + rtol))
                and np.all(growth < 1e-6)):
            failures.append("the gradient does not vanish as ||W_hh|| gamma says")
    elif case == "exploding":
        if not (np.all(low > 1)
                and np.all(growth >= np.prod(low, axis=0) * (1 - rtol))
                and np.all(growth > 1e2)):
            failures.append("the gradient does not explode as ||W_hh|| gamma says")
    else:
        failures.append("unknown case " + case)
    print("%s: ||W_hh|| gamma per step in [%.4f, %.4f], "
          "||dL/dz_1|| / ||dL/dz_T|| per batch row: %s"
          % (case, low.min(), high.max(), " ".join("%.3e" % r for r in growth)))
    return failures


def main():
    case, weights, outputs, expected = sys.argv[1:5]
    w_hh = safetensors_io.load(weights)["weight_hh"]
    grad = np.load(os.path.join(outputs, "drive.grad.npy")).astype(np.float64)
    z = np.load(os.path.join(outputs, "z.npy")).astype(np.float64)
    failures = check(case, w_hh, grad, z, np.load(expected), RTOL)
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
