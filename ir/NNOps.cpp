//===- NNOps.cpp - Verifiers and result-type inference of nn ops ----------===//

#include "ir/NNOps.h"
#include "ir/Broadcast.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
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
    // ceil((limit - start) / step), without overflowing for huge steps.
    int64_t span = limits[d] - starts[d];
    shape.push_back(span == 0 ? 0 : (span - 1) / steps[d] + 1);
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
  auto condition = cast<RankedTensorType>(adaptor.getCondition().getType());
  auto trueType = cast<RankedTensorType>(adaptor.getTrueValue().getType());
  auto falseType = cast<RankedTensorType>(adaptor.getFalseValue().getType());
  if (failed(requireStatic(loc, condition, "condition")) ||
      failed(requireStatic(loc, trueType, "true_value")) ||
      failed(requireStatic(loc, falseType, "false_value")))
    return failure();
  if (trueType.getElementType() != falseType.getElementType())
    return emitOptionalError(loc, "true_value and false_value must have the "
                             "same element type, got ",
                             trueType.getElementType(), " and ",
                             falseType.getElementType());
  auto values = broadcastShapes(trueType.getShape(), falseType.getShape());
  std::optional<SmallVector<int64_t>> shape;
  if (values)
    shape = broadcastShapes(condition.getShape(), *values);
  if (!shape)
    return emitOptionalError(loc, "shapes ", formatShape(condition.getShape()),
                             " (condition), ",
                             formatShape(trueType.getShape()),
                             " (true_value) and ",
                             formatShape(falseType.getShape()),
                             " (false_value) do not broadcast");
  types.push_back(RankedTensorType::get(*shape, trueType.getElementType()));
  return success();
}

LogicalResult OneHotOp::verify() {
  // An i1 reads as 0 or -1 (signless integers are signed in nn), so it
  // cannot name class 1; PyTorch refuses bool labels too.
  Type labelType = getLabels().getType().getElementType();
  if (labelType.isInteger(1))
    return emitOpError("labels must be integer class indices wider than i1, "
                       "got ")
           << getLabels().getType();
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
  if (source.getRank() != rank)
    return emitOptionalError(loc, "source has rank ", source.getRank(),
                             ", expected the input's rank ", rank);
  ArrayRef<int64_t> starts = adaptor.getStarts();
  SmallVector<int64_t> steps(rank, 1);
  if (auto given = adaptor.getSteps())
    steps.assign(given->begin(), given->end());
  if (static_cast<int64_t>(starts.size()) != rank ||
      static_cast<int64_t>(steps.size()) != rank)
    return emitOptionalError(loc, "starts and steps need one entry per "
                             "dimension (", rank, ")");
  for (int64_t d = 0; d < rank; ++d) {
    if (steps[d] < 1)
      return emitOptionalError(loc, "dimension ", d,
                               ": step must be positive, got ", steps[d]);
    if (starts[d] < 0)
      return emitOptionalError(loc, "dimension ", d,
                               ": start must be non-negative, got ",
                               starts[d]);
    // The last element written, start + (count - 1) * step, must be inside
    // the input; dividing instead of multiplying cannot overflow.
    int64_t count = source.getDimSize(d), extent = input.getDimSize(d);
    if (count > 0 && (starts[d] >= extent ||
                      count - 1 > (extent - 1 - starts[d]) / steps[d]))
      return emitOptionalError(loc, "dimension ", d, ": ", count,
                               " elements from ", starts[d], " by ",
                               steps[d], " do not fit in ", extent);
  }
  types.push_back(input);
  return success();
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

namespace nnc::nn {

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
  return inferSameTypeLossType(loc, adaptor, types);
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
  // i1 is no index type: it reads as 0 or -1 (and one_hot, which the
  // gradient uses, refuses it).
  Type targetElement = target.getElementType();
  bool indices = targetElement.isSignlessInteger() &&
                 !targetElement.isInteger(1) && target.getRank() == 1 &&
                 target.getDimSize(0) == n;
  bool probabilities = target == logits;
  if (!indices && !probabilities)
    return emitOptionalError(
        loc, "target must be [", n, "] integer class indices or ",
        formatShape(logits.getShape()), " probabilities of type ",
        logits.getElementType(), ", got ", target);
  return inferLossType(loc, reductionOf(adaptor), {n}, logits.getElementType(),
                       types);
}

//===----------------------------------------------------------------------===//
// Differentiation
//===----------------------------------------------------------------------===//

LogicalResult GradOp::verifySymbolUses(SymbolTableCollection &symbols) {
  auto callee =
      symbols.lookupNearestSymbolFrom<func::FuncOp>(*this, getCalleeAttr());
  if (!callee)
    return emitOpError() << "calls @" << getCallee()
                         << ", which is not a function in this module";
  FunctionType type = callee.getFunctionType();
  if (TypeRange(type.getInputs()) != TypeRange(getOperands().getTypes()))
    return emitOpError() << "operand types do not match @" << getCallee()
                         << "'s arguments " << type;
  auto loss = type.getNumResults() > 0
                  ? dyn_cast<RankedTensorType>(type.getResult(0))
                  : RankedTensorType();
  if (!loss || loss.getRank() != 0 || !isa<FloatType>(loss.getElementType()))
    return emitOpError() << "needs @" << getCallee()
                         << " to return a rank-0 float tensor first, got "
                         << type;
  ArrayRef<int64_t> wrt = getWrt();
  if (wrt.size() != getNumResults())
    return emitOpError() << "has " << getNumResults()
                         << " results for " << wrt.size() << " wrt indices";
  llvm::SmallSet<int64_t, 4> seen;
  for (auto [index, result] : llvm::zip_equal(wrt, getResultTypes())) {
    if (index < 0 || index >= static_cast<int64_t>(getNumOperands()) ||
        !seen.insert(index).second)
      return emitOpError() << "wrt index " << index
                           << " is out of range or repeated";
    Type operand = getOperand(index).getType();
    if (!isa<FloatType>(cast<RankedTensorType>(operand).getElementType()))
      return emitOpError() << "cannot differentiate with respect to operand #"
                           << index << " of type " << operand
                           << ": gradients exist only for float tensors";
    if (result != operand)
      return emitOpError() << "result for operand #" << index
                           << " must have its type " << operand << ", got "
                           << result;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Sequences
//===----------------------------------------------------------------------===//

int64_t ScanOp::getLength() {
  return cast<RankedTensorType>(getSequences().front().getType())
      .getDimSize(0);
}

/// `type` without its leading dimension: one step of a sequence.
static RankedTensorType stepType(RankedTensorType type) {
  return RankedTensorType::get(type.getShape().drop_front(),
                               type.getElementType());
}

LogicalResult ScanOp::verifyRegions() {
  if (getSequences().empty())
    return emitOpError("needs at least one sequence to scan over");
  SmallVector<Type> expectedArgs(getInits().getTypes());
  for (auto [i, sequence] : llvm::enumerate(getSequences())) {
    auto type = cast<RankedTensorType>(sequence.getType());
    if (type.getRank() == 0 || !type.hasStaticShape())
      return emitOpError() << "sequence #" << i
                           << " must have a static shape with a leading "
                              "time axis, got "
                           << type;
    if (type.getDimSize(0) != getLength())
      return emitOpError() << "sequence #" << i << " has " << type.getDimSize(0)
                           << " steps, sequence #0 has " << getLength();
    expectedArgs.push_back(stepType(type));
  }
  Block &body = getBody().front();
  if (TypeRange(body.getArgumentTypes()) != TypeRange(expectedArgs))
    return emitOpError() << "body arguments must be the carried values' "
                            "types, then one step of each sequence: expected ("
                         << expectedArgs << "), got ("
                         << body.getArgumentTypes() << ")";
  if (TypeRange(getFinals().getTypes()) != TypeRange(getInits().getTypes()))
    return emitOpError("final values must have the carried values' types");
  auto yield = cast<YieldOp>(body.getTerminator());
  SmallVector<Type> expectedYield(getInits().getTypes());
  for (Type output : getOutputs().getTypes()) {
    auto type = cast<RankedTensorType>(output);
    if (type.getRank() == 0 || type.getDimSize(0) != getLength())
      return emitOpError() << "output " << output << " must stack "
                           << getLength() << " steps along its leading axis";
    expectedYield.push_back(stepType(type));
  }
  if (TypeRange(yield.getValues().getTypes()) != TypeRange(expectedYield))
    return yield.emitOpError()
           << "must yield the next carried values, then one step of each "
              "output: expected ("
           << expectedYield << "), got (" << yield.getValues().getTypes()
           << ")";
  return success();
}

#include "ir/NNOpsEnums.cpp.inc"

#define GET_OP_CLASSES
#include "ir/NNOps.cpp.inc"
