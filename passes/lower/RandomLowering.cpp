//===- RandomLowering.cpp - Counter-based random ops to linalg ------------===//
//
// The random bits of an element are a hash of the key and the element's
// row-major linear index, computed inside the elementwise loop body in 64-bit
// integer arithmetic (ir/NNRandomOps.td states the exact function), so no
// random state exists at run time and every element is independent.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

Value i64Constant(ImplicitLocOpBuilder &b, uint64_t value) {
  return arith::ConstantOp::create(
      b, b.getI64IntegerAttr(static_cast<int64_t>(value)));
}

/// splitmix64's finalizer: a bijection of 64-bit words whose output bits
/// each depend on every input bit.
Value mix64(ImplicitLocOpBuilder &b, Value z) {
  auto xorShift = [&](Value v, uint64_t shift) -> Value {
    return arith::XOrIOp::create(
        b, v, arith::ShRUIOp::create(b, v, i64Constant(b, shift)));
  };
  z = arith::MulIOp::create(b, xorShift(z, 30),
                            i64Constant(b, 0xBF58476D1CE4E5B9ULL));
  z = arith::MulIOp::create(b, xorShift(z, 27),
                            i64Constant(b, 0x94D049BB133111EBULL));
  return xorShift(z, 31);
}

/// 64 random bits for draw `draw` (of `draws` per element) at the loop's
/// current position in a tensor of `shape`:
/// `mix(mix(key) + (index * draws + draw + 1) * golden gamma)`.
Value randomBits(ImplicitLocOpBuilder &b, Value key, ArrayRef<int64_t> shape,
                 int64_t draws = 1, int64_t draw = 0) {
  // Horner's rule over the dimensions: ((i0 * n1 + i1) * n2 + i2) ...
  Value linear = shape.empty()
                     ? arith::ConstantIndexOp::create(b, 0).getResult()
                     : linalg::IndexOp::create(b, 0).getResult();
  for (size_t d = 1; d < shape.size(); ++d) {
    linear = arith::MulIOp::create(
        b, linear, arith::ConstantIndexOp::create(b, shape[d]));
    linear = arith::AddIOp::create(b, linear, linalg::IndexOp::create(b, d));
  }
  Value counter = arith::AddIOp::create(
      b,
      arith::MulIOp::create(
          b, arith::IndexCastOp::create(b, b.getI64Type(), linear),
          i64Constant(b, draws)),
      i64Constant(b, draw + 1));
  Value state = arith::AddIOp::create(
      b, mix64(b, key),
      arith::MulIOp::create(b, counter, i64Constant(b, 0x9E3779B97F4A7C15ULL)));
  return mix64(b, state);
}

struct DropoutLowering : OpConversionPattern<DropoutOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DropoutOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    double p = op.getP().convertToDouble();
    if (!op.getTraining() || p == 0.0) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    // Kept when the top 53 random bits reach round(p * 2^53): probability
    // 1 - p, exactly 0 for p = 1.
    auto threshold = static_cast<uint64_t>(std::llround(std::ldexp(p, 53)));
    double scale = p < 1.0 ? 1.0 / (1.0 - p) : 0.0;
    Value result = buildElementwise(
        b, type, {adaptor.getInput(), adaptor.getKey()},
        [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
          Value bits = randomBits(ib, a[1], type.getShape());
          Value top = arith::ShRUIOp::create(ib, bits, i64Constant(ib, 11));
          Value keep = arith::CmpIOp::create(ib, arith::CmpIPredicate::uge, top,
                                             i64Constant(ib, threshold));
          Value scaled = arith::MulFOp::create(
              ib, a[0], floatConstant(ib, a[0].getType(), scale));
          return arith::SelectOp::create(
              ib, keep, scaled, floatConstant(ib, a[0].getType(), 0.0));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Box-Muller in double precision from two 53-bit uniforms per element.
struct RandomNormalLowering : OpConversionPattern<RandomNormalOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RandomNormalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    Value result = buildElementwise(
        b, type, {adaptor.getKey()},
        [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
          Type f64 = ib.getF64Type();
          auto uniform = [&](int64_t draw, double offset) -> Value {
            Value top = arith::ShRUIOp::create(
                ib, randomBits(ib, a[0], type.getShape(), 2, draw),
                i64Constant(ib, 11));
            Value value = arith::UIToFPOp::create(ib, f64, top);
            return arith::MulFOp::create(
                ib,
                arith::AddFOp::create(ib, value,
                                      floatConstant(ib, f64, offset)),
                floatConstant(ib, f64, std::ldexp(1.0, -53)));
          };
          Value u1 = uniform(0, 1.0), u2 = uniform(1, 0.0);
          Value radius = math::SqrtOp::create(
              ib, arith::MulFOp::create(ib, floatConstant(ib, f64, -2.0),
                                        math::LogOp::create(ib, u1)));
          Value angle = math::CosOp::create(
              ib, arith::MulFOp::create(ib, floatConstant(ib, f64, 2 * M_PI),
                                        u2));
          Value sample = arith::MulFOp::create(ib, radius, angle);
          if (type.getElementType() == f64)
            return sample;
          return arith::TruncFOp::create(ib, type.getElementType(), sample)
              .getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The top `p` random bits scaled by 2^-p, for the result type's precision
/// `p`: exact in the result type, so no sample rounds up to 1.
struct RandomUniformLowering : OpConversionPattern<RandomUniformOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RandomUniformOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    auto element = cast<FloatType>(type.getElementType());
    unsigned precision = element.getFPMantissaWidth();
    Value result = buildElementwise(
        b, type, {adaptor.getKey()},
        [&](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
          Value top = arith::ShRUIOp::create(
              ib, randomBits(ib, a[0], type.getShape()),
              i64Constant(ib, 64 - precision));
          Value value = arith::UIToFPOp::create(ib, element, top);
          return arith::MulFOp::create(
              ib, value,
              floatConstant(ib, element, std::ldexp(1.0, -int(precision))));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void nnc::populateRandomLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<DropoutLowering, RandomNormalLowering, RandomUniformLowering>(
      patterns.getContext());
}
