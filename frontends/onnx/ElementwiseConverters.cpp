//===- ElementwiseConverters.cpp - ONNX elementwise ops and Softmax -------===//
//
// Broadcasting binary arithmetic (ONNX's multidirectional broadcasting is
// numpy's, as nn's), unary math and activations, and Softmax with the axis
// semantics of its opset: before 13 the input is taken as a 2-d matrix
// split at `axis` (default 1), from 13 on the softmax runs along `axis`
// (default -1).
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/NodeConverter.h"

#include "ir/NNOps.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

/// A converter for an op whose inputs map one to one onto `OpTy`'s operands.
template <typename OpTy, int Arity> NodeConverter direct() {
  return [](NodeContext &context) -> mlir::LogicalResult {
    llvm::SmallVector<mlir::Value, 2> operands;
    for (int i = 0; i < Arity; ++i) {
      mlir::FailureOr<mlir::Value> operand = context.input(i);
      if (mlir::failed(operand))
        return mlir::failure();
      operands.push_back(*operand);
    }
    mlir::FailureOr<mlir::Value> result = context.createValue<OpTy>(operands);
    if (mlir::failed(result))
      return mlir::failure();
    return context.setOutputs({*result});
  };
}

mlir::LogicalResult convertSoftmax(NodeContext &context) {
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
  mlir::OpBuilder &b = context.builder();
  auto softmax = [&](mlir::Value operand, int64_t along) {
    return context.createValue<nn::SoftmaxOp>(
        {operand}, {b.getNamedAttr("axis", b.getI64IntegerAttr(along))});
  };
  if (!coerced || *axis == rank - 1) {
    mlir::FailureOr<mlir::Value> result = softmax(value, *axis);
    return mlir::failed(result) ? mlir::failure()
                                : context.setOutputs({*result});
  }
  // Opset < 13: softmax over the flattened trailing dimensions from `axis`.
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < *axis ? outer : inner) *= type.getDimSize(i);
  auto matrix = context.createValue<nn::ReshapeOp>(
      {value},
      {b.getNamedAttr("shape", b.getDenseI64ArrayAttr({outer, inner}))});
  if (mlir::failed(matrix))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> normalized = softmax(*matrix, 1);
  if (mlir::failed(normalized))
    return mlir::failure();
  auto result = context.createValue<nn::ReshapeOp>(
      {*normalized},
      {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(type.getShape()))});
  return mlir::failed(result) ? mlir::failure() : context.setOutputs({*result});
}

} // namespace

void registerElementwiseConverters(ConverterRegistry &registry) {
  registry.add("Add", direct<nn::AddOp, 2>());
  registry.add("Sub", direct<nn::SubOp, 2>());
  registry.add("Mul", direct<nn::MulOp, 2>());
  registry.add("Div", direct<nn::DivOp, 2>());
  registry.add("Neg", direct<nn::NegOp, 1>());
  registry.add("Relu", direct<nn::ReluOp, 1>());
  registry.add("Sigmoid", direct<nn::SigmoidOp, 1>());
  registry.add("Tanh", direct<nn::TanhOp, 1>());
  registry.add("Exp", direct<nn::ExpOp, 1>());
  registry.add("Log", direct<nn::LogOp, 1>());
  registry.add("Sqrt", direct<nn::SqrtOp, 1>());
  registry.add("Softmax", convertSoftmax);
}

} // namespace nnc::onnx_import
