//===- ShapeConverters.cpp - ONNX data movement and constants -------------===//
//
// Constant (its value stays known at import time, so shape inputs fold),
// Identity, Reshape (the shape an initializer or Constant, an attribute
// before opset 5; 0 copies the input's extent unless `allowzero`, -1 is
// inferred), Flatten, Transpose (default: reversed axes) and Concat.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/NodeConverter.h"

#include "ir/NNOps.h"

#include "llvm/Support/MathExtras.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

mlir::LogicalResult convertConstant(NodeContext &context) {
  ConstantTensor tensor;
  if (const onnx::AttributeProto *value = context.attribute("value")) {
    std::string error;
    if (!decodeTensor(value->t(), &tensor, &error))
      return context.fail(error);
  } else if (const onnx::AttributeProto *value =
                 context.attribute("value_float")) {
    tensor.floats = {value->f()};
  } else if (const onnx::AttributeProto *value =
                 context.attribute("value_floats")) {
    tensor.shape = {value->floats_size()};
    tensor.floats.assign(value->floats().begin(), value->floats().end());
  } else if (const onnx::AttributeProto *value =
                 context.attribute("value_int")) {
    tensor.isFloat = false;
    tensor.ints = {value->i()};
  } else if (const onnx::AttributeProto *value =
                 context.attribute("value_ints")) {
    tensor.isFloat = false;
    tensor.shape = {value->ints_size()};
    tensor.ints.assign(value->ints().begin(), value->ints().end());
  } else {
    return context.fail("no supported value attribute (value, value_float, "
                        "value_floats, value_int, value_ints)");
  }
  context.setConstantOutput(std::move(tensor));
  return mlir::success();
}

/// `value` reshaped to `shape`.
mlir::LogicalResult reshapeTo(NodeContext &context, mlir::Value value,
                              llvm::ArrayRef<int64_t> shape) {
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> result = context.createValue<nn::ReshapeOp>(
      {value}, {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(shape))});
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

mlir::LogicalResult convertReshape(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  std::vector<int64_t> shape;
  if (context.opset() < 5) {
    std::optional<std::vector<int64_t>> given = context.intsAttribute("shape");
    if (!given)
      return context.fail("the shape attribute is missing");
    shape = *given;
  } else {
    mlir::FailureOr<const ConstantTensor *> shapeInput =
        context.constantInput(1);
    if (mlir::failed(shapeInput))
      return mlir::failure();
    if ((*shapeInput)->isFloat)
      return context.fail("the shape must be an integer tensor");
    shape = (*shapeInput)->ints;
  }
  mlir::RankedTensorType type = input->second;
  bool allowZero = context.intAttribute("allowzero", 0) != 0;
  int64_t known = 1, inferred = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0 && !allowZero) {
      if (int64_t(i) >= type.getRank())
        return context.fail("shape entry " + llvm::Twine(i) +
                            " is 0 but the input has no such dimension");
      shape[i] = type.getDimSize(i);
    }
    if (shape[i] == -1) {
      if (inferred >= 0)
        return context.fail("the shape has more than one -1");
      inferred = i;
    } else if (shape[i] < 0) {
      return context.fail("shape entry " + llvm::Twine(i) + " is " +
                          llvm::Twine(shape[i]));
    } else if (llvm::MulOverflow(known, shape[i], known)) {
      return context.fail("the shape has more elements than fit in 64 bits");
    }
  }
  if (inferred >= 0) {
    if (known == 0 || type.getNumElements() % known != 0)
      return context.fail("cannot infer the -1 of the shape");
    shape[inferred] = type.getNumElements() / known;
  }
  return reshapeTo(context, input->first, shape);
}

mlir::LogicalResult convertFlatten(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  mlir::RankedTensorType type = input->second;
  int64_t rank = type.getRank();
  int64_t axis = context.intAttribute("axis", 1);
  if (axis < -rank || axis > rank)
    return context.fail("axis " + llvm::Twine(axis) +
                        " is out of range for rank " + llvm::Twine(rank));
  if (axis < 0)
    axis += rank;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= type.getDimSize(i);
  return reshapeTo(context, input->first, {outer, inner});
}

mlir::LogicalResult convertTranspose(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  int64_t rank = input->second.getRank();
  std::vector<int64_t> perm;
  if (auto given = context.intsAttribute("perm"))
    perm = *given;
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> result = context.createValue<nn::TransposeOp>(
      {input->first}, {b.getNamedAttr("perm", b.getDenseI64ArrayAttr(perm))});
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

mlir::LogicalResult convertConcat(NodeContext &context) {
  // The axis defaults to 1 before opset 4 and is required from then on.
  if (!context.attribute("axis") && context.opset() >= 4)
    return context.fail("the axis attribute is missing");
  if (context.numInputs() == 0)
    return context.fail("there is nothing to concatenate");
  llvm::SmallVector<mlir::Value> inputs;
  for (size_t i = 0; i < context.numInputs(); ++i) {
    mlir::FailureOr<mlir::Value> input = context.input(i);
    if (mlir::failed(input))
      return mlir::failure();
    inputs.push_back(*input);
  }
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> result = context.createValue<nn::ConcatOp>(
      inputs, {b.getNamedAttr("axis", b.getI64IntegerAttr(
                                          context.intAttribute("axis", 1)))});
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

} // namespace

void registerShapeConverters(ConverterRegistry &registry) {
  registry.add("Constant", convertConstant);
  registry.add("Identity",
               [](NodeContext &context) { return context.forwardInput(); });
  registry.add("Reshape", convertReshape);
  registry.add("Flatten", convertFlatten);
  registry.add("Transpose", convertTranspose);
  registry.add("Concat", convertConcat);
}

} // namespace nnc::onnx_import
