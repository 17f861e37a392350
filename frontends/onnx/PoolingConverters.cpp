//===- PoolingConverters.cpp - ONNX pooling family ------------------------===//
//
// MaxPool, AveragePool, LpPool, their global forms and MaxUnpool over the
// window attributes of WindowAttributes.h. Unlike PyTorch, ONNX pooling
// strides default to 1 and AveragePool excludes the padding from its
// divisor unless count_include_pad. Compositions, each exact up to rounding:
//   LpPool(x)       = (sum over the window of |x|^p)^(1/p), the sum an
//                     nn.avg_pool counting the zero padding times the kernel
//                     volume;
//   GlobalLpPool(x) = (sum over the spatial axes of |x|^p)^(1/p);
//   Global{Average,Max}Pool = nn.reduce_{mean,max} over the spatial axes;
//   MaxUnpool       = each value of X added, into zeros of the output shape
//                     flattened, at its (N, C, spatial) flattened index in I
//                     (the Indices of a MaxPool, which never repeat).
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"
#include "frontends/onnx/WindowAttributes.h"

#include "ir/NNOps.h"

#include "llvm/Support/MathExtras.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

/// The kernel_shape attribute, which every windowed pooling op needs.
mlir::FailureOr<std::vector<int64_t>> readKernel(NodeContext &context) {
  std::optional<std::vector<int64_t>> kernel =
      context.intsAttribute("kernel_shape");
  if (!kernel)
    return context.fail("the kernel_shape attribute is missing");
  return *kernel;
}

/// The attributes of an nn pooling op for `kernel` and `window`.
llvm::SmallVector<mlir::NamedAttribute>
poolAttributes(NodeContext &context, llvm::ArrayRef<int64_t> kernel,
               const Window &window, bool ceilMode) {
  mlir::OpBuilder &b = context.builder();
  return {b.getNamedAttr("kernel", b.getDenseI64ArrayAttr(kernel)),
          b.getNamedAttr("stride", b.getDenseI64ArrayAttr(window.strides)),
          b.getNamedAttr("padding", b.getDenseI64ArrayAttr(window.pads)),
          b.getNamedAttr("ceil_mode", b.getBoolAttr(ceilMode))};
}

/// MaxPool; its optional second output, Indices, is the flattened index
/// into X of each window's first maximum (row-major over N, C and the
/// spatial axes, or with the spatial axes in column-major order for
/// storage_order 1).
mlir::LogicalResult convertMaxPool(NodeContext &context) {
  auto input = context.tensorInput(0);
  mlir::FailureOr<std::vector<int64_t>> kernel = readKernel(context);
  if (mlir::failed(input) || mlir::failed(kernel))
    return mlir::failure();
  mlir::FailureOr<Window> window = readWindow(context, input->second, *kernel);
  if (mlir::failed(window))
    return mlir::failure();
  mlir::OpBuilder &b = context.builder();
  llvm::SmallVector<mlir::NamedAttribute> attributes = poolAttributes(
      context, *kernel, *window, context.intAttribute("ceil_mode", 0));
  attributes.push_back(
      b.getNamedAttr("dilation", b.getDenseI64ArrayAttr(window->dilations)));
  mlir::FailureOr<mlir::Value> result =
      context.createValue<nn::MaxPoolOp>({input->first}, attributes);
  if (mlir::failed(result))
    return mlir::failure();
  const onnx::NodeProto &node = context.node();
  if (node.output_size() < 2 || node.output(1).empty())
    return context.setOutputs({*result});
  int64_t storageOrder = context.intAttribute("storage_order", 0);
  if (storageOrder != 0 && storageOrder != 1)
    return context.fail("storage_order must be 0 or 1, got " +
                        llvm::Twine(storageOrder));
  attributes.push_back(
      b.getNamedAttr("storage_order", b.getI64IntegerAttr(storageOrder)));
  mlir::FailureOr<mlir::Value> indices =
      context.createValue<nn::MaxPoolIndicesOp>({input->first}, attributes);
  if (mlir::failed(indices))
    return mlir::failure();
  return context.setOutputs({*result, *indices});
}

mlir::LogicalResult convertAveragePool(NodeContext &context) {
  auto input = context.tensorInput(0);
  mlir::FailureOr<std::vector<int64_t>> kernel = readKernel(context);
  if (mlir::failed(input) || mlir::failed(kernel))
    return mlir::failure();
  mlir::FailureOr<Window> window = readWindow(context, input->second, *kernel);
  if (mlir::failed(window))
    return mlir::failure();
  if (llvm::any_of(window->dilations, [](int64_t d) { return d != 1; }))
    return context.fail("dilated average pooling is not supported");
  mlir::OpBuilder &b = context.builder();
  llvm::SmallVector<mlir::NamedAttribute> attributes = poolAttributes(
      context, *kernel, *window, context.intAttribute("ceil_mode", 0));
  attributes.push_back(b.getNamedAttr(
      "count_include_pad",
      b.getBoolAttr(context.intAttribute("count_include_pad", 0))));
  mlir::FailureOr<mlir::Value> result =
      context.createValue<nn::AvgPoolOp>({input->first}, attributes);
  return setResult(context, result);
}

/// The exponent p of LpPool and GlobalLpPool: an int from opset 2, a float
/// before; it must be positive.
mlir::FailureOr<float> readExponent(NodeContext &context) {
  const onnx::AttributeProto *attribute = context.attribute("p");
  float p = 2;
  if (attribute)
    p = attribute->type() == onnx::AttributeProto::FLOAT ? attribute->f()
                                                         : attribute->i();
  if (!(p > 0))
    return context.fail("p must be positive, got " + std::to_string(p));
  return p;
}

/// |x|^p (x * x for p = 2, whose gradient is defined at 0).
mlir::FailureOr<mlir::Value> absPower(NodeContext &context, mlir::Value x,
                                      float p) {
  if (p == 2)
    return context.createValue<nn::MulOp>({x, x});
  mlir::FailureOr<mlir::Value> magnitude = context.createValue<nn::AbsOp>({x});
  if (mlir::failed(magnitude) || p == 1)
    return magnitude;
  return context.createValue<nn::PowOp>(
      {*magnitude, scalarLike(context, *magnitude, p)});
}

/// x^(1/p) of a non-negative x (sqrt for p = 2).
mlir::FailureOr<mlir::Value> root(NodeContext &context, mlir::Value x,
                                  float p) {
  if (p == 1)
    return x;
  if (p == 2)
    return context.createValue<nn::SqrtOp>({x});
  return context.createValue<nn::PowOp>({x, scalarLike(context, x, 1 / p)});
}

mlir::LogicalResult convertLpPool(NodeContext &context) {
  auto input = context.tensorInput(0);
  mlir::FailureOr<std::vector<int64_t>> kernel = readKernel(context);
  mlir::FailureOr<float> p = readExponent(context);
  if (mlir::failed(input) || mlir::failed(kernel) || mlir::failed(p))
    return mlir::failure();
  mlir::FailureOr<Window> window = readWindow(context, input->second, *kernel);
  if (mlir::failed(window))
    return mlir::failure();
  if (llvm::any_of(window->dilations, [](int64_t d) { return d != 1; }))
    return context.fail("dilated Lp pooling is not supported");
  mlir::OpBuilder &b = context.builder();
  llvm::SmallVector<mlir::NamedAttribute> attributes = poolAttributes(
      context, *kernel, *window, context.intAttribute("ceil_mode", 0));
  attributes.push_back(
      b.getNamedAttr("count_include_pad", b.getBoolAttr(true)));
  mlir::FailureOr<mlir::Value> powered = absPower(context, input->first, *p);
  if (mlir::failed(powered))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> mean =
      context.createValue<nn::AvgPoolOp>({*powered}, attributes);
  if (mlir::failed(mean))
    return mlir::failure();
  int64_t volume = 1;
  for (int64_t extent : *kernel)
    volume *= extent;
  mlir::FailureOr<mlir::Value> sum = context.createValue<nn::MulOp>(
      {*mean, scalarLike(context, *mean, volume)});
  if (mlir::failed(sum))
    return mlir::failure();
  return setResult(context, root(context, *sum, *p));
}

/// The spatial axes of an [N, C, spatial...] input, checked.
mlir::FailureOr<std::vector<int64_t>> spatialAxes(NodeContext &context,
                                                  mlir::RankedTensorType type) {
  if (type.getRank() < 3)
    return context.fail("the input must be [N, C, spatial...]");
  std::vector<int64_t> axes;
  for (int64_t i = 2; i < type.getRank(); ++i)
    axes.push_back(i);
  return axes;
}

/// GlobalAveragePool, GlobalMaxPool: `ReduceOp` over the spatial axes.
template <typename ReduceOp>
mlir::LogicalResult convertGlobalPool(NodeContext &context) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  mlir::FailureOr<std::vector<int64_t>> axes =
      spatialAxes(context, input->second);
  if (mlir::failed(axes))
    return mlir::failure();
  return setResult(context,
                   reduce<ReduceOp>(context, input->first, *axes, true));
}

mlir::LogicalResult convertGlobalLpPool(NodeContext &context) {
  auto input = context.tensorInput(0);
  mlir::FailureOr<float> p = readExponent(context);
  if (mlir::failed(input) || mlir::failed(p))
    return mlir::failure();
  mlir::FailureOr<std::vector<int64_t>> axes =
      spatialAxes(context, input->second);
  if (mlir::failed(axes))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> powered = absPower(context, input->first, *p);
  if (mlir::failed(powered))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> sum =
      reduce<nn::ReduceSumOp>(context, *powered, *axes, true);
  if (mlir::failed(sum))
    return mlir::failure();
  return setResult(context, root(context, *sum, *p));
}

/// An integer input (known at import time or an integer tensor value) as an
/// i64 value: the Indices of MaxUnpool.
mlir::FailureOr<mlir::Value> integerInput(NodeContext &context, size_t index) {
  if (context.isKnownAtImport(index)) {
    mlir::FailureOr<const ConstantTensor *> tensor =
        context.constantInput(index);
    if (mlir::failed(tensor))
      return mlir::failure();
    if ((*tensor)->isFloat)
      return context.fail("input " + llvm::Twine(index) +
                          " must be an integer tensor");
    return indexConstant(context, (*tensor)->shape, (*tensor)->ints);
  }
  auto value = context.tensorInput(index);
  if (mlir::failed(value))
    return mlir::failure();
  if (!value->second.getElementType().isSignlessInteger(64))
    return context.fail("input " + llvm::Twine(index) +
                        " must be an int64 tensor");
  return value->first;
}

mlir::LogicalResult convertMaxUnpool(NodeContext &context) {
  auto input = context.tensorInput(0);
  mlir::FailureOr<std::vector<int64_t>> kernel = readKernel(context);
  mlir::FailureOr<mlir::Value> indices = integerInput(context, 1);
  if (mlir::failed(input) || mlir::failed(kernel) || mlir::failed(indices))
    return mlir::failure();
  mlir::RankedTensorType type = input->second;
  if (mlir::cast<mlir::RankedTensorType>(indices->getType()).getShape() !=
      type.getShape())
    return context.fail("I must have the shape of X");
  mlir::FailureOr<Window> window = readWindow(context, type, *kernel);
  if (mlir::failed(window))
    return mlir::failure();
  size_t spatial = kernel->size();
  // The output shape: the output_shape input (known at import time), else
  // the extents a MaxPool with this window maps onto X's.
  std::vector<int64_t> shape;
  if (context.hasInput(2)) {
    mlir::FailureOr<const ConstantTensor *> given = context.constantInput(2);
    if (mlir::failed(given))
      return mlir::failure();
    if ((*given)->isFloat || (*given)->ints.size() != spatial + 2)
      return context.fail("output_shape must hold " + llvm::Twine(spatial + 2) +
                          " integers");
    shape = (*given)->ints;
    if (shape[0] != type.getDimSize(0) || shape[1] != type.getDimSize(1))
      return context.fail("output_shape must keep X's N and C");
  } else {
    shape = {type.getDimSize(0), type.getDimSize(1)};
    for (size_t i = 0; i < spatial; ++i) {
      // Extents and window attributes are bounded (checkedElementCount,
      // readWindow), but their product need not be.
      int64_t extent;
      if (llvm::MulOverflow(type.getDimSize(i + 2) - 1, window->strides[i],
                            extent) ||
          llvm::AddOverflow(extent, (*kernel)[i], extent))
        return context.fail("the output shape does not fit in 64 bits");
      shape.push_back(extent - window->pads[i] - window->pads[i + spatial]);
    }
  }
  int64_t volume = 1, count = type.getNumElements();
  for (int64_t extent : shape)
    if (extent <= 0)
      return context.fail("the output shape must be positive");
  if (!checkedElementCount(shape))
    return context.fail("the output shape has more elements than fit in 64 "
                        "bits");
  for (int64_t extent : shape)
    volume *= extent;
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> values = reshapeTo(context, input->first, count);
  mlir::FailureOr<mlir::Value> positions = reshapeTo(context, *indices, count);
  if (mlir::failed(values) || mlir::failed(positions))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> scattered =
      context.createValue<nn::ScatterAddOp>(
          {filledConstant(context, {volume}, type.getElementType(), 0),
           *positions, *values},
          {b.getNamedAttr("axis", b.getI64IntegerAttr(0))});
  if (mlir::failed(scattered))
    return mlir::failure();
  return setResult(context, reshapeTo(context, *scattered, shape));
}

} // namespace

void registerPoolingConverters(ConverterRegistry &registry) {
  registry.add("MaxPool", convertMaxPool);
  registry.add("AveragePool", convertAveragePool);
  registry.add("LpPool", convertLpPool);
  registry.add("GlobalAveragePool", convertGlobalPool<nn::ReduceMeanOp>);
  registry.add("GlobalMaxPool", convertGlobalPool<nn::ReduceMaxOp>);
  registry.add("GlobalLpPool", convertGlobalLpPool);
  registry.add("MaxUnpool", convertMaxUnpool);
}

} // namespace nnc::onnx_import
