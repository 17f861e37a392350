//===- RuntimeFunction.h - Declarations of runtime entry points -*- C++ -*-===//
//
// The CPU passes call C entry points of the runtime (nnc/kernels.h): the
// matmul microkernels, nnc_parallel_for. Each is declared once per module.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_CPU_RUNTIMEFUNCTION_H
#define NNC_PASSES_CPU_RUNTIMEFUNCTION_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace nnc {

/// `func.func private @name` of `type` at the start of `module`, or the
/// declaration already there.
mlir::func::FuncOp declareRuntimeFunction(mlir::OpBuilder &builder,
                                          mlir::ModuleOp module,
                                          llvm::StringRef name,
                                          mlir::FunctionType type);

} // namespace nnc

#endif // NNC_PASSES_CPU_RUNTIMEFUNCTION_H
