//===- ElementwiseBuilders.h - Elementwise converter pieces -----*- C++ -*-===//
//
// What the elementwise, activation and logical converter families share:
// typed scalar constants, the binary operands of a node with ONNX's pre-7
// one-way broadcasting applied, and converters for ops that map one to one
// onto a unary or broadcasting binary nn op.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_ELEMENTWISEBUILDERS_H
#define NNC_FRONTENDS_ONNX_ELEMENTWISEBUILDERS_H

#include "frontends/onnx/NodeConverter.h"

#include "ir/NNOps.h"

namespace nnc::onnx_import {

/// A constant tensor of `shape` and `elementType` (float or integer; for
/// `i1`, true where `value` is non-zero) filled with `value`.
mlir::Value filledConstant(NodeContext &context, llvm::ArrayRef<int64_t> shape,
                           mlir::Type elementType, double value);

/// A rank-0 `filledConstant`; broadcasting nn ops combine it with tensors of
/// any shape.
mlir::Value scalarConstant(NodeContext &context, mlir::Type elementType,
                           double value);

/// `scalarConstant` of `like`'s element type.
mlir::Value scalarLike(NodeContext &context, mlir::Value like, double value);

/// The element type of the ranked tensor value `value`.
mlir::Type elementTypeOf(mlir::Value value);

/// `x <predicate> c` for a constant `c` of x's element type.
mlir::FailureOr<mlir::Value> compareWith(NodeContext &context,
                                         nn::ComparePredicate predicate,
                                         mlir::Value x, double c);

/// `x` converted to element type `to` by nn.cast (`x` itself when it has
/// that type already).
mlir::Value castTo(NodeContext &context, mlir::Value x, mlir::Type to);

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

#endif // NNC_FRONTENDS_ONNX_ELEMENTWISEBUILDERS_H
