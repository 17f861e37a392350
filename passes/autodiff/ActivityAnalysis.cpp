//===- ActivityAnalysis.cpp - Which values carry gradients ----------------===//

#include "passes/autodiff/ActivityAnalysis.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

#include "mlir/IR/Region.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace nnc;

SmallVector<Value> nnc::capturedValues(Operation *op) {
  llvm::SetVector<Value> captured;
  for (Region &region : op->getRegions())
    region.walk([&](Operation *inner) {
      for (Value operand : inner->getOperands())
        if (!op->isAncestor(operand.getParentRegion()->getParentOp()))
          captured.insert(operand);
    });
  return captured.takeVector();
}

ActivityAnalysis::ActivityAnalysis(ArrayRef<Operation *> ops,
                                   ArrayRef<Value> wrt,
                                   ArrayRef<Value> outputs) {
  varied.insert(wrt.begin(), wrt.end());
  for (Operation *op : ops) {
    if (isa<nn::StopGradientOp>(op))
      continue;
    bool dependsOnWrt = llvm::any_of(
        op->getOperands(), [&](Value v) { return varied.contains(v); });
    if (!dependsOnWrt && op->getNumRegions() > 0)
      dependsOnWrt = llvm::any_of(capturedValues(op), [&](Value v) {
        return varied.contains(v);
      });
    if (!dependsOnWrt)
      continue;
    for (Value result : op->getResults())
      if (nn::hasFloatElements(result))
        varied.insert(result);
  }
  useful.insert(outputs.begin(), outputs.end());
  for (Operation *op : llvm::reverse(ops)) {
    if (llvm::none_of(op->getResults(),
                      [&](Value v) { return useful.contains(v); }))
      continue;
    for (Value operand : op->getOperands())
      if (nn::hasFloatElements(operand))
        useful.insert(operand);
    if (op->getNumRegions() > 0)
      for (Value operand : capturedValues(op))
        if (nn::hasFloatElements(operand))
          useful.insert(operand);
  }
}

bool ActivityAnalysis::isActive(Operation *op) const {
  return llvm::any_of(op->getResults(),
                      [&](Value v) { return isActive(v); });
}
