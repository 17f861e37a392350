#!/usr/bin/python3
"""ctest arch/stdp/windows: the STDP windows of nnc's compiled rule.

  check_windows.py WINDOW.npy

WINDOW.npy is the `window` output of the compiled @forward of
models/arch/stdp.mlir: the weight change of a synapse for one pre spike and
one post spike dt = t_post - t_pre steps later, dt = -10..10. Checks, on
nnc's numbers:
- potentiation window: positive for every dt > 0, A+ exp(-dt / tau+) with
  A+ = 0.05 and tau+ = 4 (each value to 1e-5 relative, and the time
  constant fitted from the values to 1e-3);
- depression window: negative for every dt < 0, -A- exp(dt / tau-) with
  A- = 0.03 and tau- = 8 (likewise);
- no change for simultaneous spikes (dt = 0).
Prints the fitted amplitudes and time constants. Exits 1 naming the first
check that fails.
"""

import sys

import numpy as np

OFFSETS = np.arange(-10, 11)
A_PLUS, TAU_PLUS, A_MINUS, TAU_MINUS = 0.05, 4.0, 0.03, 8.0
RTOL, TAU_RTOL = 1e-5, 1e-3


def fit(dt, magnitude):
    """Amplitude and time constant of magnitude = a exp(-|dt| / tau), by a
    least-squares line through log(magnitude)."""
    slope, intercept = np.polyfit(np.abs(dt), np.log(magnitude), 1)
    return np.exp(intercept), -1.0 / slope


def main():
    window = np.load(sys.argv[1]).astype(np.float64)
    ltp, ltd = OFFSETS > 0, OFFSETS < 0
    a_plus, tau_plus = fit(OFFSETS[ltp], window[ltp])
    a_minus, tau_minus = fit(OFFSETS[ltd], -window[ltd])
    print(f"potentiation {a_plus:.5f} exp(-dt / {tau_plus:.4f}), "
          f"depression {a_minus:.5f} exp(-|dt| / {tau_minus:.4f})")
    expected = np.where(ltp, A_PLUS * np.exp(-OFFSETS / TAU_PLUS),
                        np.where(ltd, -A_MINUS * np.exp(OFFSETS / TAU_MINUS), 0.0))
    checks = [
        ((window[ltp] > 0).all(), "a pre-before-post pair did not potentiate"),
        ((window[ltd] < 0).all(), "a post-before-pre pair did not depress"),
        (window[OFFSETS == 0][0] == 0, "simultaneous spikes changed the weight"),
        (np.allclose(window, expected, rtol=RTOL, atol=0),
         f"window {window} is not {expected}"),
        (abs(tau_plus - TAU_PLUS) < TAU_RTOL * TAU_PLUS,
         f"potentiation time constant {tau_plus}, not {TAU_PLUS}"),
        (abs(tau_minus - TAU_MINUS) < TAU_RTOL * TAU_MINUS,
         f"depression time constant {tau_minus}, not {TAU_MINUS}")]
    for ok, failure in checks:
        if not ok:
            print("FAIL:", failure)
            return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
