"""ONNX LSTM and GRU models with PyTorch's weights, and PyTorch's outputs.

usage: make_recurrent_golden.py   (writes beside this script)

A 2-layer bidirectional torch.nn.LSTM (batch-first) feeding a 2-layer
bidirectional torch.nn.GRU (time-major), and a bidirectional LSTM over
sequences of different lengths (pack_padded_sequence: past its length an
entry's outputs are zero and its final state is the one at its last step,
the reverse direction starting there, which is ONNX's sequence_lens).

Two ONNX files hold the same network:
- rnn_export.onnx is torch.onnx.export's (opset 17, do_constant_folding=False):
  it reorders the gates of the weights with Slice/Concat subgraphs and makes
  the zero initial states with Shape/Gather/Expand, so it imports once those
  ops are folded at import time;
- rnn.onnx is built here with onnx.helper: one LSTM or GRU node per layer
  (LSTM with layout = 1, GRU with layout = 0), the weights converted from
  PyTorch's gate order (LSTM i f g o, GRU r z n) to ONNX's (LSTM i o f c,
  GRU z r h; PyTorch's GRU is ONNX's linear_before_reset = 1) by numpy here,
  the lengths an int32 initializer.
rnn_input.npy is x; expected_<name>.npy PyTorch's outputs: y, h, c (LSTM),
z, g (GRU), and py, ph, pc (the LSTM over lengths 7, 4, 2).
"""
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

here = os.path.dirname(os.path.abspath(__file__))
BATCH, STEPS, FEATURES = 3, 7, 4
LSTM_HIDDEN, GRU_HIDDEN = 6, 5
LENGTHS = [7, 4, 2]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(FEATURES, LSTM_HIDDEN, num_layers=2,
                            bidirectional=True, batch_first=True)
        self.gru = nn.GRU(2 * LSTM_HIDDEN, GRU_HIDDEN, num_layers=2,
                          bidirectional=True)

    def forward(self, x):
        y, (h, c) = self.lstm(x)
        z, g = self.gru(y.transpose(0, 1))
        return y, h, c, z, g


def onnx_weights(rnn, layer, order):
    """W, R, B ([2, G*H, ...]) of one layer of a bidirectional torch RNN,
    gates reordered by `order` (ONNX gate k is PyTorch gate order[k])."""
    def gates(t):
        parts = t.detach().numpy().reshape((len(order), -1) + t.shape[1:])
        return np.concatenate([parts[k] for k in order])
    ws, rs, bs = [], [], []
    for suffix in ("", "_reverse"):
        name = lambda p: getattr(rnn, f"{p}_l{layer}{suffix}")
        ws.append(gates(name("weight_ih")))
        rs.append(gates(name("weight_hh")))
        bs.append(np.concatenate([gates(name("bias_ih")),
                                  gates(name("bias_hh"))]))
    return np.stack(ws), np.stack(rs), np.stack(bs)


LSTM_ORDER = [0, 3, 1, 2]  # ONNX i o f c from PyTorch i f g o
GRU_ORDER = [1, 0, 2]      # ONNX z r h from PyTorch r z n


def helper_model(net, packed):
    nodes, inits = [], []

    def weights(prefix, rnn, layer, order):
        names = [f"{prefix}{layer}.{k}" for k in "WRB"]
        for name, value in zip(names, onnx_weights(rnn, layer, order)):
            inits.append(numpy_helper.from_array(value.astype(np.float32),
                                                 name))
        return names

    def shape(name, values):
        inits.append(numpy_helper.from_array(np.array(values, np.int64), name))
        return name

    def node(op, inputs, outputs, **attributes):
        nodes.append(helper.make_node(op, inputs, outputs, **attributes))

    # LSTM, layout 1: X [B, T, I], Y [B, T, 2, H], Y_h [B, 2, H].
    seq = "x"
    hs, cs = [], []
    for layer in range(2):
        node("LSTM", [seq] + weights("lstm", net.lstm, layer, LSTM_ORDER),
             [f"lstm{layer}.y", f"lstm{layer}.h", f"lstm{layer}.c"],
             hidden_size=LSTM_HIDDEN, direction="bidirectional", layout=1)
        seq = f"lstm{layer}.seq"
        node("Reshape", [f"lstm{layer}.y",
                         shape("lstm.seq_shape",
                               [BATCH, STEPS, 2 * LSTM_HIDDEN])], [seq])
        for state, out in (("h", hs), ("c", cs)):
            node("Transpose", [f"lstm{layer}.{state}"],
                 [f"lstm{layer}.{state}_t"], perm=[1, 0, 2])
            out.append(f"lstm{layer}.{state}_t")
    node("Identity", [seq], ["y"])
    node("Concat", hs, ["h"], axis=0)
    node("Concat", cs, ["c"], axis=0)

    # GRU, layout 0: X [T, B, I], Y [T, 2, B, H], Y_h [2, B, H].
    node("Transpose", ["y"], ["gru.x"], perm=[1, 0, 2])
    seq, gs = "gru.x", []
    for layer in range(2):
        node("GRU", [seq] + weights("gru", net.gru, layer, GRU_ORDER),
             [f"gru{layer}.y", f"gru{layer}.h"], hidden_size=GRU_HIDDEN,
             direction="bidirectional", linear_before_reset=1)
        node("Transpose", [f"gru{layer}.y"], [f"gru{layer}.y_t"],
             perm=[0, 2, 1, 3])
        seq = f"gru{layer}.seq"
        node("Reshape", [f"gru{layer}.y_t",
                         shape("gru.seq_shape",
                               [STEPS, BATCH, 2 * GRU_HIDDEN])], [seq])
        gs.append(f"gru{layer}.h")
    node("Identity", [seq], ["z"])
    node("Concat", gs, ["g"], axis=0)

    # One bidirectional LSTM over per-entry lengths, layout 0.
    inits.append(numpy_helper.from_array(np.array(LENGTHS, np.int32), "lens"))
    node("Transpose", ["x"], ["px"], perm=[1, 0, 2])
    node("LSTM", ["px"] + weights("packed", packed, 0, LSTM_ORDER) + ["lens"],
         ["packed.y", "ph", "pc"], hidden_size=LSTM_HIDDEN,
         direction="bidirectional")
    node("Transpose", ["packed.y"], ["packed.y_t"], perm=[2, 0, 1, 3])
    node("Reshape", ["packed.y_t",
                     shape("packed.shape", [BATCH, STEPS, 2 * LSTM_HIDDEN])],
         ["py"])

    f = lambda name, dims: helper.make_tensor_value_info(
        name, TensorProto.FLOAT, dims)
    outputs = [f("y", [BATCH, STEPS, 2 * LSTM_HIDDEN]),
               f("h", [4, BATCH, LSTM_HIDDEN]), f("c", [4, BATCH, LSTM_HIDDEN]),
               f("z", [STEPS, BATCH, 2 * GRU_HIDDEN]),
               f("g", [4, BATCH, GRU_HIDDEN]),
               f("py", [BATCH, STEPS, 2 * LSTM_HIDDEN]),
               f("ph", [2, BATCH, LSTM_HIDDEN]),
               f("pc", [2, BATCH, LSTM_HIDDEN])]
    # Initializer names must be unique: the shapes are shared.
    seen, unique = set(), []
    for tensor in inits:
        if tensor.name not in seen:
            seen.add(tensor.name)
            unique.append(tensor)
    graph = helper.make_graph(nodes, "recurrent",
                              [f("x", [BATCH, STEPS, FEATURES])], outputs,
                              unique)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    return model


def main():
    torch.manual_seed(0)
    net = Net().eval()
    packed = nn.LSTM(FEATURES, LSTM_HIDDEN, bidirectional=True,
                     batch_first=True).eval()
    x = torch.randn(BATCH, STEPS, FEATURES)
    torch.onnx.export(net, (x,), os.path.join(here, "rnn_export.onnx"),
                      input_names=["x"], output_names=["y", "h", "c", "z", "g"],
                      opset_version=17, do_constant_folding=False)
    onnx.save(helper_model(net, packed), os.path.join(here, "rnn.onnx"))
    with torch.no_grad():
        outputs = dict(zip("y h c z g".split(), net(x)))
        sequences = nn.utils.rnn.pack_padded_sequence(
            x, torch.tensor(LENGTHS), batch_first=True, enforce_sorted=False)
        py, (ph, pc) = packed(sequences)
        py, _ = nn.utils.rnn.pad_packed_sequence(py, batch_first=True,
                                                 total_length=STEPS)
        outputs.update(py=py, ph=ph, pc=pc)
    np.save(os.path.join(here, "rnn_input.npy"), x.numpy())
    for name, value in outputs.items():
        np.save(os.path.join(here, f"expected_{name}.npy"), value.numpy())


if __name__ == "__main__":
    main()
