//===- runtime/src/entry_call.h - Calling a model image's entry -----------===//
//
// The one place that calls compiled code: describes each argument as an
// MLIR ranked memref descriptor and calls the image's packed entry or
// prepare function; for a GPU model, on copies of the arguments in CUDA
// managed memory. Running a model, preparing its derived weights and taking
// a train step all go through it.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_ENTRY_CALL_H
#define NNC_RUNTIME_ENTRY_CALL_H

#include "metadata.h"

#include <vector>

namespace nnc::rt {

/// Calls `image`'s entry with `data[a]` as the dense row-major tensor of
/// `metadata.arguments[a]` (outputs are written there). The caller has
/// checked every tensor; a GPU model without a usable GPU is
/// NNC_ERROR_DEVICE.
nnc_status callEntry(const nnc_model_image *image,
                     const ModelMetadata &metadata,
                     const std::vector<void *> &data);

/// Calls `image`'s prepare function with the data of each of
/// `metadata.params` and `metadata.buffers` (in `metadata.arguments`
/// order), writing each of `metadata.derived` into `derived`.
nnc_status callPrepare(const nnc_model_image *image,
                       const ModelMetadata &metadata,
                       const std::vector<void *> &params,
                       const std::vector<void *> &buffers,
                       const std::vector<void *> &derived);

} // namespace nnc::rt

#endif // NNC_RUNTIME_ENTRY_CALL_H
