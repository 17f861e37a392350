//===- SafetensorsWriter.cpp - Initializers to a safetensors file ---------===//
//
// The header is JSON listing each tensor's dtype, shape and byte range,
// padded with spaces to a multiple of 8 bytes; the data follows back to back
// (little-endian f32).
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/SafetensorsWriter.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <fstream>

namespace nnc::onnx_import {

bool writeSafetensors(
    const std::string &path,
    const std::vector<std::pair<std::string, const ConstantTensor *>> &tensors,
    std::string *error) {
  llvm::json::Object header;
  uint64_t offset = 0;
  for (const auto &[name, tensor] : tensors) {
    uint64_t bytes = tensor->floats.size() * sizeof(float);
    llvm::json::Array shape(tensor->shape);
    header[name] = llvm::json::Object{
        {"dtype", "F32"},
        {"shape", std::move(shape)},
        {"data_offsets", llvm::json::Array{offset, offset + bytes}}};
    offset += bytes;
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
  for (const auto &entry : tensors)
    file.write(reinterpret_cast<const char *>(entry.second->floats.data()),
               entry.second->floats.size() * sizeof(float));
  if (!file) {
    *error = "cannot write the weights file '" + path + "'";
    return false;
  }
  return true;
}

} // namespace nnc::onnx_import
