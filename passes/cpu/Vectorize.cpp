//===- Vectorize.cpp - Elementwise loop nests to the vector dialect -------===//
//
// Each elementwise linalg.generic on buffers whose innermost loop walks
// every operand contiguously (or does not move it: a broadcast) becomes a
// parallel loop nest over vectors of the target's width: the innermost loop
// steps by one vector, the others by one, and the body is the generic's
// scalar arithmetic on vectors (MLIR's linalg vectorizer), reading and
// writing through vector.transfer ops. A last, partial vector of a row is
// masked rather than run by a scalar remainder loop. The vectors then lose
// their unit leading dimensions and the masked transfers become masked
// loads and stores, which the LLVM lowering emits as such.
//
// Left to the later loop lowering (and LLVM's own vectorizer): reductions,
// integer and mixed element types, strided or gathered innermost accesses,
// bodies with tensor or memory ops, and rows shorter than half a vector.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/TargetParser/Host.h"

namespace nnc {
#define GEN_PASS_DEF_VECTORIZE
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// The widest vector register of the machine compiling: 512 bits with
/// AVX-512, 256 with AVX, else 128 (SSE, NEON).
int64_t hostVectorBits() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx512f"))
    return 512;
  if (features.lookup("avx"))
    return 256;
  return 128;
}

/// Whether the innermost loop `inner` reaches the memory of `operand`
/// contiguously or not at all: a map that uses it must use it last, on a
/// buffer whose last stride is 1.
bool innermostIsContiguous(linalg::LinalgOp op, OpOperand &operand,
                           unsigned inner) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  if (!map.isFunctionOfDim(inner))
    return true;
  auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
  if (!last || last.getPosition() != inner)
    return false;
  auto type = cast<MemRefType>(operand.get().getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

/// The vector length for `op` at `bits` per register, or 0 when it is not
/// an f32 elementwise nest of static extents whose innermost loop walks its
/// buffers contiguously and whose body is arithmetic only.
int64_t lanesFor(linalg::GenericOp op, int64_t bits) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
      op.getNumReductionLoops() != 0)
    return 0;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return 0;
  int64_t lanes = bits / 32;
  unsigned inner = op.getNumLoops() - 1;
  if (ranges[inner] < lanes / 2)
    return 0;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !type.getElementType().isF32() ||
        !op.getMatchingIndexingMap(&operand).isProjectedPermutation() ||
        !innermostIsContiguous(op, operand, inner))
      return 0;
  }
  for (Operation &nested : op.getBody()->without_terminator()) {
    if (!isa<arith::ArithDialect, math::MathDialect>(nested.getDialect()) &&
        !isa<linalg::IndexOp>(nested))
      return 0;
  }
  // What else MLIR's vectorizer requires of the whole nest holds for its
  // tiles too.
  if (failed(linalg::vectorizeOpPrecondition(op)))
    return 0;
  return lanes;
}

/// Tiles `op` to one vector of the innermost loop per iteration of a
/// parallel loop nest and vectorizes the tile, masking it where the
/// innermost extent is not a multiple of `lanes`.
LogicalResult vectorizeNest(RewriterBase &rewriter, linalg::GenericOp op,
                            int64_t lanes) {
  SmallVector<int64_t> sizes(op.getNumLoops(), 1);
  sizes.back() = lanes;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::TiledLinalgOp> tiled = linalg::tileLinalgOp(
      rewriter, op,
      linalg::LinalgTilingOptions().setTileSizes(sizes).setLoopType(
          linalg::LinalgTilingLoopType::ParallelLoops));
  if (failed(tiled))
    return failure();
  Operation *tile = tiled->op;
  rewriter.eraseOp(op);
  rewriter.setInsertionPoint(tile);
  SmallVector<bool> scalable(sizes.size(), false);
  if (failed(linalg::vectorize(rewriter, tile, sizes, scalable)))
    return tile->emitOpError("could not be vectorized after tiling");
  rewriter.eraseOp(tile);
  return success();
}

struct VectorizePass : nnc::impl::VectorizeBase<VectorizePass> {
  using VectorizeBase::VectorizeBase;

  void runOnOperation() override {
    int64_t bits = vectorBits > 0 ? vectorBits.getValue() : hostVectorBits();
    SmallVector<std::pair<linalg::GenericOp, int64_t>> nests;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (int64_t lanes = lanesFor(op, bits))
        nests.push_back({op, lanes});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, lanes] : nests)
      if (failed(vectorizeNest(rewriter, op, lanes)))
        return signalPassFailure();

    // Vectors of the innermost loop alone, masks on the transfers that
    // read and write them, broadcasts and permutations made explicit: what
    // the LLVM lowering emits as (masked) vector loads and stores.
    RewritePatternSet patterns(&getContext());
    vector::populateVectorMaskLoweringPatternsForSideEffectingOps(patterns);
    vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorBroadcastLoweringPatterns(patterns);
    vector::populateVectorShapeCastLoweringPatterns(patterns);
    vector::populateScalarVectorTransferLoweringPatterns(
        patterns, /*benefit=*/1, /*allowMultipleUses=*/true);
    vector::TransferReadOp::getCanonicalizationPatterns(patterns,
                                                        &getContext());
    vector::TransferWriteOp::getCanonicalizationPatterns(patterns,
                                                         &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
