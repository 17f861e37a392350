//===- runtime/src/safetensors.h - safetensors reader and writer ----------===//
//
// The safetensors format: an 8-byte little-endian header length N, N bytes of
// JSON mapping each tensor name to {"dtype", "shape", "data_offsets": [begin,
// end]} (offsets into the data that follows the header; an optional
// "__metadata__" entry maps strings to strings), then the tensor data.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_SAFETENSORS_H
#define NNC_RUNTIME_SAFETENSORS_H

#include "nnc/runtime.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nnc::rt {

/// Longest JSON header accepted (the limit of the reference implementation).
constexpr uint64_t kMaxSafetensorsHeader = 100000000;

/// One tensor of a safetensors image.
struct SafetensorsTensor {
  std::string name;
  /// The format's dtype tag: "F32", "I64", "BOOL", ...
  std::string dtype;
  std::vector<int64_t> shape;
  /// The tensor's bytes inside the image (no particular alignment).
  const uint8_t *data = nullptr;
  uint64_t bytes = 0;
};

/// The tensors of a parsed image, in header order.
struct SafetensorsIndex {
  std::vector<SafetensorsTensor> tensors;

  /// The tensor named `name`, or null.
  const SafetensorsTensor *find(std::string_view name) const;
};

/// Bytes per element of a safetensors dtype tag, 0 for an unknown tag.
size_t safetensorsDtypeSize(std::string_view dtype);

/// The safetensors dtype tag of an nnc dtype ("F32", "BOOL", ...).
const char *safetensorsDtypeTag(nnc_dtype dtype);

/// Writes `tensors` (each `bytes` bytes at `data`, shape and dtype tag as
/// given) to a safetensors file at `path`, in the given order and back to
/// back, the header padded with spaces to a multiple of 8 bytes. Failures
/// are NNC_ERROR_IO (or NNC_ERROR_INVALID_ARGUMENT for a tensor whose bytes
/// do not match its shape) with a message naming the path.
nnc_status writeSafetensors(const std::string &path,
                            const std::vector<SafetensorsTensor> &tensors);

/// Parses and validates the safetensors image `bytes[0, size)`: header length
/// within the image, well-formed JSON, every entry with a known dtype, a
/// valid shape, and data offsets inside the data that hold exactly the
/// shape's bytes. Failures are NNC_ERROR_FORMAT with a message that starts
/// with `origin` (a file name, or "embedded weights"). The index points into
/// `bytes`.
nnc_status parseSafetensors(const uint8_t *bytes, size_t size,
                            const std::string &origin, SafetensorsIndex *out);

} // namespace nnc::rt

#endif // NNC_RUNTIME_SAFETENSORS_H
