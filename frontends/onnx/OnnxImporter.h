//===- OnnxImporter.h - ONNX models into the nn dialect ---------*- C++ -*-===//
//
// The entry point of the ONNX frontend: reads a ModelProto and builds a module
// with one `func.func @forward` in the nn dialect. Graph inputs that are not
// initializers become arguments marked `nn.input`, initializers that reach
// an nn op become arguments marked `nn.param` (their values go to a
// safetensors file), graph outputs become results marked `nn.output`.
// Shapes must be static: a dynamic dimension is an error naming the input.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_ONNXIMPORTER_H
#define NNC_FRONTENDS_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace nnc::onnx_import {

/// Imports the ONNX model at `modelPath` into `context` (which must allow
/// the nn, func and arith dialects to load) and writes the initializers the
/// model uses as parameters to `weightsPath` (nothing is written when there
/// are none or `weightsPath` is empty). Returns null with `*error` set to a
/// one-line message on any problem: unreadable or corrupt file, unsupported op,
/// type or shape.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxModel(mlir::MLIRContext &context, const std::string &modelPath,
                const std::string &weightsPath, std::string *error);

/// Imports the ONNX model serialized in `bytes` (what `importOnnxModel`
/// reads from its file); `sourceName` names the bytes in errors. The fuzzer
/// (test/fuzz/onnx-import) feeds its inputs through here.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxModelFromBytes(mlir::MLIRContext &context, llvm::StringRef bytes,
                         const std::string &sourceName,
                         const std::string &weightsPath, std::string *error);

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_ONNXIMPORTER_H
