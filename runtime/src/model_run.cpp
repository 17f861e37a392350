//===- runtime/src/model_run.cpp - Running a model ------------------------===//
//
// nnc_model_run checks the caller's tensors against the metadata, allocates
// the outputs the caller left empty and calls the image's entry
// (entry_call.h) with the caller's tensors and the model's params, buffers
// and derived tensors.
//
//===----------------------------------------------------------------------===//

#include "argument_check.h"
#include "entry_call.h"
#include "model.h"
#include "status.h"
#include "tensor.h"

#include <string>
#include <vector>

using namespace nnc::rt;

namespace {

/// Gives back the outputs allocated by this run, on failure.
void releaseAllocated(nnc_tensor *outputs, const std::vector<bool> &mine) {
  for (size_t i = 0; i < mine.size(); ++i)
    if (mine[i])
      nnc_tensor_release(&outputs[i]);
}

} // namespace

extern "C" nnc_status nnc_model_run(nnc_model *model,
                                    const nnc_tensor *inputs,
                                    size_t num_inputs, nnc_tensor *outputs,
                                    size_t num_outputs) {
  if (!model)
    return fail(NNC_ERROR_INVALID_ARGUMENT, "nnc_model_run: null model");
  const ModelMetadata &meta = model->metadata;
  if (!meta.states.empty())
    return fail(NNC_ERROR_UNSUPPORTED,
                "'" + meta.entry +
                    "' is a train step (it has optimizer state): take steps "
                    "with nnc_trainer_step");
  nnc_status status = checkCount("input", meta.inputs, inputs, num_inputs);
  if (status == NNC_OK)
    status = checkCount("output", meta.outputs, outputs, num_outputs);
  for (size_t i = 0; status == NNC_OK && i < num_inputs; ++i)
    status = checkTensor("input", meta.inputs[i], inputs[i]);
  for (size_t i = 0; status == NNC_OK && i < num_outputs; ++i)
    if (outputs[i].data)
      status = checkTensor("output", meta.outputs[i], outputs[i]);
  if (status != NNC_OK)
    return status;

  std::vector<bool> allocated(num_outputs, false);
  for (size_t i = 0; i < num_outputs; ++i) {
    if (outputs[i].data)
      continue;
    const TensorDecl &decl = meta.outputs[i];
    nnc_tensor tensor = {};
    tensor.dtype = decl.dtype;
    tensor.rank = decl.rank;
    for (int32_t d = 0; d < decl.rank; ++d)
      tensor.shape[d] = decl.shape[d];
    status = nnc_tensor_alloc(&tensor);
    if (status != NNC_OK) {
      releaseAllocated(outputs, allocated);
      return fail(status, "output '" + decl.name + "': " + nnc_last_error());
    }
    outputs[i] = tensor;
    allocated[i] = true;
  }

  // The data pointer of every entry argument.
  std::vector<void *> data;
  for (const EntryArg &arg : meta.arguments) {
    switch (arg.kind) {
    case ArgKind::Input:
      data.push_back(inputs[arg.index].data);
      break;
    case ArgKind::Param:
      data.push_back(model->paramData[arg.index]);
      break;
    case ArgKind::Buffer:
      data.push_back(model->bufferData[arg.index]);
      break;
    case ArgKind::Derived:
      data.push_back(model->derivedData[arg.index]);
      break;
    case ArgKind::Output:
      data.push_back(outputs[arg.index].data);
      break;
    case ArgKind::State: // Train steps are refused above.
      data.push_back(nullptr);
      break;
    }
  }
  status = callEntry(model->image, meta, data);
  if (status != NNC_OK)
    releaseAllocated(outputs, allocated);
  return status;
}
