//===- SafetensorsWriter.cpp - Initializers to a safetensors file ---------===//
//
// The header is JSON listing each tensor's dtype, shape and byte range,
// padded with spaces to a multiple of 8 bytes; the data follows back to back
// (little-endian, each in its element type).
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/SafetensorsWriter.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <onnx/onnx_pb.h>

#include <fstream>

namespace nnc::onnx_import {

/// The safetensors dtype of floating-point ONNX type `type`, with the
/// little-endian bytes of `tensor`'s elements appended to `*bytes`.
static std::string encode(const ConstantTensor &tensor, std::string *bytes) {
  auto append = [&](auto value) {
    bytes->append(reinterpret_cast<const char *>(&value), sizeof(value));
  };
  switch (tensor.elementType) {
  case onnx::TensorProto::DOUBLE:
    for (double value : tensor.floats)
      append(value);
    return "F64";
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16: {
    bool half = tensor.elementType == onnx::TensorProto::FLOAT16;
    for (double value : tensor.floats) {
      llvm::APFloat converted(value);
      bool lost;
      converted.convert(half ? llvm::APFloat::IEEEhalf()
                             : llvm::APFloat::BFloat(),
                        llvm::APFloat::rmNearestTiesToEven, &lost);
      append(uint16_t(converted.bitcastToAPInt().getZExtValue()));
    }
    return half ? "F16" : "BF16";
  }
  default:
    for (double value : tensor.floats)
      append(float(value));
    return "F32";
  }
}

bool writeSafetensors(
    const std::string &path,
    const std::vector<std::pair<std::string, const ConstantTensor *>> &tensors,
    std::string *error) {
  llvm::json::Object header;
  std::string data;
  for (const auto &[name, tensor] : tensors) {
    uint64_t offset = data.size();
    std::string dtype = encode(*tensor, &data);
    llvm::json::Array shape(tensor->shape);
    header[name] = llvm::json::Object{
        {"dtype", dtype},
        {"shape", std::move(shape)},
        {"data_offsets", llvm::json::Array{offset, uint64_t(data.size())}}};
  }
  std::string text;
  llvm::raw_string_ostream(text) << llvm::json::Value(std::move(header));
  text.append((8 - text.size() % 8) % 8, ' ');

  std::ofstream file(path, std::ios::binary);
  uint64_t size = text.size();
  char prefix[8];
  for (int i = 0; i < 8; ++i)
    prefix[i] = char((size >> (8 * i)) & 0xff);
  file.write(prefix, 8);
  file.write(text.data(), text.size());
  file.write(data.data(), data.size());
  if (!file) {
    *error = "cannot write the weights file '" + path + "'";
    return false;
  }
  return true;
}

} // namespace nnc::onnx_import
