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
#include "passes/ReductionCombiner.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace nnc {
#define GEN_PASS_DEF_REASSOCIATEREDUCTIONS
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

struct ReassociateReductionsPass
    : nnc::impl::ReassociateReductionsBase<ReassociateReductionsPass> {
  void runOnOperation() override {
    getOperation()->walk([](linalg::GenericOp op) {
      for (OpOperand &init : op.getDpsInitsMutable()) {
        Operation *folding = nnc::reductionCombiner(op, init);
        if (!folding)
          continue;
        auto combiner = cast<arith::ArithFastMathInterface>(folding);
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
