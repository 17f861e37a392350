//===- ElementwiseGradients.cpp - Rules of elementwise ops ----------------===//
//
// Vector-Jacobian products of the unary math and activation ops, the
// broadcasting binary ops and select. The formulas are PyTorch's
// (tools/autograd/derivatives.yaml), including its choices at the points
// where a function is not differentiable: relu'(0) = 0, |x|'(0) = 0, and
// maximum/minimum split the gradient evenly between tied operands.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

#include <cmath>

using namespace mlir;

namespace nnc::nn {

namespace {

Value mul(ImplicitLocOpBuilder &b, Value x, Value y) {
  return MulOp::create(b, x, y);
}
Value mulBy(ImplicitLocOpBuilder &b, Value x, double c) {
  return MulOp::create(b, x, scalarLike(b, x, c));
}
Value add(ImplicitLocOpBuilder &b, Value x, Value y) {
  return AddOp::create(b, x, y);
}
/// `c - x`.
Value rsubFrom(ImplicitLocOpBuilder &b, double c, Value x) {
  return SubOp::create(b, scalarLike(b, x, c), x);
}
/// `x <predicate> c` for a constant `c`.
Value compareWith(ImplicitLocOpBuilder &b, ComparePredicate predicate,
                  Value x, double c) {
  return CompareOp::create(b, predicate, x, scalarLike(b, x, c));
}
/// `condition ? value : 0`.
Value keepWhere(ImplicitLocOpBuilder &b, Value condition, Value value) {
  return SelectOp::create(b, condition, value, scalarLike(b, value, 0.0));
}

/// Sets the single operand's gradient of a unary op.
LogicalResult unary(SmallVectorImpl<Value> &operandGradients, Value gradient) {
  operandGradients[0] = gradient;
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// Unary math and activations
//===----------------------------------------------------------------------===//

LogicalResult NegOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  return unary(operandGrads, NegOp::create(b, grads[0]));
}

LogicalResult AbsOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  return unary(operandGrads, mul(b, grads[0], SignOp::create(b, getInput())));
}

LogicalResult ExpOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  return unary(operandGrads, mul(b, grads[0], getResult()));
}

LogicalResult LogOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  return unary(operandGrads, DivOp::create(b, grads[0], getInput()));
}

LogicalResult SqrtOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  return unary(operandGrads,
               DivOp::create(b, grads[0], mulBy(b, getResult(), 2.0)));
}

LogicalResult RsqrtOp::buildGradients(ImplicitLocOpBuilder &b,
                                      ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &operandGrads) {
  Value y = getResult();
  Value cube = mul(b, mul(b, y, y), y);
  return unary(operandGrads, mulBy(b, mul(b, grads[0], cube), -0.5));
}

LogicalResult SigmoidOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  Value y = getResult();
  return unary(operandGrads, mul(b, grads[0], mul(b, y, rsubFrom(b, 1, y))));
}

LogicalResult TanhOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  Value y = getResult();
  return unary(operandGrads, mul(b, grads[0], rsubFrom(b, 1, mul(b, y, y))));
}

LogicalResult ReluOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  Value positive = compareWith(b, ComparePredicate::gt, getResult(), 0);
  return unary(operandGrads, keepWhere(b, positive, grads[0]));
}

LogicalResult SiluOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  // d/dx x s(x) = s (1 + x (1 - s)).
  Value x = getInput();
  Value s = SigmoidOp::create(b, x);
  Value inner = add(b, scalarLike(b, x, 1), mul(b, x, rsubFrom(b, 1, s)));
  return unary(operandGrads, mul(b, grads[0], mul(b, s, inner)));
}

LogicalResult MishOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  // d/dx x t(x) with t = tanh(softplus(x)): t + x s(x) (1 - t^2).
  Value x = getInput();
  Value t = TanhOp::create(b, SoftplusOp::create(b, x));
  Value s = SigmoidOp::create(b, x);
  Value slope = mul(b, mul(b, x, s), rsubFrom(b, 1, mul(b, t, t)));
  return unary(operandGrads, mul(b, grads[0], add(b, t, slope)));
}

LogicalResult ErfOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput();
  Value gauss = ExpOp::create(b, NegOp::create(b, mul(b, x, x)));
  return unary(operandGrads,
               mul(b, grads[0], mulBy(b, gauss, 2.0 / std::sqrt(M_PI))));
}

LogicalResult SinOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  return unary(operandGrads, mul(b, grads[0], CosOp::create(b, getInput())));
}

LogicalResult CosOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  Value sine = SinOp::create(b, getInput());
  return unary(operandGrads, mul(b, grads[0], NegOp::create(b, sine)));
}

LogicalResult SignOp::buildGradients(ImplicitLocOpBuilder &,
                                     ArrayRef<Value>,
                                     SmallVectorImpl<Value> &) {
  return success(); // Piecewise constant: no gradient.
}

LogicalResult StopGradientOp::buildGradients(ImplicitLocOpBuilder &,
                                             ArrayRef<Value>,
                                             SmallVectorImpl<Value> &) {
  return success(); // A constant to differentiation by definition.
}

LogicalResult LeakyReluOp::buildGradients(
    ImplicitLocOpBuilder &b, ArrayRef<Value> grads,
    SmallVectorImpl<Value> &operandGrads) {
  Value positive = compareWith(b, ComparePredicate::gt, getInput(), 0);
  Value scaled = mulBy(b, grads[0], getNegativeSlope().convertToDouble());
  return unary(operandGrads,
               SelectOp::create(b, positive, grads[0], scaled));
}

LogicalResult EluOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput();
  Value positive = compareWith(b, ComparePredicate::gt, x, 0);
  Value negative = mul(b, grads[0], mulBy(b, ExpOp::create(b, x),
                                          getAlpha().convertToDouble()));
  return unary(operandGrads,
               SelectOp::create(b, positive, grads[0], negative));
}

LogicalResult GeluOp::buildGradients(ImplicitLocOpBuilder &b,
                                     ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &operandGrads) {
  Value x = getInput();
  if (getApproximate() == "tanh") {
    // y = x/2 (1 + tanh(u)), u = k (x + c x^3):
    // y' = (1 + tanh u)/2 + x/2 (1 - tanh^2 u) k (1 + 3 c x^2). In the
    // tails 1 + tanh u and 1 - tanh^2 u cancel to a few digits, so they are
    // taken as sigmoid(2u) and 4 sigmoid(2u) sigmoid(-2u), exact there.
    const double k = std::sqrt(2.0 / M_PI), c = 0.044715;
    Value square = mul(b, x, x);
    Value u = mulBy(b, add(b, x, mulBy(b, mul(b, square, x), c)), k);
    Value rising = SigmoidOp::create(b, mulBy(b, u, 2.0));
    Value falling = SigmoidOp::create(b, mulBy(b, u, -2.0));
    Value du = mulBy(b, add(b, scalarLike(b, x, 1), mulBy(b, square, 3 * c)),
                     k);
    Value right =
        mul(b, mulBy(b, mul(b, x, mul(b, rising, falling)), 2.0), du);
    return unary(operandGrads, mul(b, grads[0], add(b, rising, right)));
  }
  // y = x Phi(x): y' = Phi(x) + x phi(x).
  Value cdf = mulBy(
      b, add(b, scalarLike(b, x, 1), ErfOp::create(b, mulBy(b, x, M_SQRT1_2))),
      0.5);
  Value pdf = mulBy(b, ExpOp::create(b, mulBy(b, mul(b, x, x), -0.5)),
                    1.0 / std::sqrt(2 * M_PI));
  return unary(operandGrads, mul(b, grads[0], add(b, cdf, mul(b, x, pdf))));
}

LogicalResult SoftplusOp::buildGradients(ImplicitLocOpBuilder &b,
                                         ArrayRef<Value> grads,
                                         SmallVectorImpl<Value> &operandGrads) {
  // Linear above the threshold, sigmoid(beta x) below it.
  Value scaled = mulBy(b, getInput(), getBeta().convertToDouble());
  Value linear = compareWith(b, ComparePredicate::gt, scaled,
                             getThreshold().convertToDouble());
  Value smooth = mul(b, grads[0], SigmoidOp::create(b, scaled));
  return unary(operandGrads, SelectOp::create(b, linear, grads[0], smooth));
}

//===----------------------------------------------------------------------===//
// Broadcasting binary ops
//===----------------------------------------------------------------------===//

namespace {

/// Sets the gradients of a binary op's operands from their values at the
/// broadcast shape; integer operands get none.
LogicalResult binary(ImplicitLocOpBuilder &b, Operation *op,
                     SmallVectorImpl<Value> &operandGrads, Value lhsGrad,
                     Value rhsGrad) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  if (lhsGrad)
    operandGrads[0] = sumToShape(b, lhsGrad, tensorTypeOf(lhs));
  if (rhsGrad)
    operandGrads[1] = sumToShape(b, rhsGrad, tensorTypeOf(rhs));
  return success();
}

} // namespace

LogicalResult AddOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getResult()))
    return success();
  return binary(b, *this, operandGrads, grads[0], grads[0]);
}

LogicalResult SubOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getResult()))
    return success();
  return binary(b, *this, operandGrads, grads[0], NegOp::create(b, grads[0]));
}

LogicalResult MulOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getResult()))
    return success();
  return binary(b, *this, operandGrads, mul(b, grads[0], getRhs()),
                mul(b, grads[0], getLhs()));
}

LogicalResult DivOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  Value lhsGrad = DivOp::create(b, grads[0], getRhs());
  // d(a/b)/db = -a / b^2.
  Value rhsGrad = NegOp::create(
      b, DivOp::create(b, mul(b, grads[0], getLhs()),
                       mul(b, getRhs(), getRhs())));
  return binary(b, *this, operandGrads, lhsGrad, rhsGrad);
}

LogicalResult PowOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  // PyTorch: d/da = b a^(b-1), taken as 0 where b = 0; d/db = a^b ln a,
  // taken as 0 where a = 0 and b >= 0.
  Value a = getLhs(), e = getRhs(), g = grads[0];
  Value power = PowOp::create(b, a, SubOp::create(b, e, scalarLike(b, e, 1)));
  Value baseGrad = keepWhere(
      b, compareWith(b, ComparePredicate::ne, e, 0), mul(b, g, mul(b, e, power)));
  Value logTerm = mul(b, g, mul(b, getResult(), LogOp::create(b, a)));
  Value zeroBase = compareWith(b, ComparePredicate::eq, a, 0);
  Value negative = compareWith(b, ComparePredicate::lt, e, 0);
  Value exponentGrad =
      SelectOp::create(b, zeroBase, keepWhere(b, negative, logTerm), logTerm);
  return binary(b, *this, operandGrads, baseGrad, exponentGrad);
}

namespace {

/// maximum (`larger` = gt) and minimum (lt): the chosen operand takes the
/// gradient, tied operands take half each (torch.maximum's convention).
LogicalResult extremumGradients(ImplicitLocOpBuilder &b, Operation *op,
                                ComparePredicate larger, Value g,
                                SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(op->getResult(0)))
    return success();
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  Value half = mulBy(b, g, 0.5);
  Value tied = CompareOp::create(b, ComparePredicate::eq, lhs, rhs);
  Value tiedShare = keepWhere(b, tied, half);
  Value lhsGrad = SelectOp::create(
      b, CompareOp::create(b, larger, lhs, rhs), g, tiedShare);
  Value rhsGrad = SelectOp::create(
      b, CompareOp::create(b, larger, rhs, lhs), g, tiedShare);
  return binary(b, op, operandGrads, lhsGrad, rhsGrad);
}

} // namespace

LogicalResult MaximumOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  return extremumGradients(b, *this, ComparePredicate::gt, grads[0],
                           operandGrads);
}

LogicalResult MinimumOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  return extremumGradients(b, *this, ComparePredicate::lt, grads[0],
                           operandGrads);
}

LogicalResult SelectOp::buildGradients(ImplicitLocOpBuilder &b,
                                       ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &operandGrads) {
  if (!hasFloatElements(getResult()))
    return success();
  Value g = grads[0];
  Value zero = scalarLike(b, g, 0.0);
  Value whenTrue = SelectOp::create(b, getCondition(), g, zero);
  Value whenFalse = SelectOp::create(b, getCondition(), zero, g);
  operandGrads[1] = sumToShape(b, whenTrue, tensorTypeOf(getTrueValue()));
  operandGrads[2] = sumToShape(b, whenFalse, tensorTypeOf(getFalseValue()));
  return success();
}

} // namespace nnc::nn
