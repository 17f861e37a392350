//===- nnc-opt.cpp - Runs nnc and MLIR passes on .mlir files --------------===//
//
// MlirOptMain with every dialect and pass nnc uses. `--help` starts with the
// ops of the nn dialect (their reference is build/ir/NNOps.md); the nnc
// passes and pipelines are the `--nnc-` options it lists.
//
//===----------------------------------------------------------------------===//

#include "ir/NNDialect.h"
#include "tools/Registration.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#include "llvm/ADT/STLExtras.h"

#include <string>
#include <vector>

static constexpr llvm::StringLiteral kToolName = "nnc optimizer driver\n";

/// Whether the command line asks for help (-help, --help, --help-hidden,
/// ...), the only time the op list is printed.
static bool asksForHelp(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (arg.starts_with("-help") || arg.starts_with("--help"))
      return true;
  }
  return false;
}

/// The help header: what the tool is and the nn dialect's ops, wrapped.
static std::string helpHeader(const mlir::DialectRegistry &registry) {
  mlir::MLIRContext context(registry);
  context.getOrLoadDialect<nnc::nn::NNDialect>();
  std::vector<llvm::StringRef> names;
  for (mlir::RegisteredOperationName op : context.getRegisteredOperations())
    if (op.getDialectNamespace() == "nn")
      names.push_back(op.getStringRef());
  llvm::sort(names);
  std::string header = (kToolName + "\nOps of the nn dialect:\n ").str();
  size_t column = 1;
  for (llvm::StringRef name : names) {
    if (column + name.size() + 1 > 78) {
      header += "\n ";
      column = 1;
    }
    header += " " + name.str();
    column += name.size() + 1;
  }
  return header + "\n";
}

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  nnc::registerAllNncDialectsAndPasses(registry);
  // Listing the ops takes a context of its own: only for --help.
  std::string header =
      asksForHelp(argc, argv) ? helpHeader(registry) : kToolName.str();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, header, registry));
}
