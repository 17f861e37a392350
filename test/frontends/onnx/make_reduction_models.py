"""Writes the ONNX models of onnx-reduce's converter lit tests.

usage: make_reduction_models.py OUTDIR

Reductions, ArgMax/ArgMin, CumSum, Softmax/LogSoftmax/Hardmax, the
normalizations, the losses and Einsum, each built with onnx.helper
(Debian's python3-onnx) at the opset whose semantics it exercises, and the
bad forms their converters refuse. reduction.test FileChecks `nnc import`.
"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_models import F, const, model, tensor, write_models  # noqa: E402


def one(op, shape, out_shape, opset=17, extra=(), **attributes):
    """A model of one `op` node over input x of `shape` (plus constants)."""
    nodes = [const(name, value) for name, value in extra]
    nodes.append(helper.make_node(op, ["x"] + [n for n, _ in extra], ["y"],
                                  name=op.lower(), **attributes))
    out_type = TensorProto.INT64 if op in ("ArgMax", "ArgMin") else F
    return model(nodes, [tensor("x", shape)],
                 [tensor("y", out_shape, out_type)], opset=opset)


def models():
    x = [2, 3, 4]
    # Every Reduce* op with attribute axes (opset 13), and ReduceSum's axes
    # input (13) with noop_with_empty_axes.
    for op in ["ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
               "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp",
               "ReduceSumSquare"]:
        yield op.lower() + ".onnx", one(op, x, [2, 1, 1], 13, axes=[-1, 1])
    yield "reducemean_all.onnx", one("ReduceMean", x, [], 13, keepdims=0)
    yield "reducesum_axes_input.onnx", one(
        "ReduceSum", x, [3], 13, extra=[("axes", np.array([0, 2], np.int64))],
        keepdims=0)
    yield "reducesum_noop.onnx", one(
        "ReduceSum", x, x, 13, extra=[("axes", np.array([], np.int64))],
        noop_with_empty_axes=1)
    yield "reducesum_attribute_11.onnx", one("ReduceSum", x, [2, 3, 1], 11,
                                             axes=[2])
    yield "reducesum_attribute_13.onnx", one("ReduceSum", x, [2, 3, 1], 13,
                                             axes=[2])
    yield "reducemax_axis_range.onnx", one("ReduceMax", x, [2, 3], 13, axes=[3])

    # ArgMax/ArgMin: default axis 0 and keepdims 1; select_last_index.
    yield "argmax.onnx", one("ArgMax", x, [1, 3, 4], 13)
    yield "argmin_last.onnx", one("ArgMin", x, [2, 4], 13, axis=-2,
                                  keepdims=0, select_last_index=1)

    # CumSum: exclusive, reverse, both.
    for name, attributes in [("cumsum", {}), ("cumsum_exclusive",
                             {"exclusive": 1}), ("cumsum_reverse_exclusive",
                             {"exclusive": 1, "reverse": 1})]:
        yield name + ".onnx", one("CumSum", x, x, 14,
                                  extra=[("axis", np.array(1, np.int32))],
                                  **attributes)

    # Softmax family: opset 11 flattens from axis 1, 13 takes one axis.
    yield "softmax_11.onnx", one("Softmax", x, x, 11)
    yield "logsoftmax_13.onnx", one("LogSoftmax", x, x, 13, axis=1)
    yield "hardmax_13.onnx", one("Hardmax", x, x, 13, axis=1)
    yield "hardmax_11.onnx", one("Hardmax", x, x, 11, axis=1)

    # Normalizations.
    w = lambda *shape: np.linspace(0.5, 1.5, int(np.prod(shape)),  # noqa
                                   dtype=np.float32).reshape(shape)
    yield "layernorm_fused.onnx", model(
        [const("s", w(3, 4)), const("b", w(3, 4)),
         helper.make_node("LayerNormalization", ["x", "s", "b"], ["y"],
                          name="ln", axis=1, epsilon=1e-3)],
        [tensor("x", x)], [tensor("y", x)])
    yield "layernorm_stats.onnx", model(
        [const("s", w(4)),
         helper.make_node("LayerNormalization", ["x", "s"], ["y", "m", "r"],
                          name="ln")],
        [tensor("x", x)],
        [tensor("y", x), tensor("m", [2, 3, 1]), tensor("r", [2, 3, 1])])
    yield "layernorm_stash.onnx", model(
        [const("s", w(4)),
         helper.make_node("LayerNormalization", ["x", "s"], ["y"], name="ln",
                          stash_type=11)],
        [tensor("x", x)], [tensor("y", x)])
    yield "instancenorm.onnx", model(
        [const("s", w(3)), const("b", w(3)),
         helper.make_node("InstanceNormalization", ["x", "s", "b"], ["y"],
                          name="in", epsilon=1e-3)],
        [tensor("x", x)], [tensor("y", x)])
    yield "batchnorm_training.onnx", model(
        [const("s", w(3)), const("b", w(3)), const("m", w(3)),
         const("v", w(3)),
         helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"],
                          ["y", "rm", "rv"], name="bn", training_mode=1,
                          momentum=0.8)],
        [tensor("x", x)],
        [tensor("y", x), tensor("rm", [3]), tensor("rv", [3])], opset=15)
    yield "mvn.onnx", one("MeanVarianceNormalization", [2, 3, 4, 5],
                          [2, 3, 4, 5], 13)
    yield "lpnorm.onnx", one("LpNormalization", x, x, 13, axis=1, p=1)
    yield "lpnorm_p3.onnx", one("LpNormalization", x, x, 13, p=3)

    # Losses over [N, C, d] scores with integer targets.
    yield "sce.onnx", model(
        [const("w", w(3)),
         helper.make_node("SoftmaxCrossEntropyLoss", ["x", "t", "w"],
                          ["loss", "logp"], name="sce", ignore_index=1)],
        [tensor("x", [2, 3, 4]), tensor("t", [2, 4], TensorProto.INT64)],
        [tensor("loss", []), tensor("logp", [2, 3, 4])])
    yield "nll.onnx", model(
        [helper.make_node("NegativeLogLikelihoodLoss", ["x", "t"], ["loss"],
                          name="nll", reduction="sum")],
        [tensor("x", [2, 3]), tensor("t", [2], TensorProto.INT64)],
        [tensor("loss", [])])

    # Einsum: a batched matmul, a trace, an implicit output with ellipsis,
    # and a bad equation.
    yield "einsum_bmm.onnx", model(
        [helper.make_node("Einsum", ["a", "b"], ["y"], name="e",
                          equation="bij,bjk->bik")],
        [tensor("a", [2, 3, 4]), tensor("b", [2, 4, 5])],
        [tensor("y", [2, 3, 5])],opset=12)
    yield "einsum_trace.onnx", model(
        [helper.make_node("Einsum", ["a"], ["y"], name="e", equation="ii")],
        [tensor("a", [3, 3])], [tensor("y", [])],opset=12)
    yield "einsum_ellipsis.onnx", model(
        [helper.make_node("Einsum", ["a", "b"], ["y"], name="e",
                          equation="...ij,...jk")],
        [tensor("a", [2, 1, 3, 4]), tensor("b", [5, 4, 2])],
        [tensor("y", [2, 5, 3, 2])],opset=12)
    yield "einsum_bad.onnx", model(
        [helper.make_node("Einsum", ["a"], ["y"], name="e", equation="ij->k")],
        [tensor("a", [3, 3])], [tensor("y", [3])],opset=12)


def main():
    write_models(sys.argv[1], models())


if __name__ == "__main__":
    main()
