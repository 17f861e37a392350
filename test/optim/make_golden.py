#!/usr/bin/python3
"""Makes the golden data of the optim/* tests with torch.optim.

The model is test/optim/mlp.mlir as torch modules: fc1 = Linear(6, 5), tanh,
fc2 = Linear(5, 3), mean cross-entropy. Writes, under test/optim/data/:

  mlp.safetensors         the initial weights (torch.nn.Linear's default
                          initialization under torch.manual_seed(0))
  x.npy, y.npy            12 examples: float32 [12, 6] and int64 [12]
  expected_NAME.safetensors
                          the params after STEPS steps of optimizer NAME

The steps take the batches of 4 in file order, wrapping around (batches 0,
1, 2, 0, 1 for 5 steps), as `--no-shuffle --steps 5` does. Each optimizer
runs with non-default hyperparameters (OPTIMIZERS below; the ctest flags in
test/optim/CMakeLists.txt must say the same). Everything is seeded and runs
on one thread, so a rerun reproduces the files; rerun only when the model or
the settings change:

  /usr/bin/python3 test/optim/make_golden.py
"""

import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
import training_golden  # noqa: E402  (test/optim/training_golden.py)

SEED = 0
BATCH = 4
EXAMPLES = 12
STEPS = 5

# name -> (torch.optim class, keyword arguments)
OPTIMIZERS = {
    "sgd": (torch.optim.SGD, dict(lr=0.1, weight_decay=0.05, maximize=True)),
    "momentum": (torch.optim.SGD, dict(lr=0.1, momentum=0.8, dampening=0.1,
                                       weight_decay=0.01)),
    "nesterov": (torch.optim.SGD, dict(lr=0.1, momentum=0.7, nesterov=True,
                                       weight_decay=0.01)),
    "adagrad": (torch.optim.Adagrad, dict(lr=0.1, lr_decay=0.05,
                                          weight_decay=0.01,
                                          initial_accumulator_value=0.1,
                                          eps=1e-9)),
    "rmsprop": (torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, eps=1e-7,
                                          weight_decay=0.01, momentum=0.5,
                                          centered=True)),
    "adam": (torch.optim.Adam, dict(lr=0.01, betas=(0.8, 0.95), eps=1e-7,
                                    weight_decay=0.01, amsgrad=True)),
    "adamw": (torch.optim.AdamW, dict(lr=0.01, betas=(0.85, 0.99), eps=1e-6,
                                      weight_decay=0.1)),
}


class MLP(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(6, 5)
        self.fc2 = torch.nn.Linear(5, 3)

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(x)))


def state_of(model):
    return {k: v.detach().to(torch.float32).contiguous().numpy().copy()
            for k, v in model.state_dict().items()}


def main():
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    initial = MLP()
    init_state = state_of(initial)
    x = torch.randn(EXAMPLES, 6)
    y = torch.randint(0, 3, (EXAMPLES,))

    data = training_golden.EXAMPLES
    training_golden.save_weights(init_state, data, "mlp.safetensors")
    training_golden.save_examples(x, y)

    for name, (optimizer_class, kwargs) in OPTIMIZERS.items():
        model = MLP()
        model.load_state_dict(initial.state_dict())
        optimizer = optimizer_class(model.parameters(), **kwargs)
        losses = []
        for xb, yb in training_golden.file_order_batches(x, y, BATCH, STEPS):
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xb), yb)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        state = state_of(model)
        path = training_golden.save_weights(state, data, f"expected_{name}.safetensors")
        moved = max(float(np.abs(state[k] - init_state[k]).max()) for k in state)
        print(f"{name}: losses {' '.join(f'{l:.5f}' for l in losses)}; "
              f"params moved up to {moved:.4f}; wrote {path}")


if __name__ == "__main__":
    main()
