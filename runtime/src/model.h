//===- runtime/src/model.h - A loaded model -------------------------------===//
//
// The definition behind the C API's opaque nnc_model: the image, its parsed
// metadata, and the param tensors bound from its weights.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_MODEL_H
#define NNC_RUNTIME_MODEL_H

#include "metadata.h"

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
};

#endif // NNC_RUNTIME_MODEL_H
