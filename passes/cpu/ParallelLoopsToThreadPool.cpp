//===- ParallelLoopsToThreadPool.cpp - Parallel loops on the runtime pool -===//
//
// Each outermost scf.parallel with enough work becomes a call of the
// runtime's nnc_parallel_for (runtime/include/nnc/kernels.h) on a function
// outlined from the loop body, which runs a contiguous range of the loop's
// iterations. The values the body uses from above travel in a closure
// struct on the caller's stack: memrefs as their LLVM descriptors (an
// unrealized cast on each side, which the LLVM lowering folds away),
// indices as i64, scalars and pointers as they are; constants are cloned
// into the outlined function instead, so its bounds fold. The outlined
// function unpacks the closure and calls a range function that takes the
// captured values as arguments, and the aligned pointer of each buffer
// allocated in the function and captured once as an `llvm.noalias`
// argument: loads from a closure would otherwise hide from LLVM what it
// knew of separately allocated buffers, and leave copies between them
// scalar.
//
// Only a leading group of the loop's dimensions is spread over the threads:
// as few as give the pool enough iterations to balance, so the remaining
// ones stay an inner loop that LLVM vectorizes, and a range of the
// parallel iterations needs one division per iteration of the group only.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/cpu/RuntimeFunction.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/ADT/SetVector.h"

namespace nnc {
#define GEN_PASS_DEF_PARALLELLOOPSTOTHREADPOOL
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

constexpr StringLiteral kParallelFor = "nnc_parallel_for";

/// Trips assumed for a loop whose bounds are not constant.
constexpr double kUnknownTrips = 1024;

/// Scalar operations a call costs: calls at this stage run microkernels.
constexpr double kCallWork = 1 << 20;

/// Iterations the distributed dimensions should give the pool at least: a
/// few ranges per thread of any machine this runs on.
constexpr int64_t kMinDistributedIterations = 16;

/// Trips of dimension `dim` of `loop`; empty if the bounds are not constant.
std::optional<int64_t> tripCount(scf::ParallelOp loop, unsigned dim) {
  std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound()[dim]);
  std::optional<int64_t> upper = getConstantIntValue(loop.getUpperBound()[dim]);
  std::optional<int64_t> step = getConstantIntValue(loop.getStep()[dim]);
  if (!lower || !upper || !step || *step <= 0)
    return std::nullopt;
  return *upper <= *lower ? 0 : (*upper - *lower + *step - 1) / *step;
}

/// Trips of one execution of the loop `op` (1 for an op that is no loop).
double tripsOf(Operation *op) {
  if (auto loop = dyn_cast<scf::ParallelOp>(op)) {
    double trips = 1;
    for (unsigned dim = 0; dim < loop.getNumLoops(); ++dim)
      trips *= tripCount(loop, dim).value_or(kUnknownTrips);
    return trips;
  }
  if (auto loop = dyn_cast<scf::ForOp>(op)) {
    std::optional<APInt> trips = loop.getStaticTripCount();
    return trips ? static_cast<double>(trips->getSExtValue()) : kUnknownTrips;
  }
  if (isa<scf::WhileOp>(op))
    return kUnknownTrips;
  return 1;
}

/// An estimate of the scalar operations one execution of `op` runs: an op
/// on vectors (nnc-vectorize's loop bodies) counts one per element.
double workOf(Operation *op) {
  if (isa<CallOpInterface>(op))
    return kCallWork;
  if (op->getNumRegions() == 0) {
    for (Type type : op->getResultTypes())
      if (auto vector = dyn_cast<VectorType>(type))
        return static_cast<double>(vector.getNumElements());
    return 1;
  }
  double body = 0;
  for (Region &region : op->getRegions())
    for (Block &block : region)
      for (Operation &nested : block)
        body += workOf(&nested);
  return body * tripsOf(op);
}

/// The closure field of a captured value of type `type`: memrefs as their
/// LLVM descriptor, indices as i64, integers, floats and pointers as they
/// are; null for any other type.
Type fieldTypeOf(Type type, const LLVMTypeConverter &converter) {
  if (auto memref = dyn_cast<MemRefType>(type))
    return converter.convertType(memref);
  if (type.isIndex())
    return IntegerType::get(type.getContext(), 64);
  if (isa<IntegerType, FloatType, LLVM::LLVMPointerType>(type))
    return type;
  return nullptr;
}

/// Whether the outlined function recreates `value` rather than capturing
/// it: constants and references to globals, which take no operands.
bool isRecreated(Value value) {
  Operation *def = value.getDefiningOp();
  return def && def->getNumOperands() == 0 &&
         (def->hasTrait<OpTrait::ConstantLike>() ||
          isa<memref::GetGlobalOp>(def));
}

/// `func.func private @nnc_parallel_for(!llvm.ptr, i64, !llvm.ptr)`.
func::FuncOp declareParallelFor(ModuleOp module, OpBuilder &builder) {
  Type ptr = LLVM::LLVMPointerType::get(builder.getContext());
  return nnc::declareRuntimeFunction(
      builder, module, kParallelFor,
      builder.getFunctionType({ptr, builder.getI64Type(), ptr}, {}));
}

/// ceil((upper - lower) / step) iterations of a dimension, at least 0.
Value buildTrips(OpBuilder &builder, Location loc, Value lower, Value upper,
                 Value step) {
  Value span = arith::SubIOp::create(builder, loc, upper, lower);
  Value trips = arith::CeilDivSIOp::create(builder, loc, span, step);
  Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
  return arith::MaxSIOp::create(builder, loc, trips, zero);
}

/// Outlines one loop; leaves it as it is (returning failure) when it uses a
/// value from above that the closure cannot carry.
class LoopOutliner {
public:
  LoopOutliner(ModuleOp module, SymbolTable &symbols,
               const LLVMTypeConverter &converter)
      : module(module), symbols(symbols), converter(converter) {}

  LogicalResult outline(scf::ParallelOp loop);

private:
  /// Fills `captured` and `recreated` with the values `loop` uses from
  /// above, its bounds included.
  LogicalResult collectInputs(scf::ParallelOp loop);
  /// Marks the captured memrefs no other captured memref can alias.
  void findDistinctBuffers();
  /// `@<function>_parallel_range(begin, end, fields..., pointers...)`: the
  /// loop's iterations [begin, end), the captured values as closure fields,
  /// then the aligned pointer of each distinct buffer, `llvm.noalias`.
  func::FuncOp buildRange(scf::ParallelOp loop, unsigned distributed);
  /// `@<function>_parallel(begin, end, closure)`, what nnc_parallel_for
  /// calls: unpacks the closure and calls the range function.
  func::FuncOp buildBody(scf::ParallelOp loop, LLVM::LLVMStructType closureType,
                         func::FuncOp range);
  void buildCall(scf::ParallelOp loop, unsigned distributed,
                 LLVM::LLVMStructType closureType, func::FuncOp body);

  ModuleOp module;
  SymbolTable &symbols;
  const LLVMTypeConverter &converter;
  llvm::SetVector<Value> captured;
  llvm::SetVector<Value> recreated;
  SmallVector<Type> fields;
  /// Indices into `captured` of the memrefs marked distinct.
  SmallVector<unsigned> distinct;
};

LogicalResult LoopOutliner::collectInputs(scf::ParallelOp loop) {
  llvm::SetVector<Value> inputs;
  getUsedValuesDefinedAbove(loop.getRegion(), inputs);
  for (ValueRange bounds :
       {loop.getLowerBound(), loop.getUpperBound(), loop.getStep()})
    inputs.insert(bounds.begin(), bounds.end());
  for (Value input : inputs) {
    if (isRecreated(input)) {
      recreated.insert(input);
      continue;
    }
    Type field = fieldTypeOf(input.getType(), converter);
    if (!field)
      return failure();
    captured.insert(input);
    fields.push_back(field);
  }
  return success();
}

/// The number of leading dimensions of `loop` to distribute: the fewest
/// whose iterations reach kMinDistributedIterations (a dimension of unknown
/// extent counts as enough), keeping the last dimension an inner loop
/// where there are several.
unsigned distributedDimensions(scf::ParallelOp loop) {
  unsigned rank = loop.getNumLoops();
  unsigned distributed = 1;
  int64_t iterations = tripCount(loop, 0).value_or(kMinDistributedIterations);
  while (distributed + 1 < rank && iterations < kMinDistributedIterations) {
    iterations *=
        tripCount(loop, distributed).value_or(kMinDistributedIterations);
    ++distributed;
  }
  return distributed;
}

/// The buffer `memref` is a view of: the source of its chain of views.
Value rootBuffer(Value memref) {
  while (auto view = memref.getDefiningOp<ViewLikeOpInterface>())
    memref = view.getViewSource();
  return memref;
}

/// Adds to `reached` the buffers whose memrefs `value` is computed from (a
/// raw pointer or address taken of a buffer, say).
void addBuffersBehind(Value value, llvm::DenseSet<Value> &reached) {
  SmallVector<Value> worklist{value};
  llvm::DenseSet<Operation *> visited;
  while (!worklist.empty()) {
    Operation *def = worklist.pop_back_val().getDefiningOp();
    if (!def || !visited.insert(def).second)
      continue;
    for (Value operand : def->getOperands()) {
      if (isa<MemRefType>(operand.getType()))
        reached.insert(rootBuffer(operand));
      else
        worklist.push_back(operand);
    }
  }
}

void LoopOutliner::findDistinctBuffers() {
  // A buffer allocated in the function and reached through one captured
  // memref only: no other pointer of the range function can reach it (the
  // function's arguments may be views of one caller buffer, and a captured
  // raw pointer or address may point into any buffer it was taken of, so
  // those never count). LLVM then knows its loads and stores do not
  // overlap the others' and vectorizes the copies and elementwise loops
  // between them.
  llvm::DenseMap<Value, unsigned> views;
  llvm::DenseSet<Value> addressed;
  for (Value value : captured) {
    if (isa<MemRefType>(value.getType()))
      ++views[rootBuffer(value)];
    else
      addBuffersBehind(value, addressed);
  }
  for (auto [index, value] : llvm::enumerate(captured)) {
    if (!isa<MemRefType>(value.getType()))
      continue;
    Value root = rootBuffer(value);
    if (views[root] == 1 && !addressed.contains(root) &&
        isa_and_nonnull<memref::AllocOp, memref::AllocaOp>(
            root.getDefiningOp()))
      distinct.push_back(index);
  }
}

/// An internal function named after `parent`, placed after it.
func::FuncOp createHelper(OpBuilder &builder, func::FuncOp parent,
                          StringRef suffix, FunctionType type,
                          SymbolTable &symbols) {
  MLIRContext *context = builder.getContext();
  builder.setInsertionPointAfter(parent);
  auto helper = func::FuncOp::create(builder, parent.getLoc(),
                                     (parent.getName() + suffix).str(), type);
  helper.setPrivate();
  helper->setAttr("llvm.linkage",
                  LLVM::LinkageAttr::get(context, LLVM::Linkage::Internal));
  symbols.insert(helper);
  return helper;
}

func::FuncOp LoopOutliner::buildRange(scf::ParallelOp loop,
                                      unsigned distributed) {
  auto parent = loop->getParentOfType<func::FuncOp>();
  Location loc = loop.getLoc();
  MLIRContext *context = loop.getContext();
  OpBuilder builder(context);
  Type i64 = builder.getI64Type();
  Type ptr = LLVM::LLVMPointerType::get(context);

  SmallVector<Type> inputs{i64, i64};
  llvm::append_range(inputs, fields);
  inputs.append(distinct.size(), ptr);
  func::FuncOp range =
      createHelper(builder, parent, "_parallel_range",
                   builder.getFunctionType(inputs, {}), symbols);
  const unsigned firstPointer = 2 + captured.size();
  for (unsigned i = 0; i < distinct.size(); ++i)
    range.setArgAttr(firstPointer + i, LLVM::LLVMDialect::getNoAliasAttrName(),
                     builder.getUnitAttr());

  Block *entry = range.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  IRMapping mapping;
  for (auto [index, value] : llvm::enumerate(captured)) {
    Value field = entry->getArgument(2 + index);
    Type type = value.getType();
    if (isa<MemRefType>(type)) {
      // A distinct buffer's descriptor takes the noalias pointer as its
      // aligned pointer (field 1), which every access goes through.
      auto *pointer = llvm::find(distinct, index);
      if (pointer != distinct.end())
        field = LLVM::InsertValueOp::create(
            builder, loc, field,
            entry->getArgument(firstPointer + (pointer - distinct.begin())),
            ArrayRef<int64_t>{1});
      field = UnrealizedConversionCastOp::create(builder, loc, type, field)
                  .getResult(0);
    } else if (type.isIndex()) {
      field = arith::IndexCastOp::create(builder, loc, type, field);
    }
    mapping.map(value, field);
  }
  for (Value value : recreated)
    builder.clone(*value.getDefiningOp(), mapping);

  auto mapped = [&](ValueRange values) {
    return llvm::map_to_vector(
        values, [&](Value value) { return mapping.lookup(value); });
  };
  SmallVector<Value> lower = mapped(loop.getLowerBound());
  SmallVector<Value> upper = mapped(loop.getUpperBound());
  SmallVector<Value> step = mapped(loop.getStep());
  SmallVector<Value> trips;
  for (unsigned dim = 0; dim < distributed; ++dim)
    trips.push_back(
        buildTrips(builder, loc, lower[dim], upper[dim], step[dim]));

  Type index = builder.getIndexType();
  Value begin =
      arith::IndexCastOp::create(builder, loc, index, entry->getArgument(0));
  Value end =
      arith::IndexCastOp::create(builder, loc, index, entry->getArgument(1));
  Value one = arith::ConstantIndexOp::create(builder, loc, 1);
  auto iterations = scf::ForOp::create(builder, loc, begin, end, one);
  builder.setInsertionPointToStart(iterations.getBody());

  // The distributed dimensions' induction variables from the linear
  // iteration, the last dimension varying fastest.
  Block *loopBody = loop.getBody();
  Value rest = iterations.getInductionVar();
  for (unsigned dim = distributed; dim-- > 0;) {
    Value position = rest;
    if (dim > 0) {
      position = arith::RemSIOp::create(builder, loc, rest, trips[dim]);
      rest = arith::DivSIOp::create(builder, loc, rest, trips[dim]);
    }
    Value offset = arith::MulIOp::create(builder, loc, position, step[dim]);
    mapping.map(loopBody->getArgument(dim),
                arith::AddIOp::create(builder, loc, lower[dim], offset));
  }

  auto cloneBody = [&](OpBuilder &nested, ValueRange innerIvs) {
    for (auto [dim, iv] : llvm::enumerate(innerIvs))
      mapping.map(loopBody->getArgument(distributed + dim), iv);
    for (Operation &op : loopBody->without_terminator())
      nested.clone(op, mapping);
  };
  unsigned rank = loop.getNumLoops();
  if (distributed == rank) {
    cloneBody(builder, {});
  } else {
    auto innerBounds = [&](ArrayRef<Value> values) {
      return SmallVector<Value>(values.drop_front(distributed));
    };
    scf::ParallelOp::create(builder, loc, innerBounds(lower),
                            innerBounds(upper), innerBounds(step),
                            [&](OpBuilder &nested, Location, ValueRange ivs) {
                              cloneBody(nested, ivs);
                            });
  }
  builder.setInsertionPointToEnd(entry);
  func::ReturnOp::create(builder, loc);
  return range;
}

func::FuncOp LoopOutliner::buildBody(scf::ParallelOp loop,
                                     LLVM::LLVMStructType closureType,
                                     func::FuncOp range) {
  auto parent = loop->getParentOfType<func::FuncOp>();
  Location loc = loop.getLoc();
  OpBuilder builder(loop.getContext());
  Type i64 = builder.getI64Type();
  Type ptr = LLVM::LLVMPointerType::get(loop.getContext());
  func::FuncOp body =
      createHelper(builder, parent, "_parallel",
                   builder.getFunctionType({i64, i64, ptr}, {}), symbols);
  Block *entry = body.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  Value closure =
      LLVM::LoadOp::create(builder, loc, closureType, entry->getArgument(2));
  SmallVector<Value> args{entry->getArgument(0), entry->getArgument(1)};
  for (unsigned index = 0; index < captured.size(); ++index)
    args.push_back(LLVM::ExtractValueOp::create(builder, loc, closure,
                                                static_cast<int64_t>(index)));
  for (unsigned index : distinct)
    args.push_back(LLVM::ExtractValueOp::create(
        builder, loc, closure,
        ArrayRef<int64_t>{static_cast<int64_t>(index), 1}));
  func::CallOp::create(builder, loc, range, args);
  func::ReturnOp::create(builder, loc);
  return body;
}

void LoopOutliner::buildCall(scf::ParallelOp loop, unsigned distributed,
                             LLVM::LLVMStructType closureType,
                             func::FuncOp body) {
  auto parent = loop->getParentOfType<func::FuncOp>();
  Location loc = loop.getLoc();
  OpBuilder builder(loop);
  Type i64 = builder.getI64Type();
  Type ptr = LLVM::LLVMPointerType::get(loop.getContext());

  // The closure's stack slot, once per function: the call returns only
  // after every range has run, so one loop at a time uses it.
  Value slot;
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(&parent.getBody().front());
    Value count = LLVM::ConstantOp::create(builder, loc, i64,
                                           builder.getI64IntegerAttr(1));
    slot = LLVM::AllocaOp::create(builder, loc, ptr, closureType, count);
  }
  Value closure = LLVM::PoisonOp::create(builder, loc, closureType);
  for (auto [index, value] : llvm::enumerate(captured)) {
    Value field = value;
    if (isa<MemRefType>(value.getType()))
      field =
          UnrealizedConversionCastOp::create(builder, loc, fields[index], value)
              .getResult(0);
    else if (value.getType().isIndex())
      field = arith::IndexCastOp::create(builder, loc, i64, value);
    closure = LLVM::InsertValueOp::create(builder, loc, closure, field,
                                          static_cast<int64_t>(index));
  }
  LLVM::StoreOp::create(builder, loc, closure, slot);

  Value iterations = arith::ConstantIndexOp::create(builder, loc, 1);
  for (unsigned dim = 0; dim < distributed; ++dim)
    iterations = arith::MulIOp::create(
        builder, loc, iterations,
        buildTrips(builder, loc, loop.getLowerBound()[dim],
                   loop.getUpperBound()[dim], loop.getStep()[dim]));
  iterations = arith::IndexCastOp::create(builder, loc, i64, iterations);
  Value function = func::ConstantOp::create(
      builder, loc, body.getFunctionType(), SymbolRefAttr::get(body));
  Value pointer =
      UnrealizedConversionCastOp::create(builder, loc, ptr, function)
          .getResult(0);
  func::CallOp::create(builder, loc, declareParallelFor(module, builder),
                       ValueRange{pointer, iterations, slot});
  loop.erase();
}

LogicalResult LoopOutliner::outline(scf::ParallelOp loop) {
  captured.clear();
  recreated.clear();
  fields.clear();
  distinct.clear();
  if (failed(collectInputs(loop)))
    return failure();
  auto closureType =
      LLVM::LLVMStructType::getLiteral(loop.getContext(), fields);
  unsigned distributed = distributedDimensions(loop);
  findDistinctBuffers();
  func::FuncOp range = buildRange(loop, distributed);
  func::FuncOp body = buildBody(loop, closureType, range);
  buildCall(loop, distributed, closureType, body);
  return success();
}

struct ParallelLoopsToThreadPoolPass
    : nnc::impl::ParallelLoopsToThreadPoolBase<ParallelLoopsToThreadPoolPass> {
  using ParallelLoopsToThreadPoolBase::ParallelLoopsToThreadPoolBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<scf::ParallelOp> loops;
    module.walk([&](scf::ParallelOp loop) {
      if (loop.getNumResults() == 0 &&
          !loop->getParentOfType<scf::ParallelOp>() &&
          loop->getParentOfType<func::FuncOp>() &&
          workOf(loop) >= static_cast<double>(minWork))
        loops.push_back(loop);
    });
    SymbolTable symbols(module);
    LLVMTypeConverter converter(&getContext());
    LoopOutliner outliner(module, symbols, converter);
    for (scf::ParallelOp loop : loops)
      (void)outliner.outline(loop);
  }
};

} // namespace
