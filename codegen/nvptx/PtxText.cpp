//===- PtxText.cpp - The PTX a lowered NVPTX model carries ----------------===//

#include "codegen/nvptx/PtxText.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

using namespace mlir;

namespace nnc {

FailureOr<std::string> extractPtx(ModuleOp module) {
  SmallVector<gpu::BinaryOp> binaries(module.getOps<gpu::BinaryOp>());
  if (binaries.empty())
    return module.emitError("the model has no GPU kernels");
  if (binaries.size() > 1)
    return module.emitError("expected one kernel module, found ")
           << binaries.size();
  for (Attribute attr : binaries.front().getObjects()) {
    auto object = dyn_cast<gpu::ObjectAttr>(attr);
    if (object && object.getFormat() == gpu::CompilationTarget::Assembly)
      return object.getObject().getValue().str();
  }
  return binaries.front().emitError("kernel module holds no PTX assembly");
}

} // namespace nnc
