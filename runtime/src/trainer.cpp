//===- runtime/src/trainer.cpp - Training with a compiled train step ------===//
//
// The nnc_trainer part of the C API. A trainer wraps the train step's image
// in an nnc_model (whose params and buffers hold the current values) and adds
// the optimizer state. The step writes its new params, state and buffers into
// a second set of buffers, which are swapped with the current ones after each
// step: outputs never alias the arguments they replace, and nothing is
// copied.
//
//===----------------------------------------------------------------------===//

#include "argument_check.h"
#include "entry_call.h"
#include "model.h"
#include "safetensors.h"
#include "status.h"
#include "tensor.h"

#include <dlfcn.h>

#include <cstring>
#include <new>
#include <string>
#include <vector>

using namespace nnc::rt;

/// The symbol of the train step image in a training library.
static constexpr const char *kTrainStepSymbol = "nnc_train_step";

struct nnc_trainer {
  /// The train step, with the current params and buffers bound.
  nnc_model *step = nullptr;
  /// The current optimizer state, one buffer per metadata state.
  std::vector<void *> states;
  /// Where the step writes each output; after a step, each (but the loss)
  /// is swapped with the current value it replaces.
  std::vector<void *> outputs;
  /// What each output but the last (the loss) replaces: a param, state or
  /// buffer.
  std::vector<EntryArg> replaces;
  /// The inference image, or null; and the model made from it on demand.
  const nnc_model_image *forwardImage = nullptr;
  nnc_model *forward = nullptr;
};

namespace {

/// The pointer that holds the current value of a param, state or buffer.
void *&currentData(nnc_trainer *trainer, const EntryArg &arg) {
  switch (arg.kind) {
  case ArgKind::Param:
    return trainer->step->paramData[arg.index];
  case ArgKind::Buffer:
    return trainer->step->bufferData[arg.index];
  case ArgKind::State:
  case ArgKind::Input:
  case ArgKind::Derived:
  case ArgKind::Output:
    break;
  }
  return trainer->states[arg.index];
}

/// The param, state or buffer of `metadata` named `name`, if any.
bool findUpdated(const ModelMetadata &metadata, const std::string &name,
                 EntryArg *found) {
  for (ArgKind kind : {ArgKind::Param, ArgKind::State, ArgKind::Buffer}) {
    const std::vector<TensorDecl> &decls =
        kind == ArgKind::Param   ? metadata.params
        : kind == ArgKind::State ? metadata.states
                                 : metadata.buffers;
    for (size_t i = 0; i < decls.size(); ++i)
      if (decls[i].name == name) {
        *found = {kind, i};
        return true;
      }
  }
  return false;
}

/// Maps every output to what it replaces and checks that the step updates
/// every param and state and ends with the scalar loss.
nnc_status routeOutputs(nnc_trainer *trainer) {
  const ModelMetadata &meta = trainer->step->metadata;
  const std::string step = "train step '" + meta.entry + "': ";
  const TensorDecl &loss = meta.outputs.back();
  if (loss.rank != 0 || (loss.dtype != NNC_F32 && loss.dtype != NNC_F64))
    return fail(NNC_ERROR_FORMAT,
                step + "the last output must be the scalar float loss, got '" +
                    loss.name + "' " +
                    describe(loss.dtype, loss.rank, loss.shape));
  std::vector<bool> paramUpdated(meta.params.size(), false);
  std::vector<bool> stateUpdated(meta.states.size(), false);
  for (size_t i = 0; i + 1 < meta.outputs.size(); ++i) {
    const TensorDecl &output = meta.outputs[i];
    EntryArg target;
    if (!findUpdated(meta, output.name, &target))
      return fail(NNC_ERROR_FORMAT,
                  step + "output '" + output.name +
                      "' updates no param, state or buffer of that name");
    if (!meta.decl(target).sameType(output))
      return fail(NNC_ERROR_FORMAT,
                  step + "output '" + output.name + "' is " +
                      describe(output.dtype, output.rank, output.shape) +
                      " but what it updates is " +
                      describe(meta.decl(target).dtype, meta.decl(target).rank,
                               meta.decl(target).shape));
    if (target.kind == ArgKind::Param)
      paramUpdated[target.index] = true;
    if (target.kind == ArgKind::State)
      stateUpdated[target.index] = true;
    trainer->replaces.push_back(target);
  }
  for (size_t i = 0; i < meta.params.size(); ++i)
    if (!paramUpdated[i])
      return fail(NNC_ERROR_FORMAT, step + "no output updates param '" +
                                        meta.params[i].name + "'");
  for (size_t i = 0; i < meta.states.size(); ++i)
    if (!stateUpdated[i])
      return fail(NNC_ERROR_FORMAT, step + "no output updates state '" +
                                        meta.states[i].name + "'");
  return NNC_OK;
}

/// Allocates a zeroed buffer for each of `decls`, appended to `data`.
nnc_status allocateAll(const std::vector<TensorDecl> &decls,
                       std::vector<void *> *data) {
  for (const TensorDecl &decl : decls) {
    data->push_back(allocateBuffer(decl.bytes()));
    if (!data->back())
      return fail(NNC_ERROR_OUT_OF_MEMORY,
                  "out of memory allocating '" + decl.name + "'");
  }
  return NNC_OK;
}

/// Completes a trainer around its step model: state, output buffers, routes.
nnc_status finishTrainer(nnc_trainer *trainer) {
  const ModelMetadata &meta = trainer->step->metadata;
  nnc_status status = routeOutputs(trainer);
  if (status == NNC_OK)
    status = allocateAll(meta.states, &trainer->states);
  if (status == NNC_OK)
    status = allocateAll(meta.outputs, &trainer->outputs);
  return status;
}

/// The trained tensor (param or buffer) of the step named `name`, if any.
bool findTrained(const nnc_trainer *trainer, const std::string &name,
                 EntryArg *found) {
  const ModelMetadata &meta = trainer->step->metadata;
  return findUpdated(meta, name, found) && found->kind != ArgKind::State;
}

/// Copies the trainer's current value of every param and buffer of
/// `model` (matched by name) into it.
nnc_status copyTrained(nnc_trainer *trainer, nnc_model *model) {
  const ModelMetadata &stepMeta = trainer->step->metadata;
  const ModelMetadata &meta = model->metadata;
  for (ArgKind kind : {ArgKind::Param, ArgKind::Buffer}) {
    const std::vector<TensorDecl> &decls =
        kind == ArgKind::Param ? meta.params : meta.buffers;
    std::vector<void *> &data =
        kind == ArgKind::Param ? model->paramData : model->bufferData;
    for (size_t i = 0; i < decls.size(); ++i) {
      EntryArg source;
      if (!findTrained(trainer, decls[i].name, &source))
        return fail(NNC_ERROR_FORMAT,
                    "the forward model's '" + decls[i].name +
                        "' is no param or buffer of the train step");
      if (!stepMeta.decl(source).sameType(decls[i]))
        return fail(NNC_ERROR_FORMAT,
                    "the forward model's '" + decls[i].name + "' is " +
                        describe(decls[i].dtype, decls[i].rank,
                                 decls[i].shape) +
                        " but the train step's is " +
                        describe(stepMeta.decl(source).dtype,
                                 stepMeta.decl(source).rank,
                                 stepMeta.decl(source).shape));
      if (data.size() <= i) {
        data.push_back(allocateBuffer(decls[i].bytes()));
        if (!data.back())
          return fail(NNC_ERROR_OUT_OF_MEMORY,
                      "out of memory copying '" + decls[i].name + "'");
      }
      std::memcpy(data[i], currentData(trainer, source), decls[i].bytes());
    }
  }
  return NNC_OK;
}

/// Builds a trainer from the step image, its library handle (or null; the
/// trainer owns it from this call on) and the forward image (or null).
nnc_status createTrainer(const nnc_model_image *image, void *library,
                         const nnc_model_image *forwardImage,
                         const char *weightsPath, nnc_trainer **out) {
  nnc_model *step = nullptr;
  nnc_status status = createModel(image, library, weightsPath, &step);
  if (status != NNC_OK)
    return status;
  // Derived tensors would go stale as the step updates the weights.
  if (!step->metadata.derived.empty()) {
    nnc_model_free(step);
    return fail(NNC_ERROR_FORMAT,
                "a train step takes no derived tensors, but '" +
                    step->metadata.entry + "' declares '" +
                    step->metadata.derived[0].name + "'");
  }
  nnc_trainer *trainer = new (std::nothrow) nnc_trainer;
  if (!trainer) {
    nnc_model_free(step);
    return fail(NNC_ERROR_OUT_OF_MEMORY, "out of memory creating a trainer");
  }
  trainer->step = step;
  trainer->forwardImage = forwardImage;
  status = finishTrainer(trainer);
  if (status != NNC_OK) {
    nnc_trainer_free(trainer);
    return status;
  }
  *out = trainer;
  return NNC_OK;
}

} // namespace

extern "C" {

nnc_status nnc_trainer_create(const nnc_model_image *train_step,
                              const nnc_model_image *forward,
                              const char *weights_path, nnc_trainer **out) {
  if (!train_step || !out)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "nnc_trainer_create: null argument");
  return createTrainer(train_step, nullptr, forward, weights_path, out);
}

nnc_status nnc_trainer_load(const char *library_path,
                            const char *weights_path, nnc_trainer **out) {
  if (!library_path || !out)
    return fail(NNC_ERROR_INVALID_ARGUMENT, "nnc_trainer_load: null argument");
  return loadFromLibrary(
      library_path, kTrainStepSymbol, weights_path,
      [out](const nnc_model_image *image, void *library, const char *weights) {
        const auto *forward = static_cast<const nnc_model_image *>(
            dlsym(library, kModelImageSymbol));
        return createTrainer(image, library, forward, weights, out);
      });
}

void nnc_trainer_free(nnc_trainer *trainer) {
  if (!trainer)
    return;
  freeBuffers(trainer->states);
  freeBuffers(trainer->outputs);
  // The forward image lives in the step's library: free it first.
  nnc_model_free(trainer->forward);
  nnc_model_free(trainer->step);
  delete trainer;
}

uint64_t nnc_trainer_arena_bytes(const nnc_trainer *trainer) {
  return trainer ? nnc_model_arena_bytes(trainer->step) : 0;
}

uint64_t nnc_trainer_intermediate_bytes(const nnc_trainer *trainer) {
  return trainer ? nnc_model_intermediate_bytes(trainer->step) : 0;
}

size_t nnc_trainer_num_inputs(const nnc_trainer *trainer) {
  return trainer ? nnc_model_num_inputs(trainer->step) : 0;
}

nnc_status nnc_trainer_input_info(const nnc_trainer *trainer, size_t index,
                                  nnc_tensor_info *out) {
  if (!trainer)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "nnc_trainer_input_info: null trainer");
  return nnc_model_input_info(trainer->step, index, out);
}

void nnc_trainer_reset_state(nnc_trainer *trainer) {
  if (!trainer)
    return;
  const std::vector<TensorDecl> &states = trainer->step->metadata.states;
  for (size_t i = 0; i < states.size(); ++i)
    std::memset(trainer->states[i], 0, states[i].bytes());
}

nnc_status nnc_trainer_step(nnc_trainer *trainer, const nnc_tensor *inputs,
                            size_t num_inputs, double *loss) {
  if (!trainer || !loss)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "nnc_trainer_step: null argument");
  const ModelMetadata &meta = trainer->step->metadata;
  nnc_status status = checkCount("input", meta.inputs, inputs, num_inputs);
  for (size_t i = 0; status == NNC_OK && i < num_inputs; ++i)
    status = checkTensor("input", meta.inputs[i], inputs[i]);
  if (status != NNC_OK)
    return status;

  std::vector<void *> data;
  for (const EntryArg &arg : meta.arguments) {
    if (arg.kind == ArgKind::Input)
      data.push_back(inputs[arg.index].data);
    else if (arg.kind == ArgKind::Output)
      data.push_back(trainer->outputs[arg.index]);
    else
      data.push_back(currentData(trainer, arg));
  }
  status = callEntry(trainer->step->image, meta, data);
  if (status != NNC_OK)
    return status;
  for (size_t i = 0; i < trainer->replaces.size(); ++i)
    std::swap(currentData(trainer, trainer->replaces[i]),
              trainer->outputs[i]);
  const void *lossData = trainer->outputs.back();
  *loss = meta.outputs.back().dtype == NNC_F64
              ? *static_cast<const double *>(lossData)
              : *static_cast<const float *>(lossData);
  return NNC_OK;
}

nnc_status nnc_trainer_forward(nnc_trainer *trainer, nnc_model **out) {
  if (!trainer || !out)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "nnc_trainer_forward: null argument");
  if (!trainer->forwardImage)
    return fail(NNC_ERROR_UNSUPPORTED,
                "the trainer has no forward (inference) image");
  if (!trainer->forward) {
    nnc_status status = newModel(trainer->forwardImage, &trainer->forward);
    if (status != NNC_OK)
      return status;
  }
  nnc_status status = copyTrained(trainer, trainer->forward);
  if (status == NNC_OK)
    status = prepareDerived(trainer->forward);
  if (status != NNC_OK)
    return status;
  *out = trainer->forward;
  return NNC_OK;
}

nnc_status nnc_trainer_save(const nnc_trainer *trainer, const char *path) {
  if (!trainer || !path)
    return fail(NNC_ERROR_INVALID_ARGUMENT, "nnc_trainer_save: null argument");
  const ModelMetadata &meta = trainer->step->metadata;
  std::vector<SafetensorsTensor> tensors;
  auto add = [&](const TensorDecl &decl, const void *data) {
    SafetensorsTensor tensor;
    tensor.name = decl.name;
    tensor.dtype = safetensorsDtypeTag(decl.dtype);
    tensor.shape.assign(decl.shape, decl.shape + decl.rank);
    tensor.data = static_cast<const uint8_t *>(data);
    tensor.bytes = decl.bytes();
    tensors.push_back(std::move(tensor));
  };
  for (size_t i = 0; i < meta.params.size(); ++i)
    add(meta.params[i], trainer->step->paramData[i]);
  for (size_t i = 0; i < meta.buffers.size(); ++i)
    add(meta.buffers[i], trainer->step->bufferData[i]);
  return writeSafetensors(path, tensors);
}

} // extern "C"
