//===- KernelReport.cpp - Loop nests and bytes each function runs ---------===//
//
// Counts, per function of a bufferized module, the kernels it runs (every
// structured op and buffer copy is one loop nest over memory, or one call of
// a runtime kernel later) and the bytes they touch (each operand buffer
// once per kernel), and prints one line per function to stderr. Run before
// and after a fusion, the two lines say how many kernels and how much
// memory traffic the fusion saved. Ops in an scf.for with constant bounds
// count once per iteration; loops with run-time bounds count once.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

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
  for (auto loop = op->getParentOfType<scf::ForOp>(); loop;
       loop = loop->getParentOfType<scf::ForOp>()) {
    std::optional<APInt> count = loop.getStaticTripCount();
    if (count)
      trips *= count->getSExtValue();
    else
      runtimeTrips = true;
  }
  return trips;
}

Traffic trafficOf(func::FuncOp func) {
  Traffic traffic;
  func.walk([&](Operation *op) {
    if (!isa<linalg::LinalgOp, memref::CopyOp>(op))
      return;
    int64_t trips = tripsAround(op, traffic.runtimeTrips);
    int64_t bytes = 0;
    for (Value operand : op->getOperands())
      bytes += bytesOf(operand);
    traffic.kernels += trips;
    traffic.bytes += trips * bytes;
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
                   << " MB)"
                   << (traffic.runtimeTrips
                           ? " (loops with run-time bounds counted once)"
                           : "")
                   << "\n";
    }
  }
};

} // namespace
