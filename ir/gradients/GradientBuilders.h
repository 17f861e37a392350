//===- GradientBuilders.h - Pieces the gradient rules share -----*- C++ -*-===//
//
// Constants and the two shape adjustments nearly every vector-Jacobian
// product needs: summing a broadcast gradient back to an operand's shape, and
// spreading a reduction's gradient back over the reduced axes. Everything is
// built from nn ops so that gradients stay differentiable.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_GRADIENTS_GRADIENTBUILDERS_H
#define NNC_IR_GRADIENTS_GRADIENTBUILDERS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace nnc::nn {

/// The ranked tensor type of `value`.
mlir::RankedTensorType tensorTypeOf(mlir::Value value);

/// A rank-0 tensor of float type `elementType` holding `value`; broadcasting
/// nn ops combine it with tensors of any shape.
mlir::Value scalarConstant(mlir::ImplicitLocOpBuilder &b,
                           mlir::Type elementType, double value);

/// `value` as a rank-0 constant of `like`'s element type.
mlir::Value scalarLike(mlir::ImplicitLocOpBuilder &b, mlir::Value like,
                       double value);

/// A tensor of `type` filled with zeros.
mlir::Value zerosOf(mlir::ImplicitLocOpBuilder &b, mlir::RankedTensorType type);

/// The gradient of an operand of `type` that was broadcast to the shape of
/// `gradient`: sums over the dimensions that broadcasting added or
/// stretched, then reshapes to `type`.
mlir::Value sumToShape(mlir::ImplicitLocOpBuilder &b, mlir::Value gradient,
                       mlir::RankedTensorType type);

/// The gradient of `input` (of `inputType`) spread from the gradient of its
/// reduction over `axes` (in range, sorted; every axis when empty), which
/// kept the reduced axes as extent 1 when `keepdim`.
mlir::Value expandReduced(mlir::ImplicitLocOpBuilder &b, mlir::Value gradient,
                          mlir::RankedTensorType inputType,
                          llvm::ArrayRef<int64_t> axes, bool keepdim);

/// 1 where `condition` holds and 0 elsewhere, in float type `elementType`.
mlir::Value maskOf(mlir::ImplicitLocOpBuilder &b, mlir::Value condition,
                   mlir::Type elementType);

/// Swaps the last two dimensions (a matrix transpose of every batch entry).
mlir::Value transposeLastTwo(mlir::ImplicitLocOpBuilder &b, mlir::Value value);

/// Whether `value` is a tensor of floats, the only values with gradients.
bool hasFloatElements(mlir::Value value);

} // namespace nnc::nn

#endif // NNC_IR_GRADIENTS_GRADIENTBUILDERS_H
