//===- runtime/kernels/buffer_allocator.cpp - Buffers of generated code ---===//
//
// Generated code allocates and frees its buffers through the generic
// allocation functions of MLIR's memref lowering (finalize-memref-to-llvm
// with use-generic-functions; it aligns buffers itself, by padding, so the
// aligned variant is never called), defined here. Small buffers go to malloc.
// Large ones (a batch's im2col columns, say) are kept when freed and handed
// out again to the next request of about their size: glibc maps blocks above
// 32 MiB fresh on every call and the kernel clears each page again on first
// touch, which cost a third of a batch-32 CNN's time. At most kMaxCachedBytes
// are kept; the oldest blocks are released first.
//
//===----------------------------------------------------------------------===//

#include "nnc/kernels.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <mutex>

namespace {

/// Buffers at least this large are cached when freed: glibc's initial
/// threshold for mapping a block of its own. (Its threshold rises when such
/// a block is freed, which cached blocks never are, so every size it would
/// map must be cached.)
constexpr uint64_t kMinCachedBytes = uint64_t(128) << 10;
/// The most bytes the cache keeps.
constexpr uint64_t kMaxCachedBytes = uint64_t(256) << 20;
/// Bytes before each buffer holding its capacity; a multiple of the
/// alignment malloc guarantees, so buffers keep that alignment.
constexpr uint64_t kHeaderBytes = 64;

struct Block {
  uint64_t capacity;
  void *base;
};

/// Freed large blocks, oldest first.
class BlockCache {
public:
  /// A cached block for `size` bytes, at most a quarter larger; null when
  /// there is none.
  void *take(uint64_t size) {
    std::lock_guard<std::mutex> lock(mutex);
    auto best = blocks.end();
    for (auto it = blocks.begin(); it != blocks.end(); ++it)
      if (it->capacity >= size && it->capacity - size <= size / 4 &&
          (best == blocks.end() || it->capacity < best->capacity))
        best = it;
    if (best == blocks.end())
      return nullptr;
    void *base = best->base;
    cachedBytes -= best->capacity;
    blocks.erase(best);
    return base;
  }

  /// Keeps `block`, releasing the oldest blocks to make room.
  void keep(Block block) {
    std::deque<Block> released;
    {
      std::lock_guard<std::mutex> lock(mutex);
      while (!blocks.empty() &&
             cachedBytes + block.capacity > kMaxCachedBytes) {
        released.push_back(blocks.front());
        cachedBytes -= blocks.front().capacity;
        blocks.pop_front();
      }
      if (cachedBytes + block.capacity <= kMaxCachedBytes) {
        blocks.push_back(block);
        cachedBytes += block.capacity;
      } else {
        released.push_back(block);
      }
    }
    for (const Block &old : released)
      std::free(old.base);
  }

private:
  std::mutex mutex;
  std::deque<Block> blocks;
  uint64_t cachedBytes = 0;
};

/// One cache per process, never destroyed: buffers may be freed while
/// static objects are torn down.
BlockCache &cache() {
  static BlockCache *instance = new BlockCache;
  return *instance;
}

void *payload(void *base) { return static_cast<char *>(base) + kHeaderBytes; }

} // namespace

extern "C" void *_mlir_memref_to_llvm_alloc(uint64_t size) {
  if (size >= kMinCachedBytes)
    if (void *base = cache().take(size))
      return payload(base);
  void *base = std::malloc(kHeaderBytes + size);
  if (!base)
    return nullptr;
  *static_cast<uint64_t *>(base) = size;
  return payload(base);
}

extern "C" void _mlir_memref_to_llvm_free(void *pointer) {
  if (!pointer)
    return;
  void *base = static_cast<char *>(pointer) - kHeaderBytes;
  uint64_t capacity = *static_cast<uint64_t *>(base);
  if (capacity >= kMinCachedBytes)
    cache().keep(Block{capacity, base});
  else
    std::free(base);
}
