//===- ReverseMode.h - Building the backward pass of a block ----*- C++ -*-===//
//
// The engine of nnc-autodiff: given a sequence of ops in one block, seed
// gradients of some of their results and the values to differentiate with
// respect to, it emits the backward pass after them and returns the
// gradients. Ops differentiate through their GradientOpInterface rules;
// scf.for loops (which scf.while loops and backpropagation through time
// become) through a reverse loop over a tape of their carried values.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_AUTODIFF_REVERSEMODE_H
#define NNC_PASSES_AUTODIFF_REVERSEMODE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"

namespace nnc {

struct ReverseModeOptions {
  /// Recompute forward values in the backward pass from checkpoints (every
  /// ceil(sqrt(n))-th of the n active ops) instead of keeping them alive.
  bool recompute = false;
};

/// Emits at `builder`'s insertion point the gradients of the values seeded
/// in `seeds` (value, gradient pairs) with respect to each of `wrt`, through
/// `ops` (program order, all before the insertion point). A `wrt` value the
/// seeds do not depend on gets zeros. Fails with a diagnostic on the op that
/// cannot be differentiated.
llvm::FailureOr<llvm::SmallVector<mlir::Value>>
buildGradients(mlir::OpBuilder &builder, llvm::ArrayRef<mlir::Operation *> ops,
               llvm::ArrayRef<std::pair<mlir::Value, mlir::Value>> seeds,
               llvm::ArrayRef<mlir::Value> wrt,
               const ReverseModeOptions &options);

} // namespace nnc

#endif // NNC_PASSES_AUTODIFF_REVERSEMODE_H
