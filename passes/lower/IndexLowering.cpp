//===- IndexLowering.cpp - Index, cast and spike ops to linalg ------------===//
//
// Every op here becomes one `linalg.generic` in which each result element
// is computed on its own, so that no two iterations write the same element
// (no data race on CPU threads or GPU threads, no atomics):
// - gather reads its input with `tensor.extract` at the clamped index;
// - scatter_add reduces, for each destination element, over the source
//   slices whose index is that element's position (compare and select);
// - cumsum reduces, for each element, over the positions before it (or
//   after it when reversed);
// - argmax/argmin reduce to a (value, index) pair with a choice that does
//   not depend on the visiting order (the lower index wins ties);
// - cast and heaviside are elementwise.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// Loop dimensions `0 .. rank-1` as affine expressions, with dimension
/// `axis` replaced by `replacement`.
SmallVector<AffineExpr> dimsReplacing(MLIRContext *context, int64_t rank,
                                      int64_t axis, AffineExpr replacement) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d)
    exprs.push_back(d == axis ? replacement : getAffineDimExpr(d, context));
  return exprs;
}

/// The map from a loop nest over `rank` + 1 dimensions to its first `rank`.
AffineMap leadingDims(MLIRContext *context, int64_t rank) {
  return AffineMap::getMultiDimIdentityMap(rank + 1, context)
      .getMajorSubMap(rank);
}

/// The iterator types of a loop nest over a tensor of `rank` plus one
/// trailing reduction loop.
SmallVector<utils::IteratorType> parallelThenReduction(int64_t rank) {
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  return iterators;
}

/// `a + b` for floats or integers.
Value addValues(ImplicitLocOpBuilder &b, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::AddFOp::create(b, x, y);
  return arith::AddIOp::create(b, x, y);
}

/// A tensor of `type` filled with zeros.
Value zeroTensor(ImplicitLocOpBuilder &b, RankedTensorType type) {
  return filledTensor(b, type,
                      cast<TypedAttr>(b.getZeroAttr(type.getElementType())));
}

//===----------------------------------------------------------------------===//
// Gather and scatter_add
//===----------------------------------------------------------------------===//

/// result[i..., j..., k...] = input[i..., clamp(indices[j...]), k...].
struct GatherLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    MLIRContext *context = op.getContext();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto indexType = cast<RankedTensorType>(adaptor.getIndices().getType());
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    int64_t axis =
        *normalizeAxis(static_cast<int64_t>(op.getAxis()), inputType.getRank());
    int64_t indexRank = indexType.getRank();
    int64_t extent = inputType.getDimSize(axis);

    SmallVector<AffineExpr> indexExprs;
    for (int64_t d = 0; d < indexRank; ++d)
      indexExprs.push_back(getAffineDimExpr(axis + d, context));
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, indexExprs, context),
        AffineMap::getMultiDimIdentityMap(rank, context)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value init =
        tensor::EmptyOp::create(b, type.getShape(), type.getElementType());
    Value input = adaptor.getInput();
    auto generic = linalg::GenericOp::create(
        b, TypeRange{type}, adaptor.getIndices(), init, maps, iterators,
        [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          // An index out of range reads the nearest row in range (the op
          // defines no result for it; reading out of bounds is never ok).
          Value index =
              arith::IndexCastOp::create(ib, ib.getIndexType(), args[0]);
          Value low = arith::ConstantIndexOp::create(ib, 0);
          Value high = arith::ConstantIndexOp::create(ib, extent - 1);
          index = arith::MinSIOp::create(
              ib, arith::MaxSIOp::create(ib, index, low), high);
          SmallVector<Value> position;
          for (int64_t d = 0; d < axis; ++d)
            position.push_back(linalg::IndexOp::create(ib, d));
          position.push_back(index);
          for (int64_t d = axis + indexRank; d < rank; ++d)
            position.push_back(linalg::IndexOp::create(ib, d));
          linalg::YieldOp::create(
              ib, tensor::ExtractOp::create(ib, input, position).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// result[..., r, ...] = dest[..., r, ...] + sum over k with indices[k] == r
/// of source[..., k, ...]: a reduction over k per result element.
struct ScatterAddLowering : OpConversionPattern<ScatterAddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterAddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    MLIRContext *context = op.getContext();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    int64_t axis = *normalizeAxis(static_cast<int64_t>(op.getAxis()), rank);
    AffineExpr k = getAffineDimExpr(rank, context);
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank + 1, 0, k),
        AffineMap::get(rank + 1, 0, dimsReplacing(context, rank, axis, k),
                       context),
        leadingDims(context, rank)};
    auto generic = linalg::GenericOp::create(
        b, TypeRange{type},
        ValueRange{adaptor.getIndices(), adaptor.getSource()},
        ValueRange{adaptor.getDest()}, maps, parallelThenReduction(rank),
        [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value target =
              arith::IndexCastOp::create(ib, ib.getIndexType(), args[0]);
          Value hit =
              arith::CmpIOp::create(ib, arith::CmpIPredicate::eq, target,
                                    linalg::IndexOp::create(ib, axis));
          Value sum = addValues(ib, args[2], args[1]);
          linalg::YieldOp::create(
              ib, arith::SelectOp::create(ib, hit, sum, args[2]).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// argmax and argmin
//===----------------------------------------------------------------------===//

/// A reduction along the axis to (best value, its index). An element
/// replaces the best so far when it is a NaN and the best is not, or when
/// neither is a NaN and it compares `better`; a tie (both NaN or equal)
/// goes to the lower index. The choice is thus the same in any visiting
/// order: the first NaN, else the first extremum.
template <typename OpTy, arith::CmpFPredicate better>
struct ArgReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    MLIRContext *context = op.getContext();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type element = inputType.getElementType();
    int64_t rank = inputType.getRank();
    int64_t axis = *normalizeAxis(static_cast<int64_t>(op.getAxis()), rank);
    RankedTensorType indexType = op.getType();

    SmallVector<AffineExpr> outExprs;
    for (int64_t d = 0; d < rank; ++d) {
      if (d != axis)
        outExprs.push_back(getAffineDimExpr(d, context));
      else if (op.getKeepdim())
        outExprs.push_back(getAffineConstantExpr(0, context));
    }
    AffineMap outMap = AffineMap::get(rank, 0, outExprs, context);
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, context), outMap, outMap};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[axis] = utils::IteratorType::reduction;

    double worst = better == arith::CmpFPredicate::OGT
                       ? -std::numeric_limits<double>::infinity()
                       : std::numeric_limits<double>::infinity();
    auto valueType = RankedTensorType::get(indexType.getShape(), element);
    Value values = filledTensor(b, valueType, b.getFloatAttr(element, worst));
    Value indices = zeroTensor(b, indexType);
    auto generic = linalg::GenericOp::create(
        b, TypeRange{valueType, indexType}, ValueRange{input},
        ValueRange{values, indices}, maps, iterators,
        [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value x = args[0], best = args[1], bestIndex = args[2];
          Value index = arith::IndexCastOp::create(
              ib, ib.getI64Type(), linalg::IndexOp::create(ib, axis));
          auto test = [&](arith::CmpFPredicate predicate, Value lhs,
                          Value rhs) -> Value {
            return arith::CmpFOp::create(ib, predicate, lhs, rhs);
          };
          Value xNan = test(arith::CmpFPredicate::UNO, x, x);
          Value bestNotNan = test(arith::CmpFPredicate::ORD, best, best);
          Value earlier = arith::CmpIOp::create(ib, arith::CmpIPredicate::slt,
                                                index, bestIndex);
          Value tieWon = arith::AndIOp::create(
              ib, test(arith::CmpFPredicate::OEQ, x, best), earlier);
          Value numberWins = arith::AndIOp::create(
              ib, bestNotNan,
              arith::OrIOp::create(ib, test(better, x, best), tieWon));
          Value nanWins = arith::OrIOp::create(ib, bestNotNan, earlier);
          Value wins = arith::SelectOp::create(ib, xNan, nanWins, numberWins);
          linalg::YieldOp::create(
              ib,
              ValueRange{arith::SelectOp::create(ib, wins, x, best),
                         arith::SelectOp::create(ib, wins, index, bestIndex)});
        });
    rewriter.replaceOp(op, generic.getResult(1));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// cumsum
//===----------------------------------------------------------------------===//

/// result[..., i, ...] = sum over j <= i (j >= i reversed) of
/// input[..., j, ...]: a reduction over j per result element.
struct CumsumLowering : OpConversionPattern<CumsumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CumsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    MLIRContext *context = op.getContext();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    int64_t axis = *normalizeAxis(static_cast<int64_t>(op.getAxis()), rank);
    AffineExpr j = getAffineDimExpr(rank, context);
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank + 1, 0, dimsReplacing(context, rank, axis, j),
                       context),
        leadingDims(context, rank)};
    arith::CmpIPredicate included =
        op.getReverse() ? arith::CmpIPredicate::uge : arith::CmpIPredicate::ule;
    auto generic = linalg::GenericOp::create(
        b, TypeRange{type}, ValueRange{adaptor.getInput()},
        ValueRange{zeroTensor(b, type)}, maps, parallelThenReduction(rank),
        [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value take = arith::CmpIOp::create(ib, included,
                                             linalg::IndexOp::create(ib, rank),
                                             linalg::IndexOp::create(ib, axis));
          Value sum = arith::AddFOp::create(ib, args[1], args[0]);
          linalg::YieldOp::create(
              ib, arith::SelectOp::create(ib, take, sum, args[1]).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// cast and heaviside
//===----------------------------------------------------------------------===//

/// One element converted from its type to `to`, as ir/NNIndexOps.td says.
Value convertElement(ImplicitLocOpBuilder &b, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (fromFloat && toFloat) {
    unsigned fromWidth = fromFloat.getWidth(), toWidth = toFloat.getWidth();
    if (fromWidth < toWidth)
      return arith::ExtFOp::create(b, to, x);
    if (fromWidth > toWidth)
      return arith::TruncFOp::create(b, to, x);
    // f16 <-> bf16: through f32, which holds both exactly.
    return arith::TruncFOp::create(b, to,
                                   arith::ExtFOp::create(b, b.getF32Type(), x));
  }
  if (to.isInteger(1)) {
    if (fromFloat)
      return arith::CmpFOp::create(b, arith::CmpFPredicate::UNE, x,
                                   floatConstant(b, from, 0.0));
    Value zero = arith::ConstantOp::create(b, b.getIntegerAttr(from, 0));
    return arith::CmpIOp::create(b, arith::CmpIPredicate::ne, x, zero);
  }
  bool fromBool = from.isInteger(1);
  if (fromFloat)
    return arith::FPToSIOp::create(b, to, x);
  if (toFloat)
    return fromBool ? arith::UIToFPOp::create(b, to, x).getResult()
                    : arith::SIToFPOp::create(b, to, x).getResult();
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth > toWidth)
    return arith::TruncIOp::create(b, to, x);
  return fromBool ? arith::ExtUIOp::create(b, to, x).getResult()
                  : arith::ExtSIOp::create(b, to, x).getResult();
}

struct CastLowering : OpConversionPattern<CastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    Type to = type.getElementType();
    rewriter.replaceOp(
        op, buildElementwise(b, type, adaptor.getInput(),
                             [&](ImplicitLocOpBuilder &ib, ValueRange a) {
                               return convertElement(ib, a[0], to);
                             }));
    return success();
  }
};

/// 1 where v > 0, else 0 (NaN gives 0, as (v > 0).float() does).
struct HeavisideLowering : OpConversionPattern<HeavisideOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(HeavisideOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    rewriter.replaceOp(
        op, mapLike(b, adaptor.getInput(), adaptor.getInput(),
                    [](ImplicitLocOpBuilder &ib, ValueRange a) -> Value {
                      Type type = a[0].getType();
                      Value zero = floatConstant(ib, type, 0.0);
                      Value fires = arith::CmpFOp::create(
                          ib, arith::CmpFPredicate::OGT, a[0], zero);
                      return arith::SelectOp::create(
                          ib, fires, floatConstant(ib, type, 1.0), zero);
                    }));
    return success();
  }
};

} // namespace

void nnc::populateIndexLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<GatherLowering, ScatterAddLowering,
               ArgReduceLowering<ArgMaxOp, arith::CmpFPredicate::OGT>,
               ArgReduceLowering<ArgMinOp, arith::CmpFPredicate::OLT>,
               CumsumLowering, CastLowering, HeavisideLowering>(
      patterns.getContext());
}
