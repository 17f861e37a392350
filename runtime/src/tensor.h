//===- runtime/src/tensor.h - Dtypes, shapes and tensor buffers -----------===//
//
// Helpers the runtime shares for describing tensors: dtype names, shape
// strings like `8x64`, and the 64-byte aligned buffers behind every tensor
// the runtime allocates.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_TENSOR_H
#define NNC_RUNTIME_TENSOR_H

#include "nnc/runtime.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nnc::rt {

/// Alignment of every buffer the runtime allocates.
constexpr size_t kBufferAlignment = 64;

/// True if `dtype` is one of the nnc_dtype enumerators.
bool isValidDtype(nnc_dtype dtype);

/// The dtype named `name` ("f32", ...); false if there is none.
bool parseDtype(std::string_view name, nnc_dtype *dtype);

/// `8x64`, or `scalar` for rank 0.
std::string formatShape(int32_t rank, const int64_t *shape);

/// `8x64 (f32)`: shape and dtype, as error messages show them.
std::string describe(nnc_dtype dtype, int32_t rank, const int64_t *shape);

/// Element count of a shape, false on a negative extent or on overflow.
bool countElements(int32_t rank, const int64_t *shape, int64_t *count);

/// Zeroed memory of at least `bytes` bytes (never null for 0 bytes), aligned
/// to kBufferAlignment, released with std::free; null if out of memory.
void *allocateBuffer(size_t bytes);

/// Releases each of `buffers` (from allocateBuffer, or null).
void freeBuffers(const std::vector<void *> &buffers);

} // namespace nnc::rt

#endif // NNC_RUNTIME_TENSOR_H
