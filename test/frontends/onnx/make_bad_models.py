"""Writes malformed ONNX models for bad-input.test.

usage: make_bad_models.py OUTDIR

Each model is well-formed protobuf that breaks one rule of ONNX graphs (a
cycle, a value produced twice, a custom domain, an element type or shape nnc
does not take, tensor data that disagrees with its shape); the lit test
checks that `nnc import` names the node or tensor and the problem.
"""
import os
import sys

from onnx import TensorProto, helper

F = TensorProto.FLOAT


def tensor(name, shape, elem=F):
    return helper.make_tensor_value_info(name, elem, shape)


def model(nodes, inputs, outputs, initializers=(), opsets=(("", 17),)):
    graph = helper.make_graph(nodes, "g", inputs, outputs, list(initializers))
    return helper.make_model(
        graph, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets])


def raw_tensor(name, elem, dims, raw):
    """A TensorProto with `dims` and `raw` bytes, consistent or not."""
    proto = TensorProto(name=name, data_type=elem, raw_data=raw)
    proto.dims.extend(dims)
    return proto


def relu_with(initializer):
    """y = x + `initializer`."""
    return model(
        [helper.make_node("Add", ["x", initializer.name], ["y"], name="add")],
        [tensor("x", [2])], [tensor("y", [2])], [initializer])


def models():
    """Yields (file name, ModelProto) for every bad model."""
    # A node that reads its own output.
    yield "cycle_self.onnx", model(
        [helper.make_node("Add", ["x", "y"], ["y"], name="accumulate")],
        [tensor("x", [2])], [tensor("y", [2])])
    # Two nodes that read each other's outputs.
    yield "cycle_pair.onnx", model(
        [helper.make_node("Relu", ["b"], ["a"], name="first"),
         helper.make_node("Relu", ["a"], ["b"], name="second")],
        [tensor("x", [2])], [tensor("b", [2])])
    # No cycle, but a node before the one it reads from.
    yield "unsorted.onnx", model(
        [helper.make_node("Neg", ["r"], ["y"], name="neg"),
         helper.make_node("Relu", ["x"], ["r"], name="relu")],
        [tensor("x", [2])], [tensor("y", [2])])
    # A value produced twice: by two nodes, by a node and a graph input.
    yield "produced_twice.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu"),
         helper.make_node("Neg", ["x"], ["y"], name="neg")],
        [tensor("x", [2])], [tensor("y", [2])])
    yield "overwrites_input.onnx", model(
        [helper.make_node("Relu", ["x"], ["x"])],
        [tensor("x", [2])], [tensor("x", [2])])
    # A node without outputs.
    yield "no_outputs.onnx", model(
        [helper.make_node("Constant", [], [], name="k", value_float=1.0),
         helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [tensor("x", [2])], [tensor("y", [2])])
    # Graph inputs without a name, and one listed twice.
    yield "unnamed_input.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [tensor("x", [2]), tensor("", [2])], [tensor("y", [2])])
    yield "input_twice.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [tensor("x", [2]), tensor("x", [3])], [tensor("y", [2])])
    # A graph output nothing produces.
    yield "dangling_output.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [tensor("x", [2])], [tensor("ghost", [2])])
    # An op of a custom domain, with that domain's opset imported.
    yield "custom_domain.onnx", model(
        [helper.make_node("Relu", ["x"], ["r"], name="relu"),
         helper.make_node("FastGelu", ["r"], ["y"], name="gelu",
                          domain="com.example")],
        [tensor("x", [2])], [tensor("y", [2])],
        opsets=(("", 17), ("com.example", 1)))
    # No default-domain opset at all.
    yield "no_default_opset.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [tensor("x", [2])], [tensor("y", [2])], opsets=(("com.example", 1),))
    # Names with control characters stay on the error's one line.
    yield "newline_in_name.onnx", model(
        [helper.make_node("Frobnicate", ["x"], ["y"], name="two\nlines")],
        [tensor("x", [2])], [tensor("y", [2])])
    # Types nnc does not take: a complex initializer, a sequence input.
    yield "complex_initializer.onnx", relu_with(
        raw_tensor("z", TensorProto.COMPLEX64, [2], b"\0" * 16))
    yield "sequence_input.onnx", model(
        [helper.make_node("Identity", ["s"], ["y"], name="id")],
        [helper.make_tensor_sequence_value_info("s", F, [2])],
        [tensor("y", [2])])
    # Shapes whose element count overflows 64 bits: a graph input, a
    # Reshape's target shape, an op's result.
    big = 1 << 40
    yield "huge_input.onnx", model(
        [helper.make_node("Relu", ["x"], ["y"], name="relu")],
        [tensor("x", [big, big])], [tensor("y", [big, big])])
    yield "reshape_overflow.onnx", model(
        [helper.make_node("Reshape", ["x", "shape"], ["y"], name="reshape")],
        [tensor("x", [2])], [tensor("y", [big, big, 0])],
        [helper.make_tensor("shape", TensorProto.INT64, [3], [big, big, 0])])
    yield "huge_result.onnx", model(
        [helper.make_node("MatMul", ["a", "b"], ["y"], name="matmul")],
        [tensor("a", [big, 1]), tensor("b", [1, big])],
        [tensor("y", [big, big])])
    # Window attributes far beyond any tensor: a stride of 2^40, and a
    # dilated kernel whose SAME padding would be about 2^62.
    yield "huge_stride.onnx", model(
        [helper.make_node("MaxPool", ["x"], ["y"], name="pool",
                          kernel_shape=[1], strides=[big])],
        [tensor("x", [1, 1, 4])], [tensor("y", [1, 1, 1])])
    yield "huge_same_pad.onnx", model(
        [helper.make_node("MaxPool", ["x"], ["y"], name="pool",
                          kernel_shape=[(1 << 31) - 1],
                          dilations=[(1 << 31) - 1], auto_pad="SAME_UPPER")],
        [tensor("x", [1, 1, 4])], [tensor("y", [1, 1, 4])])
    # Tensor data that disagrees with its dims: too few bytes, a negative
    # extent, more elements than 64 bits count, and a count whose byte size
    # wraps around to the 8 bytes given (2^61 + 1 elements of 8 bytes).
    yield "short_raw_data.onnx", relu_with(
        raw_tensor("w", F, [2], b"\0\0\0\0"))
    yield "negative_extent.onnx", relu_with(raw_tensor("w", F, [-2], b""))
    yield "huge_extents.onnx", relu_with(
        raw_tensor("w", F, [1 << 32, 1 << 32, 1 << 32], b""))
    yield "wrapping_size.onnx", relu_with(
        raw_tensor("w", TensorProto.INT64, [(1 << 61) + 1], b"\0" * 8))

    # Import-time computations (ConstantFolding.cpp, Resize's tables) are
    # bounded: results past 2^24 elements or 64 bits are errors, not
    # allocations.
    def const(name, values):
        return helper.make_tensor(name, TensorProto.INT64, [len(values)],
                                  values)
    yield "fold_constant_of_shape.onnx", model(
        [helper.make_node("ConstantOfShape", ["shape"], ["y"], name="fill")],
        [], [tensor("y", [1 << 20, 1 << 20])],
        [const("shape", [1 << 20, 1 << 20])])
    yield "fold_constant_of_shape_overflow.onnx", model(
        [helper.make_node("ConstantOfShape", ["shape"], ["y"], name="fill")],
        [], [tensor("y", [big, big])], [const("shape", [big, big])])
    yield "fold_range.onnx", model(
        [helper.make_node("Range", ["start", "limit", "delta"], ["y"],
                          name="range")],
        [], [tensor("y", [big], TensorProto.INT64)],
        [helper.make_tensor("start", TensorProto.INT64, [], [0]),
         helper.make_tensor("limit", TensorProto.INT64, [], [big]),
         helper.make_tensor("delta", TensorProto.INT64, [], [1])])
    yield "fold_range_overflow.onnx", model(
        [helper.make_node("Range", ["start", "limit", "delta"], ["y"],
                          name="range")],
        [], [tensor("y", [1], TensorProto.INT64)],
        [helper.make_tensor("start", TensorProto.INT64, [], [-(1 << 63)]),
         helper.make_tensor("limit", TensorProto.INT64, [], [(1 << 63) - 1]),
         helper.make_tensor("delta", TensorProto.INT64, [], [1])])
    yield "fold_range_float.onnx", model(
        [helper.make_node("Range", ["start", "limit", "delta"], ["y"],
                          name="range")],
        [], [tensor("y", [1])],
        [helper.make_tensor("start", F, [], [0.0]),
         helper.make_tensor("limit", F, [], [1e30]),
         helper.make_tensor("delta", F, [], [1.0])])
    yield "fold_expand.onnx", model(
        [helper.make_node("Expand", ["k", "shape"], ["y"], name="expand")],
        [], [tensor("y", [1 << 13, 1 << 13, 1 << 13])],
        [const("k", [1]), const("shape", [1 << 13, 1 << 13, 1 << 13])])
    yield "fold_tile.onnx", model(
        [helper.make_node("Tile", ["k", "repeats"], ["y"], name="tile")],
        [], [tensor("y", [1])],
        [const("k", [1, 2]), const("repeats", [big])])
    yield "fold_tile_overflow.onnx", model(
        [helper.make_node("Tile", ["k", "repeats"], ["y"], name="tile")],
        [], [tensor("y", [1])],
        [const("k", [1, 2, 3, 4]), const("repeats", [(1 << 63) - 1])])
    yield "resize_huge_scale.onnx", model(
        [helper.make_node("Resize", ["x", "", "scales"], ["y"],
                          name="resize")],
        [tensor("x", [1, 4])], [tensor("y", [1, 4])],
        [helper.make_tensor("scales", F, [2], [1.0, 1e30])])
    # Opset 18's ops and attributes, misused (libonnx has no opset-18
    # schemas, so the converters check these themselves).
    opset18 = (("", 18),)
    yield "group_norm_groups.onnx", model(
        [helper.make_node("GroupNormalization", ["x", "s", "b"], ["y"],
                          name="gn", num_groups=4)],
        [tensor("x", [1, 6, 2])], [tensor("y", [1, 6, 2])],
        [helper.make_tensor("s", F, [4], [1] * 4),
         helper.make_tensor("b", F, [4], [0] * 4)], opset18)
    yield "group_norm_scale.onnx", model(
        [helper.make_node("GroupNormalization", ["x", "s", "b"], ["y"],
                          name="gn", num_groups=2)],
        [tensor("x", [1, 6, 2])], [tensor("y", [1, 6, 2])],
        [helper.make_tensor("s", F, [6], [1] * 6),
         helper.make_tensor("b", F, [2], [0] * 2)], opset18)
    yield "center_crop_pad_shape.onnx", model(
        [helper.make_node("CenterCropPad", ["x", "shape"], ["y"],
                          name="crop", axes=[0, 1])],
        [tensor("x", [3, 4])], [tensor("y", [2, 2])],
        [helper.make_tensor("shape", TensorProto.INT64, [1], [2])], opset18)
    yield "resize_aspect_policy.onnx", model(
        [helper.make_node("Resize", ["x", "", "", "sizes"], ["y"],
                          name="resize", keep_aspect_ratio_policy="fit")],
        [tensor("x", [1, 4])], [tensor("y", [1, 8])],
        [helper.make_tensor("sizes", TensorProto.INT64, [2], [1, 8])],
        opset18)
    yield "resize_axes_sizes.onnx", model(
        [helper.make_node("Resize", ["x", "", "", "sizes"], ["y"],
                          name="resize", axes=[1])],
        [tensor("x", [1, 4])], [tensor("y", [1, 8])],
        [helper.make_tensor("sizes", TensorProto.INT64, [2], [1, 8])],
        opset18)
    yield "resize_antialias_taps.onnx", model(
        [helper.make_node("Resize", ["x", "", "scales"], ["y"],
                          name="resize", mode="linear", antialias=1)],
        [tensor("x", [1, 1 << 24])], [tensor("y", [1, 1 << 12])],
        [helper.make_tensor("scales", F, [2], [1.0, 1.0 / 4096])], opset18)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, proto in models():
        with open(os.path.join(out, name), "wb") as f:
            f.write(proto.SerializeToString())


if __name__ == "__main__":
    main()
