//===- ActivityAnalysis.h - Which values carry gradients --------*- C++ -*-===//
//
// A value is active when it depends on a value being differentiated with
// respect to (it is "varied") and the differentiated output depends on it
// ("useful"). Only ops with active results are differentiated; everything
// else (data preprocessing, masks, integer index math) is skipped.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_AUTODIFF_ACTIVITYANALYSIS_H
#define NNC_PASSES_AUTODIFF_ACTIVITYANALYSIS_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseSet.h"

namespace nnc {

class ActivityAnalysis {
public:
  /// Analyses `ops` (one block's ops in program order) for differentiating
  /// `outputs` with respect to `wrt`.
  ActivityAnalysis(llvm::ArrayRef<mlir::Operation *> ops,
                   llvm::ArrayRef<mlir::Value> wrt,
                   llvm::ArrayRef<mlir::Value> outputs);

  /// Whether `value` depends on `wrt` and `outputs` depend on it.
  bool isActive(mlir::Value value) const {
    return varied.contains(value) && useful.contains(value);
  }
  /// Whether any result of `op` is active.
  bool isActive(mlir::Operation *op) const;

private:
  llvm::DenseSet<mlir::Value> varied;
  llvm::DenseSet<mlir::Value> useful;
};

/// Values that `op`'s regions use but do not define, in first-use order.
llvm::SmallVector<mlir::Value> capturedValues(mlir::Operation *op);

} // namespace nnc

#endif // NNC_PASSES_AUTODIFF_ACTIVITYANALYSIS_H
