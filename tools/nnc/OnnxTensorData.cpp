//===- OnnxTensorData.cpp - ONNX TensorProto files as runtime tensors -----===//
//
// TensorProto keeps its elements either as little-endian bytes in raw_data
// or in a typed repeated field (int32_data also holds the narrow integer
// types and bool). Both decode to the boundary dtype here, exactly.
//
//===----------------------------------------------------------------------===//

#include "tools/nnc/OnnxTensorData.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace nnc {

void HostTensor::reset(nnc_dtype dtype, const std::vector<int64_t> &shape) {
  tensor_ = nnc_tensor{};
  tensor_.dtype = dtype;
  tensor_.rank = static_cast<int32_t>(shape.size());
  for (size_t i = 0; i < shape.size(); ++i)
    tensor_.shape[i] = shape[i];
  bytes_.assign(nnc_tensor_nbytes(&tensor_), 0);
  tensor_.data = bytes_.data();
}

bool HostTensor::sameAs(const HostTensor &other) const {
  if (tensor_.dtype != other.tensor_.dtype ||
      tensor_.rank != other.tensor_.rank)
    return false;
  for (int32_t i = 0; i < tensor_.rank; ++i)
    if (tensor_.shape[i] != other.tensor_.shape[i])
      return false;
  return bytes_ == other.bytes_;
}

std::optional<nnc_dtype> boundaryDtype(int type) {
  switch (type) {
  case onnx::TensorProto::FLOAT:
    return NNC_F32;
  case onnx::TensorProto::DOUBLE:
    return NNC_F64;
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::UINT8:
    return NNC_I32;
  case onnx::TensorProto::INT64:
    return NNC_I64;
  case onnx::TensorProto::INT8:
    return NNC_I8;
  case onnx::TensorProto::BOOL:
    return NNC_I1;
  default:
    return std::nullopt;
  }
}

std::string onnxElementTypeName(int type) {
  return onnx::TensorProto_DataType_IsValid(type)
             ? onnx::TensorProto_DataType_Name(type)
             : "type " + std::to_string(type);
}

bool readTensorFile(const std::string &path, onnx::TensorProto *out,
                    std::string *error) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    *error = "cannot open '" + path + "'";
    return false;
  }
  std::stringstream bytes;
  bytes << file.rdbuf();
  if (!out->ParseFromString(bytes.str())) {
    *error = "'" + path + "' is not a TensorProto (corrupt or truncated)";
    return false;
  }
  return true;
}

namespace {

/// Writes `value` as element `index` of a buffer of `dtype`.
template <typename Value>
void store(void *data, nnc_dtype dtype, int64_t index, Value value) {
  switch (dtype) {
  case NNC_F32:
    static_cast<float *>(data)[index] = static_cast<float>(value);
    break;
  case NNC_F64:
    static_cast<double *>(data)[index] = static_cast<double>(value);
    break;
  case NNC_I1:
    static_cast<uint8_t *>(data)[index] = value != 0;
    break;
  case NNC_I8:
    static_cast<int8_t *>(data)[index] = static_cast<int8_t>(value);
    break;
  case NNC_I32:
    static_cast<int32_t *>(data)[index] = static_cast<int32_t>(value);
    break;
  case NNC_I64:
    static_cast<int64_t *>(data)[index] = static_cast<int64_t>(value);
    break;
  }
}

/// Copies `count` elements of type `Element` from `raw` (little-endian, as
/// this host) into `data` of `dtype`; false when the byte count is wrong.
template <typename Element>
bool fromRaw(const std::string &raw, int64_t count, void *data,
             nnc_dtype dtype) {
  if (raw.size() != static_cast<size_t>(count) * sizeof(Element))
    return false;
  for (int64_t i = 0; i < count; ++i) {
    Element item;
    std::memcpy(&item, raw.data() + i * sizeof(Element), sizeof(Element));
    store(data, dtype, i, item);
  }
  return true;
}

/// Copies a typed repeated field into `data` of `dtype`; false when its
/// length is not `count`.
template <typename Field>
bool fromField(const Field &field, int64_t count, void *data, nnc_dtype dtype) {
  if (field.size() != count)
    return false;
  for (int64_t i = 0; i < count; ++i)
    store(data, dtype, i, field.Get(i));
  return true;
}

} // namespace

bool toHostTensor(const onnx::TensorProto &proto, HostTensor *out,
                  std::string *error) {
  std::string what =
      proto.name().empty() ? "a tensor" : "tensor '" + proto.name() + "'";
  std::optional<nnc_dtype> dtype = boundaryDtype(proto.data_type());
  if (!dtype) {
    *error = what + " has element type " +
             onnxElementTypeName(proto.data_type()) +
             ", which nnc does not support";
    return false;
  }
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    *error = what + " keeps its data in an external file";
    return false;
  }
  if (proto.dims_size() > NNC_MAX_RANK) {
    *error = what + " has rank " + std::to_string(proto.dims_size()) +
             ", above the runtime's " + std::to_string(NNC_MAX_RANK);
    return false;
  }
  std::vector<int64_t> shape(proto.dims().begin(), proto.dims().end());
  int64_t count = 1;
  for (int64_t extent : shape) {
    if (extent < 0) {
      *error = what + " has a negative extent";
      return false;
    }
    count *= extent;
  }
  out->reset(*dtype, shape);
  void *data = out->data();
  bool raw = proto.has_raw_data();
  const std::string &bytes = proto.raw_data();
  bool sized = false;
  switch (proto.data_type()) {
  case onnx::TensorProto::FLOAT:
    sized = raw ? fromRaw<float>(bytes, count, data, *dtype)
                : fromField(proto.float_data(), count, data, *dtype);
    break;
  case onnx::TensorProto::DOUBLE:
    sized = raw ? fromRaw<double>(bytes, count, data, *dtype)
                : fromField(proto.double_data(), count, data, *dtype);
    break;
  case onnx::TensorProto::INT64:
    sized = raw ? fromRaw<int64_t>(bytes, count, data, *dtype)
                : fromField(proto.int64_data(), count, data, *dtype);
    break;
  case onnx::TensorProto::INT32:
    sized = raw ? fromRaw<int32_t>(bytes, count, data, *dtype)
                : fromField(proto.int32_data(), count, data, *dtype);
    break;
  case onnx::TensorProto::INT8:
    sized = raw ? fromRaw<int8_t>(bytes, count, data, *dtype)
                : fromField(proto.int32_data(), count, data, *dtype);
    break;
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::BOOL:
    sized = raw ? fromRaw<uint8_t>(bytes, count, data, *dtype)
                : fromField(proto.int32_data(), count, data, *dtype);
    break;
  default:
    break;
  }
  if (!sized) {
    *error = what + " holds a different number of elements than its shape "
                    "says";
    return false;
  }
  return true;
}

double elementAsDouble(const nnc_tensor &tensor, int64_t index) {
  switch (tensor.dtype) {
  case NNC_F32:
    return static_cast<const float *>(tensor.data)[index];
  case NNC_F64:
    return static_cast<const double *>(tensor.data)[index];
  case NNC_I1:
    return static_cast<const uint8_t *>(tensor.data)[index] != 0;
  case NNC_I8:
    return static_cast<const int8_t *>(tensor.data)[index];
  case NNC_I32:
    return static_cast<const int32_t *>(tensor.data)[index];
  case NNC_I64:
    return static_cast<double>(
        static_cast<const int64_t *>(tensor.data)[index]);
  }
  return 0;
}

} // namespace nnc
