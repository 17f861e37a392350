//===- NNBuilders.h - nn ops the ONNX converters compose --------*- C++ -*-===//
//
// Small builders over NodeContext::createValue for the nn ops that several
// converter families compose ONNX ops from: reshape, transpose, reductions
// over axes, broadcasting arithmetic and scalar constants of a tensor's
// element type. Each returns failure after the context recorded the error.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_NNBUILDERS_H
#define NNC_FRONTENDS_ONNX_NNBUILDERS_H

#include "frontends/onnx/NodeConverter.h"

#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace nnc::onnx_import {

/// The static shape of `value`'s ranked tensor type.
inline llvm::ArrayRef<int64_t> shapeOf(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType()).getShape();
}

/// `value` reshaped to `shape` (`value` itself when it has that shape).
inline mlir::FailureOr<mlir::Value> reshapeTo(NodeContext &context,
                                              mlir::Value value,
                                              llvm::ArrayRef<int64_t> shape) {
  if (shapeOf(value) == shape)
    return value;
  mlir::OpBuilder &b = context.builder();
  return context.createValue<nn::ReshapeOp>(
      {value}, {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(shape))});
}

/// `value` with its dimensions permuted by `perm`.
inline mlir::FailureOr<mlir::Value> transposeBy(NodeContext &context,
                                                mlir::Value value,
                                                llvm::ArrayRef<int64_t> perm) {
  mlir::OpBuilder &b = context.builder();
  return context.createValue<nn::TransposeOp>(
      {value}, {b.getNamedAttr("perm", b.getDenseI64ArrayAttr(perm))});
}

/// An `OpTy` reduction (nn.reduce_sum, nn.reduce_max, ...) of `value` over
/// `axes` (empty: every axis).
template <typename OpTy>
mlir::FailureOr<mlir::Value> reduce(NodeContext &context, mlir::Value value,
                                    llvm::ArrayRef<int64_t> axes,
                                    bool keepdim) {
  mlir::OpBuilder &b = context.builder();
  return context.createValue<OpTy>(
      {value}, {b.getNamedAttr("axes", b.getDenseI64ArrayAttr(axes)),
                b.getNamedAttr("keepdim", b.getBoolAttr(keepdim))});
}

/// A broadcasting binary `OpTy` (nn.add, nn.mul, ...) of two values.
template <typename OpTy>
mlir::FailureOr<mlir::Value> binaryOp(NodeContext &context,
                                      mlir::FailureOr<mlir::Value> lhs,
                                      mlir::FailureOr<mlir::Value> rhs) {
  if (mlir::failed(lhs) || mlir::failed(rhs))
    return mlir::failure();
  return context.createValue<OpTy>({*lhs, *rhs});
}

/// A unary `OpTy` (nn.neg, nn.sqrt, ...) of a value.
template <typename OpTy>
mlir::FailureOr<mlir::Value> unaryOp(NodeContext &context,
                                     mlir::FailureOr<mlir::Value> operand) {
  if (mlir::failed(operand))
    return mlir::failure();
  return context.createValue<OpTy>({*operand});
}

/// A rank-0 constant `value` of `like`'s element type, which broadcasts
/// against any tensor.
inline mlir::Value scalarLike(NodeContext &context, mlir::Value like,
                              double value) {
  mlir::Type element =
      mlir::cast<mlir::RankedTensorType>(like.getType()).getElementType();
  auto type = mlir::RankedTensorType::get({}, element);
  mlir::OpBuilder &b = context.builder();
  mlir::TypedAttr scalar =
      mlir::isa<mlir::FloatType>(element)
          ? mlir::TypedAttr(b.getFloatAttr(element, value))
          : mlir::TypedAttr(b.getIntegerAttr(element, int64_t(value)));
  return mlir::arith::ConstantOp::create(
      b, context.loc(), mlir::DenseElementsAttr::get(type, scalar));
}

/// Binds the node's outputs to `results` once all of them were built.
inline mlir::LogicalResult
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

#endif // NNC_FRONTENDS_ONNX_NNBUILDERS_H
