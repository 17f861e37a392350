//===- TileAndFuse.cpp - Tile ops and fuse their producers into the tiles -===//
//
// Carries out the tile sizes nnc-tiling-strategy recorded: each op carrying
// `nnc.tile_sizes` is tiled through the TilingInterface into an scf.forall
// (its tiles run in parallel on the thread pool once lowered), and the
// producers of each tile's operands are fused into the loop: tiled to the
// slice the tile reads, through the reshapes between them. What fuses is
// the op's product and what the product gathers its operands from (fills,
// pads, and linalg ops that only move data, such as im2col), each used
// only on the way to this op and each only where a tile needs part of it;
// arithmetic producers belong to epilogues of their own and stay outside,
// and an operand that every tile reads whole is computed once, outside.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/TileSizes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_TILEANDFUSE
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// True for a linalg op that only moves data: its body yields its inputs.
bool movesDataOnly(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  if (!isa<linalg::YieldOp>(body->front()))
    return false;
  return llvm::all_of(body->getTerminator()->getOperands(), [&](Value v) {
    auto argument = dyn_cast<BlockArgument>(v);
    return argument && argument.getOwner() == body &&
           argument.getArgNumber() < op.getNumDpsInputs();
  });
}

/// Whether a slice of each result of `op` is computed by a tile of its
/// loops: each result's indexing map is a projected permutation (not a
/// keepdim reduction's constant index, for which upstream's tiling only
/// reports an error).
bool resultsTile(linalg::LinalgOp op) {
  return llvm::all_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
    return op.getMatchingIndexingMap(&init).isProjectedPermutation();
  });
}

/// The producers `root` may take into its tiles: walking up from its
/// operands through values used once, the reshapes, the products (ops with
/// reduction loops), fills, pads and data movement.
llvm::SmallPtrSet<Operation *, 8> fusibleProducers(Operation *root) {
  llvm::SmallPtrSet<Operation *, 8> fusible;
  SmallVector<Operation *> worklist = {root};
  while (!worklist.empty()) {
    Operation *consumer = worklist.pop_back_val();
    for (Value operand : consumer->getOperands()) {
      Operation *producer = operand.getDefiningOp();
      if (!producer || !operand.hasOneUse() || fusible.contains(producer))
        continue;
      auto linalgOp = dyn_cast<linalg::LinalgOp>(producer);
      bool takes =
          isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::PadOp,
              tensor::EmptyOp, linalg::FillOp>(producer) ||
          (linalgOp && resultsTile(linalgOp) &&
           (linalgOp.getNumReductionLoops() != 0 || movesDataOnly(linalgOp)));
      if (!takes)
        continue;
      fusible.insert(producer);
      worklist.push_back(producer);
    }
  }
  return fusible;
}

/// True when the loop variable `value` only takes multiples of `divisor`:
/// its loop starts at a multiple and steps by a multiple.
bool isMultipleStepping(Value value, int64_t divisor) {
  auto argument = dyn_cast<BlockArgument>(value);
  auto loop =
      argument
          ? dyn_cast<LoopLikeOpInterface>(argument.getOwner()->getParentOp())
          : nullptr;
  if (!loop)
    return false;
  std::optional<SmallVector<Value>> variables = loop.getLoopInductionVars();
  std::optional<SmallVector<OpFoldResult>> lowerBounds =
      loop.getLoopLowerBounds();
  std::optional<SmallVector<OpFoldResult>> steps = loop.getLoopSteps();
  if (!variables || !lowerBounds || !steps)
    return false;
  for (auto [variable, lowerBound, step] :
       llvm::zip(*variables, *lowerBounds, *steps)) {
    if (variable != value)
      continue;
    std::optional<int64_t> start = getConstantIntValue(lowerBound);
    std::optional<int64_t> stride = getConstantIntValue(step);
    return start && stride && *start % divisor == 0 && *stride % divisor == 0;
  }
  return false;
}

/// The affine.linearize_index with a static basis that computes `offset`
/// (what a tile's offset becomes through an expand_shape), if one does.
affine::AffineLinearizeIndexOp staticLinearize(OpFoldResult offset) {
  auto value = dyn_cast_if_present<Value>(offset);
  auto linearize =
      value ? value.getDefiningOp<affine::AffineLinearizeIndexOp>() : nullptr;
  return linearize && linearize.getDynamicBasis().empty() ? linearize : nullptr;
}

/// `offset` divided by `divisor` when it provably is a multiple of it: a
/// constant, a tile loop's variable stepping by multiples, or a linearized
/// index (what a tile's offset becomes through an expand_shape) each of
/// whose terms is one.
std::optional<OpFoldResult> exactQuotient(OpBuilder &b, Location loc,
                                          OpFoldResult offset,
                                          int64_t divisor) {
  if (std::optional<int64_t> constant = getConstantIntValue(offset)) {
    if (*constant % divisor != 0)
      return std::nullopt;
    return OpFoldResult(b.getIndexAttr(*constant / divisor));
  }
  if (isMultipleStepping(cast<Value>(offset), divisor))
    return affine::makeComposedFoldedAffineApply(
        b, loc, b.getAffineDimExpr(0).floorDiv(divisor), {offset});
  auto linearize = staticLinearize(offset);
  if (!linearize)
    return std::nullopt;
  ArrayRef<int64_t> basis = linearize.getStaticBasis();
  auto indices = linearize.getMultiIndex();
  AffineExpr quotient = b.getAffineConstantExpr(0);
  SmallVector<Value> operands;
  int64_t stride = 1;
  for (int64_t i = indices.size() - 1; i >= 0; --i) {
    Value index = indices[i];
    std::optional<int64_t> constant = getConstantIntValue(index);
    if (constant && (*constant * stride) % divisor == 0) {
      quotient = quotient + *constant * stride / divisor;
    } else if (stride % divisor == 0) {
      quotient =
          quotient + b.getAffineDimExpr(operands.size()) * (stride / divisor);
      operands.push_back(index);
    } else {
      return std::nullopt;
    }
    // The basis lists an outer bound first only when it has one.
    int64_t basisIndex = i - (indices.size() - basis.size());
    if (i > 0)
      stride *= basis[basisIndex];
  }
  return affine::makeComposedFoldedAffineApply(
      b, loc, AffineMap::get(operands.size(), 0, quotient),
      getAsOpFoldResult(operands));
}

/// True when the tile index `index` (of tiles of `part` along a dimension of
/// `extent`) keeps each tile inside the dimension: a constant that does, or
/// a loop variable stepping by multiples of `part` where `part` divides
/// `extent`.
bool staysInside(Value index, int64_t part, int64_t extent) {
  if (std::optional<int64_t> constant = getConstantIntValue(index))
    return *constant >= 0 && *constant + part <= extent;
  return extent % part == 0 && isMultipleStepping(index, part);
}

/// The offsets and sizes along the dimensions `extents` (outermost first)
/// of a collapse_shape group that the slice [offset, offset + size) of the
/// collapsed dimension covers, when it is one box: some innermost
/// dimensions whole, the one outside them in part, the others at one
/// index. Its offsets come from a constant or a tile loop's variable when
/// the dimensions outside the partial one have extent 1, or else from a
/// linearized index over the same extents (what a tile's offset becomes
/// through an expand_shape of the same group).
LogicalResult sliceOfGroup(OpBuilder &b, Location loc, OpFoldResult offset,
                           int64_t size, ArrayRef<int64_t> extents,
                           SmallVectorImpl<OpFoldResult> &offsets,
                           SmallVectorImpl<OpFoldResult> &sizes) {
  int64_t rank = extents.size();
  int64_t inner = 1, partial = rank - 1;
  while (partial >= 0 && size % (inner * extents[partial]) == 0)
    inner *= extents[partial--];
  if (partial < 0) {
    // The whole group.
    if (!isZeroInteger(offset))
      return failure();
    for (int64_t extent : extents) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(b.getIndexAttr(extent));
    }
    return success();
  }
  int64_t part = size / inner;
  if (part > extents[partial])
    return failure();
  SmallVector<OpFoldResult> at(rank, b.getIndexAttr(0));
  bool unitOuter = llvm::all_of(extents.take_front(partial),
                                [](int64_t extent) { return extent == 1; });
  auto linearize = staticLinearize(offset);
  if (unitOuter) {
    std::optional<OpFoldResult> quotient = exactQuotient(b, loc, offset, inner);
    if (!quotient)
      return failure();
    at[partial] = *quotient;
  } else if (linearize && linearize.getMultiIndex().size() == extents.size() &&
             linearize.getStaticBasis().take_back(rank - 1) ==
                 extents.drop_front()) {
    auto indices = linearize.getMultiIndex();
    for (int64_t d = partial + 1; d < rank; ++d)
      if (!isZeroInteger(indices[d]))
        return failure();
    if (!staysInside(indices[partial], part, extents[partial]))
      return failure();
    for (int64_t d = 0; d <= partial; ++d)
      at[d] = indices[d];
  } else {
    return failure();
  }
  for (int64_t d = 0; d < rank; ++d) {
    offsets.push_back(at[d]);
    sizes.push_back(b.getIndexAttr(d < partial    ? 1
                                   : d == partial ? part
                                                  : extents[d]));
  }
  return success();
}

/// A slice of a collapse_shape as the collapse of a slice of its source,
/// where each collapsed dimension's slice is one box of its group (a tile
/// of batch images out of [batch * pixels], or of rows out of one image's
/// [rows * columns]). Upstream's pattern declines when the offset is not a
/// constant.
struct SliceOfCollapse : OpRewritePattern<tensor::ExtractSliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ExtractSliceOp slice,
                                PatternRewriter &rewriter) const override {
    auto collapse = slice.getSource().getDefiningOp<tensor::CollapseShapeOp>();
    if (!collapse || !slice.hasUnitStride() ||
        slice.getSourceType().getRank() != slice.getResultType().getRank())
      return failure();
    ArrayRef<int64_t> shape = collapse.getSrcType().getShape();
    SmallVector<OpFoldResult> offsets, sizes;
    for (auto [group, offset, size] :
         llvm::zip(collapse.getReassociationIndices(), slice.getMixedOffsets(),
                   slice.getMixedSizes())) {
      SmallVector<int64_t> extents;
      for (int64_t d : group)
        extents.push_back(shape[d]);
      std::optional<int64_t> staticSize = getConstantIntValue(size);
      if (!staticSize ||
          failed(sliceOfGroup(rewriter, slice.getLoc(), offset, *staticSize,
                              extents, offsets, sizes)))
        return failure();
    }
    SmallVector<OpFoldResult> strides(shape.size(), rewriter.getIndexAttr(1));
    Value part = tensor::ExtractSliceOp::create(
        rewriter, slice.getLoc(), collapse.getSrc(), offsets, sizes, strides);
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        slice, slice.getResultType(), part, collapse.getReassociationIndices());
    return success();
  }
};

/// True when `slice` takes part of its source, not all of it.
bool takesPart(tensor::ExtractSliceOp slice) {
  return slice.getSourceType().getShape() != slice.getResultType().getShape();
}

LogicalResult tileAndFuse(RewriterBase &rewriter, TilingInterface root,
                          ArrayRef<int64_t> sizes) {
  llvm::SmallPtrSet<Operation *, 8> fusible = fusibleProducers(root);
  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), sizes));
  tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp slice, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (!fusible.contains(producer.getOwner()) || !takesPart(slice))
          return std::nullopt;
        return scf::SCFTileAndFuseOptions::ControlFnResult{};
      });
  // Slices move above the reshapes so that they reach the producers.
  RewritePatternSet cleanup(rewriter.getContext());
  tensor::populateBubbleUpExtractSliceOpPatterns(cleanup);
  cleanup.add<SliceOfCollapse>(rewriter.getContext());
  options.cleanupPatterns = FrozenRewritePatternSet(std::move(cleanup));

  rewriter.setInsertionPoint(root);
  FailureOr<scf::SCFTileAndFuseResult> tiled =
      scf::tileConsumerAndFuseProducersUsingSCF(rewriter, root, options);
  if (failed(tiled))
    return root->emitError("nnc-tile-and-fuse: could not tile by ")
           << DenseI64ArrayAttr::get(rewriter.getContext(), sizes);
  for (OpResult result : root->getResults())
    rewriter.replaceAllUsesWith(result, tiled->replacements.lookup(result));
  for (Operation *op : tiled->tiledAndFusedOps)
    op->removeAttr(nnc::kTileSizesAttr);
  rewriter.eraseOp(root);
  return success();
}

struct TileAndFusePass : nnc::impl::TileAndFuseBase<TileAndFusePass> {
  void runOnOperation() override {
    SmallVector<TilingInterface> roots;
    getOperation()->walk([&](TilingInterface op) {
      if (op->hasAttr(nnc::kTileSizesAttr))
        roots.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (TilingInterface root : roots) {
      auto sizes =
          dyn_cast<DenseI64ArrayAttr>(root->getAttr(nnc::kTileSizesAttr));
      if (!sizes ||
          sizes.size() !=
              static_cast<int64_t>(root.getLoopIteratorTypes().size()) ||
          llvm::any_of(sizes.asArrayRef(),
                       [](int64_t size) { return size < 0; })) {
        root->emitError("nnc-tile-and-fuse: '")
            << nnc::kTileSizesAttr
            << "' must list one size per loop, none negative";
        return signalPassFailure();
      }
      // The tiles run in parallel: each must own its slice of the result.
      for (auto [loop, size, iterator] :
           llvm::enumerate(sizes.asArrayRef(), root.getLoopIteratorTypes())) {
        if (size != 0 && iterator != utils::IteratorType::parallel) {
          root->emitError("nnc-tile-and-fuse: loop ")
              << loop << " is a reduction; its tiles cannot run in parallel";
          return signalPassFailure();
        }
      }
      if (failed(tileAndFuse(rewriter, root, sizes.asArrayRef())))
        return signalPassFailure();
    }
    // Erases the untiled producers the tiles took over and the slices of
    // them that fusion left unused, makes each tile's slice of an empty
    // tensor an empty tensor of the tile's size (so a tile allocates its own
    // intermediates, not the whole), and resolves the checks for empty pad
    // slices that are constant.
    RewritePatternSet cleanup(&getContext());
    tensor::populateFoldTensorEmptyPatterns(cleanup);
    scf::IfOp::getCanonicalizationPatterns(cleanup, &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(cleanup))))
      signalPassFailure();
  }
};

} // namespace
