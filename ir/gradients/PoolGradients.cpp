//===- PoolGradients.cpp - Rules of the pooling ops -----------------------===//
//
// Both pooling gradients are ops of their own, lowered without scatters:
// max pooling's sends each output gradient to the first maximum of its
// window (PyTorch's rule for ties), average pooling's spreads it evenly over
// the window, divided by the forward divisor. Neither gradient op has a
// gradient rule, so differentiating a pooling gradient again is reported by
// nnc-autodiff rather than computed wrongly.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

using namespace mlir;

namespace nnc::nn {

LogicalResult MaxPoolOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  operandGrads[0] = MaxPoolGradOp::create(
      b, grads[0], getInput(), getKernelAttr(), getStrideAttr(),
      getPaddingAttr(), getCeilModeAttr(), getDilationAttr());
  return success();
}

LogicalResult AvgPoolOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  operandGrads[0] = AvgPoolGradOp::create(
      b, getInput().getType(), grads[0], getKernelAttr(), getStrideAttr(),
      getPaddingAttr(), getCeilModeAttr(), getCountIncludePadAttr());
  return success();
}

} // namespace nnc::nn
