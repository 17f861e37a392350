"""Writes the ONNX models of the elementwise converters' lit tests.

usage: make_elementwise_models.py OUTDIR

The unary math, activation, comparison, logical, variadic, Clip, Cast,
Pow, Mod and Dropout converters (frontends/onnx/Elementwise*, Activation*,
Logical*), each model named after what it exercises, and the bad uses that
must fail with a clear error. Built with onnx.helper like make_models.py,
whose helpers it reuses. Graph inputs are float; integer and bool tensors
are made inside the graph (Cast, comparisons).
"""
import os
import sys

import numpy as np
from onnx import TensorProto, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_models import model, node, tensor, write_models  # noqa: E402

UNARY = ["Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "Cos",
         "Cosh", "Sin", "Sinh", "Tan", "Tanh", "Exp", "Log", "Sqrt",
         "Reciprocal", "Neg", "Sign", "Ceil", "Floor", "Round", "Erf",
         "Sigmoid", "Relu", "Softplus", "Softsign", "HardSwish"]


def each_output(nodes, inputs, shape, opset=17, extra=()):
    """A model whose outputs are every node's first output, all of `shape`."""
    outputs = [tensor(n.output[0], shape) for n in nodes] + list(extra)
    return model(nodes, inputs, outputs, opset=opset)


def models():
    x = tensor("x", [2, 3])
    y = tensor("y", [3])

    yield "unary.onnx", each_output(
        [node(op, ["x"], [op.lower()]) for op in UNARY], [x], [2, 3])

    yield "activations.onnx", each_output([
        node("LeakyRelu", ["x"], ["leaky"], alpha=0.2),
        node("PRelu", ["x", "y"], ["prelu"]),
        node("Elu", ["x"], ["elu"], alpha=0.5),
        node("Selu", ["x"], ["selu"]),
        node("Celu", ["x"], ["celu"], alpha=2.0),
        node("ThresholdedRelu", ["x"], ["thresholded"], alpha=0.5),
        node("HardSigmoid", ["x"], ["hard_sigmoid"], alpha=0.25, beta=0.4),
        node("Shrink", ["x"], ["shrink"], lambd=1.5, bias=0.5),
    ], [x, y], [2, 3])

    # Before opset 7 a per-channel slope lines up with dimension 1.
    yield "prelu6.onnx", model(
        [node("PRelu", ["a", "s"], ["p"])],
        [tensor("a", [2, 3, 4]), tensor("s", [3])], [tensor("p", [2, 3, 4])],
        opset=6)

    B = TensorProto.BOOL
    yield "logic.onnx", model([
        node("Greater", ["x", "y"], ["gt"]),
        node("Less", ["x", "y"], ["lt"]),
        node("Equal", ["x", "y"], ["eq"]),
        node("LessOrEqual", ["x", "y"], ["le"]),
        node("GreaterOrEqual", ["x", "y"], ["ge"]),
        node("Not", ["gt"], ["not"]),
        node("And", ["gt", "le"], ["and"]),
        node("Or", ["gt", "lt"], ["or"]),
        node("Xor", ["gt", "ge"], ["xor"]),
        node("Where", ["gt", "x", "y"], ["where"]),
        node("IsNaN", ["x"], ["isnan"]),
        node("IsInf", ["x"], ["isinf"]),
        node("IsInf", ["x"], ["isposinf"], detect_negative=0),
        node("IsInf", ["x"], ["isneginf"], detect_positive=0),
        node("IsInf", ["x"], ["isnoinf"], detect_positive=0,
             detect_negative=0),
    ], [x, y], [tensor(n, [2, 3], B) for n in
                ["not", "and", "or", "xor"]] + [tensor("where", [2, 3])] +
        [tensor(n, [2, 3], B) for n in
         ["isnan", "isinf", "isposinf", "isneginf", "isnoinf"]])

    yield "variadic.onnx", each_output([
        node("Max", ["x", "y", "x"], ["max"]),
        node("Min", ["x", "y"], ["min"]),
        node("Sum", ["x", "y", "x"], ["sum"]),
        node("Mean", ["x", "y"], ["mean"]),
        node("Max", ["x"], ["max1"]),
    ], [x, y], [2, 3])

    # Clip from opset 11: bounds as inputs, either missing.
    yield "clip.onnx", each_output([
        node("Clip", ["x", "lo", "hi"], ["both"]),
        node("Clip", ["x", "lo"], ["low"]),
        node("Clip", ["x", "", "hi"], ["high"]),
        node("Clip", ["x"], ["none"]),
    ], [x, tensor("lo", []), tensor("hi", [])], [2, 3])
    # Before opset 11: bounds as attributes.
    yield "clip6.onnx", each_output([
        node("Clip", ["x"], ["both"], min=-0.5, max=0.5),
        node("Clip", ["x"], ["low"], min=0.0),
    ], [x], [2, 3], opset=6)

    I64 = TensorProto.INT64
    yield "integers.onnx", model([
        node("Cast", ["x"], ["i"], to=I64),
        node("Cast", ["y"], ["j"], to=I64),
        node("Mod", ["i", "j"], ["mod"]),
        node("Mod", ["i", "j"], ["fmod"], fmod=1),
        node("Neg", ["i"], ["neg"]),
        node("Abs", ["i"], ["abs"]),
        node("Sign", ["i"], ["sign"]),
        node("Pow", ["i", "j"], ["pow"]),
        node("Pow", ["x", "j"], ["pow_float_int"]),
        node("Add", ["i", "j"], ["add"]),
        node("Div", ["i", "j"], ["div"]),
        node("Cast", ["i"], ["bool"], to=TensorProto.BOOL),
        node("Cast", ["x"], ["double"], to=TensorProto.DOUBLE),
        node("CastLike", ["double", "x"], ["back"]),
        node("Cast", ["x"], ["same"], to=TensorProto.FLOAT),
    ], [x, y], [tensor(n, [2, 3], I64) for n in
                ["mod", "fmod", "neg", "abs", "sign", "pow"]] +
        [tensor("pow_float_int", [2, 3])] +
        [tensor("add", [2, 3], I64), tensor("div", [2, 3], I64)] +
        [tensor("bool", [2, 3], B), tensor("back", [2, 3]),
         tensor("same", [2, 3])])

    # Cast before opset 6 names the type.
    yield "cast_string.onnx", model(
        [node("Cast", ["x"], ["d"], to="DOUBLE")], [x],
        [tensor("d", [2, 3], TensorProto.DOUBLE)], opset=5)

    # Pow and Greater with pre-7 one-way broadcasting from an axis.
    yield "broadcast6.onnx", model([
        node("Pow", ["a", "b"], ["pow"], broadcast=1, axis=1),
        node("Greater", ["a", "b"], ["gt"], broadcast=1, axis=1),
    ], [tensor("a", [2, 3, 4]), tensor("b", [3])],
        [tensor("pow", [2, 3, 4]), tensor("gt", [2, 3, 4], B)], opset=6)

    # Dropout at inference: from opset 12 with a mask (bool), at opset 7
    # (mask in the input's type), training with ratio 0.
    yield "dropout.onnx", model(
        [node("Dropout", ["x"], ["y", "mask"])], [x],
        [tensor("y", [2, 3]), tensor("mask", [2, 3], B)])
    yield "dropout7.onnx", model(
        [node("Dropout", ["x"], ["y", "mask"], ratio=0.3)], [x],
        [tensor("y", [2, 3]), tensor("mask", [2, 3])], opset=7)
    train = numpy_helper.from_array(np.array(True), "train")
    zero = numpy_helper.from_array(np.array(0.0, np.float32), "zero")
    # At inference the ratio does not matter, even as a graph input.
    yield "dropout_ratio_input.onnx", model(
        [node("Dropout", ["x", "r"], ["y"])],
        [x, tensor("r", [])], [tensor("y", [2, 3])], opset=13)
    yield "dropout_train_zero.onnx", model(
        [node("Dropout", ["x", "zero", "train"], ["y"])], [x],
        [tensor("y", [2, 3])], [zero, train])

    # Bad uses.
    yield "dropout_train.onnx", model(
        [node("Dropout", ["x", "", "train"], ["y"])], [x],
        [tensor("y", [2, 3])], [train])
    yield "mod_float.onnx", model(
        [node("Mod", ["x", "x"], ["m"])], [x], [tensor("m", [2, 3])])
    yield "cast_half.onnx", model(
        [node("Cast", ["x"], ["h"], to=TensorProto.FLOAT16)], [x],
        [tensor("h", [2, 3], TensorProto.FLOAT16)])
    yield "not_float.onnx", model(
        [node("Not", ["x"], ["n"])], [x], [tensor("n", [2, 3], B)])
    yield "isnan_int.onnx", model(
        [node("Cast", ["x"], ["i"], to=I64), node("IsNaN", ["i"], ["n"])],
        [x], [tensor("n", [2, 3], B)])
    yield "where_mixed.onnx", model(
        [node("Greater", ["x", "y"], ["c"]),
         node("Cast", ["y"], ["j"], to=I64),
         node("Where", ["c", "x", "j"], ["w"])],
        [x, y], [tensor("w", [2, 3])])
    # Breaks of the op's schema: an input too many, a required input left
    # empty, an input of a type the op does not take.
    yield "relu_two_inputs.onnx", model(
        [node("Relu", ["x", "y"], ["r"])], [x, y], [tensor("r", [2, 3])])
    yield "pow_without_exponent.onnx", model(
        [node("Pow", ["x", ""], ["p"])], [x], [tensor("p", [2, 3])])
    yield "relu_bool.onnx", model(
        [node("Greater", ["x", "y"], ["c"]), node("Relu", ["c"], ["r"])],
        [x, y], [tensor("r", [2, 3], B)])


def main():
    write_models(sys.argv[1], models())


if __name__ == "__main__":
    main()
