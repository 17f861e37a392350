//===- MathApproximation.cpp - Polynomial forms of math ops ---------------===//
//
// A thin driver over MLIR's polynomial approximations of transcendental
// functions: after it, f32 math is plain arithmetic that every backend
// compiles without a math library.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_MATHAPPROXIMATION
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

struct MathApproximationPass
    : nnc::impl::MathApproximationBase<MathApproximationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
