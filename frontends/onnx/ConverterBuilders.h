//===- ConverterBuilders.h - nn-op builders the converters use --*- C++ -*-===//
//
// The small nn-op builders every ONNX converter family composes its ops
// from: typed constants, reshape, transpose, reductions over axes, gathers,
// unary and broadcasting binary ops, comparisons and casts; the operands of a
// broadcasting binary node (ONNX's pre-7 one-way broadcasting applied);
// binding a node's outputs; and converters for ops that map one to one onto
// a unary or broadcasting binary nn op. Builders that create ops through
// NodeContext::createValue return failure after the context recorded the
// error.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_CONVERTERBUILDERS_H
#define NNC_FRONTENDS_ONNX_CONVERTERBUILDERS_H

#include "frontends/onnx/NodeConverter.h"

#include "ir/NNOps.h"

namespace nnc::onnx_import {

//===----------------------------------------------------------------------===//
// Types and constants
//===----------------------------------------------------------------------===//

/// The static shape of `value`'s ranked tensor type.
llvm::ArrayRef<int64_t> shapeOf(mlir::Value value);

/// The element type of the ranked tensor value `value`.
mlir::Type elementTypeOf(mlir::Value value);

/// A constant tensor of `shape` and `elementType` (float or integer; for
/// `i1`, true where `value` is non-zero) filled with `value`.
mlir::Value filledConstant(NodeContext &context, llvm::ArrayRef<int64_t> shape,
                           mlir::Type elementType, double value);

/// An i64 constant of `shape` holding `values`.
mlir::Value indexConstant(NodeContext &context, llvm::ArrayRef<int64_t> shape,
                          llvm::ArrayRef<int64_t> values);

/// An i1 constant of `shape` holding `values`.
mlir::Value maskConstant(NodeContext &context, llvm::ArrayRef<int64_t> shape,
                         llvm::ArrayRef<bool> values);

/// A rank-0 `filledConstant`; broadcasting nn ops combine it with tensors of
/// any shape.
mlir::Value scalarConstant(NodeContext &context, mlir::Type elementType,
                           double value);

/// `scalarConstant` of `like`'s element type.
mlir::Value scalarLike(NodeContext &context, mlir::Value like, double value);

//===----------------------------------------------------------------------===//
// nn ops
//===----------------------------------------------------------------------===//

/// `value` reshaped to `shape` (`value` itself when it has that shape).
mlir::FailureOr<mlir::Value> reshapeTo(NodeContext &context, mlir::Value value,
                                       llvm::ArrayRef<int64_t> shape);

/// `value` with its dimensions permuted by `perm`.
mlir::FailureOr<mlir::Value> transposeBy(NodeContext &context,
                                         mlir::Value value,
                                         llvm::ArrayRef<int64_t> perm);

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

/// nn.gather of `value` along `axis` by the index tensor `indices`.
mlir::FailureOr<mlir::Value> gather(NodeContext &context, mlir::Value value,
                                    mlir::Value indices, int64_t axis);

/// `value` with the positions `indices` (known at import time) taken along
/// `axis`.
mlir::FailureOr<mlir::Value> gatherAlong(NodeContext &context,
                                         mlir::Value value, int64_t axis,
                                         llvm::ArrayRef<int64_t> indices);

/// `lhs <predicate> rhs` by nn.compare, broadcasting.
mlir::FailureOr<mlir::Value> compare(NodeContext &context,
                                     nn::ComparePredicate predicate,
                                     mlir::Value lhs, mlir::Value rhs);

/// `x <predicate> c` for a constant `c` of x's element type.
mlir::FailureOr<mlir::Value> compareWith(NodeContext &context,
                                         nn::ComparePredicate predicate,
                                         mlir::Value x, double c);

/// `x` converted to element type `to` by nn.cast (`x` itself when it has
/// that type already).
mlir::Value castTo(NodeContext &context, mlir::Value x, mlir::Type to);

//===----------------------------------------------------------------------===//
// Node operands and results
//===----------------------------------------------------------------------===//

/// Inputs 0 and 1 of a broadcasting binary node. Before opset 7
/// broadcasting is opt-in (`broadcast = 1`) and one-way: B's dimensions line
/// up with A's from `axis` on (default: the trailing ones, which is numpy's
/// rule), so B gets unit dimensions around it to make numpy's broadcasting
/// do the same.
mlir::FailureOr<std::pair<mlir::Value, mlir::Value>>
binaryOperands(NodeContext &context);

/// Binds the node's single output to `result` unless it failed.
mlir::LogicalResult setResult(NodeContext &context,
                              mlir::FailureOr<mlir::Value> result);

/// Binds the node's outputs to `results` once all of them were built.
mlir::LogicalResult
bindOutputs(NodeContext &context,
            llvm::ArrayRef<mlir::FailureOr<mlir::Value>> results);

/// A converter for a unary op that is `OpTy` (before opset 6 these carry a
/// `consumed_inputs` attribute, an optimization hint with no effect).
template <typename OpTy> NodeConverter unary() {
  return [](NodeContext &context) -> mlir::LogicalResult {
    mlir::FailureOr<mlir::Value> input = context.input(0);
    if (mlir::failed(input))
      return mlir::failure();
    return setResult(context, context.createValue<OpTy>({*input}));
  };
}

/// A converter for a broadcasting binary op that is `OpTy`.
template <typename OpTy> NodeConverter binary() {
  return [](NodeContext &context) -> mlir::LogicalResult {
    auto operands = binaryOperands(context);
    if (mlir::failed(operands))
      return mlir::failure();
    return setResult(context, context.createValue<OpTy>(
                                  {operands->first, operands->second}));
  };
}

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_CONVERTERBUILDERS_H
