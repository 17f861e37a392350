//===- NNRandomOps.cpp - Verifier and folder of the random ops ------------===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace nnc::nn;

//===----------------------------------------------------------------------===//
// DropoutOp
//===----------------------------------------------------------------------===//

LogicalResult DropoutOp::verify() {
  double p = getP().convertToDouble();
  if (!(p >= 0.0 && p <= 1.0))
    return emitOpError("p must be a probability in [0, 1], got ") << p;
  return success();
}

/// Outside training, or with nothing to drop, dropout is the identity.
OpFoldResult DropoutOp::fold(FoldAdaptor) {
  if (!getTraining() || getP().isZero())
    return getInput();
  return {};
}
