//===- ShapeOperands.cpp - Shape-like operands of ONNX ops ----------------===//
//
// See ShapeOperands.h: per-opset reading and resolution of axes, Reshape,
// Squeeze/Unsqueeze, Flatten, Slice and Transpose operands.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ShapeOperands.h"

#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <numeric>

namespace nnc::onnx_import {

mlir::FailureOr<std::vector<int64_t>>
intsInput(NodeContext &context, size_t index, llvm::StringRef what) {
  mlir::FailureOr<const ConstantTensor *> tensor = context.constantInput(index);
  if (mlir::failed(tensor))
    return mlir::failure();
  if ((*tensor)->isFloat)
    return context.fail(what + " must be an integer tensor");
  return (*tensor)->ints;
}

mlir::FailureOr<std::optional<std::vector<int64_t>>>
intsOperand(NodeContext &context, llvm::StringRef name, int64_t inputSince,
            size_t index) {
  if (context.opset() < inputSince)
    return context.intsAttribute(name);
  if (!context.hasInput(index))
    return std::optional<std::vector<int64_t>>();
  mlir::FailureOr<std::vector<int64_t>> values =
      intsInput(context, index, name);
  if (mlir::failed(values))
    return mlir::failure();
  return std::optional<std::vector<int64_t>>(std::move(*values));
}

mlir::FailureOr<std::vector<int64_t>>
normalizeAxesInOrder(NodeContext &context, std::vector<int64_t> axes,
                     int64_t rank) {
  for (int64_t &axis : axes) {
    mlir::FailureOr<int64_t> normalized =
        context.normalizeAxis(axis, rank, "axis");
    if (mlir::failed(normalized))
      return mlir::failure();
    axis = *normalized;
  }
  std::vector<int64_t> sorted = axes;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    return context.fail("an axis is given more than once");
  return axes;
}

mlir::FailureOr<std::vector<int64_t>>
listedAxes(NodeContext &context,
           const std::optional<std::vector<int64_t>> &given, int64_t rank) {
  if (given)
    return normalizeAxesInOrder(context, *given, rank);
  std::vector<int64_t> all(rank);
  std::iota(all.begin(), all.end(), 0);
  return all;
}

mlir::FailureOr<std::vector<int64_t>>
normalizeAxes(NodeContext &context, std::vector<int64_t> axes, int64_t rank) {
  mlir::FailureOr<std::vector<int64_t>> normalized =
      normalizeAxesInOrder(context, std::move(axes), rank);
  if (mlir::succeeded(normalized))
    std::sort(normalized->begin(), normalized->end());
  return normalized;
}

mlir::FailureOr<std::vector<int64_t>>
reshapeTarget(NodeContext &context, llvm::ArrayRef<int64_t> inputShape) {
  std::vector<int64_t> shape;
  if (context.opset() < 5) {
    std::optional<std::vector<int64_t>> given = context.intsAttribute("shape");
    if (!given)
      return context.fail("the shape attribute is missing");
    shape = *given;
  } else {
    mlir::FailureOr<std::vector<int64_t>> given =
        intsInput(context, 1, "the shape");
    if (mlir::failed(given))
      return mlir::failure();
    shape = *given;
  }
  bool allowZero = context.intAttribute("allowzero", 0) != 0;
  int64_t elements = 1;
  for (int64_t extent : inputShape)
    elements *= extent;
  int64_t known = 1, inferred = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0 && !allowZero) {
      if (i >= inputShape.size())
        return context.fail("shape entry " + llvm::Twine(i) +
                            " is 0 but the input has no such dimension");
      shape[i] = inputShape[i];
    }
    if (shape[i] == -1) {
      if (inferred >= 0)
        return context.fail("the shape has more than one -1");
      inferred = i;
    } else if (shape[i] < 0) {
      return context.fail("shape entry " + llvm::Twine(i) + " is " +
                          llvm::Twine(shape[i]));
    } else if (llvm::MulOverflow(known, shape[i], known)) {
      return context.fail("the shape has more elements than fit in 64 bits");
    }
  }
  if (inferred >= 0) {
    if (known == 0 || elements % known != 0)
      return context.fail("cannot infer the -1 of the shape");
    shape[inferred] = elements / known;
  } else if (known != elements) {
    return context.fail("cannot reshape " + llvm::Twine(elements) +
                        " elements to a shape of " + llvm::Twine(known));
  }
  return shape;
}

mlir::FailureOr<std::vector<int64_t>>
unsqueezeTarget(NodeContext &context, llvm::ArrayRef<int64_t> inputShape) {
  auto axes = intsOperand(context, "axes", 13, 1);
  if (mlir::failed(axes))
    return mlir::failure();
  if (!*axes)
    return context.fail("the axes are missing");
  int64_t rank = inputShape.size() + (*axes)->size();
  auto normalized = normalizeAxes(context, **axes, rank);
  if (mlir::failed(normalized))
    return mlir::failure();
  std::vector<int64_t> shape;
  auto next = inputShape.begin();
  for (int64_t i = 0; i < rank; ++i)
    shape.push_back(
        std::binary_search(normalized->begin(), normalized->end(), i)
            ? 1
            : *next++);
  return shape;
}

mlir::FailureOr<std::vector<int64_t>>
squeezeTarget(NodeContext &context, llvm::ArrayRef<int64_t> inputShape) {
  auto axes = intsOperand(context, "axes", 13, 1);
  if (mlir::failed(axes))
    return mlir::failure();
  int64_t rank = inputShape.size();
  std::vector<int64_t> squeezed;
  if (*axes) {
    auto normalized = normalizeAxes(context, **axes, rank);
    if (mlir::failed(normalized))
      return mlir::failure();
    squeezed = *normalized;
    for (int64_t axis : squeezed)
      if (inputShape[axis] != 1)
        return context.fail("cannot squeeze axis " + llvm::Twine(axis) +
                            " of extent " + llvm::Twine(inputShape[axis]));
  } else {
    for (int64_t i = 0; i < rank; ++i)
      if (inputShape[i] == 1)
        squeezed.push_back(i);
  }
  std::vector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i)
    if (!std::binary_search(squeezed.begin(), squeezed.end(), i))
      shape.push_back(inputShape[i]);
  return shape;
}

mlir::FailureOr<std::vector<int64_t>>
flattenTarget(NodeContext &context, llvm::ArrayRef<int64_t> inputShape) {
  int64_t rank = inputShape.size();
  int64_t axis = context.intAttribute("axis", 1);
  if (axis < -rank || axis > rank)
    return context.fail("axis " + llvm::Twine(axis) +
                        " is out of range for rank " + llvm::Twine(rank));
  if (axis < 0)
    axis += rank;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= inputShape[i];
  return std::vector<int64_t>{outer, inner};
}

mlir::FailureOr<std::vector<int64_t>>
broadcastShapes(NodeContext &context, llvm::ArrayRef<int64_t> a,
                llvm::ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  std::vector<int64_t> shape(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t x = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t y = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (x != y && x != 1 && y != 1)
      return context.fail("shapes do not broadcast: extent " + llvm::Twine(x) +
                          " against " + llvm::Twine(y));
    shape[i] = x == 1 ? y : x;
  }
  return shape;
}

mlir::FailureOr<std::vector<SliceRange>>
sliceRanges(NodeContext &context, llvm::ArrayRef<int64_t> inputShape) {
  int64_t rank = inputShape.size();
  std::vector<int64_t> starts, ends, axes, steps;
  if (context.opset() < 10) {
    auto givenStarts = context.intsAttribute("starts");
    auto givenEnds = context.intsAttribute("ends");
    if (!givenStarts || !givenEnds)
      return context.fail("the starts and ends attributes are required");
    starts = *givenStarts;
    ends = *givenEnds;
    if (auto givenAxes = context.intsAttribute("axes"))
      axes = *givenAxes;
  } else {
    auto givenStarts = intsInput(context, 1, "starts");
    if (mlir::failed(givenStarts))
      return mlir::failure();
    auto givenEnds = intsInput(context, 2, "ends");
    if (mlir::failed(givenEnds))
      return mlir::failure();
    starts = *givenStarts;
    ends = *givenEnds;
    if (context.hasInput(3)) {
      auto givenAxes = intsInput(context, 3, "axes");
      if (mlir::failed(givenAxes))
        return mlir::failure();
      axes = *givenAxes;
    }
    if (context.hasInput(4)) {
      auto givenSteps = intsInput(context, 4, "steps");
      if (mlir::failed(givenSteps))
        return mlir::failure();
      steps = *givenSteps;
    }
  }
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(i);
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return context.fail("starts, ends, axes and steps differ in length");
  if (rank == 0 && !axes.empty())
    return context.fail("a rank-0 input has no axis to slice");
  std::vector<SliceRange> ranges;
  for (int64_t extent : inputShape)
    ranges.push_back({0, 1, extent});
  std::vector<bool> seen(rank, false);
  for (size_t i = 0; i < axes.size(); ++i) {
    mlir::FailureOr<int64_t> axis =
        context.normalizeAxis(axes[i], rank, "axis");
    if (mlir::failed(axis))
      return mlir::failure();
    if (seen[*axis])
      return context.fail("axis " + llvm::Twine(*axis) +
                          " is sliced more than once");
    seen[*axis] = true;
    int64_t extent = inputShape[*axis], step = steps[i];
    if (step == 0)
      return context.fail("a step is 0");
    int64_t start = starts[i], end = ends[i];
    if (start < 0)
      start += extent;
    if (end < 0)
      end += extent;
    // A step longer than the extent takes one element, as the extent does;
    // clamping it keeps the count arithmetic below from overflowing.
    if (extent > 0)
      step = std::clamp<int64_t>(step, -extent, extent);
    int64_t count;
    if (extent == 0) {
      start = 0;
      count = 0;
    } else if (step > 0) {
      start = std::clamp<int64_t>(start, 0, extent);
      end = std::clamp<int64_t>(end, 0, extent);
      count = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, extent - 1);
      end = std::clamp<int64_t>(end, -1, extent - 1);
      count = start > end ? (start - end - step - 1) / -step : 0;
    }
    ranges[*axis] = {start, step, count};
  }
  return ranges;
}

mlir::FailureOr<std::vector<int64_t>> transposePermutation(NodeContext &context,
                                                           int64_t rank) {
  std::vector<int64_t> perm;
  if (auto given = context.intsAttribute("perm"))
    perm = *given;
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  std::vector<int64_t> sorted = perm;
  std::sort(sorted.begin(), sorted.end());
  for (int64_t i = 0; i < int64_t(sorted.size()); ++i)
    if (sorted[i] != i || int64_t(perm.size()) != rank)
      return context.fail("perm is not a permutation of the " +
                          llvm::Twine(rank) + " axes");
  return perm;
}

} // namespace nnc::onnx_import
