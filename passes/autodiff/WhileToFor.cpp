//===- WhileToFor.cpp - While loops as counted loops ----------------------===//

#include "passes/autodiff/WhileToFor.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace nnc;

namespace {

/// Clones the ops of `block` but its terminator; returns the terminator's
/// operands as mapped.
SmallVector<Value> cloneBlock(OpBuilder &b, Block &block, IRMapping &mapping) {
  for (Operation &op : block.without_terminator())
    b.clone(op, mapping);
  SmallVector<Value> values;
  for (Value v : block.getTerminator()->getOperands())
    values.push_back(mapping.lookupOrDefault(v));
  return values;
}

void convert(scf::WhileOp loop) {
  Location loc = loop.getLoc();
  OpBuilder b(loop);
  Block &before = loop.getBefore().front();
  Block &after = loop.getAfter().front();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);

  // The counting run: the same loop, carrying an iteration count.
  SmallVector<Value> inits(loop.getInits());
  inits.push_back(zero);
  SmallVector<Type> forwarded(loop.getResultTypes());
  forwarded.push_back(b.getIndexType());
  auto counting = scf::WhileOp::create(
      b, loc, forwarded, inits,
      [&](OpBuilder &nested, Location bodyLoc, ValueRange args) {
        IRMapping mapping;
        mapping.map(before.getArguments(), args.drop_back());
        SmallVector<Value> values = cloneBlock(nested, before, mapping);
        SmallVector<Value> passed(values.begin() + 1, values.end());
        passed.push_back(args.back());
        scf::ConditionOp::create(nested, bodyLoc, values.front(), passed);
      },
      [&](OpBuilder &nested, Location bodyLoc, ValueRange args) {
        IRMapping mapping;
        mapping.map(after.getArguments(), args.drop_back());
        SmallVector<Value> next = cloneBlock(nested, after, mapping);
        next.push_back(
            arith::AddIOp::create(nested, bodyLoc, args.back(), one));
        scf::YieldOp::create(nested, bodyLoc, next);
      });
  Value trips = counting.getResults().back();

  // The same iterations as a counted loop over the carried state.
  auto counted = scf::ForOp::create(
      b, loc, zero, trips, one, loop.getInits(),
      [&](OpBuilder &nested, Location bodyLoc, Value, ValueRange state) {
        IRMapping mapping;
        mapping.map(before.getArguments(), state);
        SmallVector<Value> values = cloneBlock(nested, before, mapping);
        mapping.map(after.getArguments(), ArrayRef(values).drop_front());
        scf::YieldOp::create(nested, bodyLoc,
                             cloneBlock(nested, after, mapping));
      });

  // The results are what the final, failing condition forwards.
  IRMapping mapping;
  mapping.map(before.getArguments(), counted.getResults());
  SmallVector<Value> values = cloneBlock(b, before, mapping);
  loop.replaceAllUsesWith(ArrayRef(values).drop_front());
  loop.erase();
}

} // namespace

LogicalResult nnc::convertWhileLoopsToFor(func::FuncOp func) {
  SmallVector<scf::WhileOp> loops;
  func.walk([&](scf::WhileOp loop) { loops.push_back(loop); });
  for (scf::WhileOp loop : loops)
    convert(loop);
  return success();
}
