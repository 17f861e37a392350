//===- ScanLoop.h - nn.scan as an scf.for -----------------------*- C++ -*-===//
//
// An nn.scan runs as a counted loop over its time steps: each iteration
// slices step t out of the sequences, runs the body and writes the step's
// outputs into stacks. Lowering builds exactly this loop; differentiation
// builds it with a tape of the carried values threaded through as well.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_LOWER_SCANLOOP_H
#define NNC_PASSES_LOWER_SCANLOOP_H

#include "ir/NNOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace nnc {

/// Entry `step` of `stack` (a `[T, ...]` tensor): a tensor of the trailing
/// dimensions, or the element itself when `stack` has rank 1 and
/// `elementType` is a scalar type.
mlir::Value extractStep(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value stack, mlir::Value step,
                        mlir::Type entryType);

/// `stack` with entry `step` replaced by `value` (a tensor of the trailing
/// dimensions, or a scalar for a rank-1 stack).
mlir::Value insertStep(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value value, mlir::Value stack, mlir::Value step);

/// Yields the next values of the extra loop state from the step index, the
/// carried values the step starts from and the current extra values.
using ScanExtraStep = llvm::function_ref<llvm::SmallVector<mlir::Value>(
    mlir::OpBuilder &, mlir::Location, mlir::Value step,
    mlir::ValueRange carried, mlir::ValueRange extra)>;

/// The scf.for computing `scan`, built before it. Its results are the final
/// carried values, the stacked outputs, then the final `extraInits` as
/// `extraStep` advances them.
mlir::scf::ForOp buildScanLoop(mlir::OpBuilder &b, nn::ScanOp scan,
                               mlir::ValueRange extraInits = {},
                               ScanExtraStep extraStep = nullptr);

} // namespace nnc

#endif // NNC_PASSES_LOWER_SCANLOOP_H
