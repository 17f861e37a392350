//===- WeightPenalty.cpp - The nnc-weight-penalty pass --------------------===//
//
// L1 and L2 regularization as a rewrite of the loss function:
// `loss + l1 * sum(|p|) + l2 * sum(p^2)` over the nn.param arguments, built
// from nn ops so that nnc-autodiff differentiates it with the loss.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace nnc {
#define GEN_PASS_DEF_WEIGHTPENALTY
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;

namespace {

struct WeightPenaltyPass : nnc::impl::WeightPenaltyBase<WeightPenaltyPass> {
  using WeightPenaltyBase::WeightPenaltyBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!(l1 >= 0.0) || !(l2 >= 0.0)) {
      module.emitError() << "weight penalty coefficients must be "
                            "non-negative, got l1 = "
                         << l1 << " and l2 = " << l2;
      return signalPassFailure();
    }
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (!func || func.isExternal()) {
      module.emitError() << "no function @" << function << " to penalize";
      return signalPassFailure();
    }
    auto lossType = func.getNumResults() == 0
                        ? RankedTensorType()
                        : dyn_cast<RankedTensorType>(func.getResultTypes()[0]);
    if (!lossType || lossType.getRank() != 0 ||
        !isa<FloatType>(lossType.getElementType())) {
      func.emitError() << "the loss (result #0 of @" << function
                       << ") must be a rank-0 float tensor to add a weight "
                          "penalty to";
      return signalPassFailure();
    }
    if (l1 == 0.0 && l2 == 0.0)
      return;

    SmallVector<Value> params;
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      auto name =
          func.getArgAttrOfType<StringAttr>(i, nn::NNDialect::kParamAttrName);
      if (!name)
        continue;
      auto type = dyn_cast<RankedTensorType>(func.getArgument(i).getType());
      if (!type || type.getElementType() != lossType.getElementType()) {
        func.emitError() << "param '" << name.getValue() << "' has type "
                         << func.getArgument(i).getType()
                         << "; a weight penalty needs tensors of the loss's "
                            "element type "
                         << lossType.getElementType();
        return signalPassFailure();
      }
      params.push_back(func.getArgument(i));
    }

    for (Block &block : func.getBody()) {
      auto ret = dyn_cast<func::ReturnOp>(block.getTerminator());
      if (!ret)
        continue;
      ImplicitLocOpBuilder b(ret.getLoc(), ret);
      Value loss = ret.getOperand(0);
      for (Value p : params) {
        if (l1 != 0.0)
          loss = addScaledSum(b, loss, nn::AbsOp::create(b, p), l1);
        if (l2 != 0.0)
          loss = addScaledSum(b, loss, nn::MulOp::create(b, p, p), l2);
      }
      ret.setOperand(0, loss);
    }
  }

  /// `loss + coefficient * sum(terms)`.
  static Value addScaledSum(ImplicitLocOpBuilder &b, Value loss, Value terms,
                            double coefficient) {
    Value sum = nn::ReduceSumOp::create(b, terms, ArrayRef<int64_t>{},
                                        /*keepdim=*/false);
    Value scaled =
        nn::MulOp::create(b, sum, nn::scalarLike(b, loss, coefficient));
    return nn::AddOp::create(b, loss, scaled);
  }
};

} // namespace
