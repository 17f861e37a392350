//===- AttentionDecomposition.h - Untiled nn.attention ---------*- C++ -*-===//
//
// The untiled form of scaled dot-product attention in plain nn ops: scores,
// masks, a softmax that gives zeros for fully masked rows, and the weighted
// sum of values; and the untiled form of its gradient. They are the
// reference lowerings of nn.attention and nn.attention_grad, and the
// gradient rule's form where an additive mask needs its gradient.
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

/// The gradients of attention with respect to its operands.
struct AttentionGradients {
  mlir::Value query, key, value;
  /// The gradient of the masked scores, `[B, Hq, Lq, Lk]` (what an additive
  /// mask's gradient sums to the mask's shape).
  mlir::Value scores;
};

/// The operands and attributes of `op`.
AttentionOperands attentionOperandsOf(AttentionOp op);
AttentionOperands attentionOperandsOf(AttentionGradOp op);

/// Builds attention at `b`'s insertion point out of nn ops.
AttentionDecomposition
buildAttentionDecomposition(mlir::ImplicitLocOpBuilder &b,
                            const AttentionOperands &operands);

/// Builds the gradients of attention given `outputGrad`, the gradient of
/// its result, from the recomputed untiled probabilities P:
/// dV = P^T dO, dP = dO V^T, dS = P * (dP - rowsum(dP * P)),
/// dQ = dS K scale, dK = dS^T Q scale.
AttentionGradients
buildAttentionGradientDecomposition(mlir::ImplicitLocOpBuilder &b,
                                    const AttentionOperands &operands,
                                    mlir::Value outputGrad);

/// Whether query `i` may see key `j` under `causal` and `window` (0 = no
/// window): `j <= i` when causal, `|i - j| < window` when windowed.
inline bool isKeyVisible(int64_t i, int64_t j, bool causal, int64_t window) {
  if (causal && j > i)
    return false;
  return window == 0 || (i - j < window && j - i < window);
}

} // namespace nnc::nn

#endif // NNC_IR_ATTENTIONDECOMPOSITION_H
