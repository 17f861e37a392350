//===- WindowPadding.h - Padding an input for its sliding windows -*- C++ -*-===//
//
// Convolution and pooling lowerings read their windows from an input padded
// with a constant (0 for sums, -inf for maxima); this builds that input.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_LOWER_WINDOWPADDING_H
#define NNC_PASSES_LOWER_WINDOWPADDING_H

#include "ir/SlidingWindow.h"

#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace nnc {

/// `x` (`[N, C, spatial...]`) extended by `padValue` so that every window of
/// `window` producing `outputSpatial` lies inside: the padding before, and
/// after it the padding or, in ceil mode, as much as the last window needs
/// (no more than the windows reach). `x` itself where nothing is needed.
mlir::Value padForWindows(mlir::ImplicitLocOpBuilder &b, mlir::Value x,
                          const SlidingWindow &window,
                          llvm::ArrayRef<int64_t> outputSpatial,
                          double padValue);

} // namespace nnc

#endif // NNC_PASSES_LOWER_WINDOWPADDING_H
