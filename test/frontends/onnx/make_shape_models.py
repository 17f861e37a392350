"""Writes the ONNX models of the folding, shape and index lit tests.

usage: make_shape_models.py OUTDIR

Models built with onnx.helper (helpers shared with make_models.py): shape
arithmetic as PyTorch exports it (folded at import), the shape and index
converters, initializers of every element type, and external data files
(onnx.save_model with save_as_external_data, plus broken variants).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_models import (const, init, model, node, tensor,  # noqa: E402
                         write_models)

I64 = TensorProto.INT64


def models():
    """Yields (file name, ModelProto) for every test model."""
    # x.view(x.size(0), -1) as torch.onnx.export writes it without constant
    # folding: Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
    yield "fold_view.onnx", model(
        [node("Shape", ["x"], ["shape"]),
         const("zero", np.array(0, np.int64)),
         node("Gather", ["shape", "zero"], ["batch"], axis=0),
         const("axes", np.array([0], np.int64)),
         node("Unsqueeze", ["batch", "axes"], ["batch1"]),
         const("minus1", np.array([-1], np.int64)),
         node("Concat", ["batch1", "minus1"], ["target"], axis=0),
         node("Reshape", ["x", "target"], ["y"])],
        [tensor("x", [2, 3, 4])], [tensor("y", [2, 12])])

    # A causal mask and positions: ConstantOfShape, Range, Expand, Trilu-free
    # arithmetic (Less of Unsqueezed ranges), Where, Cast, Size, Shape with
    # start/end (opset 15), Div/Mul/Sub/Mod/Sqrt/Min/Max on shapes.
    yield "fold_mask.onnx", model(
        [node("Shape", ["x"], ["seq"], start=1, end=2),
         node("Squeeze", ["seq"], ["n"]),
         const("start", np.array(0, np.int64)),
         const("step", np.array(1, np.int64)),
         node("Range", ["start", "n", "step"], ["pos"]),
         const("ax0", np.array([0], np.int64)),
         const("ax1", np.array([1], np.int64)),
         node("Unsqueeze", ["pos", "ax0"], ["row"]),
         node("Unsqueeze", ["pos", "ax1"], ["col"]),
         node("Less", ["row", "col"], ["future"]),
         node("ConstantOfShape", ["seq"], ["zeros"],
              value=numpy_helper.from_array(np.array([0.0], np.float32))),
         const("neg", np.array(-1e9, np.float32)),
         node("Expand", ["neg", "seq"], ["negs"]),
         node("Unsqueeze", ["negs", "ax0"], ["negrow"]),
         node("Where", ["future", "negrow", "zeros"], ["mask"]),
         node("Size", ["x"], ["size"]),
         node("Cast", ["size"], ["sizef"], to=TensorProto.FLOAT),
         node("Sqrt", ["sizef"], ["root"]),
         node("Div", ["mask", "root"], ["scaled"]),
         node("Add", ["x", "scaled"], ["y"])],
        [tensor("x", [4, 4])], [tensor("y", [4, 4])], opset=15)

    # Element types are kept: an f64 Constant folds exactly, an f64
    # initializer is an f64 parameter, an int32 initializer folds through
    # Cast into a shape, a bool initializer folds through Cast into an f32
    # constant.
    yield "element_types.onnx", model(
        [const("third", np.array([1.0 / 3, 1e-300], np.float64)),
         const("three", np.array(3.0, np.float64)),
         node("Mul", ["third", "three"], ["exact"]),
         node("Identity", ["w64"], ["param"]),
         node("Cast", ["shape32"], ["shape"], to=TensorProto.INT64),
         node("Reshape", ["x", "shape"], ["r"]),
         node("Cast", ["mask"], ["maskf"], to=TensorProto.FLOAT),
         node("Mul", ["r", "maskf"], ["masked"])],
        [tensor("x", [2, 2])],
        [tensor("exact", [2], TensorProto.DOUBLE),
         tensor("param", [2], TensorProto.DOUBLE), tensor("masked", [4])],
        [init("w64", np.array([0.1, 1.0 / 3], np.float64)),
         init("shape32", np.array([4], np.int32)),
         init("mask", np.array([True, False, True, True]))])

    # The shape converters on run-time values.
    yield "shape_ops.onnx", model(
        [const("axes", np.array([1, -1], np.int64)),
         node("Unsqueeze", ["x", "axes"], ["u"]),
         node("Squeeze", ["u", "axes"], ["s"]),
         const("starts", np.array([1, 3], np.int64)),
         const("ends", np.array([-100, 0], np.int64)),
         const("sax", np.array([0, 1], np.int64)),
         const("steps", np.array([-1, -2], np.int64)),
         node("Slice", ["s", "starts", "ends", "sax", "steps"], ["sl"]),
         const("reps", np.array([2, 3], np.int64)),
         node("Tile", ["sl", "reps"], ["t"]),
         const("eshape", np.array([2, 1, 1], np.int64)),
         node("Expand", ["t", "eshape"], ["e"]),
         node("Split", ["x"], ["p0", "p1"], axis=1)],
        [tensor("x", [3, 4])],
        [tensor("e", [2, 4, 6]), tensor("p0", [3, 2]), tensor("p1", [3, 2])])

    # Gathers with negative indices, Pad modes, Trilu,
    # DepthToSpace, OneHot and a ScatterND with repeated indices.
    yield "index_ops.onnx", model(
        [const("idx", np.array([[-1, 0]], np.int64)),
         node("Gather", ["x", "idx"], ["g"], axis=1),
         const("eidx", np.array([[1, 0], [-1, 2]], np.int64)),
         node("GatherElements", ["x", "eidx"], ["ge"], axis=1),
         const("pads", np.array([1, 2, 0, -1], np.int64)),
         node("Pad", ["x", "pads"], ["reflect"], mode="reflect"),
         const("cv", np.array(7.0, np.float32)),
         node("Pad", ["x", "pads", "cv"], ["constant"]),
         node("Trilu", ["x"], ["lower"], upper=0),
         node("DepthToSpace", ["img"], ["d2s"], blocksize=2, mode="CRD"),
         const("sidx", np.array([[1], [1]], np.int64)),
         node("ScatterND", ["x", "sidx", "upd"], ["sc"], reduction="add")],
        [tensor("x", [3, 4]), tensor("img", [1, 8, 2, 2]),
         tensor("upd", [2, 4])],
        [tensor("g", [3, 1, 2]), tensor("ge", [2, 2]),
         tensor("reflect", [4, 5]), tensor("constant", [4, 5]),
         tensor("lower", [3, 4]), tensor("d2s", [1, 2, 4, 4]),
         tensor("sc", [3, 4])], opset=16)

    # Resize linear (half_pixel) by scales along the last axis, nearest
    # (asymmetric, floor) along the one before; OneHot along axis 0.
    yield "resize_onehot.onnx", model(
        [const("scales", np.array([1, 1, 1, 2], np.float32)),
         node("Resize", ["x", "", "scales"], ["linear"], mode="linear"),
         const("sizes", np.array([1, 1, 4, 2], np.int64)),
         node("Resize", ["x", "", "", "sizes"], ["nearest"],
              coordinate_transformation_mode="asymmetric",
              nearest_mode="floor"),
         const("labels", np.array([2, -1], np.int64)),
         const("depth", np.array(3, np.int64)),
         const("onoff", np.array([0.5, 2.0], np.float32)),
         node("OneHot", ["labels", "depth", "onoff"], ["hot"], axis=0)],
        [tensor("x", [1, 1, 2, 2])],
        [tensor("linear", [1, 1, 2, 4]), tensor("nearest", [1, 1, 4, 2]),
         tensor("hot", [3, 2])], opset=13)

    # Index operands computed at run time (graph inputs): GatherElements
    # (int32 indices), GatherND with batch_dims, ScatterElements assigning
    # (later updates win) and ScatterND taking the maximum.
    yield "runtime_index_ops.onnx", model(
        [node("GatherElements", ["x", "ei"], ["ge"], axis=1),
         node("GatherND", ["x", "ni"], ["gn"], batch_dims=1),
         node("ScatterElements", ["x", "ei", "eu"], ["se"], axis=1),
         node("ScatterND", ["x", "si", "su"], ["sn"], reduction="max")],
        [tensor("x", [3, 4]), tensor("ei", [2, 2], TensorProto.INT32),
         tensor("ni", [3, 1], I64), tensor("eu", [2, 2]),
         tensor("si", [2, 1], I64), tensor("su", [2, 4])],
        [tensor("ge", [2, 2]), tensor("gn", [3]), tensor("se", [3, 4]),
         tensor("sn", [3, 4])], opset=16)

    # Bad shape and index operands.
    yield "bad_scatter_mul.onnx", model(
        [node("ScatterND", ["x", "si", "su"], ["y"], reduction="mul")],
        [tensor("x", [3, 4]), tensor("si", [2, 1], I64),
         tensor("su", [2, 4])], [tensor("y", [3, 4])], opset=16)
    yield "bad_gather_index.onnx", model(
        [const("idx", np.array([5], np.int64)),
         node("Gather", ["x", "idx"], ["y"])],
        [tensor("x", [3, 4])], [tensor("y", [1, 4])])
    yield "bad_nonzero.onnx", model(
        [node("NonZero", ["x"], ["y"])],
        [tensor("x", [3, 4])], [tensor("y", [2, 12], I64)])
    yield "bad_slice_step.onnx", model(
        [const("s", np.array([0], np.int64)),
         const("e", np.array([2], np.int64)),
         const("a", np.array([0], np.int64)),
         const("t", np.array([0], np.int64)),
         node("Slice", ["x", "s", "e", "a", "t"], ["y"])],
        [tensor("x", [3, 4])], [tensor("y", [2, 4])])
    yield "bad_constant_of_shape.onnx", model(
        [node("ConstantOfShape", ["shape"], ["y"])],
        [tensor("shape", [2], I64)], [tensor("y", [2, 2])])


def external_models(out):
    """An MLP whose weights live in an external file, and broken copies."""
    rng = np.random.default_rng(0)
    weight = rng.standard_normal((4, 3)).astype(np.float32)
    proto = model([node("MatMul", ["x", "w"], ["y"])],
                  [tensor("x", [2, 4])], [tensor("y", [2, 3])],
                  [init("w", weight)])
    folder = os.path.join(out, "external")
    os.makedirs(folder, exist_ok=True)
    onnx.save_model(proto, os.path.join(folder, "model.onnx"),
                    save_as_external_data=True, all_tensors_to_one_file=True,
                    location="weights.bin", size_threshold=0)
    np.save(os.path.join(folder, "w.npy"), weight)
    saved = onnx.load(os.path.join(folder, "model.onnx"),
                      load_external_data=False)

    def variant(name, **entries):
        broken = onnx.ModelProto()
        broken.CopyFrom(saved)
        tensor_proto = broken.graph.initializer[0]
        for entry in tensor_proto.external_data:
            if entry.key in entries:
                entry.value = entries.pop(entry.key)
        for key, value in entries.items():
            tensor_proto.external_data.add(key=key, value=value)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(broken.SerializeToString())

    variant("missing_file.onnx", location="nowhere.bin")
    variant("escaping.onnx", location="../weights.bin")
    variant("past_end.onnx", offset="64", length="96")


def main():
    out = sys.argv[1]
    write_models(out, models())
    external_models(out)


if __name__ == "__main__":
    main()
