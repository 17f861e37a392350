//===- ModelSignature.cpp - What a compiled model exposes -----------------===//

#include "codegen/ModelSignature.h"
#include "ir/Broadcast.h"
#include "ir/NNDialect.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;

namespace nnc {

/// The runtime's name for an element type, or "" for one it cannot carry.
static std::string dtypeName(Type type) {
  if (type.isF32())
    return "f32";
  if (type.isF64())
    return "f64";
  if (type.isSignlessInteger(1))
    return "i1";
  if (type.isSignlessInteger(8))
    return "i8";
  if (type.isSignlessInteger(32))
    return "i32";
  if (type.isSignlessInteger(64))
    return "i64";
  return "";
}

/// Fills `slot` from a boundary type, or says what is wrong with it.
static LogicalResult fillSlot(func::FuncOp func, TensorSlot &slot, Type type,
                              StringRef what) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return func.emitError() << what << " '" << slot.name
                            << "' must be a statically shaped tensor, got "
                            << type;
  slot.dtype = dtypeName(tensor.getElementType());
  if (slot.dtype.empty())
    return func.emitError() << what << " '" << slot.name
                            << "' has element type " << tensor.getElementType()
                            << "; supported: f32 f64 i1 i8 i32 i64";
  slot.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  return success();
}

FailureOr<ModelSignature> readSignature(func::FuncOp func) {
  ModelSignature signature;
  signature.entry = func.getSymName().str();
  llvm::StringSet<> argumentNames, outputNames;
  auto claim = [&](const TensorSlot &slot) -> LogicalResult {
    if (llvm::any_of(slot.name, [](char c) { return isspace(c); }))
      return func.emitError() << "boundary tensor name '" << slot.name
                              << "' contains white space";
    bool output = slot.role == TensorSlot::Role::Output;
    if (!(output ? outputNames : argumentNames).insert(slot.name).second)
      return func.emitError() << "two " << (output ? "outputs" : "arguments")
                              << " are named '" << slot.name << "'";
    return success();
  };
  // The argument attributes, the role each gives, and its name in messages.
  struct RoleAttr {
    StringRef attr;
    TensorSlot::Role role;
    StringRef what;
  };
  const RoleAttr roles[] = {
      {nn::NNDialect::kParamAttrName, TensorSlot::Role::Param, "param"},
      {nn::NNDialect::kBufferAttrName, TensorSlot::Role::Buffer, "buffer"},
      {nn::NNDialect::kStateAttrName, TensorSlot::Role::State, "state"},
      {nn::NNDialect::kDerivedAttrName, TensorSlot::Role::Derived, "derived"},
      {nn::NNDialect::kInputAttrName, TensorSlot::Role::Input, "input"}};
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    TensorSlot slot;
    slot.role = TensorSlot::Role::Input;
    slot.name = "input" + std::to_string(i);
    StringRef what = "input";
    for (const RoleAttr &role : roles) {
      if (auto name = func.getArgAttrOfType<StringAttr>(i, role.attr)) {
        slot.role = role.role;
        slot.name = name.str();
        what = role.what;
        break;
      }
    }
    if (failed(fillSlot(func, slot, func.getArgument(i).getType(), what)) ||
        failed(claim(slot)))
      return failure();
    signature.slots.push_back(std::move(slot));
  }
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    TensorSlot slot;
    slot.role = TensorSlot::Role::Output;
    auto name = func.getResultAttrOfType<StringAttr>(
        i, nn::NNDialect::kOutputAttrName);
    slot.name = name ? name.str() : "output" + std::to_string(i);
    if (failed(fillSlot(func, slot, func.getResultTypes()[i], "output")) ||
        failed(claim(slot)))
      return failure();
    signature.slots.push_back(std::move(slot));
  }
  if (func.getNumResults() == 0)
    return func.emitError() << "entry function '" << signature.entry
                            << "' returns nothing";
  return signature;
}

std::string ModelSignature::metadata(StringRef target,
                                     const MemoryPlanStats &memory) const {
  std::string text = "nnc-model 1\ntarget " + target.str() + "\nentry " +
                     entry + "\n";
  text += "arena_bytes " + std::to_string(memory.arenaBytes) + "\n";
  text +=
      "intermediate_bytes " + std::to_string(memory.intermediateBytes) + "\n";
  for (const TensorSlot &slot : slots) {
    switch (slot.role) {
    case TensorSlot::Role::Input:
      text += "input ";
      break;
    case TensorSlot::Role::Param:
      text += "param ";
      break;
    case TensorSlot::Role::State:
      text += "state ";
      break;
    case TensorSlot::Role::Buffer:
      text += "buffer ";
      break;
    case TensorSlot::Role::Derived:
      text += "derived ";
      break;
    case TensorSlot::Role::Output:
      text += "output ";
      break;
    }
    text += slot.name + " " + slot.dtype + " " + nn::formatShape(slot.shape) +
            "\n";
  }
  return text;
}

bool ModelSignature::hasWeights() const {
  return llvm::any_of(slots, [](const TensorSlot &slot) {
    return slot.role == TensorSlot::Role::Param ||
           slot.role == TensorSlot::Role::Buffer;
  });
}

} // namespace nnc
