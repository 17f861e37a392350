//===- runtime/kernels/cuda/cuda_driver.cpp - libcuda, opened at run time -===//
//
// Opens libcuda.so.1 once, binds the entry points nnc uses, initializes the
// driver, and keeps one retained primary context per device.
//
//===----------------------------------------------------------------------===//

#include "cuda/cuda_driver.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace nnc::cuda {
namespace {

/// The outcome of opening the driver: the table, or why there is none.
struct DriverState {
  Driver table = {};
  bool usable = false;
  std::string error;
};

/// Looks up `name` in `library` into `slot`; false if it is missing.
template <typename Fn>
bool bind(void *library, const char *name, Fn &slot) {
  slot = reinterpret_cast<Fn>(dlsym(library, name));
  return slot != nullptr;
}

/// Opens libcuda.so.1, binds every entry point and initializes the driver.
DriverState openDriver() {
  DriverState state;
  void *library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    state.error = "no CUDA driver: libcuda.so.1 not found";
    return state;
  }
  Driver &d = state.table;
  const char *missing = nullptr;
  auto need = [&](const char *symbol, auto &slot) {
    if (!bind(library, symbol, slot) && !missing)
      missing = symbol;
  };
  need("cuInit", d.cuInit);
  need("cuGetErrorName", d.cuGetErrorName);
  need("cuDeviceGetCount", d.cuDeviceGetCount);
  need("cuDeviceGet", d.cuDeviceGet);
  need("cuDevicePrimaryCtxRetain", d.cuDevicePrimaryCtxRetain);
  need("cuCtxPushCurrent_v2", d.cuCtxPushCurrent);
  need("cuCtxPopCurrent_v2", d.cuCtxPopCurrent);
  need("cuModuleLoadDataEx", d.cuModuleLoadDataEx);
  need("cuModuleUnload", d.cuModuleUnload);
  need("cuModuleGetFunction", d.cuModuleGetFunction);
  need("cuFuncSetAttribute", d.cuFuncSetAttribute);
  need("cuLaunchKernel", d.cuLaunchKernel);
  need("cuStreamCreate", d.cuStreamCreate);
  need("cuStreamDestroy_v2", d.cuStreamDestroy);
  need("cuStreamSynchronize", d.cuStreamSynchronize);
  need("cuStreamWaitEvent", d.cuStreamWaitEvent);
  need("cuEventCreate", d.cuEventCreate);
  need("cuEventDestroy_v2", d.cuEventDestroy);
  need("cuEventSynchronize", d.cuEventSynchronize);
  need("cuEventRecord", d.cuEventRecord);
  need("cuMemAlloc_v2", d.cuMemAlloc);
  need("cuMemAllocManaged", d.cuMemAllocManaged);
  need("cuMemFree_v2", d.cuMemFree);
  need("cuMemcpyAsync", d.cuMemcpyAsync);
  need("cuMemsetD32Async", d.cuMemsetD32Async);
  need("cuMemsetD16Async", d.cuMemsetD16Async);
  need("cuMemHostRegister_v2", d.cuMemHostRegister);
  need("cuMemHostUnregister", d.cuMemHostUnregister);
  if (missing) {
    state.error = std::string("CUDA driver libcuda.so.1 lacks ") + missing +
                  " (driver too old?)";
    return state;
  }
  // Optional: only CUDA 12+ drivers launch thread-block clusters.
  bind(library, "cuLaunchKernelEx", d.cuLaunchKernelEx);

  CUresult result = d.cuInit(0);
  if (result == CUDA_ERROR_NO_DEVICE) {
    state.error = "no CUDA device";
    return state;
  }
  if (result != CUDA_SUCCESS) {
    const char *name = nullptr;
    d.cuGetErrorName(result, &name);
    state.error = std::string("CUDA driver error in cuInit: ") +
                  (name ? name : "CUresult " + std::to_string(result));
    return state;
  }
  int count = 0;
  result = d.cuDeviceGetCount(&count);
  if (result != CUDA_SUCCESS || count < 1) {
    state.error = "no CUDA device";
    return state;
  }
  d.deviceCount = count;
  state.usable = true;
  return state;
}

/// The process-wide driver state, opened on first use.
const DriverState &driverState() {
  static const DriverState state = openDriver();
  return state;
}

/// The device the calling thread's mgpu* calls use (mgpuSetDefaultDevice).
thread_local int defaultDevice = 0;

/// Primary contexts retained so far, indexed by device ordinal.
struct Contexts {
  std::mutex mutex;
  std::vector<CUcontext> byDevice;
};

Contexts &contexts() {
  static Contexts instance;
  return instance;
}

/// The primary context of `device`, retained on first use.
CUcontext primaryContext(const Driver &d, int device, const char *call) {
  if (device < 0 || device >= d.deviceCount)
    fatal(call, "device " + std::to_string(device) + " does not exist (" +
                    std::to_string(d.deviceCount) + " found)");
  Contexts &all = contexts();
  std::lock_guard<std::mutex> lock(all.mutex);
  if (all.byDevice.empty())
    all.byDevice.assign(static_cast<size_t>(d.deviceCount), nullptr);
  CUcontext &context = all.byDevice[static_cast<size_t>(device)];
  if (!context) {
    CUdevice handle = 0;
    check("cuDeviceGet", d.cuDeviceGet(&handle, device));
    check("cuDevicePrimaryCtxRetain",
          d.cuDevicePrimaryCtxRetain(&context, handle));
  }
  return context;
}

} // namespace

const Driver *driver(std::string *error) {
  const DriverState &state = driverState();
  if (!state.usable) {
    if (error)
      *error = state.error;
    return nullptr;
  }
  return &state.table;
}

const Driver &requireDriver(const char *call) {
  std::string error;
  const Driver *d = driver(&error);
  if (!d)
    fatal(call, error);
  return *d;
}

std::string errorName(CUresult result) {
  const DriverState &state = driverState();
  const char *name = nullptr;
  if (state.table.cuGetErrorName)
    state.table.cuGetErrorName(result, &name);
  return name ? name : "CUresult " + std::to_string(result);
}

void fatal(const char *call, const std::string &what) {
  std::fprintf(stderr, "nnc: CUDA error in %s: %s\n", call, what.c_str());
  std::fflush(stderr);
  std::abort();
}

void check(const char *call, CUresult result) {
  if (result != CUDA_SUCCESS)
    fatal(call, errorName(result));
}

void setDefaultDevice(int device) { defaultDevice = device; }

ContextScope::ContextScope(const char *call) : driver_(&requireDriver(call)) {
  check("cuCtxPushCurrent",
        driver_->cuCtxPushCurrent(
            primaryContext(*driver_, defaultDevice, call)));
}

ContextScope::~ContextScope() {
  check("cuCtxPopCurrent", driver_->cuCtxPopCurrent(nullptr));
}

} // namespace nnc::cuda
