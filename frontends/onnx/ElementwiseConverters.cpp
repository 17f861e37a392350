//===- ElementwiseConverters.cpp - ONNX elementwise ops -------------------===//
//
// Broadcasting binary arithmetic (ONNX's multidirectional broadcasting is
// numpy's, as nn's; before opset 7 the one-way form with an axis), Pow, Mod,
// the variadic Max/Min/Sum/Mean, Clip, unary math, Cast/CastLike and Dropout
// at inference. Activations and the comparisons and logic have files of
// their own, Softmax is in SoftmaxConverters.cpp.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include "ir/NNOps.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

/// Neg, Abs and Sign: the nn op on floats; on integers, composed exactly
/// from integer arithmetic and comparisons.
mlir::LogicalResult convertNeg(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  if (mlir::isa<mlir::FloatType>(elementTypeOf(*x)))
    return setResult(context, context.createValue<nn::NegOp>({*x}));
  return setResult(context, context.createValue<nn::SubOp>(
                                {scalarLike(context, *x, 0), *x}));
}

mlir::LogicalResult convertAbs(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  if (mlir::isa<mlir::FloatType>(elementTypeOf(*x)))
    return setResult(context, context.createValue<nn::AbsOp>({*x}));
  auto negated =
      context.createValue<nn::SubOp>({scalarLike(context, *x, 0), *x});
  if (mlir::failed(negated))
    return mlir::failure();
  return setResult(context, context.createValue<nn::MaximumOp>({*x, *negated}));
}

mlir::LogicalResult convertSign(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  mlir::Type type = elementTypeOf(*x);
  if (mlir::isa<mlir::FloatType>(type))
    return setResult(context, context.createValue<nn::SignOp>({*x}));
  // (x > 0) - (x < 0) in x's integer type.
  auto positive = compareWith(context, nn::ComparePredicate::gt, *x, 0);
  auto negative = compareWith(context, nn::ComparePredicate::lt, *x, 0);
  if (mlir::failed(positive) || mlir::failed(negative))
    return mlir::failure();
  return setResult(context, context.createValue<nn::SubOp>(
                                {castTo(context, *positive, type),
                                 castTo(context, *negative, type)}));
}

/// Reciprocal: `1 / x`.
mlir::LogicalResult convertReciprocal(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  return setResult(context, context.createValue<nn::DivOp>(
                                {scalarLike(context, *x, 1), *x}));
}

/// Div: true division of floats; integer division truncates toward zero
/// (C's, as ONNX's reference), computed as the f64 quotient converted back
/// (conversion truncates), exact for operands below 2^53 in magnitude.
mlir::LogicalResult convertDiv(NodeContext &context) {
  auto operands = binaryOperands(context);
  if (mlir::failed(operands))
    return mlir::failure();
  auto [lhs, rhs] = *operands;
  mlir::Type type = elementTypeOf(lhs);
  if (mlir::isa<mlir::FloatType>(type))
    return setResult(context, context.createValue<nn::DivOp>({lhs, rhs}));
  if (elementTypeOf(rhs) != type)
    return context.fail("operands must have the same element type");
  mlir::Type f64 = context.builder().getF64Type();
  auto quotient = context.createValue<nn::DivOp>(
      {castTo(context, lhs, f64), castTo(context, rhs, f64)});
  if (mlir::failed(quotient))
    return mlir::failure();
  return context.setOutputs({castTo(context, *quotient, type)});
}

/// Pow. From opset 12 the exponent may have another type than the base: a
/// float base takes the exponent converted to its type; an integer base is
/// raised in f64 and the result truncated back (numpy's
/// `power(x, y).astype(x.dtype)`, which the ONNX reference computes; exact
/// for every result an f64 holds exactly).
mlir::LogicalResult convertPow(NodeContext &context) {
  auto operands = binaryOperands(context);
  if (mlir::failed(operands))
    return mlir::failure();
  auto [base, exponent] = *operands;
  mlir::Type type = elementTypeOf(base);
  if (mlir::isa<mlir::FloatType>(type))
    return setResult(context, context.createValue<nn::PowOp>(
                                  {base, castTo(context, exponent, type)}));
  mlir::Type f64 = context.builder().getF64Type();
  auto power = context.createValue<nn::PowOp>(
      {castTo(context, base, f64), castTo(context, exponent, f64)});
  if (mlir::failed(power))
    return mlir::failure();
  return context.setOutputs({castTo(context, *power, type)});
}

/// Mod: `fmod = 1` is C's fmod (the sign of the dividend), `fmod = 0`
/// (the default) Python's floored `%` (the sign of the divisor), which ONNX
/// defines for integers only.
mlir::LogicalResult convertMod(NodeContext &context) {
  auto operands = binaryOperands(context);
  if (mlir::failed(operands))
    return mlir::failure();
  int64_t fmod = context.intAttribute("fmod", 0);
  if (fmod != 0 && fmod != 1)
    return context.fail("attribute fmod must be 0 or 1, got " +
                        llvm::Twine(fmod));
  if (!fmod && mlir::isa<mlir::FloatType>(elementTypeOf(operands->first)))
    return context.fail("attribute fmod = 0 (integer modulus) on a floating-"
                        "point input; ONNX requires fmod = 1 for floats");
  if (fmod)
    return setResult(context, context.createValue<nn::FmodOp>(
                                  {operands->first, operands->second}));
  return setResult(context, context.createValue<nn::RemainderOp>(
                                {operands->first, operands->second}));
}

/// Max, Min, Sum (variadic, numpy broadcasting from opset 8; before it the
/// inputs have equal shapes, which broadcasting handles alike): the inputs
/// folded left to right with `OpTy`.
template <typename OpTy>
mlir::FailureOr<mlir::Value> foldInputs(NodeContext &context) {
  if (context.numInputs() == 0)
    return context.fail("needs at least one input");
  mlir::FailureOr<mlir::Value> result = context.input(0);
  for (size_t i = 1; i < context.numInputs() && mlir::succeeded(result); ++i) {
    mlir::FailureOr<mlir::Value> next = context.input(i);
    if (mlir::failed(next))
      return mlir::failure();
    result = context.createValue<OpTy>({*result, *next});
  }
  return result;
}

template <typename OpTy> NodeConverter variadic() {
  return [](NodeContext &context) -> mlir::LogicalResult {
    return setResult(context, foldInputs<OpTy>(context));
  };
}

/// Mean: the sum divided by the number of inputs.
mlir::LogicalResult convertMean(NodeContext &context) {
  mlir::FailureOr<mlir::Value> sum = foldInputs<nn::AddOp>(context);
  if (mlir::failed(sum))
    return mlir::failure();
  return setResult(
      context,
      context.createValue<nn::DivOp>(
          {*sum, scalarLike(context, *sum, double(context.numInputs()))}));
}

/// Clip: `min(max(x, low), high)` (so `high` wins where `low > high`, as
/// ONNX says; NaN stays NaN). Before opset 11 the bounds are attributes
/// (default: none); from 11 on they are optional inputs, either may be
/// missing.
mlir::LogicalResult convertClip(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  auto bound =
      [&](size_t index,
          llvm::StringRef name) -> mlir::FailureOr<std::optional<mlir::Value>> {
    if (context.opset() < 11) {
      if (!context.attribute(name))
        return std::optional<mlir::Value>();
      return std::optional<mlir::Value>(
          scalarLike(context, *x, context.floatAttribute(name, 0)));
    }
    if (!context.hasInput(index))
      return std::optional<mlir::Value>();
    mlir::FailureOr<mlir::Value> value = context.input(index);
    if (mlir::failed(value))
      return mlir::failure();
    return std::optional<mlir::Value>(*value);
  };
  auto low = bound(1, "min");
  auto high = bound(2, "max");
  if (mlir::failed(low) || mlir::failed(high))
    return mlir::failure();
  mlir::Value result = *x;
  if (*low) {
    auto clipped = context.createValue<nn::MaximumOp>({result, **low});
    if (mlir::failed(clipped))
      return mlir::failure();
    result = *clipped;
  }
  if (*high) {
    auto clipped = context.createValue<nn::MinimumOp>({result, **high});
    if (mlir::failed(clipped))
      return mlir::failure();
    result = *clipped;
  }
  return context.setOutputs({result});
}

/// The nn element type of ONNX element type `type` (TensorProto.DataType),
/// or null for one nnc does not have.
mlir::Type elementTypeFor(mlir::OpBuilder &b, int64_t type) {
  switch (type) {
  case onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case onnx::TensorProto::BOOL:
    return b.getI1Type();
  case onnx::TensorProto::INT8:
    return b.getI8Type();
  case onnx::TensorProto::INT32:
    return b.getI32Type();
  case onnx::TensorProto::INT64:
    return b.getI64Type();
  default:
    return {};
  }
}

/// Casts input 0 to `to` after checking that nnc has both types.
mlir::LogicalResult castInput(NodeContext &context, mlir::Type to,
                              const llvm::Twine &target) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  if (!to)
    return context.fail("cast to " + target +
                        ", which nnc does not support (float, double, bool, "
                        "int8, int32, int64)");
  return context.setOutputs({castTo(context, *x, to)});
}

/// Cast: attribute `to`, an ONNX element type (before opset 6 its name as a
/// string, such as "FLOAT").
mlir::LogicalResult convertCast(NodeContext &context) {
  const onnx::AttributeProto *to = context.attribute("to");
  if (!to)
    return context.fail("attribute to is missing");
  int64_t type = to->i();
  if (to->type() == onnx::AttributeProto::STRING) {
    onnx::TensorProto_DataType named;
    if (!onnx::TensorProto_DataType_Parse(to->s(), &named))
      return context.fail("attribute to names no element type: '" + to->s() +
                          "'");
    type = named;
  }
  std::string name = onnx::TensorProto_DataType_IsValid(type)
                         ? onnx::TensorProto_DataType_Name(type)
                         : "type " + std::to_string(type);
  return castInput(context, elementTypeFor(context.builder(), type), name);
}

/// CastLike: to the element type of input 1.
mlir::LogicalResult convertCastLike(NodeContext &context) {
  mlir::FailureOr<mlir::Value> like = context.input(1);
  if (mlir::failed(like))
    return mlir::failure();
  return castInput(context, elementTypeOf(*like), "input 1's type");
}

/// Dropout at inference: the identity, and a mask (when asked for) that
/// keeps everything: true, or 1 in the input's type before opset 10. The
/// mode is training where `is_test = 0` (before opset 7) or the
/// `training_mode` input (from 12, known at import time) is true; training
/// with a non-zero ratio is refused, as nnc's nn.dropout draws other random
/// numbers than ONNX's reference and the result could not match; with ratio
/// 0 it is the identity too.
mlir::LogicalResult convertDropout(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  bool training = false;
  float ratio = context.floatAttribute("ratio", 0.5f);
  if (context.opset() < 7)
    training = context.intAttribute("is_test", 0) == 0;
  if (context.opset() >= 12 && context.hasInput(2)) {
    auto mode = context.constantInput(2);
    if (mlir::failed(mode))
      return mlir::failure();
    const ConstantTensor &tensor = **mode;
    training = tensor.isFloat ? !tensor.floats.empty() && tensor.floats[0]
                              : !tensor.ints.empty() && tensor.ints[0];
  }
  // The ratio input matters in training only (it may be a graph input).
  if (training && context.opset() >= 12) {
    ratio = 0.5f;
    if (context.hasInput(1)) {
      auto given = context.constantInput(1);
      if (mlir::failed(given))
        return mlir::failure();
      const ConstantTensor &tensor = **given;
      ratio = tensor.isFloat ? (tensor.floats.empty() ? 0.5f : tensor.floats[0])
                             : float(tensor.ints.empty() ? 0 : tensor.ints[0]);
    }
  }
  if (training && ratio != 0.0f)
    return context.fail("training mode with ratio " + std::to_string(ratio) +
                        " is not supported: nnc's dropout draws different "
                        "random numbers than ONNX's reference");
  llvm::SmallVector<mlir::Value, 2> outputs = {input->first};
  if (context.node().output_size() > 1 && !context.node().output(1).empty()) {
    mlir::Type maskType = context.opset() < 10 ? input->second.getElementType()
                                               : context.builder().getI1Type();
    outputs.push_back(
        filledConstant(context, input->second.getShape(), maskType, 1.0));
  }
  return context.setOutputs(outputs);
}

/// BitShift is defined on unsigned integers only, which nnc does not have.
mlir::LogicalResult convertBitShift(NodeContext &context) {
  return context.fail("takes unsigned integers (uint8 to uint64), which nnc "
                      "does not support");
}

} // namespace

void registerElementwiseConverters(ConverterRegistry &registry) {
  registry.add("Add", binary<nn::AddOp>());
  registry.add("Sub", binary<nn::SubOp>());
  registry.add("Mul", binary<nn::MulOp>());
  registry.add("Div", convertDiv);
  registry.add("Pow", convertPow);
  registry.add("Mod", convertMod);
  registry.add("Max", variadic<nn::MaximumOp>());
  registry.add("Min", variadic<nn::MinimumOp>());
  registry.add("Sum", variadic<nn::AddOp>());
  registry.add("Mean", convertMean);
  registry.add("Clip", convertClip);
  registry.add("Neg", convertNeg);
  registry.add("Abs", convertAbs);
  registry.add("Sign", convertSign);
  registry.add("Reciprocal", convertReciprocal);
  registry.add("Exp", unary<nn::ExpOp>());
  registry.add("Log", unary<nn::LogOp>());
  registry.add("Sqrt", unary<nn::SqrtOp>());
  registry.add("Erf", unary<nn::ErfOp>());
  registry.add("Floor", unary<nn::FloorOp>());
  registry.add("Ceil", unary<nn::CeilOp>());
  registry.add("Round", unary<nn::RoundOp>());
  registry.add("Sin", unary<nn::SinOp>());
  registry.add("Cos", unary<nn::CosOp>());
  registry.add("Tan", unary<nn::TanOp>());
  registry.add("Asin", unary<nn::AsinOp>());
  registry.add("Acos", unary<nn::AcosOp>());
  registry.add("Atan", unary<nn::AtanOp>());
  registry.add("Sinh", unary<nn::SinhOp>());
  registry.add("Cosh", unary<nn::CoshOp>());
  registry.add("Asinh", unary<nn::AsinhOp>());
  registry.add("Acosh", unary<nn::AcoshOp>());
  registry.add("Atanh", unary<nn::AtanhOp>());
  registry.add("Cast", convertCast);
  registry.add("CastLike", convertCastLike);
  registry.add("Dropout", convertDropout);
  registry.add("BitShift", convertBitShift);
}

} // namespace nnc::onnx_import
