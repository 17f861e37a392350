//===- ActivationConverters.cpp - ONNX activations ------------------------===//
//
// Every activation of the default domain up to opset 18, each with its
// attribute defaults. Where nn has the function (relu, sigmoid, tanh,
// leaky_relu, elu, softplus, mish) it is used; the others are composed exactly
// from nn ops, as each comment says.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include "ir/NNOps.h"

namespace nnc::onnx_import {
namespace {

mlir::LogicalResult convertLeakyRelu(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  mlir::OpBuilder &b = context.builder();
  double alpha = context.floatAttribute("alpha", 0.01f);
  return setResult(
      context,
      context.createValue<nn::LeakyReluOp>(
          {*x}, {b.getNamedAttr("negative_slope", b.getF64FloatAttr(alpha))}));
}

/// PRelu: `x < 0 ? slope * x : x`, the slope broadcasting to x. Before
/// opset 7 a slope of one value per channel (extent 1 of x, as PyTorch
/// exports it) lines up with dimension 1 of x, not with the last one.
mlir::LogicalResult convertPRelu(NodeContext &context) {
  auto input = context.tensorInput(0);
  auto given = context.tensorInput(1);
  if (mlir::failed(input) || mlir::failed(given))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> x = input->first, slope = given->first;
  mlir::RankedTensorType xType = input->second, slopeType = given->second;
  if (context.opset() < 7 && slopeType.getRank() == 1 && xType.getRank() > 2 &&
      slopeType.getDimSize(0) != 1 &&
      slopeType.getDimSize(0) == xType.getDimSize(1)) {
    llvm::SmallVector<int64_t> shape(xType.getRank() - 1, 1);
    shape[0] = slopeType.getDimSize(0);
    slope = reshapeTo(context, *slope, shape);
    if (mlir::failed(slope))
      return mlir::failure();
  }
  auto negative = compareWith(context, nn::ComparePredicate::lt, *x, 0);
  auto scaled = binaryOp<nn::MulOp>(context, *x, *slope);
  if (mlir::failed(negative) || mlir::failed(scaled))
    return mlir::failure();
  return setResult(context,
                   context.createValue<nn::SelectOp>({*negative, *scaled, *x}));
}

/// nn.elu of `x` with `alpha`.
mlir::FailureOr<mlir::Value> elu(NodeContext &context, mlir::Value x,
                                 double alpha) {
  mlir::OpBuilder &b = context.builder();
  return context.createValue<nn::EluOp>(
      {x}, {b.getNamedAttr("alpha", b.getF64FloatAttr(alpha))});
}

mlir::LogicalResult convertElu(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  return setResult(context,
                   elu(context, *x, context.floatAttribute("alpha", 1.0f)));
}

/// Selu: `gamma * elu(x, alpha)` (elu is x above 0, `alpha (e^x - 1)`
/// below, as Selu's two branches are before scaling).
mlir::LogicalResult convertSelu(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  auto inner = elu(context, *x,
                   context.floatAttribute("alpha", 1.67326319217681884765625f));
  if (mlir::failed(inner))
    return mlir::failure();
  double gamma = context.floatAttribute("gamma", 1.05070102214813232421875f);
  return setResult(
      context,
      binaryOp<nn::MulOp>(context, *inner, scalarLike(context, *x, gamma)));
}

/// Celu: `alpha * elu(x / alpha)` (`x` above 0, `alpha (e^(x/alpha) - 1)`
/// below).
mlir::LogicalResult convertCelu(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  double alpha = context.floatAttribute("alpha", 1.0f);
  if (alpha == 0.0)
    return context.fail("attribute alpha must not be 0");
  auto scaled =
      context.createValue<nn::DivOp>({*x, scalarLike(context, *x, alpha)});
  if (mlir::failed(scaled))
    return mlir::failure();
  auto inner = elu(context, *scaled, 1.0);
  if (mlir::failed(inner))
    return mlir::failure();
  return setResult(
      context,
      binaryOp<nn::MulOp>(context, *inner, scalarLike(context, *x, alpha)));
}

/// ThresholdedRelu: `x > alpha ? x : 0`.
mlir::LogicalResult convertThresholdedRelu(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  auto above = compareWith(context, nn::ComparePredicate::gt, *x,
                           context.floatAttribute("alpha", 1.0f));
  if (mlir::failed(above))
    return mlir::failure();
  return setResult(context, context.createValue<nn::SelectOp>(
                                {*above, *x, scalarLike(context, *x, 0)}));
}

/// `max(0, min(1, alpha x + beta))`.
mlir::FailureOr<mlir::Value> hardSigmoid(NodeContext &context, mlir::Value x,
                                         double alpha, double beta) {
  auto scaled = binaryOp<nn::MulOp>(context, x, scalarLike(context, x, alpha));
  if (mlir::failed(scaled))
    return mlir::failure();
  auto shifted =
      context.createValue<nn::AddOp>({*scaled, scalarLike(context, x, beta)});
  if (mlir::failed(shifted))
    return mlir::failure();
  auto upper =
      context.createValue<nn::MinimumOp>({*shifted, scalarLike(context, x, 1)});
  if (mlir::failed(upper))
    return mlir::failure();
  return context.createValue<nn::MaximumOp>(
      {*upper, scalarLike(context, x, 0)});
}

mlir::LogicalResult convertHardSigmoid(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  return setResult(context, hardSigmoid(context, *x,
                                        context.floatAttribute("alpha", 0.2f),
                                        context.floatAttribute("beta", 0.5f)));
}

/// HardSwish: `x * hard_sigmoid(x)` with alpha 1/6, beta 1/2.
mlir::LogicalResult convertHardSwish(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  auto gate = hardSigmoid(context, *x, 1.0 / 6.0, 0.5);
  if (mlir::failed(gate))
    return mlir::failure();
  return setResult(context, binaryOp<nn::MulOp>(context, *x, *gate));
}

/// Softsign: `x / (1 + |x|)`.
mlir::LogicalResult convertSoftsign(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  auto magnitude = context.createValue<nn::AbsOp>({*x});
  if (mlir::failed(magnitude))
    return mlir::failure();
  auto denominator =
      context.createValue<nn::AddOp>({*magnitude, scalarLike(context, *x, 1)});
  if (mlir::failed(denominator))
    return mlir::failure();
  return setResult(context, context.createValue<nn::DivOp>({*x, *denominator}));
}

/// Shrink: `x + bias` below `-lambd`, `x - bias` above `lambd`, else 0.
mlir::LogicalResult convertShrink(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  double lambd = context.floatAttribute("lambd", 0.5f);
  double bias = context.floatAttribute("bias", 0.0f);
  auto below = compareWith(context, nn::ComparePredicate::lt, *x, -lambd);
  auto above = compareWith(context, nn::ComparePredicate::gt, *x, lambd);
  auto raised =
      context.createValue<nn::AddOp>({*x, scalarLike(context, *x, bias)});
  auto lowered =
      context.createValue<nn::SubOp>({*x, scalarLike(context, *x, bias)});
  if (mlir::failed(below) || mlir::failed(above) || mlir::failed(raised) ||
      mlir::failed(lowered))
    return mlir::failure();
  auto outer = context.createValue<nn::SelectOp>(
      {*above, *lowered, scalarLike(context, *x, 0)});
  if (mlir::failed(outer))
    return mlir::failure();
  return setResult(
      context, context.createValue<nn::SelectOp>({*below, *raised, *outer}));
}

/// Softplus: `log(1 + e^x)`, nn.softplus with beta 1 (its threshold 20 is
/// where `log(1 + e^x)` rounds to `x` in float32 anyway).
mlir::LogicalResult convertSoftplus(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  return setResult(context, context.createValue<nn::SoftplusOp>({*x}));
}

} // namespace

void registerActivationConverters(ConverterRegistry &registry) {
  registry.add("Relu", unary<nn::ReluOp>());
  registry.add("Sigmoid", unary<nn::SigmoidOp>());
  registry.add("Tanh", unary<nn::TanhOp>());
  registry.add("LeakyRelu", convertLeakyRelu);
  registry.add("PRelu", convertPRelu);
  registry.add("Elu", convertElu);
  registry.add("Selu", convertSelu);
  registry.add("Celu", convertCelu);
  registry.add("ThresholdedRelu", convertThresholdedRelu);
  registry.add("HardSigmoid", convertHardSigmoid);
  registry.add("HardSwish", convertHardSwish);
  registry.add("Softplus", convertSoftplus);
  registry.add("Mish", unary<nn::MishOp>());
  registry.add("Softsign", convertSoftsign);
  registry.add("Shrink", convertShrink);
}

} // namespace nnc::onnx_import
