//===- LossGradients.cpp - Rules of the loss ops --------------------------===//
//
// Losses differentiate in closed form (no per-element chain through their
// reductions): mse gives 2 (input - target), cross-entropy gives
// softmax(logits) minus the target distribution, binary cross-entropy and
// nll_loss PyTorch's formulas (derivatives.yaml), each scaled by the result
// gradient as the reduction spreads it.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

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

/// `reductionScale` for `loss`, which has one value per element of its first
/// operand before the reduction.
template <typename LossOp>
Value perElementScale(ImplicitLocOpBuilder &b, LossOp loss, Value g) {
  return reductionScale(b, g, loss.getReduction(),
                        tensorTypeOf(loss->getOperand(0)).getNumElements(),
                        /*rows=*/false);
}

/// A rank-0 integer constant of `like`'s element type.
Value integerScalarLike(ImplicitLocOpBuilder &b, Value like, int64_t value) {
  Type elementType = tensorTypeOf(like).getElementType();
  auto type = RankedTensorType::get({}, elementType);
  return arith::ConstantOp::create(
      b, DenseElementsAttr::get(type, b.getIntegerAttr(elementType, value)));
}

} // namespace

LogicalResult MseLossOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  Value scale = perElementScale(b, *this, grads[0]);
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

LogicalResult BinaryCrossEntropyOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  Value p = getInput(), t = getTarget();
  Value scale = perElementScale(b, *this, grads[0]);
  // d/dp = (p - t) / max(p (1 - p), 1e-12): PyTorch bounds the denominator
  // so that p of 0 or 1 gives a finite gradient.
  Value complement = SubOp::create(b, scalarLike(b, p, 1.0), p);
  Value denominator = MaximumOp::create(
      b, MulOp::create(b, p, complement), scalarLike(b, p, 1e-12));
  operandGrads[0] = MulOp::create(
      b, DivOp::create(b, SubOp::create(b, p, t), denominator), scale);
  // d/dt = -logit(p) = log((1 - p) / p).
  Value logOdds = LogOp::create(b, DivOp::create(b, complement, p));
  operandGrads[1] = MulOp::create(b, logOdds, scale);
  return success();
}

LogicalResult BinaryCrossEntropyWithLogitsOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput(), t = getTarget();
  Value scale = perElementScale(b, *this, grads[0]);
  // d/dx = sigmoid(x) - t and d/dt = -x.
  operandGrads[0] = MulOp::create(
      b, SubOp::create(b, SigmoidOp::create(b, x), t), scale);
  operandGrads[1] = MulOp::create(b, NegOp::create(b, x), scale);
  return success();
}

LogicalResult NllLossOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  Value input = getInput(), target = getTarget(), g = grads[0];
  RankedTensorType type = tensorTypeOf(input);
  Type elementType = type.getElementType();
  int64_t rank = type.getRank();
  // The loss gradient at each target position, zero where it is ignored.
  Value kept = maskOf(
      b,
      CompareOp::create(b, ComparePredicate::ne, target,
                        integerScalarLike(b, target, getIgnoreIndex())),
      elementType);
  if (getReduction() == "mean") {
    Value count = ReduceSumOp::create(b, kept, ArrayRef<int64_t>{},
                                      /*keepdim=*/false);
    g = DivOp::create(b, g, count);
  }
  Value perPosition = MulOp::create(b, kept, g);
  // d/dinput = -onehot(target) along the class axis 1, scaled.
  SmallVector<int64_t> onehotShape(tensorTypeOf(target).getShape());
  onehotShape.push_back(type.getDimSize(1));
  Value onehot = OneHotOp::create(
      b, RankedTensorType::get(onehotShape, elementType), target);
  if (rank > 2) {
    SmallVector<int64_t> classesSecond = {0, rank - 1};
    for (int64_t d = 1; d + 1 < rank; ++d)
      classesSecond.push_back(d);
    onehot = TransposeOp::create(b, onehot, classesSecond);
  }
  SmallVector<int64_t> withClassAxis(tensorTypeOf(target).getShape());
  withClassAxis.insert(withClassAxis.begin() + 1, 1);
  perPosition = ReshapeOp::create(b, perPosition, withClassAxis);
  operandGrads[0] = NegOp::create(b, MulOp::create(b, onehot, perPosition));
  return success();
}

LogicalResult GaussianKlDivOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  Value muQ = getMuQ(), logvarQ = getLogvarQ(), muP = getMuP(),
        logvarP = getLogvarP();
  Value scale = perElementScale(b, *this, grads[0]);
  // With d = mu_q - mu_p and r = e^(logvar_q - logvar_p):
  // d/dmu_q = d e^-logvar_p = -d/dmu_p, d/dlogvar_q = (r - 1) / 2 and
  // d/dlogvar_p = (1 - r - d^2 e^-logvar_p) / 2.
  Value d = SubOp::create(b, muQ, muP);
  Value invVarP = ExpOp::create(b, NegOp::create(b, logvarP));
  Value ratio = ExpOp::create(b, SubOp::create(b, logvarQ, logvarP));
  Value half = MulOp::create(b, scale, scalarLike(b, muQ, 0.5));
  Value muGrad = MulOp::create(b, MulOp::create(b, d, invVarP), scale);
  operandGrads[0] = muGrad;
  operandGrads[2] = NegOp::create(b, muGrad);
  operandGrads[1] = MulOp::create(
      b, SubOp::create(b, ratio, scalarLike(b, muQ, 1.0)), half);
  Value spread = AddOp::create(
      b, ratio, MulOp::create(b, MulOp::create(b, d, d), invVarP));
  operandGrads[3] = MulOp::create(
      b, SubOp::create(b, scalarLike(b, muQ, 1.0), spread), half);
  return success();
}

} // namespace nnc::nn
