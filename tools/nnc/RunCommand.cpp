//===- RunCommand.cpp - `nnc run` -----------------------------------------===//
//
// Every compiled model has the same command line (the runtime's
// nnc_model_main): an executable runs it itself, a shared library runs under
// it in this process, and a source model (.mlir or .onnx) is compiled to a
// temporary shared library first. So `nnc run` and a compiled executable
// behave alike.
//
//===----------------------------------------------------------------------===//

#include "tools/nnc/RunCommand.h"
#include "codegen/Compiler.h"
#include "tools/Registration.h"
#include "tools/nnc/OnnxSource.h"

#include "nnc/runtime.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

namespace nnc {

static constexpr const char *kRunUsage =
    "usage: nnc run MODEL [--input NAME=FILE.npy]... [options]\n"
    "\n"
    "MODEL is a .mlir or .onnx source (compiled first), or an executable\n"
    "or shared library (.so) made by `nnc compile`.\n"
    "\n"
    "  --input NAME=FILE.npy    a model input (one per input)\n"
    "  --output-dir DIR         also write each output as DIR/NAME.npy\n"
    "  --weights FILE           safetensors weights (default: the model's\n"
    "                           path with .safetensors)\n"
    "  --target=cpu|nvptx       for a source model (default cpu)\n"
    "  --bench N                time N runs and print the median latency\n";

int runCommand(const std::vector<std::string> &args) {
  std::string model;
  CompileOptions options;
  std::vector<std::string> passOn;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (arg == "--help" || arg == "-h") {
      llvm::outs() << kRunUsage;
      return 0;
    }
    if (arg == "--target=cpu") {
      options.target = Target::Cpu;
    } else if (arg == "--target=nvptx") {
      options.target = Target::Nvptx;
    } else if (arg.rfind("--target", 0) == 0) {
      llvm::errs() << "error: unknown target in '" << arg << "'\n\n"
                   << kRunUsage;
      return 2;
    } else if (arg == "--input" || arg == "--output-dir" ||
               arg == "--weights" || arg == "--bench") {
      // These take the next argument as their value.
      passOn.push_back(arg);
      if (i + 1 < args.size())
        passOn.push_back(args[++i]);
    } else if (arg[0] != '-' && model.empty()) {
      model = arg;
    } else {
      passOn.push_back(arg);
    }
  }
  if (model.empty()) {
    llvm::errs() << "error: no model given\n\n" << kRunUsage;
    return 2;
  }
  if (!llvm::sys::fs::exists(model)) {
    llvm::errs() << "error: cannot open model '" << model
                 << "': no such file\n";
    return 1;
  }

  std::string library;
  std::optional<llvm::FileRemover> removeLibrary;
  llvm::StringRef extension = llvm::sys::path::extension(model);
  if (extension == ".mlir" || extension == ".onnx") {
    llvm::SmallString<128> temp;
    if (std::error_code ec =
            llvm::sys::fs::createTemporaryFile("nnc-run", "so", temp)) {
      llvm::errs() << "error: cannot create a temporary file: "
                   << ec.message() << "\n";
      return 1;
    }
    removeLibrary.emplace(temp);
    options.input = model;
    options.output = temp.str().str();
    options.emit = Emit::Lib;
    // The run's --weights choose the weights to embed.
    for (size_t i = 0; i < passOn.size(); ++i)
      if (passOn[i] == "--weights" && i + 1 < passOn.size()) {
        options.weights = passOn[i + 1];
        passOn.erase(passOn.begin() + i, passOn.begin() + i + 2);
        break;
      }
    mlir::DialectRegistry registry;
    registerAllNncDialectsAndPasses(registry);
    mlir::MLIRContext context(registry);
    if (mlir::failed(compileSource(context, options)))
      return 1;
    library = options.output;
  } else if (llvm::sys::path::extension(model) == ".so") {
    library = model;
  }
  if (!library.empty()) {
    std::string program = "nnc run " + model;
    std::vector<char *> argv = {program.data()};
    for (std::string &arg : passOn)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    return nnc_model_main(nullptr, library.c_str(),
                          static_cast<int>(argv.size() - 1), argv.data());
  }

  if (!llvm::sys::fs::can_execute(model)) {
    llvm::errs() << "error: '" << model
                 << "' is neither a .mlir or .onnx model, nor a shared "
                    "library or executable compiled by nnc\n";
    return 1;
  }
  const std::string &executable = model;
  std::vector<llvm::StringRef> argv = {executable};
  for (const std::string &arg : passOn)
    argv.push_back(arg);
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(executable, argv, std::nullopt, {}, 0, 0,
                                     &error);
  if (rc < 0) {
    llvm::errs() << "error: running '" << model << "' failed: " << error
                 << "\n";
    return 1;
  }
  return rc;
}

} // namespace nnc
