//===- NNNormOps.cpp - Verifiers of the normalization ops -----------------===//
//
// Result types and attribute checks of batch_norm, layer_norm and rms_norm:
// per-channel operands must match the input's channel count, per-feature
// operands its trailing shape.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/Broadcast.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace nnc::nn;

/// `eps` is added to a variance before its root is taken.
static LogicalResult verifyEps(Operation *op, double eps) {
  if (!(eps >= 0.0))
    return op->emitOpError("eps must be non-negative, got ") << eps;
  return success();
}

//===----------------------------------------------------------------------===//
// BatchNormOp
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(requireStatic(loc, input, "input")))
    return failure();
  if (input.getRank() < 2)
    return emitOptionalError(loc, "input must be [N, C, ...] with rank >= 2, "
                             "got ", formatShape(input.getShape()));
  auto channels =
      RankedTensorType::get({input.getDimSize(1)}, input.getElementType());
  std::pair<StringRef, Type> perChannel[] = {
      {"weight", adaptor.getWeight().getType()},
      {"bias", adaptor.getBias().getType()},
      {"running_mean", adaptor.getRunningMean().getType()},
      {"running_var", adaptor.getRunningVar().getType()}};
  for (auto [name, type] : perChannel)
    if (type != channels)
      return emitOptionalError(loc, name, " must be ", channels,
                               " (one value per channel of ", input,
                               "), got ", type);
  types.append({input, channels, channels});
  return success();
}

int64_t BatchNormOp::getValuesPerChannel() {
  RankedTensorType type = getInput().getType();
  return type.getNumElements() / type.getDimSize(1);
}

LogicalResult BatchNormOp::verify() {
  if (failed(verifyEps(*this, getEps().convertToDouble())))
    return failure();
  double momentum = getMomentum().convertToDouble();
  if (!(momentum >= 0.0 && momentum <= 1.0))
    return emitOpError("momentum must be in [0, 1], got ") << momentum;
  if (getTraining() && getValuesPerChannel() < 2)
    return emitOpError("in training mode needs more than one value per "
                       "channel to take a variance, got input ")
           << getInput().getType();
  return success();
}

//===----------------------------------------------------------------------===//
// LayerNormOp and RmsNormOp
//===----------------------------------------------------------------------===//

/// `input`'s type after checking that `weight` (and `bias`, where there is
/// one) covers its trailing dimensions.
static LogicalResult inferTrailingNormType(std::optional<Location> loc,
                                           Type inputType, Type weightType,
                                           std::optional<Type> biasType,
                                           SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(inputType);
  auto weight = cast<RankedTensorType>(weightType);
  if (failed(requireStatic(loc, input, "input")) ||
      failed(requireStatic(loc, weight, "weight")))
    return failure();
  ArrayRef<int64_t> shape = input.getShape();
  ArrayRef<int64_t> normalized = weight.getShape();
  if (weight.getRank() < 1 || weight.getRank() > input.getRank() ||
      shape.take_back(normalized.size()) != normalized ||
      weight.getElementType() != input.getElementType())
    return emitOptionalError(loc, "weight must have the input's element type "
                             "and a shape of 1 to ", input.getRank(),
                             " trailing dimensions of the input ",
                             formatShape(shape), ", got ", weight);
  if (biasType && *biasType != weight)
    return emitOptionalError(loc, "bias must have the weight's type ", weight,
                             ", got ", *biasType);
  types.push_back(input);
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  return inferTrailingNormType(loc, adaptor.getInput().getType(),
                               adaptor.getWeight().getType(),
                               adaptor.getBias().getType(), types);
}

LogicalResult LayerNormOp::verify() {
  return verifyEps(*this, getEps().convertToDouble());
}

LogicalResult RmsNormOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return inferTrailingNormType(loc, adaptor.getInput().getType(),
                               adaptor.getWeight().getType(), std::nullopt,
                               types);
}

LogicalResult RmsNormOp::verify() {
  return verifyEps(*this, getEps().convertToDouble());
}
