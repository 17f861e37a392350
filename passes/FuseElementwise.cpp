//===- FuseElementwise.cpp - Elementwise chains into one loop nest --------===//
//
// Fuses each elementwise linalg.generic on tensors into the linalg.generic
// that consumes it, so that a chain such as bias-add, scale, activation runs
// as one loop nest reading and writing memory once, and folds the reshapes
// between them by expanding the loop nests. A contraction or convolution
// consumer is left alone: the runtime's GEMM kernel only takes a matmul that
// is still a matmul, and fusing an im2col producer into its GEMM would
// rebuild the direct convolution loops that im2col exists to avoid.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// True for a structured op that a kernel or a dedicated lowering keeps its
/// shape for: a contraction (matmul-like) or a convolution.
bool isProductLike(Operation *op) {
  auto linalgOp = dyn_cast_if_present<linalg::LinalgOp>(op);
  if (!linalgOp)
    return false;
  return linalg::isaContractionOpInterface(linalgOp) ||
         linalg::isaConvolutionOpInterface(linalgOp);
}

/// Fuses (or folds a reshape) across `operand` when its producer has no other
/// use, so nothing is computed twice, and neither side is product-like.
bool shouldFuse(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  Operation *consumer = operand->getOwner();
  return producer && producer->hasOneUse() && !isProductLike(producer) &&
         !isProductLike(consumer);
}

struct FuseElementwisePass
    : nnc::impl::FuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, shouldFuse);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, shouldFuse);
    linalg::populateConstantFoldLinalgOperations(patterns, shouldFuse);
    linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
    tensor::populateFoldTensorEmptyPatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
