//===- ConstantTensor.cpp - Tensor data known at import time --------------===//
//
// ConstantTensor's helpers (exact element types, rounding to a type, MLIR
// attributes), shape arithmetic (checkedElementCount: element counts without
// overflow; elementCount; stridesOf) and decodeTensor, which reads a
// TensorProto: typed fields,
// raw_data, or external data (a file beside the model named by `location`,
// with `offset` and `length`), refusing paths that leave the model's folder.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/NodeConverter.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Path.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

namespace nnc::onnx_import {

using onnx::TensorProto;

bool isFloatElementType(int32_t type) {
  return type == TensorProto::FLOAT || type == TensorProto::DOUBLE ||
         type == TensorProto::FLOAT16 || type == TensorProto::BFLOAT16;
}

bool isSupportedElementType(int32_t type) {
  switch (type) {
  case TensorProto::FLOAT:
  case TensorProto::DOUBLE:
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
  case TensorProto::INT8:
  case TensorProto::INT16:
  case TensorProto::INT32:
  case TensorProto::INT64:
  case TensorProto::UINT8:
  case TensorProto::UINT16:
  case TensorProto::UINT32:
  case TensorProto::UINT64:
  case TensorProto::BOOL:
    return true;
  default:
    return false;
  }
}

std::string elementTypeName(int32_t type) {
  return TensorProto::DataType_IsValid(type)
             ? TensorProto::DataType_Name(TensorProto::DataType(type))
             : "type " + std::to_string(type);
}

/// The width in bits of integer type `type` (1 for BOOL), with whether it
/// is signed.
static std::pair<unsigned, bool> integerWidth(int32_t type) {
  switch (type) {
  case TensorProto::INT8:
    return {8, true};
  case TensorProto::INT16:
    return {16, true};
  case TensorProto::INT32:
    return {32, true};
  case TensorProto::UINT8:
    return {8, false};
  case TensorProto::UINT16:
    return {16, false};
  case TensorProto::UINT32:
    return {32, false};
  case TensorProto::BOOL:
    return {1, false};
  default: // INT64, UINT64 (as its bit pattern)
    return {64, true};
  }
}

/// The width of the signless MLIR integer type that holds integer type
/// `type`: unsigned types widen (UINT8 and UINT16 to i32, UINT32 to i64) as
/// at the graph's boundary, where the runtime has no unsigned types.
static unsigned mlirIntegerWidth(int32_t type) {
  switch (type) {
  case TensorProto::UINT8:
  case TensorProto::UINT16:
    return 32;
  case TensorProto::UINT32:
    return 64;
  default:
    return integerWidth(type).first;
  }
}

/// The floating-point semantics of `type`.
static const llvm::fltSemantics &floatSemantics(int32_t type) {
  switch (type) {
  case TensorProto::DOUBLE:
    return llvm::APFloat::IEEEdouble();
  case TensorProto::FLOAT16:
    return llvm::APFloat::IEEEhalf();
  case TensorProto::BFLOAT16:
    return llvm::APFloat::BFloat();
  default:
    return llvm::APFloat::IEEEsingle();
  }
}

/// `value` rounded to the nearest value of floating-point type `type`.
static double roundToFloatType(double value, int32_t type) {
  if (type == TensorProto::DOUBLE)
    return value;
  if (type == TensorProto::FLOAT)
    return double(float(value));
  llvm::APFloat converted(value);
  bool lost;
  converted.convert(floatSemantics(type), llvm::APFloat::rmNearestTiesToEven,
                    &lost);
  converted.convert(llvm::APFloat::IEEEdouble(),
                    llvm::APFloat::rmNearestTiesToEven, &lost);
  return converted.convertToDouble();
}

/// `value` wrapped to integer type `type` (BOOL: nonzero is 1).
static int64_t wrapToIntegerType(int64_t value, int32_t type) {
  auto [width, isSigned] = integerWidth(type);
  if (type == TensorProto::BOOL)
    return value != 0;
  if (width == 64)
    return value;
  uint64_t mask = (uint64_t(1) << width) - 1;
  uint64_t bits = uint64_t(value) & mask;
  if (isSigned && (bits >> (width - 1)))
    bits |= ~mask;
  return int64_t(bits);
}

ConstantTensor ConstantTensor::ofInts(std::vector<int64_t> shape,
                                      std::vector<int64_t> values,
                                      int32_t type) {
  ConstantTensor tensor;
  tensor.shape = std::move(shape);
  tensor.isFloat = false;
  tensor.elementType = type;
  tensor.ints = std::move(values);
  tensor.roundToElementType();
  return tensor;
}

ConstantTensor ConstantTensor::ofFloats(std::vector<int64_t> shape,
                                        std::vector<double> values,
                                        int32_t type) {
  ConstantTensor tensor;
  tensor.shape = std::move(shape);
  tensor.isFloat = true;
  tensor.elementType = type;
  tensor.floats = std::move(values);
  tensor.roundToElementType();
  return tensor;
}

int64_t ConstantTensor::numElements() const {
  int64_t count = 1;
  for (int64_t extent : shape)
    count *= extent;
  return count;
}

double ConstantTensor::floatAt(int64_t index) const {
  return isFloat ? floats[index] : double(ints[index]);
}

int64_t ConstantTensor::intAt(int64_t index) const {
  return isFloat ? truncateToInt64(floats[index]) : ints[index];
}

void ConstantTensor::roundToElementType() {
  if (isFloat)
    for (double &value : floats)
      value = roundToFloatType(value, elementType);
  else
    for (int64_t &value : ints)
      value = wrapToIntegerType(value, elementType);
}

mlir::Type ConstantTensor::mlirElementType(mlir::Builder &builder) const {
  switch (elementType) {
  case TensorProto::DOUBLE:
    return builder.getF64Type();
  case TensorProto::FLOAT16:
    return builder.getF16Type();
  case TensorProto::BFLOAT16:
    return builder.getBF16Type();
  case TensorProto::FLOAT:
    return builder.getF32Type();
  default:
    return builder.getIntegerType(mlirIntegerWidth(elementType));
  }
}

mlir::DenseElementsAttr
ConstantTensor::toAttribute(mlir::Builder &builder) const {
  mlir::Type element = mlirElementType(builder);
  auto type = mlir::RankedTensorType::get(shape, element);
  if (elementType == TensorProto::FLOAT) {
    std::vector<float> values(floats.begin(), floats.end());
    return mlir::DenseElementsAttr::get(type, llvm::ArrayRef(values));
  }
  if (elementType == TensorProto::DOUBLE)
    return mlir::DenseElementsAttr::get(type, llvm::ArrayRef(floats));
  llvm::SmallVector<llvm::APFloat> floatValues;
  llvm::SmallVector<llvm::APInt> intValues;
  if (isFloat) {
    for (double value : floats) {
      llvm::APFloat converted(value);
      bool lost;
      converted.convert(floatSemantics(elementType),
                        llvm::APFloat::rmNearestTiesToEven, &lost);
      floatValues.push_back(converted);
    }
    return mlir::DenseElementsAttr::get(type, floatValues);
  }
  unsigned width = mlirIntegerWidth(elementType);
  for (int64_t value : ints)
    intValues.push_back(llvm::APInt(width, uint64_t(value), false, true));
  return mlir::DenseElementsAttr::get(type, intValues);
}

//===----------------------------------------------------------------------===//
// Decoding
//===----------------------------------------------------------------------===//

/// Reads the external data of `proto` into `*bytes`: `location` relative to
/// `modelFolder`, from `offset` (default 0) for `length` bytes (default: to
/// the end of the file).
static bool readExternalData(const TensorProto &proto,
                             const std::string &modelFolder, std::string *bytes,
                             std::string *error) {
  std::string where = "tensor '" + proto.name() + "': external data";
  std::string location;
  int64_t offset = 0, length = -1;
  for (const onnx::StringStringEntryProto &entry : proto.external_data()) {
    const std::string &key = entry.key();
    if (key == "location") {
      location = entry.value();
      continue;
    }
    if (key != "offset" && key != "length")
      continue;
    char *end = nullptr;
    long long number = std::strtoll(entry.value().c_str(), &end, 10);
    if (entry.value().empty() || *end != '\0' || number < 0) {
      *error = where + " has a bad " + key + " '" + entry.value() + "'";
      return false;
    }
    (key == "offset" ? offset : length) = number;
  }
  if (location.empty()) {
    *error = where + " names no location";
    return false;
  }
  if (modelFolder.empty()) {
    *error = where + " needs the model's folder, which is not known here";
    return false;
  }
  if (llvm::sys::path::is_absolute(location)) {
    *error = where + " location '" + location +
             "' is an absolute path; it must be relative to the model's folder";
    return false;
  }
  for (auto part = llvm::sys::path::begin(location),
            end = llvm::sys::path::end(location);
       part != end; ++part)
    if (*part == "..") {
      *error = where + " location '" + location + "' leaves the model's folder";
      return false;
    }
  llvm::SmallString<256> path(modelFolder);
  llvm::sys::path::append(path, location);
  std::ifstream file(std::string(path), std::ios::binary);
  if (!file) {
    *error = where + " file '" + std::string(path) + "' cannot be opened";
    return false;
  }
  file.seekg(0, std::ios::end);
  int64_t size = file.tellg();
  if (offset > size || (length >= 0 && offset + length > size)) {
    *error = where + " range (offset " + std::to_string(offset) + ", length " +
             std::to_string(length) + ") is past the end of '" +
             std::string(path) + "' (" + std::to_string(size) + " bytes)";
    return false;
  }
  if (length < 0)
    length = size - offset;
  bytes->resize(length);
  file.seekg(offset);
  file.read(bytes->data(), length);
  if (!file) {
    *error = where + " file '" + std::string(path) + "' cannot be read";
    return false;
  }
  return true;
}

int64_t truncateToInt64(double value) {
  if (std::isnan(value))
    return 0;
  // 2^63 is exact as a double; every double below it converts.
  if (value >= 9223372036854775808.0)
    return std::numeric_limits<int64_t>::max();
  if (value <= -9223372036854775808.0)
    return std::numeric_limits<int64_t>::min();
  return int64_t(value);
}

int64_t elementCount(llvm::ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t extent : shape)
    count *= extent;
  return count;
}

std::vector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

std::optional<int64_t> checkedElementCount(llvm::ArrayRef<int64_t> shape) {
  int64_t nonZero = 1;
  for (int64_t extent : shape)
    if (extent != 0 && llvm::MulOverflow(nonZero, extent, nonZero))
      return std::nullopt;
  return llvm::is_contained(shape, 0) ? 0 : nonZero;
}

bool decodeTensor(const TensorProto &proto, ConstantTensor *out,
                  std::string *error, const std::string &modelFolder) {
  int32_t type = proto.data_type();
  if (!isSupportedElementType(type)) {
    *error = "tensor '" + proto.name() + "' has element type " +
             elementTypeName(type) +
             ", which nnc does not support (float, double, float16, "
             "bfloat16, integers, bool)";
    return false;
  }
  out->shape.assign(proto.dims().begin(), proto.dims().end());
  if (llvm::any_of(out->shape, [](int64_t extent) { return extent < 0; })) {
    *error = "tensor '" + proto.name() + "' has a negative extent";
    return false;
  }
  std::optional<int64_t> elementCount = checkedElementCount(out->shape);
  if (!elementCount) {
    *error =
        "tensor '" + proto.name() + "' has more elements than fit in 64 bits";
    return false;
  }
  int64_t count = *elementCount;
  out->elementType = type;
  out->isFloat = isFloatElementType(type);
  out->floats.clear();
  out->ints.clear();

  std::string external;
  bool fromBytes = proto.has_raw_data();
  if (proto.data_location() == TensorProto::EXTERNAL) {
    if (!readExternalData(proto, modelFolder, &external, error))
      return false;
    fromBytes = true;
  }
  const std::string &raw = proto.data_location() == TensorProto::EXTERNAL
                               ? external
                               : proto.raw_data();
  // Little-endian elements of `Element` from the bytes, each passed through
  // `convert` into the vector that holds the data.
  auto fromRaw = [&](auto element, auto convert) {
    using Element = decltype(element);
    // Divides rather than multiplies: count * size could wrap around.
    if (raw.size() % sizeof(Element) != 0 ||
        raw.size() / sizeof(Element) != uint64_t(count))
      return false;
    for (int64_t i = 0; i < count; ++i) {
      Element item;
      std::memcpy(&item, raw.data() + i * sizeof(Element), sizeof(Element));
      convert(item);
    }
    return true;
  };
  auto pushFloat = [&](auto item) { out->floats.push_back(double(item)); };
  auto pushInt = [&](auto item) { out->ints.push_back(int64_t(item)); };
  auto pushHalf = [&](uint16_t bits) {
    llvm::APFloat value(floatSemantics(type), llvm::APInt(16, bits));
    bool lost;
    value.convert(llvm::APFloat::IEEEdouble(),
                  llvm::APFloat::rmNearestTiesToEven, &lost);
    out->floats.push_back(value.convertToDouble());
  };
  bool sized = false;
  switch (type) {
  case TensorProto::FLOAT:
    sized = fromBytes ? fromRaw(float(), pushFloat)
                      : (out->floats.assign(proto.float_data().begin(),
                                            proto.float_data().end()),
                         true);
    break;
  case TensorProto::DOUBLE:
    sized = fromBytes ? fromRaw(double(), pushFloat)
                      : (out->floats.assign(proto.double_data().begin(),
                                            proto.double_data().end()),
                         true);
    break;
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    if (fromBytes)
      sized = fromRaw(uint16_t(), pushHalf);
    else
      for (int32_t bits : proto.int32_data())
        pushHalf(uint16_t(bits));
    break;
  case TensorProto::INT64:
    sized = fromBytes ? fromRaw(int64_t(), pushInt)
                      : (out->ints.assign(proto.int64_data().begin(),
                                          proto.int64_data().end()),
                         true);
    break;
  case TensorProto::UINT32:
  case TensorProto::UINT64:
    if (fromBytes)
      sized = type == TensorProto::UINT32 ? fromRaw(uint32_t(), pushInt)
                                          : fromRaw(uint64_t(), pushInt);
    else
      out->ints.assign(proto.uint64_data().begin(), proto.uint64_data().end());
    break;
  default: { // INT8, INT16, INT32, UINT8, UINT16, BOOL
    if (!fromBytes) {
      out->ints.assign(proto.int32_data().begin(), proto.int32_data().end());
      break;
    }
    switch (integerWidth(type).first) {
    case 8:
      sized = integerWidth(type).second ? fromRaw(int8_t(), pushInt)
                                        : fromRaw(uint8_t(), pushInt);
      break;
    case 16:
      sized = integerWidth(type).second ? fromRaw(int16_t(), pushInt)
                                        : fromRaw(uint16_t(), pushInt);
      break;
    case 1:
      sized = fromRaw(uint8_t(), pushInt);
      break;
    default:
      sized = fromRaw(int32_t(), pushInt);
    }
  }
  }
  if (!fromBytes)
    sized =
        (out->isFloat ? out->floats.size() : out->ints.size()) == size_t(count);
  if (!sized) {
    *error = "tensor '" + proto.name() +
             "' holds a different number of elements than its shape says";
    return false;
  }
  out->roundToElementType();
  return true;
}

} // namespace nnc::onnx_import
