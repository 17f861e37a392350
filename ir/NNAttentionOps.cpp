//===- NNAttentionOps.cpp - Types and checks of nn.attention(_grad) -------===//
//
// The result type of scaled dot-product attention follows from the query and
// the value; the operands' shapes are checked against each other (batch,
// heads, sequence and head dimensions, grouped queries, the mask's
// broadcast) and the attributes against their ranges. nn.attention_grad
// checks the same operands, and its output against attention's result.
//
//===----------------------------------------------------------------------===//

#include "ir/Broadcast.h"
#include "ir/NNOps.h"

#include "mlir/IR/Diagnostics.h"

#include <cmath>

using namespace mlir;

namespace nnc::nn {

namespace {

/// The result type of attention of the query, key and value of `adaptor`
/// under its mask (if any), or failure (reported at `loc`) when they do not
/// fit.
template <typename Adaptor>
FailureOr<RankedTensorType> inferAttentionType(std::optional<Location> loc,
                                               Adaptor adaptor) {
  auto query = cast<RankedTensorType>(adaptor.getQuery().getType());
  auto key = cast<RankedTensorType>(adaptor.getKey().getType());
  auto value = cast<RankedTensorType>(adaptor.getValue().getType());
  Value mask = adaptor.getMask();
  if (failed(requireStatic(loc, query, "query")) ||
      failed(requireStatic(loc, key, "key")) ||
      failed(requireStatic(loc, value, "value")))
    return failure();
  if (query.getRank() != 4 || key.getRank() != 4 || value.getRank() != 4)
    return emitOptionalError(
        loc,
        "query, key and value must be [batch, heads, sequence, head "
        "dim] (rank 4), got ",
        formatShape(query.getShape()), ", ", formatShape(key.getShape()),
        " and ", formatShape(value.getShape()));
  if (key.getElementType() != query.getElementType() ||
      value.getElementType() != query.getElementType())
    return emitOptionalError(loc,
                             "query, key and value must have one "
                             "element type, got ",
                             query.getElementType(), ", ", key.getElementType(),
                             " and ", value.getElementType());
  ArrayRef<int64_t> q = query.getShape(), k = key.getShape(),
                    v = value.getShape();
  if (k[0] != q[0] || v[0] != q[0])
    return emitOptionalError(loc,
                             "query, key and value must have one batch "
                             "size, got ",
                             q[0], ", ", k[0], " and ", v[0]);
  if (v[1] != k[1] || v[2] != k[2])
    return emitOptionalError(loc,
                             "key and value must have the same heads "
                             "and sequence length, got ",
                             formatShape(k), " and ", formatShape(v));
  if (k[3] != q[3])
    return emitOptionalError(loc,
                             "query and key must have the same head "
                             "dimension, got ",
                             q[3], " and ", k[3]);
  if (k[1] == 0 || q[1] % k[1] != 0)
    return emitOptionalError(loc, "query heads (", q[1],
                             ") must be a "
                             "multiple of key/value heads (",
                             k[1], ")");
  if (mask) {
    auto maskType = cast<RankedTensorType>(mask.getType());
    if (failed(requireStatic(loc, maskType, "mask")))
      return failure();
    if (!maskType.getElementType().isInteger(1) &&
        maskType.getElementType() != query.getElementType())
      return emitOptionalError(loc,
                               "mask must be i1 or the query's element "
                               "type ",
                               query.getElementType(), ", got ",
                               maskType.getElementType());
    int64_t scores[] = {q[0], q[1], q[2], k[2]};
    if (!isBroadcastableTo(maskType.getShape(), scores))
      return emitOptionalError(
          loc, "mask of shape ", formatShape(maskType.getShape()),
          " does not broadcast to the scores ", formatShape(scores));
  }
  return RankedTensorType::get({q[0], q[1], q[2], v[3]},
                               query.getElementType());
}

/// Checks the window and scale attributes of `op`.
template <typename Op> LogicalResult verifyAttentionAttributes(Op op) {
  // I64Attr reads back unsigned; the window is a signed count.
  auto window = static_cast<int64_t>(op.getWindow());
  if (window < 0)
    return op.emitOpError("window must be 0 (none) or a positive number of "
                          "keys, got ")
           << window;
  if (std::optional<APFloat> scale = op.getScale())
    if (!scale->isFinite())
      return op.emitOpError("scale must be finite, got ")
             << scale->convertToDouble();
  return success();
}

/// The `scale` attribute of `op`, or `1 / sqrt(D)`.
template <typename Op> double scaleOrDefault(Op op) {
  if (std::optional<APFloat> scale = op.getScale())
    return scale->convertToDouble();
  return 1.0 /
         std::sqrt(static_cast<double>(op.getQuery().getType().getDimSize(3)));
}

} // namespace

LogicalResult AttentionOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  FailureOr<RankedTensorType> type = inferAttentionType(loc, adaptor);
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

LogicalResult AttentionOp::verify() { return verifyAttentionAttributes(*this); }

double AttentionOp::getScaleOrDefault() { return scaleOrDefault(*this); }

LogicalResult AttentionGradOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  FailureOr<RankedTensorType> type = inferAttentionType(loc, adaptor);
  if (failed(type))
    return failure();
  if (adaptor.getGradOutput().getType() != *type)
    return emitOptionalError(loc, "grad_output and output must have the type ",
                             *type, " of the attention result, got ",
                             adaptor.getGradOutput().getType());
  types.append({adaptor.getQuery().getType(), adaptor.getKey().getType(),
                adaptor.getValue().getType()});
  return success();
}

LogicalResult AttentionGradOp::verify() {
  return verifyAttentionAttributes(*this);
}

double AttentionGradOp::getScaleOrDefault() { return scaleOrDefault(*this); }

} // namespace nnc::nn
