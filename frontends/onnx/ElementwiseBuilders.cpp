//===- ElementwiseBuilders.cpp - Elementwise converter pieces -------------===//
//
// Typed scalar constants and the pre-7 broadcasting of binary nodes for the
// elementwise converter families (ElementwiseBuilders.h).
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ElementwiseBuilders.h"

#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace nnc::onnx_import {

mlir::Value filledConstant(NodeContext &context, llvm::ArrayRef<int64_t> shape,
                           mlir::Type elementType, double value) {
  auto type = mlir::RankedTensorType::get(shape, elementType);
  mlir::DenseElementsAttr data;
  if (auto floatType = mlir::dyn_cast<mlir::FloatType>(elementType))
    data = mlir::DenseElementsAttr::get(
        type, mlir::FloatAttr::get(floatType, value).getValue());
  else if (elementType.isInteger(1))
    data = mlir::DenseElementsAttr::get(type, value != 0.0);
  else
    data = mlir::DenseElementsAttr::get(
        type, mlir::IntegerAttr::get(elementType, static_cast<int64_t>(value))
                  .getValue());
  return mlir::arith::ConstantOp::create(context.builder(), context.loc(),
                                         data);
}

mlir::Value scalarConstant(NodeContext &context, mlir::Type elementType,
                           double value) {
  return filledConstant(context, {}, elementType, value);
}

mlir::Value scalarLike(NodeContext &context, mlir::Value like, double value) {
  return scalarConstant(context, elementTypeOf(like), value);
}

mlir::Type elementTypeOf(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType()).getElementType();
}

mlir::FailureOr<mlir::Value> compareWith(NodeContext &context,
                                         nn::ComparePredicate predicate,
                                         mlir::Value x, double c) {
  mlir::OpBuilder &b = context.builder();
  return context.createValue<nn::CompareOp>(
      {x, scalarLike(context, x, c)},
      {b.getNamedAttr("predicate", nn::ComparePredicateAttr::get(b.getContext(),
                                                                 predicate))});
}

mlir::Value castTo(NodeContext &context, mlir::Value x, mlir::Type to) {
  auto type = mlir::cast<mlir::RankedTensorType>(x.getType());
  if (type.getElementType() == to)
    return x;
  return nn::CastOp::create(context.builder(), context.loc(), type.clone(to),
                            x);
}

mlir::FailureOr<std::pair<mlir::Value, mlir::Value>>
binaryOperands(NodeContext &context) {
  auto lhs = context.tensorInput(0);
  auto rhs = context.tensorInput(1);
  if (mlir::failed(lhs) || mlir::failed(rhs))
    return mlir::failure();
  mlir::Value right = rhs->first;
  if (context.opset() < 7 && context.intAttribute("broadcast", 0) &&
      context.attribute("axis")) {
    int64_t rank = lhs->second.getRank(), count = rhs->second.getRank();
    mlir::FailureOr<int64_t> axis =
        context.normalizeAxis(context.intAttribute("axis", 0), rank, "axis");
    if (mlir::failed(axis))
      return mlir::failure();
    if (*axis + count > rank)
      return context.fail("B does not fit into A from axis " +
                          llvm::Twine(*axis));
    llvm::SmallVector<int64_t> shape(rank, 1);
    llvm::copy(rhs->second.getShape(), shape.begin() + *axis);
    mlir::OpBuilder &b = context.builder();
    mlir::FailureOr<mlir::Value> aligned = context.createValue<nn::ReshapeOp>(
        {right}, {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(shape))});
    if (mlir::failed(aligned))
      return mlir::failure();
    right = *aligned;
  }
  return std::make_pair(lhs->first, right);
}

mlir::LogicalResult setResult(NodeContext &context,
                              mlir::FailureOr<mlir::Value> result) {
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

} // namespace nnc::onnx_import
