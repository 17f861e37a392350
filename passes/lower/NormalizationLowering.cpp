//===- NormalizationLowering.cpp - Batch, layer and RMS norm to linalg ----===//
//
// A norm reads its input twice: one sweep sums the deviations from a pivot
// and their squares, which give the mean and variance of every slice, and
// one elementwise pass normalizes, scales and shifts. Per-channel vectors of
// batch_norm are viewed as [1, C, 1...] so that they broadcast against the
// input.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// The mean of `x * x` over `axes`.
Value meanSquareOver(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes,
                     bool keepdim) {
  Value squares =
      mapLike(b, x, x, [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
        return arith::MulFOp::create(ib, a[0], a[0]);
      });
  return meanOver(b, squares, axes, keepdim);
}

/// The mean and the (biased) variance of a tensor over some axes, each with
/// those axes kept at extent 1.
struct Moments {
  Value mean;
  Value variance;
};

/// The moments of `x` over `axes` from one sweep that sums `d = x - p` and
/// `d * d`, with `p` the slice's first element: mean = p + S1 / n and
/// variance = S2 / n - (S1 / n)^2. Without the shift, a mean large against
/// the spread would make the two terms of the variance nearly equal and
/// their difference all rounding; the deviations from an element of the
/// slice are of the order of the spread itself.
Moments momentsOver(ImplicitLocOpBuilder &b, Value x, ArrayRef<int64_t> axes) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < rank; ++d)
    sizes.push_back(b.getIndexAttr(type.getDimSize(d)));
  int64_t count = 1;
  for (int64_t axis : axes) {
    sizes[axis] = b.getIndexAttr(1);
    count *= type.getDimSize(axis);
  }
  Value pivot = tensor::ExtractSliceOp::create(b, x, offsets, sizes, strides);
  TypedAttr zero = b.getFloatAttr(type.getElementType(), 0.0);
  SmallVector<Value> sums = buildReductions(
      b, {x, pivot}, axes, /*keepdim=*/true, {zero, zero},
      [](ImplicitLocOpBuilder &ib, ValueRange acc,
         ValueRange a) -> SmallVector<Value> {
        Value d = arith::SubFOp::create(ib, a[0], a[1]);
        return {
            arith::AddFOp::create(ib, acc[0], d),
            arith::AddFOp::create(ib, acc[1], arith::MulFOp::create(ib, d, d))};
      });
  double inverseCount = 1.0 / static_cast<double>(count);
  Value mean =
      mapLike(b, pivot, {sums[0], pivot},
              [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                Value shift = arith::MulFOp::create(
                    ib, a[0], floatConstant(ib, a[0].getType(), inverseCount));
                return arith::AddFOp::create(ib, a[1], shift);
              });
  // Rounding can leave a constant slice a tiny negative variance.
  Value variance =
      mapLike(b, pivot, {sums[0], sums[1]},
              [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                Value scale = floatConstant(ib, a[0].getType(), inverseCount);
                Value shift = arith::MulFOp::create(ib, a[0], scale);
                Value meanSquare = arith::MulFOp::create(ib, a[1], scale);
                Value v = arith::SubFOp::create(
                    ib, meanSquare, arith::MulFOp::create(ib, shift, shift));
                return arith::MaximumFOp::create(
                    ib, v, floatConstant(ib, v.getType(), 0.0));
              });
  return {mean, variance};
}

/// `1 / sqrt(v + eps)`, times `scale` when one is given (same shape).
Value inverseRoot(ImplicitLocOpBuilder &b, Value variance, double eps,
                  Value scale = {}) {
  SmallVector<Value> inputs = {variance};
  if (scale)
    inputs.push_back(scale);
  return mapLike(b, variance, inputs,
                 [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                   Value root = math::RsqrtOp::create(
                       ib, arith::AddFOp::create(
                               ib, a[0], floatConstant(ib, a[0].getType(),
                                                       eps)));
                   if (a.size() == 1)
                     return root;
                   return arith::MulFOp::create(ib, root, a[1]);
                 });
}

/// `x * s (+ shift)` elementwise, everything broadcasting to `x`.
Value scaleAndShift(ImplicitLocOpBuilder &b, Value x, Value s, Value shift) {
  SmallVector<Value> inputs = {x, s};
  if (shift)
    inputs.push_back(shift);
  return mapLike(b, x, inputs,
                 [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                   Value scaled = arith::MulFOp::create(ib, a[0], a[1]);
                   if (a.size() == 2)
                     return scaled;
                   return arith::AddFOp::create(ib, scaled, a[2]);
                 });
}

/// `(1 - momentum) * running + momentum * factor * batch`.
Value runningUpdate(ImplicitLocOpBuilder &b, Value running, Value batch,
                    double momentum, double factor) {
  return mapLike(
      b, running, {running, batch},
      [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
        Type type = a[0].getType();
        Value kept = arith::MulFOp::create(
            ib, a[0], floatConstant(ib, type, 1.0 - momentum));
        Value added = arith::MulFOp::create(
            ib, a[1], floatConstant(ib, type, momentum * factor));
        return arith::AddFOp::create(ib, kept, added);
      });
}

struct BatchNormLowering : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    double eps = op.getEps().convertToDouble();
    SmallVector<int64_t> axes = {0};
    SmallVector<int64_t> channelShape(rank, 1);
    channelShape[1] = type.getDimSize(1);
    for (int64_t d = 2; d < rank; ++d)
      axes.push_back(d);
    // [C] viewed as [1, C, 1...] (every dimension folds into the one).
    SmallVector<ReassociationIndices> allInOne(1);
    for (int64_t d = 0; d < rank; ++d)
      allInOne.front().push_back(d);
    auto viewType = RankedTensorType::get(channelShape, type.getElementType());
    auto perChannel = [&](Value v) -> Value {
      return tensor::ExpandShapeOp::create(b, viewType, v, allInOne);
    };
    Value runningMean = adaptor.getRunningMean();
    Value runningVar = adaptor.getRunningVar();
    if (!op.getTraining()) {
      Value scale = inverseRoot(b, runningVar, eps, adaptor.getWeight());
      Value centered = subtract(b, x, perChannel(runningMean));
      Value y = scaleAndShift(b, centered, perChannel(scale),
                              perChannel(adaptor.getBias()));
      rewriter.replaceOp(op, {y, runningMean, runningVar});
      return success();
    }
    int64_t n = op.getValuesPerChannel();
    Moments moments = momentsOver(b, x, axes);
    Value mean = reshapeTo(b, moments.mean, {channelShape[1]});
    Value variance = reshapeTo(b, moments.variance, {channelShape[1]});
    Value scale = inverseRoot(b, variance, eps, adaptor.getWeight());
    Value y = scaleAndShift(b, subtract(b, x, moments.mean), perChannel(scale),
                            perChannel(adaptor.getBias()));
    double momentum = op.getMomentum().convertToDouble();
    // The running variance is unbiased: var * n / (n - 1).
    Value newMean = runningUpdate(b, runningMean, mean, momentum, 1.0);
    Value newVar = runningUpdate(b, runningVar, variance, momentum,
                                 static_cast<double>(n) / (n - 1));
    rewriter.replaceOp(op, {y, newMean, newVar});
    return success();
  }
};

/// The trailing axes of `x` that `weight` covers.
SmallVector<int64_t> trailingAxes(Value x, Value weight) {
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  int64_t normalized = cast<RankedTensorType>(weight.getType()).getRank();
  SmallVector<int64_t> axes;
  for (int64_t d = rank - normalized; d < rank; ++d)
    axes.push_back(d);
  return axes;
}

/// layer_norm and rms_norm over the trailing axes their weight covers:
/// layer_norm first centers the input and finally shifts by its bias, rms_norm
/// does neither.
template <typename OpTy>
struct TrailingNormLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value x = adaptor.getInput(), weight = adaptor.getWeight();
    SmallVector<int64_t> axes = trailingAxes(x, weight);
    Value bias, meanSquare;
    if constexpr (std::is_same_v<OpTy, LayerNormOp>) {
      Moments moments = momentsOver(b, x, axes);
      x = subtract(b, x, moments.mean);
      meanSquare = moments.variance;
      bias = adaptor.getBias();
    } else {
      meanSquare = meanSquareOver(b, x, axes, /*keepdim=*/true);
    }
    Value rstd = inverseRoot(b, meanSquare, op.getEps().convertToDouble());
    Value normalized = scaleAndShift(b, x, rstd, Value());
    rewriter.replaceOp(op, scaleAndShift(b, normalized, weight, bias));
    return success();
  }
};

} // namespace

void nnc::populateNormalizationLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<BatchNormLowering, TrailingNormLowering<LayerNormOp>,
               TrailingNormLowering<RmsNormOp>>(patterns.getContext());
}
