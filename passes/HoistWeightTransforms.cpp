//===- HoistWeightTransforms.cpp - Weight-only work into prepare ----------===//
//
// An inference model recomputes, on every call, whatever it derives from its
// weights alone: the transposes of linear layers' weights (which leave the
// GEMM reading B transposed, a dot-product kernel about 1.6 times slower
// than the plain one), an LSTM's split and summed biases. This pass moves
// that work into `@<entry>_prepare`, which the runtime calls once when the
// weights are bound (and again whenever they change), as ONNX Runtime
// prepacks its weights at session start.
//
// A transpose that only narrow products read (fewer columns than a vector:
// a classifier's) stays, for the lowering to read the weight in place.
//
// A top-level op of the entry is weight-only when it is a side-effect free
// nn op without regions whose operands are weight-only values (the
// `nn.param` and `nn.buffer` arguments, the results of weight-only ops) or
// constants, at least one of them weight-only, and whose results are no
// larger than its weight-only operands together (a broadcast that grows
// stays in the entry). Weight-only results that the remaining entry reads
// become `nn.derived` arguments of the entry and results of the prepare
// function, which takes every param and buffer of the entry in order. A
// reshape or slice read by the entry stays there (it is a view; a derived
// copy would only take memory). Train steps (functions with `nn.state`
// arguments) update their weights on every call and are left alone, and so
// are functions that are called (their signature is not theirs to change).
//
//===----------------------------------------------------------------------===//

#include "ir/NNDialect.h"
#include "ir/NNOps.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"

namespace nnc {
#define GEN_PASS_DEF_HOISTWEIGHTTRANSFORMS
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using nnc::nn::NNDialect;

namespace {

/// Elements of `value`'s static tensor type, or nullopt.
std::optional<int64_t> elementCount(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  return type.getNumElements();
}

/// Whether `op` only views its operand (a reshape or a slice).
bool isView(Operation *op) {
  return isa<nnc::nn::ReshapeOp, nnc::nn::SliceOp>(op);
}

/// Whether `op`, at the top level of the entry, computes from the weights
/// alone (`weightOnly` holds the weight-only values so far).
bool isWeightOnly(Operation *op, const llvm::DenseSet<Value> &weightOnly) {
  if (!isa<NNDialect>(op->getDialect()) || op->getNumRegions() != 0 ||
      !isMemoryEffectFree(op) || op->getNumResults() == 0)
    return false;
  int64_t weightElements = 0;
  for (Value operand : op->getOperands()) {
    if (weightOnly.contains(operand)) {
      std::optional<int64_t> count = elementCount(operand);
      if (!count)
        return false;
      weightElements += *count;
    } else if (!matchPattern(operand, m_Constant())) {
      return false;
    }
  }
  if (weightElements == 0)
    return false;
  int64_t resultElements = 0;
  for (Value result : op->getResults()) {
    std::optional<int64_t> count = elementCount(result);
    if (!count)
      return false;
    resultElements += *count;
  }
  return resultElements <= weightElements;
}

/// Whether `op` transposes a matrix that every user multiplies from the
/// right, in products of fewer than `narrowColumns` columns: the lowering
/// reads it in place (a transposed-B matmul), so it stays. The default, 16,
/// is a vector of f32 with AVX-512: the CPU's transposed-B kernel (dot
/// products along the weight's rows) runs products narrower than that
/// faster than the plain GEMM runs them on a transposed copy (a
/// classifier's 10 outputs by 512 inputs: 1.2 against 2.6 us for one row,
/// 4.3 against 9.0 for 32).
bool isReadInPlaceByNarrowProducts(Operation *op, int64_t narrowColumns) {
  auto transpose = dyn_cast<nnc::nn::TransposeOp>(op);
  if (!transpose || transpose.getPerm() != ArrayRef<int64_t>{1, 0} ||
      transpose.getType().getDimSize(1) >= narrowColumns)
    return false;
  return llvm::all_of(transpose->getUsers(), [&](Operation *user) {
    auto product = dyn_cast<nnc::nn::MatmulOp>(user);
    return product && product.getRhs() == transpose.getResult() &&
           product.getLhs() != transpose.getResult();
  });
}

/// The name of the weight argument `value` derives from along first
/// weight-only operands, for naming derived tensors.
StringRef sourceWeightName(Value value,
                           const llvm::DenseSet<Value> &weightOnly) {
  while (Operation *op = value.getDefiningOp()) {
    auto operand = llvm::find_if(
        op->getOperands(), [&](Value v) { return weightOnly.contains(v); });
    value = *operand;
  }
  auto arg = cast<BlockArgument>(value);
  auto func = cast<func::FuncOp>(arg.getOwner()->getParentOp());
  for (StringRef attr : {NNDialect::kParamAttrName, NNDialect::kBufferAttrName})
    if (auto name = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), attr))
      return name.getValue();
  return "weight";
}

/// Hoists the weight-only work of `entry` into `@<entry>_prepare`, but for
/// the transposes products narrower than `narrowColumns` read.
LogicalResult hoist(func::FuncOp entry, int64_t narrowColumns) {
  SmallVector<unsigned> weightArgs;
  for (unsigned i = 0; i < entry.getNumArguments(); ++i) {
    if (entry.getArgAttr(i, NNDialect::kStateAttrName) ||
        entry.getArgAttr(i, NNDialect::kDerivedAttrName))
      return success(); // a train step, or hoisted already
    if (entry.getArgAttr(i, NNDialect::kParamAttrName) ||
        entry.getArgAttr(i, NNDialect::kBufferAttrName))
      weightArgs.push_back(i);
  }
  // A function something calls keeps its signature.
  auto module = entry->getParentOfType<ModuleOp>();
  if (weightArgs.empty() || !entry.getBody().hasOneBlock() ||
      !SymbolTable::symbolKnownUseEmpty(entry, module))
    return success();

  llvm::DenseSet<Value> weightOnly;
  for (unsigned i : weightArgs)
    weightOnly.insert(entry.getArgument(i));
  llvm::SetVector<Operation *> hoisted;
  for (Operation &op : entry.getBody().front()) {
    if (!isWeightOnly(&op, weightOnly) ||
        isReadInPlaceByNarrowProducts(&op, narrowColumns))
      continue;
    hoisted.insert(&op);
    weightOnly.insert(op.result_begin(), op.result_end());
  }

  // The hoisted ops leave the entry, except views whose results it reads:
  // those stay (and are also copied into the prepare function when other
  // hoisted ops read them), so that the entry reads what they view.
  llvm::SetVector<Operation *> moved = hoisted;
  // The op at the top level of the entry that holds `user`.
  auto topLevel = [&](Operation *user) {
    return entry.getBody().front().findAncestorOpInBlock(*user);
  };
  auto readByEntry = [&](Value value) {
    return llvm::any_of(value.getUsers(), [&](Operation *user) {
      return !moved.contains(topLevel(user));
    });
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (Operation *op : llvm::reverse(moved.getArrayRef())) {
      if (isView(op) && llvm::any_of(op->getResults(), readByEntry)) {
        moved.remove(op);
        changed = true;
        break;
      }
    }
  }
  // What the prepare function computes: the moved ops and what they read.
  llvm::DenseSet<Operation *> needed(moved.begin(), moved.end());
  for (Operation *op : llvm::reverse(hoisted.getArrayRef()))
    if (llvm::any_of(op->getUsers(), [&](Operation *user) {
          return needed.contains(topLevel(user));
        }))
      needed.insert(op);
  SmallVector<Value> derived;
  for (Operation *op : moved)
    for (Value result : op->getResults())
      if (readByEntry(result))
        derived.push_back(result);
  if (derived.empty())
    return success();

  // @<entry>_prepare(weights...) -> derived...
  std::string prepareName = (entry.getSymName() + "_prepare").str();
  if (module.lookupSymbol(prepareName))
    return entry.emitError()
           << "cannot hoist the weight-only work of @" << entry.getSymName()
           << ": @" << prepareName << " is already defined";
  OpBuilder b(entry);
  b.setInsertionPointAfter(entry);
  SmallVector<Type> weightTypes, derivedTypes;
  for (unsigned i : weightArgs)
    weightTypes.push_back(entry.getArgument(i).getType());
  for (Value value : derived)
    derivedTypes.push_back(value.getType());
  auto prepare =
      func::FuncOp::create(b, entry.getLoc(), prepareName,
                           b.getFunctionType(weightTypes, derivedTypes));
  Block *body = prepare.addEntryBlock();
  IRMapping mapping;
  for (auto [index, i] : llvm::enumerate(weightArgs)) {
    mapping.map(entry.getArgument(i), body->getArgument(index));
    prepare.setArgAttrs(index, entry.getArgAttrDict(i));
  }
  b.setInsertionPointToStart(body);
  // The constants the hoisted ops read, copied into the prepare function.
  llvm::SetVector<Operation *> constants;
  for (Operation *op : hoisted) {
    if (!needed.contains(op))
      continue;
    for (Value operand : op->getOperands()) {
      if (mapping.contains(operand))
        continue;
      constants.insert(operand.getDefiningOp());
      mapping.map(operand, b.clone(*operand.getDefiningOp())->getResult(0));
    }
    b.clone(*op, mapping);
  }
  SmallVector<Value> results;
  for (Value value : derived)
    results.push_back(mapping.lookup(value));
  func::ReturnOp::create(b, entry.getLoc(), results);

  // Each derived tensor is an argument of the entry, named after the
  // weight it comes from and the op that made it.
  llvm::StringSet<> names;
  for (unsigned i = 0; i < entry.getNumArguments(); ++i)
    for (NamedAttribute attr :
         mlir::function_interface_impl::getArgAttrs(entry, i))
      if (auto name = dyn_cast<StringAttr>(attr.getValue()))
        names.insert(name.getValue());
  // Named before any use is replaced: naming walks the hoisted ops up to
  // a weight.
  SmallVector<std::string> derivedNames;
  for (Value value : derived) {
    std::string base = (sourceWeightName(value, weightOnly) + ":" +
                        value.getDefiningOp()->getName().stripDialect())
                           .str();
    std::string name = base;
    for (int n = 2; !names.insert(name).second; ++n)
      name = base + ":" + std::to_string(n);
    derivedNames.push_back(name);
  }
  for (auto [index, value] : llvm::enumerate(derived)) {
    const std::string &name = derivedNames[index];
    prepare.setResultAttr(index, NNDialect::kOutputAttrName,
                          b.getStringAttr(name));
    unsigned position = entry.getNumArguments();
    if (failed(entry.insertArgument(
            position, value.getType(),
            b.getDictionaryAttr(b.getNamedAttr(NNDialect::kDerivedAttrName,
                                               b.getStringAttr(name))),
            value.getLoc())))
      return failure();
    value.replaceAllUsesWith(entry.getArgument(position));
  }
  for (Operation *op : llvm::reverse(moved.getArrayRef()))
    op->erase();
  for (Operation *constant : constants)
    if (constant->use_empty())
      constant->erase();
  return success();
}

struct HoistWeightTransformsPass
    : nnc::impl::HoistWeightTransformsBase<HoistWeightTransformsPass> {
  using HoistWeightTransformsBase::HoistWeightTransformsBase;

  void runOnOperation() override {
    SmallVector<func::FuncOp> entries;
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (!func.isExternal() &&
          (entry.empty() ? func.isPublic() : func.getSymName() == entry))
        entries.push_back(func);
    for (func::FuncOp func : entries)
      if (failed(hoist(func, narrowColumns)))
        return signalPassFailure();
  }
};

} // namespace
