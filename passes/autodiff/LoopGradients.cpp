//===- LoopGradients.cpp - Differentiating scf.for loops ------------------===//

#include "passes/autodiff/LoopGradients.h"
#include "passes/lower/ScanLoop.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace nnc;

namespace {

/// The float tensor results of `loop`'s carried values: those with gradients.
SmallVector<unsigned> differentiable(scf::ForOp loop) {
  SmallVector<unsigned> indices;
  for (auto [i, init] : llvm::enumerate(loop.getInitArgs()))
    if (nn::hasFloatElements(init))
      indices.push_back(i);
  return indices;
}

/// Clones the body of `loop` (all but its terminator) with `mapping`, and
/// returns the clones; the mapping then holds the yielded values.
SmallVector<Operation *> cloneBody(OpBuilder &b, scf::ForOp loop,
                                   IRMapping &mapping) {
  SmallVector<Operation *> clones;
  for (Operation &op : loop.getBody()->without_terminator())
    clones.push_back(b.clone(op, mapping));
  return clones;
}

} // namespace

FailureOr<LoopGradients>
nnc::differentiateForLoop(OpBuilder &builder, scf::ForOp loop,
                          ArrayRef<Value> resultGradients,
                          ArrayRef<Value> captured,
                          const ReverseModeOptions &options) {
  Location loc = loop.getLoc();
  // Every carried value goes on the tape: statically shaped tensors as
  // slices, scalars (counters) as elements; only float tensors have
  // gradients.
  for (auto [i, init] : llvm::enumerate(loop.getInitArgs())) {
    auto type = dyn_cast<RankedTensorType>(init.getType());
    bool tapeable = type ? type.hasStaticShape()
                         : init.getType().isIntOrIndexOrFloat();
    if (!tapeable)
      return loop.emitError()
             << "cannot differentiate through a loop that carries "
             << init.getType() << " (iter_arg #" << i
             << "); loops on the path to the loss may carry statically "
                "shaped tensors and scalars";
  }
  if (!loop.getInductionVar().getType().isIndex())
    return loop.emitError("cannot differentiate a loop whose induction "
                          "variable is not an index");

  // The trip count, computed before the loop so both passes see it.
  OpBuilder before(loop);
  Value lb = loop.getLowerBound(), ub = loop.getUpperBound(),
        step = loop.getStep();
  Value trips = arith::MaxSIOp::create(
      before, loc,
      arith::CeilDivSIOp::create(before, loc,
                                 arith::SubIOp::create(before, loc, ub, lb),
                                 step),
      arith::ConstantIndexOp::create(before, loc, 0));
  OpFoldResult tripExtent = getAsOpFoldResult(trips);
  if (auto constant = getConstantIntValue(ub))
    if (auto lower = getConstantIntValue(lb))
      if (auto stride = getConstantIntValue(step))
        tripExtent = before.getIndexAttr(
            std::max<int64_t>(0, (*constant - *lower + *stride - 1) / *stride));

  // The forward loop, taping the state each iteration starts from.
  SmallVector<Value> inits(loop.getInitArgs());
  size_t carried = inits.size();
  for (Value init : loop.getInitArgs()) {
    auto type = dyn_cast<RankedTensorType>(init.getType());
    SmallVector<OpFoldResult> shape = {tripExtent};
    if (type)
      for (int64_t extent : type.getShape())
        shape.push_back(before.getIndexAttr(extent));
    Type element = type ? type.getElementType() : init.getType();
    inits.push_back(tensor::EmptyOp::create(before, loc, shape, element));
  }
  auto taped = scf::ForOp::create(
      before, loc, lb, ub, step, inits,
      [&](OpBuilder &b, Location bodyLoc, Value iv, ValueRange args) {
        IRMapping mapping;
        mapping.map(loop.getInductionVar(), iv);
        for (size_t i = 0; i < carried; ++i)
          mapping.map(loop.getRegionIterArgs()[i], args[i]);
        Value index = arith::DivUIOp::create(
            b, bodyLoc, arith::SubIOp::create(b, bodyLoc, iv, lb), step);
        SmallVector<Value> tapes;
        for (size_t i = 0; i < carried; ++i)
          tapes.push_back(
              insertStep(b, bodyLoc, args[i], args[carried + i], index));
        cloneBody(b, loop, mapping);
        SmallVector<Value> yields;
        for (Value v : loop.getBody()->getTerminator()->getOperands())
          yields.push_back(mapping.lookupOrDefault(v));
        yields.append(tapes);
        scf::YieldOp::create(b, bodyLoc, yields);
      });

  // The reverse loop: iteration j handles forward iteration T - 1 - j,
  // carrying the gradients of the float tensors the loop carries and of the
  // captured values.
  SmallVector<unsigned> floats = differentiable(loop);
  size_t carriedGrads = floats.size();
  SmallVector<Value> reverseInits;
  for (unsigned i : floats)
    reverseInits.push_back(resultGradients[i]);
  for (Value value : captured) {
    ImplicitLocOpBuilder b(loc, builder);
    reverseInits.push_back(nn::zerosOf(b, nn::tensorTypeOf(value)));
  }
  Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
  Value one = arith::ConstantIndexOp::create(builder, loc, 1);
  bool bodyFailed = false;
  auto reverse = scf::ForOp::create(
      builder, loc, zero, trips, one, reverseInits,
      [&](OpBuilder &b, Location bodyLoc, Value j, ValueRange args) {
        Value index = arith::SubIOp::create(
            b, bodyLoc, arith::SubIOp::create(b, bodyLoc, trips, one), j);
        Value iv = arith::AddIOp::create(
            b, bodyLoc, lb, arith::MulIOp::create(b, bodyLoc, index, step));
        IRMapping mapping;
        mapping.map(loop.getInductionVar(), iv);
        SmallVector<Value> states;
        for (size_t i = 0; i < carried; ++i) {
          Value state =
              extractStep(b, bodyLoc, taped.getResult(carried + i), index,
                          loop.getRegionIterArgs()[i].getType());
          mapping.map(loop.getRegionIterArgs()[i], state);
          states.push_back(state);
        }
        SmallVector<Operation *> body = cloneBody(b, loop, mapping);
        Operation *terminator = loop.getBody()->getTerminator();
        SmallVector<std::pair<Value, Value>> seeds;
        SmallVector<Value> wrt;
        for (auto [k, i] : llvm::enumerate(floats)) {
          seeds.push_back(
              {mapping.lookupOrDefault(terminator->getOperand(i)), args[k]});
          wrt.push_back(states[i]);
        }
        wrt.append(captured.begin(), captured.end());
        auto gradients = buildGradients(b, body, seeds, wrt, options);
        SmallVector<Value> yields;
        if (failed(gradients)) {
          bodyFailed = true;
          yields.assign(args.begin(), args.end());
        } else {
          yields.assign(gradients->begin(),
                        gradients->begin() + carriedGrads);
          ImplicitLocOpBuilder ib(bodyLoc, b);
          for (size_t c = 0; c < captured.size(); ++c)
            yields.push_back(
                nn::AddOp::create(ib, args[carriedGrads + c],
                                  (*gradients)[carriedGrads + c]));
        }
        scf::YieldOp::create(b, bodyLoc, yields);
      });
  if (bodyFailed)
    return failure();

  for (size_t i = 0; i < carried; ++i)
    loop.getResult(i).replaceAllUsesWith(taped.getResult(i));
  loop.erase();

  LoopGradients result;
  result.initGradients.assign(carried, Value());
  for (auto [k, i] : llvm::enumerate(floats))
    result.initGradients[i] = reverse.getResult(k);
  for (size_t c = 0; c < captured.size(); ++c)
    result.capturedGradients.push_back(reverse.getResult(carriedGrads + c));
  return result;
}

FailureOr<LoopGradients>
nnc::differentiateScan(OpBuilder &builder, nn::ScanOp scan,
                       ArrayRef<Value> resultGradients,
                       ArrayRef<bool> needsGradient,
                       ArrayRef<Value> captured,
                       const ReverseModeOptions &options) {
  Location loc = scan.getLoc();
  size_t carried = scan.getInits().size();
  size_t outputs = scan.getOutputs().size();
  size_t sequences = scan.getSequences().size();
  int64_t length = scan.getLength();

  // The forward loop, taping the carried values each step starts from.
  OpBuilder before(scan);
  SmallVector<Value> tapeInits;
  for (Value init : scan.getInits()) {
    auto type = cast<RankedTensorType>(init.getType());
    SmallVector<int64_t> shape = {length};
    llvm::append_range(shape, type.getShape());
    tapeInits.push_back(
        tensor::EmptyOp::create(before, loc, shape, type.getElementType()));
  }
  scf::ForOp taped = buildScanLoop(
      before, scan, tapeInits,
      [&](OpBuilder &b, Location bodyLoc, Value step, ValueRange state,
          ValueRange tapes) {
        SmallVector<Value> next;
        for (auto [value, tape] : llvm::zip_equal(state, tapes))
          next.push_back(insertStep(b, bodyLoc, value, tape, step));
        return next;
      });

  // The reverse loop over the steps, carrying the gradients of the float
  // carried values, of each float sequence (filled in step by step) and of
  // the captured values.
  Block &body = scan.getBody().front();
  SmallVector<unsigned> floatCarried, floatSequences;
  for (unsigned i = 0; i < carried; ++i)
    if (nn::hasFloatElements(scan.getInits()[i]))
      floatCarried.push_back(i);
  for (unsigned i = 0; i < sequences; ++i)
    if (needsGradient[i] && nn::hasFloatElements(scan.getSequences()[i]))
      floatSequences.push_back(i);
  SmallVector<Value> reverseInits;
  ImplicitLocOpBuilder ib(loc, builder);
  for (unsigned i : floatCarried)
    reverseInits.push_back(resultGradients[i]);
  for (unsigned i : floatSequences)
    reverseInits.push_back(
        nn::zerosOf(ib, nn::tensorTypeOf(scan.getSequences()[i])));
  for (Value value : captured)
    reverseInits.push_back(nn::zerosOf(ib, nn::tensorTypeOf(value)));
  size_t sequenceBase = floatCarried.size();
  size_t capturedBase = sequenceBase + floatSequences.size();

  Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
  Value one = arith::ConstantIndexOp::create(builder, loc, 1);
  Value last = arith::ConstantIndexOp::create(builder, loc, length - 1);
  Value steps = arith::ConstantIndexOp::create(builder, loc, length);
  bool bodyFailed = false;
  auto reverse = scf::ForOp::create(
      builder, loc, zero, steps, one, reverseInits,
      [&](OpBuilder &b, Location bodyLoc, Value j, ValueRange args) {
        Value step = arith::SubIOp::create(b, bodyLoc, last, j);
        IRMapping mapping;
        SmallVector<Value> stepArgs;
        for (auto [i, arg] : llvm::enumerate(body.getArguments())) {
          Value stack = i < carried
                            ? taped.getResult(carried + outputs + i)
                            : scan.getSequences()[i - carried];
          Value value = extractStep(b, bodyLoc, stack, step, arg.getType());
          mapping.map(arg, value);
          stepArgs.push_back(value);
        }
        SmallVector<Operation *> cloned;
        for (Operation &op : body.without_terminator())
          cloned.push_back(b.clone(op, mapping));
        Operation *yield = body.getTerminator();
        SmallVector<std::pair<Value, Value>> seeds;
        SmallVector<Value> wrt;
        for (auto [k, i] : llvm::enumerate(floatCarried)) {
          seeds.push_back(
              {mapping.lookupOrDefault(yield->getOperand(i)), args[k]});
          wrt.push_back(stepArgs[i]);
        }
        for (size_t o = 0; o < outputs; ++o) {
          Value gradient = resultGradients[carried + o];
          Value yielded = yield->getOperand(carried + o);
          if (gradient)
            seeds.push_back({mapping.lookupOrDefault(yielded),
                             extractStep(b, bodyLoc, gradient, step,
                                         yielded.getType())});
        }
        for (unsigned i : floatSequences)
          wrt.push_back(stepArgs[carried + i]);
        wrt.append(captured.begin(), captured.end());
        auto gradients = buildGradients(b, cloned, seeds, wrt, options);
        SmallVector<Value> yields;
        if (failed(gradients)) {
          bodyFailed = true;
          yields.assign(args.begin(), args.end());
        } else {
          yields.assign(gradients->begin(),
                        gradients->begin() + floatCarried.size());
          for (size_t k = 0; k < floatSequences.size(); ++k)
            yields.push_back(insertStep(b, bodyLoc,
                                        (*gradients)[sequenceBase + k],
                                        args[sequenceBase + k], step));
          ImplicitLocOpBuilder yb(bodyLoc, b);
          for (size_t c = 0; c < captured.size(); ++c)
            yields.push_back(nn::AddOp::create(
                yb, args[capturedBase + c], (*gradients)[capturedBase + c]));
        }
        scf::YieldOp::create(b, bodyLoc, yields);
      });
  if (bodyFailed)
    return failure();

  scan.replaceAllUsesWith(taped.getResults().take_front(carried + outputs));
  scan.erase();

  LoopGradients result;
  result.initGradients.assign(carried, Value());
  for (auto [k, i] : llvm::enumerate(floatCarried))
    result.initGradients[i] = reverse.getResult(k);
  result.sequenceGradients.assign(sequences, Value());
  for (auto [k, i] : llvm::enumerate(floatSequences))
    result.sequenceGradients[i] = reverse.getResult(sequenceBase + k);
  for (size_t c = 0; c < captured.size(); ++c)
    result.capturedGradients.push_back(reverse.getResult(capturedBase + c));
  return result;
}
