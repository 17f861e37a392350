//===- NormalizationConverters.cpp - ONNX normalization ops ---------------===//
//
// Each op standardizes its input over some axes, `(x - mean) / sqrt(var +
// epsilon)` with the biased variance, then scales and shifts:
//   LayerNormalization     over the axes from `axis` (default -1) on; Scale
//                          and B broadcast to those trailing dimensions; the
//                          optional Mean and InvStdDev outputs keep the
//                          reduced axes as 1. nn.layer_norm when Scale and B
//                          have exactly the trailing shape and only Y is used.
//   InstanceNormalization  over the spatial axes of [N, C, ...], per-channel
//                          scale and B.
//   BatchNormalization     inference (nn.batch_norm with the running
//                          statistics; `is_test` before opset 7, `spatial`
//                          before 9) or, from opset 14 with training_mode,
//                          the batch's statistics over every axis but 1,
//                          with the running statistics updated as
//                          `running * momentum + batch * (1 - momentum)`
//                          (the biased variance, ONNX's rule).
//   GroupNormalization     (opset 18) the C channels of [N, C, ...] in
//                          num_groups groups, each group standardized over
//                          its channels and the spatial axes; scale and
//                          bias hold one entry per group, as opset 18
//                          defines them.
//   MeanVarianceNormalization  over `axes` (default [0, 2, 3]), no scale,
//                          `(x - mean) / (sqrt(var) + 1e-9)` as ONNX's
//                          function body.
//   LpNormalization        x divided by its L1 or L2 norm along `axis`.
// The compositions are of nn ops, exact up to the order of the arithmetic.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include <onnx/onnx_pb.h>

#include <numeric>

namespace nnc::onnx_import {
namespace {

/// The mean of `x` over `axes` (kept as extent 1) and `x` minus it.
struct Centered {
  mlir::Value mean, deviation;
};

mlir::FailureOr<Centered> center(NodeContext &context, mlir::Value x,
                                 llvm::ArrayRef<int64_t> axes) {
  mlir::FailureOr<mlir::Value> mean =
      reduce<nn::ReduceMeanOp>(context, x, axes, /*keepdim=*/true);
  if (mlir::failed(mean))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> deviation =
      binaryOp<nn::SubOp>(context, x, *mean);
  if (mlir::failed(deviation))
    return mlir::failure();
  return Centered{*mean, *deviation};
}

/// The biased variance over `axes` (kept) of a centered value.
mlir::FailureOr<mlir::Value> variance(NodeContext &context,
                                      mlir::Value deviation,
                                      llvm::ArrayRef<int64_t> axes) {
  mlir::FailureOr<mlir::Value> square =
      binaryOp<nn::MulOp>(context, deviation, deviation);
  if (mlir::failed(square))
    return mlir::failure();
  return reduce<nn::ReduceMeanOp>(context, *square, axes, /*keepdim=*/true);
}

/// `1 / sqrt(var + epsilon)`.
mlir::FailureOr<mlir::Value> inverseStd(NodeContext &context, mlir::Value var,
                                        double epsilon) {
  return unaryOp<nn::RsqrtOp>(
      context,
      binaryOp<nn::AddOp>(context, var, scalarLike(context, var, epsilon)));
}

/// Input `index`, a per-channel vector `[C]`, shaped `[C, 1, ...]` to
/// broadcast against `[N, C, ...]` of `rank`.
mlir::FailureOr<mlir::Value> channelVector(NodeContext &context, size_t index,
                                           int64_t channels, int64_t rank,
                                           llvm::StringRef what) {
  auto input = context.tensorInput(index);
  if (mlir::failed(input))
    return mlir::failure();
  if (input->second.getShape() != llvm::ArrayRef<int64_t>{channels})
    return context.fail(what + " must be a vector of the " +
                        llvm::Twine(channels) + " channels");
  llvm::SmallVector<int64_t> shape(rank - 1, 1);
  shape[0] = channels;
  return reshapeTo(context, input->first, shape);
}

/// `deviation * inv * scale + bias`.
mlir::FailureOr<mlir::Value> scaleAndShift(NodeContext &context,
                                           mlir::Value deviation,
                                           mlir::Value inv, mlir::Value scale,
                                           std::optional<mlir::Value> bias) {
  mlir::FailureOr<mlir::Value> result = binaryOp<nn::MulOp>(
      context, binaryOp<nn::MulOp>(context, deviation, inv), scale);
  if (mlir::failed(result) || !bias)
    return result;
  return binaryOp<nn::AddOp>(context, result, *bias);
}

/// The axes from `first` to the end of a rank.
llvm::SmallVector<int64_t> axesFrom(int64_t first, int64_t rank) {
  llvm::SmallVector<int64_t> axes(rank - first);
  std::iota(axes.begin(), axes.end(), first);
  return axes;
}

/// Whether output `index` of the node is used.
bool usesOutput(NodeContext &context, int index) {
  return index < context.node().output_size() &&
         !context.node().output(index).empty();
}

mlir::LogicalResult convertLayerNormalization(NodeContext &context) {
  auto input = context.tensorInput(0);
  auto scale = context.tensorInput(1);
  if (mlir::failed(input) || mlir::failed(scale))
    return mlir::failure();
  auto [x, type] = *input;
  int64_t rank = type.getRank();
  mlir::FailureOr<int64_t> axis =
      context.normalizeAxis(context.intAttribute("axis", -1), rank, "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  if (context.intAttribute("stash_type", 1) != 1)
    return context.fail("stash_type " +
                        llvm::Twine(context.intAttribute("stash_type", 1)) +
                        " is not supported (1, float32, only)");
  double epsilon = context.floatAttribute("epsilon", 1e-5f);
  std::optional<mlir::Value> bias;
  if (context.hasInput(2)) {
    mlir::FailureOr<mlir::Value> given = context.input(2);
    if (mlir::failed(given))
      return mlir::failure();
    bias = *given;
  }
  llvm::ArrayRef<int64_t> trailing = type.getShape().drop_front(*axis);
  bool exact = scale->second.getShape() == trailing &&
               (!bias || shapeOf(*bias) == trailing);
  mlir::OpBuilder &b = context.builder();
  if (exact && !usesOutput(context, 1) && !usesOutput(context, 2)) {
    mlir::Value shift = bias ? *bias
                             : filledConstant(context, scale->second.getShape(),
                                              type.getElementType(), 0.0);
    return bindOutputs(
        context, {context.createValue<nn::LayerNormOp>(
                     {x, scale->first, shift},
                     {b.getNamedAttr("eps", b.getF64FloatAttr(epsilon))})});
  }
  llvm::SmallVector<int64_t> axes = axesFrom(*axis, rank);
  mlir::FailureOr<Centered> centered = center(context, x, axes);
  if (mlir::failed(centered))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> var =
      variance(context, centered->deviation, axes);
  if (mlir::failed(var))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> inv = inverseStd(context, *var, epsilon);
  if (mlir::failed(inv))
    return mlir::failure();
  return bindOutputs(context, {scaleAndShift(context, centered->deviation, *inv,
                                             scale->first, bias),
                               centered->mean, *inv});
}

mlir::LogicalResult convertInstanceNormalization(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto [x, type] = *input;
  int64_t rank = type.getRank();
  if (rank < 3)
    return context.fail("the input must be [N, C, spatial...] with at least "
                        "one spatial dimension");
  int64_t channels = type.getDimSize(1);
  mlir::FailureOr<mlir::Value> scale =
      channelVector(context, 1, channels, rank, "scale");
  mlir::FailureOr<mlir::Value> bias =
      channelVector(context, 2, channels, rank, "B");
  if (mlir::failed(scale) || mlir::failed(bias))
    return mlir::failure();
  llvm::SmallVector<int64_t> axes = axesFrom(2, rank);
  mlir::FailureOr<Centered> centered = center(context, x, axes);
  if (mlir::failed(centered))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> var =
      variance(context, centered->deviation, axes);
  if (mlir::failed(var))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> inv =
      inverseStd(context, *var, context.floatAttribute("epsilon", 1e-5f));
  if (mlir::failed(inv))
    return mlir::failure();
  return bindOutputs(context, {scaleAndShift(context, centered->deviation, *inv,
                                             *scale, *bias)});
}

mlir::LogicalResult convertGroupNormalization(NodeContext &context) {
  auto input = context.tensorInput(0);
  auto scale = context.tensorInput(1);
  auto bias = context.tensorInput(2);
  if (mlir::failed(input) || mlir::failed(scale) || mlir::failed(bias))
    return mlir::failure();
  auto [x, type] = *input;
  if (type.getRank() < 2)
    return context.fail("the input must be [N, C, ...]");
  if (!context.attribute("num_groups"))
    return context.fail("the num_groups attribute is missing");
  int64_t groups = context.intAttribute("num_groups", 0);
  int64_t channels = type.getDimSize(1);
  if (groups <= 0 || channels % groups != 0)
    return context.fail("num_groups " + llvm::Twine(groups) +
                        " does not divide the " + llvm::Twine(channels) +
                        " channels");
  for (const auto &[given, what] :
       {std::pair(*scale, "scale"), std::pair(*bias, "bias")})
    if (given.second.getShape() != llvm::ArrayRef<int64_t>{groups})
      return context.fail(llvm::Twine(what) + " must be a vector of the " +
                          llvm::Twine(groups) + " groups");
  // [N, G, C / G * spatial]: each group's elements along the last axis.
  int64_t batch = type.getDimSize(0);
  int64_t perGroup =
      batch * groups == 0 ? 0 : type.getNumElements() / (batch * groups);
  mlir::FailureOr<mlir::Value> grouped =
      reshapeTo(context, x, {batch, groups, perGroup});
  if (mlir::failed(grouped))
    return mlir::failure();
  mlir::FailureOr<Centered> centered = center(context, *grouped, {2});
  if (mlir::failed(centered))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> var =
      variance(context, centered->deviation, {2});
  if (mlir::failed(var))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> inv =
      inverseStd(context, *var, context.floatAttribute("epsilon", 1e-5f));
  mlir::FailureOr<mlir::Value> groupScale =
      reshapeTo(context, scale->first, {groups, 1});
  mlir::FailureOr<mlir::Value> groupBias =
      reshapeTo(context, bias->first, {groups, 1});
  if (mlir::failed(inv) || mlir::failed(groupScale) || mlir::failed(groupBias))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> normalized = scaleAndShift(
      context, centered->deviation, *inv, *groupScale, *groupBias);
  if (mlir::failed(normalized))
    return mlir::failure();
  return bindOutputs(context,
                     {reshapeTo(context, *normalized, type.getShape())});
}

/// BatchNormalization in training mode (opset 14 on): the batch statistics
/// normalize, and the running statistics come back updated.
mlir::LogicalResult convertBatchNormalizationTraining(NodeContext &context,
                                                      mlir::Value x) {
  auto type = mlir::cast<mlir::RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  if (rank < 2)
    return context.fail("the input must be [N, C, ...]");
  int64_t channels = type.getDimSize(1);
  mlir::FailureOr<mlir::Value> scale =
      channelVector(context, 1, channels, rank, "scale");
  mlir::FailureOr<mlir::Value> bias =
      channelVector(context, 2, channels, rank, "B");
  mlir::FailureOr<mlir::Value> runningMean = context.input(3);
  mlir::FailureOr<mlir::Value> runningVar = context.input(4);
  if (mlir::failed(scale) || mlir::failed(bias) || mlir::failed(runningMean) ||
      mlir::failed(runningVar))
    return mlir::failure();
  llvm::SmallVector<int64_t> axes = axesFrom(1, rank);
  axes[0] = 0;
  mlir::FailureOr<Centered> centered = center(context, x, axes);
  if (mlir::failed(centered))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> var =
      variance(context, centered->deviation, axes);
  if (mlir::failed(var))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> inv =
      inverseStd(context, *var, context.floatAttribute("epsilon", 1e-5f));
  if (mlir::failed(inv))
    return mlir::failure();
  double momentum = context.floatAttribute("momentum", 0.9f);
  auto update = [&](mlir::Value running,
                    mlir::Value batch) -> mlir::FailureOr<mlir::Value> {
    mlir::FailureOr<mlir::Value> perChannel =
        reshapeTo(context, batch, shapeOf(running));
    return binaryOp<nn::AddOp>(
        context,
        binaryOp<nn::MulOp>(context, running,
                            scalarLike(context, running, momentum)),
        binaryOp<nn::MulOp>(context, perChannel,
                            scalarLike(context, running, 1.0 - momentum)));
  };
  return bindOutputs(
      context,
      {scaleAndShift(context, centered->deviation, *inv, *scale, *bias),
       update(*runningMean, centered->mean), update(*runningVar, *var)});
}

mlir::LogicalResult convertBatchNormalization(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x))
    return mlir::failure();
  if (context.opset() >= 14 && context.intAttribute("training_mode", 0))
    return convertBatchNormalizationTraining(context, *x);
  // Before opset 14 training is `is_test = 0` (before opset 7) or asking
  // for the statistics outputs; `spatial = 0` (before opset 9) keeps
  // statistics per element.
  if (context.opset() < 7 && !context.intAttribute("is_test", 0))
    return context.fail("training mode (is_test = 0) is supported from "
                        "opset 14 (training_mode) only");
  if (context.opset() < 9 && !context.intAttribute("spatial", 1))
    return context.fail("spatial = 0 is not supported");
  llvm::SmallVector<mlir::Value, 5> operands = {*x};
  for (size_t i = 1; i < 5; ++i) {
    mlir::FailureOr<mlir::Value> operand = context.input(i);
    if (mlir::failed(operand))
      return mlir::failure();
    operands.push_back(*operand);
  }
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Operation *> op = context.create<nn::BatchNormOp>(
      operands, {b.getNamedAttr("eps", b.getF64FloatAttr(context.floatAttribute(
                                           "epsilon", 1e-5f))),
                 b.getNamedAttr("training", b.getBoolAttr(false))});
  return mlir::failed(op) ? mlir::failure()
                          : context.setOutputs({(*op)->getResult(0)});
}

mlir::LogicalResult convertMeanVarianceNormalization(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto [x, type] = *input;
  std::vector<int64_t> axes =
      context.intsAttribute("axes").value_or(std::vector<int64_t>{0, 2, 3});
  for (int64_t &axis : axes) {
    mlir::FailureOr<int64_t> normalized =
        context.normalizeAxis(axis, type.getRank(), "axis");
    if (mlir::failed(normalized))
      return mlir::failure();
    axis = *normalized;
  }
  mlir::FailureOr<Centered> centered = center(context, x, axes);
  if (mlir::failed(centered))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> spread = unaryOp<nn::SqrtOp>(
      context, variance(context, centered->deviation, axes));
  if (mlir::failed(spread))
    return mlir::failure();
  return bindOutputs(
      context,
      {binaryOp<nn::DivOp>(context, centered->deviation,
                           binaryOp<nn::AddOp>(context, *spread,
                                               scalarLike(context, x, 1e-9)))});
}

mlir::LogicalResult convertLpNormalization(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto [x, type] = *input;
  mlir::FailureOr<int64_t> axis = context.normalizeAxis(
      context.intAttribute("axis", -1), type.getRank(), "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  int64_t p = context.intAttribute("p", 2);
  mlir::FailureOr<mlir::Value> norm;
  if (p == 1) {
    mlir::FailureOr<mlir::Value> magnitude = unaryOp<nn::AbsOp>(context, x);
    if (mlir::failed(magnitude))
      return mlir::failure();
    norm = reduce<nn::ReduceSumOp>(context, *magnitude, {*axis},
                                   /*keepdim=*/true);
  } else if (p == 2) {
    mlir::FailureOr<mlir::Value> square = binaryOp<nn::MulOp>(context, x, x);
    if (mlir::failed(square))
      return mlir::failure();
    norm = unaryOp<nn::SqrtOp>(
        context,
        reduce<nn::ReduceSumOp>(context, *square, {*axis}, /*keepdim=*/true));
  } else {
    return context.fail("p = " + llvm::Twine(p) +
                        " is not supported (1 or 2, as ONNX allows)");
  }
  return bindOutputs(context, {binaryOp<nn::DivOp>(context, x, norm)});
}

} // namespace

void registerNormalizationConverters(ConverterRegistry &registry) {
  registry.add("LayerNormalization", convertLayerNormalization);
  registry.add("InstanceNormalization", convertInstanceNormalization);
  registry.add("GroupNormalization", convertGroupNormalization);
  registry.add("BatchNormalization", convertBatchNormalization);
  registry.add("MeanVarianceNormalization", convertMeanVarianceNormalization);
  registry.add("LpNormalization", convertLpNormalization);
}

} // namespace nnc::onnx_import
