//===- FlashAttention.cpp - nn.attention as a blocked online softmax ------===//
//
// Rewrites nn.attention into a loop over query tiles around a loop over
// key/value tiles (FlashAttention). Each step scores one query tile against
// one key tile, masks it, and folds it into a running row maximum, a running
// row sum and an accumulator rescaled by exp(old max - new max), so the
// [Lq, Lk] score matrix is never formed: memory grows with Lq * tile.
// Causal and sliding-window attention loop only over the key tiles a query
// tile can see. Grouped queries use the [B, Hkv, G * Tq, ...] layout of
// ir/AttentionDecomposition.h, so a key/value tile is read once per group.
// The loop bodies stay nn ops on static tile shapes (with tensor slices and
// a linalg.generic for the position mask); nnc-lower-nn-to-linalg lowers
// them afterwards.
//
//===----------------------------------------------------------------------===//

#include "ir/AttentionDecomposition.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <limits>

namespace nnc {
#define GEN_PASS_DEF_FLASHATTENTION
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// The largest tile of at most `requested` rows that divides `extent`, so
/// that every tile has one static shape.
int64_t tileDividing(int64_t extent, int64_t requested) {
  int64_t tile = std::max<int64_t>(1, std::min(extent, requested));
  while (extent % tile != 0)
    --tile;
  return tile;
}

/// A tensor of `shape` and element type `elementType` filled with `value`.
Value splat(ImplicitLocOpBuilder &b, ArrayRef<int64_t> shape, Type elementType,
            double value) {
  auto type = RankedTensorType::get(shape, elementType);
  return arith::ConstantOp::create(
      b, DenseElementsAttr::get(type, b.getFloatAttr(elementType, value)));
}

/// Offsets, sizes and unit strides of a slice as OpFoldResults.
struct SliceBounds {
  SmallVector<OpFoldResult> offsets, sizes, strides;
};

/// A slice of a rank-`sizes.size()` tensor: `sizes` from `offsets` (a null
/// value is offset 0).
SliceBounds sliceBounds(ImplicitLocOpBuilder &b, ArrayRef<Value> offsets,
                        ArrayRef<int64_t> sizes) {
  SliceBounds bounds;
  for (auto [offset, size] : llvm::zip_equal(offsets, sizes)) {
    bounds.offsets.push_back(offset ? OpFoldResult(offset)
                                    : OpFoldResult(b.getIndexAttr(0)));
    bounds.sizes.push_back(b.getIndexAttr(size));
    bounds.strides.push_back(b.getIndexAttr(1));
  }
  return bounds;
}

Value extractSlice(ImplicitLocOpBuilder &b, Value source,
                   ArrayRef<Value> offsets, ArrayRef<int64_t> sizes) {
  SliceBounds s = sliceBounds(b, offsets, sizes);
  return tensor::ExtractSliceOp::create(b, source, s.offsets, s.sizes,
                                        s.strides);
}

/// The `[Tq, Tk]` i1 tile that says which keys from `keyStart` the queries
/// from `queryStart` may see (isKeyVisible, computed in the loop).
Value positionTile(ImplicitLocOpBuilder &b, Value queryStart, Value keyStart,
                   int64_t queryTile, int64_t keyTile, bool causal,
                   int64_t window) {
  Value empty = tensor::EmptyOp::create(
      b, ArrayRef<int64_t>{queryTile, keyTile}, b.getI1Type());
  MLIRContext *context = b.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, context);
  auto generic = linalg::GenericOp::create(
      b, TypeRange{empty.getType()}, ValueRange{}, ValueRange{empty},
      ArrayRef<AffineMap>{identity},
      ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                    utils::IteratorType::parallel},
      [&](OpBuilder &nested, Location loc, ValueRange) {
        ImplicitLocOpBuilder ib(loc, nested);
        Value i = arith::AddIOp::create(ib, linalg::IndexOp::create(ib, 0),
                                        queryStart);
        Value j =
            arith::AddIOp::create(ib, linalg::IndexOp::create(ib, 1), keyStart);
        Value visible = arith::ConstantIntOp::create(ib, 1, 1);
        if (causal)
          visible = arith::AndIOp::create(
              ib, visible,
              arith::CmpIOp::create(ib, arith::CmpIPredicate::sle, j, i));
        if (window > 0) {
          Value w = arith::ConstantIndexOp::create(ib, window);
          Value behind =
              arith::CmpIOp::create(ib, arith::CmpIPredicate::slt,
                                    arith::SubIOp::create(ib, i, j), w);
          Value ahead =
              arith::CmpIOp::create(ib, arith::CmpIPredicate::slt,
                                    arith::SubIOp::create(ib, j, i), w);
          visible = arith::AndIOp::create(
              ib, visible, arith::AndIOp::create(ib, behind, ahead));
        }
        linalg::YieldOp::create(ib, visible);
      });
  return generic.getResult(0);
}

/// `value` rounded down (`up` false) or up to a multiple of `multiple`.
Value roundToMultiple(ImplicitLocOpBuilder &b, Value value, int64_t multiple,
                      bool up) {
  Value m = arith::ConstantIndexOp::create(b, multiple);
  if (up)
    value = arith::AddIOp::create(
        b, value, arith::ConstantIndexOp::create(b, multiple - 1));
  return arith::MulIOp::create(b, arith::DivUIOp::create(b, value, m), m);
}

struct FlashAttentionPattern : OpRewritePattern<AttentionOp> {
  FlashAttentionPattern(MLIRContext *context, int64_t queryTile,
                        int64_t keyTile)
      : OpRewritePattern(context), queryTile(queryTile), keyTile(keyTile) {}

  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    AttentionOperands operands = attentionOperandsOf(op);
    ArrayRef<int64_t> q = op.getQuery().getType().getShape();
    ArrayRef<int64_t> k = op.getKey().getType().getShape();
    int64_t batch = q[0], heads = q[1], queries = q[2], headDim = q[3];
    int64_t kvHeads = k[1], keys = k[2], group = heads / kvHeads;
    int64_t valueDim = op.getValue().getType().getDimSize(3);
    Type element = op.getQuery().getType().getElementType();
    int64_t tq = tileDividing(queries, queryTile);
    int64_t tk = tileDividing(keys, keyTile);
    int64_t rows = group * tq;
    const double inf = std::numeric_limits<double>::infinity();

    Value groupedQuery = ReshapeOp::create(
        b, operands.query,
        ArrayRef<int64_t>{batch, kvHeads, group, queries, headDim});
    Value mask = operands.mask;
    SmallVector<int64_t> maskShape;
    if (mask) {
      ArrayRef<int64_t> given = tensorTypeOf(mask).getShape();
      maskShape.assign(4 - given.size(), 1);
      maskShape.append(given.begin(), given.end());
      if (given.size() != 4)
        mask = ReshapeOp::create(b, mask, maskShape);
    }
    bool positional = operands.causal || operands.window > 0;

    Value outputInit = tensor::EmptyOp::create(
        b, ArrayRef<int64_t>{batch, kvHeads, group, queries, valueDim},
        element);
    Value zero = arith::ConstantIndexOp::create(b, 0);
    auto queryLoop = scf::ForOp::create(
        b, zero, arith::ConstantIndexOp::create(b, queries),
        arith::ConstantIndexOp::create(b, tq), ValueRange{outputInit},
        [&](OpBuilder &outer, Location loc, Value queryStart,
            ValueRange outputs) {
          ImplicitLocOpBuilder ob(loc, outer);
          Value queryTileValue = ReshapeOp::create(
              ob,
              extractSlice(ob, groupedQuery,
                           {Value(), Value(), Value(), queryStart, Value()},
                           {batch, kvHeads, group, tq, headDim}),
              ArrayRef<int64_t>{batch, kvHeads, rows, headDim});

          // The key tiles this query tile can see.
          Value lower = zero, upper = arith::ConstantIndexOp::create(ob, keys);
          if (operands.window > 0) {
            Value first = arith::MaxSIOp::create(
                ob, zero,
                arith::SubIOp::create(
                    ob, queryStart,
                    arith::ConstantIndexOp::create(ob, operands.window - 1)));
            lower = roundToMultiple(ob, first, tk, /*up=*/false);
          }
          if (positional) {
            int64_t reach = operands.causal ? tq : tq + operands.window - 1;
            Value last = arith::AddIOp::create(
                ob, queryStart, arith::ConstantIndexOp::create(ob, reach));
            upper = arith::MinSIOp::create(
                ob, upper, roundToMultiple(ob, last, tk, /*up=*/true));
          }

          Value maxInit = splat(ob, {batch, kvHeads, rows, 1}, element, -inf);
          Value sumInit = splat(ob, {batch, kvHeads, rows, 1}, element, 0.0);
          Value accInit =
              splat(ob, {batch, kvHeads, rows, valueDim}, element, 0.0);
          auto keyLoop = scf::ForOp::create(
              ob, lower, upper, arith::ConstantIndexOp::create(ob, tk),
              ValueRange{maxInit, sumInit, accInit},
              [&](OpBuilder &inner, Location loc, Value keyStart,
                  ValueRange state) {
                ImplicitLocOpBuilder ib(loc, inner);
                Value keyTileValue = extractSlice(
                    ib, operands.key, {Value(), Value(), keyStart, Value()},
                    {batch, kvHeads, tk, headDim});
                Value valueTile = extractSlice(
                    ib, operands.value, {Value(), Value(), keyStart, Value()},
                    {batch, kvHeads, tk, valueDim});
                Value scores = MatmulOp::create(
                    ib, queryTileValue, transposeLastTwo(ib, keyTileValue));
                scores = MulOp::create(ib, scores,
                                       scalarLike(ib, scores, operands.scale));
                if (mask || positional) {
                  scores = ReshapeOp::create(
                      ib, scores, ArrayRef<int64_t>{batch, heads, tq, tk});
                  Value keep;
                  if (mask) {
                    Value maskTile = extractSlice(
                        ib, mask,
                        {Value(), Value(),
                         maskShape[2] == 1 ? Value() : queryStart,
                         maskShape[3] == 1 ? Value() : keyStart},
                        {maskShape[0], maskShape[1], maskShape[2] == 1 ? 1 : tq,
                         maskShape[3] == 1 ? 1 : tk});
                    if (tensorTypeOf(maskTile).getElementType().isInteger(1))
                      keep = maskTile;
                    else
                      scores = AddOp::create(ib, scores, maskTile);
                  }
                  if (positional) {
                    Value visible =
                        positionTile(ib, queryStart, keyStart, tq, tk,
                                     operands.causal, operands.window);
                    keep = keep ? SelectOp::create(
                                      ib, keep, visible,
                                      arith::ConstantOp::create(
                                          ib, DenseElementsAttr::get(
                                                  RankedTensorType::get(
                                                      {}, ib.getI1Type()),
                                                  false)))
                                : visible;
                  }
                  if (keep)
                    scores = SelectOp::create(ib, keep, scores,
                                              scalarLike(ib, scores, -inf));
                  scores = ReshapeOp::create(
                      ib, scores, ArrayRef<int64_t>{batch, kvHeads, rows, tk});
                }
                // Online softmax: the new running maximum (0 where a row has
                // seen only masked scores) rescales what came before.
                Value runningMax = MaximumOp::create(
                    ib, state[0],
                    ReduceMaxOp::create(ib, scores, ArrayRef<int64_t>{3},
                                        /*keepdim=*/true));
                Value unseen =
                    CompareOp::create(ib, ComparePredicate::eq, runningMax,
                                      scalarLike(ib, runningMax, -inf));
                Value shift = SelectOp::create(
                    ib, unseen, scalarLike(ib, runningMax, 0.0), runningMax);
                Value exps =
                    ExpOp::create(ib, SubOp::create(ib, scores, shift));
                Value rescale =
                    ExpOp::create(ib, SubOp::create(ib, state[0], shift));
                Value runningSum = AddOp::create(
                    ib, MulOp::create(ib, state[1], rescale),
                    ReduceSumOp::create(ib, exps, ArrayRef<int64_t>{3},
                                        /*keepdim=*/true));
                Value acc =
                    AddOp::create(ib, MulOp::create(ib, state[2], rescale),
                                  MatmulOp::create(ib, exps, valueTile));
                scf::YieldOp::create(ib,
                                     ValueRange{runningMax, runningSum, acc});
              });

          Value sum = keyLoop.getResult(1);
          Value emptyRow = CompareOp::create(ob, ComparePredicate::eq, sum,
                                             scalarLike(ob, sum, 0.0));
          Value denominator =
              SelectOp::create(ob, emptyRow, scalarLike(ob, sum, 1.0), sum);
          Value outputTile = ReshapeOp::create(
              ob, DivOp::create(ob, keyLoop.getResult(2), denominator),
              ArrayRef<int64_t>{batch, kvHeads, group, tq, valueDim});
          SliceBounds s =
              sliceBounds(ob, {Value(), Value(), Value(), queryStart, Value()},
                          {batch, kvHeads, group, tq, valueDim});
          Value updated = tensor::InsertSliceOp::create(
              ob, outputTile, outputs[0], s.offsets, s.sizes, s.strides);
          scf::YieldOp::create(ob, updated);
        });
    rewriter.replaceOp(
        op,
        ReshapeOp::create(b, queryLoop.getResult(0),
                          ArrayRef<int64_t>{batch, heads, queries, valueDim}));
    return success();
  }

  int64_t queryTile, keyTile;
};

struct FlashAttentionPass : nnc::impl::FlashAttentionBase<FlashAttentionPass> {
  using Base::Base;
  void runOnOperation() override {
    if (queryTile < 1 || keyTile < 1) {
      getOperation()->emitError("nnc-flash-attention: query-tile and "
                                "key-tile must be positive, got ")
          << queryTile << " and " << keyTile;
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateFlashAttentionPatterns(patterns, queryTile, keyTile);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace

void nnc::populateFlashAttentionPatterns(RewritePatternSet &patterns,
                                         int64_t queryTile, int64_t keyTile) {
  patterns.add<FlashAttentionPattern>(patterns.getContext(), queryTile,
                                      keyTile);
}
