"""Writes the small ONNX models the importer's lit tests read.

usage: make_models.py OUTDIR

Each model is built with onnx.helper (Debian's python3-onnx) and named after
what it exercises; the lit tests FileCheck `nnc import` of them. The bad
models (truncated, unknown op, dangling input, ...) are made here too.
"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT


def tensor(name, shape, elem=F):
    return helper.make_tensor_value_info(name, elem, shape)


def init(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def node(op, inputs, outputs, **attributes):
    """A node named after its first output."""
    return helper.make_node(op, inputs, outputs, name=outputs[0], **attributes)


def const(name, array):
    """A Constant node producing `array` as `name`."""
    return helper.make_node("Constant", [], [name], name=name,
                            value=numpy_helper.from_array(np.asarray(array)))


def model(nodes, inputs, outputs, initializers=(), opset=17):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers))
    return helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)])


def models():
    """Yields (file name, ModelProto) for every test model."""
    rng = np.random.default_rng(0)
    w = lambda *shape: rng.standard_normal(shape).astype(np.float32)

    # An MLP: Gemm with transB (PyTorch's Linear), Relu, MatMul + Add.
    yield "mlp.onnx", model(
        [helper.make_node("Gemm", ["x", "fc1.weight", "fc1.bias"], ["h"],
                          name="fc1", transB=1),
         helper.make_node("Relu", ["h"], ["a"], name="relu"),
         helper.make_node("MatMul", ["a", "w2"], ["m"], name="fc2"),
         helper.make_node("Add", ["m", "b2"], ["logits"], name="bias2")],
        [tensor("x", [2, 4])], [tensor("logits", [2, 3])],
        [init("fc1.weight", w(5, 4)), init("fc1.bias", w(5)),
         init("w2", w(5, 3)), init("b2", w(3))])

    # Gemm with every attribute and a broadcast C.
    yield "gemm_attributes.onnx", model(
        [helper.make_node("Gemm", ["a", "b", "c"], ["y"], name="gemm",
                          alpha=0.5, beta=2.0, transA=1, transB=1)],
        [tensor("a", [4, 3]), tensor("b", [5, 4]), tensor("c", [1, 5])],
        [tensor("y", [3, 5])])

    # Elementwise ops with broadcasting, and a Constant operand.
    unary = ["Neg", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt"]
    nodes = [helper.make_node(
        "Constant", [], ["k"], name="k",
        value=numpy_helper.from_array(np.array([2.0], np.float32)))]
    nodes += [helper.make_node("Sub", ["x", "y"], ["s"], name="sub"),
              helper.make_node("Mul", ["s", "k"], ["m"], name="mul"),
              helper.make_node("Div", ["m", "y"], ["d"], name="div")]
    last = "d"
    for op in unary:
        nodes.append(helper.make_node(op, [last], [op.lower()], name=op))
        last = op.lower()
    nodes.append(helper.make_node("Identity", [last], ["out"], name="id"))
    yield "elementwise.onnx", model(
        nodes, [tensor("x", [2, 3]), tensor("y", [3])], [tensor("out", [2, 3])])

    # Reshape (0 and -1, shape from a Constant and from an initializer),
    # Flatten, Transpose and Concat.
    yield "shapes.onnx", model(
        [helper.make_node("Constant", [], ["shape"], name="shape",
                          value=numpy_helper.from_array(
                              np.array([0, -1], np.int64))),
         helper.make_node("Reshape", ["x", "shape"], ["r"], name="reshape"),
         helper.make_node("Reshape", ["r", "shape3"], ["r3"], name="reshape3"),
         helper.make_node("Flatten", ["r3"], ["f"], name="flatten", axis=2),
         helper.make_node("Transpose", ["x"], ["t"], name="transpose"),
         helper.make_node("Transpose", ["x"], ["p"], name="permute",
                          perm=[0, 2, 1]),
         helper.make_node("Concat", ["p", "p"], ["c"], name="concat",
                          axis=-1)],
        [tensor("x", [2, 3, 4])],
        [tensor("f", [6, 4]), tensor("t", [4, 3, 2]), tensor("c", [2, 4, 6])],
        [init("shape3", np.array([2, 3, 4], np.int64))])

    # Softmax: opset 11 flattens from the axis, opset 13 takes one axis.
    for opset in (11, 13):
        yield f"softmax_opset{opset}.onnx", model(
            [helper.make_node("Softmax", ["x"], ["y"], name="softmax",
                              axis=1)],
            [tensor("x", [2, 3, 4])], [tensor("y", [2, 3, 4])], opset=opset)

    # A CNN block: Conv (pads, strides, dilations, group, auto_pad),
    # BatchNormalization, pooling.
    yield "cnn.onnx", model(
        [helper.make_node("Conv", ["x", "conv.weight", "conv.bias"], ["c"],
                          name="conv", pads=[1, 1, 1, 1], strides=[1, 1]),
         helper.make_node("BatchNormalization",
                          ["c", "bn.weight", "bn.bias", "bn.running_mean",
                           "bn.running_var"], ["n"], name="bn",
                          epsilon=1e-3),
         helper.make_node("Relu", ["n"], ["r"], name="relu"),
         helper.make_node("Conv", ["r", "dw.weight"], ["g"], name="depthwise",
                          group=4, dilations=[2, 2], auto_pad="SAME_UPPER"),
         helper.make_node("MaxPool", ["g"], ["m"], name="maxpool",
                          kernel_shape=[2, 2], strides=[2, 2]),
         helper.make_node("AveragePool", ["m"], ["a"], name="avgpool",
                          kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
         helper.make_node("Conv", ["a", "s.weight"], ["s"], name="strided",
                          strides=[2, 2], auto_pad="SAME_LOWER"),
         helper.make_node("GlobalAveragePool", ["s"], ["y"], name="gap")],
        [tensor("x", [1, 3, 8, 8])], [tensor("y", [1, 4, 1, 1])],
        [init("conv.weight", w(4, 3, 3, 3)), init("conv.bias", w(4)),
         init("bn.weight", w(4)), init("bn.bias", w(4)),
         init("bn.running_mean", w(4)),
         init("bn.running_var", np.abs(w(4)) + 0.5),
         init("dw.weight", w(4, 1, 3, 3)), init("s.weight", w(4, 4, 2, 2))])

    # Opset 6 forms: one-way broadcasting from an axis, BatchNormalization
    # with is_test, Reshape's shape attribute and Concat's default
    # axis (opset 3, before Reshape took its shape as an input in opset 5).
    yield "opset6.onnx", model(
        [helper.make_node("Add", ["x", "b"], ["a"], name="add", broadcast=1,
                          axis=1),
         helper.make_node("BatchNormalization",
                          ["a", "s", "b", "m", "v"], ["n"], name="bn",
                          is_test=1)],
        [tensor("x", [2, 3, 4, 4]), tensor("b", [3]), tensor("s", [3]),
         tensor("m", [3]), tensor("v", [3])],
        [tensor("n", [2, 3, 4, 4])], opset=6)
    yield "opset3_reshape.onnx", model(
        [helper.make_node("Reshape", ["x"], ["r"], name="reshape",
                          shape=[3, -1]),
         helper.make_node("Concat", ["r", "r"], ["y"], name="concat")],
        [tensor("x", [2, 3])], [tensor("y", [3, 4])], opset=3)

    # Bad models.
    yield "unknown_op.onnx", model(
        [helper.make_node("Relu", ["x"], ["r"], name="relu"),
         helper.make_node("Frobnicate", ["r"], ["y"], name="mystery")],
        [tensor("x", [2])], [tensor("y", [2])])
    yield "unnamed_unknown_op.onnx", model(
        [helper.make_node("Relu", ["x"], ["r"]),
         helper.make_node("Frobnicate", ["r"], ["y"])],
        [tensor("x", [2])], [tensor("y", [2])], opset=13)
    yield "dangling_input.onnx", model(
        [helper.make_node("Add", ["x", "nowhere"], ["y"], name="add")],
        [tensor("x", [2])], [tensor("y", [2])])
    yield "int_input.onnx", model(
        [helper.make_node("Identity", ["x"], ["y"], name="id")],
        [tensor("x", [2], TensorProto.UINT16)],
        [tensor("y", [2], TensorProto.UINT16)])
    yield "string_initializer.onnx", model(
        [helper.make_node("Identity", ["x"], ["y"], name="id")],
        [tensor("x", [2])], [tensor("y", [2])],
        [helper.make_tensor("names", TensorProto.STRING, [1], [b"a"])])
    yield "dynamic_dim.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [tensor("x", ["batch", 4])], [tensor("y", ["batch", 4])])
    yield "new_opset.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [tensor("x", [2])], [tensor("y", [2])], opset=19)
    yield "zero_stride.onnx", model(
        [helper.make_node("MaxPool", ["x"], ["y"], name="pool",
                          kernel_shape=[2], strides=[0],
                          auto_pad="SAME_UPPER")],
        [tensor("x", [1, 1, 4])], [tensor("y", [1, 1, 4])])
    yield "bad_shapes.onnx", model(
        [helper.make_node("MatMul", ["x", "z"], ["y"], name="matmul")],
        [tensor("x", [2, 3]), tensor("z", [4, 5])], [tensor("y", [2, 5])])


def write_models(out, named_models):
    """Writes each (file name, ModelProto) pair into folder `out`."""
    os.makedirs(out, exist_ok=True)
    for name, proto in named_models:
        with open(os.path.join(out, name), "wb") as f:
            f.write(proto.SerializeToString())


def main():
    out = sys.argv[1]
    write_models(out, models())
    # A truncated copy of a valid model and bytes that are no protobuf.
    data = open(os.path.join(out, "mlp.onnx"), "rb").read()
    with open(os.path.join(out, "truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(os.path.join(out, "garbage.onnx"), "wb") as f:
        f.write(b"\xff\xff\xff\xff not an onnx model \x00\x01")


if __name__ == "__main__":
    main()
