//===- LoopGradients.cpp - Differentiating scf.for loops ------------------===//

#include "passes/autodiff/LoopGradients.h"
#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace nnc;

namespace {

/// Offsets, sizes and strides of entry `index` of a tape of `entry` tensors.
struct TapeSlice {
  SmallVector<OpFoldResult> offsets, sizes, strides;
};

TapeSlice tapeSlice(OpBuilder &b, Value index, RankedTensorType entry) {
  TapeSlice slice;
  slice.offsets.push_back(index);
  slice.sizes.push_back(b.getIndexAttr(1));
  slice.strides.push_back(b.getIndexAttr(1));
  for (int64_t extent : entry.getShape()) {
    slice.offsets.push_back(b.getIndexAttr(0));
    slice.sizes.push_back(b.getIndexAttr(extent));
    slice.strides.push_back(b.getIndexAttr(1));
  }
  return slice;
}

/// The tape after recording `value` (a tensor or a scalar) as entry `index`.
Value record(OpBuilder &b, Location loc, Value tape, Value index, Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return tensor::InsertOp::create(b, loc, value, tape, index);
  TapeSlice slice = tapeSlice(b, index, type);
  return tensor::InsertSliceOp::create(b, loc, value, tape, slice.offsets,
                                       slice.sizes, slice.strides);
}

/// Entry `index` of `tape`, of `type`.
Value replay(OpBuilder &b, Location loc, Value tape, Value index, Type type) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType)
    return tensor::ExtractOp::create(b, loc, tape, index);
  TapeSlice slice = tapeSlice(b, index, tensorType);
  return tensor::ExtractSliceOp::create(b, loc, tensorType, tape, slice.offsets,
                                        slice.sizes, slice.strides);
}

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
              record(b, bodyLoc, args[carried + i], index, args[i]));
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
          Value state = replay(b, bodyLoc, taped.getResult(carried + i), index,
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
