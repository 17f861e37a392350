#!/usr/bin/python3
"""Trains the digits MLP of models/mlp.mlir and writes its weights and golden data.

The model is 64 -> 128 (ReLU) -> 64 (GELU, tanh approximation) -> 10, as
torch.nn.Linear layers fc1/fc2/fc3, trained with Adam on scikit-learn's 8x8
handwritten digits (sklearn.datasets.load_digits, 1,797 images, shipped with
Debian's python3-sklearn, no download). Pixels are scaled by 1/16 and the data
is split 80/20 (train/held-out) with a fixed permutation. Everything is seeded,
and training runs on one thread, so a rerun reproduces the same files.

Writes, relative to the repository root:
  models/mlp.safetensors            the trained state_dict (float32)
  models/mlp.sample.npy             the first 8 held-out images, float32 [8, 64]
  models/mlp.sample_labels.txt      their true labels, space-separated, one line
  test/e2e/mlp/expected_logits.npy  torch's float32 logits on that sample [8, 10]
and prints the held-out accuracy and the predicted classes of the sample.

Rerun (from anywhere; needs python3-torch, python3-numpy, python3-sklearn):
  /usr/bin/python3 test/e2e/mlp/make_golden.py
The outputs are committed test data: rerun only when the model changes, and
commit the regenerated files together.
"""

import os
import sys

import numpy as np
import torch
from sklearn.datasets import load_digits

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import safetensors_io  # noqa: E402  (scripts/safetensors_io.py)

SEED = 0
BATCH = 8          # the sample batch compiled into models/mlp.mlir
EPOCHS = 60
TRAIN_BATCH = 32
LR = 1e-3
MIN_ACCURACY = 0.95


class MLP(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(64, 128)
        self.fc2 = torch.nn.Linear(128, 64)
        self.fc3 = torch.nn.Linear(64, 10)
        self.relu = torch.nn.ReLU()
        self.gelu = torch.nn.GELU(approximate="tanh")

    def forward(self, x):
        return self.fc3(self.gelu(self.fc2(self.relu(self.fc1(x)))))


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    digits = load_digits()
    images = (digits.data / 16.0).astype(np.float32)   # [1797, 64], in [0, 1]
    labels = digits.target.astype(np.int64)
    perm = np.random.RandomState(SEED).permutation(len(images))
    n_train = int(round(0.8 * len(images)))
    train_idx, test_idx = perm[:n_train], perm[n_train:]
    x_train, y_train = torch.from_numpy(images[train_idx]), torch.from_numpy(labels[train_idx])
    x_test, y_test = torch.from_numpy(images[test_idx]), torch.from_numpy(labels[test_idx])

    model = MLP()
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(SEED)
    model.train()
    for _ in range(EPOCHS):
        order = torch.randperm(len(x_train), generator=gen)
        for i in range(0, len(order), TRAIN_BATCH):
            idx = order[i:i + TRAIN_BATCH]
            opt.zero_grad()
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()

    model.eval()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    print(f"train {len(x_train)} / held-out {len(x_test)} images, "
          f"held-out accuracy {accuracy * 100:.2f}% ({int(round(accuracy * len(x_test)))}/{len(x_test)})")
    if accuracy < MIN_ACCURACY:
        sys.exit(f"make_golden: accuracy {accuracy:.4f} is below {MIN_ACCURACY}; not writing files")

    sample = x_test[:BATCH].contiguous()
    sample_labels = y_test[:BATCH].tolist()
    with torch.no_grad():
        logits = model(sample).to(torch.float32)
    predicted = logits.argmax(1).tolist()

    state = {k: v.detach().to(torch.float32).contiguous().numpy() for k, v in model.state_dict().items()}
    paths = {
        "weights": os.path.join(ROOT, "models", "mlp.safetensors"),
        "sample": os.path.join(ROOT, "models", "mlp.sample.npy"),
        "labels": os.path.join(ROOT, "models", "mlp.sample_labels.txt"),
        "logits": os.path.join(ROOT, "test", "e2e", "mlp", "expected_logits.npy"),
    }
    safetensors_io.save(state, paths["weights"])
    np.save(paths["sample"], sample.numpy().astype(np.float32))
    with open(paths["labels"], "w") as f:
        f.write(" ".join(str(v) for v in sample_labels) + "\n")
    np.save(paths["logits"], logits.numpy().astype(np.float32))

    # Round-trip check of the weights file we just wrote.
    back = safetensors_io.load(paths["weights"])
    assert list(back) == list(state) and all(np.array_equal(back[k], state[k]) for k in state)

    print("sample labels:   ", " ".join(str(v) for v in sample_labels))
    print("sample predicted:", " ".join(str(v) for v in predicted))
    for p in paths.values():
        print("wrote", os.path.relpath(p, ROOT), f"({os.path.getsize(p)} bytes)")


if __name__ == "__main__":
    main()
