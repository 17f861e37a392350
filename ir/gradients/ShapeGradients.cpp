//===- ShapeGradients.cpp - Rules of the data-movement ops ----------------===//
//
// Each shape op's gradient moves the result gradient back where the values
// came from: the inverse reshape or permutation, a sum over broadcast
// dimensions, or a scatter into zeros for slices.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

LogicalResult ReshapeOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getInput()))
    return success();
  operandGrads[0] =
      ReshapeOp::create(b, grads[0], tensorTypeOf(getInput()).getShape());
  return success();
}

LogicalResult TransposeOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getInput()))
    return success();
  ArrayRef<int64_t> perm = getPerm();
  SmallVector<int64_t> inverse(perm.size());
  for (auto [i, p] : llvm::enumerate(perm))
    inverse[p] = i;
  operandGrads[0] = TransposeOp::create(b, grads[0], inverse);
  return success();
}

LogicalResult BroadcastToOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getInput()))
    return success();
  operandGrads[0] = sumToShape(b, grads[0], tensorTypeOf(getInput()));
  return success();
}

LogicalResult SliceOp::buildGradients(ImplicitLocOpBuilder &b,
                                      ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getInput()))
    return success();
  Value zeros = zerosOf(b, tensorTypeOf(getInput()));
  operandGrads[0] = SliceScatterOp::create(b, zeros, grads[0], getStarts(),
                                           getStepsAttr());
  return success();
}

LogicalResult SliceScatterOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getInput()))
    return success();
  // The input keeps the gradient outside the slice; the source takes the
  // gradient of the slice.
  RankedTensorType source = tensorTypeOf(getSource());
  ArrayRef<int64_t> starts = getStarts();
  SmallVector<int64_t> steps(source.getRank(), 1), limits;
  if (auto given = getSteps())
    steps.assign(given->begin(), given->end());
  for (int64_t d = 0; d < source.getRank(); ++d)
    limits.push_back(source.getDimSize(d) == 0
                         ? starts[d]
                         : starts[d] + (source.getDimSize(d) - 1) * steps[d] +
                               1);
  operandGrads[0] = SliceScatterOp::create(b, grads[0], zerosOf(b, source),
                                           starts, getStepsAttr());
  operandGrads[1] = SliceOp::create(b, grads[0], starts, limits, getStepsAttr());
  return success();
}

LogicalResult ConcatOp::buildGradients(ImplicitLocOpBuilder &b,
                                       ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getResult()))
    return success();
  RankedTensorType result = tensorTypeOf(getResult());
  int64_t axis = *normalizeAxis(getAxis(), result.getRank());
  SmallVector<int64_t> starts(result.getRank(), 0);
  SmallVector<int64_t> limits(result.getShape());
  int64_t offset = 0;
  for (auto [i, input] : llvm::enumerate(getInputs())) {
    int64_t extent = tensorTypeOf(input).getDimSize(axis);
    starts[axis] = offset;
    limits[axis] = offset + extent;
    operandGrads[i] =
        SliceOp::create(b, grads[0], starts, limits, DenseI64ArrayAttr());
    offset += extent;
  }
  return success();
}

} // namespace nnc::nn
