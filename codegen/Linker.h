//===- Linker.h - Linking a model object with the runtime -------*- C++ -*-===//
//
// A compiled executable is the model objects plus the runtime's `main` (the
// model command line, or the training one), C API and kernels; a shared
// library is the model objects plus the kernels their code calls. Linking
// runs the system C++ compiler driver.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_LINKER_H
#define NNC_CODEGEN_LINKER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace nnc {

enum class LinkKind {
  /// A model executable (nnc_model_main).
  Executable,
  /// A training executable (nnc_train_main): a train step image and the
  /// inference image of the same model.
  TrainingExecutable,
  /// A shared library of model images.
  SharedLibrary
};

/// Links `objects` into `output`.
llvm::Error linkModel(llvm::ArrayRef<std::string> objects,
                      llvm::StringRef output, LinkKind kind);

} // namespace nnc

#endif // NNC_CODEGEN_LINKER_H
