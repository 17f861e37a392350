//===- SchemaTypeCheck.cpp - Node inputs against ONNX's op schemas --------===//

#include "frontends/onnx/SchemaTypeCheck.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/defs/schema.h>

namespace nnc::onnx_import {

/// The ONNX type strings an input of MLIR element type `type` may stand
/// for: nnc keeps unsigned tensors widened (UINT8 and UINT16 as i32, UINT32
/// as i64), so those integer types also stand for the unsigned ones.
static llvm::SmallVector<llvm::StringRef, 3> onnxTypeStrings(mlir::Type type) {
  if (type.isF32())
    return {"tensor(float)"};
  if (type.isF64())
    return {"tensor(double)"};
  if (type.isF16())
    return {"tensor(float16)"};
  if (type.isBF16())
    return {"tensor(bfloat16)"};
  if (type.isInteger(1))
    return {"tensor(bool)"};
  if (type.isInteger(8))
    return {"tensor(int8)"};
  if (type.isInteger(16))
    return {"tensor(int16)"};
  if (type.isInteger(32))
    return {"tensor(int32)", "tensor(uint8)", "tensor(uint16)"};
  if (type.isInteger(64))
    return {"tensor(int64)", "tensor(uint32)"};
  return {};
}

static std::string typeName(mlir::Type type) {
  std::string name;
  llvm::raw_string_ostream(name) << type;
  return name;
}

mlir::LogicalResult checkInputsAgainstSchema(NodeContext &context) {
  const onnx::NodeProto &node = context.node();
  // libonnx knows the default domain up to its own highest opset; past it,
  // an op's newest schema it has may not be the one the model means.
  int knownOpset = onnx::OpSchemaRegistry::DomainToVersionRange::Instance()
                       .Map()
                       .at(onnx::ONNX_DOMAIN)
                       .second;
  if (context.opset() > knownOpset)
    return mlir::success();
  const onnx::OpSchema *schema = onnx::OpSchemaRegistry::Schema(
      node.op_type(), int(context.opset()), onnx::ONNX_DOMAIN);
  if (!schema)
    return mlir::success();
  const std::vector<onnx::OpSchema::FormalParameter> &formals =
      schema->inputs();
  size_t given = context.numInputs();
  bool variadic =
      !formals.empty() && formals.back().GetOption() ==
                              onnx::OpSchema::FormalParameterOption::Variadic;
  if (given > formals.size() && !variadic)
    return context.fail("has " + llvm::Twine(given) +
                        " inputs; it takes at most " +
                        llvm::Twine(formals.size()));
  if (int(given) < schema->min_input())
    return context.fail("has " + llvm::Twine(given) +
                        " inputs; it needs at least " +
                        llvm::Twine(schema->min_input()));

  // The element type first seen for each type parameter, and where.
  llvm::StringMap<std::pair<mlir::Type, size_t>> bound;
  for (size_t index = 0; index < std::max(given, formals.size()); ++index) {
    const onnx::OpSchema::FormalParameter &formal =
        formals[std::min(index, formals.size() - 1)];
    bool inVariadic = index >= formals.size() - 1 && variadic;
    if (!context.hasInput(index)) {
      if (index < given &&
          formal.GetOption() == onnx::OpSchema::FormalParameterOption::Single)
        return context.fail("input " + llvm::Twine(index) + " ('" +
                            formal.GetName() + "') is required");
      continue;
    }
    mlir::Type type = context.inputElementType(index);
    if (!type)
      continue; // Not produced: the converter names the dangling input.
    std::string what =
        "input " + std::to_string(index) + " ('" + formal.GetName() + "')";
    bool allowed = false;
    for (llvm::StringRef name : onnxTypeStrings(type))
      for (const std::string *allowedName : formal.GetTypes())
        allowed |= *allowedName == name;
    if (!allowed) {
      // The schema's set is unordered: sorted, the error reads the same
      // in every run.
      std::vector<std::string> names;
      for (const std::string *allowedName : formal.GetTypes())
        names.push_back(*allowedName);
      llvm::sort(names);
      return context.fail(what + " has element type " + typeName(type) +
                          "; it takes " + llvm::join(names, ", "));
    }
    if (inVariadic && !formal.GetIsHomogeneous())
      continue;
    auto [entry, first] = bound.try_emplace(formal.GetTypeStr(), type, index);
    if (!first && entry->second.first != type)
      return context.fail(what + " has element type " + typeName(type) +
                          " but input " + llvm::Twine(entry->second.second) +
                          " of the same type parameter " + formal.GetTypeStr() +
                          " has " + typeName(entry->second.first));
  }
  return mlir::success();
}

} // namespace nnc::onnx_import
