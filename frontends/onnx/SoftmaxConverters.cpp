//===- SoftmaxConverters.cpp - ONNX Softmax, LogSoftmax and Hardmax -------===//
//
// The three ops share the axis semantics of their opset: before 13 the input
// is taken as a 2-d matrix split at `axis` (default 1; the dimensions from
// `axis` on are flattened into one) and the op runs along its rows; from 13
// on it runs along the single dimension `axis` (default -1). Softmax and
// LogSoftmax are nn.softmax and nn.log_softmax; Hardmax is the one-hot row
// of the first maximum (nn.argmax then nn.one_hot, with the axis moved last
// and back when it is not the last).
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

/// Applies one of the ops along `axis` of a value.
using AxisBuilder = std::function<mlir::FailureOr<mlir::Value>(
    NodeContext &, mlir::Value, int64_t)>;

/// A converter that reads the opset's axis semantics and applies `along`.
NodeConverter axisOp(AxisBuilder along) {
  return [along](NodeContext &context) -> mlir::LogicalResult {
    auto input = context.tensorInput(0);
    if (mlir::failed(input))
      return mlir::failure();
    auto [value, type] = *input;
    int64_t rank = type.getRank();
    bool coerced = context.opset() < 13;
    mlir::FailureOr<int64_t> axis = context.normalizeAxis(
        context.intAttribute("axis", coerced ? 1 : -1), rank, "axis");
    if (mlir::failed(axis))
      return mlir::failure();
    if (!coerced || *axis == rank - 1)
      return bindOutputs(context, {along(context, value, *axis)});
    // Opset < 13: along the flattened trailing dimensions from `axis`.
    int64_t outer = 1, inner = 1;
    for (int64_t i = 0; i < rank; ++i)
      (i < *axis ? outer : inner) *= type.getDimSize(i);
    mlir::FailureOr<mlir::Value> matrix =
        reshapeTo(context, value, {outer, inner});
    if (mlir::failed(matrix))
      return mlir::failure();
    mlir::FailureOr<mlir::Value> result = along(context, *matrix, 1);
    if (mlir::failed(result))
      return mlir::failure();
    return bindOutputs(context, {reshapeTo(context, *result, type.getShape())});
  };
}

/// nn.softmax or nn.log_softmax along an axis.
template <typename OpTy> AxisBuilder normalizer() {
  return [](NodeContext &context, mlir::Value value, int64_t axis) {
    mlir::OpBuilder &b = context.builder();
    return context.createValue<OpTy>(
        {value}, {b.getNamedAttr("axis", b.getI64IntegerAttr(axis))});
  };
}

/// 1 at the first maximum along `axis`, 0 elsewhere.
mlir::FailureOr<mlir::Value> hardmax(NodeContext &context, mlir::Value value,
                                     int64_t axis) {
  auto type = mlir::cast<mlir::RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  mlir::OpBuilder &b = context.builder();
  // An empty axis has no maximum: the result is as empty as the input.
  if (type.getDimSize(axis) == 0)
    return mlir::arith::ConstantOp::create(
               b, context.loc(),
               mlir::DenseElementsAttr::get(
                   type, b.getZeroAttr(type.getElementType())))
        .getResult();
  llvm::SmallVector<int64_t> toLast;
  for (int64_t i = 0; i < rank; ++i)
    if (i != axis)
      toLast.push_back(i);
  toLast.push_back(axis);
  bool moved = axis != rank - 1;
  if (moved) {
    mlir::FailureOr<mlir::Value> last = transposeBy(context, value, toLast);
    if (mlir::failed(last))
      return mlir::failure();
    value = *last;
  }
  mlir::FailureOr<mlir::Value> index = context.createValue<nn::ArgMaxOp>(
      {value}, {b.getNamedAttr("axis", b.getI64IntegerAttr(rank - 1))});
  if (mlir::failed(index))
    return mlir::failure();
  auto rowsType =
      mlir::RankedTensorType::get(shapeOf(value), type.getElementType());
  mlir::Value rows =
      nn::OneHotOp::create(b, context.loc(), rowsType, *index).getResult();
  if (!moved)
    return rows;
  llvm::SmallVector<int64_t> back(rank);
  for (int64_t i = 0; i < rank; ++i)
    back[toLast[i]] = i;
  return transposeBy(context, rows, back);
}

} // namespace

void registerSoftmaxConverters(ConverterRegistry &registry) {
  registry.add("Softmax", axisOp(normalizer<nn::SoftmaxOp>()));
  registry.add("LogSoftmax", axisOp(normalizer<nn::LogSoftmaxOp>()));
  registry.add("Hardmax", axisOp(hardmax));
}

} // namespace nnc::onnx_import
