//===- PtxText.h - The PTX a lowered NVPTX model carries --------*- C++ -*-===//

#ifndef NNC_CODEGEN_NVPTX_PTXTEXT_H
#define NNC_CODEGEN_NVPTX_PTXTEXT_H

#include "mlir/IR/BuiltinOps.h"

namespace nnc {

/// The PTX assembly of the model's kernel module (serialized by
/// `gpu-module-to-binary{format=isa}`), or failure with an error on `module`
/// where there is none or where it calls functions it does not define.
llvm::FailureOr<std::string> extractPtx(mlir::ModuleOp module);

} // namespace nnc

#endif // NNC_CODEGEN_NVPTX_PTXTEXT_H
