//===- runtime/src/dataset.h - Example arrays and the batches cut from them ==//
//
// A data set for training or evaluation is one .npy array per model input,
// with the examples along the first axis: for an input of shape [B, 64], an
// array [N, 64]. Loading checks every array against its input; batches are
// copied out row by row in any order, the rows past the end of a short batch
// zero-filled.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_DATASET_H
#define NNC_RUNTIME_DATASET_H

#include "nnc/runtime.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace nnc::rt {

/// NAME=FILE pairs from the command line.
using NamedFiles = std::vector<std::pair<std::string, std::string>>;

/// Example arrays for a list of model inputs, sharing their first axis.
class Dataset {
public:
  Dataset() = default;
  ~Dataset();
  Dataset(const Dataset &) = delete;
  Dataset &operator=(const Dataset &) = delete;

  /// Reads, for each of `inputs` (with their batch shapes), the file `files`
  /// names for it, and checks it: the input's dtype, the shape [N, extents
  /// after the batch axis...], the same N >= 1 for all. Names in `files`
  /// that are not inputs, and inputs without a file, are errors; `option`
  /// ("--data") names the command-line option in messages.
  nnc_status load(const std::vector<nnc_tensor_info> &inputs,
                  const NamedFiles &files, const std::string &option);

  /// The number of examples.
  int64_t examples() const { return examples_; }
  /// The array of input `i`.
  const nnc_tensor &array(size_t i) const { return arrays_[i]; }

  /// Fills `batch[i]` (one tensor per input, with its batch shape) with the
  /// examples `indices[0, count)`, and zeros in the rows after them.
  void gather(const int64_t *indices, int64_t count,
              std::vector<nnc_tensor> &batch) const;

private:
  std::vector<nnc_tensor> arrays_;
  int64_t examples_ = 0;
};

/// Copies the rows `indices[0, count)` of `data` (first axis: examples)
/// into the first rows of `batch` (same dtype and row shape) and zero-fills
/// the rows after them.
void gatherRows(const nnc_tensor &data, const int64_t *indices, int64_t count,
                nnc_tensor *batch);

} // namespace nnc::rt

#endif // NNC_RUNTIME_DATASET_H
