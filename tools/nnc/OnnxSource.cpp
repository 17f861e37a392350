//===- OnnxSource.cpp - ONNX models as nnc's sources ----------------------===//
//
// The import writes text MLIR and a safetensors file; compiling an .onnx
// model runs the import into a temporary folder, compiles the files there
// like any .mlir model and removes the folder.
//
//===----------------------------------------------------------------------===//

#include "tools/nnc/OnnxSource.h"
#include "frontends/onnx/OnnxImporter.h"

#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

namespace nnc {

bool importOnnxFile(const std::string &modelPath, const std::string &outputPath,
                    const std::string &weightsPath,
                    const onnx_import::ImportOptions &options) {
  mlir::MLIRContext context;
  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module = onnx_import::importOnnxModel(
      context, modelPath, weightsPath, &error, options);
  if (!module) {
    llvm::errs() << "error: " << error << "\n";
    return false;
  }
  std::string openError;
  auto output = mlir::openOutputFile(outputPath, &openError);
  if (!output) {
    llvm::errs() << "error: " << openError << "\n";
    return false;
  }
  module->print(output->os());
  output->keep();
  return true;
}

llvm::LogicalResult compileSource(mlir::MLIRContext &context,
                                  CompileOptions options) {
  if (llvm::sys::path::extension(options.input) != ".onnx")
    return compileModel(context, options);
  llvm::SmallString<128> folder;
  if (llvm::sys::fs::createUniqueDirectory("nnc-import", folder)) {
    llvm::errs() << "error: cannot create a temporary folder\n";
    return llvm::failure();
  }
  std::string base =
      (folder + "/" + llvm::sys::path::stem(options.input)).str();
  std::string model = base + ".mlir", weights = base + ".safetensors";
  bool imported = importOnnxFile(options.input, model, weights);
  if (imported) {
    options.input = model;
    if (options.weights.empty() && llvm::sys::fs::exists(weights))
      options.weights = weights;
  }
  bool compiled = imported && llvm::succeeded(compileModel(context, options));
  llvm::sys::fs::remove_directories(folder);
  return llvm::success(compiled);
}

} // namespace nnc
