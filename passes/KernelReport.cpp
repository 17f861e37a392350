//===- KernelReport.cpp - Loop nests and bytes each function runs ---------===//
//
// Counts, per function of a bufferized module, the kernels it runs (every
// structured op and buffer copy is one loop nest over memory, or one call of
// a runtime kernel later) and the bytes they touch (each operand buffer
// once per kernel), and prints one line per function to stderr. Run before
// and after a fusion, the two lines say how many kernels and how much
// memory traffic the fusion saved. Ops in a loop (scf.for, scf.parallel,
// scf.forall) with constant bounds count once per iteration; loops with
// run-time bounds count once. Bytes of buffers allocated inside a loop (the
// intermediates of one tile, which nnc-tile-and-fuse sizes to stay in
// cache) are also totalled apart.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace nnc {
#define GEN_PASS_DEF_KERNELREPORT
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// Kernels and bytes of one function.
struct Traffic {
  int64_t kernels = 0;
  int64_t bytes = 0;
  /// Of `bytes`, those of buffers allocated inside a loop.
  int64_t tileBytes = 0;
  bool runtimeTrips = false;
};

/// Bytes of a statically shaped memref operand, 0 for anything else.
int64_t bytesOf(Value value) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type || !type.hasStaticShape() || !type.getElementType().isIntOrFloat())
    return 0;
  return type.getNumElements() * static_cast<int64_t>(llvm::divideCeil(
                                     type.getElementTypeBitWidth(), 8));
}

/// How many times the body of `op`'s enclosing loops runs, as far as
/// constant bounds tell; `runtimeTrips` is set when some bound does not.
int64_t tripsAround(Operation *op, bool &runtimeTrips) {
  int64_t trips = 1;
  for (auto loop = op->getParentOfType<LoopLikeOpInterface>(); loop;
       loop = loop->getParentOfType<LoopLikeOpInterface>()) {
    std::optional<SmallVector<OpFoldResult>> lowerBounds =
        loop.getLoopLowerBounds();
    std::optional<SmallVector<OpFoldResult>> upperBounds =
        loop.getLoopUpperBounds();
    std::optional<SmallVector<OpFoldResult>> steps = loop.getLoopSteps();
    if (!lowerBounds || !upperBounds || !steps) {
      runtimeTrips = true;
      continue;
    }
    for (auto [lower, upper, step] :
         llvm::zip(*lowerBounds, *upperBounds, *steps)) {
      std::optional<int64_t> from = getConstantIntValue(lower);
      std::optional<int64_t> to = getConstantIntValue(upper);
      std::optional<int64_t> stride = getConstantIntValue(step);
      if (from && to && stride && *stride > 0)
        trips *= std::max<int64_t>(0, llvm::divideCeil(*to - *from, *stride));
      else
        runtimeTrips = true;
    }
  }
  return trips;
}

/// True when `buffer` is (a view of) an allocation made inside a loop.
bool isAllocatedInLoop(Value buffer) {
  while (Operation *def = buffer.getDefiningOp()) {
    if (isa<memref::AllocOp, memref::AllocaOp>(def))
      return def->getParentOfType<LoopLikeOpInterface>() != nullptr;
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      return false;
    buffer = view.getViewSource();
  }
  return false;
}

Traffic trafficOf(func::FuncOp func) {
  Traffic traffic;
  func.walk([&](Operation *op) {
    if (!isa<linalg::LinalgOp, memref::CopyOp>(op))
      return;
    int64_t trips = tripsAround(op, traffic.runtimeTrips);
    int64_t bytes = 0, tileBytes = 0;
    for (Value operand : op->getOperands()) {
      bytes += bytesOf(operand);
      if (isAllocatedInLoop(operand))
        tileBytes += bytesOf(operand);
    }
    traffic.kernels += trips;
    traffic.bytes += trips * bytes;
    traffic.tileBytes += trips * tileBytes;
  });
  return traffic;
}

struct KernelReportPass : nnc::impl::KernelReportBase<KernelReportPass> {
  using KernelReportBase::KernelReportBase;

  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      Traffic traffic = trafficOf(func);
      llvm::errs() << "kernel report";
      if (!label.empty())
        llvm::errs() << " (" << label << ")";
      llvm::errs() << ": @" << func.getName() << ": " << traffic.kernels
                   << " kernels, " << traffic.bytes << " bytes moved ("
                   << llvm::format("%.3f",
                                   static_cast<double>(traffic.bytes) / 1e6)
                   << " MB)";
      if (traffic.tileBytes != 0)
        llvm::errs() << ", " << traffic.tileBytes << " of them ("
                     << llvm::format("%.3f",
                                     static_cast<double>(traffic.tileBytes) /
                                         1e6)
                     << " MB) in buffers of one loop iteration";
      llvm::errs() << (traffic.runtimeTrips
                           ? " (loops with run-time bounds counted once)"
                           : "")
                   << "\n";
    }
  }
};

} // namespace
