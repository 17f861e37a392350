//===- runtime/src/model_run.cpp - Running a model ------------------------===//
//
// nnc_model_run checks the caller's tensors against the metadata, allocates
// the outputs the caller left empty, describes every argument as an MLIR
// ranked memref descriptor and calls the image's packed entry; for a GPU
// model, on copies of the arguments in CUDA managed memory.
//
//===----------------------------------------------------------------------===//

#include "cuda/cuda_probe.h"
#include "cuda/mgpu_wrappers.h"
#include "model.h"
#include "status.h"
#include "tensor.h"

#include <cstring>
#include <string>
#include <vector>

using namespace nnc::rt;

namespace {

/// A ranked memref descriptor in MLIR's layout, with room for any rank up to
/// NNC_MAX_RANK: for rank r, the sizes are the first r words of `extents`
/// and the strides the next r, where MLIR's struct of rank r keeps them.
struct MemRefDescriptor {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t extents[2 * NNC_MAX_RANK];
};

/// Describes the dense row-major tensor `decl` at `data`.
void describeMemRef(void *data, const TensorDecl &decl,
                    MemRefDescriptor *descriptor) {
  descriptor->allocated = data;
  descriptor->aligned = data;
  descriptor->offset = 0;
  int64_t stride = 1;
  for (int32_t i = decl.rank; i-- > 0;) {
    descriptor->extents[i] = decl.shape[i];
    descriptor->extents[decl.rank + i] = stride;
    stride *= decl.shape[i];
  }
}

/// `x, y` for error messages.
std::string listNames(const std::vector<TensorDecl> &decls) {
  std::string names;
  for (const TensorDecl &decl : decls)
    names += (names.empty() ? "" : ", ") + decl.name;
  return names.empty() ? "none" : names;
}

/// Checks that the caller's `tensor` matches `decl` (`what` is "input" or
/// "output").
nnc_status checkTensor(const char *what, const TensorDecl &decl,
                       const nnc_tensor &tensor) {
  const std::string where = std::string(what) + " '" + decl.name + "': ";
  const std::string expected =
      "expected shape " + describe(decl.dtype, decl.rank, decl.shape);
  if (tensor.rank < 0 || tensor.rank > NNC_MAX_RANK)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                where + expected + ", got rank " +
                    std::to_string(tensor.rank));
  bool same = tensor.dtype == decl.dtype && tensor.rank == decl.rank;
  for (int32_t i = 0; same && i < decl.rank; ++i)
    same = tensor.shape[i] == decl.shape[i];
  if (!same)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                where + expected + ", got " +
                    describe(tensor.dtype, tensor.rank, tensor.shape));
  if (!tensor.data && nnc_tensor_nbytes(&tensor) > 0)
    return fail(NNC_ERROR_INVALID_ARGUMENT, where + "data is null");
  return NNC_OK;
}

/// Checks the counts of the caller's arrays against the metadata.
nnc_status checkCount(const char *what, const std::vector<TensorDecl> &decls,
                      const void *array, size_t count) {
  if (count != decls.size())
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                "expected " + std::to_string(decls.size()) + " " + what +
                    "s (" + listNames(decls) + "), got " +
                    std::to_string(count));
  if (count > 0 && !array)
    return fail(NNC_ERROR_INVALID_ARGUMENT,
                std::string("null ") + what + "s array");
  return NNC_OK;
}

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

  if (meta.target == "nvptx") {
    char message[256];
    if (nnc_cuda_probe(message, sizeof(message)) != 0)
      return fail(NNC_ERROR_DEVICE,
                  "cannot run a model compiled for nvptx: " +
                      std::string(message));
  }

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

  // The data pointer, size and direction of every entry argument.
  size_t count = meta.arguments.size();
  std::vector<void *> data(count);
  std::vector<size_t> bytes(count);
  std::vector<bool> isOutput(count, false);
  std::vector<const TensorDecl *> decls(count);
  for (size_t a = 0; a < count; ++a) {
    const EntryArg &arg = meta.arguments[a];
    switch (arg.kind) {
    case ArgKind::Input:
      data[a] = inputs[arg.index].data;
      decls[a] = &meta.inputs[arg.index];
      break;
    case ArgKind::Param:
      data[a] = model->paramData[arg.index];
      decls[a] = &meta.params[arg.index];
      break;
    case ArgKind::Output:
      data[a] = outputs[arg.index].data;
      decls[a] = &meta.outputs[arg.index];
      isOutput[a] = true;
      break;
    }
    nnc_tensor shape = {};
    shape.dtype = decls[a]->dtype;
    shape.rank = decls[a]->rank;
    for (int32_t d = 0; d < decls[a]->rank; ++d)
      shape.shape[d] = decls[a]->shape[d];
    bytes[a] = nnc_tensor_nbytes(&shape);
  }

  auto call = [&](const std::vector<void *> &pointers) {
    std::vector<MemRefDescriptor> descriptors(count);
    std::vector<void *> args(count);
    for (size_t a = 0; a < count; ++a) {
      describeMemRef(pointers[a], *decls[a], &descriptors[a]);
      args[a] = &descriptors[a];
    }
    model->image->entry(args.data());
  };
  if (meta.target != "nvptx") {
    call(data);
    return NNC_OK;
  }
  // GPU kernels cannot dereference the caller's pageable host memory: every
  // argument is staged in managed memory (the driver aborts on failure).
  // Launches synchronize, so the outputs are complete when the entry returns.
  std::vector<void *> managed(count);
  for (size_t a = 0; a < count; ++a) {
    managed[a] = mgpuMemAlloc(bytes[a], nullptr, /*isHostShared=*/true);
    if (!isOutput[a] && bytes[a] > 0)
      std::memcpy(managed[a], data[a], bytes[a]);
  }
  call(managed);
  for (size_t a = 0; a < count; ++a) {
    if (isOutput[a] && bytes[a] > 0)
      std::memcpy(data[a], managed[a], bytes[a]);
    mgpuMemFree(managed[a], nullptr);
  }
  return NNC_OK;
}
