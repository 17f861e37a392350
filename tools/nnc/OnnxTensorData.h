//===- OnnxTensorData.h - TensorProto files as runtime tensors -*- C++ -*-===//
//
// `nnc test-onnx` reads the inputs, expected outputs and expected gradients of
// an ONNX backend case as TensorProto files (.pb). This converts them to the
// runtime's tensors with the element types the importer gives the graph's
// boundary (frontends/onnx/OnnxImporter.h), and reads runtime tensors back
// element by element for comparison.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_ONNXTENSORDATA_H
#define NNC_TOOLS_NNC_ONNXTENSORDATA_H

#include "nnc/runtime.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
} // namespace onnx

namespace nnc {

/// A runtime tensor that owns its data.
class HostTensor {
public:
  HostTensor() = default;
  HostTensor(const HostTensor &) = delete;
  HostTensor &operator=(const HostTensor &) = delete;
  HostTensor(HostTensor &&other) noexcept { *this = std::move(other); }
  HostTensor &operator=(HostTensor &&other) noexcept {
    bytes_ = std::move(other.bytes_);
    tensor_ = other.tensor_;
    tensor_.data = bytes_.data();
    return *this;
  }

  /// Sets the dtype and shape and allocates zeroed data.
  void reset(nnc_dtype dtype, const std::vector<int64_t> &shape);
  const nnc_tensor &tensor() const { return tensor_; }
  void *data() { return bytes_.data(); }
  /// Whether `other` has the same dtype, shape and bytes.
  bool sameAs(const HostTensor &other) const;

private:
  std::vector<uint8_t> bytes_;
  nnc_tensor tensor_{};
};

/// The runtime dtype nnc gives ONNX element type `type` at a graph's
/// boundary (float f32, double f64, int32 i32, int64 i64, int8 i8, uint8
/// i32, bool i1), as the importer does; nullopt for any other.
std::optional<nnc_dtype> boundaryDtype(int type);

/// ONNX's name for element type `type` ("FLOAT", ...).
std::string onnxElementTypeName(int type);

/// Reads the TensorProto file `path`; false with `*error` set when it is
/// missing or does not parse.
bool readTensorFile(const std::string &path, onnx::TensorProto *out,
                    std::string *error);

/// Converts `proto` (raw or typed data) to a runtime tensor of its boundary
/// dtype; false with `*error` set for another element type, external data,
/// a rank above NNC_MAX_RANK or a size that does not match the shape.
bool toHostTensor(const onnx::TensorProto &proto, HostTensor *out,
                  std::string *error);

/// Element `index` (row-major) of `tensor` as a double (exact for every
/// dtype but i64 beyond 2^53).
double elementAsDouble(const nnc_tensor &tensor, int64_t index);

} // namespace nnc

#endif // NNC_TOOLS_NNC_ONNXTENSORDATA_H
