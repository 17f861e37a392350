//===- IndexLowering.cpp - Index, cast and spike ops to linalg ------------===//
//
// Gather, cumsum, argmax/argmin, cast and heaviside each become one
// `linalg.generic` in which each result element is computed on its own, so
// that no two iterations write the same element (no data race on CPU threads
// or GPU threads, no atomics):
// - gather reads its input with `tensor.extract` at the clamped index;
// - cumsum reduces, for each element, over the positions before it (or
//   after it when reversed);
// - argmax/argmin reduce to a (value, index) pair with a choice that does
//   not depend on the visiting order (the lower index wins ties);
// - cast and heaviside are elementwise.
// scatter_add and scatter_reduce instead walk their indices: an scf.for over
// them combines each source slice into its destination slice with a parallel
// linalg.generic on that slice, which bufferization updates in place. The
// work is linear in the number of indices (a reduction over all of them
// per destination element would be quadratic on a graph's edge list).
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/lower/LinalgBuilders.h"
#include "passes/lower/LoweringPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
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

/// Offsets, sizes and strides of the slice at `position` along `axis` of a
/// tensor of `type` (extent 1 along `axis`, not rank-reducing), and the
/// slice's type.
struct AxisSlice {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  RankedTensorType type;
};

AxisSlice sliceAlong(ImplicitLocOpBuilder &b, RankedTensorType type,
                     int64_t axis, OpFoldResult position) {
  AxisSlice slice;
  SmallVector<int64_t> shape(type.getShape());
  shape[axis] = 1;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    slice.offsets.push_back(d == axis ? position : b.getIndexAttr(0));
    slice.sizes.push_back(b.getIndexAttr(shape[d]));
    slice.strides.push_back(b.getIndexAttr(1));
  }
  slice.type = RankedTensorType::get(shape, type.getElementType());
  return slice;
}

/// Combines a destination slice element with a source slice element.
using SliceCombine =
    function_ref<Value(ImplicitLocOpBuilder &, Value acc, Value element)>;

/// `dest` with, for k = 0 .. K-1 in order, its slice `indices[k]` along
/// `axis` replaced by `combine(that slice, slice k of source)` elementwise;
/// an index outside `[0, dest.shape[axis])` touches nothing. One scf.for over
/// the K indices, each step a parallel linalg.generic on one slice between
/// tensor.extract_slice and tensor.insert_slice of the carried tensor at the
/// same offsets, which one-shot bufferization turns into an update in place:
/// O(K * slice) work, no copy of the whole tensor per step, no two threads
/// writing one element.
Value combineSlices(ImplicitLocOpBuilder &b, Value dest, Value indices,
                    Value source, int64_t axis, SliceCombine combine) {
  auto type = cast<RankedTensorType>(dest.getType());
  auto sourceType = cast<RankedTensorType>(source.getType());
  int64_t count = sourceType.getDimSize(axis);
  int64_t extent = type.getDimSize(axis);
  int64_t rank = type.getRank();
  MLIRContext *context = b.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value zero = arith::ConstantIndexOp::create(b, 0);
  Value one = arith::ConstantIndexOp::create(b, 1);
  Value end = arith::ConstantIndexOp::create(b, count);
  auto loop = scf::ForOp::create(
      b, zero, end, one, ValueRange{dest},
      [&](OpBuilder &nested, Location loc, Value k, ValueRange carried) {
        ImplicitLocOpBuilder ib(loc, nested);
        Value acc = carried[0];
        Value target = arith::IndexCastOp::create(
            ib, ib.getIndexType(),
            tensor::ExtractOp::create(ib, indices, ValueRange{k}));
        Value inRange = arith::AndIOp::create(
            ib,
            arith::CmpIOp::create(ib, arith::CmpIPredicate::sge, target,
                                  arith::ConstantIndexOp::create(ib, 0)),
            arith::CmpIOp::create(ib, arith::CmpIPredicate::slt, target,
                                  arith::ConstantIndexOp::create(ib, extent)));
        auto update = scf::IfOp::create(
            ib, inRange,
            [&](OpBuilder &thenBuilder, Location thenLoc) {
              ImplicitLocOpBuilder tb(thenLoc, thenBuilder);
              AxisSlice from = sliceAlong(tb, sourceType, axis, k);
              AxisSlice to = sliceAlong(tb, type, axis, target);
              Value part = tensor::ExtractSliceOp::create(
                  tb, from.type, source, from.offsets, from.sizes,
                  from.strides);
              Value current = tensor::ExtractSliceOp::create(
                  tb, to.type, acc, to.offsets, to.sizes, to.strides);
              auto combined = linalg::GenericOp::create(
                  tb, TypeRange{to.type}, part, current,
                  SmallVector<AffineMap>{identity, identity}, iterators,
                  [&](OpBuilder &bodyBuilder, Location bodyLoc,
                      ValueRange args) {
                    ImplicitLocOpBuilder bb(bodyLoc, bodyBuilder);
                    linalg::YieldOp::create(bb, combine(bb, args[1], args[0]));
                  });
              scf::YieldOp::create(tb, tensor::InsertSliceOp::create(
                                           tb, combined.getResult(0), acc,
                                           to.offsets, to.sizes, to.strides)
                                           .getResult());
            },
            [&](OpBuilder &elseBuilder, Location elseLoc) {
              scf::YieldOp::create(elseBuilder, elseLoc, acc);
            });
        scf::YieldOp::create(ib, update.getResult(0));
      });
  return loop.getResult(0);
}

/// result = dest with slice k of source added to slice indices[k], for
/// every k (combineSlices with addition).
struct ScatterAddLowering : OpConversionPattern<ScatterAddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterAddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    int64_t axis = *normalizeAxis(static_cast<int64_t>(op.getAxis()),
                                  op.getType().getRank());
    rewriter.replaceOp(op,
                       combineSlices(b, adaptor.getDest(), adaptor.getIndices(),
                                     adaptor.getSource(), axis, addValues));
    return success();
  }
};

/// The value `reduce` starts a segment from where the destination does not
/// take part: 0 for "sum" and "mean", -inf for "amax", +inf for "amin".
Value reduceIdentity(ImplicitLocOpBuilder &b, Type type, StringRef reduce) {
  double infinity = std::numeric_limits<double>::infinity();
  if (reduce == "amax")
    return floatConstant(b, type, -infinity);
  if (reduce == "amin")
    return floatConstant(b, type, infinity);
  return floatConstant(b, type, 0.0);
}

/// Combines an accumulated element with a source element by `reduce` ("mean"
/// accumulates a sum, divided by the count afterwards). The maximum and
/// minimum propagate NaNs, as torch's amax and amin do.
Value reduceElements(ImplicitLocOpBuilder &b, StringRef reduce, Value acc,
                     Value element) {
  if (reduce == "amax")
    return arith::MaximumFOp::create(b, acc, element);
  if (reduce == "amin")
    return arith::MinimumFOp::create(b, acc, element);
  return arith::AddFOp::create(b, acc, element);
}

/// index_reduce in two or three passes over the indices: without
/// include_self, the receiving slices are first reset to the reduction's
/// identity; then every source slice is combined into its slice; for
/// "mean" a count per destination slice (1 for dest itself with
/// include_self) divides the sums, a count of 0 (an empty segment, which
/// kept dest) dividing by 1.
struct ScatterReduceLowering : OpConversionPattern<ScatterReduceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    RankedTensorType type = op.getType();
    Type element = type.getElementType();
    int64_t rank = type.getRank();
    int64_t axis = *normalizeAxis(static_cast<int64_t>(op.getAxis()), rank);
    StringRef reduce = op.getReduce();
    bool includeSelf = op.getIncludeSelf();
    Value indices = adaptor.getIndices(), source = adaptor.getSource();

    Value acc = adaptor.getDest();
    if (!includeSelf)
      acc = combineSlices(b, acc, indices, source, axis,
                          [&](ImplicitLocOpBuilder &ib, Value, Value) {
                            return reduceIdentity(ib, element, reduce);
                          });
    acc = combineSlices(b, acc, indices, source, axis,
                        [&](ImplicitLocOpBuilder &ib, Value x, Value y) {
                          return reduceElements(ib, reduce, x, y);
                        });
    if (reduce != "mean") {
      rewriter.replaceOp(op, acc);
      return success();
    }

    int64_t count = cast<RankedTensorType>(indices.getType()).getDimSize(0);
    auto countType = RankedTensorType::get({type.getDimSize(axis)}, element);
    Value counts = combineSlices(
        b,
        filledTensor(b, countType,
                     b.getFloatAttr(element, includeSelf ? 1.0 : 0.0)),
        indices,
        filledTensor(b, RankedTensorType::get({count}, element),
                     b.getFloatAttr(element, 1.0)),
        0, addValues);
    MLIRContext *context = b.getContext();
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    SmallVector<AffineMap> maps = {
        identity, AffineMap::get(rank, 0, getAffineDimExpr(axis, context)),
        identity};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto mean = linalg::GenericOp::create(
        b, TypeRange{type}, ValueRange{acc, counts},
        ValueRange{tensor::EmptyOp::create(b, type.getShape(), element)}, maps,
        iterators, [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value divisor = arith::MaximumFOp::create(
              ib, args[1], floatConstant(ib, element, 1.0));
          linalg::YieldOp::create(
              ib, arith::DivFOp::create(ib, args[0], divisor).getResult());
        });
    rewriter.replaceOp(op, mean.getResult(0));
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
  patterns.add<GatherLowering, ScatterAddLowering, ScatterReduceLowering,
               ArgReduceLowering<ArgMaxOp, arith::CmpFPredicate::OGT>,
               ArgReduceLowering<ArgMinOp, arith::CmpFPredicate::OLT>,
               CumsumLowering, CastLowering, HeavisideLowering>(
      patterns.getContext());
}
