//===- WindowPadding.cpp - Padding an input for its sliding windows -------===//
//
// A tensor.pad of the spatial dimensions by what the windows of a
// convolution or pooling reach beyond the input.
//
//===----------------------------------------------------------------------===//

#include "passes/lower/WindowPadding.h"
#include "passes/lower/LinalgBuilders.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <algorithm>

using namespace mlir;
using namespace nnc;

Value nnc::padForWindows(ImplicitLocOpBuilder &b, Value x,
                         const SlidingWindow &window,
                         ArrayRef<int64_t> outputSpatial, double padValue) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<OpFoldResult> low(2, b.getIndexAttr(0)), high = low;
  SmallVector<int64_t> shape(type.getShape());
  bool needed = false;
  for (unsigned i = 0; i < window.getRank(); ++i) {
    int64_t in = type.getDimSize(2 + i);
    int64_t reach = (outputSpatial[i] - 1) * window.stride[i] + window.span(i);
    int64_t after = std::max<int64_t>(reach - in - window.padBegin[i], 0);
    low.push_back(b.getIndexAttr(window.padBegin[i]));
    high.push_back(b.getIndexAttr(after));
    shape[2 + i] = in + window.padBegin[i] + after;
    needed |= window.padBegin[i] != 0 || after != 0;
  }
  if (!needed)
    return x;
  auto paddedType = RankedTensorType::get(shape, type.getElementType());
  Value value = floatConstant(b, type.getElementType(), padValue);
  return tensor::PadOp::create(b, paddedType, x, low, high, value);
}

