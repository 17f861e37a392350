//===- runtime/src/weights.h - Binding a model's params to its weights ----===//
//
// Finds every param and buffer a model's metadata declares in a safetensors
// image, checks its dtype and shape, and copies it into memory the model
// owns.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_WEIGHTS_H
#define NNC_RUNTIME_WEIGHTS_H

#include "model.h"

namespace nnc::rt {

/// Binds every param and buffer of `model` (whose metadata is parsed) from
/// the safetensors file at `path`, or from the image's embedded weights when
/// `path` is null. A model without either needs neither.
nnc_status loadWeights(nnc_model *model, const char *path);

} // namespace nnc::rt

#endif // NNC_RUNTIME_WEIGHTS_H
