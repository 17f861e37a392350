//===- ReverseMode.cpp - Building the backward pass of a block ------------===//

#include "passes/autodiff/ReverseMode.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"
#include "passes/autodiff/ActivityAnalysis.h"
#include "passes/autodiff/LoopGradients.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/CallInterfaces.h"

#include <cmath>

using namespace mlir;
using namespace nnc;

namespace {

/// Marks the ops that recomputation cloned.
constexpr llvm::StringLiteral kRecomputedAttrName = "nn.recomputed";

class Differentiator {
public:
  Differentiator(OpBuilder &builder, ArrayRef<Operation *> ops,
                 ArrayRef<std::pair<Value, Value>> seeds, ArrayRef<Value> wrt,
                 const ReverseModeOptions &options)
      : builder(builder), ops(ops), wrt(wrt), options(options),
        activity(ops, wrt, seedValues(seeds)) {
    for (auto [value, gradient] : seeds)
      accumulate(value, gradient);
    if (options.recompute)
      chooseCheckpoints();
  }

  FailureOr<SmallVector<Value>> run() {
    for (Operation *op : llvm::reverse(ops))
      if (activity.isActive(op) && hasResultGradient(op))
        if (failed(differentiate(op)))
          return failure();
    SmallVector<Value> result;
    for (Value value : wrt) {
      Value gradient = adjoints.lookup(value);
      if (!gradient) {
        ImplicitLocOpBuilder b(value.getLoc(), builder);
        gradient = nn::zerosOf(b, nn::tensorTypeOf(value));
      }
      result.push_back(gradient);
    }
    return result;
  }

private:
  static SmallVector<Value> seedValues(ArrayRef<std::pair<Value, Value>> seeds) {
    SmallVector<Value> values;
    for (auto [value, gradient] : seeds)
      values.push_back(value);
    return values;
  }

  void accumulate(Value value, Value gradient) {
    Value &slot = adjoints[value];
    if (!slot) {
      slot = gradient;
      return;
    }
    ImplicitLocOpBuilder b(value.getLoc(), builder);
    slot = nn::AddOp::create(b, slot, gradient);
  }

  bool hasResultGradient(Operation *op) const {
    return llvm::any_of(op->getResults(),
                        [&](Value v) { return adjoints.count(v); });
  }

  /// The gradient of each result of `op`: accumulated ones, zeros for float
  /// results nothing reached, null for the others.
  SmallVector<Value> resultGradients(Operation *op) {
    SmallVector<Value> gradients;
    ImplicitLocOpBuilder b(op->getLoc(), builder);
    for (Value result : op->getResults()) {
      Value gradient = adjoints.lookup(result);
      if (!gradient && nn::hasFloatElements(result))
        gradient = nn::zerosOf(b, nn::tensorTypeOf(result));
      gradients.push_back(gradient);
    }
    return gradients;
  }

  LogicalResult differentiate(Operation *op) {
    SmallVector<Value> resultGrads = resultGradients(op);
    if (auto loop = dyn_cast<scf::ForOp>(op))
      return differentiateLoop(loop, resultGrads);
    if (auto scan = dyn_cast<nn::ScanOp>(op))
      return differentiateScanOp(scan, resultGrads);
    auto rule = dyn_cast<nn::GradientOpInterface>(op);
    if (!rule) {
      InFlightDiagnostic error =
          op->emitError() << "'" << op->getName()
                          << "' has no gradient rule, and the loss depends on "
                             "it through the parameters";
      if (isa<CallOpInterface>(op))
        error << "; inline calls first (the `inline` pass)";
      return error;
    }
    Operation *primal = options.recompute ? recomputed(op) : op;
    ImplicitLocOpBuilder b(op->getLoc(), builder);
    SmallVector<Value> operandGrads(op->getNumOperands());
    if (failed(cast<nn::GradientOpInterface>(primal).buildGradients(
            b, resultGrads, operandGrads)))
      return failure();
    for (auto [operand, gradient] :
         llvm::zip_equal(op->getOperands(), operandGrads))
      if (gradient && activity.isActive(operand))
        accumulate(operand, gradient);
    return success();
  }

  LogicalResult differentiateLoop(scf::ForOp loop,
                                  ArrayRef<Value> resultGrads) {
    SmallVector<Value> captured;
    for (Value value : capturedValues(loop))
      if (activity.isActive(value))
        captured.push_back(value);
    // The loop is replaced by one that keeps a tape: keep its operands.
    SmallVector<Value> inits(loop.getInitArgs());
    auto gradients = differentiateForLoop(builder, loop, resultGrads, captured,
                                          options);
    if (failed(gradients))
      return failure();
    for (auto [init, gradient] : llvm::zip_equal(inits, gradients->initGradients))
      if (gradient && activity.isActive(init))
        accumulate(init, gradient);
    for (auto [value, gradient] :
         llvm::zip_equal(captured, gradients->capturedGradients))
      accumulate(value, gradient);
    return success();
  }

  LogicalResult differentiateScanOp(nn::ScanOp scan,
                                    ArrayRef<Value> resultGrads) {
    SmallVector<Value> captured;
    for (Value value : capturedValues(scan))
      if (activity.isActive(value))
        captured.push_back(value);
    // The scan is replaced by a loop that keeps a tape: keep its operands.
    SmallVector<Value> inits(scan.getInits()), sequences(scan.getSequences());
    SmallVector<bool> needsGradient;
    for (Value sequence : sequences)
      needsGradient.push_back(activity.isActive(sequence));
    auto gradients = differentiateScan(builder, scan, resultGrads,
                                       needsGradient, captured, options);
    if (failed(gradients))
      return failure();
    for (auto [init, gradient] : llvm::zip_equal(inits, gradients->initGradients))
      if (gradient && activity.isActive(init))
        accumulate(init, gradient);
    for (auto [sequence, gradient] :
         llvm::zip_equal(sequences, gradients->sequenceGradients))
      if (gradient && activity.isActive(sequence))
        accumulate(sequence, gradient);
    for (auto [value, gradient] :
         llvm::zip_equal(captured, gradients->capturedGradients))
      accumulate(value, gradient);
    return success();
  }

  //===--------------------------------------------------------------------===//
  // Recomputation (gradient checkpointing)
  //===--------------------------------------------------------------------===//

  /// Keeps the results of every ceil(sqrt(n))-th of the n active ops (and of
  /// loops, which are not recomputed); all other forward values a rule
  /// needs are recomputed from those and from values defined outside `ops`.
  void chooseCheckpoints() {
    SmallVector<Operation *> active;
    for (Operation *op : ops)
      if (activity.isActive(op))
        active.push_back(op);
    int64_t stride = std::max<int64_t>(
        1, static_cast<int64_t>(std::ceil(std::sqrt(active.size()))));
    for (auto [i, op] : llvm::enumerate(active))
      if ((static_cast<int64_t>(i) + 1) % stride == 0)
        checkpoints.insert(op);
    for (Operation *op : ops) {
      inOps.insert(op);
      if (op->getNumRegions() > 0)
        checkpoints.insert(op);
    }
  }

  /// `value` recomputed at the insertion point (or kept, for checkpoints).
  Value recomputedValue(Value value) {
    Operation *def = value.getDefiningOp();
    if (!def || !inOps.contains(def) || checkpoints.contains(def))
      return value;
    if (Value done = recomputation.lookupOrNull(value))
      return done;
    recomputed(def);
    return recomputation.lookup(value);
  }

  /// A clone of `op` at the insertion point on recomputed operands.
  Operation *recomputed(Operation *op) {
    if (checkpoints.contains(op))
      return op;
    if (Value done = recomputation.lookupOrNull(op->getResult(0)))
      return done.getDefiningOp();
    for (Value operand : op->getOperands())
      recomputation.map(operand, recomputedValue(operand));
    Operation *clone = builder.clone(*op, recomputation);
    // Tells common-subexpression elimination that this copy is meant: it
    // keeps the original's value from having to live until here.
    clone->setAttr(kRecomputedAttrName, builder.getUnitAttr());
    return clone;
  }

  OpBuilder &builder;
  ArrayRef<Operation *> ops;
  ArrayRef<Value> wrt;
  const ReverseModeOptions &options;
  ActivityAnalysis activity;
  DenseMap<Value, Value> adjoints;
  llvm::DenseSet<Operation *> checkpoints;
  llvm::DenseSet<Operation *> inOps;
  IRMapping recomputation;
};

} // namespace

FailureOr<SmallVector<Value>>
nnc::buildGradients(OpBuilder &builder, ArrayRef<Operation *> ops,
                    ArrayRef<std::pair<Value, Value>> seeds,
                    ArrayRef<Value> wrt, const ReverseModeOptions &options) {
  return Differentiator(builder, ops, seeds, wrt, options).run();
}
