//===- AttentionLowering.cpp - nn.attention(_grad) untiled, as nn ops -----===//
//
// The reference lowering of scaled dot-product attention and its gradient:
// each op becomes its untiled form (ir/AttentionDecomposition.h), whose
// matmuls, masks and softmax the conversion then lowers to linalg like any
// other nn ops. It materializes the [Lq, Lk] scores; nnc-flash-attention
// runs before it in the CPU pipeline and tiles both ops instead.
//
//===----------------------------------------------------------------------===//

#include "ir/AttentionDecomposition.h"
#include "ir/NNOps.h"
#include "passes/lower/LoweringPatterns.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

/// The operands and attributes of `op`, its operands taken from `adaptor`
/// (the converted values).
template <typename Op, typename Adaptor>
AttentionOperands convertedOperands(Op op, Adaptor adaptor) {
  AttentionOperands operands = attentionOperandsOf(op);
  operands.query = adaptor.getQuery();
  operands.key = adaptor.getKey();
  operands.value = adaptor.getValue();
  operands.mask = adaptor.getMask();
  return operands;
}

struct AttentionLowering : OpConversionPattern<AttentionOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AttentionOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    rewriter.replaceOp(
        op,
        buildAttentionDecomposition(b, convertedOperands(op, adaptor)).result);
    return success();
  }
};

struct AttentionGradLowering : OpConversionPattern<AttentionGradOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AttentionGradOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    AttentionGradients grads = buildAttentionGradientDecomposition(
        b, convertedOperands(op, adaptor), adaptor.getGradOutput());
    rewriter.replaceOp(op, ValueRange{grads.query, grads.key, grads.value});
    return success();
  }
};

} // namespace

void nnc::populateAttentionLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<AttentionLowering, AttentionGradLowering>(patterns.getContext());
}
