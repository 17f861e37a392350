//===- ReductionCombiner.h - The op a reduction folds with ------*- C++ -*-===//
//
// Two passes need the op that folds each element into a reduction's
// output: nnc-reassociate-reductions marks it reassociable, nnc-vectorize
// keeps vectors of partial results with it.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_REDUCTIONCOMBINER_H
#define NNC_PASSES_REDUCTIONCOMBINER_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace nnc {

/// The op of `op`'s body that folds the next element into the accumulator
/// of output `init` and is yielded for it, when the output accumulates over
/// every reduction loop (its indexing map uses none of them), the op is a
/// floating-point add, multiply, maximum or minimum (associative and
/// commutative) of the accumulator and one other value, and it is the
/// accumulator's only user; null otherwise.
mlir::Operation *reductionCombiner(mlir::linalg::GenericOp op,
                                   mlir::OpOperand &init);

} // namespace nnc

#endif // NNC_PASSES_REDUCTIONCOMBINER_H
