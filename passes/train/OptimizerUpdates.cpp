//===- OptimizerUpdates.cpp - torch.optim update rules as nn ops ----------===//
//
// Each update mirrors the matching `_single_tensor_*` function of
// torch/optim/*.py in PyTorch 1.13. Torch's in-place helpers map to nn ops
// in their kernels' evaluation order:
//   a.add_(b, alpha=s)          a + s * b
//   a.addcmul_(b, c, value=s)   a + (s * b) * c
//   a.addcdiv_(b, c, value=s)   a + (s * b) / c
// Torch keeps per-parameter state that is created on the first step (SGD's
// momentum buffer is a copy of the gradient, Adagrad's sum starts at the
// initial accumulator value). Here every state tensor starts at zero and the
// first step is recognized from the step counter, with coefficients that
// make the result exact: e.g. SGD's buffer is `(momentum * notFirst) * buf +
// g` on the first step too.
//
//===----------------------------------------------------------------------===//

#include "passes/train/OptimizerUpdates.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace nnc {

SmallVector<StringRef> stateSlots(const OptimizerHyperparameters &hyper) {
  switch (hyper.algorithm) {
  case OptimizerAlgorithm::Sgd:
    if (hyper.momentum != 0)
      return {"momentum_buffer"};
    return {};
  case OptimizerAlgorithm::Adagrad:
    return {"sum"};
  case OptimizerAlgorithm::Rmsprop: {
    SmallVector<StringRef> slots = {"square_avg"};
    if (hyper.momentum > 0)
      slots.push_back("momentum_buffer");
    if (hyper.centered)
      slots.push_back("grad_avg");
    return slots;
  }
  case OptimizerAlgorithm::Adam:
  case OptimizerAlgorithm::AdamW:
    if (hyper.amsgrad)
      return {"exp_avg", "exp_avg_sq", "max_exp_avg_sq"};
    return {"exp_avg", "exp_avg_sq"};
  }
  llvm_unreachable("unknown optimizer algorithm");
}

bool needsStepCounter(const OptimizerHyperparameters &hyper) {
  switch (hyper.algorithm) {
  case OptimizerAlgorithm::Sgd:
    return hyper.momentum != 0;
  case OptimizerAlgorithm::Adagrad:
    return hyper.lrDecay != 0 || hyper.initialAccumulatorValue != 0;
  case OptimizerAlgorithm::Rmsprop:
    return false;
  case OptimizerAlgorithm::Adam:
  case OptimizerAlgorithm::AdamW:
    return true;
  }
  llvm_unreachable("unknown optimizer algorithm");
}

OptimizerStepBuilder::OptimizerStepBuilder(
    OpBuilder &builder, Location loc, const OptimizerHyperparameters &hyper,
    FloatType elementType, Value step)
    : b(builder), loc(loc), hyper(hyper), elementType(elementType) {
  if (!step)
    return;
  nextStep = add(step, constant(1));
  // 0 on the first step, 1 after it; and its complement.
  auto firstStepMasks = [&] {
    notFirst = nn::MinimumOp::create(b, loc, step, constant(1));
    isFirst = sub(constant(1), notFirst);
  };
  switch (hyper.algorithm) {
  case OptimizerAlgorithm::Adam:
  case OptimizerAlgorithm::AdamW: {
    // bias_correction = 1 - beta ** step; step_size = lr / bias_correction1
    auto power = [&](double base) -> Value {
      return nn::PowOp::create(b, loc, constant(base), nextStep);
    };
    Value correction1 = sub(constant(1), power(hyper.beta1));
    Value correction2 = sub(constant(1), power(hyper.beta2));
    negStepSize = neg(div(constant(hyper.lr), correction1));
    biasCorrection2Sqrt = sqrt(correction2);
    break;
  }
  case OptimizerAlgorithm::Adagrad:
    // clr = lr / (1 + (step - 1) * lr_decay), with torch's step already
    // incremented: (step - 1) is the count before this step.
    if (hyper.lrDecay != 0)
      negClr = neg(div(constant(hyper.lr),
                       add(constant(1), mul(step, constant(hyper.lrDecay)))));
    if (hyper.initialAccumulatorValue != 0)
      firstStepMasks();
    break;
  case OptimizerAlgorithm::Sgd:
    // First step: buf = d_p. Later: buf = buf * momentum + (1 - dampening)
    // * d_p. Both are buf * (momentum * notFirst) + gradScale * d_p.
    firstStepMasks();
    bufferScale = mul(constant(hyper.momentum), notFirst);
    if (hyper.dampening != 0)
      gradScale = add(constant(1 - hyper.dampening),
                      mul(constant(hyper.dampening), isFirst));
    break;
  case OptimizerAlgorithm::Rmsprop:
    break;
  }
}

Value OptimizerStepBuilder::constant(double value) {
  // Keyed by the value rounded to the element type.
  auto element = FloatAttr::get(elementType, value);
  Value &cached = constants[element];
  if (cached)
    return cached;
  auto type = RankedTensorType::get({}, elementType);
  auto attr = DenseElementsAttr::get(type, ArrayRef<Attribute>{element});
  cached = arith::ConstantOp::create(b, loc, attr);
  return cached;
}

Value OptimizerStepBuilder::add(Value lhs, Value rhs) {
  return nn::AddOp::create(b, loc, lhs, rhs);
}

Value OptimizerStepBuilder::sub(Value lhs, Value rhs) {
  return nn::SubOp::create(b, loc, lhs, rhs);
}

Value OptimizerStepBuilder::mul(Value lhs, Value rhs) {
  return nn::MulOp::create(b, loc, lhs, rhs);
}

Value OptimizerStepBuilder::div(Value lhs, Value rhs) {
  return nn::DivOp::create(b, loc, lhs, rhs);
}

Value OptimizerStepBuilder::sqrt(Value value) {
  return nn::SqrtOp::create(b, loc, value.getType(), value);
}

Value OptimizerStepBuilder::neg(Value value) {
  return nn::NegOp::create(b, loc, value.getType(), value);
}

Value OptimizerStepBuilder::effectiveGrad(Value param, Value grad) {
  Value g = hyper.maximize ? neg(grad) : grad;
  // AdamW decays the parameter itself instead (decoupled weight decay).
  if (hyper.weightDecay != 0 && hyper.algorithm != OptimizerAlgorithm::AdamW)
    g = add(g, mul(constant(hyper.weightDecay), param));
  return g;
}

void OptimizerStepBuilder::update(Value param, Value grad, ValueRange state,
                                  Value &newParam,
                                  SmallVectorImpl<Value> &newState) {
  switch (hyper.algorithm) {
  case OptimizerAlgorithm::Sgd:
    return updateSgd(param, grad, state, newParam, newState);
  case OptimizerAlgorithm::Adagrad:
    return updateAdagrad(param, grad, state, newParam, newState);
  case OptimizerAlgorithm::Rmsprop:
    return updateRmsprop(param, grad, state, newParam, newState);
  case OptimizerAlgorithm::Adam:
  case OptimizerAlgorithm::AdamW:
    return updateAdam(param, grad, state, newParam, newState);
  }
}

void OptimizerStepBuilder::updateSgd(Value param, Value grad, ValueRange state,
                                     Value &newParam,
                                     SmallVectorImpl<Value> &newState) {
  Value g = effectiveGrad(param, grad);
  if (hyper.momentum != 0) {
    Value scaledGrad = gradScale ? mul(gradScale, g) : g;
    Value buffer = add(mul(state[0], bufferScale), scaledGrad);
    newState.push_back(buffer);
    g = hyper.nesterov ? add(g, mul(constant(hyper.momentum), buffer))
                       : buffer;
  }
  // param.add_(d_p, alpha=-lr)
  newParam = add(param, mul(constant(-hyper.lr), g));
}

void OptimizerStepBuilder::updateAdagrad(Value param, Value grad,
                                         ValueRange state, Value &newParam,
                                         SmallVectorImpl<Value> &newState) {
  Value g = effectiveGrad(param, grad);
  Value sum = state[0];
  // The sum starts at initial_accumulator_value.
  if (hyper.initialAccumulatorValue != 0)
    sum = add(sum, mul(isFirst, constant(hyper.initialAccumulatorValue)));
  // state_sum.addcmul_(grad, grad, value=1)
  sum = add(sum, mul(g, g));
  newState.push_back(sum);
  // std = state_sum.sqrt().add_(eps); param.addcdiv_(grad, std, value=-clr)
  Value std = add(sqrt(sum), constant(hyper.eps));
  Value scale = negClr ? negClr : constant(-hyper.lr);
  newParam = add(param, div(mul(scale, g), std));
}

void OptimizerStepBuilder::updateRmsprop(Value param, Value grad,
                                         ValueRange state, Value &newParam,
                                         SmallVectorImpl<Value> &newState) {
  Value g = effectiveGrad(param, grad);
  // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
  Value squareAvg = add(mul(state[0], constant(hyper.alpha)),
                        mul(mul(constant(1 - hyper.alpha), g), g));
  newState.push_back(squareAvg);
  Value bufferIn = hyper.momentum > 0 ? state[1] : Value();
  Value avg;
  Value gradAvg;
  if (hyper.centered) {
    // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha)
    // avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
    gradAvg = add(mul(state.back(), constant(hyper.alpha)),
                  mul(constant(1 - hyper.alpha), g));
    avg = sqrt(add(squareAvg, mul(mul(constant(-1), gradAvg), gradAvg)));
  } else {
    avg = sqrt(squareAvg);
  }
  avg = add(avg, constant(hyper.eps));
  if (bufferIn) {
    // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr)
    Value buffer = add(mul(bufferIn, constant(hyper.momentum)), div(g, avg));
    newState.push_back(buffer);
    newParam = add(param, mul(constant(-hyper.lr), buffer));
  } else {
    // param.addcdiv_(grad, avg, value=-lr)
    newParam = add(param, div(mul(constant(-hyper.lr), g), avg));
  }
  if (gradAvg)
    newState.push_back(gradAvg);
}

void OptimizerStepBuilder::updateAdam(Value param, Value grad,
                                      ValueRange state, Value &newParam,
                                      SmallVectorImpl<Value> &newState) {
  // AdamW: param.mul_(1 - lr * weight_decay) before the update.
  if (hyper.algorithm == OptimizerAlgorithm::AdamW && hyper.weightDecay != 0)
    param = mul(param, constant(1 - hyper.lr * hyper.weightDecay));
  Value g = effectiveGrad(param, grad);
  // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
  Value expAvg = add(mul(state[0], constant(hyper.beta1)),
                     mul(constant(1 - hyper.beta1), g));
  // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
  Value expAvgSq = add(mul(state[1], constant(hyper.beta2)),
                       mul(mul(constant(1 - hyper.beta2), g), g));
  newState.push_back(expAvg);
  newState.push_back(expAvgSq);
  Value second = expAvgSq;
  if (hyper.amsgrad) {
    // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=max_exp_avg_sqs[i])
    second = nn::MaximumOp::create(b, loc, state[2], expAvgSq);
    newState.push_back(second);
  }
  // denom = (second.sqrt() / bias_correction2_sqrt).add_(eps)
  // param.addcdiv_(exp_avg, denom, value=-step_size)
  Value denom =
      add(div(sqrt(second), biasCorrection2Sqrt), constant(hyper.eps));
  newParam = add(param, div(mul(negStepSize, expAvg), denom));
}

} // namespace nnc
