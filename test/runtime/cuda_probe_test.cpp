//===- test/runtime/cuda_probe_test.cpp - Tests of the CUDA backend -------===//
//
// What can be checked anywhere, GPU or not: the probe gives a reason when it
// fails, module loading is deferred so that model constructors and
// destructors never touch the driver, and without a GPU the mgpu* functions
// abort with a message naming the call.
//
//===----------------------------------------------------------------------===//

#include "cuda/cuda_probe.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

extern "C" {
void *mgpuModuleLoad(void *data, size_t gpuBlobSize);
void *mgpuModuleLoadJIT(void *data, int optLevel);
void mgpuModuleUnload(void *module);
void *mgpuStreamCreate();
void *mgpuMemAlloc(uint64_t sizeBytes, void *stream, bool isHostShared);
void mgpuMemFree(void *pointer, void *stream);
}

namespace {

/// True when this machine has a CUDA driver and device.
bool haveGpu() {
  char message[256];
  return nnc_cuda_probe(message, sizeof(message)) == 0;
}

TEST(CudaProbe, ExplainsAFailure) {
  char message[256];
  std::memset(message, 'x', sizeof(message));
  if (nnc_cuda_probe(message, sizeof(message)) == 0) {
    EXPECT_STREQ(message, "");
    return;
  }
  EXPECT_GT(std::strlen(message), 0u);
  EXPECT_LT(std::strlen(message), sizeof(message));
}

TEST(CudaProbe, TruncatesToTheBuffer) {
  char message[4];
  if (nnc_cuda_probe(message, sizeof(message)) != 0)
    EXPECT_EQ(std::strlen(message), 3u);
  EXPECT_EQ(nnc_cuda_probe(nullptr, 0), haveGpu() ? 0 : 1);
}

TEST(CudaWrappers, ModuleLoadIsDeferred) {
  // What a model's global constructor and destructor do; neither may fail
  // on a machine without a GPU.
  static const char ptx[] = ".version 8.0\n.target sm_90\n";
  mgpuModuleUnload(mgpuModuleLoadJIT(const_cast<char *>(ptx), 2));
  mgpuModuleUnload(mgpuModuleLoad(const_cast<char *>(ptx), sizeof(ptx)));
  mgpuModuleUnload(nullptr);
}

TEST(CudaWrappers, EmptyAllocationsNeedNoDevice) {
  EXPECT_EQ(mgpuMemAlloc(0, nullptr, false), nullptr);
  mgpuMemFree(nullptr, nullptr);
}

TEST(CudaWrappersDeathTest, AbortWithTheCallWithoutAGpu) {
  if (haveGpu())
    GTEST_SKIP() << "a GPU is present";
  EXPECT_DEATH(mgpuStreamCreate(), "nnc: CUDA error in mgpuStreamCreate: ");
}

} // namespace
