//===- AttentionGradient.cpp - Reverse-mode rule of nn.attention ----------===//
//
// The gradients of query, key and value are one nn.attention_grad, which
// nnc-flash-attention tiles as FlashAttention-2 does (memory linear in the
// sequence). An additive mask's gradient is the whole [Lq, Lk] gradient of
// the scores, so with one the rule builds the untiled gradient
// (ir/AttentionDecomposition.h) instead and sums that to the mask's shape.
//
//===----------------------------------------------------------------------===//

#include "ir/AttentionDecomposition.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

LogicalResult
AttentionOp::buildGradients(ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
                            SmallVectorImpl<Value> &operandGrads) {
  Value mask = getMask();
  if (mask && hasFloatElements(mask)) {
    AttentionGradients untiled = buildAttentionGradientDecomposition(
        b, attentionOperandsOf(*this), grads[0]);
    operandGrads[0] = untiled.query;
    operandGrads[1] = untiled.key;
    operandGrads[2] = untiled.value;
    operandGrads[3] = sumToShape(b, untiled.scores, tensorTypeOf(mask));
    return success();
  }
  auto tiled = AttentionGradOp::create(
      b, grads[0], getResult(), getQuery(), getKey(), getValue(), mask,
      getCausalAttr(), getWindowAttr(), getScaleAttr());
  operandGrads[0] = tiled.getQueryGrad();
  operandGrads[1] = tiled.getKeyGrad();
  operandGrads[2] = tiled.getValueGrad();
  return success();
}

} // namespace nnc::nn
