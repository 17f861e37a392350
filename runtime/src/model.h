//===- runtime/src/model.h - A loaded model -------------------------------===//
//
// The definition behind the C API's opaque nnc_model: the image, its parsed
// metadata, and the param and buffer tensors bound from its weights.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_MODEL_H
#define NNC_RUNTIME_MODEL_H

#include "metadata.h"

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
};

namespace nnc::rt {

/// `path` with the extension of its file name replaced by `.safetensors`
/// (`models/mlp.so` -> `models/mlp.safetensors`): where the weights of an
/// artifact compiled with external weights sit.
std::string weightsBeside(const std::string &path);

/// A model around `image` with its ABI version checked and its metadata
/// parsed, but no weights bound.
nnc_status newModel(const nnc_model_image *image, nnc_model **out);

/// Opens the shared library at `path` and finds the model image `symbol` in
/// it; `*library` is the dlopen handle to close when done.
nnc_status openModelLibrary(const std::string &path, const char *symbol,
                            void **library, const nnc_model_image **image);

} // namespace nnc::rt

#endif // NNC_RUNTIME_MODEL_H
