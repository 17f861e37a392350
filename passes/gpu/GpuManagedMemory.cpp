//===- GpuManagedMemory.cpp - Buffers of GPU models in managed memory -----===//
//
// Host code of a GPU model allocates its intermediate buffers and reads its
// constants; the kernels it launches dereference them. Managed memory is
// reachable from both sides, so every host allocation and every constant
// global moves there.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_GPUMANAGEDMEMORY
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// Whether `op` runs on the host (not inside a kernel body or GPU module).
bool isHostSide(Operation *op) {
  return !op->getParentOfType<gpu::LaunchOp>() &&
         !op->getParentOfType<gpu::GPUModuleOp>() &&
         !op->getParentOfType<gpu::GPUFuncOp>();
}

/// Frees a managed buffer. The runtime lowering of gpu.dealloc is
/// asynchronous, so the free is bracketed by a fresh stream and a wait on it.
void freeManaged(PatternRewriter &rewriter, Location loc, Value buffer) {
  Type token = gpu::AsyncTokenType::get(rewriter.getContext());
  Value stream = gpu::WaitOp::create(rewriter, loc, token, ValueRange{})
                     .getAsyncToken();
  Value freed =
      gpu::DeallocOp::create(rewriter, loc, token, ValueRange{stream}, buffer)
          .getAsyncToken();
  gpu::WaitOp::create(rewriter, loc, Type(), ValueRange{freed});
}

/// A managed buffer of `type`, taking `dynamicSizes` like memref.alloc.
Value allocManaged(PatternRewriter &rewriter, Location loc, MemRefType type,
                   ValueRange dynamicSizes) {
  return gpu::AllocOp::create(rewriter, loc, type, /*asyncToken=*/Type(),
                              ValueRange{}, dynamicSizes, ValueRange{},
                              /*hostShared=*/true)
      .getMemref();
}

struct AllocToManaged : OpRewritePattern<memref::AllocOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(memref::AllocOp op,
                                PatternRewriter &rewriter) const override {
    if (!isHostSide(op))
      return rewriter.notifyMatchFailure(op, "allocation inside a kernel");
    if (!op.getSymbolOperands().empty())
      return rewriter.notifyMatchFailure(op, "symbolic layout operands");
    rewriter.replaceOp(op, allocManaged(rewriter, op.getLoc(), op.getType(),
                                        op.getDynamicSizes()));
    return success();
  }
};

/// Whether `buffer` is an argument of the function it is used in: memory
/// the caller owns, not one of the function's managed allocations.
bool isFunctionArgument(Value buffer) {
  auto argument = dyn_cast<BlockArgument>(buffer);
  if (!argument)
    return false;
  Block *block = argument.getOwner();
  return block->isEntryBlock() &&
         isa<FunctionOpInterface>(block->getParentOp());
}

/// Every host-side allocation becomes managed, so every host-side free is of
/// a managed buffer, whether it names the allocation itself or a value that
/// carries it (a loop's iteration argument, a select, the base buffer of a
/// view): only a free of the function's own argument is left alone.
struct DeallocToManaged : OpRewritePattern<memref::DeallocOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(memref::DeallocOp op,
                                PatternRewriter &rewriter) const override {
    if (!isHostSide(op))
      return rewriter.notifyMatchFailure(op, "deallocation inside a kernel");
    if (isFunctionArgument(op.getMemref()))
      return rewriter.notifyMatchFailure(op, "memory the caller owns");
    rewriter.setInsertionPoint(op);
    freeManaged(rewriter, op.getLoc(), op.getMemref());
    rewriter.eraseOp(op);
    return success();
  }
};

/// Constants live in the host image; kernels read a managed copy, made on
/// entry to the function and freed at each of its returns, so it outlives
/// every use wherever in the function the global was read.
struct GlobalToManaged : OpRewritePattern<memref::GetGlobalOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(memref::GetGlobalOp op,
                                PatternRewriter &rewriter) const override {
    if (!isHostSide(op))
      return rewriter.notifyMatchFailure(op, "global read inside a kernel");
    if (op->hasAttr(kStagedAttr))
      return rewriter.notifyMatchFailure(op, "already staged");
    auto func = op->getParentOfType<FunctionOpInterface>();
    if (!func || func.isExternal())
      return rewriter.notifyMatchFailure(op, "not inside a function body");
    Location loc = op.getLoc();
    rewriter.setInsertionPointToStart(&func.getFunctionBody().front());
    auto read = cast<memref::GetGlobalOp>(rewriter.clone(*op));
    read->setAttr(kStagedAttr, rewriter.getUnitAttr());
    Value copy = allocManaged(rewriter, loc, op.getType(), ValueRange{});
    memref::CopyOp::create(rewriter, loc, read.getResult(), copy);
    rewriter.replaceOp(op, copy);
    func.walk([&](Operation *terminator) {
      if (terminator->getParentOp() == func.getOperation() &&
          terminator->hasTrait<OpTrait::ReturnLike>()) {
        rewriter.setInsertionPoint(terminator);
        freeManaged(rewriter, loc, copy);
      }
    });
    return success();
  }
  /// Marks a global read whose managed copy exists.
  static constexpr StringLiteral kStagedAttr = "nnc.staged";
};

struct GpuManagedMemoryPass
    : nnc::impl::GpuManagedMemoryBase<GpuManagedMemoryPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    nnc::populateGpuManagedMemoryPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
    getOperation()->walk(
        [](memref::GetGlobalOp op) { op->removeAttr(GlobalToManaged::kStagedAttr); });
  }
};

} // namespace

void nnc::populateGpuManagedMemoryPatterns(RewritePatternSet &patterns) {
  patterns.add<AllocToManaged, DeallocToManaged, GlobalToManaged>(
      patterns.getContext());
}
