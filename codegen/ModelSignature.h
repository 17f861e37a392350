//===- ModelSignature.h - What a compiled model exposes ---------*- C++ -*-===//
//
// The inputs, parameters, buffers, optimizer state and outputs of a model's
// entry function, read off its `nn.input` / `nn.param` / `nn.buffer` /
// `nn.state` / `nn.derived` / `nn.output` attributes before lowering, and
// the metadata text that the compiled image carries for the runtime
// (runtime/include/nnc/model_abi.h) with the memory plan of the lowered
// entry.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_MODELSIGNATURE_H
#define NNC_CODEGEN_MODELSIGNATURE_H

#include "passes/MemoryPlan.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace nnc {

/// One tensor crossing the model boundary.
struct TensorSlot {
  enum class Role { Input, Param, State, Buffer, Derived, Output };
  Role role;
  std::string name;
  std::string dtype; ///< f32 f64 i1 i8 i32 i64
  std::vector<int64_t> shape;
};

/// The entry function's boundary, in argument order: inputs, params, state
/// and buffers as they appear, then outputs.
struct ModelSignature {
  std::string entry;
  std::vector<TensorSlot> slots;

  /// Metadata text for `target` ("cpu" or "nvptx"), with the memory plan
  /// of the lowered entry.
  std::string metadata(llvm::StringRef target,
                       const MemoryPlanStats &memory = {}) const;
  /// Whether any slot is loaded from the weights (a param or a buffer).
  bool hasWeights() const;
};

/// Reads the signature of `func`, or emits an error on it (unnamed or
/// duplicate names, non-tensor or dynamically shaped types, unsupported
/// element types) and fails. Argument names are unique, and so are output
/// names; an output may carry the name of the argument it replaces.
llvm::FailureOr<ModelSignature> readSignature(mlir::func::FuncOp func);

} // namespace nnc

#endif // NNC_CODEGEN_MODELSIGNATURE_H
