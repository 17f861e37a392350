//===- LoweringPatterns.h - nn-to-linalg patterns by op family --*- C++ -*-===//
//
// populateNNToLinalgPatterns (passes/Passes.h) gathers the lowering of every
// nn op; the op families with files of their own add their patterns here.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_LOWER_LOWERINGPATTERNS_H
#define NNC_PASSES_LOWER_LOWERINGPATTERNS_H

#include "mlir/IR/PatternMatch.h"

namespace nnc {

/// attention, untiled (the reference lowering).
void populateAttentionLoweringPatterns(mlir::RewritePatternSet &patterns);

/// conv and conv_transpose.
void populateConvolutionLoweringPatterns(mlir::RewritePatternSet &patterns);

/// gather, scatter_add, argmax, argmin, cumsum, cast and heaviside.
void populateIndexLoweringPatterns(mlir::RewritePatternSet &patterns);

/// mse_loss, binary_cross_entropy(_with_logits), nll_loss and
/// gaussian_kl_div.
void populateLossLoweringPatterns(mlir::RewritePatternSet &patterns);

/// batch_norm, layer_norm and rms_norm.
void populateNormalizationLoweringPatterns(mlir::RewritePatternSet &patterns);

/// solve and fft.
void populateNumericLoweringPatterns(mlir::RewritePatternSet &patterns);

/// floor, ceil, round, the trigonometric and hyperbolic ops, fmod and
/// remainder (NNMathOps.td).
void populateMathLoweringPatterns(mlir::RewritePatternSet &patterns);

/// max_pool, avg_pool and their gradient ops.
void populatePoolLoweringPatterns(mlir::RewritePatternSet &patterns);

/// The counter-based random ops (dropout).
void populateRandomLoweringPatterns(mlir::RewritePatternSet &patterns);

} // namespace nnc

#endif // NNC_PASSES_LOWER_LOWERINGPATTERNS_H
