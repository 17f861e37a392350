//===- ConstantFolding.cpp - ONNX nodes computed at import time -----------===//
//
// Exported PyTorch models compute shapes at run time: Shape -> Gather ->
// Unsqueeze -> Concat -> Reshape, ConstantOfShape/Expand for masks, Range
// for positions. With static shapes all of that is known at import time,
// so the importer computes it here and the compiled model never sees it.
// A node folds when its op has a folder below and every input it has is a
// foldable constant (NodeContext::foldableInput: initializers that are
// parameters are not); Shape and Size fold for any input, since only its
// static shape matters. Elements keep their ONNX element type (integer
// arithmetic wraps, float results round to their type). A result may have
// at most kMaxImportTimeElements elements: a bigger elementwise result is
// left to the op's converter, any other is a clear error.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/NodeConverter.h"
#include "frontends/onnx/ShapeOperands.h"
#include "ir/Broadcast.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MathExtras.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace nnc::onnx_import {
namespace {

using Inputs = llvm::ArrayRef<const ConstantTensor *>;
/// Computes the node's outputs from its (present) inputs, in input order;
/// a missing optional input is null.
using Folder = mlir::LogicalResult (*)(NodeContext &, Inputs,
                                       std::vector<ConstantTensor> &);

/// Row-major strides of `shape`.
/// For each element of `outShape`, the flat index of the element of a
/// tensor of `inShape` that broadcasts to it (trailing dimensions align).
std::vector<int64_t> broadcastSources(llvm::ArrayRef<int64_t> outShape,
                                      llvm::ArrayRef<int64_t> inShape) {
  std::vector<int64_t> inStrides = stridesOf(inShape);
  size_t offset = outShape.size() - inShape.size();
  std::vector<int64_t> sources(elementCount(outShape));
  std::vector<int64_t> outStrides = stridesOf(outShape);
  for (int64_t flat = 0; flat < int64_t(sources.size()); ++flat) {
    int64_t source = 0;
    for (size_t d = offset; d < outShape.size(); ++d) {
      int64_t position = flat / outStrides[d] % outShape[d];
      if (inShape[d - offset] != 1)
        source += position * inStrides[d - offset];
    }
    sources[flat] = source;
  }
  return sources;
}

/// The tensor of `shape` whose element `i` is element `sources[i]` of
/// `input`, with `input`'s element type.
ConstantTensor pick(const ConstantTensor &input, std::vector<int64_t> shape,
                    llvm::ArrayRef<int64_t> sources) {
  ConstantTensor result;
  result.shape = std::move(shape);
  result.isFloat = input.isFloat;
  result.elementType = input.elementType;
  for (int64_t source : sources) {
    if (input.isFloat)
      result.floats.push_back(input.floats[source]);
    else
      result.ints.push_back(input.ints[source]);
  }
  return result;
}

/// `input` with a new shape holding as many elements.
ConstantTensor reshaped(const ConstantTensor &input,
                        std::vector<int64_t> shape) {
  ConstantTensor result = input;
  result.shape = std::move(shape);
  return result;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

/// An elementwise op over broadcast inputs: `compute(values)` gets each
/// input's element as a double (floating-point inputs) or `computeInt` as
/// an int64 (integer inputs) and the result has `resultType` (the first
/// input's type when 0).
template <typename FloatFn, typename IntFn>
mlir::LogicalResult elementwise(NodeContext &context, Inputs inputs,
                                std::vector<ConstantTensor> &outputs,
                                int32_t resultType, FloatFn compute,
                                IntFn computeInt) {
  std::vector<int64_t> shape;
  for (const ConstantTensor *input : inputs) {
    auto broadcast = broadcastShapes(context, shape, input->shape);
    if (mlir::failed(broadcast))
      return mlir::failure();
    shape = *broadcast;
  }
  if (mlir::failed(context.checkImportTimeSize(shape, "the result")))
    return mlir::failure();
  std::vector<std::vector<int64_t>> sources;
  for (const ConstantTensor *input : inputs)
    sources.push_back(broadcastSources(shape, input->shape));
  // Integer math when every input holds integers, else floating-point.
  bool integer = llvm::none_of(
      inputs, [](const ConstantTensor *input) { return input->isFloat; });
  int32_t type = resultType ? resultType : inputs[0]->elementType;
  ConstantTensor result;
  result.shape = shape;
  result.elementType = type;
  result.isFloat = isFloatElementType(type);
  int64_t count = elementCount(shape);
  for (int64_t i = 0; i < count; ++i) {
    if (integer) {
      llvm::SmallVector<int64_t, 3> values;
      for (size_t k = 0; k < inputs.size(); ++k)
        values.push_back(inputs[k]->ints[sources[k][i]]);
      int64_t value = computeInt(values);
      if (result.isFloat)
        result.floats.push_back(double(value));
      else
        result.ints.push_back(value);
    } else {
      llvm::SmallVector<double, 3> values;
      for (size_t k = 0; k < inputs.size(); ++k)
        values.push_back(inputs[k]->floatAt(sources[k][i]));
      double value = compute(values);
      if (result.isFloat)
        result.floats.push_back(value);
      else
        result.ints.push_back(truncateToInt64(value));
    }
  }
  result.roundToElementType();
  outputs.push_back(std::move(result));
  return mlir::success();
}

/// `op` on the two's-complement bits of `a` and `b`: int64 arithmetic that
/// wraps around as fixed-width integer ops do (signed overflow is undefined
/// in C++).
template <typename Op> int64_t wrapping(int64_t a, int64_t b, Op op) {
  return int64_t(op(uint64_t(a), uint64_t(b)));
}

/// Integer division rounding toward zero (C's, as ONNX runtimes do); a
/// division by zero is an error.
mlir::LogicalResult foldDiv(NodeContext &context, Inputs inputs,
                            std::vector<ConstantTensor> &outputs) {
  bool byZero = false;
  mlir::LogicalResult result = elementwise(
      context, inputs, outputs, 0,
      [](llvm::ArrayRef<double> v) { return v[0] / v[1]; },
      [&](llvm::ArrayRef<int64_t> v) -> int64_t {
        if (v[1] == 0) {
          byZero = true;
          return 0;
        }
        // INT64_MIN / -1 wraps (the only quotient that overflows).
        return v[1] == -1 ? wrapping(0, v[0], std::minus<>()) : v[0] / v[1];
      });
  if (byZero)
    return context.fail("integer division by zero");
  return result;
}

/// Mod: fmod = 0 takes the divisor's sign (Python's %), 1 the dividend's.
mlir::LogicalResult foldMod(NodeContext &context, Inputs inputs,
                            std::vector<ConstantTensor> &outputs) {
  bool fmod = context.intAttribute("fmod", 0) != 0;
  if (!fmod && inputs[0]->isFloat)
    return context.fail("fmod must be 1 for floating-point inputs");
  bool byZero = false;
  mlir::LogicalResult result = elementwise(
      context, inputs, outputs, 0,
      [](llvm::ArrayRef<double> v) { return std::fmod(v[0], v[1]); },
      [&](llvm::ArrayRef<int64_t> v) -> int64_t {
        if (v[1] == 0) {
          byZero = true;
          return 0;
        }
        int64_t r = v[1] == -1 ? 0 : v[0] % v[1];
        if (!fmod && r != 0 && ((r < 0) != (v[1] < 0)))
          r += v[1];
        return r;
      });
  if (byZero)
    return context.fail("integer modulo by zero");
  return result;
}

/// A binary or variadic op with a formula for floating-point data and one
/// for integers.
#define NNC_ELEMENTWISE_FOLDER2(NAME, TYPE, EXPR, INT_EXPR)                    \
  mlir::LogicalResult NAME(NodeContext &context, Inputs inputs,                \
                           std::vector<ConstantTensor> &outputs) {             \
    return elementwise(                                                        \
        context, inputs, outputs, TYPE,                                        \
        [](llvm::ArrayRef<double> v) -> double { return EXPR; },               \
        [](llvm::ArrayRef<int64_t> v) -> int64_t { return INT_EXPR; });        \
  }
/// The same formula for both kinds of data.
#define NNC_ELEMENTWISE_FOLDER(NAME, TYPE, EXPR)                               \
  NNC_ELEMENTWISE_FOLDER2(NAME, TYPE, EXPR, EXPR)

NNC_ELEMENTWISE_FOLDER2(foldAdd, 0, v[0] + v[1],
                        wrapping(v[0], v[1], std::plus<>()))
NNC_ELEMENTWISE_FOLDER2(foldSub, 0, v[0] - v[1],
                        wrapping(v[0], v[1], std::minus<>()))
NNC_ELEMENTWISE_FOLDER2(foldMul, 0, v[0] * v[1],
                        wrapping(v[0], v[1], std::multiplies<>()))
NNC_ELEMENTWISE_FOLDER2(foldNeg, 0, -v[0], wrapping(0, v[0], std::minus<>()))
NNC_ELEMENTWISE_FOLDER2(foldAbs, 0, v[0] < 0 ? -v[0] : v[0],
                        v[0] < 0 ? wrapping(0, v[0], std::minus<>()) : v[0])
NNC_ELEMENTWISE_FOLDER(foldEqual, onnx::TensorProto::BOOL, v[0] == v[1])
NNC_ELEMENTWISE_FOLDER(foldLess, onnx::TensorProto::BOOL, v[0] < v[1])
NNC_ELEMENTWISE_FOLDER(foldLessOrEqual, onnx::TensorProto::BOOL, v[0] <= v[1])
NNC_ELEMENTWISE_FOLDER(foldGreater, onnx::TensorProto::BOOL, v[0] > v[1])
NNC_ELEMENTWISE_FOLDER(foldGreaterOrEqual, onnx::TensorProto::BOOL,
                       v[0] >= v[1])
NNC_ELEMENTWISE_FOLDER(foldNot, onnx::TensorProto::BOOL, !v[0])
NNC_ELEMENTWISE_FOLDER(foldAnd, onnx::TensorProto::BOOL, v[0] && v[1])
NNC_ELEMENTWISE_FOLDER(foldOr, onnx::TensorProto::BOOL, v[0] || v[1])
NNC_ELEMENTWISE_FOLDER(foldXor, onnx::TensorProto::BOOL,
                       bool(v[0]) != bool(v[1]))
#undef NNC_ELEMENTWISE_FOLDER

/// A unary op on floating-point data (integers pass through unchanged,
/// as Floor and Ceil leave them).
#define NNC_FLOAT_FOLDER(NAME, FN)                                             \
  mlir::LogicalResult NAME(NodeContext &context, Inputs inputs,                \
                           std::vector<ConstantTensor> &outputs) {             \
    return elementwise(                                                        \
        context, inputs, outputs, 0,                                           \
        [](llvm::ArrayRef<double> v) { return FN(v[0]); },                     \
        [](llvm::ArrayRef<int64_t> v) { return v[0]; });                       \
  }

NNC_FLOAT_FOLDER(foldFloor, std::floor)
NNC_FLOAT_FOLDER(foldCeil, std::ceil)
NNC_FLOAT_FOLDER(foldSqrt, std::sqrt)
NNC_FLOAT_FOLDER(foldReciprocal, 1.0 /)
#undef NNC_FLOAT_FOLDER

/// Min and Max of any number of inputs; a NaN wins, as in ONNX.
template <bool isMax>
mlir::LogicalResult foldExtremum(NodeContext &context, Inputs inputs,
                                 std::vector<ConstantTensor> &outputs) {
  if (inputs.empty())
    return context.fail("needs at least one input");
  auto pickFloat = [](llvm::ArrayRef<double> v) {
    double best = v[0];
    for (double x : v.drop_front()) {
      if (std::isnan(x) || std::isnan(best)) {
        best = NAN;
        continue;
      }
      best = isMax ? std::max(best, x) : std::min(best, x);
    }
    return best;
  };
  auto pickInt = [](llvm::ArrayRef<int64_t> v) {
    return isMax ? *std::max_element(v.begin(), v.end())
                 : *std::min_element(v.begin(), v.end());
  };
  return elementwise(context, inputs, outputs, 0, pickFloat, pickInt);
}

mlir::LogicalResult foldWhere(NodeContext &context, Inputs inputs,
                              std::vector<ConstantTensor> &outputs) {
  if (inputs[1]->isFloat != inputs[2]->isFloat)
    return context.fail("X and Y differ in element type");
  return elementwise(
      context, inputs, outputs, inputs[1]->elementType,
      [](llvm::ArrayRef<double> v) { return v[0] != 0 ? v[1] : v[2]; },
      [](llvm::ArrayRef<int64_t> v) { return v[0] != 0 ? v[1] : v[2]; });
}

mlir::LogicalResult foldCast(NodeContext &context, Inputs inputs,
                             std::vector<ConstantTensor> &outputs) {
  int64_t to = context.intAttribute("to", 0);
  if (!isSupportedElementType(to))
    return context.fail("cast to " + elementTypeName(to) +
                        ", which nnc does not support");
  const ConstantTensor &input = *inputs[0];
  ConstantTensor result;
  result.shape = input.shape;
  result.elementType = to;
  result.isFloat = isFloatElementType(to);
  for (int64_t i = 0, e = input.numElements(); i < e; ++i) {
    if (result.isFloat)
      result.floats.push_back(input.floatAt(i));
    else if (to == onnx::TensorProto::BOOL)
      result.ints.push_back(input.floatAt(i) != 0);
    else
      result.ints.push_back(input.intAt(i));
  }
  result.roundToElementType();
  outputs.push_back(std::move(result));
  return mlir::success();
}

//===----------------------------------------------------------------------===//
// Shapes and data movement
//===----------------------------------------------------------------------===//

/// Shape (with opset 15's start and end) and Size of any value: only its
/// static shape matters.
mlir::FailureOr<std::vector<int64_t>> staticShapeOfInput(NodeContext &context) {
  if (const ConstantTensor *known = context.knownInput(0))
    return known->shape;
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  if (!input->second.hasStaticShape())
    return context.fail("the input's shape is not static");
  return std::vector<int64_t>(input->second.getShape());
}

mlir::LogicalResult foldShape(NodeContext &context) {
  auto shape = staticShapeOfInput(context);
  if (mlir::failed(shape))
    return mlir::failure();
  int64_t rank = shape->size();
  int64_t start = context.intAttribute("start", 0);
  int64_t end = context.intAttribute("end", rank);
  if (start < 0)
    start += rank;
  if (end < 0)
    end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, start, rank);
  std::vector<int64_t> dims(shape->begin() + start, shape->begin() + end);
  context.setConstantOutput(
      ConstantTensor::ofInts({int64_t(dims.size())}, dims));
  return mlir::success();
}

mlir::LogicalResult foldSize(NodeContext &context) {
  auto shape = staticShapeOfInput(context);
  if (mlir::failed(shape))
    return mlir::failure();
  context.setConstantOutput(ConstantTensor::ofInts({}, {elementCount(*shape)}));
  return mlir::success();
}

/// The flat-index map of Gather along `axis` with (normalized) `indices`.
mlir::LogicalResult foldGather(NodeContext &context, Inputs inputs,
                               std::vector<ConstantTensor> &outputs) {
  const ConstantTensor &data = *inputs[0], &indices = *inputs[1];
  if (indices.isFloat)
    return context.fail("the indices must be integers");
  int64_t rank = data.shape.size();
  if (rank == 0)
    return context.fail("the data must have rank 1 or more");
  auto axis =
      context.normalizeAxis(context.intAttribute("axis", 0), rank, "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  int64_t extent = data.shape[*axis];
  int64_t outer = elementCount(llvm::ArrayRef(data.shape).take_front(*axis));
  int64_t inner =
      elementCount(llvm::ArrayRef(data.shape).drop_front(*axis + 1));
  std::vector<int64_t> shape(data.shape.begin(), data.shape.begin() + *axis);
  shape.insert(shape.end(), indices.shape.begin(), indices.shape.end());
  shape.insert(shape.end(), data.shape.begin() + *axis + 1, data.shape.end());
  if (mlir::failed(context.checkImportTimeSize(shape, "the result")))
    return mlir::failure();
  std::vector<int64_t> sources;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t index : indices.ints) {
      if (index < -extent || index >= extent)
        return context.fail("index " + llvm::Twine(index) +
                            " is out of range for extent " +
                            llvm::Twine(extent));
      if (index < 0)
        index += extent;
      for (int64_t i = 0; i < inner; ++i)
        sources.push_back((o * extent + index) * inner + i);
    }
  outputs.push_back(pick(data, shape, sources));
  return mlir::success();
}

mlir::LogicalResult foldConcat(NodeContext &context, Inputs inputs,
                               std::vector<ConstantTensor> &outputs) {
  if (inputs.empty())
    return context.fail("there is nothing to concatenate");
  const ConstantTensor &first = *inputs[0];
  int64_t rank = first.shape.size();
  if (rank == 0)
    return context.fail("rank-0 inputs cannot be concatenated");
  auto axis =
      context.normalizeAxis(context.intAttribute("axis", 1), rank, "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  std::vector<int64_t> shape = first.shape;
  shape[*axis] = 0;
  for (const ConstantTensor *input : inputs) {
    if (int64_t(input->shape.size()) != rank || input->isFloat != first.isFloat)
      return context.fail("the inputs differ in rank or element type");
    for (int64_t d = 0; d < rank; ++d)
      if (d != *axis && input->shape[d] != first.shape[d])
        return context.fail("the inputs differ in extent along axis " +
                            llvm::Twine(d));
    shape[*axis] += input->shape[*axis];
    if (mlir::failed(context.checkImportTimeSize(shape, "the result")))
      return mlir::failure();
  }
  int64_t outer = elementCount(llvm::ArrayRef(shape).take_front(*axis));
  ConstantTensor result;
  result.shape = shape;
  result.isFloat = first.isFloat;
  result.elementType = first.elementType;
  for (int64_t o = 0; o < outer; ++o)
    for (const ConstantTensor *input : inputs) {
      int64_t block =
          elementCount(llvm::ArrayRef(input->shape).drop_front(*axis));
      for (int64_t i = o * block; i < (o + 1) * block; ++i) {
        if (first.isFloat)
          result.floats.push_back(input->floats[i]);
        else
          result.ints.push_back(input->ints[i]);
      }
    }
  outputs.push_back(std::move(result));
  return mlir::success();
}

/// Reshape, Unsqueeze, Squeeze and Flatten keep the data and change the
/// shape.
template <mlir::FailureOr<std::vector<int64_t>> (*target)(
    NodeContext &, llvm::ArrayRef<int64_t>)>
mlir::LogicalResult foldReshapeLike(NodeContext &context, Inputs inputs,
                                    std::vector<ConstantTensor> &outputs) {
  auto shape = target(context, inputs[0]->shape);
  if (mlir::failed(shape))
    return mlir::failure();
  outputs.push_back(reshaped(*inputs[0], *shape));
  return mlir::success();
}

mlir::LogicalResult foldSlice(NodeContext &context, Inputs inputs,
                              std::vector<ConstantTensor> &outputs) {
  const ConstantTensor &data = *inputs[0];
  auto ranges = sliceRanges(context, data.shape);
  if (mlir::failed(ranges))
    return mlir::failure();
  std::vector<int64_t> shape, strides = stridesOf(data.shape);
  for (const SliceRange &range : *ranges)
    shape.push_back(range.count);
  std::vector<int64_t> outStrides = stridesOf(shape);
  std::vector<int64_t> sources(elementCount(shape));
  for (int64_t flat = 0; flat < int64_t(sources.size()); ++flat) {
    int64_t source = 0;
    for (size_t d = 0; d < shape.size(); ++d) {
      int64_t position = flat / outStrides[d] % shape[d];
      source +=
          ((*ranges)[d].start + position * (*ranges)[d].step) * strides[d];
    }
    sources[flat] = source;
  }
  outputs.push_back(pick(data, shape, sources));
  return mlir::success();
}

mlir::LogicalResult foldTranspose(NodeContext &context, Inputs inputs,
                                  std::vector<ConstantTensor> &outputs) {
  const ConstantTensor &data = *inputs[0];
  int64_t rank = data.shape.size();
  auto perm = transposePermutation(context, rank);
  if (mlir::failed(perm))
    return mlir::failure();
  std::vector<int64_t> shape, strides = stridesOf(data.shape);
  for (int64_t axis : *perm)
    shape.push_back(data.shape[axis]);
  std::vector<int64_t> outStrides = stridesOf(shape);
  std::vector<int64_t> sources(elementCount(shape));
  for (int64_t flat = 0; flat < int64_t(sources.size()); ++flat) {
    int64_t source = 0;
    for (int64_t d = 0; d < rank; ++d)
      source += flat / outStrides[d] % shape[d] * strides[(*perm)[d]];
    sources[flat] = source;
  }
  outputs.push_back(pick(data, shape, sources));
  return mlir::success();
}

mlir::LogicalResult foldExpand(NodeContext &context, Inputs inputs,
                               std::vector<ConstantTensor> &outputs) {
  auto target = intsInput(context, 1, "the shape");
  if (mlir::failed(target))
    return mlir::failure();
  auto shape = broadcastShapes(context, inputs[0]->shape, *target);
  if (mlir::failed(shape) ||
      mlir::failed(context.checkImportTimeSize(*shape, "the result")))
    return mlir::failure();
  outputs.push_back(
      pick(*inputs[0], *shape, broadcastSources(*shape, inputs[0]->shape)));
  return mlir::success();
}

mlir::LogicalResult foldTile(NodeContext &context, Inputs inputs,
                             std::vector<ConstantTensor> &outputs) {
  const ConstantTensor &data = *inputs[0];
  auto repeats = intsInput(context, 1, "repeats");
  if (mlir::failed(repeats))
    return mlir::failure();
  if (repeats->size() != data.shape.size())
    return context.fail("repeats has " + llvm::Twine(repeats->size()) +
                        " entries for rank " + llvm::Twine(data.shape.size()));
  std::vector<int64_t> shape, strides = stridesOf(data.shape);
  for (size_t d = 0; d < data.shape.size(); ++d) {
    if ((*repeats)[d] < 0)
      return context.fail("a repeat count is negative");
    int64_t extent;
    if (llvm::MulOverflow(data.shape[d], (*repeats)[d], extent))
      return context.fail("the result would have more elements than fit in "
                          "64 bits");
    shape.push_back(extent);
  }
  if (mlir::failed(context.checkImportTimeSize(shape, "the result")))
    return mlir::failure();
  std::vector<int64_t> outStrides = stridesOf(shape);
  std::vector<int64_t> sources(elementCount(shape));
  for (int64_t flat = 0; flat < int64_t(sources.size()); ++flat) {
    int64_t source = 0;
    for (size_t d = 0; d < shape.size(); ++d)
      source += flat / outStrides[d] % shape[d] % data.shape[d] * strides[d];
    sources[flat] = source;
  }
  outputs.push_back(pick(data, shape, sources));
  return mlir::success();
}

mlir::LogicalResult foldIdentity(NodeContext &, Inputs inputs,
                                 std::vector<ConstantTensor> &outputs) {
  outputs.push_back(*inputs[0]);
  return mlir::success();
}

mlir::LogicalResult foldConstantOfShape(NodeContext &context, Inputs inputs,
                                        std::vector<ConstantTensor> &outputs) {
  if (inputs[0]->isFloat)
    return context.fail("the shape must be an integer tensor");
  std::vector<int64_t> shape = inputs[0]->ints;
  for (int64_t extent : shape)
    if (extent < 0)
      return context.fail("the shape has a negative extent");
  if (mlir::failed(context.checkImportTimeSize(shape, "the result")))
    return mlir::failure();
  ConstantTensor value = ConstantTensor::ofFloats({1}, {0.0});
  if (const onnx::AttributeProto *given = context.attribute("value")) {
    std::string error;
    if (!decodeTensor(given->t(), &value, &error))
      return context.fail(error);
    if (value.numElements() != 1)
      return context.fail("the value attribute must hold one element");
  }
  ConstantTensor result = value;
  result.shape = shape;
  int64_t count = elementCount(shape);
  if (value.isFloat)
    result.floats.assign(count, value.floats[0]);
  else
    result.ints.assign(count, value.ints[0]);
  outputs.push_back(std::move(result));
  return mlir::success();
}

mlir::LogicalResult foldRange(NodeContext &context, Inputs inputs,
                              std::vector<ConstantTensor> &outputs) {
  for (const ConstantTensor *input : inputs)
    if (input->numElements() != 1)
      return context.fail("start, limit and delta must be scalars");
  const ConstantTensor &start = *inputs[0];
  ConstantTensor result;
  result.isFloat = start.isFloat;
  result.elementType = start.elementType;
  if (start.isFloat) {
    double first = start.floatAt(0), limit = inputs[1]->floatAt(0),
           delta = inputs[2]->floatAt(0);
    if (delta == 0)
      return context.fail("delta is 0");
    double steps = std::ceil((limit - first) / delta);
    if (!(steps <= double(kMaxImportTimeElements))) // also catches NaN
      return context.fail("the range would have more than " +
                          llvm::Twine(kMaxImportTimeElements) +
                          " elements, the most nnc computes at import time");
    int64_t count = int64_t(std::max(0.0, steps));
    for (int64_t i = 0; i < count; ++i)
      result.floats.push_back(first + double(i) * delta);
    result.shape = {count};
  } else {
    int64_t first = start.ints[0], limit = inputs[1]->intAt(0),
            delta = inputs[2]->intAt(0);
    if (delta == 0)
      return context.fail("delta is 0");
    int64_t span;
    if (llvm::SubOverflow(limit, first, span) ||
        (span == std::numeric_limits<int64_t>::min() && delta == -1))
      return context.fail("limit - start does not fit in 64 bits");
    int64_t count = std::max<int64_t>(
        0, span / delta + ((span % delta != 0) && ((span < 0) == (delta < 0))));
    if (mlir::failed(context.checkImportTimeSize({count}, "the range")))
      return mlir::failure();
    for (int64_t i = 0; i < count; ++i)
      result.ints.push_back(first + i * delta);
    result.shape = {count};
  }
  result.roundToElementType();
  outputs.push_back(std::move(result));
  return mlir::success();
}

/// The ONNX element type of input 0 (known tensor or run-time value).
int32_t inputElementType(NodeContext &context) {
  if (const ConstantTensor *known = context.knownInput(0))
    return known->elementType;
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return onnx::TensorProto::FLOAT;
  mlir::Type element = input->second.getElementType();
  if (element.isF64())
    return onnx::TensorProto::DOUBLE;
  if (element.isF16())
    return onnx::TensorProto::FLOAT16;
  if (element.isBF16())
    return onnx::TensorProto::BFLOAT16;
  if (element.isInteger(1))
    return onnx::TensorProto::BOOL;
  if (element.isInteger(8))
    return onnx::TensorProto::INT8;
  if (element.isInteger(32))
    return onnx::TensorProto::INT32;
  if (element.isInteger(64))
    return onnx::TensorProto::INT64;
  return onnx::TensorProto::FLOAT;
}

mlir::LogicalResult foldEyeLike(NodeContext &context) {
  auto shape = staticShapeOfInput(context);
  if (mlir::failed(shape))
    return mlir::failure();
  if (shape->size() != 2)
    return context.fail("the input must be 2-D");
  if (mlir::failed(context.checkImportTimeSize(*shape, "the result")))
    return mlir::failure();
  int64_t type = context.intAttribute("dtype", inputElementType(context));
  if (!isSupportedElementType(type))
    return context.fail("dtype " + elementTypeName(type) + " is not supported");
  int64_t k = context.intAttribute("k", 0);
  std::vector<int64_t> ones;
  for (int64_t i = 0; i < (*shape)[0]; ++i)
    for (int64_t j = 0; j < (*shape)[1]; ++j)
      ones.push_back(j - i == k);
  ConstantTensor result =
      isFloatElementType(type)
          ? ConstantTensor::ofFloats(
                *shape, std::vector<double>(ones.begin(), ones.end()), type)
          : ConstantTensor::ofInts(*shape, ones, type);
  context.setConstantOutput(std::move(result));
  return mlir::success();
}

/// NonZero: the positions of the nonzero elements, one row per dimension.
mlir::LogicalResult foldNonZero(NodeContext &, Inputs inputs,
                                std::vector<ConstantTensor> &outputs) {
  const ConstantTensor &data = *inputs[0];
  std::vector<int64_t> strides = stridesOf(data.shape);
  int64_t rank = data.shape.size();
  std::vector<int64_t> found;
  for (int64_t i = 0; i < data.numElements(); ++i)
    if (data.floatAt(i) != 0)
      found.push_back(i);
  int64_t count = found.size();
  std::vector<int64_t> positions(rank * count);
  for (int64_t n = 0; n < count; ++n)
    for (int64_t d = 0; d < rank; ++d)
      positions[d * count + n] = found[n] / strides[d] % data.shape[d];
  outputs.push_back(ConstantTensor::ofInts({rank, count}, positions));
  return mlir::success();
}

/// A folder, with how many inputs it reads at least (optional ones after
/// those it reads through the NodeContext), and whether its result has the
/// broadcast shape of its inputs (an elementwise op).
struct FolderEntry {
  Folder fold;
  size_t minInputs;
  bool elementwise = false;
};

/// The folders by op type.
const llvm::StringMap<FolderEntry> &folders() {
  static const llvm::StringMap<FolderEntry> table = {
      {"Add", {foldAdd, 2, true}},
      {"Sub", {foldSub, 2, true}},
      {"Mul", {foldMul, 2, true}},
      {"Div", {foldDiv, 2, true}},
      {"Mod", {foldMod, 2, true}},
      {"Neg", {foldNeg, 1, true}},
      {"Abs", {foldAbs, 1, true}},
      {"Floor", {foldFloor, 1, true}},
      {"Ceil", {foldCeil, 1, true}},
      {"Sqrt", {foldSqrt, 1, true}},
      {"Reciprocal", {foldReciprocal, 1, true}},
      {"Min", {foldExtremum<false>, 1, true}},
      {"Max", {foldExtremum<true>, 1, true}},
      {"Equal", {foldEqual, 2, true}},
      {"Less", {foldLess, 2, true}},
      {"LessOrEqual", {foldLessOrEqual, 2, true}},
      {"Greater", {foldGreater, 2, true}},
      {"GreaterOrEqual", {foldGreaterOrEqual, 2, true}},
      {"Not", {foldNot, 1, true}},
      {"And", {foldAnd, 2, true}},
      {"Or", {foldOr, 2, true}},
      {"Xor", {foldXor, 2, true}},
      {"Where", {foldWhere, 3, true}},
      {"Cast", {foldCast, 1, true}},
      {"Gather", {foldGather, 2}},
      {"Concat", {foldConcat, 1}},
      {"Reshape", {foldReshapeLike<reshapeTarget>, 1}},
      {"Unsqueeze", {foldReshapeLike<unsqueezeTarget>, 1}},
      {"Squeeze", {foldReshapeLike<squeezeTarget>, 1}},
      {"Flatten", {foldReshapeLike<flattenTarget>, 1}},
      {"Slice", {foldSlice, 1}},
      {"Transpose", {foldTranspose, 1}},
      {"Expand", {foldExpand, 1}},
      {"Tile", {foldTile, 1}},
      {"Identity", {foldIdentity, 1}},
      {"ConstantOfShape", {foldConstantOfShape, 1}},
      {"Range", {foldRange, 3}},
      {"NonZero", {foldNonZero, 1}},
  };
  return table;
}

/// Fails naming the op's input count when `inputs` are fewer than `entry`
/// reads.
mlir::LogicalResult checkInputCount(NodeContext &context,
                                    const FolderEntry &entry, size_t inputs) {
  if (inputs >= entry.minInputs)
    return mlir::success();
  return context.fail("has " + llvm::Twine(inputs) + " inputs; " +
                      context.node().op_type() + " takes at least " +
                      llvm::Twine(entry.minInputs));
}

} // namespace

mlir::LogicalResult computeAtImport(NodeContext &context) {
  auto folder = folders().find(context.node().op_type());
  if (folder == folders().end())
    return context.fail("has no import-time computation");
  std::vector<const ConstantTensor *> inputs;
  for (size_t i = 0; i < context.numInputs(); ++i) {
    auto input = context.constantInput(i);
    if (mlir::failed(input))
      return mlir::failure();
    inputs.push_back(*input);
  }
  if (mlir::failed(checkInputCount(context, folder->second, inputs.size())))
    return mlir::failure();
  std::vector<ConstantTensor> outputs;
  if (mlir::failed(folder->second.fold(context, inputs, outputs)))
    return mlir::failure();
  for (auto [index, output] : llvm::enumerate(outputs))
    context.setConstantOutput(std::move(output), index);
  return mlir::success();
}

/// Whether the elementwise result of `inputs` (whose shapes broadcast) has
/// more elements than the importer computes.
bool exceedsImportTimeSize(Inputs inputs) {
  llvm::SmallVector<int64_t> shape;
  for (const ConstantTensor *input : inputs) {
    auto broadcast = nn::broadcastShapes(shape, input->shape);
    if (!broadcast)
      return false;
    shape = *broadcast;
  }
  std::optional<int64_t> count = checkedElementCount(shape);
  return !count || *count > kMaxImportTimeElements;
}

mlir::FailureOr<bool> foldNode(NodeContext &context, bool convertible) {
  llvm::StringRef opType = context.node().op_type();
  // Ops whose result depends only on the input's static shape.
  if (opType == "Shape" || opType == "Size" || opType == "EyeLike") {
    mlir::LogicalResult folded = opType == "Shape"  ? foldShape(context)
                                 : opType == "Size" ? foldSize(context)
                                                    : foldEyeLike(context);
    if (mlir::failed(folded))
      return mlir::failure();
    return true;
  }
  auto folder = folders().find(opType);
  if (folder == folders().end())
    return false;
  std::vector<const ConstantTensor *> inputs;
  for (size_t i = 0; i < context.numInputs(); ++i) {
    if (!context.hasInput(i)) {
      inputs.push_back(nullptr);
      continue;
    }
    const ConstantTensor *input = context.foldableInput(i);
    if (!input)
      return false;
    inputs.push_back(input);
  }
  // Trailing missing optional inputs are dropped; Slice reads its optional
  // operands (axes, steps) through ShapeOperands.h, the other folders need
  // every input they are given.
  while (!inputs.empty() && !inputs.back())
    inputs.pop_back();
  if (inputs.empty() ||
      (opType != "Slice" && llvm::is_contained(inputs, nullptr)))
    return false;
  if (mlir::failed(checkInputCount(context, folder->second, inputs.size())))
    return mlir::failure();
  // Too large to compute here (a causal mask over 16k positions): the
  // compiled model computes it, or the attention recognizer reads it from
  // the comparison that builds it.
  if (folder->second.elementwise && convertible &&
      exceedsImportTimeSize(inputs))
    return false;
  std::vector<ConstantTensor> outputs;
  if (mlir::failed(folder->second.fold(context, inputs, outputs)))
    return mlir::failure();
  for (auto [index, output] : llvm::enumerate(outputs))
    context.setConstantOutput(std::move(output), index);
  return true;
}

} // namespace nnc::onnx_import
