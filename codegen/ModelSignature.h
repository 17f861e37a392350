//===- ModelSignature.h - What a compiled model exposes ---------*- C++ -*-===//
//
// The inputs, parameters, buffers and outputs of a model's entry function,
// read off its `nn.input` / `nn.param` / `nn.buffer` / `nn.output`
// attributes before lowering, and
// the metadata text that the compiled image carries for the runtime
// (runtime/include/nnc/model_abi.h).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_MODELSIGNATURE_H
#define NNC_CODEGEN_MODELSIGNATURE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace nnc {

/// One tensor crossing the model boundary.
struct TensorSlot {
  /// Params and buffers (non-trainable state) are loaded from the weights.
  enum class Role { Input, Param, Buffer, Output };
  Role role;
  std::string name;
  std::string dtype; ///< f32 f64 i1 i8 i32 i64
  std::vector<int64_t> shape;
};

/// The entry function's boundary, in argument order: inputs, params and
/// buffers as they appear, then outputs.
struct ModelSignature {
  std::string entry;
  std::vector<TensorSlot> slots;

  /// Metadata text for `target` ("cpu" or "nvptx").
  std::string metadata(llvm::StringRef target) const;
  /// Whether any slot is loaded from the weights (a param or a buffer).
  bool hasWeights() const;
};

/// Reads the signature of `func`, or emits an error on it (unnamed or
/// duplicate names, non-tensor or dynamically shaped types, unsupported
/// element types) and fails. Names are unique among the arguments and among
/// the outputs; an output may share the name of the argument whose new
/// value it is (a buffer's update).
llvm::FailureOr<ModelSignature> readSignature(mlir::func::FuncOp func);

} // namespace nnc

#endif // NNC_CODEGEN_MODELSIGNATURE_H
