//===- Broadcast.h - numpy broadcasting of static shapes --------*- C++ -*-===//
//
// Shape arithmetic shared by the verifiers and by every lowering that has to
// stretch an operand: the broadcast result shape, and how one operand's
// dimensions map onto it.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_BROADCAST_H
#define NNC_IR_BROADCAST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace nnc::nn {

/// The numpy broadcast of two shapes, or nothing where a pair of aligned
/// extents differs and neither is 1.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs);

/// Whether `from` broadcasts to exactly `to`.
bool isBroadcastableTo(llvm::ArrayRef<int64_t> from,
                       llvm::ArrayRef<int64_t> to);

/// Formats a shape as `8x64` (`scalar` for rank 0), as diagnostics print it.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

} // namespace nnc::nn

#endif // NNC_IR_BROADCAST_H
