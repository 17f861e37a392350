//===- ElementwiseConverters.cpp - ONNX elementwise ops -------------------===//
//
// Broadcasting binary arithmetic (ONNX's multidirectional broadcasting is
// numpy's, as nn's; before opset 7 the one-way form with an axis), unary math
// and activations.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/NodeConverter.h"

#include "ir/NNOps.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

/// A converter for an op whose inputs map one to one onto `OpTy`'s operands.
/// A broadcasting binary op. Before opset 7 broadcasting is opt-in
/// (`broadcast = 1`) and one-way: B's dimensions line up with A's from
/// `axis` on (default: the trailing ones, which is numpy's rule), so B gets
/// unit dimensions around it to make numpy's broadcasting do the same.
template <typename OpTy> NodeConverter binary() {
  return [](NodeContext &context) -> mlir::LogicalResult {
    auto lhs = context.tensorInput(0);
    auto rhs = context.tensorInput(1);
    if (mlir::failed(lhs) || mlir::failed(rhs))
      return mlir::failure();
    mlir::Value right = rhs->first;
    if (context.opset() < 7 && context.intAttribute("broadcast", 0) &&
        context.attribute("axis")) {
      int64_t rank = lhs->second.getRank(), count = rhs->second.getRank();
      mlir::FailureOr<int64_t> axis =
          context.normalizeAxis(context.intAttribute("axis", 0), rank, "axis");
      if (mlir::failed(axis))
        return mlir::failure();
      if (*axis + count > rank)
        return context.fail("B does not fit into A from axis " +
                            llvm::Twine(*axis));
      llvm::SmallVector<int64_t> shape(rank, 1);
      llvm::copy(rhs->second.getShape(), shape.begin() + *axis);
      mlir::OpBuilder &b = context.builder();
      mlir::FailureOr<mlir::Value> aligned = context.createValue<nn::ReshapeOp>(
          {right}, {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(shape))});
      if (mlir::failed(aligned))
        return mlir::failure();
      right = *aligned;
    }
    mlir::FailureOr<mlir::Value> result =
        context.createValue<OpTy>({lhs->first, right});
    return mlir::failed(result) ? mlir::failure()
                                : context.setOutputs({*result});
  };
}

/// A unary op (before opset 6 these carry a `consumed_inputs` attribute,
/// an optimization hint with no effect on the result).
template <typename OpTy> NodeConverter unary() {
  return [](NodeContext &context) -> mlir::LogicalResult {
    mlir::FailureOr<mlir::Value> input = context.input(0);
    if (mlir::failed(input))
      return mlir::failure();
    mlir::FailureOr<mlir::Value> result = context.createValue<OpTy>({*input});
    return mlir::failed(result) ? mlir::failure()
                                : context.setOutputs({*result});
  };
}

} // namespace

void registerElementwiseConverters(ConverterRegistry &registry) {
  registry.add("Add", binary<nn::AddOp>());
  registry.add("Sub", binary<nn::SubOp>());
  registry.add("Mul", binary<nn::MulOp>());
  registry.add("Div", binary<nn::DivOp>());
  registry.add("Neg", unary<nn::NegOp>());
  registry.add("Relu", unary<nn::ReluOp>());
  registry.add("Sigmoid", unary<nn::SigmoidOp>());
  registry.add("Tanh", unary<nn::TanhOp>());
  registry.add("Exp", unary<nn::ExpOp>());
  registry.add("Log", unary<nn::LogOp>());
  registry.add("Sqrt", unary<nn::SqrtOp>());
}

} // namespace nnc::onnx_import
