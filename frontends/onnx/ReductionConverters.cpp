//===- ReductionConverters.cpp - ONNX reductions, ArgMax/ArgMin, CumSum ---===//
//
// The Reduce* family: the axes come from the `axes` attribute (negative
// from opset 11), or from the second input where the opset makes it one
// (ReduceSum from 13, the others from 18); no axes reduce every axis unless
// `noop_with_empty_axes`, which makes the node an identity. `keepdims`
// defaults to 1. Each maps onto nn reductions composed exactly:
//   ReduceSum/Mean/Max/LogSumExp  nn.reduce_sum/mean/max, nn.logsumexp
//   ReduceMin                     -reduce_max(-x) (negation is exact)
//   ReduceProd                    nn.reduce_prod
//   ReduceL1, ReduceL2            sum(|x|), sqrt(sum(x * x))
//   ReduceLogSum, ReduceSumSquare log(sum(x)), sum(x * x)
// ArgMax/ArgMin (axis 0, keepdims 1) take the first extreme index, or the
// last with `select_last_index`: the arg of the input reversed along the
// axis (a gather), counted back from the end. CumSum's axis is its second
// input; `exclusive` shifts the running sum by one (a zero row first) and
// `reverse` runs it from the end.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"
#include "frontends/onnx/ShapeOperands.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

/// The reduced axes of a Reduce* node over an input of `rank`, normalized;
/// `std::nullopt` inside the success when the node is an identity.
mlir::FailureOr<std::optional<std::vector<int64_t>>>
reductionAxes(NodeContext &context, int64_t rank, bool axesInput) {
  std::vector<int64_t> axes;
  if (axesInput && context.hasInput(1)) {
    mlir::FailureOr<const ConstantTensor *> given = context.constantInput(1);
    if (mlir::failed(given))
      return mlir::failure();
    if ((*given)->isFloat || (*given)->shape.size() != 1)
      return context.fail("axes must be a 1-d integer tensor");
    axes = (*given)->ints;
  } else if (auto attribute = context.intsAttribute("axes")) {
    if (axesInput)
      return context.fail("from opset " + llvm::Twine(context.opset()) +
                          " the axes are an input, not an attribute");
    axes = *attribute;
  }
  if (axes.empty()) {
    if (context.intAttribute("noop_with_empty_axes", 0))
      return std::optional<std::vector<int64_t>>();
    return std::optional(std::vector<int64_t>());
  }
  mlir::FailureOr<std::vector<int64_t>> normalized =
      normalizeAxes(context, axes, rank);
  if (mlir::failed(normalized))
    return mlir::failure();
  return std::optional(*normalized);
}

/// How a Reduce* op is composed from nn ops: `build(x, axes, keepdims)`.
using ReductionBuilder = std::function<mlir::FailureOr<mlir::Value>(
    NodeContext &, mlir::Value, llvm::ArrayRef<int64_t>, bool)>;

/// A converter for a Reduce* op whose axes become an input at `axesOpset`.
NodeConverter reduction(int64_t axesOpset, ReductionBuilder build) {
  return [axesOpset, build](NodeContext &context) -> mlir::LogicalResult {
    auto input = context.tensorInput(0);
    if (mlir::failed(input))
      return mlir::failure();
    auto axes = reductionAxes(context, input->second.getRank(),
                              context.opset() >= axesOpset);
    if (mlir::failed(axes))
      return mlir::failure();
    if (!*axes)
      return context.setOutputs({input->first});
    bool keepdims = context.intAttribute("keepdims", 1);
    return bindOutputs(context,
                       {build(context, input->first, **axes, keepdims)});
  };
}

/// A reduction that is one nn op.
template <typename OpTy> ReductionBuilder direct() {
  return [](NodeContext &context, mlir::Value x, llvm::ArrayRef<int64_t> axes,
            bool keepdims) { return reduce<OpTy>(context, x, axes, keepdims); };
}

mlir::FailureOr<mlir::Value> reduceMin(NodeContext &context, mlir::Value x,
                                       llvm::ArrayRef<int64_t> axes,
                                       bool keepdims) {
  mlir::FailureOr<mlir::Value> negated = unaryOp<nn::NegOp>(context, x);
  if (mlir::failed(negated))
    return mlir::failure();
  return unaryOp<nn::NegOp>(
      context, reduce<nn::ReduceMaxOp>(context, *negated, axes, keepdims));
}

mlir::FailureOr<mlir::Value> reduceL1(NodeContext &context, mlir::Value x,
                                      llvm::ArrayRef<int64_t> axes,
                                      bool keepdims) {
  mlir::FailureOr<mlir::Value> magnitude = unaryOp<nn::AbsOp>(context, x);
  if (mlir::failed(magnitude))
    return mlir::failure();
  return reduce<nn::ReduceSumOp>(context, *magnitude, axes, keepdims);
}

mlir::FailureOr<mlir::Value> reduceSumSquare(NodeContext &context,
                                             mlir::Value x,
                                             llvm::ArrayRef<int64_t> axes,
                                             bool keepdims) {
  mlir::FailureOr<mlir::Value> square = binaryOp<nn::MulOp>(context, x, x);
  if (mlir::failed(square))
    return mlir::failure();
  return reduce<nn::ReduceSumOp>(context, *square, axes, keepdims);
}

mlir::FailureOr<mlir::Value> reduceL2(NodeContext &context, mlir::Value x,
                                      llvm::ArrayRef<int64_t> axes,
                                      bool keepdims) {
  return unaryOp<nn::SqrtOp>(context,
                             reduceSumSquare(context, x, axes, keepdims));
}

mlir::FailureOr<mlir::Value> reduceLogSum(NodeContext &context, mlir::Value x,
                                          llvm::ArrayRef<int64_t> axes,
                                          bool keepdims) {
  return unaryOp<nn::LogOp>(
      context, reduce<nn::ReduceSumOp>(context, x, axes, keepdims));
}

/// ArgMax (`isMax`) or ArgMin.
mlir::LogicalResult convertArgReduce(NodeContext &context, bool isMax) {
  auto input = context.tensorInput(0);
  if (mlir::failed(input))
    return mlir::failure();
  auto [value, type] = *input;
  mlir::FailureOr<int64_t> axis = context.normalizeAxis(
      context.intAttribute("axis", 0), type.getRank(), "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  bool last = context.intAttribute("select_last_index", 0);
  mlir::OpBuilder &b = context.builder();
  int64_t extent = type.getDimSize(*axis);
  if (last) {
    // Reverse the axis: the first extreme of the reversed input is the last
    // of the input.
    std::vector<int64_t> reversed(extent);
    for (int64_t i = 0; i < extent; ++i)
      reversed[i] = extent - 1 - i;
    mlir::FailureOr<mlir::Value> flipped =
        gatherAlong(context, value, *axis, reversed);
    if (mlir::failed(flipped))
      return mlir::failure();
    value = *flipped;
  }
  llvm::SmallVector<mlir::NamedAttribute, 2> attributes = {
      b.getNamedAttr("axis", b.getI64IntegerAttr(*axis)),
      b.getNamedAttr("keepdim",
                     b.getBoolAttr(context.intAttribute("keepdims", 1)))};
  mlir::FailureOr<mlir::Value> index =
      isMax ? context.createValue<nn::ArgMaxOp>({value}, attributes)
            : context.createValue<nn::ArgMinOp>({value}, attributes);
  if (mlir::failed(index))
    return mlir::failure();
  if (last)
    index = binaryOp<nn::SubOp>(
        context, scalarLike(context, *index, extent - 1), *index);
  return bindOutputs(context, {index});
}

mlir::LogicalResult convertCumSum(NodeContext &context) {
  auto input = context.tensorInput(0);
  mlir::FailureOr<const ConstantTensor *> axisInput = context.constantInput(1);
  if (mlir::failed(input) || mlir::failed(axisInput))
    return mlir::failure();
  auto [value, type] = *input;
  if ((*axisInput)->isFloat || (*axisInput)->ints.size() != 1 ||
      (*axisInput)->shape.size() > 1)
    return context.fail("axis must be an integer scalar");
  mlir::FailureOr<int64_t> axis =
      context.normalizeAxis((*axisInput)->ints[0], type.getRank(), "axis");
  if (mlir::failed(axis))
    return mlir::failure();
  bool reverse = context.intAttribute("reverse", 0);
  mlir::OpBuilder &b = context.builder();
  mlir::FailureOr<mlir::Value> sum = context.createValue<nn::CumsumOp>(
      {value}, {b.getNamedAttr("axis", b.getI64IntegerAttr(*axis)),
                b.getNamedAttr("reverse", b.getBoolAttr(reverse))});
  if (mlir::failed(sum) || !context.intAttribute("exclusive", 0) ||
      type.getDimSize(*axis) == 0)
    return bindOutputs(context, {sum});
  // Exclusive: drop the last running sum (the first when reversed) and put
  // a zero at the other end, so each element leaves itself out.
  llvm::SmallVector<int64_t> starts(type.getRank(), 0);
  auto limits = llvm::to_vector(type.getShape());
  (reverse ? starts[*axis] : limits[*axis]) += reverse ? 1 : -1;
  mlir::FailureOr<mlir::Value> kept = context.createValue<nn::SliceOp>(
      {*sum}, {b.getNamedAttr("starts", b.getDenseI64ArrayAttr(starts)),
               b.getNamedAttr("limits", b.getDenseI64ArrayAttr(limits))});
  if (mlir::failed(kept))
    return mlir::failure();
  auto zeroShape = llvm::to_vector(type.getShape());
  zeroShape[*axis] = 1;
  mlir::Value zeros =
      filledConstant(context, zeroShape, type.getElementType(), 0.0);
  llvm::SmallVector<mlir::Value, 2> parts = {zeros, *kept};
  if (reverse)
    std::swap(parts[0], parts[1]);
  return bindOutputs(
      context,
      {context.createValue<nn::ConcatOp>(
          parts, {b.getNamedAttr("axis", b.getI64IntegerAttr(*axis))})});
}

} // namespace

void registerReductionConverters(ConverterRegistry &registry) {
  registry.add("ReduceSum", reduction(13, direct<nn::ReduceSumOp>()));
  registry.add("ReduceMean", reduction(18, direct<nn::ReduceMeanOp>()));
  registry.add("ReduceMax", reduction(18, direct<nn::ReduceMaxOp>()));
  registry.add("ReduceMin", reduction(18, reduceMin));
  registry.add("ReduceProd", reduction(18, direct<nn::ReduceProdOp>()));
  registry.add("ReduceLogSumExp", reduction(18, direct<nn::LogSumExpOp>()));
  registry.add("ReduceL1", reduction(18, reduceL1));
  registry.add("ReduceL2", reduction(18, reduceL2));
  registry.add("ReduceLogSum", reduction(18, reduceLogSum));
  registry.add("ReduceSumSquare", reduction(18, reduceSumSquare));
  registry.add("ArgMax", [](NodeContext &context) {
    return convertArgReduce(context, /*isMax=*/true);
  });
  registry.add("ArgMin", [](NodeContext &context) {
    return convertArgReduce(context, /*isMax=*/false);
  });
  registry.add("CumSum", convertCumSum);
}

} // namespace nnc::onnx_import
