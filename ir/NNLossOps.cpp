//===- NNLossOps.cpp - Type inference of the likelihood losses ------------===//
//
// Result types of binary cross-entropy (on probabilities and on logits),
// nll_loss and gaussian_kl_div: the operands' shapes are checked against each
// other, then the reduction decides between a rank-0 loss and one value per
// element (per target position for nll_loss).
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/Broadcast.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace nnc::nn {

LogicalResult BinaryCrossEntropyOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  return inferSameTypeLossType(loc, adaptor, types);
}

LogicalResult BinaryCrossEntropyWithLogitsOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  return inferSameTypeLossType(loc, adaptor, types);
}

LogicalResult NllLossOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  auto target = cast<RankedTensorType>(adaptor.getTarget().getType());
  if (failed(requireStatic(loc, input, "input")) ||
      failed(requireStatic(loc, target, "target")))
    return failure();
  if (input.getRank() < 2)
    return emitOptionalError(loc, "input must be log-probabilities [N, C] or "
                             "[N, C, d1, ...], got ",
                             formatShape(input.getShape()));
  SmallVector<int64_t> positions(input.getShape());
  positions.erase(positions.begin() + 1);
  if (target.getShape() != ArrayRef<int64_t>(positions))
    return emitOptionalError(loc, "target must hold one class index per "
                             "position, shape ", formatShape(positions),
                             " for input ", formatShape(input.getShape()),
                             ", got ", formatShape(target.getShape()));
  return inferLossType(loc, reductionOf(adaptor), positions,
                       input.getElementType(), types);
}

LogicalResult NllLossOp::verify() {
  unsigned width = getTarget().getType().getElementTypeBitWidth();
  auto ignoreIndex = static_cast<int64_t>(getIgnoreIndex());
  if (!llvm::isIntN(width, ignoreIndex))
    return emitOpError("ignore_index ")
           << ignoreIndex << " does not fit the targets' type "
           << getTarget().getType().getElementType();
  return success();
}

LogicalResult GaussianKlDivOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  auto type = cast<RankedTensorType>(adaptor.getMuQ().getType());
  if (failed(requireStatic(loc, type, "mu_q")))
    return failure();
  Type others[] = {adaptor.getLogvarQ().getType(), adaptor.getMuP().getType(),
                   adaptor.getLogvarP().getType()};
  for (Type other : others)
    if (other != type)
      return emitOptionalError(loc, "mu_q, logvar_q, mu_p and logvar_p must "
                               "have the same type, got ", type, ", ",
                               others[0], ", ", others[1], " and ",
                               others[2]);
  return inferLossType(loc, reductionOf(adaptor), type.getShape(),
                       type.getElementType(), types);
}

} // namespace nnc::nn
