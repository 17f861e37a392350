//===- DropoutGradients.cpp - Rule of nn.dropout --------------------------===//
//
// Dropout multiplies by a mask that is a pure function of the key and the
// element index, scaled by 1 / (1 - p): its gradient is the same dropout of
// the result gradient. The key is an integer and gets no gradient.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

using namespace mlir;

namespace nnc::nn {

LogicalResult DropoutOp::buildGradients(ImplicitLocOpBuilder &b,
                                        ArrayRef<Value> grads,
                                        SmallVectorImpl<Value> &operandGrads) {
  operandGrads[0] = DropoutOp::create(b, grads[0], getKey(), getPAttr(),
                                      getTrainingAttr());
  return success();
}

} // namespace nnc::nn
