//===- runtime/src/tensor.cpp - Dtypes, shapes and tensor buffers ---------===//
//
// The tensor part of the C API (dtype names and sizes, element counts,
// allocation) and the helpers of tensor.h.
//
//===----------------------------------------------------------------------===//

#include "tensor.h"

#include "status.h"

#include <cstdlib>
#include <cstring>
#include <limits>

namespace nnc::rt {

bool isValidDtype(nnc_dtype dtype) {
  switch (dtype) {
  case NNC_F32:
  case NNC_F64:
  case NNC_I1:
  case NNC_I8:
  case NNC_I32:
  case NNC_I64:
    return true;
  }
  return false;
}

bool parseDtype(std::string_view name, nnc_dtype *dtype) {
  static const nnc_dtype all[] = {NNC_F32, NNC_F64, NNC_I1,
                                  NNC_I8,  NNC_I32, NNC_I64};
  for (nnc_dtype candidate : all) {
    if (name == nnc_dtype_name(candidate)) {
      *dtype = candidate;
      return true;
    }
  }
  return false;
}

std::string formatShape(int32_t rank, const int64_t *shape) {
  if (rank == 0)
    return "scalar";
  std::string text;
  for (int32_t i = 0; i < rank; ++i) {
    if (i > 0)
      text += 'x';
    text += std::to_string(shape[i]);
  }
  return text;
}

std::string describe(nnc_dtype dtype, int32_t rank, const int64_t *shape) {
  return formatShape(rank, shape) + " (" + nnc_dtype_name(dtype) + ")";
}

bool countElements(int32_t rank, const int64_t *shape, int64_t *count) {
  int64_t total = 1;
  for (int32_t i = 0; i < rank; ++i) {
    if (shape[i] < 0)
      return false;
    if (shape[i] != 0 &&
        total > std::numeric_limits<int64_t>::max() / shape[i])
      return false;
    total *= shape[i];
  }
  *count = total;
  return true;
}

void *allocateBuffer(size_t bytes) {
  // aligned_alloc wants a multiple of the alignment; round up, at least one.
  size_t rounded = (bytes + kBufferAlignment - 1) / kBufferAlignment *
                   kBufferAlignment;
  if (rounded < bytes)
    return nullptr;
  if (rounded == 0)
    rounded = kBufferAlignment;
  void *buffer = std::aligned_alloc(kBufferAlignment, rounded);
  if (buffer)
    std::memset(buffer, 0, rounded);
  return buffer;
}

void freeBuffers(const std::vector<void *> &buffers) {
  for (void *buffer : buffers)
    std::free(buffer);
}

} // namespace nnc::rt

using namespace nnc::rt;

extern "C" {

const char *nnc_dtype_name(nnc_dtype dtype) {
  switch (dtype) {
  case NNC_F32:
    return "f32";
  case NNC_F64:
    return "f64";
  case NNC_I1:
    return "i1";
  case NNC_I8:
    return "i8";
  case NNC_I32:
    return "i32";
  case NNC_I64:
    return "i64";
  }
  return "invalid";
}

size_t nnc_dtype_size(nnc_dtype dtype) {
  switch (dtype) {
  case NNC_F32:
  case NNC_I32:
    return 4;
  case NNC_F64:
  case NNC_I64:
    return 8;
  case NNC_I1:
  case NNC_I8:
    return 1;
  }
  return 0;
}

int64_t nnc_tensor_numel(const nnc_tensor *tensor) {
  int64_t count = 0;
  if (!tensor || tensor->rank < 0 || tensor->rank > NNC_MAX_RANK ||
      !countElements(tensor->rank, tensor->shape, &count))
    return 0;
  return count;
}

size_t nnc_tensor_nbytes(const nnc_tensor *tensor) {
  if (!tensor)
    return 0;
  return static_cast<size_t>(nnc_tensor_numel(tensor)) *
         nnc_dtype_size(tensor->dtype);
}

nnc_status nnc_tensor_alloc(nnc_tensor *tensor) {
  if (!tensor)
    return fail(NNC_ERROR_INVALID_ARGUMENT, "nnc_tensor_alloc: null tensor");
  if (!isValidDtype(tensor->dtype))
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "nnc_tensor_alloc: invalid dtype " +
                    std::to_string(static_cast<int>(tensor->dtype)));
  if (tensor->rank < 0 || tensor->rank > NNC_MAX_RANK)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "nnc_tensor_alloc: rank " + std::to_string(tensor->rank) +
                    " is outside 0.." + std::to_string(NNC_MAX_RANK));
  int64_t count = 0;
  if (!countElements(tensor->rank, tensor->shape, &count) ||
      static_cast<uint64_t>(count) >
          std::numeric_limits<size_t>::max() / nnc_dtype_size(tensor->dtype))
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "nnc_tensor_alloc: invalid shape " +
                    formatShape(tensor->rank, tensor->shape));
  const size_t bytes =
      static_cast<size_t>(count) * nnc_dtype_size(tensor->dtype);
  void *data = allocateBuffer(bytes);
  if (!data)
    return fail(NNC_ERROR_OUT_OF_MEMORY,
                "nnc_tensor_alloc: out of memory allocating " +
                    std::to_string(bytes) + " bytes");
  tensor->data = data;
  return NNC_OK;
}

void nnc_tensor_release(nnc_tensor *tensor) {
  if (!tensor)
    return;
  std::free(tensor->data);
  tensor->data = nullptr;
}

} // extern "C"
