//===- MemoryPlan.cpp - Intermediate buffers as slices of one arena -------===//
//
// After nnc-early-dealloc every intermediate buffer is a memref.alloc freed
// right after its last use, so each one is a malloc and a free. This pass
// gives each function one arena instead: the statically shaped buffers
// allocated and freed in one block get liveness intervals (the position of
// the first op of the block that uses the buffer to that of the dealloc),
// and a greedy best-fit placement, largest buffer first, puts them at
// 64-byte aligned offsets where buffers alive at the same time never
// overlap and buffers that are not share bytes. Each alloc becomes a
// memref.view into the arena and its dealloc goes.
//
// The buffers of a loop body or a branch are planned within their block, and
// that block's layout is one buffer of the enclosing block, alive while the
// op holding it runs: every iteration reuses the same bytes. Blocks of other
// ops (a parallel loop, whose iterations may run at once) get an arena of
// their own, allocated at the start of the block and freed before its
// terminator.
//
//===----------------------------------------------------------------------===//

#include "passes/MemoryPlan.h"
#include "passes/BufferUses.h"
#include "passes/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "llvm/Support/MathExtras.h"

namespace nnc {
#define GEN_PASS_DEF_MEMORYPLAN
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// Alignment of the arena and of every offset in it: a cache line, and
/// enough for any vector load the CPU pipeline emits.
constexpr int64_t kArenaAlignment = 64;

struct BlockLayout;

/// Something that needs bytes of a block's arena for an interval of the
/// block's ops: a planned buffer, or the layouts of the blocks nested in one
/// op of the block.
struct Slot {
  /// Positions in the block of the first and last op it is alive for.
  unsigned start = 0, end = 0;
  int64_t bytes = 0;
  /// Its offset in the block's arena, once placed.
  int64_t offset = 0;
  /// The buffer, or null for nested blocks.
  memref::AllocOp alloc;
  memref::DeallocOp dealloc;
  /// The nested blocks' layouts, all at `offset` (they never run at once).
  SmallVector<std::unique_ptr<BlockLayout>> nested;
};

/// Where the buffers of one block go, relative to the start of its part of
/// the arena.
struct BlockLayout {
  Block *block = nullptr;
  SmallVector<Slot> slots;
  /// Bytes the block needs.
  int64_t bytes = 0;
  /// Bytes of all buffers planned in the block and its nested blocks.
  int64_t intermediateBytes = 0;
};

/// Whether the regions of `op` run one after the other, never two at once,
/// so their blocks can share bytes of the enclosing block's arena.
bool runsRegionsSequentially(Operation *op) {
  return isa<scf::ForOp, scf::IfOp, scf::WhileOp, scf::IndexSwitchOp,
             scf::ExecuteRegionOp>(op);
}

/// Bytes of `alloc`'s buffer if the pass can plan it: static shape,
/// identity layout, default memory space, alignment at most the arena's,
/// int, index or float elements; nothing otherwise.
std::optional<int64_t> plannableBytes(memref::AllocOp alloc,
                                      const DataLayout &layout) {
  MemRefType type = alloc.getType();
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      type.getMemorySpace() || !type.getElementType().isIntOrIndexOrFloat())
    return std::nullopt;
  if (alloc.getAlignment() && *alloc.getAlignment() > kArenaAlignment)
    return std::nullopt;
  int64_t bytes =
      type.getNumElements() *
      static_cast<int64_t>(
          layout.getTypeSize(type.getElementType()).getFixedValue());
  if (bytes <= 0)
    return std::nullopt;
  return bytes;
}

/// The one memref.dealloc of `alloc`, if it is in the alloc's block.
memref::DeallocOp deallocInBlock(memref::AllocOp alloc) {
  memref::DeallocOp found;
  for (Operation *user : alloc->getUsers()) {
    auto dealloc = dyn_cast<memref::DeallocOp>(user);
    if (!dealloc)
      continue;
    if (found)
      return nullptr;
    found = dealloc;
  }
  if (!found || found->getBlock() != alloc->getBlock())
    return nullptr;
  return found;
}

/// Places every slot at a 64-byte aligned offset: largest first, each in
/// the smallest gap left by the slots already placed whose intervals
/// overlap its own, else above them all. Returns the bytes needed.
int64_t placeSlots(SmallVector<Slot> &slots) {
  SmallVector<Slot *> order;
  for (Slot &slot : slots)
    order.push_back(&slot);
  // Ties go to the earlier interval, then to the earlier end (which one
  // dealloc or nested op has alone), so the order is deterministic.
  llvm::sort(order, [](const Slot *a, const Slot *b) {
    if (a->bytes != b->bytes)
      return a->bytes > b->bytes;
    if (a->start != b->start)
      return a->start < b->start;
    return a->end < b->end;
  });
  SmallVector<Slot *> placed;
  int64_t total = 0;
  for (Slot *slot : order) {
    SmallVector<Slot *> live;
    for (Slot *other : placed)
      if (other->start <= slot->end && slot->start <= other->end)
        live.push_back(other);
    llvm::sort(live, [](const Slot *a, const Slot *b) {
      return a->offset < b->offset;
    });
    int64_t candidate = 0;
    std::optional<int64_t> best, bestSlack;
    for (Slot *other : live) {
      int64_t gap = other->offset - candidate;
      if (gap >= slot->bytes &&
          (!bestSlack || gap - slot->bytes < *bestSlack)) {
        best = candidate;
        bestSlack = gap - slot->bytes;
      }
      candidate = std::max(candidate,
                           static_cast<int64_t>(llvm::alignTo(
                               other->offset + other->bytes, kArenaAlignment)));
    }
    slot->offset = best.value_or(candidate);
    total = std::max(total, slot->offset + slot->bytes);
    placed.push_back(slot);
  }
  return static_cast<int64_t>(llvm::alignTo(total, kArenaAlignment));
}

/// Plans `block`: its buffers, and the blocks nested in its ops that run
/// their regions sequentially. The blocks of other ops are added to `roots`
/// to get arenas of their own.
std::unique_ptr<BlockLayout> planBlock(Block &block, const DataLayout &layout,
                                       SmallVector<Block *> &roots) {
  auto plan = std::make_unique<BlockLayout>();
  plan->block = &block;
  llvm::DenseMap<Operation *, unsigned> position;
  for (auto [index, op] : llvm::enumerate(block))
    position[&op] = index;
  for (auto [index, op] : llvm::enumerate(block)) {
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      memref::DeallocOp dealloc = deallocInBlock(alloc);
      std::optional<int64_t> bytes = plannableBytes(alloc, layout);
      if (!dealloc || !bytes)
        continue;
      // The bytes are the buffer's own from its first use (an alloc's
      // contents are undefined until then) to its dealloc.
      auto uses = nnc::bufferUsesInBlock(alloc, &block, dealloc);
      if (failed(uses))
        continue;
      Slot slot;
      slot.start = slot.end = position[dealloc];
      for (Operation *use : *uses)
        slot.start = std::min(slot.start, position[use]);
      slot.bytes = *bytes;
      slot.alloc = alloc;
      slot.dealloc = dealloc;
      plan->intermediateBytes += *bytes;
      plan->slots.push_back(std::move(slot));
      continue;
    }
    if (op.getNumRegions() == 0)
      continue;
    if (!runsRegionsSequentially(&op)) {
      for (Region &region : op.getRegions())
        for (Block &nested : region)
          roots.push_back(&nested);
      continue;
    }
    Slot slot;
    slot.start = slot.end = index;
    for (Region &region : op.getRegions()) {
      for (Block &nested : region) {
        std::unique_ptr<BlockLayout> inner = planBlock(nested, layout, roots);
        if (inner->slots.empty())
          continue;
        slot.bytes = std::max(slot.bytes, inner->bytes);
        plan->intermediateBytes += inner->intermediateBytes;
        slot.nested.push_back(std::move(inner));
      }
    }
    if (!slot.nested.empty())
      plan->slots.push_back(std::move(slot));
  }
  plan->bytes = placeSlots(plan->slots);
  return plan;
}

/// Replaces the planned buffers of `plan` by views of `arena` at `base`
/// plus their offsets, and drops their deallocs.
void carryOut(BlockLayout &plan, Value arena, int64_t base) {
  for (Slot &slot : plan.slots) {
    int64_t offset = base + slot.offset;
    for (const std::unique_ptr<BlockLayout> &inner : slot.nested)
      carryOut(*inner, arena, offset);
    if (!slot.alloc)
      continue;
    OpBuilder b(slot.alloc);
    Location loc = slot.alloc.getLoc();
    Value shift = arith::ConstantIndexOp::create(b, loc, offset);
    Value view = memref::ViewOp::create(b, loc, slot.alloc.getType(), arena,
                                        shift, ValueRange());
    slot.alloc.replaceAllUsesWith(view);
    slot.dealloc.erase();
    slot.alloc.erase();
  }
}

/// Plans the root block `block` and those of its nested blocks that share
/// its arena; allocates the arena at the start of the block and frees it
/// before the terminator. Adds to `stats`; appends to `roots` the nested
/// blocks that need arenas of their own.
void planRoot(Block &block, const DataLayout &layout,
              SmallVector<Block *> &roots, nnc::MemoryPlanStats &stats) {
  std::unique_ptr<BlockLayout> plan = planBlock(block, layout, roots);
  if (plan->slots.empty() || !block.mightHaveTerminator())
    return;
  Location loc = block.getParentOp()->getLoc();
  OpBuilder b = OpBuilder::atBlockBegin(&block);
  auto arenaType = MemRefType::get({plan->bytes}, b.getI8Type());
  Value arena = memref::AllocOp::create(b, loc, arenaType,
                                        b.getI64IntegerAttr(kArenaAlignment));
  b.setInsertionPoint(block.getTerminator());
  memref::DeallocOp::create(b, loc, arena);
  carryOut(*plan, arena, 0);
  stats.arenaBytes += plan->bytes;
  stats.intermediateBytes += plan->intermediateBytes;
}

struct MemoryPlanPass : nnc::impl::MemoryPlanBase<MemoryPlanPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    DataLayout layout = DataLayout::closest(func);
    nnc::MemoryPlanStats stats;
    SmallVector<Block *> roots;
    for (Block &block : func.getBody())
      roots.push_back(&block);
    // planRoot appends the blocks of nested parallel ops as it meets them.
    for (size_t i = 0; i < roots.size(); ++i)
      planRoot(*roots[i], layout, roots, stats);
    Builder b(func.getContext());
    func->setAttr(nnc::kArenaBytesAttrName,
                  b.getI64IntegerAttr(stats.arenaBytes));
    func->setAttr(nnc::kIntermediateBytesAttrName,
                  b.getI64IntegerAttr(stats.intermediateBytes));
  }
};

} // namespace

nnc::MemoryPlanStats nnc::readMemoryPlanStats(Operation *function) {
  MemoryPlanStats stats;
  if (!function)
    return stats;
  if (auto arena = function->getAttrOfType<IntegerAttr>(kArenaBytesAttrName))
    stats.arenaBytes = arena.getInt();
  if (auto sum =
          function->getAttrOfType<IntegerAttr>(kIntermediateBytesAttrName))
    stats.intermediateBytes = sum.getInt();
  return stats;
}
