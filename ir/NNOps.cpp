//===- NNOps.cpp - Verifiers and result-type inference of nn ops ----------===//

#include "ir/NNOps.h"
#include "ir/Broadcast.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace nnc::nn;

namespace nnc::nn {

std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

LogicalResult requireStatic(std::optional<Location> loc, RankedTensorType type,
                            StringRef what) {
  if (!type.hasStaticShape())
    return emitOptionalError(loc, what, " must have a static shape, got ",
                             type);
  return success();
}

LogicalResult inferBroadcastBinaryType(std::optional<Location> loc, Type lhs,
                                       Type rhs,
                                       SmallVectorImpl<Type> &types) {
  auto lhsType = cast<RankedTensorType>(lhs);
  auto rhsType = cast<RankedTensorType>(rhs);
  if (failed(requireStatic(loc, lhsType, "lhs")) ||
      failed(requireStatic(loc, rhsType, "rhs")))
    return failure();
  if (lhsType.getElementType() != rhsType.getElementType())
    return emitOptionalError(loc, "operands must have the same element type, "
                             "got ", lhsType.getElementType(), " and ",
                             rhsType.getElementType());
  auto shape = broadcastShapes(lhsType.getShape(), rhsType.getShape());
  if (!shape)
    return emitOptionalError(loc, "shapes ", formatShape(lhsType.getShape()),
                             " and ", formatShape(rhsType.getShape()),
                             " do not broadcast");
  types.push_back(RankedTensorType::get(*shape, lhsType.getElementType()));
  return success();
}

LogicalResult inferReductionType(std::optional<Location> loc, Type input,
                                 ArrayRef<int64_t> axes, bool keepdim,
                                 SmallVectorImpl<Type> &types) {
  auto type = cast<RankedTensorType>(input);
  if (failed(requireStatic(loc, type, "input")))
    return failure();
  int64_t rank = type.getRank();
  llvm::SmallVector<bool> reduced(rank, axes.empty());
  for (int64_t axis : axes) {
    auto normalized = normalizeAxis(axis, rank);
    if (!normalized)
      return emitOptionalError(loc, "axis ", axis,
                               " is out of range for rank ", rank);
    if (reduced[*normalized])
      return emitOptionalError(loc, "axis ", axis, " is listed twice");
    reduced[*normalized] = true;
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduced[d])
      shape.push_back(type.getDimSize(d));
    else if (keepdim)
      shape.push_back(1);
  }
  types.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

} // namespace nnc::nn

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto lhs = cast<RankedTensorType>(adaptor.getLhs().getType());
  auto rhs = cast<RankedTensorType>(adaptor.getRhs().getType());
  if (failed(requireStatic(loc, lhs, "lhs")) ||
      failed(requireStatic(loc, rhs, "rhs")))
    return failure();
  if (lhs.getRank() < 2 || rhs.getRank() < 2)
    return emitOptionalError(loc, "operands must have rank >= 2, got ranks ",
                             lhs.getRank(), " and ", rhs.getRank());
  if (lhs.getElementType() != rhs.getElementType())
    return emitOptionalError(loc, "operands must have the same element type, "
                             "got ", lhs.getElementType(), " and ",
                             rhs.getElementType());
  int64_t k = lhs.getShape().back();
  int64_t rhsK = rhs.getShape()[rhs.getRank() - 2];
  if (k != rhsK)
    return emitOptionalError(loc, "contraction dimensions differ: lhs ",
                             formatShape(lhs.getShape()), " has K = ", k,
                             ", rhs ", formatShape(rhs.getShape()),
                             " has K = ", rhsK);
  auto batch = broadcastShapes(lhs.getShape().drop_back(2),
                               rhs.getShape().drop_back(2));
  if (!batch)
    return emitOptionalError(loc, "batch dimensions of ",
                             formatShape(lhs.getShape()), " and ",
                             formatShape(rhs.getShape()), " do not broadcast");
  SmallVector<int64_t> shape(*batch);
  shape.push_back(lhs.getShape()[lhs.getRank() - 2]);
  shape.push_back(rhs.getShape().back());
  types.push_back(RankedTensorType::get(shape, lhs.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Activations with attributes
//===----------------------------------------------------------------------===//

LogicalResult GeluOp::verify() {
  if (getApproximate() != "none" && getApproximate() != "tanh")
    return emitOpError("approximate must be \"none\" or \"tanh\", got \"")
           << getApproximate() << "\"";
  return success();
}

LogicalResult SoftplusOp::verify() {
  if (getBeta().convertToDouble() == 0.0)
    return emitOpError("beta must be non-zero");
  return success();
}

/// Softmax-like ops name one axis of their input.
template <typename AxisOp>
static LogicalResult verifyAxisOp(AxisOp op) {
  int64_t rank = op.getInput().getType().getRank();
  // I64Attr's getter returns uint64_t; the axis is signed.
  auto axis = static_cast<int64_t>(op.getAxis());
  if (!normalizeAxis(axis, rank))
    return op.emitOpError("axis ")
           << axis << " is out of range for rank " << rank;
  return success();
}

LogicalResult SoftmaxOp::verify() { return verifyAxisOp(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifyAxisOp(*this); }

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(requireStatic(loc, input, "input")))
    return failure();
  SmallVector<int64_t> shape(adaptor.getShape());
  int64_t known = 1;
  std::optional<size_t> inferred;
  for (auto [i, extent] : llvm::enumerate(shape)) {
    if (extent == -1) {
      if (inferred)
        return emitOptionalError(loc, "at most one extent may be -1");
      inferred = i;
    } else if (extent < 0) {
      return emitOptionalError(loc, "extent ", extent, " is negative");
    } else {
      known *= extent;
    }
  }
  int64_t count = input.getNumElements();
  if (inferred) {
    if (known == 0)
      return emitOptionalError(loc, "extent -1 is ambiguous next to an "
                               "extent of 0");
    if (count % known != 0)
      return emitOptionalError(loc, "cannot reshape ",
                               formatShape(input.getShape()), " (", count,
                               " elements) to a shape with a multiple of ",
                               known, " elements");
    shape[*inferred] = count / known;
  } else if (known != count) {
    return emitOptionalError(loc, "cannot reshape ",
                             formatShape(input.getShape()), " (", count,
                             " elements) to ", formatShape(shape), " (",
                             known, " elements)");
  }
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(requireStatic(loc, input, "input")))
    return failure();
  ArrayRef<int64_t> perm = adaptor.getPerm();
  int64_t rank = input.getRank();
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitOptionalError(loc, "perm has ", perm.size(),
                             " entries for an input of rank ", rank);
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return emitOptionalError(loc, "perm must be a permutation of 0..",
                               rank - 1);
    seen[p] = true;
    shape.push_back(input.getDimSize(p));
  }
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult BroadcastToOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(requireStatic(loc, input, "input")))
    return failure();
  ArrayRef<int64_t> shape = adaptor.getShape();
  if (llvm::any_of(shape, [](int64_t e) { return e < 0; }))
    return emitOptionalError(loc, "target extents must be non-negative");
  if (!isBroadcastableTo(input.getShape(), shape))
    return emitOptionalError(loc, "cannot broadcast ",
                             formatShape(input.getShape()), " to ",
                             formatShape(shape));
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(requireStatic(loc, input, "input")))
    return failure();
  int64_t rank = input.getRank();
  ArrayRef<int64_t> starts = adaptor.getStarts();
  ArrayRef<int64_t> limits = adaptor.getLimits();
  SmallVector<int64_t> steps(rank, 1);
  if (auto given = adaptor.getSteps())
    steps.assign(given->begin(), given->end());
  if (static_cast<int64_t>(starts.size()) != rank ||
      static_cast<int64_t>(limits.size()) != rank ||
      static_cast<int64_t>(steps.size()) != rank)
    return emitOptionalError(loc, "starts, limits and steps need one entry "
                             "per dimension (", rank, ")");
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t extent = input.getDimSize(d);
    if (starts[d] < 0 || starts[d] > limits[d] || limits[d] > extent)
      return emitOptionalError(loc, "dimension ", d, ": need 0 <= start <= "
                               "limit <= ", extent, ", got start ", starts[d],
                               " and limit ", limits[d]);
    if (steps[d] < 1)
      return emitOptionalError(loc, "dimension ", d,
                               ": step must be positive, got ", steps[d]);
    shape.push_back((limits[d] - starts[d] + steps[d] - 1) / steps[d]);
  }
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  if (adaptor.getInputs().empty())
    return emitOptionalError(loc, "needs at least one input");
  auto first = cast<RankedTensorType>(adaptor.getInputs()[0].getType());
  int64_t rank = first.getRank();
  auto axis = normalizeAxis(adaptor.getAxis(), rank);
  if (!axis)
    return emitOptionalError(loc, "axis ",
                             static_cast<int64_t>(adaptor.getAxis()),
                             " is out of range for rank ", rank);
  SmallVector<int64_t> shape(first.getShape());
  shape[*axis] = 0;
  for (auto [i, value] : llvm::enumerate(adaptor.getInputs())) {
    auto type = cast<RankedTensorType>(value.getType());
    if (failed(requireStatic(loc, type, "input")))
      return failure();
    if (type.getElementType() != first.getElementType() ||
        type.getRank() != rank)
      return emitOptionalError(loc, "input #", i, " has type ", type,
                               ", expected rank ", rank, " and element type ",
                               first.getElementType());
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis && type.getDimSize(d) != first.getDimSize(d))
        return emitOptionalError(loc, "input #", i, " has shape ",
                                 formatShape(type.getShape()),
                                 ", which differs from ",
                                 formatShape(first.getShape()),
                                 " outside axis ", *axis);
    shape[*axis] += type.getDimSize(*axis);
  }
  types.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Comparison and selection
//===----------------------------------------------------------------------===//

LogicalResult CompareOp::inferReturnTypes(MLIRContext *context,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  SmallVector<Type> broadcast;
  if (failed(inferBroadcastBinaryType(loc, adaptor.getLhs().getType(),
                                      adaptor.getRhs().getType(), broadcast)))
    return failure();
  types.push_back(RankedTensorType::get(
      cast<RankedTensorType>(broadcast.front()).getShape(),
      IntegerType::get(context, 1)));
  return success();
}

LogicalResult SelectOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  SmallVector<Type> values;
  if (failed(inferBroadcastBinaryType(loc, adaptor.getTrueValue().getType(),
                                      adaptor.getFalseValue().getType(),
                                      values)))
    return failure();
  auto valueType = cast<RankedTensorType>(values.front());
  auto condition = cast<RankedTensorType>(adaptor.getCondition().getType());
  if (failed(requireStatic(loc, condition, "condition")))
    return failure();
  auto shape = broadcastShapes(condition.getShape(), valueType.getShape());
  if (!shape)
    return emitOptionalError(loc, "condition shape ",
                             formatShape(condition.getShape()),
                             " does not broadcast with the values' shape ",
                             formatShape(valueType.getShape()));
  types.push_back(RankedTensorType::get(*shape, valueType.getElementType()));
  return success();
}

LogicalResult OneHotOp::verify() {
  ArrayRef<int64_t> labels = getLabels().getType().getShape();
  ArrayRef<int64_t> result = getResult().getType().getShape();
  if (result.size() != labels.size() + 1 ||
      result.drop_back() != labels || result.back() < 1)
    return emitOpError("result shape must be the labels' shape ")
           << formatShape(labels) << " followed by a positive class count, "
           << "got " << formatShape(result);
  return success();
}

LogicalResult SliceScatterOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  auto source = cast<RankedTensorType>(adaptor.getSource().getType());
  if (failed(requireStatic(loc, input, "input")) ||
      failed(requireStatic(loc, source, "source")))
    return failure();
  if (input.getElementType() != source.getElementType())
    return emitOptionalError(loc, "input and source must have the same "
                             "element type, got ", input.getElementType(),
                             " and ", source.getElementType());
  int64_t rank = input.getRank();
  ArrayRef<int64_t> starts = adaptor.getStarts();
  SmallVector<int64_t> steps(rank, 1);
  if (auto given = adaptor.getSteps())
    steps.assign(given->begin(), given->end());
  if (source.getRank() != rank ||
      static_cast<int64_t>(starts.size()) != rank ||
      static_cast<int64_t>(steps.size()) != rank)
    return emitOptionalError(loc, "source, starts and steps need the input's "
                             "rank (", rank, ")");
  for (int64_t d = 0; d < rank; ++d) {
    if (steps[d] < 1)
      return emitOptionalError(loc, "dimension ", d,
                               ": step must be positive, got ", steps[d]);
    int64_t extent = source.getDimSize(d);
    if (starts[d] < 0 ||
        (extent > 0 && starts[d] + (extent - 1) * steps[d] >=
                           input.getDimSize(d)))
      return emitOptionalError(loc, "dimension ", d, ": ", extent,
                               " elements from ", starts[d], " by ",
                               steps[d], " do not fit in ",
                               input.getDimSize(d));
  }
  types.push_back(input);
  return success();
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

namespace nnc::nn {

StringRef reductionOf(StringAttr fromProperties, DictionaryAttr attributes) {
  StringAttr attr = inherentAttr(fromProperties, attributes, "reduction");
  return attr ? attr.getValue() : StringRef("mean");
}

LogicalResult inferLossType(std::optional<Location> loc, StringRef reduction,
                            ArrayRef<int64_t> shape, Type elementType,
                            SmallVectorImpl<Type> &types) {
  if (reduction == "none")
    types.push_back(RankedTensorType::get(shape, elementType));
  else if (reduction == "mean" || reduction == "sum")
    types.push_back(RankedTensorType::get({}, elementType));
  else
    return emitOptionalError(loc, "reduction must be \"none\", \"mean\" or "
                             "\"sum\", got \"", reduction, "\"");
  return success();
}

LogicalResult inferSameTypeLossType(std::optional<Location> loc, Type input,
                                    Type target, StringRef reduction,
                                    SmallVectorImpl<Type> &types) {
  auto inputType = cast<RankedTensorType>(input);
  if (failed(requireStatic(loc, inputType, "input")))
    return failure();
  if (input != target)
    return emitOptionalError(loc, "input and target must have the same type, "
                             "got ", input, " and ", target);
  return inferLossType(loc, reduction, inputType.getShape(),
                       inputType.getElementType(), types);
}

} // namespace nnc::nn

LogicalResult MseLossOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  return inferSameTypeLossType(
      loc, adaptor.getInput().getType(), adaptor.getTarget().getType(),
      reductionOf(adaptor.getReductionAttr(), adaptor.getAttributes()), types);
}

LogicalResult CrossEntropyOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor,
                                               SmallVectorImpl<Type> &types) {
  auto logits = cast<RankedTensorType>(adaptor.getLogits().getType());
  auto target = cast<RankedTensorType>(adaptor.getTarget().getType());
  if (failed(requireStatic(loc, logits, "logits")) ||
      failed(requireStatic(loc, target, "target")))
    return failure();
  if (logits.getRank() != 2)
    return emitOptionalError(loc, "logits must be [N, C], got ",
                             formatShape(logits.getShape()));
  int64_t n = logits.getDimSize(0);
  bool indices = target.getElementType().isSignlessInteger() &&
                 target.getRank() == 1 && target.getDimSize(0) == n;
  bool probabilities = target == logits;
  if (!indices && !probabilities)
    return emitOptionalError(
        loc, "target must be [", n, "] integer class indices or ",
        formatShape(logits.getShape()), " probabilities of type ",
        logits.getElementType(), ", got ", target);
  StringRef reduction =
      reductionOf(adaptor.getReductionAttr(), adaptor.getAttributes());
  return inferLossType(loc, reduction, {n}, logits.getElementType(), types);
}

#include "ir/NNOpsEnums.cpp.inc"

#define GET_OP_CLASSES
#include "ir/NNOps.cpp.inc"
