//===- runtime/kernels/cuda/cuda_driver.h - libcuda, opened at run time ---===//
//
// The slice of the CUDA driver API that nnc_kernels uses. The few types and
// constants it needs are declared here rather than taken from CUDA headers,
// and the entry points are looked up with dlsym in libcuda.so.1, opened on
// first use and never linked: nnc builds, links and runs its CPU models on
// machines without a GPU or CUDA installation.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_KERNELS_CUDA_CUDA_DRIVER_H
#define NNC_KERNELS_CUDA_CUDA_DRIVER_H

#include <cstddef>
#include <string>

namespace nnc::cuda {

//===----------------------------------------------------------------------===//
// Types and constants (values as in CUDA's cuda.h)
//===----------------------------------------------------------------------===//

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = struct CUctx_st *;
using CUmodule = struct CUmod_st *;
using CUfunction = struct CUfunc_st *;
using CUstream = struct CUstream_st *;
using CUevent = struct CUevent_st *;

constexpr CUresult CUDA_SUCCESS = 0;
constexpr CUresult CUDA_ERROR_DEINITIALIZED = 4;
constexpr CUresult CUDA_ERROR_NO_DEVICE = 100;

/// cuModuleLoadDataEx options (CUjit_option).
enum CUjit_option : int {
  CU_JIT_ERROR_LOG_BUFFER = 5,
  CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
  CU_JIT_OPTIMIZATION_LEVEL = 7,
};

/// cuFuncSetAttribute attributes (CUfunction_attribute).
enum CUfunction_attribute : int {
  CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8,
  CU_FUNC_ATTRIBUTE_NON_PORTABLE_CLUSTER_SIZE_ALLOWED = 14,
};

constexpr unsigned CU_STREAM_NON_BLOCKING = 0x1;
constexpr unsigned CU_EVENT_DISABLE_TIMING = 0x2;
constexpr unsigned CU_MEM_ATTACH_GLOBAL = 0x1;
constexpr int CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION = 4;

/// CUlaunchAttribute: an attribute id padded to 8 bytes, then a 64-byte
/// value union of which nnc only uses the cluster dimensions.
struct CUlaunchAttribute {
  int id;
  char pad[8 - sizeof(int)];
  union {
    char bytes[64];
    struct {
      unsigned x, y, z;
    } clusterDim;
  } value;
};

/// CUlaunchConfig, the launch description of cuLaunchKernelEx.
struct CUlaunchConfig {
  unsigned gridDimX, gridDimY, gridDimZ;
  unsigned blockDimX, blockDimY, blockDimZ;
  unsigned sharedMemBytes;
  CUstream hStream;
  CUlaunchAttribute *attrs;
  unsigned numAttrs;
};

//===----------------------------------------------------------------------===//
// The driver
//===----------------------------------------------------------------------===//

/// Driver entry points, named after the API functions they call (the symbol
/// looked up may carry a version suffix, e.g. cuMemAlloc is cuMemAlloc_v2).
struct Driver {
  CUresult (*cuInit)(unsigned flags);
  CUresult (*cuGetErrorName)(CUresult error, const char **name);
  CUresult (*cuDeviceGetCount)(int *count);
  CUresult (*cuDeviceGet)(CUdevice *device, int ordinal);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *context, CUdevice device);
  CUresult (*cuCtxPushCurrent)(CUcontext context);
  CUresult (*cuCtxPopCurrent)(CUcontext *context);
  CUresult (*cuModuleLoadDataEx)(CUmodule *module, const void *image,
                                 unsigned numOptions, CUjit_option *options,
                                 void **optionValues);
  CUresult (*cuModuleUnload)(CUmodule module);
  CUresult (*cuModuleGetFunction)(CUfunction *function, CUmodule module,
                                  const char *name);
  CUresult (*cuFuncSetAttribute)(CUfunction function,
                                 CUfunction_attribute attribute, int value);
  CUresult (*cuLaunchKernel)(CUfunction function, unsigned gridX,
                             unsigned gridY, unsigned gridZ, unsigned blockX,
                             unsigned blockY, unsigned blockZ,
                             unsigned sharedMemBytes, CUstream stream,
                             void **params, void **extra);
  /// Null with drivers older than CUDA 12, which cannot launch clusters.
  CUresult (*cuLaunchKernelEx)(const CUlaunchConfig *config,
                               CUfunction function, void **params,
                               void **extra);
  CUresult (*cuStreamCreate)(CUstream *stream, unsigned flags);
  CUresult (*cuStreamDestroy)(CUstream stream);
  CUresult (*cuStreamSynchronize)(CUstream stream);
  CUresult (*cuStreamWaitEvent)(CUstream stream, CUevent event,
                                unsigned flags);
  CUresult (*cuEventCreate)(CUevent *event, unsigned flags);
  CUresult (*cuEventDestroy)(CUevent event);
  CUresult (*cuEventSynchronize)(CUevent event);
  CUresult (*cuEventRecord)(CUevent event, CUstream stream);
  CUresult (*cuMemAlloc)(CUdeviceptr *pointer, size_t bytes);
  CUresult (*cuMemAllocManaged)(CUdeviceptr *pointer, size_t bytes,
                                unsigned flags);
  CUresult (*cuMemFree)(CUdeviceptr pointer);
  CUresult (*cuMemcpyAsync)(CUdeviceptr dst, CUdeviceptr src, size_t bytes,
                            CUstream stream);
  CUresult (*cuMemsetD32Async)(CUdeviceptr dst, unsigned value, size_t count,
                               CUstream stream);
  CUresult (*cuMemsetD16Async)(CUdeviceptr dst, unsigned short value,
                               size_t count, CUstream stream);
  CUresult (*cuMemHostRegister)(void *pointer, size_t bytes, unsigned flags);
  CUresult (*cuMemHostUnregister)(void *pointer);

  /// Number of devices the driver reported at initialization (at least 1).
  int deviceCount;
};

/// The driver, opened and initialized (cuInit, at least one device) on the
/// first call; null when that failed, with the reason in `*error` ("no CUDA
/// driver: libcuda.so.1 not found", "no CUDA device", ...). Thread-safe.
const Driver *driver(std::string *error);

/// The driver, or prints `nnc: CUDA error in <call>: <reason>` and aborts.
const Driver &requireDriver(const char *call);

/// The driver's name for `result` ("CUDA_ERROR_OUT_OF_MEMORY"), or
/// "CUresult <n>" for a code it does not name.
std::string errorName(CUresult result);

/// Prints `nnc: CUDA error in <call>: <what>` to stderr and aborts.
[[noreturn]] void fatal(const char *call, const std::string &what);

/// Calls fatal with the error's name unless `result` is CUDA_SUCCESS.
void check(const char *call, CUresult result);

/// Sets the device whose primary context the calling thread uses from now on.
void setDefaultDevice(int device);

/// Makes the primary context of the calling thread's default device current
/// for the lifetime of the object, restoring the previous one afterwards.
class ContextScope {
public:
  /// `call` names the mgpu* function, for error messages.
  explicit ContextScope(const char *call);
  ~ContextScope();
  ContextScope(const ContextScope &) = delete;
  ContextScope &operator=(const ContextScope &) = delete;

  /// The driver the scope initialized.
  const Driver &driver() const { return *driver_; }

private:
  const Driver *driver_;
};

} // namespace nnc::cuda

#endif // NNC_KERNELS_CUDA_CUDA_DRIVER_H
