//===- NNPoolOps.cpp - Result types and checks of the pooling ops ---------===//
//
// Every pooling op reads its window the same way: an `[N, C, spatial...]`
// input with 1 to 3 spatial dimensions, one kernel extent per spatial
// dimension, the stride defaulting to the kernel, and ONNX's rule that
// padding is below the kernel. The gradient ops check that their
// `grad_output` has the type the forward op gives.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// The window attributes of a pooling op, null where not given.
struct PoolAttributes {
  DenseI64ArrayAttr kernel, stride, padding, dilation;
  BoolAttr ceilMode;
};

/// The window attributes of an op or of an adaptor, whose attributes may
/// still be in `attributes` while the op is parsed (see inherentAttr).
template <typename OpOrAdaptor>
PoolAttributes windowAttributesOf(OpOrAdaptor source,
                                  DictionaryAttr attributes = {}) {
  PoolAttributes result;
  result.kernel = inherentAttr(source.getKernelAttr(), attributes, "kernel");
  result.stride = inherentAttr(source.getStrideAttr(), attributes, "stride");
  result.padding = inherentAttr(source.getPaddingAttr(), attributes, "padding");
  result.ceilMode =
      inherentAttr(source.getCeilModeAttr(), attributes, "ceil_mode");
  return result;
}

/// `windowAttributesOf` for the max pooling ops, which have a dilation.
template <typename OpOrAdaptor>
PoolAttributes dilatedWindowAttributesOf(OpOrAdaptor source,
                                         DictionaryAttr attributes = {}) {
  PoolAttributes result = windowAttributesOf(source, attributes);
  result.dilation =
      inherentAttr(source.getDilationAttr(), attributes, "dilation");
  return result;
}

ArrayRef<int64_t> valuesOf(DenseI64ArrayAttr attr) {
  return attr ? attr.asArrayRef() : ArrayRef<int64_t>();
}

/// The window of a pooling op over `input`, checked.
FailureOr<SlidingWindow> readPoolWindow(std::optional<Location> loc,
                                        RankedTensorType input,
                                        const PoolAttributes &attributes) {
  if (failed(requireStatic(loc, input, "input")))
    return failure();
  int64_t rank = input.getRank();
  if (rank < 3 || rank > 5)
    return emitOptionalError(loc,
                             "input must be [N, C, spatial...] with 1 "
                             "to 3 spatial dimensions, got ",
                             input);
  ArrayRef<int64_t> kernel = valuesOf(attributes.kernel);
  if (static_cast<int64_t>(kernel.size()) != rank - 2)
    return emitOptionalError(loc, "kernel must have ", rank - 2,
                             " entries (one per spatial dimension of ", input,
                             "), got ", kernel.size());
  // The stride defaults to the kernel, unless the kernel itself is invalid
  // (which readSlidingWindow reports once, under its own name).
  ArrayRef<int64_t> stride = valuesOf(attributes.stride);
  if (stride.empty() && llvm::all_of(kernel, [](int64_t k) { return k > 0; }))
    stride = kernel;
  FailureOr<SlidingWindow> window =
      readSlidingWindow(loc, kernel, stride, valuesOf(attributes.padding),
                        valuesOf(attributes.dilation),
                        attributes.ceilMode && attributes.ceilMode.getValue());
  if (failed(window))
    return failure();
  // Every window then covers some input element.
  for (unsigned i = 0; i < window->getRank(); ++i)
    if (window->padBegin[i] >= kernel[i] || window->padEnd[i] >= kernel[i])
      return emitOptionalError(loc, "padding must be below the kernel (",
                               kernel[i], ") along spatial dimension ", i,
                               ", got ", window->padBegin[i], " before and ",
                               window->padEnd[i], " after");
  return window;
}

/// The type of pooling `input` over `attributes`' window.
FailureOr<RankedTensorType> pooledType(std::optional<Location> loc,
                                       RankedTensorType input,
                                       const PoolAttributes &attributes) {
  FailureOr<SlidingWindow> window = readPoolWindow(loc, input, attributes);
  if (failed(window))
    return failure();
  FailureOr<SmallVector<int64_t>> spatial =
      slidingWindowOutputShape(loc, *window, input.getShape().drop_front(2));
  if (failed(spatial))
    return failure();
  SmallVector<int64_t> shape = {input.getDimSize(0), input.getDimSize(1)};
  shape.append(*spatial);
  return RankedTensorType::get(shape, input.getElementType());
}

/// Checks that `gradOutput` has the type of `input` pooled over
/// `attributes`' window.
LogicalResult verifyGradOutput(std::optional<Location> loc, Type gradOutput,
                               RankedTensorType input,
                               const PoolAttributes &attributes) {
  FailureOr<RankedTensorType> pooled = pooledType(loc, input, attributes);
  if (failed(pooled))
    return failure();
  if (gradOutput != *pooled)
    return emitOptionalError(loc, "grad_output must be ", *pooled,
                             " (the pooled type of ", input, "), got ",
                             gradOutput);
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// MaxPoolOp and MaxPoolGradOp
//===----------------------------------------------------------------------===//

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  FailureOr<RankedTensorType> type =
      pooledType(loc, cast<RankedTensorType>(adaptor.getInput().getType()),
                 dilatedWindowAttributesOf(adaptor, adaptor.getAttributes()));
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

SlidingWindow MaxPoolOp::getWindow() {
  return *readPoolWindow(std::nullopt, getInput().getType(),
                         dilatedWindowAttributesOf(*this));
}

LogicalResult MaxPoolGradOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &types) {
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  if (failed(verifyGradOutput(
          loc, adaptor.getGradOutput().getType(), input,
          dilatedWindowAttributesOf(adaptor, adaptor.getAttributes()))))
    return failure();
  types.push_back(input);
  return success();
}

SlidingWindow MaxPoolGradOp::getWindow() {
  return *readPoolWindow(std::nullopt, getInput().getType(),
                         dilatedWindowAttributesOf(*this));
}

//===----------------------------------------------------------------------===//
// MaxPoolIndicesOp
//===----------------------------------------------------------------------===//

LogicalResult MaxPoolIndicesOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  FailureOr<RankedTensorType> type =
      pooledType(loc, cast<RankedTensorType>(adaptor.getInput().getType()),
                 dilatedWindowAttributesOf(adaptor, adaptor.getAttributes()));
  if (failed(type))
    return failure();
  IntegerAttr storageOrder = inherentAttr(adaptor.getStorageOrderAttr(),
                                          adaptor.getAttributes(),
                                          "storage_order");
  if (storageOrder && storageOrder.getInt() != 0 && storageOrder.getInt() != 1)
    return emitOptionalError(loc, "storage_order must be 0 (row-major) or 1 "
                                  "(column-major), got ",
                             storageOrder.getInt());
  types.push_back(type->clone(IntegerType::get(context, 64)));
  return success();
}

SlidingWindow MaxPoolIndicesOp::getWindow() {
  return *readPoolWindow(std::nullopt, getInput().getType(),
                         dilatedWindowAttributesOf(*this));
}

//===----------------------------------------------------------------------===//
// AvgPoolOp and AvgPoolGradOp
//===----------------------------------------------------------------------===//

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &types) {
  FailureOr<RankedTensorType> type =
      pooledType(loc, cast<RankedTensorType>(adaptor.getInput().getType()),
                 windowAttributesOf(adaptor, adaptor.getAttributes()));
  if (failed(type))
    return failure();
  types.push_back(*type);
  return success();
}

SlidingWindow AvgPoolOp::getWindow() {
  return *readPoolWindow(std::nullopt, getInput().getType(),
                         windowAttributesOf(*this));
}

LogicalResult AvgPoolGradOp::verify() {
  return verifyGradOutput(getLoc(), getGradOutput().getType(),
                          getResult().getType(), windowAttributesOf(*this));
}

SlidingWindow AvgPoolGradOp::getWindow() {
  return *readPoolWindow(std::nullopt, getResult().getType(),
                         windowAttributesOf(*this));
}
