//===- IndexConverters.cpp - ONNX slicing, padding and indexing -----------===//
//
// Slice, Split, Tile, Pad, CenterCropPad, Gather, GatherElements, GatherND,
// ScatterND, ScatterElements/Scatter, OneHot, Trilu, DepthToSpace,
// SpaceToDepth, Compress, ReverseSequence and NonZero, composed from nn ops
// exactly:
// - positions known at import time become constant index tensors and an
//   nn.gather along one axis (negative Slice steps, Pad's reflect, edge and
//   wrap modes, Compress), or along the flattened input (GatherElements,
//   GatherND, ReverseSequence: each output element's flat source position
//   is computed here, and checked against the data's extents);
// - run-time indices (GatherElements, GatherND, ScatterND, ScatterElements)
//   are linearized by nn ops into flat positions (negative entries wrapped,
//   times the data's strides, plus constant offsets), then gathered from or
//   scattered into the flattened data: nn.scatter_add, nn.scatter_reduce,
//   or for assignment the last update per position (see scatterAt), so
//   updates apply in index order, as ONNX's reference does (an index out of
//   range at run time is an error of the model, which ONNX Runtime reports:
//   its result is unspecified, but no access leaves the flattened data,
//   as nn.gather clamps and the scatters drop such positions);
// - a multiplying scatter (and integer max/min), which no scatter op does,
//   needs indices known at import time: per "occurrence level" (the k-th
//   update aimed at a position) a gather of the updates into the data's
//   layout, combined with the data where a constant mask says it reaches.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"
#include "frontends/onnx/NodeConverter.h"
#include "frontends/onnx/ShapeOperands.h"

#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/Support/MathExtras.h"

#include <onnx/onnx_pb.h>

#include <numeric>

namespace nnc::onnx_import {
namespace {

/// A rank-0 constant of `elementType` holding `value` (converted; an integer
/// saturates, unlike ConverterBuilders.h's scalarConstant).
mlir::Value saturatedScalar(NodeContext &context, mlir::Type elementType,
                            double value) {
  mlir::OpBuilder &b = context.builder();
  auto type = mlir::RankedTensorType::get({}, elementType);
  mlir::TypedAttr element =
      mlir::isa<mlir::FloatType>(elementType)
          ? mlir::TypedAttr(b.getFloatAttr(elementType, value))
          : mlir::TypedAttr(
                b.getIntegerAttr(elementType, truncateToInt64(value)));
  return mlir::arith::ConstantOp::create(
      b, context.loc(), mlir::DenseElementsAttr::get(type, element));
}

mlir::FailureOr<mlir::Value> select(NodeContext &context, mlir::Value mask,
                                    mlir::Value onTrue, mlir::Value onFalse) {
  return context.createValue<nn::SelectOp>({mask, onTrue, onFalse});
}

template <typename OpTy>
mlir::FailureOr<mlir::Value> binary(NodeContext &context, mlir::Value lhs,
                                    mlir::Value rhs) {
  return context.createValue<OpTy>({lhs, rhs});
}

/// Index tensor `indices` (a run-time value) with negative entries counted
/// from the end of an axis of `extent`: `i < 0 ? i + extent : i`.
mlir::FailureOr<mlir::Value> wrapNegative(NodeContext &context,
                                          mlir::Value indices, int64_t extent) {
  mlir::Type element =
      mlir::cast<mlir::RankedTensorType>(indices.getType()).getElementType();
  auto negative = compare(context, nn::ComparePredicate::lt, indices,
                          saturatedScalar(context, element, 0));
  if (mlir::failed(negative))
    return mlir::failure();
  auto shifted = binary<nn::AddOp>(context, indices,
                                   saturatedScalar(context, element, extent));
  if (mlir::failed(shifted))
    return mlir::failure();
  return select(context, *negative, *shifted, indices);
}

/// Integer tensor `value` as i64 (index arithmetic runs in i64 whatever
/// type the model's indices have).
mlir::Value asI64(NodeContext &context, mlir::Value value) {
  auto type = mlir::cast<mlir::RankedTensorType>(value.getType());
  mlir::Type i64 = context.builder().getI64Type();
  if (type.getElementType() == i64)
    return value;
  return nn::CastOp::create(context.builder(), context.loc(), type.clone(i64),
                            value);
}

/// Run-time index tensor `indices` as i64, negative entries counted from the
/// end of an axis of `extent`, times `stride`: the flat offset it addresses
/// along that axis.
mlir::FailureOr<mlir::Value> scaledIndices(NodeContext &context,
                                           mlir::Value indices, int64_t extent,
                                           int64_t stride) {
  auto wrapped = wrapNegative(context, asI64(context, indices), extent);
  if (mlir::failed(wrapped) || stride == 1)
    return wrapped;
  mlir::Type i64 = context.builder().getI64Type();
  return binary<nn::MulOp>(context, *wrapped,
                           saturatedScalar(context, i64, stride));
}

/// `index` counted from the end when negative, checked against `extent`.
mlir::FailureOr<int64_t> checkedIndex(NodeContext &context, int64_t index,
                                      int64_t extent) {
  if (index < -extent || index >= extent)
    return context.fail("index " + llvm::Twine(index) +
                        " is out of range for extent " + llvm::Twine(extent));
  return index < 0 ? index + extent : index;
}

/// Integers of a known integer input, or failure.
mlir::FailureOr<const ConstantTensor *> knownIndices(NodeContext &context,
                                                     size_t index) {
  auto tensor = context.constantInput(index);
  if (mlir::failed(tensor))
    return mlir::failure();
  if ((*tensor)->isFloat)
    return context.fail("the indices must be integers");
  return *tensor;
}

//===----------------------------------------------------------------------===//
// Slicing
//===----------------------------------------------------------------------===//

/// `value` sliced by `ranges`: nn.slice for forward steps, then a gather of
/// the positions of each dimension walked backwards.
mlir::FailureOr<mlir::Value> sliceByRanges(NodeContext &context,
                                           mlir::Value value,
                                           llvm::ArrayRef<SliceRange> ranges) {
  auto shape = mlir::cast<mlir::RankedTensorType>(value.getType()).getShape();
  std::vector<int64_t> starts, limits, steps;
  bool identity = true;
  for (auto [d, range] : llvm::enumerate(ranges)) {
    if (range.step > 0 && range.count > 0) {
      starts.push_back(range.start);
      limits.push_back(range.start + (range.count - 1) * range.step + 1);
      steps.push_back(range.step);
    } else {
      starts.push_back(0);
      limits.push_back(range.count == 0 ? 0 : shape[d]);
      steps.push_back(1);
    }
    identity &=
        starts.back() == 0 && limits.back() == shape[d] && steps.back() == 1;
  }
  mlir::OpBuilder &b = context.builder();
  if (!identity) {
    auto sliced = context.createValue<nn::SliceOp>(
        {value}, {b.getNamedAttr("starts", b.getDenseI64ArrayAttr(starts)),
                  b.getNamedAttr("limits", b.getDenseI64ArrayAttr(limits)),
                  b.getNamedAttr("steps", b.getDenseI64ArrayAttr(steps))});
    if (mlir::failed(sliced))
      return mlir::failure();
    value = *sliced;
  }
  for (auto [d, range] : llvm::enumerate(ranges)) {
    if (range.step > 0 || range.count == 0)
      continue;
    if (mlir::failed(context.checkImportTimeSize(
            {range.count}, "the table of reversed positions")))
      return mlir::failure();
    std::vector<int64_t> positions;
    for (int64_t i = 0; i < range.count; ++i)
      positions.push_back(range.start + i * range.step);
    auto gathered = gatherAlong(context, value, d, positions);
    if (mlir::failed(gathered))
      return mlir::failure();
    value = *gathered;
  }
  return value;
}

mlir::LogicalResult convertSlice(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto ranges = sliceRanges(context, input->second.getShape());
  if (mlir::failed(ranges))
    return mlir::failure();
  auto result = sliceByRanges(context, input->first, *ranges);
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

mlir::LogicalResult convertSplit(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  llvm::ArrayRef<int64_t> shape = input->second.getShape();
  int64_t rank = shape.size();
  auto axis =
      context.normalizeAxis(context.intAttribute("axis", 0), rank, "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  auto sizes = intsOperand(context, "split", 13, 1);
  if (mlir::failed(sizes))
    return mlir::failure();
  int64_t outputs = context.node().output_size();
  std::vector<int64_t> split;
  if (*sizes && !(*sizes)->empty()) {
    split = **sizes;
  } else {
    int64_t parts = context.intAttribute("num_outputs", outputs);
    if (parts <= 0)
      return context.fail("there are no outputs to split into");
    int64_t each = (shape[*axis] + parts - 1) / parts;
    for (int64_t i = 0; i < parts; ++i)
      split.push_back(
          std::max<int64_t>(0, std::min(each, shape[*axis] - i * each)));
    if (!context.attribute("num_outputs") && shape[*axis] % parts != 0)
      return context.fail("extent " + llvm::Twine(shape[*axis]) +
                          " does not split evenly into " + llvm::Twine(parts) +
                          " outputs");
  }
  if (int64_t(split.size()) != outputs ||
      std::accumulate(split.begin(), split.end(), int64_t(0)) != shape[*axis])
    return context.fail("the split sizes do not cover axis " +
                        llvm::Twine(*axis) + " with one size per output");
  llvm::SmallVector<mlir::Value> results;
  int64_t offset = 0;
  for (int64_t size : split) {
    std::vector<SliceRange> ranges;
    for (int64_t d = 0; d < rank; ++d)
      ranges.push_back(d == *axis ? SliceRange{offset, 1, size}
                                  : SliceRange{0, 1, shape[d]});
    auto part = sliceByRanges(context, input->first, ranges);
    if (mlir::failed(part))
      return mlir::failure();
    results.push_back(*part);
    offset += size;
  }
  return context.setOutputs(results);
}

/// Tile: each dimension `d` of extent `n` repeated `r` times is a broadcast
/// of `[1, n]` to `[r, n]` flattened, for all dimensions at once.
mlir::LogicalResult convertTile(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  llvm::ArrayRef<int64_t> shape = input->second.getShape();
  auto repeats = intsInput(context, 1, "repeats");
  if (mlir::failed(repeats))
    return mlir::failure();
  if (repeats->size() != shape.size())
    return context.fail("repeats has " + llvm::Twine(repeats->size()) +
                        " entries for rank " + llvm::Twine(shape.size()));
  std::vector<int64_t> interleaved, broadcast, tiled;
  for (size_t d = 0; d < shape.size(); ++d) {
    if ((*repeats)[d] < 0)
      return context.fail("a repeat count is negative");
    interleaved.insert(interleaved.end(), {1, shape[d]});
    broadcast.insert(broadcast.end(), {(*repeats)[d], shape[d]});
    int64_t extent;
    if (llvm::MulOverflow((*repeats)[d], shape[d], extent))
      return context.fail("the result would have more elements than fit in "
                          "64 bits");
    tiled.push_back(extent);
  }
  auto spread = reshapeTo(context, input->first, interleaved);
  if (mlir::failed(spread))
    return mlir::failure();
  mlir::OpBuilder &b = context.builder();
  auto repeated = context.createValue<nn::BroadcastToOp>(
      {*spread}, {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(broadcast))});
  if (mlir::failed(repeated))
    return mlir::failure();
  auto result = reshapeTo(context, *repeated, tiled);
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

//===----------------------------------------------------------------------===//
// Pad
//===----------------------------------------------------------------------===//

/// The input position that output position `o` of an axis of `extent`
/// padded by `before` reads in `mode` (reflect, edge, wrap); -1 for none.
int64_t padSource(int64_t o, int64_t before, int64_t extent,
                  llvm::StringRef mode) {
  int64_t p = o - before;
  if (p >= 0 && p < extent)
    return p;
  if (mode == "edge")
    return p < 0 ? 0 : extent - 1;
  if (mode == "wrap")
    return ((p % extent) + extent) % extent;
  // reflect: mirror without repeating the edge, period 2 * (extent - 1).
  if (extent == 1)
    return 0;
  int64_t period = 2 * (extent - 1);
  int64_t q = ((p % period) + period) % period;
  return q < extent ? q : period - q;
}

/// `value` (of `type`) with `before[d]` and `after[d]` elements of `fill`
/// added on each side of axis d, a negative count cropping instead; `padded`
/// is the result's shape.
mlir::FailureOr<mlir::Value>
padWithConstant(NodeContext &context, mlir::Value value,
                mlir::RankedTensorType type, llvm::ArrayRef<int64_t> before,
                llvm::ArrayRef<int64_t> after, llvm::ArrayRef<int64_t> padded,
                double fill) {
  llvm::ArrayRef<int64_t> shape = type.getShape();
  int64_t rank = type.getRank();
  // Crop the negative pads, then place the rest into a tensor filled with
  // the value.
  std::vector<SliceRange> crop;
  std::vector<int64_t> placeAt;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t start = std::max<int64_t>(0, -before[d]);
    int64_t end = shape[d] - std::max<int64_t>(0, -after[d]);
    crop.push_back({start, 1, std::max<int64_t>(0, end - start)});
    placeAt.push_back(std::max<int64_t>(0, before[d]));
  }
  auto cropped = sliceByRanges(context, value, crop);
  if (mlir::failed(cropped))
    return mlir::failure();
  mlir::OpBuilder &b = context.builder();
  auto paddedType = mlir::RankedTensorType::get(padded, type.getElementType());
  mlir::TypedAttr element =
      mlir::isa<mlir::FloatType>(type.getElementType())
          ? mlir::TypedAttr(b.getFloatAttr(type.getElementType(), fill))
          : mlir::TypedAttr(
                b.getIntegerAttr(type.getElementType(), int64_t(fill)));
  mlir::Value filled = mlir::arith::ConstantOp::create(
      b, context.loc(), mlir::DenseElementsAttr::get(paddedType, element));
  if (elementCount(padded) == 0 ||
      llvm::any_of(crop, [](const SliceRange &r) { return r.count == 0; }))
    return filled;
  return context.createValue<nn::SliceScatterOp>(
      {filled, *cropped},
      {b.getNamedAttr("starts", b.getDenseI64ArrayAttr(placeAt))});
}

mlir::LogicalResult convertPad(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  mlir::RankedTensorType type = input->second;
  int64_t rank = type.getRank();
  std::string mode = context.stringAttribute("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge" &&
      mode != "wrap")
    return context.fail("mode '" + mode +
                        "' is not supported (constant, "
                        "reflect, edge, wrap)");
  std::vector<int64_t> pads;
  if (context.opset() < 11) {
    auto given =
        context.intsAttribute(context.opset() < 2 ? "paddings" : "pads");
    if (!given)
      return context.fail("the pads attribute is missing");
    pads = *given;
  } else {
    auto given = intsInput(context, 1, "pads");
    if (mlir::failed(given))
      return mlir::failure();
    pads = *given;
  }
  std::optional<std::vector<int64_t>> givenAxes;
  if (context.hasInput(3)) {
    auto given = intsInput(context, 3, "axes");
    if (mlir::failed(given))
      return mlir::failure();
    givenAxes = *given;
  }
  auto listed = listedAxes(context, givenAxes, rank);
  if (mlir::failed(listed))
    return mlir::failure();
  std::vector<int64_t> axes = *listed;
  if (pads.size() != 2 * axes.size())
    return context.fail("pads has " + llvm::Twine(pads.size()) +
                        " entries; expected " + llvm::Twine(2 * axes.size()));
  std::vector<int64_t> before(rank, 0), after(rank, 0);
  for (size_t i = 0; i < axes.size(); ++i) {
    before[axes[i]] = pads[i];
    after[axes[i]] = pads[i + axes.size()];
  }
  llvm::ArrayRef<int64_t> shape = type.getShape();
  std::vector<int64_t> padded;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t extent;
    if (llvm::AddOverflow(shape[d], before[d], extent) ||
        llvm::AddOverflow(extent, after[d], extent))
      return context.fail("the pads of axis " + llvm::Twine(d) +
                          " do not fit in 64 bits");
    padded.push_back(extent);
    if (padded.back() < 0)
      return context.fail("the pads of axis " + llvm::Twine(d) +
                          " remove more than its extent");
    if (mode != "constant" && shape[d] == 0 && padded.back() > 0)
      return context.fail("mode '" + mode + "' cannot pad an empty axis");
  }
  if (!checkedElementCount(padded))
    return context.fail("the result would have more elements than fit in 64 "
                        "bits");
  mlir::Value value = input->first;
  if (mode != "constant") {
    for (int64_t d = 0; d < rank; ++d) {
      if (before[d] == 0 && after[d] == 0)
        continue;
      if (mlir::failed(context.checkImportTimeSize(
              {padded[d]}, "the table of padded positions")))
        return mlir::failure();
      std::vector<int64_t> sources;
      for (int64_t o = 0; o < padded[d]; ++o)
        sources.push_back(padSource(o, before[d], shape[d], mode));
      auto gathered = gatherAlong(context, value, d, sources);
      if (mlir::failed(gathered))
        return mlir::failure();
      value = *gathered;
    }
    return context.setOutputs({value});
  }
  double fill = 0;
  if (context.opset() < 11) {
    fill = context.floatAttribute("value", 0);
  } else if (context.hasInput(2)) {
    auto given = context.constantInput(2);
    if (mlir::failed(given))
      return mlir::failure();
    if ((*given)->numElements() != 1)
      return context.fail("constant_value must hold one element");
    fill = (*given)->floatAt(0);
  }
  return bindOutputs(context, {padWithConstant(context, value, type, before,
                                               after, padded, fill)});
}

/// CenterCropPad (opset 18): each of `axes` (default all) cropped or padded
/// with zeros to its extent in `shape`, centred: a crop drops
/// `(extent - target) / 2` elements (rounded down) before, a pad adds
/// `(target - extent) / 2` before, the rest after. That is Pad with negative
/// counts for the crops.
mlir::LogicalResult convertCenterCropPad(NodeContext &context) {
  auto input = context.tensorInput(0);
  auto target = intsInput(context, 1, "shape");
  if (mlir::failed(input) || mlir::failed(target))
    return mlir::failure();
  mlir::RankedTensorType type = input->second;
  int64_t rank = type.getRank();
  auto listed = listedAxes(context, context.intsAttribute("axes"), rank);
  if (mlir::failed(listed))
    return mlir::failure();
  std::vector<int64_t> axes = *listed;
  if (target->size() != axes.size())
    return context.fail("shape has " + llvm::Twine(target->size()) +
                        " entries for " + llvm::Twine(axes.size()) + " axes");
  llvm::ArrayRef<int64_t> shape = type.getShape();
  std::vector<int64_t> before(rank, 0), after(rank, 0), padded(shape);
  for (auto [axis, extent] : llvm::zip(axes, *target)) {
    if (extent < 0)
      return context.fail("shape holds the negative extent " +
                          llvm::Twine(extent));
    int64_t change = extent - shape[axis];
    before[axis] = change >= 0 ? change / 2 : -((-change) / 2);
    after[axis] = change - before[axis];
    padded[axis] = extent;
  }
  if (!checkedElementCount(padded))
    return context.fail("the result would have more elements than fit in 64 "
                        "bits");
  return bindOutputs(context, {padWithConstant(context, input->first, type,
                                               before, after, padded, 0)});
}

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

mlir::LogicalResult convertGather(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  int64_t rank = input->second.getRank();
  auto axis =
      context.normalizeAxis(context.intAttribute("axis", 0), rank, "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  int64_t extent = input->second.getDimSize(*axis);
  mlir::Value indices;
  if (const ConstantTensor *known = context.knownInput(1)) {
    if (known->isFloat)
      return context.fail("the indices must be integers");
    std::vector<int64_t> wrapped;
    for (int64_t index : known->ints) {
      auto checked = checkedIndex(context, index, extent);
      if (mlir::failed(checked))
        return mlir::failure();
      wrapped.push_back(*checked);
    }
    indices = indexConstant(context, known->shape, wrapped);
  } else {
    auto given = context.input(1);
    if (mlir::failed(given))
      return mlir::failure();
    auto wrapped = wrapNegative(context, *given, extent);
    if (mlir::failed(wrapped))
      return mlir::failure();
    indices = *wrapped;
  }
  auto result = gather(context, input->first, indices, *axis);
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

/// `value` flattened and gathered at the flat positions `positions` (an
/// index tensor of any shape, which the result takes).
mlir::FailureOr<mlir::Value> gatherAt(NodeContext &context, mlir::Value value,
                                      mlir::Value positions) {
  auto type = mlir::cast<mlir::RankedTensorType>(value.getType());
  auto flat = reshapeTo(context, value, {type.getNumElements()});
  if (mlir::failed(flat))
    return mlir::failure();
  return gather(context, *flat, positions, 0);
}

/// `value` flattened and gathered at the flat positions `sources` (known
/// here), shaped `shape`.
mlir::FailureOr<mlir::Value> gatherFlat(NodeContext &context, mlir::Value value,
                                        llvm::ArrayRef<int64_t> sources,
                                        llvm::ArrayRef<int64_t> shape) {
  return gatherAt(context, value, indexConstant(context, shape, sources));
}

/// GatherElements's flat source position for each index (ScatterElements
/// uses the same positions as targets).
mlir::FailureOr<std::vector<int64_t>>
elementPositions(NodeContext &context, llvm::ArrayRef<int64_t> dataShape,
                 const ConstantTensor &indices) {
  int64_t rank = dataShape.size();
  if (int64_t(indices.shape.size()) != rank)
    return context.fail("the indices must have the data's rank");
  auto axis =
      context.normalizeAxis(context.intAttribute("axis", 0), rank, "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  std::vector<int64_t> dataStrides = stridesOf(dataShape),
                       indexStrides = stridesOf(indices.shape);
  std::vector<int64_t> positions;
  for (int64_t flat = 0; flat < indices.numElements(); ++flat) {
    int64_t position = 0;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t i = flat / indexStrides[d] % indices.shape[d];
      if (d == *axis) {
        auto checked = checkedIndex(context, indices.ints[flat], dataShape[d]);
        if (mlir::failed(checked))
          return mlir::failure();
        i = *checked;
      } else if (i >= dataShape[d]) {
        return context.fail("the indices are larger than the data along "
                            "axis " +
                            llvm::Twine(d));
      }
      position += i * dataStrides[d];
    }
    positions.push_back(position);
  }
  return positions;
}

/// GatherElements's flat source position for each index of the run-time
/// index tensor `indices` (ScatterElements's targets): the wrapped index
/// times the data's stride along `axis`, plus the constant offset of the
/// index's own position along the other axes.
mlir::FailureOr<mlir::Value>
runtimeElementPositions(NodeContext &context, llvm::ArrayRef<int64_t> dataShape,
                        mlir::Value indices) {
  auto indexType = mlir::cast<mlir::RankedTensorType>(indices.getType());
  if (!mlir::isa<mlir::IntegerType>(indexType.getElementType()))
    return context.fail("the indices must be integers");
  llvm::ArrayRef<int64_t> shape = indexType.getShape();
  int64_t rank = dataShape.size();
  if (indexType.getRank() != rank)
    return context.fail("the indices must have the data's rank");
  auto axis =
      context.normalizeAxis(context.intAttribute("axis", 0), rank, "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  for (int64_t d = 0; d < rank; ++d)
    if (d != *axis && shape[d] > dataShape[d])
      return context.fail("the indices are larger than the data along "
                          "axis " +
                          llvm::Twine(d));
  std::vector<int64_t> dataStrides = stridesOf(dataShape),
                       indexStrides = stridesOf(shape);
  std::vector<int64_t> offsets(indexType.getNumElements(), 0);
  for (int64_t flat = 0; flat < int64_t(offsets.size()); ++flat)
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis)
        offsets[flat] += flat / indexStrides[d] % shape[d] * dataStrides[d];
  auto scaled =
      scaledIndices(context, indices, dataShape[*axis], dataStrides[*axis]);
  if (mlir::failed(scaled))
    return mlir::failure();
  return binary<nn::AddOp>(context, *scaled,
                           indexConstant(context, shape, offsets));
}

mlir::LogicalResult convertGatherElements(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  if (!context.knownInput(1)) {
    auto indices = context.input(1);
    if (mlir::failed(indices))
      return mlir::failure();
    auto positions =
        runtimeElementPositions(context, input->second.getShape(), *indices);
    if (mlir::failed(positions))
      return mlir::failure();
    auto result = gatherAt(context, input->first, *positions);
    return mlir::failed(result) ? mlir::failure()
                                : context.setOutputs({*result});
  }
  auto indices = knownIndices(context, 1);
  if (mlir::failed(indices))
    return mlir::failure();
  auto positions =
      elementPositions(context, input->second.getShape(), **indices);
  if (mlir::failed(positions))
    return mlir::failure();
  auto result =
      gatherFlat(context, input->first, *positions, (*indices)->shape);
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

/// GatherND/ScatterND: the flat position of the first element of each
/// addressed slice, the slice's shape and the shape of the index tuples.
struct NdAddressing {
  std::vector<int64_t> starts, sliceShape, tupleShape;
};

/// Checks GatherND/ScatterND's index shape against the data's and returns
/// the addressing with its tuple and slice shapes (no starts yet).
mlir::FailureOr<NdAddressing> ndShapes(NodeContext &context,
                                       llvm::ArrayRef<int64_t> dataShape,
                                       llvm::ArrayRef<int64_t> indexShape,
                                       int64_t batchDims) {
  int64_t rank = dataShape.size(), indexRank = indexShape.size();
  if (indexRank < 1)
    return context.fail("the indices must have rank 1 or more");
  int64_t depth = indexShape.back();
  if (batchDims < 0 || batchDims >= std::min(rank, indexRank) ||
      batchDims + depth > rank)
    return context.fail("the last extent of the indices (" +
                        llvm::Twine(depth) + ") plus batch_dims (" +
                        llvm::Twine(batchDims) + ") exceeds the data's rank");
  for (int64_t d = 0; d < batchDims; ++d)
    if (indexShape[d] != dataShape[d])
      return context.fail("the batch dimensions of data and indices differ");
  NdAddressing result;
  result.tupleShape.assign(indexShape.begin(), indexShape.end() - 1);
  result.sliceShape.assign(dataShape.begin() + batchDims + depth,
                           dataShape.end());
  return result;
}

/// The flat offset of each index tuple's batch (batch_dims leading
/// dimensions shared by data and indices), one per tuple.
std::vector<int64_t> batchOffsets(llvm::ArrayRef<int64_t> dataShape,
                                  const NdAddressing &addressing,
                                  int64_t batchDims) {
  std::vector<int64_t> strides = stridesOf(dataShape);
  int64_t tuples = elementCount(addressing.tupleShape);
  int64_t perBatch =
      tuples /
      std::max<int64_t>(1, elementCount(dataShape.take_front(batchDims)));
  std::vector<int64_t> offsets;
  for (int64_t t = 0; t < tuples; ++t)
    offsets.push_back(
        batchDims && perBatch ? t / perBatch * strides[batchDims - 1] : 0);
  return offsets;
}

mlir::FailureOr<NdAddressing> ndAddressing(NodeContext &context,
                                           llvm::ArrayRef<int64_t> dataShape,
                                           const ConstantTensor &indices,
                                           int64_t batchDims) {
  auto shapes = ndShapes(context, dataShape, indices.shape, batchDims);
  if (mlir::failed(shapes))
    return mlir::failure();
  NdAddressing result = *shapes;
  int64_t depth = indices.shape.back();
  std::vector<int64_t> strides = stridesOf(dataShape);
  std::vector<int64_t> offsets = batchOffsets(dataShape, result, batchDims);
  for (int64_t t = 0; t < int64_t(offsets.size()); ++t) {
    int64_t position = offsets[t];
    for (int64_t k = 0; k < depth; ++k) {
      auto checked = checkedIndex(context, indices.ints[t * depth + k],
                                  dataShape[batchDims + k]);
      if (mlir::failed(checked))
        return mlir::failure();
      position += *checked * strides[batchDims + k];
    }
    result.starts.push_back(position);
  }
  // slicePositions lists every element of every slice.
  std::vector<int64_t> addressed = result.sliceShape;
  addressed.push_back(int64_t(offsets.size()));
  if (mlir::failed(
          context.checkImportTimeSize(addressed, "the table of positions")))
    return mlir::failure();
  return result;
}

/// Every flat position of the slices that `addressing` addresses, in order.
std::vector<int64_t> slicePositions(const NdAddressing &addressing) {
  int64_t sliceSize = elementCount(addressing.sliceShape);
  std::vector<int64_t> positions;
  for (int64_t start : addressing.starts)
    for (int64_t i = 0; i < sliceSize; ++i)
      positions.push_back(start + i);
  return positions;
}

/// GatherND/ScatterND with the run-time index tensor `indices`: the flat
/// position of every element of every addressed slice, shaped tuple shape +
/// slice shape. Each tuple's start is its batch offset plus, per index
/// column, the wrapped index times the data's stride; the slice's elements
/// follow it contiguously.
mlir::FailureOr<mlir::Value>
runtimeSlicePositions(NodeContext &context, llvm::ArrayRef<int64_t> dataShape,
                      mlir::Value indices, int64_t batchDims) {
  auto indexType = mlir::cast<mlir::RankedTensorType>(indices.getType());
  if (!mlir::isa<mlir::IntegerType>(indexType.getElementType()))
    return context.fail("the indices must be integers");
  llvm::ArrayRef<int64_t> indexShape = indexType.getShape();
  auto addressing = ndShapes(context, dataShape, indexShape, batchDims);
  if (mlir::failed(addressing))
    return mlir::failure();
  const std::vector<int64_t> &tupleShape = addressing->tupleShape;
  mlir::Value start = indexConstant(
      context, tupleShape, batchOffsets(dataShape, *addressing, batchDims));
  std::vector<int64_t> strides = stridesOf(dataShape);
  mlir::OpBuilder &b = context.builder();
  int64_t last = indexType.getRank() - 1;
  for (int64_t k = 0; k < indexShape.back(); ++k) {
    std::vector<int64_t> starts(last + 1, 0), limits = indexShape.vec(),
                                              steps(last + 1, 1);
    starts[last] = k;
    limits[last] = k + 1;
    auto column = context.createValue<nn::SliceOp>(
        {indices}, {b.getNamedAttr("starts", b.getDenseI64ArrayAttr(starts)),
                    b.getNamedAttr("limits", b.getDenseI64ArrayAttr(limits)),
                    b.getNamedAttr("steps", b.getDenseI64ArrayAttr(steps))});
    if (mlir::failed(column))
      return mlir::failure();
    auto tuples = reshapeTo(context, *column, tupleShape);
    if (mlir::failed(tuples))
      return mlir::failure();
    auto scaled = scaledIndices(context, *tuples, dataShape[batchDims + k],
                                strides[batchDims + k]);
    if (mlir::failed(scaled))
      return mlir::failure();
    auto sum = binary<nn::AddOp>(context, start, *scaled);
    if (mlir::failed(sum))
      return mlir::failure();
    start = *sum;
  }
  const std::vector<int64_t> &sliceShape = addressing->sliceShape;
  if (sliceShape.empty())
    return start;
  std::vector<int64_t> spread(tupleShape);
  spread.resize(tupleShape.size() + sliceShape.size(), 1);
  auto spreadStart = reshapeTo(context, start, spread);
  if (mlir::failed(spreadStart))
    return mlir::failure();
  std::vector<int64_t> within(elementCount(sliceShape));
  std::iota(within.begin(), within.end(), int64_t(0));
  return binary<nn::AddOp>(context, *spreadStart,
                           indexConstant(context, sliceShape, within));
}

mlir::LogicalResult convertGatherND(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  int64_t batchDims = context.intAttribute("batch_dims", 0);
  if (!context.knownInput(1)) {
    auto indices = context.input(1);
    if (mlir::failed(indices))
      return mlir::failure();
    auto positions = runtimeSlicePositions(context, input->second.getShape(),
                                           *indices, batchDims);
    if (mlir::failed(positions))
      return mlir::failure();
    auto result = gatherAt(context, input->first, *positions);
    return mlir::failed(result) ? mlir::failure()
                                : context.setOutputs({*result});
  }
  auto indices = knownIndices(context, 1);
  if (mlir::failed(indices))
    return mlir::failure();
  auto addressing =
      ndAddressing(context, input->second.getShape(), **indices, batchDims);
  if (mlir::failed(addressing))
    return mlir::failure();
  std::vector<int64_t> shape = addressing->tupleShape;
  shape.insert(shape.end(), addressing->sliceShape.begin(),
               addressing->sliceShape.end());
  auto result =
      gatherFlat(context, input->first, slicePositions(*addressing), shape);
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

//===----------------------------------------------------------------------===//
// Scatters
//===----------------------------------------------------------------------===//

/// `data` with update `k` (of the flattened `updates`) applied at flat
/// position `targets[k]` (known here) for every k in order, combined by
/// `reduction` (mul, or max/min of integers: where `needsLevels`), one
/// occurrence level at a time.
mlir::LogicalResult scatterFlat(NodeContext &context, mlir::Value data,
                                mlir::Value updates,
                                llvm::ArrayRef<int64_t> targets,
                                llvm::StringRef reduction) {
  auto dataType = mlir::cast<mlir::RankedTensorType>(data.getType());
  if (mlir::failed(context.checkImportTimeSize(dataType.getShape(),
                                               "the table of targets")))
    return mlir::failure();
  int64_t size = dataType.getNumElements();
  if (int64_t(targets.size()) !=
      mlir::cast<mlir::RankedTensorType>(updates.getType()).getNumElements())
    return context.fail("the updates do not match the indices in shape");
  auto flatData = reshapeTo(context, data, {size});
  auto flatUpdates = reshapeTo(context, updates, {int64_t(targets.size())});
  if (mlir::failed(flatData) || mlir::failed(flatUpdates))
    return mlir::failure();
  // levels[l][p]: the update that is the l-th aimed at position p, or -1.
  std::vector<std::vector<int64_t>> levels;
  std::vector<int64_t> seen(size, 0);
  for (auto [k, target] : llvm::enumerate(targets)) {
    int64_t level = seen[target]++;
    if (level == int64_t(levels.size()))
      levels.emplace_back(size, -1);
    levels[level][target] = k;
  }
  mlir::Value result = *flatData;
  for (const std::vector<int64_t> &level : levels) {
    std::vector<int64_t> sources;
    llvm::SmallVector<bool> reached;
    for (int64_t source : level) {
      sources.push_back(std::max<int64_t>(source, 0));
      reached.push_back(source >= 0);
    }
    auto picked = gather(context, *flatUpdates,
                         indexConstant(context, {size}, sources), 0);
    if (mlir::failed(picked))
      return mlir::failure();
    mlir::FailureOr<mlir::Value> combined =
        reduction == "mul"   ? binary<nn::MulOp>(context, result, *picked)
        : reduction == "max" ? binary<nn::MaximumOp>(context, result, *picked)
                             : binary<nn::MinimumOp>(context, result, *picked);
    if (mlir::failed(combined))
      return mlir::failure();
    auto selected = select(context, maskConstant(context, {size}, reached),
                           *combined, result);
    if (mlir::failed(selected))
      return mlir::failure();
    result = *selected;
  }
  auto shaped = reshapeTo(context, result, dataType.getShape());
  return mlir::failed(shaped) ? mlir::failure() : context.setOutputs({*shaped});
}

/// Whether scattering into `dataType` by `reduction` needs the occurrence
/// levels of scatterFlat (indices known at import time): no nn scatter op
/// multiplies, and nn.scatter_reduce's maximum and minimum take floats.
bool needsLevels(mlir::RankedTensorType dataType, llvm::StringRef reduction) {
  return reduction == "mul" ||
         ((reduction == "max" || reduction == "min") &&
          !mlir::isa<mlir::FloatType>(dataType.getElementType()));
}

/// `data` with update `k` (of the flattened `updates`) applied at the flat
/// position `k` of the run-time index tensor `positions` (shaped like
/// `updates`), as ONNX's reference loop does in index order:
/// - "add": nn.scatter_add (the order of additions is the index order);
/// - "max", "min": nn.scatter_reduce with the data included (floats);
/// - "none" (later updates win): the last update aimed at each position is
///   found as the maximum update number sent there (nn.scatter_reduce
///   "amax" of 0, 1, ..., exact in f64), then gathered from the updates
///   where one arrived, the data kept elsewhere; the result is
///   differentiable in data and updates through the gather and select;
/// - "mul" has no scatter op: it needs the indices known at import time.
mlir::LogicalResult scatterAt(NodeContext &context, mlir::Value data,
                              mlir::Value updates, mlir::Value positions,
                              llvm::StringRef reduction) {
  if (reduction != "none" && reduction != "add" && reduction != "mul" &&
      reduction != "max" && reduction != "min")
    return context.fail("reduction '" + reduction + "' is not supported");
  auto dataType = mlir::cast<mlir::RankedTensorType>(data.getType());
  auto updatesType = mlir::cast<mlir::RankedTensorType>(updates.getType());
  auto positionsType = mlir::cast<mlir::RankedTensorType>(positions.getType());
  if (updatesType.getShape() != positionsType.getShape())
    return context.fail("the updates do not match the indices in shape");
  if (needsLevels(dataType, reduction))
    return context.fail(
        "reduction '" + reduction + "'" +
        (reduction == "mul" ? " (no nn scatter op multiplies)"
                            : " of integer data (nn.scatter_reduce takes "
                              "floats)") +
        " needs the indices known at import time, not computed at run time");
  int64_t size = dataType.getNumElements(),
          count = updatesType.getNumElements();
  auto flatData = reshapeTo(context, data, {size});
  auto flatUpdates = reshapeTo(context, updates, {count});
  auto flatPositions = reshapeTo(context, positions, {count});
  if (mlir::failed(flatData) || mlir::failed(flatUpdates) ||
      mlir::failed(flatPositions))
    return mlir::failure();
  mlir::OpBuilder &b = context.builder();
  mlir::NamedAttribute axis = b.getNamedAttr("axis", b.getI64IntegerAttr(0));
  mlir::FailureOr<mlir::Value> result;
  if (reduction == "add") {
    result = context.createValue<nn::ScatterAddOp>(
        {*flatData, *flatPositions, *flatUpdates}, {axis});
  } else if (reduction != "none") {
    result = context.createValue<nn::ScatterReduceOp>(
        {*flatData, *flatPositions, *flatUpdates},
        {axis,
         b.getNamedAttr(
             "reduce", b.getStringAttr(reduction == "max" ? "amax" : "amin"))});
  } else {
    auto f64 = [&](int64_t n) {
      return mlir::RankedTensorType::get({n}, b.getF64Type());
    };
    std::vector<double> order(count);
    std::iota(order.begin(), order.end(), 0.0);
    mlir::Value numbers = mlir::arith::ConstantOp::create(
        b, context.loc(),
        mlir::DenseElementsAttr::get(f64(count),
                                     llvm::ArrayRef<double>(order)));
    mlir::Value none = mlir::arith::ConstantOp::create(
        b, context.loc(),
        mlir::DenseElementsAttr::get(f64(size), b.getF64FloatAttr(-1.0)));
    auto last = context.createValue<nn::ScatterReduceOp>(
        {none, *flatPositions, numbers},
        {axis, b.getNamedAttr("reduce", b.getStringAttr("amax")),
         b.getNamedAttr("include_self", b.getBoolAttr(false))});
    if (mlir::failed(last))
      return mlir::failure();
    mlir::Value lastIndex = asI64(context, *last);
    auto written = compare(context, nn::ComparePredicate::ge, lastIndex,
                           saturatedScalar(context, b.getI64Type(), 0));
    auto source = binary<nn::MaximumOp>(
        context, lastIndex, saturatedScalar(context, b.getI64Type(), 0));
    if (mlir::failed(written) || mlir::failed(source))
      return mlir::failure();
    auto picked = gather(context, *flatUpdates, *source, 0);
    if (mlir::failed(picked))
      return mlir::failure();
    result = select(context, *written, *picked, *flatData);
  }
  if (mlir::failed(result))
    return mlir::failure();
  auto shaped = reshapeTo(context, *result, dataType.getShape());
  return mlir::failed(shaped) ? mlir::failure() : context.setOutputs({*shaped});
}

/// Whether a scatter takes its indices at import time: when they are an
/// initializer or a Constant, or when `needsLevels` and they can be bound
/// (a graph input given a value for import). Graph inputs otherwise stay
/// run-time index tensors (a GNN's edge list).
bool indicesAtImport(NodeContext &context, mlir::RankedTensorType dataType,
                     llvm::StringRef reduction) {
  return context.knownInput(1) ||
         (needsLevels(dataType, reduction) && context.isKnownAtImport(1));
}

/// The scatter with flat `targets` known at import time: scatterAt with
/// them as a constant (one scatter op), or the occurrence levels where
/// `needsLevels`.
mlir::LogicalResult scatterKnown(NodeContext &context, mlir::Value data,
                                 mlir::Value updates,
                                 llvm::ArrayRef<int64_t> targets,
                                 llvm::StringRef reduction) {
  auto dataType = mlir::cast<mlir::RankedTensorType>(data.getType());
  if (needsLevels(dataType, reduction))
    return scatterFlat(context, data, updates, targets, reduction);
  auto updatesType = mlir::cast<mlir::RankedTensorType>(updates.getType());
  if (int64_t(targets.size()) != updatesType.getNumElements())
    return context.fail("the updates do not match the indices in shape");
  return scatterAt(context, data, updates,
                   indexConstant(context, updatesType.getShape(), targets),
                   reduction);
}

mlir::LogicalResult convertScatterND(NodeContext &context) {
  auto data = context.tensorInput(0);
  if (mlir::failed(data))
    return mlir::failure();
  auto updates = context.input(2);
  if (mlir::failed(updates))
    return mlir::failure();
  std::string reduction = context.stringAttribute("reduction", "none");
  if (!indicesAtImport(context, data->second, reduction)) {
    auto indices = context.input(1);
    if (mlir::failed(indices))
      return mlir::failure();
    auto positions = runtimeSlicePositions(context, data->second.getShape(),
                                           *indices, /*batchDims=*/0);
    if (mlir::failed(positions))
      return mlir::failure();
    return scatterAt(context, data->first, *updates, *positions, reduction);
  }
  auto indices = knownIndices(context, 1);
  if (mlir::failed(indices))
    return mlir::failure();
  auto addressing = ndAddressing(context, data->second.getShape(), **indices,
                                 /*batchDims=*/0);
  if (mlir::failed(addressing))
    return mlir::failure();
  return scatterKnown(context, data->first, *updates,
                      slicePositions(*addressing), reduction);
}

/// ScatterElements, and Scatter (its name before opset 11).
mlir::LogicalResult convertScatterElements(NodeContext &context) {
  auto data = context.tensorInput(0);
  if (mlir::failed(data))
    return mlir::failure();
  auto updates = context.input(2);
  if (mlir::failed(updates))
    return mlir::failure();
  std::string reduction = context.stringAttribute("reduction", "none");
  if (!indicesAtImport(context, data->second, reduction)) {
    auto indices = context.input(1);
    if (mlir::failed(indices))
      return mlir::failure();
    auto positions =
        runtimeElementPositions(context, data->second.getShape(), *indices);
    if (mlir::failed(positions))
      return mlir::failure();
    return scatterAt(context, data->first, *updates, *positions, reduction);
  }
  auto indices = knownIndices(context, 1);
  if (mlir::failed(indices))
    return mlir::failure();
  auto positions =
      elementPositions(context, data->second.getShape(), **indices);
  if (mlir::failed(positions))
    return mlir::failure();
  return scatterKnown(context, data->first, *updates, *positions, reduction);
}

//===----------------------------------------------------------------------===//
// Others
//===----------------------------------------------------------------------===//

mlir::LogicalResult convertOneHot(NodeContext &context) {
  auto indices = context.tensorInput(0);
  if (mlir::failed(indices))
    return mlir::failure();
  auto depthTensor = context.constantInput(1);
  auto values = context.constantInput(2);
  if (mlir::failed(depthTensor) || mlir::failed(values))
    return mlir::failure();
  if ((*depthTensor)->numElements() != 1 || (*values)->numElements() != 2)
    return context.fail("depth must hold one element and values two");
  int64_t depth = (*depthTensor)->intAt(0);
  if (depth <= 0)
    return context.fail("depth must be positive");
  mlir::OpBuilder &b = context.builder();
  mlir::Value labels = indices->first;
  llvm::ArrayRef<int64_t> shape = indices->second.getShape();
  if (!mlir::isa<mlir::IntegerType>(indices->second.getElementType()))
    labels = nn::CastOp::create(
        b, context.loc(), mlir::RankedTensorType::get(shape, b.getI64Type()),
        labels);
  auto wrapped = wrapNegative(context, labels, depth);
  if (mlir::failed(wrapped))
    return mlir::failure();
  std::vector<int64_t> hotShape(shape);
  hotShape.push_back(depth);
  if (!checkedElementCount(hotShape))
    return context.fail("the result would have more elements than fit in "
                        "64 bits");
  mlir::Value hot = nn::OneHotOp::create(
      b, context.loc(), mlir::RankedTensorType::get(hotShape, b.getI1Type()),
      *wrapped);
  mlir::Type element = (*values)->mlirElementType(b);
  auto chosen = select(
      context, hot, saturatedScalar(context, element, (*values)->floatAt(1)),
      saturatedScalar(context, element, (*values)->floatAt(0)));
  if (mlir::failed(chosen))
    return mlir::failure();
  int64_t rank = hotShape.size();
  auto axis =
      context.normalizeAxis(context.intAttribute("axis", -1), rank, "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  if (*axis == rank - 1)
    return context.setOutputs({*chosen});
  std::vector<int64_t> perm;
  for (int64_t d = 0; d < rank - 1; ++d) {
    if (d == *axis)
      perm.push_back(rank - 1);
    perm.push_back(d);
  }
  auto result = transposeBy(context, *chosen, perm);
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

/// Trilu: the elements on and above (upper) or below (lower) diagonal k of
/// the last two dimensions, zeros elsewhere (an nn.select with a constant
/// mask, which keeps NaN and infinities outside the zeroed part).
mlir::LogicalResult convertTrilu(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  mlir::RankedTensorType type = input->second;
  if (type.getRank() < 2)
    return context.fail("the input must have rank 2 or more");
  int64_t k = 0;
  if (context.hasInput(1)) {
    auto given = context.constantInput(1);
    if (mlir::failed(given))
      return mlir::failure();
    if ((*given)->numElements() != 1)
      return context.fail("k must hold one element");
    k = (*given)->intAt(0);
  }
  bool upper = context.intAttribute("upper", 1) != 0;
  int64_t rows = type.getDimSize(type.getRank() - 2),
          columns = type.getDimSize(type.getRank() - 1);
  if (mlir::failed(context.checkImportTimeSize({rows, columns}, "the mask")))
    return mlir::failure();
  llvm::SmallVector<bool> keep;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < columns; ++j)
      keep.push_back(upper ? j - i >= k : j - i <= k);
  auto result =
      select(context, maskConstant(context, {rows, columns}, keep),
             input->first, saturatedScalar(context, type.getElementType(), 0));
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

/// DepthToSpace (DCR or CRD) and SpaceToDepth: reshape, transpose, reshape.
mlir::LogicalResult convertDepthSpace(NodeContext &context, bool toSpace) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  llvm::ArrayRef<int64_t> shape = input->second.getShape();
  if (shape.size() != 4)
    return context.fail("the input must be 4-D (N, C, H, W)");
  int64_t block = context.intAttribute("blocksize", 0);
  if (block <= 0)
    return context.fail("blocksize must be positive");
  int64_t n = shape[0], c = shape[1], h = shape[2], w = shape[3];
  std::vector<int64_t> split, perm, result;
  if (toSpace) {
    if (c % (block * block) != 0)
      return context.fail("the channels are not a multiple of blocksize^2");
    int64_t channels = c / (block * block);
    std::string mode = context.stringAttribute("mode", "DCR");
    if (mode == "DCR") {
      split = {n, block, block, channels, h, w};
      perm = {0, 3, 4, 1, 5, 2};
    } else if (mode == "CRD") {
      split = {n, channels, block, block, h, w};
      perm = {0, 1, 4, 2, 5, 3};
    } else {
      return context.fail("mode '" + mode + "' is not DCR or CRD");
    }
    result = {n, channels, h * block, w * block};
  } else {
    if (h % block != 0 || w % block != 0)
      return context.fail("the height and width are not multiples of "
                          "blocksize");
    split = {n, c, h / block, block, w / block, block};
    perm = {0, 3, 5, 1, 2, 4};
    result = {n, c * block * block, h / block, w / block};
  }
  auto spread = reshapeTo(context, input->first, split);
  if (mlir::failed(spread))
    return mlir::failure();
  auto moved = transposeBy(context, *spread, perm);
  if (mlir::failed(moved))
    return mlir::failure();
  auto shaped = reshapeTo(context, *moved, result);
  return mlir::failed(shaped) ? mlir::failure() : context.setOutputs({*shaped});
}

/// Compress with a condition known at import time: a gather of the kept
/// positions along the axis (of the flattened input without one).
mlir::LogicalResult convertCompress(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto condition = context.constantInput(1);
  if (mlir::failed(condition))
    return mlir::failure();
  mlir::Value value = input->first;
  llvm::ArrayRef<int64_t> shape = input->second.getShape();
  int64_t axis = 0;
  if (context.attribute("axis")) {
    auto normalized = context.normalizeAxis(context.intAttribute("axis", 0),
                                            shape.size(), "axis");
    if (mlir::failed(normalized))
      return mlir::failure();
    axis = *normalized;
  } else {
    auto flat = reshapeTo(context, value, {elementCount(shape)});
    if (mlir::failed(flat))
      return mlir::failure();
    value = *flat;
  }
  int64_t extent =
      mlir::cast<mlir::RankedTensorType>(value.getType()).getDimSize(axis);
  if ((*condition)->numElements() > extent)
    return context.fail("the condition is longer than the axis");
  std::vector<int64_t> kept;
  for (int64_t i = 0; i < (*condition)->numElements(); ++i)
    if ((*condition)->floatAt(i) != 0)
      kept.push_back(i);
  auto result = gatherAlong(context, value, axis, kept);
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

/// ReverseSequence with lengths known at import time: each batch entry's
/// first `length` steps reversed, a gather of the flattened input.
mlir::LogicalResult convertReverseSequence(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  llvm::ArrayRef<int64_t> shape = input->second.getShape();
  auto lengths = knownIndices(context, 1);
  if (mlir::failed(lengths))
    return mlir::failure();
  int64_t batchAxis = context.intAttribute("batch_axis", 1);
  int64_t timeAxis = context.intAttribute("time_axis", 0);
  if (shape.size() < 2 || (batchAxis != 0 && batchAxis != 1) ||
      (timeAxis != 0 && timeAxis != 1) || batchAxis == timeAxis)
    return context.fail("batch_axis and time_axis must be 0 and 1 (in "
                        "either order) of an input of rank 2 or more");
  if ((*lengths)->numElements() != shape[batchAxis])
    return context.fail("sequence_lens must have one entry per batch entry");
  std::vector<int64_t> strides = stridesOf(shape), positions;
  if (mlir::failed(
          context.checkImportTimeSize(shape, "the table of positions")))
    return mlir::failure();
  int64_t count = elementCount(shape);
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t batch = flat / strides[batchAxis] % shape[batchAxis];
    int64_t step = flat / strides[timeAxis] % shape[timeAxis];
    int64_t length = (*lengths)->ints[batch];
    if (length < 0 || length > shape[timeAxis])
      return context.fail("sequence length " + llvm::Twine(length) +
                          " is out of range");
    int64_t source = step < length ? length - 1 - step : step;
    positions.push_back(flat + (source - step) * strides[timeAxis]);
  }
  auto result = gatherFlat(context, input->first, positions, shape);
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

/// NonZero's output shape depends on its input's values: nnc computes it
/// only of data known at import time.
mlir::LogicalResult convertNonZero(NodeContext &context) {
  if (!context.isKnownAtImport(0))
    return context.fail("the output shape depends on the input's values "
                        "(data-dependent shape); nnc computes NonZero only "
                        "of data known at import time");
  return computeAtImport(context);
}

} // namespace

void registerIndexConverters(ConverterRegistry &registry) {
  registry.add("Slice", convertSlice);
  registry.add("Split", convertSplit);
  registry.add("Tile", convertTile);
  registry.add("Pad", convertPad);
  registry.add("CenterCropPad", convertCenterCropPad);
  registry.add("Gather", convertGather);
  registry.add("GatherElements", convertGatherElements);
  registry.add("GatherND", convertGatherND);
  registry.add("ScatterND", convertScatterND);
  registry.add("ScatterElements", convertScatterElements);
  registry.add("Scatter", convertScatterElements);
  registry.add("OneHot", convertOneHot);
  registry.add("Trilu", convertTrilu);
  registry.add("DepthToSpace", [](NodeContext &context) {
    return convertDepthSpace(context, true);
  });
  registry.add("SpaceToDepth", [](NodeContext &context) {
    return convertDepthSpace(context, false);
  });
  registry.add("Compress", convertCompress);
  registry.add("ReverseSequence", convertReverseSequence);
  registry.add("NonZero", convertNonZero);
}

} // namespace nnc::onnx_import
