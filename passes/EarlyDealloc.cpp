//===- EarlyDealloc.cpp - Free buffers right after their last use ---------===//
//
// MLIR's ownership-based deallocation frees every buffer at the end of the
// block that allocates it, so all intermediate buffers of a function are
// alive at once. This pass moves each memref.dealloc of a memref.alloc in
// the same block up to just after the last op of that block that uses the
// buffer or a view of it. A training step then holds only the activations
// its backward pass still needs, which is what gradient checkpointing
// (nnc-autodiff{recompute}) trades compute for.
//
//===----------------------------------------------------------------------===//

#include "passes/BufferUses.h"
#include "passes/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace nnc {
#define GEN_PASS_DEF_EARLYDEALLOC
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// The last op of `block` that uses `buffer` or any value derived from it,
/// other than `dealloc`; null where a use lies outside `block` (it escapes).
Operation *lastUseInBlock(Value buffer, Block *block, Operation *dealloc) {
  auto uses = nnc::bufferUsesInBlock(buffer, block, dealloc);
  if (failed(uses))
    return nullptr;
  Operation *last = buffer.getDefiningOp();
  for (Operation *use : *uses)
    if (last->isBeforeInBlock(use))
      last = use;
  return last;
}

struct EarlyDeallocPass : nnc::impl::EarlyDeallocBase<EarlyDeallocPass> {
  void runOnOperation() override {
    SmallVector<memref::DeallocOp> deallocs;
    getOperation()->walk(
        [&](memref::DeallocOp dealloc) { deallocs.push_back(dealloc); });
    for (memref::DeallocOp dealloc : deallocs) {
      Value buffer = dealloc.getMemref();
      Operation *alloc = buffer.getDefiningOp<memref::AllocOp>();
      Block *block = dealloc->getBlock();
      if (!alloc || alloc->getBlock() != block)
        continue;
      Operation *last = lastUseInBlock(buffer, block, dealloc);
      if (last && last->isBeforeInBlock(dealloc))
        dealloc->moveAfter(last);
    }
  }
};

} // namespace
