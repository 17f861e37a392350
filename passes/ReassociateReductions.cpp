//===- ReassociateReductions.cpp - Reductions LLVM may vectorize ----------===//
//
// Marks the combiner of each floating-point reduction in a linalg.generic
// (the add, multiply, maximum or minimum that folds an element into the
// output's accumulator) as reassociable (`fastmath<reassoc>`). Without the
// flag LLVM must add the elements one after another, in order: a row sum
// becomes a chain of scalar adds, each waiting for the last (a 128-wide
// row of an attention score tile: 128 dependent adds). With it, LLVM's loop
// vectorizer sums a vector of partial sums and adds them up at the end, as
// every BLAS and PyTorch's own reductions do; results differ from the
// sequential order by rounding only. The rest of each body keeps its
// strict semantics.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace nnc {
#define GEN_PASS_DEF_REASSOCIATEREDUCTIONS
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// Whether `map` (an output's indexing map) reads none of the reduction
/// loops of `op`: each output element then accumulates over them.
bool accumulatesOverReductions(linalg::GenericOp op, AffineMap map) {
  SmallVector<unsigned> reductions;
  op.getReductionDims(reductions);
  return llvm::none_of(reductions,
                       [&](unsigned dim) { return map.isFunctionOfDim(dim); });
}

/// The op that folds the next element into the accumulator `acc` and
/// whose result `op` yields for it, when it is an associative and
/// commutative floating-point combiner and the accumulator's only user.
arith::ArithFastMathInterface combinerOf(BlockArgument acc, Value yielded) {
  Operation *combiner = yielded.getDefiningOp();
  if (!combiner || !acc.hasOneUse() || combiner->getNumOperands() != 2 ||
      !llvm::is_contained(combiner->getOperands(), acc))
    return nullptr;
  if (!isa<arith::AddFOp, arith::MulFOp, arith::MaximumFOp, arith::MinimumFOp,
           arith::MaxNumFOp, arith::MinNumFOp>(combiner))
    return nullptr;
  return cast<arith::ArithFastMathInterface>(combiner);
}

struct ReassociateReductionsPass
    : nnc::impl::ReassociateReductionsBase<ReassociateReductionsPass> {
  void runOnOperation() override {
    getOperation()->walk([](linalg::GenericOp op) {
      if (op.getNumReductionLoops() == 0)
        return;
      auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
      for (OpOperand &init : op.getDpsInitsMutable()) {
        if (!accumulatesOverReductions(op, op.getMatchingIndexingMap(&init)))
          continue;
        BlockArgument acc = op.getMatchingBlockArgument(&init);
        unsigned result = init.getOperandNumber() - op.getNumDpsInputs();
        arith::ArithFastMathInterface combiner =
            combinerOf(acc, yield.getOperand(result));
        if (!combiner)
          continue;
        arith::FastMathFlags flags = combiner.getFastMathFlagsAttr().getValue();
        combiner->setAttr(
            combiner.getFastMathAttrName(),
            arith::FastMathFlagsAttr::get(
                op.getContext(), flags | arith::FastMathFlags::reassoc));
      }
    });
  }
};

} // namespace
