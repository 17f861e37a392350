//===- test/runtime/memref_descriptor.h - MLIR memref descriptors ---------===//
//
// The argument layout compiled entry points receive (model_abi.h), for the
// hand-written stand-in models of the runtime's tests.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TEST_RUNTIME_MEMREF_DESCRIPTOR_H
#define NNC_TEST_RUNTIME_MEMREF_DESCRIPTOR_H

#include <cstdint>

namespace nnc::test {

/// MLIR's ranked memref descriptor of rank N.
template <typename T, int N>
struct MemRef {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[N];
  int64_t strides[N];
};

/// ...and of rank 0.
template <typename T>
struct MemRef0 {
  T *allocated;
  T *aligned;
  int64_t offset;
};

} // namespace nnc::test

#endif // NNC_TEST_RUNTIME_MEMREF_DESCRIPTOR_H
