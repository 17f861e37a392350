"""Writes the ONNX models of the recurrent, ConvTranspose and pooling lit tests.

usage: make_recurrent_models.py OUTDIR

Each model is built with onnx.helper (the helpers of make_models.py) and
named after what it exercises; recurrent.test and pooling.test FileCheck
`nnc import` of them, and check that bad attributes are refused.
"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_models import init, model, tensor, write_models  # noqa: E402


def models():
    """Yields (file name, ModelProto) for every test model."""
    rng = np.random.default_rng(0)
    w = lambda *shape: rng.standard_normal(shape).astype(np.float32)

    # A bidirectional LSTM with every input: biases, per-entry lengths,
    # initial states and peepholes; all three outputs.
    steps, batch, inputs, hidden = 4, 2, 3, 5
    yield "lstm_bidirectional.onnx", model(
        [helper.make_node(
            "LSTM", ["x", "w", "r", "b", "lens", "h0", "c0", "p"],
            ["y", "y_h", "y_c"], name="lstm", hidden_size=hidden,
            direction="bidirectional")],
        [tensor("x", [steps, batch, inputs]),
         tensor("h0", [2, batch, hidden]), tensor("c0", [2, batch, hidden])],
        [tensor("y", [steps, 2, batch, hidden]),
         tensor("y_h", [2, batch, hidden]), tensor("y_c", [2, batch, hidden])],
        [init("w", w(2, 4 * hidden, inputs)),
         init("r", w(2, 4 * hidden, hidden)),
         init("b", w(2, 8 * hidden)), init("p", w(2, 3 * hidden)),
         init("lens", np.array([4, 2], np.int32))])

    # A reverse GRU, batch-first, linear_before_reset, clipped gates; only
    # Y_h is used.
    yield "gru_reverse.onnx", model(
        [helper.make_node(
            "GRU", ["x", "w", "r", "b"], ["", "y_h"], name="gru",
            hidden_size=hidden, direction="reverse", layout=1,
            linear_before_reset=1, clip=3.0)],
        [tensor("x", [batch, steps, inputs])],
        [tensor("y_h", [batch, 1, hidden])],
        [init("w", w(1, 3 * hidden, inputs)),
         init("r", w(1, 3 * hidden, hidden)),
         init("b", w(1, 6 * hidden))])

    # An RNN with a parametrized activation.
    yield "rnn_activation.onnx", model(
        [helper.make_node(
            "RNN", ["x", "w", "r"], ["y"], name="rnn", hidden_size=hidden,
            activations=["LeakyRelu"], activation_alpha=[0.2])],
        [tensor("x", [steps, batch, inputs])],
        [tensor("y", [steps, 1, batch, hidden])],
        [init("w", w(1, hidden, inputs)), init("r", w(1, hidden, hidden))])

    # Bad recurrent nodes: an unknown activation, a W of the wrong shape.
    yield "rnn_bad_activation.onnx", model(
        [helper.make_node(
            "RNN", ["x", "w", "r"], ["y"], name="rnn", hidden_size=hidden,
            activations=["Swish"])],
        [tensor("x", [steps, batch, inputs])],
        [tensor("y", [steps, 1, batch, hidden])],
        [init("w", w(1, hidden, inputs)), init("r", w(1, hidden, hidden))])
    yield "lstm_bad_weight.onnx", model(
        [helper.make_node(
            "LSTM", ["x", "w", "r"], ["y"], name="lstm", hidden_size=hidden)],
        [tensor("x", [steps, batch, inputs])],
        [tensor("y", [steps, 1, batch, hidden])],
        [init("w", w(1, 3 * hidden, inputs)),
         init("r", w(1, 4 * hidden, hidden))])

    # ConvTranspose whose output_shape asks for one more row and column than
    # the strides give: it becomes output padding.
    yield "conv_transpose_output_shape.onnx", model(
        [helper.make_node(
            "ConvTranspose", ["x", "w", "b"], ["y"], name="deconv",
            strides=[3, 2], output_shape=[10, 8])],
        [tensor("x", [1, 1, 3, 3])], [tensor("y", [1, 2, 10, 8])],
        [init("w", w(1, 2, 3, 3)), init("b", w(2))])

    # MaxPool with its Indices output (column-major), padding beyond half
    # the kernel.
    yield "maxpool_indices.onnx", model(
        [helper.make_node(
            "MaxPool", ["x"], ["y", "i"], name="pool", kernel_shape=[3, 3],
            pads=[2, 2, 2, 2], strides=[2, 2], storage_order=1)],
        [tensor("x", [1, 2, 5, 5])],
        [tensor("y", [1, 2, 4, 4]),
         tensor("i", [1, 2, 4, 4], TensorProto.INT64)])

    # LpPool, GlobalMaxPool and GlobalLpPool.
    yield "lp_pool.onnx", model(
        [helper.make_node("LpPool", ["x"], ["y"], name="lp",
                          kernel_shape=[2, 2], p=3),
         helper.make_node("GlobalMaxPool", ["x"], ["m"], name="gmax"),
         helper.make_node("GlobalLpPool", ["x"], ["l"], name="glp")],
        [tensor("x", [1, 2, 4, 4])],
        [tensor("y", [1, 2, 3, 3]), tensor("m", [1, 2, 1, 1]),
         tensor("l", [1, 2, 1, 1])])

    # MaxUnpool with indices known at import time.
    yield "max_unpool.onnx", model(
        [helper.make_node("MaxUnpool", ["x", "i"], ["y"], name="unpool",
                          kernel_shape=[2, 2], strides=[2, 2])],
        [tensor("x", [1, 1, 2, 2])], [tensor("y", [1, 1, 4, 4])],
        [init("i", np.array([[[[5, 3], [8, 15]]]], np.int64))])


def main():
    write_models(sys.argv[1], models())


if __name__ == "__main__":
    main()
