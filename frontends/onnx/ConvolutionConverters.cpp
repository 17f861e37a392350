//===- ConvolutionConverters.cpp - ONNX Conv and ConvTranspose ------------===//
//
// Conv and ConvTranspose over the window attributes of WindowAttributes.h
// (whose reader lives here). The pooling family is in PoolingConverters.cpp,
// BatchNormalization in NormalizationConverters.cpp.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"
#include "frontends/onnx/WindowAttributes.h"

#include "ir/NNOps.h"

#include <onnx/onnx_pb.h>

#include <limits>

namespace nnc::onnx_import {

/// The largest kernel extent, stride, dilation or pad nnc takes: bounding
/// them keeps the window arithmetic here and in the nn ops' shape inference
/// far from int64 overflow.
static constexpr int64_t kMaxWindowAttribute =
    std::numeric_limits<int32_t>::max();

/// Reads the window attributes of a node over `input` with `kernel`.
mlir::FailureOr<Window> readWindow(NodeContext &context,
                                   mlir::RankedTensorType input,
                                   llvm::ArrayRef<int64_t> kernel) {
  size_t spatial = kernel.size();
  if (input.getRank() != int64_t(spatial) + 2)
    return context.fail("the input must be [N, C, spatial...] with " +
                        llvm::Twine(spatial) + " spatial dimensions");
  Window window;
  window.strides = context.intsAttribute("strides").value_or(
      std::vector<int64_t>(spatial, 1));
  window.dilations = context.intsAttribute("dilations")
                         .value_or(std::vector<int64_t>(spatial, 1));
  window.pads = context.intsAttribute("pads").value_or(
      std::vector<int64_t>(2 * spatial, 0));
  if (window.strides.size() != spatial || window.dilations.size() != spatial ||
      window.pads.size() != 2 * spatial)
    return context.fail("strides, dilations and pads must have one entry "
                        "(pads two) per spatial dimension");
  auto positive = [](int64_t extent) { return extent > 0; };
  if (!llvm::all_of(window.strides, positive) ||
      !llvm::all_of(window.dilations, positive) ||
      !llvm::all_of(kernel, positive))
    return context.fail("kernel extents, strides and dilations must be "
                        "positive");
  auto bounded = [](int64_t value) {
    return value >= 0 && value <= kMaxWindowAttribute;
  };
  if (!llvm::all_of(window.strides, bounded) ||
      !llvm::all_of(window.dilations, bounded) ||
      !llvm::all_of(window.pads, bounded) || !llvm::all_of(kernel, bounded))
    return context.fail("kernel extents, strides, dilations and pads must be "
                        "between 0 and " +
                        llvm::Twine(kMaxWindowAttribute));
  std::string autoPad = context.stringAttribute("auto_pad", "NOTSET");
  if (autoPad == "VALID") {
    window.pads.assign(2 * spatial, 0);
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    for (size_t i = 0; i < spatial; ++i) {
      // In 128 bits: the input extent may be close to 2^63.
      __int128 in = input.getDimSize(i + 2), stride = window.strides[i];
      __int128 out = (in + stride - 1) / stride;
      __int128 extent = __int128(kernel[i] - 1) * window.dilations[i] + 1;
      __int128 needed = (out - 1) * stride + extent - in;
      if (needed > 2 * kMaxWindowAttribute)
        return context.fail("auto_pad " + autoPad + " needs pads larger than " +
                            llvm::Twine(kMaxWindowAttribute));
      int64_t total = std::max<int64_t>(0, int64_t(needed));
      int64_t small = total / 2;
      window.pads[i] = autoPad == "SAME_UPPER" ? small : total - small;
      window.pads[i + spatial] = total - window.pads[i];
    }
  } else if (autoPad != "NOTSET") {
    return context.fail("unknown auto_pad '" + autoPad + "'");
  }
  return window;
}

namespace {

mlir::LogicalResult convertConv(NodeContext &context) {
  auto input = context.tensorInput(0);
  auto weight = context.tensorInput(1);
  if (mlir::failed(input) || mlir::failed(weight))
    return mlir::failure();
  if (weight->second.getRank() < 3)
    return context.fail("the weight must be [F, C / group, kernel...]");
  mlir::FailureOr<Window> window = readWindow(
      context, input->second, weight->second.getShape().drop_front(2));
  if (mlir::failed(window))
    return mlir::failure();
  llvm::SmallVector<mlir::Value, 3> operands{input->first, weight->first};
  if (context.hasInput(2)) {
    mlir::FailureOr<mlir::Value> bias = context.input(2);
    if (mlir::failed(bias))
      return mlir::failure();
    operands.push_back(*bias);
  }
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> result = context.createValue<nn::ConvOp>(
      operands,
      {b.getNamedAttr("stride", b.getDenseI64ArrayAttr(window->strides)),
       b.getNamedAttr("padding", b.getDenseI64ArrayAttr(window->pads)),
       b.getNamedAttr("dilation", b.getDenseI64ArrayAttr(window->dilations)),
       b.getNamedAttr("groups",
                      b.getI64IntegerAttr(context.intAttribute("group", 1)))});
  return setResult(context, result);
}

/// ConvTranspose: nn.conv_transpose with the window of readWindow, except
/// that `output_shape` (or auto_pad SAME, whose output is `in * stride`)
/// fixes the output extents and so the pads: the total padding is
/// `stride * (in - 1) + output_padding + (k - 1) * dilation + 1 - out`,
/// split with the odd pixel at the end for SAME_UPPER, else at the
/// beginning. A negative total (an output larger than the unpadded one)
/// becomes extra output_padding at the end.
mlir::LogicalResult convertConvTranspose(NodeContext &context) {
  auto input = context.tensorInput(0);
  auto weight = context.tensorInput(1);
  if (mlir::failed(input) || mlir::failed(weight))
    return mlir::failure();
  if (weight->second.getRank() < 3)
    return context.fail("the weight must be [C, F / group, kernel...]");
  llvm::ArrayRef<int64_t> kernel = weight->second.getShape().drop_front(2);
  if (auto attribute = context.intsAttribute("kernel_shape"))
    if (llvm::ArrayRef<int64_t>(*attribute) != kernel)
      return context.fail("kernel_shape does not match the weight's shape");
  mlir::FailureOr<Window> window = readWindow(context, input->second, kernel);
  if (mlir::failed(window))
    return mlir::failure();
  size_t spatial = kernel.size();
  std::vector<int64_t> outputPadding =
      context.intsAttribute("output_padding")
          .value_or(std::vector<int64_t>(spatial, 0));
  if (outputPadding.size() != spatial)
    return context.fail("output_padding must have one entry per spatial "
                        "dimension");
  std::string autoPad = context.stringAttribute("auto_pad", "NOTSET");
  std::optional<std::vector<int64_t>> outputShape =
      context.intsAttribute("output_shape");
  if (outputShape && outputShape->size() == spatial + 2)
    outputShape->erase(outputShape->begin(), outputShape->begin() + 2);
  if (outputShape && outputShape->size() != spatial)
    return context.fail("output_shape must have one entry per spatial "
                        "dimension");
  if (!outputShape && (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")) {
    outputShape.emplace();
    for (size_t i = 0; i < spatial; ++i)
      outputShape->push_back(input->second.getDimSize(i + 2) *
                             window->strides[i]);
  }
  if (outputShape) {
    for (size_t i = 0; i < spatial; ++i) {
      int64_t in = input->second.getDimSize(i + 2);
      int64_t total = window->strides[i] * (in - 1) + outputPadding[i] +
                      (kernel[i] - 1) * window->dilations[i] + 1 -
                      (*outputShape)[i];
      if (total < 0) {
        outputPadding[i] -= total;
        total = 0;
      }
      int64_t half = total / 2;
      window->pads[i] = autoPad == "SAME_UPPER" ? half : total - half;
      window->pads[i + spatial] = total - window->pads[i];
    }
  }
  llvm::SmallVector<mlir::Value, 3> operands{input->first, weight->first};
  if (context.hasInput(2)) {
    mlir::FailureOr<mlir::Value> bias = context.input(2);
    if (mlir::failed(bias))
      return mlir::failure();
    operands.push_back(*bias);
  }
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> result =
      context.createValue<nn::ConvTransposeOp>(
          operands,
          {b.getNamedAttr("stride", b.getDenseI64ArrayAttr(window->strides)),
           b.getNamedAttr("padding", b.getDenseI64ArrayAttr(window->pads)),
           b.getNamedAttr("dilation",
                          b.getDenseI64ArrayAttr(window->dilations)),
           b.getNamedAttr("output_padding",
                          b.getDenseI64ArrayAttr(outputPadding)),
           b.getNamedAttr("groups", b.getI64IntegerAttr(
                                        context.intAttribute("group", 1)))});
  return setResult(context, result);
}

} // namespace

void registerConvolutionConverters(ConverterRegistry &registry) {
  registry.add("Conv", convertConv);
  registry.add("ConvTranspose", convertConvTranspose);
}

} // namespace nnc::onnx_import
