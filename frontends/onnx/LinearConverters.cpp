//===- LinearConverters.cpp - ONNX MatMul and Gemm ------------------------===//
//
// MatMul follows numpy.matmul: a 1-d operand gets a unit dimension for the
// product (prepended on the left, appended on the right) that is dropped
// again. Gemm is `alpha * A' * B' + beta * C` with A' and B' optionally
// transposed and C (optional from opset 11) broadcast to the product.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include <onnx/onnx_pb.h>

namespace nnc::onnx_import {
namespace {

mlir::LogicalResult convertMatMul(NodeContext &context) {
  auto lhs = context.tensorInput(0);
  auto rhs = context.tensorInput(1);
  if (mlir::failed(lhs) || mlir::failed(rhs))
    return mlir::failure();
  mlir::Value left = lhs->first, right = rhs->first;
  bool vectorLeft = lhs->second.getRank() == 1;
  bool vectorRight = rhs->second.getRank() == 1;
  if (vectorLeft) {
    auto matrix = reshapeTo(context, left, {1, lhs->second.getDimSize(0)});
    if (mlir::failed(matrix))
      return mlir::failure();
    left = *matrix;
  }
  if (vectorRight) {
    auto matrix = reshapeTo(context, right, {rhs->second.getDimSize(0), 1});
    if (mlir::failed(matrix))
      return mlir::failure();
    right = *matrix;
  }
  mlir::FailureOr<mlir::Value> product =
      context.createValue<nn::MatmulOp>({left, right});
  if (mlir::failed(product))
    return mlir::failure();
  if (vectorLeft || vectorRight) {
    auto shape = llvm::to_vector(
        mlir::cast<mlir::RankedTensorType>(product->getType()).getShape());
    if (vectorRight)
      shape.pop_back();
    if (vectorLeft)
      shape.erase(shape.end() - 1 - (vectorRight ? 0 : 1));
    product = reshapeTo(context, *product, shape);
    if (mlir::failed(product))
      return mlir::failure();
  }
  return context.setOutputs({*product});
}

mlir::LogicalResult convertGemm(NodeContext &context) {
  auto a = context.tensorInput(0);
  auto bInput = context.tensorInput(1);
  if (mlir::failed(a) || mlir::failed(bInput))
    return mlir::failure();
  if (a->second.getRank() != 2 || bInput->second.getRank() != 2)
    return context.fail("A and B must be matrices");
  mlir::FailureOr<mlir::Value> left = a->first, right = bInput->first;
  if (context.intAttribute("transA", 0))
    left = transposeBy(context, *left, {1, 0});
  if (context.intAttribute("transB", 0))
    right = transposeBy(context, *right, {1, 0});
  if (mlir::failed(left) || mlir::failed(right))
    return mlir::failure();
  mlir::FailureOr<mlir::Value> result =
      context.createValue<nn::MatmulOp>({*left, *right});
  if (mlir::failed(result))
    return mlir::failure();
  float alpha = context.floatAttribute("alpha", 1.0f);
  float beta = context.floatAttribute("beta", 1.0f);
  if (alpha != 1.0f)
    result = context.createValue<nn::MulOp>(
        {*result, scalarLike(context, *result, alpha)});
  if (mlir::succeeded(result) && context.hasInput(2) && beta != 0.0f) {
    mlir::FailureOr<mlir::Value> c = context.input(2);
    if (mlir::failed(c))
      return mlir::failure();
    if (beta != 1.0f)
      c = context.createValue<nn::MulOp>({*c, scalarLike(context, *c, beta)});
    if (mlir::failed(c))
      return mlir::failure();
    result = context.createValue<nn::AddOp>({*result, *c});
  }
  if (mlir::failed(result))
    return mlir::failure();
  return context.setOutputs({*result});
}

} // namespace

void registerLinearConverters(ConverterRegistry &registry) {
  registry.add("MatMul", convertMatMul);
  registry.add("Gemm", convertGemm);
}

} // namespace nnc::onnx_import
