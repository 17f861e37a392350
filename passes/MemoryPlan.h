//===- MemoryPlan.h - What nnc-memory-plan records --------------*- C++ -*-===//
//
// nnc-memory-plan records on each function it plans the bytes of its arenas
// and the bytes of the intermediate buffers they replaced; the compiler reads
// them off the lowered module into the model metadata.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_MEMORYPLAN_H
#define NNC_PASSES_MEMORYPLAN_H

#include "mlir/IR/Operation.h"

#include <cstdint>

namespace nnc {

/// Function attribute: bytes of the function's arenas, added up.
inline constexpr llvm::StringLiteral kArenaBytesAttrName = "nnc.arena_bytes";
/// Function attribute: bytes of every buffer planned into them, added up.
inline constexpr llvm::StringLiteral kIntermediateBytesAttrName =
    "nnc.intermediate_bytes";

/// The memory plan of a function.
struct MemoryPlanStats {
  int64_t arenaBytes = 0;
  int64_t intermediateBytes = 0;
};

/// The two attributes above on `function` (zero where absent, or where
/// `function` is null). They survive lowering to the LLVM dialect.
MemoryPlanStats readMemoryPlanStats(mlir::Operation *function);

} // namespace nnc

#endif // NNC_PASSES_MEMORYPLAN_H
