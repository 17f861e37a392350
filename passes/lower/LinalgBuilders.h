//===- LinalgBuilders.h - Structured-op builders for lowerings --*- C++ -*-===//
//
// The two shapes of loop nest every nn lowering is made of: an elementwise
// `linalg.generic` whose operands broadcast to the result, and a reduction
// `linalg.generic` over a set of axes. Lowerings describe only the scalar
// body. Sums, means, differences, scaling and loss reductions built on them
// are shared by the lowering files of every op family.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_LOWER_LINALGBUILDERS_H
#define NNC_PASSES_LOWER_LINALGBUILDERS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace nnc {

/// Computes the scalar result from the scalar operands (one per input).
using ScalarBody =
    llvm::function_ref<mlir::Value(mlir::ImplicitLocOpBuilder &,
                                   mlir::ValueRange)>;

/// A tensor of `resultType` whose element at each index is `body` applied to
/// the elements of `inputs` at that index, each input broadcast (numpy rules)
/// to the result shape.
mlir::Value buildElementwise(mlir::ImplicitLocOpBuilder &b,
                             mlir::RankedTensorType resultType,
                             mlir::ValueRange inputs, ScalarBody body);

/// Computes the new accumulators of a reduction from the current ones and
/// the elements of its inputs.
using ReductionBody = llvm::function_ref<llvm::SmallVector<mlir::Value>(
    mlir::ImplicitLocOpBuilder &, mlir::ValueRange accumulators,
    mlir::ValueRange elements)>;

/// Several reductions in one loop nest over the shape of `inputs[0]`: the
/// other inputs broadcast to it (an extent of 1 reads index 0), and there is
/// one accumulator per `inits`, of that attribute's type, reduced over `axes`
/// (sorted, distinct, in range) as `body` says. With `keepdim` the reduced
/// axes stay with extent 1.
llvm::SmallVector<mlir::Value>
buildReductions(mlir::ImplicitLocOpBuilder &b, mlir::ValueRange inputs,
                llvm::ArrayRef<int64_t> axes, bool keepdim,
                llvm::ArrayRef<mlir::TypedAttr> inits, ReductionBody body);

/// Reduces `input` over `axes` (sorted, distinct, in range) starting from
/// `init`, combining with `combine(accumulator, element)`. With `keepdim`
/// the reduced axes stay with extent 1.
mlir::Value buildReduction(mlir::ImplicitLocOpBuilder &b, mlir::Value input,
                           llvm::ArrayRef<int64_t> axes, bool keepdim,
                           mlir::TypedAttr init,
                           llvm::function_ref<mlir::Value(
                               mlir::ImplicitLocOpBuilder &, mlir::Value,
                               mlir::Value)>
                               combine);

/// A scalar constant of float type `type`.
mlir::Value floatConstant(mlir::ImplicitLocOpBuilder &b, mlir::Type type,
                          double value);

/// A rank-0 or shaped tensor filled with `value`.
mlir::Value filledTensor(mlir::ImplicitLocOpBuilder &b,
                         mlir::RankedTensorType type, mlir::TypedAttr value);

/// `x` with its elements in row-major order laid out as `shape` (the same
/// number of elements): tensor.collapse_shape and tensor.expand_shape for
/// static shapes, tensor.reshape otherwise.
mlir::Value reshapeTo(mlir::ImplicitLocOpBuilder &b, mlir::Value x,
                      llvm::ArrayRef<int64_t> shape);

/// The element type of a ranked tensor value.
mlir::Type elementTypeOf(mlir::Value value);

/// Sorted, non-negative reduction axes of a tensor of `rank` from possibly
/// negative ones; every axis when `axes` is empty.
llvm::SmallVector<int64_t> reductionAxes(llvm::ArrayRef<int64_t> axes,
                                         int64_t rank);

/// The float sum of `x` over `axes` (sorted, distinct, in range).
mlir::Value sumOver(mlir::ImplicitLocOpBuilder &b, mlir::Value x,
                    llvm::ArrayRef<int64_t> axes, bool keepdim);

/// The float mean of `x` over `axes` (sorted, distinct, in range).
mlir::Value meanOver(mlir::ImplicitLocOpBuilder &b, mlir::Value x,
                     llvm::ArrayRef<int64_t> axes, bool keepdim);

/// Elementwise over tensors of broadcastable shapes, producing `like`'s type.
mlir::Value mapLike(mlir::ImplicitLocOpBuilder &b, mlir::Value like,
                    mlir::ValueRange inputs, ScalarBody body);

/// `x - y` elementwise for float tensors, `y` broadcasting to `x`.
mlir::Value subtract(mlir::ImplicitLocOpBuilder &b, mlir::Value x,
                     mlir::Value y);

/// Multiplies every element of the float tensor `x` by `factor`.
mlir::Value scaleBy(mlir::ImplicitLocOpBuilder &b, mlir::Value x,
                    double factor);

/// Applies a loss's `reduction` ("none", "sum" or "mean" over every
/// element) to its per-element values.
mlir::Value reduceLoss(mlir::ImplicitLocOpBuilder &b, mlir::Value perElement,
                       llvm::StringRef reduction);

} // namespace nnc

#endif // NNC_PASSES_LOWER_LINALGBUILDERS_H
