//===- ConvolutionGradients.cpp - Rules of conv and conv_transpose --------===//
//
// The two convolutions are each other's adjoints: the input gradient of a
// convolution is a transposed convolution of the output gradient with the
// same weight and window, and the other way round. The weight gradient of
// either is itself a convolution, of the input with the output gradient,
// in which batch and channels trade places and stride and dilation swap.
// Every rule emits nn ops, so the gradients differentiate again.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

namespace {

/// `0, 1, ..., rank - 1` with the first two entries swapped.
SmallVector<int64_t> swapLeadingTwo(int64_t rank) {
  SmallVector<int64_t> perm = {1, 0};
  for (int64_t d = 2; d < rank; ++d)
    perm.push_back(d);
  return perm;
}

/// Begins then ends, the explicit form of a window's padding.
SmallVector<int64_t> explicitPadding(const SlidingWindow &window) {
  SmallVector<int64_t> padding(window.padBegin);
  padding.append(window.padEnd);
  return padding;
}

/// `value` cut to `shape` along every axis (keeping the leading part).
Value cropTo(ImplicitLocOpBuilder &b, Value value, ArrayRef<int64_t> shape) {
  if (tensorTypeOf(value).getShape() == shape)
    return value;
  SmallVector<int64_t> starts(shape.size(), 0);
  return SliceOp::create(b, value, starts, shape, DenseI64ArrayAttr());
}

/// d/d weight of `conv(input, weight)` with `window` and `groups`, given
/// the output gradient: `[F, C / groups, kernel...]`. Entry (f, c, k) sums
/// gradOut[n, f, o] * input[n, c, o * stride - pad + k * dilation] over n
/// and o, which is a convolution over o of the input (batch and channels
/// exchanged, with the groups kept apart) by the output gradient.
Value convWeightGradient(ImplicitLocOpBuilder &b, Value input, Value gradOut,
                         const SlidingWindow &window, int64_t groups,
                         ArrayRef<int64_t> kernel) {
  RankedTensorType inputType = tensorTypeOf(input);
  ArrayRef<int64_t> in = inputType.getShape();
  int64_t rank = inputType.getRank(), batch = in[0];
  int64_t groupChannels = in[1] / groups;
  int64_t outChannels = tensorTypeOf(gradOut).getDimSize(1);

  // input [N, G * Ci, S...] -> [Ci, G * N, S...], channels of one group
  // holding that group's batch.
  SmallVector<int64_t> split = {batch, groups, groupChannels};
  split.append(in.begin() + 2, in.end());
  SmallVector<int64_t> perm = {2, 1, 0};
  for (int64_t d = 3; d < rank + 1; ++d)
    perm.push_back(d);
  SmallVector<int64_t> joined = {groupChannels, groups * batch};
  joined.append(in.begin() + 2, in.end());
  Value lhs = ReshapeOp::create(
      b, TransposeOp::create(b, ReshapeOp::create(b, input, split), perm),
      joined);
  // gradOut [N, F, O...] -> [F, N, O...], a weight of F filters over the
  // N channels of each group.
  Value rhs = TransposeOp::create(b, gradOut, swapLeadingTwo(rank));

  Value correlation = ConvOp::create(
      b, lhs, rhs, /*bias=*/Value(), /*stride=*/window.dilation,
      explicitPadding(window), /*dilation=*/window.stride, groups);
  SmallVector<int64_t> cropped = {groupChannels, outChannels};
  cropped.append(kernel.begin(), kernel.end());
  return TransposeOp::create(b, cropTo(b, correlation, cropped),
                             swapLeadingTwo(rank));
}

/// d/d bias: the output gradient summed over everything but channels.
Value biasGradient(ImplicitLocOpBuilder &b, Value gradOut) {
  SmallVector<int64_t> axes = {0};
  for (int64_t d = 2; d < tensorTypeOf(gradOut).getRank(); ++d)
    axes.push_back(d);
  return ReduceSumOp::create(b, gradOut, axes, /*keepdim=*/false);
}

} // namespace

LogicalResult ConvOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  Value g = grads[0];
  SlidingWindow window = getWindow();
  RankedTensorType inputType = getInput().getType();
  // The transposed convolution maps the output back to an extent within
  // `stride` of the input's; output_padding makes up the rest.
  SmallVector<int64_t> outputPadding;
  ArrayRef<int64_t> outShape = getType().getShape();
  for (unsigned i = 0; i < window.getRank(); ++i) {
    int64_t reached = (outShape[2 + i] - 1) * window.stride[i] -
                      window.padBegin[i] - window.padEnd[i] + window.span(i);
    outputPadding.push_back(inputType.getDimSize(2 + i) - reached);
  }
  operandGrads[0] = ConvTransposeOp::create(
      b, g, getWeight(), /*bias=*/Value(), window.stride,
      explicitPadding(window), window.dilation, outputPadding, getGroups());
  operandGrads[1] =
      convWeightGradient(b, getInput(), g, window, getGroups(),
                         getWeight().getType().getShape().drop_front(2));
  if (getBias())
    operandGrads[2] = biasGradient(b, g);
  return success();
}

LogicalResult
ConvTransposeOp::buildGradients(ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
                                SmallVectorImpl<Value> &operandGrads) {
  Value g = grads[0];
  SlidingWindow window = getWindow();
  // A convolution with the same weight and window is the adjoint; with an
  // output_padding at or above the stride it reaches past the input.
  Value inputGrad =
      ConvOp::create(b, g, getWeight(), /*bias=*/Value(), window.stride,
                     explicitPadding(window), window.dilation, getGroups());
  operandGrads[0] = cropTo(b, inputGrad, getInput().getType().getShape());
  // The input is the output gradient of the adjoint convolution of g.
  operandGrads[1] =
      convWeightGradient(b, g, getInput(), window, getGroups(),
                         getWeight().getType().getShape().drop_front(2));
  if (getBias())
    operandGrads[2] = biasGradient(b, g);
  return success();
}

} // namespace nnc::nn
