//===- AttentionDecomposition.cpp - Attention as matmuls and softmax ------===//
//
// Scores are one batched matmul of the grouped query with the transposed
// keys; additive masks are added, boolean, causal and window masks replace
// masked scores by -inf; the softmax subtracts the row maximum (0 for a row
// that is all -inf, so that it gives zeros rather than NaN, and held out of
// differentiation: the softmax does not depend on it) and divides by the
// row sum (1 where the sum is 0). The gradient starts from these
// probabilities; grouped queries share their key/value head through the
// [B, Hkv, G * Lq, ...] layout, so its matmuls sum over the group. Masked
// scores have P = 0 and get no gradient; fully masked rows give zeros.
//
//===----------------------------------------------------------------------===//

#include "ir/AttentionDecomposition.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <limits>

using namespace mlir;

namespace nnc::nn {

namespace {

/// The `[Lq, Lk]` i1 constant that says which keys each query may see under
/// causal and window masking.
Value positionMask(ImplicitLocOpBuilder &b, int64_t queries, int64_t keys,
                   bool causal, int64_t window) {
  SmallVector<bool> visible;
  visible.reserve(queries * keys);
  for (int64_t i = 0; i < queries; ++i)
    for (int64_t j = 0; j < keys; ++j)
      visible.push_back(isKeyVisible(i, j, causal, window));
  auto type = RankedTensorType::get({queries, keys}, b.getI1Type());
  return arith::ConstantOp::create(b, DenseElementsAttr::get(type, visible));
}

/// `value` where `condition` holds, `constant` elsewhere.
Value selectOr(ImplicitLocOpBuilder &b, Value condition, Value value,
               double constant) {
  return SelectOp::create(b, condition, value, scalarLike(b, value, constant));
}

} // namespace

AttentionOperands attentionOperandsOf(AttentionOp op) {
  return {op.getQuery(),         op.getKey(),
          op.getValue(),         op.getMask(),
          op.getCausal(),        static_cast<int64_t>(op.getWindow()),
          op.getScaleOrDefault()};
}

AttentionOperands attentionOperandsOf(AttentionGradOp op) {
  return {op.getQuery(),         op.getKey(),
          op.getValue(),         op.getMask(),
          op.getCausal(),        static_cast<int64_t>(op.getWindow()),
          op.getScaleOrDefault()};
}

AttentionDecomposition
buildAttentionDecomposition(ImplicitLocOpBuilder &b,
                            const AttentionOperands &operands) {
  ArrayRef<int64_t> q = tensorTypeOf(operands.query).getShape();
  ArrayRef<int64_t> k = tensorTypeOf(operands.key).getShape();
  int64_t batch = q[0], heads = q[1], queries = q[2], kvHeads = k[1],
          keys = k[2];
  int64_t groupRows = heads / kvHeads * queries;
  int64_t valueDim = tensorTypeOf(operands.value).getDimSize(3);
  const double inf = std::numeric_limits<double>::infinity();

  AttentionDecomposition parts;
  parts.groupedQuery = ReshapeOp::create(
      b, operands.query, ArrayRef<int64_t>{batch, kvHeads, groupRows, q[3]});
  Value scores = MatmulOp::create(b, parts.groupedQuery,
                                  transposeLastTwo(b, operands.key));
  scores = MulOp::create(b, scores, scalarLike(b, scores, operands.scale));
  scores = ReshapeOp::create(b, scores,
                             ArrayRef<int64_t>{batch, heads, queries, keys});

  Value keep;
  if (operands.mask) {
    if (tensorTypeOf(operands.mask).getElementType().isInteger(1))
      keep = operands.mask;
    else
      scores = AddOp::create(b, scores, operands.mask);
  }
  if (operands.causal || operands.window > 0) {
    Value visible =
        positionMask(b, queries, keys, operands.causal, operands.window);
    keep =
        keep ? SelectOp::create(
                   b, keep, visible,
                   arith::ConstantOp::create(
                       b, DenseElementsAttr::get(
                              RankedTensorType::get({}, b.getI1Type()), false)))
             : visible;
  }
  if (keep)
    scores = selectOr(b, keep, scores, -inf);

  Value rowMax = ReduceMaxOp::create(b, scores, ArrayRef<int64_t>{3},
                                     /*keepdim=*/true);
  Value allMasked = CompareOp::create(b, ComparePredicate::eq, rowMax,
                                      scalarLike(b, rowMax, -inf));
  Value shift = StopGradientOp::create(
      b, SelectOp::create(b, allMasked, scalarLike(b, rowMax, 0.0), rowMax));
  Value exps = ExpOp::create(b, SubOp::create(b, scores, shift));
  Value rowSum = ReduceSumOp::create(b, exps, ArrayRef<int64_t>{3},
                                     /*keepdim=*/true);
  Value emptyRow = CompareOp::create(b, ComparePredicate::eq, rowSum,
                                     scalarLike(b, rowSum, 0.0));
  Value denominator =
      SelectOp::create(b, emptyRow, scalarLike(b, rowSum, 1.0), rowSum);
  Value probabilities = DivOp::create(b, exps, denominator);

  parts.probabilities = ReshapeOp::create(
      b, probabilities, ArrayRef<int64_t>{batch, kvHeads, groupRows, keys});
  Value output = MatmulOp::create(b, parts.probabilities, operands.value);
  parts.result = ReshapeOp::create(
      b, output, ArrayRef<int64_t>{batch, heads, queries, valueDim});
  return parts;
}

AttentionGradients
buildAttentionGradientDecomposition(ImplicitLocOpBuilder &b,
                                    const AttentionOperands &operands,
                                    Value outputGrad) {
  AttentionDecomposition parts = buildAttentionDecomposition(b, operands);
  ArrayRef<int64_t> grouped = tensorTypeOf(parts.probabilities).getShape();
  ArrayRef<int64_t> result = tensorTypeOf(parts.result).getShape();
  int64_t valueDim = result[3];

  Value groupedOutputGrad = ReshapeOp::create(
      b, outputGrad,
      ArrayRef<int64_t>{grouped[0], grouped[1], grouped[2], valueDim});
  AttentionGradients grads;
  grads.value = MatmulOp::create(b, transposeLastTwo(b, parts.probabilities),
                                 groupedOutputGrad);
  Value probabilitiesGrad = MatmulOp::create(
      b, groupedOutputGrad, transposeLastTwo(b, operands.value));
  Value rowDot = ReduceSumOp::create(
      b, MulOp::create(b, probabilitiesGrad, parts.probabilities),
      ArrayRef<int64_t>{3}, /*keepdim=*/true);
  Value scoresGrad = MulOp::create(b, parts.probabilities,
                                   SubOp::create(b, probabilitiesGrad, rowDot));

  Value scale = scalarLike(b, scoresGrad, operands.scale);
  Value queryGrad =
      MulOp::create(b, MatmulOp::create(b, scoresGrad, operands.key), scale);
  grads.query =
      ReshapeOp::create(b, queryGrad, tensorTypeOf(operands.query).getShape());
  grads.key = MulOp::create(
      b,
      MatmulOp::create(b, transposeLastTwo(b, scoresGrad), parts.groupedQuery),
      scale);
  grads.scores = ReshapeOp::create(
      b, scoresGrad,
      ArrayRef<int64_t>{result[0], result[1], result[2], grouped[3]});
  return grads;
}

} // namespace nnc::nn
