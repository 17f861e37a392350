//===- LossConverters.cpp - ONNX NegativeLogLikelihoodLoss and SCE loss ---===//
//
// NegativeLogLikelihoodLoss takes log-probabilities [N, C] or [N, C, d...]
// and integer targets [N] or [N, d...]; each position's loss is
// `-weight[t] * input[n, t, d...]` (weight 1 without the optional weight
// input), 0 where the target equals `ignore_index` (when given).
// `reduction` "none" keeps the per-position losses, "sum" adds them, "mean"
// (the default) divides the sum by the sum of the weights of the targets
// not ignored. SoftmaxCrossEntropyLoss is the same loss of
// log_softmax(scores) along axis 1, whose optional second output is that
// log_softmax. nn.nll_loss picks `-input[n, t]` (and zeroes ignored
// positions); the weights are gathered and multiplied in by nn ops.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

/// The loss of `logProb` against input `targetIndex` with the optional
/// weight input `weightIndex`, reduced as the node says.
mlir::FailureOr<mlir::Value> negativeLogLikelihood(NodeContext &context,
                                                   mlir::Value logProb,
                                                   size_t targetIndex,
                                                   size_t weightIndex) {
  auto target = context.tensorInput(targetIndex);
  if (mlir::failed(target))
    return mlir::failure();
  auto logType = mlir::cast<mlir::RankedTensorType>(logProb.getType());
  if (!mlir::isa<mlir::IntegerType>(target->second.getElementType()))
    return context.fail("the target must hold integer class indices");
  if (logType.getRank() < 2 ||
      target->second.getRank() != logType.getRank() - 1)
    return context.fail("the input must be [N, C, d...] and the target "
                        "[N, d...]");
  std::string reduction = context.stringAttribute("reduction", "mean");
  if (reduction != "none" && reduction != "sum" && reduction != "mean")
    return context.fail("unknown reduction '" + reduction + "'");
  const onnx::AttributeProto *ignore = context.attribute("ignore_index");
  // nn.nll_loss ignores -100 by default; with no ignore_index no target is
  // ignored, and a target of -100 is out of range either way.
  int64_t ignoreIndex = ignore ? ignore->i() : -100;
  mlir::OpBuilder &b = context.builder();
  bool weighted = context.hasInput(weightIndex);
  mlir::FailureOr<mlir::Value> picked = context.createValue<nn::NllLossOp>(
      {logProb, target->first},
      {b.getNamedAttr("reduction",
                      b.getStringAttr(weighted ? "none" : reduction)),
       b.getNamedAttr("ignore_index", b.getI64IntegerAttr(ignoreIndex))});
  if (!weighted || mlir::failed(picked))
    return picked;
  mlir::FailureOr<mlir::Value> weight = context.input(weightIndex);
  if (mlir::failed(weight))
    return mlir::failure();
  if (shapeOf(*weight) != llvm::ArrayRef<int64_t>{logType.getDimSize(1)})
    return context.fail("the weight must be a vector of the " +
                        llvm::Twine(logType.getDimSize(1)) + " classes");
  mlir::FailureOr<mlir::Value> perTarget =
      gather(context, *weight, target->first, 0);
  if (mlir::failed(perTarget))
    return mlir::failure();
  if (ignore) {
    mlir::FailureOr<mlir::Value> kept = compareWith(
        context, nn::ComparePredicate::ne, target->first, ignoreIndex);
    if (mlir::failed(kept))
      return mlir::failure();
    perTarget = context.createValue<nn::SelectOp>(
        {*kept, *perTarget, scalarLike(context, *perTarget, 0.0)});
    if (mlir::failed(perTarget))
      return mlir::failure();
  }
  mlir::FailureOr<mlir::Value> losses =
      binaryOp<nn::MulOp>(context, picked, perTarget);
  if (reduction == "none" || mlir::failed(losses))
    return losses;
  mlir::FailureOr<mlir::Value> total =
      reduce<nn::ReduceSumOp>(context, *losses, {}, /*keepdim=*/false);
  if (reduction == "sum")
    return total;
  return binaryOp<nn::DivOp>(
      context, total,
      reduce<nn::ReduceSumOp>(context, *perTarget, {}, /*keepdim=*/false));
}

mlir::LogicalResult convertNegativeLogLikelihoodLoss(NodeContext &context) {
  mlir::FailureOr<mlir::Value> input = context.input(0);
  if (mlir::failed(input))
    return mlir::failure();
  return bindOutputs(context, {negativeLogLikelihood(context, *input, 1, 2)});
}

mlir::LogicalResult convertSoftmaxCrossEntropyLoss(NodeContext &context) {
  auto scores = context.tensorInput(0);
  if (mlir::failed(scores))
    return mlir::failure();
  if (scores->second.getRank() < 2)
    return context.fail("the scores must be [N, C, d...]");
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> logProb = context.createValue<nn::LogSoftmaxOp>(
      {scores->first}, {b.getNamedAttr("axis", b.getI64IntegerAttr(1))});
  if (mlir::failed(logProb))
    return mlir::failure();
  return bindOutputs(
      context, {negativeLogLikelihood(context, *logProb, 1, 2), *logProb});
}

} // namespace

void registerLossConverters(ConverterRegistry &registry) {
  registry.add("NegativeLogLikelihoodLoss", convertNegativeLogLikelihoodLoss);
  registry.add("SoftmaxCrossEntropyLoss", convertSoftmaxCrossEntropyLoss);
}

} // namespace nnc::onnx_import
