//===- NNConvOps.cpp - Result types of the convolution ops ----------------===//
//
// Shape inference of nn.conv and nn.conv_transpose: the weight's layout
// against the input's channels and groups, the bias against the output
// channels, and the spatial extents from the window (ir/SlidingWindow.h).
//
//===----------------------------------------------------------------------===//

#include "ir/Broadcast.h"
#include "ir/NNOps.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// What the two convolutions share: operand types and attributes.
struct ConvolutionOperands {
  Type input, weight;
  std::optional<Type> bias;
  ArrayRef<int64_t> stride, padding, dilation;
  int64_t groups;
};

/// Checks the operands of a convolution (`transposed` for conv_transpose)
/// and returns its window, its input type and its output channel count.
FailureOr<std::tuple<SlidingWindow, RankedTensorType, int64_t>>
checkConvolution(std::optional<Location> loc, const ConvolutionOperands &op,
                 bool transposed) {
  auto input = cast<RankedTensorType>(op.input);
  auto weight = cast<RankedTensorType>(op.weight);
  if (failed(requireStatic(loc, input, "input")) ||
      failed(requireStatic(loc, weight, "weight")))
    return failure();
  if (input.getRank() < 3) {
    (void)emitOptionalError(loc, "input must be [N, C, spatial...] with at "
                                 "least one spatial dimension, got ",
                            formatShape(input.getShape()));
    return failure();
  }
  if (weight.getRank() != input.getRank() ||
      weight.getElementType() != input.getElementType()) {
    (void)emitOptionalError(
        loc, "weight must have the input's rank ", input.getRank(),
        " and element type ", input.getElementType(), ", got ", weight);
    return failure();
  }
  if (op.groups < 1) {
    (void)emitOptionalError(loc, "groups must be at least 1, got ",
                            op.groups);
    return failure();
  }
  int64_t channels = input.getDimSize(1);
  int64_t outChannels;
  if (!transposed) {
    // [F, C / groups, k...]
    if (channels % op.groups != 0 ||
        weight.getDimSize(1) * op.groups != channels ||
        weight.getDimSize(0) % op.groups != 0) {
      (void)emitOptionalError(
          loc, "weight must be [F, C / groups, kernel...] with F divisible "
               "by groups: input channels ",
          channels, ", groups ", op.groups, ", weight ",
          formatShape(weight.getShape()));
      return failure();
    }
    outChannels = weight.getDimSize(0);
  } else {
    // [C, F / groups, k...]
    if (weight.getDimSize(0) != channels || channels % op.groups != 0) {
      (void)emitOptionalError(
          loc, "weight must be [C, F / groups, kernel...] with C divisible "
               "by groups: input channels ",
          channels, ", groups ", op.groups, ", weight ",
          formatShape(weight.getShape()));
      return failure();
    }
    outChannels = weight.getDimSize(1) * op.groups;
  }
  if (op.bias) {
    auto bias = cast<RankedTensorType>(*op.bias);
    if (bias.getRank() != 1 || bias.getDimSize(0) != outChannels ||
        bias.getElementType() != input.getElementType()) {
      (void)emitOptionalError(loc, "bias must be [", outChannels, "] of ",
                              input.getElementType(), ", got ", bias);
      return failure();
    }
  }
  FailureOr<SlidingWindow> window =
      readSlidingWindow(loc, weight.getShape().drop_front(2), op.stride,
                        op.padding, op.dilation);
  if (failed(window))
    return failure();
  return std::make_tuple(*window, input, outChannels);
}

/// The operands and attributes of a convolution as `inferReturnTypes` sees
/// them in `adaptor` (attributes written in `attr-dict` may not have reached
/// its properties yet: ir/NNOps.h's inherentAttr), defaults filled in.
template <typename Adaptor>
ConvolutionOperands readOperands(Adaptor adaptor) {
  DictionaryAttr attributes = adaptor.getAttributes();
  auto array = [&](DenseI64ArrayAttr fromProperties, StringRef name) {
    DenseI64ArrayAttr attr = inherentAttr(fromProperties, attributes, name);
    return attr ? attr.asArrayRef() : ArrayRef<int64_t>();
  };
  IntegerAttr groups =
      inherentAttr(adaptor.getGroupsAttr(), attributes, "groups");
  std::optional<Type> bias;
  if (adaptor.getBias())
    bias = adaptor.getBias().getType();
  return {adaptor.getInput().getType(),
          adaptor.getWeight().getType(),
          bias,
          array(adaptor.getStrideAttr(), "stride"),
          array(adaptor.getPaddingAttr(), "padding"),
          array(adaptor.getDilationAttr(), "dilation"),
          groups ? groups.getInt() : 1};
}

} // namespace

LogicalResult ConvOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &types) {
  auto checked = checkConvolution(loc, readOperands(adaptor),
                                  /*transposed=*/false);
  if (failed(checked))
    return failure();
  auto [window, input, outChannels] = *checked;
  auto spatial = slidingWindowOutputShape(loc, window,
                                          input.getShape().drop_front(2));
  if (failed(spatial))
    return failure();
  SmallVector<int64_t> shape = {input.getDimSize(0), outChannels};
  shape.append(*spatial);
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult ConvTransposeOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  auto checked = checkConvolution(loc, readOperands(adaptor),
                                  /*transposed=*/true);
  if (failed(checked))
    return failure();
  auto [window, input, outChannels] = *checked;
  unsigned rank = window.getRank();
  DenseI64ArrayAttr outputPaddingAttr = inherentAttr(
      adaptor.getOutputPaddingAttr(), adaptor.getAttributes(),
      "output_padding");
  ArrayRef<int64_t> outputPadding =
      outputPaddingAttr ? outputPaddingAttr.asArrayRef() : ArrayRef<int64_t>();
  if (!outputPadding.empty() && outputPadding.size() != rank)
    return emitOptionalError(loc, "output_padding must have ", rank,
                             " entries (one per spatial dimension), got ",
                             outputPadding.size());
  SmallVector<int64_t> shape = {input.getDimSize(0), outChannels};
  for (unsigned i = 0; i < rank; ++i) {
    int64_t extra = outputPadding.empty() ? 0 : outputPadding[i];
    if (extra < 0 ||
        (extra >= window.stride[i] && extra >= window.dilation[i]))
      return emitOptionalError(
          loc, "output_padding entries must be non-negative and below the "
               "stride or the dilation, got ",
          extra, " for spatial dimension ", i);
    int64_t size = (input.getDimSize(2 + i) - 1) * window.stride[i] -
                   window.padBegin[i] - window.padEnd[i] + window.span(i) +
                   extra;
    if (size < 1)
      return emitOptionalError(loc, "spatial dimension ", i,
                               " of the output would have extent ", size,
                               ": the padding ", window.padBegin[i], "+",
                               window.padEnd[i], " is too large");
    shape.push_back(size);
  }
  types.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

SmallVector<int64_t> ConvTransposeOp::getOutputPaddingOrZeros() {
  ArrayRef<int64_t> outputPadding = getOutputPadding();
  if (outputPadding.empty())
    return SmallVector<int64_t>(getWindow().getRank(), 0);
  return SmallVector<int64_t>(outputPadding);
}
