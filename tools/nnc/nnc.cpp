//===- nnc.cpp - The nnc driver: compile and run models -------------------===//
//
//   nnc compile MODEL -o OUT [--target=cpu|nvptx] [--emit=KIND] ...
//   nnc compile MODEL --train -o OUT [--optimizer=NAME] [--lr=X] ...
//   nnc run MODEL --input NAME=FILE.npy ... [--output-dir DIR]
//   nnc import MODEL.onnx -o OUT.mlir [--weights FILE.safetensors]
//   nnc test-onnx [--grad] [--target=cpu|nvptx] [--jobs=N] DIR...
//
//===----------------------------------------------------------------------===//

#include "codegen/Compiler.h"
#include "tools/Registration.h"
#include "tools/nnc/CommandLine.h"
#include "tools/nnc/OnnxSource.h"
#include "tools/nnc/OnnxTensorData.h"
#include "tools/nnc/RunCommand.h"
#include "tools/nnc/TestOnnxCommand.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

using namespace nnc;

static constexpr const char *kUsage =
    "usage: nnc <command> [options]\n"
    "\n"
    "commands:\n"
    "  compile MODEL -o OUT   compile a model to a native artifact\n"
    "  run MODEL --input ...  run a model (source or compiled) on .npy inputs\n"
    "  import MODEL.onnx -o OUT.mlir\n"
    "                         import an ONNX model into the nn dialect\n"
    "  test-onnx DIR...       run ONNX backend test cases\n"
    "\n"
    "`nnc <command> --help` describes a command.\n";

static constexpr const char *kImportUsage =
    "usage: nnc import MODEL.onnx -o OUT.mlir [--weights FILE]\n"
    "           [--input-shape NAME=DIMS]... [--input-value NAME=FILE]...\n"
    "\n"
    "Writes @forward in the nn dialect: graph inputs become nn.input\n"
    "arguments, initializers nn.param arguments, graph outputs nn.output\n"
    "results. Shapes must be static (a dynamic dimension is an error unless\n"
    "--input-shape gives it).\n"
    "\n"
    "  -o OUT                   the .mlir file ('-' for stdout)\n"
    "  --weights=FILE           where the initializers go (default: OUT with\n"
    "                           .safetensors; with -o -, only when given)\n"
    "  --input-shape=NAME=DIMS  import graph input NAME with shape DIMS\n"
    "                           (e.g. 1x3x224x224; empty for a scalar): for\n"
    "                           dynamic dimensions\n"
    "  --input-value=NAME=FILE  the value of graph input NAME (a TensorProto\n"
    "                           .pb file), used where an op needs it at\n"
    "                           import time (e.g. Reshape's shape); an input\n"
    "                           used only so is no argument of @forward\n";

static constexpr const char *kCompileUsage =
    "usage: nnc compile MODEL.mlir|MODEL.onnx -o OUT [options]\n"
    "\n"
    "An .onnx model is imported first (as `nnc import`) into a temporary\n"
    "folder, with its initializers as the weights unless --weights.\n"
    "\n"
    "  -o OUT                   where the artifact goes ('-' for text on "
    "stdout)\n"
    "  --target=cpu|nvptx       the host CPU (default) or NVIDIA GPUs\n"
    "  --emit=KIND              exe (default), lib (shared library), obj,\n"
    "                           mlir (lowered MLIR), llvm (LLVM IR),\n"
    "                           ptx (kernels, --target=nvptx only)\n"
    "  --entry=NAME             entry function (default: forward, or the "
    "only\n"
    "                           public function)\n"
    "  --weights=FILE           safetensors weights to embed (default: the\n"
    "                           model's path with .safetensors)\n"
    "  --external-weights       embed no weights; the runtime reads\n"
    "                           OUT.safetensors (or --weights) at load time\n"
    "  --symbol=NAME            name of the exported model image\n"
    "                           (default nnc_compiled_model)\n"
    "  --chip=SM                GPU architecture for nvptx (default sm_90)\n"
    "  --grad                   compile the gradient of the entry (default\n"
    "                           entry: loss): outputs the loss and\n"
    "                           PARAM.grad for every nn.param\n"
    "  --recompute              with --grad or --train: recompute forward\n"
    "                           values in the backward pass (gradient\n"
    "                           checkpointing)\n"
    "  --l1=X --l2=X            with --grad or --train: add\n"
    "                           X * sum|p| and X * sum p^2 over the\n"
    "                           parameters to the loss (nnc-weight-penalty)\n"
    "  --training-mode          keep dropout and batch_norm in training\n"
    "                           mode (by default a model compiled without\n"
    "                           --grad runs in inference mode)\n"
    "  --untiled-attention      lower nn.attention untiled, forming the\n"
    "                           whole score matrix (default: tiled by\n"
    "                           nnc-flash-attention; CPU)\n"
    "  --no-fusion              leave elementwise chains unfused (CPU;\n"
    "                           to measure nnc-fuse-elementwise)\n"
    "  --no-tiling              run the epilogues of products whole\n"
    "                           (default: tiled to the host's L2 cache\n"
    "                           with their products and im2col fused into\n"
    "                           the tiles, nnc-tile-and-fuse; CPU)\n"
    "  --cache-bytes=N          tile epilogues for N bytes of cache per\n"
    "                           core (default: this machine's L2; CPU)\n"
    "  --kernel-report          print the kernels and bytes each function\n"
    "                           runs to stderr (CPU)\n"
    "  --dilated-rewrite        run dilated convolutions as dense ones on\n"
    "                           a space-to-batch view\n"
    "                           (nnc-dilated-conv-to-dense; default: lowered\n"
    "                           directly, which measured faster; CPU)\n"
    "  --no-winograd            compute 3x3 convolutions by im2col GEMM\n"
    "                           only (default: the large ones by the\n"
    "                           runtime's Winograd kernel,\n"
    "                           nnc-winograd-conv; CPU)\n"
    "  --memory-plan            place intermediate tensors in one arena\n"
    "                           shared by liveness (nnc-memory-plan;\n"
    "                           default: one allocation each, which\n"
    "                           measured faster; CPU)\n"
    "  --no-vectorize           leave elementwise and row-reduction loop\n"
    "                           nests scalar for LLVM's loop vectorizer\n"
    "                           (default: vector-dialect loops of the\n"
    "                           host's vector width, nnc-vectorize; CPU)\n"
    "  --serial-loops           run every loop on the calling thread\n"
    "                           (default: parallel loops with enough work\n"
    "                           run on the runtime's thread pool,\n"
    "                           nnc-parallel-loops-to-thread-pool; CPU)\n"
    "  --no-weight-prepare      compute what depends on the weights alone\n"
    "                           (transposed weights) on every call (default:\n"
    "                           once per load, in a prepare function,\n"
    "                           nnc-hoist-weight-transforms; CPU)\n"
    "\n"
    "training (nnc compile MODEL --train -o OUT [--optimizer=NAME] ...):\n"
    "  --train                  compile a training executable (or, with\n"
    "                           --emit=lib, a library with the nnc_trainer\n"
    "                           API): the train step of the loss, the\n"
    "                           inference entry (--entry) to evaluate it,\n"
    "                           and a driver; `OUT --help` tells more\n"
    "  --loss=NAME              the loss function (default: loss)\n"
    "  --optimizer=NAME         sgd, momentum, nesterov, adagrad, rmsprop,\n"
    "                           adam (default) or adamw, as torch.optim\n"
    "  --lr=X --momentum=X --dampening=X --weight-decay=X --lr-decay=X\n"
    "  --initial-accumulator-value=X --eps=X --alpha=X --beta1=X --beta2=X\n"
    "  --nesterov --maximize --centered --amsgrad\n"
    "                           hyperparameters, torch.optim's defaults when\n"
    "                           left out (sgd needs --lr)\n";

static int usageError(const std::string &message, const char *usage) {
  llvm::errs() << "error: " << message << "\n\n" << usage;
  return 2;
}

/// Takes the training option at `args[i]` (and its value) into `options`;
/// false if `args[i]` is none. `flag` gets the option's name (but for
/// --train itself), `error` a message for a bad value.
static bool takeTrainOption(const std::vector<std::string> &args, size_t &i,
                            CompileOptions &options, std::string &flag,
                            std::string &error) {
  OptimizerOptions &optimizer = options.optimizer;
  std::string value;
  if (args[i] == "--train") {
    options.train = true;
    return true;
  }
  if (takeValue(args, i, "--loss", value)) {
    flag = "--loss";
    options.loss = value;
    return true;
  }
  if (takeValue(args, i, "--optimizer", value)) {
    flag = "--optimizer";
    optimizer.algorithm = value;
    return true;
  }
  const std::pair<const char *, bool *> flags[] = {
      {"--nesterov", &optimizer.nesterov},
      {"--maximize", &optimizer.maximize},
      {"--centered", &optimizer.centered},
      {"--amsgrad", &optimizer.amsgrad}};
  for (auto [name, field] : flags) {
    if (args[i] == name) {
      flag = name;
      *field = true;
      return true;
    }
  }
  const std::pair<const char *, double *> numbers[] = {
      {"--lr", &optimizer.lr},
      {"--momentum", &optimizer.momentum},
      {"--dampening", &optimizer.dampening},
      {"--weight-decay", &optimizer.weightDecay},
      {"--lr-decay", &optimizer.lrDecay},
      {"--initial-accumulator-value", &optimizer.initialAccumulatorValue},
      {"--eps", &optimizer.eps},
      {"--alpha", &optimizer.alpha},
      {"--beta1", &optimizer.beta1},
      {"--beta2", &optimizer.beta2}};
  for (auto [name, field] : numbers) {
    if (takeNumber(args, i, name, field, error)) {
      flag = name;
      return true;
    }
  }
  return false;
}

/// `path` with its extension replaced by `extension`.
static std::string withExtension(const std::string &path,
                                 llvm::StringRef extension) {
  llvm::SmallString<256> result(path);
  llvm::sys::path::replace_extension(result, extension);
  return std::string(result);
}

/// Splits "NAME=REST" of option `flag`; false (with `error`) without '='.
static bool splitBinding(const std::string &value, const char *flag,
                         std::string &name, std::string &rest,
                         std::string &error) {
  size_t equals = value.find('=');
  if (equals == std::string::npos || equals == 0) {
    error = std::string(flag) + " takes NAME=..., got '" + value + "'";
    return false;
  }
  name = value.substr(0, equals);
  rest = value.substr(equals + 1);
  return true;
}

static int importCommand(const std::vector<std::string> &args) {
  std::string input, output, weights, value, name, rest, error;
  onnx_import::ImportOptions options;
  std::map<std::string, onnx::TensorProto> values;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (arg == "--help" || arg == "-h") {
      llvm::outs() << kImportUsage;
      return 0;
    }
    if (takeValue(args, i, "-o", value))
      output = value;
    else if (takeValue(args, i, "--weights", value))
      weights = value;
    else if (takeValue(args, i, "--input-shape", value)) {
      if (!splitBinding(value, "--input-shape", name, rest, error))
        return usageError(error, kImportUsage);
      std::vector<int64_t> &shape = options.inputShapes[name];
      llvm::SmallVector<llvm::StringRef> extents;
      if (!rest.empty())
        llvm::StringRef(rest).split(extents, 'x');
      for (llvm::StringRef extent : extents) {
        int64_t number = 0;
        if (extent.getAsInteger(10, number) || number < 0)
          return usageError("--input-shape takes NAME=DIMS with DIMS like "
                            "2x3, got '" +
                                value + "'",
                            kImportUsage);
        shape.push_back(number);
      }
    } else if (takeValue(args, i, "--input-value", value)) {
      if (!splitBinding(value, "--input-value", name, rest, error))
        return usageError(error, kImportUsage);
      if (!readTensorFile(rest, &values[name], &error)) {
        llvm::errs() << "error: --input-value " << name << ": " << error
                     << "\n";
        return 1;
      }
    } else if (!arg.empty() && arg[0] == '-')
      return usageError("unknown option '" + arg + "'", kImportUsage);
    else if (input.empty())
      input = arg;
    else
      return usageError("more than one model given", kImportUsage);
  }
  if (input.empty())
    return usageError("no model given", kImportUsage);
  if (output.empty())
    return usageError("no output given (-o OUT)", kImportUsage);
  if (weights.empty() && output != "-")
    weights = withExtension(output, ".safetensors");
  for (const auto &[bound, tensor] : values)
    options.inputValues[bound] = &tensor;
  return importOnnxFile(input, output, weights, options) ? 0 : 1;
}

static int compileCommand(const std::vector<std::string> &args) {
  CompileOptions options;
  std::string value;
  std::string trainOptionGiven, trainError;
  bool symbolGiven = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (arg == "--help" || arg == "-h") {
      llvm::outs() << kCompileUsage;
      return 0;
    }
    if (takeValue(args, i, "-o", value)) {
      options.output = value;
    } else if (takeValue(args, i, "--target", value)) {
      if (value == "cpu")
        options.target = Target::Cpu;
      else if (value == "nvptx")
        options.target = Target::Nvptx;
      else
        return usageError("unknown target '" + value + "'", kCompileUsage);
    } else if (takeValue(args, i, "--emit", value)) {
      static const std::pair<const char *, Emit> kinds[] = {
          {"exe", Emit::Exe},   {"lib", Emit::Lib},   {"obj", Emit::Obj},
          {"mlir", Emit::Mlir}, {"llvm", Emit::Llvm}, {"ptx", Emit::Ptx}};
      bool known = false;
      for (auto [name, kind] : kinds)
        if (value == name) {
          options.emit = kind;
          known = true;
        }
      if (!known)
        return usageError("unknown --emit kind '" + value + "'", kCompileUsage);
    } else if (takeValue(args, i, "--entry", value)) {
      options.entry = value;
    } else if (takeValue(args, i, "--weights", value)) {
      options.weights = value;
    } else if (takeTrainOption(args, i, options, trainOptionGiven,
                               trainError)) {
      if (!trainError.empty())
        return usageError(trainError, kCompileUsage);
    } else if (takeNumber(args, i, "--l1", &options.l1, trainError) ||
               takeNumber(args, i, "--l2", &options.l2, trainError)) {
      if (!trainError.empty())
        return usageError(trainError, kCompileUsage);
    } else if (arg == "--grad") {
      options.gradient = true;
    } else if (arg == "--recompute") {
      options.recompute = true;
    } else if (arg == "--untiled-attention") {
      options.untiledAttention = true;
    } else if (arg == "--no-fusion") {
      options.noFusion = true;
    } else if (arg == "--no-tiling") {
      options.noTiling = true;
    } else if (arg == "--kernel-report") {
      options.kernelReport = true;
    } else if (arg == "--dilated-rewrite") {
      options.dilatedRewrite = true;
    } else if (arg == "--no-winograd") {
      options.noWinograd = true;
    } else if (arg == "--memory-plan") {
      options.memoryPlan = true;
    } else if (arg == "--no-vectorize") {
      options.noVectorize = true;
    } else if (arg == "--serial-loops") {
      options.serialLoops = true;
    } else if (arg == "--no-weight-prepare") {
      options.noWeightPrepare = true;
    } else if (arg == "--training-mode") {
      options.trainingMode = true;
    } else if (arg == "--external-weights") {
      options.externalWeights = true;
    } else if (takeValue(args, i, "--symbol", value)) {
      options.symbol = value;
      symbolGiven = true;
    } else if (takeValue(args, i, "--chip", value)) {
      options.chip = value;
    } else if (takeValue(args, i, "--cache-bytes", value)) {
      if (llvm::StringRef(value).getAsInteger(10, options.cacheBytes) ||
          options.cacheBytes <= 0)
        return usageError("--cache-bytes needs a positive number of bytes, "
                          "not '" +
                              value + "'",
                          kCompileUsage);
    } else if (!arg.empty() && arg[0] == '-') {
      return usageError("unknown option '" + arg + "'", kCompileUsage);
    } else if (options.input.empty()) {
      options.input = arg;
    } else {
      return usageError("more than one model given", kCompileUsage);
    }
  }
  if (options.input.empty())
    return usageError("no model given", kCompileUsage);
  if (options.output.empty())
    return usageError("no output given (-o OUT)", kCompileUsage);
  if (options.recompute && !options.gradient && !options.train)
    return usageError("--recompute needs --grad or --train", kCompileUsage);
  if ((options.l1 != 0 || options.l2 != 0) && !options.gradient &&
      !options.train)
    return usageError("--l1 and --l2 need --grad or --train", kCompileUsage);
  if (options.train && options.gradient)
    return usageError("--train and --grad do not go together", kCompileUsage);
  if (options.train && symbolGiven)
    return usageError("--symbol does not apply to --train (its images are "
                      "nnc_train_step and nnc_compiled_model)",
                      kCompileUsage);
  if (!trainOptionGiven.empty() && !options.train)
    return usageError(trainOptionGiven + " needs --train", kCompileUsage);

  mlir::DialectRegistry registry;
  registerAllNncDialectsAndPasses(registry);
  mlir::MLIRContext context(registry);
  return mlir::succeeded(compileSource(context, options)) ? 0 : 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty())
    return usageError("no command given", kUsage);
  std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    llvm::outs() << kUsage;
    return 0;
  }
  if (command == "compile")
    return compileCommand(args);
  if (command == "run")
    return runCommand(args);
  if (command == "import")
    return importCommand(args);
  if (command == "test-onnx")
    return testOnnxCommand(args);
  return usageError("unknown command '" + command + "'", kUsage);
}
