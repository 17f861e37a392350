//===- LossLowering.cpp - Pointwise and likelihood losses to linalg -------===//
//
// MSE, binary cross-entropy (on probabilities and on logits) and the Gaussian
// KL divergence are one scalar formula per element followed by the loss
// reduction. nll_loss gathers one log-probability per target position.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// `(x - t)^2`.
Value lossOf(MseLossOp, ImplicitLocOpBuilder &b, ValueRange a) {
  Value d = arith::SubFOp::create(b, a[0], a[1]);
  return arith::MulFOp::create(b, d, d);
}

/// `-(t * max(log p, -100) + (1 - t) * max(log(1 - p), -100))`, written as
/// PyTorch does: `(t - 1) * max(log(1 - p), -100) - t * max(log p, -100)`.
Value lossOf(BinaryCrossEntropyOp, ImplicitLocOpBuilder &b, ValueRange a) {
  Value p = a[0], t = a[1];
  Value one = floatConstant(b, p.getType(), 1.0);
  Value floor = floatConstant(b, p.getType(), -100.0);
  Value logP = arith::MaximumFOp::create(b, math::LogOp::create(b, p), floor);
  Value logComplement = arith::MaximumFOp::create(
      b, math::LogOp::create(b, arith::SubFOp::create(b, one, p)), floor);
  return arith::SubFOp::create(
      b, arith::MulFOp::create(b, arith::SubFOp::create(b, t, one),
                               logComplement),
      arith::MulFOp::create(b, t, logP));
}

/// `max(x, 0) - x t + log1p(exp(-|x|))`: exp never overflows.
Value lossOf(BinaryCrossEntropyWithLogitsOp, ImplicitLocOpBuilder &b,
             ValueRange a) {
  Value x = a[0], t = a[1];
  Value positive =
      arith::MaximumFOp::create(b, x, floatConstant(b, x.getType(), 0.0));
  Value softplusTail = math::Log1pOp::create(
      b, math::ExpOp::create(
             b, arith::NegFOp::create(b, math::AbsFOp::create(b, x))));
  return arith::AddFOp::create(
      b, arith::SubFOp::create(b, positive, arith::MulFOp::create(b, x, t)),
      softplusTail);
}

/// `0.5 ((lp - lq) + e^(lq - lp) + (mq - mp)^2 e^-lp - 1)`.
Value lossOf(GaussianKlDivOp, ImplicitLocOpBuilder &b, ValueRange a) {
  Value muQ = a[0], logvarQ = a[1], muP = a[2], logvarP = a[3];
  Value d = arith::SubFOp::create(b, muQ, muP);
  Value ratio =
      math::ExpOp::create(b, arith::SubFOp::create(b, logvarQ, logvarP));
  Value spread = arith::MulFOp::create(
      b, arith::MulFOp::create(b, d, d),
      math::ExpOp::create(b, arith::NegFOp::create(b, logvarP)));
  Value sum = arith::AddFOp::create(
      b, arith::AddFOp::create(b, arith::SubFOp::create(b, logvarP, logvarQ),
                               ratio),
      arith::SubFOp::create(b, spread, floatConstant(b, d.getType(), 1.0)));
  return arith::MulFOp::create(b, sum, floatConstant(b, d.getType(), 0.5));
}

/// A loss that is one scalar formula (`lossOf`) per element of its operands,
/// which all have the first one's type, followed by the loss reduction.
template <typename OpTy>
struct PointwiseLossLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    ValueRange operands = adaptor.getOperands();
    Value perElement =
        mapLike(b, operands.front(), operands,
                [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                  return lossOf(op, ib, a);
                });
    rewriter.replaceOp(op, reduceLoss(b, perElement, op.getReduction()));
    return success();
  }
};

/// Per target position `-input[n, target, d...]`, or 0 where the target is
/// ignored or outside [0, C); "mean" divides the sum by the number of
/// targets that are not ignored.
struct NllLossLowering : OpConversionPattern<NllLossOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(NllLossOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Value input = adaptor.getInput(), target = adaptor.getTarget();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto targetType = cast<RankedTensorType>(target.getType());
    Type elementType = inputType.getElementType();
    int64_t classes = inputType.getDimSize(1);
    int64_t ignoreIndex = op.getIgnoreIndex();
    auto positionsType =
        RankedTensorType::get(targetType.getShape(), elementType);
    // Labels compare as i64, where the class count and ignore_index fit
    // whatever the labels' width.
    auto widen = [](ImplicitLocOpBuilder &ib, Value label) -> Value {
      if (label.getType().isInteger(64))
        return label;
      return arith::ExtSIOp::create(ib, ib.getI64Type(), label);
    };
    auto labelConstant = [](ImplicitLocOpBuilder &ib, int64_t value) {
      return arith::ConstantOp::create(ib, ib.getI64IntegerAttr(value))
          .getResult();
    };
    auto counted = [&](ImplicitLocOpBuilder &ib, Value label) {
      return arith::CmpIOp::create(ib, arith::CmpIPredicate::ne, label,
                                   labelConstant(ib, ignoreIndex))
          .getResult();
    };
    Value perPosition = buildElementwise(
        b, positionsType, target,
        [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
          Value label = widen(ib, a[0]);
          Value inRange = arith::AndIOp::create(
              ib,
              arith::CmpIOp::create(ib, arith::CmpIPredicate::sge, label,
                                    labelConstant(ib, 0)),
              arith::CmpIOp::create(ib, arith::CmpIPredicate::slt, label,
                                    labelConstant(ib, classes)));
          Value safeLabel = arith::SelectOp::create(ib, inRange, label,
                                                    labelConstant(ib, 0));
          SmallVector<Value> indices = {linalg::IndexOp::create(ib, 0),
                                        arith::IndexCastOp::create(
                                            ib, ib.getIndexType(), safeLabel)};
          for (int64_t d = 1; d < targetType.getRank(); ++d)
            indices.push_back(linalg::IndexOp::create(ib, d));
          Value logProb = tensor::ExtractOp::create(ib, input, indices);
          Value used = arith::AndIOp::create(ib, inRange, counted(ib, label));
          return arith::SelectOp::create(
              ib, used, arith::NegFOp::create(ib, logProb),
              floatConstant(ib, elementType, 0.0));
        });
    StringRef reduction = op.getReduction();
    if (reduction == "none") {
      rewriter.replaceOp(op, perPosition);
      return success();
    }
    SmallVector<int64_t> every = reductionAxes({}, targetType.getRank());
    Value sum = sumOver(b, perPosition, every, /*keepdim=*/false);
    if (reduction == "sum") {
      rewriter.replaceOp(op, sum);
      return success();
    }
    Value weights = buildElementwise(
        b, positionsType, target,
        [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
          return arith::UIToFPOp::create(ib, elementType,
                                         counted(ib, widen(ib, a[0])));
        });
    Value count = sumOver(b, weights, every, /*keepdim=*/false);
    rewriter.replaceOp(
        op, mapLike(b, sum, {sum, count},
                    [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                      return arith::DivFOp::create(ib, a[0], a[1]);
                    }));
    return success();
  }
};

} // namespace

void nnc::populateLossLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<PointwiseLossLowering<MseLossOp>,
               PointwiseLossLowering<BinaryCrossEntropyOp>,
               PointwiseLossLowering<BinaryCrossEntropyWithLogitsOp>,
               PointwiseLossLowering<GaussianKlDivOp>, NllLossLowering>(
      patterns.getContext());
}
