//===- DilatedConvToDense.cpp - Dilated convolution on a space-to-batch view =//
//
// A convolution with dilation d and stride 1 along a spatial dimension reads
// only inputs d apart for each output: output o = q * d + r sees padded
// inputs (q + k) * d + r, all of phase r. Splitting the padded input into its
// d phase sub-grids (space-to-batch) turns it into d independent dense
// (dilation 1) convolutions over grids d times shorter, one per phase, which
// are one nn.conv once the phases are stacked into the batch; interleaving
// the phase outputs again (batch-to-space) gives the dilated result. Over k
// dilated dimensions the d_1 * ... * d_k phase grids each become one batch
// entry. Every product and sum is the direct form's, in the same order.
//
// Padding: the part of the leading padding that is a whole number of
// phases (pad_begin / d per phase) and the trailing padding are left to the
// dense convolution; only the rest (pad_begin mod d in front, and zeros
// after the input up to a multiple of d) is written explicitly. Outputs the
// trailing zeros add past the dilated output's extent are cropped.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"
#include "passes/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_DILATEDCONVTODENSE
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// How one spatial dimension of a dilated convolution splits into phases.
struct PhaseSplit {
  /// Phases along the dimension (the dilation, or 1 where the kernel has one
  /// tap and the dilation changes nothing).
  int64_t phases;
  /// Zeros written in front of and after the input so that the padded
  /// extent is a multiple of `phases` and the phases line up with the
  /// dilated windows.
  int64_t frontZeros, backZeros;
  /// Padding of the dense convolution, per phase grid.
  int64_t denseBegin, denseEnd;
};

/// The split of spatial dimension `i` of `window` over an input extent `in`.
PhaseSplit splitPhases(const SlidingWindow &window, unsigned i, int64_t in) {
  int64_t d = window.kernel[i] > 1 ? window.dilation[i] : 1;
  PhaseSplit split;
  split.phases = d;
  split.frontZeros = window.padBegin[i] % d;
  split.denseBegin = window.padBegin[i] / d;
  int64_t written = split.frontZeros + in;
  split.backZeros = (d - written % d) % d;
  // The back zeros already stand for part of pad_end; the dense convolution
  // pads whole phase positions for the rest.
  split.denseEnd = llvm::divideCeil(
      std::max<int64_t>(0, window.padEnd[i] - split.backZeros), d);
  return split;
}

struct DilatedConvToDensePattern : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType inputType = op.getInput().getType();
    RankedTensorType resultType = op.getType();
    if (!inputType.hasStaticShape() || !resultType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    SlidingWindow window = op.getWindow();
    unsigned rank = window.getRank();
    ArrayRef<int64_t> inShape = inputType.getShape();
    SmallVector<PhaseSplit> splits;
    bool dilated = false;
    for (unsigned i = 0; i < rank; ++i) {
      splits.push_back(splitPhases(window, i, inShape[2 + i]));
      if (splits.back().phases == 1)
        continue;
      dilated = true;
      if (window.stride[i] != 1)
        return rewriter.notifyMatchFailure(
            op, "a dilated dimension has a stride above 1");
    }
    if (!dilated)
      return rewriter.notifyMatchFailure(op, "no dilation above 1 that "
                                             "matters (kernel extent > 1)");

    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    int64_t batch = inShape[0], channels = inShape[1];
    Value x = op.getInput();

    // [N, C, S...] with the explicit zeros: [N, C, M * d...].
    SmallVector<int64_t> paddedShape = {batch, channels};
    SmallVector<int64_t> starts = {0, 0};
    for (unsigned i = 0; i < rank; ++i) {
      paddedShape.push_back(splits[i].frontZeros + inShape[2 + i] +
                            splits[i].backZeros);
      starts.push_back(splits[i].frontZeros);
    }
    if (ArrayRef<int64_t>(paddedShape) != inShape) {
      Value zeros = zerosOf(
          b, RankedTensorType::get(paddedShape, inputType.getElementType()));
      x = SliceScatterOp::create(b, zeros, x, starts, DenseI64ArrayAttr());
    }

    // Space to batch: [N, C, M1, d1, M2, d2, ...] -> [d1, d2, ..., N, C,
    // M1, M2, ...] -> [d1 * d2 * ... * N, C, M1, M2, ...].
    SmallVector<int64_t> phaseShape = {batch, channels};
    SmallVector<int64_t> toBatch, gridShape;
    int64_t phaseCount = 1;
    for (unsigned i = 0; i < rank; ++i) {
      int64_t d = splits[i].phases;
      phaseShape.push_back(paddedShape[2 + i] / d);
      phaseShape.push_back(d);
      toBatch.push_back(3 + 2 * i);
      gridShape.push_back(paddedShape[2 + i] / d);
      phaseCount *= d;
    }
    toBatch.append({0, 1});
    for (unsigned i = 0; i < rank; ++i)
      toBatch.push_back(2 + 2 * i);
    SmallVector<int64_t> batchedShape = {phaseCount * batch, channels};
    batchedShape.append(gridShape);
    Value batched = ReshapeOp::create(
        b, TransposeOp::create(b, ReshapeOp::create(b, x, phaseShape), toBatch),
        batchedShape);

    // The dense convolution of every phase grid; dimensions without
    // dilation keep their stride and padding.
    SmallVector<int64_t> padding, stride;
    for (unsigned i = 0; i < rank; ++i) {
      bool split = splits[i].phases > 1;
      padding.push_back(split ? splits[i].denseBegin : window.padBegin[i]);
      stride.push_back(split ? 1 : window.stride[i]);
    }
    for (unsigned i = 0; i < rank; ++i)
      padding.push_back(splits[i].phases > 1 ? splits[i].denseEnd
                                             : window.padEnd[i]);
    Value dense = ConvOp::create(
        b, batched, op.getWeight(), op.getBias(), stride, padding,
        /*dilation=*/SmallVector<int64_t>(rank, 1), op.getGroups());

    // Batch to space: [d1, d2, ..., N, F, Q1, Q2, ...] -> [N, F, Q1, d1,
    // Q2, d2, ...] -> [N, F, Q1 * d1, Q2 * d2, ...], cropped to the output.
    ArrayRef<int64_t> denseShape = tensorTypeOf(dense).getShape();
    int64_t features = denseShape[1];
    SmallVector<int64_t> unstacked;
    for (unsigned i = 0; i < rank; ++i)
      unstacked.push_back(splits[i].phases);
    unstacked.append({batch, features});
    unstacked.append(denseShape.begin() + 2, denseShape.end());
    SmallVector<int64_t> toSpace = {rank, rank + 1};
    SmallVector<int64_t> interleavedShape = {batch, features};
    for (unsigned i = 0; i < rank; ++i) {
      toSpace.append({rank + 2 + i, i});
      interleavedShape.push_back(denseShape[2 + i] * splits[i].phases);
    }
    Value result = ReshapeOp::create(
        b,
        TransposeOp::create(b, ReshapeOp::create(b, dense, unstacked), toSpace),
        interleavedShape);
    if (ArrayRef<int64_t>(interleavedShape) != resultType.getShape())
      result = SliceOp::create(b, result, SmallVector<int64_t>(rank + 2, 0),
                               resultType.getShape(), DenseI64ArrayAttr());
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct DilatedConvToDensePass
    : nnc::impl::DilatedConvToDenseBase<DilatedConvToDensePass> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateDilatedConvToDensePatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace

void nnc::populateDilatedConvToDensePatterns(RewritePatternSet &patterns) {
  patterns.add<DilatedConvToDensePattern>(patterns.getContext());
}
