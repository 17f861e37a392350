//===- runtime/src/safetensors.cpp - safetensors reader -------------------===//
//
// Validates a safetensors image and indexes its tensors.
//
//===----------------------------------------------------------------------===//

#include "safetensors.h"

#include "json.h"
#include "status.h"

#include <limits>

namespace nnc::rt {

const SafetensorsTensor *SafetensorsIndex::find(std::string_view name) const {
  for (const SafetensorsTensor &tensor : tensors)
    if (tensor.name == name)
      return &tensor;
  return nullptr;
}

size_t safetensorsDtypeSize(std::string_view dtype) {
  struct Tag {
    std::string_view name;
    size_t size;
  };
  static constexpr Tag kTags[] = {
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E5M2", 1}, {"F8_E4M3", 1},
      {"I16", 2},  {"U16", 2}, {"F16", 2}, {"BF16", 2},    {"I32", 4},
      {"U32", 4},  {"F32", 4}, {"F64", 8}, {"I64", 8},     {"U64", 8},
  };
  for (const Tag &tag : kTags)
    if (tag.name == dtype)
      return tag.size;
  return 0;
}

const char *safetensorsDtypeTag(nnc_dtype dtype) {
  switch (dtype) {
  case NNC_F32:
    return "F32";
  case NNC_F64:
    return "F64";
  case NNC_I1:
    return "BOOL";
  case NNC_I8:
    return "I8";
  case NNC_I32:
    return "I32";
  case NNC_I64:
    return "I64";
  }
  return "";
}

namespace {

/// Validates one tensor entry of the header and appends it to `out`.
/// `data` and `dataSize` are the data section after the header.
nnc_status addTensor(const std::string &origin, const std::string &name,
                     const JsonValue &entry, const uint8_t *data,
                     uint64_t dataSize, SafetensorsIndex *out) {
  const std::string where = origin + ": tensor '" + name + "'";
  if (entry.kind != JsonValue::Kind::Object)
    return fail(NNC_ERROR_FORMAT, where + " is not a JSON object");

  SafetensorsTensor tensor;
  tensor.name = name;
  const JsonValue *dtype = entry.find("dtype");
  if (!dtype || dtype->kind != JsonValue::Kind::String)
    return fail(NNC_ERROR_FORMAT, where + " has no \"dtype\" string");
  tensor.dtype = dtype->string;
  const size_t elementSize = safetensorsDtypeSize(tensor.dtype);
  if (elementSize == 0)
    return fail(NNC_ERROR_FORMAT,
                where + " has unknown dtype \"" + tensor.dtype + "\"");

  const JsonValue *shape = entry.find("shape");
  if (!shape || shape->kind != JsonValue::Kind::Array)
    return fail(NNC_ERROR_FORMAT, where + " has no \"shape\" array");
  uint64_t count = 1;
  for (const JsonValue &extent : shape->items) {
    if (extent.kind != JsonValue::Kind::Number || !extent.isInteger ||
        extent.integer < 0)
      return fail(NNC_ERROR_FORMAT,
                  where + " has a shape entry that is not a non-negative "
                          "integer");
    const auto value = static_cast<uint64_t>(extent.integer);
    if (value != 0 && count > std::numeric_limits<uint64_t>::max() / value)
      return fail(NNC_ERROR_FORMAT, where + " has a shape too large");
    count *= value;
    tensor.shape.push_back(extent.integer);
  }
  if (count > std::numeric_limits<uint64_t>::max() / elementSize)
    return fail(NNC_ERROR_FORMAT, where + " has a shape too large");

  const JsonValue *offsets = entry.find("data_offsets");
  if (!offsets || offsets->kind != JsonValue::Kind::Array ||
      offsets->items.size() != 2)
    return fail(NNC_ERROR_FORMAT,
                where + " has no \"data_offsets\" pair [begin, end]");
  for (const JsonValue &offset : offsets->items)
    if (offset.kind != JsonValue::Kind::Number || !offset.isInteger ||
        offset.integer < 0)
      return fail(NNC_ERROR_FORMAT,
                  where + " has data_offsets that are not non-negative "
                          "integers");
  const auto begin = static_cast<uint64_t>(offsets->items[0].integer);
  const auto end = static_cast<uint64_t>(offsets->items[1].integer);
  const std::string range =
      "[" + std::to_string(begin) + ", " + std::to_string(end) + "]";
  if (begin > end)
    return fail(NNC_ERROR_FORMAT,
                where + " has data_offsets " + range + " that run backwards");
  if (end > dataSize)
    return fail(NNC_ERROR_FORMAT,
                where + " has data_offsets " + range +
                    " past the end of the data (" + std::to_string(dataSize) +
                    " bytes; truncated file?)");
  if (end - begin != count * elementSize)
    return fail(NNC_ERROR_FORMAT,
                where + " has data_offsets " + range + " holding " +
                    std::to_string(end - begin) + " bytes, but its " +
                    tensor.dtype + " shape needs " +
                    std::to_string(count * elementSize));
  tensor.data = data + begin;
  tensor.bytes = end - begin;
  out->tensors.push_back(std::move(tensor));
  return NNC_OK;
}

/// Checks that "__metadata__" maps strings to strings.
nnc_status checkMetadata(const std::string &origin, const JsonValue &value) {
  bool ok = value.kind == JsonValue::Kind::Object;
  for (const auto &member : value.members)
    ok = ok && member.second.kind == JsonValue::Kind::String;
  if (!ok)
    return fail(NNC_ERROR_FORMAT,
                origin + ": \"__metadata__\" must map strings to strings");
  return NNC_OK;
}

} // namespace

nnc_status parseSafetensors(const uint8_t *bytes, size_t size,
                            const std::string &origin, SafetensorsIndex *out) {
  out->tensors.clear();
  constexpr size_t kLengthBytes = 8;
  if (size < kLengthBytes)
    return fail(NNC_ERROR_FORMAT,
                origin + ": truncated safetensors file: " +
                    std::to_string(size) +
                    " bytes, fewer than the 8-byte header length");
  uint64_t headerLength = 0;
  for (size_t i = kLengthBytes; i-- > 0;)
    headerLength = headerLength << 8 | bytes[i];
  if (headerLength > kMaxSafetensorsHeader)
    return fail(NNC_ERROR_FORMAT,
                origin + ": safetensors header length " +
                    std::to_string(headerLength) + " is implausible (limit " +
                    std::to_string(kMaxSafetensorsHeader) + ")");
  if (headerLength > size - kLengthBytes)
    return fail(NNC_ERROR_FORMAT,
                origin + ": truncated safetensors file: the header needs " +
                    std::to_string(headerLength) + " bytes, but only " +
                    std::to_string(size - kLengthBytes) + " follow");

  const char *headerText = reinterpret_cast<const char *>(bytes + kLengthBytes);
  JsonValue header;
  std::string error;
  if (!parseJson(std::string_view(headerText, headerLength), &header, &error))
    return fail(NNC_ERROR_FORMAT,
                origin + ": bad safetensors header: " + error);
  if (header.kind != JsonValue::Kind::Object)
    return fail(NNC_ERROR_FORMAT,
                origin + ": bad safetensors header: not a JSON object");

  const uint8_t *data = bytes + kLengthBytes + headerLength;
  const uint64_t dataSize = size - kLengthBytes - headerLength;
  for (const auto &[name, entry] : header.members) {
    nnc_status status = name == "__metadata__"
                            ? checkMetadata(origin, entry)
                            : addTensor(origin, name, entry, data, dataSize,
                                        out);
    if (status != NNC_OK)
      return status;
  }
  return NNC_OK;
}

} // namespace nnc::rt
