//===- MathLowering.cpp - Rounding, trig and remainder ops to linalg ------===//
//
// The ops of NNMathOps.td are one scalar formula each, applied elementwise:
// the rounding and trigonometric ops map to the math dialect (libm calls or
// LLVM intrinsics on the CPU, libdevice on NVPTX); the remainders are built
// from arith's truncated remainder, with integer divisors that would trap
// (0, and -1 next to the most negative dividend) replaced first.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// The unary nn op `NNOp` as the math op `MathOp` on every element.
template <typename NNOp, typename MathOp>
struct MathFunctionLowering : OpConversionPattern<NNOp> {
  using OpConversionPattern<NNOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(NNOp op, typename NNOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    rewriter.replaceOp(
        op, buildElementwise(b, op.getType(), adaptor.getOperands(),
                             [](ImplicitLocOpBuilder &inner, ValueRange a) {
                               return MathOp::create(inner, a[0]).getResult();
                             }));
    return success();
  }
};

/// The truncated remainder of `a` by `b`; for integers, 0 where `b` is 0
/// or -1 (arith's remainder is undefined by 0 and traps on x86 for the most
/// negative dividend by -1, whose remainder is 0 anyway).
Value truncatedRemainder(ImplicitLocOpBuilder &b, Value lhs, Value rhs) {
  if (isa<FloatType>(lhs.getType()))
    return arith::RemFOp::create(b, lhs, rhs);
  Type type = rhs.getType();
  Value zero = arith::ConstantOp::create(b, b.getIntegerAttr(type, 0));
  Value one = arith::ConstantOp::create(b, b.getIntegerAttr(type, 1));
  Value minusOne = arith::ConstantOp::create(b, b.getIntegerAttr(type, -1));
  Value unsafe = arith::OrIOp::create(
      b, arith::CmpIOp::create(b, arith::CmpIPredicate::eq, rhs, zero),
      arith::CmpIOp::create(b, arith::CmpIPredicate::eq, rhs, minusOne));
  Value divisor = arith::SelectOp::create(b, unsafe, one, rhs);
  return arith::RemSIOp::create(b, lhs, divisor);
}

/// `r + b` where the truncated remainder `r` is non-zero and its sign differs
/// from `b`'s: the floored remainder (PyTorch's formula).
Value flooredRemainder(ImplicitLocOpBuilder &b, Value lhs, Value rhs) {
  Value r = truncatedRemainder(b, lhs, rhs);
  Value differs, adjusted;
  if (isa<FloatType>(r.getType())) {
    Value zero = floatConstant(b, r.getType(), 0.0);
    Value nonZero =
        arith::CmpFOp::create(b, arith::CmpFPredicate::ONE, r, zero);
    Value signs = arith::XOrIOp::create(
        b, arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, r, zero),
        arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, rhs, zero));
    differs = arith::AndIOp::create(b, nonZero, signs);
    adjusted = arith::AddFOp::create(b, r, rhs);
  } else {
    Value zero = arith::ConstantOp::create(b, b.getIntegerAttr(r.getType(), 0));
    Value nonZero = arith::CmpIOp::create(b, arith::CmpIPredicate::ne, r, zero);
    Value signs = arith::XOrIOp::create(
        b, arith::CmpIOp::create(b, arith::CmpIPredicate::slt, r, zero),
        arith::CmpIOp::create(b, arith::CmpIPredicate::slt, rhs, zero));
    differs = arith::AndIOp::create(b, nonZero, signs);
    adjusted = arith::AddIOp::create(b, r, rhs);
  }
  return arith::SelectOp::create(b, differs, adjusted, r);
}

/// fmod (`floored` false) or remainder (`floored` true), broadcasting.
template <typename NNOp, bool floored>
struct RemainderLowering : OpConversionPattern<NNOp> {
  using OpConversionPattern<NNOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(NNOp op, typename NNOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    rewriter.replaceOp(
        op, buildElementwise(
                b, cast<RankedTensorType>(op.getType()), adaptor.getOperands(),
                [](ImplicitLocOpBuilder &inner, ValueRange a) {
                  return floored ? flooredRemainder(inner, a[0], a[1])
                                 : truncatedRemainder(inner, a[0], a[1]);
                }));
    return success();
  }
};

} // namespace

void nnc::populateMathLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<MathFunctionLowering<FloorOp, math::FloorOp>,
               MathFunctionLowering<CeilOp, math::CeilOp>,
               MathFunctionLowering<RoundOp, math::RoundEvenOp>,
               MathFunctionLowering<TanOp, math::TanOp>,
               MathFunctionLowering<AsinOp, math::AsinOp>,
               MathFunctionLowering<AcosOp, math::AcosOp>,
               MathFunctionLowering<AtanOp, math::AtanOp>,
               MathFunctionLowering<SinhOp, math::SinhOp>,
               MathFunctionLowering<CoshOp, math::CoshOp>,
               MathFunctionLowering<AsinhOp, math::AsinhOp>,
               MathFunctionLowering<AcoshOp, math::AcoshOp>,
               MathFunctionLowering<AtanhOp, math::AtanhOp>,
               RemainderLowering<FmodOp, false>,
               RemainderLowering<RemainderOp, true>>(patterns.getContext());
}
