//===- HostObject.h - LLVM IR to an optimized host object -------*- C++ -*-===//
//
// Optimizes a module at -O3 for the host CPU (its name and features, so AVX2
// or AVX-512 where present) and writes it as an object file. Host code of
// NVPTX models goes through here too: only their kernels are PTX.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_CPU_HOSTOBJECT_H
#define NNC_CODEGEN_CPU_HOSTOBJECT_H

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

namespace nnc {

/// Sets the host triple and data layout, then runs the -O3 pipeline, with
/// the runtime's buffer allocation function known to return fresh memory.
llvm::Error optimizeForHost(llvm::Module &module);

/// Writes `module` (already optimized) as an object file to `path`.
llvm::Error emitHostObject(llvm::Module &module, llvm::StringRef path);

} // namespace nnc

#endif // NNC_CODEGEN_CPU_HOSTOBJECT_H
