//===- SlidingWindow.h - Geometry of convolution and pooling ---*- C++ -*-===//
//
// Convolutions and poolings slide a window over the spatial dimensions of an
// `[N, C, spatial...]` tensor. This reads their kernel, stride, padding and
// dilation attributes (with PyTorch's defaults filled in), checks them with
// messages that name the attribute, and computes output extents by
// floor((in + pad_begin + pad_end - dilation * (kernel - 1) - 1) / stride) + 1
// (ceiling instead of floor in ceil mode, as torch's pooling).
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_SLIDINGWINDOW_H
#define NNC_IR_SLIDINGWINDOW_H

#include "mlir/IR/Location.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace nnc {

/// The window of one op, one entry per spatial dimension.
struct SlidingWindow {
  llvm::SmallVector<int64_t> kernel, stride, dilation, padBegin, padEnd;
  bool ceilMode = false;

  unsigned getRank() const { return kernel.size(); }
  /// Extent `dilation * (kernel - 1) + 1` covered by the window along `i`.
  int64_t span(unsigned i) const;
  /// Output extent along spatial dimension `i` for an input extent `in`;
  /// below 1 when the window does not fit.
  int64_t outputSize(unsigned i, int64_t in) const;
};

/// Reads a window: `stride` and `dilation` are empty (all 1) or have one
/// positive entry per kernel dimension; `padding` is empty (no padding), one
/// non-negative entry per dimension (both sides), or begins then ends (2 per
/// dimension, the ONNX order). Emits an error at `loc` naming the attribute
/// otherwise.
mlir::FailureOr<SlidingWindow>
readSlidingWindow(std::optional<mlir::Location> loc,
                  llvm::ArrayRef<int64_t> kernel,
                  llvm::ArrayRef<int64_t> stride,
                  llvm::ArrayRef<int64_t> padding,
                  llvm::ArrayRef<int64_t> dilation, bool ceilMode = false);

/// The output spatial extents of `window` over `inputSpatial` (the input's
/// extents after N and C), or an error at `loc` when the padded input is
/// smaller than the window along some dimension.
mlir::FailureOr<llvm::SmallVector<int64_t>>
slidingWindowOutputShape(std::optional<mlir::Location> loc,
                         const SlidingWindow &window,
                         llvm::ArrayRef<int64_t> inputSpatial);

} // namespace nnc

#endif // NNC_IR_SLIDINGWINDOW_H
