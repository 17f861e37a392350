//===- ConverterBuilders.cpp - nn-op builders the converters use ----------===//
//
// The out-of-line builders of ConverterBuilders.h: typed constants, reshape,
// transpose, gathers, comparisons, casts, the pre-7 broadcasting of binary
// nodes and output binding.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace nnc::onnx_import {

llvm::ArrayRef<int64_t> shapeOf(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType()).getShape();
}

mlir::Type elementTypeOf(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType()).getElementType();
}

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

namespace {

/// A constant of `shape` and `elementType` holding `values`.
template <typename T>
mlir::Value denseConstant(NodeContext &context, llvm::ArrayRef<int64_t> shape,
                          mlir::Type elementType, llvm::ArrayRef<T> values) {
  auto type = mlir::RankedTensorType::get(shape, elementType);
  return mlir::arith::ConstantOp::create(
      context.builder(), context.loc(),
      mlir::DenseElementsAttr::get(type, values));
}

} // namespace

mlir::Value indexConstant(NodeContext &context, llvm::ArrayRef<int64_t> shape,
                          llvm::ArrayRef<int64_t> values) {
  return denseConstant(context, shape, context.builder().getI64Type(), values);
}

mlir::Value maskConstant(NodeContext &context, llvm::ArrayRef<int64_t> shape,
                         llvm::ArrayRef<bool> values) {
  return denseConstant(context, shape, context.builder().getI1Type(), values);
}

mlir::Value scalarConstant(NodeContext &context, mlir::Type elementType,
                           double value) {
  return filledConstant(context, {}, elementType, value);
}

mlir::Value scalarLike(NodeContext &context, mlir::Value like, double value) {
  return scalarConstant(context, elementTypeOf(like), value);
}

mlir::FailureOr<mlir::Value> reshapeTo(NodeContext &context, mlir::Value value,
                                       llvm::ArrayRef<int64_t> shape) {
  if (shapeOf(value) == shape)
    return value;
  mlir::OpBuilder &b = context.builder();
  return context.createValue<nn::ReshapeOp>(
      {value}, {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(shape))});
}

mlir::FailureOr<mlir::Value> transposeBy(NodeContext &context,
                                         mlir::Value value,
                                         llvm::ArrayRef<int64_t> perm) {
  mlir::OpBuilder &b = context.builder();
  return context.createValue<nn::TransposeOp>(
      {value}, {b.getNamedAttr("perm", b.getDenseI64ArrayAttr(perm))});
}

mlir::FailureOr<mlir::Value> gather(NodeContext &context, mlir::Value value,
                                    mlir::Value indices, int64_t axis) {
  mlir::OpBuilder &b = context.builder();
  return context.createValue<nn::GatherOp>(
      {value, indices}, {b.getNamedAttr("axis", b.getI64IntegerAttr(axis))});
}

mlir::FailureOr<mlir::Value> gatherAlong(NodeContext &context,
                                         mlir::Value value, int64_t axis,
                                         llvm::ArrayRef<int64_t> indices) {
  return gather(context, value,
                indexConstant(context, {int64_t(indices.size())}, indices),
                axis);
}

mlir::FailureOr<mlir::Value> compare(NodeContext &context,
                                     nn::ComparePredicate predicate,
                                     mlir::Value lhs, mlir::Value rhs) {
  mlir::OpBuilder &b = context.builder();
  return context.createValue<nn::CompareOp>(
      {lhs, rhs},
      {b.getNamedAttr("predicate", nn::ComparePredicateAttr::get(b.getContext(),
                                                                 predicate))});
}

mlir::FailureOr<mlir::Value> compareWith(NodeContext &context,
                                         nn::ComparePredicate predicate,
                                         mlir::Value x, double c) {
  return compare(context, predicate, x, scalarLike(context, x, c));
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
    mlir::FailureOr<mlir::Value> aligned = reshapeTo(context, right, shape);
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

mlir::LogicalResult
bindOutputs(NodeContext &context,
            llvm::ArrayRef<mlir::FailureOr<mlir::Value>> results) {
  llvm::SmallVector<mlir::Value> values;
  for (mlir::FailureOr<mlir::Value> result : results) {
    if (mlir::failed(result))
      return mlir::failure();
    values.push_back(*result);
  }
  return context.setOutputs(values);
}

} // namespace nnc::onnx_import
