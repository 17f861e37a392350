"""Writes the ONNX models of import-boundary.test: graph inputs and outputs of
every element type nnc takes, dynamic dimensions, and graph inputs that an op
needs at import time (Reshape's shape), with the TensorProto file that binds
such an input.

usage: make_boundary_models.py OUTDIR
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_models import model, tensor  # noqa: E402


def models():
    types = [("f", TensorProto.FLOAT), ("d", TensorProto.DOUBLE),
             ("i32", TensorProto.INT32), ("i64", TensorProto.INT64),
             ("i8", TensorProto.INT8), ("u8", TensorProto.UINT8),
             ("b", TensorProto.BOOL)]
    yield "boundary_types.onnx", model(
        [helper.make_node("Identity", [n], [n + "_out"]) for n, _ in types],
        [tensor(n, [2], t) for n, t in types],
        [tensor(n + "_out", [2], t) for n, t in types])
    reshape = helper.make_node("Reshape", ["x", "shape"], ["y"])
    yield "reshape_input.onnx", model(
        [reshape],
        [tensor("x", [2, 3]), tensor("shape", [2], TensorProto.INT64)],
        [tensor("y", [3, 2])])
    # `shape` is needed at import time and is also an output: it stays an
    # argument.
    yield "reshape_input_also_output.onnx", model(
        [reshape, helper.make_node("Identity", ["shape"], ["s"])],
        [tensor("x", [2, 3]), tensor("shape", [2], TensorProto.INT64)],
        [tensor("y", [3, 2]), tensor("s", [2], TensorProto.INT64)])
    yield "dynamic.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"])],
        [tensor("x", ["batch", 4])], [tensor("y", ["batch", 4])])
    yield "wrong_output_type.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"])],
        [tensor("x", [2])], [tensor("y", [2], TensorProto.INT64)])
    yield "uint16_output.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"])],
        [tensor("x", [2])], [tensor("y", [2], TensorProto.UINT16)])


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, proto in models():
        onnx.save(proto, os.path.join(out, name))
    shape = numpy_helper.from_array(np.array([3, 2], np.int64))
    with open(os.path.join(out, "shape.pb"), "wb") as f:
        f.write(shape.SerializeToString())


if __name__ == "__main__":
    main()
