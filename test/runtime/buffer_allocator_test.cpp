//===- test/runtime/buffer_allocator_test.cpp - Buffers of generated code -===//
//
// _mlir_memref_to_llvm_alloc and _mlir_memref_to_llvm_free: buffers are
// usable and aligned, a freed large buffer serves the next request of about
// its size, other sizes get other buffers, and the cache never holds more
// than its bound (allocating far more than it keeps still works).
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace {

constexpr uint64_t kMiB = uint64_t(1) << 20;

bool mallocAligned(void *pointer) {
  return reinterpret_cast<uintptr_t>(pointer) % alignof(std::max_align_t) == 0;
}

TEST(BufferAllocator, SmallAndLargeBuffersAreUsable) {
  for (uint64_t size :
       {uint64_t(1), uint64_t(100), kMiB / 8 - 1, kMiB / 8, 5 * kMiB}) {
    auto *bytes =
        static_cast<unsigned char *>(_mlir_memref_to_llvm_alloc(size));
    ASSERT_NE(bytes, nullptr) << size;
    EXPECT_TRUE(mallocAligned(bytes)) << size;
    std::memset(bytes, 0xab, size);
    EXPECT_EQ(bytes[size - 1], 0xab);
    _mlir_memref_to_llvm_free(bytes);
  }
  _mlir_memref_to_llvm_free(nullptr);
}

TEST(BufferAllocator, AFreedLargeBufferServesTheNextRequestOfItsSize) {
  void *first = _mlir_memref_to_llvm_alloc(3 * kMiB);
  _mlir_memref_to_llvm_free(first);
  void *again = _mlir_memref_to_llvm_alloc(3 * kMiB);
  EXPECT_EQ(again, first);
  // Up to a quarter less fits the same block; it stays in use meanwhile.
  _mlir_memref_to_llvm_free(again);
  void *smaller = _mlir_memref_to_llvm_alloc(3 * kMiB - kMiB / 2);
  EXPECT_EQ(smaller, first);
  void *other = _mlir_memref_to_llvm_alloc(3 * kMiB);
  EXPECT_NE(other, first);
  _mlir_memref_to_llvm_free(smaller);
  _mlir_memref_to_llvm_free(other);
}

TEST(BufferAllocator, MuchSmallerRequestsDoNotTakeALargeBlock) {
  void *large = _mlir_memref_to_llvm_alloc(8 * kMiB);
  _mlir_memref_to_llvm_free(large);
  void *small = _mlir_memref_to_llvm_alloc(2 * kMiB);
  EXPECT_NE(small, large);
  _mlir_memref_to_llvm_free(small);
}

TEST(BufferAllocator, LiveBuffersAreDistinctBeyondTheCacheBound) {
  // 40 live buffers of 16 MiB (more than the 256 MiB kept), all freed,
  // then allocated again: every one distinct and writable.
  for (int round = 0; round < 2; ++round) {
    std::vector<unsigned char *> live;
    for (int i = 0; i < 40; ++i) {
      auto *bytes =
          static_cast<unsigned char *>(_mlir_memref_to_llvm_alloc(16 * kMiB));
      ASSERT_NE(bytes, nullptr);
      bytes[0] = static_cast<unsigned char>(i);
      bytes[16 * kMiB - 1] = static_cast<unsigned char>(i);
      live.push_back(bytes);
    }
    for (int i = 0; i < 40; ++i) {
      EXPECT_EQ(live[i][0], i);
      EXPECT_EQ(live[i][16 * kMiB - 1], i);
    }
    for (unsigned char *bytes : live)
      _mlir_memref_to_llvm_free(bytes);
  }
}

} // namespace
