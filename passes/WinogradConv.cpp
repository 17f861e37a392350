//===- WinogradConv.cpp - 3x3 convolutions to the Winograd kernel ---------===//
//
// Marks the convolutions that the runtime's Winograd F(4x4, 3x3) kernel
// (nnc_uk_conv3x3_f32) computes faster than the im2col GEMM; nn-to-linalg
// lowers a marked one to linalg.conv_2d_nchw_fchw on its padded input, and
// nnc-cpu-microkernels hands that to the kernel.
//
// Marked: an ungrouped 2-D f32 nn.conv with static shapes, a 3x3 kernel
// and stride 1 (dilated or not: the kernel computes the d x d phases of a
// dilation d as dense convolutions, side by side), at least `min-channels`
// input and output channels (the 36 products are F x C matrices: with few
// channels they cost less than the transforms around them), at least
// `min-pixels` output pixels over the batch, and output rows of at least
// `min-width` pixels (for a dilation d, rows of its phases: every d-th
// pixel): the kernel's transforms are vectors of 8 tiles of a row (32
// pixels), and narrower rows run them in masked vectors, slower than im2col
// (measured, 32 channels in and out: 8 images of 16x16, 0.53 against 0.19
// ms; 2 of 28x28, 0.22 against 0.17 ms; the CNN benchmark at batch 32 with
// its 32x32 convolution of dilation 2 in the kernel, 13.2 against 11.1 ms
// with it on im2col; one image of 32x32, the fewest pixels marked by
// default, 0.08 against 0.10 ms in the kernel). Winograd's sums differ
// from the direct ones by rounding only, a few 1e-6 of the sum of the products'
// magnitudes.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "passes/ConvAlgorithm.h"
#include "passes/Passes.h"

namespace nnc {
#define GEN_PASS_DEF_WINOGRADCONV
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;

namespace {

/// Whether the kernel computes `conv`, whose window is `window` (whatever
/// its size).
bool isWinogradShape(nn::ConvOp conv, const SlidingWindow &window) {
  auto input = conv.getInput().getType();
  auto weight = conv.getWeight().getType();
  if (conv.getGroups() != 1 || window.getRank() != 2 ||
      !input.getElementType().isF32() || !input.hasStaticShape() ||
      !weight.hasStaticShape() || !conv.getType().hasStaticShape())
    return false;
  for (unsigned i = 0; i < 2; ++i)
    if (window.kernel[i] != 3 || window.stride[i] != 1)
      return false;
  return true;
}

struct WinogradConvPass : nnc::impl::WinogradConvBase<WinogradConvPass> {
  using WinogradConvBase::WinogradConvBase;

  void runOnOperation() override {
    getOperation()->walk([&](nn::ConvOp conv) {
      SlidingWindow window = conv.getWindow();
      if (!isWinogradShape(conv, window))
        return;
      ArrayRef<int64_t> out = conv.getType().getShape();
      int64_t channels = conv.getInput().getType().getDimSize(1);
      // A dilated convolution's rows are those of its phases (every d-th
      // pixel).
      int64_t phaseWidth = llvm::divideCeil(out[3], window.dilation[1]);
      if (channels < minChannels || out[1] < minChannels ||
          out[0] * out[2] * out[3] < minPixels || phaseWidth < minWidth)
        return;
      conv->setAttr(kWinogradAttr, UnitAttr::get(conv.getContext()));
    });
  }
};

} // namespace
