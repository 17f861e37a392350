//===- ShapeOperands.h - Shape-like operands of ONNX ops --------*- C++ -*-===//
//
// Reads the operands that describe shapes and positions (axes, Reshape's
// target, Slice's bounds, Pad's pads) per opset (attributes in old opsets,
// import-time inputs in new ones) and resolves them against an input shape
// with ONNX's rules (negative axes, 0 and -1 in Reshape, Slice clamping).
// Shared by the converters (which build nn ops) and ConstantFolding.cpp
// (which computes the data at import time), so both agree.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_SHAPEOPERANDS_H
#define NNC_FRONTENDS_ONNX_SHAPEOPERANDS_H

#include "frontends/onnx/NodeConverter.h"

namespace nnc::onnx_import {

/// Input `index` as integers (an integer tensor known at import time);
/// `what` names it in errors.
mlir::FailureOr<std::vector<int64_t>>
intsInput(NodeContext &context, size_t index, llvm::StringRef what);

/// Integers given as attribute `name` before opset `inputSince` and as
/// input `index` from then on; nullopt when absent.
mlir::FailureOr<std::optional<std::vector<int64_t>>>
intsOperand(NodeContext &context, llvm::StringRef name, int64_t inputSince,
            size_t index);

/// `axes` normalized for `rank` (negative counts from the end), in the given
/// order (other operands pair with it), each at most once.
mlir::FailureOr<std::vector<int64_t>>
normalizeAxesInOrder(NodeContext &context, std::vector<int64_t> axes,
                     int64_t rank);
/// The axes an opset-18 `axes` operand lists (`given`, normalized in order,
/// as normalizeAxesInOrder), or every axis of `rank` when there is none.
mlir::FailureOr<std::vector<int64_t>>
listedAxes(NodeContext &context,
           const std::optional<std::vector<int64_t>> &given, int64_t rank);
/// `normalizeAxesInOrder`, sorted.
mlir::FailureOr<std::vector<int64_t>>
normalizeAxes(NodeContext &context, std::vector<int64_t> axes, int64_t rank);

/// Reshape's output shape for `inputShape` (the shape attribute before opset
/// 5, input 1 after; 0 copies the input's extent unless `allowzero`, -1 is
/// inferred).
mlir::FailureOr<std::vector<int64_t>>
reshapeTarget(NodeContext &context, llvm::ArrayRef<int64_t> inputShape);

/// Unsqueeze's output shape (axes attribute before opset 13, input after).
mlir::FailureOr<std::vector<int64_t>>
unsqueezeTarget(NodeContext &context, llvm::ArrayRef<int64_t> inputShape);

/// Squeeze's output shape (axes attribute before opset 13, input after;
/// every extent-1 dimension when absent).
mlir::FailureOr<std::vector<int64_t>>
squeezeTarget(NodeContext &context, llvm::ArrayRef<int64_t> inputShape);

/// Flatten's 2-D output shape (axis attribute, default 1).
mlir::FailureOr<std::vector<int64_t>>
flattenTarget(NodeContext &context, llvm::ArrayRef<int64_t> inputShape);

/// The output shape of numpy broadcasting of `a` and `b`.
mlir::FailureOr<std::vector<int64_t>>
broadcastShapes(NodeContext &context, llvm::ArrayRef<int64_t> a,
                llvm::ArrayRef<int64_t> b);

/// What a Slice takes along one dimension: `count` elements from `start`
/// by `step` (negative steps walk backwards).
struct SliceRange {
  int64_t start = 0, step = 1, count = 0;
};

/// Slice's range per dimension of `inputShape` (starts/ends/axes/steps as
/// attributes before opset 10, inputs after), clamped as ONNX says.
mlir::FailureOr<std::vector<SliceRange>>
sliceRanges(NodeContext &context, llvm::ArrayRef<int64_t> inputShape);

/// Transpose's permutation (default: reversed axes), checked.
mlir::FailureOr<std::vector<int64_t>> transposePermutation(NodeContext &context,
                                                           int64_t rank);

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_SHAPEOPERANDS_H
