//===- NumericGradients.cpp - Rules of the linear solve and the FFT -------===//
//
// Both rules are made of the ops they differentiate, so second derivatives
// work: the gradient of a solve is two solves' worth of work (one solve with
// the transposed matrices and a product), the gradient of a Fourier
// transform is the transform in the other direction.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

using namespace mlir;

namespace nnc::nn {

LogicalResult SolveOp::buildGradients(ImplicitLocOpBuilder &b,
                                      ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &operandGrads) {
  // X = A^-1 B: dB = A^-T G and dA = -dB X^T, at the broadcast batch shape,
  // then summed over the batch dimensions each operand was broadcast along.
  Value rhsGrad = SolveOp::create(b, transposeLastTwo(b, getA()), grads[0]);
  Value lhsGrad = NegOp::create(
      b, MatmulOp::create(b, rhsGrad, transposeLastTwo(b, getResult())));
  operandGrads[0] = sumToShape(b, lhsGrad, tensorTypeOf(getA()));
  operandGrads[1] = sumToShape(b, rhsGrad, tensorTypeOf(getB()));
  return success();
}

LogicalResult FftOp::buildGradients(ImplicitLocOpBuilder &b,
                                    ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &operandGrads) {
  // y = s F x with F the DFT matrix, which is symmetric, so the adjoint is
  // s conj(F): the transform in the other direction with the same scale s.
  // Swapping "backward" and "forward" moves the scale to the other
  // direction; "ortho" scales both alike.
  StringRef norm = getNorm();
  StringRef adjointNorm = norm == "backward"  ? "forward"
                          : norm == "forward" ? "backward"
                                              : norm;
  operandGrads[0] = FftOp::create(b, grads[0], b.getBoolAttr(!getInverse()),
                                  b.getStringAttr(adjointNorm));
  return success();
}

} // namespace nnc::nn
