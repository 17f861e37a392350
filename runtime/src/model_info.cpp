//===- runtime/src/model_info.cpp - Describing a loaded model -------------===//
//
// The accessors of the C API: target, the inputs and outputs a model takes
// and produces, and its memory plan.
//
//===----------------------------------------------------------------------===//

#include "model.h"
#include "status.h"

#include <cstring>
#include <string>

using namespace nnc::rt;

namespace {

/// Copies `decl` into the C description `out`.
void fillInfo(const TensorDecl &decl, nnc_tensor_info *out) {
  out->name = decl.name.c_str();
  out->dtype = decl.dtype;
  out->rank = decl.rank;
  std::memcpy(out->shape, decl.shape, sizeof(out->shape));
}

/// Describes entry `index` of `list` (`what` is "input" or "output").
nnc_status info(const nnc_model *model,
                const std::vector<TensorDecl> nnc::rt::ModelMetadata::*list,
                const char *what, size_t index, nnc_tensor_info *out) {
  if (!model || !out)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                std::string("nnc_model_") + what + "_info: null argument");
  const std::vector<TensorDecl> &decls = model->metadata.*list;
  if (index >= decls.size())
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                std::string(what) + " index " + std::to_string(index) +
                    " is out of range (the model has " +
                    std::to_string(decls.size()) + " " + what + "s)");
  fillInfo(decls[index], out);
  return NNC_OK;
}

} // namespace

extern "C" {

const char *nnc_model_target(const nnc_model *model) {
  return model ? model->metadata.target.c_str() : "";
}

size_t nnc_model_num_inputs(const nnc_model *model) {
  return model ? model->metadata.inputs.size() : 0;
}

size_t nnc_model_num_outputs(const nnc_model *model) {
  return model ? model->metadata.outputs.size() : 0;
}

nnc_status nnc_model_input_info(const nnc_model *model, size_t index,
                                nnc_tensor_info *out) {
  return info(model, &ModelMetadata::inputs, "input", index, out);
}

nnc_status nnc_model_output_info(const nnc_model *model, size_t index,
                                 nnc_tensor_info *out) {
  return info(model, &ModelMetadata::outputs, "output", index, out);
}

uint64_t nnc_model_arena_bytes(const nnc_model *model) {
  return model ? static_cast<uint64_t>(model->metadata.arenaBytes) : 0;
}

uint64_t nnc_model_intermediate_bytes(const nnc_model *model) {
  return model ? static_cast<uint64_t>(model->metadata.intermediateBytes) : 0;
}

} // extern "C"
