//===- IndexGradients.cpp - Rules of the index, cast and spike ops --------===//
//
// Gather and scatter_add are each other's transposes: a gather's gradient
// adds the result gradient back into zeros at the gathered positions
// (duplicates accumulate), and scatter_add's source gets the result gradient
// gathered at the positions it was added to. A running sum's gradient is the
// running sum in the other direction. Casts between float types cast the
// gradient back. The Heaviside step's gradient is its surrogate's derivative
// (ir/NNIndexOps.td), as spiking networks train. Indices, argmax/argmin and
// casts to or from integers have no gradient.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

LogicalResult GatherOp::buildGradients(ImplicitLocOpBuilder &b,
                                       ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getInput()))
    return success();
  // scatter_add takes one index per source slice: flatten the indices and
  // the matching dimensions of the gradient.
  RankedTensorType input = tensorTypeOf(getInput());
  RankedTensorType indices = tensorTypeOf(getIndices());
  int64_t axis =
      *normalizeAxis(static_cast<int64_t>(getAxis()), input.getRank());
  int64_t count = indices.getNumElements();
  Value flatIndices = getIndices();
  Value flatGrad = grads[0];
  if (indices.getRank() != 1) {
    flatIndices = ReshapeOp::create(b, flatIndices, ArrayRef<int64_t>{count});
    SmallVector<int64_t> shape(input.getShape());
    shape[axis] = count;
    flatGrad = ReshapeOp::create(b, flatGrad, shape);
  }
  operandGrads[0] = ScatterAddOp::create(b, zerosOf(b, input), flatIndices,
                                         flatGrad, getAxisAttr());
  return success();
}

LogicalResult
ScatterAddOp::buildGradients(ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
                             SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getDest()))
    return success();
  operandGrads[0] = grads[0];
  operandGrads[2] = GatherOp::create(b, grads[0], getIndices(), getAxisAttr());
  return success();
}

LogicalResult CumsumOp::buildGradients(ImplicitLocOpBuilder &b,
                                       ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &operandGrads) {
  operandGrads[0] = CumsumOp::create(b, grads[0], getAxisAttr(),
                                     b.getBoolAttr(!getReverse()));
  return success();
}

LogicalResult CastOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getInput()) || !hasFloatElements(getResult()))
    return success();
  operandGrads[0] = CastOp::create(b, getInput().getType(), grads[0]);
  return success();
}

LogicalResult
HeavisideOp::buildGradients(ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
                            SmallVectorImpl<Value> &operandGrads) {
  Value v = getInput(), g = grads[0];
  double slope = getSlope().convertToDouble();
  StringRef surrogate = getSurrogate();
  if (surrogate == "straight_through") {
    operandGrads[0] = g;
  } else if (surrogate == "fast_sigmoid") {
    // g / (slope |v| + 1)^2
    Value scaled =
        MulOp::create(b, AbsOp::create(b, v), scalarLike(b, v, slope));
    Value denominator = AddOp::create(b, scaled, scalarLike(b, v, 1.0));
    operandGrads[0] =
        DivOp::create(b, g, MulOp::create(b, denominator, denominator));
  } else {
    // g slope s (1 - s), s = sigmoid(slope v)
    Value s =
        SigmoidOp::create(b, MulOp::create(b, v, scalarLike(b, v, slope)));
    Value derivative = MulOp::create(
        b, MulOp::create(b, s, SubOp::create(b, scalarLike(b, v, 1.0), s)),
        scalarLike(b, v, slope));
    operandGrads[0] = MulOp::create(b, g, derivative);
  }
  return success();
}

} // namespace nnc::nn
