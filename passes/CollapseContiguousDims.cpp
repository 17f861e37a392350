//===- CollapseContiguousDims.cpp - Innermost loops as one long loop ------===//
//
// A linalg.generic's innermost loops that every operand walks as one run of
// memory (the rows and columns of an image, say: [N, C, H, W] by
// (n, c, h, w) in every operand) become one loop over their product. LLVM
// vectorizes the innermost loop of a nest: over a short one (an image's 32
// columns) it unrolls it whole and vectorizes the loop around it instead,
// with gathers and scatters across rows; over the 1024 pixels of the image
// it streams whole vectors. Only the innermost run of loops of one kind
// (parallel, or reduction) is collapsed, in ops whose indexing maps are
// projected permutations and whose results the function does not return;
// the operands get collapse_shapes, the results expand_shapes back.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_COLLAPSECONTIGUOUSDIMS
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// The innermost loops of `op`, two or more of one iterator kind, that each
/// indexing map reads as one contiguous run of dimensions; none otherwise.
SmallVector<ReassociationIndices> innermostRun(linalg::LinalgOp op) {
  if (!isa<linalg::GenericOp>(op) || !op.hasPureTensorSemantics())
    return {};
  // A result the function returns stays in its shape: returned through a
  // reshape, bufferization would copy it into the caller's buffer instead
  // of writing it there.
  for (Value result : op->getResults())
    for (Operation *user : result.getUsers())
      if (user->hasTrait<OpTrait::ReturnLike>())
        return {};
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  // Broadcasts along unit dimensions (constant 0 results) are left alone.
  if (!llvm::all_of(maps, [](AffineMap map) {
        return map.isProjectedPermutation(/*allowZeroInResults=*/false);
      }))
    return {};
  int64_t last = static_cast<int64_t>(iterators.size()) - 1;
  ReassociationIndices run;
  for (int64_t d = last; d >= 0 && iterators[d] == iterators[last]; --d) {
    ReassociationIndices longer = {d};
    llvm::append_range(longer, run);
    if (!linalg::areDimSequencesPreserved(maps, {longer}))
      break;
    run = longer;
  }
  if (run.size() < 2)
    return {};
  return {run};
}

/// An input a generic broadcasts along its unit dimensions (indexing map
/// results that are the constant 0: a [C, 1, 1] bias over [N, C, H, W])
/// read without them ([C] by (n, c, h, w) -> (c)), so that its map is a
/// projected permutation the collapse can work with.
struct DropBroadcastUnitDims : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics())
      return failure();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    SmallVector<Value> inputs = op.getInputs();
    bool changed = false;
    for (auto [index, input] : llvm::enumerate(inputs)) {
      auto type = dyn_cast<RankedTensorType>(input.getType());
      AffineMap map = maps[index];
      if (!type || !type.hasStaticShape() ||
          type.getRank() != map.getNumResults())
        continue;
      SmallVector<AffineExpr> kept;
      SmallVector<ReassociationIndices> groups;
      ReassociationIndices pending;
      for (auto [d, result] : llvm::enumerate(map.getResults())) {
        pending.push_back(d);
        auto constant = dyn_cast<AffineConstantExpr>(result);
        if (constant && constant.getValue() == 0 && type.getDimSize(d) == 1)
          continue;
        kept.push_back(result);
        groups.push_back(pending);
        pending.clear();
      }
      if (kept.size() == map.getNumResults() || kept.empty())
        continue;
      // Trailing unit dimensions join the last kept one.
      llvm::append_range(groups.back(), pending);
      SmallVector<int64_t> shape;
      for (const ReassociationIndices &group : groups) {
        int64_t extent = 1;
        for (int64_t d : group)
          extent *= type.getDimSize(d);
        shape.push_back(extent);
      }
      inputs[index] = tensor::CollapseShapeOp::create(
          rewriter, op.getLoc(),
          RankedTensorType::get(shape, type.getElementType()), input, groups);
      maps[index] = AffineMap::get(map.getNumDims(), 0, kept, getContext());
      changed = true;
    }
    if (!changed)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op.getInputsMutable().assign(inputs);
      op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
    });
    return success();
  }
};

struct CollapseContiguousDimsPass
    : nnc::impl::CollapseContiguousDimsBase<CollapseContiguousDimsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DropBroadcastUnitDims>(&getContext());
    linalg::populateCollapseDimensions(patterns, innermostRun);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
