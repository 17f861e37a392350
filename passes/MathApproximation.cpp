//===- MathApproximation.cpp - Polynomial forms of math ops ---------------===//
//
// A thin driver over MLIR's polynomial approximations of transcendental
// functions: after it, f32 math is plain arithmetic that every backend
// compiles without a math library. sin and cos are the exception: MLIR's
// approximation reduces the argument by multiples of pi/2 in float32, which
// loses accuracy as |x| grows (5e-6 absolute at x = 88, where PyTorch is
// exact to the ulp; sinusoidal position encodings take arguments in the
// thousands), so they stay calls to the math library.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
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
    // rsqrt's approximation is an AVX2 intrinsic: not for every CPU.
    auto approximated = [](StringRef name) {
      return name != math::SinOp::getOperationName() &&
             name != math::CosOp::getOperationName() &&
             name != math::RsqrtOp::getOperationName();
    };
    populateMathF32ExpansionPatterns(patterns, approximated);
    populateMathPolynomialApproximationPatterns(patterns, approximated);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
