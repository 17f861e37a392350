//===- Linker.h - Linking a model object with the runtime -------*- C++ -*-===//
//
// A compiled executable is the model object plus the runtime's `main`, C API
// and kernels; a shared library is the model object plus the kernels its
// code calls. Linking runs the system C++ compiler driver.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_LINKER_H
#define NNC_CODEGEN_LINKER_H

#include "llvm/Support/Error.h"

namespace nnc {

enum class LinkKind { Executable, SharedLibrary };

/// Links `object` into `output`.
llvm::Error linkModel(llvm::StringRef object, llvm::StringRef output,
                      LinkKind kind);

} // namespace nnc

#endif // NNC_CODEGEN_LINKER_H
