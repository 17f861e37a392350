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
    if (!object || object.getFormat() != gpu::CompilationTarget::Assembly)
      continue;
    StringRef ptx = object.getObject().getValue();
    // Math lowers to libdevice calls; unresolved, the driver cannot load it.
    size_t external = ptx.find(".extern .func");
    if (external != StringRef::npos) {
      StringRef rest = ptx.drop_front(external);
      StringRef name = rest.substr(0, rest.find('(')).rtrim();
      name = name.substr(name.find_last_of(" \t") + 1);
      return binaries.front().emitError()
             << "kernels call '" << name
             << "', which the PTX does not define: CUDA's libdevice was not "
                "found; set CUDA_HOME to the CUDA toolkit";
    }
    return ptx.str();
  }
  return binaries.front().emitError("kernel module holds no PTX assembly");
}

} // namespace nnc
