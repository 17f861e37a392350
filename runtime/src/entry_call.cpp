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

/// Calls the entry on `pointers`, one per entry argument.
void call(const nnc_model_image *image, const ModelMetadata &metadata,
          const std::vector<void *> &pointers) {
  const size_t count = metadata.arguments.size();
  std::vector<MemRefDescriptor> descriptors(count);
  std::vector<void *> args(count);
  for (size_t a = 0; a < count; ++a) {
    describeMemRef(pointers[a], metadata.decl(metadata.arguments[a]),
                   &descriptors[a]);
    args[a] = &descriptors[a];
  }
  image->entry(args.data());
}

} // namespace

nnc_status callEntry(const nnc_model_image *image,
                     const ModelMetadata &metadata,
                     const std::vector<void *> &data) {
  if (metadata.target != "nvptx") {
    call(image, metadata, data);
    return NNC_OK;
  }
  char message[256];
  if (nnc_cuda_probe(message, sizeof(message)) != 0)
    return fail(NNC_ERROR_DEVICE, "cannot run a model compiled for nvptx: " +
                                      std::string(message));
  // GPU kernels cannot dereference the caller's pageable host memory: every
  // argument is staged in managed memory (the driver aborts on failure).
  // Launches synchronize, so the outputs are complete when the entry returns.
  const size_t count = metadata.arguments.size();
  std::vector<void *> managed(count);
  std::vector<size_t> bytes(count);
  for (size_t a = 0; a < count; ++a) {
    const EntryArg &arg = metadata.arguments[a];
    bytes[a] = metadata.decl(arg).bytes();
    managed[a] = mgpuMemAlloc(bytes[a], nullptr, /*isHostShared=*/true);
    if (arg.kind != ArgKind::Output && bytes[a] > 0)
      std::memcpy(managed[a], data[a], bytes[a]);
  }
  call(image, metadata, managed);
  for (size_t a = 0; a < count; ++a) {
    if (metadata.arguments[a].kind == ArgKind::Output && bytes[a] > 0)
      std::memcpy(data[a], managed[a], bytes[a]);
    mgpuMemFree(managed[a], nullptr);
  }
  return NNC_OK;
}

} // namespace nnc::rt
