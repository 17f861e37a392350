//===- LoopGradients.h - Differentiating scf.for loops ----------*- C++ -*-===//
//
// Reverse mode through a loop: the forward loop is rewritten to record the
// values it carries into each iteration on a tape, and a reverse loop walks
// the iterations backwards, recomputes each iteration's body from its taped
// state and runs the body's backward pass. That is backpropagation through
// time when the loop steps a recurrent cell. nn.scan differentiates the same
// way through the loop it lowers to.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_AUTODIFF_LOOPGRADIENTS_H
#define NNC_PASSES_AUTODIFF_LOOPGRADIENTS_H

#include "passes/autodiff/ReverseMode.h"

#include "ir/NNOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace nnc {

struct LoopGradients {
  /// One per init operand (null for ones without a gradient).
  llvm::SmallVector<mlir::Value> initGradients;
  /// For nn.scan, one per sequence (null for ones without a gradient).
  llvm::SmallVector<mlir::Value> sequenceGradients;
  /// One per requested captured value.
  llvm::SmallVector<mlir::Value> capturedGradients;
};

/// Builds at `builder`'s insertion point the backward pass of `loop` given
/// the gradients of its results, for its init operands and for `captured`
/// (values from above that the body uses). Rewrites `loop` in place to keep
/// the tape. The loop may carry statically shaped tensors and scalars; only
/// its float tensors have gradients.
llvm::FailureOr<LoopGradients>
differentiateForLoop(mlir::OpBuilder &builder, mlir::scf::ForOp loop,
                     llvm::ArrayRef<mlir::Value> resultGradients,
                     llvm::ArrayRef<mlir::Value> captured,
                     const ReverseModeOptions &options);

/// The same for an nn.scan: its forward loop tapes the carried values, and
/// the reverse loop also gathers, step by step, the gradient of each
/// sequence for which `needsGradient` holds (null for the others).
llvm::FailureOr<LoopGradients>
differentiateScan(mlir::OpBuilder &builder, nn::ScanOp scan,
                  llvm::ArrayRef<mlir::Value> resultGradients,
                  llvm::ArrayRef<bool> needsGradient,
                  llvm::ArrayRef<mlir::Value> captured,
                  const ReverseModeOptions &options);

} // namespace nnc

#endif // NNC_PASSES_AUTODIFF_LOOPGRADIENTS_H
