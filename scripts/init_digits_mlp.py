#!/usr/bin/python3
"""Writes the initial weights of models/digits_mlp.mlir.

torch.nn.Linear(64, 256) and torch.nn.Linear(256, 10) with their default
initialization (Kaiming-uniform weights, uniform biases) under
torch.manual_seed(0), saved as models/digits_mlp.safetensors with the names
fc1.weight, fc1.bias, fc2.weight, fc2.bias. Rerun only when the model's
shapes change (needs python3-torch):

  /usr/bin/python3 scripts/init_digits_mlp.py
"""

import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, HERE)
import safetensors_io  # noqa: E402  (scripts/safetensors_io.py)

SEED = 0
HIDDEN = 256


def main():
    torch.manual_seed(SEED)
    model = torch.nn.Sequential()
    model.add_module("fc1", torch.nn.Linear(64, HIDDEN))
    model.add_module("fc2", torch.nn.Linear(HIDDEN, 10))
    state = {k: v.detach().to(torch.float32).contiguous().numpy()
             for k, v in model.state_dict().items()}
    path = os.path.join(HERE, "..", "models", "digits_mlp.safetensors")
    safetensors_io.save(state, path)
    print("wrote", os.path.normpath(path), {k: list(v.shape) for k, v in state.items()})


if __name__ == "__main__":
    main()
