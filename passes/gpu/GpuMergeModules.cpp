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
      // Rename clashing symbols while they are still in `source`, so that
      // every use inside `source` (a kernel reading its module's copy of a
      // global, say) follows the new name before anything moves.
      SymbolTable sourceSymbols(source);
      SmallVector<std::pair<StringAttr, Operation *>> symbols;
      for (Operation &op : source.getBody()->getOperations())
        if (auto symbol = dyn_cast<SymbolOpInterface>(op))
          symbols.push_back({symbol.getNameAttr(), &op});
      for (auto [oldName, op] : symbols) {
        if (!targetSymbols.lookup(oldName))
          continue;
        if (failed(sourceSymbols.renameToUnique(op, {&targetSymbols}))) {
          op->emitError("cannot rename '")
              << oldName.getValue() << "' to merge it into "
              << target.getNameAttr();
          return signalPassFailure();
        }
      }
      for (auto [oldName, op] : symbols)
        moved[SymbolRefAttr::get(source.getNameAttr(),
                                 {FlatSymbolRefAttr::get(oldName)})] =
            SymbolRefAttr::get(
                target.getNameAttr(),
                {FlatSymbolRefAttr::get(SymbolTable::getSymbolName(op))});
      for (Operation &op :
           llvm::make_early_inc_range(source.getBody()->getOperations())) {
        op.remove();
        if (isa<SymbolOpInterface>(op))
          targetSymbols.insert(&op);
        else
          target.getBody()->push_back(&op);
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
