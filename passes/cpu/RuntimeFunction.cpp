//===- RuntimeFunction.cpp - Declarations of runtime entry points ---------===//

#include "passes/cpu/RuntimeFunction.h"

using namespace mlir;

func::FuncOp nnc::declareRuntimeFunction(OpBuilder &builder, ModuleOp module,
                                         StringRef name, FunctionType type) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(module.getBody());
  auto func = func::FuncOp::create(builder, module.getLoc(), name, type);
  func.setPrivate();
  return func;
}
