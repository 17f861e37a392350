//===- runtime/kernels/cuda/cuda_probe.cpp - Is there a usable GPU? -------===//
//
// nnc_cuda_probe: the driver check the loader runs before a GPU model.
//
//===----------------------------------------------------------------------===//

#include "cuda/cuda_probe.h"

#include "cuda/cuda_driver.h"

#include <cstdio>

extern "C" int nnc_cuda_probe(char *message, size_t size) {
  std::string error;
  if (nnc::cuda::driver(&error)) {
    if (size > 0)
      message[0] = '\0';
    return 0;
  }
  if (size > 0)
    std::snprintf(message, size, "%s", error.c_str());
  return 1;
}
