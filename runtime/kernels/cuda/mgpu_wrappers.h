//===- runtime/kernels/cuda/mgpu_wrappers.h - Managed memory for the loader ===//
//
// Runtime-internal: the mgpu* allocation functions (defined in
// mgpu_wrappers.cpp for generated code) that the loader also calls, to stage
// a GPU model's arguments in memory the device can reach.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_KERNELS_CUDA_MGPU_WRAPPERS_H
#define NNC_KERNELS_CUDA_MGPU_WRAPPERS_H

#include "cuda/cuda_driver.h"

#include <cstdint>

extern "C" {

/// Device memory, or managed memory that host and device share when
/// `isHostShared`; aborts on a driver failure. Zero bytes gives null.
void *mgpuMemAlloc(uint64_t sizeBytes, nnc::cuda::CUstream stream,
                   bool isHostShared);
/// Frees memory from mgpuMemAlloc; null is ignored.
void mgpuMemFree(void *pointer, nnc::cuda::CUstream stream);

} // extern "C"

#endif // NNC_KERNELS_CUDA_MGPU_WRAPPERS_H
