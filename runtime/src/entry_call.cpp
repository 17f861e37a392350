//===- runtime/src/entry_call.cpp - Calling a model image's entry ---------===//

#include "entry_call.h"

#include "cuda/cuda_probe.h"
#include "cuda/mgpu_wrappers.h"
#include "status.h"

#include <cstring>
#include <string>

namespace nnc::rt {
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

/// Calls the packed function `function` on `pointers`, one per argument,
/// each the dense tensor `decls[a]`.
void call(void (*function)(void **),
          const std::vector<const TensorDecl *> &decls,
          const std::vector<void *> &pointers) {
  const size_t count = decls.size();
  std::vector<MemRefDescriptor> descriptors(count);
  std::vector<void *> args(count);
  for (size_t a = 0; a < count; ++a) {
    describeMemRef(pointers[a], *decls[a], &descriptors[a]);
    args[a] = &descriptors[a];
  }
  function(args.data());
}

/// Calls `function` of a model for `target` with `data[a]` as the tensor
/// `decls[a]`, which it writes when `written[a]`.
nnc_status callPacked(void (*function)(void **), const std::string &target,
                      const std::vector<const TensorDecl *> &decls,
                      const std::vector<bool> &written,
                      const std::vector<void *> &data) {
  if (target != "nvptx") {
    call(function, decls, data);
    return NNC_OK;
  }
  char message[256];
  if (nnc_cuda_probe(message, sizeof(message)) != 0)
    return fail(NNC_ERROR_DEVICE, "cannot run a model compiled for nvptx: " +
                                      std::string(message));
  // GPU kernels cannot dereference the caller's pageable host memory: every
  // argument is staged in managed memory (the driver aborts on failure).
  // Launches synchronize, so the outputs are complete when the call returns.
  const size_t count = decls.size();
  std::vector<void *> managed(count);
  std::vector<size_t> bytes(count);
  for (size_t a = 0; a < count; ++a) {
    bytes[a] = decls[a]->bytes();
    managed[a] = mgpuMemAlloc(bytes[a], nullptr, /*isHostShared=*/true);
    if (!written[a] && bytes[a] > 0)
      std::memcpy(managed[a], data[a], bytes[a]);
  }
  call(function, decls, managed);
  for (size_t a = 0; a < count; ++a) {
    if (written[a] && bytes[a] > 0)
      std::memcpy(data[a], managed[a], bytes[a]);
    mgpuMemFree(managed[a], nullptr);
  }
  return NNC_OK;
}

} // namespace

nnc_status callEntry(const nnc_model_image *image,
                     const ModelMetadata &metadata,
                     const std::vector<void *> &data) {
  std::vector<const TensorDecl *> decls;
  std::vector<bool> written;
  for (const EntryArg &arg : metadata.arguments) {
    decls.push_back(&metadata.decl(arg));
    written.push_back(arg.kind == ArgKind::Output);
  }
  return callPacked(image->entry, metadata.target, decls, written, data);
}

nnc_status callPrepare(const nnc_model_image *image,
                       const ModelMetadata &metadata,
                       const std::vector<void *> &params,
                       const std::vector<void *> &buffers,
                       const std::vector<void *> &derived) {
  std::vector<const TensorDecl *> decls;
  std::vector<void *> data;
  for (const EntryArg &arg : metadata.arguments) {
    if (arg.kind == ArgKind::Param || arg.kind == ArgKind::Buffer) {
      decls.push_back(&metadata.decl(arg));
      data.push_back(arg.kind == ArgKind::Param ? params[arg.index]
                                                : buffers[arg.index]);
    }
  }
  std::vector<bool> written(decls.size(), false);
  for (size_t i = 0; i < metadata.derived.size(); ++i) {
    decls.push_back(&metadata.derived[i]);
    written.push_back(true);
    data.push_back(derived[i]);
  }
  return callPacked(image->prepare, metadata.target, decls, written, data);
}

} // namespace nnc::rt
