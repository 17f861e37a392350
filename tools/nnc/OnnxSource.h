//===- OnnxSource.h - ONNX models as nnc's sources --------------*- C++ -*-===//
//
// What lets `nnc import`, `nnc compile` and `nnc run` take an .onnx model:
// the import to a .mlir file and its weights, and compilation of either kind
// of source (an .onnx model is imported into a temporary folder first).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_ONNXSOURCE_H
#define NNC_TOOLS_NNC_ONNXSOURCE_H

#include "codegen/Compiler.h"
#include "frontends/onnx/OnnxImporter.h"

#include <string>

namespace nnc {

/// Imports the ONNX model `modelPath`, writing the module to `outputPath`
/// ('-': stdout) and the initializers to `weightsPath` (empty: not
/// written); errors go to stderr as `error:` lines.
bool importOnnxFile(const std::string &modelPath, const std::string &outputPath,
                    const std::string &weightsPath,
                    const onnx_import::ImportOptions &options = {});

/// compileModel for a .mlir source, or for an .onnx one imported into a
/// temporary folder (its initializers the weights unless options.weights).
llvm::LogicalResult compileSource(mlir::MLIRContext &context,
                                  CompileOptions options);

} // namespace nnc

#endif // NNC_TOOLS_NNC_ONNXSOURCE_H
