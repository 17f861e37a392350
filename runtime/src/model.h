//===- runtime/src/model.h - A loaded model -------------------------------===//
//
// The definition behind the C API's opaque nnc_model: the image, its parsed
// metadata, the param and buffer tensors bound from its weights and the
// tensors derived from them; and the
// ways to make one (from an image, or from the image in a model library),
// which the trainer shares.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_MODEL_H
#define NNC_RUNTIME_MODEL_H

#include "metadata.h"

#include <functional>
#include <string>
#include <vector>

struct nnc_model {
  /// The image the model runs; it lives in `library` or in the program.
  const nnc_model_image *image = nullptr;
  /// The dlopen handle of a model loaded from a shared library, else null.
  void *library = nullptr;
  nnc::rt::ModelMetadata metadata;
  /// One 64-byte aligned buffer per metadata param, in metadata order, owned
  /// by the model.
  std::vector<void *> paramData;
  /// The same for each metadata buffer.
  std::vector<void *> bufferData;
  /// The same for each metadata derived tensor, computed from the others by
  /// prepareDerived.
  std::vector<void *> derivedData;
};

namespace nnc::rt {

/// The symbol of the model image in a model library (and of the inference
/// image in a training library).
constexpr const char *kModelImageSymbol = "nnc_compiled_model";

/// `path` with the extension of its file name replaced by `.safetensors`
/// (`models/mlp.so` -> `models/mlp.safetensors`): where the weights of an
/// artifact compiled with external weights sit.
std::string weightsBeside(const std::string &path);

/// A model around `image` with its ABI version checked and its metadata
/// parsed, but no weights bound.
nnc_status newModel(const nnc_model_image *image, nnc_model **out);

/// Computes `model`'s derived tensors from its params and buffers with the
/// image's prepare function (allocating them on first use); nothing when
/// the metadata declares none. Called whenever the weights change.
nnc_status prepareDerived(nnc_model *model);

/// A model around `image` with its weights bound (and its derived tensors
/// prepared): from the safetensors file
/// `weightsPath`, or embedded when that is null. The model owns `library` (a
/// dlopen handle, or null) from this call on: it closes it when freed, and
/// this closes it at once when it fails.
nnc_status createModel(const nnc_model_image *image, void *library,
                       const char *weightsPath, nnc_model **out);

/// Builds something (a model, a trainer) around the image found in a model
/// library: `create(image, library, weightsPath)` owns `library` from the
/// call on, like createModel.
using LibraryImageCreator = std::function<nnc_status(
    const nnc_model_image *image, void *library, const char *weightsPath)>;

/// Opens the shared library at `path`, finds the image `symbol` in it and
/// calls `create` with the weights `weightsPath` names or, when that is null
/// and the image embeds none, the safetensors file beside the library
/// (weightsBeside). The errors of `create` are prefixed with `path`.
nnc_status loadFromLibrary(const std::string &path, const char *symbol,
                           const char *weightsPath,
                           const LibraryImageCreator &create);

} // namespace nnc::rt

#endif // NNC_RUNTIME_MODEL_H
