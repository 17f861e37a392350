//===- ReductionGradients.cpp - Rules of reductions and softmax -----------===//
//
// A reduction's gradient spreads back over the reduced axes; reduce_max
// shares it evenly between the elements equal to the maximum (torch.amax's
// convention), logsumexp weights it by softmax, reduce_prod by the product
// of the other elements (exact with zeros, as torch.prod's rule).
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

namespace {

/// The axes of a reduction as non-negative, sorted indices (empty = all).
SmallVector<int64_t> sortedAxes(ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes)
    result.push_back(*normalizeAxis(axis, rank));
  llvm::sort(result);
  return result;
}

/// Number of input elements that fold into each element of the result.
int64_t reducedCount(RankedTensorType input, ArrayRef<int64_t> axes) {
  if (axes.empty())
    return input.getNumElements();
  int64_t count = 1;
  for (int64_t axis : axes)
    count *= input.getDimSize(axis);
  return count;
}

/// The result gradient spread over the input of reduction `op`.
template <typename ReduceOpTy>
Value spread(ImplicitLocOpBuilder &b, ReduceOpTy op, Value gradient,
             SmallVectorImpl<int64_t> &axes) {
  RankedTensorType input = tensorTypeOf(op.getInput());
  axes = sortedAxes(op.getAxes(), input.getRank());
  return expandReduced(b, gradient, input, axes, op.getKeepdim());
}

} // namespace

LogicalResult ReduceSumOp::buildGradients(ImplicitLocOpBuilder &b,
                                          ArrayRef<Value> grads,
                                          SmallVectorImpl<Value> &operandGrads) {
  SmallVector<int64_t> axes;
  operandGrads[0] = spread(b, *this, grads[0], axes);
  return success();
}

LogicalResult ReduceMeanOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  SmallVector<int64_t> axes;
  Value spreadGrad = spread(b, *this, grads[0], axes);
  double count = reducedCount(tensorTypeOf(getInput()), axes);
  operandGrads[0] = DivOp::create(b, spreadGrad,
                                  scalarLike(b, spreadGrad, count));
  return success();
}

LogicalResult ReduceMaxOp::buildGradients(ImplicitLocOpBuilder &b,
                                          ArrayRef<Value> grads,
                                          SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput();
  RankedTensorType input = tensorTypeOf(x);
  SmallVector<int64_t> axes;
  Value spreadGrad = spread(b, *this, grads[0], axes);
  Value maximum = expandReduced(b, getResult(), input, axes, getKeepdim());
  Value mask = maskOf(b, CompareOp::create(b, ComparePredicate::eq, x, maximum),
                      input.getElementType());
  Value ties = ReduceSumOp::create(b, mask, axes, /*keepdim=*/true);
  operandGrads[0] =
      DivOp::create(b, MulOp::create(b, spreadGrad, mask), ties);
  return success();
}

LogicalResult ReduceProdOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  // d prod / d x_i is the product of the other elements. Without zeros in
  // the slice that is prod / x_i; with one zero it is the product of the
  // nonzero elements at the zero and 0 elsewhere; with more, 0 everywhere.
  Value x = getInput();
  RankedTensorType input = tensorTypeOf(x);
  SmallVector<int64_t> axes;
  Value spreadGrad = spread(b, *this, grads[0], axes);
  Value zero = scalarLike(b, x, 0.0), one = scalarLike(b, x, 1.0);
  Value isZero = CompareOp::create(b, ComparePredicate::eq, x, zero);
  Value zeros = ReduceSumOp::create(
      b, maskOf(b, isZero, input.getElementType()), axes, /*keepdim=*/true);
  Value nonzeroProduct = ReduceProdOp::create(
      b, SelectOp::create(b, isZero, one, x), axes, /*keepdim=*/true);
  Value atNonzero = SelectOp::create(
      b, CompareOp::create(b, ComparePredicate::eq, zeros, zero),
      DivOp::create(b, nonzeroProduct, SelectOp::create(b, isZero, one, x)),
      zero);
  Value atZero = SelectOp::create(
      b, CompareOp::create(b, ComparePredicate::eq, zeros, one),
      nonzeroProduct, zero);
  operandGrads[0] = MulOp::create(
      b, spreadGrad, SelectOp::create(b, isZero, atZero, atNonzero));
  return success();
}

LogicalResult LogSumExpOp::buildGradients(ImplicitLocOpBuilder &b,
                                          ArrayRef<Value> grads,
                                          SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput();
  SmallVector<int64_t> axes;
  Value spreadGrad = spread(b, *this, grads[0], axes);
  Value lse = expandReduced(b, getResult(), tensorTypeOf(x), axes,
                            getKeepdim());
  Value weights = ExpOp::create(b, SubOp::create(b, x, lse));
  operandGrads[0] = MulOp::create(b, spreadGrad, weights);
  return success();
}

LogicalResult SoftmaxOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  // dx = y (g - sum(g y)) along the axis.
  Value y = getResult(), g = grads[0];
  int64_t axis = *normalizeAxis(getAxis(), tensorTypeOf(y).getRank());
  Value dot = ReduceSumOp::create(b, MulOp::create(b, g, y),
                                  ArrayRef<int64_t>{axis}, /*keepdim=*/true);
  operandGrads[0] = MulOp::create(b, y, SubOp::create(b, g, dot));
  return success();
}

LogicalResult LogSoftmaxOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  // dx = g - e^y sum(g) along the axis.
  Value y = getResult(), g = grads[0];
  int64_t axis = *normalizeAxis(getAxis(), tensorTypeOf(y).getRank());
  Value total =
      ReduceSumOp::create(b, g, ArrayRef<int64_t>{axis}, /*keepdim=*/true);
  operandGrads[0] =
      SubOp::create(b, g, MulOp::create(b, ExpOp::create(b, y), total));
  return success();
}

} // namespace nnc::nn
