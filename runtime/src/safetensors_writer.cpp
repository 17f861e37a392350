//===- runtime/src/safetensors_writer.cpp - safetensors writer ------------===//
//
// Writes the files a trained model's weights go to: the header lists the
// tensors in order with contiguous data offsets, padded as the Python writers
// pad it, so `nnc compile --weights` and the safetensors readers accept it.
//
//===----------------------------------------------------------------------===//

#include "json.h"
#include "safetensors.h"
#include "status.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace nnc::rt {
namespace {

/// The JSON header for `tensors` laid out back to back, padded with spaces
/// to a multiple of 8 bytes; false with `*error` set for a tensor whose byte
/// count does not match its dtype and shape.
bool buildHeader(const std::vector<SafetensorsTensor> &tensors,
                 std::string *header, std::string *error) {
  std::string text = "{";
  uint64_t offset = 0;
  for (const SafetensorsTensor &tensor : tensors) {
    uint64_t count = 1;
    std::string shape;
    for (int64_t extent : tensor.shape) {
      count *= static_cast<uint64_t>(extent);
      shape += (shape.empty() ? "" : ",") + std::to_string(extent);
    }
    if (count * safetensorsDtypeSize(tensor.dtype) != tensor.bytes) {
      *error = "tensor '" + tensor.name + "' has " +
               std::to_string(tensor.bytes) + " bytes, not what its " +
               tensor.dtype + " shape needs";
      return false;
    }
    text += (text.size() > 1 ? "," : "") + jsonQuote(tensor.name) +
            ":{\"dtype\":" + jsonQuote(tensor.dtype) + ",\"shape\":[" + shape +
            "],\"data_offsets\":[" + std::to_string(offset) + "," +
            std::to_string(offset + tensor.bytes) + "]}";
    offset += tensor.bytes;
  }
  text += "}";
  text.append((8 - text.size() % 8) % 8, ' ');
  *header = std::move(text);
  return true;
}

} // namespace

nnc_status writeSafetensors(const std::string &path,
                            const std::vector<SafetensorsTensor> &tensors) {
  std::string header, error;
  if (!buildHeader(tensors, &header, &error))
    return fail(NNC_ERROR_INVALID_ARGUMENT, path + ": " + error);
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (!file)
    return fail(NNC_ERROR_IO,
                path + ": cannot create: " + std::strerror(errno));
  uint8_t length[8];
  for (size_t i = 0; i < 8; ++i)
    length[i] = static_cast<uint8_t>(static_cast<uint64_t>(header.size()) >>
                                     (8 * i));
  bool ok = std::fwrite(length, 1, 8, file) == 8 &&
            std::fwrite(header.data(), 1, header.size(), file) ==
                header.size();
  for (const SafetensorsTensor &tensor : tensors)
    ok = ok && std::fwrite(tensor.data, 1, tensor.bytes, file) == tensor.bytes;
  ok = std::fclose(file) == 0 && ok;
  if (!ok)
    return fail(NNC_ERROR_IO, path + ": write failed");
  return NNC_OK;
}

} // namespace nnc::rt
