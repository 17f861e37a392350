//===- Autodiff.cpp - The nnc-autodiff pass -------------------------------===//
//
// From `@f(args) -> (loss, extras...)` builds `@f_grad(args) -> (loss,
// d loss / d p for every nn.param argument p, extras...)`: a copy of the
// forward computation followed by its backward pass (ReverseMode.h).
//
//===----------------------------------------------------------------------===//

#include "ir/NNDialect.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"
#include "passes/Passes.h"
#include "passes/autodiff/GradExpansion.h"
#include "passes/autodiff/ReverseMode.h"
#include "passes/autodiff/WhileToFor.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

namespace nnc {
#define GEN_PASS_DEF_AUTODIFF
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;

namespace {

/// The nn.param arguments of `func`, after checking that each is a float
/// tensor.
FailureOr<SmallVector<unsigned>> parameterArguments(func::FuncOp func) {
  SmallVector<unsigned> params;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto name =
        func.getArgAttrOfType<StringAttr>(i, nn::NNDialect::kParamAttrName);
    if (!name)
      continue;
    if (!nn::hasFloatElements(func.getArgument(i)))
      return func.emitError()
             << "cannot differentiate with respect to argument #" << i
             << " ('" << name.getValue() << "') of type "
             << func.getArgument(i).getType()
             << ": gradients exist only for float tensors";
    params.push_back(i);
  }
  if (params.empty())
    return func.emitError() << "@" << func.getSymName()
                            << " has no nn.param arguments to differentiate "
                               "with respect to";
  return params;
}

LogicalResult checkLoss(func::FuncOp func) {
  if (func.getNumResults() == 0)
    return func.emitError() << "@" << func.getSymName()
                            << " returns nothing; the loss must be its first "
                               "result";
  auto type = dyn_cast<RankedTensorType>(func.getResultTypes().front());
  if (!type || type.getRank() != 0 || !isa<FloatType>(type.getElementType()))
    return func.emitError() << "the loss (result #0 of @" << func.getSymName()
                            << ") must be a scalar: a rank-0 float tensor, "
                               "got "
                            << func.getResultTypes().front();
  return success();
}

struct AutodiffPass : nnc::impl::AutodiffBase<AutodiffPass> {
  using AutodiffBase::AutodiffBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    ReverseModeOptions options;
    options.recompute = recompute;
    if (failed(expandGradOps(module, options)))
      return signalPassFailure();
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (!func || func.isExternal()) {
      module.emitError() << "no function @" << function << " to differentiate";
      return signalPassFailure();
    }
    if (failed(checkLoss(func)))
      return signalPassFailure();
    auto params = parameterArguments(func);
    if (failed(params))
      return signalPassFailure();
    if (!func.getBody().hasOneBlock()) {
      func.emitError("can only differentiate a function with one block; "
                     "express control flow with scf ops");
      return signalPassFailure();
    }

    auto gradFunc = cast<func::FuncOp>(func->clone());
    gradFunc.setSymName(function + "_grad");
    SymbolTable(module).insert(gradFunc, std::next(func->getIterator()));
    if (failed(convertWhileLoopsToFor(gradFunc)))
      return signalPassFailure();

    Block &body = gradFunc.getBody().front();
    auto ret = cast<func::ReturnOp>(body.getTerminator());
    SmallVector<Operation *> ops;
    for (Operation &op : body.without_terminator())
      ops.push_back(&op);
    Value loss = ret.getOperand(0);
    OpBuilder builder(ret);
    ImplicitLocOpBuilder b(ret.getLoc(), builder);
    Value seed = nn::scalarLike(b, loss, 1.0);
    SmallVector<Value> wrt;
    for (unsigned i : *params)
      wrt.push_back(gradFunc.getArgument(i));
    auto gradients = buildGradients(builder, ops, {{loss, seed}}, wrt, options);
    if (failed(gradients))
      return signalPassFailure();

    // Return (loss, gradients..., extras...) with their names.
    SmallVector<Value> results = {loss};
    results.append(gradients->begin(), gradients->end());
    results.append(std::next(ret.operand_begin()), ret.operand_end());
    MLIRContext *context = &getContext();
    auto outputName = [&](StringRef name) {
      return DictionaryAttr::get(
          context, {NamedAttribute(nn::NNDialect::kOutputAttrName,
                                   StringAttr::get(context, name))});
    };
    SmallVector<Attribute> resultAttrs;
    auto lossName = func.getResultAttrOfType<StringAttr>(
        0, nn::NNDialect::kOutputAttrName);
    resultAttrs.push_back(outputName(lossName ? lossName.getValue() : "loss"));
    for (unsigned i : *params) {
      auto name = func.getArgAttrOfType<StringAttr>(
          i, nn::NNDialect::kParamAttrName);
      resultAttrs.push_back(outputName((name.getValue() + ".grad").str()));
    }
    for (unsigned r = 1; r < func.getNumResults(); ++r)
      resultAttrs.push_back(func.getResultAttrDict(r)
                                ? Attribute(func.getResultAttrDict(r))
                                : DictionaryAttr::get(context, {}));
    func::ReturnOp::create(builder, ret.getLoc(), results);
    ret.erase();
    gradFunc.setFunctionType(FunctionType::get(
        context, gradFunc.getArgumentTypes(), ValueRange(results).getTypes()));
    gradFunc.setAllResultAttrs(resultAttrs);

    // Rules build the gradient of every operand, also of data that needs
    // none; drop what nothing uses.
    IRRewriter rewriter(context);
    (void)simplifyRegions(rewriter, gradFunc->getRegions());
  }
};

} // namespace
