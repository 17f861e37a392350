//===- Registration.cpp - Everything nnc's tools register -----------------===//

#include "tools/Registration.h"
#include "codegen/Pipelines.h"
#include "ir/NNDialect.h"
#include "passes/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

namespace nnc {

void registerAllNncDialectsAndPasses(mlir::DialectRegistry &registry) {
  registry.insert<nn::NNDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
  mlir::registerAllPasses();
  registerNNCPasses();
  registerPipelines();
}

} // namespace nnc
