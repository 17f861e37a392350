//===- WhileToFor.h - While loops as counted loops --------------*- C++ -*-===//
//
// Reverse mode needs to know how many iterations a loop ran before it can
// walk them backwards. A scf.while therefore first runs once to count its
// iterations, then as a scf.for of that many iterations, which
// LoopGradients.h differentiates like any other.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_AUTODIFF_WHILETOFOR_H
#define NNC_PASSES_AUTODIFF_WHILETOFOR_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace nnc {

/// Rewrites every scf.while in `func` into a counting scf.while followed by
/// an equivalent scf.for.
llvm::LogicalResult convertWhileLoopsToFor(mlir::func::FuncOp func);

} // namespace nnc

#endif // NNC_PASSES_AUTODIFF_WHILETOFOR_H
