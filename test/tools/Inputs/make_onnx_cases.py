"""Writes the small ONNX backend-layout cases that test-onnx*.test run.

usage: make_onnx_cases.py OUTDIR

Each case is a folder: model.onnx (built with onnx.helper), test_data_set_N/
input_K.pb and output_K.pb (TensorProto), and for --grad grads/<name>.pb.
Expected forward values come from PyTorch (or, for the deliberately wrong
cases, are PyTorch's values with one element changed); gradients come from
torch.autograd. Run with Debian's /usr/bin/python3 (torch 1.13, onnx).
"""
import os
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT


def value(name, shape, elem=F):
    return helper.make_tensor_value_info(name, elem, shape)


def model(nodes, inputs, outputs, initializers=(), opset=17):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers))
    return helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)])


def write_case(root, name, proto, data_sets, grads=None):
    """data_sets: list of (inputs, outputs), each a list of numpy arrays."""
    folder = os.path.join(root, name)
    os.makedirs(folder, exist_ok=True)
    if proto is not None:
        onnx.save(proto, os.path.join(folder, "model.onnx"))
    for n, (inputs, outputs) in enumerate(data_sets):
        data = os.path.join(folder, "test_data_set_%d" % n)
        os.makedirs(data, exist_ok=True)
        for kind, arrays in (("input", inputs), ("output", outputs)):
            for k, array in enumerate(arrays):
                tensor = numpy_helper.from_array(np.asarray(array))
                with open(os.path.join(data, "%s_%d.pb" % (kind, k)),
                          "wb") as f:
                    f.write(tensor.SerializeToString())
    if grads:
        os.makedirs(os.path.join(folder, "grads"), exist_ok=True)
        for param, array in grads.items():
            tensor = numpy_helper.from_array(np.asarray(array), param)
            with open(os.path.join(folder, "grads", param + ".pb"), "wb") as f:
                f.write(tensor.SerializeToString())
    return folder


def add_relu_model():
    bias = np.array([0.5, -1.0, 2.0], np.float32)
    proto = model(
        [helper.make_node("Add", ["x", "b"], ["s"]),
         helper.make_node("Relu", ["s"], ["y"])],
        [value("x", [2, 3])], [value("y", [2, 3])],
        [numpy_helper.from_array(bias, "b")])
    return proto, bias


def add_relu_sets(bias, count, rng):
    sets = []
    for _ in range(count):
        x = rng.standard_normal((2, 3)).astype(np.float32)
        y = torch.relu(torch.from_numpy(x) + torch.from_numpy(bias)).numpy()
        sets.append(([x], [y]))
    return sets


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(7)

    # Two data sets, both right.
    proto, bias = add_relu_model()
    write_case(out, "test_add_relu", proto, add_relu_sets(bias, 2, rng))

    # Data set 1's output has element [1, 2] off by 0.25.
    sets = add_relu_sets(bias, 2, rng)
    sets[1][1][0][1, 2] += 0.25
    write_case(out, "test_mismatch", proto, sets)

    # sqrt of a negative number is NaN, and NaN matches NaN.
    x = np.array([4.0, -1.0, 0.25, np.nan], np.float32)
    y = torch.sqrt(torch.from_numpy(x)).numpy()
    sqrt = model([helper.make_node("Sqrt", ["x"], ["y"])],
                 [value("x", [4])], [value("y", [4])])
    write_case(out, "test_nan", sqrt, [([x], [y])])
    # A NaN where a number is expected fails.
    wrong = y.copy()
    wrong[1] = 0.0
    write_case(out, "test_nan_mismatch", sqrt, [([x], [wrong])])

    # Integer and bool graph inputs and outputs pass through exactly.
    ints = model(
        [helper.make_node("Identity", ["i"], ["j"]),
         helper.make_node("Identity", ["m"], ["n"])],
        [value("i", [3], TensorProto.INT64), value("m", [2], TensorProto.BOOL)],
        [value("j", [3], TensorProto.INT64), value("n", [2], TensorProto.BOOL)])
    i = np.array([1, -(2 ** 40), 7], np.int64)
    m = np.array([True, False])
    write_case(out, "test_int_bool", ints, [([i, m], [i, m])])
    write_case(out, "test_int_mismatch", ints,
               [([i, m], [i + np.array([0, 0, 1]), m])])

    # Reshape's shape is a graph input: bound at import from data set 0.
    reshape = model([helper.make_node("Reshape", ["x", "shape"], ["y"])],
                    [value("x", [2, 3]), value("shape", [2], TensorProto.INT64)],
                    [value("y", ["a", "b"])])
    x0 = rng.standard_normal((2, 3)).astype(np.float32)
    x1 = rng.standard_normal((2, 3)).astype(np.float32)
    shape = np.array([3, 2], np.int64)
    write_case(out, "test_reshape_shape_input", reshape,
               [([x0, shape], [x0.reshape(3, 2)]),
                ([x1, shape], [x1.reshape(3, 2)])])
    # ... where the data sets disagree on it.
    write_case(out, "test_reshape_shape_disagrees", reshape,
               [([x0, shape], [x0.reshape(3, 2)]),
                ([x1, np.array([6, 1], np.int64)], [x1.reshape(6, 1)])])

    # A dynamic dimension takes its extent from data set 0.
    dynamic = model([helper.make_node("Relu", ["x"], ["y"])],
                    [value("x", ["batch", 2])], [value("y", ["batch", 2])])
    x = rng.standard_normal((3, 2)).astype(np.float32)
    write_case(out, "test_dynamic_dim", dynamic,
               [([x], [torch.relu(torch.from_numpy(x)).numpy()])])

    # An op nnc does not know.
    unknown = model([helper.make_node("Frobnicate", ["x"], ["y"],
                                      name="frob")],
                    [value("x", [2])], [value("y", [2])])
    write_case(out, "test_unknown_op", unknown,
               [([np.zeros(2, np.float32)], [np.zeros(2, np.float32)])])

    # Bad folders: no model.onnx, no data set, a corrupt input_0.pb.
    write_case(out, "test_no_model", None,
               [([np.zeros(2, np.float32)], [np.zeros(2, np.float32)])])
    write_case(out, "test_no_data_set", dynamic, [])
    folder = write_case(out, "test_corrupt_input", proto,
                        add_relu_sets(bias, 1, rng))
    with open(os.path.join(folder, "test_data_set_0", "input_0.pb"),
              "wb") as f:
        f.write(b"\xff\xff\xff not a tensor")

    # --grad: loss = reshape(tanh(x @ w1) @ w2, []) and its gradients with
    # respect to the initializers w1 and w2, by torch.autograd.
    w1 = rng.standard_normal((3, 4)).astype(np.float32)
    w2 = rng.standard_normal((4, 1)).astype(np.float32)
    x = rng.standard_normal((1, 3)).astype(np.float32)
    grad_model = model(
        [helper.make_node("MatMul", ["x", "w1"], ["h"]),
         helper.make_node("Tanh", ["h"], ["t"]),
         helper.make_node("MatMul", ["t", "w2"], ["z"]),
         helper.make_node("Reshape", ["z", "scalar"], ["loss"])],
        [value("x", [1, 3])], [value("loss", [])],
        [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2"),
         numpy_helper.from_array(np.zeros(0, np.int64), "scalar")])
    tw1 = torch.from_numpy(w1).requires_grad_()
    tw2 = torch.from_numpy(w2).requires_grad_()
    loss = (torch.tanh(torch.from_numpy(x) @ tw1) @ tw2).reshape(())
    loss.backward()
    write_case(out, "test_grad", grad_model,
               [([x], [loss.detach().numpy()])],
               {"w1": tw1.grad.numpy(), "w2": tw2.grad.numpy()})
    # The same with a wrong gradient for w2.
    write_case(out, "test_grad_mismatch", grad_model,
               [([x], [loss.detach().numpy()])],
               {"w1": tw1.grad.numpy(), "w2": tw2.grad.numpy() * 2})
    # --grad needs a scalar output 0.
    write_case(out, "test_grad_not_scalar", proto,
               add_relu_sets(bias, 1, rng), {"b": np.ones(3, np.float32)})


if __name__ == "__main__":
    main()
