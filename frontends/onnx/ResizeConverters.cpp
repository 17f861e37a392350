//===- ResizeConverters.cpp - ONNX Resize and Upsample --------------------===//
//
// Resize (opsets 10 to 18: scales or sizes, every
// coordinate_transformation_mode, the four nearest_modes, linear and cubic
// with cubic_coeff_a and exclude_outside, tf_crop_and_resize's roi and
// extrapolation_value; from 18 `axes`, keep_aspect_ratio_policy and
// antialias) and Upsample (opsets 7 and 9). Every mode is separable: along
// each resized axis, output position i reads input positions p_k(i) with
// weights w_k(i), both known at import time. So each axis becomes, per tap
// k, an nn.gather of the positions times a constant weight column, summed
// (one gather for nearest, two taps for linear, four for cubic; antialias
// widens a downscaling linear or cubic filter by 1 / scale, so more taps);
// tf_crop_and_resize's positions outside the input take the extrapolation
// value through an nn.select with a constant mask.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"
#include "frontends/onnx/ShapeOperands.h"

#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace nnc::onnx_import {
namespace {

/// How one axis is resampled: for each output position, the taps' input
/// positions and weights, and whether it lies outside the input
/// (tf_crop_and_resize only).
struct AxisPlan {
  int64_t outExtent = 0;
  std::vector<std::vector<int64_t>> positions; // [tap][output position]
  std::vector<std::vector<double>> weights;    // [tap][output position]
  std::vector<bool> outside;
};

/// What the attributes say, per opset.
struct ResizeMode {
  std::string mode, coordinates, nearest;
  double cubicA = -0.75;
  bool excludeOutside = false;
  double extrapolation = 0;
  /// Opset 18: the axes scales, sizes and roi list (none: all of them),
  /// how sizes keep the aspect ratio, and whether a downscaling linear or
  /// cubic filter is widened.
  std::optional<std::vector<int64_t>> axes;
  std::string aspectPolicy = "stretch";
  bool antialias = false;
};

/// The input coordinate of output position `x` along an axis. `outExtent`
/// is the resized length as ONNX's formulas take it: `inExtent * scale`
/// (not rounded) when scales are given, the size otherwise.
double sourceCoordinate(const ResizeMode &mode, double x, double scale,
                        int64_t inExtent, double outExtent, double roiStart,
                        double roiEnd) {
  const std::string &c = mode.coordinates;
  if (c == "half_pixel")
    return (x + 0.5) / scale - 0.5;
  if (c == "pytorch_half_pixel")
    return outExtent > 1 ? (x + 0.5) / scale - 0.5 : 0;
  if (c == "align_corners")
    return outExtent == 1 ? 0
                          : x * double(inExtent - 1) / double(outExtent - 1);
  if (c == "tf_half_pixel_for_nn")
    return (x + 0.5) / scale;
  if (c == "tf_crop_and_resize")
    return outExtent > 1
               ? roiStart * (inExtent - 1) +
                     x * (roiEnd - roiStart) * (inExtent - 1) / (outExtent - 1)
               : 0.5 * (roiStart + roiEnd) * (inExtent - 1);
  return x / scale; // asymmetric
}

/// The nearest input position of coordinate `x` in `nearestMode`.
int64_t nearestPosition(const std::string &nearestMode, double x) {
  if (nearestMode == "floor")
    return truncateToInt64(std::floor(x));
  if (nearestMode == "ceil")
    return truncateToInt64(std::ceil(x));
  double below = std::floor(x);
  if (x - below == 0.5)
    return truncateToInt64(nearestMode == "round_prefer_ceil" ? below + 1
                                                              : below);
  return truncateToInt64(std::round(x));
}

/// The cubic convolution weights of the four taps around fraction `r`.
std::array<double, 4> cubicWeights(double r, double a) {
  auto near = [a](double t) { return ((a + 2) * t - (a + 3)) * t * t + 1; };
  auto far = [a](double t) {
    return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  };
  return {far(r + 1), near(r), near(1 - r), far(2 - r)};
}

/// The antialiased filter of a downscaling linear or cubic resize (`scale`
/// below 1): the kernel stretched by 1 / scale, sampled at the taps
/// `first`, `first + 1`, ... from the input position left of the
/// coordinate (fraction `r` past it), normalized to sum 1.
std::vector<double> antialiasWeights(const ResizeMode &mode, double r,
                                     double scale, int64_t first,
                                     int64_t taps) {
  std::vector<double> weights;
  double total = 0;
  for (int64_t k = 0; k < taps; ++k) {
    double t = std::abs((first + k - r) * scale);
    double w;
    if (mode.mode == "linear") {
      w = std::max(0.0, 1 - t);
    } else {
      double a = mode.cubicA;
      w = t < 1   ? ((a + 2) * t - (a + 3)) * t * t + 1
          : t < 2 ? ((a * t - 5 * a) * t + 8 * a) * t - 4 * a
                  : 0;
    }
    weights.push_back(w);
    total += w;
  }
  for (double &w : weights)
    w /= total;
  return weights;
}

AxisPlan planAxis(const ResizeMode &mode, int64_t inExtent, int64_t outExtent,
                  double resizedLength, double scale, double roiStart,
                  double roiEnd) {
  AxisPlan plan;
  plan.outExtent = outExtent;
  int64_t taps = mode.mode == "nearest" ? 1 : mode.mode == "linear" ? 2 : 4;
  // Antialias: the kernel's support (1 for linear, 2 for cubic) over
  // `scale`, so taps from `first` (relative to the position left of the
  // coordinate) on.
  bool widened = mode.antialias && taps > 1 && scale < 1;
  int64_t first = taps == 4 ? -1 : 0;
  if (widened) {
    double support = taps == 2 ? 1 : 2;
    first = truncateToInt64(std::floor(-support / scale) + 1);
    taps = 2 * (1 - first);
  }
  plan.positions.assign(taps, {});
  plan.weights.assign(taps, {});
  auto clampPosition = [&](int64_t p) {
    return std::clamp<int64_t>(p, 0, inExtent - 1);
  };
  for (int64_t i = 0; i < outExtent; ++i) {
    double x = sourceCoordinate(mode, i, scale, inExtent, resizedLength,
                                roiStart, roiEnd);
    plan.outside.push_back(mode.coordinates == "tf_crop_and_resize" &&
                           (x < 0 || x > inExtent - 1));
    if (taps == 1) {
      plan.positions[0].push_back(
          clampPosition(nearestPosition(mode.nearest, x)));
      plan.weights[0].push_back(1);
      continue;
    }
    double base = std::floor(x), r = x - base;
    // The tap left of x, kept near the input (a far roi can put x anywhere)
    // so that the taps beside it stay in int64's range; they are clamped.
    int64_t left = truncateToInt64(
        std::clamp(base, double(first) - 4, double(inExtent - first) + 4));
    if (widened) {
      std::vector<double> weights =
          antialiasWeights(mode, r, scale, first, taps);
      double total = 0;
      for (int64_t k = 0; k < taps; ++k) {
        int64_t p = left + first + k;
        if (mode.excludeOutside && (p < 0 || p >= inExtent))
          weights[k] = 0;
        total += weights[k];
      }
      for (int64_t k = 0; k < taps; ++k) {
        plan.positions[k].push_back(clampPosition(left + first + k));
        plan.weights[k].push_back(mode.excludeOutside && total != 0
                                      ? weights[k] / total
                                      : weights[k]);
      }
      continue;
    }
    if (taps == 2) {
      // The two neighbours, clamped at the edges (edge padding).
      plan.positions[0].push_back(clampPosition(left));
      plan.positions[1].push_back(clampPosition(left + 1));
      plan.weights[0].push_back(1 - r);
      plan.weights[1].push_back(r);
      continue;
    }
    std::array<double, 4> weights = cubicWeights(r, mode.cubicA);
    double total = 0;
    for (int64_t k = 0; k < 4; ++k) {
      int64_t p = left - 1 + k;
      if (mode.excludeOutside && (p < 0 || p >= inExtent))
        weights[k] = 0;
      total += weights[k];
    }
    for (int64_t k = 0; k < 4; ++k) {
      plan.positions[k].push_back(clampPosition(left - 1 + k));
      plan.weights[k].push_back(mode.excludeOutside ? weights[k] / total
                                                    : weights[k]);
    }
  }
  return plan;
}

/// `value` resampled along `axis` by `plan`.
mlir::FailureOr<mlir::Value> resampleAxis(NodeContext &context,
                                          mlir::Value value, int64_t axis,
                                          const AxisPlan &plan) {
  mlir::OpBuilder &b = context.builder();
  auto type = mlir::cast<mlir::RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  mlir::Value sum;
  for (size_t k = 0; k < plan.positions.size(); ++k) {
    auto picked = gatherAlong(context, value, axis, plan.positions[k]);
    if (mlir::failed(picked))
      return mlir::failure();
    mlir::Value term = *picked;
    if (plan.positions.size() > 1) {
      // The weights as a column along `axis`, broadcast over the rest.
      std::vector<int64_t> columnShape(rank - axis, 1);
      columnShape[0] = plan.outExtent;
      auto columnType =
          mlir::RankedTensorType::get(columnShape, type.getElementType());
      llvm::SmallVector<mlir::Attribute> weights;
      for (double w : plan.weights[k])
        weights.push_back(b.getFloatAttr(type.getElementType(), w));
      mlir::Value column = mlir::arith::ConstantOp::create(
          b, context.loc(), mlir::DenseElementsAttr::get(columnType, weights));
      auto weighted = context.createValue<nn::MulOp>({term, column});
      if (mlir::failed(weighted))
        return mlir::failure();
      term = *weighted;
    }
    if (sum) {
      auto added = context.createValue<nn::AddOp>({sum, term});
      if (mlir::failed(added))
        return mlir::failure();
      term = *added;
    }
    sum = term;
  }
  return sum;
}

/// Floats of input `index` (known at import time), or an empty vector when
/// the input is absent or empty.
mlir::FailureOr<std::vector<double>> optionalFloats(NodeContext &context,
                                                    size_t index) {
  if (!context.hasInput(index))
    return std::vector<double>();
  auto tensor = context.constantInput(index);
  if (mlir::failed(tensor))
    return mlir::failure();
  std::vector<double> values;
  for (int64_t i = 0; i < (*tensor)->numElements(); ++i)
    values.push_back((*tensor)->floatAt(i));
  return values;
}

/// Resize (and Upsample, `upsample`): `mode` from the attributes, the
/// scales/sizes/roi from the inputs at `scalesIndex`, `sizesIndex` and
/// `roiIndex` (negative: not an input).
mlir::LogicalResult resize(NodeContext &context, const ResizeMode &mode,
                           int64_t roiIndex, int64_t scalesIndex,
                           int64_t sizesIndex) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  mlir::RankedTensorType type = input->second;
  if (!mlir::isa<mlir::FloatType>(type.getElementType()))
    return context.fail("only floating-point inputs are supported");
  int64_t rank = type.getRank();
  std::vector<double> scales, roi;
  std::vector<int64_t> sizes;
  if (scalesIndex >= 0) {
    auto given = optionalFloats(context, scalesIndex);
    if (mlir::failed(given))
      return mlir::failure();
    scales = *given;
  } else if (auto given = context.attribute("scales")) {
    scales.assign(given->floats().begin(), given->floats().end());
  }
  if (sizesIndex >= 0) {
    auto given = optionalFloats(context, sizesIndex);
    if (mlir::failed(given))
      return mlir::failure();
    for (double size : *given)
      sizes.push_back(truncateToInt64(size));
  }
  if (roiIndex >= 0) {
    auto given = optionalFloats(context, roiIndex);
    if (mlir::failed(given))
      return mlir::failure();
    roi = *given;
  }
  if (scales.empty() == sizes.empty())
    return context.fail("exactly one of scales and sizes must be given");
  // Opset 18's `axes`: the entries given are for those axes; the others
  // keep their extent (scale 1, roi [0, 1]).
  auto listedOrAll = listedAxes(context, mode.axes, rank);
  if (mlir::failed(listedOrAll))
    return mlir::failure();
  std::vector<int64_t> axes = *listedOrAll;
  int64_t listed = axes.size();
  if ((!scales.empty() && int64_t(scales.size()) != listed) ||
      (!sizes.empty() && int64_t(sizes.size()) != listed))
    return context.fail("scales or sizes must have one entry per resized "
                        "axis (" +
                        llvm::Twine(listed) + ")");
  // Only tf_crop_and_resize reads the roi.
  if (mode.coordinates != "tf_crop_and_resize")
    roi.clear();
  if (!roi.empty() && int64_t(roi.size()) != 2 * listed)
    return context.fail("roi must have two entries per resized axis (" +
                        llvm::Twine(2 * listed) + ")");
  // keep_aspect_ratio_policy: with sizes, one scale for every listed axis,
  // the smallest (not_larger) or largest (not_smaller) of sizes / extent;
  // each size becomes that scale times the extent, rounded.
  if (!sizes.empty() && mode.aspectPolicy != "stretch") {
    double common = mode.aspectPolicy == "not_larger"
                        ? std::numeric_limits<double>::infinity()
                        : 0;
    for (auto [axis, size] : llvm::zip(axes, sizes)) {
      double ratio = double(size) / double(type.getDimSize(axis));
      common = mode.aspectPolicy == "not_larger" ? std::min(common, ratio)
                                                 : std::max(common, ratio);
    }
    for (auto [axis, size] : llvm::zip(axes, sizes))
      size = truncateToInt64(
          std::floor(common * double(type.getDimSize(axis)) + 0.5));
    scales.assign(listed, common);
  }
  std::vector<double> fullScales, fullRoi;
  std::vector<int64_t> fullSizes;
  if (!scales.empty())
    fullScales.assign(rank, 1.0);
  if (!sizes.empty())
    fullSizes.assign(type.getShape().begin(), type.getShape().end());
  if (!roi.empty()) {
    fullRoi.assign(rank, 0.0);
    fullRoi.resize(2 * rank, 1.0);
  }
  for (auto [index, axis] : llvm::enumerate(axes)) {
    if (!scales.empty())
      fullScales[axis] = scales[index];
    if (!sizes.empty())
      fullSizes[axis] = sizes[index];
    if (!roi.empty()) {
      fullRoi[axis] = roi[index];
      fullRoi[axis + rank] = roi[index + listed];
    }
  }
  scales = std::move(fullScales);
  sizes = std::move(fullSizes);
  roi = std::move(fullRoi);
  if (mode.coordinates == "tf_crop_and_resize" &&
      int64_t(roi.size()) != 2 * rank)
    return context.fail("tf_crop_and_resize needs an roi of 2 * rank values");
  mlir::Value value = input->first;
  std::vector<int64_t> outShape;
  std::vector<std::vector<bool>> outsideByAxis;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t inExtent = type.getDimSize(d);
    double scale;
    int64_t outExtent;
    // The output extent as given or computed, before it is known to fit.
    double extent;
    if (!sizes.empty()) {
      extent = sizes[d];
      if (!(extent > 0) || inExtent == 0)
        return context.fail("size of axis " + llvm::Twine(d) +
                            " is not positive");
    } else {
      extent = std::floor(inExtent * scales[d]);
    }
    if (!scales.empty()) {
      scale = scales[d];
      if (!(scale > 0)) // also a NaN
        return context.fail("scale " + std::to_string(scale) + " of axis " +
                            llvm::Twine(d) + " is not positive");
    }
    // Each output position's sources are computed here, at import time.
    if (!(extent <= double(kMaxImportTimeElements)))
      return context.fail("the output extent of axis " + llvm::Twine(d) +
                          " would be more than " +
                          llvm::Twine(kMaxImportTimeElements));
    outExtent = int64_t(extent);
    if (scales.empty())
      scale = double(outExtent) / double(inExtent);
    // An antialiased downscale reads 2 / scale (linear) or 4 / scale
    // (cubic) taps per output position, each a table computed here.
    if (mode.antialias && mode.mode != "nearest" && scale < 1 &&
        !((mode.mode == "linear" ? 2 : 4) / scale * double(outExtent) <=
          double(kMaxImportTimeElements)))
      return context.fail("the antialiasing filter of axis " + llvm::Twine(d) +
                          " would read more than " +
                          llvm::Twine(kMaxImportTimeElements) +
                          " input positions");
    outShape.push_back(outExtent);
    double roiStart = roi.empty() ? 0 : roi[d];
    double roiEnd = roi.empty() ? 1 : roi[d + rank];
    bool identity = outExtent == inExtent && scale == 1 &&
                    mode.coordinates != "tf_crop_and_resize";
    if (identity) {
      outsideByAxis.emplace_back(outExtent, false);
      continue;
    }
    double resizedLength = sizes.empty() ? inExtent * scale : outExtent;
    AxisPlan plan = planAxis(mode, inExtent, outExtent, resizedLength, scale,
                             roiStart, roiEnd);
    auto resampled = resampleAxis(context, value, d, plan);
    if (mlir::failed(resampled))
      return mlir::failure();
    value = *resampled;
    outsideByAxis.push_back(plan.outside);
  }
  if (mode.coordinates == "tf_crop_and_resize") {
    // An output element is outside when any of its coordinates is.
    std::optional<int64_t> count = checkedElementCount(outShape);
    if (!count || *count > kMaxImportTimeElements)
      return context.fail("the output would have more than " +
                          llvm::Twine(kMaxImportTimeElements) +
                          " elements, the most whose crop mask nnc computes "
                          "at import time");
    llvm::SmallVector<bool> mask(*count);
    for (int64_t flat = 0; flat < *count; ++flat) {
      int64_t rest = flat;
      bool out = false;
      for (int64_t d = rank - 1; d >= 0; --d) {
        out = out || outsideByAxis[d][rest % outShape[d]];
        rest /= outShape[d];
      }
      mask[flat] = out;
    }
    mlir::Value maskValue = maskConstant(context, outShape, mask);
    mlir::Value fill =
        scalarConstant(context, type.getElementType(), mode.extrapolation);
    auto selected = context.createValue<nn::SelectOp>({maskValue, fill, value});
    if (mlir::failed(selected))
      return mlir::failure();
    value = *selected;
  }
  return context.setOutputs({value});
}

mlir::LogicalResult convertResize(NodeContext &context) {
  ResizeMode mode;
  mode.mode = context.stringAttribute("mode", "nearest");
  if (mode.mode != "nearest" && mode.mode != "linear" && mode.mode != "cubic")
    return context.fail("mode '" + mode.mode + "' is not supported");
  if (context.opset() < 11) {
    // Resize-10: asymmetric coordinates, nearest rounds down.
    if (mode.mode == "cubic")
      return context.fail("mode 'cubic' needs opset 11");
    mode.coordinates = "asymmetric";
    mode.nearest = "floor";
    return resize(context, mode, -1, 1, -1);
  }
  mode.coordinates =
      context.stringAttribute("coordinate_transformation_mode", "half_pixel");
  static const char *coordinateModes[] = {
      "half_pixel", "pytorch_half_pixel",   "align_corners",
      "asymmetric", "tf_half_pixel_for_nn", "tf_crop_and_resize"};
  if (!llvm::is_contained(coordinateModes, mode.coordinates))
    return context.fail("coordinate_transformation_mode '" + mode.coordinates +
                        "' is not supported");
  mode.nearest = context.stringAttribute("nearest_mode", "round_prefer_floor");
  if (mode.nearest != "round_prefer_floor" &&
      mode.nearest != "round_prefer_ceil" && mode.nearest != "floor" &&
      mode.nearest != "ceil")
    return context.fail("nearest_mode '" + mode.nearest + "' is not supported");
  mode.cubicA = context.floatAttribute("cubic_coeff_a", -0.75f);
  mode.excludeOutside = context.intAttribute("exclude_outside", 0) != 0;
  mode.extrapolation = context.floatAttribute("extrapolation_value", 0);
  if (context.opset() >= 18) {
    mode.axes = context.intsAttribute("axes");
    mode.aspectPolicy =
        context.stringAttribute("keep_aspect_ratio_policy", "stretch");
    if (mode.aspectPolicy != "stretch" && mode.aspectPolicy != "not_larger" &&
        mode.aspectPolicy != "not_smaller")
      return context.fail("keep_aspect_ratio_policy '" + mode.aspectPolicy +
                          "' is not supported (stretch, not_larger, "
                          "not_smaller)");
    mode.antialias = context.intAttribute("antialias", 0) != 0;
  }
  return resize(context, mode, 1, 2, 3);
}

/// Upsample (opsets 7 to 9; deprecated for Resize in 10): scales as an
/// attribute (7, 8) or input 1 (9), asymmetric coordinates.
mlir::LogicalResult convertUpsample(NodeContext &context) {
  ResizeMode mode;
  mode.mode = context.stringAttribute("mode", "nearest");
  if (mode.mode == "bilinear")
    mode.mode = "linear";
  if (mode.mode != "nearest" && mode.mode != "linear")
    return context.fail("mode '" + mode.mode + "' is not supported");
  mode.coordinates = "asymmetric";
  mode.nearest = "floor";
  return resize(context, mode, -1, context.opset() >= 9 ? 1 : -1, -1);
}

} // namespace

void registerResizeConverters(ConverterRegistry &registry) {
  registry.add("Resize", convertResize);
  registry.add("Upsample", convertUpsample);
}

} // namespace nnc::onnx_import
