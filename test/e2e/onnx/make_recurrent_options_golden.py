"""ONNX LSTM, GRU and RNN nodes with the options PyTorch's layers lack, and
their outputs from ONNX's equations written in PyTorch.

usage: make_recurrent_options_golden.py   (writes beside this script)

rnn_options.onnx (onnx.helper) holds three nodes over x [T=5, B=3, I=4]:
- a reverse LSTM with peepholes, input_forget, clip 1.5, activations
  HardSigmoid (alpha 0.3, beta 0.4), LeakyRelu (alpha 0.2) and Softsign,
  an initial state and sequence_lens [5, 3, 1];
- a bidirectional GRU (linear_before_reset = 0) with Sigmoid and ScaledTanh
  (alpha 1.2, beta 0.7) forward, Affine (0.5, 0.1) and Elu (0.8) in
  reverse, layout 1;
- a bidirectional RNN, Relu forward and Softplus in reverse, then
  ThresholdedRelu (0.1) on a second RNN over its output.
The expected outputs (expected_options_<name>.npy) come from the ONNX
operator definitions' equations, one time step at a time in PyTorch
(float64), here; options_input.npy is x.
"""
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

here = os.path.dirname(os.path.abspath(__file__))
T, B, I, H = 5, 3, 4, 3
LENGTHS = [5, 3, 1]

ACTIVATIONS = {
    "Sigmoid": lambda x, a, b: torch.sigmoid(x),
    "Tanh": lambda x, a, b: torch.tanh(x),
    "Relu": lambda x, a, b: torch.relu(x),
    "LeakyRelu": lambda x, a, b: torch.where(x >= 0, x, a * x),
    "ThresholdedRelu": lambda x, a, b: torch.where(x > a, x,
                                                   torch.zeros_like(x)),
    "ScaledTanh": lambda x, a, b: a * torch.tanh(b * x),
    "HardSigmoid": lambda x, a, b: torch.clamp(a * x + b, 0, 1),
    "Elu": lambda x, a, b: torch.where(x > 0, x, a * (torch.exp(x) - 1)),
    "Softsign": lambda x, a, b: x / (1 + torch.abs(x)),
    "Softplus": lambda x, a, b: torch.log1p(torch.exp(x)),
    "Affine": lambda x, a, b: a * x + b,
}


def act(spec):
    name, a, b = spec
    return lambda x: ACTIVATIONS[name](x, a, b)


def run_direction(cell, xs, lengths, reverse, state):
    """Steps `cell` over xs [T, B, I] for each entry within its length
    (backwards from its last step when reverse); outputs zero past it."""
    ys = torch.zeros(T, B, H, dtype=torch.float64)
    states = [s.clone() for s in state]
    for b in range(B):
        s = [v[b:b + 1] for v in states]
        steps = range(lengths[b])
        for t in (reversed(steps) if reverse else steps):
            s = cell(xs[t, b:b + 1], s)
            ys[t, b] = s[0][0]
        for v, n in zip(states, s):
            v[b] = n[0]
    return ys, states


def lstm_cell(w, r, bias, p, f, g, h, clip, input_forget):
    c_ = lambda x: torch.clamp(x, -clip, clip)
    wb, rb = bias[:4 * H], bias[4 * H:]
    pi, po, pf = p[:H], p[H:2 * H], p[2 * H:]

    def cell(x, s):
        hp, cp = s
        z = x @ w.T + hp @ r.T + wb + rb
        zi, zo, zf, zc = z[:, :H], z[:, H:2 * H], z[:, 2 * H:3 * H], z[:, 3 * H:]
        i = f(c_(zi + pi * cp))
        fg = 1 - i if input_forget else f(c_(zf + pf * cp))
        c = fg * cp + i * g(c_(zc))
        o = f(c_(zo + po * c))
        return [o * h(c), c]
    return cell


def gru_cell(w, r, bias, f, g):
    wb, rb = bias[:3 * H], bias[3 * H:]

    def cell(x, s):
        (hp,) = s
        xw = x @ w.T + wb
        z = f(xw[:, :H] + hp @ r[:H].T + rb[:H])
        rr = f(xw[:, H:2 * H] + hp @ r[H:2 * H].T + rb[H:2 * H])
        hh = g(xw[:, 2 * H:] + (rr * hp) @ r[2 * H:].T + rb[2 * H:])
        return [(1 - z) * hh + z * hp]
    return cell


def rnn_cell(w, r, f):
    return lambda x, s: [f(x @ w.T + s[0] @ r.T)]


def main():
    rng = np.random.default_rng(7)
    n = lambda *shape: rng.standard_normal(shape).astype(np.float32)
    x = n(T, B, I)
    lw, lr, lb, lp, lh, lc = (n(1, 4 * H, I), n(1, 4 * H, H), n(1, 8 * H),
                              n(1, 3 * H), n(1, B, H), n(1, B, H))
    gw, gr, gb = n(2, 3 * H, I), n(2, 3 * H, H), n(2, 6 * H)
    rw, rr = n(2, H, I), n(2, H, H)
    sw, sr = n(1, H, 2 * H), n(1, H, H)
    lstm_acts = [("HardSigmoid", 0.3, 0.4), ("LeakyRelu", 0.2, 0),
                 ("Softsign", 0, 0)]
    gru_acts = [("Sigmoid", 0, 0), ("ScaledTanh", 1.2, 0.7),
                ("Affine", 0.5, 0.1), ("Elu", 0.8, 0)]
    f64 = lambda a: torch.tensor(a, dtype=torch.float64)
    X = f64(x)

    # Reverse LSTM.
    cell = lstm_cell(f64(lw[0]), f64(lr[0]), f64(lb[0]), f64(lp[0]),
                     *[act(a) for a in lstm_acts], clip=1.5, input_forget=True)
    ly, (lyh, lyc) = run_direction(cell, X, LENGTHS, True,
                                   [f64(lh[0]), f64(lc[0])])
    out = {"ly": ly[:, None], "lh": lyh[None], "lc": lyc[None]}

    # Bidirectional GRU, layout 1 (the node reads x transposed).
    gys, ghs = [], []
    for d in range(2):
        cell = gru_cell(f64(gw[d]), f64(gr[d]), f64(gb[d]),
                        *[act(a) for a in gru_acts[2 * d:2 * d + 2]])
        y, (hn,) = run_direction(cell, X, [T] * B, d == 1,
                                 [torch.zeros(B, H, dtype=torch.float64)])
        gys.append(y)
        ghs.append(hn)
    out["gy"] = torch.stack(gys, 2).transpose(0, 1)  # [B, T, 2, H]
    out["gh"] = torch.stack(ghs, 1)                  # [B, 2, H]

    # Bidirectional RNN, then a ThresholdedRelu RNN over its outputs.
    rys = []
    for d, name in enumerate(["Relu", "Softplus"]):
        cell = rnn_cell(f64(rw[d]), f64(rr[d]), act((name, 0, 0)))
        y, _ = run_direction(cell, X, [T] * B, d == 1,
                             [torch.zeros(B, H, dtype=torch.float64)])
        rys.append(y)
    stacked = torch.cat(rys, 2)  # [T, B, 2H]
    cell = rnn_cell(f64(sw[0]), f64(sr[0]), act(("ThresholdedRelu", 0.1, 0)))
    sy, (sh,) = run_direction(cell, stacked, [T] * B, False,
                              [torch.zeros(B, H, dtype=torch.float64)])
    out["sy"] = sy[:, None]
    out["sh"] = sh[None]

    inits = [numpy_helper.from_array(v, k) for k, v in dict(
        lw=lw, lr=lr, lb=lb, lp=lp, lh0=lh, lc0=lc, gw=gw, gr=gr, gb=gb,
        rw=rw, rr=rr, sw=sw, sr=sr).items()]
    inits.append(numpy_helper.from_array(np.array(LENGTHS, np.int32), "lens"))
    inits.append(numpy_helper.from_array(np.array([T, B, 2 * H], np.int64),
                                         "rshape"))
    node = helper.make_node
    nodes = [
        node("LSTM", ["x", "lw", "lr", "lb", "lens", "lh0", "lc0", "lp"],
             ["ly", "lh_out", "lc_out"], hidden_size=H, direction="reverse",
             input_forget=1, clip=1.5,
             activations=[a[0] for a in lstm_acts],
             activation_alpha=[0.3, 0.2], activation_beta=[0.4]),
        node("Identity", ["lh_out"], ["lh"]),
        node("Identity", ["lc_out"], ["lc"]),
        node("Transpose", ["x"], ["xb"], perm=[1, 0, 2]),
        node("GRU", ["xb", "gw", "gr", "gb"], ["gy", "gh"], hidden_size=H,
             direction="bidirectional", layout=1,
             activations=[a[0] for a in gru_acts],
             activation_alpha=[1.2, 0.5, 0.8], activation_beta=[0.7, 0.1]),
        node("RNN", ["x", "rw", "rr"], ["ry"], hidden_size=H,
             direction="bidirectional", activations=["Relu", "Softplus"]),
        node("Transpose", ["ry"], ["ry_t"], perm=[0, 2, 1, 3]),
        node("Reshape", ["ry_t", "rshape"], ["rs"]),
        node("RNN", ["rs", "sw", "sr"], ["sy", "sh"], hidden_size=H,
             activations=["ThresholdedRelu"], activation_alpha=[0.1]),
    ]
    f = lambda name, value: helper.make_tensor_value_info(
        name, TensorProto.FLOAT, list(value.shape))
    graph = helper.make_graph(
        nodes, "options", [helper.make_tensor_value_info(
            "x", TensorProto.FLOAT, [T, B, I])],
        [f(k, v) for k, v in out.items()], inits)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(here, "rnn_options.onnx"))
    np.save(os.path.join(here, "options_input.npy"), x)
    for name, value in out.items():
        np.save(os.path.join(here, f"expected_options_{name}.npy"),
                value.numpy().astype(np.float32))


if __name__ == "__main__":
    main()
