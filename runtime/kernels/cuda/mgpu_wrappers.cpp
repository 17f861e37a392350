//===- runtime/kernels/cuda/mgpu_wrappers.cpp - Host side of GPU models ---===//
//
// The mgpu* functions that MLIR's gpu-to-llvm lowering (and the gpu.binary
// translation) make host code call, with the signatures of MLIR 22's
// CudaRuntimeWrappers, implemented on the driver that cuda_driver.h opens at
// run time.
//
// The functions return nothing, so a driver error prints
// `nnc: CUDA error in <call>: <name>` and aborts. The runtime probes the
// driver and device (nnc_cuda_probe) before it runs a GPU model, so these
// aborts are left for real device faults.
//
// Module loading is deferred: a model's global constructor calls
// mgpuModuleLoad/mgpuModuleLoadJIT when the model is loaded, before anyone
// has probed for a GPU. Those calls only record the image; the driver loads it
// when a kernel is first looked up, during a run. A GPU model therefore loads
// (and reports a clean error from nnc_model_run) on machines without a GPU,
// and its destructor is harmless there too.
//
//===----------------------------------------------------------------------===//

#include "cuda/mgpu_wrappers.h"
#include "cuda/cuda_driver.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

using namespace nnc::cuda;

namespace {

/// A GPU module as the generated code holds it: the image it was given and,
/// once a kernel has been looked up, the driver module loaded from it.
struct DeferredModule {
  DeferredModule(const void *image, int jitOptLevel)
      : image(image), jitOptLevel(jitOptLevel) {}

  /// A cubin, fatbin or NUL-terminated PTX image; cuModuleLoadDataEx tells
  /// them apart by content.
  const void *image;
  /// PTX JIT optimization level (0-4), or -1 to keep the driver's default.
  int jitOptLevel;
  std::once_flag loadOnce;
  CUmodule module = nullptr;
};

/// Loads `deferred`'s image into the current context; on failure prints the
/// driver's JIT log and aborts.
void loadModule(const Driver &d, DeferredModule &deferred) {
  char log[8192] = {};
  CUjit_option options[] = {CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                            CU_JIT_OPTIMIZATION_LEVEL};
  void *values[] = {log, reinterpret_cast<void *>(sizeof(log)),
                    reinterpret_cast<void *>(
                        static_cast<intptr_t>(deferred.jitOptLevel))};
  const unsigned count = deferred.jitOptLevel >= 0 ? 3 : 2;
  CUresult result = d.cuModuleLoadDataEx(&deferred.module, deferred.image,
                                         count, options, values);
  if (result != CUDA_SUCCESS) {
    std::fprintf(stderr, "nnc: CUDA error in cuModuleLoadDataEx: %s\n",
                 errorName(result).c_str());
    if (log[0] != '\0')
      std::fprintf(stderr, "%s\n", log);
    std::fflush(stderr);
    std::abort();
  }
}

/// `value` as an unsigned launch dimension, or abort naming `what`.
unsigned launchDim(intptr_t value, const char *what) {
  if (value < 0 || static_cast<uintmax_t>(value) > UINT32_MAX)
    fatal("kernel launch",
          std::string(what) + " " + std::to_string(value) + " out of range");
  return static_cast<unsigned>(value);
}

/// Largest dynamic shared memory a kernel gets without opting in.
constexpr int32_t kDefaultDynamicSharedBytes = 48 * 1024;

/// Lets `function` use `smem` bytes of dynamic shared memory when that is
/// beyond the default limit.
void allowSharedMemory(const Driver &d, CUfunction function, int32_t smem) {
  if (smem > kDefaultDynamicSharedBytes)
    check("cuFuncSetAttribute",
          d.cuFuncSetAttribute(function,
                               CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                               smem));
}

/// The device pointer of host-visible or device address `pointer`.
CUdeviceptr devicePtr(const void *pointer) {
  return static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(pointer));
}

/// Bytes spanned by a dense ranked memref descriptor (MLIR's layout:
/// allocated, aligned, offset, sizes[rank], strides[rank]) and its first
/// element.
struct MemRefSpan {
  char *begin;
  size_t bytes;
};

MemRefSpan memRefSpan(int64_t rank, void *descriptor, int64_t elementBytes) {
  struct Header {
    char *allocated;
    char *aligned;
    int64_t offset;
  };
  auto *header = static_cast<Header *>(descriptor);
  const auto *sizes = reinterpret_cast<const int64_t *>(header + 1);
  size_t elements = 1;
  for (int64_t i = 0; i < rank; ++i)
    elements *= static_cast<size_t>(sizes[i]);
  return {header->aligned + header->offset * elementBytes,
          elements * static_cast<size_t>(elementBytes)};
}

} // namespace

extern "C" {

/// Records a cubin or fatbin image; it is loaded when first used.
void *mgpuModuleLoad(void *data, size_t /*gpuBlobSize*/) {
  return new DeferredModule(data, -1);
}

/// Records a PTX image to be JIT-compiled at `optLevel` when first used.
void *mgpuModuleLoadJIT(void *data, int optLevel) {
  return new DeferredModule(data, optLevel);
}

/// Unloads a module. Runs from a global destructor, possibly after the
/// driver has shut down at exit, which is not an error.
void mgpuModuleUnload(void *module) {
  auto *deferred = static_cast<DeferredModule *>(module);
  if (!deferred)
    return;
  if (deferred->module) {
    CUresult result =
        requireDriver("mgpuModuleUnload").cuModuleUnload(deferred->module);
    if (result != CUDA_ERROR_DEINITIALIZED)
      check("cuModuleUnload", result);
  }
  delete deferred;
}

/// Looks up kernel `name`, loading the module on first use.
CUfunction mgpuModuleGetFunction(void *module, const char *name) {
  auto *deferred = static_cast<DeferredModule *>(module);
  if (!deferred)
    fatal("mgpuModuleGetFunction", "null module");
  ContextScope scope("mgpuModuleGetFunction");
  std::call_once(deferred->loadOnce,
                 [&] { loadModule(scope.driver(), *deferred); });
  CUfunction function = nullptr;
  check("cuModuleGetFunction", scope.driver().cuModuleGetFunction(
                                   &function, deferred->module, name));
  return function;
}

/// Launches `function` on a grid of blocks; `paramsCount` is unused (CUDA
/// finds the parameter layout in the kernel).
void mgpuLaunchKernel(CUfunction function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, CUstream stream,
                      void **params, void **extra, size_t /*paramsCount*/) {
  ContextScope scope("mgpuLaunchKernel");
  const Driver &d = scope.driver();
  allowSharedMemory(d, function, smem);
  check("cuLaunchKernel",
        d.cuLaunchKernel(function, launchDim(gridX, "grid x"),
                         launchDim(gridY, "grid y"), launchDim(gridZ, "grid z"),
                         launchDim(blockX, "block x"),
                         launchDim(blockY, "block y"),
                         launchDim(blockZ, "block z"),
                         static_cast<unsigned>(smem), stream, params, extra));
}

/// Launches `function` on a grid of thread-block clusters (sm_90+).
void mgpuLaunchClusterKernel(CUfunction function, intptr_t clusterX,
                             intptr_t clusterY, intptr_t clusterZ,
                             intptr_t gridX, intptr_t gridY, intptr_t gridZ,
                             intptr_t blockX, intptr_t blockY, intptr_t blockZ,
                             int32_t smem, CUstream stream, void **params,
                             void **extra, size_t /*paramsCount*/) {
  ContextScope scope("mgpuLaunchClusterKernel");
  const Driver &d = scope.driver();
  if (!d.cuLaunchKernelEx)
    fatal("mgpuLaunchClusterKernel",
          "cluster launch needs a CUDA 12 or newer driver");
  allowSharedMemory(d, function, smem);
  CUlaunchAttribute cluster = {};
  cluster.id = CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION;
  cluster.value.clusterDim.x = launchDim(clusterX, "cluster x");
  cluster.value.clusterDim.y = launchDim(clusterY, "cluster y");
  cluster.value.clusterDim.z = launchDim(clusterZ, "cluster z");
  // Clusters of more than 8 blocks are "non-portable" and must be allowed.
  constexpr uint64_t kPortableClusterBlocks = 8;
  if (uint64_t(cluster.value.clusterDim.x) * cluster.value.clusterDim.y *
          cluster.value.clusterDim.z >
      kPortableClusterBlocks)
    check("cuFuncSetAttribute",
          d.cuFuncSetAttribute(
              function, CU_FUNC_ATTRIBUTE_NON_PORTABLE_CLUSTER_SIZE_ALLOWED,
              1));
  CUlaunchConfig config = {};
  config.gridDimX = launchDim(gridX, "grid x");
  config.gridDimY = launchDim(gridY, "grid y");
  config.gridDimZ = launchDim(gridZ, "grid z");
  config.blockDimX = launchDim(blockX, "block x");
  config.blockDimY = launchDim(blockY, "block y");
  config.blockDimZ = launchDim(blockZ, "block z");
  config.sharedMemBytes = static_cast<unsigned>(smem);
  config.hStream = stream;
  config.attrs = &cluster;
  config.numAttrs = 1;
  check("cuLaunchKernelEx", d.cuLaunchKernelEx(&config, function, params,
                                               extra));
}

/// Creates a stream that does not synchronize with the legacy null stream.
CUstream mgpuStreamCreate() {
  ContextScope scope("mgpuStreamCreate");
  CUstream stream = nullptr;
  check("cuStreamCreate",
        scope.driver().cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
  return stream;
}

void mgpuStreamDestroy(CUstream stream) {
  ContextScope scope("mgpuStreamDestroy");
  check("cuStreamDestroy", scope.driver().cuStreamDestroy(stream));
}

void mgpuStreamSynchronize(CUstream stream) {
  ContextScope scope("mgpuStreamSynchronize");
  check("cuStreamSynchronize", scope.driver().cuStreamSynchronize(stream));
}

void mgpuStreamWaitEvent(CUstream stream, CUevent event) {
  ContextScope scope("mgpuStreamWaitEvent");
  check("cuStreamWaitEvent", scope.driver().cuStreamWaitEvent(stream, event,
                                                              /*flags=*/0));
}

/// Creates an event for ordering only (no timing).
CUevent mgpuEventCreate() {
  ContextScope scope("mgpuEventCreate");
  CUevent event = nullptr;
  check("cuEventCreate",
        scope.driver().cuEventCreate(&event, CU_EVENT_DISABLE_TIMING));
  return event;
}

void mgpuEventDestroy(CUevent event) {
  ContextScope scope("mgpuEventDestroy");
  check("cuEventDestroy", scope.driver().cuEventDestroy(event));
}

void mgpuEventSynchronize(CUevent event) {
  ContextScope scope("mgpuEventSynchronize");
  check("cuEventSynchronize", scope.driver().cuEventSynchronize(event));
}

void mgpuEventRecord(CUevent event, CUstream stream) {
  ContextScope scope("mgpuEventRecord");
  check("cuEventRecord", scope.driver().cuEventRecord(event, stream));
}

/// Allocates device memory, or managed memory that host and device share
/// when `isHostShared`. Zero bytes gives a null pointer.
void *mgpuMemAlloc(uint64_t sizeBytes, CUstream /*stream*/,
                   bool isHostShared) {
  if (sizeBytes == 0)
    return nullptr;
  ContextScope scope("mgpuMemAlloc");
  CUdeviceptr pointer = 0;
  if (isHostShared)
    check("cuMemAllocManaged",
          scope.driver().cuMemAllocManaged(&pointer, sizeBytes,
                                           CU_MEM_ATTACH_GLOBAL));
  else
    check("cuMemAlloc", scope.driver().cuMemAlloc(&pointer, sizeBytes));
  return reinterpret_cast<void *>(static_cast<uintptr_t>(pointer));
}

void mgpuMemFree(void *pointer, CUstream /*stream*/) {
  if (!pointer)
    return;
  ContextScope scope("mgpuMemFree");
  check("cuMemFree", scope.driver().cuMemFree(devicePtr(pointer)));
}

/// Copies between any host or device addresses (unified addressing), ordered
/// on `stream`.
void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, CUstream stream) {
  if (sizeBytes == 0)
    return;
  ContextScope scope("mgpuMemcpy");
  check("cuMemcpyAsync",
        scope.driver().cuMemcpyAsync(devicePtr(dst), devicePtr(src),
                                     sizeBytes, stream));
}

/// Fills `count` 32-bit words at `dst` with `value`, ordered on `stream`.
void mgpuMemset32(void *dst, unsigned int value, size_t count,
                  CUstream stream) {
  if (count == 0)
    return;
  ContextScope scope("mgpuMemset32");
  check("cuMemsetD32Async", scope.driver().cuMemsetD32Async(
                                devicePtr(dst), value, count, stream));
}

/// Fills `count` 16-bit words at `dst` with `value`, ordered on `stream`.
void mgpuMemset16(void *dst, unsigned short value, size_t count,
                  CUstream stream) {
  if (count == 0)
    return;
  ContextScope scope("mgpuMemset16");
  check("cuMemsetD16Async", scope.driver().cuMemsetD16Async(
                                devicePtr(dst), value, count, stream));
}

/// Page-locks the host memory of a dense memref so the device can access it.
void mgpuMemHostRegisterMemRef(int64_t rank, void *descriptor,
                               int64_t elementSizeBytes) {
  MemRefSpan span = memRefSpan(rank, descriptor, elementSizeBytes);
  if (span.bytes == 0)
    return;
  ContextScope scope("mgpuMemHostRegisterMemRef");
  check("cuMemHostRegister",
        scope.driver().cuMemHostRegister(span.begin, span.bytes, /*flags=*/0));
}

/// Undoes mgpuMemHostRegisterMemRef.
void mgpuMemHostUnregisterMemRef(int64_t rank, void *descriptor,
                                 int64_t elementSizeBytes) {
  MemRefSpan span = memRefSpan(rank, descriptor, elementSizeBytes);
  if (span.bytes == 0)
    return;
  ContextScope scope("mgpuMemHostUnregisterMemRef");
  check("cuMemHostUnregister", scope.driver().cuMemHostUnregister(span.begin));
}

/// Selects the device the calling thread's later mgpu* calls use.
void mgpuSetDefaultDevice(int32_t device) { setDefaultDevice(device); }

} // extern "C"
