//===- LogicalConverters.cpp - ONNX comparisons and logic -----------------===//
//
// Comparisons (bool results; before opset 7 with the one-way broadcasting of
// the other binary ops), the logical ops on bool tensors, Where, IsNaN and
// IsInf, all composed exactly from nn.compare and nn.select: `a and b` is
// `a ? b : false`, `a or b` is `a ? true : b`, `a xor b` is `a != b`,
// `not a` is `a == false`, NaN is the one value unequal to itself.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include "ir/NNOps.h"

#include <cmath>

namespace nnc::onnx_import {
namespace {

/// Equal, Less, Greater, LessOrEqual, GreaterOrEqual.
NodeConverter comparison(nn::ComparePredicate predicate) {
  return [predicate](NodeContext &context) -> mlir::LogicalResult {
    auto operands = binaryOperands(context);
    if (mlir::failed(operands))
      return mlir::failure();
    return setResult(context, compare(context, predicate, operands->first,
                                      operands->second));
  };
}

/// Fails unless `value` is a bool tensor.
mlir::LogicalResult requireBool(NodeContext &context, mlir::Value value) {
  if (elementTypeOf(value).isInteger(1))
    return mlir::success();
  return context.fail("takes bool tensors only");
}

mlir::LogicalResult convertNot(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x) || mlir::failed(requireBool(context, *x)))
    return mlir::failure();
  return setResult(context, compare(context, nn::ComparePredicate::eq, *x,
                                    scalarLike(context, *x, 0)));
}

/// And, Or, Xor on bool tensors (`kind` says which).
enum class Logic { And, Or, Xor };

NodeConverter logical(Logic kind) {
  return [kind](NodeContext &context) -> mlir::LogicalResult {
    auto operands = binaryOperands(context);
    if (mlir::failed(operands) ||
        mlir::failed(requireBool(context, operands->first)) ||
        mlir::failed(requireBool(context, operands->second)))
      return mlir::failure();
    auto [a, b] = *operands;
    switch (kind) {
    case Logic::And:
      return setResult(context, context.createValue<nn::SelectOp>(
                                    {a, b, scalarLike(context, a, 0)}));
    case Logic::Or:
      return setResult(context, context.createValue<nn::SelectOp>(
                                    {a, scalarLike(context, a, 1), b}));
    case Logic::Xor:
      return setResult(context,
                       compare(context, nn::ComparePredicate::ne, a, b));
    }
    llvm_unreachable("every logical op is handled");
  };
}

/// Where: `condition ? x : y`, the three broadcasting.
mlir::LogicalResult convertWhere(NodeContext &context) {
  mlir::FailureOr<mlir::Value> condition = context.input(0);
  mlir::FailureOr<mlir::Value> x = context.input(1);
  mlir::FailureOr<mlir::Value> y = context.input(2);
  if (mlir::failed(condition) || mlir::failed(x) || mlir::failed(y) ||
      mlir::failed(requireBool(context, *condition)))
    return mlir::failure();
  return setResult(context,
                   context.createValue<nn::SelectOp>({*condition, *x, *y}));
}

/// Fails unless `value` is a floating-point tensor.
mlir::LogicalResult requireFloat(NodeContext &context, mlir::Value value) {
  if (mlir::isa<mlir::FloatType>(elementTypeOf(value)))
    return mlir::success();
  return context.fail("takes floating-point tensors only");
}

/// IsNaN: `x != x`.
mlir::LogicalResult convertIsNaN(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x) || mlir::failed(requireFloat(context, *x)))
    return mlir::failure();
  return setResult(context, compare(context, nn::ComparePredicate::ne, *x, *x));
}

/// IsInf: `x == +inf` and/or `x == -inf` as `detect_positive` and
/// `detect_negative` say (both: `|x| == inf`; neither: `x == NaN`, false
/// everywhere).
mlir::LogicalResult convertIsInf(NodeContext &context) {
  mlir::FailureOr<mlir::Value> x = context.input(0);
  if (mlir::failed(x) || mlir::failed(requireFloat(context, *x)))
    return mlir::failure();
  bool positive = context.intAttribute("detect_positive", 1);
  bool negative = context.intAttribute("detect_negative", 1);
  mlir::Value tested = *x;
  double target = INFINITY;
  if (positive && negative) {
    auto magnitude = context.createValue<nn::AbsOp>({*x});
    if (mlir::failed(magnitude))
      return mlir::failure();
    tested = *magnitude;
  } else if (negative) {
    target = -INFINITY;
  } else if (!positive) {
    target = NAN;
  }
  return setResult(context, compare(context, nn::ComparePredicate::eq, tested,
                                    scalarLike(context, tested, target)));
}

} // namespace

void registerLogicalConverters(ConverterRegistry &registry) {
  registry.add("Equal", comparison(nn::ComparePredicate::eq));
  registry.add("Less", comparison(nn::ComparePredicate::lt));
  registry.add("Greater", comparison(nn::ComparePredicate::gt));
  registry.add("LessOrEqual", comparison(nn::ComparePredicate::le));
  registry.add("GreaterOrEqual", comparison(nn::ComparePredicate::ge));
  registry.add("Not", convertNot);
  registry.add("And", logical(Logic::And));
  registry.add("Or", logical(Logic::Or));
  registry.add("Xor", logical(Logic::Xor));
  registry.add("Where", convertWhere);
  registry.add("IsNaN", convertIsNaN);
  registry.add("IsInf", convertIsInf);
}

} // namespace nnc::onnx_import
