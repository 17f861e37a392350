//===- GradExpansion.h - Gradients inside computations ----------*- C++ -*-===//
//
// Replaces every nn.grad op by its callee's forward ops followed by their
// backward pass, built by the same reverse mode as the loss's own gradient.
// The result is ordinary nn ops, so a loss containing a gradient can be
// differentiated again (second order).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_AUTODIFF_GRADEXPANSION_H
#define NNC_PASSES_AUTODIFF_GRADEXPANSION_H

#include "passes/autodiff/ReverseMode.h"

#include "mlir/IR/BuiltinOps.h"

namespace nnc {

/// Expands every nn.grad op in `module`, callees before callers. Fails on a
/// recursive chain of gradients or a callee that cannot be differentiated.
llvm::LogicalResult expandGradOps(mlir::ModuleOp module,
                                  const ReverseModeOptions &options);

} // namespace nnc

#endif // NNC_PASSES_AUTODIFF_GRADEXPANSION_H
