"""What the golden-data scripts of the training tests share.

The optim/* and train/* tests train on the examples in test/optim/data/x.npy
and y.npy (written by test/optim/make_golden.py) with `--no-shuffle --steps
N`: batches in file order, wrapping around after the last whole batch. The
scripts that make those tests' expected weights with PyTorch
(test/optim/make_golden.py, test/train/make_golden.py) read and write the
examples, cut the batches and save weights here.

Import it after putting test/optim/ on sys.path (with sys.dont_write_bytecode
set, to keep the source tree free of __pycache__).
"""

import os
import sys

import numpy as np
import torch

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLES = os.path.join(ROOT, "test", "optim", "data")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import safetensors_io  # noqa: E402  (scripts/safetensors_io.py)


def save_examples(x, y):
    """Writes the examples: x as float32, the class labels y as int64."""
    os.makedirs(EXAMPLES, exist_ok=True)
    np.save(os.path.join(EXAMPLES, "x.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(EXAMPLES, "y.npy"), y.numpy().astype(np.int64))


def load_examples():
    """The examples x and labels y, as torch tensors."""
    return (torch.from_numpy(np.load(os.path.join(EXAMPLES, "x.npy"))),
            torch.from_numpy(np.load(os.path.join(EXAMPLES, "y.npy"))))


def file_order_batches(x, y, batch, steps):
    """The (x, y) batches of `batch` examples that `--no-shuffle --steps
    STEPS` trains on, one per step."""
    whole = len(x) // batch
    for step in range(steps):
        i = step % whole
        yield x[i * batch:(i + 1) * batch], y[i * batch:(i + 1) * batch]


def save_weights(tensors, folder, name):
    """Writes `tensors` (name -> numpy array) as the safetensors file `name`
    in `folder` (created if missing); returns its path relative to the
    repository, for the script's report."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    safetensors_io.save(tensors, path)
    return os.path.relpath(path, ROOT)
