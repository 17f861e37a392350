//===- MatmulGradient.cpp - Rule of the batched matrix product ------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

LogicalResult MatmulOp::buildGradients(ImplicitLocOpBuilder &b,
                                       ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &operandGrads) {
  // C = A B: dA = dC B^T and dB = A^T dC at the broadcast batch shape, then
  // summed over the batch dimensions each operand was broadcast along.
  Value g = grads[0];
  Value lhsGrad = MatmulOp::create(b, g, transposeLastTwo(b, getRhs()));
  Value rhsGrad = MatmulOp::create(b, transposeLastTwo(b, getLhs()), g);
  operandGrads[0] = sumToShape(b, lhsGrad, tensorTypeOf(getLhs()));
  operandGrads[1] = sumToShape(b, rhsGrad, tensorTypeOf(getRhs()));
  return success();
}

} // namespace nnc::nn
