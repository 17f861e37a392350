//===- Compiler.cpp - From a model source to a native artifact ------------===//

#include "codegen/Compiler.h"
#include "codegen/Linker.h"
#include "codegen/ModelImage.h"
#include "codegen/ModelSignature.h"
#include "codegen/Pipelines.h"
#include "codegen/cpu/HostObject.h"
#include "codegen/nvptx/PtxText.h"
#include "passes/Passes.h"

#include "nnc/runtime.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace nnc {

static LogicalResult fail(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return failure();
}

static LogicalResult fail(llvm::Error error) {
  return fail(llvm::toString(std::move(error)));
}

/// The entry function: the one named, else `forward`, else the only public
/// function with a body.
static FailureOr<func::FuncOp> findEntry(ModuleOp module, StringRef name,
                                         StringRef path) {
  if (!name.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func || func.isExternal())
      return fail(path + ": no function '" + name + "' with a body");
    return func;
  }
  if (auto func = module.lookupSymbol<func::FuncOp>("forward"))
    if (!func.isExternal())
      return func;
  SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      candidates.push_back(func);
  if (candidates.size() != 1)
    return fail(path + ": cannot choose the entry function (" +
                llvm::Twine(candidates.size()) +
                " public functions and none named 'forward'); pass --entry");
  return candidates.front();
}

/// Never called: lets the runtime check weights against a signature.
static void noEntry(void **) {}

/// Reads the weights file and checks it holds every parameter with the
/// right dtype and shape, through the same loader the runtime uses.
static FailureOr<std::unique_ptr<llvm::MemoryBuffer>>
loadWeights(const std::string &path, const ModelSignature &signature) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("cannot read weights '" + path +
                "': " + buffer.getError().message() +
                " (pass --weights FILE, or --external-weights to load them "
                "at run time)");
  std::string metadata = signature.metadata("cpu");
  nnc_model_image image = {NNC_MODEL_ABI_VERSION, metadata.c_str(), noEntry,
                           reinterpret_cast<const uint8_t *>(
                               (*buffer)->getBufferStart()),
                           (*buffer)->getBufferSize()};
  nnc_model *model = nullptr;
  if (nnc_model_from_image(&image, nullptr, &model) != NNC_OK)
    return fail("weights '" + path + "': " + nnc_last_error());
  nnc_model_free(model);
  return std::move(*buffer);
}

/// `path` with the extension `.safetensors`: where weights sit beside a
/// model source or an artifact.
static std::string weightsBeside(StringRef path) {
  llvm::SmallString<256> beside(path);
  llvm::sys::path::replace_extension(beside, "safetensors");
  return beside.str().str();
}

/// Copies the weights of an external-weights artifact to where the runtime
/// looks for them: the artifact's path with the `.safetensors` extension.
static LogicalResult placeWeightsBeside(const std::string &weightsPath,
                                        StringRef artifact) {
  std::string beside = weightsBeside(artifact);
  if (!llvm::sys::fs::exists(weightsPath)) {
    llvm::errs() << "note: no weights at '" << weightsPath << "'; put them at '"
                 << beside << "' or pass --weights when running\n";
    return success();
  }
  if (llvm::sys::fs::equivalent(weightsPath, beside))
    return success();
  if (std::error_code ec = llvm::sys::fs::copy_file(weightsPath, beside))
    return fail("cannot copy weights to '" + beside + "': " + ec.message());
  return success();
}

/// Adds `<function>_grad` to `module` (inlining calls first).
static LogicalResult differentiate(ModuleOp module, StringRef function,
                                   bool recompute) {
  PassManager pm(module.getContext());
  pm.addPass(createInlinerPass());
  AutodiffOptions autodiff;
  autodiff.function = function.str();
  autodiff.recompute = recompute;
  pm.addPass(createAutodiff(autodiff));
  return pm.run(module);
}

/// Writes `text` to `path` ("-" is stdout).
static LogicalResult writeText(StringRef path,
                               llvm::function_ref<void(llvm::raw_ostream &)> print) {
  std::string error;
  auto out = openOutputFile(path, &error);
  if (!out)
    return fail(error);
  print(out->os());
  out->keep();
  return success();
}

LogicalResult compileModel(MLIRContext &context,
                           const CompileOptions &options) {
  const std::string &path = options.input;
  if (!llvm::sys::fs::exists(path))
    return fail("cannot open model '" + path + "': no such file");
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(path, sourceMgr,
                                                           &context);
  if (!module)
    return fail("cannot parse model '" + path + "'");

  std::string entryName = options.entry;
  if (options.gradient) {
    if (entryName.empty())
      entryName = "loss";
    if (failed(differentiate(*module, entryName, options.recompute)))
      return fail("cannot differentiate @" + entryName + " in '" + path + "'");
    entryName += "_grad";
  }
  auto entry = findEntry(*module, entryName, path);
  if (failed(entry))
    return failure();
  auto signature = readSignature(*entry);
  if (failed(signature))
    return failure();

  if (options.emit == Emit::Ptx && options.target != Target::Nvptx)
    return fail("--emit=ptx needs --target=nvptx");
  StringRef outputDir = llvm::sys::path::parent_path(options.output);
  if (options.output != "-" && !outputDir.empty() &&
      !llvm::sys::fs::is_directory(outputDir))
    return fail("cannot write '" + options.output + "': no directory '" +
                outputDir + "'");

  std::string weightsPath =
      options.weights.empty() ? weightsBeside(path) : options.weights;
  std::unique_ptr<llvm::MemoryBuffer> weights;
  bool embed = signature->hasWeights() && !options.externalWeights &&
               (options.emit == Emit::Exe || options.emit == Emit::Lib ||
                options.emit == Emit::Obj || options.emit == Emit::Llvm);
  if (embed) {
    auto loaded = loadWeights(weightsPath, *signature);
    if (failed(loaded))
      return failure();
    weights = std::move(*loaded);
  }

  // The names now live in the signature; LLVM IR has no place for them.
  for (unsigned i = 0; i < entry->getNumArguments(); ++i)
    entry->setArgAttrs(i, ArrayRef<NamedAttribute>{});
  for (unsigned i = 0; i < entry->getNumResults(); ++i)
    entry->setResultAttrs(i, ArrayRef<NamedAttribute>{});
  (*entry)->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                    UnitAttr::get(&context));
  PassManager pm(&context);
  // One source serves training and inference; compiled without a gradient,
  // the model runs in inference mode (dropout off, batch norm on its running
  // statistics) unless asked otherwise.
  if (!options.gradient && !options.trainingMode)
    pm.addPass(createInferenceMode());
  if (options.target == Target::Cpu) {
    buildCpuPipeline(pm);
  } else {
    NvptxPipelineOptions nvptx;
    nvptx.chip = options.chip;
    buildNvptxPipeline(pm, nvptx);
  }
  if (failed(pm.run(*module)))
    return fail("cannot compile model '" + path + "'");

  if (options.emit == Emit::Mlir)
    return writeText(options.output,
                     [&](llvm::raw_ostream &os) { module->print(os); });
  if (options.target == Target::Nvptx) {
    auto ptx = extractPtx(*module);
    if (failed(ptx))
      return failure();
    if (options.emit == Emit::Ptx)
      return writeText(options.output,
                       [&](llvm::raw_ostream &os) { os << *ptx; });
  }

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*module, llvmContext, path);
  if (!llvmModule)
    return fail("cannot translate model '" + path + "' to LLVM IR");
  std::optional<StringRef> embedded;
  if (weights)
    embedded = weights->getBuffer();
  StringRef targetName = options.target == Target::Cpu ? "cpu" : "nvptx";
  if (auto error = addModelImage(*llvmModule, *signature, targetName,
                                 options.symbol, embedded))
    return fail(std::move(error));
  if (auto error = optimizeForHost(*llvmModule))
    return fail(std::move(error));

  if (options.emit == Emit::Llvm)
    return writeText(options.output,
                     [&](llvm::raw_ostream &os) { llvmModule->print(os, nullptr); });
  if (options.emit == Emit::Obj) {
    if (auto error = emitHostObject(*llvmModule, options.output))
      return fail(std::move(error));
    return success();
  }

  llvm::SmallString<128> object;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("nnc-model", "o", object))
    return fail("cannot create a temporary object file: " + ec.message());
  llvm::FileRemover removeObject(object);
  if (auto error = emitHostObject(*llvmModule, object))
    return fail(std::move(error));
  LinkKind kind = options.emit == Emit::Exe ? LinkKind::Executable
                                            : LinkKind::SharedLibrary;
  if (auto error = linkModel(object, options.output, kind))
    return fail(std::move(error));
  if (options.externalWeights && signature->hasWeights())
    return placeWeightsBeside(weightsPath, options.output);
  return success();
}

} // namespace nnc
