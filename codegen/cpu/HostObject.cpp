//===- HostObject.cpp - LLVM IR to an optimized host object ---------------===//

#include "codegen/cpu/HostObject.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <memory>

namespace nnc {

/// The host's TargetMachine: its CPU, every feature it has, PIC (objects go
/// into executables and shared libraries alike).
static llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createHostTargetMachine() {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return llvm::createStringError("no LLVM target for the host: " + error);
  llvm::SubtargetFeatures features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.AddFeature(feature.getKey(), feature.getValue());
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, llvm::sys::getHostCPUName(), features.getString(), options,
      llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    return llvm::createStringError("cannot create a target machine for " +
                                   triple.str());
  return machine;
}

/// Tells LLVM that the runtime's buffer allocation function (nnc/kernels.h),
/// which generated code calls instead of malloc, returns fresh memory as
/// malloc does: without it LLVM cannot tell two buffers apart and leaves
/// the loops between them scalar.
static void describeBufferAllocator(llvm::Module &module) {
  if (llvm::Function *alloc = module.getFunction("_mlir_memref_to_llvm_alloc"))
    alloc->addRetAttr(llvm::Attribute::NoAlias);
}

llvm::Error optimizeForHost(llvm::Module &module) {
  describeBufferAllocator(module);
  auto machine = createHostTargetMachine();
  if (!machine)
    return machine.takeError();
  module.setTargetTriple((*machine)->getTargetTriple());
  module.setDataLayout((*machine)->createDataLayout());

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(machine->get());
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager passes =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  passes.run(module, mam);
  return llvm::Error::success();
}

llvm::Error emitHostObject(llvm::Module &module, llvm::StringRef path) {
  auto machine = createHostTargetMachine();
  if (!machine)
    return machine.takeError();
  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError("cannot write " + path.str() + ": " +
                                   ec.message());
  llvm::legacy::PassManager passes;
  if ((*machine)->addPassesToEmitFile(passes, out.os(), nullptr,
                                      llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError("the host target cannot emit objects");
  passes.run(module);
  out.keep();
  return llvm::Error::success();
}

} // namespace nnc
