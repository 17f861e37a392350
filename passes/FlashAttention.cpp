//===- FlashAttention.cpp - Attention as a blocked online softmax ---------===//
//
// Rewrites nn.attention into a parallel loop (scf.forall) over the batch, the
// key/value heads and the query tiles, around a loop over key/value tiles
// (FlashAttention). Each step scores one head's query tile against one key
// tile, masks it, and folds it into a running row maximum, a running row sum
// and an accumulator rescaled by exp(old max - new max), so the [Lq, Lk]
// score matrix is never formed: memory grows with Lq * tile, and a step's
// tiles (one head's) stay in cache. nn.attention_grad is tiled as
// FlashAttention-2 does, in parallel over the batch and the key/value heads:
// per query tile, one sweep over the key tiles finds each row's logsumexp, a
// second recomputes the probabilities of each score tile from it and
// accumulates dQ for the query tile and dK, dV for the key tile.
// The keys are transposed once, before the loops, so that a score tile is a
// product with a block of their columns read in place (the runtime's GEMM
// takes it with a row stride). Causal and sliding-window attention loop
// only over the key tiles a query tile can see. Grouped queries use the [B,
// Hkv, G * Tq, ...] layout of ir/AttentionDecomposition.h, so a key/value tile
// is read once per group. The loop bodies stay nn ops on static tile shapes
// (with tensor slices and a linalg.generic for the position mask);
// nnc-lower-nn-to-linalg lowers them afterwards.
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

/// `update` added to the `sizes` slice of `into` at `offsets`.
Value addToSlice(ImplicitLocOpBuilder &b, Value into, Value update,
                 ArrayRef<Value> offsets, ArrayRef<int64_t> sizes) {
  Value sum = AddOp::create(b, extractSlice(b, into, offsets, sizes), update);
  SliceBounds s = sliceBounds(b, offsets, sizes);
  return tensor::InsertSliceOp::create(b, sum, into, s.offsets, s.sizes,
                                       s.strides);
}

/// The batch index and the key/value head that one tile of the loops
/// belongs to: a tile holds the query rows of one head's group (the query
/// heads that share it). A null index is 0, for tensors that hold one
/// head only.
struct HeadIndex {
  Value batch, head;
};

/// The tiling of one attention (forward or gradient): its operands and
/// shapes, the tile sizes, and how to take tiles and score them. Tiles are
/// `[1, 1, ...]`: one batch element, one key/value head.
struct AttentionTiling {
  AttentionTiling(ImplicitLocOpBuilder &b, const AttentionOperands &operands,
                  int64_t queryTile, int64_t keyTile)
      : operands(operands) {
    ArrayRef<int64_t> q = tensorTypeOf(operands.query).getShape();
    ArrayRef<int64_t> k = tensorTypeOf(operands.key).getShape();
    batch = q[0];
    heads = q[1];
    queries = q[2];
    headDim = q[3];
    kvHeads = k[1];
    keys = k[2];
    group = heads / kvHeads;
    valueDim = tensorTypeOf(operands.value).getDimSize(3);
    element = tensorTypeOf(operands.query).getElementType();
    tq = tileDividing(queries, queryTile);
    tk = tileDividing(keys, keyTile);
    rows = group * tq;
    positional = operands.causal || operands.window > 0;
    // The keys transposed once, [B, Hkv, D, Lk], so that each score tile
    // multiplies by a block of columns read in place instead of transposing
    // a key tile per query tile.
    keysTransposed = transposeLastTwo(b, operands.key);
    mask = operands.mask;
    if (mask) {
      ArrayRef<int64_t> given = tensorTypeOf(mask).getShape();
      maskShape.assign(4 - given.size(), 1);
      maskShape.append(given.begin(), given.end());
      if (given.size() != 4)
        mask = ReshapeOp::create(b, mask, maskShape);
    }
  }

  /// `[B, Hq, Lq, dim]` viewed as `[B, Hkv, G, Lq, dim]`.
  Value grouped(ImplicitLocOpBuilder &b, Value perHead) const {
    int64_t dim = tensorTypeOf(perHead).getDimSize(3);
    return ReshapeOp::create(
        b, perHead, ArrayRef<int64_t>{batch, kvHeads, group, queries, dim});
  }

  /// `[B, Hkv, G, Lq, dim]` viewed back as `[B, Hq, Lq, dim]`.
  Value perHead(ImplicitLocOpBuilder &b, Value groupedValue) const {
    int64_t dim = tensorTypeOf(groupedValue).getDimSize(4);
    return ReshapeOp::create(b, groupedValue,
                             ArrayRef<int64_t>{batch, heads, queries, dim});
  }

  /// Head `h`'s query tile from `queryStart` of a grouped
  /// `[B, Hkv, G, Lq, dim]` tensor, as `[1, 1, G * Tq, dim]`.
  Value queryRows(ImplicitLocOpBuilder &b, Value groupedValue, HeadIndex h,
                  Value queryStart) const {
    int64_t dim = tensorTypeOf(groupedValue).getDimSize(4);
    return ReshapeOp::create(
        b,
        extractSlice(b, groupedValue,
                     {h.batch, h.head, Value(), queryStart, Value()},
                     {1, 1, group, tq, dim}),
        ArrayRef<int64_t>{1, 1, rows, dim});
  }

  /// `tile` (`[1, 1, G * Tq, dim]`) as grouped rows `[1, 1, G, Tq, dim]`,
  /// and their slice of head `h` of a grouped `[B, Hkv, G, Lq, dim]` tensor
  /// at `queryStart`.
  std::pair<Value, SliceBounds> groupedQueryRows(ImplicitLocOpBuilder &b,
                                                 Value tile, HeadIndex h,
                                                 Value queryStart) const {
    int64_t dim = tensorTypeOf(tile).getDimSize(3);
    SmallVector<int64_t> shape{1, 1, group, tq, dim};
    return {
        ReshapeOp::create(b, tile, shape),
        sliceBounds(b, {h.batch, h.head, Value(), queryStart, Value()}, shape)};
  }

  /// `tile` (`[1, 1, G * Tq, dim]`) written into head `h` of the grouped
  /// `[B, Hkv, G, Lq, dim]` tensor `into` at `queryStart`.
  Value insertQueryRows(ImplicitLocOpBuilder &b, Value tile, Value into,
                        HeadIndex h, Value queryStart) const {
    auto [rows, slice] = groupedQueryRows(b, tile, h, queryStart);
    return tensor::InsertSliceOp::create(b, rows, into, slice.offsets,
                                         slice.sizes, slice.strides);
  }

  /// The offsets and sizes of head `h`'s key tile from `keyStart` of a
  /// `[B, Hkv, Lk, dim]` tensor.
  std::pair<SmallVector<Value>, SmallVector<int64_t>>
  keySlice(HeadIndex h, Value keyStart, int64_t dim) const {
    return {{h.batch, h.head, keyStart, Value()}, {1, 1, tk, dim}};
  }

  /// Head `h`'s key tile from `keyStart` of a `[B, Hkv, Lk, dim]` tensor.
  Value keyRows(ImplicitLocOpBuilder &b, Value perKey, HeadIndex h,
                Value keyStart) const {
    auto [offsets, sizes] =
        keySlice(h, keyStart, tensorTypeOf(perKey).getDimSize(3));
    return extractSlice(b, perKey, offsets, sizes);
  }

  /// The bounds of the key loop of the query tile from `queryStart`: the
  /// key tiles it can see under causal and window masking.
  std::pair<Value, Value> keyRange(ImplicitLocOpBuilder &b,
                                   Value queryStart) const {
    Value lower = arith::ConstantIndexOp::create(b, 0);
    Value upper = arith::ConstantIndexOp::create(b, keys);
    if (operands.window > 0) {
      Value first = arith::MaxSIOp::create(
          b, lower,
          arith::SubIOp::create(
              b, queryStart,
              arith::ConstantIndexOp::create(b, operands.window - 1)));
      lower = roundToMultiple(b, first, tk, /*up=*/false);
    }
    if (positional) {
      int64_t reach = operands.causal ? tq : tq + operands.window - 1;
      Value last = arith::AddIOp::create(
          b, queryStart, arith::ConstantIndexOp::create(b, reach));
      upper = arith::MinSIOp::create(b, upper,
                                     roundToMultiple(b, last, tk, /*up=*/true));
    }
    return {lower, upper};
  }

  /// The scaled, masked scores `[1, 1, G * Tq, Tk]` of head `h`'s query
  /// tile `queryTile` (from `queryStart`) against its key tile from
  /// `keyStart`; masked-out scores are -inf.
  Value scoreTile(ImplicitLocOpBuilder &b, HeadIndex h, Value queryTile,
                  Value queryStart, Value keyStart) const {
    const double inf = std::numeric_limits<double>::infinity();
    Value scores = MatmulOp::create(
        b, queryTile,
        extractSlice(b, keysTransposed, {h.batch, h.head, Value(), keyStart},
                     {1, 1, headDim, tk}));
    scores = MulOp::create(b, scores, scalarLike(b, scores, operands.scale));
    if (!mask && !positional)
      return scores;
    scores = ReshapeOp::create(b, scores, ArrayRef<int64_t>{1, group, tq, tk});
    Value keep;
    if (mask) {
      // The mask's slice for the group's query heads, each of its
      // dimensions taken whole where it broadcasts.
      Value firstHead =
          maskShape[1] == 1
              ? Value()
              : arith::MulIOp::create(b, h.head,
                                      arith::ConstantIndexOp::create(b, group));
      Value maskTile = extractSlice(
          b, mask,
          {maskShape[0] == 1 ? Value() : h.batch, firstHead,
           maskShape[2] == 1 ? Value() : queryStart,
           maskShape[3] == 1 ? Value() : keyStart},
          {1, maskShape[1] == 1 ? 1 : group, maskShape[2] == 1 ? 1 : tq,
           maskShape[3] == 1 ? 1 : tk});
      if (tensorTypeOf(maskTile).getElementType().isInteger(1))
        keep = maskTile;
      else
        scores = AddOp::create(b, scores, maskTile);
    }
    if (positional) {
      Value visible = positionTile(b, queryStart, keyStart, tq, tk,
                                   operands.causal, operands.window);
      keep = keep ? SelectOp::create(
                        b, keep, visible,
                        arith::ConstantOp::create(
                            b, DenseElementsAttr::get(
                                   RankedTensorType::get({}, b.getI1Type()),
                                   false)))
                  : visible;
    }
    if (keep)
      scores = SelectOp::create(b, keep, scores, scalarLike(b, scores, -inf));
    return ReshapeOp::create(b, scores, ArrayRef<int64_t>{1, 1, rows, tk});
  }

  /// The softmax statistics after folding the score tile `scores` into the
  /// running row maximum `max` and row sum `sum` (both `[1, 1, G * Tq,
  /// 1]`): the new maximum, the shift of the exponentials (the maximum, 0
  /// where a row has seen only masked scores), exp(scores - shift), the
  /// factor exp(max - shift) that rescales what came before, and the new
  /// sum.
  struct OnlineSoftmaxStep {
    Value max, shift, exps, rescale, sum;
  };
  OnlineSoftmaxStep onlineSoftmaxStep(ImplicitLocOpBuilder &b, Value scores,
                                      Value max, Value sum) const {
    const double inf = std::numeric_limits<double>::infinity();
    OnlineSoftmaxStep step;
    step.max =
        MaximumOp::create(b, max,
                          ReduceMaxOp::create(b, scores, ArrayRef<int64_t>{3},
                                              /*keepdim=*/true));
    Value unseen = CompareOp::create(b, ComparePredicate::eq, step.max,
                                     scalarLike(b, step.max, -inf));
    step.shift =
        SelectOp::create(b, unseen, scalarLike(b, step.max, 0.0), step.max);
    step.exps = ExpOp::create(b, SubOp::create(b, scores, step.shift));
    step.rescale = ExpOp::create(b, SubOp::create(b, max, step.shift));
    step.sum =
        AddOp::create(b, MulOp::create(b, sum, step.rescale),
                      ReduceSumOp::create(b, step.exps, ArrayRef<int64_t>{3},
                                          /*keepdim=*/true));
    return step;
  }

  /// `sum` where it is not 0, else 1: the softmax denominator, which leaves
  /// rows with every key masked out at zero.
  Value denominator(ImplicitLocOpBuilder &b, Value sum) const {
    Value emptyRow = CompareOp::create(b, ComparePredicate::eq, sum,
                                       scalarLike(b, sum, 0.0));
    return SelectOp::create(b, emptyRow, scalarLike(b, sum, 1.0), sum);
  }

  /// A `[1, 1, G * Tq, 1]` row statistic filled with `value`.
  Value rowSplat(ImplicitLocOpBuilder &b, double value) const {
    return splat(b, {1, 1, rows, 1}, element, value);
  }

  AttentionOperands operands;
  Value keysTransposed;
  Value mask;
  SmallVector<int64_t> maskShape;
  int64_t batch, heads, queries, headDim, kvHeads, keys, group, valueDim;
  int64_t tq, tk, rows;
  Type element;
  bool positional;
};

/// A loop from `lower` to `upper` in steps of `step` carrying `inits`.
scf::ForOp tileLoop(
    ImplicitLocOpBuilder &b, Value lower, Value upper, int64_t step,
    ValueRange inits,
    function_ref<SmallVector<Value>(ImplicitLocOpBuilder &, Value, ValueRange)>
        body) {
  return scf::ForOp::create(
      b, lower, upper, arith::ConstantIndexOp::create(b, step), inits,
      [&](OpBuilder &nested, Location loc, Value index, ValueRange state) {
        ImplicitLocOpBuilder ib(loc, nested);
        scf::YieldOp::create(ib, body(ib, index, state));
      });
}

/// A rewrite of `Op` into tiles of at most `queryTile` queries by
/// `keyTile` keys.
template <typename Op> struct TilingPattern : OpRewritePattern<Op> {
  TilingPattern(MLIRContext *context, int64_t queryTile, int64_t keyTile)
      : OpRewritePattern<Op>(context), queryTile(queryTile), keyTile(keyTile) {}

  int64_t queryTile, keyTile;
};

struct FlashAttentionPattern : TilingPattern<AttentionOp> {
  using TilingPattern::TilingPattern;

  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    AttentionTiling t(b, attentionOperandsOf(op), queryTile, keyTile);
    Value groupedQuery = t.grouped(b, t.operands.query);
    Value outputInit = tensor::EmptyOp::create(
        b,
        ArrayRef<int64_t>{t.batch, t.kvHeads, t.group, t.queries, t.valueDim},
        t.element);
    const double inf = std::numeric_limits<double>::infinity();
    // The query tiles of every head are independent: a forall, whose tiles
    // the CPU pipeline runs on the thread pool, each writing its rows of
    // the output.
    auto queryLoop = scf::ForallOp::create(
        b, getAsIndexOpFoldResult(b.getContext(), {0, 0, 0}),
        getAsIndexOpFoldResult(b.getContext(), {t.batch, t.kvHeads, t.queries}),
        getAsIndexOpFoldResult(b.getContext(), {1, 1, t.tq}),
        ValueRange{outputInit}, std::nullopt);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(queryLoop.getBody());
      HeadIndex h{queryLoop.getInductionVar(0), queryLoop.getInductionVar(1)};
      Value queryStart = queryLoop.getInductionVar(2);
      Value queryTileValue = t.queryRows(b, groupedQuery, h, queryStart);
      auto [lower, upper] = t.keyRange(b, queryStart);
      Value accInit = splat(b, {1, 1, t.rows, t.valueDim}, t.element, 0.0);
      auto keyLoop = tileLoop(
          b, lower, upper, t.tk,
          ValueRange{t.rowSplat(b, -inf), t.rowSplat(b, 0.0), accInit},
          [&](ImplicitLocOpBuilder &ib, Value keyStart,
              ValueRange state) -> SmallVector<Value> {
            Value scores =
                t.scoreTile(ib, h, queryTileValue, queryStart, keyStart);
            auto step = t.onlineSoftmaxStep(ib, scores, state[0], state[1]);
            Value acc = AddOp::create(
                ib, MulOp::create(ib, state[2], step.rescale),
                MatmulOp::create(ib, step.exps,
                                 t.keyRows(ib, t.operands.value, h, keyStart)));
            return {step.max, step.sum, acc};
          });
      Value outputTile = DivOp::create(b, keyLoop.getResult(2),
                                       t.denominator(b, keyLoop.getResult(1)));
      auto [rows, slice] = t.groupedQueryRows(b, outputTile, h, queryStart);
      b.setInsertionPointToStart(queryLoop.getTerminator().getBody());
      tensor::ParallelInsertSliceOp::create(
          b, rows, queryLoop.getRegionOutArgs()[0], slice.offsets, slice.sizes,
          slice.strides);
    }
    rewriter.replaceOp(op, t.perHead(b, queryLoop.getResult(0)));
    return success();
  }
};

/// nn.attention_grad as FlashAttention-2's backward pass, in parallel over
/// the batch and the key/value heads (a forall). Per head, per query tile:
/// D = rowsum(dO * O); a first sweep over the key tiles gives each row's
/// logsumexp L (0 for a row that sees no key); a second recomputes
/// P = exp(S - L) per key tile and accumulates dV += P^T dO,
/// dS = P * (dO V^T - D), dQ += dS K scale (for the query tile) and
/// dK += dS^T Q scale (into the key tile of the head's dK). The head's dK
/// and dV are carried through its query loop; nothing of size [Lq, Lk] is
/// formed.
struct FlashAttentionGradPattern : TilingPattern<AttentionGradOp> {
  using TilingPattern::TilingPattern;

  LogicalResult matchAndRewrite(AttentionGradOp op,
                                PatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    AttentionTiling t(b, attentionOperandsOf(op), queryTile, keyTile);
    const double inf = std::numeric_limits<double>::infinity();
    Value groupedQuery = t.grouped(b, t.operands.query);
    Value groupedOutput = t.grouped(b, op.getOutput());
    Value groupedOutputGrad = t.grouped(b, op.getGradOutput());
    SmallVector<int64_t> queryGradShape{t.batch, t.kvHeads, t.group, t.queries,
                                        t.headDim};
    SmallVector<int64_t> keyGradShape{t.batch, t.kvHeads, t.keys, t.headDim};
    SmallVector<int64_t> valueGradShape{t.batch, t.kvHeads, t.keys, t.valueDim};
    auto headLoop = scf::ForallOp::create(
        b, getAsIndexOpFoldResult(b.getContext(), {0, 0}),
        getAsIndexOpFoldResult(b.getContext(), {t.batch, t.kvHeads}),
        getAsIndexOpFoldResult(b.getContext(), {1, 1}),
        ValueRange{tensor::EmptyOp::create(b, queryGradShape, t.element),
                   tensor::EmptyOp::create(b, keyGradShape, t.element),
                   tensor::EmptyOp::create(b, valueGradShape, t.element)},
        std::nullopt);
    b.setInsertionPointToStart(headLoop.getBody());
    HeadIndex h{headLoop.getInductionVar(0), headLoop.getInductionVar(1)};
    // The head's gradients, whole: `within` addresses them.
    const HeadIndex within;
    auto headShape = [](ArrayRef<int64_t> shape) {
      SmallVector<int64_t> head{1, 1};
      head.append(shape.begin() + 2, shape.end());
      return head;
    };
    Value queryGradInit =
        tensor::EmptyOp::create(b, headShape(queryGradShape), t.element);
    Value keyGradInit = splat(b, headShape(keyGradShape), t.element, 0.0);
    Value valueGradInit = splat(b, headShape(valueGradShape), t.element, 0.0);
    auto queryLoop = tileLoop(
        b, arith::ConstantIndexOp::create(b, 0),
        arith::ConstantIndexOp::create(b, t.queries), t.tq,
        ValueRange{queryGradInit, keyGradInit, valueGradInit},
        [&](ImplicitLocOpBuilder &ob, Value queryStart, ValueRange grads) {
          Value queryTileValue = t.queryRows(ob, groupedQuery, h, queryStart);
          Value outputGradTile =
              t.queryRows(ob, groupedOutputGrad, h, queryStart);
          Value rowDot = ReduceSumOp::create(
              ob,
              MulOp::create(ob, outputGradTile,
                            t.queryRows(ob, groupedOutput, h, queryStart)),
              ArrayRef<int64_t>{3}, /*keepdim=*/true);
          auto [lower, upper] = t.keyRange(ob, queryStart);

          auto statistics = tileLoop(
              ob, lower, upper, t.tk,
              ValueRange{t.rowSplat(ob, -inf), t.rowSplat(ob, 0.0)},
              [&](ImplicitLocOpBuilder &ib, Value keyStart,
                  ValueRange state) -> SmallVector<Value> {
                auto step = t.onlineSoftmaxStep(
                    ib,
                    t.scoreTile(ib, h, queryTileValue, queryStart, keyStart),
                    state[0], state[1]);
                return {step.max, step.sum};
              });
          Value max = statistics.getResult(0);
          Value unseen = CompareOp::create(ob, ComparePredicate::eq, max,
                                           scalarLike(ob, max, -inf));
          Value logSumExp = AddOp::create(
              ob, SelectOp::create(ob, unseen, scalarLike(ob, max, 0.0), max),
              LogOp::create(ob, t.denominator(ob, statistics.getResult(1))));

          Value queryGradAcc =
              splat(ob, {1, 1, t.rows, t.headDim}, t.element, 0.0);
          auto keyLoop = tileLoop(
              ob, lower, upper, t.tk,
              ValueRange{queryGradAcc, grads[1], grads[2]},
              [&](ImplicitLocOpBuilder &ib, Value keyStart,
                  ValueRange state) -> SmallVector<Value> {
                Value probabilities = ExpOp::create(
                    ib, SubOp::create(ib,
                                      t.scoreTile(ib, h, queryTileValue,
                                                  queryStart, keyStart),
                                      logSumExp));
                Value keyTileValue = t.keyRows(ib, t.operands.key, h, keyStart);
                Value valueTile = t.keyRows(ib, t.operands.value, h, keyStart);
                Value valueGrad = MatmulOp::create(
                    ib, transposeLastTwo(ib, probabilities), outputGradTile);
                Value probabilitiesGrad = MatmulOp::create(
                    ib, outputGradTile, transposeLastTwo(ib, valueTile));
                Value scoresGrad = MulOp::create(
                    ib,
                    MulOp::create(ib, probabilities,
                                  SubOp::create(ib, probabilitiesGrad, rowDot)),
                    scalarLike(ib, probabilities, t.operands.scale));
                Value queryGrad = AddOp::create(
                    ib, state[0],
                    MatmulOp::create(ib, scoresGrad, keyTileValue));
                Value keyGrad = MatmulOp::create(
                    ib, transposeLastTwo(ib, scoresGrad), queryTileValue);
                auto [keyOffsets, keySizes] =
                    t.keySlice(within, keyStart, t.headDim);
                auto [valueOffsets, valueSizes] =
                    t.keySlice(within, keyStart, t.valueDim);
                return {queryGrad,
                        addToSlice(ib, state[1], keyGrad, keyOffsets, keySizes),
                        addToSlice(ib, state[2], valueGrad, valueOffsets,
                                   valueSizes)};
              });
          return SmallVector<Value>{t.insertQueryRows(ob, keyLoop.getResult(0),
                                                      grads[0], within,
                                                      queryStart),
                                    keyLoop.getResult(1), keyLoop.getResult(2)};
        });
    b.setInsertionPointToStart(headLoop.getTerminator().getBody());
    for (auto [headGrad, into] :
         llvm::zip_equal(queryLoop.getResults(), headLoop.getRegionOutArgs())) {
      int64_t rank = tensorTypeOf(headGrad).getRank();
      SmallVector<Value> offsets(rank);
      offsets[0] = h.batch;
      offsets[1] = h.head;
      SliceBounds s =
          sliceBounds(b, offsets, tensorTypeOf(headGrad).getShape());
      tensor::ParallelInsertSliceOp::create(b, headGrad, into, s.offsets,
                                            s.sizes, s.strides);
    }
    b.setInsertionPointAfter(headLoop);
    rewriter.replaceOp(op, ValueRange{t.perHead(b, headLoop.getResult(0)),
                                      headLoop.getResult(1),
                                      headLoop.getResult(2)});
    return success();
  }
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
  patterns.add<FlashAttentionPattern, FlashAttentionGradPattern>(
      patterns.getContext(), queryTile, keyTile);
}
