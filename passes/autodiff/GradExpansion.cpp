//===- GradExpansion.cpp - Gradients inside computations ------------------===//

#include "passes/autodiff/GradExpansion.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace nnc;

namespace {

class GradExpander {
public:
  GradExpander(ModuleOp module, const ReverseModeOptions &options)
      : module(module), options(options) {}

  /// Expands the nn.grad ops of `func` after those of their callees.
  LogicalResult expandIn(func::FuncOp func) {
    if (done.contains(func))
      return success();
    if (!inProgress.insert(func).second)
      return func.emitError() << "@" << func.getSymName()
                              << " takes a gradient of itself (through "
                                 "nn.grad); recursion cannot be expanded";
    SmallVector<nn::GradOp> grads;
    func.walk([&](nn::GradOp op) { grads.push_back(op); });
    for (nn::GradOp op : grads)
      if (failed(expand(op)))
        return failure();
    inProgress.erase(func);
    done.insert(func);
    return success();
  }

private:
  LogicalResult expand(nn::GradOp op) {
    auto callee = module.lookupSymbol<func::FuncOp>(op.getCalleeAttr());
    if (failed(expandIn(callee)))
      return failure();
    if (!callee.getBody().hasOneBlock())
      return op.emitError() << "can only differentiate @" << op.getCallee()
                            << " if it has one block";
    Block &body = callee.getBody().front();
    OpBuilder builder(op);
    ImplicitLocOpBuilder b(op.getLoc(), builder);
    // A value passed for several arguments: the gradient with respect to one
    // of them is a partial derivative, so that argument gets a value of its
    // own (an identity reshape) to differentiate with respect to.
    SmallVector<Value> arguments(op.getOperands());
    for (int64_t index : op.getWrt())
      if (llvm::count(op.getOperands(), arguments[index]) > 1)
        arguments[index] = nn::ReshapeOp::create(
            b, arguments[index],
            nn::tensorTypeOf(arguments[index]).getShape());
    IRMapping mapping;
    mapping.map(body.getArguments(), arguments);
    SmallVector<Operation *> forward;
    for (Operation &inner : body.without_terminator())
      forward.push_back(builder.clone(inner, mapping));
    Value output = mapping.lookupOrDefault(body.getTerminator()->getOperand(0));
    SmallVector<Value> wrt;
    for (int64_t index : op.getWrt())
      wrt.push_back(arguments[index]);
    auto gradients = buildGradients(
        builder, forward, {{output, nn::scalarLike(b, output, 1.0)}}, wrt,
        options);
    if (failed(gradients))
      return failure();
    op.replaceAllUsesWith(*gradients);
    op.erase();
    return success();
  }

  ModuleOp module;
  const ReverseModeOptions &options;
  llvm::DenseSet<Operation *> done, inProgress;
};

} // namespace

LogicalResult nnc::expandGradOps(ModuleOp module,
                                 const ReverseModeOptions &options) {
  GradExpander expander(module, options);
  for (auto func : module.getOps<func::FuncOp>())
    if (!func.isExternal() && failed(expander.expandIn(func)))
      return failure();
  return success();
}
