//===- NNIndexOps.cpp - Result types and checks of the index ops ----------===//
//
// Shape inference of nn.gather (the index shape replaces the gathered axis),
// nn.scatter_add and nn.scatter_reduce (the destination's type, with the
// source checked against it), nn.argmax and nn.argmin (a reduction to i64),
// and the verifiers of nn.scatter_reduce's reduction, nn.cumsum, nn.cast and
// nn.heaviside.
//
//===----------------------------------------------------------------------===//

#include "ir/Broadcast.h"
#include "ir/NNOps.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;

namespace nnc::nn {

namespace {

/// `axis` (possibly negative) made non-negative for a tensor of `rank`, or
/// an error naming `what` the axis is for.
FailureOr<int64_t> axisInRange(std::optional<Location> loc, IntegerAttr axis,
                               int64_t rank, StringRef what) {
  if (!axis)
    return (void)emitOptionalError(loc, "needs an integer axis attribute"),
           failure();
  int64_t value = axis.getInt();
  std::optional<int64_t> normalized = normalizeAxis(value, rank);
  if (!normalized)
    return (void)emitOptionalError(loc, "axis ", value, " is out of range for ",
                                   what, " of rank ", rank),
           failure();
  return *normalized;
}

} // namespace

//===----------------------------------------------------------------------===//
// Gather and scatter
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  auto indices = cast<RankedTensorType>(adaptor.getIndices().getType());
  if (failed(requireStatic(loc, input, "input")) ||
      failed(requireStatic(loc, indices, "indices")))
    return failure();
  FailureOr<int64_t> axis = axisInRange(
      loc, inherentAttr(adaptor.getAxisAttr(), adaptor.getAttributes(), "axis"),
      input.getRank(), "input");
  if (failed(axis))
    return failure();
  ArrayRef<int64_t> shape = input.getShape();
  if (shape[*axis] == 0 && indices.getNumElements() != 0)
    return emitOptionalError(loc, "cannot gather from axis ", *axis,
                             ", which is empty");
  SmallVector<int64_t> result(shape.take_front(*axis));
  llvm::append_range(result, indices.getShape());
  llvm::append_range(result, shape.drop_front(*axis + 1));
  types.push_back(RankedTensorType::get(result, input.getElementType()));
  return success();
}

namespace {

/// The result type of a scatter (`dest`'s), once `source` is checked to be
/// `dest` with the index count along the axis.
template <typename Adaptor>
LogicalResult inferScatterType(std::optional<Location> loc, Adaptor adaptor,
                               SmallVectorImpl<Type> &types) {
  auto dest = cast<RankedTensorType>(adaptor.getDest().getType());
  auto indices = cast<RankedTensorType>(adaptor.getIndices().getType());
  auto source = cast<RankedTensorType>(adaptor.getSource().getType());
  if (failed(requireStatic(loc, dest, "dest")) ||
      failed(requireStatic(loc, indices, "indices")) ||
      failed(requireStatic(loc, source, "source")))
    return failure();
  FailureOr<int64_t> axis = axisInRange(
      loc, inherentAttr(adaptor.getAxisAttr(), adaptor.getAttributes(), "axis"),
      dest.getRank(), "dest");
  if (failed(axis))
    return failure();
  if (indices.getRank() != 1)
    return emitOptionalError(loc, "indices must be one-dimensional, got ",
                             formatShape(indices.getShape()));
  SmallVector<int64_t> expected(dest.getShape());
  expected[*axis] = indices.getDimSize(0);
  if (source.getElementType() != dest.getElementType() ||
      source.getShape() != ArrayRef<int64_t>(expected))
    return emitOptionalError(loc, "source must be ", formatShape(expected),
                             " of ", dest.getElementType(),
                             " (dest's shape with the index count along axis ",
                             *axis, "), got ", source);
  types.push_back(dest);
  return success();
}

} // namespace

LogicalResult ScatterAddOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &types) {
  return inferScatterType(loc, adaptor, types);
}

LogicalResult ScatterReduceOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &types) {
  return inferScatterType(loc, adaptor, types);
}

LogicalResult ScatterReduceOp::verify() {
  StringRef reduce = getReduce();
  if (reduce != "sum" && reduce != "mean" && reduce != "amax" &&
      reduce != "amin")
    return emitOpError("reduce must be \"sum\", \"mean\", \"amax\" or "
                       "\"amin\", got \"")
           << reduce << "\"";
  return success();
}

//===----------------------------------------------------------------------===//
// Arg reductions
//===----------------------------------------------------------------------===//

namespace {

template <typename Adaptor>
LogicalResult inferArgReduceType(std::optional<Location> loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(requireStatic(loc, input, "input")))
    return failure();
  DictionaryAttr attributes = adaptor.getAttributes();
  FailureOr<int64_t> axis =
      axisInRange(loc, inherentAttr(adaptor.getAxisAttr(), attributes, "axis"),
                  input.getRank(), "input");
  if (failed(axis))
    return failure();
  BoolAttr keepdim =
      inherentAttr(adaptor.getKeepdimAttr(), attributes, "keepdim");
  SmallVector<int64_t> shape(input.getShape());
  if (keepdim && keepdim.getValue())
    shape[*axis] = 1;
  else
    shape.erase(shape.begin() + *axis);
  types.push_back(
      RankedTensorType::get(shape, IntegerType::get(input.getContext(), 64)));
  return success();
}

} // namespace

LogicalResult ArgMaxOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return inferArgReduceType(loc, adaptor, types);
}

LogicalResult ArgMinOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &types) {
  return inferArgReduceType(loc, adaptor, types);
}

//===----------------------------------------------------------------------===//
// Cumsum, cast and heaviside
//===----------------------------------------------------------------------===//

LogicalResult CumsumOp::verify() {
  return axisInRange(getLoc(), getAxisAttr(), getInput().getType().getRank(),
                     "input");
}

LogicalResult CastOp::verify() {
  ArrayRef<int64_t> input = getInput().getType().getShape();
  ArrayRef<int64_t> result = getResult().getType().getShape();
  if (input != result)
    return emitOpError("result shape must be the input's shape ")
           << formatShape(input) << ", got " << formatShape(result);
  return success();
}

LogicalResult HeavisideOp::verify() {
  StringRef surrogate = getSurrogate();
  if (surrogate != "fast_sigmoid" && surrogate != "sigmoid" &&
      surrogate != "straight_through")
    return emitOpError("surrogate must be \"fast_sigmoid\", \"sigmoid\" or "
                       "\"straight_through\", got \"")
           << surrogate << "\"";
  double slope = getSlope().convertToDouble();
  if (!(slope > 0.0))
    return emitOpError("slope must be positive, got ") << slope;
  return success();
}

} // namespace nnc::nn
