//===- AttentionDecomposition.h - Untiled nn.attention ---------*- C++ -*-===//
//
// The untiled form of scaled dot-product attention in plain nn ops: scores,
// masks, a softmax that gives zeros for fully masked rows, and the weighted
// sum of values. It is attention's reference lowering and the forward
// recomputation its gradient rule starts from.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_IR_ATTENTIONDECOMPOSITION_H
#define NNC_IR_ATTENTIONDECOMPOSITION_H

#include "ir/NNOps.h"

#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/Value.h"

namespace nnc::nn {

/// The operands and attributes of one nn.attention.
struct AttentionOperands {
  mlir::Value query, key, value;
  /// Null when the op has no mask.
  mlir::Value mask;
  bool causal = false;
  int64_t window = 0;
  double scale = 1.0;
};

/// The values of the untiled form. Grouped queries are laid out as
/// `[B, Hkv, G * Lq, ...]` (G = Hq / Hkv query heads per key/value head),
/// a reshape of `[B, Hq, Lq, ...]`, so each group meets its keys and values
/// in one batched matmul without copying them.
struct AttentionDecomposition {
  /// The query as `[B, Hkv, G * Lq, D]`.
  mlir::Value groupedQuery;
  /// The softmax of the masked scores, `[B, Hkv, G * Lq, Lk]`; rows whose
  /// keys are all masked out are zeros.
  mlir::Value probabilities;
  /// The attention output, `[B, Hq, Lq, Dv]`.
  mlir::Value result;
};

/// The operands and attributes of `op`.
AttentionOperands attentionOperandsOf(AttentionOp op);

/// Builds attention at `b`'s insertion point out of nn ops.
AttentionDecomposition
buildAttentionDecomposition(mlir::ImplicitLocOpBuilder &b,
                            const AttentionOperands &operands);

/// Whether query `i` may see key `j` under `causal` and `window` (0 = no
/// window): `j <= i` when causal, `|i - j| < window` when windowed.
inline bool isKeyVisible(int64_t i, int64_t j, bool causal, int64_t window) {
  if (causal && j > i)
    return false;
  return window == 0 || (i - j < window && j - i < window);
}

} // namespace nnc::nn

#endif // NNC_IR_ATTENTIONDECOMPOSITION_H
