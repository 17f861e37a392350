//===- InferenceMode.cpp - The nnc-inference-mode pass --------------------===//
//
// Switches the ops that behave differently in training to their inference
// behaviour: dropout becomes the identity and batch normalization uses its
// running statistics (PyTorch's `model.eval()`).
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/Passes.h"

namespace nnc {
#define GEN_PASS_DEF_INFERENCEMODE
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;

namespace {

struct InferenceModePass : nnc::impl::InferenceModeBase<InferenceModePass> {
  void runOnOperation() override {
    getOperation()->walk([](Operation *op) {
      if (auto dropout = dyn_cast<nn::DropoutOp>(op))
        dropout.setTraining(false);
      else if (auto batchNorm = dyn_cast<nn::BatchNormOp>(op))
        batchNorm.setTraining(false);
    });
  }
};

} // namespace
