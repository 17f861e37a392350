//===- Registration.h - Everything nnc's tools register ---------*- C++ -*-===//

#ifndef NNC_TOOLS_REGISTRATION_H
#define NNC_TOOLS_REGISTRATION_H

#include "mlir/IR/DialectRegistry.h"

namespace nnc {

/// Adds the nn dialect, the upstream dialects, their interface extensions
/// and LLVM IR translations to `registry`, and registers every nnc pass,
/// every upstream pass and the named nnc pipelines.
void registerAllNncDialectsAndPasses(mlir::DialectRegistry &registry);

} // namespace nnc

#endif // NNC_TOOLS_REGISTRATION_H
