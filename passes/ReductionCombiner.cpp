//===- ReductionCombiner.cpp - The op a reduction folds with --------------===//

#include "passes/ReductionCombiner.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

Operation *nnc::reductionCombiner(linalg::GenericOp op, OpOperand &init) {
  if (op.getNumReductionLoops() == 0)
    return nullptr;
  AffineMap map = op.getMatchingIndexingMap(&init);
  SmallVector<unsigned> reductions;
  op.getReductionDims(reductions);
  if (llvm::any_of(reductions,
                   [&](unsigned dim) { return map.isFunctionOfDim(dim); }))
    return nullptr;
  BlockArgument acc = op.getMatchingBlockArgument(&init);
  auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
  Operation *combiner =
      yield.getOperand(init.getOperandNumber() - op.getNumDpsInputs())
          .getDefiningOp();
  if (!combiner || !acc.hasOneUse() || combiner->getNumOperands() != 2 ||
      !llvm::is_contained(combiner->getOperands(), acc))
    return nullptr;
  if (!isa<arith::AddFOp, arith::MulFOp, arith::MaximumFOp, arith::MinimumFOp,
           arith::MaxNumFOp, arith::MinNumFOp>(combiner))
    return nullptr;
  return combiner;
}
