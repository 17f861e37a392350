//===- Compiler.cpp - From a model source to a native artifact ------------===//
//
// Both kinds of artifact go the same way: find the entry, read its
// signature, check the weights, lower the entry for the target, translate to
// LLVM IR with its model image, emit an object and link. A training artifact
// does it twice, for the train step and for the inference entry.
//
//===----------------------------------------------------------------------===//

#include "codegen/Compiler.h"
#include "codegen/Linker.h"
#include "codegen/ModelImage.h"
#include "codegen/ModelSignature.h"
#include "codegen/Pipelines.h"
#include "codegen/cpu/HostObject.h"
#include "codegen/nvptx/PtxText.h"
#include "ir/Broadcast.h"
#include "ir/NNOps.h"
#include "passes/Passes.h"
#include "passes/autodiff/GradExpansion.h"

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

#include <unistd.h>

using namespace mlir;

namespace nnc {

/// The bytes of one core's L2 cache on this machine, or 1 MiB where the C
/// library cannot tell.
static int64_t hostL2CacheBytes() {
  long bytes = sysconf(_SC_LEVEL2_CACHE_SIZE);
  return bytes > 0 ? bytes : 1 << 20;
}

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

/// Never called as the entry, and computes nothing as the prepare function:
/// lets the runtime check weights against a signature.
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
  nnc_model_image image = {
      NNC_MODEL_ABI_VERSION,
      metadata.c_str(),
      noEntry,
      reinterpret_cast<const uint8_t *>((*buffer)->getBufferStart()),
      (*buffer)->getBufferSize(),
      noEntry};
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

/// Adds `<function>_grad` to `module` (inlining calls first, adding the
/// weight penalties of `options` to the loss).
static LogicalResult differentiate(ModuleOp module, StringRef function,
                                   const CompileOptions &options) {
  PassManager pm(module.getContext());
  pm.addPass(createInlinerPass());
  if (options.l1 != 0 || options.l2 != 0) {
    WeightPenaltyOptions penalty;
    penalty.function = function.str();
    penalty.l1 = options.l1;
    penalty.l2 = options.l2;
    pm.addPass(createWeightPenalty(penalty));
  }
  AutodiffOptions autodiff;
  autodiff.function = function.str();
  autodiff.recompute = options.recompute;
  pm.addPass(createAutodiff(autodiff));
  return pm.run(module);
}

/// Adds `@train_step` to `module`: `options.loss` differentiated, then
/// wrapped by nnc-optimizer.
static LogicalResult buildTrainStep(ModuleOp module,
                                    const CompileOptions &options) {
  if (failed(differentiate(module, options.loss, options)))
    return fail("cannot differentiate @" + options.loss + " in '" +
                options.input + "'");
  PassManager pm(module.getContext());
  OptimizerOptions optimizer = options.optimizer;
  optimizer.function = options.loss + "_grad";
  pm.addPass(createOptimizer(optimizer));
  if (failed(pm.run(module)))
    return fail("cannot build the train step of '" + options.input + "'");
  return success();
}

/// Writes `text` to `path` ("-" is stdout).
static LogicalResult
writeText(StringRef path,
          llvm::function_ref<void(llvm::raw_ostream &)> print) {
  std::string error;
  auto out = openOutputFile(path, &error);
  if (!out)
    return fail(error);
  print(out->os());
  out->keep();
  return success();
}

/// Fails unless the folder `output` goes into exists.
static LogicalResult checkOutputDir(const std::string &output) {
  StringRef outputDir = llvm::sys::path::parent_path(output);
  if (output != "-" && !outputDir.empty() &&
      !llvm::sys::fs::is_directory(outputDir))
    return fail("cannot write '" + output + "': no directory '" + outputDir +
                "'");
  return success();
}

/// Expands the nn.grad ops of `module` into nn ops, after inlining the
/// calls of their callees (which must be call-free), as nnc-autodiff does.
static LogicalResult expandGrads(ModuleOp module) {
  if (!module.walk([](nn::GradOp) { return WalkResult::interrupt(); })
           .wasInterrupted())
    return success();
  PassManager pm(module.getContext());
  pm.addPass(createInlinerPass());
  if (failed(pm.run(module)))
    return failure();
  return expandGradOps(module, ReverseModeOptions());
}

/// Makes every public function of `module` but those of `exported` (null
/// ones skipped) private, so that inlining and symbol DCE may drop them.
static void privatizeAllBut(ModuleOp module,
                            std::initializer_list<func::FuncOp> exported) {
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal() &&
        !llvm::is_contained(exported, func))
      func.setPrivate();
}

/// Moves what the inference entry `entry` computes from its weights alone
/// into `@<entry>_prepare` (nnc-hoist-weight-transforms), for the CPU
/// unless turned off.
static LogicalResult hoistWeightWork(ModuleOp module, func::FuncOp entry,
                                     const CompileOptions &options) {
  if (options.target != Target::Cpu || options.noWeightPrepare)
    return success();
  // Only the entry is exported: a function that calls it (the loss of a
  // training source) goes, so that the entry's signature may change.
  privatizeAllBut(module, {entry});
  PassManager pm(module.getContext());
  pm.addPass(createSymbolDCEPass());
  HoistWeightTransformsOptions hoist;
  hoist.entry = entry.getSymName().str();
  pm.addPass(createHoistWeightTransforms(hoist));
  if (failed(pm.run(module)))
    return fail("cannot hoist the weight-only work of '" + options.input + "'");
  return success();
}

/// The prepare function nnc-hoist-weight-transforms made for `entry`, or
/// null.
static func::FuncOp findPrepare(ModuleOp module, StringRef entry) {
  return module.lookupSymbol<func::FuncOp>((entry + "_prepare").str());
}

/// Lowers `entry` for the target: its nn.grad ops (gradients inside a
/// computation, such as an adjoint method's vector-Jacobian products) are
/// expanded into nn ops, the other functions become private (and go once
/// inlined or unused), the boundary names are dropped (they live in the
/// signature now) and the target pipeline runs. With `inferenceMode`,
/// dropout and batch_norm take their inference forms first: one model
/// source serves training and inference.
static LogicalResult lowerEntry(ModuleOp module, func::FuncOp entry,
                                const CompileOptions &options,
                                bool inferenceMode) {
  MLIRContext *context = module.getContext();
  if (failed(expandGrads(module)))
    return fail("cannot expand the nn.grad ops of '" + options.input + "'");
  func::FuncOp prepare = findPrepare(module, entry.getSymName());
  privatizeAllBut(module, {entry, prepare});
  for (func::FuncOp exported : {entry, prepare}) {
    if (!exported)
      continue;
    // LLVM IR has no place for the names.
    for (unsigned i = 0; i < exported.getNumArguments(); ++i)
      exported.setArgAttrs(i, ArrayRef<NamedAttribute>{});
    for (unsigned i = 0; i < exported.getNumResults(); ++i)
      exported.setResultAttrs(i, ArrayRef<NamedAttribute>{});
    exported->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                      UnitAttr::get(context));
  }
  PassManager pm(context);
  pm.addPass(createInlinerPass());
  pm.addPass(createSymbolDCEPass());
  if (inferenceMode)
    pm.addPass(createInferenceMode());
  if (options.target == Target::Cpu) {
    CpuPipelineOptions cpu;
    cpu.flashAttention = !options.untiledAttention;
    cpu.fuseElementwise = !options.noFusion;
    cpu.tileEpilogues = !options.noTiling;
    cpu.cacheBytes =
        options.cacheBytes > 0 ? options.cacheBytes : hostL2CacheBytes();
    cpu.kernelReport = options.kernelReport;
    cpu.dilatedConvToDense = options.dilatedRewrite;
    cpu.winogradConv = !options.noWinograd;
    cpu.memoryPlan = options.memoryPlan;
    cpu.vectorize = !options.noVectorize;
    cpu.parallelLoops = !options.serialLoops;
    buildCpuPipeline(pm, cpu);
  } else {
    NvptxPipelineOptions nvptx;
    nvptx.chip = options.chip;
    buildNvptxPipeline(pm, nvptx);
  }
  if (failed(pm.run(module)))
    return fail("cannot compile model '" + options.input + "'");
  return success();
}

/// Translates a lowered module to LLVM IR with its model image `symbol`
/// (embedding `weights` when given), optimized for the host.
static FailureOr<std::unique_ptr<llvm::Module>>
translateModel(ModuleOp module, const ModelSignature &signature,
               const CompileOptions &options, StringRef symbol,
               const llvm::MemoryBuffer *weights,
               llvm::LLVMContext &llvmContext) {
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, options.input);
  if (!llvmModule)
    return fail("cannot translate model '" + options.input + "' to LLVM IR");
  std::optional<StringRef> embedded;
  if (weights)
    embedded = weights->getBuffer();
  StringRef targetName = options.target == Target::Cpu ? "cpu" : "nvptx";
  // The lowered entry keeps the attributes nnc-memory-plan put on it (its
  // callees were inlined before lowering).
  MemoryPlanStats memory =
      readMemoryPlanStats(module.lookupSymbol(signature.entry));
  if (auto error = addModelImage(*llvmModule, signature, memory, targetName,
                                 symbol, embedded))
    return fail(std::move(error));
  if (auto error = optimizeForHost(*llvmModule))
    return fail(std::move(error));
  return llvmModule;
}

/// An object file in the temporary folder, removed with this.
struct TemporaryObject {
  llvm::SmallString<128> path;
  llvm::FileRemover remover;
};

/// Emits `llvmModule` into a new temporary object file.
static LogicalResult emitTemporaryObject(llvm::Module &llvmModule,
                                         TemporaryObject &object) {
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("nnc-model", "o", object.path))
    return fail("cannot create a temporary object file: " + ec.message());
  object.remover.setFile(object.path);
  if (auto error = emitHostObject(llvmModule, object.path))
    return fail(std::move(error));
  return success();
}

/// `nnc compile` of one entry: an inference model, or with `gradient` the
/// gradient function of the loss.
static LogicalResult compileInference(ModuleOp module,
                                      const CompileOptions &options) {
  const std::string &path = options.input;
  std::string entryName = options.entry;
  if (options.gradient) {
    if (entryName.empty())
      entryName = "loss";
    if (failed(differentiate(module, entryName, options)))
      return fail("cannot differentiate @" + entryName + " in '" + path + "'");
    entryName += "_grad";
  }
  auto entry = findEntry(module, entryName, path);
  if (failed(entry))
    return failure();
  if (!options.gradient && !options.trainingMode &&
      failed(hoistWeightWork(module, *entry, options)))
    return failure();
  auto signature = readSignature(*entry);
  if (failed(signature))
    return failure();

  if (options.emit == Emit::Ptx && options.target != Target::Nvptx)
    return fail("--emit=ptx needs --target=nvptx");
  if (failed(checkOutputDir(options.output)))
    return failure();

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

  if (failed(lowerEntry(module, *entry, options,
                        !options.gradient && !options.trainingMode)))
    return failure();
  if (options.emit == Emit::Mlir)
    return writeText(options.output,
                     [&](llvm::raw_ostream &os) { module.print(os); });
  if (options.target == Target::Nvptx) {
    auto ptx = extractPtx(module);
    if (failed(ptx))
      return failure();
    if (options.emit == Emit::Ptx)
      return writeText(options.output,
                       [&](llvm::raw_ostream &os) { os << *ptx; });
  }

  llvm::LLVMContext llvmContext;
  auto llvmModule = translateModel(module, *signature, options,
                                   options.symbol, weights.get(), llvmContext);
  if (failed(llvmModule))
    return failure();
  if (options.emit == Emit::Llvm)
    return writeText(options.output, [&](llvm::raw_ostream &os) {
      (*llvmModule)->print(os, nullptr);
    });
  if (options.emit == Emit::Obj) {
    if (auto error = emitHostObject(**llvmModule, options.output))
      return fail(std::move(error));
    return success();
  }

  TemporaryObject object;
  if (failed(emitTemporaryObject(**llvmModule, object)))
    return failure();
  LinkKind kind = options.emit == Emit::Exe ? LinkKind::Executable
                                            : LinkKind::SharedLibrary;
  if (auto error = linkModel({object.path.str().str()}, options.output, kind))
    return fail(std::move(error));
  if (options.externalWeights && signature->hasWeights())
    return placeWeightsBeside(weightsPath, options.output);
  return success();
}

/// Checks that every param and buffer of the inference entry is one of the
/// train step's, with the same dtype and shape: the trainer hands them over
/// by name.
static LogicalResult checkForwardWeights(const ModelSignature &forward,
                                         const ModelSignature &train) {
  for (const TensorSlot &slot : forward.slots) {
    if (slot.role != TensorSlot::Role::Param &&
        slot.role != TensorSlot::Role::Buffer)
      continue;
    auto trained = llvm::find_if(train.slots, [&](const TensorSlot &other) {
      return other.name == slot.name &&
             (other.role == TensorSlot::Role::Param ||
              other.role == TensorSlot::Role::Buffer);
    });
    if (trained == train.slots.end())
      return fail("@" + forward.entry + " takes '" + slot.name +
                  "', which @" + train.entry +
                  " does not train (no param or buffer of that name)");
    if (trained->dtype != slot.dtype || trained->shape != slot.shape)
      return fail("'" + slot.name + "' is " + slot.dtype + " " +
                  nn::formatShape(slot.shape) + " in @" + forward.entry +
                  " but " + trained->dtype + " " +
                  nn::formatShape(trained->shape) + " in @" + train.entry);
  }
  return success();
}

/// `nnc compile --train`: the train step and the inference entry, linked
/// with the training driver (or into one shared library).
static LogicalResult compileTraining(ModuleOp module,
                                     const CompileOptions &options) {
  const std::string &path = options.input;
  if (options.emit != Emit::Exe && options.emit != Emit::Lib &&
      options.emit != Emit::Mlir)
    return fail("--train emits exe, lib or mlir (the lowered train step)");
  if (failed(checkOutputDir(options.output)))
    return failure();
  // The inference entry compiles from the source as written.
  OwningOpRef<ModuleOp> forwardModule = module.clone();

  if (failed(buildTrainStep(module, options)))
    return failure();
  auto trainStep = module.lookupSymbol<func::FuncOp>("train_step");
  auto trainSignature = readSignature(trainStep);
  if (failed(trainSignature))
    return failure();
  std::string weightsPath =
      options.weights.empty() ? weightsBeside(path) : options.weights;
  std::unique_ptr<llvm::MemoryBuffer> weights;
  if (!options.externalWeights && options.emit != Emit::Mlir) {
    auto loaded = loadWeights(weightsPath, *trainSignature);
    if (failed(loaded))
      return failure();
    weights = std::move(*loaded);
  }
  if (failed(lowerEntry(module, trainStep, options, /*inferenceMode=*/false)))
    return failure();
  if (options.emit == Emit::Mlir)
    return writeText(options.output,
                     [&](llvm::raw_ostream &os) { module.print(os); });

  auto forward = findEntry(*forwardModule, options.entry, path);
  if (failed(forward) ||
      failed(hoistWeightWork(*forwardModule, *forward, options)))
    return failure();
  auto forwardSignature = readSignature(*forward);
  if (failed(forwardSignature) ||
      failed(checkForwardWeights(*forwardSignature, *trainSignature)) ||
      failed(lowerEntry(*forwardModule, *forward, options,
                        /*inferenceMode=*/true)))
    return failure();

  llvm::LLVMContext llvmContext;
  TemporaryObject trainObject, forwardObject;
  auto trainLlvm =
      translateModel(module, *trainSignature, options, "nnc_train_step",
                     weights.get(), llvmContext);
  if (failed(trainLlvm) || failed(emitTemporaryObject(**trainLlvm,
                                                      trainObject)))
    return failure();
  // The inference image takes its weights from the trainer.
  auto forwardLlvm =
      translateModel(*forwardModule, *forwardSignature, options,
                     "nnc_compiled_model", nullptr, llvmContext);
  if (failed(forwardLlvm) ||
      failed(emitTemporaryObject(**forwardLlvm, forwardObject)))
    return failure();
  LinkKind kind = options.emit == Emit::Exe ? LinkKind::TrainingExecutable
                                            : LinkKind::SharedLibrary;
  if (auto error = linkModel(
          {trainObject.path.str().str(), forwardObject.path.str().str()},
          options.output, kind))
    return fail(std::move(error));
  if (options.externalWeights)
    return placeWeightsBeside(weightsPath, options.output);
  return success();
}

LogicalResult compileModel(MLIRContext &context,
                           const CompileOptions &options) {
  const std::string &path = options.input;
  if (!llvm::sys::fs::exists(path))
    return fail("cannot open model '" + path + "': no such file");
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  // A diagnostic names its location; a dump of the whole op (a module, for
  // a pass's error) would bury it.
  context.printOpOnDiagnostic(false);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(path, sourceMgr,
                                                           &context);
  if (!module)
    return fail("cannot parse model '" + path + "'");
  if (options.train)
    return compileTraining(*module, options);
  return compileInference(*module, options);
}

} // namespace nnc
