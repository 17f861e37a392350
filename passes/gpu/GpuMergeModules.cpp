//===- GpuMergeModules.cpp - One gpu.module for all kernels ---------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace nnc {
#define GEN_PASS_DEF_GPUMERGEMODULES
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

struct GpuMergeModulesPass
    : nnc::impl::GpuMergeModulesBase<GpuMergeModulesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> gpuModules(
        module.getOps<gpu::GPUModuleOp>());
    if (gpuModules.size() < 2)
      return;
    gpu::GPUModuleOp target = gpuModules.front();
    SymbolTable targetSymbols(target);
    // Old `@module::@kernel` reference -> new one in `target`.
    DenseMap<Attribute, SymbolRefAttr> moved;
    for (gpu::GPUModuleOp source : ArrayRef(gpuModules).drop_front()) {
      for (Operation &op :
           llvm::make_early_inc_range(source.getBody()->getOperations())) {
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        StringAttr oldName = symbol ? symbol.getNameAttr() : StringAttr();
        op.remove();
        if (symbol) {
          // insert() renames on a clash and returns the final name.
          StringAttr newName = targetSymbols.insert(&op);
          moved[SymbolRefAttr::get(source.getNameAttr(),
                                   {FlatSymbolRefAttr::get(oldName)})] =
              SymbolRefAttr::get(target.getNameAttr(),
                                 {FlatSymbolRefAttr::get(newName)});
        } else {
          target.getBody()->push_back(&op);
        }
      }
      source.erase();
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      auto it = moved.find(launch.getKernel());
      if (it != moved.end())
        launch.setKernelAttr(it->second);
    });
  }
};

} // namespace
