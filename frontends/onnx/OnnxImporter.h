//===- OnnxImporter.h - ONNX models into the nn dialect ---------*- C++ -*-===//
//
// The entry point of the ONNX frontend: reads a ModelProto and builds a module
// with one `func.func @forward` in the nn dialect. Graph inputs that are not
// initializers become arguments marked `nn.input`, initializers that reach
// an nn op become arguments marked `nn.param` (their values go to a
// safetensors file), graph outputs become results marked `nn.output`.
// Shapes must be static: a dynamic dimension is an error naming the input,
// unless ImportOptions gives the input's shape. ImportOptions can also bind
// graph inputs to values that converters may take as import-time constants
// (how a static-shape compiler takes Reshape's `shape` given as an input).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_ONNXIMPORTER_H
#define NNC_FRONTENDS_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
} // namespace onnx

namespace nnc::onnx_import {

/// What the caller tells the importer about the graph inputs.
struct ImportOptions {
  /// Graph input name -> the shape to import it with, for inputs with
  /// dynamic dimensions. A static dimension that disagrees is an error.
  std::map<std::string, std::vector<int64_t>> inputShapes;
  /// Graph input name -> a value converters may use as an import-time
  /// constant (NodeContext::constantInput); decoded only when asked. An
  /// input read only as a constant is dropped from @forward's arguments.
  /// The tensors must outlive the import.
  std::map<std::string, const onnx::TensorProto *> inputValues;
};

/// What the import made of the graph inputs.
struct ImportReport {
  /// The names of @forward's `nn.input` arguments, in order.
  std::vector<std::string> inputs;
  /// The bound graph inputs (ImportOptions::inputValues) that a converter
  /// read as constants: the module is only right for those values.
  std::vector<std::string> constantInputs;
};

/// Imports the ONNX model at `modelPath` into `context` (which must allow
/// the nn, func and arith dialects to load) and writes the initializers the
/// model uses as parameters to `weightsPath` (nothing is written when there
/// are none or `weightsPath` is empty). Returns null with `*error` set to a
/// one-line message on any problem: unreadable or corrupt file, unsupported op,
/// type or shape.
///
/// Graph input and output element types: float -> f32, double -> f64,
/// int32 -> i32, int64 -> i64, bool -> i1, int8 -> i8, and uint8 -> i32
/// (the runtime has no unsigned types: a uint8 input is passed widened to
/// i32 and computed with in i32, so sums past 255 do not wrap); any other
/// element type is an error naming the input or output.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxModel(mlir::MLIRContext &context, const std::string &modelPath,
                const std::string &weightsPath, std::string *error,
                const ImportOptions &options = {},
                ImportReport *report = nullptr);

/// Imports the ONNX model serialized in `bytes` (what `importOnnxModel`
/// reads from its file); `sourceName` names the bytes in errors and
/// `modelFolder` is where external data files are (empty: none may be
/// read). The fuzzer
/// (test/fuzz/onnx-import) feeds its inputs through here.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxModelFromBytes(
    mlir::MLIRContext &context, llvm::StringRef bytes,
    const std::string &sourceName, const std::string &modelFolder,
    const std::string &weightsPath, std::string *error,
    const ImportOptions &options = {}, ImportReport *report = nullptr);

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_ONNXIMPORTER_H
