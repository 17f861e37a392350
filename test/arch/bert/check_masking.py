#!/usr/bin/python3
"""arch/bert/masking: the compiled model's masked-LM corruption over many keys.

Runs the compiled @forward of models/arch/bert.mlir on the golden batch
once per key 0..N-1 and checks, from nnc's outputs masked_input_ids and
mlm_selected: every key's corruption equals the reference's
(make_golden.py's mlm_masking, from scripts/counter_random.py), no special
token is ever selected, and over all keys the rates are BERT's: 15% of the
word positions selected; of the selected, 80% [MASK], 10% a random word
(14/15 of which differ from the original), 10% unchanged, each within 4
standard errors.

Usage: check_masking.py MODEL DATA_DIR WORKDIR [--keys N]
"""

import argparse
import os
import subprocess
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import FIRST_WORD, MASK, WORDS, mlm_masking  # noqa: E402

INPUTS = ("input_ids", "token_type_ids", "attention_mask")


def run(model, data, work, key):
    """nnc's (masked ids, selected) for `key` on the golden batch."""
    np.save(os.path.join(work, "key.npy"), np.array(key, np.int64))
    out = os.path.join(work, "out")
    args = [model, "--input", "key=" + os.path.join(work, "key.npy"),
            "--output-dir", out]
    for name in INPUTS:
        args += ["--input", "%s=%s" % (name, os.path.join(data, name + ".npy"))]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return (np.load(os.path.join(out, "masked_input_ids.npy")),
            np.load(os.path.join(out, "mlm_selected.npy")))


def near(count, total, p, what):
    """Asserts count / total is within 4 standard errors of p."""
    rate, se = count / total, np.sqrt(p * (1 - p) / total)
    print("%-12s %.4f (expected %.4f, 4 SE = %.4f, %d of %d)"
          % (what, rate, p, 4 * se, count, total))
    assert abs(rate - p) < 4 * se, what


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("model")
    p.add_argument("data")
    p.add_argument("work")
    p.add_argument("--keys", type=int, default=1000)
    a = p.parse_args()
    os.makedirs(os.path.join(a.work, "out"), exist_ok=True)
    ids = np.load(os.path.join(a.data, "input_ids.npy"))
    words = ids >= FIRST_WORD
    n_words = n_selected = n_mask = n_changed = n_kept = 0
    for key in range(a.keys):
        masked, selected = run(a.model, a.data, a.work, key)
        want_masked, want_selected = mlm_masking(ids, key)
        assert (selected == want_selected).all(), "key %d: selection differs" % key
        assert (masked == want_masked).all(), "key %d: masked ids differ" % key
        assert not selected[~words].any(), "key %d: a special token selected" % key
        m, o = masked[selected], ids[selected]
        n_words += words.sum()
        n_selected += selected.sum()
        n_mask += (m == MASK).sum()
        n_changed += ((m != MASK) & (m != o)).sum()
        n_kept += (m == o).sum()
    print("%d keys: nnc's corruption equals the reference's for every key" % a.keys)
    near(n_selected, n_words, 0.15, "selected")
    near(n_mask, n_selected, 0.8, "[MASK]")
    near(n_changed, n_selected, 0.1 * (WORDS - 1) / WORDS, "random word")
    near(n_kept, n_selected, 0.1 + 0.1 / WORDS, "unchanged")
    print("PASS")


if __name__ == "__main__":
    main()
