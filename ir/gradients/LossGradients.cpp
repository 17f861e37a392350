//===- LossGradients.cpp - Rules of the loss ops --------------------------===//
//
// Losses differentiate in closed form (no per-element chain through their
// reductions): mse gives 2 (input - target), cross-entropy gives
// softmax(logits) minus the target distribution, each scaled by the result
// gradient as the reduction spreads it.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

namespace {

/// The loss gradient `g` as a factor on per-element (or, for `rows`, per-row
/// [N, 1]) values: g itself for "none" (reshaped to rows), g / count for
/// "mean" and g for "sum" (rank 0, broadcasting).
Value reductionScale(ImplicitLocOpBuilder &b, Value g, StringRef reduction,
                     int64_t count, bool rows) {
  if (reduction == "mean")
    return DivOp::create(b, g, scalarLike(b, g, count));
  if (reduction == "none" && rows)
    return ReshapeOp::create(b, g,
                             ArrayRef<int64_t>{tensorTypeOf(g).getDimSize(0), 1});
  return g;
}

} // namespace

LogicalResult MseLossOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  RankedTensorType type = tensorTypeOf(getInput());
  Value scale = reductionScale(b, grads[0], getReduction(),
                               type.getNumElements(), /*rows=*/false);
  Value diff = SubOp::create(b, getInput(), getTarget());
  Value inputGrad =
      MulOp::create(b, MulOp::create(b, diff, scalarLike(b, diff, 2.0)), scale);
  operandGrads[0] = inputGrad;
  operandGrads[1] = NegOp::create(b, inputGrad);
  return success();
}

LogicalResult CrossEntropyOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  Value logits = getLogits(), target = getTarget();
  RankedTensorType type = tensorTypeOf(logits);
  Value scale = reductionScale(b, grads[0], getReduction(), type.getDimSize(0),
                               /*rows=*/true);
  Value probs = SoftmaxOp::create(b, logits, 1);
  if (!hasFloatElements(target)) {
    // d/dlogits = softmax - onehot(target).
    Value onehot = OneHotOp::create(b, type, target);
    operandGrads[0] = MulOp::create(b, SubOp::create(b, probs, onehot), scale);
    return success();
  }
  // loss = -sum_c t log_softmax: d/dlogits = softmax sum_c t - t and
  // d/dt = -log_softmax.
  Value mass = ReduceSumOp::create(b, target, ArrayRef<int64_t>{1},
                                   /*keepdim=*/true);
  Value logitsGrad = SubOp::create(b, MulOp::create(b, probs, mass), target);
  operandGrads[0] = MulOp::create(b, logitsGrad, scale);
  Value logProbs = LogSoftmaxOp::create(b, logits, 1);
  operandGrads[1] = MulOp::create(b, NegOp::create(b, logProbs), scale);
  return success();
}

} // namespace nnc::nn
