//===- NormalizationGradients.cpp - Rules of the normalization ops --------===//
//
// Batch, layer and RMS normalization share one shape: `xhat = (x - mean) *
// rstd` (RMS: `x * rstd`) over some axes, then a per-feature scale `w` (and
// shift). With `dxhat = dy * w`, PyTorch's closed forms are
//   dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))
// (RMS norm: without the `mean(dxhat)` term), dw = sum(dy * xhat) and
// db = sum(dy) over the axes the scale is shared across. The statistics are
// recomputed from the input here (as nn ops, so the rule differentiates
// again) rather than carried from the forward pass.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

namespace {

Value mean(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes) {
  return ReduceMeanOp::create(b, x, axes, /*keepdim=*/true);
}

/// `1 / sqrt(variance + eps)`.
Value inverseRoot(ImplicitLocOpBuilder &b, Value variance, double eps) {
  return RsqrtOp::create(
      b, AddOp::create(b, variance, scalarLike(b, variance, eps)));
}

/// The normalized input `xhat` and its `rstd` from the statistics of `x`
/// over `axes` (sorted, non-empty): centered by the mean unless `rms`.
std::pair<Value, Value> normalize(ImplicitLocOpBuilder &b, Value x,
                                  ArrayRef<int64_t> axes, double eps,
                                  bool rms) {
  Value shifted = rms ? x : SubOp::create(b, x, mean(b, x, axes));
  Value rstd =
      inverseRoot(b, mean(b, MulOp::create(b, shifted, shifted), axes), eps);
  return {MulOp::create(b, shifted, rstd), rstd};
}

/// dx from dxhat for `xhat` normalized over `axes` with `rstd`.
Value normalizedInputGradient(ImplicitLocOpBuilder &b, Value dxhat,
                              Value xhat, Value rstd, ArrayRef<int64_t> axes,
                              bool rms) {
  Value projection =
      MulOp::create(b, xhat, mean(b, MulOp::create(b, dxhat, xhat), axes));
  Value centered = rms ? dxhat : SubOp::create(b, dxhat, mean(b, dxhat, axes));
  return MulOp::create(b, rstd, SubOp::create(b, centered, projection));
}

/// `value` summed over `axes`, which may be empty (then nothing is summed).
Value sumOver(ImplicitLocOpBuilder &b, Value value, ArrayRef<int64_t> axes) {
  if (axes.empty())
    return value;
  return ReduceSumOp::create(b, value, axes, /*keepdim=*/false);
}

/// The leading axes (before the `normalizedRank` trailing ones) and the
/// trailing ones of a tensor of rank `rank`.
std::pair<SmallVector<int64_t>, SmallVector<int64_t>>
splitTrailing(int64_t rank, int64_t normalizedRank) {
  SmallVector<int64_t> leading, trailing;
  for (int64_t d = 0; d < rank; ++d)
    (d < rank - normalizedRank ? leading : trailing).push_back(d);
  return {leading, trailing};
}

} // namespace

LogicalResult BatchNormOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput(), dy = grads[0];
  RankedTensorType type = tensorTypeOf(x);
  int64_t rank = type.getRank();
  double eps = getEps().convertToDouble();
  // Every axis but the channel axis 1; per-channel values as [1, C, 1...].
  SmallVector<int64_t> axes = {0};
  SmallVector<int64_t> channelShape(rank, 1);
  channelShape[1] = type.getDimSize(1);
  for (int64_t d = 2; d < rank; ++d)
    axes.push_back(d);
  auto perChannel = [&](Value v) {
    return ReshapeOp::create(b, v, channelShape);
  };
  Value weight = perChannel(getWeight());
  Value xhat;
  if (getTraining()) {
    Value rstd;
    std::tie(xhat, rstd) = normalize(b, x, axes, eps, /*rms=*/false);
    operandGrads[0] = normalizedInputGradient(
        b, MulOp::create(b, dy, weight), xhat, rstd, axes, /*rms=*/false);
  } else {
    // The running statistics are constants: the op is affine in x.
    Value rstd = inverseRoot(b, perChannel(getRunningVar()), eps);
    xhat = MulOp::create(b, SubOp::create(b, x, perChannel(getRunningMean())),
                         rstd);
    operandGrads[0] = MulOp::create(b, dy, MulOp::create(b, weight, rstd));
  }
  operandGrads[1] = sumOver(b, MulOp::create(b, dy, xhat), axes);
  operandGrads[2] = sumOver(b, dy, axes);
  return success();
}

LogicalResult LayerNormOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput(), weight = getWeight(), dy = grads[0];
  auto [leading, trailing] = splitTrailing(tensorTypeOf(x).getRank(),
                                           tensorTypeOf(weight).getRank());
  auto [xhat, rstd] =
      normalize(b, x, trailing, getEps().convertToDouble(), /*rms=*/false);
  operandGrads[0] = normalizedInputGradient(
      b, MulOp::create(b, dy, weight), xhat, rstd, trailing, /*rms=*/false);
  operandGrads[1] = sumOver(b, MulOp::create(b, dy, xhat), leading);
  operandGrads[2] = sumOver(b, dy, leading);
  return success();
}

LogicalResult RmsNormOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput(), weight = getWeight(), dy = grads[0];
  auto [leading, trailing] = splitTrailing(tensorTypeOf(x).getRank(),
                                           tensorTypeOf(weight).getRank());
  auto [xhat, rstd] =
      normalize(b, x, trailing, getEps().convertToDouble(), /*rms=*/true);
  operandGrads[0] = normalizedInputGradient(
      b, MulOp::create(b, dy, weight), xhat, rstd, trailing, /*rms=*/true);
  operandGrads[1] = sumOver(b, MulOp::create(b, dy, xhat), leading);
  return success();
}

} // namespace nnc::nn
