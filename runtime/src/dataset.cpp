//===- runtime/src/dataset.cpp - Example arrays and their batches ---------===//

#include "dataset.h"

#include "cli_support.h"
#include "status.h"
#include "tensor.h"

#include <cstring>

namespace nnc::rt {
namespace {

/// Bytes of one row (example) of `tensor`.
size_t rowBytes(const nnc_tensor &tensor) {
  if (tensor.rank == 0 || tensor.shape[0] == 0)
    return 0;
  return nnc_tensor_nbytes(&tensor) / static_cast<size_t>(tensor.shape[0]);
}

/// `x f32 8x64, y i64 8` for a list of inputs.
std::string describeAll(const std::vector<nnc_tensor_info> &inputs) {
  std::string text;
  for (const nnc_tensor_info &input : inputs)
    text += (text.empty() ? "" : ", ") + describe(input);
  return text.empty() ? "none" : text;
}

/// `Nx64 (f32)`: the shape an array of examples of `input` has.
std::string exampleShape(const nnc_tensor_info &input) {
  std::string text = "N";
  for (int32_t d = 1; d < input.rank; ++d)
    text += "x" + std::to_string(input.shape[d]);
  return text + " (" + nnc_dtype_name(input.dtype) + ")";
}

} // namespace

Dataset::~Dataset() {
  for (nnc_tensor &array : arrays_)
    nnc_tensor_release(&array);
}

nnc_status Dataset::load(const std::vector<nnc_tensor_info> &inputs,
                         const NamedFiles &files, const std::string &option) {
  const std::string takes = " (it takes: " + describeAll(inputs) + ")";
  for (const auto &[name, file] : files) {
    bool known = false;
    for (const nnc_tensor_info &input : inputs)
      known = known || name == input.name;
    if (!known)
      return fail(NNC_ERROR_INVALID_ARGUMENT,
                  option + " " + name + ": the model has no input '" + name +
                      "'" + takes);
  }
  for (const nnc_tensor_info &input : inputs) {
    const std::string *file = nullptr;
    for (const auto &[name, path] : files) {
      if (name != input.name)
        continue;
      if (file)
        return fail(NNC_ERROR_INVALID_ARGUMENT,
                    option + " " + name + " is given twice");
      file = &path;
    }
    if (!file)
      return fail(NNC_ERROR_INVALID_ARGUMENT,
                  "missing " + option + " " + input.name + "=FILE.npy" +
                      takes);
    if (input.rank < 1)
      return fail(NNC_ERROR_INVALID_ARGUMENT,
                  "input '" + std::string(input.name) +
                      "' is a scalar; batches need a first (batch) axis");
    nnc_tensor array = {};
    nnc_status status = nnc_npy_read(file->c_str(), &array);
    if (status != NNC_OK)
      return fail(status, option + " " + input.name + ": " + nnc_last_error());
    arrays_.push_back(array);
    bool fits = array.dtype == input.dtype && array.rank == input.rank;
    for (int32_t d = 1; fits && d < input.rank; ++d)
      fits = array.shape[d] == input.shape[d];
    if (!fits)
      return fail(NNC_ERROR_INVALID_ARGUMENT,
                  option + " " + input.name + ": " + *file +
                      " holds " + describe(array.dtype, array.rank,
                                           array.shape) +
                      "; examples of input '" + input.name + "' (" +
                      typeAndShape(input) + " per batch) need " +
                      exampleShape(input));
    if (array.shape[0] == 0)
      return fail(NNC_ERROR_INVALID_ARGUMENT,
                  option + " " + input.name + ": " + *file +
                      " holds no examples");
    if (arrays_.size() == 1) {
      examples_ = array.shape[0];
    } else if (array.shape[0] != examples_) {
      return fail(NNC_ERROR_INVALID_ARGUMENT,
                  option + " " + input.name + " has " +
                      std::to_string(array.shape[0]) + " examples but " +
                      option + " " + inputs[0].name + " has " +
                      std::to_string(examples_));
    }
  }
  return NNC_OK;
}

void Dataset::gather(const int64_t *indices, int64_t count,
                     std::vector<nnc_tensor> &batch) const {
  for (size_t i = 0; i < arrays_.size(); ++i)
    gatherRows(arrays_[i], indices, count, &batch[i]);
}

void gatherRows(const nnc_tensor &data, const int64_t *indices, int64_t count,
                nnc_tensor *batch) {
  const size_t row = rowBytes(data);
  auto *to = static_cast<uint8_t *>(batch->data);
  const auto *from = static_cast<const uint8_t *>(data.data);
  for (int64_t r = 0; r < count; ++r)
    std::memcpy(to + r * row, from + indices[r] * row, row);
  const size_t filled = static_cast<size_t>(count) * row;
  std::memset(to + filled, 0, nnc_tensor_nbytes(batch) - filled);
}

} // namespace nnc::rt
