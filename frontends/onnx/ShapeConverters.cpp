//===- ShapeConverters.cpp - ONNX data movement and constants -------------===//
//
// Constant (its value stays known at import time, so shape inputs fold),
// Identity, Reshape (the shape an initializer or Constant, an attribute
// before opset 5; 0 copies the input's extent unless `allowzero`, -1 is
// inferred), Flatten, Squeeze, Unsqueeze, Expand, Transpose (default:
// reversed axes) and Concat. Shape, Size, EyeLike, ConstantOfShape and Range
// are computed at import time (ConstantFolding.cpp).
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/NodeConverter.h"
#include "frontends/onnx/ShapeOperands.h"

#include "ir/NNOps.h"

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
    tensor = ConstantTensor::ofFloats({}, {value->f()});
  } else if (const onnx::AttributeProto *value =
                 context.attribute("value_floats")) {
    tensor = ConstantTensor::ofFloats(
        {value->floats_size()},
        std::vector<double>(value->floats().begin(), value->floats().end()));
  } else if (const onnx::AttributeProto *value =
                 context.attribute("value_int")) {
    tensor = ConstantTensor::ofInts({}, {value->i()});
  } else if (const onnx::AttributeProto *value =
                 context.attribute("value_ints")) {
    tensor = ConstantTensor::ofInts(
        {value->ints_size()},
        std::vector<int64_t>(value->ints().begin(), value->ints().end()));
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

/// Reshape, Flatten, Squeeze and Unsqueeze: an nn.reshape to the shape
/// `target` (ShapeOperands.h) computes for the input's.
template <mlir::FailureOr<std::vector<int64_t>> (*target)(
    NodeContext &, llvm::ArrayRef<int64_t>)>
mlir::LogicalResult convertReshapeLike(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto shape = target(context, input->second.getShape());
  if (mlir::failed(shape))
    return mlir::failure();
  return reshapeTo(context, input->first, *shape);
}

mlir::LogicalResult convertTranspose(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto perm = transposePermutation(context, input->second.getRank());
  if (mlir::failed(perm))
    return mlir::failure();
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> result = context.createValue<nn::TransposeOp>(
      {input->first}, {b.getNamedAttr("perm", b.getDenseI64ArrayAttr(*perm))});
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

/// Expand: numpy broadcasting of the input and the shape (either may have
/// extent 1 where the other does not), an nn.broadcast_to.
mlir::LogicalResult convertExpand(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto target = intsInput(context, 1, "the shape");
  if (mlir::failed(target))
    return mlir::failure();
  auto shape = broadcastShapes(context, input->second.getShape(), *target);
  if (mlir::failed(shape))
    return mlir::failure();
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> result = context.createValue<nn::BroadcastToOp>(
      {input->first},
      {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(*shape))});
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
  registry.add("Reshape", convertReshapeLike<reshapeTarget>);
  registry.add("Flatten", convertReshapeLike<flattenTarget>);
  registry.add("Squeeze", convertReshapeLike<squeezeTarget>);
  registry.add("Unsqueeze", convertReshapeLike<unsqueezeTarget>);
  registry.add("Expand", convertExpand);
  registry.add("ConstantOfShape", computeAtImport);
  registry.add("Range", computeAtImport);
  registry.add("Transpose", convertTranspose);
  registry.add("Concat", convertConcat);
}

} // namespace nnc::onnx_import
