//===- SlidingWindow.cpp - Geometry of convolution and pooling ------------===//
//
// Attribute checks and output extents of sliding-window ops.
//
//===----------------------------------------------------------------------===//

#include "ir/SlidingWindow.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace nnc;

int64_t SlidingWindow::span(unsigned i) const {
  return dilation[i] * (kernel[i] - 1) + 1;
}

int64_t SlidingWindow::outputSize(unsigned i, int64_t in) const {
  int64_t room = in + padBegin[i] + padEnd[i] - span(i);
  if (room < 0)
    return 0;
  int64_t steps = ceilMode ? llvm::divideCeil(room, stride[i])
                           : room / stride[i];
  // In ceil mode the last window must start inside the input or its
  // leading padding, as torch's pooling requires.
  if (ceilMode && steps > 0 && steps * stride[i] >= in + padBegin[i])
    --steps;
  return steps + 1;
}

/// `values`, or `rank` copies of `fallback` when it is empty; fails unless
/// it has `rank` entries that are at least `minimum`.
static FailureOr<SmallVector<int64_t>>
readPerDimension(std::optional<Location> loc, StringRef name,
                 ArrayRef<int64_t> values, unsigned rank, int64_t fallback,
                 int64_t minimum) {
  if (values.empty())
    return SmallVector<int64_t>(rank, fallback);
  if (values.size() != rank) {
    (void)emitOptionalError(loc, name, " must have ", rank,
                            " entries (one per spatial dimension), got ",
                            values.size());
    return failure();
  }
  for (int64_t v : values)
    if (v < minimum) {
      (void)emitOptionalError(loc, name, " entries must be at least ",
                              minimum, ", got ", v);
      return failure();
    }
  return SmallVector<int64_t>(values);
}

FailureOr<SlidingWindow>
nnc::readSlidingWindow(std::optional<Location> loc, ArrayRef<int64_t> kernel,
                       ArrayRef<int64_t> stride, ArrayRef<int64_t> padding,
                       ArrayRef<int64_t> dilation, bool ceilMode) {
  unsigned rank = kernel.size();
  if (rank == 0) {
    (void)emitOptionalError(loc, "the window needs at least one spatial "
                                 "dimension");
    return failure();
  }
  SlidingWindow window;
  window.ceilMode = ceilMode;
  auto kernelSizes = readPerDimension(loc, "kernel", kernel, rank, 1, 1);
  auto strides = readPerDimension(loc, "stride", stride, rank, 1, 1);
  auto dilations = readPerDimension(loc, "dilation", dilation, rank, 1, 1);
  if (failed(kernelSizes) || failed(strides) || failed(dilations))
    return failure();
  window.kernel = *kernelSizes;
  window.stride = *strides;
  window.dilation = *dilations;
  // One entry per dimension serves both sides; 2 per dimension are begins,
  // then ends.
  bool beginsThenEnds = padding.size() == 2 * rank;
  if (!beginsThenEnds && !padding.empty() && padding.size() != rank) {
    (void)emitOptionalError(loc, "padding must have ", rank,
                            " entries (both sides) or ", 2 * rank,
                            " (begins, then ends), got ", padding.size());
    return failure();
  }
  auto pads = readPerDimension(loc, "padding", padding,
                               beginsThenEnds ? 2 * rank : rank, 0, 0);
  if (failed(pads))
    return failure();
  window.padBegin.assign(pads->begin(), pads->begin() + rank);
  window.padEnd.assign(pads->end() - rank, pads->end());
  return window;
}

FailureOr<SmallVector<int64_t>>
nnc::slidingWindowOutputShape(std::optional<Location> loc,
                              const SlidingWindow &window,
                              ArrayRef<int64_t> inputSpatial) {
  SmallVector<int64_t> shape;
  for (unsigned i = 0; i < window.getRank(); ++i) {
    int64_t size = window.outputSize(i, inputSpatial[i]);
    if (size < 1) {
      (void)emitOptionalError(
          loc, "spatial dimension ", i, " of extent ", inputSpatial[i],
          " with padding ", window.padBegin[i], "+", window.padEnd[i],
          " is smaller than the window's span ", window.span(i),
          " (kernel ", window.kernel[i], ", dilation ", window.dilation[i],
          ")");
      return failure();
    }
    shape.push_back(size);
  }
  return shape;
}
