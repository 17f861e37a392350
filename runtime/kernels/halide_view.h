//===- runtime/kernels/halide_view.h - Raw f32 memory for Halide -*- C++
//-*-===//
//
// The kernels' Halide pipelines take their operands as halide_buffer_t
// descriptions of memory the caller owns.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_KERNELS_HALIDE_VIEW_H
#define NNC_RUNTIME_KERNELS_HALIDE_VIEW_H

#include "HalideRuntime.h"

#include <cstdint>

namespace nnc::kernels {

/// A Halide view of the f32 elements at `data`: `Rank` dimensions listed
/// innermost first (Halide's order), extents and strides in elements, each
/// at most INT32_MAX.
template <int Rank> struct HalideView {
  halide_dimension_t dims[Rank];
  halide_buffer_t buffer{};

  HalideView(const float *data, const int64_t (&extents)[Rank],
             const int64_t (&strides)[Rank]) {
    for (int d = 0; d < Rank; ++d)
      dims[d] = halide_dimension_t(0, static_cast<int32_t>(extents[d]),
                                   static_cast<int32_t>(strides[d]));
    buffer.host = reinterpret_cast<uint8_t *>(const_cast<float *>(data));
    buffer.type = halide_type_t(halide_type_float, 32);
    buffer.dimensions = Rank;
    buffer.dim = dims;
  }
  HalideView(const HalideView &) = delete;
  HalideView &operator=(const HalideView &) = delete;
};

} // namespace nnc::kernels

#endif // NNC_RUNTIME_KERNELS_HALIDE_VIEW_H
