//===- IndexGradients.cpp - Rules of the index, cast and spike ops --------===//
//
// Gather and scatter_add are each other's transposes: a gather's gradient
// adds the result gradient back into zeros at the gathered positions
// (duplicates accumulate), and scatter_add's source gets the result gradient
// gathered at the positions it was added to; scatter_reduce's gradient
// follows torch's index_reduce (the op's description), built from gathers,
// scatter_adds and elementwise ops. A running sum's gradient is the running
// sum in the other direction. Casts between float types cast the gradient
// back. The Heaviside step's gradient is its surrogate's derivative
// (ir/NNIndexOps.td), as spiking networks train. Indices, argmax/argmin and
// casts to or from integers have no gradient.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

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

namespace {

/// A constant tensor of float `type` with every element `value`.
Value filledWith(ImplicitLocOpBuilder &b, RankedTensorType type, double value) {
  return arith::ConstantOp::create(
      b, DenseElementsAttr::get(type,
                                b.getFloatAttr(type.getElementType(), value)));
}

} // namespace

LogicalResult
ScatterReduceOp::buildGradients(ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
                                SmallVectorImpl<Value> &operandGrads) {
  Value g = grads[0], dest = getDest(), source = getSource();
  Value indices = getIndices();
  IntegerAttr axis = getAxisAttr();
  RankedTensorType destType = tensorTypeOf(dest);
  Type element = destType.getElementType();
  StringRef reduce = getReduce();
  bool includeSelf = getIncludeSelf();
  auto gather = [&](Value from) -> Value {
    return GatherOp::create(b, from, indices, axis);
  };
  auto scatterAdd = [&](Value into, Value what) -> Value {
    return ScatterAddOp::create(b, into, indices, what, axis);
  };
  // How many source slices reached each destination element.
  auto received = [&]() -> Value {
    return scatterAdd(zerosOf(b, destType),
                      filledWith(b, tensorTypeOf(source), 1.0));
  };
  // Without include_self, dest takes part only where no index reached.
  Value unreached;
  if (!includeSelf) {
    Value counts = received();
    unreached = CompareOp::create(b, ComparePredicate::eq, counts,
                                  scalarLike(b, counts, 0.0));
  }

  Value destGrad, sourceGrad;
  if (reduce == "sum") {
    destGrad = g;
    sourceGrad = gather(g);
  } else if (reduce == "mean") {
    // Each element of a segment gets the gradient over the segment's size
    // (dest counting once with include_self; an empty segment is dest).
    Value counts = received();
    Value one = scalarLike(b, counts, 1.0);
    Value size = includeSelf ? AddOp::create(b, counts, one).getResult()
                             : MaximumOp::create(b, counts, one).getResult();
    destGrad = DivOp::create(b, g, size);
    sourceGrad = gather(destGrad);
  } else {
    // amax/amin: the gradient is split evenly among the elements equal to
    // the result (dest's only where it takes part).
    Value result = getResult();
    Value destShare = maskOf(
        b, CompareOp::create(b, ComparePredicate::eq, dest, result), element);
    if (unreached)
      destShare = MulOp::create(b, destShare, maskOf(b, unreached, element));
    Value sourceShare = maskOf(
        b, CompareOp::create(b, ComparePredicate::eq, source, gather(result)),
        element);
    Value winners = scatterAdd(destShare, sourceShare);
    // A NaN result equals no element: nothing to divide among.
    Value each = DivOp::create(
        b, g, MaximumOp::create(b, winners, scalarLike(b, winners, 1.0)));
    destGrad = MulOp::create(b, destShare, each);
    sourceGrad = MulOp::create(b, sourceShare, gather(each));
  }
  if (unreached)
    destGrad =
        SelectOp::create(b, unreached, destGrad, scalarLike(b, destGrad, 0.0));
  operandGrads[0] = destGrad;
  operandGrads[2] = sourceGrad;
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
