//===- AttentionGradient.cpp - Reverse-mode rule of nn.attention ----------===//
//
// The gradient of softmax(q k^T * scale + mask) v from recomputed
// probabilities P (FlashAttention's recomputation, untiled here):
// dV = P^T dO, dP = dO V^T, dS = P * (dP - rowsum(dP * P)), dQ = dS K scale,
// dK = dS^T Q scale, and the additive mask's gradient is dS summed to the
// mask's shape. Grouped queries share their key/value head through the
// [B, Hkv, G * Lq, ...] layout, so the matmuls sum over the group. Masked
// scores have P = 0 and get no gradient; fully masked rows give zeros.
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
  AttentionOperands operands = attentionOperandsOf(*this);
  AttentionDecomposition parts = buildAttentionDecomposition(b, operands);
  RankedTensorType probabilitiesType = tensorTypeOf(parts.probabilities);
  ArrayRef<int64_t> grouped = probabilitiesType.getShape();
  int64_t valueDim = getValue().getType().getDimSize(3);

  Value outputGrad = ReshapeOp::create(
      b, grads[0],
      ArrayRef<int64_t>{grouped[0], grouped[1], grouped[2], valueDim});
  Value valueGrad =
      MatmulOp::create(b, transposeLastTwo(b, parts.probabilities), outputGrad);
  Value probabilitiesGrad =
      MatmulOp::create(b, outputGrad, transposeLastTwo(b, operands.value));
  Value rowDot = ReduceSumOp::create(
      b, MulOp::create(b, probabilitiesGrad, parts.probabilities),
      ArrayRef<int64_t>{3}, /*keepdim=*/true);
  Value scoresGrad = MulOp::create(b, parts.probabilities,
                                   SubOp::create(b, probabilitiesGrad, rowDot));

  Value scale = scalarLike(b, scoresGrad, operands.scale);
  Value queryGrad =
      MulOp::create(b, MatmulOp::create(b, scoresGrad, operands.key), scale);
  Value keyGrad = MulOp::create(
      b,
      MatmulOp::create(b, transposeLastTwo(b, scoresGrad), parts.groupedQuery),
      scale);
  operandGrads[0] =
      ReshapeOp::create(b, queryGrad, getQuery().getType().getShape());
  operandGrads[1] = keyGrad;
  operandGrads[2] = valueGrad;
  if (Value mask = getMask(); mask && hasFloatElements(mask)) {
    RankedTensorType resultType = tensorTypeOf(getResult());
    Value perHead = ReshapeOp::create(
        b, scoresGrad,
        ArrayRef<int64_t>{resultType.getDimSize(0), resultType.getDimSize(1),
                          resultType.getDimSize(2), grouped[3]});
    operandGrads[3] = sumToShape(b, perHead, tensorTypeOf(mask));
  }
  return success();
}

} // namespace nnc::nn
