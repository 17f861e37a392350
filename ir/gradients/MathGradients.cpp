//===- MathGradients.cpp - Rules of the rounding, trig and remainder ops --===//
//
// Vector-Jacobian products of the ops of NNMathOps.td, with PyTorch's
// formulas (tools/autograd/derivatives.yaml): rounding is piecewise constant
// (no gradient, which the autodiff pass treats as zero), the trigonometric
// and hyperbolic functions have their exact derivatives, and a remainder
// `a - q * b` passes the gradient to `a` unchanged and `-q` times it to `b`,
// with `q` the truncated (fmod) or floored (remainder) quotient.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

namespace {

/// `g * factor`.
Value times(ImplicitLocOpBuilder &b, Value g, Value factor) {
  return MulOp::create(b, g, factor);
}

/// `x * x + c`.
Value squarePlus(ImplicitLocOpBuilder &b, Value x, double c) {
  return AddOp::create(b, MulOp::create(b, x, x), scalarLike(b, x, c));
}

/// `c - x * x`.
Value constantMinusSquare(ImplicitLocOpBuilder &b, double c, Value x) {
  return SubOp::create(b, scalarLike(b, x, c), MulOp::create(b, x, x));
}

/// The gradients of a float remainder `a - q * b` with quotient `q`.
LogicalResult remainderGradients(ImplicitLocOpBuilder &b, Operation *op,
                                 Value g, Value quotient,
                                 SmallVectorImpl<Value> &operandGrads) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  operandGrads[0] = sumToShape(b, g, tensorTypeOf(lhs));
  operandGrads[1] =
      sumToShape(b, NegOp::create(b, times(b, g, quotient)), tensorTypeOf(rhs));
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// Rounding
//===----------------------------------------------------------------------===//

LogicalResult FloorOp::buildGradients(ImplicitLocOpBuilder &, ArrayRef<Value>,
                                      SmallVectorImpl<Value> &) {
  return success(); // Piecewise constant: no gradient.
}

LogicalResult CeilOp::buildGradients(ImplicitLocOpBuilder &, ArrayRef<Value>,
                                     SmallVectorImpl<Value> &) {
  return success(); // Piecewise constant: no gradient.
}

LogicalResult RoundOp::buildGradients(ImplicitLocOpBuilder &, ArrayRef<Value>,
                                      SmallVectorImpl<Value> &) {
  return success(); // Piecewise constant: no gradient.
}

//===----------------------------------------------------------------------===//
// Trigonometric and hyperbolic functions
//===----------------------------------------------------------------------===//

LogicalResult TanOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  // tan' = 1 + tan^2.
  operandGrads[0] = times(b, grads[0], squarePlus(b, getResult(), 1.0));
  return success();
}

LogicalResult AsinOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  // asin' = 1 / sqrt(1 - x^2).
  operandGrads[0] = times(
      b, grads[0], RsqrtOp::create(b, constantMinusSquare(b, 1.0, getInput())));
  return success();
}

LogicalResult AcosOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  // acos' = -1 / sqrt(1 - x^2).
  Value rate = RsqrtOp::create(b, constantMinusSquare(b, 1.0, getInput()));
  operandGrads[0] = NegOp::create(b, times(b, grads[0], rate));
  return success();
}

LogicalResult AtanOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  // atan' = 1 / (1 + x^2).
  operandGrads[0] = DivOp::create(b, grads[0], squarePlus(b, getInput(), 1.0));
  return success();
}

LogicalResult SinhOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  operandGrads[0] = times(b, grads[0], CoshOp::create(b, getInput()));
  return success();
}

LogicalResult CoshOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  operandGrads[0] = times(b, grads[0], SinhOp::create(b, getInput()));
  return success();
}

LogicalResult AsinhOp::buildGradients(ImplicitLocOpBuilder &b,
                                      ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &operandGrads) {
  // asinh' = 1 / sqrt(x^2 + 1).
  operandGrads[0] =
      times(b, grads[0], RsqrtOp::create(b, squarePlus(b, getInput(), 1.0)));
  return success();
}

LogicalResult AcoshOp::buildGradients(ImplicitLocOpBuilder &b,
                                      ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &operandGrads) {
  // acosh' = 1 / sqrt(x^2 - 1).
  operandGrads[0] =
      times(b, grads[0], RsqrtOp::create(b, squarePlus(b, getInput(), -1.0)));
  return success();
}

LogicalResult AtanhOp::buildGradients(ImplicitLocOpBuilder &b,
                                      ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &operandGrads) {
  // atanh' = 1 / (1 - x^2).
  operandGrads[0] =
      DivOp::create(b, grads[0], constantMinusSquare(b, 1.0, getInput()));
  return success();
}

//===----------------------------------------------------------------------===//
// Remainders
//===----------------------------------------------------------------------===//

LogicalResult FmodOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getResult()))
    return success();
  // trunc(q) = q - fmod(q, 1): exact, as fmod is.
  Value q = DivOp::create(b, getLhs(), getRhs());
  Value truncated =
      SubOp::create(b, q, FmodOp::create(b, q, scalarLike(b, q, 1.0)));
  return remainderGradients(b, *this, grads[0], truncated, operandGrads);
}

LogicalResult
RemainderOp::buildGradients(ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
                            SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getResult()))
    return success();
  Value floored = FloorOp::create(b, DivOp::create(b, getLhs(), getRhs()));
  return remainderGradients(b, *this, grads[0], floored, operandGrads);
}

} // namespace nnc::nn
