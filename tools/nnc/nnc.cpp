//===- nnc.cpp - The nnc driver: compile and run models -------------------===//
//
//   nnc compile MODEL -o OUT [--target=cpu|nvptx] [--emit=KIND] ...
//   nnc run MODEL --input NAME=FILE.npy ... [--output-dir DIR]
//
//===----------------------------------------------------------------------===//

#include "codegen/Compiler.h"
#include "tools/Registration.h"
#include "tools/nnc/RunCommand.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

using namespace nnc;

static constexpr const char *kUsage =
    "usage: nnc <command> [options]\n"
    "\n"
    "commands:\n"
    "  compile MODEL -o OUT   compile a model to a native artifact\n"
    "  run MODEL --input ...  run a model (source or compiled) on .npy inputs\n"
    "\n"
    "`nnc <command> --help` describes a command.\n";

static constexpr const char *kCompileUsage =
    "usage: nnc compile MODEL.mlir -o OUT [options]\n"
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
    "  --recompute              with --grad: recompute forward values in\n"
    "                           the backward pass (gradient checkpointing)\n"
    "  --training-mode          keep dropout and batch_norm in training\n"
    "                           mode (by default a model compiled without\n"
    "                           --grad runs in inference mode)\n";

/// Splits `--key=value` and `--key value` forms; returns the value of `key`
/// if `arg` is that option.
static bool takeValue(const std::vector<std::string> &args, size_t &i,
                      const std::string &key, std::string &value) {
  const std::string &arg = args[i];
  if (arg.rfind(key + "=", 0) == 0) {
    value = arg.substr(key.size() + 1);
    return true;
  }
  if (arg == key && i + 1 < args.size()) {
    value = args[++i];
    return true;
  }
  return false;
}

static int usageError(const std::string &message, const char *usage) {
  llvm::errs() << "error: " << message << "\n\n" << usage;
  return 2;
}

static int compileCommand(const std::vector<std::string> &args) {
  CompileOptions options;
  std::string value;
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
        return usageError("unknown --emit kind '" + value + "'",
                          kCompileUsage);
    } else if (takeValue(args, i, "--entry", value)) {
      options.entry = value;
    } else if (takeValue(args, i, "--weights", value)) {
      options.weights = value;
    } else if (arg == "--grad") {
      options.gradient = true;
    } else if (arg == "--recompute") {
      options.recompute = true;
    } else if (arg == "--training-mode") {
      options.trainingMode = true;
    } else if (arg == "--external-weights") {
      options.externalWeights = true;
    } else if (takeValue(args, i, "--symbol", value)) {
      options.symbol = value;
    } else if (takeValue(args, i, "--chip", value)) {
      options.chip = value;
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
  if (options.recompute && !options.gradient)
    return usageError("--recompute needs --grad", kCompileUsage);

  mlir::DialectRegistry registry;
  registerAllNncDialectsAndPasses(registry);
  mlir::MLIRContext context(registry);
  return mlir::succeeded(compileModel(context, options)) ? 0 : 1;
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
  return usageError("unknown command '" + command + "'", kUsage);
}
