//===- runtime/kernels/cuda/cuda_probe.h - Is there a usable GPU? ---------===//
//
// Runtime-internal: the loader asks this before running a GPU model, so that a
// missing driver or device is a clean error rather than an abort inside the
// mgpu* functions.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_KERNELS_CUDA_CUDA_PROBE_H
#define NNC_KERNELS_CUDA_CUDA_PROBE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opens and initializes the CUDA driver (once per process). Returns 0 when a
 *  driver and at least one device are present; otherwise non-zero, with why
 *  ("no CUDA driver: libcuda.so.1 not found", "no CUDA device", a driver error
 *  name) written into `message` (`size` bytes, NUL-terminated, truncated). */
int nnc_cuda_probe(char *message, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* NNC_KERNELS_CUDA_CUDA_PROBE_H */
