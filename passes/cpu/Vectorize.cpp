//===- Vectorize.cpp - Loop nests to the vector dialect -------------------===//
//
// Two shapes of f32 linalg.generic on buffers become loops over vectors of
// the target's width, their bodies evaluated on vectors (each scalar op
// cloned with vector types) between vector.transfer reads and writes:
//
// - Elementwise nests: a parallel loop nest whose innermost loop steps by
//   one vector. Operands the innermost loop does not move (a row's scale
//   or statistic) are loaded and broadcast.
// - Reductions over the innermost loops (a row's sum or maximum, a norm's
//   shifted sums): a parallel loop over the other loops whose body carries
//   up to four registers of partial results per output through loops over
//   the reduction, then reduces them to one value and folds it into the
//   output.
//
// The innermost loop must walk every operand that it moves contiguously:
// the operand's last index is the loop's plus terms without it (a
// convolution's `ow + kw` included), earlier indices do not use it, and
// the buffer's last stride is 1. A last, partial vector of a row is masked
// rather than run by a scalar remainder loop.
//
// These loops are vector code whatever LLVM can prove about the buffers:
// its own vectorizer needs to know that they do not overlap, which it
// cannot for views of one arena (nnc-memory-plan). Left to the loop lowering
// (and LLVM's own vectorizer): reductions over outer loops, integer and mixed
// element types, strided or gathered innermost accesses, bodies with index,
// tensor or memory ops, and rows shorter than half a vector (one vector for
// reductions).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/ReductionCombiner.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/TargetParser/Host.h"

#include <cmath>
#include <functional>

namespace nnc {
#define GEN_PASS_DEF_VECTORIZE
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// The widest vector register of the machine compiling: 512 bits with
/// AVX-512, 256 with AVX, else 128 (SSE, NEON).
int64_t hostVectorBits() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx512f"))
    return 512;
  if (features.lookup("avx"))
    return 256;
  return 128;
}

/// Whether the innermost loop `inner` reaches the memory of `operand`
/// contiguously or not at all: only the last index may use it, as the
/// loop's index plus terms without it, on a buffer whose last stride is 1.
bool innermostIsContiguous(linalg::GenericOp op, OpOperand &operand,
                           unsigned inner) {
  AffineMap map = op.getMatchingIndexingMap(&operand);
  if (!map.isFunctionOfDim(inner))
    return true;
  ArrayRef<AffineExpr> results = map.getResults();
  for (AffineExpr e : results.drop_back())
    if (e.isFunctionOfDim(inner))
      return false;
  AffineExpr rest = simplifyAffineExpr(
      results.back() - getAffineDimExpr(inner, op.getContext()),
      map.getNumDims(), map.getNumSymbols());
  if (rest.isFunctionOfDim(inner))
    return false;
  auto type = cast<MemRefType>(operand.get().getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

/// What both shapes of nest require: buffers of f32 only, static extents,
/// every operand walked contiguously by the innermost loop (or not moved)
/// with indices that are affine in the loops, and a body of arithmetic.
bool hasVectorizableOperandsAndBody(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
      llvm::any_of(op.getStaticLoopRanges(), ShapedType::isDynamic))
    return false;
  unsigned inner = op.getNumLoops() - 1;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !type.getElementType().isF32() ||
        op.getMatchingIndexingMap(&operand).getNumSymbols() != 0 ||
        !innermostIsContiguous(op, operand, inner))
      return false;
  }
  return llvm::all_of(op.getBody()->without_terminator(), [](Operation &o) {
    return isa<arith::ArithDialect, math::MathDialect>(o.getDialect());
  });
}

/// The vector length for an elementwise nest at `bits` per register, or 0
/// when it is not one this pass rewrites: every output written at distinct
/// indices by the innermost loop, rows of at least half a vector.
int64_t elementwiseLanesFor(linalg::GenericOp op, int64_t bits) {
  if (op.getNumReductionLoops() != 0 || !hasVectorizableOperandsAndBody(op))
    return 0;
  unsigned inner = op.getNumLoops() - 1;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    if (!map.isProjectedPermutation() || !map.isFunctionOfDim(inner))
      return 0;
  }
  int64_t lanes = bits / 32;
  return op.getStaticLoopRanges()[inner] >= lanes / 2 ? lanes : 0;
}

/// The vector reduction of a combiner and the element it starts from.
struct Combining {
  vector::CombiningKind kind;
  double neutral;
};

/// The vector reduction of a combiner (an op reductionCombiner returns).
Combining combiningOf(Operation *combiner) {
  if (isa<arith::AddFOp>(combiner))
    return {vector::CombiningKind::ADD, 0.0};
  if (isa<arith::MulFOp>(combiner))
    return {vector::CombiningKind::MUL, 1.0};
  if (isa<arith::MaximumFOp>(combiner))
    return {vector::CombiningKind::MAXIMUMF, -INFINITY};
  if (isa<arith::MaxNumFOp>(combiner))
    return {vector::CombiningKind::MAXNUMF, -INFINITY};
  if (isa<arith::MinimumFOp>(combiner))
    return {vector::CombiningKind::MINIMUMF, INFINITY};
  assert(isa<arith::MinNumFOp>(combiner) && "not a reduction combiner");
  return {vector::CombiningKind::MINNUMF, INFINITY};
}

/// For each output of a reduction nest, the op that folds the next element
/// into its accumulator (reductionCombiner), when that op's result is only
/// yielded. Empty when an output has none.
SmallVector<Operation *> combinersOf(linalg::GenericOp op) {
  SmallVector<Operation *> combiners;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    Operation *combiner = nnc::reductionCombiner(op, init);
    if (!combiner || !combiner->hasOneUse())
      return {};
    combiners.push_back(combiner);
  }
  return combiners;
}

/// The vector length for a reduction nest at `bits` per register (up to
/// four registers' worth), or 0 when it is not one this pass rewrites: its
/// reduction loops are its innermost ones, at least one vector long, and
/// each output, indexed by parallel loops and constants, accumulates with
/// one add, multiply, maximum or minimum.
int64_t reductionLanesFor(linalg::GenericOp op, int64_t bits) {
  unsigned loops = op.getNumLoops();
  unsigned reductions = op.getNumReductionLoops();
  if (reductions == 0 || !hasVectorizableOperandsAndBody(op))
    return 0;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (unsigned d = 0; d < loops; ++d)
    if ((d >= loops - reductions) !=
        (iterators[d] == utils::IteratorType::reduction))
      return 0;
  // Outputs use no reduction loop (reductionCombiner checks that); they
  // are indexed by the parallel loops themselves or constants.
  if (combinersOf(op).empty())
    return 0;
  for (OpOperand &init : op.getDpsInitsMutable())
    for (AffineExpr e : op.getMatchingIndexingMap(&init).getResults())
      if (!isa<AffineDimExpr, AffineConstantExpr>(e))
        return 0;
  int64_t lanes = bits / 32;
  int64_t extent = op.getStaticLoopRanges()[loops - 1];
  if (extent < lanes)
    return 0;
  // Up to 4 registers of partial results: independent chains of adds (or
  // maxima) that cover the latency of each, as an unrolled scalar loop
  // would.
  return lanes * std::min<int64_t>(4, extent / lanes);
}

/// The indices `map` reads at the loop indices `ivs` (null for loops it
/// does not use).
SmallVector<Value> indicesAt(OpBuilder &b, Location loc, AffineMap map,
                             ValueRange ivs) {
  SmallVector<Value> indices;
  for (AffineExpr e : map.getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(e))
      indices.push_back(ivs[dim.getPosition()]);
    else if (auto constant = dyn_cast<AffineConstantExpr>(e))
      indices.push_back(
          arith::ConstantIndexOp::create(b, loc, constant.getValue()));
    else
      indices.push_back(affine::AffineApplyOp::create(
          b, loc, AffineMap::get(map.getNumDims(), 0, e), ivs));
  }
  return indices;
}

/// The vector of `value` in `mapping`, or `value` broadcast (a scalar
/// defined outside the nest).
Value vectorOf(OpBuilder &b, Location loc, IRMapping &mapping, Value value,
               int64_t lanes) {
  if (Value vector = mapping.lookupOrNull(value))
    return vector;
  Value broadcast = vector::BroadcastOp::create(
      b, loc, VectorType::get({lanes}, value.getType()), value);
  mapping.map(value, broadcast);
  return broadcast;
}

/// Evaluates the body of `op` on vectors of `lanes` elements from loop
/// indices `ivs` (the innermost one the first of the vector's): inputs the
/// innermost loop moves are read (under `mask` when it is set), the others
/// loaded and broadcast, and every body op but `skipped` cloned on vectors.
/// Returns the vectors of the body's values.
IRMapping evaluateOnVectors(OpBuilder &b, Location loc, linalg::GenericOp op,
                            ValueRange ivs, Value mask, int64_t lanes,
                            ArrayRef<Operation *> skipped = {}) {
  IRMapping mapping;
  Type f32 = b.getF32Type();
  auto vectorType = VectorType::get({lanes}, f32);
  unsigned inner = op.getNumLoops() - 1;
  Value padding =
      arith::ConstantOp::create(b, loc, f32, b.getFloatAttr(f32, 0));
  // Every operand the body reads: the inputs, and outputs whose current
  // values an elementwise body uses (a reduction's accumulators are its
  // partials instead, mapped by the caller).
  for (OpOperand &operand : op->getOpOperands()) {
    BlockArgument arg = op.getMatchingBlockArgument(&operand);
    if (op.isDpsInit(&operand) &&
        (arg.use_empty() || op.getNumReductionLoops() != 0))
      continue;
    AffineMap map = op.getMatchingIndexingMap(&operand);
    SmallVector<Value> indices = indicesAt(b, loc, map, ivs);
    Value value;
    if (map.isFunctionOfDim(inner)) {
      auto read = vector::TransferReadOp::create(b, loc, vectorType,
                                                 operand.get(), indices,
                                                 padding, ArrayRef<bool>{true});
      if (mask)
        read.getMaskMutable().assign(mask);
      value = read;
    } else {
      value = vector::BroadcastOp::create(
          b, loc, vectorType,
          memref::LoadOp::create(b, loc, operand.get(), indices));
    }
    mapping.map(arg, value);
  }
  for (Operation &nested : op.getBody()->without_terminator()) {
    if (llvm::is_contained(skipped, &nested))
      continue;
    if (auto constant = dyn_cast<arith::ConstantOp>(nested)) {
      auto type = VectorType::get({lanes}, constant.getType());
      mapping.map(
          constant.getResult(),
          arith::ConstantOp::create(
              b, loc, type, SplatElementsAttr::get(type, constant.getValue())));
      continue;
    }
    for (Value operand : nested.getOperands())
      vectorOf(b, loc, mapping, operand, lanes);
    Operation *clone = b.clone(nested, mapping);
    for (Value result : clone->getResults())
      result.setType(VectorType::get({lanes}, result.getType()));
  }
  return mapping;
}

/// A mask of the first `extent - iv` of `lanes` lanes where `extent` is not
/// a multiple of `lanes` (the last vector of a row is partial), else null.
Value tailMask(OpBuilder &b, Location loc, int64_t extent, int64_t lanes,
               Value iv) {
  if (extent % lanes == 0)
    return Value();
  Value left = arith::SubIOp::create(
      b, loc, arith::ConstantIndexOp::create(b, loc, extent), iv);
  return vector::CreateMaskOp::create(
      b, loc, VectorType::get({lanes}, b.getI1Type()), ValueRange{left});
}

/// An scf.parallel nest from 0 to `extents`, stepping by 1 but by
/// `lastStep` in its last dimension, with `body` at the loop indices.
void buildParallelNest(
    OpBuilder &b, Location loc, ArrayRef<int64_t> extents, int64_t lastStep,
    function_ref<void(OpBuilder &, Location, ValueRange)> body) {
  SmallVector<Value> lowers, uppers, steps;
  for (auto [d, extent] : llvm::enumerate(extents)) {
    lowers.push_back(arith::ConstantIndexOp::create(b, loc, 0));
    uppers.push_back(arith::ConstantIndexOp::create(b, loc, extent));
    steps.push_back(arith::ConstantIndexOp::create(
        b, loc, d + 1 == extents.size() ? lastStep : 1));
  }
  scf::ParallelOp::create(b, loc, lowers, uppers, steps, body);
}

/// Replaces an elementwise nest (see elementwiseLanesFor) by a parallel
/// loop nest whose innermost loop steps by `lanes` and writes each output
/// from the body evaluated on vectors.
void vectorizeElementwise(RewriterBase &rewriter, linalg::GenericOp op,
                          int64_t lanes) {
  Location loc = op.getLoc();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  unsigned inner = op.getNumLoops() - 1;
  rewriter.setInsertionPoint(op);
  auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
  buildParallelNest(
      rewriter, loc, ranges, lanes,
      [&](OpBuilder &b, Location loc, ValueRange ivs) {
        Value mask = tailMask(b, loc, ranges[inner], lanes, ivs[inner]);
        IRMapping mapping = evaluateOnVectors(b, loc, op, ivs, mask, lanes);
        for (OpOperand &init : op.getDpsInitsMutable()) {
          Value yielded =
              yield.getOperand(init.getOperandNumber() - op.getNumDpsInputs());
          auto write = vector::TransferWriteOp::create(
              b, loc, vectorOf(b, loc, mapping, yielded, lanes), init.get(),
              indicesAt(b, loc, op.getMatchingIndexingMap(&init), ivs),
              ArrayRef<bool>{true});
          if (mask)
            write.getMaskMutable().assign(mask);
        }
      });
  rewriter.eraseOp(op);
}

/// Replaces a reduction nest (see reductionLanesFor) by a parallel loop
/// over its parallel dimensions whose body keeps a vector of `lanes`
/// partial results per output: the innermost loop steps by `lanes`,
/// evaluates the generic's body on vectors and folds them into the partials
/// (a last, partial vector under a mask, whose other lanes keep theirs),
/// and the partials are reduced to one value that is folded into the
/// output.
void vectorizeReduction(RewriterBase &rewriter, linalg::GenericOp op,
                        int64_t lanes) {
  Location loc = op.getLoc();
  SmallVector<Operation *> combiners = combinersOf(op);
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  unsigned loops = op.getNumLoops();
  unsigned parallel = loops - op.getNumReductionLoops();
  unsigned inner = loops - 1;
  Type f32 = rewriter.getF32Type();
  auto vectorType = VectorType::get({lanes}, f32);

  // The body on vectors at the loop indices `ivs`, folded into `partials`.
  auto foldStep = [&](OpBuilder &b, Location loc, ValueRange ivs, Value mask,
                      ValueRange partials) -> SmallVector<Value> {
    IRMapping mapping =
        evaluateOnVectors(b, loc, op, ivs, mask, lanes, combiners);
    SmallVector<Value> folded;
    for (auto [init, combiner, partial] :
         llvm::zip(op.getDpsInitsMutable(), combiners, partials)) {
      mapping.map(op.getMatchingBlockArgument(&init), partial);
      for (Value operand : combiner->getOperands())
        vectorOf(b, loc, mapping, operand, lanes);
      Operation *clone = b.clone(*combiner, mapping);
      clone->getResult(0).setType(vectorType);
      Value next = clone->getResult(0);
      if (mask)
        next = arith::SelectOp::create(b, loc, mask, next, partial);
      folded.push_back(next);
    }
    return folded;
  };

  // Loops over the reduction dimensions from `d` on, carrying `partials`.
  std::function<SmallVector<Value>(OpBuilder &, Location, SmallVector<Value>,
                                   unsigned, ValueRange)>
      reduceFrom = [&](OpBuilder &b, Location loc, SmallVector<Value> ivs,
                       unsigned d, ValueRange partials) -> SmallVector<Value> {
    bool innermost = d == inner;
    Value lower = arith::ConstantIndexOp::create(b, loc, 0);
    Value upper = arith::ConstantIndexOp::create(b, loc, ranges[d]);
    Value step = arith::ConstantIndexOp::create(b, loc, innermost ? lanes : 1);
    auto loop = scf::ForOp::create(
        b, loc, lower, upper, step, partials,
        [&](OpBuilder &nb, Location nloc, Value iv, ValueRange carried) {
          SmallVector<Value> nestedIvs = ivs;
          nestedIvs.push_back(iv);
          SmallVector<Value> next =
              innermost
                  ? foldStep(nb, nloc, nestedIvs,
                             tailMask(nb, nloc, ranges[d], lanes, iv), carried)
                  : reduceFrom(nb, nloc, nestedIvs, d + 1, carried);
          scf::YieldOp::create(nb, nloc, next);
        });
    return SmallVector<Value>(loop.getResults());
  };

  // One output element per parallel iteration: its partials from the
  // reduction loops, reduced and folded into what the output holds.
  auto reduceAt = [&](OpBuilder &b, Location loc, ValueRange parallelIvs) {
    SmallVector<Value> partials;
    for (Operation *combiner : combiners)
      partials.push_back(arith::ConstantOp::create(
          b, loc, vectorType,
          SplatElementsAttr::get(
              vectorType, b.getFloatAttr(f32, combiningOf(combiner).neutral))));
    SmallVector<Value> ivs(parallelIvs);
    SmallVector<Value> reduced = reduceFrom(b, loc, ivs, parallel, partials);
    // The outputs' indices do not use the reduction loops.
    ivs.resize(loops, Value());
    for (auto [init, combiner, partial] :
         llvm::zip(op.getDpsInitsMutable(), combiners, reduced)) {
      auto reduction =
          vector::ReductionOp::create(b, loc, combiningOf(combiner).kind,
                                      partial, arith::FastMathFlags::reassoc);
      SmallVector<Value> indices =
          indicesAt(b, loc, op.getMatchingIndexingMap(&init), ivs);
      Value old = memref::LoadOp::create(b, loc, init.get(), indices);
      IRMapping fold;
      BlockArgument acc = op.getMatchingBlockArgument(&init);
      for (Value operand : combiner->getOperands())
        fold.map(operand, operand == acc ? old : reduction.getResult());
      Operation *clone = b.clone(*combiner, fold);
      memref::StoreOp::create(b, loc, clone->getResult(0), init.get(), indices);
    }
  };

  rewriter.setInsertionPoint(op);
  if (parallel == 0)
    reduceAt(rewriter, loc, {});
  else
    buildParallelNest(rewriter, loc, ArrayRef(ranges).take_front(parallel),
                      /*lastStep=*/1, reduceAt);
  rewriter.eraseOp(op);
}

struct VectorizePass : nnc::impl::VectorizeBase<VectorizePass> {
  using VectorizeBase::VectorizeBase;

  void runOnOperation() override {
    int64_t bits = vectorBits > 0 ? vectorBits.getValue() : hostVectorBits();
    SmallVector<std::pair<linalg::GenericOp, int64_t>> elementwise, reductions;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (int64_t lanes = elementwiseLanesFor(op, bits))
        elementwise.push_back({op, lanes});
      else if (int64_t lanes = reductionLanesFor(op, bits))
        reductions.push_back({op, lanes});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, lanes] : elementwise)
      vectorizeElementwise(rewriter, op, lanes);
    for (auto [op, lanes] : reductions)
      vectorizeReduction(rewriter, op, lanes);
  }
};

} // namespace
